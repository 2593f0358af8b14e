package intraday

import (
	"math"
	"sort"
	"time"
)

var nan = math.NaN()

// ols fits y = a + b·x by least squares: a, b, the residual standard
// deviation with n-2 degrees of freedom, the mean of x and Σ(x-x̄)².
func ols(x, y []float64) (a, b, sigma, xbar, sxx float64) {
	n := float64(len(x))
	var ybar float64
	for i := range x {
		xbar += x[i]
		ybar += y[i]
	}
	xbar /= n
	ybar /= n
	var sxy float64
	for i := range x {
		sxx += (x[i] - xbar) * (x[i] - xbar)
		sxy += (x[i] - xbar) * (y[i] - ybar)
	}
	b = sxy / sxx
	a = ybar - b*xbar
	var ss float64
	for i := range x {
		e := y[i] - a - b*x[i]
		ss += e * e
	}
	return a, b, math.Sqrt(ss / (n - 2)), xbar, sxx
}

func meanSD(x []float64) (m, sd float64) {
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	return m, math.Sqrt(ss / float64(len(x)-1))
}

func meanSq(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return s / float64(len(x))
}

// percentile places x among the estimation days' xs (Rinaudo & Saha 2014):
// the share of xs below x (ties count half), and the two-sided empirical
// p-value 2·min(#{xs ≥ x}+1, #{xs ≤ x}+1)/(n+1), at most 1. With n days
// the smallest p-value is 2/(n+1): 2/21 ≈ 0.095 with 20 days.
func percentile(x float64, xs []float64) (pctl, p float64) {
	var below, above, ties int
	for _, v := range xs {
		switch {
		case v < x:
			below++
		case v > x:
			above++
		default:
			ties++
		}
	}
	n := float64(len(xs))
	pctl = (float64(below) + 0.5*float64(ties)) / n
	p = 2 * math.Min(float64(above+ties+1), float64(below+ties+1)) / (n + 1)
	return pctl, math.Min(p, 1)
}

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// clockOn is the wall-clock time d after midnight (on a DST day too).
func clockOn(midnight time.Time, d time.Duration) time.Time {
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	return time.Date(midnight.Year(), midnight.Month(), midnight.Day(), h, m, s, int(d%time.Second), midnight.Location())
}

// minuteCAAR averages the events' cumulative ARs by minute of the event
// clock (bar start minus the clock origin), with the band mean ± 1.96·sd/√n.
func minuteCAAR(evs []*Event) []MinutePoint {
	by := map[float64][]float64{}
	for _, e := range evs {
		for _, b := range e.Bars {
			m := math.Floor(b.Start.Sub(e.Clock).Minutes())
			if !math.IsNaN(b.CAR) {
				by[m] = append(by[m], b.CAR)
			}
		}
	}
	var out []MinutePoint
	for m, xs := range by {
		p := MinutePoint{Minute: m, N: len(xs), Lo: nan, Hi: nan}
		if len(xs) > 1 {
			mu, sd := meanSD(xs)
			h := 1.96 * sd / math.Sqrt(float64(len(xs)))
			p.Mean, p.Lo, p.Hi = mu, mu-h, mu+h
		} else {
			p.Mean = xs[0]
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Minute < out[j].Minute })
	return out
}

// constantMean is the constant-mean model of a window on n estimation days'
// returns xs: the normal return (their mean), the forecast-error standard
// deviation s·√(1+1/n) of one new day, and its degrees of freedom n-1.
// Under iid normal returns (x-mean)/sd is Student t with n-1 df.
func constantMean(xs []float64) (mu, sd, df float64) {
	mu, s := meanSD(xs)
	return mu, s * math.Sqrt(1+1/float64(len(xs))), float64(len(xs) - 1)
}
