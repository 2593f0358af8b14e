package chart

import (
	"fmt"
	"math"
	"slices"
)

// minBandDays is how many finite paths a bar needs for PathBand to bound
// it: a quantile of one value is that value, not a band.
const minBandDays = 2

// PathBand returns, bar by bar, the pLo and pHi quantiles (0 <= pLo < pHi
// <= 1) of paths, the paths of the estimation days at the same clock
// times (paths[d][i] is day d at bar i), for the band of
// IntradayPathChart. Quantiles are R's default (type 7, Hyndman & Fan
// 1996: linear interpolation between order statistics). NaN and ±Inf are
// missing bars and are left out; a bar with fewer than two finite paths
// gets NaN. Paths of unequal length or quantiles out of order are an
// error.
func PathBand(paths [][]float64, pLo, pHi float64) (lo, hi []float64, err error) {
	if !(0 <= pLo && pLo < pHi && pHi <= 1) {
		return nil, nil, fmt.Errorf("path band: quantiles %g and %g are not 0 <= lo < hi <= 1: %w", pLo, pHi, ErrRange)
	}
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("path band: no paths: %w", ErrEmpty)
	}
	n := len(paths[0])
	for d, p := range paths {
		if len(p) != n {
			return nil, nil, fmt.Errorf("path band: path %d has %d bars, want %d: %w", d, len(p), n, ErrLength)
		}
	}
	lo, hi = make([]float64, n), make([]float64, n)
	col := make([]float64, 0, len(paths))
	for i := range n {
		col = col[:0]
		for _, p := range paths {
			if finite(p[i]) {
				col = append(col, p[i])
			}
		}
		if len(col) < minBandDays {
			lo[i], hi[i] = math.NaN(), math.NaN()
			continue
		}
		slices.Sort(col)
		lo[i], hi[i] = quantile7(col, pLo), quantile7(col, pHi)
	}
	return lo, hi, nil
}

// quantile7 is the p-quantile of sorted values, R's type 7: the order
// statistic at h = (n-1)p + 1, interpolated linearly.
func quantile7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	j := int(math.Floor(h))
	if j >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[j] + (h-float64(j))*(sorted[j+1]-sorted[j])
}
