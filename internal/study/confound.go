package study

import (
	"fmt"
	"sort"
	"strings"
)

// markConfounded sets ConfoundedWith on every event whose widest event
// window shares a trading day with the widest event window of another event
// of the same security. It sorts each security's events by day 0 and
// sweeps, so it costs O(N log N), not O(N^2) pairs.
func markConfounded(events []*Event, span int) {
	byTicker := map[string][]*Event{}
	for _, e := range events {
		byTicker[e.Ticker] = append(byTicker[e.Ticker], e)
	}
	for _, evs := range byTicker {
		sort.SliceStable(evs, func(a, b int) bool { return evs[a].Aligned.Day0 < evs[b].Aligned.Day0 })
		// Windows all have the same length, so window j overlaps window i
		// (j > i) exactly when day0_j - day0_i < span; the events that
		// overlap i are a contiguous run after it.
		for i, e := range evs {
			for j := i + 1; j < len(evs) && evs[j].Aligned.Day0-e.Aligned.Day0 < span; j++ {
				e.ConfoundedWith = append(e.ConfoundedWith, evs[j].ID)
				evs[j].ConfoundedWith = append(evs[j].ConfoundedWith, e.ID)
			}
		}
	}
}

// dropConfounded moves the confounded events to the skipped list.
func (res *Result) dropConfounded() {
	kept := res.Events[:0]
	for _, e := range res.Events {
		if len(e.ConfoundedWith) == 0 {
			kept = append(kept, e)
			continue
		}
		res.Skipped = append(res.Skipped, Skip{ID: e.ID, Ticker: e.Ticker, Date: e.Written, Line: e.Line,
			Reason: fmt.Sprintf("event window %s overlaps that of event %s of the same security (--drop-confounded)", res.Config.Span(), strings.Join(e.ConfoundedWith, ", "))})
		res.Dropped++
	}
	res.Events = kept
}

// Confounded counts the computed events whose window overlaps another's.
func (res *Result) Confounded() int {
	n := 0
	for _, e := range res.Events {
		if len(e.ConfoundedWith) > 0 {
			n++
		}
	}
	return n
}
