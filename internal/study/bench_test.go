package study

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// benchStudy builds n events on 500 securities over 1,500 trading days.
func benchStudy(n int) (*prices.EventList, map[string]*prices.Series) {
	rng := rand.New(rand.NewPCG(21, 22))
	series := panel(rng, 500, 1500, 0.02, nil)
	dates := series["MKT"].Dates
	list := &prices.EventList{}
	for i := range n {
		list.Events = append(list.Events, prices.Event{ID: fmt.Sprint(i), Ticker: ticker(i % 500), Date: dates[260+rng.IntN(1230)], Line: i + 2})
	}
	return list, series
}

// BenchmarkRun measures a whole study (alignment, market model, every
// test per day and window) at several batch sizes; events/s should not
// fall as the batch grows (every cross-event step is linear).
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		list, series := benchStudy(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(config(), list, series); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
