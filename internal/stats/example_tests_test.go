package stats_test

import (
	"fmt"

	"github.com/eventstudy/eventstudy/internal/stats"
)

func ExampleSkewnessT() {
	// R 4.2.2 on the same CARs: g <- sum((x-mean(x))^3)/(12*sd(x)^3);
	// S <- mean(x)/sd(x); sqrt(12)*(S+g*S^2/3+g/72) gives 2.1365.
	car := []float64{0.012, -0.004, 0.031, 0.007, -0.015, 0.022, 0.003, -0.001, 0.018, 0.009, -0.006, 0.027}
	r := stats.SkewnessT(car)
	fmt.Printf("%s=%.4f p=%.4f N=%d\n", r.Test, r.Stat, r.P, r.N)
	// Output:
	// skew-t=2.1365 p=0.0326 N=12
}

func ExampleBootstrap() {
	// The bootstrap-t p-value is close to t.test's 0.0581 (R 4.2.2) on the
	// same 12 CARs; the numbers depend on the seed, not on the machine.
	car := []float64{0.012, -0.004, 0.031, 0.007, -0.015, 0.022, 0.003, -0.001, 0.018, 0.009, -0.006, 0.027}
	b := stats.Bootstrap(car, stats.DefaultBootstrap, 1)
	fmt.Printf("CAAR %.4f, 95%% interval %.4f..%.4f, p %.3f (B %d, seed %d)\n", b.Mean, b.Lo, b.Hi, b.P, b.B, b.Seed)
	// Output:
	// CAAR 0.0086, 95% interval 0.0012..0.0157, p 0.056 (B 1000, seed 1)
}
