package study

import (
	"cmp"
	"slices"
	"sync"

	"github.com/eventstudy/eventstudy/internal/par"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// slimBlock is the number of events computed together before their
// estimation windows go to the spill file: 4,096 events hold about 70 MB
// whole.
const slimBlock = 4096

// Slims reports whether a study of n events slims its events: with a
// spill directory, from SpillMin events on, for the studies whose steps
// after the computation of the events read nothing of the estimation
// windows but the tests across events. A placebo, which computes the
// events again, holds every event whole, as below SpillMin. With
// DropConfounded the events are computed twice: once to find those to
// drop (scoutConfounded), keeping nothing of them, and once more, the
// others only, slimmed.
func (cfg Config) Slims(n int) bool {
	return cfg.SpillDir != "" && n >= max(cfg.SpillMin, 1) &&
		cfg.Placebo == 0
}

// ProgressTotal returns what Config.Progress adds up to for a study of n
// events: n, or 2n when the events are computed twice (Slims with
// DropConfounded: every event in the first pass, then the events kept, and
// then the others at once).
func (cfg Config) ProgressTotal(n int) int {
	if cfg.DropConfounded && cfg.Slims(n) {
		return 2 * n
	}
	return n
}

// scoutConfounded is the first pass of a slimmed study that drops the
// confounded events: it computes every event of list to learn which can
// be computed (skips, by list index, the reason of each that cannot) and
// its day 0, keeping nothing else, and marks the confounded among the
// computed as markConfounded does. It returns the list of the others, in
// the list's order (kept, with orig[k] the list index of kept.Events[k]),
// and the confounded as dropped, in the list's order, with the reason
// Result.dropConfounded gives. The cross sums must hold only the events
// kept, added in order; they cannot be taken out again, so the events
// kept are computed once more (computeSlim).
func scoutConfounded(cfg Config, in *inputs, list *prices.EventList, series map[string]*prices.Series) (kept *prices.EventList, orig []int, skips []string, dropped []Skip) {
	n := len(list.Events)
	skips = make([]string, n)
	day0 := make([]int, n)
	par.For(cfg.Workers, n, func(i int) {
		ev := list.Events[i]
		e, err := in.compute(cfg, ev, marketOf(ev, cfg), series[ev.Ticker], nil)
		if cfg.Progress != nil {
			cfg.Progress(1)
		}
		if err != nil {
			skips[i] = err.Error()
			return
		}
		day0[i] = e.Aligned.Day0
		e.release()
	})
	var computed []int
	for i, why := range skips {
		if why == "" {
			computed = append(computed, i)
		}
	}
	reasons := make([]string, n) // of the confounded
	confound(len(computed), func(k int) (string, int, string) {
		ev := list.Events[computed[k]]
		return ev.Ticker, day0[computed[k]], ev.ID
	}, cfg.Span().Len(), func(k, c int, ids []string) {
		if c > 0 {
			reasons[computed[k]] = confoundedReason(cfg, confoundedText(ids, c, ", "))
		}
	})
	kl := *list
	kl.Events = nil
	for _, i := range computed {
		ev := list.Events[i]
		if reasons[i] == "" {
			kl.Events = append(kl.Events, ev)
			orig = append(orig, i)
		} else {
			dropped = append(dropped, Skip{ID: ev.ID, Ticker: ev.Ticker, Date: ev.Written, Line: ev.Line, Reason: reasons[i]})
		}
	}
	return &kl, orig, skips, dropped
}

// release gives the buffers of an event that is not kept to the next
// events (as slim gives those of a slimmed one); e may not be read after.
func (e *Event) release() {
	cal := e.Cal
	e.EventResult.Release()
	e.Aligned.ReleaseSeries()
	if cal != nil {
		calPool.Put(&cal)
	}
}

// computeSlim computes the events of list in blocks: each block's events
// in parallel, each computed event's estimation record written to sp as
// record number its index in the list (the records of skipped events
// are holes); then, in the list's order, each computed event is added to
// the cross sums, and the events are slimmed to the span of their
// windows (Event.slim). The additions, which must follow the list's
// order, run on one goroutine while the next block is computed. It
// returns the computed events in list order and the reason of each event
// that could not be computed (by list index, "" for the computed).
//
// With Config.Group, it also returns the cross sums of each group, by the
// group's name (Group.Name), added in list order too.
func computeSlim(cfg Config, in *inputs, list *prices.EventList, series map[string]*prices.Series, sp *spill) ([]*Event, []string, *stats.CrossSums, map[string]*stats.CrossSums, error) {
	sums := stats.NewCrossSums(cfg.Estimation)
	var groupSums map[string]*stats.CrossSums
	col := -1
	if cfg.Group != "" {
		groupSums, col = map[string]*stats.CrossSums{}, slices.Index(list.Extra, cfg.Group)
	}
	addGroup := func(e *Event) {
		if col < 0 || col >= len(e.Extra) {
			return
		}
		name := groupName(e.Extra[col])
		g := groupSums[name]
		if g == nil {
			g = stats.NewCrossSums(cfg.Estimation)
			groupSums[name] = g
		}
		g.Add(&e.EventResult)
	}
	skips := make([]string, len(list.Events))
	var events []*Event
	var mu sync.Mutex
	var werr error // the first write error
	type block struct {
		b0     int
		events []*Event
		kp, rk []byte // the block's records, slot k at k*size
	}
	newBlock := func() *block {
		return &block{events: make([]*Event, slimBlock), kp: make([]byte, slimBlock*sp.kpSize), rk: make([]byte, slimBlock*sp.rank)}
	}
	cur, prev := newBlock(), newBlock()
	added := make(chan struct{}, 1) // the additions of prev are done
	added <- struct{}{}
	finish := func(bl *block, n int) {
		// After its additions: slim the block's events, keep them in order.
		par.For(cfg.Workers, n, func(k int) {
			if e := bl.events[k]; e != nil {
				e.slim(cfg, int32(bl.b0+k))
			}
		})
		for k := range n {
			if e := bl.events[k]; e != nil {
				events = append(events, e)
			}
			bl.events[k] = nil
		}
	}
	prevN := 0
	for b0 := 0; b0 < len(list.Events); b0 += slimBlock {
		n := min(slimBlock, len(list.Events)-b0)
		cur.b0 = b0
		par.For(cfg.Workers, n, func(k int) {
			i := b0 + k
			ev := list.Events[i]
			e, err := in.compute(cfg, ev, marketOf(ev, cfg), series[ev.Ticker], nil)
			cur.events[k] = e
			if err != nil {
				skips[i] = err.Error()
			} else {
				kp, rk := sp.encode(cur.kp[k*sp.kpSize:k*sp.kpSize:(k+1)*sp.kpSize], cur.rk[k*sp.rank:k*sp.rank:(k+1)*sp.rank], int32(i), e.EstRecord())
				if len(kp) != sp.kpSize || len(rk) != sp.rank || &kp[0] != &cur.kp[k*sp.kpSize] {
					panic("study: spill: a record not encoded in its slot")
				}
			}
			if cfg.Progress != nil {
				cfg.Progress(1)
			}
		})
		<-added // prev's additions
		if prevN > 0 {
			finish(prev, prevN)
		}
		mu.Lock()
		err := werr
		mu.Unlock()
		if err != nil {
			return nil, nil, nil, nil, err // no goroutine is left running
		}
		// cur's records written (one call a file: the records of a block
		// are consecutive; a skipped event's slot holds what an earlier
		// block left, never read) and its additions, in list order, while
		// the next block computes.
		go func(bl *block, n int) {
			if err := sp.write(int32(bl.b0), bl.kp[:n*sp.kpSize], bl.rk[:n*sp.rank]); err != nil {
				mu.Lock()
				werr = cmp.Or(werr, err)
				mu.Unlock()
			}
			for k := range n {
				if e := bl.events[k]; e != nil {
					sums.Add(&e.EventResult)
					addGroup(e)
				}
			}
			added <- struct{}{}
		}(cur, n)
		cur, prev, prevN = prev, cur, n
	}
	<-added
	if prevN > 0 {
		finish(prev, prevN)
	}
	if werr != nil {
		return nil, nil, nil, nil, werr
	}
	return events, skips, sums, groupSums, nil
}

// slim keeps of the event only the span of its windows (stats.Slim), its
// estimation window being record rec of the spill file; the dates that
// the warnings and fit.csv take from the estimation window are kept.
func (e *Event) slim(cfg Config, rec int32) {
	span := cfg.Span()
	e.estStart = e.Date(max(cfg.Estimation.From, e.First))
	e.estFirst, e.estLast = e.EstDates()
	if cfg.Factors != nil && IsFactorModel(cfg.Model) {
		e.factor = e.factorStats(cfg, marketFactor(cfg.Factors))
	}
	if cfg.Volume {
		var est []float64
		e.zeroDays = e.zeroVolumeDays(cfg, &est)
	}
	lo, hi := span.From-e.First, span.To-e.First+1
	old, cal := e.Aligned, e.Cal
	// Aligned's series are those the model took (stats.Event.R, Rm) but
	// for a constant mean without a market (zeros for NaNs): shared
	// where they are, as Slim copies them.
	same := func(a, b []float64) bool { return len(a) > 0 && len(b) > 0 && &a[0] == &b[0] }
	r0, rm0 := e.EventResult.Returns()
	sameR, sameRm := same(r0, old.R), same(rm0, old.Rm)
	e.EventResult.Slim(span.From, span.To, rec)
	r1, rm1 := e.EventResult.Returns()
	e.Aligned.First = span.From
	if sameR {
		e.Aligned.R = r1
	} else {
		e.Aligned.R = slices.Clone(old.R[lo:hi])
	}
	switch {
	case old.Rm == nil:
	case sameRm:
		e.Aligned.Rm = rm1
	default:
		e.Aligned.Rm = slices.Clone(old.Rm[lo:hi])
	}
	// What Slim copied goes to the next events.
	old.ReleaseSeries()
	if cal != nil {
		calPool.Put(&cal)
	}
}

// calPool holds the calendar days of slimmed events for the next
// events' compute (see prices.Aligned.ReleaseSeries).
var calPool sync.Pool

// calBuf returns n int32s to be filled in full.
func calBuf(n int) []int32 {
	if p, _ := calPool.Get().(*[]int32); p != nil && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]int32, n)
}

// EstDates returns the dates of the first and last estimation days the
// model was fitted on (stats.EstimationFit), zero when there were none.
func (e *Event) EstDates() (first, last prices.Date) {
	if e.Slimmed() {
		return e.estFirst, e.estLast
	}
	if e.Fit.M == 0 {
		return 0, 0
	}
	est := e.EstimationFit()
	return e.Date(est.First), e.Date(est.Last)
}

// estStartDate returns the date of the first day of the event's grid in
// the estimation window.
func (e *Event) estStartDate(cfg Config) prices.Date {
	if e.Slimmed() {
		return e.estStart
	}
	return e.Date(max(cfg.Estimation.From, e.First))
}
