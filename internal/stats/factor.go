package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// maxCond is the largest condition number of the correlation matrix of the
// regressors that a fit accepts. Above it the regressors are collinear to
// within rounding (1 - R^2 of one regressor on the others below about
// 1e-12) and the design is reported as singular.
const maxCond = 1e12

// FitFactors estimates the factor model model (FF3, Carhart, FF5 or
// Factors) by OLS of the estimation returns r on a constant and the
// regressors x, one series per factor on the days of r (NaN = missing): FF3
// takes Mkt-RF, SMB and HML in that order, Carhart adds momentum, FF5 adds
// RMW and CMA after HML, and Factors any number >= 1. r should be the
// excess return R - RF; the caller subtracts RF. A day is used when r and
// every regressor are non-NaN. It needs at least max(minObs, K+1, 2) days
// (ErrShortEstimation); constant or collinear regressors give ErrSingular
// and an infinite value ErrInfinite. It panics when x does not hold the
// model's number of series or a series differs in length from r.
func FitFactors(model Model, r []float64, x [][]float64, minObs int) (Fit, error) {
	mustFactors(model, len(r), x)
	for j, s := range x {
		for i, v := range s {
			if math.IsInf(v, 0) {
				return Fit{Model: model}, fmt.Errorf("%s model: estimation regressor %d, day %d: %w", model, j, i, ErrInfinite)
			}
		}
	}
	for i, v := range r {
		if math.IsInf(v, 0) {
			return Fit{Model: model}, fmt.Errorf("%s model: estimation return %d: %w", model, i, ErrInfinite)
		}
	}
	return fitFactors(model, r, x, minObs)
}

// fitFactors is FitFactors on checked input.
func fitFactors(model Model, r []float64, x [][]float64, minObs int) (Fit, error) {
	f, err := fitOLS(model, r, x, minObs, "every factor")
	if err != nil {
		return f, err
	}
	f.Alpha, f.Beta = f.Coef[0], f.Coef[1]
	return f, nil
}

// mustFactors panics unless x holds the number of series model needs, each
// of length n.
func mustFactors(model Model, n int, x [][]float64) {
	want := model.factors()
	switch {
	case want == 0:
		panic(fmt.Sprintf("stats: the %s model takes no factors", model))
	case want > 0 && len(x) != want:
		panic(fmt.Sprintf("stats: the %s model needs %d factors, got %d", model, want, len(x)))
	case len(x) == 0:
		panic(fmt.Sprintf("stats: the %s model needs at least one factor", model))
	}
	for j, s := range x {
		if len(s) != n {
			panic(fmt.Sprintf("stats: %s model: factor %d has %d days but there are %d returns", model, j, len(s), n))
		}
	}
}

// FitDimson estimates the Dimson (1979) model with L = lags leads and lags
// on the estimation returns r and market returns m (same length): OLS of
// R_t on a constant and Rm_{t-L}, ..., Rm_{t+L}, using the days t where
// R_t and all 2L+1 market returns are non-NaN; the neighbours are taken
// from m itself, so the first and last L days serve only as neighbours.
// Beta is the sum of the 2L+1 slopes, the Dimson beta; K = 2L+2 (not the
// k = 2 of STATISTICS.md: the 2L+2 coefficients are estimated, so S2 =
// SSE/(M-2L-2) and C and CARVariance are the multiple regression's
// 1 + x'(X'X)^-1 x and S2 (L + g'(X'X)^-1 g); see the package
// documentation). With L = 0 it is the market model. Errors as for FitModel. It panics for a
// negative lags or unequal lengths.
func FitDimson(r, m []float64, lags, minObs int) (Fit, error) {
	if len(r) != len(m) {
		panic(fmt.Sprintf("stats: FitDimson: %d returns but %d market returns", len(r), len(m)))
	}
	if lags < 0 {
		panic(fmt.Sprintf("stats: FitDimson: %d lags", lags))
	}
	if err := checkFinite(r, m); err != nil {
		return Fit{Model: Dimson}, fmt.Errorf("%s model: estimation %w", Dimson, err)
	}
	return fitDimson(r, dimsonRegressors(m, lags), minObs)
}

// dimsonRegressors returns the 2L+1 regressors of the Dimson model on the
// grid of m: m shifted by -L, ..., L (NaN off the grid).
func dimsonRegressors(m []float64, lags int) [][]float64 {
	x := make([][]float64, 2*lags+1)
	for j := range x {
		x[j] = shifted(m, j-lags)
	}
	return x
}

// fitDimson fits the Dimson model on the regressors of dimsonRegressors.
func fitDimson(r []float64, x [][]float64, minObs int) (Fit, error) {
	lags := (len(x) - 1) / 2
	f, err := fitOLS(Dimson, r, x, minObs, fmt.Sprintf("market returns on days t-%d..t+%d", lags, lags))
	f.Lags = lags
	if err != nil {
		return f, err
	}
	f.Alpha = f.Coef[0]
	for _, b := range f.Coef[1:] {
		f.Beta += b
	}
	return f, nil
}

// shifted returns s with s[i] = m[i+k], NaN where i+k is off m.
func shifted(m []float64, k int) []float64 {
	s := make([]float64, len(m))
	for i := range s {
		if j := i + k; j >= 0 && j < len(m) {
			s[i] = m[j]
		} else {
			s[i] = math.NaN()
		}
	}
	return s
}

// fitOLS regresses r on a constant and the regressors x over the days where
// r and every x[j] are non-NaN; what names the regressors in the error for
// too few days. It fills every field of Fit but Alpha, Beta and Lags.
//
// The slopes come from the centred normal equations Sxx b = Sxy, solved by
// the Cholesky factorization (gonum/mat) of the correlation matrix of the
// regressors, which detects constant and collinear regressors; the
// intercept is mean R - b'MeanX. Centring and scaling keep daily returns of
// order 0.01 well conditioned.
func fitOLS(model Model, r []float64, x [][]float64, minObs int, what string) (Fit, error) {
	p := len(x)
	k := p + 1
	f := Fit{Model: model, K: k}
	ok := func(i int) bool {
		if math.IsNaN(r[i]) {
			return false
		}
		for _, s := range x {
			if math.IsNaN(s[i]) {
				return false
			}
		}
		return true
	}
	var n int
	var meanR float64
	meanX := make([]float64, p)
	for i := range r {
		if !ok(i) {
			continue
		}
		n++
		meanR += r[i]
		for j, s := range x {
			meanX[j] += s[i]
		}
	}
	need := max(minObs, k+1, 2)
	if n < need {
		return f, fmt.Errorf("%w: %d with %s, need at least %d", ErrShortEstimation, n, what, need)
	}
	f.M = n
	meanR /= float64(n)
	for j := range meanX {
		meanX[j] /= float64(n)
	}
	f.MeanX = meanX

	sxx := make([]float64, p*p) // centred cross products, row-major
	sxy := make([]float64, p)
	d := make([]float64, p)
	var sqR float64
	for i := range r {
		if !ok(i) {
			continue
		}
		for j, s := range x {
			d[j] = s[i] - meanX[j]
		}
		dr := r[i] - meanR
		for a := range p {
			sxy[a] += d[a] * dr
			for b := a; b < p; b++ {
				sxx[a*p+b] += d[a] * d[b]
			}
		}
		sqR += r[i] * r[i]
	}
	inv, err := invertCrossProducts(sxx, p, nil, "the estimation days")
	if err != nil {
		return f, fmt.Errorf("%s model: %w", model, err)
	}
	f.sxxInv = inv
	f.Coef = make([]float64, k)
	f.Coef[0] = meanR
	for a := range p {
		var b float64
		for c := range p {
			b += inv[a*p+c] * sxy[c]
		}
		f.Coef[a+1] = b
		f.Coef[0] -= b * meanX[a]
	}

	var sse float64
	var pos int
	row := make([]float64, p)
	for i := range r {
		if !ok(i) {
			continue
		}
		for j, s := range x {
			row[j] = s[i]
		}
		e := r[i] - f.expectedRow(row)
		sse += e * e
		if e > 0 {
			pos++
		}
	}
	f.PosFrac = float64(pos) / float64(n)
	f.DF = n - k
	f.S2 = sse / float64(f.DF)
	if f.S2 <= exactFit*sqR/float64(n) {
		f.S2 = 0
	}
	return f, nil
}

// invertCrossProducts returns the inverse of the symmetric p x p matrix s
// of centred cross products (upper triangle used, row-major). It factorizes
// the correlation matrix D^-1/2 s D^-1/2 (D the diagonal of s) by Cholesky
// and scales its inverse back; a zero diagonal element (a constant
// regressor), a failed factorization or a condition number above maxCond
// give an error that is ErrSingular. names, when not nil, names the
// regressors in the error and where says over which data.
func invertCrossProducts(s []float64, p int, names []string, where string) ([]float64, error) {
	inv := make([]float64, p*p)
	if p == 0 {
		return inv, nil
	}
	sd := make([]float64, p)
	for a := range p {
		if !(s[a*p+a] > 0) {
			name := fmt.Sprintf("regressor %d", a)
			if names != nil {
				name = names[a]
			}
			return nil, singularError(fmt.Sprintf("%s is constant over %s", name, where))
		}
		sd[a] = math.Sqrt(s[a*p+a])
	}
	corr := mat.NewSymDense(p, nil)
	for a := range p {
		for b := a; b < p; b++ {
			corr.SetSym(a, b, s[a*p+b]/(sd[a]*sd[b]))
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(corr) || chol.Cond() > maxCond {
		return nil, singularError("the regressors are collinear over " + where)
	}
	var ci mat.SymDense
	if err := chol.InverseTo(&ci); err != nil {
		return nil, singularError("the regressors are collinear over " + where)
	}
	for a := range p {
		for b := range p {
			inv[a*p+b] = ci.At(a, b) / (sd[a] * sd[b])
		}
	}
	return inv, nil
}

// expectedRow is Expected for the models fitted by fitOLS: Coef . (1, x).
func (f *Fit) expectedRow(x []float64) float64 {
	e := f.Coef[0]
	for j, v := range x {
		e += f.Coef[j+1] * v
	}
	return e
}

// cRow is C for the models fitted by fitOLS:
// 1 + x'(X'X)^-1 x = 1 + 1/M + d' Sxx^-1 d with d = x - MeanX.
func (f *Fit) cRow(x []float64) float64 {
	p := len(x)
	var q float64
	for a := range p {
		da := x[a] - f.MeanX[a]
		var s float64
		for b := range p {
			s += f.sxxInv[a*p+b] * (x[b] - f.MeanX[b])
		}
		q += da * s
	}
	return 1 + 1/float64(f.M) + q
}

// carVarianceH is CARVariance for the models fitted by fitOLS over l days
// with h the window's sum of x_t - MeanX: S2 (l + l^2/M + h' Sxx^-1 h),
// which equals S2 (l + g'(X'X)^-1 g) with g the sum of x_t = (1, f_t).
func (f *Fit) carVarianceH(l int, h []float64) float64 {
	p := len(h)
	var q float64
	for a := range p {
		var s float64
		for b := range p {
			s += f.sxxInv[a*p+b] * h[b]
		}
		q += h[a] * s
	}
	fl := float64(l)
	return f.S2 * (fl + fl*fl/float64(f.M) + q)
}
