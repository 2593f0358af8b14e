package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// CommonShock is the cross-sectional regression of many firms' returns over
// one event window that they share (a common shock) on firm
// characteristics, judged two ways that allow for the correlation of the
// firms' returns (Cohn, Johnson, Liu & Wardlaw 2023): against the same
// regression on pre-event periods, and by GLS with a factor covariance.
type CommonShock struct {
	// Terms: the intercept, named "(Intercept)", then one per regressor.
	Terms []ShockTerm
	// N is the number of firms in the event regression, DF = N - K its
	// residual degrees of freedom (K coefficients).
	N, K, DF int
	// NPre is the number of pre-event periods whose regression entered the
	// empirical null; PreSkipped those left out (too few firms with
	// returns, or a singular design on them).
	NPre, PreSkipped int
	// NPreGLS is the number of pre-event periods with a GLS estimate.
	NPreGLS int
}

// ShockTerm is one coefficient of a CommonShock.
type ShockTerm struct {
	Name string
	// Coef is the OLS estimate; SE, T and P its conventional inference
	// (HC1, Student's t with N - K df), which takes the firms' returns as
	// independent.
	Coef, SE, T, P float64
	// PEmpirical is the two-sided percentile p-value of Coef among the
	// pre-event estimates b_1..b_m of the same term:
	// min(1, 2 min(1 + #{b_t >= Coef}, 1 + #{b_t <= Coef}) / (m + 1)),
	// the rank convention of a permutation test (the event counted among
	// the draws), so that it is never 0. NaN with no pre-event estimate.
	PEmpirical float64
	// PreMean and PreSD are the mean and standard deviation of the
	// pre-event estimates.
	PreMean, PreSD float64
	// GLSCoef, GLSSE, GLST and GLSP are the GLS estimate with the factor
	// covariance Sigma known up to scale: b = (X'S^-1X)^-1 X'S^-1y,
	// Var b = s^2 (X'S^-1X)^-1 with s^2 = e'S^-1e/(N-K), t with N - K df.
	GLSCoef, GLSSE, GLST, GLSP float64
	// GLSPEmpirical is the percentile p-value of GLSCoef among the GLS
	// estimates of the pre-event periods (same Sigma, restricted to the
	// firms present in each), by the convention of PEmpirical.
	GLSPEmpirical float64
}

// RegressCommonShock fits the event regression of y (one event-window
// return per firm, no NaN) on x (regressors, one value per firm) and the
// same regression on each pre-event period pre[t] (one return per firm,
// NaN where the firm has none: that period's regression uses the firms
// present), and the GLS regression of y with covariance cov (for the same
// N firms, in the same order). A pre-event period whose regression fails
// (fewer than K + 2 firms, a design singular on its firms) is skipped and
// counted. It panics when the lengths disagree.
//
// The GLS estimates of the pre-event periods, for GLSPEmpirical, are those
// of glsPre; nil takes pre with cov, the covariance estimated on those
// same periods (in sample: their GLS slopes may be less dispersed than an
// out-of-sample event day's; see "Common shocks" in the package doc).
func RegressCommonShock(y []float64, x [][]float64, names []string, pre [][]float64, cov FactorCov, glsPre []GLSPeriod) (CommonShock, error) {
	n, p := len(y), len(x)
	if cov.N() != n {
		panic(fmt.Sprintf("stats: RegressCommonShock: covariance of %d firms for %d returns", cov.N(), n))
	}
	for _, v := range y {
		if math.IsNaN(v) {
			panic("stats: RegressCommonShock: NaN event-window return")
		}
	}
	ols, err := Regress(y, x, names)
	if err != nil {
		return CommonShock{}, err
	}
	cs := CommonShock{N: ols.N, K: ols.K, DF: ols.DF, Terms: make([]ShockTerm, ols.K)}
	for j, t := range ols.Terms {
		cs.Terms[j] = ShockTerm{Name: t.Name, Coef: t.Coef, SE: t.SE, T: t.T, P: t.P}
	}

	// The empirical null, of the OLS and of the GLS estimates.
	k := p + 1
	draws := make([][]float64, k)
	glsDraws := make([][]float64, k)
	xs := make([][]float64, p)
	for _, r := range pre {
		if len(r) != n {
			panic(fmt.Sprintf("stats: RegressCommonShock: pre-event period of %d returns for %d firms", len(r), n))
		}
		present := 0
		for _, v := range r {
			if !math.IsNaN(v) {
				present++
			}
		}
		if present < k+2 {
			cs.PreSkipped++
			continue
		}
		reg, err := Regress(r, x, names)
		if err != nil {
			if errors.Is(err, ErrSingular) || errors.Is(err, ErrShortSample) || errors.Is(err, ErrLeverage) {
				cs.PreSkipped++
				continue
			}
			return cs, fmt.Errorf("pre-event regression: %w", err)
		}
		cs.NPre++
		for j, t := range reg.Terms {
			draws[j] = append(draws[j], t.Coef)
		}
	}
	if glsPre == nil {
		for _, r := range pre {
			glsPre = append(glsPre, GLSPeriod{R: r, Cov: cov})
		}
	}
	for _, gp := range glsPre {
		// GLS on the firms present, with Sigma restricted to them.
		if len(gp.R) != n || gp.Cov.N() != n {
			panic(fmt.Sprintf("stats: RegressCommonShock: GLS period of %d returns and %d covariance rows for %d firms", len(gp.R), gp.Cov.N(), n))
		}
		var idx []int
		var ys []float64
		for i, v := range gp.R {
			if !math.IsNaN(v) {
				idx = append(idx, i)
				ys = append(ys, v)
			}
		}
		if len(idx) < k+2 {
			continue
		}
		for j, c := range x {
			xs[j] = xs[j][:0]
			for _, i := range idx {
				xs[j] = append(xs[j], c[i])
			}
		}
		g, err := GLS(ys, xs, gp.Cov.Subset(idx))
		if err != nil {
			continue
		}
		cs.NPreGLS++
		for j := range g.Coef {
			glsDraws[j] = append(glsDraws[j], g.Coef[j])
		}
	}
	for j := range cs.Terms {
		t := &cs.Terms[j]
		t.PEmpirical, t.PreMean, t.PreSD = math.NaN(), math.NaN(), math.NaN()
		m := len(draws[j])
		if m == 0 {
			continue
		}
		var s float64
		for _, b := range draws[j] {
			s += b
		}
		t.PEmpirical = percentileP(t.Coef, draws[j])
		t.PreMean = s / float64(m)
		if m > 1 {
			var ss float64
			for _, b := range draws[j] {
				ss += (b - t.PreMean) * (b - t.PreMean)
			}
			t.PreSD = math.Sqrt(ss / float64(m-1))
		}
	}

	g, err := GLS(y, x, cov)
	if err != nil {
		return cs, err
	}
	for j := range cs.Terms {
		t := &cs.Terms[j]
		t.GLSCoef, t.GLSSE, t.GLST, t.GLSP = g.Coef[j], g.SE[j], g.T[j], g.P[j]
		t.GLSPEmpirical = math.NaN()
		if len(glsDraws[j]) > 0 {
			t.GLSPEmpirical = percentileP(t.GLSCoef, glsDraws[j])
		}
	}
	return cs, nil
}

// percentileP is the two-sided percentile p-value of b among draws:
// min(1, 2 min(1 + #{d >= b}, 1 + #{d <= b}) / (m + 1)).
func percentileP(b float64, draws []float64) float64 {
	var ge, le int
	for _, d := range draws {
		if d >= b {
			ge++
		}
		if d <= b {
			le++
		}
	}
	return min(1, 2*float64(min(ge, le)+1)/float64(len(draws)+1))
}

// GLSPeriod is a pre-event period for the GLS null: the firms' returns
// (NaN for a firm left out) and the covariance to use, estimated before
// the period as the event's is before the event. Cov has a row for every
// firm; the rows of firms left out are not read.
type GLSPeriod struct {
	R   []float64
	Cov FactorCov
}

// GLSFit is a generalized least squares fit: coefficients (intercept
// first), their standard errors, t statistics and two-sided p-values under
// Student's t with DF = N - K degrees of freedom, and the scale s^2.
type GLSFit struct {
	Coef, SE, T, P []float64
	Scale          float64
	DF             int
}

// GLS regresses y on a constant and x by generalized least squares with
// covariance cov known up to scale, each Sigma^-1 product by the Woodbury
// identity (FactorCov.Solve):
//
//	b = (X'S^-1X)^-1 X'S^-1y, e = y - Xb, s^2 = e'S^-1e/(N-K),
//	Var b = s^2 (X'S^-1X)^-1
//
// (as R's nlme::gls with a fixed correlation structure, or lm() on the
// whitened data L^-1 y, L^-1 X for Sigma = L L'). It returns ErrShortSample
// when N <= K and ErrSingular when X'S^-1X is not positive definite.
func GLS(y []float64, x [][]float64, cov FactorCov) (GLSFit, error) {
	n, k := len(y), len(x)+1
	if n <= k {
		return GLSFit{}, fmt.Errorf("gls: %w: %d firms for %d coefficients", ErrShortSample, n, k)
	}
	cols := make([][]float64, k)
	cols[0] = make([]float64, n)
	for i := range cols[0] {
		cols[0][i] = 1
	}
	for j, c := range x {
		if len(c) != n {
			panic(fmt.Sprintf("stats: GLS: regressor %d has %d rows, y has %d", j+1, len(c), n))
		}
		cols[j+1] = c
	}
	solve := cov.solver()
	sy := solve(y)
	a := mat.NewSymDense(k, nil)
	b := make([]float64, k)
	for j := 0; j < k; j++ {
		sc := solve(cols[j])
		for l := 0; l <= j; l++ {
			a.SetSym(l, j, dot(cols[l], sc))
		}
		b[j] = dot(cols[j], sy)
	}
	var ch mat.Cholesky
	if !ch.Factorize(a) {
		return GLSFit{}, fmt.Errorf("gls: %w", singularError("constant or collinear regressors"))
	}
	var beta mat.VecDense
	if err := ch.SolveVecTo(&beta, mat.NewVecDense(k, b)); err != nil {
		return GLSFit{}, fmt.Errorf("gls: %w", singularError("constant or collinear regressors"))
	}
	e := make([]float64, n)
	for i := range e {
		e[i] = y[i]
		for j := 0; j < k; j++ {
			e[i] -= cols[j][i] * beta.AtVec(j)
		}
	}
	fit := GLSFit{DF: n - k, Coef: make([]float64, k), SE: make([]float64, k), T: make([]float64, k), P: make([]float64, k)}
	fit.Scale = dot(e, solve(e)) / float64(n-k)
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return GLSFit{}, fmt.Errorf("gls: %w", singularError("constant or collinear regressors"))
	}
	td := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(fit.DF)}
	for j := 0; j < k; j++ {
		fit.Coef[j] = beta.AtVec(j)
		fit.SE[j] = math.Sqrt(fit.Scale * inv.At(j, j))
		fit.T[j] = fit.Coef[j] / fit.SE[j]
		fit.P[j] = 2 * td.CDF(-math.Abs(fit.T[j]))
	}
	return fit, nil
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
