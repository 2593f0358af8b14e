package stats

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSmallN checks that the sign and signed-rank tests are n/a below the
// number of events that can reach p < 0.05, and run from it.
func TestSmallN(t *testing.T) {
	nan := math.NaN()
	pos := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i + 1)
		}
		return x
	}
	for _, tc := range []struct {
		name string
		got  Result
		na   string
	}{
		// 2 (1/2)^2 = 0.5; 2 (1/2)^5 = 0.0625 (closed form).
		{"sign N=2", Sign(pos(2)), "needs at least 6 events to reach p < 0.05 (exact two-sided minimum p at N = 2 is 0.5)"},
		{"sign N=5", Sign(pos(5)), "needs at least 6 events to reach p < 0.05 (exact two-sided minimum p at N = 5 is 0.0625)"},
		{"wilcoxon N=2", Wilcoxon([]float64{0.01, 0.02}), "needs at least 6 events to reach p < 0.05 (exact two-sided minimum p at N = 2 is 0.5)"},
		// Zeros carry no sign: 6 values, 5 non-zero.
		{"wilcoxon N=5 and a zero", Wilcoxon(append(pos(5), 0)), "needs at least 6 events to reach p < 0.05 (exact two-sided minimum p at N = 5 is 0.0625)"},
		// 2 (1/2)^2 = 0.5 with p = 0.5; 2 0.3^3 = 0.054 (closed form).
		{"generalized sign N=2", GeneralizedSign(pos(2), 0.5), "needs at least 6 events to reach p < 0.05 (exact two-sided minimum p at N = 2 with p = 0.5 is 0.5)"},
		{"generalized sign N=3 p=0.7", GeneralizedSign(pos(3), 0.7), "needs at least 4 events to reach p < 0.05 (exact two-sided minimum p at N = 3 with p = 0.7 is 0.054)"},
	} {
		if tc.got.NA != tc.na || !math.IsNaN(tc.got.Stat) || !math.IsNaN(tc.got.P) {
			t.Errorf("%s: %+v, want n/a %q", tc.name, tc.got, tc.na)
		}
	}
	// At the floor the tests run. Six positive values: sign z = (6 - 3) /
	// (sqrt(6)/2) = sqrt(6), p = 2*pnorm(-sqrt(6)) = 0.01430587843542965
	// (R 4.2.2); Wilcoxon exact p = 2/2^6 = 0.03125 (R 4.2.2:
	// wilcox.test(1:6)$p.value); generalized sign with p = 0.7 and 4
	// positive of 4: z = (4 - 2.8)/sqrt(4*0.7*0.3) = 1.3093073414159542,
	// p = 0.19043026382552408 (R 4.2.2: 2*pnorm(-z)).
	checkResult(t, Sign(pos(6)), "sign", math.Sqrt(6), 0.01430587843542965, nan, 6)
	checkResult(t, Wilcoxon(pos(6)), "wilcoxon", 21, 0.03125, nan, 6)
	checkResult(t, GeneralizedSign(pos(4), 0.7), "generalized-sign", 1.3093073414159542, 0.19043026382552408, nan, 4)
	for q, want := range map[float64]int{0.5: 6, 0.45: 5, 0.7: 4, 0.1: 2} {
		// The smallest n with 2 min(q, 1-q)^n < 0.05 (closed form):
		// 2*0.45^5 = 0.0369, 2*0.45^4 = 0.082; 2*0.3^4 = 0.0162;
		// 2*0.1^2 = 0.02, 2*0.1 = 0.2.
		if got := minSignEvents(q); got != want {
			t.Errorf("minSignEvents(%v) = %d, want %d", q, got, want)
		}
	}
}

// TestSmallNRank checks the floor of the re-standardized rank tests
// (minRankEvents) and the over-rejection that motivates it, in a cheap
// version of the simulation quoted there: independent N(0,1) SARs, 240
// estimation days, one tested day, rejection at 5%.
func TestSmallNRank(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	sample := func(n int) (scar []float64, est, ev [][]float64) {
		for range n {
			e := make([]float64, 240)
			for k := range e {
				e[k] = rng.NormFloat64()
			}
			s := rng.NormFloat64()
			scar, est, ev = append(scar, s), append(est, e), append(ev, []float64{s})
		}
		return scar, est, ev
	}
	scar, est, ev := sample(minRankEvents - 1)
	gt, gz := GRank(scar, est)
	for _, r := range []Result{gt, gz, CorradoZivney(est, ev)} {
		if !strings.HasPrefix(r.NA, "needs at least 10 events: ") || r.N != minRankEvents-1 {
			t.Errorf("%s with %d events: %+v, want n/a", r.Test, minRankEvents-1, r)
		}
	}
	scar, est, ev = sample(minRankEvents)
	gt, gz = GRank(scar, est)
	for _, r := range []Result{gt, gz, CorradoZivney(est, ev)} {
		if r.NA != "" || r.N != minRankEvents {
			t.Errorf("%s with %d events: %+v, want a value", r.Test, minRankEvents, r)
		}
	}
	if testing.Short() {
		return
	}
	// Rejection rates of GRANK Z over 2,000 samples (sd at most 0.011):
	// with 2 events the simulation found 0.262, and the bound 0.2 is more
	// than 5 sd below; with 10, 0.073, and the bound 0.075 + 3 sd
	// (0.0058) is 0.093.
	const samples = 2000
	for _, tc := range []struct {
		n      int
		lo, hi float64
	}{{2, 0.2, 1}, {minRankEvents, 0, 0.093}} {
		rej := 0
		for range samples {
			scar, est, _ := sample(tc.n)
			_, z, _ := rankTests(scar, est, nil, nil, nil, 2)
			if z.P < 0.05 {
				rej++
			}
		}
		if rate := float64(rej) / samples; rate < tc.lo || rate > tc.hi {
			t.Errorf("GRANK Z with %d events rejected %.4f of true nulls at 5%%, want %.3g..%.3g", tc.n, rate, tc.lo, tc.hi)
		}
	}
}

// TestSmallNRankSum checks the floor of the rank-sum test against R's exact
// minimum (R 4.2.2): wilcox.test(c(4,5,6), c(1,2,3))$p.value = 0.1 (2/20),
// wilcox.test(c(5,6,7), c(1,2,3,4))$p.value = 0.05714285714285714 (2/35),
// wilcox.test(c(5,6,7,8), c(1,2,3,4))$p.value = 0.02857142857142857 (2/70).
func TestSmallNRankSum(t *testing.T) {
	near(t, "min p 3,3", minRankSumP(3, 3), 0.1, 1e-15)
	near(t, "min p 3,4", minRankSumP(3, 4), 0.05714285714285714, 1e-15)
	near(t, "min p 4,3", minRankSumP(4, 3), 0.05714285714285714, 1e-15)
	near(t, "min p 4,4", minRankSumP(4, 4), 0.02857142857142857, 1e-15)
	near(t, "min p 1,1", minRankSumP(1, 1), 1, 0)
	if r := RankSum([]float64{5, 6, 7}, []float64{1, 2, 3, 4}); r.NA != "groups of 3 and 4 events cannot reach p < 0.05 (exact two-sided minimum p 2/C(7, 3) = 0.05714)" || r.N != 7 || !math.IsNaN(r.P) {
		t.Errorf("RankSum of 3 and 4: %+v", r)
	}
	// 4 and 4 run: W = 16, normal approximation with continuity
	// correction p = 0.030382821976577493 (R 4.2.2: wilcox.test(c(5,6,7,8),
	// c(1,2,3,4), exact = FALSE, correct = TRUE)$p.value).
	r := RankSum([]float64{5, 6, 7, 8}, []float64{1, 2, 3, 4})
	near(t, "rank-sum 4,4 W", r.Stat, 16, 0)
	near(t, "rank-sum 4,4 p", r.P, 0.030382821976577493, 1e-12)
}
