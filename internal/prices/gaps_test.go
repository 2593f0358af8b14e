package prices

import "testing"

// TestGapBefore: with a benchmark, any benchmark trading day between two
// consecutive prices makes a gap; without one, more than 5 weekdays do
// (China's Golden Week closes 5).
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
		s := &Series{Ticker: "S", Dates: []Date{tt.last, tt.next}}
		g, ok := GapBefore(s, tt.m, 1)
		if ok != tt.want || (ok && g.Days != tt.days) {
			t.Errorf("%s: %v %+v, want %v with %d days", tt.name, ok, g, tt.want, tt.days)
		}
	}
}
