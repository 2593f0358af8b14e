package intraday

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestSizeUnderNull: seeded simulation of windows with no event effect,
// 20 estimation days of iid normal window returns and one event day.
// The constant-mean t rejects at 5% in 5% of draws (it is exactly Student
// t with 19 df here), and the Rinaudo-Saha p-value is at most 2/21 in
// 2/21 of draws (the event day's rank among 21 is uniform): each within
// four binomial standard errors of 20,000 draws.
func TestSizeUnderNull(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 1))
	const reps = 20000
	var tRej, rsRej int
	xs := make([]float64, 20)
	for range reps {
		for i := range xs {
			xs[i] = 0.001 * rng.NormFloat64()
		}
		x := 0.001 * rng.NormFloat64()
		mu, sd, df := constantMean(xs)
		tt := (x - mu) / sd
		if 2*(distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}).CDF(-math.Abs(tt)) < 0.05 {
			tRej++
		}
		if _, p := percentile(x-mu, sub(xs, mu)); p <= 2.0/21+1e-12 {
			rsRej++
		}
	}
	for _, c := range []struct {
		name string
		rej  int
		want float64
	}{{"constant-mean t at 5%", tRej, 0.05}, {"Rinaudo-Saha p <= 2/21", rsRej, 2.0 / 21}} {
		got := float64(c.rej) / reps
		se := math.Sqrt(c.want * (1 - c.want) / reps)
		if math.Abs(got-c.want) > 4*se {
			t.Errorf("%s: rejection rate %.4f, want %.4f ± %.4f", c.name, got, c.want, 4*se)
		}
	}
}

// TestPowerRinaudoSaha: with a shift of four standard deviations the event
// day is above all 20 estimation days nearly always: the RS p-value hits
// its floor 2/21 in more than 95% of draws (a seeded simulation; the
// probability that N(4,1) exceeds the max of 20 N(0,1) is about 0.98).
func TestPowerRinaudoSaha(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 1))
	hits := 0
	xs := make([]float64, 20)
	for range 5000 {
		for i := range xs {
			xs[i] = rng.NormFloat64()
		}
		if _, p := percentile(4+rng.NormFloat64(), xs); p <= 2.0/21+1e-12 {
			hits++
		}
	}
	if r := float64(hits) / 5000; r < 0.95 {
		t.Errorf("power %.3f, want above 0.95", r)
	}
}

func sub(xs []float64, mu float64) []float64 {
	out := make([]float64, len(xs))
	for i, v := range xs {
		out[i] = v - mu
	}
	return out
}
