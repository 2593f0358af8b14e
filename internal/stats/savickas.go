package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// GARCHTestNames returns the names of the two tests that DayTests,
// WindowTests and Cross.Tests append, after those of TestNames, when the
// events were fitted with the garch model: the Savickas (2003) test and the
// event-induced variance ratio.
func GARCHTestNames() []string { return []string{"savickas", "variance-ratio"} }

// Savickas is the test of Savickas (2003, Journal of Financial Research
// 26, 165-178) for a mean abnormal return when the event raises
// volatility: the cross-sectional t test of BMP applied to ARs
// standardized by their GARCH(1,1) conditional standard deviation, one per
// event (on a day AR/sqrt(h); over a window CAR/sqrt(sum h)), against
// t(N-1). The conditional variance is the forecast from the end of the
// estimation window (see Analyze), not filtered through the event window,
// so that the event does not enter its own variance. NaN values are
// dropped.
func Savickas(s []float64) Result { return meanT("savickas", s) }

// VarianceRatio is the event-induced variance test: the cross-sectional
// variance of the standardized ARs s on an event day (or SCARs over a
// window), V_e = sum (s_i - mean s)^2 / (N-1), over their pooled
// cross-sectional variance on the estimation days, V_0 = estSS/estDF, where
// estSS sums, over the estimation days, the squared deviations of the
// events' standardized residuals from that day's mean, and estDF sums the
// day's number of events less one. Under the null of no change in variance
// both estimate the same variance (1 for standardized ARs) and, with
// normal and independent standardized ARs, F = V_e/V_0 ~ F(N-1, estDF);
// the p-value is two-sided, 2 min(P(F' <= F), P(F' >= F)). The idea is
// Beaver's (1968) ratio of event-period to estimation-period variance and
// the cross-sectional event-induced variance of Boehmer, Musumeci &
// Poulsen (1991); the pooled F form is this package's. NaN values of s are
// dropped.
func VarianceRatio(s []float64, estSS, estDF float64) Result {
	const test = "variance-ratio"
	v := present(s)
	n := len(v)
	switch {
	case n < 2:
		return naResult(test, n, "needs at least 2 events")
	case !(estDF >= 1) || !(estSS > 0):
		return naResult(test, n, "no estimation-period cross-sectional variance (needs 2 events with standardized residuals on an estimation day)")
	}
	_, sd := meanSD(v)
	f := sd * sd / (estSS / estDF)
	d := distuv.F{D1: float64(n - 1), D2: estDF}
	p := min(1, 2*min(d.CDF(f), d.Survival(f)))
	return Result{Test: test, Stat: f, P: p, DF: math.NaN(), N: n,
		Note: fmt.Sprintf("F(%d, %.0f): estimation-period cross-sectional variance %.4g", n-1, estDF, estSS/estDF)}
}
