package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// readColumns reads a CSV file of testdata with a header row into one
// series per column; an empty field is NaN.
func readColumns(t testing.TB, name string) map[string][]float64 {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string][]float64{}
	for _, rec := range recs[1:] {
		for j, field := range rec {
			v := math.NaN()
			if field != "" {
				if v, err = strconv.ParseFloat(field, 64); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
			cols[recs[0][j]] = append(cols[recs[0][j]], v)
		}
	}
	return cols
}

// factorsEst and factorsWins are the windows of testdata/factors_ref.R; the
// grid of factors.csv starts on relative day -120.
var (
	factorsEst  = Window{-120, -11}
	factorsWins = []Window{{-1, 1}, {0, 5}}
)

// checkAgainstR compares an event result with the entries "name ..." of
// factorsRef: M, s2, posfrac, the coefficients b0.. (when coef), AR, C and
// SAR on the days of factors_ref.R (C from Fit.C on the day's regressors),
// and the windows' CAR, CARVar, T, P (and BHAR when in the map).
func checkAgainstR(t *testing.T, name string, res *EventResult, coef bool, regressors func(day int) []float64) {
	t.Helper()
	const tol = 1e-10 // R prints 17 digits; lm() uses QR, the package Cholesky
	ref := func(key string) float64 {
		v, ok := factorsRef[name+" "+key]
		if !ok {
			t.Fatalf("no reference %q", name+" "+key)
		}
		return v
	}
	if float64(res.Fit.M) != ref("M") {
		t.Errorf("%s M = %d, want %v", name, res.Fit.M, ref("M"))
	}
	near(t, name+" S2", res.Fit.S2, ref("s2"), tol)
	near(t, name+" PosFrac", res.Fit.PosFrac, ref("posfrac"), 1e-15)
	if coef {
		for j, b := range res.Fit.Coef {
			near(t, fmt.Sprintf("%s b%d", name, j), b, ref(fmt.Sprintf("b%d", j)), tol)
		}
		near(t, name+" Alpha", res.Fit.Alpha, ref("b0"), tol)
	}
	for _, d := range []int{-60, -11, 0, 1, 10} {
		if _, ok := factorsRef[fmt.Sprintf("%s AR %d", name, d)]; !ok {
			continue
		}
		near(t, fmt.Sprintf("%s AR(%d)", name, d), res.ARAt(d), ref(fmt.Sprintf("AR %d", d)), tol)
		if k := fmt.Sprintf("C %d", d); factorsRef[name+" "+k] != 0 {
			near(t, fmt.Sprintf("%s C(%d)", name, d), res.Fit.C(regressors(d)...), ref(k), tol)
			near(t, fmt.Sprintf("%s SAR(%d)", name, d), res.at(res.SAR, d), ref(fmt.Sprintf("SAR %d", d)), tol)
		}
	}
	for j, w := range factorsWins {
		key := func(q string) string { return fmt.Sprintf("%d:%d %s", w.From, w.To, q) }
		wr := res.Windows[j]
		near(t, name+" "+key("CAR"), wr.CAR, ref(key("CAR")), tol)
		near(t, name+" "+key("CARVar"), wr.CARVar, ref(key("CARVar")), tol)
		near(t, name+" "+key("T"), wr.T, ref(key("T")), tol)
		near(t, name+" "+key("P"), wr.P, ref(key("P")), tol)
		if v, ok := factorsRef[name+" "+key("BHAR")]; ok {
			near(t, name+" "+key("BHAR"), wr.BHAR, v, tol)
		}
		near(t, name+" CARVariance(w)", res.CARVariance(w), wr.CARVar, 0)
		if wr.DF != res.Fit.M-res.Fit.K {
			t.Errorf("%s DF = %d, want M-K = %d", name, wr.DF, res.Fit.M-res.Fit.K)
		}
	}
}

// TestFactorModelsAgainstR: FF3, Carhart, FF5 and a two-factor model
// against lm() and hand matrix algebra in R (testdata/factors_ref.R).
func TestFactorModelsAgainstR(t *testing.T) {
	c := readColumns(t, "factors.csv")
	for _, tc := range []struct {
		name    string
		model   Model
		factors []string
	}{
		{"ff3", FF3, []string{"mkt", "smb", "hml"}},
		{"carhart", Carhart, []string{"mkt", "smb", "hml", "umd"}},
		{"ff5", FF5, []string{"mkt", "smb", "hml", "rmw", "cma"}},
		{"factors", Factors, []string{"mkt", "umd"}},
	} {
		var x [][]float64
		for _, f := range tc.factors {
			x = append(x, c[f])
		}
		res, err := Analyze(Event{First: -120, R: c["r"], X: x}, tc.model, factorsEst, factorsWins, 50)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if res.Fit.K != 1+len(x) || res.Fit.Beta != res.Fit.Coef[1] {
			t.Errorf("%s K = %d, Beta = %v, want %d, b1", tc.name, res.Fit.K, res.Fit.Beta, 1+len(x))
		}
		checkAgainstR(t, tc.name, res, true, func(d int) []float64 {
			row := make([]float64, len(x))
			for j := range x {
				row[j] = x[j][d+120]
			}
			return row
		})
		// FitFactors on the estimation rows gives the same fit.
		f, err := FitFactors(tc.model, c["r"][:110], rows(x, 0, 110), 50)
		if err != nil {
			t.Fatal(err)
		}
		near(t, tc.name+" FitFactors S2", f.S2, res.Fit.S2, 0)
	}
}

// TestThinTradingAgainstR: Dimson (L = 1, 2) and Scholes-Williams on the
// thinly traded series of factors.csv against R (testdata/factors_ref.R).
func TestThinTradingAgainstR(t *testing.T) {
	c := readColumns(t, "factors.csv")
	m := c["mkt"]
	at := func(d int) float64 {
		if i := d + 120; i >= 0 && i < len(m) {
			return m[i]
		}
		return math.NaN()
	}
	for _, lags := range []int{1, 2} {
		name := fmt.Sprintf("dimson%d", lags)
		res, err := Analyze(Event{First: -120, R: c["rthin"], Rm: m, Lags: lags}, Dimson, factorsEst, factorsWins, 50)
		if err != nil {
			t.Fatal(err)
		}
		if res.Fit.K != 2*lags+2 || res.Fit.Lags != lags {
			t.Errorf("%s K, Lags = %d, %d", name, res.Fit.K, res.Fit.Lags)
		}
		near(t, name+" beta", res.Fit.Beta, factorsRef[name+" beta"], 1e-10)
		checkAgainstR(t, name, res, true, func(d int) []float64 {
			var row []float64
			for j := -lags; j <= lags; j++ {
				row = append(row, at(d+j))
			}
			return row
		})
	}
	// Lags 0 selects the default, 1.
	def, err := Analyze(Event{First: -120, R: c["rthin"], Rm: m}, Dimson, factorsEst, factorsWins, 50)
	if err != nil || def.Fit.Lags != 1 {
		t.Errorf("default lags: %v, %v", def.Fit.Lags, err)
	}

	res, err := Analyze(Event{First: -120, R: c["rthin"], Rm: m}, ScholesWilliams, factorsEst, factorsWins, 50)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "sw Alpha", res.Fit.Alpha, factorsRef["sw alpha"], 1e-10)
	near(t, "sw Beta", res.Fit.Beta, factorsRef["sw beta"], 1e-10)
	if res.Fit.K != 2 || res.Fit.DF != res.Fit.M-2 {
		t.Errorf("sw K, DF = %d, %d", res.Fit.K, res.Fit.DF)
	}
	checkAgainstR(t, "sw", res, false, func(d int) []float64 { return []float64{at(d)} })
}

// factorEvent returns a seeded event on the grid -250..10 with three
// factors and the excess return a + b'f + sd noise.
func factorEvent(seed uint64, a float64, b [3]float64, sd float64) Event {
	rng := rand.New(rand.NewPCG(seed, 3))
	n := 261
	x := [][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	r := make([]float64, n)
	for d := range n {
		r[d] = a + sd*rng.NormFloat64()
		for j := range x {
			x[j][d] = 0.01 / float64(j+1) * rng.NormFloat64()
			r[d] += b[j] * x[j][d]
		}
	}
	return Event{First: -250, R: r, X: x}
}

func TestFactorModelExact(t *testing.T) {
	// R = a + b'f exactly: the fit recovers a and b, S2 is 0, every AR is 0
	// (closed form), and the standardized quantities are NaN.
	ev := factorEvent(20, 0.0005, [3]float64{1.2, 0.5, -0.4}, 0)
	res, err := Analyze(ev, FF3, benchEst, benchWins, 200)
	if err != nil {
		t.Fatal(err)
	}
	for j, want := range []float64{0.0005, 1.2, 0.5, -0.4} {
		near(t, fmt.Sprintf("b%d", j), res.Fit.Coef[j], want, 1e-12)
	}
	if res.Fit.S2 != 0 {
		t.Errorf("S2 = %g, want 0", res.Fit.S2)
	}
	for i, v := range res.AR {
		near(t, "AR", v, 0, 1e-15)
		if !math.IsNaN(res.SAR[i]) {
			t.Fatalf("SAR[%d] = %v, want NaN", i, res.SAR[i])
		}
	}
}

// sameResult fails unless a and b agree: fit, ARs, SARs and windows.
func sameResult(t *testing.T, name string, a, b *EventResult, tol float64) {
	t.Helper()
	if a.Fit.M != b.Fit.M || a.Fit.DF != b.Fit.DF || a.Fit.K != b.Fit.K {
		t.Errorf("%s: M, DF, K = %d, %d, %d, want %d, %d, %d", name, a.Fit.M, a.Fit.DF, a.Fit.K, b.Fit.M, b.Fit.DF, b.Fit.K)
	}
	near(t, name+" Alpha", a.Fit.Alpha, b.Fit.Alpha, tol)
	near(t, name+" Beta", a.Fit.Beta, b.Fit.Beta, tol)
	near(t, name+" S2", a.Fit.S2, b.Fit.S2, tol)
	near(t, name+" PosFrac", a.Fit.PosFrac, b.Fit.PosFrac, 0)
	for i := range a.AR {
		near(t, name+" AR", a.AR[i], b.AR[i], tol)
		near(t, name+" SAR", a.SAR[i], b.SAR[i], tol)
		near(t, name+" U", a.U[i], b.U[i], 0)
	}
	for j := range a.Windows {
		wa, wb := a.Windows[j], b.Windows[j]
		near(t, name+" CAR", wa.CAR, wb.CAR, tol)
		near(t, name+" CARVar", wa.CARVar, wb.CARVar, tol)
		near(t, name+" T", wa.T, wb.T, tol)
		near(t, name+" P", wa.P, wb.P, tol)
		near(t, name+" BHAR", wa.BHAR, wb.BHAR, tol)
	}
}

// TestFactorsReduceToMarketModel: a factor model with the market return as
// its only factor (FF3 with SMB and HML dropped), and Dimson with L = 0,
// are the market model: same fit, ARs, SARs, CAR variances and tests.
func TestFactorsReduceToMarketModel(t *testing.T) {
	ev := simEvent(21, -250, 10, 0.0003, 0.9, 0.02, 0.03)
	ev.R[17], ev.Rm[40], ev.Rm[255] = math.NaN(), math.NaN(), math.NaN()
	mm, err := Analyze(ev, MarketModel, benchEst, benchWins, 200)
	if err != nil {
		t.Fatal(err)
	}
	fac, err := Analyze(Event{First: ev.First, R: ev.R, X: [][]float64{ev.Rm}}, Factors, benchEst, benchWins, 200)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "factors [Rm]", fac, mm, 1e-12)
	dim, err := analyze(ev, Dimson, 0, benchEst, benchWins, 200)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "dimson L=0", dim, mm, 1e-12)
	f, err := FitDimson(ev.R[:240], ev.Rm[:240], 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "FitDimson L=0 Beta", f.Beta, mm.Fit.Beta, 1e-12)

	// FF3 with SMB = HML = 0: those factors cannot be estimated.
	zero := make([]float64, len(ev.R))
	_, err = Analyze(Event{First: ev.First, R: ev.R, X: [][]float64{ev.Rm, zero, zero}}, FF3, benchEst, benchWins, 200)
	const msg = "estimation window -250:-11: ff3 model: regressor 1 is constant over the estimation days"
	if !errors.Is(err, ErrSingular) || err.Error() != msg {
		t.Errorf("FF3 with zero SMB, HML: %v, want %q", err, msg)
	}
}

// TestScholesWilliamsNoThinTrading: on an iid market (no autocorrelation)
// and a security with no lead or lag effect, b_-1, b_+1 and rho_m are 0 up
// to sampling error, so the Scholes-Williams beta is the OLS beta b_0
// (closed form of Scholes & Williams 1977, eq. 13 with rho = b_-1 = b_+1
// = 0). With n = 50,000 days, market sd 0.01 and noise sd 0.005 the
// sampling sd of b_+-1 is 0.005/(0.01 sqrt(n)) = 0.0022 and that of
// 2 rho beta about 2 (1/sqrt(n)) 1.2 = 0.011; the tolerance 0.05 is
// over 4 sd.
func TestScholesWilliamsNoThinTrading(t *testing.T) {
	r, m := simReturns(22, 50000, 0.0002, 1.2, 0.005)
	f, err := FitModel(ScholesWilliams, r, m, 100)
	if err != nil {
		t.Fatal(err)
	}
	rc, mc := r[1:len(r)-1], m[1:len(m)-1] // the days with both neighbours
	_, beta := stat.LinearRegression(mc, rc, nil, false)
	if math.Abs(f.Beta-beta) > 0.05 {
		t.Errorf("Scholes-Williams beta %v, OLS beta %v", f.Beta, beta)
	}
	if f.M != len(rc) || f.K != 2 {
		t.Errorf("M, K = %d, %d, want %d, 2", f.M, f.K, len(rc))
	}
	// With thin trading (R responds to the market with a one-day lag) OLS
	// is biased down and Scholes-Williams recovers the total beta 1.2.
	lagged := make([]float64, len(m))
	for i := range m {
		noise := r[i] - 0.0002 - 1.2*m[i] // the same draws as above
		lagged[i] = 0.0002 + 0.8*m[i] + noise
		if i > 0 {
			lagged[i] += 0.4 * m[i-1]
		}
	}
	f, err = FitModel(ScholesWilliams, lagged, m, 100)
	if err != nil {
		t.Fatal(err)
	}
	_, ols := stat.LinearRegression(m, lagged, nil, false)
	if math.Abs(f.Beta-1.2) > 0.05 || math.Abs(ols-0.8) > 0.05 {
		t.Errorf("thin trading: Scholes-Williams beta %v (want 1.2), OLS %v (want 0.8)", f.Beta, ols)
	}
}

func TestFactorModelErrors(t *testing.T) {
	ev := factorEvent(23, 0, [3]float64{1, 0.3, 0.2}, 0.02)
	for i := 0; i < 100; i++ {
		ev.X[1][i] = math.NaN()
	}
	_, err := Analyze(ev, FF3, benchEst, benchWins, 200)
	const short = "estimation window -250:-11: too few estimation returns: 140 with every factor, need at least 200"
	if !errors.Is(err, ErrShortEstimation) || err.Error() != short {
		t.Errorf("short: %v, want %q", err, short)
	}
	ev = factorEvent(23, 0, [3]float64{1, 0.3, 0.2}, 0.02)
	ev.X[2] = make([]float64, len(ev.R))
	for i := range ev.X[2] {
		ev.X[2][i] = ev.X[0][i] - 2*ev.X[1][i] // collinear
	}
	_, err = Analyze(ev, FF3, benchEst, benchWins, 200)
	const coll = "estimation window -250:-11: ff3 model: the regressors are collinear over the estimation days"
	if !errors.Is(err, ErrSingular) || err.Error() != coll {
		t.Errorf("collinear: %v, want %q", err, coll)
	}
	ev.X[2][255] = math.Inf(1)
	_, err = Analyze(ev, FF3, benchEst, benchWins, 200)
	if !errors.Is(err, ErrInfinite) || err.Error() != "day 5: factor 2: infinite return" {
		t.Errorf("infinite factor: %v", err)
	}
	_, err = FitFactors(FF3, ev.R, ev.X, 10)
	if !errors.Is(err, ErrInfinite) {
		t.Errorf("FitFactors infinite: %v", err)
	}
	// Dimson and Scholes-Williams lose the days whose neighbours are
	// missing; constant market returns are singular.
	r, m := simReturns(24, 60, 0, 1, 0.01)
	m[30] = math.NaN()
	f, err := FitModel(Dimson, r, m, 10)
	if err != nil || f.M != 60-2-3 || f.Lags != 1 || f.K != 4 {
		t.Errorf("Dimson M, Lags, K = %d, %d, %d (%v), want 55, 1, 4", f.M, f.Lags, f.K, err)
	}
	f, err = FitModel(ScholesWilliams, r, m, 10)
	if err != nil || f.M != 55 {
		t.Errorf("Scholes-Williams M = %d (%v), want 55", f.M, err)
	}
	_, err = FitModel(ScholesWilliams, r, make([]float64, len(r)), 10)
	if !errors.Is(err, ErrSingular) || err.Error() != "constant market returns: the scholes-williams model cannot be fitted" {
		t.Errorf("Scholes-Williams constant market: %v", err)
	}
	_, err = FitDimson(r, make([]float64, len(r)), 1, 10)
	if !errors.Is(err, ErrSingular) {
		t.Errorf("Dimson constant market: %v", err)
	}
	_, err = FitModel(ScholesWilliams, r[:4], m[:4], 0)
	if !errors.Is(err, ErrShortEstimation) || err.Error() != "too few estimation returns: 2 with market returns on days t-1..t+1, need at least 3" {
		t.Errorf("Scholes-Williams short: %v", err)
	}
}

func TestFactorModelPanics(t *testing.T) {
	ev := factorEvent(25, 0, [3]float64{1, 0, 0}, 0.01)
	for name, f := range map[string]func(){
		"FF3 with two factors": func() { Analyze(Event{R: ev.R, X: ev.X[:2]}, FF3, benchEst, nil, 10) },
		"FF5 with three":       func() { FitFactors(FF5, ev.R, ev.X, 10) },
		"Factors with none":    func() { Analyze(Event{R: ev.R}, Factors, benchEst, nil, 10) },
		"short factor":         func() { FitFactors(FF3, ev.R, [][]float64{ev.X[0], ev.X[1], ev.X[2][1:]}, 10) },
		"FitModel FF3":         func() { FitModel(FF3, ev.R, ev.R, 10) },
		"FitFactors market":    func() { FitFactors(MarketModel, ev.R, ev.X, 10) },
		"negative lags":        func() { Analyze(Event{R: ev.R, Rm: ev.R, Lags: -1}, Dimson, benchEst, nil, 10) },
		"Expected row length":  func() { Fit{Model: FF3, Coef: []float64{0, 1, 1, 1}}.Expected(0.01) },
		"CARVariance series":   func() { Fit{Model: MarketModel}.CARVariance(nil, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func BenchmarkAnalyzeFF3(b *testing.B) {
	evs := make([]Event, 1000)
	for i := range evs {
		evs[i] = factorEvent(uint64(i), 0.0002, [3]float64{1.1, 0.3, -0.2}, 0.02)
	}
	for b.Loop() {
		for _, ev := range evs {
			if _, err := Analyze(ev, FF3, benchEst, benchWins, 200); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(evs)*b.N)/b.Elapsed().Seconds(), "events/s")
}

// TestFitMethodsGeneralForm: Fit.Expected, Fit.C and Fit.CARVariance on the
// regressors of a factor model agree with the values Analyze stores, and
// EventResult.CARVariance is NaN over a missing day or off the grid.
func TestFitMethodsGeneralForm(t *testing.T) {
	ev := factorEvent(26, 0.0003, [3]float64{1, 0.2, 0.1}, 0.02)
	ev.R[255] = math.NaN() // day 5
	res, err := Analyze(ev, FF3, benchEst, benchWins, 200)
	if err != nil {
		t.Fatal(err)
	}
	i := 250 // day 0
	row := []float64{ev.X[0][i], ev.X[1][i], ev.X[2][i]}
	near(t, "Expected", res.Fit.Expected(row...), res.Expected[i], 1e-15)
	near(t, "SAR", res.SAR[i], res.AR[i]/math.Sqrt(res.Fit.S2*res.Fit.C(row...)), 1e-14)
	w := Window{-1, 1}
	series := rows(ev.X, 249, 252)
	near(t, "CARVariance", res.Fit.CARVariance(series...), res.CARVariance(w), 1e-15)
	// One day: CARVariance = S2 C.
	near(t, "CARVariance L=1", res.CARVariance(Window{0, 0}), res.Fit.S2*res.Fit.C(row...), 1e-14)
	for _, w := range []Window{{3, 6}, {8, 12}, {-300, -250}} {
		if v := res.CARVariance(w); !math.IsNaN(v) {
			t.Errorf("CARVariance(%v) = %v, want NaN", w, v)
		}
	}
}
