package stats

import (
	"math"
	"slices"
)

// Holm returns the p-values of p adjusted for multiple testing by Holm's
// (1979) step-down method, which controls the family-wise error rate:
// with the m non-NaN p-values sorted, p_(1) <= ... <= p_(m), the adjusted
// p_(i) is max over j <= i of min(1, (m - j + 1) p_(j)). NaN entries are
// not tested: they stay NaN and do not count in m. The result is that of
// R's p.adjust(p, method = "holm") with NaN for NA.
func Holm(p []float64) []float64 {
	out, idx := adjustOrder(p)
	m := len(idx)
	run := 0.0
	for i, k := range idx {
		run = max(run, min(1, float64(m-i)*p[k]))
		out[k] = run
	}
	return out
}

// BenjaminiHochberg returns the p-values of p adjusted by the step-up
// method of Benjamini & Hochberg (1995), which controls the false discovery
// rate for independent or positively dependent tests: the adjusted p_(i)
// is min over j >= i of min(1, m p_(j) / j). NaN entries stay NaN and do
// not count in m. The result is that of R's p.adjust(p, method = "BH").
func BenjaminiHochberg(p []float64) []float64 {
	out, idx := adjustOrder(p)
	m := len(idx)
	run := 1.0
	for i := m - 1; i >= 0; i-- {
		k := idx[i]
		run = min(run, float64(m)*p[k]/float64(i+1))
		out[k] = run
	}
	return out
}

// adjustOrder returns a slice of NaN as long as p and the indices of the
// non-NaN entries of p in increasing order of p (stable, so ties keep
// their order).
func adjustOrder(p []float64) ([]float64, []int) {
	out := make([]float64, len(p))
	var idx []int
	for i, v := range p {
		out[i] = math.NaN()
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return 0
	})
	return out, idx
}
