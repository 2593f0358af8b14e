package stats

import (
	"math"
	"testing"
)

func TestEstimationFit(t *testing.T) {
	nan := math.NaN()
	// Day -9 has no return, day 0 is the event: the days used are -8..-1,
	// the eight days of ExampleFitModel. R² of lm(r ~ m) on them is
	// Srm²/(Smm Srr) = 0.9987175292086683, computed exactly from the
	// float64 inputs with Python 3's fractions.Fraction.
	ev := Event{
		First: -9,
		R:     []float64{nan, 0.016, -0.028, 0.024, 0.002, -0.006, 0.029, -0.013, 0.009, 0.071},
		Rm:    []float64{0.03, 0.01, -0.02, 0.015, 0, -0.005, 0.02, -0.01, 0.005, 0.01},
	}
	est := Window{From: -9, To: -1}
	for _, tc := range []struct {
		model       Model
		first, last int
		r2          float64
	}{
		{MarketModel, -8, -1, 0.9987175292086683},
		{ConstantMean, -8, -1, 0},     // R² of lm(r ~ 1) is 0 by definition
		{MarketAdjusted, -8, -1, nan}, // nothing fitted
		// Scholes-Williams needs Rm on t-1 and t+1: day -8's lag is day
		// -9's Rm (present), day -1's lead is day 0's, so the same days.
		// 1 - SSE/SST of its alpha and beta, from the Scholes-Williams
		// formulas in Python 3 floats (sums of deviations exact with
		// fractions.Fraction): beta 0.0985542056489211, low because rho of
		// the eight market returns is far from that of the full grid.
		{ScholesWilliams, -8, -1, 0.13148859777597333},
		// Dimson (L = 1) likewise: lm(r ~ m[t-1] + m[t] + m[t+1]) solved
		// exactly with fractions.Fraction.
		{Dimson, -8, -1, 0.9987526084650165},
	} {
		res, err := Analyze(ev, tc.model, est, []Window{{0, 0}}, 3)
		if err != nil {
			t.Fatal(err)
		}
		got := res.EstimationFit()
		if got.First != tc.first || got.Last != tc.last {
			t.Errorf("%s: days %d..%d, want %d..%d", tc.model, got.First, got.Last, tc.first, tc.last)
		}
		if n := used(res); n != res.Fit.M {
			t.Errorf("%s: %d days used, Fit.M = %d", tc.model, n, res.Fit.M)
		}
		switch {
		case math.IsNaN(tc.r2):
			if !math.IsNaN(got.R2) {
				t.Errorf("%s: R2 = %v, want NaN", tc.model, got.R2)
			}
		case math.Abs(got.R2-tc.r2) > 1e-12:
			t.Errorf("%s: R2 = %.17g, want %.17g", tc.model, got.R2, tc.r2)
		}
	}
}

// used counts the estimation days with an in-sample AR between the first
// and last days EstimationFit reports.
func used(res *EventResult) int {
	f := res.EstimationFit()
	var n int
	for d := f.First; d <= f.Last; d++ {
		if !math.IsNaN(res.ARAt(d)) {
			n++
		}
	}
	return n
}

// TestEstimationFitNeighbours: without day -9's market return, day -8 has
// no lag for Scholes-Williams and Dimson, which start on day -7; the
// market model still starts on day -8.
func TestEstimationFitNeighbours(t *testing.T) {
	nan := math.NaN()
	ev := Event{
		First: -9,
		R:     []float64{0.01, 0.016, -0.028, 0.024, 0.002, -0.006, 0.029, -0.013, 0.009, 0.071},
		Rm:    []float64{nan, 0.01, -0.02, 0.015, 0, -0.005, 0.02, -0.01, 0.005, 0.01},
	}
	for _, tc := range []struct {
		model Model
		first int
	}{{MarketModel, -8}, {ScholesWilliams, -7}, {Dimson, -7}} {
		res, err := Analyze(ev, tc.model, Window{From: -9, To: -1}, []Window{{0, 0}}, 3)
		if err != nil {
			t.Fatal(err)
		}
		f := res.EstimationFit()
		if f.First != tc.first || f.Last != -1 || res.Fit.M != -1-tc.first+1 {
			t.Errorf("%s: days %d..%d, M %d; want %d..-1, M %d", tc.model, f.First, f.Last, res.Fit.M, tc.first, -tc.first)
		}
	}
}

// TestEstimationFitSpans: trade-to-trade returns have no R² (a weighted
// regression without an intercept); the days used skip those without a
// span, as Fit.M does.
func TestEstimationFitSpans(t *testing.T) {
	nan := math.NaN()
	ev := Event{
		First: -6,
		R:     []float64{0.01, nan, 0.03, -0.01, 0.02, 0.005, 0.04},
		Rm:    []float64{0.005, nan, 0.02, -0.004, 0.01, 0.002, 0.01},
		Span:  []int{1, 0, 2, 1, 1, 1, 1},
	}
	res, err := Analyze(ev, MarketModel, Window{From: -6, To: -1}, []Window{{0, 0}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	f := res.EstimationFit()
	if f.First != -6 || f.Last != -1 || !math.IsNaN(f.R2) || res.Fit.M != 5 || used(res) != 5 {
		t.Errorf("days %d..%d, R² %v, M %d (%d with an AR); want -6..-1, NaN, 5", f.First, f.Last, f.R2, res.Fit.M, used(res))
	}
}
