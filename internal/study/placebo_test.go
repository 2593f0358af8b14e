package study

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/data"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// demoStudy loads the bundled demo (data/demo: 40 synthetic securities,
// SYNMKT, 300 events with +2% on day 0) into a temporary directory.
func demoStudy(t testing.TB) (*prices.EventList, map[string]*prices.Series) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"synthetic_prices.csv.gz", "synthetic_events.csv"} {
		b, err := data.Demo.ReadFile("demo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/"+name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list, err := prices.ReadEvents(dir+"/synthetic_events.csv", prices.EventColumns{})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := prices.Load(dir + "/synthetic_prices.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	series := map[string]*prices.Series{}
	for _, s := range ss {
		series[s.Ticker] = s
	}
	return list, series
}

func demoConfig() Config {
	return Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
		Windows: []stats.Window{{From: 0, To: 0}, {From: -1, To: 1}, {From: -5, To: 5}},
		MinEst:  120, Market: "SYNMKT", Seed: 1}
}

// testIndex returns the position of test name in a battery.
func testIndex(t *testing.T, rs []stats.Result, name string) int {
	t.Helper()
	for i, r := range rs {
		if r.Test == name {
			return i
		}
	}
	t.Fatalf("no test %s", name)
	return -1
}

// TestPlaceboDemoSize: on the demo's synthetic market-model data (iid
// normal errors, gen/), the placebo size of the cross-sectional t test at
// 5% must be 5% up to sampling error. With K = 200 replications the
// binomial sd of a rejection rate of 0.05 is sqrt(0.05*0.95/200) = 0.0154;
// the band 0.05 ± 3 sd = [0.004, 0.096] holds the true rate of a correctly
// sized test with probability 0.997 (normal approximation; the seed is
// fixed, so the test is deterministic). The day-0 injection of +2% is
// outside every pseudo-window, so the real day 0 must be far in the tail:
// its empirical p is 1/201, the smallest possible.
func TestPlaceboDemoSize(t *testing.T) {
	list, series := demoStudy(t)
	cfg := demoConfig()
	cfg.Placebo = 200
	res, err := Run(cfg, list, series)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Placebo
	if p == nil || len(p.Computed) != 200 {
		t.Fatalf("placebo: %+v", p)
	}
	// Every pseudo-event is computed or counted as skipped or without a
	// pseudo-date: nothing is dropped silently. A few fall where a real
	// one would be skipped, or find no date free of the real windows and
	// of their security's other pseudo-windows.
	var computed int
	for _, n := range p.Computed {
		computed += n
	}
	all := 200 * len(res.Events)
	if computed+p.Skipped+p.MissedEvents != all || p.Skipped+p.MissedEvents > all/100 {
		t.Errorf("placebo: %d computed + %d skipped + %d without a pseudo-date (%d missed draws), want %d in all, at most 1%% not computed", computed, p.Skipped, p.MissedEvents, p.Missed, all)
	}
	k := 0 // window 0:0
	ti := testIndex(t, res.Windows[k].Tests, "t")
	rate, n := RejectionRate(p.WindowP[k][ti], 0.05)
	if n != 200 || rate < 0.004 || rate > 0.096 {
		t.Errorf("t test, window 0:0: placebo size %.3f over %d replications, want 0.05 ± 0.046 (3 binomial sd)", rate, n)
	}
	if got := EmpiricalP(p.WindowP[k][ti], res.Windows[k].Tests[ti].P); got != 1.0/201 {
		t.Errorf("empirical p of the +2%% day 0: %g, want 1/201", got)
	}
	t.Logf("t size at 5%%: %.3f; %d clusters; %s", rate, p.Clusters, p.Elapsed.Round(time.Millisecond))
}

// TestPlaceboDeterministic: the same seed gives the same p-values whatever
// the number of workers; another seed gives others.
func TestPlaceboDeterministic(t *testing.T) {
	list, series := demoStudy(t)
	cfg := demoConfig()
	cfg.Placebo = 8
	cfg.Windows = cfg.Windows[:1]
	var got [][]float64
	for _, w := range []int{1, 3} {
		c := cfg
		c.Workers = w
		res, err := Run(c, list, series)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, res.Placebo.WindowP[0][0])
	}
	for r := range got[0] {
		if got[0][r] != got[1][r] {
			t.Fatalf("replication %d: p %g with 1 worker, %g with 3", r, got[0][r], got[1][r])
		}
	}
	cfg.Seed = 2
	res, err := Run(cfg, list, series)
	if err != nil {
		t.Fatal(err)
	}
	if res.Placebo.WindowP[0][0][0] == got[0][0] {
		t.Error("seed 2 gave seed 1's first replication")
	}
}

// TestEmpiricalP checks the definition on small cases by hand.
func TestEmpiricalP(t *testing.T) {
	nan := math.NaN()
	ps := []float64{0.01, 0.2, 0.5, nan, 0.9}
	for _, c := range []struct {
		real, want float64
	}{
		{0.001, 1.0 / 5}, // none as extreme: (1+0)/(4+1)
		{0.2, 3.0 / 5},   // 0.01 and 0.2 (ties count): (1+2)/5
		{1, 1},           // all: (1+4)/5
		{nan, nan},
	} {
		got := EmpiricalP(ps, c.real)
		if got != c.want && !(math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("EmpiricalP(%g) = %g, want %g", c.real, got, c.want)
		}
	}
	if r, n := RejectionRate(ps, 0.2); r != 0.5 || n != 4 {
		t.Errorf("RejectionRate(0.2) = %g of %d, want 0.5 of 4 (0.01 and 0.2 of 4 non-NaN)", r, n)
	}
}

// TestPlaceboAdmits: a pseudo-window may touch no day of a real window
// (busy dates 10-15 and 30-31, windows -1:1 counted by hand).
func TestPlaceboAdmits(t *testing.T) {
	c := &placeboCluster{busy: merge([]interval{{10, 12}, {11, 15}, {30, 31}})}
	if len(c.busy) != 2 || c.busy[0] != (interval{10, 15}) {
		t.Fatalf("merge: %v", c.busy)
	}
	c.anchor = &prices.Series{}
	for d := prices.Date(0); d < 40; d++ {
		c.anchor.Dates = append(c.anchor.Dates, d)
	}
	for _, x := range []struct {
		i    int
		want bool
	}{{5, true}, {8, true}, {9, false}, {16, false}, {17, true}, {28, true}, {29, false}, {32, false}, {33, true}} {
		// window -1:1 around index i
		if got := c.admits(x.i, -1, 1); got != x.want {
			t.Errorf("admits(%d) = %v, want %v", x.i, got, x.want)
		}
	}
}

// TestPlaceboFOMCClustered: a subset of the README's FOMC study (SOURCES.md:
// events/fomc_dates_2000-2026.csv, panel_ndx/prices, the NDX benchmark):
// the FOMC dates of 2008-2019 for the first 40 Nasdaq-100 stocks (by
// name) listed before 2004, every event of a date sharing it. The full
// study (196 dates, 14,424 events, K = 200; README and
// docs/validation.md) gives the t test 34% at 5% on 0:0 and Patell 47.5%,
// and the tests whose variance comes from a time series, Brown-Warner
// and the Corrado rank test, 1.5% and 2%. Here with K = 50 (Monte Carlo sd
// sqrt(0.05 × 0.95 / 50) = 0.031 at 5%, so 3 sd above 5% is 0.142): the
// t and Patell tests must over-reject beyond 0.142 on 0:0 and -1:1, and
// Brown-Warner and the Corrado rank test stay at or below it.
func TestPlaceboFOMCClustered(t *testing.T) {
	res := fomcSubset(t)
	const band = 0.142
	for k, w := range res.Windows {
		size := func(name string) float64 {
			r, _ := RejectionRate(res.Placebo.WindowP[k][testIndex(t, w.Tests, name)], 0.05)
			return r
		}
		for _, name := range []string{"t", "patell"} {
			if s := size(name); s <= band {
				t.Errorf("%s %s: placebo size %.3f at 5%%, want above %.3f (over-rejecting on shared dates)", name, w.Window, s, band)
			}
		}
		for _, name := range []string{"brown-warner", "corrado-rank"} {
			if s := size(name); s > band {
				t.Errorf("%s %s: placebo size %.3f at 5%%, want at most %.3f", name, w.Window, s, band)
			}
		}
		t.Logf("%s: t %.3f patell %.3f bw %.3f rank %.3f patell-kp %.3f bmp-kp %.3f", w.Window, size("t"), size("patell"), size("brown-warner"), size("corrado-rank"), size("patell-kp"), size("bmp-kp"))
	}
}

// fomcSubset runs the subset of TestPlaceboFOMCClustered.
func fomcSubset(t *testing.T) *Result {
	t.Helper()
	needShared(t, "events/fomc_dates_2000-2026.csv")
	b, err := os.ReadFile(shared + "events/fomc_dates_2000-2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	tickers := []string{"AAPL", "ADBE", "ADI", "ADP", "ADSK", "AEP", "AMAT", "AMD", "AMGN", "AMZN", "AXON", "BKNG", "BKR", "CDNS",
		"CMCSA", "COST", "CPRT", "CSCO", "CSX", "CTAS", "EA", "EXC", "FAST", "GILD", "HON", "IDXX", "INTC", "INTU", "ISRG", "KLAC",
		"LIN", "LRCX", "MAR", "MCHP", "MDLZ", "MNST", "MRVL", "MSFT", "MSTR", "MU"}
	series := map[string]*prices.Series{}
	for _, tk := range tickers {
		ss, err := prices.Load(tk + "=" + shared + "panel_ndx/prices/" + tk + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		series[tk] = ss[0]
	}
	ndx, err := prices.Load("^NDX=" + shared + "benchmarks/NDX_daily_1985-10_2026-02.csv")
	if err != nil {
		t.Fatal(err)
	}
	series["^NDX"] = ndx[0]
	list := &prices.EventList{}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		d, err := prices.ParseDate(strings.TrimSpace(line))
		if err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		if d < prices.NewDate(2008, 1, 1) || d > prices.NewDate(2019, 12, 31) {
			continue
		}
		for _, tk := range tickers {
			list.Events = append(list.Events, prices.Event{ID: tk + "-" + d.String(), Ticker: tk, Date: d, Written: d.String(), Line: i + 2})
		}
	}
	cfg := Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
		Windows: []stats.Window{{From: 0, To: 0}, {From: -1, To: 1}}, MinEst: 120, Market: "^NDX", Seed: 1, Placebo: 50}
	res, err := Run(cfg, list, series)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestPlaceboKeepsClusters is a seeded simulation of the case the
// placebo's date clusters are for: 20 securities whose market-model
// residuals share a factor outside the market (sd 0.005 beside their own
// sd 0.01: residual correlation 0.2, as scenario (c) of
// docs/validation.md), with 15 event dates each shared by all 20. Under
// this null a test that assumes independent events sees a variance of the
// date means 1 + 19 × 0.2 = 4.8 times what it assumes, so the t test
// rejects at 5% with probability about P(|Z| > 1.96/sqrt(4.8)) = 0.37;
// the Kolari-Pynnönen tests allow for the correlation and hold 5%. The
// placebo, drawing one pseudo-date per cluster, must show both: with
// K = 100 the Monte Carlo sd at 5% is 0.022, so the t size must exceed
// 0.05 + 3 sd = 0.115 and the KP sizes stay at or below it. A placebo
// that drew each event's date alone would give the t test its 5%.
func TestPlaceboKeepsClusters(t *testing.T) {
	const n, days = 20, 1100
	rng := rand.New(rand.NewPCG(12, 1))
	shock := map[[2]int]float64{}
	for d := 1; d < days; d++ {
		f := 0.005 * rng.NormFloat64()
		for i := range n {
			shock[[2]int{i, d}] = f
		}
	}
	series := panel(rng, n, days, 0.01, shock)
	dates := series["MKT"].Dates
	list := &prices.EventList{}
	for k := range 15 {
		d := dates[300+50*k]
		for i := range n {
			list.Events = append(list.Events, prices.Event{ID: fmt.Sprint(k, "-", i), Ticker: ticker(i), Date: d, Written: d.String(), Line: len(list.Events) + 2})
		}
	}
	cfg := config()
	cfg.Windows = cfg.Windows[:1]
	cfg.Placebo, cfg.Seed = 100, 1
	res, err := Run(cfg, list, series)
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Placebo; p.Clusters != 15 || p.Missed != 0 || p.Skipped != 0 {
		t.Fatalf("placebo: %d clusters, %d missed, %d skipped; want 15, 0, 0", p.Clusters, p.Missed, p.Skipped)
	}
	w := res.Windows[0]
	size := func(name string) float64 {
		r, _ := RejectionRate(res.Placebo.WindowP[0][testIndex(t, w.Tests, name)], 0.05)
		return r
	}
	const band = 0.115
	if s := size("t"); s <= band {
		t.Errorf("t: placebo size %.3f at 5%%, want above %.3f (the date clusters' correlation kept)", s, band)
	}
	for _, name := range []string{"patell-kp", "bmp-kp"} {
		if s := size(name); s > band {
			t.Errorf("%s: placebo size %.3f at 5%%, want at most %.3f", name, s, band)
		}
	}
	t.Logf("t %.3f, patell %.3f, bmp %.3f, patell-kp %.3f, bmp-kp %.3f", size("t"), size("patell"), size("bmp"), size("patell-kp"), size("bmp-kp"))
}
