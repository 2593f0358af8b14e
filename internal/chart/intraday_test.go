package chart

import (
	"math"
	"slices"
	"testing"
	"time"
)

func TestIntradayPathErrors(t *testing.T) {
	nan := math.NaN()
	ok := func() IntradayPathChart {
		return IntradayPathChart{
			Minutes: []float64{-10, -5, 0, 5, 10},
			Path:    []float64{0.001, 0, -0.01, -0.012, -0.011},
			Lo:      []float64{-0.002, 0, -0.003, -0.004, -0.005},
			Hi:      []float64{0.002, 0, 0.003, 0.004, 0.005},
			Windows: []MinuteWindow{{From: 0, To: 5}, {From: 0, To: 10}},
			News:    "14:00 America/New_York",
		}
	}
	tests := []struct {
		name   string
		modify func(*IntradayPathChart)
		want   error
	}{
		{"empty", func(c *IntradayPathChart) { *c = IntradayPathChart{} }, ErrEmpty},
		{"short path", func(c *IntradayPathChart) { c.Path = c.Path[:4] }, ErrLength},
		{"nil path", func(c *IntradayPathChart) { c.Path = nil }, ErrLength},
		{"long Lo", func(c *IntradayPathChart) { c.Lo = append(c.Lo, 0) }, ErrLength},
		{"Lo without Hi", func(c *IntradayPathChart) { c.Hi = nil }, ErrLength},
		{"minutes repeated", func(c *IntradayPathChart) { c.Minutes[2] = -5 }, ErrOrder},
		{"minutes decreasing", func(c *IntradayPathChart) { slices.Reverse(c.Minutes) }, ErrOrder},
		{"NaN minute", func(c *IntradayPathChart) { c.Minutes[0] = nan }, ErrValue},
		{"negative interval", func(c *IntradayPathChart) { c.Interval = -5 }, ErrValue},
		{"all NaN", func(c *IntradayPathChart) {
			for _, s := range [][]float64{c.Path, c.Lo, c.Hi} {
				for i := range s {
					s[i] = nan
				}
			}
		}, ErrEmpty},
		{"NaN path, no band", func(c *IntradayPathChart) {
			c.Lo, c.Hi = nil, nil
			for i := range c.Path {
				c.Path[i] = math.Inf(1)
			}
		}, ErrEmpty},
		{"too large", func(c *IntradayPathChart) { c.Path[1] = 1e300 }, ErrValue},
		{"reversed window", func(c *IntradayPathChart) { c.Windows[0] = MinuteWindow{From: 5, To: 0} }, ErrRange},
		{"empty window", func(c *IntradayPathChart) { c.Windows[0] = MinuteWindow{From: 5, To: 5} }, ErrRange},
		{"NaN window", func(c *IntradayPathChart) { c.Windows[0] = MinuteWindow{From: nan, To: 5} }, ErrRange},
		{"five windows", func(c *IntradayPathChart) {
			c.Windows = []MinuteWindow{{From: 0, To: 1}, {From: 0, To: 2}, {From: 0, To: 3}, {From: 0, To: 4}, {From: 0, To: 5}}
		}, ErrRange},
		{"valid", func(*IntradayPathChart) {}, nil},
		{"no band, no windows, no news", func(c *IntradayPathChart) { c.Lo, c.Hi, c.Windows, c.News = nil, nil, nil, "" }, nil},
		{"gaps", func(c *IntradayPathChart) { c.Path[1], c.Lo[3] = nan, nan; c.Minutes[4] = 90 }, nil},
		{"only band", func(c *IntradayPathChart) { c.Path = []float64{nan, nan, nan, nan, nan} }, nil},
		{"one bar", func(c *IntradayPathChart) {
			*c = IntradayPathChart{Minutes: []float64{0}, Path: []float64{0.01}}
		}, nil},
		{"news after the bars", func(c *IntradayPathChart) {
			c.Minutes = []float64{-300, -299, -298, -297, -296}
		}, nil},
		{"four windows, overlapping", func(c *IntradayPathChart) {
			c.Windows = []MinuteWindow{{From: -30, To: 0}, {From: 0, To: 5}, {From: 0, To: 30}, {From: 0, To: 60}}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.modify(&c)
			p, err := IntradayPath(c)
			checkErr(t, p, err, tt.want)
		})
	}
}

func TestMinuteCAARErrors(t *testing.T) {
	nan := math.NaN()
	ok := func() MinuteCAARChart {
		return MinuteCAARChart{
			Minutes: []float64{-1, 0, 1, 2},
			AAR:     []float64{0, 0.002, 0.001, 0},
			CAAR:    []float64{0, 0.002, 0.003, 0.003},
			Lo:      []float64{-0.001, 0, 0.001, 0},
			Hi:      []float64{0.001, 0.004, 0.005, 0.006},
		}
	}
	tests := []struct {
		name   string
		modify func(*MinuteCAARChart)
		want   error
	}{
		{"empty", func(c *MinuteCAARChart) { *c = MinuteCAARChart{} }, ErrEmpty},
		{"short CAAR", func(c *MinuteCAARChart) { c.CAAR = c.CAAR[:3] }, ErrLength},
		{"nil Lo", func(c *MinuteCAARChart) { c.Lo = nil }, ErrLength},
		{"long AAR", func(c *MinuteCAARChart) { c.AAR = append(c.AAR, 0) }, ErrLength},
		{"minutes repeated", func(c *MinuteCAARChart) { c.Minutes[1] = -1 }, ErrOrder},
		{"Inf minute", func(c *MinuteCAARChart) { c.Minutes[3] = math.Inf(1) }, ErrValue},
		{"all NaN", func(c *MinuteCAARChart) {
			for _, s := range [][]float64{c.AAR, c.CAAR, c.Lo, c.Hi} {
				for i := range s {
					s[i] = nan
				}
			}
		}, ErrEmpty},
		{"too large", func(c *MinuteCAARChart) { c.Hi[0] = -1e200 }, ErrValue},
		{"valid", func(*MinuteCAARChart) {}, nil},
		{"no AAR", func(c *MinuteCAARChart) { c.AAR = nil }, nil},
		{"missing bar", func(c *MinuteCAARChart) { c.Minutes = []float64{-1, 0, 2, 3} }, nil},
		{"some NaN", func(c *MinuteCAARChart) { c.CAAR[1], c.Lo[2] = nan, nan }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.modify(&c)
			p, err := MinuteCAAR(c)
			checkErr(t, p, err, tt.want)
		})
	}
}

func TestMinuteAxisBreaks(t *testing.T) {
	// 5-minute bars with the lunch break of HKEX (12:00-13:00: the last
	// morning bar starts at 11:55, the first afternoon one at 13:00) and
	// one missing bar at 14:10; news at 11:30.
	minutes := []float64{-10, -5, 0, 5, 25, 90, 95, 100, 110}
	a, err := newMinuteAxis("test", minutes, 0)
	if err != nil {
		t.Fatal(err)
	}
	if a.interval != 5 {
		t.Errorf("interval %g, want 5 (the smallest step)", a.interval)
	}
	var got []int
	for i := 1; i < len(minutes); i++ {
		if a.brk(i) {
			got = append(got, i)
		}
	}
	// Breaks before 25 (15 minutes missing), 90 (the break) and 110.
	if want := []int{4, 5, 8}; !slices.Equal(got, want) {
		t.Errorf("breaks before indexes %v, want %v", got, want)
	}
	// A given interval wins over the data: with 15-minute bars declared,
	// 5 -> 25 is still a gap but 0 -> 5 is not.
	a, _ = newMinuteAxis("test", minutes, 15)
	if a.brk(3) || !a.brk(4) {
		t.Errorf("interval 15: brk(3) = %v, brk(4) = %v, want false, true", a.brk(3), a.brk(4))
	}
}

func TestMinuteTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64 // labelled ticks
	}{
		{-122.5, 177.5, []float64{-120, -90, -60, -30, 0, 30, 60, 90, 120, 150}},
		{-30.5, 59.5, []float64{-30, -20, -10, 0, 10, 20, 30, 40, 50}},
		{-2.5, 7.5, []float64{-2, -1, 0, 1, 2, 3, 4, 5, 6, 7}},
		{-60, 390, []float64{-60, 0, 60, 120, 180, 240, 300, 360}},
		{-1440, 1440, []float64{-1440, -1080, -720, -360, 0, 360, 720, 1080, 1440}},
	}
	for _, tt := range tests {
		var got []float64
		for _, tk := range (minuteTicks{}).Ticks(tt.lo, tt.hi) {
			if tk.Label != "" {
				got = append(got, tk.Value)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ticks of %g..%g: %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
	if ticks := (minuteTicks{}).Ticks(1, 1); ticks != nil {
		t.Errorf("empty range: %v, want none", ticks)
	}
}

func TestMinuteWindowString(t *testing.T) {
	for _, tt := range []struct {
		w    MinuteWindow
		want string
	}{{MinuteWindow{From: -30, To: 0}, "-30m:0m"}, {MinuteWindow{From: 0, To: 5}, "0m:5m"}, {MinuteWindow{From: 0.5, To: 60}, "0.5m:60m"}} {
		if got := tt.w.String(); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.w, got, tt.want)
		}
	}
}

func TestMinuteAxisCuts(t *testing.T) {
	// News at the 09:30 open: the 16:00 closing-print bar of the day
	// before starts 17.5 hours (1050 minutes) earlier; the night is drawn
	// shownGap = 30 minutes wide, so 0 is drawn at -1050 + 30.
	a, err := newMinuteAxis("test", []float64{-1060, -1055, -1050, 0, 5}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{-1060, -1055, -1050, -1020, -1015}; !slices.Equal(a.x, want) {
		t.Errorf("open: drawn at %v, want %v", a.x, want)
	}
	// News at 16:05, after the close: the bars of the next morning start
	// at +1045 (09:30); the news stays next to the close and the night
	// after it is cut: 1045 is drawn at 0 + 30.
	a, err = newMinuteAxis("test", []float64{-10, -5, 1045, 1050}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{-10, -5, 30, 35}; !slices.Equal(a.x, want) {
		t.Errorf("after the close: drawn at %v, want %v", a.x, want)
	}
	if got := a.at(522.5); got != 15 {
		t.Errorf("halfway through the night drawn at %g, want 15 (halfway through the cut)", got)
	}
	// The HKEX lunch break (60 minutes) is a gap, not a cut.
	a, _ = newMinuteAxis("test", []float64{-5, 0, 5, 65, 70}, 5)
	if len(a.cuts) != 0 || a.x[3] != 65 {
		t.Errorf("lunch break: cuts %v, 65 drawn at %g; want none, 65", a.cuts, a.x[3])
	}

	// Clock labels on the cut axis: 13:00..16:00 the day before and
	// 09:30..12:55, news at 09:30 New York. Hour ticks (the labels of a
	// 330-minute axis), each stretch on its own.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	c := overnightData()
	a, _ = newMinuteAxis("test", c.Minutes, 5)
	a.clock = time.Date(2025, 11, 14, 9, 30, 0, 0, ny)
	var labels []string
	var at []float64
	lo, hi := a.at(-1230)-2.5, a.at(205)+2.5
	for _, tk := range (minuteTicks{axis: &a, clock: true}).Ticks(lo, hi) {
		if tk.Label != "" {
			labels, at = append(labels, tk.Label), append(at, tk.Value)
		}
	}
	if want := []string{"13:00", "14:00", "15:00", "16:00", "10:00", "11:00", "12:00"}; !slices.Equal(labels, want) {
		t.Errorf("clock labels %v, want %v", labels, want)
	}
	// 10:00 is 30 minutes after the news, drawn at a.at(30) = -1050 + 30 + 30.
	if len(at) == 7 && at[4] != -990 {
		t.Errorf("10:00 drawn at %g, want -990", at[4])
	}
}
