package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// progress reports a long run on stderr: a bar while events are computed
// when stderr is a terminal (nothing when it is piped or redirected), and a
// final line with the counts and the elapsed time unless --quiet.
type progress struct {
	w     io.Writer
	quiet bool
	start time.Time
	p     *mpb.Progress
	bar   *mpb.Bar
}

func newProgress(stderr io.Writer, quiet bool) *progress {
	return &progress{w: stderr, quiet: quiet, start: time.Now()}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// events starts the bar of total events; add advances it. Both are safe
// for concurrent use.
func (p *progress) events(total int) {
	if p.quiet || !isTerminal(p.w) || total < 1000 {
		return
	}
	p.p = mpb.New(mpb.WithOutput(p.w), mpb.WithWidth(40))
	p.bar = p.p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Name("events "), decor.CountersNoUnit("%d / %d")),
		mpb.AppendDecorators(decor.Percentage(), decor.Name(" "), decor.EwmaETA(decor.ET_STYLE_GO, 30)),
	)
}

func (p *progress) add(n int) {
	if p.bar != nil {
		p.bar.IncrBy(n)
	}
}

// stop ends the bar, complete or not; it must be called before anything
// else is written to the terminal.
func (p *progress) stop() {
	if p.bar != nil {
		p.bar.SetTotal(-1, true)
		p.p.Wait()
		p.bar = nil
	}
}

// finish prints the final line.
func (p *progress) finish(computed, total, skipped int) {
	p.stop()
	if p.quiet {
		return
	}
	el := time.Since(p.start).Seconds()
	rate := ""
	if el > 0 && computed > 0 {
		rate = fmt.Sprintf(", %.0f events/s", float64(total)/el)
	}
	mem := ""
	if rss := peakRSS(); rss > 0 {
		mem = fmt.Sprintf(", peak memory %d MB", rss>>20)
	}
	fmt.Fprintf(p.w, "eventstudy: %d of %d events computed, %d skipped, in %.2f s%s%s\n", computed, total, skipped, el, rate, mem)
}
