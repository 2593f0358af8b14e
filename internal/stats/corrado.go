package stats

import (
	"fmt"
	"math"
)

// CorradoRank is the rank test of Corrado (1989) on the scaled ranks
// U = K/(T+1) - 1/2 of Corrado & Zivney (1992). u[i][t] is event i's U on
// day t of a grid shared by all events (NaN where missing), covering the
// estimation window and the event windows; [from, to] are the grid indices
// of the tested day (from == to) or window.
//
// With mean_t the mean of U over the events with data on day t and
// S_U^2 = (1/T) sum_t mean_t^2 over the T days with data (STATISTICS.md),
// the statistic is mean_from / S_U for a day, and for a window of L days
// sum_{t=from..to} mean_t / (sqrt(L) S_U), the multi-day form of Cowan
// (1992) (as in Campbell & Wasley 1993). Reference distribution N(0,1). N is
// the number of events with a U on every day of [from, to].
func CorradoRank(u [][]float64, from, to int) Result {
	if from > to {
		panic(fmt.Sprintf("stats: CorradoRank: from %d after to %d", from, to))
	}
	days := 0
	for _, ui := range u {
		days = max(days, len(ui))
	}
	if from < 0 || to >= days {
		return naResult("corrado-rank", 0, "window outside the ranking span")
	}
	sum := make([]float64, days)
	cnt := make([]int, days)
	n := 0
	for _, ui := range u {
		full := true
		for t, v := range ui {
			if math.IsNaN(v) {
				if t >= from && t <= to {
					full = false
				}
				continue
			}
			sum[t] += v
			cnt[t]++
		}
		if full && len(ui) > to {
			n++
		}
	}
	means := make([]float64, days)
	for t := range means {
		means[t] = math.NaN()
		if cnt[t] > 0 {
			means[t] = sum[t] / float64(cnt[t])
		}
	}
	return corrado(means, from, to, n)
}

// corrado computes the test from the series of mean U per day (NaN on days
// without data).
func corrado(means []float64, from, to, n int) Result {
	const test = "corrado-rank"
	if from < 0 || to >= len(means) {
		return naResult(test, n, "window outside the ranking span")
	}
	var ss float64
	var days int
	for _, m := range means {
		if !math.IsNaN(m) {
			ss += m * m
			days++
		}
	}
	var num float64
	for t := from; t <= to; t++ {
		if math.IsNaN(means[t]) {
			return naResult(test, n, "no ranks on a day of the window")
		}
		num += means[t]
	}
	if n == 0 {
		return naResult(test, 0, "no events with data")
	}
	su := math.Sqrt(ss / float64(days))
	if su == 0 {
		return naResult(test, n, "zero variance of the mean ranks")
	}
	return normalResult(test, num/(math.Sqrt(float64(to-from+1))*su), n)
}
