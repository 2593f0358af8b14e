package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"

	"github.com/eventstudy/eventstudy/internal/par"
)

// DefaultBootstrap is the default number of bootstrap resamples
// (STATISTICS.md).
const DefaultBootstrap = 1000

// BootResult is the outcome of Bootstrap. NA non-empty means it could not be
// computed (the reason); then Mean may be set but Lo, Hi and P are NaN.
type BootResult struct {
	// Mean is the sample mean (the CAAR when the values are CARs).
	Mean float64
	// Lo and Hi bound the 95% percentile interval of the mean.
	Lo, Hi float64
	// P is the two-sided bootstrap p-value of a zero mean.
	P float64
	// B is the number of resamples, N the number of values, Seed the seed.
	B, N int
	Seed uint64
	NA   string
}

// Bootstrap resamples the non-NaN values (one per event: ARs, CARs) with
// replacement b times (Efron & Tibshirani 1993) and returns the mean with
// its 95% percentile interval and a two-sided p-value.
//
// Interval: the 2.5% and 97.5% quantiles of the b resampled means, with
// linear interpolation between order statistics (R's quantile type 7).
//
// p-value: the symmetric bootstrap-t, recentred so that it is computed
// under the null (Hall & Wilson 1991; Efron & Tibshirani 1993, sec. 16.4):
// with t = mean/(sd/sqrt(N)) and t*_k = (mean*_k - mean)/(sd*_k/sqrt(N))
// for resample k (sd with divisor N-1),
// p = (1 + #{k : |t*_k| >= |t|}) / (b + 1). Studentizing makes the test
// hold its size better than the percentile interval in small samples.
//
// Resample k draws from its own generator, rand.NewPCG(seed, k), so the
// result depends on (values, b, seed) only, not on GOMAXPROCS or the order
// the resamples are computed in (they run in parallel for large b*N).
// b < 1 panics; fewer than 2 values or a zero variance give NA.
func Bootstrap(values []float64, b int, seed uint64) BootResult {
	if b < 1 {
		panic(fmt.Sprintf("stats: Bootstrap: %d resamples", b))
	}
	nan := math.NaN()
	x := present(values)
	n := len(x)
	res := BootResult{Mean: nan, Lo: nan, Hi: nan, P: nan, B: b, N: n, Seed: seed}
	if n < 2 {
		res.NA = "needs at least 2 events"
		return res
	}
	mean, sd := meanSD(x)
	res.Mean = mean
	if sd == 0 {
		res.NA = "zero cross-sectional variance"
		return res
	}
	sqn := math.Sqrt(float64(n))
	t := mean / (sd / sqn)
	means := make([]float64, b)
	ts := make([]float64, b)
	one := func(k int) {
		r := rand.New(rand.NewPCG(seed, uint64(k)))
		var s, ss float64
		// The draws are centred on the sample mean, so the sums stay small
		// and the one-pass variance keeps its accuracy.
		for range n {
			d := x[r.IntN(n)] - mean
			s += d
			ss += d * d
		}
		m := s / float64(n)
		v := (ss - s*m) / float64(n-1)
		means[k] = mean + m
		switch {
		case v > 0:
			ts[k] = m / (math.Sqrt(v) / sqn)
		case m == 0:
			ts[k] = 0
		default:
			ts[k] = math.Inf(1)
		}
	}
	workers := 1
	if b*n >= 1<<17 {
		workers = min(runtime.GOMAXPROCS(0), b)
	}
	if workers == 1 {
		for k := range b {
			one(k)
		}
	} else {
		var wg par.Group // a panic of one() reaches the caller
		for w := range workers {
			wg.Go(func() {
				for k := w; k < b; k += workers {
					one(k)
				}
			})
		}
		wg.Wait()
	}
	var extreme int
	for _, v := range ts {
		if math.Abs(v) >= math.Abs(t) {
			extreme++
		}
	}
	res.P = float64(1+extreme) / float64(b+1)
	slices.Sort(means)
	res.Lo, res.Hi = quantile7(means, 0.025), quantile7(means, 0.975)
	return res
}

// quantile7 is R's quantile(x, p, type = 7) of the sorted x.
func quantile7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
