package stats

import "math"

// Sign is the sign test: (N+ - N/2) / (sqrt(N)/2) with N+ the number of
// positive values among the N non-NaN values of x (a zero counts as not
// positive), against N(0,1). It is n/a with fewer than 6 events, which
// cannot reach p < 0.05 (minExactP).
func Sign(x []float64) Result {
	const test = "sign"
	pos, n := countPositive(x)
	if n == 0 {
		return naResult(test, 0, "no events with data")
	}
	if why := tooFewSigns(n, 0.5, ""); why != "" {
		return naResult(test, n, why)
	}
	fn := float64(n)
	return normalResult(test, (float64(pos)-fn/2)/(math.Sqrt(fn)/2), n)
}

// GeneralizedSign is the generalized sign test of Cowan (1992):
// (w - N p) / sqrt(N p (1-p)), with w the number of positive values among
// the N non-NaN values of x and p the expected fraction of positive ARs
// under the null: the mean over the events of each event's fraction of
// positive estimation ARs (Fit.PosFrac). Reference distribution N(0,1).
// It is n/a with fewer events than can reach p < 0.05 under the exact
// binomial null, 2 min(p, 1-p)^N >= 0.05 (minExactP; N < 6 for p = 1/2).
func GeneralizedSign(x []float64, p float64) Result {
	const test = "generalized-sign"
	pos, n := countPositive(x)
	if n == 0 {
		return naResult(test, 0, "no events with data")
	}
	if !(p > 0 && p < 1) {
		return naResult(test, n, "fraction of positive estimation abnormal returns is not strictly between 0 and 1")
	}
	if why := tooFewSigns(n, p, "p"); why != "" {
		return naResult(test, n, why)
	}
	fn := float64(n)
	return normalResult(test, (float64(pos)-fn*p)/math.Sqrt(fn*p*(1-p)), n)
}

func countPositive(x []float64) (pos, n int) {
	for _, v := range x {
		if math.IsNaN(v) {
			continue
		}
		n++
		if v > 0 {
			pos++
		}
	}
	return pos, n
}
