package intraday

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/bars"
	"github.com/eventstudy/eventstudy/internal/prices"
)

// simSeries makes a stock and a market of 1-minute bars on the XNYS
// sessions from 2024-05-13 to 2024-06-12: market returns N(0, 0.0005²),
// stock returns 0.00001 + 1.2·m + N(0, 0.0004²), plus shift on the bars of
// 2024-06-12 from 14:00 to 14:29.
func simSeries(rng *rand.Rand, shift float64) map[string]*bars.Series {
	cal, _ := prices.LookupCalendar("XNYS")
	st := &bars.Series{Ticker: "S", Interval: time.Minute}
	mk := &bars.Series{Ticker: "M", Interval: time.Minute}
	ps, pm := 100.0, 100.0
	for _, d := range cal.Sessions(prices.NewDate(2024, 5, 13), prices.NewDate(2024, 6, 12)) {
		t := d.Time()
		open := time.Date(t.Year(), t.Month(), t.Day(), 9, 30, 0, 0, cal.Location)
		for k := range 390 {
			at := open.Add(time.Duration(k) * time.Minute)
			m := 0.0005 * rng.NormFloat64()
			r := 0.00001 + 1.2*m + 0.0004*rng.NormFloat64()
			if d == prices.NewDate(2024, 6, 12) && k >= 270 && k < 300 {
				r += shift
			}
			st.Bars = append(st.Bars, bars.Bar{Start: at.Unix(), Open: ps, Close: ps * (1 + r)})
			mk.Bars = append(mk.Bars, bars.Bar{Start: at.Unix(), Open: pm, Close: pm * (1 + m)})
			ps, pm = ps*(1+r), pm*(1+m)
		}
	}
	return map[string]*bars.Series{"S": st, "M": mk}
}

// TestMarketModelSize runs the whole engine on seeded simulated bars: with
// no effect the market model's t of the 0m:30m window (14:00 on 2024-06-12)
// rejects at 5% in 5% of 400 draws, within four binomial standard errors
// (±0.044); with an effect of 0.0004 a bar (0.012 over 30 bars, about 5.5
// forecast-error standard deviations) it rejects in nearly all (> 0.95).
func TestMarketModelSize(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation")
	}
	cal, _ := prices.LookupCalendar("XNYS")
	ws, _ := ParseWindows("0m:30m")
	ev := fomc(t, "S", "2024-06-12 14:00")
	ev[0].Market = "M"
	for _, c := range []struct {
		shift    float64
		lo, hi   float64
		describe string
	}{{0, 0.05 - 0.044, 0.05 + 0.044, "size"}, {0.0004, 0.95, 1, "power"}} {
		rng := rand.New(rand.NewPCG(21, 1))
		rej := 0
		const reps = 400
		for range reps {
			res, err := Run(Config{Model: Market, Windows: ws, Calendar: cal}, ev, simSeries(rng, c.shift))
			if err != nil || len(res.Events) != 1 {
				t.Fatalf("%v %+v", err, res.Skipped)
			}
			if res.Events[0].Windows[0].P < 0.05 {
				rej++
			}
		}
		t.Logf("%s: %d of %d draws reject at 5%%", c.describe, rej, reps)
		if r := float64(rej) / reps; r < c.lo || r > c.hi || math.IsNaN(r) {
			t.Errorf("%s: rejection rate %.3f, want in [%.3f, %.3f]", c.describe, r, c.lo, c.hi)
		}
	}
}
