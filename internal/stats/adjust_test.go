package stats

import (
	"math"
	"testing"
)

// TestHolmBH checks Holm and BenjaminiHochberg against R's p.adjust on a
// fixed vector with ties and a missing value (testdata/padjust.R, R 4.2.2
// Patched 2022-11-10, printed with 17 digits); tolerance 1e-15 relative.
func TestHolmBH(t *testing.T) {
	nan := math.NaN()
	p := []float64{0.01, 0.04, 0.03, 0.005, 0.5, nan, 0.04, 0.2, 1e-4, 0.9}
	holm := []float64{0.07, 0.2, 0.18, 0.04, 1, nan, 0.2, 0.6, 0.0009, 1}
	bh := []float64{0.03, 0.06, 0.06, 0.0225, 0.5625, nan, 0.06, 0.25714285714285717299, 0.0009, 0.9}
	for _, tc := range []struct {
		name      string
		got, want []float64
	}{{"holm", Holm(p), holm}, {"BH", BenjaminiHochberg(p), bh}} {
		for i := range tc.want {
			g, w := tc.got[i], tc.want[i]
			if math.IsNaN(w) != math.IsNaN(g) || math.Abs(g-w) > 1e-15*w {
				t.Errorf("%s[%d] = %v, want %v", tc.name, i, g, w)
			}
		}
	}
	if len(Holm(nil)) != 0 || len(BenjaminiHochberg([]float64{nan})) != 1 {
		t.Error("empty input")
	}
	// One test: no adjustment.
	if h, b := Holm([]float64{0.03}), BenjaminiHochberg([]float64{0.03}); h[0] != 0.03 || b[0] != 0.03 {
		t.Errorf("one p: holm %v, BH %v, want 0.03", h, b)
	}
}
