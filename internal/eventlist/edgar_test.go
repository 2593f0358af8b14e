package eventlist

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// TestEDGARClockIsNewYork settles how the submissions JSON's
// acceptanceDateTime is read, on the recorded files of Tesla's 10-K
// 0001564590-20-004475 (SOURCES.md section 8): its SGML header says
// <ACCEPTANCE-DATETIME>20200213071218, a New York time by EDGAR's
// definition, and the JSON says "2020-02-13T07:12:18.000Z". The same
// clock with a Z: the Z is false, and ClockNewYork gives the header's time.
func TestEDGARClockIsNewYork(t *testing.T) {
	header, err := os.ReadFile(realFile(t, "edgar/sgml__0001564590-20-004475-minimal.txt"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<ACCEPTANCE-DATETIME>(\d{14})`).FindSubmatch(header)
	if m == nil {
		t.Fatal("no ACCEPTANCE-DATETIME in the header")
	}
	ny, _ := time.LoadLocation("America/New_York")
	accepted, err := time.ParseInLocation("20060102150405", string(m[1]), ny)
	if err != nil {
		t.Fatal(err)
	}
	json := realFile(t, "edgar/company_submission.json")
	find := func(clock Clock) string {
		l, err := FromEDGAR(json, EDGAROptions{Form: "10-K", Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range l.Rows {
			if r.Extra[2] == "0001564590-20-004475" {
				return r.Timestamp
			}
		}
		t.Fatal("10-K 0001564590-20-004475 not in the JSON")
		return ""
	}
	if got, want := find(ClockNewYork), accepted.Format(time.RFC3339); got != want || want != "2020-02-13T07:12:18-05:00" {
		t.Errorf("New York reading %s, header %s (want 2020-02-13T07:12:18-05:00)", got, want)
	}
	// Trusting the Z puts the acceptance five hours earlier than the header.
	if got := find(ClockUTC); got != "2020-02-13T02:12:18-05:00" {
		t.Errorf("UTC reading %s, want 2020-02-13T02:12:18-05:00", got)
	}
}

// TestEDGAREarnings8K checks the 8-K item 2.02 filings of Tesla's JSON:
// 71 of them (counted with python's json module), and the reading decides
// day 0 for 46: an earnings release at 17:15 New York is after the close,
// read as UTC it is 13:15, before it. 45 of them are after the 16:00 close;
// the 46th, 2017-07-03 15:21 New York, is after that half day's 13:00 close
// (NYSE calendar), and 11:21 read as UTC is before it.
func TestEDGAREarnings8K(t *testing.T) {
	json := realFile(t, "edgar/company_submission.json")
	ny, err := FromEDGAR(json, EDGAROptions{Form: "8-k", Items: []string{"2.02"}})
	if err != nil {
		t.Fatal(err)
	}
	utc, err := FromEDGAR(json, EDGAROptions{Form: "8-K", Items: []string{"2.02"}, Clock: ClockUTC})
	if err != nil {
		t.Fatal(err)
	}
	if len(ny.Rows) != 71 || len(utc.Rows) != 71 || len(ny.Failures) != 0 || len(ny.Warnings) != 0 {
		t.Fatalf("%d and %d rows, failures %v, warnings %v; want 71, none", len(ny.Rows), len(utc.Rows), ny.Failures, ny.Warnings)
	}
	nyse := prices.ExchangeOf("TSLA")
	var differ int
	for i, r := range ny.Rows {
		a, err1 := prices.ParseTimestamp(r.Timestamp, nyse.Location)
		b, err2 := prices.ParseTimestamp(utc.Rows[i].Timestamp, nyse.Location)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		da, _ := nyse.SessionDate(a)
		db, _ := nyse.SessionDate(b)
		if da != db {
			differ++
		}
		if r.Ticker != "TSLA" || r.Extra[0] != "8-K" || !strings.Contains(r.Extra[1], "2.02") {
			t.Errorf("row %d: %v", i, r)
		}
	}
	if differ != 46 {
		t.Errorf("%d filings change session with the reading, want 46", differ)
	}
	last := ny.Rows[len(ny.Rows)-1]
	if last.Timestamp != "2022-10-19T17:15:46-04:00" || last.Extra[3] != "2022-10-19" {
		t.Errorf("last filing %v, want 2022-10-19T17:15:46-04:00 (JSON: 2022-10-19T17:15:46.000Z)", last)
	}
}

func TestEDGARBadShape(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, text, want string
		noEvents         bool
	}{
		{"csv", "ticker,date\nA,2020-01-01\n", ":1:1: not an EDGAR submissions JSON: it does not begin with {", false},
		{"syntax", "{\"tickers\": [\"X\"],\n \"filings\": }", ":2:13: not an EDGAR submissions JSON: invalid character '}' looking for beginning of value", false},
		{"other", `{"chart":{"result":[]}}`, "not an EDGAR submissions JSON: no filings.recent.form array", false},
		{"ragged", `{"tickers":["X"],"filings":{"recent":{"form":["8-K","8-K"],"items":["2.02"],"acceptanceDateTime":["",""],"accessionNumber":["a","b"]}}}`, "filings.recent.items has 1 entries, form has 2", false},
		{"noticker", `{"filings":{"recent":{"form":["8-K"],"items":["2.02"],"acceptanceDateTime":["2020-01-02T16:30:00.000Z"],"accessionNumber":["a"]}}}`, "the JSON names no ticker: give one with --ticker", false},
		{"none", `{"tickers":["X"],"filings":{"recent":{"form":["10-Q"],"items":[""],"acceptanceDateTime":["2020-01-02T16:30:00.000Z"],"accessionNumber":["a"]}}}`, "no events: none of its 1 filings is form 8-K with item 2.02", true},
	} {
		p := writeFile(t, dir, tc.name+".json", tc.text)
		_, err := FromEDGAR(p, EDGAROptions{Form: "8-K", Items: []string{"2.02"}})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), p+":") || errors.Is(err, ErrNoEvents) != tc.noEvents {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	// A bad acceptance time is a failure; the other filings go on.
	p := writeFile(t, dir, "bad.json", `{"tickers":["X"],"filings":{"recent":{"form":["8-K","8-K","8-K"],"items":["2.02","2.02,9.01","7.01"],"acceptanceDateTime":["yesterday","2020-01-02T02:30:00.000Z","2020-01-03T16:30:00.000Z"],"accessionNumber":["a","b","c"]}}}`)
	l, err := FromEDGAR(p, EDGAROptions{Form: "8-K", Items: []string{"2.02"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 1 || l.Rows[0].Timestamp != "2020-01-02T02:30:00-05:00" {
		t.Errorf("rows %v", l.Rows)
	}
	if len(l.Failures) != 1 || l.Failures[0].String() != p+`: filing a: acceptanceDateTime: cannot parse "yesterday" (want 2020-02-13T07:12:18.000Z)` {
		t.Errorf("failures %v", l.Failures)
	}
	// 02:30 New York is outside EDGAR's hours: perhaps true UTC.
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "1 acceptance times read as New York time fall outside EDGAR's 06:00-22:00 filing hours") {
		t.Errorf("warnings %v", l.Warnings)
	}
}

// TestEDGARHoursEvidence counts the acceptances of all 1,001 filings of
// Tesla's JSON outside EDGAR's filing hours (06:00 to 22:00 New York):
// read as New York time, 2 (SEC-issued EFFECT notices at 00:15); read as
// UTC, 149 (06:00Z to 09:59Z would be 01:00 to 05:59 New York, when EDGAR
// accepts nothing). Counted independently with python's zoneinfo.
func TestEDGARHoursEvidence(t *testing.T) {
	json := realFile(t, "edgar/company_submission.json")
	for _, tc := range []struct {
		clock Clock
		want  int
	}{{ClockNewYork, 2}, {ClockUTC, 149}} {
		l, err := FromEDGAR(json, EDGAROptions{Clock: tc.clock})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Rows) != 1001 {
			t.Fatalf("%d filings, want 1001", len(l.Rows))
		}
		var outside int
		for _, r := range l.Rows {
			ts, err := time.Parse(time.RFC3339, r.Timestamp)
			if err != nil {
				t.Fatal(err)
			}
			if h := ts.Hour(); h < 6 || h >= 22 { // the offset written is New York's
				outside++
			}
		}
		if outside != tc.want {
			t.Errorf("clock %d: %d acceptances outside 06:00-22:00 New York, want %d", tc.clock, outside, tc.want)
		}
	}
}
