package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestParseModel(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Model
		k    int
	}{
		{"constant-mean", ConstantMean, 1},
		{"market-adjusted", MarketAdjusted, 0},
		{"market", MarketModel, 2},
		{"ff3", FF3, 4},
		{"carhart", Carhart, 5},
		{"ff5", FF5, 6},
		{"scholes-williams", ScholesWilliams, 2},
		// k at the default settings (Fit.K has the fitted k): Factors with
		// one factor, Dimson with L = 1.
		{"factors", Factors, 2},
		{"dimson", Dimson, 4},
		{"garch", GARCH, 5}, // a, b and Omega, Alpha, Beta
	} {
		m, err := ParseModel(tc.in)
		if err != nil || m != tc.want {
			t.Errorf("ParseModel(%q) = %v, %v, want %v", tc.in, m, err, tc.want)
		}
		if m.String() != tc.in {
			t.Errorf("String() = %q, want %q", m.String(), tc.in)
		}
		if m.K() != tc.k {
			t.Errorf("%v.K() = %d, want %d", m, m.K(), tc.k)
		}
	}
	const msg = `model "capm": unknown (want constant-mean, market-adjusted, market, ff3, carhart, ff5, factors, scholes-williams, dimson or garch)`
	if _, err := ParseModel("capm"); err == nil || err.Error() != msg {
		t.Errorf("ParseModel(capm) error = %v, want %q", err, msg)
	}
	if got := Model(42).String(); got != "Model(42)" {
		t.Errorf("Model(42).String() = %q", got)
	}
	if got := Model(-1).String(); got != "Model(-1)" {
		t.Errorf("Model(-1).String() = %q", got)
	}
}

func TestModelKPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Model(42).K() did not panic")
		}
	}()
	Model(42).K()
}

func FuzzParseModel(f *testing.F) {
	for _, s := range []string{"market", "constant-mean", "market-adjusted", "Market", "", "ff3", "dimson", "scholes-williams"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseModel(s)
		if err != nil {
			return
		}
		if m.String() != s {
			t.Fatalf("ParseModel(%q) = %v", s, m)
		}
	})
}

// simReturns returns n market returns and security returns a + b m + noise,
// seeded, with NaNs at the given indices of r.
func simReturns(seed uint64, n int, a, b, sd float64, missing ...int) (r, m []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	r, m = make([]float64, n), make([]float64, n)
	for i := range n {
		m[i] = 0.01 * rng.NormFloat64()
		r[i] = a + b*m[i] + sd*rng.NormFloat64()
	}
	for _, i := range missing {
		r[i] = math.NaN()
	}
	return r, m
}

// complete returns the pairs of r and m where neither is NaN.
func complete(r, m []float64) (rc, mc []float64) {
	for i := range r {
		if !math.IsNaN(r[i]) && !math.IsNaN(m[i]) {
			rc, mc = append(rc, r[i]), append(mc, m[i])
		}
	}
	return rc, mc
}

func TestFitModelMarketAgainstGonum(t *testing.T) {
	r, m := simReturns(1, 240, 0.0004, 1.2, 0.02, 3, 50, 51)
	m[100] = math.NaN()
	f, err := FitModel(MarketModel, r, m, 100)
	if err != nil {
		t.Fatal(err)
	}
	rc, mc := complete(r, m)
	// Reference: gonum v0.17.0 stat.LinearRegression on the complete pairs.
	alpha, beta := stat.LinearRegression(mc, rc, nil, false)
	near(t, "Alpha", f.Alpha, alpha, 1e-12)
	near(t, "Beta", f.Beta, beta, 1e-12)
	if f.M != 236 || f.DF != 234 {
		t.Errorf("M, DF = %d, %d, want 236, 234 (240 days less 4 with a NaN)", f.M, f.DF)
	}
	var sse float64
	var pos int
	for i := range rc {
		e := rc[i] - alpha - beta*mc[i]
		sse += e * e
		if e > 0 {
			pos++
		}
	}
	near(t, "S2", f.S2, sse/234, 1e-12)
	near(t, "PosFrac", f.PosFrac, float64(pos)/236, 0)
	meanM, varM := stat.MeanVariance(mc, nil)
	near(t, "MeanM", f.MeanM, meanM, 1e-12)
	near(t, "Smm", f.Smm, varM*235, 1e-12) // Smm = (M-1) * sample variance
}

func TestFitModelOtherModels(t *testing.T) {
	r, m := simReturns(2, 120, 0.001, 0.8, 0.015, 7)
	rc, mc := complete(r, m)

	f, err := FitModel(ConstantMean, r, m, 30)
	if err != nil {
		t.Fatal(err)
	}
	// Reference: gonum stat.MeanVariance (divisor M-1), the constant-mean
	// residual variance SSE/(M-1).
	mean, v := stat.MeanVariance(rc, nil)
	near(t, "constant-mean Alpha", f.Alpha, mean, 1e-12)
	near(t, "constant-mean S2", f.S2, v, 1e-12)
	if f.Beta != 0 || f.M != 119 || f.DF != 118 {
		t.Errorf("constant mean Beta, M, DF = %v, %d, %d, want 0, 119, 118", f.Beta, f.M, f.DF)
	}

	f, err = FitModel(MarketAdjusted, r, m, 30)
	if err != nil {
		t.Fatal(err)
	}
	d := make([]float64, len(rc))
	for i := range rc {
		d[i] = rc[i] - mc[i]
	}
	// Reference: the sample variance (divisor M-1) of R - Rm, STATISTICS.md
	// for k = 0.
	near(t, "market-adjusted S2", f.S2, stat.Variance(d, nil), 1e-12)
	if f.Alpha != 0 || f.Beta != 1 || f.DF != 118 {
		t.Errorf("market-adjusted Alpha, Beta, DF = %v, %v, %d, want 0, 1, 118", f.Alpha, f.Beta, f.DF)
	}
}

func TestFitModelExact(t *testing.T) {
	// R = a + b Rm exactly: the fit recovers a and b and S2 is exactly 0.
	_, m := simReturns(3, 60, 0, 0, 0)
	r := make([]float64, len(m))
	for i := range m {
		r[i] = -0.002 + 1.7*m[i]
	}
	f, err := FitModel(MarketModel, r, m, 30)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Alpha", f.Alpha, -0.002, 1e-12)
	near(t, "Beta", f.Beta, 1.7, 1e-12)
	if f.S2 != 0 {
		t.Errorf("S2 = %g, want 0 for an exact fit", f.S2)
	}
}

func TestFitModelErrors(t *testing.T) {
	r, m := simReturns(4, 40, 0, 1, 0.01, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	for _, tc := range []struct {
		name   string
		model  Model
		r, m   []float64
		minObs int
		want   error
		msg    string
	}{
		{"short", MarketModel, r, m, 30, ErrShortEstimation,
			"too few estimation returns: 29 with a market return, need at least 30"},
		{"below k+1", MarketModel, r[:13], m[:13], 0, ErrShortEstimation,
			"too few estimation returns: 2 with a market return, need at least 3"},
		{"market-adjusted needs 2", MarketAdjusted, r[:12], m[:12], 0, ErrShortEstimation,
			"too few estimation returns: 1 with a market return, need at least 2"},
		{"empty", ConstantMean, nil, nil, 1, ErrShortEstimation,
			"too few estimation returns: 0 with a market return, need at least 2"},
		{"constant market", MarketModel, r, make([]float64, len(r)), 10, ErrSingular,
			"constant market returns: the market model cannot be fitted"},
		// 0.007 every day: its deviations from the mean are rounding
		// (Smm about 1e-34, not 0), which gave a beta of srm/Smm.
		{"constant nonzero market", MarketModel, r, constant(len(r), 0.007), 10, ErrSingular,
			"constant market returns: the market model cannot be fitted"},
		{"constant nonzero market, scholes-williams", ScholesWilliams, r, constant(len(r), 0.01), 10, ErrSingular,
			"constant market returns: the scholes-williams model cannot be fitted"},
	} {
		_, err := FitModel(tc.model, tc.r, tc.m, tc.minObs)
		if !errors.Is(err, tc.want) || err.Error() != tc.msg {
			t.Errorf("%s: error = %v, want %q", tc.name, err, tc.msg)
		}
	}
	// Constant market returns are fine for the other models.
	if _, err := FitModel(MarketAdjusted, r, make([]float64, len(r)), 10); err != nil {
		t.Errorf("market-adjusted with constant market: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("FitModel with unequal lengths did not panic")
		}
	}()
	FitModel(MarketModel, r, m[1:], 10)
}

func TestForecastErrorFactor(t *testing.T) {
	// Hand-derived case: estimation market returns -0.02, 0, 0.01, 0.03:
	// M = 4, mean 0.005, Smm = 0.000625 + 0.000025 + 0.000025 + 0.000625
	// = 0.0013.
	mEst := []float64{-0.02, 0, 0.01, 0.03}
	rEst := []float64{0.01, -0.02, 0.03, 0.00}
	f, err := FitModel(MarketModel, rEst, mEst, 4)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "MeanM", f.MeanM, 0.005, 1e-15)
	near(t, "Smm", f.Smm, 0.0013, 1e-15)
	// C(0.02) = 1 + 1/4 + 0.015^2/0.0013 = 1.25 + 0.000225/0.0013.
	near(t, "C market", f.C(0.02), 1.25+0.000225/0.0013, 1e-14)
	near(t, "C constant mean", Fit{Model: ConstantMean, M: 4}.C(0.02), 1.25, 0)
	near(t, "C market-adjusted", Fit{Model: MarketAdjusted, M: 4}.C(0.02), 1, 0)

	// CARVariance over rm = 0.02, 0.01 with S2 = 2: L = 2, L^2/M = 1,
	// sum(rm - mean) = 0.02, 0.02^2/0.0013 = 0.0004/0.0013.
	rm := []float64{0.02, 0.01}
	g := Fit{Model: MarketModel, M: 4, S2: 2, MeanM: 0.005, Smm: 0.0013}
	near(t, "CARVariance market", g.CARVariance(rm), 2*(2+1+0.0004/0.0013), 1e-14)
	g.Model = ConstantMean
	near(t, "CARVariance constant mean", g.CARVariance(rm), 2*(2+1), 1e-14)
	g.Model = MarketAdjusted
	near(t, "CARVariance market-adjusted", g.CARVariance(rm), 2*2, 1e-14)

	// One day: CARVariance = S2 C.
	near(t, "CARVariance L=1", f.CARVariance([]float64{0.02}), f.S2*f.C(0.02), 1e-14)
}

func TestCARVarianceGeneralForm(t *testing.T) {
	// STATISTICS.md general OLS form s^2 (L + g' (X'X)^-1 g), g = sum over
	// the window of x_t = (1, Rm_t), computed with gonum/mat, against the
	// market-model closed form.
	r, m := simReturns(5, 100, 0, 1, 0.02)
	f, err := FitModel(MarketModel, r, m, 50)
	if err != nil {
		t.Fatal(err)
	}
	x := mat.NewDense(len(m), 2, nil)
	for i, v := range m {
		x.Set(i, 0, 1)
		x.Set(i, 1, v)
	}
	var xtx, inv mat.Dense
	xtx.Mul(x.T(), x)
	if err := inv.Inverse(&xtx); err != nil {
		t.Fatal(err)
	}
	rm := []float64{0.013, -0.021, 0.004, 0.03, -0.008}
	gv := mat.NewVecDense(2, []float64{float64(len(rm)), 0})
	for _, v := range rm {
		gv.SetVec(1, gv.AtVec(1)+v)
	}
	want := f.S2 * (float64(len(rm)) + mat.Inner(gv, &inv, gv))
	near(t, "CARVariance", f.CARVariance(rm), want, 1e-10)
}

// constant returns n copies of v.
func constant(n int, v float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}
