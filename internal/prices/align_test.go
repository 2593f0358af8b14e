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
	s := week()
	hk, err := LookupExchange("HKEX")
	if err != nil {
		t.Fatal(err)
	}
	at := func(ts string) Event {
		tm, err := ParseTimestamp(ts, hk.Location)
		if err != nil {
			t.Fatal(err)
		}
		ev := Event{Exchange: hk, Time: tm, HasTime: true}
		ev.Date, ev.AfterClose = hk.SessionDate(tm)
		return ev
	}
	for _, tc := range []struct {
		ev    Event
		shift Shift
		want  string
	}{
		{Event{Date: NewDate(2025, 11, 14)}, ShiftNext, "event date"},
		{Event{Date: NewDate(2025, 11, 15)}, ShiftNext, "shifted from Saturday 2025-11-15 (not a trading day) to the next trading day"},
		{Event{Date: NewDate(2025, 11, 16)}, ShiftPrev, "shifted from Sunday 2025-11-16 (not a trading day) to the previous trading day"},
		{at("2025-11-13T10:30:00+08:00"), ShiftNext, "timestamp 2025-11-13 10:30 HKT before the 16:00 close (HKEX)"},
		{at("2025-11-13T16:00:00+08:00"), ShiftNext, "timestamp 2025-11-13 16:00 HKT at or after the 16:00 close (HKEX): next session"},
		// Friday after the close: the session date is Saturday, priced Monday.
		{at("2025-11-14T16:30:00+08:00"), ShiftPrev, "timestamp 2025-11-14 16:30 HKT at or after the 16:00 close (HKEX): next session; shifted from Saturday 2025-11-15 (not a trading day) to the next trading day"},
		// Saturday morning, before the close of a session that is not held.
		{at("2025-11-15T10:00:00+08:00"), ShiftPrev, "timestamp 2025-11-15 10:00 HKT before the 16:00 close (HKEX); shifted from Saturday 2025-11-15 (not a trading day) to the previous trading day"},
	} {
		i, err := Day0(s, tc.ev, tc.shift)
		if err != nil {
			t.Fatal(err)
		}
		if got := Day0Reason(tc.ev, s.Dates[i]); got != tc.want {
			t.Errorf("Day0Reason(%s) = %q, want %q", tc.ev.Date, got, tc.want)
		}
	}
}
