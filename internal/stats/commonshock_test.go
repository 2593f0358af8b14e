package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
)

// randomFactorCov draws a low-rank-plus-diagonal covariance of n firms and
// k factors with daily-return scales.
func randomFactorCov(rng *rand.Rand, n, k int) FactorCov {
	c := FactorCov{Loadings: make([][]float64, n), Idio: make([]float64, n)}
	for i := range n {
		c.Loadings[i] = make([]float64, k)
		for a := range k {
			c.Loadings[i][a] = 0.01 * rng.NormFloat64()
		}
		c.Idio[i] = 1e-4 + 3e-4*rng.Float64()
	}
	return c
}

// Woodbury against a dense Cholesky solve of the same matrix (gonum
// mat.Cholesky on FactorCov.Dense): equal to 1e-10 relative to the
// solution's largest element.
func TestFactorCovSolveDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	for _, tc := range []struct{ n, k int }{{5, 0}, {12, 2}, {80, 5}, {200, 10}} {
		c := randomFactorCov(rng, tc.n, tc.k)
		b := make([]float64, tc.n)
		for i := range b {
			b[i] = rng.NormFloat64()
		}
		got := c.Solve(b)
		var ch mat.Cholesky
		if !ch.Factorize(c.Dense()) {
			t.Fatalf("n=%d k=%d: dense matrix not positive definite", tc.n, tc.k)
		}
		var want mat.VecDense
		if err := ch.SolveVecTo(&want, mat.NewVecDense(tc.n, b)); err != nil {
			t.Fatal(err)
		}
		scale := mat.Norm(&want, math.Inf(1))
		for i := range b {
			if d := math.Abs(got[i] - want.AtVec(i)); d > 1e-10*scale {
				t.Errorf("n=%d k=%d: element %d: Woodbury %.17g, dense %.17g (diff %.3g, tolerance %.3g)", tc.n, tc.k, i, got[i], want.AtVec(i), d, 1e-10*scale)
			}
		}
	}
}

// The fixture of testdata/commonshock_gls.R (set.seed(12); R 4.2.2).
var glsFixture = struct {
	f1, f2, d, x1, x2, y []float64
}{
	f1: []float64{-0.014806, 0.015772000000000001, -0.0095670000000000009, -0.0091999999999999998, -0.019976000000000001, -0.0027230000000000002, -0.003153, -0.0062830000000000004, -0.001065, 0.00428, -0.0077770000000000001, -0.012939000000000001},
	f2: []float64{-0.007796, 0.00012, -0.001524, -0.0070349999999999996, 0.011889, 0.003405, 0.0050699999999999999, -0.0029329999999999998, 0.0022360000000000001, 0.020072, 0.010120000000000001, -0.0030249999999999999},
	d:  []float64{0.00014579999999999999, 0.0003324, 0.0002184, 0.0002085, 0.0002263, 0.00019660000000000001, 0.0002656, 0.00039140000000000003, 0.00026739999999999999, 0.0002722, 0.00029240000000000001, 0.00034719999999999998},
	x1: []float64{0.67400000000000004, 2.0720000000000001, -0.54100000000000004, -1.0705, -0.3725, -0.48509999999999998, 0.27479999999999999, -0.47949999999999998, 0.79810000000000003, -1.0044999999999999, 0.105, -1.1559999999999999},
	x2: []float64{7.1840000000000002, 2.621, 0.55300000000000005, 8.7780000000000005, 3.7879999999999998, 1.018, 6.7350000000000003, 1.544, 1.643, 3.6640000000000001, 5.7530000000000001, 4.9509999999999996},
	y:  []float64{-0.0010839999999999999, 0.026473, -0.014088, -0.012848, -0.030924, 0.023897000000000002, -0.020943, 0.0037299999999999998, 0.010118, -0.029361999999999999, -0.020080000000000001, -0.015202},
}

func glsFixtureCov() FactorCov {
	fx := glsFixture
	c := FactorCov{Idio: fx.d}
	for i := range fx.d {
		c.Loadings = append(c.Loadings, []float64{fx.f1[i], fx.f2[i]})
	}
	return c
}

// GLS with the Woodbury solve equals R's dense GLS (solve(Sigma), same
// Sigma, testdata/commonshock_gls.R, R 4.2.2) to 1e-8 relative; the OLS
// slopes of RegressCommonShock equal R's lm() to 1e-10 relative.
func TestCommonShockAgainstR(t *testing.T) {
	fx := glsFixture
	cov := glsFixtureCov()
	// A pre-event period with a missing firm, to exercise that path.
	pre := [][]float64{append([]float64{math.NaN()}, fx.y[1:]...)}
	cs, err := RegressCommonShock(fx.y, [][]float64{fx.x1, fx.x2}, []string{"x1", "x2"}, pre, cov, nil)
	if err != nil {
		t.Fatal(err)
	}
	// R: coef(lm(y ~ x1 + x2))
	lm := []float64{0.0052969515185715887, 0.010776504769333521, -0.0027181975611677918}
	// R: solve(A, t(X) %*% Si %*% y), sqrt(diag(s2 * solve(A))), 2*pt(-|t|, 9)
	glsCoef := []float64{0.011130371063636128, 0.0068566695439157528, -0.0027563069535507722}
	glsSE := []float64{0.0074726294793053469, 0.0048392436891340944, 0.0014827053536452489}
	glsP := []float64{0.17054340014237265, 0.19018723909898616, 0.095970480843616562}
	for j, term := range cs.Terms {
		check := func(what string, got, want, tol float64) {
			if !scalar.EqualWithinAbsOrRel(got, want, 0, tol) {
				t.Errorf("%s %s = %.17g, want %.17g (R, tolerance %g relative)", term.Name, what, got, want, tol)
			}
		}
		check("OLS coefficient", term.Coef, lm[j], 1e-10)
		check("GLS coefficient", term.GLSCoef, glsCoef[j], 1e-8)
		check("GLS standard error", term.GLSSE, glsSE[j], 1e-8)
		check("GLS p", term.GLSP, glsP[j], 1e-8)
	}
	if cs.N != 12 || cs.DF != 9 || cs.NPre != 1 {
		t.Errorf("N = %d, DF = %d, NPre = %d; want 12, 9, 1", cs.N, cs.DF, cs.NPre)
	}
}

// The empirical p-value by hand: an event slope above all of m = 19
// pre-event slopes has p = 2 (0 + 1)/20 = 0.1; one at their median, 1.
func TestCommonShockEmpiricalP(t *testing.T) {
	n := 10
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	line := func(slope float64) []float64 {
		r := make([]float64, n)
		for i := range r {
			r[i] = slope*x[i] + 0.001*float64(i%3) // a fixed wiggle, so that the fit is not exact
		}
		return r
	}
	var pre [][]float64
	for s := -9; s <= 9; s++ {
		pre = append(pre, line(float64(s)*1e-3))
	}
	cov := FactorCov{Idio: make([]float64, n), Loadings: make([][]float64, n)}
	for i := range cov.Idio {
		cov.Idio[i], cov.Loadings[i] = 1e-4, []float64{}
	}
	for _, tc := range []struct{ slope, want float64 }{{0.05, 0.1}, {-0.05, 0.1}, {0, 1}, {0.0085, 0.2}} {
		cs, err := RegressCommonShock(line(tc.slope), [][]float64{x}, []string{"x"}, pre, cov, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := cs.Terms[1].PEmpirical; !scalar.EqualWithinAbs(got, tc.want, 1e-12) {
			t.Errorf("slope %g: p_empirical = %g, want %g (by hand)", tc.slope, got, tc.want)
		}
		// With Sigma = 1e-4 I, GLS is OLS: the same ranks.
		if got := cs.Terms[1].GLSPEmpirical; !scalar.EqualWithinAbs(got, tc.want, 1e-12) {
			t.Errorf("slope %g: GLS p_empirical = %g, want %g (by hand: GLS is OLS here)", tc.slope, got, tc.want)
		}
	}
}

// Size under a common-factor null, seeded simulation: 60 firms whose
// returns load on one market factor, a characteristic correlated with the
// loadings (as size or beta is), 250 pre-event days and an event day drawn
// from the same null. The conventional OLS t (HC1) rejects the zero slope
// far more often than 5%; the empirical p, the GLS p (k = 1 and k = 3
// factors estimated from the pre-event days) and the GLS slope's
// percentile among the pre-event GLS slopes hold their size. 400
// replications: the binomial sd of a 5% rate is 1.1%, the band [2%, 8.5%]
// is about three sd.
func TestCommonShockSizeUnderFactorNull(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation")
	}
	const n, days, reps = 60, 250, 400
	rng := rand.New(rand.NewPCG(2023, 12))
	rej := map[string]int{}
	for range reps {
		beta := make([]float64, n)
		x := make([]float64, n)
		for i := range n {
			beta[i] = 1 + 0.5*rng.NormFloat64()
			x[i] = beta[i] + 0.5*rng.NormFloat64()
		}
		day := func() []float64 {
			f := 0.015 * rng.NormFloat64()
			r := make([]float64, n)
			for i := range r {
				r[i] = beta[i]*f + 0.02*rng.NormFloat64()
			}
			return r
		}
		pre := make([][]float64, days)
		byFirm := make([][]float64, n)
		for d := range pre {
			pre[d] = day()
			if d%50 == 7 {
				pre[d][d%n] = math.NaN() // an unbalanced panel
			}
		}
		for i := range byFirm {
			byFirm[i] = make([]float64, days)
			for d := range days {
				byFirm[i][d] = pre[d][i]
			}
		}
		y := day()
		cov1, err := EstimateFactorCov(byFirm, 1)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := RegressCommonShock(y, [][]float64{x}, []string{"x"}, pre, cov1, nil)
		if err != nil {
			t.Fatal(err)
		}
		for name, p := range map[string]float64{"ols": cs.Terms[1].P, "empirical": cs.Terms[1].PEmpirical, "gls k=1": cs.Terms[1].GLSP, "gls empirical k=1": cs.Terms[1].GLSPEmpirical} {
			if p < 0.05 {
				rej[name]++
			}
		}
		cov3, err := EstimateFactorCov(byFirm, 3)
		if err != nil {
			t.Fatal(err)
		}
		g, err := GLS(y, [][]float64{x}, cov3)
		if err != nil {
			t.Fatal(err)
		}
		if g.P[1] < 0.05 {
			rej["gls k=3"]++
		}
	}
	rate := func(s string) float64 { return float64(rej[s]) / reps }
	t.Logf("5%% rejection rates over %d replications: OLS HC1 %.3f, empirical %.3f, GLS k=1 %.3f, GLS k=3 %.3f, GLS empirical k=1 %.3f", reps, rate("ols"), rate("empirical"), rate("gls k=1"), rate("gls k=3"), rate("gls empirical k=1"))
	if rate("ols") < 0.15 {
		t.Errorf("OLS HC1 rejects %.3f under the factor null; the simulation should show it over-rejecting (> 0.15)", rate("ols"))
	}
	for _, s := range []string{"empirical", "gls k=1", "gls k=3", "gls empirical k=1"} {
		if r := rate(s); r < 0.02 || r > 0.085 {
			t.Errorf("%s rejects %.3f at 5%% under the null, outside [0.02, 0.085]", s, r)
		}
	}
}

// EstimateFactorCov recovers a one-factor covariance from a simulated
// sample of 100 firms over 5,000 days, one with a quarter of its days
// missing. A loading's sampling sd is about idio_i/sqrt(T), a variance's
// sigma_i^2 sqrt(2/T) (2%); principal components also overstate the
// loadings by about mean(idio variance)/(2 sum beta^2), here 1.5% (the
// first eigenvalue carries idiosyncratic variance too). Tolerances: 4
// sampling sd plus 3% for the loadings, 10% for the variances.
func TestEstimateFactorCovRecovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	const n, days = 100, 5000
	beta := make([]float64, n)
	idio := make([]float64, n)
	r := make([][]float64, n)
	for i := range n {
		beta[i] = 0.01 * (0.5 + rng.Float64())
		idio[i] = 0.01 + 0.01*rng.Float64()
		r[i] = make([]float64, days)
	}
	for d := range days {
		f := rng.NormFloat64()
		for i := range n {
			r[i][d] = beta[i]*f + idio[i]*rng.NormFloat64()
			if i == 3 && d%4 == 0 {
				r[i][d] = math.NaN() // a quarter of one firm's days missing
			}
		}
	}
	c, err := EstimateFactorCov(r, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		tol := 4*idio[i]/math.Sqrt(days) + 0.03*beta[i]
		if i == 3 {
			tol = 4*idio[i]/math.Sqrt(0.75*days) + 0.03*beta[i]
		}
		if got := math.Abs(c.Loadings[i][0]); !scalar.EqualWithinAbs(got, beta[i], tol) {
			t.Errorf("firm %d: |loading| %.5f, true %.5f", i, got, beta[i])
		}
		if got := c.Idio[i]; !scalar.EqualWithinRel(got, idio[i]*idio[i], 0.10) {
			t.Errorf("firm %d: idiosyncratic variance %.3g, true %.3g", i, got, idio[i]*idio[i])
		}
	}
	if _, err := EstimateFactorCov(r, n); err == nil {
		t.Error("k = N: want an error")
	}
}

// The GLS null of explicit periods: an empty list gives no draw (NaN, not
// the in-sample null of a nil list), and a firm left out of a period (NaN)
// is left out of its GLS fit, with Sigma restricted (here the identity
// times 1e-4, so that each GLS slope is the OLS slope on the same firms).
func TestCommonShockGLSPeriods(t *testing.T) {
	fx := glsFixture
	cov := glsFixtureCov()
	x := [][]float64{fx.x1, fx.x2}
	cs, err := RegressCommonShock(fx.y, x, []string{"x1", "x2"}, [][]float64{fx.y}, cov, []GLSPeriod{})
	if err != nil {
		t.Fatal(err)
	}
	if cs.NPreGLS != 0 || !math.IsNaN(cs.Terms[1].GLSPEmpirical) {
		t.Errorf("no GLS period: NPreGLS %d, GLS p_empirical %v; want 0 and NaN", cs.NPreGLS, cs.Terms[1].GLSPEmpirical)
	}
	n := len(fx.y)
	iid := FactorCov{Loadings: make([][]float64, n), Idio: make([]float64, n)}
	for i := range iid.Idio {
		iid.Loadings[i], iid.Idio[i] = []float64{0}, 1e-4
	}
	// Two periods: y with firm 0 left out, and -y with firm 0 left out.
	r1 := append([]float64{math.NaN()}, fx.y[1:]...)
	r2 := make([]float64, n)
	for i := range r2 {
		r2[i] = -r1[i]
	}
	cs, err = RegressCommonShock(fx.y, x, []string{"x1", "x2"}, nil, cov, []GLSPeriod{{R: r1, Cov: iid}, {R: r2, Cov: iid}})
	if err != nil {
		t.Fatal(err)
	}
	ols, err := Regress(fx.y[1:], [][]float64{fx.x1[1:], fx.x2[1:]}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// x1: the event's GLS slope (0.00686, R) lies between the draws
	// -0.0105 and +0.0105 (the OLS slope without firm 0, and its negative):
	// p = 2 (1 + 1)/3, capped at 1.
	if b := ols.Terms[1].Coef; cs.NPreGLS != 2 || math.Abs(b) < cs.Terms[1].GLSCoef {
		t.Fatalf("NPreGLS %d, OLS slope without firm 0 %v: the fixture no longer brackets the GLS slope %v", cs.NPreGLS, b, cs.Terms[1].GLSCoef)
	}
	if got := cs.Terms[1].GLSPEmpirical; got != 1 {
		t.Errorf("GLS p_empirical %v, want 1 (by hand)", got)
	}
}

// Sigma = f f' + I with f = (1, 1) is [[2, 1], [1, 2]], whose inverse is
// [[2, -1], [-1, 2]]/3 (closed form).
func ExampleFactorCov_Solve() {
	c := FactorCov{Loadings: [][]float64{{1}, {1}}, Idio: []float64{1, 1}}
	fmt.Printf("%.4f\n", c.Solve([]float64{1, 0}))
	// Output: [0.6667 -0.3333]
}
