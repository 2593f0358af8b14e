package prices

import (
	"errors"
	"math"
	"testing"
)

// week is Mon 2025-11-10 .. Fri 2025-11-14 and Mon 2025-11-17 .. Tue 11-18.
func week() *Series {
	return &Series{
		Ticker: "AAA",
		Dates: []Date{NewDate(2025, 11, 10), NewDate(2025, 11, 11), NewDate(2025, 11, 12),
			NewDate(2025, 11, 13), NewDate(2025, 11, 14), NewDate(2025, 11, 17), NewDate(2025, 11, 18)},
		Values: []float64{100, 101, 102, math.NaN(), 104, 105, 106},
	}
}

func TestDay0(t *testing.T) {
	s := week()
	sat := NewDate(2025, 11, 15)
	for _, tc := range []struct {
		ev    Event
		shift Shift
		want  int
		err   error
	}{
		{Event{Date: NewDate(2025, 11, 14)}, ShiftNext, 4, nil},
		{Event{Date: NewDate(2025, 11, 14)}, ShiftExact, 4, nil},
		{Event{Date: sat}, ShiftNext, 5, nil},
		{Event{Date: sat}, ShiftPrev, 4, nil},
		{Event{Date: sat}, ShiftExact, 0, ErrNotTrading},
		// After the close on Friday: SessionDate gave Saturday; even with
		// prev the news is priced on Monday.
		{Event{Date: sat, AfterClose: true}, ShiftPrev, 5, nil},
		{Event{Date: sat, AfterClose: true}, ShiftExact, 5, nil},
		{Event{Date: NewDate(2025, 11, 9)}, ShiftNext, 0, ErrBeforeData},
		{Event{Date: NewDate(2025, 11, 19)}, ShiftPrev, 0, ErrAfterData},
	} {
		got, err := Day0(s, tc.ev, tc.shift)
		if !errors.Is(err, tc.err) || (err == nil && got != tc.want) {
			t.Errorf("Day0(%s, after close %v, %s) = %d, %v; want %d, %v", tc.ev.Date, tc.ev.AfterClose, tc.shift, got, err, tc.want, tc.err)
		}
	}
}

func TestAlign(t *testing.T) {
	s := week()
	r := s.Returns(false)
	// The market trades on the 12th but not on the 11th; it has a price on
	// Saturday the 15th that no security date asks for.
	m := NewMarket(&Series{Ticker: "M", Dates: []Date{NewDate(2025, 11, 10), NewDate(2025, 11, 12), NewDate(2025, 11, 14), NewDate(2025, 11, 15), NewDate(2025, 11, 17)},
		Values: []float64{10, 11, 12, 13, 14}}, false)
	a := Align(s, r, m, 4, -5, 2)
	// Relative day -5 falls before the data; the security's missing price on
	// the 13th makes the returns of the 13th and the 14th missing.
	wantR := []float64{math.NaN(), math.NaN(), 101.0/100 - 1, 102.0/101 - 1, math.NaN(), math.NaN(), 105.0/104 - 1, 106.0/105 - 1}
	wantRm := []float64{math.NaN(), math.NaN(), math.NaN(), 11.0/10 - 1, math.NaN(), 12.0/11 - 1, 14.0/13 - 1, math.NaN()}
	for k := range wantR {
		if !same(a.R[k], wantR[k]) || !same(a.Rm[k], wantRm[k]) {
			t.Errorf("day %d: R %v Rm %v, want %v %v", a.First+k, a.R[k], a.Rm[k], wantR[k], wantRm[k])
		}
	}
	if a.Dates[0] != 0 || a.Dates[1] != NewDate(2025, 11, 10) || a.Dates[5] != NewDate(2025, 11, 14) {
		t.Errorf("dates %v", a.Dates)
	}
}

// same compares two returns to 1e-15 (the expected values are exact
// constants, the computed ones float64 arithmetic), NaN equal to NaN.
func same(a, b float64) bool {
	return math.Abs(a-b) <= 1e-15 || (math.IsNaN(a) && math.IsNaN(b))
}

func TestDay0Reason(t *testing.T) {
	hk, err := LookupExchange("HKEX")
	if err != nil {
		t.Fatal(err)
	}
	ny := ExchangeOf("AAPL")
	at := func(x Exchange, ts string) Event {
		tm, err := ParseTimestamp(ts, x.Location)
		if err != nil {
			t.Fatal(err)
		}
		ev := Event{Exchange: x, Time: tm, HasTime: true}
		ev.Date, ev.AfterClose = x.SessionDate(tm)
		return ev
	}
	days := func(ds ...Date) *Series { return &Series{Ticker: "X", Dates: ds, Values: make([]float64, len(ds))} }
	oct := days(NewDate(2022, 10, 18), NewDate(2022, 10, 19), NewDate(2022, 10, 20), NewDate(2022, 10, 21))
	octHole := days(NewDate(2022, 10, 18), NewDate(2022, 10, 19), NewDate(2022, 10, 21))
	thanks := days(NewDate(2022, 11, 23), NewDate(2022, 11, 25), NewDate(2022, 11, 28))
	lny := days(NewDate(2025, 1, 27), NewDate(2025, 1, 28), NewDate(2025, 2, 3))
	for _, tc := range []struct {
		s     *Series
		ev    Event
		shift Shift
		want  string
	}{
		{week(), Event{Date: NewDate(2025, 11, 14)}, ShiftNext, "event date"},
		{week(), Event{Date: NewDate(2025, 11, 15)}, ShiftNext, "shifted from Saturday 2025-11-15 (not a trading day) to the next trading day"},
		{week(), Event{Date: NewDate(2025, 11, 16)}, ShiftPrev, "shifted from Sunday 2025-11-16 (not a trading day) to the previous trading day"},
		{week(), at(hk, "2025-11-13T10:30:00+08:00"), ShiftNext, "2025-11-13 10:30 Asia/Hong_Kong is before the 16:00 close"},
		{week(), at(hk, "2025-11-13T16:00:00+08:00"), ShiftNext, "2025-11-13 16:00 Asia/Hong_Kong is at the 16:00 close: next session 2025-11-14"},
		// Friday after the close: the next session is Monday, whatever the shift.
		{week(), at(hk, "2025-11-14T16:30:00+08:00"), ShiftPrev, "2025-11-14 16:30 Asia/Hong_Kong is after the 16:00 close: next session 2025-11-17"},
		// Saturday morning, before the close of a session that is not held.
		{week(), at(hk, "2025-11-15T10:00:00+08:00"), ShiftPrev, "2025-11-15 10:00 Asia/Hong_Kong is before the 16:00 close; shifted from Saturday 2025-11-15 (not a trading day) to the previous trading day"},
		// The example of issue 10.
		{oct, at(ny, "2022-10-19T17:15:00-04:00"), ShiftNext, "2022-10-19 17:15 America/New_York is after the 16:00 close: next session 2022-10-20"},
		// The same news when the price file has no row for 2022-10-20.
		{octHole, at(ny, "2022-10-19T17:15:00-04:00"), ShiftNext, "2022-10-19 17:15 America/New_York is after the 16:00 close: next session 2022-10-20; no price on 2022-10-20 (a data gap): day 0 is 2022-10-21"},
		// Half days: NYSE closes at 13:00 the day after Thanksgiving
		// (exchange_calendars: 18:00Z), HKEX at noon on Lunar New Year's
		// Eve 2025 (04:00Z), before three days of holiday.
		{thanks, at(ny, "2022-11-25T13:15:00-05:00"), ShiftNext, "2022-11-25 13:15 America/New_York is after the 13:00 (half-day) close: next session 2022-11-28"},
		{thanks, at(ny, "2022-11-25T12:59:00-05:00"), ShiftNext, "2022-11-25 12:59 America/New_York is before the 13:00 (half-day) close"},
		{lny, at(hk, "2025-01-28T12:05:00+08:00"), ShiftNext, "2025-01-28 12:05 Asia/Hong_Kong is after the 12:00 (half-day) close: next session 2025-02-03"},
	} {
		i, err := Day0(tc.s, tc.ev, tc.shift)
		if err != nil {
			t.Fatal(err)
		}
		if got := Day0Reason(tc.ev, tc.s.Dates[i]); got != tc.want {
			t.Errorf("Day0Reason(%s) = %q, want %q", tc.ev.Date, got, tc.want)
		}
	}
}
