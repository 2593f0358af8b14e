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
	confound(len(events), func(i int) (string, int, string) {
		e := events[i]
		return e.Ticker, e.Aligned.Day0, e.ID
	}, span, func(i, n int, ids []string) {
		events[i].Confounders, events[i].ConfoundedWith = n, ids
	})
}

// confound is markConfounded over n events given by key (ticker, index
// of day 0 in the security's dates, id): set receives each event's
// number of confounders and the first MaxConfoundedIDs of their ids (nil
// when none), in day-0 order.
func confound(n int, key func(i int) (ticker string, day0 int, id string), span int, set func(i, n int, ids []string)) {
	type ev struct {
		i    int
		day0 int
		id   string
	}
	byTicker := map[string][]ev{}
	for i := range n {
		t, d, id := key(i)
		byTicker[t] = append(byTicker[t], ev{i, d, id})
	}
	for _, evs := range byTicker {
		sort.SliceStable(evs, func(a, b int) bool { return evs[a].day0 < evs[b].day0 })
		lo, hi := 0, 0
		for i, e := range evs {
			d := e.day0
			for evs[lo].day0 <= d-span {
				lo++
			}
			for hi < len(evs) && evs[hi].day0 < d+span {
				hi++
			}
			var ids []string
			if hi-lo-1 > 0 {
				ids = make([]string, 0, min(hi-lo-1, MaxConfoundedIDs))
			}
			for k := lo; k < hi && len(ids) < MaxConfoundedIDs; k++ {
				if k != i {
					ids = append(ids, evs[k].id)
				}
			}
			set(e.i, hi-lo-1, ids)
		}
	}
}

// ConfoundedText lists the ids of the events that confound e, separated
// by sep, in day-0 order: all of them up to MaxConfoundedIDs, else the first
// MaxConfoundedIDs and how many more, e.g. "a b c d e and 4995 more"; ""
// when none does.
func (e *Event) ConfoundedText(sep string) string {
	return confoundedText(e.ConfoundedWith, e.Confounders, sep)
}

// confoundedText is ConfoundedText of the ids and number of confounders.
func confoundedText(ids []string, n int, sep string) string {
	s := strings.Join(ids, sep)
	if more := n - len(ids); more > 0 {
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
			Reason: confoundedReason(res.Config, e.ConfoundedText(", "))})
		res.Dropped++
	}
	res.Events = kept
}

// confoundedReason is the reason a confounded event is dropped, from
// ConfoundedText(", ").
func confoundedReason(cfg Config, text string) string {
	return fmt.Sprintf("event window %s overlaps that of event %s of the same security (--drop-confounded)", cfg.Span(), text)
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
