package bars

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// Label is the convention a file's timestamps follow.
type Label int

const (
	LabelAuto      Label = iota // detected from the timestamps (Read)
	LabelStart                  // the bar's start: 09:30 is 09:30-09:35
	LabelEnd                    // the bar's end: 09:35 is 09:30-09:35
	LabelEndMinus1              // the bar's end minus one minute: 09:34 is 09:30-09:35
)

func (l Label) String() string {
	return [...]string{"auto", "start", "end", "end-1m"}[l]
}

// ParseLabel parses start, end, end-1m or auto ("" is auto).
func ParseLabel(s string) (Label, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return LabelAuto, nil
	case "start":
		return LabelStart, nil
	case "end":
		return LabelEnd, nil
	case "end-1m", "end-1":
		return LabelEndMinus1, nil
	}
	return LabelAuto, fmt.Errorf("bar label %q: want start, end, end-1m or auto", s)
}

// ParseInterval parses a bar interval such as 1m, 5m, 30m or 1h; "" is 0
// (detected).
func ParseInterval(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "auto" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Minute || d > 4*time.Hour || d%time.Minute != 0 {
		return 0, fmt.Errorf("bar interval %q: want whole minutes from 1m to 4h, e.g. 1m or 5m", s)
	}
	return d, nil
}

// Bar is one bar, by its start in Unix seconds.
type Bar struct {
	Start       int64
	Open, Close float64
}

// Series is one security's bars, ascending by start.
type Series struct {
	Ticker   string
	File     string
	Interval time.Duration
	Label    Label
	Location *time.Location // the exchange's zone, in which sessions are told
	Bars     []Bar
	Rows     int    // data rows in the file
	Note     string // how the label and interval were decided
}

// Options tune Read.
type Options struct {
	Label    Label
	Interval time.Duration // 0: detected
	// Location is the exchange's zone: naive timestamps are read in it and
	// sessions are told in it (default New York).
	Location *time.Location
	// Keep, when not nil, keeps only the bars whose start falls on a local
	// date it accepts; the others are read, checked and dropped.
	Keep func(prices.Date) bool
}

// format is how one file writes its rows.
type format struct {
	ninja    bool // headerless yyyymmdd HHMMSS;o;h;l;c;v, UTC, bar end
	sep      byte
	timeCol  int
	epoch    bool // the time column is Unix seconds
	openCol  int
	closeCol int
	ncol     int
	what     string // the time column as described in notes
}

// IsBarFile reports whether the file at path holds intraday bars: its
// first data row's timestamp has a time of day or is Unix seconds.
func IsBarFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		if l := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff")); l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return false, err
	}
	if len(lines) == 0 {
		return false, nil
	}
	if isNinja(lines[0]) {
		return true, nil
	}
	if len(lines) < 2 {
		return false, nil
	}
	ft, err := detect(lines[0])
	if err != nil {
		return false, nil
	}
	cells := strings.Split(lines[1], string(ft.sep))
	if ft.timeCol >= len(cells) {
		return false, nil
	}
	v := strings.TrimSpace(cells[ft.timeCol])
	if ft.epoch || allDigits(v) {
		return allDigits(v) && len(v) >= 9, nil // Unix seconds
	}
	return len(v) > 10 && strings.Contains(v[10:], ":"), nil
}

func isNinja(l string) bool {
	return len(l) > 16 && l[8] == ' ' && l[15] == ';' && allDigits(l[:8]) && allDigits(l[9:15])
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// detect reads a header line.
func detect(header string) (format, error) {
	ft := format{sep: ',', timeCol: -1, openCol: -1, closeCol: -1}
	if strings.Count(header, ";") > strings.Count(header, ",") {
		ft.sep = ';'
	}
	cols := strings.Split(header, string(ft.sep))
	ft.ncol = len(cols)
	prio := map[string]int{"epoch_utc": 1, "epoch": 2, "timestamp": 3, "time": 4, "datetime": 5, "datetime_utc": 6, "date": 7, "datetime_ny": 8}
	best := 99
	for i, c := range cols {
		c = strings.ToLower(strings.Trim(strings.TrimSpace(c), `"`))
		if p, ok := prio[c]; ok && p < best {
			best, ft.timeCol, ft.what = p, i, c
		}
		switch c {
		case "close":
			ft.closeCol = i
		case "open":
			ft.openCol = i
		}
	}
	if ft.timeCol < 0 {
		return ft, fmt.Errorf("no time column (want one of time, datetime, epoch_utc, datetime_ny, date)")
	}
	if ft.closeCol < 0 {
		return ft, fmt.Errorf("no close column")
	}
	ft.epoch = ft.what == "epoch_utc" || ft.what == "epoch"
	return ft, nil
}

// raw is a row as read, by its label.
type raw struct {
	label int64
	open  float64
	close float64
	line  int
}

// Read reads the bar file at path for ticker.
func Read(path, ticker string, o Options) (*Series, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, path, ticker, o)
}

func read(r io.Reader, path, ticker string, o Options) (*Series, error) {
	loc := o.Location
	if loc == nil {
		loc = prices.ExchangeOf(ticker).Location
	}
	name := filepath.Base(path)
	br := bufio.NewReaderSize(r, 1<<16)
	var (
		ft     format
		seen   bool
		rows   []raw
		line   int
		nrows  int
		first  = true
		prev   int64
		dir    int // +1 ascending, -1 descending
		minute [1440]int
		gaps   [4 * 60]int // steps between bars under 4 hours, by minutes
		zoneOK = true
		cells  = make([]string, 0, 12)
		zc     = zoneCache{loc: loc, hour: math.MinInt64}
	)
	perr := func(col int, format string, a ...any) error {
		return &prices.PosError{File: path, Line: line, Column: col, Err: fmt.Errorf(format, a...)}
	}
	for {
		b, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return nil, perr(1, "line longer than 64 KiB")
		}
		if len(b) == 0 && err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		line++
		b = bytes.TrimRight(b, "\r\n")
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			if err == io.EOF {
				break
			}
			continue
		}
		s := string(b)
		if !seen {
			seen = true
			if isNinja(s) {
				ft = format{ninja: true, sep: ';', openCol: 1, closeCol: 4, ncol: 6, what: "NinjaTrader yyyymmdd HHMMSS (UTC)"}
			} else {
				if ft, err = detect(s); err != nil {
					return nil, perr(1, "%v", err)
				}
				continue
			}
		}
		cells = splitInto(cells[:0], s, ft.sep)
		if len(cells) < max(ft.closeCol, ft.timeCol)+1 {
			return nil, perr(1, "%d fields, want %d", len(cells), ft.ncol)
		}
		var t int64
		var naive bool
		if ft.ninja {
			t, err = parseNinja(cells[0])
		} else if v := strings.TrimSpace(cells[ft.timeCol]); ft.epoch || allDigits(v) {
			t, err = strconv.ParseInt(v, 10, 64)
		} else {
			t, naive, err = parseISO(strings.TrimSpace(cells[ft.timeCol]), loc)
			if err == ErrDailyFile {
				return nil, fmt.Errorf("%s:%d: %w: %q has no time of day (a bar file's timestamps do)", path, line, ErrDailyFile, cells[ft.timeCol])
			}
		}
		col := ft.timeCol + 1
		if ft.ninja {
			col = 1
		}
		if err != nil {
			return nil, perr(col, "timestamp: %v", err)
		}
		if naive {
			zoneOK = false
		}
		if t%60 != 0 {
			return nil, perr(col, "timestamp %s is not on a whole minute", cells[max(ft.timeCol, 0)])
		}
		nrows++
		if !first {
			switch {
			case t == prev:
				return nil, perr(col, "duplicate timestamp %s (the row before has it too)", time.Unix(t, 0).In(loc).Format("2006-01-02 15:04 MST"))
			case dir == 0 && t > prev:
				dir = 1
			case dir == 0:
				dir = -1
			case (t > prev) != (dir > 0):
				order := "ascending"
				if dir < 0 {
					order = "newest first"
				}
				return nil, perr(col, "timestamp %s out of order (the file runs %s)", time.Unix(t, 0).In(loc).Format("2006-01-02 15:04 MST"), order)
			}
			if d := t - prev; d != 0 {
				d = max(d, -d)
				if d < 4*3600 {
					gaps[d/60]++ // whole minutes: checked above
				}
			}
		}
		first, prev = false, t
		local := zc.local(t)
		minute[floorMod(local, 86400)/60]++
		// The label may be a bar's end: keep the day before too for
		// bars labelled just after midnight.
		// Prices are parsed on the days kept: the others are checked for
		// order, duplicates and interval only.
		if o.Keep == nil || o.Keep(prices.Date(floorDiv(local, 86400))) || o.Keep(prices.Date(floorDiv(local-3600, 86400))) {
			closeV, err := strconv.ParseFloat(strings.TrimSpace(cells[ft.closeCol]), 64)
			if err != nil || closeV <= 0 {
				return nil, perr(ft.closeCol+1, "close: cannot parse %q as a positive price", cells[ft.closeCol])
			}
			openV := closeV
			if ft.openCol >= 0 {
				if v, err := strconv.ParseFloat(strings.TrimSpace(cells[ft.openCol]), 64); err == nil && v > 0 {
					openV = v
				}
			}
			rows = append(rows, raw{label: t, open: openV, close: closeV, line: line})
		}
		if err == io.EOF {
			break
		}
	}
	if nrows == 0 {
		return nil, fmt.Errorf("%s: no bars", path)
	}
	s := &Series{Ticker: ticker, File: path, Location: loc, Rows: nrows}
	var notes []string
	// The interval: the commonest step between bars; every step a multiple
	// of it (missing bars), or the file mixes intervals.
	iv := o.Interval
	mode, modeN := int64(0), 0
	for d, n := range gaps {
		if n > modeN {
			mode, modeN = int64(d)*60, n
		}
	}
	if iv == 0 {
		if mode == 0 {
			return nil, fmt.Errorf("%s: cannot tell the bar interval from one bar: give --bar", path)
		}
		iv = time.Duration(mode) * time.Second
		notes = append(notes, fmt.Sprintf("interval %s (the commonest step)", short(iv)))
	}
	ivs := int64(iv / time.Second)
	for d, n := range gaps {
		if n > 0 && int64(d)*60%ivs != 0 {
			if o.Interval != 0 {
				return nil, fmt.Errorf("%s: %d steps of %s between bars, not a multiple of the interval given (--bar %s)", path, n, short(time.Duration(d)*time.Minute), short(iv))
			}
			return nil, fmt.Errorf("%s: bars of different intervals in one file: steps of %s between bars of %s", path, short(time.Duration(d)*time.Minute), short(iv))
		}
	}
	s.Interval = iv
	lab := o.Label
	if ft.ninja && lab == LabelAuto {
		lab = LabelEnd
		notes = append(notes, "label end (NinjaTrader exports label a bar by its end)")
	}
	if lab == LabelAuto {
		var why string
		lab, why = detectLabel(minute[:], iv)
		notes = append(notes, why)
	}
	s.Label = lab
	if !zoneOK {
		notes = append(notes, "timestamps without a zone read as "+loc.String())
	}
	s.Note = name + ": " + strings.Join(notes, "; ")
	shift := int64(0)
	switch lab {
	case LabelEnd:
		shift = -ivs
	case LabelEndMinus1:
		shift = 60 - ivs
	}
	if dir < 0 {
		slices.Reverse(rows)
	}
	s.Bars = make([]Bar, 0, len(rows))
	for _, r := range rows {
		st := r.label + shift
		if o.Keep != nil && !o.Keep(prices.Date(floorDiv(zc.local(st), 86400))) {
			continue
		}
		s.Bars = append(s.Bars, Bar{Start: st, Open: r.open, Close: r.close})
	}
	return s, nil
}

// zoneCache converts Unix seconds to local seconds (Unix seconds plus the
// zone's offset), looking the offset up once an hour of time: zones change
// offset on the hour, and time.Time.In per row was most of a read's time.
type zoneCache struct {
	loc  *time.Location
	hour int64
	off  int64
}

func (z *zoneCache) local(t int64) int64 {
	if h := floorDiv(t, 3600); h != z.hour {
		_, off := time.Unix(t, 0).In(z.loc).Zone()
		z.hour, z.off = h, int64(off)
	}
	return t + z.off
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// detectLabel tells the label from the minutes of the day the labels fall
// on, in the exchange's zone (New York hours: 09:30 open, 16:00 close).
func detectLabel(minute []int, iv time.Duration) (Label, string) {
	m := int(iv / time.Minute)
	if m > 1 {
		off := 0
		for i, n := range minute {
			if n > 0 && i%m == m-1 {
				off += n
			}
		}
		total := 0
		for _, n := range minute {
			total += n
		}
		if off == total {
			return LabelEndMinus1, fmt.Sprintf("label end-1m (every label at a minute %d short of the %s grid, e.g. :04, :59)", 1, short(iv))
		}
	}
	open, closeLab := 9*60+30, 16*60
	ext := 0
	for i, n := range minute {
		if i < open || i > closeLab+m { // a bar after the closing print is not extended hours
			ext += n
		}
	}
	hasOpen, hasClose := minute[open] > 0, minute[closeLab] > 0
	switch {
	case hasOpen && !hasClose:
		return LabelStart, "label start (bars labelled 09:30, none 16:00)"
	case !hasOpen && hasClose && ext == 0:
		return LabelEnd, "label end (bars labelled 16:00, none 09:30)"
	case hasOpen && hasClose && ext == 0:
		return LabelStart, "label start (bars labelled 09:30; the 16:00 bar is the closing print, outside the session)"
	case minute[4*60] > 4*minute[20*60]:
		return LabelStart, fmt.Sprintf("label start (extended hours begin with bars labelled 04:00 on %d days, 20:00 on %d)", minute[4*60], minute[20*60])
	case minute[20*60] > 4*minute[4*60]:
		return LabelEnd, fmt.Sprintf("label end (extended hours end with bars labelled 20:00 on %d days, 04:00 on %d)", minute[20*60], minute[4*60])
	}
	return LabelStart, "label start assumed (the timestamps do not tell: give --bar-label)"
}

func short(d time.Duration) string {
	if d%time.Hour == 0 {
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	if d%time.Minute == 0 {
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return d.String()
}

func splitInto(dst []string, s string, sep byte) []string {
	for {
		i := strings.IndexByte(s, sep)
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

// parseNinja parses "20110301 090100", UTC.
func parseNinja(s string) (int64, error) {
	if len(s) != 15 || s[8] != ' ' || !allDigits(s[:8]) || !allDigits(s[9:]) {
		return 0, fmt.Errorf("cannot parse %q (want yyyymmdd HHMMSS)", s)
	}
	y, _ := strconv.Atoi(s[0:4])
	mo, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:8])
	h, _ := strconv.Atoi(s[9:11])
	mi, _ := strconv.Atoi(s[11:13])
	se, _ := strconv.Atoi(s[13:15])
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59 {
		return 0, fmt.Errorf("cannot parse %q (want yyyymmdd HHMMSS)", s)
	}
	return time.Date(y, time.Month(mo), d, h, mi, se, 0, time.UTC).Unix(), nil
}

// parseISO parses "2024-02-20 04:00:00-05:00", "2018-01-02T14:34:00Z" or
// a naive "2019-02-15 16:00[:00]" read in loc (naive is then true). A bare
// date is ErrDailyFile.
func parseISO(s string, loc *time.Location) (t int64, naive bool, err error) {
	bad := fmt.Errorf("cannot parse %q (want 2024-02-20 09:30:00-05:00, 2018-01-02T14:34:00Z or Unix seconds)", s)
	if len(s) == 10 {
		if _, err := prices.ParseDate(s); err == nil {
			return 0, false, ErrDailyFile
		}
		return 0, false, bad
	}
	if len(s) < 16 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' {
		return 0, false, bad
	}
	num := func(a, b int) int {
		v := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi := num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16)
	sec := 0
	rest := s[16:]
	if len(rest) >= 3 && rest[0] == ':' {
		sec = num(17, 19)
		rest = rest[3:]
	}
	if y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 {
		return 0, false, bad
	}
	switch {
	case rest == "":
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc).Unix(), true, nil
	case rest == "Z":
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC).Unix(), false, nil
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, om := num(len(s)-5, len(s)-3), num(len(s)-2, len(s))
		if oh < 0 || om < 0 || oh > 14 || om > 59 {
			return 0, false, bad
		}
		off := int64(oh*3600 + om*60)
		if rest[0] == '-' {
			off = -off
		}
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC).Unix() - off, false, nil
	}
	return 0, false, bad
}
