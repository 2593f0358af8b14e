package stats

import (
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
	// Log says R and Rm are log returns. The BHAR then compounds them as
	// exp(sum R) - exp(sum E[R]), the buy-and-hold return they imply.
	Log bool
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

	r, rm []float64 // the input series, for windows computed later
	log   bool      // r and rm are log returns
}

// WindowResult is the single-event outcome over one event window. All
// fields but Window and DF are NaN when a day of the window is missing or
// outside the event's grid.
type WindowResult struct {
	Window Window
	// CAR is the sum of the ARs; BHAR is prod(1+R) - prod(1+E[R]) for
	// simple returns, exp(sum R) - exp(sum E[R]) for log returns.
	CAR, BHAR float64
	// CARVar is the forecast-error corrected variance of CAR (Fit.CARVariance).
	CARVar float64
	// T = CAR/sqrt(CARVar) and its two-sided p-value from t(DF); NaN when
	// CARVar is 0.
	T, P float64
	DF   int
	// CSAR is the sum of the SARs over the window (the Patell window
	// statistic's input); SCAR = CAR/sqrt(CARVar) (the BMP window input),
	// equal to T.
	CSAR, SCAR float64
}

// Analyze fits model on the estimation window est of ev and computes the
// abnormal returns, their standardized values, the Corrado ranks and the
// single-event window measures for each of windows. The estimation window
// may extend beyond the grid of ev: days off the grid count as missing.
// The fit needs at least max(minObs, K+1, 2) estimation days. Errors wrap
// ErrShortEstimation, ErrSingular or ErrInfinite.
//
// Analyze keeps references to ev.R and ev.Rm (for EventResult.Window).
func Analyze(ev Event, model Model, est Window, windows []Window, minObs int) (*EventResult, error) {
	if len(ev.R) != len(ev.Rm) {
		panic(fmt.Sprintf("stats: Analyze: %d returns but %d market returns", len(ev.R), len(ev.Rm)))
	}
	est.mustValid()
	for _, w := range windows {
		w.mustValid()
	}
	for i := range ev.R {
		if math.IsInf(ev.R[i], 0) || math.IsInf(ev.Rm[i], 0) {
			return nil, fmt.Errorf("day %d: %w", ev.First+i, ErrInfinite)
		}
	}
	n := len(ev.R)
	lo := min(max(est.From-ev.First, 0), n)
	hi := max(min(est.To-ev.First+1, n), lo)
	fit, err := FitModel(model, ev.R[lo:hi], ev.Rm[lo:hi], minObs)
	if err != nil {
		return nil, fmt.Errorf("estimation window %s: %w", est, err)
	}

	res := &EventResult{
		Fit:      fit,
		First:    ev.First,
		Est:      est,
		AR:       nans(n),
		SAR:      nans(n),
		Expected: nans(n),
		U:        nans(n),
		Cal:      ev.Cal,
		r:        ev.R,
		rm:       ev.Rm,
		log:      ev.Log,
	}
	s := math.Sqrt(fit.S2)
	for i := range n {
		if math.IsNaN(ev.R[i]) || math.IsNaN(ev.Rm[i]) {
			continue
		}
		e := fit.Expected(ev.Rm[i])
		res.Expected[i] = e
		res.AR[i] = ev.R[i] - e
		if fit.S2 > 0 {
			res.SAR[i] = res.AR[i] / (s * math.Sqrt(fit.C(ev.Rm[i])))
		}
	}
	res.rank(windows)
	res.Windows = make([]WindowResult, len(windows))
	for j, w := range windows {
		res.Windows[j] = res.window(w)
	}
	return res, nil
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
	var idx []int
	var ar []float64
	for i, v := range e.AR {
		d := e.First + i
		if math.IsNaN(v) || !(e.Est.Contains(d) || span.Contains(d)) {
			continue
		}
		idx = append(idx, i)
		ar = append(ar, v)
	}
	k, _ := midranks(ar)
	t := float64(len(ar))
	for j, i := range idx {
		e.U[i] = k[j]/(t+1) - 0.5
	}
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
	return e.window(w)
}

func (e *EventResult) window(w Window) WindowResult {
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
	wr.CARVar = e.Fit.CARVariance(e.rm[lo : hi+1])
	if wr.CARVar > 0 {
		wr.T = car / math.Sqrt(wr.CARVar)
		wr.P = studentP(wr.T, wr.DF)
		wr.SCAR = wr.T
	}
	return wr
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
