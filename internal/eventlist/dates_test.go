package eventlist

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
)

func series(t *testing.T, ticker string, dates ...string) *prices.Series {
	t.Helper()
	s := &prices.Series{Ticker: ticker}
	for _, d := range dates {
		x, err := prices.ParseDate(d)
		if err != nil {
			t.Fatal(err)
		}
		s.Dates = append(s.Dates, x)
		s.Values = append(s.Values, 1)
	}
	return s
}

func TestFromDates(t *testing.T) {
	// Day-first dates, a timestamp without zone (read in each ticker's
	// zone), an amc timing, a date for one ticker, and one no file covers.
	const list = `date,ticker,timestamp,timing,note
03/01/2020,,,,first
,,2020-01-06 17:00,,evening
07/01/2020,,,amc,late
09/01/2020,AAPL,,,ticker-only
01/02/2021,,,,too late
`
	dates, err := prices.ParseEvents(strings.NewReader(list), "d.csv", prices.EventColumns{NoTicker: true, DateFormat: "DD/MM/YYYY"})
	if err != nil {
		t.Fatal(err)
	}
	us := series(t, "AAPL", "2020-01-02", "2020-01-10")
	hk := series(t, "0005.HK", "2020-01-06", "2020-01-10")
	l, err := FromDates(dates, []*prices.Series{us, hk})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := l.Write(&out); err != nil {
		t.Fatal(err)
	}
	// 0005.HK, priced from 01-06: 2020-01-06 17:00 Hong Kong is after its
	// close, session 01-07; amc on 01-07 counts from 01-08; the row of
	// AAPL alone is not crossed with it. AAPL: 17:00 New York, session
	// 01-07.
	want := `id,ticker,date,timestamp,timing,note
0005.HK-2020-01-06,0005.HK,,2020-01-06 17:00,,evening
0005.HK-2020-01-07,0005.HK,2020-01-07,,amc,late
AAPL-2020-01-03,AAPL,2020-01-03,,,first
AAPL-2020-01-06,AAPL,,2020-01-06 17:00,,evening
AAPL-2020-01-07,AAPL,2020-01-07,,amc,late
AAPL-2020-01-09,AAPL,2020-01-09,,,ticker-only
`
	if out.String() != want {
		t.Errorf("got\n%swant\n%s", out.String(), want)
	}
	if len(l.Failures) != 1 || l.Failures[0].String() != "d.csv:6: 01/02/2021: no price file covers it (prices span 2020-01-02 to 2020-01-10)" {
		t.Errorf("failures %v", l.Failures)
	}

	// No date inside any file.
	late, err := prices.ParseEvents(strings.NewReader("date\n2030-01-02\n2030-01-03\n"), "late.csv", prices.EventColumns{NoTicker: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = FromDates(late, []*prices.Series{us, hk})
	if !errors.Is(err, ErrNoEvents) || err.Error() != "late.csv: no events: none of its 2 dates falls within any price file (prices span 2020-01-02 to 2020-01-10)" {
		t.Errorf("late: %v", err)
	}

	// A market column is carried, after the others.
	mk, err := prices.ParseEvents(strings.NewReader("date,market,x\n2020-01-06,^GSPC,1\n2020-01-07,,2\n"), "m.csv", prices.EventColumns{NoTicker: true})
	if err != nil {
		t.Fatal(err)
	}
	l, err = FromDates(mk, []*prices.Series{us})
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := l.Write(&out); err != nil {
		t.Fatal(err)
	}
	if want := "id,ticker,date,x,market\nAAPL-2020-01-06,AAPL,2020-01-06,1,^GSPC\nAAPL-2020-01-07,AAPL,2020-01-07,2,\n"; out.String() != want {
		t.Errorf("market:\n%swant\n%s", out.String(), want)
	}
}

func TestIDs(t *testing.T) {
	d := prices.NewDate(2020, 1, 2)
	l := &List{Rows: []Row{{Ticker: "A", Date: d}, {Ticker: "A", Date: d}, {Ticker: "A-2020-01-02", Date: d.AddDays(-1)}, {Ticker: "A", Date: d}}}
	got := strings.Join(l.IDs(), " ")
	if want := "A-2020-01-02 A-2020-01-02-2 A-2020-01-02-2020-01-01 A-2020-01-02-3"; got != want {
		t.Errorf("ids %s, want %s", got, want)
	}
}

// TestFromDatesFOMC crosses the 223 FOMC dates of 2000-2026 with the
// Nasdaq-100 panel (SOURCES.md section 3): the 23 dates after the panel's
// last day, 2024-03-08, are failures; AAPL, priced from 2000-01-03, has
// the other 200; ABNB, listed 2020-12-10, the 26 from then (counted with
// awk on the date list).
func TestFromDatesFOMC(t *testing.T) {
	dates, err := prices.ReadEvents(realFile(t, "events/fomc_dates_2000-2026.csv"), prices.EventColumns{NoTicker: true})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := prices.Load(realFile(t, "panel_ndx/prices"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := FromDates(dates, ss)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, r := range l.Rows {
		count[r.Ticker]++
	}
	if len(dates.Events) != 223 || len(l.Failures) != 23 || count["AAPL"] != 200 || count["ABNB"] != 26 || l.Tickers() != 91 {
		t.Errorf("%d dates, %d failures, AAPL %d, ABNB %d, %d tickers; want 223, 23, 200, 26, 91", len(dates.Events), len(l.Failures), count["AAPL"], count["ABNB"], l.Tickers())
	}
}
