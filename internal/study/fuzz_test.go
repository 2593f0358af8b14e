package study

import (
	"math/rand/v2"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// FuzzStudySettings goes past the parsers to what a parsed setting does
// downstream: windows, estimation window, model, lags, bootstrap and
// minimum estimation length, as a user could give them, through Validate
// and then a whole study of a small panel (2 securities over 320 days, 4
// events, two of them on the same day). The panics of issue 9 (--lags
// 9223372036854775807, --bootstrap 9223372036854775807, --windows
// 0:100000000000000) sat behind parsers that fuzzing had passed: here a
// setting either fails Validate with an error or runs without panicking,
// in bounded memory, and what Run returns is consistent.
func FuzzStudySettings(f *testing.F) {
	f.Add("0:0,-1:1", "-250:-11", "market", 0, 0, 120)
	f.Add("0:100000000000000", "-250:-11", "market", 0, 0, 120)
	f.Add("0:0", "-1000000000000:-11", "market", 0, 0, 120)
	f.Add("0:0", "-100:-11", "dimson", 9223372036854775807/2, 0, 20)
	f.Add("0:0", "-100:-11", "dimson", 10, 0, 24)
	f.Add("-5:5", "-100:-6", "scholes-williams", 0, 9223372036854775807/2, 50)
	f.Add("0:5,-2:2", "-200:-3", "constant-mean", 0, 200, 3)
	f.Add("-25000:25000", "-25000:-25000", "market-adjusted", 0, 0, 1)
	rng := rand.New(rand.NewPCG(1, 2))
	series := panel(rng, 2, 320, 0.01, nil)
	dates := series["MKT"].Dates
	list := &prices.EventList{Events: []prices.Event{
		{ID: "a", Ticker: ticker(0), Date: dates[280], Line: 2},
		{ID: "b", Ticker: ticker(0), Date: dates[280], Line: 3},
		{ID: "c", Ticker: ticker(1), Date: dates[300], Line: 4},
		{ID: "d", Ticker: ticker(1), Date: dates[150], Line: 5},
	}}
	f.Fuzz(func(t *testing.T, windows, estimation, model string, lags, bootstrap, minEst int) {
		var cfg Config
		var err error
		if cfg.Windows, err = stats.ParseWindows(windows); err != nil {
			return
		}
		if cfg.Estimation, err = stats.ParseWindow(estimation); err != nil {
			return
		}
		if cfg.Model, err = stats.ParseModel(model); err != nil || IsFactorModel(cfg.Model) {
			return
		}
		cfg.Lags, cfg.Bootstrap, cfg.MinEst, cfg.Market, cfg.Seed = lags, bootstrap, minEst, "MKT", 1
		if err := cfg.Validate(); err != nil {
			return
		}
		res, err := Run(cfg, list, series)
		if err != nil {
			if res != nil && len(res.Events) != 0 {
				t.Fatalf("error %v with %d events", err, len(res.Events))
			}
			return
		}
		if len(res.Events)+len(res.Skipped) != len(list.Events) {
			t.Fatalf("%d events + %d skipped, want %d", len(res.Events), len(res.Skipped), len(list.Events))
		}
		if want := cfg.Span().Len(); len(res.Days) != want {
			t.Fatalf("%d days, want %d", len(res.Days), want)
		}
		for _, e := range res.Events {
			if e.Confounders > 0 && len(e.ConfoundedWith) == 0 {
				t.Fatalf("event %s: %d confounders, no id", e.ID, e.Confounders)
			}
		}
	})
}
