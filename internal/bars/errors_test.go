package bars

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// TestReadBadInput: each bad file is a one-line error naming the file,
// line and column where one applies.
func TestReadBadInput(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"duplicate", "time,close\n1699999980,1\n1700000040,2\n1700000040,3\n", "x.csv:4:1: duplicate timestamp"},
		{"not a whole minute", "time,close\n1699999980,1\n1700000040,2\n1700000010,3\n", "not on a whole minute"},
		{"unsorted", "time,close\n1699999980,1\n1700000100,2\n1700000040,3\n", "x.csv:4:1: timestamp 2023-11-14 17:14 EST out of order (the file runs ascending)"},
		{"newest first then up", "time,close\n1700000100,1\n1700000040,2\n1700000160,3\n", "out of order (the file runs newest first)"},
		{"mixed intervals", "time,close\n1699999980,1\n1700000280,2\n1700000580,3\n1700000700,4\n1700001000,5\n", "bars of different intervals in one file: steps of 2m between bars of 5m"},
		{"daily", "date,close\n2024-01-02,1\n2024-01-03,2\n", "daily rows, not bars"},
		{"bad close", "time,close\n1699999980,abc\n", "x.csv:2:2: close: cannot parse \"abc\""},
		{"no close", "time,price\n1699999980,1\n", "x.csv:1:1: no close column"},
		{"bad time", "datetime,close\n2024-13-01 10:00:00,1\n", "x.csv:2:1: timestamp: cannot parse"},
	} {
		_, err := read(strings.NewReader(c.text), "x.csv", "X", Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	_, err := read(strings.NewReader("time,close\n1699999980,1\n1700000040,2\n"), "x.csv", "X", Options{Interval: 5 * time.Minute})
	if err == nil || err.Error() != "x.csv: 1 steps of 1m between bars, not a multiple of the interval given (--bar 5m)" {
		t.Errorf("1m bars given as 5m: %v", err)
	}
	_, err = read(strings.NewReader("date,close\n2024-01-02,1\n"), "x.csv", "X", Options{})
	if !errors.Is(err, ErrDailyFile) {
		t.Errorf("daily file: %v does not wrap ErrDailyFile", err)
	}
}

// TestReadKeep: with Keep the read keeps only the bars of the dates asked
// for, and still checks every row (a duplicate on a dropped day is an
// error).
func TestReadKeep(t *testing.T) {
	text := "datetime,open,close\r\n" +
		"2024-03-08 09:30:00-05:00,1,2\r\n2024-03-08 09:31:00-05:00,2,3\r\n" +
		"2024-03-11 09:30:00-04:00,3,4\r\n2024-03-11 09:31:00-04:00,4,5" // CRLF, no final newline, across the 2024-03-10 DST switch
	keep := func(d prices.Date) bool { return d == prices.NewDate(2024, 3, 11) }
	s, err := read(strings.NewReader(text), "x.csv", "SPY", Options{Keep: keep, Label: LabelStart})
	if err != nil {
		t.Fatal(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	want := time.Date(2024, 3, 11, 9, 30, 0, 0, ny).Unix()
	if len(s.Bars) != 2 || s.Bars[0].Start != want || s.Bars[1].Close != 5 || s.Rows != 4 {
		t.Errorf("kept %+v of %d rows, want the two bars of 2024-03-11 from %d", s.Bars, s.Rows, want)
	}
	bad := strings.Replace(text, "09:31:00-05:00", "09:30:00-05:00", 1)
	if _, err := read(strings.NewReader(bad), "x.csv", "SPY", Options{Keep: keep}); err == nil {
		t.Error("a duplicate on a day not kept passed")
	}
}

// FuzzRead: the reader never panics and what it returns is ascending.
func FuzzRead(f *testing.F) {
	f.Add("time,close\n1700000020,1\n1700000080,2\n")
	f.Add("20110301 090100;133.9;134.01;133.9;133.98;3778\n20110301 090200;1;1;1;1;1")
	f.Add("datetime,open,close\n2024-03-08 09:31:00,2,3\n2024-03-08 09:30:00,1,2\n")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := read(strings.NewReader(s), "f.csv", "X", Options{})
		if err != nil {
			return
		}
		for i := 1; i < len(r.Bars); i++ {
			if r.Bars[i].Start <= r.Bars[i-1].Start {
				t.Fatalf("not ascending: %+v", r.Bars)
			}
		}
	})
}
