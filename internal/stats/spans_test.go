package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// spansEvent is the event of testdata/spans_ref.R: days t = 1..130 on the
// grid -125..4 (day 0 at t = 126), returns spanning n_t days.
func spansEvent() Event {
	ev := Event{First: -125}
	for t := 1; t <= 130; t++ {
		n := 1
		if t%4 == 0 {
			n++
		}
		if t%9 == 0 {
			n += 2
		}
		fn, ft := float64(n), float64(t)
		rm := 0.01 * math.Sin(ft) * math.Sqrt(fn)
		ev.R = append(ev.R, 0.0003*fn+1.2*rm+0.02*math.Cos(3*ft)*math.Sqrt(fn))
		ev.Rm = append(ev.Rm, rm)
		ev.Span = append(ev.Span, n)
	}
	return ev
}

// TestSpans: the trade-to-trade market model (Maynes & Rumsey 1993) and
// constant mean against R 4.2.2's lm() with the regression weighted by
// the spans (testdata/spans_ref.R), tolerance 1e-9 relative: the
// coefficients, the residual variance, the AR and SAR of day 0 (a return
// over 3 days) and of an estimation day (over 2), and the CAR over -1:+1
// with its variance.
func TestSpans(t *testing.T) {
	ev := spansEvent()
	est := Window{-125, -6}
	res, err := Analyze(ev, MarketModel, est, []Window{{-1, 1}}, 100)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Fit
	near(t, "alpha", f.Alpha, 0.0001066666553952369, 1e-9)
	near(t, "beta", f.Beta, 1.1869677583390192, 1e-9)
	near(t, "s2", f.S2, 0.00020500133251566131, 1e-9)
	if f.DF != 118 || f.M != 120 {
		t.Errorf("DF %d, M %d; want 118, 120", f.DF, f.M)
	}
	near(t, "AR(0)", res.ARAt(0), 0.0191114808337918, 1e-9)
	near(t, "SAR(0)", res.SAR[125], 0.76349772041404829, 1e-9)
	near(t, "SAR(t=8)", res.SAR[7], 0.6122382659167791, 1e-9)
	w := res.Windows[0]
	near(t, "CAR(-1,1)", w.CAR, -0.0015543983912807147, 1e-9)
	near(t, "CARVar(-1,1)", w.CARVar, 0.001056993751183784, 1e-9)

	cm, err := Analyze(ev, ConstantMean, est, []Window{{-1, 1}}, 100)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "constant mean alpha", cm.Fit.Alpha, 0.00013492616925808306, 1e-9)
	near(t, "constant mean s2", cm.Fit.S2, 0.00027433392273620323, 1e-9)
}

// TestSpansOfOne: with every return spanning one day the trade-to-trade
// fit is the ordinary one (closed form: the weights are all 1), to
// rounding, for the three models that take spans.
func TestSpansOfOne(t *testing.T) {
	ev := spansEvent()
	for i := range ev.Span {
		ev.Span[i] = 1
	}
	plain := ev
	plain.Span = nil
	est, wins := Window{-125, -6}, []Window{{-1, 1}, {0, 0}}
	for _, model := range []Model{ConstantMean, MarketAdjusted, MarketModel} {
		a, err := Analyze(ev, model, est, wins, 100)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Analyze(plain, model, est, wins, 100)
		if err != nil {
			t.Fatal(err)
		}
		near(t, model.String()+" alpha", a.Fit.Alpha, b.Fit.Alpha, 1e-12)
		near(t, model.String()+" beta", a.Fit.Beta, b.Fit.Beta, 1e-12)
		near(t, model.String()+" s2", a.Fit.S2, b.Fit.S2, 1e-12)
		if a.Fit.DF != b.Fit.DF {
			t.Errorf("%s: DF %d, want %d", model, a.Fit.DF, b.Fit.DF)
		}
		for i := range a.SAR {
			near(t, model.String()+" SAR", a.SAR[i], b.SAR[i], 1e-12)
			near(t, model.String()+" U", a.U[i], b.U[i], 0)
		}
		for k := range wins {
			near(t, model.String()+" CAR variance", a.Windows[k].CARVar, b.Windows[k].CARVar, 1e-12)
		}
	}
}

// TestSpansSimulation: thin trading, seeded. Daily log returns follow the
// market model (alpha 0, beta 1, residual sd 2%); each day's price is
// missing with probability 0.4, so trade-to-trade returns span 1 to
// several days. Under the null the SAR of a return spanning 2 or more days
// has variance 1 with the spans (Maynes & Rumsey; a little more, as a t
// with about 150 df), and about 1.6 without them: the scaling is
// what makes the tests' size right. 4,000 events, of which about 1,600
// have a day-0 return over 2 days or more (the day before has no price
// with probability 0.4); the standard error of a variance of 1 from 1,600
// SARs is about 0.035, and the bound is 3 of them.
func TestSpansSimulation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1993, 145))
	const days = 260 // grid -250..9, estimation -250..-11
	var scaled, plain []float64
	for range 4000 {
		ev := Event{First: -250, R: make([]float64, days), Rm: make([]float64, days), Span: make([]int, days)}
		var accR, accM float64
		prev := -1 // the last day with a price
		for i := range days {
			m := 0.01 * rng.NormFloat64()
			accM += m
			accR += m + 0.02*rng.NormFloat64()
			ev.R[i], ev.Rm[i] = math.NaN(), math.NaN()
			// Day 0 (i = 250) and the first day always trade.
			if i != 0 && i != 250 && rng.Float64() < 0.4 {
				continue // no price today
			}
			if prev >= 0 {
				ev.R[i], ev.Rm[i], ev.Span[i] = accR, accM, i-prev
			}
			accR, accM, prev = 0, 0, i
		}
		a, err := Analyze(ev, MarketModel, Window{-250, -11}, []Window{{0, 0}}, 60)
		if err != nil {
			t.Fatal(err)
		}
		p := ev
		p.Span = nil
		b, err := Analyze(p, MarketModel, Window{-250, -11}, []Window{{0, 0}}, 60)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Span[250] >= 2 {
			scaled = append(scaled, a.SAR[250])
			plain = append(plain, b.SAR[250])
		}
	}
	v := func(x []float64) float64 {
		var s float64
		for _, y := range x {
			s += y * y
		}
		return s / float64(len(x))
	}
	if len(scaled) < 1400 {
		t.Fatalf("%d day-0 returns spanning 2 days or more", len(scaled))
	}
	t.Logf("%d SARs: variance %.3f with spans, %.3f without", len(scaled), v(scaled), v(plain))
	if got := v(scaled); math.Abs(got-1) > 0.105 {
		t.Errorf("variance of the SARs with spans %.3f, want 1 ± 0.105", got)
	}
	// Without: the mean span of these returns (2 + 0.4/0.6 = 2.67) over
	// that of the estimation returns (1/0.6 = 1.67) makes about 1.6.
	if got := v(plain); got < 1.4 {
		t.Errorf("variance of the SARs without spans %.3f, want about 1.6", got)
	}
}

// TestSpansRanks: the Corrado ranks of trade-to-trade ARs order them by
// AR / sqrt(n), their scale per day: U_i < U_j exactly when
// AR_i / sqrt(n_i) < AR_j / sqrt(n_j) (no ties in these data).
func TestSpansRanks(t *testing.T) {
	ev := spansEvent()
	res, err := Analyze(ev, MarketModel, Window{-125, -6}, []Window{{-1, 1}}, 100)
	if err != nil {
		t.Fatal(err)
	}
	scaled := func(i int) float64 { return res.AR[i] / math.Sqrt(float64(ev.Span[i])) }
	ranked := 0
	for i := range res.U {
		if math.IsNaN(res.U[i]) {
			continue
		}
		ranked++
		for j := range res.U {
			if !math.IsNaN(res.U[j]) && (res.U[i] < res.U[j]) != (scaled(i) < scaled(j)) {
				t.Fatalf("days %d and %d: U %g, %g but AR/sqrt(n) %g, %g", i, j, res.U[i], res.U[j], scaled(i), scaled(j))
			}
		}
	}
	if ranked != 123 { // estimation 120 days and the window's 3
		t.Errorf("%d ranked days, want 123", ranked)
	}
}

// TestSpansCorrelation: with trade-to-trade returns the Kolari-Pynnönen r
// correlates the estimation ARs on one day's scale, AR / sqrt(n): the
// mean and norm it keeps are those of AR / sqrt(n) (closed form, 1e-12).
func TestSpansCorrelation(t *testing.T) {
	ev := spansEvent()
	ev.Cal = make([]int32, len(ev.R))
	for i := range ev.Cal {
		ev.Cal[i] = int32(20000 + i)
	}
	est := Window{-125, -6}
	res, err := Analyze(ev, MarketModel, est, []Window{{-1, 1}}, 100)
	if err != nil {
		t.Fatal(err)
	}
	var x []float64
	for i := 0; i < 120; i++ {
		x = append(x, res.AR[i]/math.Sqrt(float64(ev.Span[i])))
	}
	m, _ := meanSD(x)
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	near(t, "mean", res.kp.mean, m, 1e-12)
	near(t, "inverse norm", res.kp.inv, 1/math.Sqrt(ss), 1e-12)
}
