package prices

import (
	"strings"
	"testing"
)

func TestParseTiming(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{"bmo", "bmo", false}, {"AMC", "amc", false}, {"Dmh", "dmh", false},
		{"intraday", "dmh", false}, {"INTRADAY", "dmh", false},
		{"", "", false}, {"--", "", false}, {"NA", "", false},
		{"after", "", true}, {"16:05", "", true},
	} {
		got, err := parseTiming(tc.in)
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("parseTiming(%q) = %q, %v; want %q (error %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// TestTimingDay0 checks day 0 of bmo, dmh and amc events on a series with a
// weekend: amc moves to the next session, the others keep the date.
func TestTimingDay0(t *testing.T) {
	// Thursday 2024-03-07, Friday 03-08, Monday 03-11.
	s := &Series{Ticker: "X", Dates: []Date{NewDate(2024, 3, 7), NewDate(2024, 3, 8), NewDate(2024, 3, 11)}, Values: []float64{1, 2, 3}}
	const list = `ticker,date,timing
X,2024-03-07,bmo
X,2024-03-07,AMC
X,2024-03-08,amc
X,2024-03-08,intraday
X,2024-03-08,
X,2024-03-08,later
`
	l, err := ParseEvents(strings.NewReader(list), "e.csv", EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		day0, reason string
	}{
		{"2024-03-07", "timing bmo: that day's session"},
		{"2024-03-08", "timing amc on 2024-03-07: next session 2024-03-08"},
		{"2024-03-11", "timing amc on 2024-03-08: next session 2024-03-11"},
		{"2024-03-08", "timing dmh: that day's session"},
		{"2024-03-08", "event date"},
	}
	if len(l.Events) != len(want) || len(l.Rejected) != 1 {
		t.Fatalf("%d events, %d rejected; want %d and 1", len(l.Events), len(l.Rejected), len(want))
	}
	if got := l.Rejected[0].Error(); got != `e.csv:7:14: timing: cannot read "later" as a timing (want bmo, amc, dmh or intraday)` {
		t.Errorf("rejected: %s", got)
	}
	if len(l.Extra) != 1 || l.Extra[0] != "timing" {
		t.Errorf("carried columns %q, want [timing]", l.Extra)
	}
	for i, w := range want {
		ev := l.Events[i]
		j, err := Day0(s, ev, ShiftNext)
		if err != nil {
			t.Fatalf("line %d: %v", ev.Line, err)
		}
		if got := s.Dates[j].String(); got != w.day0 {
			t.Errorf("line %d: day 0 %s, want %s", ev.Line, got, w.day0)
		}
		if got := Day0Reason(ev, s.Dates[j]); got != w.reason {
			t.Errorf("line %d: reason %q, want %q", ev.Line, got, w.reason)
		}
	}
}

// TestTimingAgreesWithTimestamp warns when a row's timing and timestamp
// disagree about the close, and follows the timestamp.
func TestTimingAgreesWithTimestamp(t *testing.T) {
	const list = `ticker,timestamp,timing
X,2024-03-07 16:30 ET,amc
X,2024-03-07 08:00 ET,amc
X,2024-03-07 16:01 ET,dmh
`
	l, err := ParseEvents(strings.NewReader(list), "e.csv", EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Events) != 3 {
		t.Fatalf("%d events", len(l.Events))
	}
	for i, want := range []string{"2024-03-08", "2024-03-07", "2024-03-08"} {
		if got := l.Events[i].Date.String(); got != want {
			t.Errorf("line %d: date %s, want %s (from the timestamp)", l.Events[i].Line, got, want)
		}
	}
	want := "e.csv: 2 events have a timing that disagrees with their timestamp about the close; day 0 follows the timestamp: line 3 (2024-03-07 08:00 ET amc), line 4 (2024-03-07 16:01 ET dmh)"
	if len(l.Warnings) != 1 || l.Warnings[0] != want {
		t.Errorf("warnings %q\nwant %q", l.Warnings, want)
	}
}

// TestTimingDay0RealEarnings reads the Nasdaq-100 earnings list
// (panel_ndx/earnings_dates_edgar.csv, SOURCES.md section 3) twice, by
// its accept_et timestamps and by report_date with its timing column, and
// requires the same day 0 in panel_ndx/prices for every event both can
// place.
func TestTimingDay0RealEarnings(t *testing.T) {
	file := realFile(t, "panel_ndx/earnings_dates_edgar.csv")
	dir := realFile(t, "panel_ndx/prices")
	byTime, err := ReadEvents(file, EventColumns{Timestamp: "accept_et"})
	if err != nil {
		t.Fatal(err)
	}
	byTiming, err := ReadEvents(file, EventColumns{Date: "report_date"})
	if err != nil {
		t.Fatal(err)
	}
	if len(byTime.Events) != 2913 || len(byTiming.Events) != 2913 {
		t.Fatalf("%d and %d events, want 2913 each (SOURCES.md)", len(byTime.Events), len(byTiming.Events))
	}
	all, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	series := map[string]*Series{}
	for _, s := range all {
		series[s.Ticker] = s
	}
	var computed, agree int
	var differ []string
	for i, a := range byTime.Events {
		b := byTiming.Events[i]
		s := series[a.Ticker]
		if s == nil {
			continue
		}
		ia, errA := Day0(s, a, ShiftNext)
		ib, errB := Day0(s, b, ShiftNext)
		if errA != nil || errB != nil {
			if (errA == nil) != (errB == nil) {
				differ = append(differ, a.Ticker+" "+a.Written+": one reading places it, the other not")
			}
			continue
		}
		computed++
		if ia == ib {
			agree++
			continue
		}
		differ = append(differ, a.Ticker+" "+a.Written+" "+b.Timing+": "+s.Dates[ia].String()+" by timestamp, "+s.Dates[ib].String()+" by timing")
	}
	for _, d := range differ {
		t.Log(d)
	}
	t.Logf("%d events placed, %d agree, %d differ; warnings %q", computed, agree, len(differ), byTime.Warnings)
	// 2,070 events fall inside the price files (SOURCES.md section 3).
	if computed != 2070 || agree != computed || len(differ) != 0 {
		t.Errorf("%d events placed (want 2070), %d agree, %d differ (want 0)", computed, agree, len(differ))
	}
	// Of all 2,913 rows, none has a timing that disagrees with accept_et
	// about the 16:00 close (amc 1,977 rows, all at or after it).
	if len(byTime.Warnings) != 0 {
		t.Errorf("warnings %q, want none", byTime.Warnings)
	}
}
