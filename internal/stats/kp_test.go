package stats

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// kpEvents returns n events on the grid -20..2 (estimation -20:-1) of
// secs securities, each event on a random start date within span
// calendar days, so that events of one security share their residual
// series wherever their dates overlap (perfectly correlated), and events
// overlap partly. Residuals have a common shock of weight rho. With gaps,
// a few ARs are missing, a few days have no calendar date and some events
// skip a calendar date (so that their tested dates are not contiguous
// among the others'); without, every day of every event has both.
func kpEvents(rng *rand.Rand, n, secs, span int, rho float64, gaps bool) []*EventResult {
	const first, days = -20, 23
	common := make([]float64, span+days+1)
	for i := range common {
		common[i] = rng.NormFloat64()
	}
	idio := make([][]float64, secs)
	for s := range idio {
		idio[s] = make([]float64, span+days+1)
		for i := range idio[s] {
			idio[s][i] = rng.NormFloat64()
		}
	}
	evs := make([]*EventResult, n)
	for i := range evs {
		sec, start := rng.IntN(secs), rng.IntN(span)
		skip := days // no skipped date
		if gaps && rng.IntN(3) == 0 {
			skip = rng.IntN(days)
		}
		e := &EventResult{First: first, Est: Window{-20, -1}, AR: make([]float64, days), Cal: make([]int32, days)}
		for k := range days {
			t := start + k
			if k >= skip {
				t++
			}
			e.AR[k] = math.Sqrt(rho)*common[t] + math.Sqrt(1-rho)*idio[sec][t]
			e.Cal[k] = int32(19000 + t)
			if gaps {
				switch rng.IntN(15) {
				case 0:
					e.AR[k] = math.NaN()
				case 1:
					e.Cal[k] = 0
				}
			}
		}
		evs[i] = e
	}
	return evs
}

// bruteCorrelation is the estimator of ResidualCorrelation by its
// definition, an O(N^2) loop over the pairs: the mean over ordered pairs
// i != j of rho_ij s_ij, with rho_ij = sum over common estimation dates of
// a_it a_jt / (||a_i|| ||a_j||) and s_ij the number of calendar dates the
// tested days w of i and j have in common over w.Len(); and the mean of
// s_ij. With w nil, s_ij = 1 (the mean of rho_ij, Kolari & Pynnönen's
// estimator for events clustered on one date).
func bruteCorrelation(evs []*EventResult, est Window, w *Window) (r, share float64) {
	type series map[int32]float64
	dev := make([]series, len(evs))
	tested := make([]map[int32]bool, len(evs))
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
		tested[i] = map[int32]bool{}
		if w != nil {
			for d := w.From; d <= w.To; d++ {
				if c := e.calAt(d); c != 0 {
					tested[i][c] = true
				}
			}
		}
	}
	var sum, shared float64
	for i := range dev {
		for j := range dev {
			if i == j {
				continue
			}
			s := 1.0
			if w != nil {
				var common int
				for c := range tested[i] {
					if tested[j][c] {
						common++
					}
				}
				s = float64(common) / float64(w.Len())
			}
			var rho float64
			for c, v := range dev[i] {
				rho += v * dev[j][c] // 0 when j has no residual on c
			}
			sum += rho * s
			shared += s
		}
	}
	n := float64(len(evs))
	return sum / (n * (n - 1)), shared / (n * (n - 1))
}

func TestResidualCorrelationBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(2010, 1))
	est := Window{-20, -1}
	windows := []Window{{0, 0}, {1, 1}, {0, 2}, {-1, 1}, {-3, 2}}
	for _, tc := range []struct {
		n, secs, span int
		rho           float64
	}{
		{2, 2, 1, 0.5},  // the same dates
		{7, 7, 10, 0.3}, // partial overlaps
		{9, 9, 60, 0},   // some pairs without a common date
		{5, 5, 1, 0.9},
		{12, 3, 8, 0.2}, // repeated securities, partial overlaps
		{20, 2, 30, 0.1},
		{6, 1, 3, 0}, // one security
		{40, 10, 5, 0.4},
	} {
		for _, gaps := range []bool{false, true} {
			evs := kpEvents(rng, tc.n, tc.secs, tc.span, tc.rho, gaps)
			for _, w := range windows {
				got := ResidualCorrelation(evs, est, w)
				if got.NA != "" {
					t.Fatalf("%+v %v: n/a %s", tc, w, got.NA)
				}
				r, share := bruteCorrelation(evs, est, &w)
				near(t, "r", got.R, r, 1e-12)
				near(t, "share", got.Share, share, 1e-12)
				if got.N != tc.n || got.L != w.Len() {
					t.Errorf("N = %d, L = %d, want %d and %d", got.N, got.L, tc.n, w.Len())
				}
			}
		}
	}
	// All events on the same dates: the Kolari & Pynnönen (2010)
	// estimator, the mean of rho_ij over all pairs, for a day and a window.
	for _, n := range []int{2, 5, 30} {
		evs := kpEvents(rng, n, n, 1, 0.3, false)
		r, _ := bruteCorrelation(evs, est, nil)
		for _, w := range windows {
			got := ResidualCorrelation(evs, est, w)
			near(t, "clustered r", got.R, r, 1e-12)
			if !got.Clustered() || got.Dates != w.Len() {
				t.Errorf("%d events %v: clustered %v, %d dates, want true and %d", n, w, got.Clustered(), got.Dates, w.Len())
			}
		}
	}
	// With full overlap, no missing data and a strong common shock, r is
	// near the true correlation (a sanity check of the scale, not a
	// reference value: the sd of a correlation over 20 days is about 0.1).
	evs := kpEvents(rand.New(rand.NewPCG(2010, 2)), 30, 30, 1, 0.6, false)
	if r := ResidualCorrelation(evs, est, Window{0, 0}).R; math.Abs(r-0.6) > 0.15 {
		t.Errorf("r = %.3f with correlation 0.6", r)
	}
}

func TestResidualCorrelationCounts(t *testing.T) {
	// Two events with estimation residuals (1, -1, 0) and (2, 0, -2) on
	// dates 100..102 and 101..103 (by hand): centred and scaled,
	// a = (1, -1, 0)/sqrt(2), b = (2, 0, -2)/sqrt(8) = (1, 0, -1)/sqrt(2);
	// common dates 101 and 102: rho = a_101 b_101 + a_102 b_102 =
	// (-1/sqrt2)(1/sqrt2) + 0 = -1/2. Day 3 falls on date 105 for both:
	// tested on day 3, s = 1 and r = 2 (-1/2) / (2*1) (ordered pairs); on
	// window 2:3 (dates 102, 105 and 103, 105), s = 1/2 and r = -1/4; on
	// day 2 (dates 102 and 103), s = 0 and r = 0.
	e := func(ar []float64, cal ...int32) *EventResult {
		return &EventResult{First: 0, Est: Window{0, 2}, AR: ar, Cal: cal}
	}
	evs := []*EventResult{e([]float64{1, -1, 0, 1}, 100, 101, 102, 105), e([]float64{2, 0, -2, 3}, 101, 102, 103, 105)}
	for _, tc := range []struct {
		w            Window
		r, share     float64
		dates        int
		clustered    bool
		stringPrefix string
	}{
		{Window{3, 3}, -0.5, 1, 1, true, "r = -0.5000 (Kolari-Pynnönen 2010: mean estimation-residual correlation over all 1 event pairs, which share their tested dates; 2 events, 1 tested date)"},
		{Window{2, 3}, -0.25, 0.5, 3, false, "r = -0.2500 (Kolari-Pynnönen 2010 for partly clustered events: mean over all 1 event pairs of the estimation-residual correlation times the share of the tested dates the pair has in common, 50.00% on average; 2 events, 3 tested dates)"},
		{Window{2, 2}, 0, 0, 2, false, "r = 0.0000 (Kolari-Pynnönen 2010 for partly clustered events"},
	} {
		got := ResidualCorrelation(evs, Window{0, 2}, tc.w)
		near(t, tc.w.String()+" r", got.R, tc.r, 1e-15)
		near(t, tc.w.String()+" share", got.Share, tc.share, 1e-15)
		if got.Dates != tc.dates || got.Clustered() != tc.clustered {
			t.Errorf("%v: %d dates, clustered %v, want %d and %v", tc.w, got.Dates, got.Clustered(), tc.dates, tc.clustered)
		}
		if s := got.String(); !strings.HasPrefix(s, tc.stringPrefix) {
			t.Errorf("%v: String() = %q, want prefix %q", tc.w, s, tc.stringPrefix)
		}
	}
	for _, tc := range []struct {
		evs []*EventResult
		na  string
	}{
		{[]*EventResult{e([]float64{1, 2, 3}, 100, 101, 102)}, "needs at least 2 events"},
		{[]*EventResult{e([]float64{1, 2, 3}, 100, 101, 102), {First: 0, Est: Window{0, 2}, AR: []float64{1, 2, 3}}}, "needs calendar dates (Event.Cal) to match events by date"},
		{[]*EventResult{e([]float64{1, 2, 3}, 0, 0, 0), e([]float64{1, 2, 3}, 0, 0, 0)}, "no estimation day with a calendar date"},
		{[]*EventResult{e([]float64{1, 2, 3}, 1, 2, 0), e([]float64{1, 2, 3}, 1, 2, 0)}, "no tested day with a calendar date"},
	} {
		got := ResidualCorrelation(tc.evs, Window{0, 1}, Window{2, 2})
		if got.NA != tc.na || !math.IsNaN(got.R) {
			t.Errorf("%d events: %+v, want n/a %q", len(tc.evs), got, tc.na)
		}
	}
}

func TestKolariPynnonen(t *testing.T) {
	c := Correlation{R: 0.05, N: 12, L: 1, Dates: 1, Share: 1}
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
// 240 estimation days each, spread over 10 years, for a day and for an
// 11-day window: O(N (M + L)) through per-date sums (an O(N^2) pair loop
// would need 5e9 pairs).
func BenchmarkResidualCorrelation100k(b *testing.B) {
	const n, days = 100_000, 261
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
	for _, w := range []Window{{0, 0}, {-5, 5}} {
		b.Run(w.String(), func(b *testing.B) {
			for b.Loop() {
				ResidualCorrelation(evs, Window{-250, -11}, w)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
