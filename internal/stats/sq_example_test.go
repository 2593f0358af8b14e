package stats_test

import (
	"fmt"

	"github.com/eventstudy/eventstudy/internal/stats"
)

// An event day's abnormal return of -4.55% against 60 estimation residuals
// -3.0%, -2.9%, ..., 2.9%: none is as low, so p = 2 (1 + 0) / 61 = 0.0328;
// a 2-day CAR of -4.55% against the 59 overlapping 2-day sums (-5.9%,
// -5.7%, ..., 5.7%): 7 of them (-5.9% .. -4.7%) are lower, so
// p = 2 (1 + 7) / 60 = 0.2667.
func ExampleSQ() {
	resid := make([]float64, 60)
	for i := range resid {
		resid[i] = -0.03 + 0.001*float64(i)
	}
	r := stats.SQ(resid, -0.0455, 1)
	fmt.Printf("1 day: p %.4f among %d residuals\n", r.P, r.N)
	r = stats.SQ(resid, -0.0455, 2)
	fmt.Printf("2 days: p %.4f among %d sums\n", r.P, r.N)
	r = stats.SQ(resid[:30], -0.0455, 1)
	fmt.Println(r.NA)
	// Output:
	// 1 day: p 0.0328 among 60 residuals
	// 2 days: p 0.2667 among 59 sums
	// needs at least 39 estimation-period 1-day residual sums for a 5% two-sided test, has 30
}

// R 4.2.2: p.adjust(c(0.01, 0.04, 0.03, 0.2), "holm") gives 0.04 0.09 0.09
// 0.20, and "BH" 0.04 0.0533 0.0533 0.20.
func ExampleHolm() {
	p := []float64{0.01, 0.04, 0.03, 0.2}
	fmt.Printf("Holm %.4f\n", stats.Holm(p))
	fmt.Printf("BH   %.4f\n", stats.BenjaminiHochberg(p))
	// Output:
	// Holm [0.0400 0.0900 0.0900 0.2000]
	// BH   [0.0400 0.0533 0.0533 0.2000]
}
