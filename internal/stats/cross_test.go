package stats

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"
)

// loadPanel reads testdata/panel.csv (written by testdata/panel_gen.R):
// event,day,r,m with empty cells for missing values, days consecutive.
func loadPanel(t *testing.T) []Event {
	t.Helper()
	f, err := os.Open("testdata/panel.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) float64 {
		if s == "" {
			return math.NaN()
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var evs []Event
	last := ""
	for _, row := range rows[1:] {
		if row[0] != last {
			day, _ := strconv.Atoi(row[1])
			evs = append(evs, Event{First: day})
			last = row[0]
		}
		e := &evs[len(evs)-1]
		e.R = append(e.R, num(row[2]))
		e.Rm = append(e.Rm, num(row[3]))
	}
	return evs
}

var (
	panelEst  = Window{-30, -3}
	panelWins = []Window{{-1, 1}, {0, 0}, {0, 2}}
)

func analyzePanel(t *testing.T, model Model) []*EventResult {
	t.Helper()
	var res []*EventResult
	for _, ev := range loadPanel(t) {
		r, err := Analyze(ev, model, panelEst, panelWins, 20)
		if err != nil {
			t.Fatal(err)
		}
		res = append(res, r)
	}
	return res
}

// Reference values in this file: R 4.2.2, `cd testdata && Rscript
// panel_ref.R`, which fits lm(r ~ m) per event and writes out the
// STATISTICS.md formulas and t.test / wilcox.test(exact=TRUE) on the same
// panel. Tolerance 1e-9 (absolute or relative) for statistics and p-values.

func TestPanelEvent(t *testing.T) {
	evs := analyzePanel(t, MarketModel)
	e := evs[0]
	near(t, "Alpha", e.Fit.Alpha, -0.00354053120988666228, 1e-9)
	near(t, "Beta", e.Fit.Beta, 0.53274394473236663661, 1e-9)
	near(t, "S2", e.Fit.S2, 0.00051929925233568054, 1e-9)
	near(t, "PosFrac", e.Fit.PosFrac, 0.5, 0)
	if e.Fit.M != 28 || evs[1].Fit.M != 26 || evs[2].Fit.M != 26 {
		t.Errorf("M = %d, %d, %d, want 28, 26 (grid starts at -28), 26 (two missing)", e.Fit.M, evs[1].Fit.M, evs[2].Fit.M)
	}
	w := e.Windows[0]
	near(t, "CAR", w.CAR, 0.0490836075386144807, 1e-9)
	near(t, "BHAR", w.BHAR, 0.0484644701540858369, 1e-9)
	near(t, "CARVar", w.CARVar, 0.0020632121776684993, 1e-9)
	near(t, "T", w.T, 1.0805989188711477844, 1e-9)
	near(t, "P", w.P, 0.2897975229534349717, 1e-9)
	near(t, "CSAR", w.CSAR, 2.0808579631335666349, 1e-9)
	tt, p, df := e.ARStat(0)
	near(t, "SAR(0)", tt, 1.749489893006741070, 1e-9)
	near(t, "p(0)", p, 0.092002944108343657, 1e-9)
	if df != 26 {
		t.Errorf("df = %d, want 26", df)
	}

	// Other models, event 1, window -1:1: s2, CAR, CARVar, T, P.
	for _, tc := range []struct {
		model             Model
		s2, car, v, tt, p float64
	}{
		{ConstantMean, 0.0005245644188734916, 0.0283222541845344691, 0.0017423032484012401, 0.6785251394651623524, 0.5032134871048490332},
		{MarketAdjusted, 0.00051891162758373112, 0.05122924599824905945, 0.00155673488275119348, 1.29840636371602746735, 0.20512906818023712852},
	} {
		r := analyzePanel(t, tc.model)[0]
		w := r.Windows[0]
		near(t, tc.model.String()+" S2", r.Fit.S2, tc.s2, 1e-9)
		near(t, tc.model.String()+" CAR", w.CAR, tc.car, 1e-9)
		near(t, tc.model.String()+" CARVar", w.CARVar, tc.v, 1e-9)
		near(t, tc.model.String()+" T", w.T, tc.tt, 1e-9)
		near(t, tc.model.String()+" P", w.P, tc.p, 1e-9)
	}
}

// ref is an expected result; NaN stat and p: n/a.
type ref struct {
	stat, p, df float64
	n           int
}

func checkAll(t *testing.T, got []Result, want []ref) {
	t.Helper()
	names := TestNames()
	if len(got) != len(names) {
		t.Fatalf("%d results, want %d", len(got), len(names))
	}
	for i, w := range want {
		if math.IsNaN(w.stat) && math.IsNaN(w.p) {
			if got[i].NA == "" || got[i].N != w.n {
				t.Errorf("%s: %+v, want n/a with N %d", names[i], got[i], w.n)
			}
			continue
		}
		checkResult(t, got[i], names[i], w.stat, w.p, w.df, w.n)
	}
}

func TestPanelDayTests(t *testing.T) {
	evs := analyzePanel(t, MarketModel)
	nan := math.NaN()
	aar, n := AAR(evs, 0)
	near(t, "AAR(0)", aar, 0.026596567668763761, 1e-9)
	if n != 6 {
		t.Errorf("N(0) = %d, want 6", n)
	}
	checkAll(t, DayTests(evs, panelEst, 0), []ref{
		{4.0933337939145371, 0.0094160336703088716, 5, 6},
		{3.3485206640271645, 0.0024058513085868849, 27, 6},
		{2.9724041528877287, 0.0029547745051744729, nan, 6},
		{3.9506555361267734, 0.010843632377846461, 5, 6},
		{2.4494897427831783, 0.014305878435429633, nan, 6},
		{2.5761310723315707, 0.0099912763929209045, nan, 6},
		{21, 0.031250000000000014, nan, 6},
		{2.5538814690378362, 0.01065295145841993, nan, 6},
	})
	// Day 1: event 5 has no return, N = 5.
	aar, n = AAR(evs, 1)
	near(t, "AAR(1)", aar, 0.010212037508091784, 1e-9)
	if n != 5 {
		t.Errorf("N(1) = %d, want 5", n)
	}
	checkAll(t, DayTests(evs, panelEst, 1), []ref{
		{1.6385751545479861, 0.17664436663981981, 4, 5},
		{1.2857004348657461, 0.20946577541711769, 27, 5},
		{1.0070457571182847, 0.31391278593275668, nan, 5},
		{1.6176429228112403, 0.1810485224614459, 4, 5},
		// Sign, generalized sign and Wilcoxon: n/a, 5 events cannot
		// reach p < 0.05 (minExactP: 2/2^5 = 0.0625).
		{nan, nan, nan, 5},
		{nan, nan, nan, 5},
		{nan, nan, nan, 5},
		{1.2222591071367754, 0.2216096580987171, nan, 5},
	})
}

func TestPanelWindowTests(t *testing.T) {
	evs := analyzePanel(t, MarketModel)
	nan := math.NaN()
	checkAll(t, WindowTests(evs, panelEst, Window{-1, 1}), []ref{
		{2.3352714170248321, 0.079790164779500419, 4, 5},
		{2.185827095437888, 0.037676232921811041, 27, 5},
		{1.5126878480004597, 0.13035896776986983, nan, 5},
		{1.9825202220107438, 0.11845954031342636, 4, 5},
		// Sign, generalized sign and Wilcoxon: n/a, 5 events cannot
		// reach p < 0.05 (minExactP: 2/2^5 = 0.0625).
		{nan, nan, nan, 5},
		{nan, nan, nan, 5},
		{nan, nan, nan, 5},
		{1.3246818214765459, 0.185276704984327, nan, 5},
	})
	checkAll(t, WindowTests(evs, panelEst, Window{0, 2}), []ref{
		{2.3422405901447223, 0.07918406486410895, 4, 5},
		{2.8064505166196461, 0.0091821473120203452, 27, 5},
		{2.0166080341658037, 0.043736433935098434, nan, 5},
		{1.982924479024504, 0.11840477277649863, 4, 5},
		// Sign, generalized sign and Wilcoxon: n/a, 5 events cannot
		// reach p < 0.05 (minExactP: 2/2^5 = 0.0625).
		{nan, nan, nan, 5},
		{nan, nan, nan, 5},
		{nan, nan, nan, 5},
		{2.0792636417590682, 0.037593124976341138, nan, 5},
	})
	// A window of one day gives the day tests, except Patell, whose day
	// form weights the events differently (STATISTICS.md).
	day, win := DayTests(evs, panelEst, 0), WindowTests(evs, panelEst, Window{0, 0})
	for i := range day {
		if day[i].Test == "patell" {
			continue
		}
		near(t, day[i].Test+" 0:0 vs day 0", win[i].Stat, day[i].Stat, 1e-12)
	}
}

func TestCrossNA(t *testing.T) {
	evs := analyzePanel(t, MarketModel)
	// One event: the tests needing a cross-sectional variance are n/a.
	got := DayTests(evs[:1], panelEst, 0)
	for _, i := range []int{0, 3} {
		if got[i].NA != "needs at least 2 events" || !math.IsNaN(got[i].Stat) {
			t.Errorf("%s with one event: %+v", got[i].Test, got[i])
		}
	}
	// A day outside every grid: all n/a, none panics.
	for _, r := range DayTests(evs, panelEst, 50) {
		if r.NA == "" || r.N != 0 {
			t.Errorf("day 50: %+v, want n/a with N 0", r)
		}
	}
	// A day on the grid but outside the ranking span (-2): Corrado n/a.
	if r := DayTests(evs, panelEst, -2)[7]; r.NA != "no ranks on a day of the window" {
		t.Errorf("day -2 corrado: %+v", r)
	}
	if r := WindowTests(nil, panelEst, Window{0, 0}); len(r) != len(TestNames()) || r[0].NA == "" {
		t.Errorf("no events: %+v", r)
	}
}

// TestCrossTestsBatch: Cross.Tests over 5,000 events (three chunks of the
// event-by-event rank pass), some of them missing a return on day 1 and
// some on another calendar, gives
//   - the same results, bit for bit, on one worker and on two, and for
//     each day and window tested alone (Cross.Day, Cross.Window: no
//     cached Kolari-Pynnönen groups);
//   - the rank tests of rankTests over all events at once (GRank,
//     CorradoZivney), to 1e-12 relative: only the order of the sums
//     differs;
//   - the Kolari-Pynnönen r of ResidualCorrelation, exactly.
func TestCrossTestsBatch(t *testing.T) {
	raw := benchEventsN(5000, true)
	for i := range raw {
		switch i % 7 {
		case 3:
			raw[i].R[251] = math.NaN() // day 1
		case 5:
			for d := range raw[i].Cal {
				raw[i].Cal[d] += int32(d / 50) // a calendar with gaps
			}
		}
	}
	var evs []*EventResult
	for _, ev := range raw {
		r, err := Analyze(ev, MarketModel, benchEst, benchWins, 200)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, r)
	}
	days, windows := []int{-2, -1, 0, 1, 2}, []Window{{0, 0}, {-1, 1}, {-5, 5}}
	c := NewCross(evs, benchEst)
	d1, w1 := c.Tests(days, windows, 1)
	d2, w2 := NewCross(evs, benchEst).Tests(days, windows, 2)
	// The days share most of their groups of events tested on one date:
	// with no missing day and one calendar they would share all.
	groups := 0
	for _, gs := range c.kp.groups {
		groups += len(gs)
	}
	day0 := NewCross(evs, benchEst)
	day0.Day(0)
	if n0 := len(day0.kp.groups); groups == 0 || groups > 2*n0 {
		t.Errorf("%d groups cached for 5 days and 0:0, %d for day 0: the days do not share their groups", groups, n0)
	}
	bits := func(x, y Result) bool {
		return x.Test == y.Test && x.N == y.N && x.NA == y.NA && x.Note == y.Note &&
			math.Float64bits(x.Stat) == math.Float64bits(y.Stat) && math.Float64bits(x.P) == math.Float64bits(y.P) &&
			math.Float64bits(x.DF) == math.Float64bits(y.DF)
	}
	same := func(what string, a, b []Result) {
		t.Helper()
		for k := range a {
			if !bits(a[k], b[k]) {
				t.Errorf("%s %s: %+v vs %+v", what, a[k].Test, a[k], b[k])
			}
		}
	}
	for k, d := range days {
		same("day "+strconv.Itoa(d)+" 1 vs 2 workers", d1[k], d2[k])
		same("day "+strconv.Itoa(d)+" batch vs alone", d1[k], NewCross(evs, benchEst).Day(d))
	}
	for k, w := range windows {
		same(w.String()+" 1 vs 2 workers", w1[k], w2[k])
		same(w.String()+" batch vs alone", w1[k], NewCross(evs, benchEst).Window(w))
	}

	names := TestNames()
	find := func(rs []Result, name string) Result {
		for k, r := range rs {
			if names[k] == name {
				return r
			}
		}
		t.Fatalf("no test %s", name)
		return Result{}
	}
	check := func(what string, rs []Result, w Window) {
		t.Helper()
		var used []*EventResult
		var scar []float64
		var est, win [][]float64
		for _, e := range evs {
			wr := e.crossWindow(w)
			lo, hi := e.index(w.From), e.index(w.To)
			if math.IsNaN(wr.CAR) || math.IsNaN(wr.SCAR) || hasNaN(e.SAR[lo:hi+1]) {
				continue
			}
			used = append(used, e)
			scar = append(scar, wr.SCAR)
			est = append(est, e.estSAR(benchEst, w))
			win = append(win, e.SAR[lo:hi+1])
		}
		if len(used) < 4000 {
			t.Fatalf("%s: %d events in the rank tests", what, len(used))
		}
		gt, gz := GRank(scar, est)
		cz := CorradoZivney(est, win)
		for _, want := range []Result{gt, gz, cz} {
			got := find(rs, want.Test)
			if got.N != want.N || got.NA != "" || want.NA != "" || !(math.Abs(got.Stat-want.Stat) <= 1e-12*math.Abs(want.Stat)) {
				t.Errorf("%s %s: %v (N %d), want %v (N %d)", what, want.Test, got.Stat, got.N, want.Stat, want.N)
			}
		}
		corr := ResidualCorrelation(used, benchEst, w)
		if want := KolariPynnonen(find(rs, "patell"), corr); !bits(find(rs, "patell-kp"), want) {
			t.Errorf("%s patell-kp: %+v, want %+v", what, find(rs, "patell-kp"), want)
		}
	}
	for k, d := range days {
		check("day "+strconv.Itoa(d), d1[k], Window{d, d})
	}
	for k, w := range windows {
		check(w.String(), w1[k], w)
	}
}
