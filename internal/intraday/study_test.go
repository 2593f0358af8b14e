package intraday

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/bars"
	"github.com/eventstudy/eventstudy/internal/prices"
)

const intradayDir = "../../../shared/data/intraday"

func needFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(intradayDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s absent (the shared market data, see /work/shared/data/SOURCES.md): %v", p, err)
	}
	return p
}

// fomc builds events at 14:00 New York on the given dates (the FOMC
// statement time from 2013, SOURCES.md §4).
func fomc(t testing.TB, ticker string, dates ...string) []prices.Event {
	ny, _ := time.LoadLocation("America/New_York")
	var evs []prices.Event
	for _, d := range dates {
		at, err := time.ParseInLocation("2006-01-02 15:04", d, ny)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, prices.Event{ID: d, Ticker: ticker, Time: at, HasTime: true, Written: d})
	}
	return evs
}

// expected reads testdata written by window_returns.py: news,window,return.
func expected(t *testing.T, name string) map[string]float64 {
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), ",")
		v, err := strconv.ParseFloat(p[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[p[0]+" "+p[1]] = v
	}
	return out
}

func load(t *testing.T, file, ticker string, evs []prices.Event, est int) map[string]*bars.Series {
	cal, _ := prices.LookupCalendar("XNYS")
	need := Needed(evs, cal, est)
	s, err := bars.Read(needFile(t, file), ticker, bars.Options{Keep: func(d prices.Date) bool { return need[d] }})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*bars.Series{ticker: s}
}

// TestWindowReturnsAgainstPython: the FOMC window returns on SPY 1-minute
// bars (2024) and on the S&P 500 5-minute bars (2025-26) agree to 1e-12
// with testdata/window_returns.py, which reads the files with Python's csv
// module (the commands are in testdata/README).
func TestWindowReturnsAgainstPython(t *testing.T) {
	for _, c := range []struct {
		file, want, ticker string
		dates              []string
	}{
		{"SPY_1min_2024-02-20_2024-05-17.csv", "spy_1min_fomc.csv", "SPY", []string{"2024-03-20 14:00", "2024-05-01 14:00"}},
		{"SP_SPX_5min_2025-02-10_2026-02-13.csv", "spx_5min_fomc.csv", "SPX", []string{"2025-03-19 14:00", "2025-05-07 14:00", "2025-06-18 14:00", "2025-07-30 14:00", "2025-09-17 14:00", "2025-10-29 14:00", "2025-12-10 14:00", "2026-01-28 14:00"}},
	} {
		t.Run(c.ticker, func(t *testing.T) {
			evs := fomc(t, c.ticker, c.dates...)
			ws, _ := ParseWindows("0m:5m,0m:30m,0m:60m")
			cal, _ := prices.LookupCalendar("XNYS")
			res, err := Run(Config{Model: ConstantMean, Windows: ws, Calendar: cal}, evs, load(t, c.file, c.ticker, evs, 20))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Skipped) > 0 {
				t.Fatalf("skipped %+v", res.Skipped)
			}
			want := expected(t, c.want)
			n := 0
			for _, ev := range res.Events {
				if ev.FirstBar.Hour() != 14 || ev.FirstBar.Minute() != 0 {
					t.Errorf("%s: first bar %s, want 14:00", ev.ID, ev.FirstBar)
				}
				for _, w := range ev.Windows {
					x, ok := want[ev.ID+" "+w.Window.String()]
					if !ok {
						t.Fatalf("no reference for %s %s", ev.ID, w.Window)
					}
					if math.Abs(w.Return-x) > 1e-12 {
						t.Errorf("%s %s: return %.17g, python %.17g", ev.ID, w.Window, w.Return, x)
					}
					n++
				}
			}
			if n != len(want) {
				t.Errorf("compared %d window returns, reference has %d", n, len(want))
			}
		})
	}
}
