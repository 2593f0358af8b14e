package prices

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"time"
)

// Shift says how an event date that is not a trading day of the security
// becomes event day 0.
type Shift int

const (
	ShiftNext  Shift = iota // the first trading day on or after the date
	ShiftPrev               // the last trading day on or before the date
	ShiftExact              // the date itself; skip the event if it is not a trading day
)

// ParseShift parses "next", "prev" or "exact".
func ParseShift(s string) (Shift, error) {
	switch s {
	case "next":
		return ShiftNext, nil
	case "prev":
		return ShiftPrev, nil
	case "exact":
		return ShiftExact, nil
	}
	return 0, fmt.Errorf("shift %q: want next, prev or exact", s)
}

func (s Shift) String() string {
	switch s {
	case ShiftNext:
		return "next"
	case ShiftPrev:
		return "prev"
	case ShiftExact:
		return "exact"
	}
	return fmt.Sprintf("Shift(%d)", int(s))
}

// Alignment errors; an event that hits one is skipped with the reason.
var (
	ErrUnknownTicker = errors.New("no prices for ticker")
	ErrBeforeData    = errors.New("event date before the first price")
	ErrAfterData     = errors.New("event date after the last price")
	ErrNotTrading    = errors.New("event date is not a trading day")
)

// Day0 returns the index in s.Dates of event day 0. An event whose timestamp
// is at or after the close always moves to the next trading day (the news
// could not be priced earlier), whatever the shift; otherwise the shift
// decides for dates that are not trading days of the security.
func Day0(s *Series, ev Event, shift Shift) (int, error) {
	n := len(s.Dates)
	if n == 0 {
		return 0, fmt.Errorf("%w %s", ErrUnknownTicker, s.Ticker)
	}
	d := ev.Date
	if d < s.Dates[0] {
		return 0, fmt.Errorf("%w: %s is before %s", ErrBeforeData, d, s.Dates[0])
	}
	if d > s.Dates[n-1] {
		return 0, fmt.Errorf("%w: %s is after %s", ErrAfterData, d, s.Dates[n-1])
	}
	i := sort.Search(n, func(i int) bool { return s.Dates[i] >= d })
	if s.Dates[i] == d || ev.AfterClose {
		return i, nil
	}
	switch shift {
	case ShiftNext:
		return i, nil
	case ShiftPrev:
		return i - 1, nil // i > 0: d > s.Dates[0] here
	}
	return 0, fmt.Errorf("%w: %s (%s)", ErrNotTrading, d, d.Weekday())
}

// Market holds a benchmark's returns by calendar date, so that joining a
// security's returns to it by date is one array lookup.
type Market struct {
	Series *Series
	first  Date
	r      []float64
}

// NewMarket computes the returns of s (log or simple) and indexes them by
// date.
func NewMarket(s *Series, log bool) *Market {
	m := &Market{Series: s}
	if len(s.Dates) == 0 {
		return m
	}
	ret := s.Returns(log)
	m.first = s.Dates[0]
	m.r = make([]float64, int(s.Dates[len(s.Dates)-1]-m.first)+1)
	for i := range m.r {
		m.r[i] = math.NaN()
	}
	for i, d := range s.Dates {
		m.r[d-m.first] = ret[i]
	}
	return m
}

// Return is the market return on date d, NaN when the market has none.
func (m *Market) Return(d Date) float64 {
	i := int(d) - int(m.first)
	if i < 0 || i >= len(m.r) {
		return math.NaN()
	}
	return m.r[i]
}

// Aligned is one event's returns in event time: R[i] and Rm[i] are the
// security's and the market's returns on relative day First+i, Dates[i] the
// security's trading day (0 where the relative day falls outside its data).
type Aligned struct {
	Day0  int // index of day 0 in the security's dates
	First int
	Dates []Date
	R, Rm []float64
}

// Align lines up relative days from..to around day0: windows are counted in
// the security's own trading days, and the market return is joined by date.
// r holds the security's returns (one per date of s); a nil m (no
// benchmark, as for factor models) leaves Rm NaN.
func Align(s *Series, r []float64, m *Market, day0, from, to int) Aligned {
	n := to - from + 1
	a := newAligned(day0, from, n)
	for k := range n {
		j := day0 + from + k
		if j < 0 || j >= len(s.Dates) {
			a.Dates[k] = 0
			a.R[k], a.Rm[k] = math.NaN(), math.NaN()
			continue
		}
		a.Dates[k] = s.Dates[j]
		a.R[k] = r[j]
		a.Rm[k] = math.NaN()
		if m != nil {
			a.Rm[k] = m.Return(s.Dates[j])
		}
	}
	return a
}

// Day0Reason says in words why event day 0 of ev is day0 (the date Day0
// picked): "event date" when it is the date as written; for a timestamp,
// where it falls against that day's close and, after it, the next session
// ("2022-10-19 17:15 America/New_York is after the 16:00 close: next
// session 2022-10-20"); and, when day 0 is another date, from which date
// and why it moved, e.g. "shifted from Saturday 2025-11-15 (not a trading
// day) to the next trading day". Where the exchange has a calendar, the
// next session is the calendar's, and a day 0 after it says that the
// session has no price (a data gap).
func Day0Reason(ev Event, day0 Date) string {
	var parts []string
	next := day0
	if c := ev.Exchange.Calendar; ev.AfterClose && c != nil && c.Covers(ev.Date) {
		if s, ok := c.Next(ev.Date); ok {
			next = s
		}
	}
	if ev.HasTime {
		local := ev.Time.In(ev.Exchange.Location)
		d := DateOf(local)
		cl := clock(ev.Exchange.CloseOn(d))
		if c := ev.Exchange.Calendar; c != nil && c.Early(d) {
			cl += " (half-day)"
		}
		when := fmt.Sprintf("%s %s", local.Format("2006-01-02 15:04"), ev.Exchange.Location)
		if ev.AfterClose {
			at := "after"
			if h, m, sec := local.Clock(); sec == 0 && local.Nanosecond() == 0 && time.Duration(h)*time.Hour+time.Duration(m)*time.Minute == ev.Exchange.CloseOn(d) {
				at = "at"
			}
			parts = append(parts, fmt.Sprintf("%s is %s the %s close: next session %s", when, at, cl, next))
		} else {
			parts = append(parts, fmt.Sprintf("%s is before the %s close", when, cl))
		}
	}
	switch {
	case !ev.HasTime && ev.Timing == "amc":
		parts = append(parts, fmt.Sprintf("timing amc on %s: next session %s", ev.Date.AddDays(-1), next))
	case !ev.HasTime && ev.Timing != "":
		parts = append(parts, fmt.Sprintf("timing %s: that day's session", ev.Timing))
	}
	switch {
	case ev.AfterClose && day0 > next:
		parts = append(parts, fmt.Sprintf("no price on %s (a data gap): day 0 is %s", next, day0))
	case ev.AfterClose:
	case day0 > ev.Date:
		parts = append(parts, fmt.Sprintf("shifted from %s %s (not a trading day) to the next trading day", ev.Date.Weekday(), ev.Date))
	case day0 < ev.Date:
		parts = append(parts, fmt.Sprintf("shifted from %s %s (not a trading day) to the previous trading day", ev.Date.Weekday(), ev.Date))
	case !ev.HasTime && ev.Timing == "":
		parts = append(parts, "event date")
	}
	return strings.Join(parts, "; ")
}

// Buffers of Aligned given back by Release, for the next Align: a batch
// of 100,000 events otherwise writes 5 MB of fresh memory for every
// 1,000 events, and the first writes to fresh memory cost more than
// the alignment (pprof).
var (
	seriesPool sync.Pool // *[]float64 of R and Rm
	datesPool  sync.Pool // *[]Date
)

// newAligned returns an Aligned of n days whose series are to be filled
// in full (they hold what an earlier Aligned left).
func newAligned(day0, from, n int) Aligned {
	a := Aligned{Day0: day0, First: from}
	// R's capacity reaches over Rm: ReleaseSeries knows the pair by it.
	var b []float64
	if p, _ := seriesPool.Get().(*[]float64); p != nil && cap(*p) >= 2*n {
		b = (*p)[:2*n]
	} else {
		b = make([]float64, 2*n)
	}
	a.R, a.Rm = b[:n:2*n], b[n:2*n:2*n]
	if p, _ := datesPool.Get().(*[]Date); p != nil && cap(*p) >= n {
		a.Dates = (*p)[:n]
	} else {
		a.Dates = make([]Date, n)
	}
	return a
}

// ReleaseDates gives a.Dates to the next Align and sets it to nil.
func (a *Aligned) ReleaseDates() {
	if d := a.Dates; d != nil {
		datesPool.Put(&d)
		a.Dates = nil
	}
}

// ReleaseSeries gives a.R and a.Rm, which Align made, to the next Align;
// neither may be read after.
func (a *Aligned) ReleaseSeries() {
	if n := len(a.R); n > 0 && cap(a.R) == 2*n && len(a.Rm) == n && &a.R[:2*n][n] == &a.Rm[0] {
		// R and Rm are one buffer: from newAligned.
		b := a.R[:2*n]
		seriesPool.Put(&b)
	}
	a.R, a.Rm = nil, nil
}
