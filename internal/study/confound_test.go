package study

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// TestMarkConfoundedSweep: the sweep finds, for every event, the same
// confounders as the O(N^2) definition computed independently below (every
// pair of the same ticker whose days 0 are fewer than span days apart), on
// random layouts that crowd events on the same days; the listed ids are the
// first MaxConfoundedIDs of them in day-0 order (list order among ties).
func TestMarkConfoundedSweep(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		n, days, span := 1+rng.IntN(60), 1+rng.IntN(40), 1+rng.IntN(12)
		events := make([]*Event, n)
		for i := range events {
			events[i] = &Event{Event: prices.Event{ID: strconv.Itoa(i), Ticker: string(rune('A' + rng.IntN(3)))}}
			events[i].Aligned.Day0 = rng.IntN(days)
		}
		markConfounded(slices.Clone(events), span)
		for i, e := range events {
			// The brute-force list: in day-0 order, then list order.
			var want []int
			for j, o := range events {
				if j != i && o.Ticker == e.Ticker && abs(o.Aligned.Day0-e.Aligned.Day0) < span {
					want = append(want, j)
				}
			}
			slices.SortStableFunc(want, func(a, b int) int { return events[a].Aligned.Day0 - events[b].Aligned.Day0 })
			var ids []string
			for _, j := range want[:min(len(want), MaxConfoundedIDs)] {
				ids = append(ids, strconv.Itoa(j))
			}
			if e.Confounders != len(want) || !slices.Equal(e.ConfoundedWith, ids) {
				t.Fatalf("trial %d (n %d, span %d): event %d: %d %v, want %d %v", trial, n, span, i, e.Confounders, e.ConfoundedWith, len(want), ids)
			}
		}
	}
}

func abs(x int) int { return max(x, -x) }

// TestConfoundedText: up to MaxConfoundedIDs ids are listed, then counted.
func TestConfoundedText(t *testing.T) {
	for _, tc := range []struct {
		n    int // events on the same day of the same ticker
		want string
	}{
		{1, ""},
		{2, "e1"},
		{6, "e1 e2 e3 e4 e5"},
		{7, "e1 e2 e3 e4 e5 and 1 more"},
		{5000, "e1 e2 e3 e4 e5 and 4994 more"},
	} {
		events := make([]*Event, tc.n)
		for i := range events {
			events[i] = &Event{Event: prices.Event{ID: fmt.Sprintf("e%d", i), Ticker: "A"}}
		}
		markConfounded(slices.Clone(events), 11)
		if got := events[0].ConfoundedText(" "); got != tc.want || events[0].Confounders != tc.n-1 {
			t.Errorf("%d events: %q (%d), want %q (%d)", tc.n, got, events[0].Confounders, tc.want, tc.n-1)
		}
	}
}

// BenchmarkMarkConfoundedCrowded: 100,000 events of one ticker on one day,
// the layout that was quadratic (each event listed the 99,999 others).
func BenchmarkMarkConfoundedCrowded(b *testing.B) {
	events := make([]*Event, 100000)
	for i := range events {
		events[i] = &Event{Event: prices.Event{ID: strconv.Itoa(i), Ticker: "A"}}
	}
	for b.Loop() {
		markConfounded(events, 11)
	}
	b.ReportMetric(float64(len(events))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// TestCheckGroups: up to MaxGroups (50) distinct values of the group
// column are groups; one more is an error, found before any event is
// computed (the pairs of groups grow as the square of their number).
func TestCheckGroups(t *testing.T) {
	for _, tc := range []struct {
		values int
		want   string
	}{
		{1, ""},
		{50, ""},
		{51, "--group g: more than 50 distinct values (is it an id or a date column?)"},
		{100000, "--group g: more than 50 distinct values (is it an id or a date column?)"},
	} {
		events := make([]prices.Event, 2*tc.values) // each value twice
		for i := range events {
			events[i].Extra = []string{"x", strconv.Itoa(i % tc.values)}
		}
		err := CheckGroups("g", 1, events)
		if got := fmt.Sprint(err); tc.want == "" && err != nil || tc.want != "" && got != tc.want {
			t.Errorf("%d values: %v, want %q", tc.values, err, tc.want)
		}
	}
}
