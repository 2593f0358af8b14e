package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Welch tests whether the means of x and y differ, without assuming equal
// variances (Welch 1947): t = (mean x - mean y) / sqrt(s_x^2/n_x + s_y^2/n_y)
// with the Welch-Satterthwaite degrees of freedom. NaN values are left out.
// It is the test of a difference in CAAR between two groups of events.
func Welch(x, y []float64) Result {
	x, y = present(x), present(y)
	nx, ny := len(x), len(y)
	if nx < 2 || ny < 2 {
		return naResult("welch", nx+ny, "needs at least 2 events in each group")
	}
	mx, vx := meanVar(x)
	my, vy := meanVar(y)
	ax, ay := vx/float64(nx), vy/float64(ny)
	if ax+ay == 0 {
		return naResult("welch", nx+ny, "zero variance in both groups")
	}
	t := (mx - my) / math.Sqrt(ax+ay)
	df := (ax + ay) * (ax + ay) / (ax*ax/float64(nx-1) + ay*ay/float64(ny-1))
	p := min(1, 2*distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t)))
	return Result{Test: "welch", Stat: t, P: p, DF: df, N: nx + ny}
}

// RankSum is the Wilcoxon (1945) rank-sum / Mann-Whitney test that x and y
// come from the same distribution. The statistic is W = the sum of the
// ranks of x in the pooled sample less nx(nx+1)/2 (R's wilcox.test
// convention); the p-value is from the normal approximation with the
// continuity correction and the tie correction of the variance (as R's
// wilcox.test(x, y, exact = FALSE, correct = TRUE)). NaN values are left
// out. It is n/a when the groups are too small for the exact test to reach
// p < 0.05: 2/C(nx+ny, nx) >= 0.05 (minRankSumP; 3 and 4 values, 2/35 =
// 0.057, cannot; 4 and 4, 2/70 = 0.029, can).
func RankSum(x, y []float64) Result {
	x, y = present(x), present(y)
	nx, ny := len(x), len(y)
	if nx < 1 || ny < 1 {
		return naResult("rank-sum", nx+ny, "needs at least 1 event in each group")
	}
	if why := tooFewRankSum(nx, ny); why != "" {
		return naResult("rank-sum", nx+ny, why)
	}
	pooled := append(append(make([]float64, 0, nx+ny), x...), y...)
	ranks, ties := midranks(pooled)
	var rx float64
	for _, r := range ranks[:nx] {
		rx += r
	}
	n := float64(nx + ny)
	w := rx - float64(nx)*float64(nx+1)/2
	mu := float64(nx) * float64(ny) / 2
	var tie float64
	for _, t := range ties {
		tt := float64(t)
		tie += tt*tt*tt - tt
	}
	sigma := math.Sqrt(float64(nx) * float64(ny) / 12 * ((n + 1) - tie/(n*(n-1))))
	if sigma == 0 {
		return naResult("rank-sum", nx+ny, "all values tied")
	}
	// Continuity correction towards the mean; none at the mean (R: sign(z)/2).
	d := w - mu
	switch {
	case d > 0:
		d -= 0.5
	case d < 0:
		d += 0.5
	}
	z := d / sigma
	return Result{Test: "rank-sum", Stat: w, P: normalP(z), DF: math.NaN(), N: nx + ny}
}

// meanVar returns the mean and the sample variance (divisor n-1) of x.
func meanVar(x []float64) (m, v float64) {
	for _, a := range x {
		m += a
	}
	m /= float64(len(x))
	for _, a := range x {
		v += (a - m) * (a - m)
	}
	return m, v / float64(len(x)-1)
}
