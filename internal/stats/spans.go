package stats

import (
	"fmt"
	"math"
)

// Trade-to-trade returns (Maynes & Rumsey 1993). A thinly traded security
// has days without a price; its trade-to-trade return R_t runs from the
// last price before the gap to the next, spanning n_t >= 1 trading days,
// and the market return Rm_t is compounded over the same days. With
// daily abnormal returns of variance s^2, independent across days, the
// return over n_t days has n_t times the daily intercept and n_t times the
// variance:
//
//	R_t = n_t a + b Rm_t + e_t,   Var(e_t) = n_t s^2
//
// (market model; the constant mean drops b Rm_t, the market-adjusted
// model sets a = 0, b = 1). Dividing by sqrt(n_t) makes the errors
// homoskedastic, so a and b are the least-squares fit of R_t / sqrt(n_t)
// on z_t = (sqrt(n_t), Rm_t / sqrt(n_t)) without intercept, and s^2 is
// the residual variance of that fit, sum(e_t^2 / n_t) / (M - k). The
// prediction error of a return with regressors x = (n, Rm) has variance
//
//	s^2 (n + x' (Z'Z)^-1 x)
//
// which standardizes the AR (SAR), and a CAR over days t of a window has
// s^2 (sum n_t + g' (Z'Z)^-1 g) with g = sum of x_t. With every n_t = 1
// these are the ordinary fit and forecast-error variances.

// fitSpans is FitModel for trade-to-trade returns r spanning span days,
// for the constant-mean, market-adjusted and market models. Days with a
// NaN return or market return, or a span below 1, are dropped.
func fitSpans(model Model, r, m []float64, span []int, minObs int) (Fit, error) {
	k := model.K()
	f := Fit{Model: model, K: k, spans: true}
	if err := checkFinite(r, m); err != nil {
		return f, fmt.Errorf("%s model: estimation %w", model, err)
	}
	use := func(i int) bool { return !math.IsNaN(r[i]) && !math.IsNaN(m[i]) && span[i] >= 1 }
	// Z'Z and Z'y of the weighted regression, and the weighted sum of
	// squared returns for the exact-fit test.
	var sn, sm, smm, sy, smy, syy float64
	n := 0
	for i := range r {
		if !use(i) {
			continue
		}
		n++
		w := float64(span[i])
		sn += w
		sm += m[i]
		smm += m[i] * m[i] / w
		sy += r[i]
		smy += m[i] * r[i] / w
		syy += r[i] * r[i] / w
	}
	need := max(minObs, k+1, 2)
	if n < need {
		return f, fmt.Errorf("%w: %d with a market return, need at least %d", ErrShortEstimation, n, need)
	}
	f.M = n
	switch model {
	case ConstantMean:
		f.Alpha = sy / sn
		f.zzInv = [4]float64{1 / sn}
	case MarketAdjusted:
		f.Beta = 1
	case MarketModel:
		det := sn*smm - sm*sm
		if !(det > 1e-12*sn*smm) {
			return f, fmt.Errorf("%w: the market model cannot be fitted", ErrSingular)
		}
		f.zzInv = [4]float64{smm / det, -sm / det, -sm / det, sn / det}
		f.Alpha = f.zzInv[0]*sy + f.zzInv[1]*smy
		f.Beta = f.zzInv[2]*sy + f.zzInv[3]*smy
	default:
		panic(fmt.Sprintf("stats: trade-to-trade returns with the %s model", model))
	}
	// The market-adjusted model estimates no parameter: s^2 is the
	// weighted variance of its ARs around their mean per day, with
	// divisor M - 1, as for daily returns.
	var centre float64
	if model == MarketAdjusted {
		var se float64
		for i := range r {
			if use(i) {
				se += r[i] - m[i]
			}
		}
		centre = se / sn
	}
	var sse float64
	var pos int
	for i := range r {
		if !use(i) {
			continue
		}
		w := float64(span[i])
		e := r[i] - f.expectedSpan(w, m[i])
		if e > 0 {
			pos++
		}
		e -= centre * w
		sse += e * e / w
	}
	f.PosFrac = float64(pos) / float64(n)
	f.DF = n - k
	if model == MarketAdjusted {
		f.DF = n - 1
	}
	f.S2 = sse / float64(f.DF)
	if f.S2 <= exactFit*syy/float64(n) {
		f.S2 = 0
	}
	return f, nil
}

// expectedSpan is the expected return over n days with market return rm
// of a fitSpans fit.
func (f *Fit) expectedSpan(n, rm float64) float64 {
	switch f.Model {
	case ConstantMean:
		return n * f.Alpha
	case MarketAdjusted:
		return rm
	}
	return n*f.Alpha + f.Beta*rm
}

// quadSpan is x' (Z'Z)^-1 x for x = (n, rm) of a fitSpans fit (the
// constant mean uses n alone, the market-adjusted model has no
// parameter).
func (f *Fit) quadSpan(n, rm float64) float64 {
	a := &f.zzInv
	switch f.Model {
	case ConstantMean:
		return n * n * a[0]
	case MarketAdjusted:
		return 0
	}
	return n*n*a[0] + 2*n*rm*a[1] + rm*rm*a[3]
}

// cSpan is the forecast-error factor of a return over n days: its AR has
// variance S2 cSpan(n, rm).
func (f *Fit) cSpan(n, rm float64) float64 { return n + f.quadSpan(n, rm) }
