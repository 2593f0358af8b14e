package stats

import (
	"fmt"
	"math"
)

// fitScholesWilliams estimates the thin-trading beta of Scholes & Williams
// (1977, eq. 13 and 14) from the returns r and the market returns on the
// day before (mLag), the day (m) and the day after (mLead), all on the same
// days:
//
//	beta  = (b_-1 + b_0 + b_+1) / (1 + 2 rho_m)
//	alpha = mean R - beta mean Rm
//
// b_j is the OLS slope of R_t on Rm_{t+j} and rho_m the first-order
// autocorrelation of the market return. Every quantity is taken over one
// common sample, the days t where R_t, Rm_{t-1}, Rm_t and Rm_{t+1} are all
// non-NaN, so that M is the same for all of them; rho_m is the Pearson
// correlation of the pairs (Rm_{t-1}, Rm_t) over those days (Scholes and
// Williams estimate it on the index series of the estimation period; on a
// complete series the two differ only in the end terms).
//
// The residual variance is S2 = SSE/(M-2) with the residuals
// R_t - alpha - beta Rm_t over those days, which have mean zero by the
// choice of alpha (they are not OLS residuals, so SSE is at least that of
// the market model). K = 2 and the forecast-error factor and CAR variance
// are those of the market model with MeanM and Smm of Rm_t over the same
// days (STATISTICS.md: "as market model").
func fitScholesWilliams(r, mLag, m, mLead []float64, minObs int) (Fit, error) {
	f := Fit{Model: ScholesWilliams, K: 2}
	ok := func(i int) bool {
		return !math.IsNaN(r[i]) && !math.IsNaN(mLag[i]) && !math.IsNaN(m[i]) && !math.IsNaN(mLead[i])
	}
	var n int
	var mr, ml, mm, mf float64 // means of r, mLag, m, mLead
	for i := range r {
		if ok(i) {
			n++
			mr += r[i]
			ml += mLag[i]
			mm += m[i]
			mf += mLead[i]
		}
	}
	need := max(minObs, 3)
	if n < need {
		return f, fmt.Errorf("%w: %d with market returns on days t-1..t+1, need at least %d", ErrShortEstimation, n, need)
	}
	fn := float64(n)
	mr, ml, mm, mf = mr/fn, ml/fn, mm/fn, mf/fn
	var sll, smm, sff, srl, srm, srf, sml, sqR float64
	for i := range r {
		if !ok(i) {
			continue
		}
		dr, dl, dm, df := r[i]-mr, mLag[i]-ml, m[i]-mm, mLead[i]-mf
		sll += dl * dl
		smm += dm * dm
		sff += df * df
		srl += dr * dl
		srm += dr * dm
		srf += dr * df
		sml += dm * dl
		sqR += r[i] * r[i]
	}
	if flat(sll, n, ml) || flat(smm, n, mm) || flat(sff, n, mf) {
		return f, fmt.Errorf("%w: the %s model cannot be fitted", ErrSingular, ScholesWilliams)
	}
	rho := sml / math.Sqrt(smm*sll)
	den := 1 + 2*rho
	if math.Abs(den) < 1e-8 {
		return f, singularError(fmt.Sprintf("%s model: market autocorrelation %.6g leaves the beta undefined", ScholesWilliams, rho))
	}
	f.M, f.DF = n, n-2
	f.Beta = (srl/sll + srm/smm + srf/sff) / den
	f.Alpha = mr - f.Beta*mm
	f.MeanM, f.Smm = mm, smm
	var sse float64
	var pos int
	for i := range r {
		if !ok(i) {
			continue
		}
		e := r[i] - f.Alpha - f.Beta*m[i]
		sse += e * e
		if e > 0 {
			pos++
		}
	}
	f.PosFrac = float64(pos) / fn
	f.S2 = sse / float64(f.DF)
	if f.S2 <= exactFit*sqR/fn {
		f.S2 = 0
	}
	return f, nil
}
