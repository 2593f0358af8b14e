package stats

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

func TestBootstrapClosedForms(t *testing.T) {
	// Two values {0, 1}: a resampled mean is 0, 1/2 or 1 with
	// probabilities 1/4, 1/2, 1/4, so with 1,000 resamples the 2.5% and
	// 97.5% quantiles are 0 and 1 (the chance that fewer than 26 of them
	// are 0 is pbinom(25, 1000, 0.25) < 1e-80, R 4.2.2).
	b := Bootstrap([]float64{0, 1, math.NaN()}, 1000, 1)
	if b.NA != "" || b.N != 2 || b.B != 1000 || b.Mean != 0.5 || b.Lo != 0 || b.Hi != 1 {
		t.Errorf("{0, 1}: %+v, want mean 0.5, interval [0, 1]", b)
	}
	// Far from zero: no resampled |t*| reaches |t|, p = 1/(B+1).
	far := []float64{10, 10.1, 9.9, 10.2, 9.8, 10.05}
	b = Bootstrap(far, 999, 7)
	near(t, "p far from 0", b.P, 1.0/1000, 0)
	if !(b.Lo <= b.Mean && b.Mean <= b.Hi) || b.Lo < 9.8 || b.Hi > 10.2 {
		t.Errorf("interval [%g, %g] around %g", b.Lo, b.Hi, b.Mean)
	}
	for _, tc := range []struct {
		x  []float64
		na string
	}{
		{[]float64{1}, "needs at least 2 events"},
		{[]float64{2, 2, 2}, "zero cross-sectional variance"},
	} {
		if b := Bootstrap(tc.x, 10, 1); b.NA != tc.na || !math.IsNaN(b.P) || !math.IsNaN(b.Lo) {
			t.Errorf("Bootstrap(%v) = %+v, want n/a %q", tc.x, b, tc.na)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Bootstrap with 0 resamples did not panic")
		}
	}()
	Bootstrap(far, 0, 1)
}

func TestBootstrapDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1993, 1))
	x := make([]float64, 300) // 300 values x 1000 resamples: run in parallel
	for i := range x {
		x[i] = 0.001 + 0.02*rng.NormFloat64()
	}
	a := Bootstrap(x, 1000, 42)
	prev := runtime.GOMAXPROCS(1)
	b := Bootstrap(x, 1000, 42)
	runtime.GOMAXPROCS(prev)
	if a != b {
		t.Errorf("GOMAXPROCS %d: %+v, GOMAXPROCS 1: %+v", prev, a, b)
	}
	if c := Bootstrap(x, 1000, 43); c.Lo == a.Lo && c.Hi == a.Hi {
		t.Errorf("seeds 42 and 43 give the same interval %g..%g", a.Lo, a.Hi)
	}
}

// TestBootstrapSize: 400 seeded samples of 30 normal values, 199
// resamples each. Under the null the rejection rate at 5% has sd
// sqrt(0.05*0.95/400) = 0.011; the bounds 0.02..0.09 are about 3 sd (the
// bootstrap-t p is discrete in steps of 1/200). With a mean of 0.6 sd the
// t test's power is 1-pt(qt(0.975,29), 29, ncp=0.6*sqrt(30)) = 0.93 (R
// 4.2.2, power.t.test); the bound is 0.85.
func TestBootstrapSize(t *testing.T) {
	const samples, n = 400, 30
	rng := rand.New(rand.NewPCG(1993, 2))
	var null, alt int
	x := make([]float64, n)
	for s := range samples {
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		if Bootstrap(x, 199, uint64(s)).P < 0.05 {
			null++
		}
		for i := range x {
			x[i] += 0.6
		}
		if Bootstrap(x, 199, uint64(s)).P < 0.05 {
			alt++
		}
	}
	size, power := float64(null)/samples, float64(alt)/samples
	t.Logf("size %.3f power %.3f", size, power)
	if size < 0.02 || size > 0.09 {
		t.Errorf("size %.3f, want 0.02..0.09", size)
	}
	if power < 0.85 {
		t.Errorf("power %.3f, want >= 0.85", power)
	}
}
