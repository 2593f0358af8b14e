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
