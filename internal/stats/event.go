package stats

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Event is one event's data on a grid of relative trading days: R[i] and
// Rm[i] are the security and market returns on relative day First+i
// (NaN = missing).
type Event struct {
	First int
	R, Rm []float64
	// X holds the regressors of the factor models (FF3, Carhart, FF5,
	// Factors), one series per regressor on the grid of R: Mkt-RF, SMB, HML
	// for FF3; Carhart adds momentum (UMD); FF5 adds RMW and CMA after HML;
	// Factors takes any number >= 1. For these models R must be the excess
	// return R - RF, which the caller computes (the package only regresses),
	// and Rm is not used (it may be nil). Other models ignore X. The
	// constant-mean model uses Rm only to require a market return on the
	// days it uses, as the market model does; without a benchmark, Rm is
	// nil and every day with a return is used.
	X [][]float64
	// Lags is the number of leads and lags L of the Dimson model; 0 selects
	// the default L = 1 (Dimson with L = 0 is the market model; FitDimson
	// accepts it). Other models ignore it. Negative values panic.
	Lags int
	// Log says R and Rm are log returns. The BHAR then compounds them as
	// exp(sum R) - exp(sum E[R]), the buy-and-hold return they imply.
	Log bool
	// Span, when set, says that R holds trade-to-trade returns: Span[i] is
	// the number of trading days R[i] spans (and Rm[i] is compounded over
	// them), 0 where R[i] is missing. The abnormal returns are then those
	// of Maynes & Rumsey (1993): the expected return and the variance of a
	// return grow with its span (see fitSpans). Only the constant-mean,
	// market-adjusted and market models take it (others panic).
	Span []int
	// Cal, when set, holds the calendar day of each grid day as a number
	// (days since 1970-01-01; 0 where the day falls outside the data), so
	// that tests can match events by date (Kolari & Pynnönen 2010). The
	// package does nothing else with it.
	Cal []int32
}

// EventResult holds everything computed for one event. The per-day series
// AR, SAR, Expected and U are on the grid of the input Event (index i is
// relative day First+i) and are NaN where the day is missing.
type EventResult struct {
	Fit   Fit
	First int
	// Est is the estimation window the model was fitted on.
	Est Window
	// AR is the abnormal return R - E[R]; on estimation days it is the
	// in-sample residual.
	AR []float64
	// SAR is the standardized abnormal return AR / (s sqrt(C)), with C the
	// forecast-error factor of Fit.C. It is NaN everywhere when Fit.S2 is 0.
	// On estimation days the same formula is applied, although there the AR
	// is a residual and not a prediction error.
	SAR      []float64
	Expected []float64
	// U is the scaled rank of Corrado & Zivney (1992): K/(T+1) - 1/2, with K
	// the mid-rank of the AR among the event's T non-missing ARs on the
	// estimation window plus the span of the event windows (from the
	// smallest window start to the largest window end). NaN outside that
	// span.
	U []float64
	// Windows holds one result per window given to Analyze, in order.
	Windows []WindowResult
	// Cal is the input's calendar days (nil when not given).
	Cal []int32

	// estOrder holds the indices (relative to Est.From) of the days of
	// Est with a SAR, ordered by SAR: sortedOrder of the estimation SARs,
	// computed once here so that the rank tests (GRank, CorradoZivney)
	// do not sort them again for each tested day and window.
	estOrder []int32
	// estTied says that two of the estimation SARs are equal.
	estTied bool
	// kp is computeKPNorm(Est), kept by Analyze (kpOK) when the event
	// has calendar dates, so that ResidualCorrelation does not recompute
	// it for each tested day and window. Like estOrder it assumes that
	// AR and Cal are not changed after Analyze.
	kp   kpNorm
	kpOK bool

	r, rm []float64 // the input series, for windows computed later
	log   bool      // r and rm are log returns
	span  []int     // Event.Span: trade-to-trade returns
	// dailyAR is, for trade-to-trade returns, AR / sqrt(span): the ARs on
	// the scale of one day, which the Corrado ranks and the
	// Kolari-Pynnönen correlations take. Nil otherwise (AR is).
	dailyAR []float64
	// x holds, for the factor models and Dimson, the regressors on the
	// grid (Dimson: Rm shifted by -L..L); nil for the other models.
	x [][]float64
	// h is, for the garch model, the conditional variance of each day's
	// AR (garchVariances); nil for the other models.
	h []float64

	// rec is 0, or, after Slim, 1 + the number of the event's record in
	// the store of its Cross (NewCrossFrom); estFit is then EstimationFit.
	rec    int32
	estFit *EstimationFit
	// buf holds AR, SAR, Expected and U, which Slim gives back for the
	// next event's Analyze (seriesBuf).
	buf []float64
}

// WindowResult is the single-event outcome over one event window. All
// fields but Window and DF are NaN when a day of the window is missing or
// outside the event's grid.
type WindowResult struct {
	Window Window
	// CAR is the sum of the ARs; BHAR is prod(1+R) - prod(1+E[R]) for
	// simple returns, exp(sum R) - exp(sum E[R]) for log returns.
	CAR, BHAR float64
	// CARVar is the forecast-error corrected variance of CAR
	// (EventResult.CARVariance).
	CARVar float64
	// T = CAR/sqrt(CARVar) and its two-sided p-value from t(DF); NaN when
	// CARVar is 0.
	T, P float64
	DF   int
	// CSAR is the sum of the SARs over the window (the Patell window
	// statistic's input); SCAR = CAR/sqrt(CARVar) (the BMP window input),
	// equal to T.
	CSAR, SCAR float64
	// SQ is the sample-quantile test of the CAR against the estimation
	// window's residual sums of the window's length (Gelbach, Helland &
	// Klick 2013; [SQ]). Computed, like P, for the windows given to
	// Analyze and by Window; zero for the windows of the tests across
	// events.
	SQ Result
}

// Analyze fits model on the estimation window est of ev and computes the
// abnormal returns, their standardized values, the Corrado ranks and the
// single-event window measures for each of windows. The estimation window
// may extend beyond the grid of ev: days off the grid count as missing.
// The fit needs at least max(minObs, K+1, 2) estimation days. Errors wrap
// ErrShortEstimation, ErrSingular or ErrInfinite.
//
// A day has an AR when R and every regressor of the model are non-NaN (see
// Fit.M). The Scholes-Williams and Dimson models take the market returns
// of neighbouring days from the whole grid of ev, so an estimation day
// next to the event window uses the market return that follows it; a
// neighbour that is off the grid or NaN makes the day missing (for Dimson
// also on event days, whose expected return needs Rm_{t-L..t+L}).
//
// Analyze keeps references to ev.R, ev.Rm and ev.X (for EventResult.Window).
// It panics when the series of ev differ in length, when a factor model
// does not get its number of series in ev.X, or when ev.Lags < 0.
func Analyze(ev Event, model Model, est Window, windows []Window, minObs int) (*EventResult, error) {
	lags := ev.Lags
	if lags < 0 {
		panic(fmt.Sprintf("stats: Analyze: %d lags", lags))
	}
	if lags == 0 {
		lags = 1
	}
	return analyze(ev, model, lags, est, windows, minObs)
}

// analyze is Analyze with the Dimson lags resolved (0 allowed).
func analyze(ev Event, model Model, lags int, est Window, windows []Window, minObs int) (*EventResult, error) {
	n := len(ev.R)
	noMarket := ev.Rm == nil && model == ConstantMean
	if noMarket {
		// The constant mean uses no market: without one, every day
		// counts as having a market return (0, which it ignores).
		ev.Rm = make([]float64, n)
	}
	if model.isFactor() {
		mustFactors(model, n, ev.X)
		if ev.Rm != nil && len(ev.Rm) != n {
			panic(fmt.Sprintf("stats: Analyze: %d returns but %d market returns", n, len(ev.Rm)))
		}
	} else if len(ev.Rm) != n {
		panic(fmt.Sprintf("stats: Analyze: %d returns but %d market returns", n, len(ev.Rm)))
	}
	est.mustValid()
	for _, w := range windows {
		w.mustValid()
	}
	for i := range ev.R {
		if math.IsInf(ev.R[i], 0) || (ev.Rm != nil && math.IsInf(ev.Rm[i], 0)) {
			return nil, fmt.Errorf("day %d: %w", ev.First+i, ErrInfinite)
		}
	}
	if ev.Span != nil && model != ConstantMean && model != MarketAdjusted && model != MarketModel {
		panic(fmt.Sprintf("stats: Analyze: trade-to-trade returns (Event.Span) with the %s model", model))
	}
	lo := min(max(est.From-ev.First, 0), n)
	hi := max(min(est.To-ev.First+1, n), lo)

	var (
		fit Fit
		err error
		x   [][]float64 // regressors on the grid for the fitOLS models
	)
	switch {
	case model.isFactor():
		for j, s := range ev.X {
			for i, v := range s {
				if math.IsInf(v, 0) {
					return nil, fmt.Errorf("day %d: factor %d: %w", ev.First+i, j, ErrInfinite)
				}
			}
		}
		x = ev.X
		fit, err = fitFactors(model, ev.R[lo:hi], rows(x, lo, hi), minObs)
	case model == Dimson:
		x = dimsonRegressors(ev.Rm, lags)
		fit, err = fitDimson(ev.R[lo:hi], rows(x, lo, hi), minObs)
	case ev.Span != nil:
		if len(ev.Span) != n {
			panic(fmt.Sprintf("stats: Analyze: %d returns but %d spans", n, len(ev.Span)))
		}
		fit, err = fitSpans(model, ev.R[lo:hi], ev.Rm[lo:hi], ev.Span[lo:hi], minObs)
	case model == GARCH:
		if ev.Span != nil {
			panic("stats: Analyze: trade-to-trade returns (Event.Span) with the garch model")
		}
		fit, err = fitGARCHModel(ev.R[lo:hi], ev.Rm[lo:hi], minObs)
	case model == ScholesWilliams:
		fit, err = fitScholesWilliams(ev.R[lo:hi], shifted(ev.Rm, -1)[lo:hi], ev.Rm[lo:hi], shifted(ev.Rm, 1)[lo:hi], minObs)
	default:
		fit, err = FitModel(model, ev.R[lo:hi], ev.Rm[lo:hi], minObs)
	}
	if err != nil && noMarket && errors.Is(err, ErrShortEstimation) {
		// Said without "with a market return": there is no market.
		m := 0
		for i := lo; i < hi; i++ {
			if !math.IsNaN(ev.R[i]) && (ev.Span == nil || ev.Span[i] >= 1) {
				m++
			}
		}
		err = fmt.Errorf("%w: %d, need at least %d", ErrShortEstimation, m, max(minObs, 2))
	}
	if err != nil {
		return nil, fmt.Errorf("estimation window %s: %w", est, err)
	}

	// One allocation for the four series (a quarter of Analyze's
	// allocations went to them); capped so that appending to one cannot
	// overwrite the next.
	buf := seriesBuf(4 * n)
	res := &EventResult{
		buf:      buf,
		Fit:      fit,
		First:    ev.First,
		Est:      est,
		AR:       buf[0:n:n],
		SAR:      buf[n : 2*n : 2*n],
		Expected: buf[2*n : 3*n : 3*n],
		U:        buf[3*n : 4*n : 4*n],
		Cal:      ev.Cal,
		r:        ev.R,
		rm:       ev.Rm,
		log:      ev.Log,
		x:        x,
		span:     ev.Span,
	}
	s := math.Sqrt(fit.S2)
	switch {
	case ev.Span != nil:
		for i := range n {
			if math.IsNaN(ev.R[i]) || math.IsNaN(ev.Rm[i]) || ev.Span[i] < 1 {
				continue
			}
			w := float64(ev.Span[i])
			e := fit.expectedSpan(w, ev.Rm[i])
			res.Expected[i] = e
			res.AR[i] = ev.R[i] - e
			if fit.S2 > 0 {
				res.SAR[i] = res.AR[i] / (s * math.Sqrt(fit.cSpan(w, ev.Rm[i])))
			}
		}
	case x == nil:
		for i := range n {
			if math.IsNaN(ev.R[i]) || math.IsNaN(ev.Rm[i]) {
				continue
			}
			e := fit.expected1(ev.Rm[i])
			res.Expected[i] = e
			res.AR[i] = ev.R[i] - e
			if fit.S2 > 0 {
				res.SAR[i] = res.AR[i] / (s * math.Sqrt(fit.c1(ev.Rm[i])))
			}
		}
	default:
		row := make([]float64, len(x))
	days:
		for i := range n {
			if math.IsNaN(ev.R[i]) {
				continue
			}
			for j, sj := range x {
				if math.IsNaN(sj[i]) {
					continue days
				}
				row[j] = sj[i]
			}
			e := fit.expectedRow(row)
			res.Expected[i] = e
			res.AR[i] = ev.R[i] - e
			if fit.S2 > 0 {
				res.SAR[i] = res.AR[i] / (s * math.Sqrt(fit.cRow(row)))
			}
		}
	}
	if fit.GARCH != nil {
		res.h = garchVariances(fit, ev.R, ev.Rm, ev.First, est, lo, hi)
		for i := range n {
			res.SAR[i] = res.AR[i] / math.Sqrt(res.h[i])
		}
	}
	res.rank(windows)
	if res.Cal != nil {
		res.kp, res.kpOK = res.computeKPNorm(est), true
	}
	if fit.S2 > 0 {
		// The window just after est does not overlap it: all of est.
		sc := sortPool.Get().(*sortScratch)
		sar := res.estSAR(est, Window{est.To + 1, est.To + 1})
		res.estOrder = sortedOrder(sar, sc, true)
		res.estTied = hasTies(sar, res.estOrder)
		sortPool.Put(sc)
	}
	res.Windows = make([]WindowResult, len(windows))
	for j, w := range windows {
		res.Windows[j] = res.window(w, true)
	}
	return res, nil
}

// rows returns the rows lo..hi-1 of each series of x.
func rows(x [][]float64, lo, hi int) [][]float64 {
	out := make([][]float64, len(x))
	for j, s := range x {
		out[j] = s[lo:hi]
	}
	return out
}

// rank fills U over the estimation window and the span of windows
// (Corrado 1989; Corrado & Zivney 1992 scaling).
func (e *EventResult) rank(windows []Window) {
	span := Window{1, 0} // empty
	for j, w := range windows {
		if j == 0 {
			span = w
			continue
		}
		span.From = min(span.From, w.From)
		span.To = max(span.To, w.To)
	}
	ar := e.AR
	if e.span != nil {
		// Trade-to-trade: a return over n days is ranked by AR / sqrt(n),
		// on the scale of one day's (Maynes & Rumsey 1993).
		ar = make([]float64, len(e.AR))
		for i, v := range e.AR {
			ar[i] = v / math.Sqrt(float64(max(e.span[i], 1)))
		}
		e.dailyAR = ar
	}
	sc := sortPool.Get().(*sortScratch)
	mask := keyMask(len(ar))
	sc.keys = sc.keys[:0]
	for i, v := range ar {
		d := e.First + i
		if math.IsNaN(v) || !(e.Est.Contains(d) || span.Contains(d)) {
			continue
		}
		sc.keys = append(sc.keys, sortKey(v, i, mask))
	}
	order := sc.order(ar, mask, false)
	// The mid-ranks of the tie groups.
	t1 := float64(len(order)) + 1
	for i := 0; i < len(order); {
		v := ar[order[i]]
		j := i + 1
		for j < len(order) && ar[order[j]] == v {
			j++
		}
		u := (float64(i+j+1)/2)/t1 - 0.5
		for _, k := range order[i:j] {
			e.U[k] = u
		}
		i = j
	}
	sortPool.Put(sc)
}

// index returns the grid index of relative day d, or -1 when d is off the
// grid.
func (e *EventResult) index(d int) int {
	i := d - e.First
	if i < 0 || i >= len(e.AR) {
		return -1
	}
	return i
}

// at returns s on relative day d, NaN off the grid.
func (e *EventResult) at(s []float64, d int) float64 {
	if i := e.index(d); i >= 0 {
		return s[i]
	}
	return math.NaN()
}

// ARAt returns the abnormal return on relative day d, NaN when missing.
func (e *EventResult) ARAt(d int) float64 { return e.at(e.AR, d) }

// ARStat returns the single-event test of the AR on relative day d:
// t = AR/(s sqrt(C)) (the SAR), its two-sided p-value from t(DF), and DF.
// t and p are NaN when the day is missing or Fit.S2 is 0.
func (e *EventResult) ARStat(d int) (t, p float64, df int) {
	t = e.at(e.SAR, d)
	return t, studentP(t, e.Fit.DF), e.Fit.DF
}

// Window returns the single-event result for w: the one computed by Analyze
// when w was among its windows, else computed now.
func (e *EventResult) Window(w Window) WindowResult {
	for _, wr := range e.Windows {
		if wr.Window == w {
			return wr
		}
	}
	w.mustValid()
	return e.window(w, true)
}

// crossWindow is Window for the tests across events, which do not use P:
// a window that is not among Analyze's, such as each tested day, is
// computed without it (the t distribution's tail for every event and
// tested day took 4% of a 100,000-event study).
func (e *EventResult) crossWindow(w Window) WindowResult {
	for _, wr := range e.Windows {
		if wr.Window == w {
			return wr
		}
	}
	w.mustValid()
	return e.window(w, false)
}

// window computes the result for w; P and SQ are left unset unless withP
// is set.
func (e *EventResult) window(w Window, withP bool) WindowResult {
	wr := e.windowCAR(w, withP)
	if withP {
		wr.SQ = e.sq(w, wr.CAR)
	}
	return wr
}

// windowCAR is window without SQ.
func (e *EventResult) windowCAR(w Window, withP bool) WindowResult {
	nan := math.NaN()
	wr := WindowResult{Window: w, DF: e.Fit.DF, CAR: nan, BHAR: nan, CARVar: nan, T: nan, P: nan, CSAR: nan, SCAR: nan}
	lo, hi := e.index(w.From), e.index(w.To)
	if lo < 0 || hi < 0 {
		return wr
	}
	var car, csar float64
	gr, ge := 1.0, 1.0
	for i := lo; i <= hi; i++ {
		if math.IsNaN(e.AR[i]) {
			return wr
		}
		car += e.AR[i]
		csar += e.SAR[i]
		if e.log {
			gr *= math.Exp(e.r[i])
			ge *= math.Exp(e.Expected[i])
		} else {
			gr *= 1 + e.r[i]
			ge *= 1 + e.Expected[i]
		}
	}
	wr.CAR, wr.BHAR, wr.CSAR = car, gr-ge, csar
	wr.CARVar = e.carVariance(lo, hi)
	if wr.CARVar > 0 {
		wr.T = car / math.Sqrt(wr.CARVar)
		if withP {
			wr.P = studentP(wr.T, wr.DF)
		}
		wr.SCAR = wr.T
	}
	return wr
}

// CARVariance returns the forecast-error corrected variance of the CAR over
// window w (see Fit.CARVariance), or NaN when a day of w is missing or off
// the grid. It is WindowResult.CARVar for windows given to Analyze.
func (e *EventResult) CARVariance(w Window) float64 {
	w.mustValid()
	lo, hi := e.index(w.From), e.index(w.To)
	if lo < 0 || hi < 0 {
		return math.NaN()
	}
	for i := lo; i <= hi; i++ {
		if math.IsNaN(e.AR[i]) {
			return math.NaN()
		}
	}
	return e.carVariance(lo, hi)
}

// carVariance is the CAR variance over the grid days lo..hi, all present.
func (e *EventResult) carVariance(lo, hi int) float64 {
	if e.span != nil {
		// s^2 (sum n_t + g' (Z'Z)^-1 g), g = sum of (n_t, Rm_t).
		var sn, sm float64
		for i := lo; i <= hi; i++ {
			sn += float64(e.span[i])
			sm += e.rm[i]
		}
		return e.Fit.S2 * e.Fit.cSpan(sn, sm)
	}
	if e.h != nil {
		// GARCH errors are uncorrelated: the CAR's variance is the sum of
		// the conditional variances (parameter estimation error ignored,
		// as in Savickas 2003).
		var v float64
		for i := lo; i <= hi; i++ {
			v += e.h[i]
		}
		return v
	}
	if e.x == nil {
		return e.Fit.CARVariance(e.rm[lo : hi+1])
	}
	h := make([]float64, len(e.x))
	for j, s := range e.x {
		for i := lo; i <= hi; i++ {
			h[j] += s[i] - e.Fit.MeanX[j]
		}
	}
	return e.Fit.carVarianceH(hi-lo+1, h)
}

// studentP is the two-sided p-value of t under t(df); NaN for a NaN t.
func studentP(t float64, df int) float64 {
	if math.IsNaN(t) || df < 1 {
		return math.NaN()
	}
	return min(1, 2*distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Survival(math.Abs(t)))
}

// normalP is the two-sided p-value of z under N(0,1).
func normalP(z float64) float64 {
	return min(1, 2*distuv.Normal{Mu: 0, Sigma: 1}.Survival(math.Abs(z)))
}

func nans(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// present returns the non-NaN values of x.
func present(x []float64) []float64 {
	return slices.DeleteFunc(slices.Clone(x), math.IsNaN)
}
