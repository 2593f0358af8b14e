package bars

import (
	"math"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// TestSessionsHKEX: HKEX 5-minute slots from 2012-03-05 are 09:30-12:00 and
// 13:00-16:00 (xhkgHours): 30 + 36 = 66 slots, none in the lunch break; a
// bar at 12:30 is outside the session; on the 2024-12-24 half day (morning
// only, to 12:00) 30 slots. The overnight gap is never a return: the first
// slot's return is its close over its own open.
func TestSessionsHKEX(t *testing.T) {
	cal, _ := prices.LookupCalendar("XHKG")
	hk := cal.Location
	at := func(d, hm string) int64 {
		x, err := time.ParseInLocation("2006-01-02 15:04", d+" "+hm, hk)
		if err != nil {
			t.Fatal(err)
		}
		return x.Unix()
	}
	s := &Series{Interval: 5 * time.Minute, Bars: []Bar{
		{Start: at("2025-11-13", "15:55"), Open: 160, Close: 162},
		{Start: at("2025-11-14", "09:30"), Open: 158, Close: 157},
		{Start: at("2025-11-14", "09:35"), Open: 157, Close: 156},
		{Start: at("2025-11-14", "12:30"), Open: 156, Close: 156}, // lunch break
		{Start: at("2025-11-14", "13:00"), Open: 156, Close: 155},
		{Start: at("2024-12-24", "11:55"), Open: 1, Close: 1},
	}}
	ss, outside, dropped := Sessions(s, cal, Hours{})
	if outside != 1 || dropped != 0 {
		t.Errorf("outside %d dropped %d, want 1 and 0", outside, dropped)
	}
	d := ss[prices.NewDate(2025, 11, 14)]
	if len(d.Starts) != 66 {
		t.Fatalf("%d slots, want 66", len(d.Starts))
	}
	if got := time.Unix(d.Starts[30], 0).In(hk).Format("15:04"); got != "13:00" {
		t.Errorf("slot 30 starts %s, want 13:00 (after the lunch break)", got)
	}
	// 157/158 - 1: the first bar's own open, not 2025-11-13's close 162.
	if r, want := d.Return(0), 157.0/158.0-1; math.Abs(r-want) > 1e-15 {
		t.Errorf("first slot return %v, want 157/158-1", r)
	}
	// The 13:00 bar follows the missing 11:55 slot: a missing return. (With
	// the 11:55 bar present, the 13:00 bar's return spans the lunch break,
	// from the 12:00 price.)
	if r := d.Return(30); r == r {
		t.Errorf("return after the lunch break over a missing 11:55 bar %v, want NaN", r)
	}
	if h := ss[prices.NewDate(2024, 12, 24)]; len(h.Starts) != 30 || !h.Present[29] {
		t.Errorf("half day 2024-12-24: %d slots, want 30 with the 11:55 bar", len(h.Starts))
	}
}
