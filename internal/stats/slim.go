package stats

import (
	"fmt"
	"math"
	"slices"
	"sync"
)

// EstRecord is what the tests across events read of one event's
// estimation window after the event was slimmed (EventResult.Slim): the
// ARs and their calendar days that the Kolari-Pynnönen correlation takes
// (for trade-to-trade returns on one day's scale), and the SARs, their
// order and whether two are tied, which the rank tests (GRANK,
// Corrado-Zivney) take.
type EstRecord struct {
	AR  []float64
	Cal []int32 // len(Cal) = len(AR)
	SAR []float64
	// Order is sortedOrder of SAR; HasOrder is false when Analyze kept
	// none (an exact fit, whose SARs are all NaN).
	Order    []int32
	HasOrder bool
	Tied     bool
}

// EstStore holds the EstRecords of slimmed events, by record number
// (EventResult.Slim's rec). It is read by several goroutines at once.
type EstStore interface {
	// Load reads the records recs into dst (len(dst) = len(recs)),
	// reusing dst's slices: with rank unset AR and Cal, with rank set
	// SAR, Order, HasOrder and Tied.
	Load(recs []int32, dst []*EstRecord, rank bool)
}

// EstRecord returns the event's estimation data for a store, as views of
// its series (no copy): to be written before Slim.
func (e *EventResult) EstRecord() EstRecord {
	e.mustFull()
	ar, cal := e.estCal(e.Est)
	return EstRecord{
		AR:       ar,
		Cal:      cal[:len(ar)],
		SAR:      e.estSAR(e.Est, Window{e.Est.To + 1, e.Est.To + 1}),
		Order:    e.estOrder,
		HasOrder: e.estOrder != nil,
		Tied:     e.estTied,
	}
}

// Slim keeps of the event's series only the relative days from..to (the
// span of its event windows), so that a batch does not hold every event's
// estimation window: what the tests across events need of it is
// EstRecord, kept by the caller in a store as record rec, and what
// EstimationFit computes from it is kept. The tests across events of
// slimmed events need a Cross from NewCrossFrom, with the store and the
// CrossSums to which the events were added before Slim. Results are
// those of the whole event, bit for bit, on the days kept; from..to must
// lie on the grid and after the estimation window.
//
// What a slimmed event can no longer give: a window's result (Window)
// outside from..to, and its estimation data (EstRecord, CrossSums.Add),
// which panic.
func (e *EventResult) Slim(from, to int, rec int32) {
	e.mustFull()
	lo, hi := from-e.First, to-e.First+1
	if lo < 0 || hi > len(e.AR) || lo >= hi || from <= e.Est.To {
		panic(fmt.Sprintf("stats: Slim: days %d:%d on a grid of %d:%d with estimation window %s", from, to, e.First, e.First+len(e.AR)-1, e.Est))
	}
	fit := e.EstimationFit()
	e.estFit = &fit
	n := hi - lo
	// One allocation for the five series kept (as in Analyze). U is not
	// kept: the tests across events take it from CrossSums.
	buf := make([]float64, 5*n)
	cp := func(k int, s []float64) []float64 {
		if s == nil {
			return nil
		}
		d := buf[k*n : (k+1)*n : (k+1)*n]
		copy(d, s[lo:hi])
		return d
	}
	e.AR, e.SAR, e.Expected, e.U = cp(0, e.AR), cp(1, e.SAR), cp(2, e.Expected), nil
	e.r, e.rm = cp(3, e.r), cp(4, e.rm)
	if e.x != nil {
		x := make([][]float64, len(e.x))
		for j, s := range e.x {
			x[j] = slices.Clone(s[lo:hi])
		}
		e.x = x
	}
	if e.span != nil {
		e.span = slices.Clone(e.span[lo:hi])
	}
	if e.h != nil {
		e.h = slices.Clone(e.h[lo:hi])
	}
	if e.Cal != nil {
		e.Cal = slices.Clone(e.Cal[min(lo, len(e.Cal)):min(hi, len(e.Cal))])
	}
	if o := e.estOrder; o != nil {
		orderPool.Put(&o) // written to the store by now
	}
	e.dailyAR, e.estOrder = nil, nil
	e.First = from
	e.rec = rec + 1
	if b := e.buf; b != nil {
		seriesPool.Put(&b)
		e.buf = nil
	}
}

// Release gives the event's buffers to the next events' Analyze, for a
// caller that keeps nothing of the event: it may not be read after.
func (e *EventResult) Release() {
	if o := e.estOrder; o != nil {
		orderPool.Put(&o)
	}
	if b := e.buf; b != nil {
		seriesPool.Put(&b)
	}
	*e = EventResult{}
}

// seriesPool holds the series buffers of slimmed events for the next
// events' Analyze. A batch of slimmed events otherwise allocates 8 KB of
// new memory an event that is garbage a block later, and the first
// writes to fresh memory (filling it with NaN) took a third of
// Analyze at 100,000 events (pprof): reused, it is in the cache.
var seriesPool sync.Pool

// orderPool holds the estimation orders (EventResult.estOrder) of
// slimmed events, for the next events' Analyze.
var orderPool sync.Pool

// orderBuf returns n int32s to be filled in full.
func orderBuf(n int) []int32 {
	if p, _ := orderPool.Get().(*[]int32); p != nil && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]int32, n)
}

// seriesBuf returns n NaNs, in a buffer of seriesPool when one is large
// enough.
func seriesBuf(n int) []float64 {
	if p, _ := seriesPool.Get().(*[]float64); p != nil && cap(*p) >= n {
		s := (*p)[:n]
		for i := range s {
			s[i] = math.NaN()
		}
		return s
	}
	return nans(n)
}

// Returns returns the returns and market returns the event was analyzed
// on (Event.R and Event.Rm; for the constant mean without a market, Rm
// is zeros), on the days kept.
func (e *EventResult) Returns() (r, rm []float64) { return e.r, e.rm }

// Slimmed reports whether Slim was called.
func (e *EventResult) Slimmed() bool { return e.rec != 0 }

func (e *EventResult) mustFull() {
	if e.rec != 0 {
		panic("stats: the estimation window of a slimmed event (EventResult.Slim)")
	}
}

// CrossSums accumulates, event by event, what NewCross computes from the
// events' estimation windows: the AAR of each estimation day
// (Brown-Warner), the mean Corrado U of each relative day and, for the
// garch model, the cross-sectional variance of each estimation day's
// SARs (VarianceRatio). Adding the
// events in the order given to NewCrossFrom gives NewCross's values bit
// for bit, so that each event can be slimmed as soon as it is added.
type CrossSums struct {
	est    Window
	aarSum []float64
	aarCnt []int
	n      int // events added
	uFirst int
	uSum   []float64
	uCnt   []int
	// garch: the first event was fitted with the garch model; then each
	// estimation day's count, mean and sum of squared deviations of the
	// SARs (Welford's updates, in the order added), for VarianceRatio's
	// estimation-period cross-sectional variance (crossVariance).
	garch   bool
	varN    []int
	varMean []float64
	varM2   []float64
}

// NewCrossSums returns empty sums for estimation window est.
func NewCrossSums(est Window) *CrossSums {
	return &CrossSums{est: est, aarSum: make([]float64, est.Len()), aarCnt: make([]int, est.Len())}
}

// Add adds the event, which must not be slimmed.
func (s *CrossSums) Add(e *EventResult) {
	e.mustFull()
	est := s.est
	a, b := max(est.From, e.First), min(est.To, e.First+len(e.AR)-1)
	for d := a; d <= b; d++ {
		if v := e.AR[d-e.First]; !math.IsNaN(v) {
			s.aarSum[d-est.From] += v
			s.aarCnt[d-est.From]++
		}
	}
	if s.n == 0 {
		s.uFirst = e.First
		if e.Fit.Model == GARCH {
			m := est.Len()
			s.garch, s.varN, s.varMean, s.varM2 = true, make([]int, m), make([]float64, m), make([]float64, m)
		}
	}
	s.n++
	if s.garch {
		for d := est.From; d <= est.To; d++ {
			v := e.at(e.SAR, d)
			if math.IsNaN(v) {
				continue
			}
			k := d - est.From
			s.varN[k]++
			delta := v - s.varMean[k]
			s.varMean[k] += delta / float64(s.varN[k])
			s.varM2[k] += delta * (v - s.varMean[k])
		}
	}
	// Grow the U grid to hold the event's days: the values already
	// summed keep their place (a day without data sums nothing, 0).
	if e.First < s.uFirst {
		k := s.uFirst - e.First
		s.uSum = append(make([]float64, k), s.uSum...)
		s.uCnt = append(make([]int, k), s.uCnt...)
		s.uFirst = e.First
	}
	if last := e.First + len(e.U) - s.uFirst; last > len(s.uSum) {
		s.uSum = append(s.uSum, make([]float64, last-len(s.uSum))...)
		s.uCnt = append(s.uCnt, make([]int, last-len(s.uCnt))...)
	}
	off := e.First - s.uFirst
	for i, v := range e.U {
		if !math.IsNaN(v) {
			s.uSum[off+i] += v
			s.uCnt[off+i]++
		}
	}
}

// means returns sum[k]/cnt[k] for each k, NaN where cnt[k] is 0: the
// AAR of each estimation day and the mean U of each relative day.
func means(sum []float64, cnt []int) []float64 {
	out := make([]float64, len(sum))
	for k, v := range sum {
		if cnt[k] == 0 {
			out[k] = math.NaN()
		} else {
			out[k] = v / float64(cnt[k])
		}
	}
	return out
}

// NewCrossFrom is NewCross for events of which some were slimmed, their
// estimation data in store: sums holds the events added in the order of
// evs.
func NewCrossFrom(evs []*EventResult, sums *CrossSums, store EstStore) *Cross {
	return newCross(evs, sums, store)
}

// newCross is a Cross of evs from their sums (added in the order of evs)
// and the store of those slimmed (nil when none is).
func newCross(evs []*EventResult, sums *CrossSums, store EstStore) *Cross {
	c := &Cross{evs: evs, est: sums.est, estAAR: means(sums.aarSum, sums.aarCnt), store: store}
	if sums.n > 0 {
		c.uFirst, c.uMeans = sums.uFirst, means(sums.uSum, sums.uCnt)
	}
	if sums.garch {
		c.garch = true
		c.estSS, c.estDF = sums.crossVariance()
	}
	return c
}

// crossVariance returns the sums of VarianceRatio's estimation-period
// cross-sectional variance: over the estimation days with at least two
// SARs, the sum of their squared deviations from the day's mean, and of
// their number less one.
func (s *CrossSums) crossVariance() (ss, df float64) {
	for k, n := range s.varN {
		if n >= 2 {
			ss += s.varM2[k]
			df += float64(n - 1)
		}
	}
	return ss, df
}

// recordLoader reads records from a store into EstRecords it reuses.
type recordLoader struct {
	store EstStore
	free  []*EstRecord
	recs  []int32
	dst   []*EstRecord
}

func (l *recordLoader) get() *EstRecord {
	if n := len(l.free); n > 0 {
		r := l.free[n-1]
		l.free = l.free[:n-1]
		return r
	}
	return new(EstRecord)
}

func (l *recordLoader) put(r *EstRecord) { l.free = append(l.free, r) }

// loadRank returns the rank records of the slimmed events of evs for
// which need(i) holds (nil for the others), read from the store in one
// call; release gives them back.
func (l *recordLoader) loadRank(evs []*EventResult, need func(i int) bool) []*EstRecord {
	out := make([]*EstRecord, len(evs))
	if l.store == nil {
		return out
	}
	l.recs, l.dst = l.recs[:0], l.dst[:0]
	for i, e := range evs {
		if e.rec != 0 && need(i) {
			r := l.get()
			out[i] = r
			l.recs, l.dst = append(l.recs, e.rec-1), append(l.dst, r)
		}
	}
	if len(l.recs) > 0 {
		l.store.Load(l.recs, l.dst, true)
	}
	return out
}

func (l *recordLoader) release(recs []*EstRecord) {
	for _, r := range recs {
		if r != nil {
			l.put(r)
		}
	}
}

// loadKP reads into norms[i], for each i of idx, the estimation ARs and
// calendar days of a slimmed event that has a correlation (inv > 0) and
// is not read yet, in one call of the store.
func (l *recordLoader) loadKP(norms []kpEvent, idx []int32) {
	if l.store == nil {
		return
	}
	l.recs, l.dst = l.recs[:0], l.dst[:0]
	for _, i := range idx {
		k := &norms[i]
		if k.rec != 0 && k.inv > 0 && k.r == nil {
			k.r = l.get()
			l.recs, l.dst = append(l.recs, k.rec-1), append(l.dst, k.r)
		}
	}
	if len(l.recs) == 0 {
		return
	}
	l.store.Load(l.recs, l.dst, false)
	for _, i := range idx {
		if k := &norms[i]; k.r != nil {
			k.ar, k.cal = k.r.AR, k.r.Cal
		}
	}
}

// releaseKP lets go of what loadKP read into k.
func (l *recordLoader) releaseKP(k *kpEvent) {
	if k.r != nil {
		l.put(k.r)
		k.r, k.ar, k.cal = nil, nil, nil
	}
}

// groupCross is groupCross with the slimmed events of g read for it.
func (l *recordLoader) groupCross(norms []kpEvent, g []int32, sums []float64, lo int32) float64 {
	l.loadKP(norms, g)
	v := groupCross(norms, g, sums, lo)
	for _, i := range g {
		l.releaseKP(&norms[i])
	}
	return v
}
