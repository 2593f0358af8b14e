package bars

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

const intraday = "../../../shared/data/intraday"

func needData(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(intraday, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s absent (the shared market data, see /work/shared/data/SOURCES.md): %v", p, err)
	}
	return p
}

// TestReadSharedFiles reads every bar file of ../shared/data/intraday and
// checks what SOURCES.md §4 says of each: rows, interval, label, and a bar
// (start in New York time and close) read off the file by eye.
func TestReadSharedFiles(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	for _, c := range []struct {
		file  string
		rows  int
		iv    time.Duration
		label Label
		at    string // a bar's start, New York
		close float64
	}{
		// SOURCES.md says 20,043 rows; the file has 20,044 (python3: len(csv rows) - 1); label start; line 2 is 1739197800 = 2025-02-10 09:30 ET, close 6054.12.
		{"SP_SPX_5min_2025-02-10_2026-02-13.csv", 20044, 5 * time.Minute, LabelStart, "2025-02-10 09:30", 6054.12},
		// 49,720 rows, label start; line 2: 2024-02-20 04:00:00-05:00 close 498.39.
		{"SPY_1min_2024-02-20_2024-05-17.csv", 49720, time.Minute, LabelStart, "2024-02-20 04:00", 498.39},
		// 58,020 rows, label end-1m: line 2 labelled 09:34 is the 09:30 bar, close 267.47.
		{"SPY_5min_2018-01-02_2020-12-31.csv", 58020, 5 * time.Minute, LabelEndMinus1, "2018-01-02 09:30", 267.47},
		// Label end, UTC: "20110301 090100;133.9;134.01;133.9;133.98" is the bar 09:00-09:01 UTC = 04:00 ET.
		{"nt-spy-minute-2011-03.csv", -1, time.Minute, LabelEnd, "2011-03-01 04:00", 133.98},
		// Newest first, label end: the last line "2019-02-11 09:31:00,...,171.14,171.2,170.7,170.97" is the 09:30 bar.
		{"eqker_2019-02/AAPL_1min.csv", -1, time.Minute, LabelEnd, "2019-02-11 09:30", 170.97},
	} {
		t.Run(c.file, func(t *testing.T) {
			s, err := Read(needData(t, c.file), "SPY", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c.rows >= 0 && s.Rows != c.rows {
				t.Errorf("rows %d, want %d", s.Rows, c.rows)
			}
			if s.Interval != c.iv || s.Label != c.label {
				t.Errorf("interval %v label %v, want %v %v (%s)", s.Interval, s.Label, c.iv, c.label, s.Note)
			}
			at, _ := time.ParseInLocation("2006-01-02 15:04", c.at, ny)
			found := false
			for i, b := range s.Bars {
				if i > 0 && b.Start <= s.Bars[i-1].Start {
					t.Fatalf("bars not ascending at %d", i)
				}
				if b.Start == at.Unix() {
					found = true
					if b.Close != c.close {
						t.Errorf("bar %s close %v, want %v", c.at, b.Close, c.close)
					}
				}
			}
			if !found {
				t.Errorf("no bar starting %s (%s)", c.at, s.Note)
			}
			t.Log(s.Note)
		})
	}
}

// TestSessionsSPX: the S&P 500 file has 79 bars a day with the 16:00
// closing print (SOURCES.md): 78 regular 5-minute slots, the print outside;
// the half day 2025-11-28 has 42 slots to 13:00.
func TestSessionsSPX(t *testing.T) {
	s, err := Read(needData(t, "SP_SPX_5min_2025-02-10_2026-02-13.csv"), "SPX", Options{})
	if err != nil {
		t.Fatal(err)
	}
	cal, _ := prices.LookupCalendar("XNYS")
	ss, outside, dropped := Sessions(s, cal, Hours{})
	// 255 days in the file; 255 prints at 16:00 plus 7 bars at 16:05.
	if len(ss) != 255 || outside != 255+7 || dropped != 0 {
		t.Errorf("sessions %d outside %d dropped %d, want 255, 262, 0", len(ss), outside, dropped)
	}
	d := ss[prices.NewDate(2025, 11, 14)]
	// The 15:55 bar closes 6735.09 (the file, line of 1763153700); the
	// 16:00 closing print (6734.10) is outside the regular session.
	if len(d.Starts) != 78 || !d.Present[77] || d.Bars[77].Close != 6735.09 {
		t.Errorf("2025-11-14: %d slots, last close %v, want 78 and 6735.09", len(d.Starts), d.Bars[77].Close)
	}
	h := ss[prices.NewDate(2025, 11, 28)]
	if len(h.Starts) != 42 || !h.Early {
		t.Errorf("half day 2025-11-28: %d slots, want 42", len(h.Starts))
	}
}

// TestIsBarFile tells each shared bar file from a daily file.
func TestIsBarFile(t *testing.T) {
	for _, c := range []struct {
		file string
		bar  bool
	}{
		{"../intraday/SP_SPX_5min_2025-02-10_2026-02-13.csv", true}, // time = Unix seconds
		{"../intraday/SPY_1min_2024-02-20_2024-05-17.csv", true},
		{"../intraday/SPY_5min_2018-01-02_2020-12-31.csv", true},
		{"../intraday/nt-spy-minute-2011.csv", true},
		{"../intraday/eqker_2019-02/SPY_1min.csv", true},
		{"../benchmarks/SPY_daily_2021-01_2026-03.csv", false},
	} {
		got, err := IsBarFile(needData(t, c.file))
		if err != nil || got != c.bar {
			t.Errorf("%s: bar file %v (%v), want %v", c.file, got, err, c.bar)
		}
	}
}

// TestNinjaTraderReference: pyalgotrade's own test of this file reads the
// close of 2011-03-09 09:31 ET as 132.35 and of 16:00 ET as 132.39
// (SOURCES.md §4); labels are bar ends, so these are the bars starting
// 09:30 and 15:59.
func TestNinjaTraderReference(t *testing.T) {
	s, err := Read(needData(t, "nt-spy-minute-2011-03.csv"), "SPY", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	want := map[int64]float64{
		time.Date(2011, 3, 9, 9, 30, 0, 0, ny).Unix():  132.35,
		time.Date(2011, 3, 9, 15, 59, 0, 0, ny).Unix(): 132.39,
	}
	for _, b := range s.Bars {
		if c, ok := want[b.Start]; ok {
			if b.Close != c {
				t.Errorf("bar %s: close %v, want %v", time.Unix(b.Start, 0).In(ny), b.Close, c)
			}
			delete(want, b.Start)
		}
	}
	if len(want) > 0 {
		t.Errorf("bars not found: %v", want)
	}
}
