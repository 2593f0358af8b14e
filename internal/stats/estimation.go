package stats

import "math"

// EstimationFit describes the estimation days a model was fitted on and how
// well it fits them, for a table a researcher can check against a
// regression of their own.
type EstimationFit struct {
	// First and Last are the relative days of the first and last
	// estimation days used (the days counted in Fit.M); both are 0 when
	// Fit.M is 0.
	First, Last int
	// R2 is the coefficient of determination 1 - SSE/SST over the days
	// used, with SSE the sum of the squared in-sample ARs and SST the sum of
	// squared deviations of R from its mean over those days: the R² of R's
	// lm() for the market, factor and Dimson models (OLS with an
	// intercept), 0 for the constant mean, and for Scholes-Williams that of
	// its alpha and beta (not OLS estimates, so it can be below the market
	// model's). It is NaN where no regression was fitted (market-adjusted)
	// or R² has no usual meaning: trade-to-trade returns (a weighted
	// regression without an intercept), and SST = 0.
	R2 float64
}

// EstimationFit returns the estimation days used and the R² of the fit.
func (e *EventResult) EstimationFit() EstimationFit {
	if e.estFit != nil {
		return *e.estFit // kept by Slim
	}
	n := len(e.AR)
	lo := min(max(e.Est.From-e.First, 0), n)
	hi := max(min(e.Est.To-e.First+1, n), lo)
	used := func(i int) bool {
		if math.IsNaN(e.r[i]) {
			return false
		}
		if e.x != nil {
			for _, s := range e.x {
				if math.IsNaN(s[i]) {
					return false
				}
			}
			return true
		}
		if math.IsNaN(e.rm[i]) || (e.span != nil && e.span[i] < 1) {
			return false
		}
		if e.Fit.Model == ScholesWilliams {
			// The neighbours' market returns, off the grid counting as
			// missing (Analyze).
			return i > 0 && i < n-1 && !math.IsNaN(e.rm[i-1]) && !math.IsNaN(e.rm[i+1])
		}
		return true
	}
	out := EstimationFit{R2: math.NaN()}
	var m int
	var sumR float64
	for i := lo; i < hi; i++ {
		if !used(i) {
			continue
		}
		if m == 0 {
			out.First = e.First + i
		}
		out.Last = e.First + i
		m++
		sumR += e.r[i]
	}
	if m == 0 || e.span != nil || e.Fit.Model == MarketAdjusted {
		return out
	}
	if e.Fit.Model == ConstantMean {
		out.R2 = 0
		return out
	}
	mean := sumR / float64(m)
	var sse, sst float64
	for i := lo; i < hi; i++ {
		if used(i) {
			sse += e.AR[i] * e.AR[i]
			sst += (e.r[i] - mean) * (e.r[i] - mean)
		}
	}
	if sst > 0 {
		out.R2 = 1 - sse/sst
	}
	return out
}
