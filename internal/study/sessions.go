package study

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// onSessions puts every series on the sessions of cfg.Calendar, so that
// event time counts exchange sessions rather than rows of the files: a
// session without a row is a missing price (its return and the next are
// missing, not spanned), said in a warning per security naming the
// sessions ("a data gap"); rows on days that are not sessions are left
// out, and said. It refuses a calendar with no session over the events'
// dates.
// Only the series the events use (securities and benchmarks) are moved
// and warned of.
func onSessions(cfg Config, list *prices.EventList, series map[string]*prices.Series) (map[string]*prices.Series, []string, error) {
	c := cfg.Calendar
	if len(list.Events) > 0 {
		lo, hi := list.Events[0].Date, list.Events[0].Date
		for _, ev := range list.Events {
			lo, hi = min(lo, ev.Date), max(hi, ev.Date)
		}
		if len(c.Sessions(lo, hi)) == 0 {
			return nil, nil, fmt.Errorf("calendar %s has no session between %s and %s, the event dates (it covers %s to %s)", c.Code, lo, hi, c.First, c.Last)
		}
	}
	used := map[string]bool{}
	for _, ev := range list.Events {
		used[ev.Ticker] = true
		used[marketOf(ev, cfg)] = true
	}
	tickers := make([]string, 0, len(used))
	for t := range used {
		if series[t] != nil {
			tickers = append(tickers, t)
		}
	}
	sort.Strings(tickers)
	out := make(map[string]*prices.Series, len(series))
	var warnings []string
	for _, t := range tickers {
		s := series[t]
		on, missing, dropped := s.OnSessions(c)
		out[t] = on
		file := ""
		if s.File != "" {
			file = " (" + s.File + ")"
		}
		if len(missing) > 0 {
			which := "those sessions and of the sessions after them"
			if len(missing) == 1 {
				which = "that session and of the next"
			}
			warnings = append(warnings, fmt.Sprintf("%s%s has no price on %s (%s): a data gap, not a holiday; the returns of %s are missing.",
				t, file, count(len(missing), c.Code+" session"), dateList(missing), which))
		}
		var closed, outside []prices.Date
		for _, d := range dropped {
			if c.Covers(d) {
				closed = append(closed, d)
			} else {
				outside = append(outside, d)
			}
		}
		if len(closed) > 0 {
			warnings = append(warnings, fmt.Sprintf("%s%s has rows on %s that are not %s sessions (%s): left out.",
				t, file, count(len(closed), "day"), c.Code, dateList(closed)))
		}
		if len(outside) > 0 {
			warnings = append(warnings, fmt.Sprintf("%s%s has %s outside the %s calendar's %s to %s: left out.",
				t, file, count(len(outside), "row"), c.Code, c.First, c.Last))
		}
	}
	return out, warnings, nil
}

// count says "1 day", "3 days".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// dateList lists up to three dates, then how many more.
func dateList(ds []prices.Date) string {
	var b strings.Builder
	for i, d := range ds {
		if i == 3 {
			fmt.Fprintf(&b, " and %d more", len(ds)-3)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// sessionGap says why row j of s, a series on cal's sessions, has no
// return when a session lacks a price: ": no price on the XNYS session
// 2024-12-03 (a data gap)". It says nothing without a calendar.
func sessionGap(cal *prices.Calendar, s *prices.Series, j int) string {
	if cal == nil || s.IsReturn || j <= 0 || j >= len(s.Values) {
		return ""
	}
	for _, i := range []int{j, j - 1} {
		if math.IsNaN(s.Values[i]) {
			return fmt.Sprintf(": no price on the %s session %s (a data gap)", cal.Code, s.Dates[i])
		}
	}
	return ""
}
