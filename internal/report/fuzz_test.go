package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// FuzzEventListOutputs goes past the event-list parser (FuzzParseEvents)
// to what its names do downstream: ids, tickers, group values and extra
// columns of an arbitrary event list, parsed, studied on the fixture's
// securities A and B against MKT (grouped by the column named g when there
// is one), and written as the CSV tables and the text summary. Nothing may
// panic, and car.csv must read back as CSV with one row per computed
// event and window.
func FuzzEventListOutputs(f *testing.F) {
	for _, s := range []string{
		"id,ticker,date,g\nx,A,2022-02-01,good\ny,B,2022-02-01,bad\nz,A,2022-02-01,good\n",
		"ticker,date,note\nA,2022-02-01,\"a, \"\"quoted\"\" note\"\nA,2022-02-02,=1+1\n",
		"id,ticker,date\n,A,2022-02-01\n\u00e9\u00e8,B,2022-01-03\n",
		"ticker,date,g\nA,2022-02-01,1\nB,2022-02-01,2\nA,2021-01-04,3\n",
	} {
		f.Add([]byte(s))
	}
	fx := newFixture("MKT", "A", "B")
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := prices.ParseEvents(bytes.NewReader(data), "events.csv", prices.EventColumns{})
		if err != nil {
			return
		}
		cfg := study.Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
			Windows: []stats.Window{{From: 0, To: 0}, {From: -2, To: 2}}, MinEst: 120, Market: "MKT", Bootstrap: 50, Seed: 1}
		if g := slices.Index(list.Extra, "g"); g >= 0 {
			if study.CheckGroups("g", g, list.Events) != nil {
				return // the command refuses it before the study
			}
			cfg.Group = "g"
		}
		res, err := study.Run(cfg, list, fx.series)
		if err != nil {
			return
		}
		dir := t.TempDir()
		if err := WriteAll(dir, res, Meta{Version: "fuzz"}); err != nil {
			t.Fatal(err)
		}
		if err := WriteText(new(bytes.Buffer), res); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "car.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("car.csv does not read back: %v", err)
		}
		if want := 1 + len(res.Events)*len(cfg.Windows); len(rows) != want {
			t.Fatalf("car.csv: %d rows, want %d", len(rows), want)
		}
	})
}
