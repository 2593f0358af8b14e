package report

import (
	"math"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// fixture is a small study on made-up prices: securities and a market on
// 400 weekdays from 2021-01-04, with deterministic wiggles (no randomness
// needed).
type fixture struct {
	dates  []prices.Date
	series map[string]*prices.Series
}

func newFixture(market string, tickers ...string) *fixture {
	fx := &fixture{series: map[string]*prices.Series{}}
	for d := prices.NewDate(2021, 1, 4); len(fx.dates) < 400; d = d.AddDays(1) {
		if wd := d.Weekday(); wd != 0 && wd != 6 {
			fx.dates = append(fx.dates, d)
		}
	}
	for k, name := range append([]string{market}, tickers...) {
		s := &prices.Series{Ticker: name, File: name + ".csv", Dates: fx.dates, Values: make([]float64, len(fx.dates))}
		for i := range s.Values {
			s.Values[i] = 100 + 10*math.Sin(float64(i*(k+1))/7) + float64(i)/50 + 3*math.Cos(float64(i*i%97))
		}
		fx.series[name] = s
	}
	return fx
}

// run computes the study of list with the market model, windows 0:0 and
// -2:2, estimation -250:-11.
func (fx *fixture) run(t *testing.T, list *prices.EventList, market, group string, bootstrap int) *study.Result {
	t.Helper()
	cfg := study.Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
		Windows: []stats.Window{{From: 0, To: 0}, {From: -2, To: 2}}, MinEst: 120, Market: market,
		Group: group, Bootstrap: bootstrap, Seed: 5}
	res, err := study.Run(cfg, list, fx.series)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// events lists n events of the tickers in turn, 3 days apart from the
// 281st day, with the extra columns of extra(i).
func (fx *fixture) events(n int, tickers []string, columns []string, extra func(i int) []string) *prices.EventList {
	list := &prices.EventList{Extra: columns}
	for i := range n {
		var x []string
		if extra != nil {
			x = extra(i)
		}
		d := fx.dates[280+3*i]
		list.Events = append(list.Events, prices.Event{ID: "E" + string(rune('A'+i%26)) + string(rune('a'+i/26)),
			Ticker: tickers[i%len(tickers)], Date: d, Written: d.String(), Line: i + 2, Extra: x})
	}
	return list
}
