package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// FactorCov is a covariance matrix of N returns in low-rank-plus-diagonal
// form, Sigma = F F' + diag(D): Loadings[i] holds firm i's k factor
// loadings and Idio[i] > 0 its idiosyncratic variance. It is never formed
// as an N x N matrix: Solve uses the Woodbury identity.
type FactorCov struct {
	Loadings [][]float64
	Idio     []float64
}

// N returns the number of firms, K the number of factors.
func (c FactorCov) N() int { return len(c.Idio) }

// K returns the number of factors.
func (c FactorCov) K() int {
	if len(c.Loadings) == 0 {
		return 0
	}
	return len(c.Loadings[0])
}

// Solve returns Sigma^-1 b by the Woodbury identity
//
//	Sigma^-1 = D^-1 - D^-1 F (I_k + F' D^-1 F)^-1 F' D^-1
//
// which costs O(N k^2 + k^3) instead of the O(N^3) of a dense
// factorization; the k x k capacitance matrix I + F'D^-1F is factored by
// Cholesky (it is symmetric positive definite whenever D > 0). It panics
// when len(b) != N or an idiosyncratic variance is not positive.
func (c FactorCov) Solve(b []float64) []float64 {
	return c.solver()(b)
}

// solver factors the capacitance matrix once and returns the function
// b -> Sigma^-1 b, for several right-hand sides.
func (c FactorCov) solver() func(b []float64) []float64 {
	n, k := c.N(), c.K()
	for i, d := range c.Idio {
		if !(d > 0) {
			panic(fmt.Sprintf("stats: FactorCov.Solve: idiosyncratic variance %d is %v", i, d))
		}
	}
	var ch mat.Cholesky
	if k > 0 {
		capm := mat.NewSymDense(k, nil)
		for a := 0; a < k; a++ {
			capm.SetSym(a, a, 1)
		}
		for i := 0; i < n; i++ {
			f := c.Loadings[i]
			for a := 0; a < k; a++ {
				for bb := a; bb < k; bb++ {
					capm.SetSym(a, bb, capm.At(a, bb)+f[a]*f[bb]/c.Idio[i])
				}
			}
		}
		if !ch.Factorize(capm) {
			panic("stats: FactorCov.Solve: capacitance matrix not positive definite")
		}
	}
	return func(b []float64) []float64 {
		if len(b) != n {
			panic(fmt.Sprintf("stats: FactorCov.Solve: %d values for %d firms", len(b), n))
		}
		out := make([]float64, n) // D^-1 b, then less the low-rank term
		for i, v := range b {
			out[i] = v / c.Idio[i]
		}
		if k == 0 {
			return out
		}
		ftdb := make([]float64, k) // F' D^-1 b
		for i := 0; i < n; i++ {
			for a := 0; a < k; a++ {
				ftdb[a] += c.Loadings[i][a] * out[i]
			}
		}
		var z mat.VecDense
		if err := ch.SolveVecTo(&z, mat.NewVecDense(k, ftdb)); err != nil {
			panic(fmt.Sprintf("stats: FactorCov.Solve: %v", err))
		}
		for i := 0; i < n; i++ {
			var fz float64
			for a := 0; a < k; a++ {
				fz += c.Loadings[i][a] * z.AtVec(a)
			}
			out[i] -= fz / c.Idio[i]
		}
		return out
	}
}

// Subset returns the covariance of the firms idx (indices into c, in that
// order): the same loadings and idiosyncratic variances, restricted. The
// low-rank form makes this free; slices are shared with c.
func (c FactorCov) Subset(idx []int) FactorCov {
	s := FactorCov{Loadings: make([][]float64, len(idx)), Idio: make([]float64, len(idx))}
	for j, i := range idx {
		s.Loadings[j], s.Idio[j] = c.Loadings[i], c.Idio[i]
	}
	return s
}

// Dense returns Sigma as a dense matrix, for tests and small checks.
func (c FactorCov) Dense() *mat.SymDense {
	n, k := c.N(), c.K()
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			var v float64
			for a := 0; a < k; a++ {
				v += c.Loadings[i][a] * c.Loadings[j][a]
			}
			if i == j {
				v += c.Idio[i]
			}
			s.SetSym(i, j, v)
		}
	}
	return s
}

// minIdioShare is the floor of a firm's idiosyncratic variance as a share
// of its total variance in EstimateFactorCov: with k near the rank of the
// sample the factors could explain a firm's variance entirely, and a zero
// on the diagonal would make Sigma singular.
const minIdioShare = 0.01

// EstimateFactorCov estimates the covariance of N firms' returns from r,
// r[i] firm i's T returns (NaN where missing; at least minObs present), by
// k principal components plus a diagonal:
//
//  1. each firm's mean m_i and standard deviation s_i over its n_i
//     available returns;
//  2. the T x N matrix Z of standardized returns (r - m_i)/s_i, 0 where a
//     return is missing (mean imputation);
//  3. the singular value decomposition Z = U S V' (gonum mat.SVD, thin),
//     so that Z'Z/(T-1) is the correlation matrix estimate and, with
//     complete data, firm i's loading on component a is
//     s_i V_ia S_a / sqrt(T - 1). V_ia S_a = sum_t Z_ti U_ta sums over the
//     firm's n_i days only, about n_i/T of its complete-data value (the
//     scores U are those of all firms), so the loading is
//     s_i V_ia S_a sqrt(T - 1)/(n_i - 1), which undoes that shrinkage;
//  4. D_i = s_i^2 - sum_a F_ia^2, floored at minIdioShare s_i^2.
//
// This is the principal-components estimate with available data of the
// factor-model literature (Stock & Watson 2002, JASA 97, 1167-1179,
// mean-imputation start of their EM); it is not iterated. Standardizing
// first keeps the most volatile stocks from taking the
// leading components to themselves. It returns an error when k is not
// less than min(T, N) or a firm has fewer than 2 returns or none that vary.
func EstimateFactorCov(r [][]float64, k int) (FactorCov, error) {
	n := len(r)
	if n == 0 {
		return FactorCov{}, fmt.Errorf("factor covariance: %w: no firms", ErrShortSample)
	}
	t := len(r[0])
	if k < 0 || k >= min(t, n) {
		return FactorCov{}, fmt.Errorf("factor covariance: %d factors for %d firms and %d days: want 0 to %d", k, n, t, min(t, n)-1)
	}
	mean := make([]float64, n)
	sd := make([]float64, n)
	cnt := make([]int, n)
	z := mat.NewDense(t, n, nil)
	for i, ri := range r {
		if len(ri) != t {
			panic(fmt.Sprintf("stats: EstimateFactorCov: firm %d has %d returns, firm 0 has %d", i, len(ri), t))
		}
		var s float64
		for _, v := range ri {
			if !math.IsNaN(v) {
				s += v
				cnt[i]++
			}
		}
		if cnt[i] < 2 {
			return FactorCov{}, fmt.Errorf("factor covariance: firm %d: %w: %d returns", i+1, ErrShortSample, cnt[i])
		}
		mean[i] = s / float64(cnt[i])
		var ss float64
		for _, v := range ri {
			if !math.IsNaN(v) {
				ss += (v - mean[i]) * (v - mean[i])
			}
		}
		sd[i] = math.Sqrt(ss / float64(cnt[i]-1))
		if !(sd[i] > 0) {
			return FactorCov{}, fmt.Errorf("factor covariance: firm %d: constant returns", i+1)
		}
		for d, v := range ri {
			if !math.IsNaN(v) {
				z.Set(d, i, (v-mean[i])/sd[i])
			}
		}
	}
	c := FactorCov{Loadings: make([][]float64, n), Idio: make([]float64, n)}
	var v mat.Dense
	var sv []float64
	if k > 0 {
		var svd mat.SVD
		if !svd.Factorize(z, mat.SVDThin) {
			return FactorCov{}, fmt.Errorf("factor covariance: singular value decomposition did not converge")
		}
		svd.VTo(&v)
		sv = svd.Values(nil)
	}
	for i := 0; i < n; i++ {
		c.Loadings[i] = make([]float64, k)
		common := 0.0
		for a := 0; a < k; a++ {
			f := sd[i] * v.At(i, a) * sv[a] * math.Sqrt(float64(t-1)) / float64(cnt[i]-1)
			c.Loadings[i][a] = f
			common += f * f
		}
		c.Idio[i] = max(sd[i]*sd[i]-common, minIdioShare*sd[i]*sd[i])
	}
	return c, nil
}
