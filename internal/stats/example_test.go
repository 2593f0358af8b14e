package stats_test

import (
	"fmt"

	"github.com/eventstudy/eventstudy/internal/stats"
)

// The outputs below agree with R 4.2.2 on the same numbers:
// m <- c(0.01,-0.02,0.015,0,-0.005,0.02,-0.01,0.005)
// r <- c(0.016,-0.028,0.024,0.002,-0.006,0.029,-0.013,0.009)
// f <- lm(r ~ m); coef(f) (0.001413533835, 1.446115288221);
// s2 <- summary(f)$sigma^2 (5.580618212e-07); E <- sum(coef(f)*c(1,0.01))
// (0.01587468672); ar <- 0.071 - E (0.05512531328);
// C <- 1+1/8+(0.01-mean(m))^2/sum((m-mean(m))^2); t <- ar/sqrt(s2*C)
// (67.99037452); 2*pt(-abs(t), 6) (6.809895068e-10).

func ExampleFitModel() {
	m := []float64{0.01, -0.02, 0.015, 0, -0.005, 0.02, -0.01, 0.005}
	r := []float64{0.016, -0.028, 0.024, 0.002, -0.006, 0.029, -0.013, 0.009}
	f, err := stats.FitModel(stats.MarketModel, r, m, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("alpha %.6f beta %.4f M %d DF %d s2 %.3g\n", f.Alpha, f.Beta, f.M, f.DF, f.S2)
	fmt.Printf("E[R | Rm = 1%%] = %.5f\n", f.Expected(0.01))

	_, err = stats.FitModel(stats.MarketModel, r[:4], m[:4], 5)
	fmt.Println(err)
	// Output:
	// alpha 0.001414 beta 1.4461 M 8 DF 6 s2 5.58e-07
	// E[R | Rm = 1%] = 0.01587
	// too few estimation returns: 4 with a market return, need at least 5
}

func ExampleAnalyze() {
	// Estimation days -8..-1, event day 0 with a 5% abnormal return.
	ev := stats.Event{
		First: -8,
		R:     []float64{0.016, -0.028, 0.024, 0.002, -0.006, 0.029, -0.013, 0.009, 0.071},
		Rm:    []float64{0.01, -0.02, 0.015, 0, -0.005, 0.02, -0.01, 0.005, 0.01},
	}
	res, err := stats.Analyze(ev, stats.MarketModel, stats.Window{From: -8, To: -1}, []stats.Window{{From: 0, To: 0}}, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	w := res.Windows[0]
	fmt.Printf("AR(0) %.5f CAR %.5f t %.1f p %.2g df %d\n", res.ARAt(0), w.CAR, w.T, w.P, w.DF)
	// Output:
	// AR(0) 0.05513 CAR 0.05513 t 68.0 p 6.8e-10 df 6
}

func ExampleWilcoxon() {
	// R 4.2.2: wilcox.test(c(0.012,-0.004,0.031,0.007,-0.015,0.022,0.003,
	// -0.001,0.018,0.009,-0.006,0.027), exact=TRUE) gives V = 62,
	// p-value = 0.07715.
	car := []float64{0.012, -0.004, 0.031, 0.007, -0.015, 0.022, 0.003, -0.001, 0.018, 0.009, -0.006, 0.027}
	r := stats.Wilcoxon(car)
	fmt.Printf("%s W=%g p=%.5f N=%d\n", r.Test, r.Stat, r.P, r.N)
	// Output:
	// wilcoxon W=62 p=0.07715 N=12
}

func ExampleCrossSectionalT() {
	// R 4.2.2: t.test(c(0.012,...,0.027)) gives t = 2.1146, df = 11,
	// p-value = 0.05811.
	car := []float64{0.012, -0.004, 0.031, 0.007, -0.015, 0.022, 0.003, -0.001, 0.018, 0.009, -0.006, 0.027}
	r := stats.CrossSectionalT(car)
	fmt.Printf("%s=%.4f df=%g p=%.5f\n", r.Test, r.Stat, r.DF, r.P)
	r = stats.CrossSectionalT(car[:1])
	fmt.Printf("%s: n/a (%s)\n", r.Test, r.NA)
	// Output:
	// t=2.1146 df=11 p=0.05811
	// t: n/a (needs at least 2 events)
}
