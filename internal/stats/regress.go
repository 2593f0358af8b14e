package stats

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Regression is the OLS regression of y on a constant and regressors, with
// heteroskedasticity-robust (HC1) standard errors: the cross-sectional
// regression of CARs on event characteristics.
type Regression struct {
	// Terms holds the intercept, named "(Intercept)" as in R's lm, then one
	// term per regressor in the order given.
	Terms []Term
	// N is the number of rows used, Dropped the number left out because y
	// or a regressor was NaN.
	N, Dropped int
	// K is the number of coefficients (1 + regressors); DF = N - K is the
	// degrees of freedom of the t statistics.
	K, DF int
	// R2 is 1 - SSE/SST with SST the sum of squares of y around its mean;
	// AdjR2 = 1 - (1 - R2)(N - 1)/(N - K). NaN when y is constant.
	R2, AdjR2 float64
	// Cov is the HC1 covariance matrix of the coefficients, in the order of
	// Terms, or for RegressClustered the clustered one.
	Cov *mat.SymDense
	// Clusters holds, for RegressClustered, the number of clusters G of
	// each dimension over the rows used (nil for Regress); DF is then
	// min(G) - 1.
	Clusters []int
	// Fixed reports that the two-way covariance had a negative eigenvalue
	// and was made positive semi-definite (RegressClustered).
	Fixed bool
}

// Term is one coefficient of a Regression: the estimate, its HC1 standard
// error, t = Coef/SE and the two-sided p-value of t under Student's t with
// N - K degrees of freedom (gonum distuv.StudentsT). T and P are NaN when
// SE is 0 (an exact fit).
type Term struct {
	Name           string
	Coef, SE, T, P float64
}

// Regress fits y = b0 + b1 x[0] + ... + bp x[p-1] + e by OLS over the rows
// where y and every regressor are non-NaN, and estimates the covariance of
// the coefficients by HC1, White's (1980) heteroskedasticity-consistent
// estimator with the degrees-of-freedom correction n/(n-k) (MacKinnon &
// White 1985):
//
//	V = n/(n-k) (X'X)^-1 (sum_i e_i^2 x_i x_i') (X'X)^-1
//
// names names the regressors (nil: "x1", "x2", ...). It needs more rows
// than coefficients (ErrShortSample); constant or collinear regressors give
// ErrSingular, an infinite value ErrInfinite, and a row of leverage 1 (one
// that the regressors single out, so that it is fitted exactly whatever its
// y) ErrLeverage. Whether the rows are enough for the coefficients beyond
// that is the caller's rule (eventstudy regress: 5 per coefficient). It panics when a regressor
// differs in length from y or names from x.
//
// The computation is done on the centred design z_i = (1, x_i - mean x),
// whose cross-product matrix is block-diagonal, diag(n, Sxx); Sxx is
// inverted by Cholesky on the correlation scale (collinearity is detected
// there), and the coefficients and V are mapped back to the original
// design by the linear map of the intercept, b0 = g0 - b'mean x.
func Regress(y []float64, x [][]float64, names []string) (Regression, error) {
	return regress(y, x, names, nil)
}

// regress is Regress, and with clusters RegressClustered.
func regress(y []float64, x [][]float64, names []string, clusters [][]string) (Regression, error) {
	p := len(x)
	if names == nil {
		names = make([]string, p)
		for j := range names {
			names[j] = fmt.Sprintf("x%d", j+1)
		}
	}
	if len(names) != p {
		panic(fmt.Sprintf("stats: Regress: %d names for %d regressors", len(names), p))
	}
	for j, s := range x {
		if len(s) != len(y) {
			panic(fmt.Sprintf("stats: Regress: regressor %s has %d rows, y has %d", names[j], len(s), len(y)))
		}
	}
	if len(clusters) > 2 {
		panic(fmt.Sprintf("stats: RegressClustered: %d cluster dimensions, want 1 or 2", len(clusters)))
	}
	for d, c := range clusters {
		if len(c) != len(y) {
			panic(fmt.Sprintf("stats: RegressClustered: cluster dimension %d has %d rows, y has %d", d+1, len(c), len(y)))
		}
	}
	k := p + 1
	var reg Regression
	reg.K = k
	// Rows used; an infinite value is an error even on a row that a NaN
	// would drop.
	var use []int
	for i, v := range y {
		if math.IsInf(v, 0) {
			return reg, fmt.Errorf("regress: row %d: y: %w", i+1, ErrInfinite)
		}
		ok := !math.IsNaN(v)
		for j, s := range x {
			if math.IsInf(s[i], 0) {
				return reg, fmt.Errorf("regress: row %d: %s: %w", i+1, names[j], ErrInfinite)
			}
			ok = ok && !math.IsNaN(s[i])
		}
		if ok {
			use = append(use, i)
		}
	}
	n := len(use)
	reg.N, reg.Dropped, reg.DF = n, len(y)-n, n-k
	if n <= k {
		return reg, fmt.Errorf("regress: %w: %d complete rows for %d coefficients, need at least %d", ErrShortSample, n, k, k+1)
	}
	fn := float64(n)

	var my float64
	mx := make([]float64, p)
	for _, i := range use {
		my += y[i]
		for j, s := range x {
			mx[j] += s[i]
		}
	}
	my /= fn
	for j := range mx {
		mx[j] /= fn
	}
	z := make([]float64, n*p) // centred regressors, row-major
	sxx := make([]float64, p*p)
	sxy := make([]float64, p)
	var sst float64
	for r, i := range use {
		zr := z[r*p : (r+1)*p]
		for j, s := range x {
			zr[j] = s[i] - mx[j]
		}
		dy := y[i] - my
		sst += dy * dy
		for a := range p {
			sxy[a] += zr[a] * dy
			for b := a; b < p; b++ {
				sxx[a*p+b] += zr[a] * zr[b]
			}
		}
	}
	sinv, err := invertCrossProducts(sxx, p, names, fmt.Sprintf("the %d complete rows", n))
	if err != nil {
		return reg, fmt.Errorf("regress: %w", err)
	}
	// Slopes b = Sxx^-1 Sxy; centred intercept g0 = mean y.
	b := make([]float64, p)
	for a := range p {
		for c := range p {
			b[a] += sinv[a*p+c] * sxy[c]
		}
	}

	// Residuals; an SSE below exactFit times the mean square of y is the
	// rounding error of an exact fit, and is set to 0 (so are SE, and T and
	// P become NaN), as for the event models.
	res := make([]float64, n)
	var sse, sqY float64
	for r, i := range use {
		zr := z[r*p : (r+1)*p]
		e := y[i] - my
		for a := range p {
			e -= b[a] * zr[a]
		}
		res[r] = e
		sse += e * e
		sqY += y[i] * y[i]
	}
	if sse <= exactFit*sqY {
		sse = 0
		clear(res)
	}
	// Leverage h_i = 1/n + z_i' Sxx^-1 z_i of the centred design. A row
	// with h_i = 1 has a zero residual whatever its y, and HC1 reads its
	// error variance as 0: in a study of 92 events with a categorical
	// column of 83 values, most of them on one row, t reached 14 million.
	for r, i := range use {
		zr := z[r*p : (r+1)*p]
		h := 1 / fn
		for a := range p {
			for c := range p {
				h += zr[a] * sinv[a*p+c] * zr[c]
			}
		}
		if h > 1-1e-9 {
			return reg, fmt.Errorf("regress: row %d: %w: its regressors single it out, and its standard error cannot be estimated", i+1, ErrLeverage)
		}
	}
	// Meat in centred coordinates: HC1's sum e_i^2 z_i z_i' with
	// z_i = (1, zr), scaled by n/(n-k); or the clustered meat, scaled
	// by (n-1)/(n-k) (clusterMeat).
	var meat *mat.SymDense
	scale := fn / float64(n-k)
	if clusters == nil {
		meat = mat.NewSymDense(k, nil)
		zi := make([]float64, k)
		zi[0] = 1
		for r, e := range res {
			copy(zi[1:], z[r*p:(r+1)*p])
			meat.SymRankOne(meat, e*e, mat.NewVecDense(k, zi))
		}
	} else {
		labels := make([][]string, len(clusters))
		for d, c := range clusters {
			labels[d] = make([]string, n)
			for r, i := range use {
				if c[i] == "" {
					return reg, fmt.Errorf("regress: row %d: cluster dimension %d: %w", i+1, d+1, ErrClusterMissing)
				}
				labels[d][r] = c[i]
			}
		}
		var err error
		meat, reg.Clusters, err = clusterMeat(res, z, p, labels)
		if err != nil {
			return reg, fmt.Errorf("regress: %w", err)
		}
		scale = float64(n-1) / float64(n-k)
		reg.DF = slices.Min(reg.Clusters) - 1
	}
	// Bread (Z'Z)^-1 = diag(1/n, Sxx^-1), then the map T to the original
	// coefficients (b0 = g0 - mx'b): T = [1 -mx'; 0 I].
	bread := mat.NewSymDense(k, nil)
	bread.SetSym(0, 0, 1/fn)
	for a := range p {
		for c := a; c < p; c++ {
			bread.SetSym(a+1, c+1, sinv[a*p+c])
		}
	}
	t := mat.NewDense(k, k, nil)
	for a := range k {
		t.Set(a, a, 1)
	}
	for a := range p {
		t.Set(0, a+1, -mx[a])
	}
	var tb, vz mat.Dense
	tb.Mul(t, bread)
	vz.Product(&tb, meat, tb.T())
	vz.Scale(scale, &vz)
	reg.Cov = mat.NewSymDense(k, nil)
	for a := range k {
		for c := a; c < k; c++ {
			reg.Cov.SetSym(a, c, (vz.At(a, c)+vz.At(c, a))/2)
		}
	}
	if len(clusters) == 2 {
		if reg.Fixed, err = fixPSD(reg.Cov); err != nil {
			return reg, fmt.Errorf("regress: %w", err)
		}
	}

	coef := make([]float64, k)
	coef[0] = my
	for a := range p {
		coef[a+1] = b[a]
		coef[0] -= b[a] * mx[a]
	}
	reg.Terms = make([]Term, k)
	for a := range k {
		tm := Term{Name: "(Intercept)", Coef: coef[a], SE: math.Sqrt(reg.Cov.At(a, a)), T: math.NaN(), P: math.NaN()}
		if a > 0 {
			tm.Name = names[a-1]
		}
		if tm.SE > 0 {
			tm.T = tm.Coef / tm.SE
			tm.P = studentP(tm.T, reg.DF)
		}
		reg.Terms[a] = tm
	}
	reg.R2, reg.AdjR2 = math.NaN(), math.NaN()
	if sst > 0 {
		reg.R2 = 1 - sse/sst
		reg.AdjR2 = 1 - (1-reg.R2)*(fn-1)/float64(n-k)
	}
	return reg, nil
}
