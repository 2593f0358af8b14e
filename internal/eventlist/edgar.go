package eventlist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// Clock says how to read the acceptanceDateTime of an EDGAR submissions
// JSON.
type Clock int

const (
	// ClockNewYork reads the clock as New York wall-clock time and ignores
	// the trailing Z. EDGAR stamps a filing's acceptance in Eastern time
	// (the ACCEPTANCE-DATETIME of its SGML header), and the submissions
	// JSON copies that clock with a Z appended: Tesla's 10-K
	// 0001564590-20-004475 has <ACCEPTANCE-DATETIME>20200213071218 in its
	// header and "2020-02-13T07:12:18.000Z" in the JSON.
	ClockNewYork Clock = iota
	// ClockUTC trusts the Z, for a source known to write true UTC.
	ClockUTC
)

// ParseClock parses newyork (also ny, et) or utc.
func ParseClock(s string) (Clock, error) {
	switch strings.ToLower(s) {
	case "newyork", "new-york", "ny", "et":
		return ClockNewYork, nil
	case "utc", "z":
		return ClockUTC, nil
	}
	return 0, fmt.Errorf("%q: want newyork or utc", s)
}

// submissions is the part of an EDGAR submissions JSON
// (data.sec.gov/submissions/CIK##########.json) that FromEDGAR reads.
type submissions struct {
	Tickers []string `json:"tickers"`
	Filings *struct {
		Recent *struct {
			Form       []string `json:"form"`
			Items      []string `json:"items"`
			Acceptance []string `json:"acceptanceDateTime"`
			ReportDate []string `json:"reportDate"`
			FilingDate []string `json:"filingDate"`
			Accession  []string `json:"accessionNumber"`
		} `json:"recent"`
	} `json:"filings"`
}

// maxJSON bounds the size of a submissions JSON: filings.recent holds at
// most a few thousand filings (Tesla's 1,001 take 390 KB).
const maxJSON = 64 << 20

// EDGAROptions select the filings of FromEDGAR.
type EDGAROptions struct {
	Form   string   // e.g. 8-K, matched ignoring case; "" is every form
	Items  []string // e.g. 2.02: a filing must list one of them; nil is any
	Ticker string   // the events' ticker; "" takes the JSON's first ticker
	Clock  Clock
}

// edgarColumns are the columns FromEDGAR carries.
var edgarColumns = []string{"form", "items", "accession", "report_date", "filing_date"}

// New York's zone, for acceptance times.
var newYork = func() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic("eventlist: " + err.Error()) // time/tzdata is linked in by prices
	}
	return loc
}()

// FromEDGAR makes one event per filing of an EDGAR submissions JSON (the
// filings.recent arrays) of the form and items asked for, timestamped with
// its acceptance time in New York (RFC 3339 with the offset of that day),
// and carrying the form, items, accession number, report date and filing
// date. A file of another shape is an error; a filing whose acceptance
// time cannot be read is a failure.
//
// Acceptance times are read as opts.Clock says. With ClockNewYork, a time
// outside EDGAR's filing hours (06:00 to 22:00 New York) is a warning: the
// source may write true UTC (ClockUTC).
func FromEDGAR(path string, opts EDGAROptions) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxJSON+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxJSON {
		return nil, fmt.Errorf("%s: more than %d MiB: not an EDGAR submissions JSON (the largest are a few MiB)", path, maxJSON>>20)
	}
	var sub submissions
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return nil, fmt.Errorf("%s:1:1: not an EDGAR submissions JSON: it does not begin with {", path)
	}
	if err := json.Unmarshal(data, &sub); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := lineCol(data, se.Offset)
			return nil, fmt.Errorf("%s:%d:%d: not an EDGAR submissions JSON: %v", path, line, col, se)
		case errors.As(err, &te):
			line, col := lineCol(data, te.Offset)
			return nil, fmt.Errorf("%s:%d:%d: not an EDGAR submissions JSON: %s is a JSON %s, want %s", path, line, col, te.Field, te.Value, te.Type)
		}
		return nil, fmt.Errorf("%s: not an EDGAR submissions JSON: %v", path, err)
	}
	if sub.Filings == nil || sub.Filings.Recent == nil || sub.Filings.Recent.Form == nil {
		return nil, fmt.Errorf("%s: not an EDGAR submissions JSON: no filings.recent.form array", path)
	}
	rec := sub.Filings.Recent
	n := len(rec.Form)
	for _, a := range []struct {
		name string
		v    []string
	}{{"items", rec.Items}, {"acceptanceDateTime", rec.Acceptance}, {"accessionNumber", rec.Accession}} {
		if len(a.v) != n {
			return nil, fmt.Errorf("%s: filings.recent.%s has %d entries, form has %d", path, a.name, len(a.v), n)
		}
	}
	at := func(v []string, i int) string {
		if i < len(v) {
			return v[i]
		}
		return ""
	}
	ticker := opts.Ticker
	if ticker == "" {
		if len(sub.Tickers) == 0 || sub.Tickers[0] == "" {
			return nil, fmt.Errorf("%s: the JSON names no ticker: give one with --ticker", path)
		}
		ticker = sub.Tickers[0]
	}
	l := &List{Columns: edgarColumns}
	var outside []string
	for i := range n {
		if opts.Form != "" && !strings.EqualFold(rec.Form[i], opts.Form) {
			continue
		}
		if opts.Items != nil && !hasItem(rec.Items[i], opts.Items) {
			continue
		}
		acc := rec.Accession[i]
		t, err := acceptance(rec.Acceptance[i], opts.Clock)
		if err != nil {
			l.Failures = append(l.Failures, Failure{Where: fmt.Sprintf("%s: filing %s", path, acc), Reason: err.Error()})
			continue
		}
		local := t.In(newYork)
		if h := local.Hour(); opts.Clock == ClockNewYork && (h < 6 || h >= 22) {
			outside = append(outside, acc+" "+rec.Acceptance[i])
		}
		l.Rows = append(l.Rows, Row{
			Ticker:    ticker,
			Date:      prices.DateOf(local),
			Timestamp: local.Format(time.RFC3339),
			Extra:     []string{rec.Form[i], rec.Items[i], acc, at(rec.ReportDate, i), at(rec.FilingDate, i)},
		})
	}
	if len(outside) > 0 {
		l.Warnings = append(l.Warnings, fmt.Sprintf("%d acceptance times read as New York time fall outside EDGAR's 06:00-22:00 filing hours (does this source write true UTC? then give --edgar-clock utc): %s", len(outside), strings.Join(outside[:min(len(outside), 5)], ", ")))
	}
	if len(l.Rows) == 0 {
		what := "form " + opts.Form
		if opts.Form == "" {
			what = "any form"
		}
		if opts.Items != nil {
			what += " with item " + strings.Join(opts.Items, " or ")
		}
		return nil, fmt.Errorf("%s: %w: none of its %d filings is %s", path, ErrNoEvents, n, what)
	}
	l.Sort()
	return l, nil
}

// lineCol returns the 1-indexed line and column of byte offset off of data
// (json errors give the offset after the bad byte).
func lineCol(data []byte, off int64) (line, col int) {
	off = max(0, min(off-1, int64(len(data))))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// hasItem reports whether a filing's items ("2.02,9.01") include one of
// want.
func hasItem(items string, want []string) bool {
	for _, it := range strings.Split(items, ",") {
		if slices.Contains(want, strings.TrimSpace(it)) {
			return true
		}
	}
	return false
}

// acceptance reads an acceptanceDateTime ("2020-02-13T07:12:18.000Z").
func acceptance(s string, clock Clock) (time.Time, error) {
	if clock == ClockUTC {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("acceptanceDateTime: cannot parse %q (want 2020-02-13T07:12:18.000Z)", s)
		}
		return t, nil
	}
	wall := strings.TrimSuffix(strings.TrimSuffix(s, "Z"), "z")
	if i := strings.IndexByte(wall, '.'); i >= 0 {
		wall = wall[:i]
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05", wall, newYork)
	if err != nil {
		return time.Time{}, fmt.Errorf("acceptanceDateTime: cannot parse %q (want 2020-02-13T07:12:18.000Z)", s)
	}
	return t, nil
}
