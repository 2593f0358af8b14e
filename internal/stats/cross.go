package stats

import (
	"math"
	"sync"

	"github.com/eventstudy/eventstudy/internal/par"
)

// AAR returns the mean abnormal return on relative day day over the events
// with an AR that day, and their number; NaN and 0 when there is none.
func AAR(evs []*EventResult, day int) (aar float64, n int) {
	var sum float64
	for _, e := range evs {
		if v := e.ARAt(day); !math.IsNaN(v) {
			sum += v
			n++
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return sum / float64(n), n
}

// DayTests runs the cross-event tests of TestNames on relative day day:
// the cross-sectional t, Brown-Warner, Patell and BMP on the ARs and SARs,
// the sign, generalized sign and Wilcoxon tests on the ARs, and the Corrado
// rank test; then the further tests of Cross.Tests on the window day:day.
// est is the estimation window over which the Brown-Warner AAR series is
// taken. An event takes part only when its AR exists on day.
func DayTests(evs []*EventResult, est Window, day int) []Result {
	return NewCross(evs, est).Day(day)
}

// WindowTests runs the cross-event tests of TestNames on window w, on each
// event's single-event results for w (EventResult.Window): the
// cross-sectional t, sign, generalized sign and Wilcoxon tests on the CARs;
// Brown-Warner on the mean CAR, CAAR/(sqrt(L) S); the window form of Patell
// on the CSARs; BMP on the SCARs; and the multi-day Corrado rank test of
// Cowan (1992); then the further tests of Cross.Tests. An event takes part
// only when its AR exists on every day of w.
func WindowTests(evs []*EventResult, est Window, w Window) []Result {
	return NewCross(evs, est).Window(w)
}

// Cross holds what the tests of every day and window of one set of events
// share, computed once: the AAR series over the estimation window
// (Brown-Warner's variance), the mean Corrado U per relative day, and the
// Kolari-Pynnönen sums of the groups of events tested on one date. A
// study tests 10 to 20 days and windows of the same events; recomputing
// these for each took a quarter of a 100,000-event study (pprof). Day,
// Window and Tests may run concurrently.
type Cross struct {
	evs    []*EventResult
	est    Window
	estAAR []float64
	uFirst int
	uMeans []float64
	kp     kpCache
	// garch says the events were fitted with the garch model: the tests
	// of GARCHTestNames follow those of TestNames, with the pooled
	// estimation-period cross-sectional variance estSS/estDF.
	garch        bool
	estSS, estDF float64
	// store holds the estimation data of the slimmed events (nil when
	// none is: NewCross).
	store EstStore
}

// NewCross prepares the cross-event tests of evs with estimation window est.
func NewCross(evs []*EventResult, est Window) *Cross {
	sums := NewCrossSums(est)
	for _, e := range evs {
		sums.Add(e)
	}
	return newCross(evs, sums, nil)
}

// Day runs the tests of DayTests on relative day day.
func (c *Cross) Day(day int) []Result {
	r, _ := c.Tests([]int{day}, nil, 1)
	return r[0]
}

// Window runs the tests of WindowTests on window w.
func (c *Cross) Window(w Window) []Result {
	_, r := c.Tests(nil, []Window{w}, 1)
	return r[0]
}

// Tests runs the tests of DayTests on each day of days and those of
// WindowTests on each window of windows, on workers goroutines (0:
// GOMAXPROCS), with the same results for any number of workers.
//
// After the first eight tests of TestNames come, on a window w (a day d is
// the window d:d): the Kolari-Pynnönen adjusted Patell and BMP tests, with
// r estimated over the events that enter them for the tested dates of w
// (ResidualCorrelation); GRANK t and Z on the SCARs (the SARs for a day);
// the Corrado-Zivney test on the SARs; and the skewness-adjusted t tests
// of the CARs and the BHARs (the ARs and one-day BHARs for a day); for
// events fitted with the garch model, then Savickas and VarianceRatio on
// the GARCH-standardized ARs (SCARs for a window). An
// event takes part when its AR exists on every day of w, and, in all but
// the skewness-adjusted tests, when its SARs exist (not an exact fit).
//
// The days and windows are tested together. The rank tests (GRANK,
// Corrado-Zivney) merge each event's sorted estimation SARs with its
// tested values, once per day and window: taken day by day, every event's
// estimation data came from memory again for each of the 14 days and
// windows of a study, and the rank tests spent half their time waiting
// for it (pprof). Here they run event by event, each event's data read
// once for all days and windows, over fixed chunks of events whose sums
// are added in chunk order (so that the result does not depend on the
// number of workers). The Kolari-Pynnönen r of a day reuses the sums of
// the groups of events that share their tested date, which are the same
// from day to day when the securities share a calendar.
func (c *Cross) Tests(days []int, windows []Window, workers int) (byDay, byWindow [][]Result) {
	jobs := make([]*crossJob, 0, len(days)+len(windows))
	for _, d := range days {
		jobs = append(jobs, &crossJob{w: Window{d, d}, day: true})
	}
	for _, w := range windows {
		w.mustValid()
		jobs = append(jobs, &crossJob{w: w})
	}
	par.For(workers, len(jobs), func(k int) { jobs[k].prepare(c) })

	// The rank tests, event by event over chunks of events.
	const chunk = 2048
	chunks := (len(c.evs) + chunk - 1) / chunk
	partial := make([][]*rankSums, chunks) // [chunk][2*job+test]
	par.For(workers, chunks, func(ch int) {
		sums := make([]*rankSums, 2*len(jobs))
		for k, j := range jobs {
			sums[2*k], sums[2*k+1] = j.rank.sums()
		}
		var sc sortScratch
		var buf []float64
		ld := recordLoader{store: c.store}
		end := min((ch+1)*chunk, len(c.evs))
		// Slimmed events' records are read a block of events at a time.
		const block = 256
		for i0 := ch * chunk; i0 < end; i0 += block {
			i1 := min(i0+block, end)
			recs := ld.loadRank(c.evs[i0:i1], func(i int) bool {
				for _, j := range jobs {
					if j.pos[i0+i] >= 0 {
						return true
					}
				}
				return false
			})
			for i := i0; i < i1; i++ {
				e := c.evs[i]
				for k, j := range jobs {
					if p := j.pos[i]; p >= 0 {
						if len(buf) < j.rank.l {
							buf = make([]float64, j.rank.l)
						}
						j.rank.add(sums[2*k], sums[2*k+1], j.rankEvent(c, e, p, recs[i-i0]), &sc, buf)
					}
				}
			}
			ld.release(recs)
		}
		partial[ch] = sums
	})
	for k, j := range jobs {
		g, cz := j.rank.sums()
		cz.mirror = false // the totals hold their own sums: each chunk's, or GRANK's where that chunk's mirror them
		for _, sums := range partial {
			g.merge(sums[2*k])
			cz.merge(sums[2*k+1].of(sums[2*k]))
		}
		j.finish(g, cz)
	}

	byDay, byWindow = make([][]Result, len(days)), make([][]Result, len(windows))
	for k, j := range jobs {
		if k < len(days) {
			byDay[k] = j.res
		} else {
			byWindow[k-len(days)] = j.res
		}
	}
	return byDay, byWindow
}

// crossJob is the tests of one tested day or window.
type crossJob struct {
	w   Window
	day bool // a day: the day forms of Patell and Brown-Warner
	// res holds the results in the order of TestNames; the rank tests
	// are filled in by finish.
	res []Result
	// The rank tests: pos[i] is the index of c.evs[i] among the events
	// that take part (-1 when it does not), scar their SCARs (SARs for a
	// day).
	rank *rankJob
	pos  []int32
	scar []float64
}

// The positions of the rank tests in crossJob.res.
const resGRankT, resGRankZ, resCZ = 10, 11, 12

// prepare runs every test of the job but the rank tests, and step 1 of
// those.
func (j *crossJob) prepare(c *Cross) {
	evs, est, w := c.evs, c.est, j.w
	n := len(evs)
	// The events with an AR on every day of w: their CARs (ARs for a
	// day), CSARs (SARs), SCARs, BHARs and degrees of freedom.
	sc := getCrossScratch(n)
	defer crossScratchPool.Put(sc)
	car, csar, scar, bhar := sc.car[:0], sc.csar[:0], sc.scar[:0], sc.bhar[:0]
	df := sc.df[:0]
	var p float64
	// The events that take part in the Kolari-Pynnönen and rank tests:
	// also a SAR on every day of w.
	used, ids := sc.used[:0], sc.ids[:0]
	j.pos, j.scar = make([]int32, n), make([]float64, 0, n)
	for i, e := range evs {
		j.pos[i] = -1
		wr := e.crossWindow(w)
		if math.IsNaN(wr.CAR) {
			continue
		}
		car = append(car, wr.CAR)
		bhar = append(bhar, wr.BHAR)
		csar = append(csar, wr.CSAR) // for a day, its SAR
		if !j.day {
			scar = append(scar, wr.SCAR)
		}
		df = append(df, e.Fit.DF)
		p += e.Fit.PosFrac
		lo, hi := e.index(w.From), e.index(w.To)
		if math.IsNaN(wr.SCAR) || hasNaN(e.SAR[lo:hi+1]) {
			continue
		}
		j.pos[i] = int32(len(used))
		used, ids = append(used, e), append(ids, int32(i))
		j.scar = append(j.scar, wr.SCAR)
	}
	m := len(car)
	p /= float64(m)
	caar := math.NaN()
	if m > 0 {
		caar = mean(car)
	}
	first, means := c.uFirst, c.uMeans
	if j.day {
		// For a day the CAR is the AR and the SCAR the SAR.
		sar := csar
		j.res = []Result{
			CrossSectionalT(car),
			BrownWarner(caar, m, 1, c.estAAR),
			Patell(sar, df),
			BMP(sar),
		}
	} else {
		j.res = []Result{
			CrossSectionalT(car),
			BrownWarner(caar, m, w.Len(), c.estAAR),
			PatellWindow(csar, df, w.Len()),
			BMP(scar),
		}
	}
	j.res = append(j.res,
		Sign(car),
		GeneralizedSign(car, p),
		Wilcoxon(car),
		corrado(means, w.From-first, w.To-first, m),
	)
	corr := residualCorrelation(used, ids, est, w, &c.kp, c.store, sc)
	skc, skb := SkewnessT(car), SkewnessT(bhar)
	skc.Test, skb.Test = "skew-t-car", "skew-t-bhar"
	j.res = append(j.res,
		KolariPynnonen(j.res[2], corr),
		KolariPynnonen(j.res[3], corr),
		Result{}, Result{}, Result{}, // the rank tests: finish
		skc, skb,
	)
	if c.garch {
		// The GARCH-standardized ARs (SCARs over a window).
		s := csar
		if !j.day {
			s = scar
		}
		j.res = append(j.res, Savickas(s), VarianceRatio(s, c.estSS, c.estDF))
	}
	j.rank = newRankJob(len(used), true, true, minRankEvents, func(k int) rankEvent {
		return j.rankEvent(c, used[k], int32(k), nil)
	})
}

// crossScratch holds the buffers of one crossJob.prepare, for the next
// job: none of them outlives prepare (the results are values). At
// 1,000,000 events a job's buffers are some 250 MB, and fresh memory
// costs a page fault every 4 KB.
type crossScratch struct {
	car, csar, scar, bhar []float64
	df                    []int
	used                  []*EventResult
	ids                   []int32
	norms                 []kpEvent // residualCorrelation's
	tested                []int32
}

var crossScratchPool sync.Pool

// getCrossScratch returns a crossScratch whose slices hold n values.
func getCrossScratch(n int) *crossScratch {
	sc, _ := crossScratchPool.Get().(*crossScratch)
	if sc == nil || cap(sc.car) < n {
		sc = &crossScratch{car: make([]float64, 0, n), csar: make([]float64, 0, n), scar: make([]float64, 0, n),
			bhar: make([]float64, 0, n), df: make([]int, 0, n), used: make([]*EventResult, 0, n), ids: make([]int32, 0, n)}
	}
	return sc
}

// rankEvent returns what the rank tests take of e, the event at position p
// among those that take part; r is e's record when e is slimmed, nil for
// step 1 of the tests, which reads only the tested values and the number
// of estimation days.
func (j *crossJob) rankEvent(c *Cross, e *EventResult, p int32, r *EstRecord) rankEvent {
	est, w := c.est, j.w
	lo, hi := e.index(w.From), e.index(w.To)
	// prepare took only events with a SAR on every day of w.
	ev := rankEvent{scar: j.scar[p], win: e.SAR[lo : hi+1], full: true}
	switch {
	case e.rec != 0 && r == nil:
		// Slim checked that the event windows lie after est.
		ev.nEst = est.Len()
	case e.rec != 0:
		ev.est = r.SAR
		if r.HasOrder {
			ev.order, ev.tied = r.Order, r.Tied
		}
	default:
		ev.est = e.estSAR(est, w)
		if e.Est == est && (w.To < est.From || w.From > est.To) {
			ev.order, ev.tied = e.estOrder, e.estTied // else nil: sorted when needed
		}
	}
	return ev
}

// finish computes the rank tests from the sums over all events.
func (j *crossJob) finish(g, c *rankSums) {
	j.res[resGRankT], j.res[resGRankZ], j.res[resCZ] = j.rank.results(g, c)
	j.pos, j.scar = nil, nil
}

// estSAR returns the SARs of e on the days of est, NaN off the grid and on
// the days of w (an estimation window that overlaps the tested window does
// not rank the tested days twice). It is a subslice of e.SAR when est lies
// on the grid and apart from w, so that large batches do not copy.
func (e *EventResult) estSAR(est, w Window) []float64 {
	e.mustFull()
	lo, hi := e.index(est.From), e.index(est.To)
	if lo >= 0 && hi >= 0 && (w.To < est.From || w.From > est.To) {
		return e.SAR[lo : hi+1]
	}
	s := make([]float64, est.Len())
	for k := range s {
		d := est.From + k
		if w.Contains(d) {
			s[k] = math.NaN()
		} else {
			s[k] = e.at(e.SAR, d)
		}
	}
	return s
}

// estAAR returns the AAR on each day of est (NaN on days without data).
func estAAR(evs []*EventResult, est Window) []float64 {
	s := NewCrossSums(est)
	for _, e := range evs {
		s.Add(e)
	}
	return means(s.aarSum, s.aarCnt)
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
