package study

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/eventstudy/eventstudy/internal/par"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// MaxPlacebo bounds the pseudo-studies of --placebo. Each is a full study
// of the events; 10,000 resolves an empirical p-value to 0.0001 and an
// empirical 5% size to ±0.4 points (binomial sd), and keeps the p-values
// held (one float64 per replication, test and tested day) to 8 bytes ×
// 10,000 × 20 tests × 111 days, 180 MB at the widest default grid.
const MaxPlacebo = 10000

// placeboTries is how many draws a date cluster makes for an admissible
// pseudo-date before it sits out a replication (counted in Missed).
const placeboTries = 1000

// Placebo is the null distribution of every test on the study's own data:
// K pseudo-studies of the same securities on dates drawn from their own
// histories outside every real event window, run through the identical
// pipeline (alignment, model, every test, every window).
//
// The real events are clustered by day 0: each replication draws one
// pseudo-date per cluster (a trading date of the cluster's longest series
// whose widest window overlaps no real event window of any security of
// the cluster, nor a pseudo-window the replication already gave one of
// them) and gives it to every event of the cluster, so events that
// share a date in the study share one in each pseudo-study and the
// cross-correlation that date-clustering brings is kept.
type Placebo struct {
	K    int
	Seed uint64
	// Clusters is the number of real day-0 dates; Asked the pseudo-events
	// a replication asks for (the computed real events).
	Clusters, Asked int
	// Admissible is the number of admissible pseudo-dates of each cluster
	// (in order of date); Short counts the clusters with fewer than K,
	// whose pseudo-dates repeat across replications.
	Admissible []int
	Short      int
	// Fewest is the index in Admissible of the cluster with the fewest
	// admissible dates, and FewestDrawn the distinct pseudo-dates its K
	// draws gave.
	Fewest, FewestDrawn int
	// Computed is the pseudo-events computed in each replication;
	// Skipped the pseudo-events that could not be (as a real event would
	// be skipped: a gap, too short an estimation), over all replications;
	// Missed the cluster draws without an admissible date, and
	// MissedEvents the pseudo-events of those clusters.
	Computed                      []int
	Skipped, Missed, MissedEvents int
	FirstSkip                     string // the reason of the first skipped pseudo-event, by replication

	// DayP and WindowP hold the p-values of the pseudo-studies:
	// DayP[j][t][r] is replication r's p of test t (Result.Days[j].Tests
	// order) on day j; WindowP[k][t][r] likewise for window k. NaN where
	// the test was n/a.
	DayP, WindowP [][][]float64
	// Elapsed is the wall time of the K pseudo-studies.
	Elapsed time.Duration
}

// RejectionRate returns the share of the replications whose p-value is at
// most level, among the n whose p is not NaN (NaN when n is 0).
func RejectionRate(ps []float64, level float64) (rate float64, n int) {
	var rej int
	for _, p := range ps {
		if math.IsNaN(p) {
			continue
		}
		n++
		if p <= level {
			rej++
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return float64(rej) / float64(n), n
}

// EmpiricalP returns the empirical p-value of a real test among its
// placebo replications: (1 + #{p_placebo <= p_real}) / (n + 1), n the
// replications with a p. Every test of the battery is two-sided and its p
// decreases in |statistic| (for the statistics centred on 0 under the
// null), so this is (1 + #{|placebo| >= |real|}) / (n + 1), and it holds
// as well for the Wilcoxon W and the sign counts, which are not centred on
// 0. The 1 counts the real study among the draws, so the p is never 0 and
// is exact in size when the real study is exchangeable with the
// pseudo-studies (Davison & Hinkley 1997, eq. 4.11). NaN when the real p
// is NaN or no replication has one.
func EmpiricalP(ps []float64, real float64) float64 {
	if math.IsNaN(real) {
		return math.NaN()
	}
	var n, ge int
	for _, p := range ps {
		if math.IsNaN(p) {
			continue
		}
		n++
		if p <= real {
			ge++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(1+ge) / float64(n+1)
}

// interval is a closed range of dates.
type interval struct{ lo, hi prices.Date }

// placeboCluster is the real events of one day 0.
type placeboCluster struct {
	day0    prices.Date
	events  []*Event
	anchor  *prices.Series // the longest series of the cluster: pseudo-dates are its dates
	lo, hi  int            // the anchor's indices a pseudo day 0 may take
	busy    []interval     // real event windows of the cluster's securities, merged
	tickers []string       // the cluster's distinct securities
	n       int            // admissible dates
}

// placebo runs the K pseudo-studies of cfg.Placebo on the computed events.
func (res *Result) placebo(cfg Config, in *inputs, series map[string]*prices.Series) {
	start := time.Now()
	span := cfg.Span()
	pad := 0 // the lead-lag models' widening of the grid (compute)
	switch cfg.Model {
	case stats.ScholesWilliams:
		pad = 1
	case stats.Dimson:
		pad = max(cfg.Lags, 1)
	}
	// Real event windows by security. A pseudo-event's estimation window
	// leaves them out too: else the real events' abnormal returns enter
	// its normal return (on the demo, +2% days in the estimation window
	// biased the pseudo-CARs of -5:5 down and the t test rejected 9% of
	// the time at 5% over 7 seeds).
	busy := map[string][]interval{}
	for _, e := range res.Events {
		busy[e.Ticker] = append(busy[e.Ticker], interval{e.Date(span.From), e.Date(span.To)})
	}
	for t, v := range busy {
		busy[t] = merge(v)
	}
	byDay := map[prices.Date]*placeboCluster{}
	var clusters []*placeboCluster
	for _, e := range res.Events {
		c := byDay[e.Day0]
		if c == nil {
			c = &placeboCluster{day0: e.Day0}
			byDay[e.Day0] = c
			clusters = append(clusters, c)
		}
		c.events = append(c.events, e)
	}
	sort.Slice(clusters, func(a, b int) bool { return clusters[a].day0 < clusters[b].day0 })
	p := &Placebo{K: cfg.Placebo, Seed: cfg.Seed, Clusters: len(clusters), Asked: len(res.Events)}
	for _, c := range clusters {
		seen := map[string]bool{}
		for _, e := range c.events {
			s := series[e.Ticker]
			if c.anchor == nil || len(s.Dates) > len(c.anchor.Dates) {
				c.anchor = s
			}
			if !seen[e.Ticker] {
				seen[e.Ticker] = true
				c.busy = append(c.busy, busy[e.Ticker]...)
				c.tickers = append(c.tickers, e.Ticker)
			}
		}
		c.busy = merge(c.busy)
		// Room for the estimation window before and the widest window after.
		c.lo, c.hi = pad-cfg.Estimation.From, len(c.anchor.Dates)-1-span.To-pad
		for i := max(c.lo, -span.From); i <= c.hi; i++ {
			if c.admits(i, span.From, span.To) {
				c.n++
			}
		}
		if len(p.Admissible) > 0 && c.n < p.Admissible[p.Fewest] {
			p.Fewest = len(p.Admissible)
		}
		p.Admissible = append(p.Admissible, c.n)
		if c.n < cfg.Placebo {
			p.Short++
		}
	}

	one := cfg
	one.Workers, one.Bootstrap, one.Progress = 1, 0, nil
	type rep struct {
		day, window [][]float64 // [day or window][test] p
		computed    int
		skipped     int
		missed      int
		missedEvs   int
		firstSkip   string // why the first skipped pseudo-event was skipped
		fewest      int    // the draw of cluster p.Fewest, -1 for none
	}
	reps := make([]rep, cfg.Placebo)
	// Replications are independent, each with its own stream of the seed
	// (PCG(seed, r)): the outcome does not depend on the workers.
	par.For(cfg.Workers, cfg.Placebo, func(r int) {
		rng := rand.New(rand.NewPCG(cfg.Seed, uint64(r)))
		var evs []*Event
		out := rep{fewest: -1}
		// The pseudo-windows of a security taken in this replication:
		// two clusters do not get overlapping pseudo-windows for the
		// same security, as two real date clusters are distinct dates
		// (drawn independently, the FOMC study's 196 clusters of 74
		// securities had about 40 pairs of overlapping -5:5 windows per
		// replication, the same returns counted twice).
		taken := map[string][]interval{}
		free := func(c *placeboCluster, i int) bool {
			w := interval{c.anchor.Dates[i+span.From], c.anchor.Dates[i+span.To]}
			for _, tk := range c.tickers {
				if overlaps(taken[tk], w) {
					return false
				}
			}
			return true
		}
		for ci, c := range clusters {
			i, ok := c.draw(rng, span.From, span.To, func(i int) bool { return free(c, i) })
			if !ok {
				out.missed++
				out.missedEvs += len(c.events)
				continue
			}
			w := interval{c.anchor.Dates[i+span.From], c.anchor.Dates[i+span.To]}
			for _, tk := range c.tickers {
				taken[tk] = insert(taken[tk], w)
			}
			if ci == p.Fewest {
				out.fewest = i
			}
			date := c.anchor.Dates[i]
			for _, e := range c.events {
				ev := e.Event
				ev.Date, ev.Time, ev.HasTime, ev.AfterClose, ev.Timing = date, time.Time{}, false, false, ""
				pe, err := in.compute(one, ev, marketOf(ev, cfg), series[ev.Ticker], busy[ev.Ticker])
				if err != nil {
					if out.skipped == 0 {
						out.firstSkip = fmt.Sprintf("%s at %s: %v", ev.Ticker, date, err)
					}
					out.skipped++
					continue
				}
				evs = append(evs, pe)
			}
		}
		out.computed = len(evs)
		if len(evs) > 0 {
			days, windows := crossSection(one, evs, nil, nil)
			for _, d := range days {
				out.day = append(out.day, pvalues(d.Tests))
			}
			for _, w := range windows {
				out.window = append(out.window, pvalues(w.Tests))
			}
		}
		reps[r] = out
	})
	p.DayP = make([][][]float64, len(res.Days))
	for j, d := range res.Days {
		p.DayP[j] = gather(reps, len(d.Tests), func(x rep) [][]float64 { return x.day }, j)
	}
	p.WindowP = make([][][]float64, len(res.Windows))
	for k, w := range res.Windows {
		p.WindowP[k] = gather(reps, len(w.Tests), func(x rep) [][]float64 { return x.window }, k)
	}
	drawn := map[int]bool{}
	for _, x := range reps {
		if x.fewest >= 0 {
			drawn[x.fewest] = true
		}
		p.Computed = append(p.Computed, x.computed)
		p.Skipped += x.skipped
		p.Missed += x.missed
		p.MissedEvents += x.missedEvs
		if p.FirstSkip == "" {
			p.FirstSkip = x.firstSkip
		}
	}
	p.FewestDrawn = len(drawn)
	p.Elapsed = time.Since(start)
	res.Placebo = p
	res.Warnings = append(res.Warnings, p.warnings()...)
}

// gather collects the p-values of row j of each replication: [test][rep].
func gather[R any](reps []R, tests int, rows func(R) [][]float64, j int) [][]float64 {
	out := make([][]float64, tests)
	for t := range out {
		out[t] = make([]float64, len(reps))
		for r, x := range reps {
			out[t][r] = math.NaN()
			if rs := rows(x); j < len(rs) && t < len(rs[j]) {
				out[t][r] = rs[j][t]
			}
		}
	}
	return out
}

func pvalues(rs []stats.Result) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = r.P
	}
	return out
}

// admits reports whether the anchor's index i can be a pseudo day 0: its
// widest window overlaps no real event window of the cluster.
func (c *placeboCluster) admits(i, from, to int) bool {
	return !overlaps(c.busy, interval{c.anchor.Dates[i+from], c.anchor.Dates[i+to]})
}

// draw returns an admissible index drawn uniformly.
func (c *placeboCluster) draw(rng *rand.Rand, from, to int, free func(i int) bool) (int, bool) {
	lo := max(c.lo, -from)
	if c.n == 0 || c.hi < lo {
		return 0, false
	}
	for range placeboTries {
		i := lo + rng.IntN(c.hi-lo+1)
		if c.admits(i, from, to) && free(i) {
			return i, true
		}
	}
	return 0, false
}

// overlaps reports whether x overlaps one of the sorted, disjoint
// intervals v.
func overlaps(v []interval, x interval) bool {
	k := sort.Search(len(v), func(k int) bool { return v[k].hi >= x.lo })
	return k < len(v) && v[k].lo <= x.hi
}

// insert adds x to the sorted, disjoint intervals v, which x does not
// overlap (overlaps), keeping them sorted.
func insert(v []interval, x interval) []interval {
	k := sort.Search(len(v), func(k int) bool { return v[k].lo > x.lo })
	return slices.Insert(v, k, x)
}

// masked reports whether date falls in one of the sorted, disjoint
// intervals v.
func masked(v []interval, date prices.Date) bool {
	k := sort.Search(len(v), func(k int) bool { return v[k].hi >= date })
	return k < len(v) && v[k].lo <= date
}

// merge sorts intervals and joins those that overlap.
func merge(v []interval) []interval {
	sort.Slice(v, func(a, b int) bool { return v[a].lo < v[b].lo })
	var out []interval
	for _, x := range v {
		if n := len(out); n > 0 && x.lo <= out[n-1].hi {
			out[n-1].hi = max(out[n-1].hi, x.hi)
			continue
		}
		out = append(out, x)
	}
	return out
}

// warnings say when the placebo is thin: clusters with fewer admissible
// dates than replications, draws without a date, pseudo-events skipped.
func (p *Placebo) warnings() []string {
	var w []string
	if p.Short > 0 {
		w = append(w, fmt.Sprintf("placebo: %d of %d event dates have fewer admissible pseudo-dates than the %d replications, so their pseudo-dates repeat (the fewest, %d, gave %d distinct dates in %d draws)",
			p.Short, p.Clusters, p.K, p.Admissible[p.Fewest], p.FewestDrawn, p.K))
	}
	if p.Missed > 0 {
		w = append(w, fmt.Sprintf("placebo: %d of %d draws of a pseudo-date found none outside the real event windows and the replication's other pseudo-windows of the same securities in %d tries; their %d pseudo-events sit out their replication", p.Missed, p.K*p.Clusters, placeboTries, p.MissedEvents))
	}
	var computed int
	for _, n := range p.Computed {
		computed += n
	}
	if want := p.K * p.Asked; computed < want {
		first := ""
		if p.FirstSkip != "" {
			first = "; the first skipped: " + p.FirstSkip
		}
		w = append(w, fmt.Sprintf("placebo: %d of %d pseudo-events computed (%d skipped as a real event would be: too short an estimation, a gap, no prices; %d without a pseudo-date)%s", computed, want, p.Skipped, p.MissedEvents, first))
	}
	return w
}
