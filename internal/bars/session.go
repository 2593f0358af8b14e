package bars

import (
	"math"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// Session is one exchange session's grid of bar slots: slot k starts at
// Open + k*Interval (skipping a lunch break); a slot without a bar in the
// file is missing (Present false), never a zero return.
type Session struct {
	Date     prices.Date
	Open     time.Time // start of the first slot
	Close    time.Time // end of the last slot
	Interval time.Duration
	// Starts are the slots' starts (Unix seconds); Bars the bar in each
	// slot, Present whether the file has it.
	Starts  []int64
	Bars    []Bar
	Present []bool
	Early   bool // a half day
}

// Slot returns the index of the slot starting at or after t (Unix seconds),
// len(Starts) when none does.
func (s *Session) Slot(t int64) int {
	lo, hi := 0, len(s.Starts)
	for lo < hi {
		m := (lo + hi) / 2
		if s.Starts[m] < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Return is the simple return of slot k: its close over the close of slot
// k-1, or over its own open for the session's first slot (the overnight gap
// is never a return). NaN when either bar is missing.
func (s *Session) Return(k int) float64 {
	if !s.Present[k] {
		return nan
	}
	if k == 0 {
		return s.Bars[0].Close/s.Bars[0].Open - 1
	}
	if !s.Present[k-1] {
		return nan
	}
	return s.Bars[k].Close/s.Bars[k-1].Close - 1
}

// Ref is the price a return from the start of slot k is measured from: the
// close of slot k-1, or the open of the session's first slot; ok is false
// when that bar is missing.
func (s *Session) Ref(k int) (float64, bool) {
	if k == 0 {
		return s.Bars[0].Open, s.Present[0]
	}
	return s.Bars[k-1].Close, s.Present[k-1]
}

// Hours are the trading hours of a session used for bars.
type Hours struct {
	Extended bool // 04:00-20:00 New York instead of the regular session
}

// Sessions places a series' bars on the sessions of cal: each session's
// grid of slots, by date. Bars outside a session's hours (extended hours
// when not asked for, the 16:00 closing print, a lunch break) are counted
// in outside; bars on dates that are not sessions in dropped.
func Sessions(s *Series, cal *prices.Calendar, h Hours) (out map[prices.Date]*Session, outside, dropped int) {
	out = map[prices.Date]*Session{}
	iv := int64(s.Interval / time.Second)
	for _, b := range s.Bars {
		lt := time.Unix(b.Start, 0).In(cal.Location)
		d := prices.DateOf(lt)
		ss, ok := out[d]
		if !ok {
			hs, isSession := cal.Hours(d)
			if !isSession {
				dropped++
				continue
			}
			ss = grid(d, hs, cal, s.Interval, h, cal.Early(d))
			out[d] = ss
		}
		k := ss.Slot(b.Start)
		if k == len(ss.Starts) || ss.Starts[k] != b.Start || b.Start+iv > ss.Close.Unix() {
			outside++
			continue
		}
		ss.Bars[k], ss.Present[k] = b, true
	}
	return out, outside, dropped
}

// grid builds the empty slots of the session on d.
func grid(d prices.Date, hs prices.Hours, cal *prices.Calendar, iv time.Duration, h Hours, early bool) *Session {
	midnight := time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), 0, 0, 0, 0, cal.Location)
	open, closeT := hs.Open, hs.Close
	if h.Extended && cal.Code == "XNYS" {
		open = 4 * time.Hour
		if !early {
			closeT = 20 * time.Hour
		} else {
			closeT = 17 * time.Hour
		}
	}
	ss := &Session{Date: d, Interval: iv, Early: early,
		Open: clockOn(midnight, open), Close: clockOn(midnight, closeT)}
	for t := open; t+iv <= closeT; t += iv {
		if hs.BreakEnd > hs.BreakStart && t+iv > hs.BreakStart && t < hs.BreakEnd {
			continue
		}
		ss.Starts = append(ss.Starts, clockOn(midnight, t).Unix())
	}
	ss.Bars = make([]Bar, len(ss.Starts))
	ss.Present = make([]bool, len(ss.Starts))
	return ss
}

// clockOn is the wall-clock time d after midnight, on a DST day too.
func clockOn(midnight time.Time, d time.Duration) time.Time {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	return time.Date(midnight.Year(), midnight.Month(), midnight.Day(), h, m, 0, 0, midnight.Location())
}

var nan = math.NaN()
