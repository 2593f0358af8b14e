package stats

import (
	"fmt"
	"math"
)

// BrownWarner is the time-series test with crude dependence adjustment of
// Brown & Warner (1985; 1980 for monthly data): caar / (sqrt(l) S), where
// caar is the mean AR (l = 1) or mean CAR over a window of l days of the n
// events with data, and S is the sample standard deviation (divisor M-1)
// of the AAR series estAAR over the M estimation days with an AAR (NaN
// entries are dropped). Reference distribution t(M-1).
func BrownWarner(caar float64, n, l int, estAAR []float64) Result {
	const test = "brown-warner"
	if l < 1 {
		panic(fmt.Sprintf("stats: BrownWarner: window length %d", l))
	}
	if n == 0 || math.IsNaN(caar) {
		return naResult(test, n, "no events with data")
	}
	v := present(estAAR)
	m := len(v)
	if m < 2 {
		return naResult(test, n, "needs at least 2 estimation days with an AAR")
	}
	_, s := meanSD(v)
	if s == 0 {
		return naResult(test, n, "zero variance of the estimation AAR series")
	}
	return studentResult(test, caar/(math.Sqrt(float64(l))*s), m-1, n)
}
