package prices

import (
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReadEvents(t *testing.T) {
	list, err := ReadEvents("testdata/events/ok.csv", EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Events) != 2 || len(list.Rejected) != 0 {
		t.Fatalf("got %d events, %d rejected, want 2 and 0", len(list.Events), len(list.Rejected))
	}
	if got := strings.Join(list.Extra, ","); got != "note" {
		t.Errorf("extra columns %q, want note", got)
	}
	e := list.Events[1]
	if e.ID != "e2" || e.Ticker != "BBB" || e.Date != NewDate(2025, 11, 15) || e.Line != 3 || e.Extra[0] != "saturday" || e.HasTime {
		t.Errorf("event 2 = %+v", e)
	}
	if e.Exchange.Code != "NYSE" {
		t.Errorf("exchange of BBB = %s, want NYSE (no suffix)", e.Exchange.Code)
	}
}

func TestReadEventsBOMAndAliases(t *testing.T) {
	// The gafam 10K.csv layout (SOURCES.md): BOM, security_ticker,
	// market_ticker, event_date, CRLF.
	list, err := ReadEvents("testdata/events/bom.csv", EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	e := list.Events[0]
	if e.Ticker != "AAPL" || e.Market != "SPY" || e.Date != NewDate(2019, 10, 31) || e.ID != "1" {
		t.Errorf("event = %+v, want AAPL vs SPY on 2019-10-31 with id 1 (row number)", e)
	}
}

// TestReadEventsTimestamps checks the after-close rule: at or after the
// exchange's close, the news is priced on the next session.
func TestReadEventsTimestamps(t *testing.T) {
	list, err := ReadEvents("testdata/events/timestamps.csv", EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		date       Date
		afterClose bool
		exchange   string
	}{
		{NewDate(2025, 11, 15), true, "NYSE"},  // 16:00 New York is the close itself
		{NewDate(2025, 11, 14), false, "HKEX"}, // 15:59:59 Hong Kong, one second before
		{NewDate(2025, 11, 15), true, "HKEX"},  // 16:00 HKT
		{NewDate(2025, 11, 14), false, "NYSE"}, // 09:00 ET, before the open
		{NewDate(2025, 11, 14), false, "XETR"}, // 08:30Z = 09:30 in Frankfurt, exchange column
	}
	if len(list.Events) != len(want) {
		t.Fatalf("got %d events, want %d (rejected: %v)", len(list.Events), len(want), list.Rejected)
	}
	for i, w := range want {
		e := list.Events[i]
		if e.Date != w.date || e.AfterClose != w.afterClose || e.Exchange.Code != w.exchange || !e.HasTime {
			t.Errorf("row %d: date %s after close %v exchange %s, want %s %v %s", i+2, e.Date, e.AfterClose, e.Exchange.Code, w.date, w.afterClose, w.exchange)
		}
	}
}

func TestReadEventsBadRows(t *testing.T) {
	list, err := ReadEvents("testdata/events/badrows.csv", EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Events) != 1 || list.Events[0].Ticker != "BBB" {
		t.Fatalf("events %+v, want only BBB", list.Events)
	}
	want := []string{
		`testdata/events/badrows.csv:2:7: date: cannot parse "2025-13-01" as a date (want YYYY-MM-DD or YYYYMMDD; for times of day use a timestamp column)`,
		`testdata/events/badrows.csv:3:3: ticker: empty`,
		`testdata/events/badrows.csv:5:1: id: "3" already used on line 4`,
		`testdata/events/badrows.csv:6:7: date: cannot parse "14/11/2025" as a date (want YYYY-MM-DD or YYYYMMDD; for times of day use a timestamp column)`,
	}
	if len(list.Rejected) != len(want) {
		t.Fatalf("rejected %v, want %d rows", list.Rejected, len(want))
	}
	for i, w := range want {
		if got := list.Rejected[i].Error(); got != w {
			t.Errorf("rejected %d:\n got %s\nwant %s", i, got, w)
		}
		var pe *PosError
		if !errors.As(list.Rejected[i].Err, &pe) {
			t.Errorf("rejected %d: not a *PosError", i)
		}
	}
}

// TestParseEventsHostile pins how rows and files that encoding/csv reads
// without complaint are refused: cells beyond the header (text cut short
// without a word before) and NUL bytes (a UTF-16 file, or binary).
func TestParseEventsHostile(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		events   int    // events kept
		want     string // the error, or the first rejected row's
	}{
		{"extra cells", "id,ticker,date,note\na,AAA,2025-01-02,Report, says\nb,AAA,2025-01-03,ok\n", 1,
			"x.csv:2:25: row has 5 fields, header has 4 (a comma inside a field that is not quoted?)"},
		{"extra empty cells", "id,ticker,date\na,AAA,2025-01-02,,\n", 1, ""},
		{"nul in id", "id,ticker,date\nb,AAA,2025-01-02\na\x00b,AAA,2025-01-02\n", 0,
			"x.csv:3:2: NUL byte: an event list is text (UTF-16 from Excel? save it as CSV UTF-8)"},
		{"utf-16", "\xff\xfei\x00d\x00", 0,
			"x.csv:1:4: NUL byte: an event list is text (UTF-16 from Excel? save it as CSV UTF-8)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := ParseEvents(strings.NewReader(tc.in), "x.csv", EventColumns{})
			got := ""
			switch {
			case err != nil:
				got = err.Error()
			case len(list.Rejected) > 0:
				got = list.Rejected[0].Error()
			}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if err == nil && len(list.Events) != tc.events {
				t.Errorf("%d events, want %d", len(list.Events), tc.events)
			}
		})
	}
}

// endless is an event list without end, as /dev/urandom or a pipe
// that is never closed would give.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "a,AAA,2025-01-02\n"[(e.n+i)%17]
	}
	e.n += len(p)
	return len(p), nil
}

// TestParseEventsEndless: the list is read whole, so its size is bounded
// (--events /dev/urandom was read until memory ran out).
func TestParseEventsEndless(t *testing.T) {
	_, err := parseEvents(io.MultiReader(strings.NewReader("id,ticker,date\n"), &endless{}), "x.csv", EventColumns{}, 1<<16)
	// 15 bytes of header, then rows of 17 bytes: byte 65537 is on line
	// 2 + (65536-15)/17 = 3856.
	want := "x.csv:3856:1: event list larger than 65536 bytes: millions of events, beyond what a run can hold in memory (about 12 KB an event)"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestReadEventsErrors(t *testing.T) {
	for _, tc := range []struct {
		file string
		cols EventColumns
		want string
	}{
		{"testdata/events/missing.csv", EventColumns{}, "events: open testdata/events/missing.csv: no such file or directory"},
		{"testdata/events/empty.csv", EventColumns{}, "testdata/events/empty.csv:1:1: empty event list"},
		{"testdata/events/headeronly.csv", EventColumns{}, "testdata/events/headeronly.csv:2:1: event list has a header but no events"},
		{"testdata/events/nocolumns.csv", EventColumns{}, `testdata/events/nocolumns.csv:1:1: no ticker column in header "name,when": want ticker (or symbol), and date (YYYY-MM-DD) or timestamp (RFC 3339); name others with --ticker-col, --date-col, --timestamp-col`},
		{"testdata/events/ok.csv", EventColumns{Timestamp: "accept_et"}, `testdata/events/ok.csv:1:1: no column "accept_et" in header "id,ticker,date,note"`},
	} {
		_, err := ReadEvents(tc.file, tc.cols)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got %v\nwant %s", tc.file, err, tc.want)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	hk, _ := time.LoadLocation("Asia/Hong_Kong")
	for _, tc := range []struct {
		in   string
		loc  *time.Location
		want time.Time
	}{
		{"2025-11-14T09:30:00+08:00", ny, time.Date(2025, 11, 14, 1, 30, 0, 0, time.UTC)},
		{"2025-11-14 09:30:00+08:00", ny, time.Date(2025, 11, 14, 1, 30, 0, 0, time.UTC)},
		{"2018-02-01 16:30 ET", hk, time.Date(2018, 2, 1, 21, 30, 0, 0, time.UTC)},   // EST is UTC-5 in February
		{"2018-07-31 16:30 ET", hk, time.Date(2018, 7, 31, 20, 30, 0, 0, time.UTC)},  // EDT is UTC-4 in July
		{"2025-11-14 16:00", hk, time.Date(2025, 11, 14, 8, 0, 0, 0, time.UTC)},      // no zone: the exchange's
		{"2025-11-14T10:00:00Z", hk, time.Date(2025, 11, 14, 10, 0, 0, 0, time.UTC)}, //
	} {
		got, err := ParseTimestamp(tc.in, tc.loc)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseTimestamp(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := ParseTimestamp("yesterday", ny); err == nil {
		t.Error("ParseTimestamp(yesterday) succeeded")
	}
}

func FuzzParseEvents(f *testing.F) {
	for _, name := range []string{"ok", "timestamps", "badrows", "bom", "nocolumns", "headeronly"} {
		b, err := os.ReadFile("testdata/events/" + name + ".csv")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := ParseEvents(strings.NewReader(string(b)), "fuzz.csv", EventColumns{})
		if err != nil {
			return
		}
		ids := map[string]bool{}
		for _, e := range list.Events {
			if e.Ticker == "" || ids[e.ID] {
				t.Fatalf("event %+v: empty ticker or duplicate id", e)
			}
			ids[e.ID] = true
		}
	})
}

// TestParseEventsStrayQuote: a record encoding/csv cannot read is rejected
// with its position; the rows before it are kept (found by FuzzParseEvents,
// testdata/fuzz/FuzzParseEvents/e7e656a937e7882b).
func TestParseEventsStrayQuote(t *testing.T) {
	in := "ticker,date\nAAA,2025-11-14\nBBB,\"2025-11-14\n"
	list, err := ParseEvents(strings.NewReader(in), "e.csv", EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Events) != 1 || len(list.Rejected) != 1 {
		t.Fatalf("%d events, %d rejected; want 1 and 1", len(list.Events), len(list.Rejected))
	}
	// Position as encoding/csv (Go 1.26) reports it: the quoted field opened
	// on line 3 runs to the end of the input.
	const want = `e.csv:3:17: extraneous or missing " in quoted-field`
	if got := list.Rejected[0].Error(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestEventDateFormats: dates written with slashes are read day first when
// a first number is above 12 (31/10/2019, as the GAFAM 10-K list of the
// Python eventstudy package writes them), month first when a second one
// is, and otherwise need the format; YYYY-MM-DD is always read, and a
// list with any such date takes that format.
func TestEventDateFormats(t *testing.T) {
	tests := []struct {
		name, text, format string
		want               []string // the events' dates
		err                string
	}{
		{"day first", "ticker,date\nA,31/10/2019\nA,05/11/2018\n", "", []string{"2019-10-31", "2018-11-05"}, ""},
		{"month first", "ticker,date\nA,10/31/2019\nA,1/2/2018\n", "", []string{"2019-10-31", "2018-01-02"}, ""},
		{"YYYYMMDD", "ticker,date\nA,20191031\nA,2018-01-02\n", "", []string{"2019-10-31", "2018-01-02"}, ""},
		{"ambiguous", "ticker,date\nA,05/11/2018\nA,03/11/2017\n", "", nil,
			"e.csv:1:2: dates such as 05/11/2018 can be day/month/year or month/day/year (no number above 12 tells): give the format with --date-format DD/MM/YYYY or MM/DD/YYYY"},
		{"given", "ticker,date\nA,05/11/2018\n", "DD/MM/YYYY", []string{"2018-11-05"}, ""},
		{"given, ISO too", "ticker,date\nA,05/11/2018\nA,2020-01-02\n", "MM/DD/YYYY", []string{"2018-05-11", "2020-01-02"}, ""},
		{"both", "ticker,date\nA,31/10/2019\nA,10/31/2019\n", "", nil,
			"e.csv:1:2: dates written with slashes put the day first in 1 rows and the month first in 1: give the format with --date-format DD/MM/YYYY or MM/DD/YYYY"},
		{"bad format", "ticker,date\nA,2020-01-02\n", "YYYY/MM/DD", nil,
			`e.csv:1:2: date format "YYYY/MM/DD": want YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY`},
	}
	for _, tt := range tests {
		list, err := ParseEvents(strings.NewReader(tt.text), "e.csv", EventColumns{DateFormat: tt.format})
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %s", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, e := range list.Events {
			got = append(got, e.Date.String())
		}
		if !slices.Equal(got, tt.want) || len(list.Rejected) > 0 {
			t.Errorf("%s: dates %v (rejected %v), want %v", tt.name, got, list.Rejected, tt.want)
		}
	}
	// The GAFAM list, as published: a byte-order mark, CRLF line ends,
	// security_ticker, market_ticker, event_date DD/MM/YYYY; 41 rows
	// (SOURCES.md says 40).
	list, err := ReadEvents(realFile(t, "gafam/10K.csv"), EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	if e := list.Events[0]; len(list.Events) != 41 || e.Ticker != "AAPL" || e.Market != "SPY" || e.Date.String() != "2019-10-31" {
		t.Errorf("%d events, the first %s %s %s; want 41, AAPL SPY 2019-10-31", len(list.Events), e.Ticker, e.Market, e.Date)
	}
}
