package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// GARCHFit is a Gaussian GARCH(1,1) fitted by maximum likelihood to a series
// of residuals e_1..e_M (Bollerslev 1986):
//
//	e_t | past ~ N(0, h_t),  h_t = Omega + Alpha e_{t-1}^2 + Beta h_{t-1},
//	h_1 = mean of e_t^2 (the sample variance of the zero-mean residuals),
//	logL = -1/2 sum_{t=2..M} (log 2π + log h_t + e_t^2/h_t),
//
// the conditional likelihood of R's tseries::garch (h_1 and the omitted
// first term are its choices), with Omega > 0, Alpha, Beta >= 0 and
// Alpha + Beta < 1.
type GARCHFit struct {
	Omega, Alpha, Beta float64
	// LogLik is logL at the estimate (with the log 2π terms).
	LogLik float64
	// H holds the conditional variances h_1..h_M of the residuals fitted,
	// and Next the one-step forecast h_{M+1} = Omega + Alpha e_M^2 + Beta h_M.
	H    []float64
	Next float64
	// Iterations is the optimizer's number of major iterations, summed
	// over the starting points.
	Iterations int
}

// ErrNoConvergence: the GARCH likelihood's maximum was not found (the
// optimizer stopped without meeting its convergence criterion, or the
// estimate lies on the boundary Alpha + Beta = 1 of integrated GARCH).
var ErrNoConvergence = errors.New("garch fit did not converge")

// MinGARCH is the fewest residuals FitGARCH fits: 3 parameters of a
// variance process need many more days than a mean does.
const MinGARCH = 50

// garchPersistMax is the largest Alpha + Beta the transform reaches in
// practice: an estimate at or above it lies on the integrated-GARCH
// boundary, where the process has no unconditional variance and the
// likelihood has no interior maximum.
const garchPersistMax = 1 - 1e-6

// garchNearOne is the Alpha + Beta above which FitGARCH asks whether its
// estimate is an interior maximum or the optimizer's approach to the
// boundary Alpha + Beta = 1 (garchAtBoundary).
const garchNearOne = 1 - 1e-3

// garchAtBoundary reports whether the estimate (on the scale of the
// standardized residuals z) is the approach to a maximum on the boundary
// Alpha + Beta = 1: Alpha + Beta > garchNearOne and the log-likelihood
// still rises as Alpha + Beta grows (Omega and Alpha's share fixed).
// Through the logistic transform the optimizer's gradient in θ1 is that
// slope times (Alpha+Beta)(1-Alpha-Beta), which vanishes near 1, so
// BFGS stops short of a boundary maximum (Alpha + Beta = 0.99999 and
// the like) and its convergence test alone does not tell it from an
// interior one.
func garchAtBoundary(z []float64, omega, alpha, beta float64) bool {
	p := alpha + beta
	if p <= garchNearOne {
		return false
	}
	_, ga, gb := garchRawGrad(z, omega, alpha, beta)
	q := alpha / p
	return ga*q+gb*(1-q) > 0
}

// FitGARCH fits a Gaussian GARCH(1,1) to the residuals e (no NaN) by
// maximum likelihood.
//
// Parameterization: the residuals are divided by their root mean square
// s (so that Omega is of order 1 - (Alpha+Beta)), and the likelihood is
// maximized over unconstrained θ in R^3 with
//
//	Omega/s^2 = exp(θ0),  Alpha + Beta = logistic(θ1),  Alpha = logistic(θ1) logistic(θ2),
//
// which keeps Omega > 0, Alpha, Beta > 0 and Alpha + Beta < 1. Starting
// values: (Alpha, Beta) = (0.05, 0.90), (0.10, 0.80), (0.20, 0.60) and
// (0.05, 0.50), each with Omega = (1 - Alpha - Beta) s^2; the best of the
// converged maxima is kept. Optimizer: BFGS (gonum/optimize) on the mean
// negative log-likelihood with its analytic gradient (garchGrad); a start
// converges when the gradient's norm falls below 1e-6 (or the function
// stops changing, gonum's default FunctionConverge) within 500
// iterations. The fit fails, wrapping ErrNoConvergence, when no start
// converges or the best estimate lies on the boundary Alpha + Beta = 1
// (Alpha + Beta >= 1 - 1e-6, or above 1 - 1e-3 with the likelihood still
// rising toward 1: garchAtBoundary); too few residuals (fewer than
// MinGARCH) wrap ErrShortEstimation.
func FitGARCH(e []float64) (GARCHFit, error) {
	m := len(e)
	if m < MinGARCH {
		return GARCHFit{}, fmt.Errorf("%w: %d, the garch model needs at least %d", ErrShortEstimation, m, MinGARCH)
	}
	var ss float64
	for _, v := range e {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			panic("stats: FitGARCH: a residual is not finite")
		}
		ss += v * v
	}
	s2 := ss / float64(m)
	if s2 == 0 {
		return GARCHFit{}, fmt.Errorf("%w: the residuals are all 0", ErrNoConvergence)
	}
	s := math.Sqrt(s2)
	z := make([]float64, m)
	for i, v := range e {
		z[i] = v / s
	}
	h := make([]float64, m)
	nll := func(th []float64) float64 {
		omega, alpha, beta := garchParams(th)
		v := garchFilter(z, omega, alpha, beta, h)
		return -v / float64(m-1)
	}
	grad := func(g, th []float64) {
		garchGrad(g, th, z)
		for i := range g {
			g[i] /= -float64(m - 1)
		}
	}
	// The likelihood of a GARCH(1,1) on a few hundred days often has a
	// second local maximum at Alpha near 0 (tseries::garch stops at it on
	// the Alibaba residuals, testdata/garch_reference.R): start from each
	// of a few points and keep the best converged maximum.
	var (
		best   *optimize.Result
		status optimize.Status
		iters  int
	)
	for _, st := range garchStarts {
		start := []float64{math.Log(1 - st[0] - st[1]), logit(st[0] + st[1]), logit(st[0] / (st[0] + st[1]))}
		p := optimize.Problem{Func: nll, Grad: grad}
		set := &optimize.Settings{GradientThreshold: 1e-6, MajorIterations: 500}
		res, err := optimize.Minimize(p, start, set, &optimize.BFGS{})
		if res == nil {
			continue
		}
		iters += res.MajorIterations
		status = res.Status
		if err != nil || (res.Status != optimize.GradientThreshold && res.Status != optimize.FunctionConvergence) {
			continue
		}
		if best == nil || res.F < best.F {
			best = res
		}
	}
	if best == nil {
		return GARCHFit{}, fmt.Errorf("%w: the optimizer stopped with status %v from each of %d starting points (%d iterations)", ErrNoConvergence, status, len(garchStarts), iters)
	}
	res := best
	omega, alpha, beta := garchParams(res.X)
	if math.IsNaN(omega+alpha+beta) || alpha+beta >= garchPersistMax || garchAtBoundary(z, omega, alpha, beta) {
		return GARCHFit{}, fmt.Errorf("%w: alpha + beta reaches 1 (%.6f and the likelihood still rising: integrated garch, no interior maximum)", ErrNoConvergence, alpha+beta)
	}
	g := GARCHFit{Omega: omega * s2, Alpha: alpha, Beta: beta, H: make([]float64, m), Iterations: iters}
	g.LogLik = garchFilter(e, g.Omega, alpha, beta, g.H)
	g.Next = g.Omega + alpha*e[m-1]*e[m-1] + beta*g.H[m-1]
	return g, nil
}

// garchStarts are FitGARCH's starting values (Alpha, Beta), each with
// Omega = (1 - Alpha - Beta) s^2 so that the unconditional variance starts
// at the residuals' s^2.
var garchStarts = [...][2]float64{{0.05, 0.90}, {0.10, 0.80}, {0.20, 0.60}, {0.05, 0.50}}

// Unconditional returns the unconditional variance Omega/(1-Alpha-Beta).
func (g GARCHFit) Unconditional() float64 { return g.Omega / (1 - g.Alpha - g.Beta) }

// Forecast returns the k-step forecast of the conditional variance from the
// end of the fitted series, E[h_{M+k}] = σ² + (Alpha+Beta)^{k-1} (Next - σ²)
// with σ² the unconditional variance, for k >= 1.
func (g GARCHFit) Forecast(k int) float64 {
	if k < 1 {
		panic(fmt.Sprintf("stats: GARCHFit.Forecast: step %d", k))
	}
	u := g.Unconditional()
	return u + math.Pow(g.Alpha+g.Beta, float64(k-1))*(g.Next-u)
}

// garchParams maps θ to (Omega, Alpha, Beta) on the scale of the
// standardized residuals (see FitGARCH).
func garchParams(th []float64) (omega, alpha, beta float64) {
	p := logistic(th[1])
	a := p * logistic(th[2])
	return math.Exp(th[0]), a, p - a
}

// garchFilter fills h with the conditional variances of e and returns the
// log-likelihood of FitGARCH (-Inf when a variance is not positive).
func garchFilter(e []float64, omega, alpha, beta float64, h []float64) float64 {
	var ss float64
	for _, v := range e {
		ss += v * v
	}
	h[0] = ss / float64(len(e))
	var ll float64
	for t := 1; t < len(e); t++ {
		h[t] = omega + alpha*e[t-1]*e[t-1] + beta*h[t-1]
		if !(h[t] > 0) || math.IsInf(h[t], 0) {
			return math.Inf(-1)
		}
		ll -= 0.5 * (math.Log(2*math.Pi) + math.Log(h[t]) + e[t]*e[t]/h[t])
	}
	return ll
}

// garchGrad sets g to the gradient in θ (see FitGARCH) of garchFilter's
// log-likelihood of e, from garchRawGrad and the chain rule through
// garchParams.
func garchGrad(g, th, e []float64) {
	omega, alpha, beta := garchParams(th)
	gw, ga, gb := garchRawGrad(e, omega, alpha, beta)
	p, q := logistic(th[1]), logistic(th[2])
	g[0] = gw * omega
	g[1] = p * (1 - p) * (ga*q + gb*(1-q))
	g[2] = p * q * (1 - q) * (ga - gb)
}

// garchRawGrad returns the gradient of garchFilter's log-likelihood of e
// in (Omega, Alpha, Beta), by the recursions dh_t = dOmega + e_{t-1}^2
// dAlpha + h_{t-1} dBeta + Beta dh_{t-1} (h_1 does not depend on the
// parameters).
func garchRawGrad(e []float64, omega, alpha, beta float64) (gw, ga, gb float64) {
	var ss float64
	for _, v := range e {
		ss += v * v
	}
	hPrev := ss / float64(len(e))
	var dw, da, db float64 // dh_{t-1}/d(Omega, Alpha, Beta)
	for t := 1; t < len(e); t++ {
		e2 := e[t-1] * e[t-1]
		h := omega + alpha*e2 + beta*hPrev
		dw, da, db = 1+beta*dw, e2+beta*da, hPrev+beta*db
		c := -0.5 * (1/h - e[t]*e[t]/(h*h))
		gw += c * dw
		ga += c * da
		gb += c * db
		hPrev = h
	}
	return gw, ga, gb
}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// fitGARCHModel fits the garch model on the estimation returns r and market
// returns m: the market model by OLS (FitModel), then FitGARCH on its
// residuals over the days used, in order (a missing day is skipped: the
// recursion runs over the days with data, as if they were consecutive).
func fitGARCHModel(r, m []float64, minObs int) (Fit, error) {
	f, err := FitModel(MarketModel, r, m, minObs)
	if err != nil {
		return f, err
	}
	// K counts the variance equation's three parameters too; DF stays
	// the market model's M-2, the degrees of freedom of its residual
	// variance S2 (which the garch model reports but does not scale by).
	f.Model, f.K = GARCH, GARCH.K()
	e := make([]float64, 0, f.M)
	for i := range r {
		if !math.IsNaN(r[i]) && !math.IsNaN(m[i]) {
			e = append(e, r[i]-f.Alpha-f.Beta*m[i])
		}
	}
	g, err := FitGARCH(e)
	if err != nil {
		return f, err
	}
	f.GARCH = &g
	return f, nil
}

// garchVariances returns the conditional variance of each day's AR on the
// grid of an event (r, rm from relative day first), for the garch fit f on
// the grid days lo..hi-1 of the estimation window: on estimation days the
// filtered h_t of the fit; after the last estimation day with data, the
// multi-step forecast from it (GARCHFit.Forecast with k the number of grid
// days since), which uses no return after the estimation window, so that
// an event does not enter its own variance; NaN before the window and on
// days without data.
func garchVariances(f Fit, r, rm []float64, first int, est Window, lo, hi int) []float64 {
	g := f.GARCH
	h := nans(len(r))
	k, last := 0, -1
	for i := lo; i < hi; i++ {
		if !math.IsNaN(r[i]) && !math.IsNaN(rm[i]) {
			h[i] = g.H[k]
			k++
			last = i
		}
	}
	if last < 0 {
		return h
	}
	for i := hi; i < len(r); i++ {
		if !math.IsNaN(r[i]) && !math.IsNaN(rm[i]) {
			h[i] = g.Forecast(i - last)
		}
	}
	return h
}
