package stats

import (
	"errors"
	"math"
	"testing"
)

// simEvent returns an event on the grid first..last with returns
// a + b m + noise (seeded) and x added to R on day 0.
func simEvent(seed uint64, first, last int, a, b, sd, x float64) Event {
	r, m := simReturns(seed, last-first+1, a, b, sd)
	r[-first] += x
	return Event{First: first, R: r, Rm: m}
}

func TestAnalyzeInvariants(t *testing.T) {
	est := Window{-120, -11}
	wins := []Window{{-1, 1}, {0, 0}, {-5, 5}}
	ev := simEvent(10, -120, 10, 0.0003, 0.9, 0.02, 0)
	res, err := Analyze(ev, MarketModel, est, wins, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.AR) != len(ev.R) || res.First != -120 || res.Est != est {
		t.Fatalf("grid: len %d first %d est %v", len(res.AR), res.First, res.Est)
	}
	// Closed form: AR = R - (Alpha + Beta Rm) on every day.
	for i := range ev.R {
		near(t, "AR", res.AR[i], ev.R[i]-res.Fit.Alpha-res.Fit.Beta*ev.Rm[i], 1e-15)
	}
	// Closed form: OLS residuals sum to zero over the estimation window.
	var sum float64
	for d := est.From; d <= est.To; d++ {
		sum += res.ARAt(d)
	}
	near(t, "sum of estimation residuals", sum, 0, 1e-14)
	for j, w := range wins {
		wr := res.Windows[j]
		if wr.Window != w {
			t.Errorf("Windows[%d] = %v, want %v", j, wr.Window, w)
		}
		// CAR = sum of AR; CSAR = sum of SAR; SCAR = T = CAR/sqrt(CARVar).
		var car, csar float64
		gr, ge := 1.0, 1.0
		for d := w.From; d <= w.To; d++ {
			car += res.ARAt(d)
			csar += res.at(res.SAR, d)
			gr *= 1 + res.at(ev.R, d)
			ge *= 1 + res.Fit.Alpha + res.Fit.Beta*res.at(ev.Rm, d)
		}
		near(t, "CAR", wr.CAR, car, 1e-15)
		near(t, "CSAR", wr.CSAR, csar, 1e-13)
		near(t, "BHAR", wr.BHAR, gr-ge, 1e-15)
		near(t, "T", wr.T, car/math.Sqrt(wr.CARVar), 1e-13)
		near(t, "SCAR", wr.SCAR, wr.T, 0)
		if wr.DF != 108 {
			t.Errorf("DF = %d, want 110-2", wr.DF)
		}
		// Window of one day: CAR t equals the AR t (ARStat).
		if w.Len() == 1 {
			at, ap, adf := res.ARStat(w.From)
			near(t, "ARStat t", at, wr.T, 1e-13)
			near(t, "ARStat p", ap, wr.P, 1e-12)
			if adf != wr.DF {
				t.Errorf("ARStat df = %d, want %d", adf, wr.DF)
			}
		}
	}
	// Window computed after Analyze equals the one computed by Analyze
	// (SQ apart: its DF is NaN, never ==).
	got, want := res.Window(Window{-1, 1}), res.Windows[0]
	if got.SQ.P != want.SQ.P || got.SQ.N != want.SQ.N || got.SQ.Stat != want.CAR {
		t.Errorf("Window(-1:1).SQ = %+v, want %+v with Stat the CAR", got.SQ, want.SQ)
	}
	got.SQ, want.SQ = Result{}, Result{}
	if got != want {
		t.Errorf("Window(-1:1) = %+v, want %+v", got, want)
	}
	late := res.Window(Window{2, 4})
	near(t, "late CAR", late.CAR, res.ARAt(2)+res.ARAt(3)+res.ARAt(4), 1e-15)
}

func TestAnalyzeInjection(t *testing.T) {
	// An AR of +x injected on day 0 is recovered exactly: the fit uses the
	// estimation window only, so the AR moves by x and nothing else does.
	const x = 0.05
	est := Window{-100, -11}
	wins := []Window{{0, 0}, {-2, 2}}
	base, err := Analyze(simEvent(11, -100, 5, 0, 1, 0.02, 0), MarketModel, est, wins, 80)
	if err != nil {
		t.Fatal(err)
	}
	shock, err := Analyze(simEvent(11, -100, 5, 0, 1, 0.02, x), MarketModel, est, wins, 80)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "AR(0) shift", shock.ARAt(0)-base.ARAt(0), x, 1e-15)
	near(t, "CAR(-2:2) shift", shock.Windows[1].CAR-base.Windows[1].CAR, x, 1e-15)
	near(t, "Alpha", shock.Fit.Alpha, base.Fit.Alpha, 0)
	// And with zero noise the AR on day 0 is x itself.
	exact := simEvent(12, -100, 5, 0.001, 1.1, 0, x)
	res, err := Analyze(exact, MarketModel, est, wins, 80)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "AR(0) exact model", res.ARAt(0), x, 1e-15)
	near(t, "AR(1) exact model", res.ARAt(1), 0, 1e-15)
}

func TestAnalyzeExactFit(t *testing.T) {
	// R = a + b Rm exactly: every AR is 0 (up to rounding), S2 = 0, and the
	// standardized quantities are NaN (n/a), not Inf.
	ev := simEvent(13, -60, 3, -0.001, 0.7, 0, 0)
	res, err := Analyze(ev, MarketModel, Window{-60, -6}, []Window{{0, 1}}, 30)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range res.AR {
		near(t, "AR", v, 0, 1e-15)
		if !math.IsNaN(res.SAR[i]) {
			t.Fatalf("SAR[%d] = %v, want NaN", i, res.SAR[i])
		}
	}
	wr := res.Windows[0]
	if !math.IsNaN(wr.T) || !math.IsNaN(wr.P) || !math.IsNaN(wr.SCAR) || !math.IsNaN(wr.CSAR) {
		t.Errorf("window with S2 = 0: %+v, want NaN T, P, SCAR, CSAR", wr)
	}
	near(t, "CAR", wr.CAR, 0, 1e-15)
	// Market-adjusted with R = Rm: ARs exactly 0.
	ev.R = ev.Rm
	res, err = Analyze(ev, MarketAdjusted, Window{-60, -6}, []Window{{0, 1}}, 30)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fit.S2 != 0 || res.Windows[0].CAR != 0 {
		t.Errorf("market-adjusted R = Rm: S2 %v CAR %v, want 0, 0", res.Fit.S2, res.Windows[0].CAR)
	}
}

func TestAnalyzeMissing(t *testing.T) {
	ev := simEvent(14, -50, 5, 0, 1, 0.02, 0)
	ev.R[10] = math.NaN()      // day -40: estimation
	ev.Rm[20] = math.NaN()     // day -30: estimation, market missing
	ev.R[51] = math.NaN()      // day 1: event window
	ev.Rm[len(ev.R)-1] = 0.001 // day 5 stays present
	res, err := Analyze(ev, MarketModel, Window{-60, -6}, []Window{{0, 0}, {-1, 1}, {3, 6}}, 30)
	if err != nil {
		t.Fatal(err)
	}
	// Estimation days -50..-6 on the grid (45) less two missing; days -60..-51
	// are off the grid.
	if res.Fit.M != 43 {
		t.Errorf("M = %d, want 43", res.Fit.M)
	}
	for _, d := range []int{-40, -30, 1} {
		if v := res.ARAt(d); !math.IsNaN(v) {
			t.Errorf("AR(%d) = %v, want NaN", d, v)
		}
		if v := res.at(res.Expected, d); !math.IsNaN(v) {
			t.Errorf("Expected(%d) = %v, want NaN", d, v)
		}
	}
	if !math.IsNaN(res.Windows[1].CAR) || !math.IsNaN(res.Windows[2].CAR) {
		t.Errorf("CAR over a missing day or off the grid: %v, %v, want NaN", res.Windows[1].CAR, res.Windows[2].CAR)
	}
	if math.IsNaN(res.Windows[0].CAR) {
		t.Error("CAR(0:0) is NaN")
	}
	if v := res.ARAt(100); !math.IsNaN(v) {
		t.Errorf("AR off the grid = %v", v)
	}
	if tt, p, _ := res.ARStat(1); !math.IsNaN(tt) || !math.IsNaN(p) {
		t.Errorf("ARStat on a missing day = %v, %v", tt, p)
	}

	inf := simEvent(15, -50, 5, 0, 1, 0.02, 0)
	inf.R[52] = math.Inf(1)
	_, err = Analyze(inf, MarketModel, Window{-50, -6}, []Window{{0, 0}}, 30)
	if !errors.Is(err, ErrInfinite) || err.Error() != "day 2: infinite return" {
		t.Errorf("infinite return: %v", err)
	}
	_, err = FitModel(MarketModel, []float64{1, 2, 3}, []float64{0, math.Inf(-1), 1}, 2)
	if !errors.Is(err, ErrInfinite) || err.Error() != "market model: estimation market return 1: infinite return" {
		t.Errorf("FitModel infinite: %v", err)
	}

	_, err = Analyze(ev, MarketModel, Window{-300, -200}, []Window{{0, 0}}, 30)
	const msg = "estimation window -300:-200: too few estimation returns: 0 with a market return, need at least 30"
	if !errors.Is(err, ErrShortEstimation) || err.Error() != msg {
		t.Errorf("estimation off the grid: %v, want %q", err, msg)
	}
}

func TestAnalyzeRanks(t *testing.T) {
	// Corrado ranks: mid-ranks for ties, U = K/(T+1) - 1/2 over the
	// estimation window and the window span, NaN elsewhere. Constant-mean
	// model with mean 0: the ARs are the returns less their mean, so their
	// ranks are the ranks of the returns.
	r := []float64{0.03, -0.01, 0.02, -0.01, 0.05, 0.00, 0.04, 0.07, 0.01, -0.02}
	m := make([]float64, len(r))
	// Grid -7..2; estimation -7..-4; windows 0:0 and 1:2 → span 0..2; day
	// -3..-1 outside. Ranked days: -7,-6,-5,-4,0,1,2 with returns
	// 0.03,-0.01,0.02,-0.01,0.07,0.01,-0.02 → ranks 6, 2.5, 5, 2.5, 7, 4, 1
	// (hand count; R 4.2.2: rank(c(.03,-.01,.02,-.01,.07,.01,-.02))).
	res, err := Analyze(Event{First: -7, R: r, Rm: m}, ConstantMean, Window{-7, -4}, []Window{{0, 0}, {1, 2}}, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{6, 2.5, 5, 2.5, math.NaN(), math.NaN(), math.NaN(), 7, 4, 1}
	for i, k := range want {
		near(t, "U", res.U[i], k/8-0.5, 1e-15)
	}
}

func TestAnalyzePanics(t *testing.T) {
	for name, f := range map[string]func(){
		"lengths":         func() { Analyze(Event{R: []float64{1}, Rm: nil}, MarketModel, Window{0, 0}, nil, 1) },
		"reversed window": func() { Analyze(simEvent(1, -5, 5, 0, 1, 1, 0), MarketModel, Window{-5, -1}, []Window{{2, 1}}, 3) },
		"reversed est":    func() { Analyze(simEvent(1, -5, 5, 0, 1, 1, 0), MarketModel, Window{-1, -5}, nil, 3) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestBHARLog: with log returns the BHAR is the buy-and-hold return they
// imply, exp(sum R) - exp(sum E[R]) (closed form), not prod(1+R) - prod(1+E).
func TestBHARLog(t *testing.T) {
	est := Window{-120, -11}
	ev := simEvent(11, -120, 5, 0.0003, 0.9, 0.02, 0.04)
	ev.Log = true
	res, err := Analyze(ev, MarketModel, est, []Window{{-2, 3}}, 100)
	if err != nil {
		t.Fatal(err)
	}
	var sr, se float64
	for d := -2; d <= 3; d++ {
		sr += res.at(ev.R, d)
		se += res.at(res.Expected, d)
	}
	near(t, "log BHAR", res.Windows[0].BHAR, math.Exp(sr)-math.Exp(se), 1e-14)
}

// TestAnalyzeConstantMeanNoMarket: the constant mean without a market (Rm
// nil) is the constant mean with a market return on every day; a missing
// market return of the latter is a day it leaves out.
func TestAnalyzeConstantMeanNoMarket(t *testing.T) {
	ev := simEvent(21, -60, 3, 0.001, 0.9, 0.01, 0.02)
	with, err := Analyze(ev, ConstantMean, Window{-60, -6}, []Window{{0, 1}}, 30)
	if err != nil {
		t.Fatal(err)
	}
	ev.Rm = nil
	without, err := Analyze(ev, ConstantMean, Window{-60, -6}, []Window{{0, 1}}, 30)
	if err != nil {
		t.Fatal(err)
	}
	if with.Fit.M != 55 || without.Fit.M != 55 {
		t.Fatalf("M %d and %d, want 55 (days -60..-6)", with.Fit.M, without.Fit.M)
	}
	// The same sums in the same order: equal to the last bit.
	if with.Fit.Alpha != without.Fit.Alpha || with.Windows[0].CAR != without.Windows[0].CAR || with.Windows[0].T != without.Windows[0].T {
		t.Errorf("with a market: alpha %v CAR %v t %v; without: %v %v %v", with.Fit.Alpha, with.Windows[0].CAR, with.Windows[0].T,
			without.Fit.Alpha, without.Windows[0].CAR, without.Windows[0].T)
	}
	// Expected = alpha, the mean estimation return.
	var sum float64
	for _, r := range ev.R[:55] {
		sum += r
	}
	near(t, "alpha", without.Fit.Alpha, sum/55, 1e-15)
}

// TestAnalyzeConstantMeanNoMarketShort: too short an estimation window
// without a market says so without speaking of market returns.
func TestAnalyzeConstantMeanNoMarketShort(t *testing.T) {
	ev := simEvent(21, -60, 3, 0.001, 0.9, 0.01, 0)
	ev.Rm = nil
	_, err := Analyze(ev, ConstantMean, Window{-60, -6}, []Window{{0, 1}}, 56)
	if want := "estimation window -60:-6: too few estimation returns: 55, need at least 56"; err == nil || err.Error() != want || !errors.Is(err, ErrShortEstimation) {
		t.Errorf("error %v, want %s", err, want)
	}
}
