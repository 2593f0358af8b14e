package prices

import "testing"

// TestGapBefore: with a benchmark, any benchmark trading day between two
// consecutive prices makes a gap; without one, more than 5 weekdays do
// (China's Golden Week closes 5). The security is listed in Shanghai, an
// exchange without a calendar in the project.
func TestGapBefore(t *testing.T) {
	fri := NewDate(2024, 9, 27) // a Friday
	bench := &Series{Ticker: "B", Dates: []Date{fri, fri + 3, fri + 4, fri + 5, fri + 10}, Values: []float64{1, 1, 1, 1, 1}}
	m := NewMarket(bench, false)
	for _, tt := range []struct {
		name       string
		last, next Date
		m          *Market
		want       bool
		days       int
	}{
		{"weekend", fri, fri + 3, m, false, 0},
		{"benchmark traded Monday", fri, fri + 4, m, true, 1},
		{"benchmark traded 3 days", fri, fri + 10, m, true, 3},
		{"benchmark closed too", fri + 5, fri + 10, m, false, 0},
		{"5 weekdays, no benchmark", fri, fri + 10, nil, false, 0},
		{"6 weekdays, no benchmark", fri, fri + 11, nil, true, 6},
		// Sat 09-28 .. Tue 11-26: 8 weeks (40 weekdays) + Sat..Tue (2).
		{"two months, no benchmark", fri, fri + 61, nil, true, 42},
	} {
		s := &Series{Ticker: "600519.SS", Dates: []Date{tt.last, tt.next}}
		g, ok := GapBefore(s, tt.m, 1)
		if ok != tt.want || (ok && g.Days != tt.days) {
			t.Errorf("%s: %v %+v, want %v with %d days", tt.name, ok, g, tt.want, tt.days)
		}
	}
}

// TestGapBeforeCalendar: where the security's exchange has a calendar, a
// session without a row is a gap whatever the benchmark did, and a holiday
// is none (dates: calendar_xnys.go, calendar_xhkg.go, checked against
// exchange_calendars in sessions_test.go).
func TestGapBeforeCalendar(t *testing.T) {
	fri := NewDate(2024, 9, 27)
	// A benchmark that also lacks Monday 2024-09-30: the benchmark rule
	// alone would see no gap.
	bench := &Series{Ticker: "^NDX", Dates: []Date{fri, fri + 4}, Values: []float64{1, 1}}
	m := NewMarket(bench, false)
	for _, tt := range []struct {
		name, ticker string
		last, next   Date
		want         bool
		days         int
		missing      Date
	}{
		{"weekend", "AAPL", fri, fri + 3, false, 0, 0},
		{"Monday missing in both files", "AAPL", fri, fri + 4, true, 1, fri + 3},
		{"Thanksgiving", "AAPL", NewDate(2024, 11, 27), NewDate(2024, 11, 29), false, 0, 0},
		{"Carter's funeral", "AAPL", NewDate(2025, 1, 8), NewDate(2025, 1, 10), false, 0, 0},
		{"Lunar New Year", "9988.HK", NewDate(2025, 1, 28), NewDate(2025, 2, 3), false, 0, 0},
		{"black rainstorm", "9988.HK", NewDate(2023, 9, 7), NewDate(2023, 9, 11), false, 0, 0},
		{"two HKEX sessions", "9988.HK", NewDate(2025, 2, 3), NewDate(2025, 2, 6), true, 2, NewDate(2025, 2, 4)},
		// An index's exchange is not in its name: the benchmark rule decides.
		{"index", "^GSPC", fri, fri + 4, false, 0, 0},
		// Before 2000 the calendar has no say.
		{"1999", "AAPL", NewDate(1999, 12, 3), NewDate(1999, 12, 7), false, 0, 0},
	} {
		s := &Series{Ticker: tt.ticker, Dates: []Date{tt.last, tt.next}}
		g, ok := GapBefore(s, m, 1)
		if ok != tt.want || (ok && (g.Days != tt.days || g.Missing != tt.missing)) {
			t.Errorf("%s: %v %+v, want %v with %d sessions from %s", tt.name, ok, g, tt.want, tt.days, tt.missing)
		}
	}
	g, _ := GapBefore(&Series{Ticker: "AAPL", Dates: []Date{fri, fri + 4}}, m, 1)
	if want := "no price for the XNYS session 2024-09-30 (a data gap: not a holiday)"; g.String() != want {
		t.Errorf("String() = %q, want %q", g, want)
	}
}
