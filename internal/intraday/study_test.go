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
		// The 24 FOMC days 2018-2020 in one study (2020-03-03: the 10:00
		// cut); the file's label is the bar's end minus one minute and the
		// first hour is missing in the weeks when US and European clocks
		// disagree (2018-03-21 and 2019-03-20 fall in such weeks).
		{"SPY_5min_2018-01-02_2020-12-31.csv", "spy_5min_fomc_2018_2020.csv", "SPY5", []string{"2018-01-31 14:00", "2018-03-21 14:00", "2018-05-02 14:00", "2018-06-13 14:00", "2018-08-01 14:00", "2018-09-26 14:00", "2018-11-08 14:00", "2018-12-19 14:00", "2019-01-30 14:00", "2019-03-20 14:00", "2019-05-01 14:00", "2019-06-19 14:00", "2019-07-31 14:00", "2019-09-18 14:00", "2019-10-30 14:00", "2019-12-11 14:00", "2020-01-29 14:00", "2020-03-03 10:00", "2020-04-29 14:00", "2020-06-10 14:00", "2020-07-29 14:00", "2020-09-16 14:00", "2020-11-05 14:00", "2020-12-16 14:00"}},
		// NinjaTrader's headerless export, UTC, labelled at the bar's end:
		// the FOMC statement of 2011-03-15 (14:15 ET) and pyalgotrade's
		// reference minute 2011-03-09 09:31 ET.
		{"nt-spy-minute-2011-03.csv", "nt_spy_2011-03.csv", "NT", []string{"2011-03-15 14:15", "2011-03-09 09:31"}},
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
				if ev.FirstBar.Format("2006-01-02 15:04") != ev.ID {
					t.Errorf("%s: first bar %s, want the news minute", ev.ID, ev.FirstBar)
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

// TestMissingFirstHour: on 2018-03-21 (a week when US and European clocks
// disagree) the SPY 5-minute file has no bar before 10:30 (SOURCES.md §4):
// a window over the morning is missing, with its reason, never a zero
// return; the estimation days' same-clock paths are missing there too.
func TestMissingFirstHour(t *testing.T) {
	evs := fomc(t, "SPY", "2018-03-21 09:45")
	ws, _ := ParseWindows("0m:30m,60m:90m")
	cal, _ := prices.LookupCalendar("XNYS")
	res, err := Run(Config{Model: Raw, Windows: ws, Calendar: cal}, evs, load(t, "SPY_5min_2018-01-02_2020-12-31.csv", "SPY", evs, 20))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 {
		t.Fatalf("skipped: %+v", res.Skipped)
	}
	ev := res.Events[0]
	// The first bar present at or after 09:45 is 10:30 (the file's first
	// label that day is 10:34, end minus one minute).
	if got := ev.FirstBar.Format("15:04"); got != "10:30" || !strings.Contains(ev.Why, "09:45 is missing") {
		t.Errorf("first bar %s (%s), want 10:30 and the missing 09:45 bar named", got, ev.Why)
	}
	w := ev.Windows[0]
	if !math.IsNaN(w.Return) || !strings.Contains(w.Note, "missing") {
		t.Errorf("0m:30m over missing bars: return %v note %q, want NaN and a reason", w.Return, w.Note)
	}
	if w := ev.Windows[1]; math.IsNaN(w.Return) {
		t.Errorf("60m:90m (10:45-11:15, bars present): NaN (%s)", w.Note)
	}
}

// TestMarketModelAgainstR: AAPL on SPY, 1-minute bars 2019-02-11..14, fitted
// by R 4.2.2 lm() in testdata/aapl_spy_lm.R (output aapl_spy_lm.txt): n 1556
// (4 x 390 minus AAPL's two missing bars and the two returns after them),
// alpha -9.2106300192750817e-06, beta 1.3008314499531326, sigma
// 0.00037210719375732718. Tolerance 1e-12 relative (both are one
// least-squares fit in double precision).
func TestMarketModelAgainstR(t *testing.T) {
	evs := fomc(t, "AAPL", "2019-02-15 10:00")
	evs[0].Market = "SPY"
	ws, _ := ParseWindows("0m:5m,0m:30m")
	cal, _ := prices.LookupCalendar("XNYS")
	need := Needed(evs, cal, 4)
	series := map[string]*bars.Series{}
	for _, tk := range []string{"AAPL", "SPY"} {
		s, err := bars.Read(needFile(t, "eqker_2019-02/"+tk+"_1min.csv"), tk, bars.Options{Keep: func(d prices.Date) bool { return need[d] }})
		if err != nil {
			t.Fatal(err)
		}
		series[tk] = s
	}
	res, err := Run(Config{Model: Market, Windows: ws, EstDays: 4, Calendar: cal}, evs, series)
	if err != nil || len(res.Events) != 1 {
		t.Fatalf("%v %+v", err, res.Skipped)
	}
	ev := res.Events[0]
	if ev.NObs != 1556 {
		t.Errorf("n %d, want 1556", ev.NObs)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"alpha", ev.Alpha, -9.2106300192750817e-06}, {"beta", ev.Beta, 1.3008314499531326}, {"sigma", ev.Sigma, 0.00037210719375732718}} {
		if math.Abs(c.got-c.want) > 1e-12*math.Abs(c.want) {
			t.Errorf("%s %.17g, R %.17g", c.name, c.got, c.want)
		}
	}
	// The window CAR is the sum of the bars' abnormal returns in ar rows.
	var sum float64
	for _, b := range ev.Bars[:5] {
		sum += b.AR
	}
	if w := ev.Windows[0]; math.Abs(w.CAR-sum) > 1e-15 || w.NBars != 5 {
		t.Errorf("0m:5m CAR %v, sum of its 5 bar ARs %v", w.CAR, sum)
	}
}

// TestEventClock: news before the open waits for the open; news after the
// close, or on a holiday, moves to the next session's first bar; a window
// past the close stops there and says so. Calendar facts: 2025-11-27 is
// Thanksgiving, 2025-11-28 a half day closing 13:00 (NYSE).
func TestEventClock(t *testing.T) {
	p := needFile(t, "SP_SPX_5min_2025-02-10_2026-02-13.csv")
	evs := fomc(t, "SPX", "2025-11-14 08:00", "2025-11-14 16:30", "2025-11-27 12:00", "2025-11-28 12:50", "2025-11-14 09:32")
	ws, _ := ParseWindows("0m:5m,0m:30m")
	cal, _ := prices.LookupCalendar("XNYS")
	need := Needed(evs, cal, 20)
	s, err := bars.Read(p, "SPX", bars.Options{Keep: func(d prices.Date) bool { return need[d] }})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(Config{Model: Raw, Windows: ws, Calendar: cal}, evs, map[string]*bars.Series{"SPX": s})
	if err != nil || len(res.Events) != 5 {
		t.Fatalf("%v %+v", err, res.Skipped)
	}
	for i, c := range []struct{ first, why, note string }{
		{"2025-11-14 09:30", "before the 09:30 open", ""},
		{"2025-11-17 09:30", "after the 16:00 close", ""},
		{"2025-11-28 09:30", "not a session", ""},
		{"2025-11-28 12:50", "at or after", "stops at the close 13:00"},
		{"2025-11-14 09:35", "at or after", ""}, // never the 09:30 bar, which starts before the news
	} {
		ev := res.Events[i]
		if got := ev.FirstBar.Format("2006-01-02 15:04"); got != c.first || !strings.Contains(ev.Why, c.why) {
			t.Errorf("%s: first bar %s (%s), want %s (%s)", ev.ID, got, ev.Why, c.first, c.why)
		}
		if n := ev.Windows[1].Note; !strings.Contains(n, c.note) {
			t.Errorf("%s: 0m:30m note %q, want %q", ev.ID, n, c.note)
		}
	}
	// 12:50 on the half day: 0m:30m has the two bars 12:50 and 12:55.
	if w := res.Events[3].Windows[1]; w.NBars != 2 {
		t.Errorf("half-day window has %d bars, want 2", w.NBars)
	}
}

// TestPercentile: closed forms of the Rinaudo-Saha empirical p-value with
// 20 estimation days: above all 20 gives 2·1/21; the median of 1..20 (10.5)
// gives 2·min(11, 11)/21 > 1, capped at 1.
func TestPercentile(t *testing.T) {
	xs := make([]float64, 20)
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	for _, c := range []struct{ x, pctl, p float64 }{
		{21, 1, 2.0 / 21},
		{0, 0, 2.0 / 21},
		{10.5, 0.5, 1},
		{18.5, 0.9, 2 * 3.0 / 21},
	} {
		pc, p := percentile(c.x, xs)
		if math.Abs(pc-c.pctl) > 1e-15 || math.Abs(p-c.p) > 1e-15 {
			t.Errorf("x %v: percentile %v p %v, want %v %v", c.x, pc, p, c.pctl, c.p)
		}
	}
}

// TestOvernight: news 2025-11-14 15:30, window 0m:60m on the S&P 500
// 5-minute bars. Without Overnight it stops at the 16:00 close (6 bars);
// with it, it runs on to 09:55 on Monday 2025-11-17 (6 + 6 bars): return =
// close 09:55 (6743.57) / close 15:25 (6744.21) - 1, overnight = open 09:30
// Monday (6709.75) / close 15:55 Friday (6735.09) - 1, read off the file by
// python3's csv module (the command in testdata/README); tolerance 1e-12.
func TestOvernight(t *testing.T) {
	evs := fomc(t, "SPX", "2025-11-14 15:30")
	ws, _ := ParseWindows("0m:60m")
	cal, _ := prices.LookupCalendar("XNYS")
	series := load(t, "SP_SPX_5min_2025-02-10_2026-02-13.csv", "SPX", evs, 20)
	for _, c := range []struct {
		overnight bool
		bars      int
		ret, gap  float64
		note      string
	}{
		{false, 6, 6735.09/6744.21 - 1, math.NaN(), "stops at the close 16:00"},
		{true, 12, -9.489621467906328e-05, -0.0037623847639749464, "continues into the next session 2025-11-17 to 10:00"},
	} {
		res, err := Run(Config{Model: ConstantMean, Windows: ws, Calendar: cal, Overnight: c.overnight}, evs, series)
		if err != nil || len(res.Events) != 1 {
			t.Fatalf("%v %+v", err, res.Skipped)
		}
		w := res.Events[0].Windows[0]
		if w.NBars != c.bars || math.Abs(w.Return-c.ret) > 1e-12 || !strings.Contains(w.Note, c.note) {
			t.Errorf("overnight %v: %d bars, return %.17g, note %q; want %d, %.17g, %q", c.overnight, w.NBars, w.Return, w.Note, c.bars, c.ret, c.note)
		}
		if math.IsNaN(c.gap) != math.IsNaN(w.Overnight) || !math.IsNaN(c.gap) && math.Abs(w.Overnight-c.gap) > 1e-12 {
			t.Errorf("overnight %v: overnight return %v, want %v", c.overnight, w.Overnight, c.gap)
		}
		if w.NEst < 10 || math.IsNaN(w.CAR) {
			t.Errorf("overnight %v: %d estimation days with the window, CAR %v", c.overnight, w.NEst, w.CAR)
		}
	}
}

// TestCheckLengths: an NYSE session is 390 minutes (09:30-16:00), an HKEX
// one 330 (09:30-16:00 less the 12:00-13:00 lunch).
func TestCheckLengths(t *testing.T) {
	ny, _ := prices.LookupCalendar("XNYS")
	hk, _ := prices.LookupCalendar("XHKG")
	ok, _ := ParseWindows("-30m:360m")
	long, _ := ParseWindows("0m:391m")
	if err := CheckLengths(ok, ny, false, false); err != nil {
		t.Error(err)
	}
	if err := CheckLengths(long, ny, false, false); err == nil || !strings.Contains(err.Error(), "longer than one XNYS session (390m)") {
		t.Errorf("391m window: %v", err)
	}
	if err := CheckLengths(long, ny, false, true); err != nil {
		t.Errorf("with overnight: %v", err)
	}
	if err := CheckLengths(ok, hk, false, false); err == nil || !strings.Contains(err.Error(), "(330m)") {
		t.Errorf("390m window on HKEX: %v", err)
	}
}
