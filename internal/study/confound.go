package study

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// MaxConfoundedIDs is the number of ids Event.ConfoundedWith keeps. An
// event's list of every other overlapping event made the output quadratic
// in a crowded security: 5,000 events of one ticker on one day wrote a
// 435 MB car.csv (each row listing the 4,999 others). Past this many the
// list is summarized by the count, Event.Confounders.
const MaxConfoundedIDs = 5

// markConfounded sets ConfoundedWith and Confounders on every event whose
// widest event window shares a trading day with the widest event window of
// another event of the same security. It sorts each security's events by
// day 0 and sweeps two pointers over them, so it costs O(N log N) time and
// O(N) memory however the events crowd: the events that overlap event i
// are those with day 0 within span-1 days of its own, a contiguous run
// [lo, hi) of the sorted events.
func markConfounded(events []*Event, span int) {
	byTicker := map[string][]*Event{}
	for _, e := range events {
		byTicker[e.Ticker] = append(byTicker[e.Ticker], e)
	}
	for _, evs := range byTicker {
		sort.SliceStable(evs, func(a, b int) bool { return evs[a].Aligned.Day0 < evs[b].Aligned.Day0 })
		lo, hi := 0, 0
		for i, e := range evs {
			d := e.Aligned.Day0
			for evs[lo].Aligned.Day0 <= d-span {
				lo++
			}
			for hi < len(evs) && evs[hi].Aligned.Day0 < d+span {
				hi++
			}
			e.Confounders = hi - lo - 1
			e.ConfoundedWith = nil
			if e.Confounders > 0 {
				e.ConfoundedWith = make([]string, 0, min(e.Confounders, MaxConfoundedIDs))
			}
			for k := lo; k < hi && len(e.ConfoundedWith) < MaxConfoundedIDs; k++ {
				if k != i {
					e.ConfoundedWith = append(e.ConfoundedWith, evs[k].ID)
				}
			}
		}
	}
}

// ConfoundedText lists the ids of the events that confound e, separated
// by sep, in day-0 order: all of them up to MaxConfoundedIDs, else the first
// MaxConfoundedIDs and how many more, e.g. "a b c d e and 4995 more"; ""
// when none does.
func (e *Event) ConfoundedText(sep string) string {
	s := strings.Join(e.ConfoundedWith, sep)
	if more := e.Confounders - len(e.ConfoundedWith); more > 0 {
		s += " and " + strconv.Itoa(more) + " more"
	}
	return s
}

// dropConfounded moves the confounded events to the skipped list.
func (res *Result) dropConfounded() {
	kept := res.Events[:0]
	for _, e := range res.Events {
		if e.Confounders == 0 {
			kept = append(kept, e)
			continue
		}
		res.Skipped = append(res.Skipped, Skip{ID: e.ID, Ticker: e.Ticker, Date: e.Written, Line: e.Line,
			Reason: fmt.Sprintf("event window %s overlaps that of event %s of the same security (--drop-confounded)", res.Config.Span(), e.ConfoundedText(", "))})
		res.Dropped++
	}
	res.Events = kept
}

// Confounded counts the computed events whose window overlaps another's.
func (res *Result) Confounded() int {
	n := 0
	for _, e := range res.Events {
		if e.Confounders > 0 {
			n++
		}
	}
	return n
}
