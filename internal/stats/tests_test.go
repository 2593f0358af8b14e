package stats

import (
	"math"
	"testing"
)

// x1 is the sample of the reference values below (12 values, no ties, no
// zeros).
var x1 = []float64{0.012, -0.004, 0.031, 0.007, -0.015, 0.022, 0.003, -0.001, 0.018, 0.009, -0.006, 0.027}

func TestCrossSectionalT(t *testing.T) {
	// R 4.2.2: t.test(x1) → t = 2.1145678923947564, p = 0.058114889134001757, df 11.
	checkResult(t, CrossSectionalT(append(x1, math.NaN())), "t", 2.1145678923947564, 0.058114889134001757, 11, 12)
	// BMP is the same statistic on standardized values.
	checkResult(t, BMP(x1), "bmp", 2.1145678923947564, 0.058114889134001757, 11, 12)
	for _, tc := range []struct {
		x  []float64
		na string
	}{
		{[]float64{0.01, math.NaN()}, "needs at least 2 events"},
		{nil, "needs at least 2 events"},
		{[]float64{0.01, 0.01, 0.01}, "zero cross-sectional variance"},
	} {
		got := CrossSectionalT(tc.x)
		if got.NA != tc.na || !math.IsNaN(got.Stat) || !math.IsNaN(got.P) {
			t.Errorf("CrossSectionalT(%v) = %+v, want n/a %q", tc.x, got, tc.na)
		}
	}
}

func TestWilcoxon(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name    string
		x       []float64
		w, p    float64
		n       int
		comment string
	}{
		// R 4.2.2: wilcox.test(x1, exact=TRUE) → V = 62, p = 0.077148437500000056.
		{"exact", x1, 62, 0.077148437500000056, 12, ""},
		// R 4.2.2: wilcox.test(c(0.5,1.5,...,7.5), exact=TRUE) → V = 36, p = 0.0078125 (= 2/2^8).
		{"exact extreme", []float64{0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5}, 36, 0.0078125000000000017, 8, ""},
		// R 4.2.2: wilcox.test(c(-0.5,1.5,-2.5,3.5,-4.5,5.5,-6.5,7.5), exact=TRUE) → V = 20, p = 0.84375.
		{"exact lower", []float64{-0.5, 1.5, -2.5, 3.5, -4.5, 5.5, -6.5, 7.5}, 20, 0.84375000000000011, 8, ""},
		// R 4.2.2: wilcox.test(c(0.01,-0.01,0.02,0.02,0,-0.03,0.01,0.04,-0.02,0.05),
		// exact=FALSE, correct=TRUE) → V = 31, p = 0.33984073942327331 (zero
		// dropped, ties: normal approximation with tie correction).
		{"ties and zero", []float64{0.01, -0.01, 0.02, 0.02, 0, -0.03, 0.01, 0.04, -0.02, 0.05, nan}, 31, 0.33984073942327331, 9, ""},
		// R 4.2.2: x3 <- sin(1.7*(1:50)) + 0.1; wilcox.test(x3, exact=TRUE) →
		// V = 771, p = 0.20103473802823932 (N = 50 is still exact).
		{"exact N=50", sinSample(50), 771, 0.20103473802823932, 50, ""},
		// R 4.2.2: x4 <- sin(1.7*(1:60)) + 0.1; wilcox.test(x4, exact=FALSE,
		// correct=TRUE) → V = 1115, p = 0.14193051402700288.
		{"normal N=60", sinSample(60), 1115, 0.14193051402700288, 60, ""},
	} {
		got := Wilcoxon(tc.x)
		if got.NA != "" || got.Test != "wilcoxon" || got.N != tc.n || !math.IsNaN(got.DF) {
			t.Errorf("%s: %+v, want N %d", tc.name, got, tc.n)
		}
		near(t, tc.name+" W", got.Stat, tc.w, 0)
		near(t, tc.name+" p", got.P, tc.p, 1e-12)
	}
	if got := Wilcoxon([]float64{0, 0, nan}); got.NA != "no events with a non-zero value" {
		t.Errorf("all zero: %+v", got)
	}
}

func sinSample(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(1.7*float64(i+1)) + 0.1
	}
	return x
}

func TestSignRankCDF(t *testing.T) {
	// n = 3: the 8 subsets of {1,2,3} have sums 0,1,2,3,3,4,5,6, so
	// P(W <= s) = 1,2,3,5,6,7,8 (/8) for s = 0..6 (hand enumeration).
	want := []float64{1, 2, 3, 5, 6, 7, 8}
	got := signRankCDF(3)
	for s := range want {
		near(t, "cdf", got[s], want[s]/8, 0)
	}
	// The distribution sums to one and is symmetric for n = 50.
	c := signRankCDF(50)
	top := len(c) - 1
	near(t, "cdf(top)", c[top], 1, 0)
	for s := 0; s < top; s++ {
		// P(W <= s) = P(W >= top - s) = 1 - P(W <= top - s - 1).
		near(t, "symmetry", c[s], 1-c[top-s-1], 1e-15)
	}
}

func TestSign(t *testing.T) {
	// R 4.2.2: n <- 12; np <- sum(x1 > 0) (= 8); z <- (np - n/2)/(sqrt(n)/2);
	// 2*pnorm(-abs(z)) → z = 1.1547005383792517, p = 0.24821307898992348.
	checkResult(t, Sign(append(x1, math.NaN())), "sign", 1.1547005383792517, 0.24821307898992348, math.NaN(), 12)
	// R 4.2.2: p <- 0.47; z <- (np - n*p)/sqrt(n*p*(1-p)) → z = 1.3650058611363931,
	// p = 0.17225120786511189.
	checkResult(t, GeneralizedSign(x1, 0.47), "generalized-sign", 1.3650058611363931, 0.17225120786511189, math.NaN(), 12)
	// A zero is not positive: (3 - 6/2)/(sqrt(6)/2) = 0 with three zeros
	// and three positive values.
	near(t, "sign of zero", Sign([]float64{0, 0, 0, 1, 2, 3}).Stat, 0, 0)
	if got := Sign(nil); got.NA == "" {
		t.Errorf("Sign(nil) = %+v, want n/a", got)
	}
	for _, p := range []float64{0, 1, math.NaN()} {
		if got := GeneralizedSign(x1, p); got.NA == "" {
			t.Errorf("GeneralizedSign(p = %v) = %+v, want n/a", p, got)
		}
	}
}

func TestBrownWarner(t *testing.T) {
	// Hand formula: estAAR = 0.001, -0.002, 0.003, 0 has mean 0.0005 and
	// sample sd sqrt((0.0005^2 + 0.0025^2 + 0.0025^2 + 0.0005^2)/3)
	// = sqrt(0.000013/3); caar 0.01 over l = 4 days:
	// t = 0.01/(2 sqrt(0.000013/3)) = 2.40..., df 3.
	est := []float64{0.001, math.NaN(), -0.002, 0.003, 0}
	got := BrownWarner(0.01, 7, 4, est)
	want := 0.01 / (2 * math.Sqrt(0.000013/3))
	// R 4.2.2: 2*pt(-0.01/(2*sqrt(0.000013/3)), 3) = 0.095708924634029621.
	checkResult(t, got, "brown-warner", want, 0.095708924634029621, 3, 7)
	if got := BrownWarner(0.01, 7, 1, []float64{0.001}); got.NA == "" {
		t.Errorf("one estimation day: %+v, want n/a", got)
	}
	if got := BrownWarner(math.NaN(), 0, 1, est); got.NA != "no events with data" {
		t.Errorf("no events: %+v", got)
	}
}

func TestPatell(t *testing.T) {
	// Hand formula: SAR 1.2, -0.4, 2.0 with df 98, 48, 8:
	// z = 2.8 / sqrt(98/96 + 48/46 + 8/6).
	sar := []float64{1.2, -0.4, math.NaN(), 2.0}
	df := []int{98, 48, 1, 8}
	z := 2.8 / math.Sqrt(98.0/96+48.0/46+8.0/6)
	// R 4.2.2: z <- 2.8/sqrt(98/96+48/46+8/6); 2*pnorm(-z) = 0.12875258107307416.
	checkResult(t, Patell(sar, df), "patell", z, 0.12875258107307416, math.NaN(), 3)
	// Window form, l = 3: z = (1.2/sqrt(3*98/96) - 0.4/sqrt(3*48/46) +
	// 2/sqrt(3*8/6)) / sqrt(3).
	zw := (1.2/math.Sqrt(3*98.0/96) - 0.4/math.Sqrt(3*48.0/46) + 2/math.Sqrt(3*8.0/6)) / math.Sqrt(3)
	// R 4.2.2: zw <- (1.2/sqrt(3*98/96) - 0.4/sqrt(3*48/46) + 2/sqrt(3*8/6))/sqrt(3);
	// 2*pnorm(-zw) = 0.39938416658916448.
	checkResult(t, PatellWindow(sar, df, 3), "patell", zw, 0.39938416658916448, math.NaN(), 3)
	if got := Patell([]float64{1}, []int{2}); got.NA == "" {
		t.Errorf("df 2: %+v, want n/a", got)
	}
	if got := PatellWindow([]float64{math.NaN()}, []int{50}, 2); got.NA == "" {
		t.Errorf("no SAR: %+v, want n/a", got)
	}
}

func TestCorradoRank(t *testing.T) {
	nan := math.NaN()
	// Three events on a 5-day grid. Day means of U:
	// t0 (0.1+0.3+0.2)/3 = 0.2, t1 (-0.2-0.1)/2 = -0.15, t2 NaN,
	// t3 (0.4+0.2+0.3)/3 = 0.3, t4 (-0.3+0+(-0.2))/3 = -1/6.
	// S_U = sqrt((0.04 + 0.0225 + 0.09 + 1/36)/4).
	u := [][]float64{
		{0.1, -0.2, nan, 0.4, -0.3},
		{0.3, -0.1, nan, 0.2, 0},
		{0.2, nan, nan, 0.3, -0.2},
	}
	su := math.Sqrt((0.04 + 0.0225 + 0.09 + 1.0/36) / 4)
	// R 4.2.2: su <- sqrt((0.04+0.0225+0.09+1/36)/4); 2*pnorm(-0.3/su) = 0.15761938244145987.
	checkResult(t, CorradoRank(u, 3, 3), "corrado-rank", 0.3/su, 0.15761938244145987, math.NaN(), 3)
	// Window 3..4 (Cowan 1992): (0.3 - 1/6)/(sqrt(2) su).
	// R 4.2.2: 2*pnorm(-(0.3-1/6)/(sqrt(2)*su)) = 0.65696890900995686.
	checkResult(t, CorradoRank(u, 3, 4), "corrado-rank", (0.3-1.0/6)/(math.Sqrt2*su), 0.65696890900995686, math.NaN(), 3)
	// Window 0..1: the third event lacks day 1.
	if got := CorradoRank(u, 0, 1); got.N != 2 {
		t.Errorf("N = %d, want 2", got.N)
	}
	if got := CorradoRank(u, 2, 2); got.NA != "no ranks on a day of the window" {
		t.Errorf("day without ranks: %+v", got)
	}
	if got := CorradoRank(u, 4, 5); got.NA != "window outside the ranking span" {
		t.Errorf("outside: %+v", got)
	}
}
