package prices

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Calendar is an exchange's trading sessions from First to Last: every
// weekday that is not in its list of closed days, each with its hours.
// Outside First..Last the calendar knows nothing (Covers).
type Calendar struct {
	Code        string // ISO 10383 MIC: "XNYS", "XHKG"
	Location    *time.Location
	First, Last Date
	closed      map[Date]bool
	early       map[Date]bool
	hours       func(d Date, early bool) Hours
}

// Hours are a session's open, close and lunch break, as durations since
// local midnight; BreakStart == BreakEnd means no break.
type Hours struct {
	Open, Close, BreakStart, BreakEnd time.Duration
}

// Covers reports whether d is within the calendar's range.
func (c *Calendar) Covers(d Date) bool { return d >= c.First && d <= c.Last }

// IsSession reports whether d is a trading day (false outside the range).
func (c *Calendar) IsSession(d Date) bool {
	wd := d.Weekday()
	return c.Covers(d) && wd != time.Saturday && wd != time.Sunday && !c.closed[d]
}

// Hours returns the hours of the session on d; ok is false when d is not a
// session.
func (c *Calendar) Hours(d Date) (h Hours, ok bool) {
	if !c.IsSession(d) {
		return Hours{}, false
	}
	return c.hours(d, c.early[d]), true
}

// Early reports whether the session on d closes early (a half day).
func (c *Calendar) Early(d Date) bool { return c.IsSession(d) && c.early[d] }

// Next returns the first session on or after d; ok is false when there is
// none up to Last.
func (c *Calendar) Next(d Date) (s Date, ok bool) {
	for d = max(d, c.First); d <= c.Last; d++ {
		if c.IsSession(d) {
			return d, true
		}
	}
	return 0, false
}

// Sessions returns the sessions from a to b, both included.
func (c *Calendar) Sessions(a, b Date) []Date {
	var out []Date
	for d := max(a, c.First); d <= min(b, c.Last); d++ {
		if c.IsSession(d) {
			out = append(out, d)
		}
	}
	return out
}

// Between counts the sessions strictly between a and b.
func (c *Calendar) Between(a, b Date) int {
	n := 0
	for d := max(a+1, c.First); d < b && d <= c.Last; d++ {
		if c.IsSession(d) {
			n++
		}
	}
	return n
}

// CalendarCodes lists the exchange calendars the project holds.
func CalendarCodes() []string { return []string{"XHKG", "XNYS"} }

// calendarAliases maps the names a user or an exchange code may give to a
// calendar's MIC.
var calendarAliases = map[string]string{
	"XNYS": "XNYS", "NYSE": "XNYS", "XNAS": "XNYS", "NASDAQ": "XNYS",
	"XHKG": "XHKG", "HKEX": "XHKG",
}

// LookupCalendar returns the calendar named code (XNYS or XHKG, also NYSE,
// NASDAQ, HKEX; case-insensitive).
func LookupCalendar(code string) (*Calendar, error) {
	mic, ok := calendarAliases[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return nil, fmt.Errorf("no calendar %q (known: %s)", code, strings.Join(CalendarCodes(), ", "))
	}
	cals, err := loadCalendars()
	if err != nil {
		return nil, err
	}
	return cals[mic], nil
}

// h is a duration of hours and minutes, for the tables of hours.
func h(hours, minutes int) time.Duration {
	return time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute
}

// xnysHours: 09:30-16:00, 13:00 on early closes, no break.
func xnysHours(_ Date, early bool) Hours {
	if early {
		return Hours{Open: h(9, 30), Close: h(13, 0)}
	}
	return Hours{Open: h(9, 30), Close: h(16, 0)}
}

// xhkgHours: HKEX's trading hours moved twice. Until 2011-03-04,
// 10:00-12:30 and 14:30-16:00; from 2011-03-07, 09:30-12:00 and
// 13:30-16:00; from 2012-03-05, 09:30-12:00 and 13:00-16:00. A half day is
// the morning session alone.
func xhkgHours(d Date, early bool) Hours {
	var hs Hours
	switch {
	case d < NewDate(2011, 3, 7):
		hs = Hours{Open: h(10, 0), Close: h(16, 0), BreakStart: h(12, 30), BreakEnd: h(14, 30)}
	case d < NewDate(2012, 3, 5):
		hs = Hours{Open: h(9, 30), Close: h(16, 0), BreakStart: h(12, 0), BreakEnd: h(13, 30)}
	default:
		hs = Hours{Open: h(9, 30), Close: h(16, 0), BreakStart: h(12, 0), BreakEnd: h(13, 0)}
	}
	if early {
		hs.Close, hs.BreakStart, hs.BreakEnd = hs.BreakStart, 0, 0
	}
	return hs
}

// loadCalendars parses the calendars' lists once.
var loadCalendars = sync.OnceValues(func() (map[string]*Calendar, error) {
	m := map[string]*Calendar{}
	for _, c := range []struct {
		code, zone    string
		closed, early string
		hours         func(Date, bool) Hours
	}{
		{"XNYS", "America/New_York", xnysClosed, xnysEarly, xnysHours},
		{"XHKG", "Asia/Hong_Kong", xhkgClosed, xhkgEarly, xhkgHours},
	} {
		loc, err := location(c.zone)
		if err != nil {
			return nil, fmt.Errorf("calendar %s: %w", c.code, err)
		}
		closed, err := parseDays(c.closed)
		if err != nil {
			return nil, fmt.Errorf("calendar %s: %w", c.code, err)
		}
		early, err := parseDays(c.early)
		if err != nil {
			return nil, fmt.Errorf("calendar %s: %w", c.code, err)
		}
		m[c.code] = &Calendar{Code: c.code, Location: loc, First: NewDate(2000, 1, 1), Last: NewDate(2027, 12, 31),
			closed: closed, early: early, hours: c.hours}
	}
	return m, nil
})

// parseDays reads a list of days, one year a line: "2000 01-17 02-21 //
// comment". It refuses a date that is not a weekday or not in order, so
// that a typo in the lists fails the tests.
func parseDays(s string) (map[Date]bool, error) {
	m := map[Date]bool{}
	for line := range strings.Lines(s) {
		line, _, _ = strings.Cut(line, "//")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		y, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("year %q: %w", f[0], err)
		}
		var prev Date
		for _, md := range f[1:] {
			d, err := ParseDate(fmt.Sprintf("%04d-%s", y, md))
			if err != nil {
				return nil, err
			}
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || d <= prev {
				return nil, fmt.Errorf("%s: a weekend day or out of order", d)
			}
			prev = d
			m[d] = true
		}
	}
	return m, nil
}

// clock formats a time of day as 15:04.
func clock(x time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(x/time.Hour), int(x%time.Hour/time.Minute))
}

// OnSessions returns s on the calendar's sessions, for counting event time
// in exchange sessions rather than rows of the file: one row per session
// from s's first to its last date (within the calendar's range), NaN where
// s has no row (a data gap: the return of that session and of the next are
// then missing, not spanned). Missing lists those sessions; Dropped the rows
// of s on days that are not sessions, or outside the calendar's range,
// which are left out.
func (s *Series) OnSessions(c *Calendar) (out *Series, missing, dropped []Date) {
	out = &Series{Ticker: s.Ticker, File: s.File, IsReturn: s.IsReturn}
	if len(s.Dates) == 0 {
		return out, nil, nil
	}
	sessions := c.Sessions(s.Dates[0], s.Dates[len(s.Dates)-1])
	out.Dates = sessions
	out.Values = make([]float64, len(sessions))
	if s.Volume != nil {
		out.Volume = make([]float64, len(sessions))
	}
	j := 0
	for i, d := range sessions {
		for j < len(s.Dates) && s.Dates[j] < d {
			dropped = append(dropped, s.Dates[j])
			j++
		}
		if j < len(s.Dates) && s.Dates[j] == d {
			out.Values[i] = s.Values[j]
			if s.Volume != nil {
				out.Volume[i] = s.Volume[j]
			}
			j++
			continue
		}
		missing = append(missing, d)
		out.Values[i] = math.NaN()
		if s.Volume != nil {
			out.Volume[i] = math.NaN()
		}
	}
	dropped = append(dropped, s.Dates[j:]...)
	return out, missing, dropped
}
