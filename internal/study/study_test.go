package study

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// panel builds a market and n securities over days weekdays from 2020-01-06.
// Each security's return is a + b*Rm + noise*e; inject adds a return on
// given (ticker, date index) pairs.
func panel(rng *rand.Rand, n, days int, noise float64, inject map[[2]int]float64) map[string]*prices.Series {
	dates := make([]prices.Date, 0, days)
	for d := prices.NewDate(2020, 1, 6); len(dates) < days; d = d.AddDays(1) {
		if wd := d.Weekday(); wd != 0 && wd != 6 {
			dates = append(dates, d)
		}
	}
	rm := make([]float64, days)
	mkt := &prices.Series{Ticker: "MKT", Dates: dates, Values: make([]float64, days)}
	mkt.Values[0] = 100
	for t := 1; t < days; t++ {
		rm[t] = 0.01 * rng.NormFloat64()
		mkt.Values[t] = mkt.Values[t-1] * (1 + rm[t])
	}
	out := map[string]*prices.Series{"MKT": mkt}
	for i := range n {
		s := &prices.Series{Ticker: ticker(i), Dates: dates, Values: make([]float64, days)}
		s.Values[0] = 50
		a, b := 0.0005*float64(i%3), 0.5+0.25*float64(i%4)
		for t := 1; t < days; t++ {
			r := a + b*rm[t] + noise*rng.NormFloat64() + inject[[2]int{i, t}]
			s.Values[t] = s.Values[t-1] * (1 + r)
		}
		out[s.Ticker] = s
	}
	return out
}

func ticker(i int) string { return "S" + string(rune('A'+i%26)) + string(rune('A'+i/26)) }

func config() Config {
	return Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
		Windows: []stats.Window{{From: 0, To: 0}, {From: -1, To: 1}, {From: -5, To: 5}}, MinEst: 120, Market: "MKT"}
}

// TestExactModelRecoversInjection: with R = a + b Rm exactly, the market
// model fits exactly, so every AR is 0 but the injected one (STATISTICS.md,
// "closed forms and invariants").
func TestExactModelRecoversInjection(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const day0 = 400
	inject := map[[2]int]float64{{0, day0}: 0.03, {1, day0 + 1}: -0.02}
	series := panel(rng, 2, 500, 0, inject)
	list := &prices.EventList{Events: []prices.Event{
		{ID: "a", Ticker: ticker(0), Date: series["MKT"].Dates[day0], Line: 2},
		{ID: "b", Ticker: ticker(1), Date: series["MKT"].Dates[day0], Line: 3},
	}}
	res, err := Run(config(), list, series)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range res.Events {
		for d := -5; d <= 5; d++ {
			want := 0.0
			if i == 0 && d == 0 {
				want = 0.03
			}
			if i == 1 && d == 1 {
				want = -0.02
			}
			// Tolerance: float64 rounding of prices compounded over 400 days.
			if got := e.AR[d-e.First]; !scalar.EqualWithinAbs(got, want, 1e-12) {
				t.Errorf("event %s day %d: AR %g, want %g", e.ID, d, got, want)
			}
		}
		// CAR = sum of AR over each window.
		for _, w := range e.Windows {
			var sum float64
			for d := w.Window.From; d <= w.Window.To; d++ {
				sum += e.AR[d-e.First]
			}
			if !scalar.EqualWithinAbs(w.CAR, sum, 1e-15) {
				t.Errorf("event %s window %s: CAR %g, sum of AR %g", e.ID, w.Window, w.CAR, sum)
			}
		}
	}
	// AAR on day 0 is the mean of 0.03 and 0.
	if d := res.Days[5]; d.Day != 0 || !scalar.EqualWithinAbs(d.AAR, 0.015, 1e-12) || d.N != 2 {
		t.Errorf("day 0: %+v, want AAR 0.015 over 2 events", d)
	}
}

func TestSkips(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	series := panel(rng, 2, 400, 0.01, nil)
	dates := series["MKT"].Dates
	// A missing price inside the event window of the second security.
	series[ticker(1)].Values[300] = math.NaN()
	list := &prices.EventList{
		Events: []prices.Event{
			{ID: "ok", Ticker: ticker(0), Date: dates[300], Line: 2},
			{ID: "gap", Ticker: ticker(1), Date: dates[302], Line: 3},
			{ID: "unknown", Ticker: "NOPE", Date: dates[300], Line: 4},
			{ID: "short", Ticker: ticker(0), Date: dates[100], Line: 5},
			{ID: "late", Ticker: ticker(0), Date: dates[396], Line: 6},
			{ID: "nomarket", Ticker: ticker(0), Market: "XMKT", Date: dates[300], Line: 7},
		},
		Rejected: []prices.RowError{{Line: 8, ID: "bad", Err: errors.New("events.csv:8:3: date: cannot parse")}},
	}
	res, err := Run(config(), list, series)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 || res.Events[0].ID != "ok" || res.Total != 7 {
		t.Fatalf("computed %d events, total %d; want only ok of 7", len(res.Events), res.Total)
	}
	want := map[string]string{
		"gap":      "no return for " + ticker(1) + " on day -2",
		"unknown":  "no prices for ticker NOPE",
		"short":    "too few estimation returns",
		"late":     "event window -5:5 runs past the last price",
		"nomarket": "no prices for ticker XMKT (the benchmark)",
		"bad":      "cannot parse",
	}
	if len(res.Skipped) != len(want) {
		t.Fatalf("skipped %+v", res.Skipped)
	}
	for _, s := range res.Skipped {
		if !strings.Contains(s.Reason, want[s.ID]) {
			t.Errorf("skip %s: reason %q, want it to say %q", s.ID, s.Reason, want[s.ID])
		}
	}
	for i := 1; i < len(res.Skipped); i++ {
		if res.Skipped[i-1].Line > res.Skipped[i].Line {
			t.Errorf("skips not in line order: %+v", res.Skipped)
		}
	}
}

func TestNothingComputed(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	series := panel(rng, 1, 300, 0.01, nil)
	list := &prices.EventList{Events: []prices.Event{{ID: "x", Ticker: "NOPE", Date: series["MKT"].Dates[280], Line: 2}}}
	res, err := Run(config(), list, series)
	if err == nil || !strings.Contains(err.Error(), "no event could be computed") || res == nil || len(res.Skipped) != 1 {
		t.Fatalf("got %v, want an error and the skip listed", err)
	}
}

func TestConfigValidate(t *testing.T) {
	c := config()
	c.Windows = []stats.Window{{From: -20, To: 5}}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "must end before") {
		t.Errorf("overlapping estimation: %v", err)
	}
	c = config()
	c.MinEst = 300
	if err := c.Validate(); err == nil {
		t.Error("min-estimation longer than the window accepted")
	}
}

// TestConfigValidateLimits: a Config built in code, not parsed, gets the
// same bounds as the flags (stats.MaxOffset, stats.MaxWindows, MaxLags,
// MaxBootstrap), each checked one past the bound.
func TestConfigValidateLimits(t *testing.T) {
	many := make([]stats.Window, stats.MaxWindows+1)
	for i := range many {
		many[i] = stats.Window{From: i, To: i}
	}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string // "" for valid
	}{
		{"lags at bound", func(c *Config) { c.Model, c.Lags = stats.Dimson, MaxLags }, ""},
		{"lags past bound", func(c *Config) { c.Model, c.Lags = stats.Dimson, MaxLags+1 }, "--lags 11: want 0 (the default, 1) to 10"},
		{"lags negative", func(c *Config) { c.Lags = -1 }, "--lags -1: want 0 (the default, 1) to 10"},
		// k = 2L+2 = 22 for L = 10; the minimum is k+2.
		{"dimson min-estimation", func(c *Config) { c.Model, c.Lags, c.MinEst = stats.Dimson, 10, 23 }, "--min-estimation 23: the dimson model needs at least 24"},
		{"bootstrap at bound", func(c *Config) { c.Bootstrap = MaxBootstrap }, ""},
		{"bootstrap past bound", func(c *Config) { c.Bootstrap = MaxBootstrap + 1 }, "--bootstrap 100001: want 0 (none) to 100000 resamples"},
		{"window past bound", func(c *Config) { c.Windows = []stats.Window{{From: 0, To: stats.MaxOffset + 1}} }, "window 0:25001: beyond 25000 trading days (about 99 years) from day 0"},
		{"estimation past bound", func(c *Config) { c.Estimation = stats.Window{From: -stats.MaxOffset - 1, To: -11} }, "window -25001:-11: beyond 25000 trading days (about 99 years) from day 0"},
		{"reversed window", func(c *Config) { c.Windows = []stats.Window{{From: 5, To: 0}} }, "window 5:0: start after end"},
		{"too many windows", func(c *Config) { c.Windows = many }, "101 event windows: want at most 100"},
	} {
		c := config()
		tc.edit(&c)
		err := c.Validate()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v, want valid", tc.name, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestParallelDeterministic: the result does not depend on the number of
// workers.
func TestParallelDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	series := panel(rng, 30, 600, 0.02, nil)
	dates := series["MKT"].Dates
	var list prices.EventList
	for i := range 200 {
		list.Events = append(list.Events, prices.Event{ID: ticker(i), Ticker: ticker(i % 30), Date: dates[260+rng.IntN(330)], Line: i + 2})
	}
	c1, c8 := config(), config()
	c1.Workers, c8.Workers = 1, 8
	r1, err := Run(c1, &list, series)
	if err != nil {
		t.Fatal(err)
	}
	r8, err := Run(c8, &list, series)
	if err != nil {
		t.Fatal(err)
	}
	if len(r1.Events) != len(r8.Events) {
		t.Fatalf("%d vs %d events", len(r1.Events), len(r8.Events))
	}
	for i := range r1.Days {
		a, b := r1.Days[i], r8.Days[i]
		if a.AAR != b.AAR || a.CAAR != b.CAAR || a.Lo != b.Lo {
			t.Errorf("day %d differs: %+v vs %+v", a.Day, a, b)
		}
		for k := range a.Tests {
			if a.Tests[k].Stat != b.Tests[k].Stat && !(math.IsNaN(a.Tests[k].Stat) && math.IsNaN(b.Tests[k].Stat)) {
				t.Errorf("day %d test %s differs", a.Day, a.Tests[k].Test)
			}
		}
	}
}

const shared = "../../../shared/data/"

func needShared(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(shared + path); err != nil {
		t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
	}
}

// TestNasdaqEarningsAfterClose runs the Nasdaq-100 earnings list
// (SOURCES.md section 3) with its EDGAR acceptance timestamps and checks the
// alignment of every computed event: after the 16:00 close (amc) day 0 is
// the first trading day after the report date; before the open (bmo) it is
// the report date itself.
func TestNasdaqEarningsAfterClose(t *testing.T) {
	needShared(t, "panel_ndx/earnings_dates_edgar.csv")
	list, err := prices.ReadEvents(shared+"panel_ndx/earnings_dates_edgar.csv", prices.EventColumns{Timestamp: "accept_et"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Events) != 2913 || len(list.Rejected) != 0 {
		t.Fatalf("%d events, %d rejected; SOURCES.md says 2,913 announcements", len(list.Events), len(list.Rejected))
	}
	series := map[string]*prices.Series{}
	ss, err := prices.Load(shared + "panel_ndx/prices")
	if err != nil {
		t.Fatal(err)
	}
	ndx, err := prices.Load("^NDX=" + shared + "benchmarks/NDX_daily_1985-10_2026-02.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(ss, ndx...) {
		series[s.Ticker] = s
	}
	c := config()
	c.Market = "^NDX"
	res, err := Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	// Columns after ticker and accept_et: report_date, filing_date, timing.
	var amc, bmo int
	for _, e := range res.Events {
		report, err := prices.ParseDate(e.Extra[0])
		if err != nil {
			t.Fatal(err)
		}
		s := series[e.Ticker]
		switch e.Extra[2] {
		case "amc":
			amc++
			after := sort.Search(len(s.Dates), func(i int) bool { return s.Dates[i] > report })
			if !e.AfterClose || e.Day0 != s.Dates[after] {
				t.Errorf("amc %s %s: day 0 %s, want the next trading day %s", e.Ticker, e.Written, e.Day0, s.Dates[after])
			}
		case "bmo":
			bmo++
			if e.AfterClose || e.Day0 != report {
				t.Errorf("bmo %s %s: day 0 %s, want %s", e.Ticker, e.Written, e.Day0, report)
			}
		}
	}
	if amc < 1000 || bmo < 400 {
		t.Errorf("only %d amc and %d bmo events computed", amc, bmo)
	}
	// Every event is either computed or listed with a reason.
	if len(res.Events)+len(res.Skipped) != 2913 {
		t.Errorf("%d computed + %d skipped != 2913", len(res.Events), len(res.Skipped))
	}
	for _, s := range res.Skipped {
		if s.Reason == "" {
			t.Errorf("skip without reason: %+v", s)
		}
	}
	t.Logf("%d computed (%d amc, %d bmo), %d skipped", len(res.Events), amc, bmo, len(res.Skipped))
	// The 91 price files have no hole while ^NDX traded (measured: the
	// same 2,049 events computed before holes were looked for). One daily
	// return the events use is beyond what its security's history makes
	// plausible, and real: FANG.csv line 1862, Close 48.560001 -> 26.879999
	// on 2020-03-09, the day of the oil price war. The announcements
	// cluster on dates.
	if len(res.Warnings) != 2 || !strings.HasPrefix(res.Warnings[0], "FANG (") ||
		!strings.Contains(res.Warnings[0], "-44.6% on 2020-03-09 (27 robust sd); 4 events use them") ||
		!strings.HasPrefix(res.Warnings[1], "1776 of 2049 events share their day 0") {
		t.Errorf("warnings %q, want FANG's -44.6%% on 2020-03-09 and 1776 of 2049 events sharing day 0", res.Warnings)
	}
}

// TestConfounded: windows -5:5 (11 days) of the same security overlap when
// their days 0 are fewer than 11 trading days apart; other securities'
// events never confound.
func TestConfounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	series := panel(rng, 2, 400, 0.01, nil)
	dates := series["MKT"].Dates
	list := &prices.EventList{Events: []prices.Event{
		{ID: "a", Ticker: ticker(0), Date: dates[300], Line: 2},
		{ID: "b", Ticker: ticker(0), Date: dates[310], Line: 3}, // 10 days after a: overlap
		{ID: "c", Ticker: ticker(0), Date: dates[321], Line: 4}, // 11 after b: none
		{ID: "d", Ticker: ticker(1), Date: dates[300], Line: 5}, // other security
	}}
	res, err := Run(config(), list, series)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "b", "b": "a", "c": "", "d": ""}
	for _, e := range res.Events {
		if got := strings.Join(e.ConfoundedWith, ","); got != want[e.ID] {
			t.Errorf("event %s confounded with %q, want %q", e.ID, got, want[e.ID])
		}
	}
	if res.Confounded() != 2 {
		t.Errorf("Confounded() = %d, want 2", res.Confounded())
	}
	c := config()
	c.DropConfounded = true
	res, err = Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 2 || res.Dropped != 2 || len(res.Skipped) != 2 || !strings.Contains(res.Skipped[0].Reason, "overlaps that of event b") {
		t.Errorf("drop: %d events, %d dropped, skipped %+v", len(res.Events), res.Dropped, res.Skipped)
	}

	// Slimmed (a spill directory, from one event on), the events are
	// computed twice, the confounded dropped after the first pass
	// (scoutConfounded): the same result as dropping them from the whole
	// events, with an event that cannot be computed among them (its
	// skip comes from the first pass) and one dropped before it.
	list.Events = append(list.Events, prices.Event{ID: "e", Ticker: "NOPE", Date: dates[300], Line: 6})
	whole, err := Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	c.SpillDir, c.SpillMin = t.TempDir(), 1
	var ticks atomic.Int64
	c.Progress = func(n int) { ticks.Add(int64(n)) }
	slim, err := Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	// Each event counted once a pass: 5 events twice.
	if got, want := ticks.Load(), int64(c.ProgressTotal(len(list.Events))); got != want || want != 10 {
		t.Errorf("progress of the two passes: %d, want ProgressTotal %d = 10", got, want)
	}
	c.Progress = nil
	if !slim.Events[0].Slimmed() {
		t.Fatal("the study with a spill directory did not slim its events")
	}
	ids := func(r *Result) (s []string) {
		for _, e := range r.Events {
			s = append(s, e.ID)
		}
		return s
	}
	if fmt.Sprint(ids(slim), slim.Skipped, slim.Dropped) != fmt.Sprint(ids(whole), whole.Skipped, whole.Dropped) || len(slim.Skipped) != 3 {
		t.Errorf("slimmed: events %v, skipped %+v, %d dropped;\nwhole: events %v, skipped %+v, %d dropped", ids(slim), slim.Skipped, slim.Dropped, ids(whole), whole.Skipped, whole.Dropped)
	}
	if g, w := fmt.Sprint(slim.Days, slim.Windows), fmt.Sprint(whole.Days, whole.Windows); g != w {
		t.Errorf("slimmed tests:\n%s\nwhole:\n%s", g, w)
	}
	// Nothing left to compute after the first pass: the same error, every
	// event skipped (2 dropped, 1 unknown ticker), both ways.
	only := &prices.EventList{Events: []prices.Event{list.Events[0], list.Events[1], list.Events[4]}}
	_, errSlim := Run(c, only, series)
	c.SpillDir = ""
	_, errWhole := Run(c, only, series)
	if errSlim == nil || errWhole == nil || errSlim.Error() != errWhole.Error() || !strings.Contains(errSlim.Error(), "3 skipped") {
		t.Errorf("all dropped or skipped: slimmed %v, whole %v", errSlim, errWhole)
	}
}

// TestFactorModel: with R - RF = a + b'f exactly, FF3 fits exactly and
// recovers an injected abnormal return (closed form); an event past the
// factor file's last date is skipped with that reason.
func TestFactorModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	series := panel(rng, 1, 500, 0, nil)
	s := series[ticker(0)]
	n := len(s.Dates)
	f := &prices.Factors{File: "ff.csv", Names: []string{"Mkt-RF", "SMB", "HML"}, Dates: s.Dates[:450], RF: make([]float64, 450), Values: make([][]float64, 3)}
	for j := range f.Values {
		f.Values[j] = make([]float64, 450)
	}
	for i := range 450 {
		f.RF[i] = 0.0001
		for j := range 3 {
			f.Values[j][i] = 0.01 * rng.NormFloat64()
		}
	}
	// Rebuild the security's prices from the factors: R = RF + 0.0002 +
	// 1.1 Mkt-RF + 0.4 SMB - 0.3 HML, plus 3% on day 0 = index 400.
	for i := 1; i < n; i++ {
		r := 0.0
		if i < 450 {
			r = f.RF[i] + 0.0002 + 1.1*f.Values[0][i] + 0.4*f.Values[1][i] - 0.3*f.Values[2][i]
		}
		if i == 400 {
			r += 0.03
		}
		s.Values[i] = s.Values[i-1] * (1 + r)
	}
	list := &prices.EventList{Events: []prices.Event{
		{ID: "in", Ticker: ticker(0), Date: s.Dates[400], Line: 2},
		{ID: "late", Ticker: ticker(0), Date: s.Dates[446], Line: 3},
	}}
	c := config()
	c.Model, c.Factors, c.Market = stats.FF3, f, ""
	res, err := Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 {
		t.Fatalf("%d events computed, want 1", len(res.Events))
	}
	e := res.Events[0]
	for d := -5; d <= 5; d++ {
		want := 0.0
		if d == 0 {
			want = 0.03
		}
		// Tolerance: rounding of prices compounded over 400 days.
		if got := e.AR[d-e.First]; !scalar.EqualWithinAbs(got, want, 1e-10) {
			t.Errorf("day %d: AR %g, want %g", d, got, want)
		}
	}
	if e.Market != "" || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "outside the factor file's dates") {
		t.Errorf("market %q, skipped %+v", e.Market, res.Skipped)
	}
}

// TestVolume: abnormal volume runs the market model on log(1 + volume);
// a security without a volume column is skipped with that reason.
func TestVolume(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	series := panel(rng, 2, 400, 0.01, nil)
	setVolume(series, []string{"MKT", ticker(0)}, func(string, int) float64 {
		return math.Round(1e6 * math.Exp(0.3*rng.NormFloat64()))
	})
	// Day 0 volume of the first security triples.
	series[ticker(0)].Volume[300] *= 3
	dates := series["MKT"].Dates
	list := &prices.EventList{Events: []prices.Event{
		{ID: "v", Ticker: ticker(0), Date: dates[300], Line: 2},
		{ID: "novol", Ticker: ticker(1), Date: dates[300], Line: 3},
	}}
	c := config()
	c.Volume = true
	res, err := Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	e := res.Events[0]
	// log(1 + 3V) - log(1 + V) is about log 3 = 1.0986; the model's fit and
	// the day's noise (sd 0.3) move it, so only the size is checked.
	if ar := e.AR[-e.First]; ar < 1.0986-4*0.3 || ar > 1.0986+4*0.3 {
		t.Errorf("day-0 abnormal log volume %g, want about log 3", ar)
	}
	if b := e.Windows[0].BHAR; !math.IsNaN(b) {
		t.Errorf("volume study has a BHAR (%g); log volumes are not returns", b)
	}
	// Nor a skewness-adjusted test of BHARs, on a day or a window.
	for _, rs := range [][]stats.Result{res.Days[0].Tests, res.Windows[0].Tests} {
		for _, r := range rs {
			if r.Test == "skew-t-bhar" && !strings.HasPrefix(r.NA, "no BHAR in a study of abnormal volume") {
				t.Errorf("skew-t-bhar: %+v, want n/a: no BHAR", r)
			}
		}
	}
	if len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "no volume column") {
		t.Errorf("skipped %+v", res.Skipped)
	}
}

// TestTradeToTrade: with trade-to-trade returns a day without a price costs
// one return (its own), not two; the return after the gap spans it
// (Maynes & Rumsey 1993).
func TestTradeToTrade(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	series := panel(rng, 1, 400, 0.01, nil)
	s := series[ticker(0)]
	for _, i := range []int{120, 150, 151, 200} { // three gaps, one of two days
		s.Values[i] = math.NaN()
	}
	list := &prices.EventList{Events: []prices.Event{{ID: "x", Ticker: ticker(0), Date: s.Dates[300], Line: 2}}}
	plain, err := Run(config(), list, series)
	if err != nil {
		t.Fatal(err)
	}
	c := config()
	c.TradeToTrade = true
	t2t, err := Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	// Estimation days -250..-11 = indexes 50..289: simple returns lose 4
	// missing days + 3 days after a gap = 7 of 240; trade-to-trade loses
	// the 4 missing days only.
	if m0, m1 := plain.Events[0].Fit.M, t2t.Events[0].Fit.M; m0 != 233 || m1 != 236 {
		t.Errorf("M = %d simple, %d trade-to-trade; want 233 and 236", m0, m1)
	}
	// The model is Maynes & Rumsey's: the return after the two-day gap
	// (index 152, relative day -148) spans 3 days, so its expected return
	// is 3 alpha + beta Rm (stats.TestSpans checks the fit against R).
	e := t2t.Events[0]
	k := -148 - e.First
	if want := 3*e.Fit.Alpha + e.Fit.Beta*e.Aligned.Rm[k]; math.Abs(e.Expected[k]-want) > 1e-15 {
		t.Errorf("expected return over 3 days %g, want 3 alpha + beta Rm = %g", e.Expected[k], want)
	}
	// Other models do not take spans.
	c.Model = stats.ScholesWilliams
	if _, err := Run(c, list, series); err == nil || !strings.Contains(err.Error(), "trade-to-trade returns are measured with the market") {
		t.Errorf("trade-to-trade Scholes-Williams: %v", err)
	}
}

// setVolume gives the series of tickers, in this order, the volumes
// vol(ticker, i).
func setVolume(series map[string]*prices.Series, tickers []string, vol func(t string, i int) float64) {
	for _, t := range tickers {
		s := series[t]
		s.Volume = make([]float64, len(s.Dates))
		for i := range s.Volume {
			s.Volume[i] = vol(t, i)
		}
	}
}

// TestPartialWarnings: a security whose last row has a tenth of the usual
// volume (a file downloaded during the session) is named in a warning
// when an event uses that day, and not when no event reaches it; the
// market's last row, with its usual volume, is not.
func TestPartialWarnings(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	series := panel(rng, 2, 400, 0.02, nil)
	setVolume(series, []string{"MKT", ticker(0), ticker(1)}, func(string, int) float64 { return 1000 })
	a := series[ticker(0)]
	a.Volume[len(a.Volume)-1] = 100
	a.File = "a.csv"
	dates := a.Dates
	last := len(dates) - 1
	for _, tt := range []struct {
		day0 int // index of the event date
		want []string
	}{
		// Day 0 is the last row: the day the news came out.
		{last, []string{ticker(0) + " (a.csv): the last row, " + dates[last].String() + ", has a volume of 100, 10% of the median of the 20 rows before it: " +
			"it may be a partial day, downloaded during the session; 1 event uses it (e). If so, delete the row and run again."}},
		// Windows up to day +5 end 6 rows before it.
		{last - 11, nil},
	} {
		list := &prices.EventList{Events: []prices.Event{{ID: "e", Ticker: ticker(0), Date: dates[tt.day0], Line: 2}}}
		c := config()
		c.Windows = []stats.Window{{From: 0, To: 0}}
		if tt.day0 != last {
			c.Windows = config().Windows
		}
		res, err := Run(c, list, series)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Warnings, tt.want) {
			t.Errorf("event on row %d: warnings %q, want %q", tt.day0, res.Warnings, tt.want)
		}
	}
}

// TestZeroVolumeWarnings: in a study of volume, zero volumes in the
// estimation window of a liquid security (median 1,000,000) are named;
// those of a thinly traded one (median 50), whose zeros are real, are
// not; nor are they in a study of returns.
func TestZeroVolumeWarnings(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	series := panel(rng, 2, 400, 0.02, nil)
	setVolume(series, []string{"MKT", ticker(0), ticker(1)}, func(t string, _ int) float64 {
		typical := 1e6
		if t == ticker(1) {
			typical = 50
		}
		return math.Round(typical * math.Exp(0.3*rng.NormFloat64()))
	})
	dates := series["MKT"].Dates
	// The event on row 300 has its estimation window on rows 50..289.
	for _, i := range []int{100, 200} {
		series[ticker(0)].Volume[i] = 0
		series[ticker(1)].Volume[i] = 0
	}
	list := &prices.EventList{Events: []prices.Event{
		{ID: "liquid", Ticker: ticker(0), Date: dates[300], Line: 2},
		{ID: "thin", Ticker: ticker(1), Date: dates[301], Line: 3}, // not day 0 of "liquid": no shared-date warning
	}}
	want := []string{ticker(0) + " has a volume of 0 on 2 days of the estimation windows of 1 event (" + dates[100].String() + ", " + dates[200].String() +
		"), where its median volume is at least 1,000: log(1+0) = 0 is an outlier that dominates the residual variance, and most likely a gap in the data. " +
		"If so, empty those volume cells (a missing value) and run again."}
	for _, volume := range []bool{true, false} {
		c := config()
		c.Volume = volume
		res, err := Run(c, list, series)
		if err != nil {
			t.Fatal(err)
		}
		if !volume {
			want = nil
		}
		if !slices.Equal(res.Warnings, want) {
			t.Errorf("volume %v: warnings %q, want %q", volume, res.Warnings, want)
		}
	}
}

// TestOwnBenchmark: an event of the benchmark itself (found by
// scripts/hostile.sh) has every AR 0 by construction under the models
// that use the market, and was computed and tested as an event; it is
// skipped with the reason. The constant-mean model does not use the
// market and computes it.
func TestOwnBenchmark(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	series := panel(rng, 1, 500, 0.01, nil)
	dates := series["MKT"].Dates
	list := &prices.EventList{Events: []prices.Event{
		{ID: "index", Ticker: "MKT", Date: dates[400], Line: 2},
		{ID: "stock", Ticker: ticker(0), Date: dates[400], Line: 3},
	}}
	for _, model := range []stats.Model{stats.MarketModel, stats.MarketAdjusted, stats.ScholesWilliams, stats.Dimson, stats.ConstantMean} {
		cfg := config()
		cfg.Model = model
		if model == stats.Dimson {
			cfg.Lags = 1
		}
		res, err := Run(cfg, list, series)
		if err != nil {
			t.Fatalf("%s: %v", model, err)
		}
		if model == stats.ConstantMean {
			if len(res.Events) != 2 {
				t.Errorf("%s: %d events computed, want 2 (skipped %v)", model, len(res.Events), res.Skipped)
			}
			continue
		}
		want := "MKT is its own benchmark: the " + model.String() + " model's abnormal returns are 0 by construction (give it another benchmark in a market column, or use --model constant-mean)"
		if len(res.Events) != 1 || len(res.Skipped) != 1 || res.Skipped[0].ID != "index" || res.Skipped[0].Reason != want {
			t.Errorf("%s: %d events, skipped %+v\nwant the index skipped: %s", model, len(res.Events), res.Skipped, want)
		}
	}
}
