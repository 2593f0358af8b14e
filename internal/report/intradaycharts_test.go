package report

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/bars"
	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/intraday"
	"github.com/eventstudy/eventstudy/internal/prices"
)

const spx5min = "../../../shared/data/intraday/SP_SPX_5min_2025-02-10_2026-02-13.csv"

// fomcSPX runs the eight FOMC statements of 2025-02 .. 2026-01 (14:00 New
// York, SOURCES.md) on the S&P 500 5-minute bars.
func fomcSPX(t *testing.T, windows string) *intraday.Result {
	t.Helper()
	if _, err := os.Stat(spx5min); err != nil {
		t.Skipf("%s absent (the shared market data, see /work/shared/data/SOURCES.md): %v", spx5min, err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	var evs []prices.Event
	for _, d := range []string{"2025-03-19", "2025-05-07", "2025-06-18", "2025-07-30", "2025-09-17", "2025-10-29", "2025-12-10", "2026-01-28"} {
		at, err := time.ParseInLocation("2006-01-02 15:04", d+" 14:00", ny)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, prices.Event{ID: "FOMC " + d, Ticker: "SPX", Time: at, HasTime: true, Written: d})
	}
	cal, _ := prices.LookupCalendar("XNYS")
	need := intraday.Needed(evs, cal, 20)
	s, err := bars.Read(spx5min, "SPX", bars.Options{Keep: func(d prices.Date) bool { return need[d] }})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := intraday.ParseWindows(windows)
	if err != nil {
		t.Fatal(err)
	}
	res, err := intraday.Run(intraday.Config{Model: intraday.ConstantMean, Windows: ws, Calendar: cal}, evs, map[string]*bars.Series{"SPX": s})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 8 {
		t.Fatalf("%d events, skipped %+v; want 8", len(res.Events), res.Skipped)
	}
	return res
}

// TestIntradayCharts: the charts of the FOMC study are written through the
// run's recorder (manifest.json lists them), one intraday-ID per event with
// a file-safe name, and caar-minutes across them.
func TestIntradayCharts(t *testing.T) {
	res := fomcSPX(t, "-30m:0m,0m:5m,0m:30m,0m:60m")
	out := t.TempDir()
	o, err := Begin(out, "test")
	if err != nil {
		t.Fatal(err)
	}
	drawn, notes, err := WriteIntradayCharts(out, res, "", ChartOptions{Outputs: o})
	if err != nil {
		t.Fatal(err)
	}
	if len(drawn) != 9 || drawn[0].Path != "charts/caar-minutes.svg" || drawn[1].Path != "charts/intraday-"+fileSafe(res.Events[0].ID)+".svg" {
		t.Errorf("drawn %+v, want caar-minutes and the 8 events' SVGs", drawn)
	}
	if notes != nil {
		t.Errorf("notes %q, want none", notes)
	}
	if err := o.Finish(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, f := range m.Files {
		listed = append(listed, f.Path)
	}
	want := []string{"charts/caar-minutes.png", "charts/caar-minutes.svg"}
	for _, e := range res.Events {
		name := fileSafe(e.ID) // "FOMC 2025-03-19" has a space: hashed
		want = append(want, "charts/intraday-"+name+".png", "charts/intraday-"+name+".svg")
	}
	for _, w := range want {
		if !slices.Contains(listed, w) {
			t.Errorf("manifest lacks %s (lists %v)", w, listed)
		}
		if fi, err := os.Stat(filepath.Join(out, w)); err != nil || fi.Size() < 1000 {
			t.Errorf("%s: %v (want a figure)", w, err)
		}
	}
}

// TestIntradayPathSpec: what the path chart draws is the engine's window
// returns: over the span -30m:0m .. 0m:60m, (1 + path at +55) / (1 + path
// at -5) - 1 is the 0m:60m window return (the engine's, itself equal to
// internal/intraday/testdata/window_returns.py's to 1e-12), to 1e-12.
func TestIntradayPathSpec(t *testing.T) {
	res := fomcSPX(t, "-30m:0m,0m:5m,0m:30m,0m:60m")
	for _, e := range res.Events {
		c, err := intradayPathSpec(res.Config, e, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		at := func(m float64) float64 {
			i := slices.Index(c.Minutes, m)
			if i < 0 {
				t.Fatalf("%s: no bar at minute %g in %v", e.ID, m, c.Minutes)
			}
			return c.Path[i]
		}
		got := (1+at(55))/(1+at(-5)) - 1
		var w60 float64
		for _, w := range e.Windows {
			if w.Window.String() == "0m:60m" {
				w60 = w.Return
			}
		}
		if math.Abs(got-w60) > 1e-12 {
			t.Errorf("%s: path gives %.15g over 0m:60m, window return %.15g", e.ID, got, w60)
		}
		// -30m..0m is in the same session: the path starts at the close
		// before 13:30, and minute -30 is its first bar.
		if c.Minutes[0] != -30 || c.YLabel != "" {
			t.Errorf("%s: first minute %g, y label %q; want -30 and the default", e.ID, c.Minutes[0], c.YLabel)
		}
		if c.News != "14:00 America/New_York" {
			t.Errorf("%s: news %q, want 14:00 America/New_York", e.ID, c.News)
		}
		// 20 estimation sessions: the band is theirs.
		if c.Lo == nil || c.BandName != "20 estimation days, 5th-95th percentile" {
			t.Errorf("%s: band %q", e.ID, c.BandName)
		}
		if want := "5-minute bars; return from the close before the news; band: 5th-95th percentile of 20 estimation days, same clock times"; c.Subtitle != want {
			t.Errorf("%s: subtitle %q, want %q", e.ID, c.Subtitle, want)
		}
		if len(c.Windows) != 4 || c.Windows[0].From != -30 || c.Windows[3].To != 60 {
			t.Errorf("%s: windows %v", e.ID, c.Windows)
		}
	}
}

// TestAtOpen: a path that starts at the session's first bar is measured
// from the open (09:30 New York; 04:00 with extended hours), and the
// chart's y axis says so.
func TestAtOpen(t *testing.T) {
	cal, err := prices.LookupCalendar("XNYS")
	if err != nil {
		t.Skip(err)
	}
	ny := cal.Location
	day := prices.DateOf(time.Date(2025, 11, 14, 0, 0, 0, 0, ny))
	for _, tt := range []struct {
		start    time.Time
		extended bool
		want     bool
	}{
		{time.Date(2025, 11, 14, 9, 30, 0, 0, ny), false, true},
		{time.Date(2025, 11, 14, 9, 35, 0, 0, ny), false, false},
		{time.Date(2025, 11, 14, 13, 30, 0, 0, ny), false, false},
		{time.Date(2025, 11, 14, 4, 0, 0, 0, ny), true, true},
		{time.Date(2025, 11, 14, 9, 30, 0, 0, ny), true, false},
		{time.Date(2025, 11, 14, 14, 30, 0, 0, time.UTC), false, true}, // 09:30 EST in UTC
	} {
		e := &intraday.Event{Session: day, Bars: []intraday.BarRow{{Start: tt.start}}, Interval: 5 * time.Minute,
			Minutes: []float64{0}, Path: []float64{0.001}, News: tt.start, Clock: tt.start}
		cfg := intraday.Config{Calendar: cal, Hours: bars.Hours{Extended: tt.extended}}
		if got := atOpen(cfg, e); got != tt.want {
			t.Errorf("first bar %s (extended %v): at open %v, want %v", tt.start, tt.extended, got, tt.want)
		}
		c, err := intradayPathSpec(cfg, e, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{true: "Return from the session's open", false: ""}[tt.want]; c.YLabel != want {
			t.Errorf("first bar %s: y label %q, want %q", tt.start, c.YLabel, want)
		}
	}
}

// TestIntradayChartTextWarning: the label and the event ids and tickers
// reach the PNG titles; CJK is not in the Liberation fonts.
func TestIntradayChartTextWarning(t *testing.T) {
	res := &intraday.Result{Events: []*intraday.Event{{ID: "阿里", Ticker: "SPX"}}}
	w := IntradayChartTextWarning(res, "week", 0, "png")
	if !strings.Contains(w, "阿 (U+963F), 里 (U+91CC)") {
		t.Errorf("warning %q, want 阿 and 里 named", w)
	}
	res.Events[0].ID = "open"
	if w := IntradayChartTextWarning(res, "week", 0, "png"); w != "" {
		t.Errorf("ASCII text: warning %q, want none", w)
	}
}

// TestMinuteCAARSpec: caar-minutes draws, at each minute of the event
// clock, the mean of the events' CARs at that minute, recomputed here
// from the events' bars (tolerance 1e-15: a mean of eight doubles).
func TestMinuteCAARSpec(t *testing.T) {
	res := fomcSPX(t, "0m:5m,0m:30m,0m:60m")
	c := minuteCAARSpec(res, "", 0)
	if len(c.Minutes) != 12 || c.Minutes[0] != 0 || c.Minutes[11] != 55 {
		t.Fatalf("minutes %v, want 0, 5, ..., 55", c.Minutes)
	}
	for i, m := range c.Minutes {
		var sum float64
		var n int
		for _, e := range res.Events {
			for _, b := range e.Bars {
				if b.Start.Sub(e.Clock).Minutes() == m {
					sum += b.CAR
					n++
				}
			}
		}
		if n != 8 || math.Abs(c.CAAR[i]-sum/8) > 1e-15 || !(c.Lo[i] < c.CAAR[i] && c.CAAR[i] < c.Hi[i]) {
			t.Errorf("minute %g: CAAR %g in %g..%g, mean of %d CARs %g", m, c.CAAR[i], c.Lo[i], c.Hi[i], n, sum/float64(n))
		}
	}
	if c.XLabel == "" || c.News != "event clock 0" {
		t.Errorf("x label %q, news %q: want the event clock named", c.XLabel, c.News)
	}
}

// TestIntradayPathBeforeOpen: news at 03:00 waits for the 09:30 open; the
// chart's minutes are from the news, so the windows (on the event clock)
// move by the 390 minutes of the wait, and the night is cut short.
func TestIntradayPathBeforeOpen(t *testing.T) {
	cal, err := prices.LookupCalendar("XNYS")
	if err != nil {
		t.Skip(err)
	}
	ny := cal.Location
	news := time.Date(2025, 11, 14, 3, 0, 0, 0, ny)
	open := time.Date(2025, 11, 14, 9, 30, 0, 0, ny)
	e := &intraday.Event{ID: "pre", Ticker: "SPX", News: news, Clock: open, Interval: 5 * time.Minute,
		Session: prices.DateOf(open), Bars: []intraday.BarRow{{Start: open}, {Start: open.Add(5 * time.Minute)}},
		Minutes: []float64{390, 395}, Path: []float64{-0.002, 0.001}}
	cfg := intraday.Config{Calendar: cal, Windows: []intraday.Window{{From: 0, To: 5 * time.Minute}, {From: 0, To: 10 * time.Minute}}}
	c, err := intradayPathSpec(cfg, e, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []chart.MinuteWindow{{From: 390, To: 395, Label: "0m:5m from 09:30"}, {From: 390, To: 400, Label: "0m:10m from 09:30"}}; !slices.Equal(c.Windows, want) {
		t.Errorf("windows %v, want %v", c.Windows, want)
	}
	if want := "03:00 America/New_York, clock from 09:30"; c.News != want {
		t.Errorf("news %q, want %q", c.News, want)
	}
	if c.YLabel != "Return from the session's open" {
		t.Errorf("y label %q", c.YLabel)
	}
	// Five windows: the chart shades four and says so.
	for i := 3; i <= 5; i++ {
		cfg.Windows = append(cfg.Windows, intraday.Window{From: 0, To: time.Duration(i*5) * time.Minute})
	}
	c, err = intradayPathSpec(cfg, e, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Windows) != 4 || !strings.HasSuffix(c.Subtitle, "; the first 4 of 5 windows shaded") {
		t.Errorf("five windows: %d shaded, subtitle %q", len(c.Windows), c.Subtitle)
	}
	if _, err := chart.IntradayPath(c); err != nil {
		t.Error(err)
	}
}
