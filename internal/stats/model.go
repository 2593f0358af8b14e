package stats

import (
	"fmt"
	"math"
)

// Model is an expected-return model.
type Model int

const (
	// ConstantMean: E[R] is the mean estimation return (k = 1).
	ConstantMean Model = iota
	// MarketAdjusted: E[R] is the market return (k = 0).
	MarketAdjusted
	// MarketModel: E[R] = a + b Rm, fitted by OLS (k = 2).
	MarketModel
)

// ParseModel parses "constant-mean", "market-adjusted" or "market".
func ParseModel(s string) (Model, error) {
	for _, m := range []Model{ConstantMean, MarketAdjusted, MarketModel} {
		if s == m.String() {
			return m, nil
		}
	}
	return 0, fmt.Errorf("model %q: unknown (want constant-mean, market-adjusted or market)", s)
}

// String returns the name ParseModel accepts.
func (m Model) String() string {
	switch m {
	case ConstantMean:
		return "constant-mean"
	case MarketAdjusted:
		return "market-adjusted"
	case MarketModel:
		return "market"
	}
	return fmt.Sprintf("Model(%d)", int(m))
}

// K returns the number of estimated parameters: 1, 0 and 2.
func (m Model) K() int {
	switch m {
	case ConstantMean:
		return 1
	case MarketAdjusted:
		return 0
	case MarketModel:
		return 2
	}
	panic(fmt.Sprintf("stats: unknown model %d", int(m)))
}

// Fit is an expected-return model estimated on one event's estimation window.
type Fit struct {
	Model Model
	// Alpha and Beta: constant mean Alpha = mean return, Beta = 0;
	// market-adjusted 0 and 1; market model the OLS intercept and slope.
	Alpha, Beta float64
	// M is the number of estimation days used: days where both the security
	// and the market return are non-NaN, for every model.
	M int
	// DF is the residual degrees of freedom, M-K for K > 0. For the
	// market-adjusted model (K = 0) it is M-1, because S2 is then the sample
	// variance of the estimation ARs with divisor M-1 (STATISTICS.md:
	// "for k = 0 it is the sample variance of the estimation ARs with divisor
	// M_i - 1").
	DF int
	// S2 is the residual variance SSE/DF (market-adjusted: the sample
	// variance of the estimation ARs around their mean). It is 0 for an
	// exact fit; see the package documentation.
	S2 float64
	// MeanM and Smm are the mean market return and the sum of squared
	// deviations from it over the estimation days used.
	MeanM, Smm float64
	// PosFrac is the fraction of estimation ARs that are positive, the
	// per-event input of the generalized sign test (Cowan 1992).
	PosFrac float64
}

// exactFit is the relative size below which a residual variance is treated
// as 0: a residual standard deviation of 1e-12 times the root mean square
// return is rounding error of an exact fit, not data.
const exactFit = 1e-24

// FitModel estimates model on the estimation returns r and market returns m
// (same length; NaN = missing). Days with a NaN in either are dropped. It
// needs at least max(minObs, K+1, 2) days, else the error wraps
// ErrShortEstimation; the market model with constant market returns gives
// ErrSingular, and an infinite return ErrInfinite. A zero residual
// variance is not an error.
func FitModel(model Model, r, m []float64, minObs int) (Fit, error) {
	if len(r) != len(m) {
		panic(fmt.Sprintf("stats: FitModel: %d returns but %d market returns", len(r), len(m)))
	}
	k := model.K()
	f := Fit{Model: model}

	if err := checkFinite(r, m); err != nil {
		return f, fmt.Errorf("%s model: estimation %w", model, err)
	}
	var n int
	var sumR, sumM float64
	for i := range r {
		if math.IsNaN(r[i]) || math.IsNaN(m[i]) {
			continue
		}
		n++
		sumR += r[i]
		sumM += m[i]
	}
	need := max(minObs, k+1, 2)
	if n < need {
		return f, fmt.Errorf("%w: %d with a market return, need at least %d", ErrShortEstimation, n, need)
	}
	f.M = n
	meanR, meanM := sumR/float64(n), sumM/float64(n)
	var smm, srm, sqR float64
	for i := range r {
		if math.IsNaN(r[i]) || math.IsNaN(m[i]) {
			continue
		}
		dm := m[i] - meanM
		smm += dm * dm
		srm += dm * (r[i] - meanR)
		sqR += r[i] * r[i]
	}
	f.MeanM, f.Smm = meanM, smm

	switch model {
	case ConstantMean:
		f.Alpha = meanR
	case MarketAdjusted:
		f.Beta = 1
	case MarketModel:
		if smm == 0 {
			return f, fmt.Errorf("%w: the market model cannot be fitted", ErrSingular)
		}
		f.Beta = srm / smm
		f.Alpha = meanR - f.Beta*meanM
	}

	var sumE float64
	var pos int
	for i := range r {
		if math.IsNaN(r[i]) || math.IsNaN(m[i]) {
			continue
		}
		e := r[i] - f.Expected(m[i])
		sumE += e
		if e > 0 {
			pos++
		}
	}
	f.PosFrac = float64(pos) / float64(n)
	// S2 is SSE/DF. For the market-adjusted model it is the sample variance
	// of the ARs, so they are centred on their mean; OLS residuals (k > 0)
	// have mean zero already.
	var centre float64
	if model == MarketAdjusted {
		centre = sumE / float64(n)
	}
	var sse float64
	for i := range r {
		if math.IsNaN(r[i]) || math.IsNaN(m[i]) {
			continue
		}
		e := r[i] - f.Expected(m[i]) - centre
		sse += e * e
	}
	if model == MarketAdjusted {
		f.DF = n - 1
	} else {
		f.DF = n - k
	}
	f.S2 = sse / float64(f.DF)
	if f.S2 <= exactFit*sqR/float64(n) {
		f.S2 = 0
	}
	return f, nil
}

// Expected returns the expected security return given the market return rm.
func (f Fit) Expected(rm float64) float64 {
	switch f.Model {
	case ConstantMean:
		return f.Alpha
	case MarketAdjusted:
		return rm
	}
	return f.Alpha + f.Beta*rm
}

// C returns the forecast-error factor of an out-of-sample AR on a day with
// market return rm, so that Var(AR) = S2 C (STATISTICS.md; Campbell, Lo &
// MacKinlay 1997, eq. 4.4.8): 1+1/M for the constant mean, 1 for the
// market-adjusted model and 1 + 1/M + (rm-MeanM)^2/Smm for the market model.
func (f Fit) C(rm float64) float64 {
	switch f.Model {
	case ConstantMean:
		return 1 + 1/float64(f.M)
	case MarketAdjusted:
		return 1
	}
	d := rm - f.MeanM
	return 1 + 1/float64(f.M) + d*d/f.Smm
}

// CARVariance returns the forecast-error corrected variance of a CAR over
// the L = len(rm) days with market returns rm (Campbell, Lo & MacKinlay
// 1997, sec. 4.4.3; STATISTICS.md):
//
//	market model     S2 [L + L^2/M + (sum(rm - MeanM))^2 / Smm]
//	constant mean    S2 (L + L^2/M)
//	market-adjusted  S2 L
//
// It is the variance of the sum of the L prediction errors, including their
// covariance through the estimated parameters; the shortcut L S2 is used
// only where there is no estimated parameter.
func (f Fit) CARVariance(rm []float64) float64 {
	l := float64(len(rm))
	switch f.Model {
	case ConstantMean:
		return f.S2 * (l + l*l/float64(f.M))
	case MarketAdjusted:
		return f.S2 * l
	}
	var g float64
	for _, v := range rm {
		g += v - f.MeanM
	}
	return f.S2 * (l + l*l/float64(f.M) + g*g/f.Smm)
}

// checkFinite returns an error wrapping ErrInfinite when r or m holds an
// infinite value, naming its index.
func checkFinite(r, m []float64) error {
	for i := range r {
		if math.IsInf(r[i], 0) {
			return fmt.Errorf("return %d: %w", i, ErrInfinite)
		}
		if math.IsInf(m[i], 0) {
			return fmt.Errorf("market return %d: %w", i, ErrInfinite)
		}
	}
	return nil
}
