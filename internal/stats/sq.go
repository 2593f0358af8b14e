package stats

import (
	"fmt"
	"math"
)

// SQMinSums is the fewest estimation-period L-day residual sums for which
// [SQ] reports a p-value: with M sums its smallest attainable two-sided p is
// 2/(M+1), which reaches the 5% level only from M = 39.
const SQMinSums = 39

// SQ is the sample-quantile test of Gelbach, Helland & Klick (2013) for one
// firm's event: x, the event's AR (L = 1) or a window's CAR over L days, is
// compared with the empirical distribution of the sums of L consecutive
// estimation-period residuals resid (NaN = missing; a sum that would
// include a missing day is not formed). The sums overlap: every run of L
// consecutive present residuals gives one, M = T - L + 1 of them from T
// residuals without gaps. GHK's analysis is of a one-day AR; the choice of
// overlapping sums for a window is this package's (the paper's text on
// multi-day windows was not at hand to cite): non-overlapping blocks would
// leave a 5-day window of a 240-day estimation window 48 sums and no 1% test,
// an 11-day window 21 sums and no 5% test. Overlapping sums are dependent,
// which does not bias the empirical quantiles, only makes them noisier.
//
// The two-sided p-value is the Monte Carlo form (Davison & Hinkley 1997,
// eq. 4.11; Phipson & Smyth 2010):
//
//	p = min(1, 2 min( (1 + #{s_j >= x}) / (M+1), (1 + #{s_j <= x}) / (M+1) ))
//
// which, when x and the sums are exchangeable (L = 1, iid residuals),
// satisfies P(p <= a) <= a for every a; GHK show the test's size is
// asymptotically exact whatever the residuals' distribution. Stat is x, N is
// M. With fewer than [SQMinSums] sums, or x NaN, the result is n/a with the
// reason. It panics when l < 1.
func SQ(resid []float64, x float64, l int) Result {
	if l < 1 {
		panic(fmt.Sprintf("stats: SQ: window of %d days", l))
	}
	const name = "sq"
	if math.IsNaN(x) {
		return naResult(name, 0, "no abnormal return in the window")
	}
	// The running sum adds each residual and subtracts the one L days
	// back: O(T) for any L. Its rounding (about 1e-17 of a return) can
	// only matter for a sum within that distance of x, a tie that
	// returns measured to a few decimals do not produce.
	var m, hi, lo int
	var sum float64
	run := 0
	for i, r := range resid {
		if math.IsNaN(r) {
			run, sum = 0, 0
			continue
		}
		sum += r
		run++
		if run > l {
			sum -= resid[i-l]
			run = l
		}
		if run < l {
			continue
		}
		s := sum
		m++
		if s >= x {
			hi++
		}
		if s <= x {
			lo++
		}
	}
	if m < SQMinSums {
		return naResult(name, m, fmt.Sprintf("needs at least %d estimation-period %d-day residual sums for a 5%% two-sided test, has %d", SQMinSums, l, m))
	}
	p := 2 * float64(1+min(hi, lo)) / float64(m+1)
	return Result{Test: name, Stat: x, P: min(p, 1), DF: math.NaN(), N: m}
}

// sq is the sample-quantile test ([SQ]) of car, the CAR over w, against
// the sums of w.Len() consecutive in-sample residuals of the estimation
// window (WindowResult.SQ).
func (e *EventResult) sq(w Window, car float64) Result {
	lo, hi := max(e.Est.From-e.First, 0), min(e.Est.To-e.First, len(e.AR)-1)
	var resid []float64
	if hi >= lo {
		resid = e.AR[lo : hi+1]
	}
	return SQ(resid, car, w.Len())
}
