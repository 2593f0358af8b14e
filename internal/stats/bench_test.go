package stats

import (
	"math/rand/v2"
	"testing"
)

// benchEvents returns 1,000 events on the grid -250..10 with market-model
// returns.
func benchEvents() []Event { return benchEventsN(1000, false) }

// benchEventsN returns n events on the grid -250..10 with market-model
// returns; with cal, their calendar days (Event.Cal) start at random
// dates over 10 years of trading days, so that the Kolari-Pynnönen r is
// estimated over partly overlapping events.
func benchEventsN(n int, cal bool) []Event {
	rng := rand.New(rand.NewPCG(7, 7))
	evs := make([]Event, n)
	for i := range evs {
		const days = 261
		r, m := make([]float64, days), make([]float64, days)
		for d := range days {
			m[d] = 0.01 * rng.NormFloat64()
			r[d] = 0.0002 + 1.1*m[d] + 0.02*rng.NormFloat64()
		}
		evs[i] = Event{First: -250, R: r, Rm: m}
		if cal {
			start := int32(15000 + rng.IntN(2520))
			evs[i].Cal = make([]int32, days)
			for d := range days {
				evs[i].Cal[d] = start + int32(d)
			}
		}
	}
	return evs
}

var (
	benchEst  = Window{-250, -11}
	benchWins = []Window{{0, 0}, {-1, 1}, {-5, 5}, {0, 10}}
)

func BenchmarkAnalyze(b *testing.B) {
	evs := benchEvents()
	for b.Loop() {
		for _, ev := range evs {
			if _, err := Analyze(ev, MarketModel, benchEst, benchWins, 200); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(evs)*b.N)/b.Elapsed().Seconds(), "events/s")
}

// analyzed returns the market-model analyses of evs.
func analyzed(b *testing.B, evs []Event) []*EventResult {
	b.Helper()
	res := make([]*EventResult, 0, len(evs))
	for _, ev := range evs {
		r, err := Analyze(ev, MarketModel, benchEst, benchWins, 200)
		if err != nil {
			b.Fatal(err)
		}
		res = append(res, r)
	}
	return res
}

func BenchmarkDayTests(b *testing.B) {
	res := analyzed(b, benchEvents())
	for b.Loop() {
		DayTests(res, benchEst, 0)
	}
	b.ReportMetric(float64(len(res)*b.N)/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkWindowTests(b *testing.B) {
	res := analyzed(b, benchEvents())
	for b.Loop() {
		WindowTests(res, benchEst, Window{-5, 5})
	}
	b.ReportMetric(float64(len(res)*b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkTests100k runs, over 100,000 events with calendar dates
// (about 1.5 GB and a few seconds of set-up), DayTests on day 0,
// WindowTests on -5:5, and every test of a study's 11 days and 3 windows
// together (Cross.Tests on GOMAXPROCS workers, "study").
func BenchmarkTests100k(b *testing.B) {
	res := analyzed(b, benchEventsN(100_000, true))
	run := func(name string, tests func()) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tests()
			}
			b.ReportMetric(float64(len(res)*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
	run("day", func() { DayTests(res, benchEst, 0) })
	run("window", func() { WindowTests(res, benchEst, Window{-5, 5}) })
	// The days and windows of a study of windows 0:0, -1:1 and -5:5.
	days, windows := []int{-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5}, []Window{{0, 0}, {-1, 1}, {-5, 5}}
	run("study", func() { NewCross(res, benchEst).Tests(days, windows, 0) })
}
