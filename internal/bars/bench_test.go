package bars

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// genYear writes a year of 1-minute bars (the 2024 NYSE sessions, 390 a
// day, label start, Unix seconds) as the S&P 500 file writes them: a
// random walk from a seeded source.
func genYear(seed uint64) ([]byte, int) {
	cal, _ := prices.LookupCalendar("XNYS")
	rng := rand.New(rand.NewPCG(seed, 1))
	var b bytes.Buffer
	b.WriteString("time,open,high,low,close,volume\n")
	p, rows := 100.0, 0
	for _, d := range cal.Sessions(prices.NewDate(2024, 1, 1), prices.NewDate(2024, 12, 31)) {
		hs, _ := cal.Hours(d)
		t := d.Time()
		open := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, cal.Location).Add(hs.Open)
		for m := time.Duration(0); hs.Open+m+time.Minute <= hs.Close; m += time.Minute {
			q := p * (1 + 0.0005*rng.NormFloat64())
			fmt.Fprintf(&b, "%d,%.2f,%.2f,%.2f,%.2f,%d\n", open.Add(m).Unix(), p, max(p, q), min(p, q), q, 1000+rng.IntN(9000))
			p = q
			rows++
		}
	}
	return b.Bytes(), rows
}

// BenchmarkReadYearKeep reads one ticker's year of 1-minute bars keeping
// the 21 sessions an event on 2024-06-12 and its 20 estimation days need:
// the rows/s figure, times 500 tickers, is the README's benchmark.
func BenchmarkReadYearKeep(b *testing.B) {
	data, rows := genYear(1)
	cal, _ := prices.LookupCalendar("XNYS")
	need := map[prices.Date]bool{}
	for _, d := range cal.Sessions(prices.NewDate(2024, 5, 13), prices.NewDate(2024, 6, 12)) {
		need[d] = true
	}
	keep := func(d prices.Date) bool { return need[d] }
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var kept int
	for b.Loop() {
		s, err := read(bytes.NewReader(data), "gen.csv", "GEN", Options{Keep: keep, Label: LabelStart})
		if err != nil {
			b.Fatal(err)
		}
		kept = len(s.Bars)
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(kept), "bars-kept")
	b.ReportMetric(float64(rows), "rows")
}
