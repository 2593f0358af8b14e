package stats

import "math"

// Result is the outcome of one cross-event test. NA non-empty means the test
// could not be computed (the reason, e.g. "needs at least 2 events"); then
// Stat and P are NaN.
type Result struct {
	// Test is a stable machine name, one of TestNames (in the order of
	// DayTests and WindowTests).
	Test string
	// Stat is the test statistic; P its two-sided p-value.
	Stat, P float64
	// DF is the degrees of freedom of a Student t reference distribution,
	// NaN when the reference distribution is normal or exact.
	DF float64
	// N is the number of events (for Brown-Warner: with data on the day or
	// window; for Wilcoxon: with a non-zero value).
	N  int
	NA string
	// Note says how the statistic was computed where the reader needs to
	// know it, e.g. the estimate of the cross-correlation r of the
	// Kolari-Pynnönen tests and the estimator used; empty otherwise.
	Note string
}

// TestNames returns the names of the tests of DayTests and WindowTests, in
// their order: the cross-sectional t, Brown-Warner, Patell, BMP, sign,
// generalized sign, Wilcoxon and Corrado rank tests, then the
// Kolari-Pynnönen (2010) adjusted Patell and BMP tests, the GRANK t and Z
// tests (Kolari & Pynnönen 2011), the Corrado-Zivney (1992) rank test on
// standardized abnormal returns and the skewness-adjusted t tests of the
// CARs and of the BHARs (Hall 1992; Lyon, Barber & Tsai 1999).
func TestNames() []string {
	return []string{
		"t", "brown-warner", "patell", "bmp", "sign", "generalized-sign", "wilcoxon", "corrado-rank",
		"patell-kp", "bmp-kp", "grank-t", "grank-z", "corrado-zivney", "skew-t-car", "skew-t-bhar",
	}
}

func naResult(test string, n int, reason string) Result {
	return Result{Test: test, Stat: math.NaN(), P: math.NaN(), DF: math.NaN(), N: n, NA: reason}
}

func studentResult(test string, t float64, df, n int) Result {
	return Result{Test: test, Stat: t, P: studentP(t, df), DF: float64(df), N: n}
}

func normalResult(test string, z float64, n int) Result {
	return Result{Test: test, Stat: z, P: normalP(z), DF: math.NaN(), N: n}
}

// meanSD returns the mean and the sample standard deviation (divisor n-1)
// of x, which holds no NaN and at least 2 values.
func meanSD(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	var ss float64
	for _, v := range x {
		d := v - mean
		ss += d * d
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}
