package eventlist

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// Row is one event of a list: a security and a date or a timestamp.
type Row struct {
	Ticker string
	// Date is the event date, written when Timestamp is "".
	Date prices.Date
	// Timestamp is written instead of Date when not "", as run reads it
	// (RFC 3339, or a local time with a zone word); Date is then its
	// local calendar date, used for the id and the order.
	Timestamp string
	Extra     []string // values of List.Columns
}

// Failure is an input a builder could not use: a file, a row or a date,
// with its place (file or file:line[:column]) and the reason.
type Failure struct {
	Where, Reason string
}

func (f Failure) String() string { return f.Where + ": " + f.Reason }

// List is a built event list.
type List struct {
	Columns  []string // names of Row.Extra, written after ticker and date
	Rows     []Row
	Failures []Failure
	Warnings []string
}

// Sort orders the rows by ticker, then date, keeping the order of rows on
// the same ticker and date.
func (l *List) Sort() {
	sort.SliceStable(l.Rows, func(i, j int) bool {
		a, b := l.Rows[i], l.Rows[j]
		if a.Ticker != b.Ticker {
			return a.Ticker < b.Ticker
		}
		return a.Date < b.Date
	})
}

// IDs returns one id per row: TICKER-YYYY-MM-DD, with -2, -3, ... on the
// second and later rows of a ticker and date, and on any id that another
// row already took.
func (l *List) IDs() []string {
	ids := make([]string, len(l.Rows))
	taken := make(map[string]bool, len(l.Rows))
	for i, r := range l.Rows {
		base := r.Ticker + "-" + r.Date.String()
		id := base
		for n := 2; taken[id]; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		taken[id] = true
		ids[i] = id
	}
	return ids
}

// Write writes the list as CSV: id, ticker, then date or timestamp (both
// when some rows have one and some the other: run reads the date when it
// is not empty, else the timestamp), then the carried columns.
func (l *List) Write(w io.Writer) error {
	var dates, stamps bool
	for _, r := range l.Rows {
		if r.Timestamp == "" {
			dates = true
		} else {
			stamps = true
		}
	}
	header := []string{"id", "ticker"}
	if dates || !stamps {
		header = append(header, "date")
	}
	if stamps {
		header = append(header, "timestamp")
	}
	header = append(header, l.Columns...)
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	ids := l.IDs()
	rec := make([]string, 0, len(header))
	for i, r := range l.Rows {
		if len(r.Extra) != len(l.Columns) {
			panic(fmt.Sprintf("eventlist: row %d has %d extra values for %d columns", i, len(r.Extra), len(l.Columns)))
		}
		rec = append(rec[:0], ids[i], r.Ticker)
		if dates || !stamps {
			if r.Timestamp == "" {
				rec = append(rec, r.Date.String())
			} else {
				rec = append(rec, "")
			}
		}
		if stamps {
			rec = append(rec, r.Timestamp)
		}
		rec = append(rec, r.Extra...)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Tickers is the number of distinct tickers of the rows.
func (l *List) Tickers() int {
	seen := map[string]bool{}
	for _, r := range l.Rows {
		seen[r.Ticker] = true
	}
	return len(seen)
}
