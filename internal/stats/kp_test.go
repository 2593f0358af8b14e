package stats

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// kpEvents returns n events with estimation residuals on est = -20:-1 of
// a grid -20..2, whose calendar days start at random offsets within span
// days (so that they overlap partly), with a common shock of weight rho,
// and a few missing ARs and unknown dates.
func kpEvents(rng *rand.Rand, n, span int, rho float64) []*EventResult {
	const first, days = -20, 23
	common := make([]float64, span+days)
	for i := range common {
		common[i] = rng.NormFloat64()
	}
	evs := make([]*EventResult, n)
	for i := range evs {
		start := rng.IntN(span)
		e := &EventResult{First: first, Est: Window{-20, -1}, AR: make([]float64, days), Cal: make([]int32, days)}
		for k := range days {
			e.AR[k] = math.Sqrt(rho)*common[start+k] + math.Sqrt(1-rho)*rng.NormFloat64()
			e.Cal[k] = int32(19000 + start + k)
			switch rng.IntN(15) {
			case 0:
				e.AR[k] = math.NaN()
			case 1:
				e.Cal[k] = 0
			}
		}
		evs[i] = e
	}
	return evs
}

// bruteCorrelation is the estimator of ResidualCorrelation by its first
// definition, an O(N^2) loop over the pairs: the mean over ordered pairs
// i != j of sum over common dates of a_it a_jt / (||a_i|| ||a_j||).
func bruteCorrelation(evs []*EventResult, est Window) float64 {
	type series map[int32]float64
	dev := make([]series, len(evs))
	for i, e := range evs {
		s := series{}
		var m float64
		for d := est.From; d <= est.To; d++ {
			if v := e.ARAt(d); !math.IsNaN(v) && e.calAt(d) != 0 {
				s[e.calAt(d)] = v
				m += v
			}
		}
		m /= float64(len(s))
		var ss float64
		for c, v := range s {
			s[c] = v - m
			ss += (v - m) * (v - m)
		}
		for c := range s {
			s[c] /= math.Sqrt(ss)
		}
		dev[i] = s
	}
	var sum float64
	for i := range dev {
		for j := range dev {
			if i == j {
				continue
			}
			for c, v := range dev[i] {
				sum += v * dev[j][c] // 0 when j has no residual on c
			}
		}
	}
	n := float64(len(evs))
	return sum / (n * (n - 1))
}

func TestResidualCorrelationBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(2010, 1))
	est := Window{-20, -1}
	for _, tc := range []struct {
		n, span int
		rho     float64
	}{
		{2, 1, 0.5},  // the same dates
		{7, 10, 0.3}, // partial overlaps
		{9, 60, 0},   // some pairs without a common date
		{5, 1, 0.9},
	} {
		evs := kpEvents(rng, tc.n, tc.span, tc.rho)
		got := ResidualCorrelation(evs, est)
		if got.NA != "" {
			t.Fatalf("%+v: n/a %s", tc, got.NA)
		}
		near(t, "r", got.R, bruteCorrelation(evs, est), 1e-12)
		if got.N != tc.n {
			t.Errorf("N = %d, want %d", got.N, tc.n)
		}
	}
	// With full overlap, no missing data and a strong common shock, r is
	// near the true correlation (a sanity check of the scale, not a
	// reference value: the sd of a correlation over 20 days is about 0.1).
	evs := kpEvents(rand.New(rand.NewPCG(2010, 2)), 30, 1, 0.6)
	if r := ResidualCorrelation(evs, est).R; math.Abs(r-0.6) > 0.15 {
		t.Errorf("r = %.3f with correlation 0.6", r)
	}
}

func TestResidualCorrelationCounts(t *testing.T) {
	// Two events with residuals (1, -1, 0) and (2, 0, -2) on dates
	// 100..102 and 101..103 (by hand): centred and scaled,
	// a = (1, -1, 0)/sqrt(2), b = (2, 0, -2)/sqrt(8) = (1, 0, -1)/sqrt(2);
	// common dates 101 and 102: a_101 b_101 + a_102 b_102 =
	// (-1/sqrt2)(1/sqrt2) + 0 = -1/2; r = 2 (-1/2) / (2*1) (ordered pairs).
	e := func(ar []float64, c0 int32) *EventResult {
		cal := make([]int32, len(ar))
		for i := range cal {
			cal[i] = c0 + int32(i)
		}
		return &EventResult{First: 0, Est: Window{0, 2}, AR: ar, Cal: cal}
	}
	got := ResidualCorrelation([]*EventResult{e([]float64{1, -1, 0}, 100), e([]float64{2, 0, -2}, 101)}, Window{0, 2})
	near(t, "r", got.R, -0.5, 1e-15)
	if got.Dates != 2 || got.PairDays != 2 {
		t.Errorf("dates %d, pair-days %d, want 2 and 2", got.Dates, got.PairDays)
	}
	if s := got.String(); !strings.HasPrefix(s, "r = -0.5000 (mean over all 1 event pairs") {
		t.Errorf("String() = %q", s)
	}
	for _, tc := range []struct {
		evs []*EventResult
		na  string
	}{
		{[]*EventResult{e([]float64{1, 2, 3}, 100)}, "needs at least 2 events"},
		{[]*EventResult{e([]float64{1, 2, 3}, 100), {First: 0, Est: Window{0, 2}, AR: []float64{1, 2, 3}}}, "needs calendar dates (Event.Cal) to match events by date"},
		{[]*EventResult{
			{First: 0, Est: Window{0, 2}, AR: []float64{1, 2, 3}, Cal: []int32{0, 0, 0}},
			{First: 0, Est: Window{0, 2}, AR: []float64{1, 2, 3}, Cal: []int32{0, 0, 0}},
		}, "no estimation day with a calendar date"},
	} {
		got := ResidualCorrelation(tc.evs, Window{0, 2})
		if got.NA != tc.na || !math.IsNaN(got.R) {
			t.Errorf("%d events: %+v, want n/a %q", len(tc.evs), got, tc.na)
		}
	}
}

func TestKolariPynnonen(t *testing.T) {
	c := Correlation{R: 0.05, N: 12, Dates: 10, PairDays: 660}
	// R 4.2.2: tb <- 2.1145678923947564*sqrt((1-0.05)/(1+11*0.05)) →
	// 1.6554557900721854; 2*pt(-abs(tb), 11) → 0.12605218635591184.
	bmp := KolariPynnonen(BMP(x1), c)
	checkResult(t, bmp, "bmp-kp", 1.6554557900721854, 0.12605218635591184, 11, 12)
	if !strings.HasPrefix(bmp.Note, "r = 0.0500 ") {
		t.Errorf("Note = %q", bmp.Note)
	}
	// R 4.2.2: zp <- 2.5/sqrt(1+11*0.05) → 2.0080483222562471;
	// 2*pnorm(-abs(zp)) → 0.044638156974835398.
	patell := Result{Test: "patell", Stat: 2.5, P: normalP(2.5), DF: math.NaN(), N: 12}
	checkResult(t, KolariPynnonen(patell, c), "patell-kp", 2.0080483222562471, 0.044638156974835398, math.NaN(), 12)
	// r = 0 changes nothing.
	checkResult(t, KolariPynnonen(patell, Correlation{N: 12}), "patell-kp", 2.5, normalP(2.5), math.NaN(), 12)

	for _, tc := range []struct {
		res Result
		c   Correlation
		na  string
	}{
		{naResult("bmp", 1, "needs at least 2 events"), c, "needs at least 2 events"},
		{patell, Correlation{R: math.NaN(), NA: "needs calendar dates (Event.Cal) to match events by date"}, "cross-correlation: needs calendar dates (Event.Cal) to match events by date"},
		{patell, Correlation{R: -0.1, N: 12}, "estimated cross-correlation r = -0.1 makes 1 + (N-1) r non-positive"},
	} {
		if got := KolariPynnonen(tc.res, tc.c); got.NA != tc.na || !math.IsNaN(got.Stat) {
			t.Errorf("%+v: %+v, want n/a %q", tc.c, got, tc.na)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("KolariPynnonen of a sign test did not panic")
		}
	}()
	KolariPynnonen(Sign(x1), c)
}

// BenchmarkResidualCorrelation100k estimates r over 100,000 events with
// 240 estimation days each, spread over 10 years: O(N M) through per-date
// sums (an O(N^2) pair loop would need 5e9 pairs).
func BenchmarkResidualCorrelation100k(b *testing.B) {
	const n, days = 100_000, 240
	rng := rand.New(rand.NewPCG(2010, 3))
	evs := make([]*EventResult, n)
	for i := range evs {
		start := int32(15000 + rng.IntN(2520))
		e := &EventResult{First: -250, Est: Window{-250, -11}, AR: make([]float64, days), Cal: make([]int32, days)}
		for k := range days {
			e.AR[k] = rng.NormFloat64()
			e.Cal[k] = start + int32(k)
		}
		evs[i] = e
	}
	b.ResetTimer()
	for b.Loop() {
		ResidualCorrelation(evs, Window{-250, -11})
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}
