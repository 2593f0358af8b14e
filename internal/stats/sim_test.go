package stats

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestSimulation checks size and power in the style of Brown & Warner
// (1985): samples of 50 events with market-model returns (alpha 0, beta 1,
// market sd 1%, idiosyncratic sd 2%, normal), estimation -250:-11, tests on
// day 0 and on windows 0:0 and -1:1, rejection at 5%.
//
// Size: with 1,000 samples the rejection rate of a test of exact size 0.05
// has sd sqrt(0.05*0.95/1000) = 0.0069, so 0.05 +- 3 sd is 0.029..0.071.
// The bounds are 0.02..0.085 because the sign tests are discrete: for N =
// 50 the z test rejects when |N+ - 25| >= 7, of exact size
// 2*pbinom(18, 50, 0.5) = 0.0649 (R 4.2.2), and 0.0649 + 3 sd (0.0078) is
// 0.088; 0.085 leaves the other tests margin. Under -short (200 samples,
// sd 0.0154) the bounds widen to 0.005..0.11.
//
// Power: with +2% on day 0 every test rejects in at least 95% of the
// samples, except the sign and generalized sign tests on -1:1: CAR(-1:1)
// is N(0.02, 0.02 sqrt 3) for each event, so P(CAR > 0) =
// pnorm(1/sqrt(3)) = 0.718 and the power of the sign test is
// 1 - pbinom(31, 50, 0.718) = 0.914 (R 4.2.2); the bound for those two is
// 0.87 (0.914 less 4 sd of 1,000 draws, 0.009 each). The Corrado rank test
// on -1:1 is also near 0.95: a shift of one idiosyncratic sd moves the
// day-0 U by pnorm(1/sqrt(2)) - 1/2 = 0.260 on average, and with
// S_U ~ sqrt(1/12)/sqrt(50) the statistic is about
// 0.260/(sqrt(3) S_U) = 3.68, power pnorm(3.68 - 1.96) = 0.957 (R 4.2.2);
// its bound is 0.92 (about 5 sd of 1,000 draws below, as the approximation
// ignores that S_U includes the shifted day). The same holds for the
// Corrado-Zivney test, whose ranks of SARs shift by the same amount.
//
// The events share their calendar dates (Event.Cal), so the
// Kolari-Pynnönen tests estimate r, whose true value is 0, over full
// overlaps.
func TestSimulation(t *testing.T) {
	samples, lo, hi := 1000, 0.02, 0.085
	if testing.Short() {
		samples, lo, hi = 200, 0.005, 0.11
	}
	const (
		nEvents = 50
		first   = -250
		last    = 1
		shock   = 0.02
	)
	est := Window{-250, -11}
	wins := []Window{{0, 0}, {-1, 1}}
	names := TestNames()
	labels := []string{"day 0", "window 0:0", "window -1:1"}
	var null, alt [3][]int
	for b := range null {
		null[b], alt[b] = make([]int, len(names)), make([]int, len(names))
	}

	rng := rand.New(rand.NewPCG(1985, 3))
	n := last - first + 1
	start := time.Now()
	for range samples {
		var h0, h1 []*EventResult
		for range nEvents {
			m, r, rs := make([]float64, n), make([]float64, n), make([]float64, n)
			// All events on the same calendar dates (independent
			// securities), so that the Kolari-Pynnönen r is estimated
			// over full overlaps; its true value is 0.
			cal := make([]int32, n)
			for d := range n {
				cal[d] = int32(20000 + d)
				m[d] = 0.01 * rng.NormFloat64()
				r[d] = m[d] + 0.02*rng.NormFloat64()
			}
			copy(rs, r)
			rs[-first] += shock
			e0, err := Analyze(Event{First: first, R: r, Rm: m, Cal: cal}, MarketModel, est, wins, 200)
			if err != nil {
				t.Fatal(err)
			}
			e1, err := Analyze(Event{First: first, R: rs, Rm: m, Cal: cal}, MarketModel, est, wins, 200)
			if err != nil {
				t.Fatal(err)
			}
			h0, h1 = append(h0, e0), append(h1, e1)
		}
		for k, evs := range [][]*EventResult{h0, h1} {
			batteries := [3][]Result{
				DayTests(evs, est, 0),
				WindowTests(evs, est, wins[0]),
				WindowTests(evs, est, wins[1]),
			}
			for b, rs := range batteries {
				for i, r := range rs {
					if r.NA != "" {
						t.Fatalf("%s %s: n/a (%s)", labels[b], r.Test, r.NA)
					}
					if r.P < 0.05 {
						if k == 0 {
							null[b][i]++
						} else {
							alt[b][i]++
						}
					}
				}
			}
		}
	}
	t.Logf("%d samples of %d events in %v", samples, nEvents, time.Since(start))
	for b := range labels {
		for i, name := range names {
			size := float64(null[b][i]) / float64(samples)
			power := float64(alt[b][i]) / float64(samples)
			t.Logf("%-12s %-17s size %.3f power %.3f", labels[b], name, size, power)
			if size < lo || size > hi {
				t.Errorf("%s %s: rejection rate under the null %.3f, want %.3f..%.3f", labels[b], name, size, lo, hi)
			}
			minPower := 0.95
			switch {
			case b == 2 && (name == "sign" || name == "generalized-sign"):
				minPower = 0.87
			case b == 2 && (name == "corrado-rank" || name == "corrado-zivney"):
				minPower = 0.92
			}
			if testing.Short() {
				minPower -= 0.05
			}
			if power < minPower {
				t.Errorf("%s %s: power %.3f with +%g on day 0, want >= %.2f", labels[b], name, power, shock, minPower)
			}
		}
	}
}
