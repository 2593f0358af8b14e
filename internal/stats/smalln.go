package stats

import (
	"fmt"
	"math"
)

// The tests of signs and signed ranks cannot reach significance with too
// few events, and their normal approximations say otherwise: the sign test
// of 5 events all positive gives z = 2.24, p = 0.025, where the exact
// binomial probability of that outcome or its mirror is 2 (1/2)^5 =
// 0.0625. Such a test reports n/a below the number of events at which its
// exact null distribution can give a two-sided p below smallNLevel.
//
// The generalized rank tests (GRANK, Corrado-Zivney) can reach it with two
// events, but re-standardize by the cross-sectional standard deviation of
// the events' SCARs (SARs), which few events estimate so poorly that the
// tests over-reject (see minRankEvents); they report n/a below
// minRankEvents. The Corrado (1989) rank test, which does not
// re-standardize, keeps its size with few events and runs from one.

// smallNLevel is the significance level the small-sample rules refer to.
const smallNLevel = 0.05

// minExactP is the smallest two-sided p-value that an exact binomial test
// of n events, each positive with probability q under the null, can give:
// twice the probability of the less likely unanimous outcome,
// 2 min(q, 1-q)^n (for q = 1/2 the binom.test p of n successes in n, and
// 2/2^n is also the smallest exact p of the Wilcoxon signed-rank test,
// whose most extreme outcomes are again all signs alike).
func minExactP(q float64, n int) float64 {
	return min(1, 2*math.Pow(min(q, 1-q), float64(n)))
}

// minSignEvents returns the smallest number of events at which
// minExactP(q, n) < smallNLevel: 6 for q = 1/2 (2/2^6 = 0.03125; 2/2^5 =
// 0.0625).
func minSignEvents(q float64) int {
	n := 1
	for minExactP(q, n) >= smallNLevel {
		n++
	}
	return n
}

// tooFewSigns returns the n/a reason of a sign or signed-rank test of n
// events with null probability q of a positive value, or "" when n events
// can reach smallNLevel. what names q in the reason when it is not 1/2.
func tooFewSigns(n int, q float64, what string) string {
	need := minSignEvents(q)
	if n >= need {
		return ""
	}
	with := ""
	if what != "" {
		with = fmt.Sprintf(" with %s = %.4g", what, q)
	}
	return fmt.Sprintf("needs at least %d events to reach p < %g (exact two-sided minimum p at N = %d%s is %.4g)",
		need, smallNLevel, n, with, minExactP(q, n))
}

// minRankEvents is the fewest events of the GRANK and Corrado-Zivney tests.
// Both divide each event's SCAR (GRANK) or event-day SAR (Corrado-Zivney)
// by the cross-sectional standard deviation of those values before
// ranking; with few events that standard deviation is small whenever the
// values happen to be close, and then every re-standardized value is
// large and of the same sign as its neighbours, so all of them rank at an
// extreme together. With independent N(0,1) SARs, 240 estimation days and
// one tested day (simulation, seed PCG(7, 9); 20,000 samples for N <= 6,
// 4,000 above), the tests of nominal size 5% rejected in
//
//	N       2     3     4     5     6     8     10    12    20    50
//	size  0.262 0.160 0.120 0.101 0.091 0.076 0.073 0.063 0.054 0.055
//
// while the Corrado (1989) rank test, on the same samples, rejected in
// 0.039 to 0.050 from N = 2. The floor is the smallest N simulated whose
// size meets Bradley's (1978) liberal criterion of robustness, a size
// within 1.5 times the nominal level (at most 0.075 at 5%; N = 8 misses it
// by one standard error of the simulation): Bradley, J. V. (1978).
// Robustness? British Journal of Mathematical and Statistical Psychology
// 31, 144-152.
const minRankEvents = 10

// tooFewRanks is the n/a reason of a re-standardized rank test of n < need
// events.
func tooFewRanks(n, need int) string {
	if need <= 2 {
		return "needs at least 2 events"
	}
	return fmt.Sprintf("needs at least %d events: with fewer, re-standardizing by their cross-sectional sd makes it reject a true null far more often than %g (0.26 with 2, simulated)",
		need, smallNLevel)
}

// minRankSumP is the smallest two-sided p-value of the exact rank-sum test
// of groups of nx and ny values: each of the C(nx+ny, nx) assignments of
// the ranks to the groups is equally likely under the null, and the most
// extreme (all of x above all of y, or below) gives 2/C(nx+ny, nx) (R's
// wilcox.test(exact = TRUE) of 3 values above 3: 0.1).
func minRankSumP(nx, ny int) float64 {
	c := 1.0
	for k := 1; k <= min(nx, ny); k++ {
		c = c * float64(nx+ny-min(nx, ny)+k) / float64(k)
	}
	return min(1, 2/c)
}

// tooFewRankSum returns the n/a reason of a rank-sum test of groups of nx
// and ny values that cannot reach smallNLevel, or "".
func tooFewRankSum(nx, ny int) string {
	p := minRankSumP(nx, ny)
	if p < smallNLevel {
		return ""
	}
	return fmt.Sprintf("groups of %d and %d events cannot reach p < %g (exact two-sided minimum p 2/C(%d, %d) = %.4g)", nx, ny, smallNLevel, nx+ny, min(nx, ny), p)
}
