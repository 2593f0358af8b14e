package stats

import (
	"fmt"
	"math"
)

// Patell is the standardized residual test of Patell (1976) for one day:
// sum_i SAR_i / sqrt(sum_i df_i/(df_i-2)), against N(0,1). df_i is the
// residual degrees of freedom of event i (Fit.DF); df/(df-2) is the variance
// of a t(df) variable. Events whose SAR is NaN are dropped.
func Patell(sar []float64, df []int) Result {
	const test = "patell"
	if len(sar) != len(df) {
		panic(fmt.Sprintf("stats: Patell: %d SARs but %d degrees of freedom", len(sar), len(df)))
	}
	var sum, v float64
	var n int
	for i, s := range sar {
		if math.IsNaN(s) {
			continue
		}
		if df[i] <= 2 {
			return naResult(test, n, "needs more than 2 residual degrees of freedom per event")
		}
		n++
		sum += s
		v += float64(df[i]) / float64(df[i]-2)
	}
	if n == 0 {
		return naResult(test, 0, "no events with a standardized abnormal return")
	}
	return normalResult(test, sum/math.Sqrt(v), n)
}

// PatellWindow is the window form of the Patell (1976) test as stated in
// STATISTICS.md: N^-1/2 sum_i CSAR_i / sqrt(l df_i/(df_i-2)), where CSAR_i
// is the sum of event i's SARs over the l days of the window, against
// N(0,1). Events whose CSAR is NaN are dropped.
func PatellWindow(csar []float64, df []int, l int) Result {
	const test = "patell"
	if len(csar) != len(df) {
		panic(fmt.Sprintf("stats: PatellWindow: %d CSARs but %d degrees of freedom", len(csar), len(df)))
	}
	if l < 1 {
		panic(fmt.Sprintf("stats: PatellWindow: window length %d", l))
	}
	var sum float64
	var n int
	for i, s := range csar {
		if math.IsNaN(s) {
			continue
		}
		if df[i] <= 2 {
			return naResult(test, n, "needs more than 2 residual degrees of freedom per event")
		}
		n++
		d := float64(df[i])
		sum += s / math.Sqrt(float64(l)*d/(d-2))
	}
	if n == 0 {
		return naResult(test, 0, "no events with a standardized abnormal return")
	}
	return normalResult(test, sum/math.Sqrt(float64(n)), n)
}
