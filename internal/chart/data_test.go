package chart

import (
	"math"
	"math/rand/v2"
	"time"
)

// Deterministic synthetic data for the golden images.

// caarData is a cross-event study over days -10..10 with a positive
// reaction on days 0 and 1.
func caarData() CAARChart {
	rng := rand.New(rand.NewPCG(1, 2))
	c := CAARChart{
		Title:    "CAAR, market model, 412 events (synthetic data)",
		Subtitle: "band: 95% CI from the cross-sectional t",
	}
	var cum, se float64
	for d := -10; d <= 10; d++ {
		aar := 0.0015 * rng.NormFloat64()
		switch d {
		case 0:
			aar += 0.021
		case 1:
			aar += 0.007
		}
		cum += aar
		se = 0.0012 * math.Sqrt(float64(d+11))
		c.Days = append(c.Days, d)
		c.AAR = append(c.AAR, aar)
		c.CAAR = append(c.CAAR, cum)
		c.Lo = append(c.Lo, cum-1.97*se)
		c.Hi = append(c.Hi, cum+1.97*se)
	}
	return c
}

// eventData is one event over days -5..5 with a negative reaction on day
// 0 and a missing return on day -3.
func eventData() EventChart {
	rng := rand.New(rand.NewPCG(3, 4))
	c := EventChart{
		Title:    "ACME Corp., profit warning (synthetic data)",
		Subtitle: "band: 95% CI from the forecast-error variance",
	}
	var cum float64
	for d := -5; d <= 5; d++ {
		ar := 0.008 * rng.NormFloat64()
		if d == 0 {
			ar -= 0.062
		}
		cum += ar
		se := 0.011 * math.Sqrt(float64(d+6))
		c.Days = append(c.Days, d)
		if d == -3 {
			c.AR = append(c.AR, math.NaN())
			c.CAR = append(c.CAR, math.NaN())
			c.Lo = append(c.Lo, math.NaN())
			c.Hi = append(c.Hi, math.NaN())
			continue
		}
		c.AR = append(c.AR, ar)
		c.CAR = append(c.CAR, cum)
		c.Lo = append(c.Lo, cum-1.96*se)
		c.Hi = append(c.Hi, cum+1.96*se)
	}
	return c
}

// weekdays returns n weekdays from start on, skipping weekends.
func weekdays(start time.Time, n int) []time.Time {
	var out []time.Time
	for d := start; len(out) < n; d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			out = append(out, d)
		}
	}
	return out
}

// priceData is a security and a market index over 291 trading days, with
// a 250-day estimation window, an event window of 21 days around day 0
// and a few missing prices.
func priceData() PriceChart {
	rng := rand.New(rand.NewPCG(5, 6))
	dates := weekdays(time.Date(2023, time.January, 2, 0, 0, 0, 0, time.UTC), 291)
	c := PriceChart{
		Title:        "ACME Corp. against the market (synthetic data)",
		Subtitle:     "prices rebased to 100 on the first trading day",
		Dates:        dates,
		SecurityName: "ACME Corp.",
		MarketName:   "Market index",
		EstFrom:      0, EstTo: 249,
		EventFrom: 260, EventTo: 280,
		Day0: 270,
	}
	sec, mkt := 42.0, 3800.0
	for i := range dates {
		rm := 0.0003 + 0.009*rng.NormFloat64()
		rs := 0.0002 + 1.1*rm + 0.012*rng.NormFloat64()
		if i == c.Day0 {
			rs -= 0.08
		}
		sec *= 1 + rs
		mkt *= 1 + rm
		c.Security = append(c.Security, sec)
		c.Market = append(c.Market, mkt)
	}
	for _, i := range []int{101, 102, 103} {
		c.Security[i] = math.NaN()
	}
	return c
}

// groupsData is three groups over days -10..10: good news, bad news and
// no news, with bands that overlap before day 0.
func groupsData() GroupsChart {
	rng := rand.New(rand.NewPCG(7, 8))
	c := GroupsChart{
		Title:    "CAAR by type of news, market model (synthetic data)",
		Subtitle: "bands: 95% CI from the cross-sectional t",
	}
	for d := -10; d <= 10; d++ {
		c.Days = append(c.Days, d)
	}
	for _, g := range []struct {
		name      string
		jump, sd  float64
		perDaySE  float64
		missingAt int
	}{
		{"Good news (N = 120)", 0.024, 0.0012, 0.0011, 99},
		{"Bad news (N = 95)", -0.031, 0.0015, 0.0014, 99},
		{"No news (N = 197)", 0.001, 0.0008, 0.0008, 4},
	} {
		s := GroupSeries{Name: g.name}
		var cum float64
		for i, d := range c.Days {
			ar := g.sd * rng.NormFloat64()
			switch d {
			case 0:
				ar += g.jump * 0.7
			case 1:
				ar += g.jump * 0.3
			}
			cum += ar
			se := g.perDaySE * math.Sqrt(float64(i+1))
			if d == g.missingAt {
				s.CAAR = append(s.CAAR, math.NaN())
				s.Lo = append(s.Lo, math.NaN())
				s.Hi = append(s.Hi, math.NaN())
				continue
			}
			s.CAAR = append(s.CAAR, cum)
			s.Lo = append(s.Lo, cum-1.97*se)
			s.Hi = append(s.Hi, cum+1.97*se)
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// histData is the CAR(-1, +1) of 412 events: a mean near 1%, a fat left
// tail, and two missing values.
func histData() HistChart {
	rng := rand.New(rand.NewPCG(9, 10))
	c := HistChart{
		Title:    "CAR(-1, +1), market model, 412 events (synthetic data)",
		Subtitle: "one CAR per event; bins of equal width with an edge at zero",
		Label:    "CAR(-1, +1)",
	}
	for i := range 412 {
		v := 0.009 + 0.025*rng.NormFloat64()
		if i%40 == 0 {
			v -= 0.08 * rng.Float64()
		}
		c.Values = append(c.Values, v)
	}
	c.Values[17], c.Values[300] = math.NaN(), math.Inf(1)
	return c
}

// intradayData is one security on 5-minute bars from 120 minutes before
// the news to 175 after, with a missing stretch (bars 40..55) and a drop
// at the news; the band is the 5th-95th percentile of 20 estimation
// days' paths at the same clock times.
func intradayData() IntradayPathChart {
	rng := rand.New(rand.NewPCG(13, 14))
	c := IntradayPathChart{
		Title:    "ACME Corp. around the news, 14 Nov 2025 (synthetic data)",
		Subtitle: "5-minute bars; band: 5th-95th percentile of 20 estimation days at the same clock times",
		Name:     "ACME Corp.",
		BandName: "Estimation days, 5th-95th percentile",
		News:     "14:00 America/New_York",
		Windows:  []MinuteWindow{{From: 0, To: 5}, {From: 0, To: 30}, {From: 0, To: 60}},
	}
	var minutes []float64
	for m := -120.0; m <= 175; m += 5 {
		if m >= 40 && m <= 55 {
			continue
		}
		minutes = append(minutes, m)
	}
	c.Minutes = minutes
	path := func(shock float64) []float64 {
		out := make([]float64, len(minutes))
		// Cumulative from the close of the bar at -5 minutes.
		var cum float64
		for i, m := range minutes {
			r := 0.0008 * rng.NormFloat64()
			if m == 0 {
				r += shock
			}
			if m >= 0 {
				cum += r
				out[i] = cum
			}
		}
		cum = 0
		for i := len(minutes) - 1; i >= 0; i-- {
			if minutes[i] < 0 {
				out[i] = cum
				cum -= 0.0008 * rng.NormFloat64()
			}
		}
		return out
	}
	c.Path = path(-0.012)
	c.Path[30] = math.NaN()
	days := make([][]float64, 20)
	for d := range days {
		days[d] = path(0)
	}
	var err error
	if c.Lo, c.Hi, err = PathBand(days, 0.05, 0.95); err != nil {
		panic(err)
	}
	return c
}

// minuteCAARData is 24 events on 1-minute bars from -30 to +60 minutes
// with a reaction over the first five minutes.
func minuteCAARData() MinuteCAARChart {
	rng := rand.New(rand.NewPCG(15, 16))
	c := MinuteCAARChart{
		Title:    "CAAR per minute, 24 FOMC statements (synthetic data)",
		Subtitle: "1-minute bars; band: 95% CI from the cross-sectional t",
		News:     "14:00 America/New_York",
	}
	var cum float64
	for m := -30; m < 60; m++ {
		aar := 0.0002 * rng.NormFloat64()
		if m >= 0 && m < 5 {
			aar += 0.0009
		}
		if m >= 0 {
			cum += aar
		}
		se := 0.0003 * math.Sqrt(float64(max(m+1, 1)))
		if m < 0 {
			se = 0.0002
		}
		c.Minutes = append(c.Minutes, float64(m))
		c.AAR = append(c.AAR, aar)
		c.CAAR = append(c.CAAR, cum)
		c.Lo = append(c.Lo, cum-2.07*se)
		c.Hi = append(c.Hi, cum+2.07*se)
	}
	return c
}

// overnightData is an index on 5-minute bars from 13:00 to the 16:00
// closing print on one day and from 09:30 to 12:55 the next, with the
// news at the open (09:30 New York): the night is cut short and the axis
// labelled with clock times.
func overnightData() IntradayPathChart {
	rng := rand.New(rand.NewPCG(17, 18))
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	c := IntradayPathChart{
		Title:    "Index around the open, 14 Nov 2025 (synthetic data)",
		Subtitle: "5-minute bars; no band",
		Name:     "Index",
		News:     "09:30 America/New_York",
		NewsTime: time.Date(2025, 11, 14, 9, 30, 0, 0, ny),
		Windows:  []MinuteWindow{{From: 0, To: 30}},
	}
	for m := -1230.0; m <= -1050; m += 5 { // 13:00 .. 16:00 the day before
		c.Minutes = append(c.Minutes, m)
	}
	for m := 0.0; m < 210; m += 5 { // 09:30 .. 12:55
		c.Minutes = append(c.Minutes, m)
	}
	c.Path = make([]float64, len(c.Minutes))
	var cum float64
	// The day before: from the close of the 16:00 bar backwards.
	for i := len(c.Minutes) - 1; i >= 0; i-- {
		if c.Minutes[i] < 0 {
			c.Path[i] = cum
			cum -= 0.0006 * rng.NormFloat64()
		}
	}
	cum = -0.011 // the gap at the open
	for i, m := range c.Minutes {
		if m >= 0 {
			cum += 0.0009 * rng.NormFloat64()
			if m < 40 {
				cum += 0.0015
			}
			c.Path[i] = cum
		}
	}
	return c
}

// preopenData is news at 03:00 New York that waits for the 09:30 open:
// 5-minute bars from 390 to 505 minutes after the news, a band, and
// windows on the event clock (from the open), labelled as written.
func preopenData() IntradayPathChart {
	rng := rand.New(rand.NewPCG(19, 20))
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	c := IntradayPathChart{
		Title:    "ACME Corp., news before the open, 14 Nov 2025 (synthetic data)",
		Subtitle: "5-minute bars; return from the open; band: 5th-95th percentile of 20 estimation days",
		Name:     "ACME Corp.",
		YLabel:   "Return from the session's open",
		BandName: "Estimation days, 5th-95th percentile",
		News:     "03:00 America/New_York, clock from 09:30",
		NewsTime: time.Date(2025, 11, 14, 3, 0, 0, 0, ny),
		Windows:  []MinuteWindow{{From: 390, To: 420, Label: "0m:30m from 09:30"}, {From: 390, To: 510, Label: "0m:120m from 09:30"}},
	}
	for m := 390.0; m < 510; m += 5 {
		c.Minutes = append(c.Minutes, m)
	}
	path := func(drift float64) []float64 {
		out := make([]float64, len(c.Minutes))
		var cum float64
		for i := range out {
			cum += drift + 0.001*rng.NormFloat64()
			out[i] = cum
		}
		return out
	}
	c.Path = path(0.0012)
	days := make([][]float64, 20)
	for d := range days {
		days[d] = path(0)
	}
	if c.Lo, c.Hi, err = PathBand(days, 0.05, 0.95); err != nil {
		panic(err)
	}
	return c
}
