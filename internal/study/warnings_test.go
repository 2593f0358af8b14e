package study

import (
	"slices"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// TestSharedDateWarnings: the count of events whose day 0 another event
// shares, the number of such dates and the busiest one; nothing when every
// day 0 is its own.
func TestSharedDateWarnings(t *testing.T) {
	d := prices.NewDate(2024, 3, 15)
	tail := ": their abnormal returns are correlated across events, which the classic tests assume away, so their significance is overstated; " +
		"see the Kolari-Pynnönen adjusted tests patell-kp and bmp-kp (tests.csv)."
	for _, tt := range []struct {
		name string
		days []prices.Date
		want []string
	}{
		{"distinct", []prices.Date{d, d + 1, d + 4}, nil},
		{"one date", []prices.Date{d + 4, d, d + 1, d}, []string{"2 of 4 events share their day 0 with another event (all on 2024-03-15)" + tail}},
		// Two dates with 3 events each: the earlier is named.
		{"tie", []prices.Date{d + 5, d + 1, d + 5, d + 1, d + 5, d + 1, d + 2}, []string{"6 of 7 events share their day 0 with another event (2 dates; the most on 2024-03-16, 3 events)" + tail}},
		{"busiest", []prices.Date{d, d, d + 1, d + 1, d + 1}, []string{"5 of 5 events share their day 0 with another event (2 dates; the most on 2024-03-16, 3 events)" + tail}},
	} {
		var events []*Event
		for _, day := range tt.days {
			events = append(events, &Event{Day0: day})
		}
		if got := sharedDateWarnings(events); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
