package study

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// partialWarnings returns a warning for each series whose last row looks
// like a partial (intraday) day (prices.Series.PartialLast) and falls on a
// date that events use, from the first day of their estimation window to
// the last day of their widest event window; in ticker order. A file
// downloaded during a session has one such row, and a study of news of
// that day would take its day-0 return from it.
func partialWarnings(events []*Event, series map[string]*prices.Series, cfg Config) []string {
	type use struct {
		events int
		first  string
	}
	partial := map[string]bool{} // by ticker, once each
	check := func(t string) bool {
		p, seen := partial[t]
		if !seen {
			if s := series[t]; s != nil && len(s.Dates) > 0 {
				_, _, p = s.PartialLast()
			}
			partial[t] = p
		}
		return p
	}
	used := map[string]*use{}
	span := cfg.Span()
	for _, e := range events {
		from, to := max(cfg.Estimation.From, e.First), span.To
		lo, hi := e.Date(from), e.Date(to)
		for _, t := range []string{e.Ticker, e.Market} {
			if t == "" || !check(t) {
				continue
			}
			s := series[t]
			if last := s.Dates[len(s.Dates)-1]; last < lo || last > hi {
				continue
			}
			u := used[t]
			if u == nil {
				u = &use{first: e.ID}
				used[t] = u
			}
			u.events++
		}
	}
	tickers := make([]string, 0, len(used))
	for t := range used {
		tickers = append(tickers, t)
	}
	sort.Strings(tickers)
	var out []string
	for _, t := range tickers {
		s, u := series[t], used[t]
		v, m, _ := s.PartialLast()
		events := "1 event uses it (" + u.first + ")"
		if u.events > 1 {
			events = fmt.Sprintf("%d events use it (the first: %s)", u.events, u.first)
		}
		out = append(out, fmt.Sprintf("%s (%s): the last row, %s, has a volume of %.0f, %.0f%% of the median of the 20 rows before it: "+
			"it may be a partial day, downloaded during the session; %s. If so, delete the row and run again.",
			t, s.File, s.Dates[len(s.Dates)-1], v, 100*v/m, events))
	}
	return out
}

// zeroVolumeWarnings returns, for a study of abnormal volume, a warning for
// each security or benchmark with a volume of 0 on days of events'
// estimation windows where its median volume there is at least 1,000: in
// log(1+volume) such a day is 0 against a usual 7 or more, an outlier that
// dominates the residual variance, and on a security that liquid most
// likely a gap in the data (the yfinance file of 9988.HK has 0 on 9 days,
// 8 of them the half-day sessions before Christmas, the New Year and the
// Lunar New Year). A thinly traded security, whose zero days are real
// and the reason for log(1+volume) (Campbell & Wasley 1996), is not named.
// In ticker order.
func zeroVolumeWarnings(events []*Event, cfg Config) []string {
	if !cfg.Volume {
		return nil
	}
	minLog := math.Log1p(1000)
	type zeros struct {
		dates  map[prices.Date]bool
		events int
	}
	found := map[string]*zeros{}
	var est []float64
	for _, e := range events {
		for side, t := range []string{e.Ticker, e.Market} {
			v := e.Aligned.R
			if side == 1 {
				v = e.Aligned.Rm
			}
			if t == "" || v == nil {
				continue
			}
			est = est[:0]
			var days []prices.Date
			for d := max(cfg.Estimation.From, e.First); d <= cfg.Estimation.To; d++ {
				x := v[d-e.First]
				if math.IsNaN(x) {
					continue
				}
				est = append(est, x)
				if x == 0 {
					days = append(days, e.Date(d))
				}
			}
			if len(days) == 0 || median(est) < minLog {
				continue
			}
			z := found[t]
			if z == nil {
				z = &zeros{dates: map[prices.Date]bool{}}
				found[t] = z
			}
			z.events++
			for _, d := range days {
				z.dates[d] = true
			}
		}
	}
	tickers := make([]string, 0, len(found))
	for t := range found {
		tickers = append(tickers, t)
	}
	sort.Strings(tickers)
	var out []string
	for _, t := range tickers {
		z := found[t]
		dates := make([]prices.Date, 0, len(z.dates))
		for d := range z.dates {
			dates = append(dates, d)
		}
		slices.Sort(dates)
		list := make([]string, 0, 5)
		for i, d := range dates {
			if i == 4 && len(dates) > 5 {
				list = append(list, fmt.Sprintf("and %d more", len(dates)-4))
				break
			}
			list = append(list, d.String())
		}
		events := "1 event"
		if z.events > 1 {
			events = fmt.Sprintf("%d events", z.events)
		}
		out = append(out, fmt.Sprintf("%s has a volume of 0 on %d days of the estimation windows of %s (%s), where its median volume is at least 1,000: "+
			"log(1+0) = 0 is an outlier that dominates the residual variance, and most likely a gap in the data. "+
			"If so, empty those volume cells (a missing value) and run again.",
			t, len(dates), events, strings.Join(list, ", ")))
	}
	return out
}

// median returns the median of x (not empty), which it sorts.
func median(x []float64) float64 {
	slices.Sort(x)
	k := len(x)
	if k%2 == 1 {
		return x[k/2]
	}
	return (x[k/2-1] + x[k/2]) / 2
}

// sharedDateWarnings returns one warning when events share their day 0
// with another event: their abnormal returns on that calendar day move
// together (one market, one news day), a cross-sectional correlation that
// the classic tests (Patell, BMP, the cross-sectional t) assume away, so
// their statistics overstate significance. Kolari & Pynnönen (2010) adjust
// Patell's and BMP's test for the average correlation of the estimation
// residuals: patell-kp and bmp-kp in tests.csv. Any two events on one
// date count; no threshold, since one shared date already violates the
// assumption (how much it matters depends on the correlation, which the
// adjusted tests estimate). Day 0 is the security's trading date, so
// events on different calendars dated alike may not share it.
func sharedDateWarnings(events []*Event) []string {
	count := map[prices.Date]int{}
	for _, e := range events {
		count[e.Day0]++
	}
	shared, dates := 0, 0
	var busiest prices.Date
	for d, n := range count {
		if n < 2 {
			continue
		}
		shared += n
		dates++
		if n > count[busiest] || (n == count[busiest] && d < busiest) {
			busiest = d
		}
	}
	if shared == 0 {
		return nil
	}
	on := fmt.Sprintf("%d dates; the most on %s, %d events", dates, busiest, count[busiest])
	if dates == 1 {
		on = "all on " + busiest.String()
	}
	return []string{fmt.Sprintf("%d of %d events share their day 0 with another event (%s): "+
		"their abnormal returns are correlated across events, which the classic tests assume away, so their significance is overstated; "+
		"see the Kolari-Pynnönen adjusted tests patell-kp and bmp-kp (tests.csv).",
		shared, len(events), on)}
}

// gapWarnings returns, per security in ticker order, a warning naming the
// holes in its prices that estimation-window returns would have spanned
// and were left out (Event.Gaps), with the events concerned: nothing is
// dropped silently. At most three holes are listed per security.
func gapWarnings(events []*Event, series map[string]*prices.Series) []string {
	type holes struct {
		gaps   []prices.Gap
		seen   map[prices.Gap]bool
		events int
		first  string
	}
	found := map[string]*holes{}
	for _, e := range events {
		if len(e.Gaps) == 0 {
			continue
		}
		h := found[e.Ticker]
		if h == nil {
			h = &holes{seen: map[prices.Gap]bool{}, first: e.ID}
			found[e.Ticker] = h
		}
		h.events++
		for _, g := range e.Gaps {
			if !h.seen[g] {
				h.seen[g] = true
				h.gaps = append(h.gaps, g)
			}
		}
	}
	tickers := make([]string, 0, len(found))
	for t := range found {
		tickers = append(tickers, t)
	}
	sort.Strings(tickers)
	var out []string
	for _, t := range tickers {
		h := found[t]
		sort.Slice(h.gaps, func(a, b int) bool { return h.gaps[a].Last < h.gaps[b].Last })
		list := make([]string, 0, 4)
		for i, g := range h.gaps {
			if i == 3 {
				list = append(list, fmt.Sprintf("and %d more", len(h.gaps)-3))
				break
			}
			list = append(list, g.String())
		}
		events := "of 1 event (" + h.first + ")"
		if h.events > 1 {
			events = fmt.Sprintf("of %d events (the first: %s)", h.events, h.first)
		}
		file := ""
		if s := series[t]; s != nil && s.File != "" {
			file = " (" + s.File + ")"
		}
		out = append(out, fmt.Sprintf("%s%s has %s: a return across such a hole spans several days, not one, so it is left out of the estimation window %s; "+
			"use --returns trade-to-trade to keep it.", t, file, strings.Join(list, "; "), events))
	}
	return out
}

// Plausible daily returns. A return is implausible for its security when
// its log return is both beyond ±log 1.5 (a rise of more than 50% or a
// fall of more than a third: an unadjusted 2:1 split, a misplaced decimal
// point) and more than implausibleSD robust standard deviations from the
// median of the security's own history (the whole file; the robust sd is
// 1.4826 times the median absolute deviation, which one bad price cannot
// inflate as it does the sd). Both conditions: a volatile stock's 50% day
// can be news, and a calm stock's 15% day often is. Such returns are
// warned about, not dropped: they may be the event.
const (
	implausibleLog = 0.4054651081081644 // log(1.5)
	implausibleSD  = 20
)

// implausibleWarnings returns, per series in ticker order (securities and
// benchmarks of the computed events), a warning listing its implausible
// returns on dates the events use (from the first estimation day to the
// last event day), with the events that use them. None in a study of
// volume.
func implausibleWarnings(events []*Event, series map[string]*prices.Series, cfg Config) []string {
	if cfg.Volume {
		return nil
	}
	type use struct {
		lo, hi prices.Date
		id     string
	}
	uses := map[string][]use{}
	span := cfg.Span()
	for _, e := range events {
		lo, hi := e.Date(max(cfg.Estimation.From, e.First)), e.Date(span.To)
		for _, t := range []string{e.Ticker, e.Market} {
			if t != "" && series[t] != nil {
				uses[t] = append(uses[t], use{lo, hi, e.ID})
			}
		}
	}
	tickers := make([]string, 0, len(uses))
	for t := range uses {
		tickers = append(tickers, t)
	}
	sort.Strings(tickers)
	var out []string
	for _, t := range tickers {
		s := series[t]
		r := s.Returns(false)
		lr := make([]float64, 0, len(r))
		for _, x := range r {
			if !math.IsNaN(x) {
				lr = append(lr, math.Log1p(x))
			}
		}
		if len(lr) < 20 {
			continue // too short a history to say what is usual
		}
		med := median(lr)
		for i := range lr {
			lr[i] = math.Abs(lr[i] - med)
		}
		sd := 1.4826 * median(lr)
		if sd == 0 {
			continue
		}
		var found []string
		events := map[string]bool{}
		first := ""
		for j, x := range r {
			l := math.Log1p(x)
			if math.IsNaN(x) || math.Abs(l) <= implausibleLog || math.Abs(l-med) <= implausibleSD*sd {
				continue
			}
			used := false
			for _, u := range uses[t] {
				if u.lo <= s.Dates[j] && s.Dates[j] <= u.hi {
					used = true
					if !events[u.id] {
						events[u.id] = true
						if first == "" {
							first = u.id
						}
					}
				}
			}
			if used {
				found = append(found, fmt.Sprintf("%+.1f%% on %s (%.0f robust sd)", 100*x, s.Dates[j], math.Abs(l-med)/sd))
			}
		}
		if len(found) == 0 {
			continue
		}
		if len(found) > 3 {
			found = append(found[:3], fmt.Sprintf("and %d more", len(found)-3))
		}
		who := "1 event uses them (" + first + ")"
		if len(events) > 1 {
			who = fmt.Sprintf("%d events use them (the first: %s)", len(events), first)
		}
		file := ""
		if s.File != "" {
			file = " (" + s.File + ")"
		}
		out = append(out, fmt.Sprintf("%s%s has daily returns beyond what its own history makes plausible (robust sd %.2f%%): %s; %s. "+
			"Check the prices on and before those dates (an unadjusted split, a misplaced decimal point?).",
			t, file, 100*sd, strings.Join(found, ", "), who))
	}
	return out
}
