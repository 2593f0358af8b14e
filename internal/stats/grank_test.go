package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// rankEst is the estimation SARs of the hand-calculated rank tests: three
// events, six estimation days, one missing day each, a tie in event 2.
var rankEst = [][]float64{
	{0.5, -1.2, 0.3, math.NaN(), 1.1, -0.4},
	{-0.2, 0.8, -1.5, 0.8, math.NaN(), 0.1},
	{1.3, -0.7, 0.2, -0.9, 0.4, math.NaN()},
}

// The reference values come from R 4.2.2, transcribing GRank's steps:
//
//	est <- list(c(0.5,-1.2,0.3,NA,1.1,-0.4), c(-0.2,0.8,-1.5,0.8,NA,0.1),
//	            c(1.3,-0.7,0.2,-0.9,0.4,NA))
//	scar <- c(1.2,-0.3,2.1); sstar <- scar/sd(scar)
//	U <- matrix(NA, 3, 7)
//	for (i in 1:3) { g <- c(est[[i]], sstar[i]); ok <- !is.na(g); Ti <- sum(ok)
//	  r <- rep(NA,7); r[ok] <- rank(g[ok]); U[i,] <- r/(Ti+1) - 0.5 }
//	nt <- colSums(!is.na(U)); Ub <- colMeans(U, na.rm=TRUE); n <- 3
//	T <- sum(nt>0); S <- sqrt(sum((nt/n)*Ub^2)/T); Z <- Ub[7]/S
//	tg <- Z*sqrt((T-2)/(T-1-Z^2)); c(Z, 2*pnorm(-abs(Z)), tg, 2*pt(-abs(tg), T-2))
//	→ 1.0441947515323593 0.29639529473405141 1.0537580800973998 0.34022914298254042 (T-2 = 5)
func TestGRank(t *testing.T) {
	nan := math.NaN()
	// The arithmetic, on 3 events, below minRankEvents: rankTests with a
	// floor of 2.
	GRank := func(scar []float64, est [][]float64) (t, z Result) {
		t, z, _ = rankTests(scar, est, nil, nil, nil, 2)
		return t, z
	}
	tt, z := GRank([]float64{1.2, -0.3, 2.1}, rankEst)
	checkResult(t, tt, "grank-t", 1.0537580800973998, 0.34022914298254042, 5, 3)
	checkResult(t, z, "grank-z", 1.0441947515323593, 0.29639529473405141, nan, 3)

	// An event without a SCAR drops out; its estimation SARs do not count.
	tt2, _ := GRank([]float64{1.2, -0.3, 2.1, nan}, append(rankEst, []float64{9, 9, 9, 9, 9, 9}))
	checkResult(t, tt2, "grank-t", tt.Stat, tt.P, 5, 3)

	// Ranks depend on the SCARs only through their order within each
	// event after re-standardization: scaling all SCARs changes nothing.
	tt3, _ := GRank([]float64{12, -3, 21}, rankEst)
	near(t, "scale invariance", tt3.Stat, tt.Stat, 1e-12)

	for _, tc := range []struct {
		scar []float64
		est  [][]float64
		na   string
	}{
		{[]float64{1}, rankEst[:1], "needs at least 2 events"},
		{[]float64{1, 1, 1}, rankEst, "zero cross-sectional variance of the standardized CARs"},
		{[]float64{1, 2}, [][]float64{{0.1}, {0.2}}, "needs at least 2 estimation days with a rank"},
	} {
		a, b := GRank(tc.scar, tc.est)
		if a.NA != tc.na || b.NA != tc.na || !math.IsNaN(a.Stat) {
			t.Errorf("GRank(%v): %+v, %+v, want n/a %q", tc.scar, a, b, tc.na)
		}
	}
}

func TestGRankPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("GRank with unequal lengths did not panic")
		}
	}()
	GRank([]float64{1, 2}, rankEst)
}

// TestMeanRanksTies checks the merge-based mid-ranks of rankSums.add
// against midranks on values with ties between and within the estimation
// and event values, and with values that differ only in their last bits
// (which sortedOrder's packed keys cannot order by themselves).
func TestMeanRanksTies(t *testing.T) {
	tiny := math.Nextafter(0.5, 1)
	est := []float64{0.5, tiny, -1, 0.5, math.NaN(), 2, 0, tiny, -1}
	ev := []float64{0.5, -1, 3}
	all := append(present(est), ev...)
	k, _ := midranks(all)
	t1 := float64(len(all) + 1)
	r := newRankSums(len(est), len(ev))
	order := sortedOrder(est, new(sortScratch), true)
	r.add(est, order, hasTies(est, order), ev)
	j := 0
	for d, v := range est {
		if math.IsNaN(v) {
			if r.estCnt[d] != 0 {
				t.Errorf("day %d (NaN) ranked", d)
			}
			continue
		}
		near(t, "est U", r.estSum[d], k[j]/t1-0.5, 1e-15)
		j++
	}
	for d := range ev {
		near(t, "event U", r.evSum[d], k[j]/t1-0.5, 1e-15)
		j++
	}
}

// TestRankOrderCached checks that the rank tests give the same results
// with the estimation orders kept by Analyze (EventResult.estOrder) as
// with the SARs sorted on each call, on days and windows that lie apart
// from the estimation window and on one that overlaps it (where the
// tested days are taken out of the ranking and the order is not used).
func TestRankOrderCached(t *testing.T) {
	rng := rand.New(rand.NewPCG(2011, 1))
	est := Window{-60, -6}
	var cached, sorted []*EventResult
	for range 25 {
		n := 70
		r, m := make([]float64, n), make([]float64, n)
		for d := range n {
			m[d] = 0.01 * rng.NormFloat64()
			r[d] = m[d] + 0.02*rng.NormFloat64()
			if rng.IntN(20) == 0 {
				r[d] = math.NaN()
			}
		}
		e, err := Analyze(Event{First: -60, R: r, Rm: m}, MarketModel, est, []Window{{-1, 1}}, 30)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.estOrder) == 0 {
			t.Fatal("Analyze kept no estimation order")
		}
		c := *e
		c.estOrder = nil
		cached, sorted = append(cached, e), append(sorted, &c)
	}
	for _, w := range []Window{{0, 0}, {2, 2}, {-1, 1}, {0, 9}, {-8, 0}} {
		a, b := WindowTests(cached, est, w), WindowTests(sorted, est, w)
		if w.From == w.To {
			a, b = DayTests(cached, est, w.From), DayTests(sorted, est, w.From)
		}
		for j := range a {
			if a[j].Stat != b[j].Stat && !(math.IsNaN(a[j].Stat) && math.IsNaN(b[j].Stat)) {
				t.Errorf("%v %s: %v with the kept order, %v sorted", w, a[j].Test, a[j].Stat, b[j].Stat)
			}
		}
	}
}
