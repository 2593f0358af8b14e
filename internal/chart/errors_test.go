package chart

import (
	"errors"
	"math"
	"testing"
	"time"

	"gonum.org/v1/plot"
)

func TestCAARErrors(t *testing.T) {
	nan := math.NaN()
	ok := func() CAARChart {
		return CAARChart{Days: []int{-1, 0, 1}, AAR: []float64{0, 0.01, 0}, CAAR: []float64{0, 0.01, 0.01},
			Lo: []float64{-0.01, 0, 0}, Hi: []float64{0.01, 0.02, 0.02}}
	}
	tests := []struct {
		name   string
		modify func(*CAARChart)
		want   error
	}{
		{"empty", func(c *CAARChart) { *c = CAARChart{} }, ErrEmpty},
		{"short AAR", func(c *CAARChart) { c.AAR = c.AAR[:2] }, ErrLength},
		{"long CAAR", func(c *CAARChart) { c.CAAR = append(c.CAAR, 0) }, ErrLength},
		{"nil Lo", func(c *CAARChart) { c.Lo = nil }, ErrLength},
		{"short Hi", func(c *CAARChart) { c.Hi = c.Hi[:1] }, ErrLength},
		{"days repeated", func(c *CAARChart) { c.Days = []int{-1, 0, 0} }, ErrOrder},
		{"days decreasing", func(c *CAARChart) { c.Days = []int{1, 0, -1} }, ErrOrder},
		{"all NaN", func(c *CAARChart) {
			for _, s := range [][]float64{c.AAR, c.CAAR, c.Lo, c.Hi} {
				for i := range s {
					s[i] = nan
				}
			}
		}, ErrEmpty},
		{"all Inf", func(c *CAARChart) {
			for _, s := range [][]float64{c.AAR, c.CAAR, c.Lo, c.Hi} {
				for i := range s {
					s[i] = math.Inf(-1)
				}
			}
		}, ErrEmpty},
		{"too large", func(c *CAARChart) { c.Hi[2] = 1e300 }, ErrValue},
		{"too small", func(c *CAARChart) { c.AAR[0] = -1e300 }, ErrValue},
		{"valid", func(*CAARChart) {}, nil},
		{"some NaN", func(c *CAARChart) { c.AAR[1], c.CAAR[0], c.Lo[2] = nan, nan, math.Inf(1) }, nil},
		{"only bars", func(c *CAARChart) {
			c.CAAR, c.Lo, c.Hi = []float64{nan, nan, nan}, []float64{nan, nan, nan}, []float64{nan, nan, nan}
		}, nil},
		{"one day", func(c *CAARChart) {
			*c = CAARChart{Days: []int{0}, AAR: []float64{0.01}, CAAR: []float64{0.01}, Lo: []float64{0}, Hi: []float64{0.02}}
		}, nil},
		{"gap in days", func(c *CAARChart) { c.Days = []int{-5, 0, 5} }, nil},
		{"flat zero", func(c *CAARChart) {
			c.AAR, c.CAAR, c.Lo, c.Hi = make([]float64, 3), make([]float64, 3), make([]float64, 3), make([]float64, 3)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.modify(&c)
			p, err := CAAR(c)
			checkErr(t, p, err, tt.want)
			// Event shares the layout and the checks.
			p, err = Event(EventChart{Days: c.Days, AR: c.AAR, CAR: c.CAAR, Lo: c.Lo, Hi: c.Hi})
			checkErr(t, p, err, tt.want)
		})
	}
}

func TestPricesErrors(t *testing.T) {
	nan := math.NaN()
	ok := func() PriceChart {
		return PriceChart{
			Dates:    weekdays(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 6),
			Security: []float64{10, 11, 12, 11, 10, 9},
			Market:   []float64{100, 101, 102, 101, 103, 104},
			EstFrom:  0, EstTo: 2, EventFrom: 3, EventTo: 5, Day0: 4,
		}
	}
	tests := []struct {
		name   string
		modify func(*PriceChart)
		want   error
	}{
		{"empty", func(c *PriceChart) { *c = PriceChart{} }, ErrEmpty},
		{"short security", func(c *PriceChart) { c.Security = c.Security[:5] }, ErrLength},
		{"long market", func(c *PriceChart) { c.Market = append(c.Market, 1) }, ErrLength},
		{"dates repeated", func(c *PriceChart) { c.Dates[3] = c.Dates[2] }, ErrOrder},
		{"dates decreasing", func(c *PriceChart) { c.Dates[0], c.Dates[1] = c.Dates[1], c.Dates[0] }, ErrOrder},
		{"estimation before start", func(c *PriceChart) { c.EstFrom = -1 }, ErrRange},
		{"estimation reversed", func(c *PriceChart) { c.EstFrom, c.EstTo = 2, 0 }, ErrRange},
		{"event past end", func(c *PriceChart) { c.EventTo = 6 }, ErrRange},
		{"day 0 past end", func(c *PriceChart) { c.Day0 = 6 }, ErrRange},
		{"day 0 negative", func(c *PriceChart) { c.Day0 = -1 }, ErrRange},
		{"security all NaN", func(c *PriceChart) { c.Security = []float64{nan, nan, nan, nan, nan, nan} }, ErrEmpty},
		{"market zero base", func(c *PriceChart) { c.Market[0] = 0 }, ErrValue},
		{"security negative base", func(c *PriceChart) { c.Security[0], c.Security[1] = nan, -3 }, ErrValue},
		{"rebased too large", func(c *PriceChart) { c.Security[0], c.Security[5] = 1e-200, 1 }, ErrValue},
		{"valid", func(*PriceChart) {}, nil},
		{"leading NaN", func(c *PriceChart) { c.Security[0], c.Market[1] = nan, math.Inf(1) }, nil},
		{"one date", func(c *PriceChart) {
			*c = PriceChart{Dates: c.Dates[:1], Security: []float64{5}, Market: []float64{7}}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.modify(&c)
			p, err := Prices(c)
			checkErr(t, p, err, tt.want)
		})
	}
}

func TestGroupsErrors(t *testing.T) {
	nan := math.NaN()
	ok := func() GroupsChart {
		return GroupsChart{Days: []int{-1, 0, 1}, Series: []GroupSeries{
			{Name: "A", CAAR: []float64{0, 0.01, 0.02}, Lo: []float64{-0.01, 0, 0.01}, Hi: []float64{0.01, 0.02, 0.03}},
			{Name: "B", CAAR: []float64{0, -0.01, -0.02}, Lo: []float64{-0.01, -0.02, -0.03}, Hi: []float64{0.01, 0, -0.01}},
		}}
	}
	allNaN := func(c *GroupsChart) {
		for _, s := range c.Series {
			for _, v := range [][]float64{s.CAAR, s.Lo, s.Hi} {
				for i := range v {
					v[i] = nan
				}
			}
		}
	}
	tests := []struct {
		name   string
		modify func(*GroupsChart)
		want   error
	}{
		{"empty", func(c *GroupsChart) { *c = GroupsChart{} }, ErrEmpty},
		{"no series", func(c *GroupsChart) { c.Series = nil }, ErrEmpty},
		{"no days", func(c *GroupsChart) { c.Days = nil }, ErrEmpty},
		{"short CAAR", func(c *GroupsChart) { c.Series[1].CAAR = c.Series[1].CAAR[:2] }, ErrLength},
		{"nil CAAR", func(c *GroupsChart) { c.Series[0].CAAR = nil }, ErrLength},
		{"long Lo", func(c *GroupsChart) { c.Series[0].Lo = append(c.Series[0].Lo, 0) }, ErrLength},
		{"Lo without Hi", func(c *GroupsChart) { c.Series[0].Hi = nil }, ErrLength},
		{"days repeated", func(c *GroupsChart) { c.Days = []int{0, 0, 1} }, ErrOrder},
		{"all NaN", allNaN, ErrEmpty},
		{"all Inf", func(c *GroupsChart) {
			for _, s := range c.Series {
				for _, v := range [][]float64{s.CAAR, s.Lo, s.Hi} {
					for i := range v {
						v[i] = math.Inf(1)
					}
				}
			}
		}, ErrEmpty},
		{"too large", func(c *GroupsChart) { c.Series[1].Hi[0] = 1e200 }, ErrValue},
		{"valid", func(*GroupsChart) {}, nil},
		{"no bands", func(c *GroupsChart) { c.Series[0].Lo, c.Series[0].Hi = nil, nil }, nil},
		{"one series all NaN", func(c *GroupsChart) {
			c.Series[0] = GroupSeries{CAAR: []float64{nan, nan, nan}}
		}, nil},
		{"isolated points", func(c *GroupsChart) { c.Series[0].CAAR[1] = nan; c.Series[1].Lo[0] = nan }, nil},
		{"one day", func(c *GroupsChart) {
			*c = GroupsChart{Days: []int{0}, Series: []GroupSeries{{CAAR: []float64{0.01}, Lo: []float64{0}, Hi: []float64{0.02}}}}
		}, nil},
		{"seven series", func(c *GroupsChart) {
			for len(c.Series) < 7 {
				c.Series = append(c.Series, c.Series[0])
			}
		}, nil},
		{"long axis", func(c *GroupsChart) {
			*c = GroupsChart{}
			s := GroupSeries{}
			for d := -250; d <= 250; d++ {
				c.Days = append(c.Days, d)
				s.CAAR = append(s.CAAR, float64(d)/1e4)
			}
			s.CAAR[3] = nan // day -248 stands alone and gets a marker
			c.Series = []GroupSeries{s}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.modify(&c)
			p, err := Groups(c)
			checkErr(t, p, err, tt.want)
		})
	}
}

func TestHistogramErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		c    HistChart
		want error
	}{
		{"empty", HistChart{}, ErrEmpty},
		{"NaN only", HistChart{Values: []float64{nan, nan}}, ErrEmpty},
		{"Inf only", HistChart{Values: []float64{math.Inf(1), math.Inf(-1)}}, ErrEmpty},
		{"negative bins", HistChart{Values: []float64{0.01}, Bins: -1}, ErrValue},
		{"too large", HistChart{Values: []float64{0.01, -1e200}}, ErrValue},
		{"valid", HistChart{Values: []float64{-0.02, 0.01, 0.015, 0.03}}, nil},
		{"one value", HistChart{Values: []float64{0.013}}, nil},
		{"all equal", HistChart{Values: []float64{0.02, 0.02, 0.02}}, nil},
		{"all zero", HistChart{Values: []float64{0, 0}}, nil},
		{"some NaN", HistChart{Values: []float64{nan, 0.01, math.Inf(1), 0.02}}, nil},
		{"ten bins", HistChart{Values: []float64{-0.05, 0.01, 0.05}, Bins: 10}, nil},
		{"one outlier", HistChart{Values: []float64{0.001, 0.002, 0.003, 0.004, 50}}, nil},
		{"all negative", HistChart{Values: []float64{-0.5, -0.4, -0.45}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Histogram(tt.c)
			checkErr(t, p, err, tt.want)
		})
	}
}

// checkErr checks that err wraps want, or, when want is nil, that p
// renders.
func checkErr(t *testing.T, p *plot.Plot, err, want error) {
	t.Helper()
	if want != nil {
		if !errors.Is(err, want) {
			t.Fatalf("err = %v, want %v", err, want)
		}
		if p != nil {
			t.Errorf("plot is not nil with error %v", err)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if err := Save(p, figWidth, figHeight, t.TempDir()+"/fig"); err != nil {
		t.Fatalf("save: %v", err)
	}
}

// Extreme but finite values must not panic or hang, whatever they look like.
func TestExtremeValues(t *testing.T) {
	for _, v := range [][]float64{
		{1e100, -1e100, 0},
		{1e-300, 2e-300, 3e-300},
		{1e15, 1e15 + 1, 1e15},
		{-5, -5, -5},
	} {
		c := CAARChart{Days: []int{-1000000, 0, 1000000}, AAR: v, CAAR: v, Lo: v, Hi: v}
		p, err := CAAR(c)
		checkErr(t, p, err, nil)
		pc := PriceChart{
			Dates:    weekdays(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 3),
			Security: []float64{1e-90, 1, 1e-90}, Market: []float64{1, 1 + 1e-15, 1},
			EstTo: 1, EventFrom: 1, EventTo: 2, Day0: 2,
		}
		p, err = Prices(pc)
		checkErr(t, p, err, nil)
		pc.Market = nil // no benchmark (constant mean): the security alone
		p, err = Prices(pc)
		checkErr(t, p, err, nil)
		p, err = Groups(GroupsChart{Days: c.Days, Series: []GroupSeries{{CAAR: v, Lo: v, Hi: v}}})
		checkErr(t, p, err, nil)
		p, err = Histogram(HistChart{Values: v})
		checkErr(t, p, err, nil)
	}
}

// TestPricesErrorNamesSeries: a price that cannot be rebased is reported
// under the security's or the market's name, as the legend has it.
func TestPricesErrorNamesSeries(t *testing.T) {
	c := PriceChart{
		Dates:    weekdays(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 3),
		Security: []float64{-0.01, 11, 12}, Market: []float64{100, 101, 102},
		SecurityName: "AMZN", MarketName: "^GSPC", EventTo: 2,
	}
	_, err := Prices(c)
	if want := "price chart: AMZN: first price -0.01 is not positive: invalid value"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	c.Security[0], c.Market[0] = 10, 0
	_, err = Prices(c)
	if want := "price chart: ^GSPC: first price 0 is not positive: invalid value"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}
