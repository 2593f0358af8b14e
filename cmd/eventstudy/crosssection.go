package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/report"
	"github.com/eventstudy/eventstudy/internal/stats"
)

const crossSectionUsage = `Usage: eventstudy cross-section --events FILE --prices PATH --x COL[,COL...] [flags]

When many firms share an event date (a common shock: an FOMC decision, a
law, a crash), regresses their returns over the event window on firm
characteristics, columns of the event list, and judges the slopes two ways
that allow for the correlation of the firms' returns (Cohn, Johnson, Liu &
Wardlaw 2023, "Past is Prologue"):

  p_empirical  the event slope's two-sided percentile among the slopes of
               the same regression, same firms and characteristics, on each
               pre-event period of the window's length (non-overlapping,
               inside the estimation window)
  gls_*        GLS with the covariance of the firms' returns estimated from
               the estimation window by --factors principal components plus
               a diagonal, solved by the Woodbury identity: the t test
               (gls_p) and the GLS slope's percentile among the pre-event
               GLS slopes (gls_p_empirical), each pre-event period with a
               covariance from its own estimation window, re-estimated
               every 21 trading days (a period whose window starts before
               the price files has none; n_pre_gls counts those with one)

beside the conventional OLS answer (HC1 standard errors), which takes the
firms as independent and over-rejects when a common factor moves them.

Events are grouped by date; each date is one regression, over the firms
with prices on every day of the event window and at least half of the
estimation window (the others are listed on stderr with the reason, as are
firms whose characteristic cell is empty or not a number); --date keeps one
date. Returns are raw simple returns summed over the window, not abnormal
returns: the day's market move, felt by each firm by its beta, is one of
the common factors the pre-event benchmark and the GLS covariance account
for (for CARs from a fitted model, use 'eventstudy regress'). Day 0 is the first
session of the price files on or after the event's date (after it for an
amc event).

Example:
  eventstudy events --dates fomc.csv --tickers prices/ --out fomc_events.csv
  scripts/momentum.py fomc_events.csv prices/ > fomc_momentum.csv
  eventstudy cross-section --events fomc_momentum.csv --prices prices/ --x momentum --date 2022-06-15

Flags:
`

// maxFactors bounds --factors (windows are bounded by stats.ParseWindow,
// ±25000 trading days, as in run).
const maxFactors = 50

func runCrossSection(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("cross-section", crossSectionUsage, stderr)
	eventsFile := fset.String("events", "", "event list `FILE` (ticker, date and the characteristic columns)")
	pricesPath := fset.String("prices", "", "price files: a directory, a file or a glob")
	xs := fset.String("x", "", "characteristic `columns` of the event list, comma-separated")
	window := fset.String("window", "0:0", "event `window` FROM:TO in trading days")
	estimation := fset.String("estimation", "-250:-11", "estimation `window` FROM:TO: the pre-event periods and the covariance")
	factors := fset.Int("factors", 5, "principal components of the covariance (0 to 50)")
	dateFlag := fset.String("date", "", "only the events of this `date` (YYYY-MM-DD)")
	out := fset.String("out", "", "also write the coefficients to this CSV `FILE`")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	switch {
	case *eventsFile == "":
		return usagef("--events is required")
	case *pricesPath == "":
		return usagef("--prices is required")
	case *xs == "":
		return usagef("--x is required")
	case *factors < 0 || *factors > maxFactors:
		return usagef("--factors %d: want 0 to %d", *factors, maxFactors)
	}
	w, err := stats.ParseWindow(*window)
	if err != nil {
		return usageError{fmt.Errorf("--window: %w", err)}
	}
	est, err := stats.ParseWindow(*estimation)
	if err != nil {
		return usageError{fmt.Errorf("--estimation: %w", err)}
	}
	if est.To >= w.From {
		return usagef("--estimation %s must end before the event window %s starts", est, w)
	}
	if est.To-est.From+1 < 2*(w.To-w.From+1) {
		return usagef("--estimation %s holds fewer than two periods of the window's %d days", est, w.To-w.From+1)
	}
	var only prices.Date
	if *dateFlag != "" {
		t, err := prices.ParseDate(*dateFlag)
		if err != nil {
			return usagef("--date %q: want YYYY-MM-DD", *dateFlag)
		}
		only = t
	}
	var cols []string
	for _, c := range strings.Split(*xs, ",") {
		if c = strings.TrimSpace(c); c != "" {
			cols = append(cols, c)
		}
	}

	list, err := prices.ReadEvents(*eventsFile, prices.EventColumns{})
	if err != nil {
		return err
	}
	for _, r := range list.Rejected {
		fmt.Fprintf(stderr, "skipped %v\n", r.Err)
	}
	colIdx := make([]int, len(cols))
	for j, c := range cols {
		colIdx[j] = slices.Index(list.Extra, c)
		if colIdx[j] < 0 {
			return usagef("--x %s: no such column in %s (it has: %s)", c, *eventsFile, strings.Join(list.Extra, ", "))
		}
	}
	series, err := prices.LoadWith(*pricesPath, prices.Options{})
	if err != nil {
		return err
	}
	cs := newCrossSectionData(series)

	// Events by day 0 on the common axis.
	groups := map[int][]prices.Event{}
	for _, ev := range list.Events {
		if only != 0 && ev.Date != only {
			continue
		}
		d0 := cs.day0(ev)
		if d0 < 0 {
			fmt.Fprintf(stderr, "skipped %s:%d: %s %s: after the last price\n", list.File, ev.Line, ev.Ticker, ev.Date)
			continue
		}
		groups[d0] = append(groups[d0], ev)
	}
	if len(groups) == 0 {
		return fmt.Errorf("%s: no event falls inside the price files", *eventsFile)
	}
	days := make([]int, 0, len(groups))
	for d := range groups {
		days = append(days, d)
	}
	sort.Ints(days)

	type result struct {
		date string
		res  stats.CommonShock
		k    int
	}
	var results []result
	for _, d0 := range days {
		date := cs.axis[d0].String()
		y, x, cov, pre, glsPre, err := cs.build(groups[d0], d0, w, est, cols, colIdx, list.File, *factors, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "skipped %s: %v\n", date, err)
			continue
		}
		res, err := stats.RegressCommonShock(y, x, cols, pre, cov, glsPre)
		if err != nil {
			fmt.Fprintf(stderr, "skipped %s: %v\n", date, err)
			continue
		}
		results = append(results, result{date, res, cov.K()})
	}
	if len(results) == 0 {
		return fmt.Errorf("no event date could be estimated (reasons above)")
	}
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s, window %s: %s; %s of %s (%d skipped), %d with an out-of-sample GLS fit; GLS with %s\n",
			r.date, w, plural(r.res.N, "firm"), plural(r.res.NPre, "pre-event period"), plural(w.To-w.From+1, "day"), r.res.PreSkipped, r.res.NPreGLS, plural(r.k, "factor"))
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "term\tOLS\tHC1 p\tpre mean\tpre sd\tp empirical\tGLS\tGLS se\tGLS p\tGLS p empirical\t")
		for _, t := range r.res.Terms {
			fmt.Fprintf(tw, "%s\t%.4g\t%s\t%.4g\t%.4g\t%s\t%.4g\t%.4g\t%s\t%s\t\n", t.Name, t.Coef, report.PValue(t.P), t.PreMean, t.PreSD, report.PValue(t.PEmpirical), t.GLSCoef, t.GLSSE, report.PValue(t.GLSP), report.PValue(t.GLSPEmpirical))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if *out == "" {
		return nil
	}
	return report.WriteFileAtomic(*out, func(wr io.Writer) error {
		cw := csv.NewWriter(wr)
		cw.Write([]string{"date", "window", "term", "estimate", "se_hc1", "p_value", "p_empirical", "pre_mean", "pre_sd", "gls_estimate", "gls_se", "gls_p", "gls_p_empirical", "n_firms", "n_pre", "n_pre_gls", "factors"})
		for _, r := range results {
			for _, t := range r.res.Terms {
				cw.Write([]string{r.date, w.String(), t.Name, report.FormatFloat(t.Coef), report.FormatFloat(t.SE), report.FormatFloat(t.P),
					report.FormatFloat(t.PEmpirical), report.FormatFloat(t.PreMean), report.FormatFloat(t.PreSD),
					report.FormatFloat(t.GLSCoef), report.FormatFloat(t.GLSSE), report.FormatFloat(t.GLSP), report.FormatFloat(t.GLSPEmpirical),
					strconv.Itoa(r.res.N), strconv.Itoa(r.res.NPre), strconv.Itoa(r.res.NPreGLS), strconv.Itoa(r.k)})
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

// crossSectionData holds every security's simple returns on the common
// axis of trading days, the union of the dates of all price files: a
// security without a row on an axis day has no return that day (NaN).
type crossSectionData struct {
	axis []prices.Date
	ret  map[string][]float64 // by ticker, on the axis
}

func newCrossSectionData(series []*prices.Series) *crossSectionData {
	seen := map[prices.Date]bool{}
	for _, s := range series {
		for _, d := range s.Dates {
			seen[d] = true
		}
	}
	c := &crossSectionData{ret: map[string][]float64{}}
	for d := range seen {
		c.axis = append(c.axis, d)
	}
	slices.Sort(c.axis)
	for _, s := range series {
		r := s.Returns(false)
		out := make([]float64, len(c.axis))
		for i := range out {
			out[i] = math.NaN()
		}
		for j, d := range s.Dates {
			i, _ := slices.BinarySearch(c.axis, d)
			out[i] = r[j]
		}
		if _, dup := c.ret[s.Ticker]; !dup {
			c.ret[s.Ticker] = out
		}
	}
	return c
}

// day0 is the axis index of the event's day 0, -1 after the last day.
func (c *crossSectionData) day0(ev prices.Event) int {
	i := sort.Search(len(c.axis), func(i int) bool {
		if ev.AfterClose {
			return c.axis[i] > ev.Date
		}
		return c.axis[i] >= ev.Date
	})
	if i == len(c.axis) {
		return -1
	}
	return i
}

// build assembles one date's regression: the firms' window returns y, the
// characteristics x, the factor covariance and the pre-event periods'
// returns. Firms left out are listed on stderr with the reason.
func (c *crossSectionData) build(evs []prices.Event, d0 int, w, est stats.Window, cols []string, colIdx []int, file string, k int, stderr io.Writer) (y []float64, x [][]float64, cov stats.FactorCov, pre [][]float64, glsPre []stats.GLSPeriod, err error) {
	if d0+est.From < 0 || d0+w.To >= len(c.axis) {
		return nil, nil, cov, nil, nil, fmt.Errorf("the windows %s and %s run beyond the price files (%s to %s)", est, w, c.axis[0], c.axis[len(c.axis)-1])
	}
	date := c.axis[d0]
	x = make([][]float64, len(cols))
	var estRet [][]float64
	seen := map[string]bool{}
	var kept []string
	sum := func(r []float64, from, to int) float64 {
		s := 0.0
		for i := from; i <= to; i++ {
			s += r[i]
		}
		return s
	}
	minEst := (est.To - est.From + 1) / 2
firms:
	for _, ev := range evs {
		skip := func(format string, args ...any) {
			fmt.Fprintf(stderr, "skipped %s:%d: %s %s: %s\n", file, ev.Line, ev.Ticker, date, fmt.Sprintf(format, args...))
		}
		r, ok := c.ret[ev.Ticker]
		switch {
		case !ok:
			skip("no prices for %s", ev.Ticker)
			continue
		case seen[ev.Ticker]:
			skip("a second event of %s on this date", ev.Ticker)
			continue
		}
		vals := make([]float64, len(cols))
		for j, ci := range colIdx {
			cell := ""
			if ci < len(ev.Extra) {
				cell = strings.TrimSpace(ev.Extra[ci])
			}
			if cell == "" {
				skip("%s is empty", cols[j])
				continue firms
			}
			v, perr := strconv.ParseFloat(cell, 64)
			if perr != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				skip("%s: %q is not a number", cols[j], cell)
				continue firms
			}
			vals[j] = v
		}
		ey := sum(r, d0+w.From, d0+w.To)
		if math.IsNaN(ey) {
			skip("no return on a day of the window %s", w)
			continue
		}
		er := r[d0+est.From : d0+est.To+1]
		have := 0
		for _, v := range er {
			if !math.IsNaN(v) {
				have++
			}
		}
		if have < minEst {
			skip("%d returns in the estimation window %s, fewer than half its %d days", have, est, len(er))
			continue
		}
		seen[ev.Ticker] = true
		kept = append(kept, ev.Ticker)
		y = append(y, ey)
		for j := range cols {
			x[j] = append(x[j], vals[j])
		}
		estRet = append(estRet, er)
	}
	n := len(y)
	need := max(minRowsPerCoef*(len(cols)+1), len(cols)+1+minResidualDF)
	if n < need {
		return nil, nil, cov, nil, nil, fmt.Errorf("%d firms with returns and characteristics; the regression needs at least %d (%d per coefficient and %d residual degrees of freedom)", n, need, minRowsPerCoef, minResidualDF)
	}
	for j, col := range x {
		if slices.Min(col) == slices.Max(col) {
			return nil, nil, cov, nil, nil, fmt.Errorf("characteristic %s is %g for all %d firms: no variance to regress on", cols[j], col[0], n)
		}
	}
	if k >= min(n, len(estRet[0])) {
		return nil, nil, cov, nil, nil, fmt.Errorf("--factors %d: want fewer than the %d firms", k, n)
	}
	cov, err = stats.EstimateFactorCov(estRet, k)
	if err != nil {
		return nil, nil, cov, nil, nil, err
	}
	// Pre-event periods: non-overlapping blocks of the window's length,
	// the last ending on the estimation window's last day.
	l := w.To - w.From + 1
	for end := d0 + est.To; end-l+1 >= d0+est.From; end -= l {
		p := make([]float64, n)
		for i, t := range kept {
			p[i] = sum(c.ret[t], end-l+1, end)
		}
		pre = append(pre, p)
	}
	glsPre = c.rollingCovs(kept, pre, d0, l, est, k)
	return y, x, cov, pre, glsPre, nil
}

// refitDays is how often, in trading days, the covariance of the GLS null
// is re-estimated along the pre-event periods.
const refitDays = 21

// rollingCovs gives each pre-event period (pre[t] ends on day
// d0 + est.To - t*l) a covariance estimated out of sample, as the event's
// is: from the est window of days relative to the first period of its
// group of refitDays days (groups counted back from the last period), over
// the firms with returns on at least half of that window. A firm without
// is left out of the period (NaN); a period whose window starts before the
// price files, or with too few firms for k factors, has no GLS estimate.
func (c *crossSectionData) rollingCovs(kept []string, pre [][]float64, d0, l int, est stats.Window, k int) []stats.GLSPeriod {
	n := len(kept)
	per := max(1, refitDays/l) // periods per group
	out := []stats.GLSPeriod{} // not nil: nil asks for the in-sample null
	var cur stats.FactorCov
	var in []bool
	ok := false
	for t := range pre {
		if t%per == 0 {
			// The group's first period in time is its last in t.
			last := min(t+per-1, len(pre)-1)
			start := d0 + est.To - last*l - l + 1 // first day of that period
			ok = false
			if start+est.From >= 0 {
				var rs [][]float64
				in = make([]bool, n)
				for i, tk := range kept {
					r := c.ret[tk][start+est.From : start+est.To+1]
					have := 0
					for _, v := range r {
						if !math.IsNaN(v) {
							have++
						}
					}
					if have >= len(r)/2 {
						in[i] = true
						rs = append(rs, r)
					}
				}
				if len(rs) > k+2 {
					sub, err := stats.EstimateFactorCov(rs, k)
					if err == nil {
						ok = true
						cur = stats.FactorCov{Loadings: make([][]float64, n), Idio: make([]float64, n)}
						j := 0
						for i := range kept {
							if in[i] {
								cur.Loadings[i], cur.Idio[i] = sub.Loadings[j], sub.Idio[j]
								j++
							} else {
								cur.Loadings[i], cur.Idio[i] = make([]float64, k), 1 // not read
							}
						}
					}
				}
			}
		}
		if !ok {
			continue
		}
		r := make([]float64, n)
		for i, v := range pre[t] {
			r[i] = math.NaN()
			if in[i] {
				r[i] = v
			}
		}
		out = append(out, stats.GLSPeriod{R: r, Cov: cur})
	}
	return out
}
