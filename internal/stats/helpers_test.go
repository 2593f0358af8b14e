package stats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// near fails t unless got equals want within tol, absolute or relative.
func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want NaN", name, got)
		}
		return
	}
	if !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
		t.Errorf("%s = %.17g, want %.17g (tol %g)", name, got, want, tol)
	}
}

// checkResult compares a test result with a reference; df is NaN for a
// normal reference distribution.
func checkResult(t *testing.T, got Result, test string, stat, p, df float64, n int) {
	t.Helper()
	if got.NA != "" {
		t.Errorf("%s: n/a (%s), want a value", test, got.NA)
		return
	}
	if got.Test != test {
		t.Errorf("Test = %q, want %q", got.Test, test)
	}
	near(t, test+" stat", got.Stat, stat, 1e-9)
	near(t, test+" p", got.P, p, 1e-9)
	near(t, test+" df", got.DF, df, 0)
	if got.N != n {
		t.Errorf("%s N = %d, want %d", test, got.N, n)
	}
}
