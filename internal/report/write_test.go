package report

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

func TestFloatFormat(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		csv  string
		json string
	}{
		{0.1, "0.1", "0.1"},
		{-0.0123456789012345, "-0.0123456789012345", "-0.0123456789012345"},
		{1e-7, "1e-07", "1e-07"},
		{math.NaN(), "", "null"},
		{math.Inf(1), "", "null"},
	} {
		c, _ := Float(tc.v).MarshalCSV()
		j, _ := Float(tc.v).MarshalJSON()
		if c != tc.csv || string(j) != tc.json {
			t.Errorf("Float(%v): csv %q json %s, want %q %s", tc.v, c, j, tc.csv, tc.json)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A failing writer leaves the old file as it was and no temporary file.
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("no error from a failing writer")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file is %q after a failed write, want old", b)
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file is %q, want new", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only x.csv", len(entries))
	}
}

// TestWriteAllDeterministic: two runs of the same study, one on one worker
// and one on eight, write byte-identical files.
func TestWriteAllDeterministic(t *testing.T) {
	dates := make([]prices.Date, 0, 400)
	for d := prices.NewDate(2021, 1, 4); len(dates) < 400; d = d.AddDays(1) {
		if wd := d.Weekday(); wd != 0 && wd != 6 {
			dates = append(dates, d)
		}
	}
	series := map[string]*prices.Series{}
	for k, name := range []string{"MKT", "A", "B", "C"} {
		s := &prices.Series{Ticker: name, File: name + ".csv", Dates: dates, Values: make([]float64, len(dates))}
		for i := range s.Values {
			// Deterministic wiggles; no randomness needed for this test.
			s.Values[i] = 100 + 10*math.Sin(float64(i*(k+1))/7) + float64(i)/50
		}
		series[name] = s
	}
	list := &prices.EventList{Extra: []string{"note"}}
	for i := range 12 {
		list.Events = append(list.Events, prices.Event{ID: string(rune('a' + i)), Ticker: []string{"A", "B", "C"}[i%3],
			Date: dates[280+7*i], Line: i + 2, Extra: []string{"n, \"quoted\""}})
	}
	write := func(workers int) map[string][]byte {
		cfg := study.Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
			Windows: []stats.Window{{From: 0, To: 0}, {From: -2, To: 2}}, MinEst: 120, Market: "MKT", Workers: workers,
			Bootstrap: 500, Seed: 5}
		res, err := study.Run(cfg, list, series)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := WriteAll(dir, res, Meta{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		var text bytes.Buffer
		if err := WriteText(&text, res); err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{"stdout": text.Bytes()}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			out[e.Name()], _ = os.ReadFile(filepath.Join(dir, e.Name()))
		}
		return out
	}
	a, b := write(1), write(8)
	if len(a) != 8 {
		t.Errorf("wrote %d files and stdout, want 7 and stdout", len(a))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between 1 and 8 workers", name)
		}
	}
	// The extra column survives CSV quoting.
	if !strings.Contains(string(a["car.csv"]), `"n, ""quoted"""`) {
		t.Errorf("car.csv does not carry the quoted extra column:\n%s", a["car.csv"][:200])
	}
}
