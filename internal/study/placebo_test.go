package study

import (
	"math"
	"os"
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
	// Every pseudo-event is computed or counted as skipped: nothing is
	// dropped silently. A few fall where a real one would be skipped.
	var computed int
	for _, n := range p.Computed {
		computed += n
	}
	if p.Missed != 0 || computed+p.Skipped != 200*len(res.Events) || p.Skipped > 200*len(res.Events)/100 {
		t.Errorf("placebo: %d computed + %d skipped (%d missed draws), want %d in all, at most 1%% skipped", computed, p.Skipped, p.Missed, 200*len(res.Events))
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
