package par

import (
	"strings"
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

// TestForPanic: a job's panic reaches the caller of For as a *Panic that
// names the job's function and line, for any number of workers, after
// every worker has stopped; the other jobs are not all run.
func TestForPanic(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		var ran atomic.Int32
		p := catch(func() {
			For(workers, 1000, func(i int) {
				ran.Add(1)
				if i == 3 {
					var s []int
					_ = s[i] // index out of range: a runtime panic
				}
			})
		})
		if p == nil {
			t.Fatalf("workers %d: no panic", workers)
		}
		// The file and function of the job; the line is the _ = s[i] above.
		if !strings.HasPrefix(p.At, "par.TestForPanic.func") || !strings.Contains(p.At, "(par_test.go:") {
			t.Errorf("workers %d: At = %q, want the job's frame in par_test.go", workers, p.At)
		}
		if !strings.Contains(p.Error(), "index out of range [3] with length 0") {
			t.Errorf("workers %d: Error() = %q", workers, p.Error())
		}
		// One worker runs the jobs in order: 0..3, then the panic. (With
		// more, how many run before the workers see it is up to the
		// scheduler.)
		if n := ran.Load(); workers == 1 && n != 4 {
			t.Errorf("workers 1: %d jobs ran, want 4", n)
		}
	}
}

// TestGroupPanic: Wait re-panics with the first panic of its goroutines,
// its value kept.
func TestGroupPanic(t *testing.T) {
	var g Group
	g.Go(func() {})
	g.Go(func() { panic("boom") })
	p := catch(g.Wait)
	if p == nil || p.Value != "boom" || !strings.HasPrefix(p.At, "par.TestGroupPanic.func") {
		t.Fatalf("Wait panicked with %+v, want boom at TestGroupPanic", p)
	}
}

func catch(f func()) (p *Panic) {
	defer func() {
		if v := recover(); v != nil {
			p = NewPanic(v)
		}
	}()
	f()
	return nil
}
