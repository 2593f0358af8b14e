package par

import (
	"sync/atomic"
	"testing"
)

// TestFor: every job runs exactly once, for any number of workers and jobs.
func TestFor(t *testing.T) {
	for _, workers := range []int{-1, 0, 1, 2, 7} {
		for _, n := range []int{0, 1, 5, 100} {
			runs := make([]atomic.Int32, n)
			For(workers, n, func(i int) { runs[i].Add(1) })
			for i := range runs {
				if got := runs[i].Load(); got != 1 {
					t.Errorf("workers %d, n %d: job %d ran %d times, want 1", workers, n, i, got)
				}
			}
		}
	}
}
