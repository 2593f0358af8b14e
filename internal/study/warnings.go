package study

import (
	"fmt"
	"maps"
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
		lo, hi := e.estStartDate(cfg), e.Date(span.To)
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
	tickers := slices.Sorted(maps.Keys(used))
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
	type zeros struct {
		dates  map[prices.Date]bool
		events int
	}
	found := map[string]*zeros{}
	var est []float64
	for _, e := range events {
		zd := e.zeroVolumeDays(cfg, &est)
		for side, t := range []string{e.Ticker, e.Market} {
			days := zd[side]
			if len(days) == 0 {
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
	tickers := slices.Sorted(maps.Keys(found))
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
	tickers := slices.Sorted(maps.Keys(found))
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
	uses := map[string][]dateUse{}
	span := cfg.Span()
	for _, e := range events {
		lo, hi := e.estStartDate(cfg), e.Date(span.To)
		for _, t := range []string{e.Ticker, e.Market} {
			if t != "" && series[t] != nil {
				uses[t] = append(uses[t], dateUse{lo, hi, e.ID})
			}
		}
	}
	tickers := slices.Sorted(maps.Keys(uses))
	var out []string
	for _, t := range tickers {
		s := series[t]
		// Most series have no return beyond ±log 1.5 on a used day: find
		// that first, without the sorts of the median and MAD (which cost
		// a 1,000-event study of 500 securities 2.5 times its run time).
		if !bigMoveUsed(s, uses[t]) {
			continue
		}
		r := s.Returns(false)
		lr := make([]float64, 0, len(r))
		for _, x := range r {
			if x > -1 { // not NaN, and a finite log: a total loss (-100%) has none
				lr = append(lr, math.Log1p(x))
			}
		}
		// The history says what is usual when it is long enough and
		// varies; a total loss (a file of returns can hold -1) is
		// implausible whatever it says.
		med, sd := math.NaN(), math.NaN()
		if len(lr) >= 20 {
			med = median(lr)
			for i := range lr {
				lr[i] = math.Abs(lr[i] - med)
			}
			sd = 1.4826 * median(lr)
		}
		usual := sd > 0 // not NaN
		var found []string
		events := map[string]bool{}
		first := ""
		for j, x := range r {
			l := math.Log1p(x)
			total := x <= -1
			if math.IsNaN(x) || !total && (!usual || math.Abs(l) <= implausibleLog || math.Abs(l-med) <= implausibleSD*sd) {
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
			switch {
			case !used:
			case total:
				found = append(found, fmt.Sprintf("%+.1f%% on %s (a total loss)", 100*x, s.Dates[j]))
			default:
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
		robust := ""
		if usual {
			robust = fmt.Sprintf(" (robust sd %.2f%%)", 100*sd)
		}
		out = append(out, fmt.Sprintf("%s%s has daily returns beyond what its own history makes plausible%s: %s; %s. "+
			"Check the prices on and before those dates (an unadjusted split, a misplaced decimal point?).",
			t, file, robust, strings.Join(found, ", "), who))
	}
	return out
}

// factorExchanges lists, per market of a factor file (prices.Factors.Market),
// the exchanges (prices.Exchange.Code) whose securities its factors price.
// China's A-share exchanges are in none of Ken French's developed regions.
var factorExchanges = map[string][]string{
	"US":                    {"NYSE"},
	"North America":         {"NYSE"},
	"Developed":             {"NYSE", "HKEX", "LSE", "JPX", "XETR", "XPAR"},
	"Developed ex US":       {"HKEX", "LSE", "JPX", "XETR", "XPAR"},
	"Europe":                {"LSE", "XETR", "XPAR"},
	"Japan":                 {"JPX"},
	"Asia Pacific ex Japan": {"HKEX"},
	"Emerging":              {"SSE", "SZSE"},
}

// Units of a factor file. The ratio of the market factor's sd to the
// securities' return sd, each the median over the events of its sd on the
// event's estimation days, is between about 0.2 and 2 (a market moves 1%
// a day, a stock 1% to 5%); factors in percent read as decimals make it
// 100 times that, decimals read as percent a hundredth. A ratio above
// factorRatioHigh or below factorRatioLow is a decade away from any real
// one. A daily RF above maxDailyRF (1% a day, 3,600% a year; US bills
// never paid 0.07% a day) is an annual rate or a percentage.
const (
	factorRatioHigh = 10
	factorRatioLow  = 0.02
	maxDailyRF      = 0.01
)

// factorWarnings returns, for a factor model, warnings that the factor
// file looks like the wrong unit for the securities' returns, or
// describes another market than the one some securities trade on (their
// exchange from the event list or the ticker suffix, prices.ExchangeOf).
func factorWarnings(events []*Event, cfg Config) []string {
	f := cfg.Factors
	if f == nil || !IsFactorModel(cfg.Model) || len(events) == 0 {
		return nil
	}
	var out []string
	mkt := marketFactor(f)
	var sdR, sdF []float64
	var rfMax float64
	rfDate := prices.Date(0)
	for _, e := range events {
		fs := e.factorStats(cfg, mkt)
		if fs.rfMax > rfMax {
			rfMax, rfDate = fs.rfMax, fs.rfDate
		}
		if fs.ok {
			sdR = append(sdR, fs.sdR)
			sdF = append(sdF, fs.sdF)
		}
	}
	if len(sdR) > 0 {
		a, b := median(sdF), median(sdR)
		if ratio := a / b; b > 0 && (ratio > factorRatioHigh || ratio < factorRatioLow) {
			guess := fmt.Sprintf("written in percent but read as decimals (a header that starts with a date column means decimals): "+
				"the loadings come out about %.0f times too small; divide the factors by 100", ratio)
			if ratio < factorRatioLow {
				guess = fmt.Sprintf("divided by 100 once too often (Ken French's layout, a header whose first cell is empty, is read as percent): "+
					"the loadings come out about %.0f times too large; give decimals under a date,f1,f2 header", 1/ratio)
			}
			out = append(out, fmt.Sprintf("%s: the factor %s has an sd of %.3g a day (median over the events' estimation days), %.3g times that of the securities' returns (%.3g): "+
				"the factors look %s.", f.File, f.Names[mkt], a, ratio, b, guess))
		}
	}
	if rfMax > maxDailyRF {
		out = append(out, fmt.Sprintf("%s: the risk-free rate RF is %.4g on %s, more than 1%% a day: an annual rate, or percent read as decimals?", f.File, rfMax, rfDate))
	}
	if ok := factorExchanges[f.Market]; ok != nil {
		var foreign []string
		seen := map[string]bool{}
		for _, e := range events {
			x := e.Exchange.Code
			if x == "" {
				x = prices.ExchangeOf(e.Ticker).Code
			}
			if !slices.Contains(ok, x) && !seen[e.Ticker] {
				seen[e.Ticker] = true
				foreign = append(foreign, e.Ticker+" ("+x+")")
			}
		}
		sort.Strings(foreign)
		if len(foreign) > 0 {
			if len(foreign) > 5 {
				foreign = append(foreign[:5], fmt.Sprintf("and %d more", len(foreign)-5))
			}
			out = append(out, fmt.Sprintf("%s holds %s factors, but %s trade elsewhere: factors of another market explain little of their returns "+
				"(and their trading days differ); use factors of the securities' own market.",
				f.File, f.Market, strings.Join(foreign, ", ")))
		}
	}
	return out
}

// zeroVolumeDays returns, for the event's security and its benchmark,
// the estimation days on which the log volume is 0 where the median log
// volume of the estimation window is at least log(1+1000) (nil where
// none, or no such series): what zeroVolumeWarnings takes of the event,
// kept by slim for a slimmed event. est is scratch.
func (e *Event) zeroVolumeDays(cfg Config, est *[]float64) [2][]prices.Date {
	if e.Slimmed() {
		return e.zeroDays
	}
	minLog := math.Log1p(1000)
	var out [2][]prices.Date
	for side, t := range []string{e.Ticker, e.Market} {
		v := e.Aligned.R
		if side == 1 {
			v = e.Aligned.Rm
		}
		if t == "" || v == nil {
			continue
		}
		*est = (*est)[:0]
		var days []prices.Date
		for d := max(cfg.Estimation.From, e.First); d <= cfg.Estimation.To; d++ {
			x := v[d-e.First]
			if math.IsNaN(x) {
				continue
			}
			*est = append(*est, x)
			if x == 0 {
				days = append(days, e.Date(d))
			}
		}
		if len(days) > 0 && median(*est) >= minLog {
			out[side] = days
		}
	}
	return out
}

// marketFactor returns the index of the market factor of f: Mkt-RF, or
// the first factor of a generic file.
func marketFactor(f *prices.Factors) int {
	mkt := slices.IndexFunc(f.Names, func(n string) bool { return strings.EqualFold(n, "Mkt-RF") })
	if mkt < 0 && len(f.Names) > 0 {
		mkt = 0 // a generic file: its first factor
	}
	return mkt
}

// factorStats is what factorWarnings takes of an event: the sd of its
// returns and of the market factor over its estimation days with both (ok
// when there are more than 2), and the largest |RF| on them, the first
// date it is reached.
type factorStats struct {
	sdR, sdF float64
	ok       bool
	rfMax    float64
	rfDate   prices.Date
}

// factorStats returns e's factorStats for the market factor mkt of
// cfg.Factors: kept by slim for a slimmed event.
func (e *Event) factorStats(cfg Config, mkt int) factorStats {
	if e.Slimmed() {
		return e.factor
	}
	f := cfg.Factors
	var fs factorStats
	var r, x []float64
	for d := max(cfg.Estimation.From, e.First); d <= cfg.Estimation.To; d++ {
		k := d - e.First
		i, ok := f.Index(e.Date(d))
		if !ok || math.IsNaN(e.Aligned.R[k]) || math.IsNaN(f.Values[mkt][i]) {
			continue
		}
		r = append(r, e.Aligned.R[k])
		x = append(x, f.Values[mkt][i])
		if rf := f.RF[i]; math.Abs(rf) > fs.rfMax {
			fs.rfMax, fs.rfDate = math.Abs(rf), f.Dates[i]
		}
	}
	if len(r) > 2 {
		fs.sdR, fs.sdF, fs.ok = stddev(r), stddev(x), true
	}
	return fs
}

// dateUse is the span of dates an event uses: from its first estimation
// day to its last event day.
type dateUse struct {
	lo, hi prices.Date
	id     string
}

// bigMoveUsed reports whether s has a daily return beyond ±log 1.5
// (implausibleLog) on a date within one of uses: a price ratio above 1.5
// or below 1/1.5 (for a series of returns, 1 + r).
func bigMoveUsed(s *prices.Series, uses []dateUse) bool {
	for j := 1; j < len(s.Values); j++ {
		ratio := 1 + s.Values[j]
		if !s.IsReturn {
			ratio = s.Values[j] / s.Values[j-1]
		}
		if !(ratio > 1.5 || ratio < 1/1.5) { // NaN is neither
			continue
		}
		for _, u := range uses {
			if u.lo <= s.Dates[j] && s.Dates[j] <= u.hi {
				return true
			}
		}
	}
	return false
}

// stddev returns the sample standard deviation of x (at least 2 values).
func stddev(x []float64) float64 {
	var m, ss float64
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	return math.Sqrt(ss / float64(len(x)-1))
}
