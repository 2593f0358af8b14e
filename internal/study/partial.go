package study

import (
	"fmt"
	"sort"

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
