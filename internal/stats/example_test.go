package stats_test

import (
	"fmt"
	"math"
	"math/rand/v2"

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

func ExampleRegress() {
	// R 4.2.2: fit <- lm(y ~ x + z) with HC1 written out,
	// V <- (n/(n-k)) * XtXi %*% t(X) %*% diag(e^2) %*% X %*% XtXi:
	// coefficients 0.07292, 0.99091, 0.20538; SE 0.18954, 0.044807,
	// 0.38032; p 0.71626, 3.5107e-06, 0.61236; R^2 0.98963.
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	z := []float64{0.3, -0.1, 0.4, 0.0, -0.2, 0.5, 0.1, -0.3}
	y := []float64{1.2, 1.9, 3.2, 3.8, 5.3, 5.9, 7.4, 7.7}
	reg, err := stats.Regress(y, [][]float64{x, z}, []string{"x", "z"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tm := range reg.Terms {
		fmt.Printf("%-11s %8.5f  SE %.5g  t %7.3f  p %.5g\n", tm.Name, tm.Coef, tm.SE, tm.T, tm.P)
	}
	fmt.Printf("N %d  R2 %.5f  adj %.5f\n", reg.N, reg.R2, reg.AdjR2)
	// Output:
	// (Intercept)  0.07292  SE 0.18954  t   0.385  p 0.71626
	// x            0.99091  SE 0.044807  t  22.115  p 3.5107e-06
	// z            0.20538  SE 0.38032  t   0.540  p 0.61236
	// N 8  R2 0.98963  adj 0.98548
}

func ExampleRegressClustered() {
	// Twelve rows of four firms, clustered by firm. R 4.2.2, sandwich
	// 3.0.2, lmtest 0.9.40: coeftest(fit <- lm(y ~ x), vcov. = vcovCL(fit,
	// cluster = firm), df = 3): coefficients 0.780265948, -0.000991112;
	// SE 0.336127, 0.316902; t 2.32134, -0.00313; p 0.10296, 0.99770.
	x := []float64{-0.63, 0.18, -0.84, 1.60, 0.33, -0.82, 0.49, 0.74, 0.58, -0.31, 1.51, 0.39}
	y := []float64{-0.32, -1.61, 2.02, 1.16, 0.28, 1.54, 1.72, 1.79, 1.22, 1.38, 0.97, -0.79}
	firm := []string{"A", "B", "C", "D", "A", "B", "C", "D", "A", "B", "C", "D"}
	reg, err := stats.RegressClustered(y, [][]float64{x}, []string{"x"}, [][]string{firm})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tm := range reg.Terms {
		fmt.Printf("%-11s %8.5f  SE %.6g  t %7.3f  p %.4f\n", tm.Name, tm.Coef, tm.SE, tm.T, tm.P)
	}
	fmt.Printf("N %d  clusters %v  df %d\n", reg.N, reg.Clusters, reg.DF)
	// Output:
	// (Intercept)  0.78027  SE 0.336127  t   2.321  p 0.1030
	// x           -0.00099  SE 0.316902  t  -0.003  p 0.9977
	// N 12  clusters [4]  df 3
}

// A GARCH(1,1) with Omega = 1e-5, Alpha = 0.1, Beta = 0.85, simulated for
// 2,000 days from a seeded source, fitted by maximum likelihood.
func ExampleFitGARCH() {
	rng := rand.New(rand.NewPCG(1, 1))
	e := make([]float64, 2000)
	h, prev := 2e-4, 0.0
	for i := range e {
		h = 1e-5 + 0.1*prev*prev + 0.85*h
		e[i] = math.Sqrt(h) * rng.NormFloat64()
		prev = e[i]
	}
	g, err := stats.FitGARCH(e)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The truth: 0.10, 0.85 and sqrt(2e-4) = 0.0141; with 2,000 days the
	// standard error of Alpha is about 0.02.
	fmt.Printf("alpha %.2f, beta %.2f, unconditional sd %.4f\n", g.Alpha, g.Beta, math.Sqrt(g.Unconditional()))
	// Output: alpha 0.07, beta 0.87, unconditional sd 0.0133
}
