// Package par runs independent jobs on several goroutines.
package par

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
)

// For runs job(0), ..., job(n-1) on workers goroutines (0 or less:
// GOMAXPROCS), in no particular order, and returns when all are done. Each
// job must write only its own results, so that the outcome does not
// depend on the schedule or the number of workers. One worker, or one
// job, runs them in order on the calling goroutine. A job that panics
// makes For panic on the calling goroutine with a *Panic, once every
// worker has stopped (see Group).
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
	// The workers take the next job from a counter: handing each job
	// over a channel from this goroutine cost two goroutine switches a
	// job, and this goroutine a share of the cores.
	var next atomic.Int64
	var g Group
	for range min(workers, n) {
		g.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || g.failed() {
					return // past the end, or the rest would only be thrown away
				}
				job(i)
			}
		})
	}
	g.Wait()
}

// Group is a sync.WaitGroup whose goroutines' panics are not fatal: Go
// recovers a panic, and Wait, once every goroutine has returned, panics
// again on its caller's goroutine with the first one as a *Panic. A panic
// on a goroutine of its own would end the program before any caller could
// recover it and report it as an internal error (cmd/eventstudy does).
type Group struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	first *Panic
	bad   atomic.Bool // first is set
}

// Go runs f on a new goroutine.
func (g *Group) Go(f func()) {
	g.wg.Go(func() {
		defer func() {
			if v := recover(); v != nil {
				p := NewPanic(v)
				g.mu.Lock()
				if g.first == nil {
					g.first = p
					g.bad.Store(true)
				}
				g.mu.Unlock()
			}
		}()
		f()
	})
}

// Wait waits for every goroutine started by Go, then panics with the first
// *Panic, if any.
func (g *Group) Wait() {
	g.wg.Wait()
	if g.first != nil {
		panic(g.first)
	}
}

func (g *Group) failed() bool { return g.bad.Load() }

// Panic is a recovered panic with where it happened.
type Panic struct {
	Value any
	// At is the function and file:line that panicked, e.g.
	// "stats.Analyze (event.go:140)"; "" when the stack does not say.
	At    string
	Stack []byte
}

// NewPanic wraps the value v recovered by the caller, and the stack of
// the caller's goroutine, which still holds the frame that panicked. A v
// that is already a *Panic (re-raised by Wait) is returned as it is.
func NewPanic(v any) *Panic {
	if p, ok := v.(*Panic); ok {
		return p
	}
	stack := debug.Stack()
	return &Panic{Value: v, At: panicSite(string(stack)), Stack: stack}
}

func (p *Panic) Error() string {
	if p.At == "" {
		return fmt.Sprint(p.Value)
	}
	return fmt.Sprintf("%v at %s", p.Value, p.At)
}

// panicSite returns the frame that called panic in a goroutine's stack
// (the innermost call, the first from the top), skipping the runtime's own
// frames (runtime.goPanicIndex for an index out of range), as
// "pkg.Func (file.go:line)".
func panicSite(stack string) string {
	lines := strings.Split(stack, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "panic(") {
			continue
		}
		// Frames are pairs of lines: the function, then its file:line.
		for j := i + 2; j+1 < len(lines); j += 2 {
			fn := lines[j]
			if strings.HasPrefix(fn, "runtime.") {
				continue
			}
			if k := strings.LastIndex(fn, "("); k > 0 {
				fn = fn[:k]
			}
			fn = fn[strings.LastIndex(fn, "/")+1:]
			file := strings.TrimSpace(lines[j+1])
			if k := strings.LastIndex(file, " +0x"); k > 0 {
				file = file[:k]
			}
			return fmt.Sprintf("%s (%s)", fn, filepath.Base(file))
		}
		return ""
	}
	return ""
}
