package stats

import (
	"math"
	"testing"
)

func TestSkewnessT(t *testing.T) {
	// R 4.2.2, on x1 of tests_test.go:
	// n <- 12; m <- mean(x1); s <- sd(x1); g <- sum((x1-m)^3)/(n*s^3)
	// (0.045935481052914111); S <- m/s; ts <- sqrt(n)*(S+g*S^2/3+g/(6*n))
	// → 2.1365421832921201, 2*pnorm(-abs(ts)) → 0.032635246473590791.
	checkResult(t, SkewnessT(append(x1, math.NaN())), "skew-t", 2.1365421832921201, 0.032635246473590791, math.NaN(), 12)

	// Symmetric data (g = 0): sqrt(N) mean/sd, the t statistic.
	sym := []float64{-0.01, 0.02, 0.03, 0.04, 0.07}
	m, sd := meanSD(sym)
	near(t, "symmetric", SkewnessT(sym).Stat, math.Sqrt(5)*m/sd, 1e-12)
	// Mirroring the data flips the sign of the statistic (g and S both flip).
	neg := make([]float64, len(x1))
	for i, v := range x1 {
		neg[i] = -v
	}
	near(t, "mirror", SkewnessT(neg).Stat, -2.1365421832921201, 1e-12)

	for _, tc := range []struct {
		x  []float64
		na string
	}{
		{[]float64{1, 2}, "needs at least 3 events"},
		{[]float64{1, 1, 1, math.NaN()}, "zero cross-sectional variance"},
	} {
		if got := SkewnessT(tc.x); got.NA != tc.na || !math.IsNaN(got.P) {
			t.Errorf("SkewnessT(%v) = %+v, want n/a %q", tc.x, got, tc.na)
		}
	}
}
