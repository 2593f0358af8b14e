package chart

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestPathBand(t *testing.T) {
	nan := math.NaN()
	paths := [][]float64{
		{0.0010, -0.0020, 0.0040, nan},
		{-0.0030, 0.0010, 0.0050, 0.0020},
		{0.0020, 0.0030, -0.0010, nan},
		{0.0000, -0.0040, 0.0070, math.Inf(1)},
		{0.0050, 0.0020, 0.0000, 0.0010},
		{-0.0010, 0.0060, 0.0030, nan},
		{0.0040, -0.0010, 0.0020, nan},
	}
	lo, hi, err := PathBand(paths, 0.05, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	// From testdata/pathband.R: quantile(x, c(0.05, 0.95), type = 7,
	// na.rm = TRUE) in R 4.2.2, bar by bar (Inf there is NA here). Bar 1
	// by hand: sorted -0.003, -0.001, 0, 0.001, 0.002, 0.004, 0.005; h =
	// 6 * 0.05 = 0.3, so -0.003 + 0.3 * 0.002 = -0.0024.
	wantLo := []float64{-0.0023999999999999998, -0.0034000000000000002, -0.00069999999999999999, 0.0010500000000000002}
	wantHi := []float64{0.0046999999999999993, 0.0050999999999999978, 0.0063999999999999994, 0.0019500000000000001}
	for i := range wantLo {
		// Interpolation of two doubles: a few ulps.
		if !scalar.EqualWithinAbsOrRel(lo[i], wantLo[i], 1e-15, 1e-12) || !scalar.EqualWithinAbsOrRel(hi[i], wantHi[i], 1e-15, 1e-12) {
			t.Errorf("bar %d: band %g..%g, want %g..%g", i, lo[i], hi[i], wantLo[i], wantHi[i])
		}
	}

	// One finite path at a bar is no band; the extremes are the min and max.
	lo, hi, err = PathBand([][]float64{{1, nan}, {3, 2}, {2, nan}}, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if lo[0] != 1 || hi[0] != 3 || !math.IsNaN(lo[1]) || !math.IsNaN(hi[1]) {
		t.Errorf("got %v..%v, want [1 NaN]..[3 NaN]", lo, hi)
	}

	for _, tt := range []struct {
		name     string
		paths    [][]float64
		plo, phi float64
		want     error
	}{
		{"no paths", nil, 0.05, 0.95, ErrEmpty},
		{"ragged", [][]float64{{1, 2}, {1}}, 0.05, 0.95, ErrLength},
		{"reversed", paths, 0.95, 0.05, ErrRange},
		{"above 1", paths, 0.05, 1.5, ErrRange},
		{"NaN quantile", paths, nan, 0.5, ErrRange},
	} {
		if _, _, err := PathBand(tt.paths, tt.plo, tt.phi); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
}

// TestPathBandCoverage: over seeded normal paths, the 5%-95% band holds
// about 90% of new draws (a seeded simulation of what the band means).
func TestPathBandCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const days, bars = 200, 50
	paths := make([][]float64, days)
	for d := range paths {
		paths[d] = make([]float64, bars)
		for i := range paths[d] {
			paths[d][i] = rng.NormFloat64()
		}
	}
	lo, hi, err := PathBand(paths, 0.05, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	in, n := 0, 0
	for range 200 {
		for i := range bars {
			v := rng.NormFloat64()
			n++
			if lo[i] <= v && v <= hi[i] {
				in++
			}
		}
	}
	// 10,000 draws: the coverage of a band from 200 days has mean near
	// 0.90 with sd about sqrt(0.9*0.1/200)/sqrt(50 bars) plus binomial
	// noise sqrt(0.09/10000) = 0.003; 0.87..0.93 is several sd wide.
	if cov := float64(in) / float64(n); cov < 0.87 || cov > 0.93 {
		t.Errorf("coverage %.4f, want 0.90 within 0.03", cov)
	}
}
