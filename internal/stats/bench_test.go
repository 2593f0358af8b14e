package stats

import (
	"math/rand/v2"
	"testing"
)

// benchEvents returns 1,000 events on the grid -250..10 with market-model
// returns.
func benchEvents() []Event {
	rng := rand.New(rand.NewPCG(7, 7))
	evs := make([]Event, 1000)
	for i := range evs {
		n := 261
		r, m := make([]float64, n), make([]float64, n)
		for d := range n {
			m[d] = 0.01 * rng.NormFloat64()
			r[d] = 0.0002 + 1.1*m[d] + 0.02*rng.NormFloat64()
		}
		evs[i] = Event{First: -250, R: r, Rm: m}
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

func BenchmarkDayTests(b *testing.B) {
	var res []*EventResult
	for _, ev := range benchEvents() {
		r, err := Analyze(ev, MarketModel, benchEst, benchWins, 200)
		if err != nil {
			b.Fatal(err)
		}
		res = append(res, r)
	}
	for b.Loop() {
		DayTests(res, benchEst, 0)
	}
	b.ReportMetric(float64(len(res)*b.N)/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkWindowTests(b *testing.B) {
	var res []*EventResult
	for _, ev := range benchEvents() {
		r, err := Analyze(ev, MarketModel, benchEst, benchWins, 200)
		if err != nil {
			b.Fatal(err)
		}
		res = append(res, r)
	}
	for b.Loop() {
		WindowTests(res, benchEst, Window{-5, 5})
	}
	b.ReportMetric(float64(len(res)*b.N)/b.Elapsed().Seconds(), "events/s")
}
