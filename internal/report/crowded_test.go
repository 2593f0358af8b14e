package report

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// crowded returns n events of security A, all on the fixture's 301st day.
func (fx *fixture) crowded(n int) *prices.EventList {
	list := &prices.EventList{}
	d := fx.dates[300]
	for i := range n {
		list.Events = append(list.Events, prices.Event{ID: fmt.Sprintf("E%d", i+1), Ticker: "A", Date: d, Written: d.String(), Line: i + 2})
	}
	return list
}

// byteCounter counts the bytes written to it and keeps none.
type byteCounter struct{ n int64 }

func (w *byteCounter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// crowdedCost runs a study of n crowded events and writes its car.csv,
// returning the bytes of car.csv and the bytes allocated meanwhile.
func crowdedCost(t *testing.T, fx *fixture, n int) (carBytes, alloc int64, res *study.Result) {
	list := fx.crowded(n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res = fx.run(t, list, "MKT", "", 0)
	var w byteCounter
	if err := writeCAR(&w, res, csvOptions{}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	return w.n, int64(after.TotalAlloc - before.TotalAlloc), res
}

// TestCrowdedLinear: events of one security on one day (each confounds
// every other) cost memory and car.csv bytes linear in their number. Before
// the ids were capped, car.csv grew as n^2 (5,000 events wrote 435 MB), so
// four times the events made sixteen times the bytes; now four times the
// events make four times the bytes (a little more: the ids grow by a
// digit), and the allocations four times as much within 25%.
func TestCrowdedLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 5,000 events")
	}
	fx := newFixture("MKT", "A")
	b1, a1, _ := crowdedCost(t, fx, 1000)
	b4, a4, res := crowdedCost(t, fx, 4000)
	if r := float64(b4) / float64(b1); r < 3.9 || r > 4.3 {
		t.Errorf("car.csv: %d bytes for 1,000 events, %d for 4,000: ratio %.2f, want about 4", b1, b4, r)
	}
	if r := float64(a4) / float64(a1); r < 3 || r > 5 {
		t.Errorf("allocated %d bytes for 1,000 events, %d for 4,000: ratio %.2f, want about 4", a1, a4, r)
	}
	t.Logf("car.csv %d and %d bytes, allocated %.1f and %.1f MB", b1, b4, float64(a1)/1e6, float64(a4)/1e6)
	// Every event lists the first 5 others in list order and counts the rest.
	e := res.Events[0]
	if got, want := e.ConfoundedText(" "), "E2 E3 E4 E5 E6 and 3994 more"; got != want {
		t.Errorf("event E1 confounded with %q, want %q", got, want)
	}
	var sb strings.Builder
	if err := writeCAR(&sb, res, csvOptions{}); err != nil {
		t.Fatal(err)
	}
	if row := strings.Split(sb.String(), "\n")[1]; !strings.HasSuffix(row, ",true,E2 E3 E4 E5 E6 and 3994 more,quantile among 240 estimation-period residual sums") {
		t.Errorf("car.csv row %q, want it to end with the summary", row)
	}
}

// BenchmarkCrowded measures a study and car.csv of n events of one
// security on one day, for the memory figures of issue 9.
func BenchmarkCrowded(b *testing.B) {
	fx := newFixture("MKT", "A")
	for _, n := range []int{5000, 10000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			list := fx.crowded(n)
			for b.Loop() {
				cfg := study.Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
					Windows: []stats.Window{{From: 0, To: 0}, {From: -2, To: 2}}, MinEst: 120, Market: "MKT"}
				res, err := study.Run(cfg, list, fx.series)
				if err != nil {
					b.Fatal(err)
				}
				var w byteCounter
				if err := writeCAR(&w, res, csvOptions{}); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(w.n), "car-bytes")
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				b.ReportMetric(float64(m.HeapAlloc)/1e6, "heap-MB")
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
