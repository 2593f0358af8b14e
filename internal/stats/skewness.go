package stats

import "math"

// SkewnessT is the skewness-adjusted t test of Hall (1992), as used for
// long-horizon abnormal returns by Lyon, Barber & Tsai (1999):
//
//	t_sa = sqrt(N) (S + g S^2/3 + g/(6N)),  S = mean(x)/sd(x),
//	g = sum_i (x_i - mean(x))^3 / (N sd(x)^3),
//
// with sd the sample standard deviation (divisor N-1), so that g is Lyon,
// Barber & Tsai's coefficient of skewness (neither R's e1071::skewness
// type 1, which divides by the N-divisor sd, nor type 2). Reference
// distribution N(0,1). x holds one CAR or BHAR per event; NaN values are
// dropped. The result is named "skew-t"; DayTests and WindowTests rename it
// "skew-t-car" and "skew-t-bhar".
func SkewnessT(x []float64) Result {
	const test = "skew-t"
	v := present(x)
	n := len(v)
	if n < 3 {
		return naResult(test, n, "needs at least 3 events")
	}
	mean, sd := meanSD(v)
	if sd == 0 {
		return naResult(test, n, "zero cross-sectional variance")
	}
	var m3 float64
	for _, x := range v {
		d := x - mean
		m3 += d * d * d
	}
	fn := float64(n)
	g := m3 / (fn * sd * sd * sd)
	s := mean / sd
	return normalResult(test, math.Sqrt(fn)*(s+g*s*s/3+g/(6*fn)), n)
}
