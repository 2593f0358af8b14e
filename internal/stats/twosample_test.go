package stats

import (
	"math"
	"testing"
)

func TestWelchRankSum(t *testing.T) {
	x := []float64{0.012, -0.004, 0.031, 0.007, -0.015, 0.022, 0.009, math.NaN()}
	y := []float64{-0.02, 0.001, -0.011, -0.03, 0.004, -0.006}
	// R 4.2.2: a <- t.test(x, y) (Welch by default):
	// t 2.4496782924148843, df 10.9998373587322362, p 0.0322644892722546.
	w := Welch(x, y)
	near(t, "welch t", w.Stat, 2.4496782924148843, 1e-12)
	near(t, "welch df", w.DF, 10.9998373587322362, 1e-10)
	near(t, "welch p", w.P, 0.0322644892722546, 1e-10)
	if w.N != 13 {
		t.Errorf("welch N = %d, want 13 (the NaN left out)", w.N)
	}
	// R 4.2.2: wilcox.test(x, y, exact = FALSE, correct = TRUE):
	// W 36, p 0.0383187631494136.
	r := RankSum(x, y)
	near(t, "rank-sum W", r.Stat, 36, 0)
	near(t, "rank-sum p", r.P, 0.0383187631494136, 1e-12)
	// With ties: wilcox.test(c(1,2,2,3,5), c(2,3,3,4,6,7), exact = FALSE,
	// correct = TRUE): W 7, p 0.163045055854237 (R 4.2.2).
	r = RankSum([]float64{1, 2, 2, 3, 5}, []float64{2, 3, 3, 4, 6, 7})
	near(t, "rank-sum W ties", r.Stat, 7, 0)
	near(t, "rank-sum p ties", r.P, 0.163045055854237, 1e-12)

	if r := Welch([]float64{1}, y); r.NA == "" {
		t.Error("Welch with one value in a group is not n/a")
	}
	if r := RankSum(nil, y); r.NA == "" {
		t.Error("RankSum with an empty group is not n/a")
	}
}
