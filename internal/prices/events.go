package prices

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Event is one row of an event list: a security and the moment news about it
// became public.
type Event struct {
	ID       string
	Ticker   string
	Market   string // benchmark ticker from the list's market column, "" if none
	Exchange Exchange
	// Date is the calendar date of the first session that can price the news:
	// the date as written, or for a timestamp the exchange-local date, moved
	// to the next calendar day when the timestamp is at or after the close.
	Date       Date
	Time       time.Time // the timestamp, when the list gives one
	HasTime    bool
	AfterClose bool // the timestamp is at or after the exchange's close, or the timing is amc
	// Timing is the event's timing column, normalized: "bmo" (before the
	// open), "amc" (after the close) or "dmh" (during market hours, also
	// written intraday); "" when the list has none or the cell is empty.
	Timing  string
	Written string // the date or timestamp as written in the file
	Line    int    // line in the event file
	Extra   []string
}

// EventList is a parsed event list. Rows that could not be read are in
// Rejected, each with its position and reason; the others are in Events.
type EventList struct {
	File     string
	Events   []Event
	Extra    []string // names of the columns carried through to the outputs
	Rejected []RowError
	// Warnings are what the reader noticed in rows it kept, such as a
	// timing column that disagrees with the timestamp.
	Warnings []string
}

// RowError is an event-list row that could not be used.
type RowError struct {
	Line   int
	ID     string
	Ticker string
	Date   string // as written
	Err    error  // a *PosError for parse errors
}

func (e RowError) Error() string { return e.Err.Error() }

// EventColumns names the columns of an event list. Empty fields take the
// defaults: ticker (or symbol), date (or event_date), timestamp, id, market,
// exchange, timing.
type EventColumns struct {
	Ticker, Date, Timestamp, ID, Market, Exchange, Timing string
	// NoTicker reads a list of dates: the ticker column may be missing or
	// empty (Event.Ticker is then "").
	NoTicker bool
	// DateFormat is how the dates are written: YYYY-MM-DD, DD/MM/YYYY or
	// MM/DD/YYYY; "" tells it from the dates (dateLayout).
	DateFormat string
}

var (
	errNoTickerColumn = errors.New("no ticker column")
	errNoDateColumn   = errors.New("no date or timestamp column")
)

// MaxEventList bounds the size of an event list, which is read whole:
// 256 MiB, some 7 million events of 35 bytes. A run holds about 12 KB an
// event (100,000 events of the market model with three windows peaked at
// 1.2 GB), so no run that fits in memory comes near it; without it an
// endless input (--events /dev/urandom) was read until memory ran out.
const MaxEventList = 256 << 20

// ReadEvents reads an event list: a CSV file with a header naming at least a
// ticker column and a date (YYYY-MM-DD) or timestamp column. Columns other
// than those named in cols are carried through in Event.Extra.
//
// The list is read with encoding/csv rather than gocsv: the columns are only
// known at run time (any extra column is carried through) and every error must
// name its line and column, which encoding/csv's FieldPos gives.
func ReadEvents(path string, cols EventColumns) (*EventList, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer f.Close()
	return ParseEvents(f, path, cols)
}

// ParseEvents is ReadEvents on a reader; file names it in messages.
func ParseEvents(r io.Reader, file string, cols EventColumns) (*EventList, error) {
	return parseEvents(r, file, cols, MaxEventList)
}

// parseEvents is ParseEvents with a bound of maxBytes on the list.
func parseEvents(r io.Reader, file string, cols EventColumns, maxBytes int) (*EventList, error) {
	// Read twice: once for the way the dates are written, once for the
	// events.
	data, err := io.ReadAll(io.LimitReader(LimitLines(r, file), int64(maxBytes)+1))
	if err == nil && len(data) > maxBytes {
		line := 1 + bytes.Count(data, []byte("\n"))
		return nil, &PosError{File: file, Line: line, Column: 1,
			Err: fmt.Errorf("event list larger than %d bytes: millions of events, beyond what a run can hold in memory (about 12 KB an event)", maxBytes)}
	}
	var pos *PosError
	if errors.As(err, &pos) {
		return nil, pos
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		// encoding/csv keeps a NUL in the field, and from there it reaches
		// ids, file names and every output table.
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		col := i - (bytes.LastIndexByte(data[:i], '\n') + 1) + 1
		return nil, &PosError{File: file, Line: line, Column: col,
			Err: errors.New("NUL byte: an event list is text (UTF-16 from Excel? save it as CSV UTF-8)")}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &PosError{File: file, Line: 1, Column: 1, Err: errors.New("empty event list")}
	}
	if err != nil {
		return nil, eventCSVError(file, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	find := func(explicit string, names ...string) (int, error) {
		if explicit != "" {
			names = []string{explicit}
		}
		for i, h := range header {
			for _, n := range names {
				if strings.EqualFold(strings.TrimSpace(h), n) {
					return i, nil
				}
			}
		}
		if explicit != "" {
			return -1, &PosError{File: file, Line: 1, Column: 1,
				Err: fmt.Errorf("no column %s in header %q", quote(explicit), clipHeader(strings.Join(header, ",")))}
		}
		return -1, nil
	}
	var idx struct{ ticker, date, ts, id, market, exchange, timing int }
	if idx.ticker, err = find(cols.Ticker, "ticker", "symbol", "security_ticker"); err != nil {
		return nil, err
	}
	if idx.date, err = find(cols.Date, "date", "event_date"); err != nil {
		return nil, err
	}
	if idx.ts, err = find(cols.Timestamp, "timestamp", "datetime"); err != nil {
		return nil, err
	}
	if idx.id, err = find(cols.ID, "id", "event_id"); err != nil {
		return nil, err
	}
	if idx.market, err = find(cols.Market, "market", "market_ticker", "benchmark"); err != nil {
		return nil, err
	}
	if idx.exchange, err = find(cols.Exchange, "exchange"); err != nil {
		return nil, err
	}
	if idx.timing, err = find(cols.Timing, "timing"); err != nil {
		return nil, err
	}
	if idx.ticker < 0 && !cols.NoTicker {
		return nil, &PosError{File: file, Line: 1, Column: 1,
			Err: fmt.Errorf("%w in header %q: want ticker (or symbol), and date (YYYY-MM-DD) or timestamp (RFC 3339); name others with --ticker-col, --date-col, --timestamp-col", errNoTickerColumn, clipHeader(strings.Join(header, ",")))}
	}
	if idx.date < 0 && idx.ts < 0 {
		return nil, &PosError{File: file, Line: 1, Column: 1,
			Err: fmt.Errorf("%w in header %q: want date (YYYY-MM-DD) or timestamp (RFC 3339); name another with --date-col or --timestamp-col", errNoDateColumn, clipHeader(strings.Join(header, ",")))}
	}
	// A named timestamp column wins over a default date column.
	if cols.Timestamp != "" && cols.Date == "" {
		idx.date = -1
	}
	layout, err := dateLayout(data, idx.date, cols.DateFormat)
	if err != nil {
		col := 1
		if idx.date >= 0 {
			col = idx.date + 1
		}
		return nil, &PosError{File: file, Line: 1, Column: col, Err: err}
	}
	used := map[int]bool{idx.ticker: true, idx.date: true, idx.ts: true, idx.id: true, idx.market: true, idx.exchange: true}
	// The timing column decides day 0 and is also carried through, so that
	// CARs can be grouped or regressed on it.
	var disagree []string // lines whose timing and timestamp disagree on the session
	// One event a line at most: sized once, a list of 1,000,000 events
	// (192 MB of Event) does not grow by copies (0.6 of 1 s reading
	// 300,000 events).
	list := &EventList{File: file, Events: make([]Event, 0, bytes.Count(data, []byte{'\n'})+1)}
	var extraIdx []int
	for i, h := range header {
		if !used[i] {
			list.Extra = append(list.Extra, h)
			extraIdx = append(extraIdx, i)
		}
	}
	ids := make(map[string]int)
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A malformed record (a stray quote) is rejected like any bad
			// row; encoding/csv goes on with the next record.
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				list.Rejected = append(list.Rejected, RowError{Line: pe.StartLine, Err: eventCSVError(file, err)})
				continue
			}
			return nil, eventCSVError(file, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line inside the file
		}
		field := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		posErr := func(col int, err error) *PosError {
			c := 1
			if col >= 0 && col < len(rec) {
				_, c = cr.FieldPos(col)
			}
			return &PosError{File: file, Line: line, Column: c, Err: err}
		}
		ev := Event{ID: field(idx.id), Ticker: field(idx.ticker), Market: field(idx.market), Line: line}
		if ev.ID == "" {
			ev.ID = strconv.Itoa(row)
		}
		reject := func(col int, err error) {
			list.Rejected = append(list.Rejected, RowError{Line: line, ID: ev.ID, Ticker: ev.Ticker, Date: ev.Written, Err: posErr(col, err)})
		}
		if idx.date >= 0 && field(idx.date) != "" {
			ev.Written = field(idx.date)
		} else {
			ev.Written = field(idx.ts)
		}
		if len(rec) < len(header) && len(rec) <= max(idx.ticker, idx.date, idx.ts) {
			reject(len(rec)-1, fmt.Errorf("row has %d fields, header has %d", len(rec), len(header)))
			continue
		}
		if len(rec) > len(header) && strings.TrimSpace(strings.Join(rec[len(header):], "")) != "" {
			// Dropping the cells beyond the header would cut text short
			// without a word (a comma inside a field that is not quoted).
			reject(len(header), fmt.Errorf("row has %d fields, header has %d (a comma inside a field that is not quoted?)", len(rec), len(header)))
			continue
		}
		if ev.Ticker == "" && !cols.NoTicker {
			reject(idx.ticker, errors.New("ticker: empty"))
			continue
		}
		if prev, dup := ids[ev.ID]; dup {
			reject(idx.id, fmt.Errorf("id: %s already used on line %d", quote(ev.ID), prev))
			continue
		}
		ids[ev.ID] = line
		ev.Exchange = ExchangeOf(ev.Ticker)
		if x := field(idx.exchange); x != "" {
			e, err := LookupExchange(x)
			if err != nil {
				reject(idx.exchange, fmt.Errorf("exchange: %w", err))
				continue
			}
			ev.Exchange = e
		}
		if ev.Timing, err = parseTiming(field(idx.timing)); err != nil {
			reject(idx.timing, fmt.Errorf("%s: %w", header[idx.timing], err))
			continue
		}
		switch {
		case idx.date >= 0 && field(idx.date) != "":
			d, err := parseEventDate(field(idx.date), layout)
			if err != nil {
				reject(idx.date, fmt.Errorf("%s: %w", header[idx.date], err))
				continue
			}
			ev.Date = d
			if ev.Timing == "amc" {
				ev.Date, ev.AfterClose = d.AddDays(1), true
			}
		case idx.ts >= 0 && field(idx.ts) != "":
			t, err := ParseTimestamp(field(idx.ts), ev.Exchange.Location)
			if err != nil {
				reject(idx.ts, fmt.Errorf("%s: %w", header[idx.ts], err))
				continue
			}
			ev.Time, ev.HasTime = t, true
			ev.Date, ev.AfterClose = ev.Exchange.SessionDate(t)
			if ev.Timing != "" && ev.AfterClose != (ev.Timing == "amc") {
				disagree = append(disagree, fmt.Sprintf("line %d (%s %s)", line, ev.Written, ev.Timing))
			}
		default:
			col := idx.date
			if col < 0 {
				col = idx.ts
			}
			reject(col, errors.New("no date or timestamp"))
			continue
		}
		for _, i := range extraIdx {
			ev.Extra = append(ev.Extra, field(i))
		}
		list.Events = append(list.Events, ev)
	}
	if len(disagree) > 0 {
		list.Warnings = append(list.Warnings, timingWarning(file, disagree))
	}
	if len(list.Events) == 0 && len(list.Rejected) == 0 {
		return nil, &PosError{File: file, Line: 2, Column: 1, Err: errors.New("event list has a header but no events")}
	}
	return list, nil
}

// parseTiming normalizes a timing cell: bmo, amc, dmh or intraday (dmh),
// in any case; an empty cell, "--", NA or unknown is no timing.
func parseTiming(s string) (string, error) {
	switch strings.ToLower(s) {
	case "bmo", "amc", "dmh":
		return strings.ToLower(s), nil
	case "intraday":
		return "dmh", nil
	case "", "--", "na", "n/a", "unknown":
		return "", nil
	}
	return "", fmt.Errorf("cannot read %s as a timing (want bmo, amc, dmh or intraday)", quote(s))
}

// timingWarning says which rows have a timing that disagrees with their
// timestamp: the timestamp decides day 0.
func timingWarning(file string, lines []string) string {
	const most = 5
	shown := lines
	if len(shown) > most {
		shown = shown[:most]
	}
	more := ""
	if len(lines) > most {
		more = fmt.Sprintf(" and %d more", len(lines)-most)
	}
	return fmt.Sprintf("%s: %d events have a timing that disagrees with their timestamp about the close; day 0 follows the timestamp: %s%s", file, len(lines), strings.Join(shown, ", "), more)
}

// parseEventDate parses a date written as layout says (a time layout: a
// YYYY-MM-DD or YYYYMMDD date is accepted with any layout) and rejects
// anything else,
// so that a timestamp in a date column is not silently cut to its date.
func parseEventDate(s, layout string) (Date, error) {
	if len(s) == 8 {
		if d, ok := compactDate(s); ok { // YYYYMMDD, as CRSP writes it
			return d, nil
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil && layout != time.DateOnly {
		t, err = time.Parse(layout, s)
	}
	if err != nil {
		return 0, fmt.Errorf("cannot parse %s as a date (want %s; for times of day use a timestamp column)", quote(s), dateFormatName[layout])
	}
	return DateOf(t), nil
}

// The date formats of an event list: their names (--date-format) and time
// layouts.
var (
	dateFormats = map[string]string{
		"YYYY-MM-DD": time.DateOnly,
		"DD/MM/YYYY": "2/1/2006",
		"MM/DD/YYYY": "1/2/2006",
	}
	dateFormatName = map[string]string{
		time.DateOnly: "YYYY-MM-DD or YYYYMMDD",
		"2/1/2006":    "DD/MM/YYYY, YYYY-MM-DD or YYYYMMDD",
		"1/2/2006":    "MM/DD/YYYY, YYYY-MM-DD or YYYYMMDD",
	}
	slashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/\d{4}$`)
)

// CheckDateFormat checks a date format of an event list: "" (told from
// the dates), YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY.
func CheckDateFormat(format string) error {
	if _, ok := dateFormats[format]; !ok && format != "" {
		return fmt.Errorf("date format %s: want YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY", quote(format))
	}
	return nil
}

// dateLayout returns the time layout of the dates in column col of the
// event list data: that of format when given (YYYY-MM-DD, DD/MM/YYYY or
// MM/DD/YYYY), else told from the dates. Dates written with slashes, as
// spreadsheets and pandas export them (31/10/2019), are day first when a
// first number is above 12 and month first when a second one is; dates
// that are all 12 or less either way are ambiguous, and so is a list with
// both, and the error asks for the format. A list with any YYYY-MM-DD date
// takes that format, and its rows written otherwise are errors.
func dateLayout(data []byte, col int, format string) (string, error) {
	if format != "" {
		layout, ok := dateFormats[format]
		if !ok {
			return "", fmt.Errorf("date format %q: want YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY", format)
		}
		return layout, nil
	}
	if col < 0 {
		return time.DateOnly, nil
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var iso, dayFirst, monthFirst, slashes int
	var example string
	for row := 0; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil || row == 0 || col >= len(rec) {
			continue // the header; bad rows are reported by ParseEvents
		}
		cell := strings.TrimSpace(rec[col])
		if _, err := time.Parse(time.DateOnly, cell); err == nil {
			iso++
			continue
		}
		m := slashDate.FindStringSubmatch(cell)
		if m == nil {
			continue
		}
		slashes++
		if example == "" {
			example = m[0]
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if a > 12 {
			dayFirst++
		}
		if b > 12 {
			monthFirst++
		}
	}
	switch {
	case slashes == 0 || iso > 0:
		return time.DateOnly, nil // slashes among YYYY-MM-DD dates are errors
	case dayFirst > 0 && monthFirst > 0:
		return "", fmt.Errorf("dates written with slashes put the day first in %d rows and the month first in %d: give the format with --date-format DD/MM/YYYY or MM/DD/YYYY", dayFirst, monthFirst)
	case dayFirst > 0:
		return "2/1/2006", nil
	case monthFirst > 0:
		return "1/2/2006", nil
	}
	return "", fmt.Errorf("dates such as %s can be day/month/year or month/day/year (no number above 12 tells): give the format with --date-format DD/MM/YYYY or MM/DD/YYYY", example)
}

// zoneSuffixes are the time-zone words accepted after a timestamp, as in
// EDGAR's "2018-02-01 16:30 ET".
var zoneSuffixes = map[string]string{
	"ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
	"HKT": "Asia/Hong_Kong", "JST": "Asia/Tokyo",
	"UTC": "UTC", "GMT": "UTC", "Z": "UTC",
}

// ParseTimestamp parses an event timestamp: RFC 3339 with an offset
// ("2025-11-14T09:30:00+08:00", a space instead of T is accepted), or a local
// time "2018-02-01 16:30[:00]" optionally followed by a zone word (ET, EST,
// EDT, HKT, JST, UTC, GMT). A time without offset or zone word is read in
// local, the exchange's time zone.
func ParseTimestamp(s string, local *time.Location) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04Z07:00", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	loc := local
	body := s
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if zone, ok := zoneSuffixes[strings.ToUpper(s[i+1:])]; ok {
			l, err := location(zone)
			if err != nil {
				return time.Time{}, err
			}
			loc, body = l, strings.TrimSpace(s[:i])
		}
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, body, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse %s as a timestamp (want RFC 3339 like 2025-11-14T09:30:00+08:00, or 2025-11-14 16:30 ET)", quote(s))
}

// eventCSVError turns an encoding/csv error into a PosError naming the file.
func eventCSVError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &PosError{File: file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return fmt.Errorf("%s: %w", file, err)
}
