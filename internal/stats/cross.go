package stats

import (
	"math"
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
// rank test; then the tests of moreTests on the window day:day. est is the estimation window over which the Brown-Warner AAR
// series is taken. An event takes part only when its AR exists on day.
func DayTests(evs []*EventResult, est Window, day int) []Result {
	return NewCross(evs, est).Day(day)
}

// Cross holds what the tests of every day and window of one set of events
// share, computed once: the AAR series over the estimation window
// (Brown-Warner's variance) and the mean Corrado U per relative day. A
// study tests 10 to 20 days and windows of the same events; recomputing
// these for each took a quarter of a 100,000-event study (pprof). It is
// read-only after NewCross, so Day and Window may run concurrently.
type Cross struct {
	evs    []*EventResult
	est    Window
	estAAR []float64
	uFirst int
	uMeans []float64
}

// NewCross prepares the cross-event tests of evs with estimation window est.
func NewCross(evs []*EventResult, est Window) *Cross {
	c := &Cross{evs: evs, est: est, estAAR: estAAR(evs, est)}
	c.uFirst, c.uMeans = meanU(evs)
	return c
}

// Day runs the tests of DayTests on relative day day.
func (c *Cross) Day(day int) []Result {
	evs, est := c.evs, c.est
	ar, sar := make([]float64, 0, len(evs)), make([]float64, 0, len(evs))
	df := make([]int, 0, len(evs))
	var p float64
	for _, e := range evs {
		v := e.ARAt(day)
		if math.IsNaN(v) {
			continue
		}
		ar = append(ar, v)
		sar = append(sar, e.at(e.SAR, day))
		df = append(df, e.Fit.DF)
		p += e.Fit.PosFrac
	}
	n := len(ar)
	p /= float64(n)
	aar := math.NaN()
	if n > 0 {
		aar = mean(ar)
	}
	first, means := c.uFirst, c.uMeans
	res := []Result{
		CrossSectionalT(ar),
		BrownWarner(aar, n, 1, c.estAAR),
		Patell(sar, df),
		BMP(sar),
		Sign(ar),
		GeneralizedSign(ar, p),
		Wilcoxon(ar),
		corrado(means, day-first, day-first, n),
	}
	return append(res, moreTests(evs, est, Window{day, day}, res[2], res[3])...)
}

// WindowTests runs the cross-event tests of TestNames on window w, on each
// event's single-event results for w (EventResult.Window): the
// cross-sectional t, sign, generalized sign and Wilcoxon tests on the CARs;
// Brown-Warner on the mean CAR, CAAR/(sqrt(L) S); the window form of Patell
// on the CSARs; BMP on the SCARs; and the multi-day Corrado rank test of
// Cowan (1992); then the tests of moreTests. An event takes part only
// when its AR exists on every day of w.
func WindowTests(evs []*EventResult, est Window, w Window) []Result {
	return NewCross(evs, est).Window(w)
}

// Window runs the tests of WindowTests on window w.
func (c *Cross) Window(w Window) []Result {
	w.mustValid()
	evs, est := c.evs, c.est
	n := len(evs)
	car, csar, scar := make([]float64, 0, n), make([]float64, 0, n), make([]float64, 0, n)
	df := make([]int, 0, n)
	var p float64
	for _, e := range evs {
		wr := e.crossWindow(w)
		if math.IsNaN(wr.CAR) {
			continue
		}
		car = append(car, wr.CAR)
		csar = append(csar, wr.CSAR)
		scar = append(scar, wr.SCAR)
		df = append(df, e.Fit.DF)
		p += e.Fit.PosFrac
	}
	n = len(car)
	p /= float64(n)
	caar := math.NaN()
	if n > 0 {
		caar = mean(car)
	}
	first, means := c.uFirst, c.uMeans
	res := []Result{
		CrossSectionalT(car),
		BrownWarner(caar, n, w.Len(), c.estAAR),
		PatellWindow(csar, df, w.Len()),
		BMP(scar),
		Sign(car),
		GeneralizedSign(car, p),
		Wilcoxon(car),
		corrado(means, w.From-first, w.To-first, n),
	}
	return append(res, moreTests(evs, est, w, res[2], res[3])...)
}

// moreTests runs the tests of TestNames after the first eight on window w
// (a day d is the window d:d), given the Patell and BMP results of w: the
// Kolari-Pynnönen adjusted Patell and BMP tests, with r estimated over the
// events that enter them for the tested dates of w (ResidualCorrelation); GRANK t and Z on the SCARs (the SARs for a day);
// the Corrado-Zivney test on the SARs; and the skewness-adjusted t tests of
// the CARs and the BHARs (the ARs and one-day BHARs for a day). An event
// takes part when its AR exists on every day of w, and, in all but the
// skewness-adjusted tests, when its SARs exist (not an exact fit).
func moreTests(evs []*EventResult, est Window, w Window, patell, bmp Result) []Result {
	// Capacity for all events: growing these by appending cost 50 MB of
	// garbage per call on 100,000 events.
	n := len(evs)
	used := make([]*EventResult, 0, n)
	car, bhar, scar := make([]float64, 0, n), make([]float64, 0, n), make([]float64, 0, n)
	estSAR, winSAR := make([][]float64, 0, n), make([][]float64, 0, n)
	order := make([][]int32, 0, n)
	tied := make([]bool, 0, n)
	apart := w.To < est.From || w.From > est.To
	for _, e := range evs {
		wr := e.crossWindow(w)
		if math.IsNaN(wr.CAR) {
			continue
		}
		car = append(car, wr.CAR)
		bhar = append(bhar, wr.BHAR)
		lo, hi := e.index(w.From), e.index(w.To)
		if math.IsNaN(wr.SCAR) || hasNaN(e.SAR[lo:hi+1]) {
			continue
		}
		used = append(used, e)
		scar = append(scar, wr.SCAR)
		estSAR = append(estSAR, e.estSAR(est, w))
		winSAR = append(winSAR, e.SAR[lo:hi+1])
		var ord []int32 // nil: rankTests sorts
		if apart && e.Est == est {
			ord = e.estOrder
		}
		order = append(order, ord)
		tied = append(tied, e.estTied)
	}
	c := ResidualCorrelation(used, est, w)
	gt, gz, cz := rankTests(scar, estSAR, order, tied, winSAR)
	skc, skb := SkewnessT(car), SkewnessT(bhar)
	skc.Test, skb.Test = "skew-t-car", "skew-t-bhar"
	return []Result{
		KolariPynnonen(patell, c),
		KolariPynnonen(bmp, c),
		gt, gz,
		cz,
		skc, skb,
	}
}

// estSAR returns the SARs of e on the days of est, NaN off the grid and on
// the days of w (an estimation window that overlaps the tested window does
// not rank the tested days twice). It is a subslice of e.SAR when est lies
// on the grid and apart from w, so that large batches do not copy.
func (e *EventResult) estSAR(est, w Window) []float64 {
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
	sum := make([]float64, est.Len())
	cnt := make([]int, est.Len())
	for _, e := range evs {
		a, b := max(est.From, e.First), min(est.To, e.First+len(e.AR)-1)
		for d := a; d <= b; d++ {
			if v := e.AR[d-e.First]; !math.IsNaN(v) {
				sum[d-est.From] += v
				cnt[d-est.From]++
			}
		}
	}
	for k := range sum {
		if cnt[k] == 0 {
			sum[k] = math.NaN()
		} else {
			sum[k] /= float64(cnt[k])
		}
	}
	return sum
}

// meanU returns the mean Corrado U per relative day over the events with a
// U that day, on a grid starting at relative day first that covers all
// events (NaN on days without data).
func meanU(evs []*EventResult) (first int, means []float64) {
	if len(evs) == 0 {
		return 0, nil
	}
	first, last := evs[0].First, evs[0].First+len(evs[0].U)
	for _, e := range evs[1:] {
		first = min(first, e.First)
		last = max(last, e.First+len(e.U))
	}
	sum := make([]float64, last-first)
	cnt := make([]int, last-first)
	for _, e := range evs {
		off := e.First - first
		for i, v := range e.U {
			if !math.IsNaN(v) {
				sum[off+i] += v
				cnt[off+i]++
			}
		}
	}
	for t := range sum {
		if cnt[t] == 0 {
			sum[t] = math.NaN()
		} else {
			sum[t] /= float64(cnt[t])
		}
	}
	return first, sum
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
