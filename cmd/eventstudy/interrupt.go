package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/eventstudy/eventstudy/internal/report"
)

// interrupt handles SIGINT and SIGTERM during a run: it removes the
// temporary files of the files being written, leaves the output directory
// marked incomplete (its manifest says so; the next run cleans it up) and
// exits with 128 + the signal's number (130 and 143), as shells do.
type interrupt struct {
	mu   sync.Mutex
	outs *report.Outputs
	sigs chan os.Signal
	done chan struct{}
}

// onInterrupt starts handling the signals until stop is called.
func onInterrupt(cmd string, stderr io.Writer) *interrupt {
	in := &interrupt{sigs: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(in.sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-in.sigs:
			in.mu.Lock() // held until exit: no new outputs
			if in.outs != nil {
				in.outs.Abort()
				fmt.Fprintf(stderr, "eventstudy %s: interrupted (%v): %s is marked incomplete; the next run into it cleans it up\n", cmd, sig, in.outs.Dir())
			} else {
				fmt.Fprintf(stderr, "eventstudy %s: interrupted (%v) before writing anything\n", cmd, sig)
			}
			code := 130
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-in.done:
		}
	}()
	return in
}

// watch makes outs the outputs to abort on a signal.
func (in *interrupt) watch(outs *report.Outputs) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.outs = outs
}

func (in *interrupt) stop() {
	signal.Stop(in.sigs)
	close(in.done)
}
