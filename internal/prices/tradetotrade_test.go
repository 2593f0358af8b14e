package prices

import (
	"math"
	"path/filepath"
	"testing"
	"time"
)

func readTest(t *testing.T, file string) *Series {
	t.Helper()
	all, err := ReadFile(filepath.Join("testdata", file), "")
	if err != nil {
		t.Fatal(err)
	}
	return all[0]
}

func TestTradeToTrade(t *testing.T) {
	s := readTest(t, "thin.csv")
	// testdata/thin.csv: 100, null, null, 110, 99, (empty), 120 on
	// 2020-01-02, 03, 06, 07, 08, 09, 10. By hand: 110/100-1 = 0.1 over 3
	// rows, 99/110-1 = -0.1 over 1, 120/99-1 = 7/33 over 2. Python 3.11.7:
	// 120/99-1 = 0.21212121212121215, math.log(120/99) =
	// 0.1923718926474561, math.log(1.1), math.log(0.9). Tolerance 1e-14:
	// division and rounding of the ratios.
	wantSpan := []int{0, 0, 0, 3, 1, 0, 2}
	for _, c := range []struct {
		log  bool
		want []float64
	}{
		{false, []float64{nanVal, nanVal, nanVal, 0.1, -0.1, nanVal, 0.21212121212121215}},
		{true, []float64{nanVal, nanVal, nanVal, 0.09531017980432493, -0.10536051565782628, nanVal, 0.1923718926474561}},
	} {
		ret, span := s.TradeToTrade(c.log)
		if len(ret) != len(c.want) || len(span) != len(wantSpan) {
			t.Fatalf("log=%v: %d returns %d spans", c.log, len(ret), len(span))
		}
		for j := range ret {
			if !sameValue(ret[j], c.want[j], 1e-14) || span[j] != wantSpan[j] {
				t.Errorf("log=%v %s: return %v span %d, want %v %d", c.log, s.Dates[j], ret[j], span[j], c.want[j], wantSpan[j])
			}
		}
	}
	// Without gaps, trade-to-trade returns are Returns with span 1.
	r := readTest(t, "yahoo_classic.csv")
	plain := r.Returns(false)
	ret, span := r.TradeToTrade(false)
	for j := range ret {
		if !sameValue(ret[j], plain[j], 0) || (j > 0) != (span[j] == 1) {
			t.Errorf("yahoo_classic %d: %v span %d, Returns %v", j, ret[j], span[j], plain[j])
		}
	}
}

func TestTradeToTradeOfReturnSeries(t *testing.T) {
	s := readTest(t, "long_return.csv")
	// Returns 0.01, -0.02, missing, 0.5: each spans one day; log1p by
	// Python 3.11.7 math.log1p; tolerance 1e-15.
	wantSpan := []int{1, 1, 0, 1}
	for _, c := range []struct {
		log  bool
		want []float64
	}{
		{false, []float64{0.01, -0.02, nanVal, 0.5}},
		{true, []float64{0.009950330853168083, -0.02020270731751945, nanVal, 0.4054651081081644}},
	} {
		ret, span := s.TradeToTrade(c.log)
		for j := range ret {
			if !sameValue(ret[j], c.want[j], 1e-15) || span[j] != wantSpan[j] {
				t.Errorf("log=%v %d: %v span %d, want %v %d", c.log, j, ret[j], span[j], c.want[j], wantSpan[j])
			}
		}
	}
}

func TestMarketSpan(t *testing.T) {
	mkt := readTest(t, "thin_market.csv")
	// testdata/thin_market.csv: 1000, 1010, 1020, 1000, 1050, 1029, 1080,
	// null, 1100 on 2020-01-02, 03, 06, 07, 08, 09, 10, 13, 14.
	jan := func(d int) Date { return NewDate(2020, time.January, d) }
	tests := []struct {
		from, to int
		simple   float64 // compound of simple returns
		log      float64 // sum of log returns
	}{
		// The products telescope to price ratios: 1000/1000-1 = 0, log 0.
		{2, 7, 0, 0},
		// 1080/1050-1 and log(1080/1050): Python 3.11.7.
		{8, 10, 0.02857142857142847, 0.028170876966696224},
		// One day: Return(to), 1050/1000-1; log(1.05).
		{7, 8, 0.05, 0.04879016416943205},
		// A Saturday as from: the market days in (Jan 4, Jan 6] are Jan 6.
		{4, 6, 0.00990099009900991, math.Log(1020.0 / 1010)},
		// Jan 13 has no price: NaN, and so is Jan 14's return.
		{10, 14, nanVal, nanVal},
		// Jan 2 is the market's first day: no return.
		{1, 3, nanVal, nanVal},
		// to not a market day (Saturday), after the data, or not after from.
		{7, 11, nanVal, nanVal},
		{10, 20, nanVal, nanVal},
		{6, 6, nanVal, nanVal},
		{8, 7, nanVal, nanVal},
	}
	for _, log := range []bool{false, true} {
		m := NewMarket(mkt, log)
		for _, tt := range tests {
			want := tt.simple
			if log {
				want = tt.log
			}
			// Tolerance 1e-14: products of rounded ratios.
			if got := m.Span(jan(tt.from), jan(tt.to), log); !sameValue(got, want, 1e-14) {
				t.Errorf("log=%v: Span(Jan %d, Jan %d) = %v, want %v", log, tt.from, tt.to, got, want)
			}
		}
	}
	var empty Market
	if got := empty.Span(jan(2), jan(3), false); !math.IsNaN(got) {
		t.Errorf("empty market: %v", got)
	}
	if got := NewMarket(&Series{}, false).Span(jan(2), jan(3), false); !math.IsNaN(got) {
		t.Errorf("market without dates: %v", got)
	}
}

func TestAlignTradeToTrade(t *testing.T) {
	s := readTest(t, "thin.csv")
	m := NewMarket(readTest(t, "thin_market.csv"), false)
	ret, span := s.TradeToTrade(false)
	// Day 0 is 2020-01-08 (index 4); days -4..3 reach one past the data.
	a, spans := AlignTradeToTrade(s, ret, span, m, false, 4, -4, 3)
	// R from TestTradeToTrade; Rm by hand from thin_market.csv over the
	// same intervals: (Jan 2, Jan 7] = 1000/1000-1 = 0, (Jan 7, Jan 8] =
	// 0.05, (Jan 8, Jan 10] = 1080/1050-1. Tolerance 1e-14.
	wantR := []float64{nanVal, nanVal, nanVal, 0.1, -0.1, nanVal, 0.21212121212121215, nanVal}
	wantRm := []float64{nanVal, nanVal, nanVal, 0, 0.05, nanVal, 0.02857142857142847, nanVal}
	wantSpans := []int{0, 0, 0, 3, 1, 0, 2, 0}
	if a.Day0 != 4 || a.First != -4 || len(a.R) != 8 || len(spans) != 8 {
		t.Fatalf("Day0 %d First %d, %d returns %d spans", a.Day0, a.First, len(a.R), len(spans))
	}
	for k := range wantR {
		if !sameValue(a.R[k], wantR[k], 1e-14) || !sameValue(a.Rm[k], wantRm[k], 1e-14) || spans[k] != wantSpans[k] {
			t.Errorf("day %d: R %v Rm %v span %d, want %v %v %d", k-4, a.R[k], a.Rm[k], spans[k], wantR[k], wantRm[k], wantSpans[k])
		}
	}
	if a.Dates[7] != 0 || a.Dates[0] != NewDate(2020, time.January, 2) {
		t.Errorf("dates %v", a.Dates)
	}
}
