package stats

import (
	"math"
	"testing"
)

// R 4.2.2, with est as in TestGRank:
//
//	cz <- function(win) { win <- as.matrix(win); L <- ncol(win)
//	  w2 <- sweep(win, 2, apply(win, 2, sd), "/"); U <- matrix(NA, 3, 6+L)
//	  for (i in 1:3) { g <- c(est[[i]], w2[i,]); ok <- !is.na(g); Ti <- sum(ok)
//	    r <- rep(NA, 6+L); r[ok] <- rank(g[ok]); U[i,] <- r/(Ti+1) - 0.5 }
//	  Ub <- colMeans(U, na.rm=TRUE); T <- sum(!is.nan(Ub))
//	  SU <- sqrt(sum(Ub^2, na.rm=TRUE)/T); stat <- sum(Ub[7:(6+L)])/(sqrt(L)*SU)
//	  c(stat, 2*pnorm(-abs(stat))) }
//	win <- rbind(c(1.5,-0.2), c(-0.6,0.9), c(2.2,0.4))
//	cz(win)                    → 1.3049453947848881 0.19191144220117579
//	cz(win[, 1, drop=FALSE])   → 0.95657340530591894 0.33878261749843841
func TestCorradoZivney(t *testing.T) {
	nan := math.NaN()
	// The arithmetic, on 3 events, below minRankEvents: rankTests with a
	// floor of 2.
	CorradoZivney := func(est, event [][]float64) Result {
		_, _, cz := rankTests(nil, est, nil, nil, event, 2)
		return cz
	}
	win := [][]float64{{1.5, -0.2}, {-0.6, 0.9}, {2.2, 0.4}}
	checkResult(t, CorradoZivney(rankEst, win), "corrado-zivney", 1.3049453947848881, 0.19191144220117579, nan, 3)
	day := [][]float64{{1.5}, {-0.6}, {2.2}}
	checkResult(t, CorradoZivney(rankEst, day), "corrado-zivney", 0.95657340530591894, 0.33878261749843841, nan, 3)

	// An event missing a window day drops out.
	got := CorradoZivney(append(rankEst, []float64{1, 2, 3, 4, 5, 6}), append(win, []float64{1, nan}))
	checkResult(t, got, "corrado-zivney", 1.3049453947848881, 0.19191144220117579, nan, 3)

	for _, tc := range []struct {
		est, ev [][]float64
		na      string
	}{
		{rankEst[:1], win[:1], "needs at least 2 events"},
		{rankEst, [][]float64{{1}, {1}, {1}}, "zero cross-sectional variance of the standardized abnormal returns on an event day"},
		{[][]float64{{nan}, {nan}}, [][]float64{{1}, {2}}, "no estimation day with a rank"},
	} {
		if got := CorradoZivney(tc.est, tc.ev); got.NA != tc.na || !math.IsNaN(got.Stat) {
			t.Errorf("CorradoZivney(%v): %+v, want n/a %q", tc.ev, got, tc.na)
		}
	}
}
