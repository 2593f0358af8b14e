// Package par runs independent jobs on several goroutines.
package par

import (
	"runtime"
	"sync"
)

// For runs job(0), ..., job(n-1) on workers goroutines (0 or less:
// GOMAXPROCS), in no particular order, and returns when all are done. Each
// job must write only its own results, so that the outcome does not
// depend on the schedule or the number of workers. One worker, or one
// job, runs them in order on the calling goroutine.
func For(workers, n int, job func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 || n <= 1 {
		for i := range n {
			job(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				job(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
