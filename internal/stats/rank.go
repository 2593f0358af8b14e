package stats

import (
	"cmp"
	"slices"
)

// midranks returns the ranks (1-based) of x, ties receiving the mean of the
// ranks they span, and the sizes of the tie groups of more than one value.
// x must hold no NaN.
func midranks(x []float64) (ranks []float64, ties []int) {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	ranks = make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		r := float64(i+j+1) / 2 // mean of ranks i+1..j
		for _, k := range idx[i:j] {
			ranks[k] = r
		}
		if j-i > 1 {
			ties = append(ties, j-i)
		}
		i = j
	}
	return ranks, ties
}
