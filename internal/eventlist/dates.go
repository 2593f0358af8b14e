package eventlist

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// FromDates crosses a list of dates (read with prices.EventColumns.NoTicker)
// with the securities of series: one row per security and date that the
// security's prices cover, its first to its last price date. A date is the
// date as written, or for a timestamp the session date it falls on for the
// security's exchange (after the close: the next day); a timing of amc
// counts from the next day too. A row of the list that names a ticker is
// crossed with that security alone. Timestamps are written as they are
// written in the list, so that run reads them in each security's time
// zone; the list's other columns, and its market column, are carried.
//
// Rows of the list that could not be read, and dates that no security
// covers, are failures; no row at all is an error wrapping ErrNoEvents.
func FromDates(dates *prices.EventList, series []*prices.Series) (*List, error) {
	l := &List{Columns: dates.Extra}
	// A market column (the benchmark of each date) is carried too.
	market := slices.ContainsFunc(dates.Events, func(e prices.Event) bool { return e.Market != "" })
	if market {
		l.Columns = append(slices.Clip(l.Columns), "market")
	}
	for _, r := range dates.Rejected {
		l.Failures = append(l.Failures, Failure{Where: dates.File, Reason: strings.TrimPrefix(r.Error(), dates.File+":")})
	}
	var first, last prices.Date
	for _, s := range series {
		if len(s.Dates) == 0 {
			continue
		}
		if first == 0 || s.Dates[0] < first {
			first = s.Dates[0]
		}
		if d := s.Dates[len(s.Dates)-1]; d > last {
			last = d
		}
	}
	used := make([]int, len(dates.Events))
	for _, s := range series {
		if len(s.Dates) == 0 {
			continue
		}
		ex := prices.ExchangeOf(s.Ticker)
		lo, hi := s.Dates[0], s.Dates[len(s.Dates)-1]
		for i, ev := range dates.Events {
			if ev.Ticker != "" && ev.Ticker != s.Ticker {
				continue
			}
			row := Row{Ticker: s.Ticker, Extra: ev.Extra}
			if market {
				row.Extra = append(slices.Clip(ev.Extra), ev.Market)
			}
			session := ev.Date
			if ev.HasTime {
				t, err := prices.ParseTimestamp(ev.Written, ex.Location)
				if err != nil { // parsed once already: cannot fail
					panic("eventlist: " + err.Error())
				}
				session, _ = ex.SessionDate(t)
				row.Date = prices.DateOf(t.In(ex.Location))
				row.Timestamp = ev.Written
			} else {
				row.Date = ev.Date
				if ev.Timing == "amc" {
					row.Date = ev.Date.AddDays(-1) // run moves it again
				}
			}
			if session < lo || session > hi {
				continue
			}
			used[i]++
			l.Rows = append(l.Rows, row)
		}
	}
	for i, ev := range dates.Events {
		if used[i] > 0 {
			continue
		}
		why := fmt.Sprintf("%s: no price file covers it (prices span %s to %s)", ev.Written, first, last)
		if ev.Ticker != "" {
			why = fmt.Sprintf("%s %s: no prices of %s cover it", ev.Ticker, ev.Written, ev.Ticker)
		}
		l.Failures = append(l.Failures, Failure{Where: fmt.Sprintf("%s:%d", dates.File, ev.Line), Reason: why})
	}
	if len(l.Rows) == 0 {
		if first == 0 {
			return nil, fmt.Errorf("%s: %w: the price files hold no prices", dates.File, ErrNoEvents)
		}
		return nil, fmt.Errorf("%s: %w: none of its %d dates falls within any price file (prices span %s to %s)", dates.File, ErrNoEvents, len(dates.Events), first, last)
	}
	l.Sort()
	return l, nil
}

// ReadTickers reads a list of tickers: a CSV file with a ticker (or
// symbol) column, or one ticker per line without a header. Empty cells are
// skipped; a ticker listed twice is kept once.
func ReadTickers(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(prices.LimitLines(f, path))
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var recs [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		recs = append(recs, rec)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty ticker list", path)
	}
	col, start := -1, 0
	for i, h := range recs[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if h == "ticker" || h == "symbol" || h == "code" {
			col, start = i, 1
			break
		}
	}
	if col < 0 {
		for _, r := range recs {
			if len(r) > 1 {
				return nil, fmt.Errorf("%s: not a ticker list: no ticker (or symbol) column in header %q", path, strings.Join(recs[0], ","))
			}
		}
		col = 0
	}
	var out []string
	seen := map[string]bool{}
	for _, r := range recs[start:] {
		if col >= len(r) {
			continue
		}
		t := strings.TrimSpace(r[col])
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: empty ticker list", path)
	}
	return out, nil
}
