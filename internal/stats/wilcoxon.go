package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// maxExactWilcoxon is the largest N for which Wilcoxon uses the exact null
// distribution (STATISTICS.md: N <= 50; R's wilcox.test defaults to exact
// only for N < 50 but gives the same exact p for N = 50 with exact=TRUE).
const maxExactWilcoxon = 50

// Wilcoxon is the signed-rank test of Wilcoxon (1945) of a zero median of
// x. NaN values and zeros are dropped (Wilcoxon's convention and R's
// wilcox.test; not Pratt's, which ranks the zeros). Stat is
// W = sum of the mid-ranks of |x| over the positive values (R's V).
//
// The p-value is exact, from the null distribution of W enumerated by
// dynamic programming over rank sums, when N <= 50 and there are no ties
// and no zeros; otherwise it is the normal approximation with the tie
// correction of the variance and a continuity correction of 1/2, as R's
// wilcox.test(correct = TRUE). DF is NaN. It is n/a with fewer than 6
// non-zero values: the smallest exact two-sided p of N is 2/2^N (all
// signs alike), 0.0625 for N = 5 (minExactP).
func Wilcoxon(x []float64) Result {
	const test = "wilcoxon"
	d, abs := make([]float64, 0, len(x)), make([]float64, 0, len(x))
	zeros := false
	for _, v := range x {
		switch {
		case math.IsNaN(v):
		case v == 0:
			zeros = true
		default:
			d = append(d, v)
			abs = append(abs, math.Abs(v))
		}
	}
	n := len(d)
	if n == 0 {
		return naResult(test, 0, "no events with a non-zero value")
	}
	if why := tooFewSigns(n, 0.5, ""); why != "" {
		return naResult(test, n, why)
	}
	ranks, ties := midranks(abs)
	var w float64
	for i, v := range d {
		if v > 0 {
			w += ranks[i]
		}
	}
	fn := float64(n)
	mean := fn * (fn + 1) / 4
	res := Result{Test: test, Stat: w, DF: math.NaN(), N: n}
	if n <= maxExactWilcoxon && len(ties) == 0 && !zeros {
		// Two-sided as R: twice the smaller tail, the tail taken on the
		// side of the mean that W lies on.
		// By symmetry P(W >= w) = P(W <= n(n+1)/2 - w), which keeps
		// small upper-tail probabilities exact.
		cdf := signRankCDF(n)
		k := int(w)
		if w > mean {
			k = len(cdf) - 1 - k
		}
		tail := cdf[k]
		res.P = min(1, 2*tail)
		return res
	}
	var tc float64
	for _, t := range ties {
		ft := float64(t)
		tc += ft*ft*ft - ft
	}
	sigma := math.Sqrt(fn*(fn+1)*(2*fn+1)/24 - tc/48)
	if sigma == 0 {
		return naResult(test, n, "zero variance of the signed-rank statistic")
	}
	z := w - mean
	switch {
	case z > 0:
		z -= 0.5
	case z < 0:
		z += 0.5
	}
	z /= sigma
	res.P = min(1, 2*distuv.Normal{Mu: 0, Sigma: 1}.Survival(math.Abs(z)))
	return res
}

// signRankCDF returns P(W <= s) for s = 0..n(n+1)/2 under the null of the
// signed-rank test with n untied non-zero values: each subset of the ranks
// 1..n is equally likely to be the set of positive ranks, so the number of
// subsets with sum s, counted by dynamic programming, over 2^n. Counts stay
// below 2^n <= 2^50 and are exact in float64.
func signRankCDF(n int) []float64 {
	top := n * (n + 1) / 2
	c := make([]float64, top+1)
	c[0] = 1
	for k := 1; k <= n; k++ {
		for s := k * (k + 1) / 2; s >= k; s-- {
			c[s] += c[s-k]
		}
	}
	total := math.Ldexp(1, n)
	var cum float64
	for s := range c {
		cum += c[s]
		c[s] = cum / total
	}
	return c
}
