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
	// FF3: E[R] = a + b'f with the three Fama-French (1993) factors
	// Mkt-RF, SMB, HML in Event.X, fitted by OLS on the excess return R (k = 4).
	FF3
	// Carhart: FF3 plus the momentum factor (Carhart 1997), four series
	// in Event.X (k = 5).
	Carhart
	// FF5: the five Fama-French (2015) factors Mkt-RF, SMB, HML, RMW, CMA
	// in Event.X (k = 6).
	FF5
	// Factors: E[R] = a + b'f on any number p >= 1 of regressors in
	// Event.X (k = 1 + p, known only from the data: see Fit.K).
	Factors
	// ScholesWilliams: E[R] = a + b Rm with the thin-trading beta of Scholes
	// and Williams (1977) (k = 2).
	ScholesWilliams
	// Dimson: E[R_t] = a + sum_{j=-L..L} b_j Rm_{t+j}, the lead-lag
	// regression of Dimson (1979) (k = 2L + 2, see Fit.K).
	Dimson
	// GARCH: the market model E[R] = a + b Rm by OLS, with GARCH(1,1)
	// errors fitted by maximum likelihood on its residuals (FitGARCH); the
	// ARs are standardized by the conditional standard deviation (k = 5:
	// a, b and the three variance parameters). Fit.C and Fit.CARVariance,
	// which know no dates, give the market model's OLS forms; the
	// EventResult's SAR, windows and CARVariance use the GARCH variances.
	GARCH
)

var modelNames = [...]string{
	ConstantMean:    "constant-mean",
	MarketAdjusted:  "market-adjusted",
	MarketModel:     "market",
	FF3:             "ff3",
	Carhart:         "carhart",
	FF5:             "ff5",
	Factors:         "factors",
	ScholesWilliams: "scholes-williams",
	Dimson:          "dimson",
	GARCH:           "garch",
}

// ParseModel parses the name of a model as String prints it:
// "constant-mean", "market-adjusted", "market", "ff3", "carhart", "ff5",
// "factors", "scholes-williams", "dimson" or "garch".
func ParseModel(s string) (Model, error) {
	for m, name := range modelNames {
		if s == name {
			return Model(m), nil
		}
	}
	return 0, fmt.Errorf("model %q: unknown (want constant-mean, market-adjusted, market, ff3, carhart, ff5, factors, scholes-williams, dimson or garch)", s)
}

// String returns the name ParseModel accepts.
func (m Model) String() string {
	if m >= 0 && int(m) < len(modelNames) {
		return modelNames[m]
	}
	return fmt.Sprintf("Model(%d)", int(m))
}

// K returns the number of estimated parameters: 1 (constant mean), 0
// (market-adjusted), 2 (market model, Scholes-Williams), 4 (FF3), 5
// (Carhart), 6 (FF5) and 5 (garch). For the two models whose k depends on the data it
// returns k at the default settings, a value for checks such as a minimum
// estimation length and not the fitted k (use Fit.K): Dimson 4 (the
// default L = 1; 2L+2 in general) and Factors 2 (one factor, the smallest
// design; 1 + len(Event.X) in general).
func (m Model) K() int {
	switch m {
	case ConstantMean:
		return 1
	case MarketAdjusted:
		return 0
	case MarketModel, ScholesWilliams, Factors:
		return 2
	case FF3, Carhart, FF5:
		return 1 + m.factors()
	case Dimson:
		return 4
	case GARCH:
		return 5
	}
	panic(fmt.Sprintf("stats: unknown model %d", int(m)))
}

// factors returns the number of regressors in Event.X that model needs: 3,
// 4 and 5 for FF3, Carhart and FF5, -1 for Factors (any number) and 0 for
// the models that take no Event.X.
func (m Model) factors() int {
	switch m {
	case FF3:
		return 3
	case Carhart:
		return 4
	case FF5:
		return 5
	case Factors:
		return -1
	}
	return 0
}

// isFactor reports whether m is fitted on the regressors of Event.X.
func (m Model) isFactor() bool { return m.factors() != 0 }

// Fit is an expected-return model estimated on one event's estimation window.
type Fit struct {
	Model Model
	// Alpha and Beta: constant mean Alpha = mean return, Beta = 0;
	// market-adjusted 0 and 1; market model the OLS intercept and slope;
	// Scholes-Williams the thin-trading alpha and beta; factor models the
	// intercept and the coefficient of the first regressor (the market
	// factor); Dimson the intercept and the sum of the 2L+1 slopes (the
	// Dimson beta).
	Alpha, Beta float64
	// Coef is, for the factor models and Dimson, the intercept followed by
	// the slopes in the order of the regressors: Event.X, or for Dimson
	// Rm_{t-L}, ..., Rm_{t+L}. It is nil for the other models.
	Coef []float64
	// K is the number of estimated parameters: Model.K() where that is
	// fixed, 1 + len(Event.X) for Factors and 2L + 2 for Dimson.
	K int
	// Lags is the L of the Dimson model, 0 for the others.
	Lags int
	// M is the number of estimation days used: days where the security
	// return and every regressor of the model are non-NaN. The regressor is
	// the market return for the constant-mean, market-adjusted and market
	// models; Rm_{t-1}, Rm_t and Rm_{t+1} for Scholes-Williams; Rm_{t-L..t+L}
	// for Dimson; every series of Event.X for the factor models.
	M int
	// DF is the residual degrees of freedom, M-K for K > 0 (garch: M-2,
	// those of the market model's S2; its K is 5). For the
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
	// deviations from it over the estimation days used (constant-mean,
	// market-adjusted, market and Scholes-Williams models; 0 for the
	// others).
	MeanM, Smm float64
	// MeanX is, for the factor models and Dimson, the mean of each regressor
	// over the estimation days used (nil for the others).
	MeanX []float64
	// PosFrac is the fraction of estimation ARs that are positive, the
	// per-event input of the generalized sign test (Cowan 1992).
	PosFrac float64
	// GARCH is, for the garch model, the GARCH(1,1) fitted to the market
	// model's estimation residuals (nil for the other models).
	GARCH *GARCHFit

	// spans says the fit is for trade-to-trade returns (Event.Span,
	// fitSpans), with zzInv the inverse of Z'Z (row-major, 2 x 2 for the
	// market model, 1 x 1 in zzInv[0] for the constant mean). Expected, C
	// and CARVariance, which take no spans, do not apply to it; the
	// EventResult's series and windows do.
	spans bool
	zzInv [4]float64

	// sxxInv is, for the factor models and Dimson, the inverse of the p x p
	// matrix of centred cross products of the regressors over the
	// estimation days used, row-major. For x = (1, f) and X = [1 F],
	// x'(X'X)^-1 x = 1/M + d' sxxInv d with d = f - MeanX (the partitioned
	// inverse), the general form of the market model's
	// 1/M + (Rm - MeanM)^2/Smm; it is better conditioned than (X'X)^-1.
	sxxInv []float64
}

// exactFit is the relative size below which a residual variance is treated
// as 0: a residual standard deviation of 1e-12 times the root mean square
// return is rounding error of an exact fit, not data.
const exactFit = 1e-24

// flat reports whether a regressor whose squared deviations from its mean
// sum to ss over n days is constant: ss is 0, or its spread is rounding
// (a standard deviation below 1e-10 of the mean). A market return of 0.01
// every day sums to an ss near 1e-34, not 0, and its beta, srm/ss, came
// from the last bits of the floats (found by scripts/hostile.sh).
func flat(ss float64, n int, mean float64) bool {
	return ss <= float64(n)*1e-20*mean*mean
}

// FitModel estimates model on the estimation returns r and market returns m
// (same length; NaN = missing). Days with a NaN in either are dropped. It
// needs at least max(minObs, K+1, 2) days, else the error wraps
// ErrShortEstimation; the market model with constant market returns gives
// ErrSingular, and an infinite return ErrInfinite. A zero residual
// variance is not an error.
//
// For ScholesWilliams and Dimson (with L = 1; FitDimson takes any L) the
// leading and lagging market returns are taken from m itself, so the first
// and last days of m serve only as neighbours; Analyze takes them from the
// event's whole grid instead. The factor models need their factors: use
// FitFactors (FitModel panics). For GARCH the fit is the market model's
// with Fit.GARCH set (see fitGARCHModel); a GARCH fit that does not
// converge wraps ErrNoConvergence.
func FitModel(model Model, r, m []float64, minObs int) (Fit, error) {
	if len(r) != len(m) {
		panic(fmt.Sprintf("stats: FitModel: %d returns but %d market returns", len(r), len(m)))
	}
	switch {
	case model.isFactor():
		panic(fmt.Sprintf("stats: FitModel: the %s model needs its factors: use FitFactors", model))
	case model == Dimson:
		return FitDimson(r, m, 1, minObs)
	case model == GARCH:
		return fitGARCHModel(r, m, minObs)
	}
	k := model.K()
	f := Fit{Model: model, K: k}

	if err := checkFinite(r, m); err != nil {
		return f, fmt.Errorf("%s model: estimation %w", model, err)
	}
	if model == ScholesWilliams {
		return fitScholesWilliams(r, shifted(m, -1), m, shifted(m, 1), minObs)
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
		if flat(smm, n, meanM) {
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
		e := r[i] - f.expected1(m[i])
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
		e := r[i] - f.expected1(m[i]) - centre
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

// Expected returns the expected security return on a day whose regressors
// are x: the market return Rm for the constant-mean (which ignores it),
// market-adjusted, market and Scholes-Williams models; the factor values,
// in the order of Event.X, for the factor models; the 2L+1 market returns
// Rm_{t-L}, ..., Rm_{t+L} for Dimson. It panics when x has the wrong
// length.
func (f Fit) Expected(x ...float64) float64 {
	if f.Coef != nil {
		f.mustRow(len(x))
		return f.expectedRow(x)
	}
	if f.Model == ConstantMean {
		return f.Alpha
	}
	f.mustRow(len(x))
	return f.expected1(x[0])
}

// C returns the forecast-error factor of an out-of-sample AR on a day with
// regressors x (as for Expected), so that Var(AR) = S2 C (STATISTICS.md;
// Campbell, Lo & MacKinlay 1997, eq. 4.4.8): 1+1/M for the constant mean,
// 1 for the market-adjusted model, 1 + 1/M + (rm-MeanM)^2/Smm for the
// market and Scholes-Williams models, and 1 + x'(X'X)^-1 x with x = (1, f)
// for the factor models and Dimson.
func (f Fit) C(x ...float64) float64 {
	if f.Coef != nil {
		f.mustRow(len(x))
		return f.cRow(x)
	}
	switch f.Model {
	case ConstantMean:
		return 1 + 1/float64(f.M)
	case MarketAdjusted:
		return 1
	}
	f.mustRow(len(x))
	return f.c1(x[0])
}

// CARVariance returns the forecast-error corrected variance of a CAR over
// L days; x holds one series of length L per regressor (as for Expected:
// the market returns rm for the market-type models, one series per factor,
// or for Dimson the market returns shifted by -L..L). Campbell, Lo &
// MacKinlay (1997, sec. 4.4.3) and STATISTICS.md:
//
//	market model, Scholes-Williams  S2 [L + L^2/M + (sum(rm - MeanM))^2 / Smm]
//	constant mean                   S2 (L + L^2/M)
//	market-adjusted                 S2 L
//	factor models, Dimson           S2 (L + g'(X'X)^-1 g), g = sum of x_t = (1, f_t)
//
// It is the variance of the sum of the L prediction errors, including their
// covariance through the estimated parameters; the shortcut L S2 is used
// only where there is no estimated parameter. The last form is computed as
// S2 (L + L^2/M + h' Sxx^-1 h) with h the sum of f_t - MeanX.
func (f Fit) CARVariance(x ...[]float64) float64 {
	if f.Coef != nil {
		f.mustRow(len(x))
		l := len(x[0])
		h := make([]float64, len(x))
		for j, s := range x {
			if len(s) != l {
				panic(fmt.Sprintf("stats: CARVariance: regressor %d has %d days, regressor 0 has %d", j, len(s), l))
			}
			for _, v := range s {
				h[j] += v - f.MeanX[j]
			}
		}
		return f.carVarianceH(l, h)
	}
	if len(x) != 1 {
		panic(fmt.Sprintf("stats: CARVariance: %d series for the %s model, want 1", len(x), f.Model))
	}
	rm := x[0]
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

// mustRow panics unless n is the number of regressors of f.
func (f Fit) mustRow(n int) {
	want := 1
	if f.Coef != nil {
		want = len(f.Coef) - 1
	}
	if n != want {
		panic(fmt.Sprintf("stats: %s model: %d regressors given, want %d", f.Model, n, want))
	}
}

// expected1 is Expected for the models with the market return as their
// only regressor.
func (f *Fit) expected1(rm float64) float64 {
	switch f.Model {
	case ConstantMean:
		return f.Alpha
	case MarketAdjusted:
		return rm
	}
	return f.Alpha + f.Beta*rm
}

// c1 is C for the models with the market return as their only regressor.
func (f *Fit) c1(rm float64) float64 {
	switch f.Model {
	case ConstantMean:
		return 1 + 1/float64(f.M)
	case MarketAdjusted:
		return 1
	}
	d := rm - f.MeanM
	return 1 + 1/float64(f.M) + d*d/f.Smm
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
