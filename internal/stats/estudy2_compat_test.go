package stats

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// The estudy2 0.10.0 conventions of the tests this package computes
// otherwise or not at all, rebuilt from our building blocks (the ARs,
// market returns and Corrado ranks U of Analyze on the estudy2 data), for
// TestEstudy2. Each helper names the estudy2 function and the code
// expression it follows (docs/estudy2-vignette.md §3 and the base-R
// reimplementation of §4).
//
// The data of estudy2's example have one event date for all firms, so
// estudy2's calendar-date windows are our relative days: estimation
// -240..-1, event days 0..4, and estudy2's "full" series (estimation and
// event dates) is -240..4, the span over which Analyze ranks (U) when it
// is given the windows 0:4 and d:d.

// estudy2Firms is ncol(...) in estudy2: all firms, whether or not they
// have an AR on a given date.
func estudy2Firms(res []*EventResult) float64 { return float64(len(res)) }

// estudy2MeanDelta is mean(delta), the mean number of estimation days
// M_i (234.1429 on this data, docs §4).
func estudy2MeanDelta(res []*EventResult) float64 {
	var s float64
	for _, e := range res {
		s += float64(e.Fit.M)
	}
	return s / float64(len(res))
}

// estudy2Market returns the mean and the sum of squared deviations of the
// market return over all estimation dates (market_estimation), not over
// each firm's own M_i days as Fit does; every firm has the same market
// series here.
func estudy2Market(res []*EventResult, est Window) (mean, sxx float64) {
	var rm []float64
	for d := est.From; d <= est.To; d++ {
		rm = append(rm, res[0].at(res[0].rm, d))
	}
	rm = present(rm)
	m, sd := meanSD(rm)
	return m, sd * sd * float64(len(rm)-1)
}

// estudy2BW1980 is brown_warner_1980: AAR_d / S with
// S = sqrt(sum(colVars(estimation_abnormal))) / ncol, the variance of each
// firm's estimation ARs with divisor M_i - 1. No counterpart here (our
// "brown-warner" is the 1985 test).
func estudy2BW1980(res []*EventResult, est Window, d int) float64 {
	var sumVar float64
	for _, e := range res {
		var ar []float64
		for day := est.From; day <= est.To; day++ {
			ar = append(ar, e.ARAt(day))
		}
		_, sd := meanSD(present(ar))
		sumVar += sd * sd
	}
	aar, _ := AAR(res, d)
	return aar / (math.Sqrt(sumVar) / estudy2Firms(res))
}

// estudy2Lamb is lamb: AAR_d / (S_BW85 sqrt(1 + 1/mean(delta) +
// (Rm_d - mean Rm)^2 / Sxx)), S_BW85 the sd (divisor T-1) of the
// estimation AAR series (our estAAR, as in BrownWarner), with the market
// over all estimation dates. No counterpart here.
func estudy2Lamb(res []*EventResult, est Window, d int) float64 {
	_, s := meanSD(present(estAAR(res, est)))
	mrm, sxx := estudy2Market(res, est)
	dm := res[0].at(res[0].rm, d) - mrm
	aar, _ := AAR(res, d)
	return aar / (s * math.Sqrt(1+1/estudy2MeanDelta(res)+dm*dm/sxx))
}

// estudy2Full returns, for the days from..to, f(e, day) of every firm, the
// number of firms with a non-NaN value per day (nf), and each firm's
// number of non-NaN values (Tf, delta_full).
func estudy2Full(res []*EventResult, from, to int, f func(e *EventResult, day int) float64) (x [][]float64, nf []float64, tf []float64) {
	nf = make([]float64, to-from+1)
	for _, e := range res {
		row := make([]float64, to-from+1)
		var n float64
		for k := range row {
			row[k] = f(e, from+k)
			if !math.IsNaN(row[k]) {
				nf[k]++
				n++
			}
		}
		x = append(x, row)
		tf = append(tf, n)
	}
	return x, nf, tf
}

// estudy2RowSums returns rowMeans(x, na.rm = TRUE) * ncol(x) for each day:
// the sum over the firms present, scaled by N/N_t (estudy2's quirk on
// days with missing firms).
func estudy2RowSums(x [][]float64, nf []float64) []float64 {
	s := make([]float64, len(nf))
	for _, row := range x {
		for k, v := range row {
			if !math.IsNaN(v) {
				s[k] += v
			}
		}
	}
	for k := range s {
		s[k] = s[k] / nf[k] * float64(len(x))
	}
	return s
}

func meanOf(x []float64) float64 { return mean(x) }

// nearAbs fails t unless |got - want| <= tol: a number printed to a fixed
// number of decimals is compared at those decimals, whatever its size.
func nearAbs(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.17g, want %.17g (absolute tol %g)", name, got, want, tol)
	}
}

// estudy2CSign is corrado_sign_test: G_it = sign(AR_it - median_i) over
// the full series (median of the firm's estimation and event ARs;
// sign(0) = 0 as R's), Gs_t = rowMeans(G) * ncol,
// S = sqrt(sum_t (Gs_t/sqrt(nf_t))^2 / mean(Tf)) over all full days, and
// the statistic Gs_t/sqrt(nf_t)/S for each day of event (indices into
// from..to). No counterpart here.
func estudy2CSign(res []*EventResult, from, to int, event Window) []float64 {
	g, nf, tf := estudy2Full(res, from, to, func(e *EventResult, day int) float64 { return e.ARAt(day) })
	for _, row := range g {
		v := present(row)
		slices.Sort(v)
		med := v[len(v)/2]
		if len(v)%2 == 0 {
			med = (v[len(v)/2-1] + v[len(v)/2]) / 2
		}
		for k, x := range row {
			switch {
			case x > med:
				row[k] = 1
			case x < med:
				row[k] = -1
			case x == med:
				row[k] = 0
			}
		}
	}
	gs := estudy2RowSums(g, nf)
	var ss float64
	for k := range gs {
		z := gs[k] / math.Sqrt(nf[k])
		ss += z * z
	}
	s := math.Sqrt(ss / meanOf(tf))
	var out []float64
	for d := event.From; d <= event.To; d++ {
		k := d - from
		out = append(out, gs[k]/math.Sqrt(nf[k])/s)
	}
	return out
}

// estudy2Ranks returns the raw mid-ranks K_it of the ARs over the full
// series from our Corrado U (U = K/(T_i+1) - 1/2 over the same days, so
// K = (U + 1/2)(T_i + 1)), with nf and Tf as estudy2Full.
func estudy2Ranks(res []*EventResult, from, to int) (k [][]float64, nf, tf []float64) {
	u, nf, tf := estudy2Full(res, from, to, func(e *EventResult, day int) float64 { return e.at(e.U, day) })
	for i, row := range u {
		for j, v := range row {
			row[j] = (v + 0.5) * (tf[i] + 1) // NaN stays NaN
		}
		k = append(k, row)
	}
	return k, nf, tf
}

// estudy2Rank is rank_test (Corrado 1989 with raw ranks): with Kbar_i the
// firm's mean rank, Kd_t = rowMeans(K - Kbar) * ncol, the statistic is
// (Kd_t/nf_t) / sqrt(sum_t (Kd_t/nf_t)^2 / mean(Tf)). Ours (STATISTICS.md,
// CorradoRank) scales the ranks, U = K/(T_i+1) - 1/2, and takes
// S_U^2 = (1/T) sum_t Ubar_t^2 over the T days with data.
func estudy2Rank(res []*EventResult, from, to int, event Window) []float64 {
	k, nf, tf := estudy2Ranks(res, from, to)
	for _, row := range k {
		kbar := mean(present(row))
		for j := range row {
			row[j] -= kbar
		}
	}
	kd := estudy2RowSums(k, nf)
	var ss float64
	for j := range kd {
		z := kd[j] / nf[j]
		ss += z * z
	}
	s := math.Sqrt(ss / meanOf(tf))
	var out []float64
	for d := event.From; d <= event.To; d++ {
		j := d - from
		out = append(out, kd[j]/nf[j]/s)
	}
	return out
}

// estudy2ModifiedRank is modified_rank_test: Ud_t = rowMeans(U) * ncol
// with U our Corrado U, and the statistic (Ud_t/sqrt(nf_t)) /
// sqrt(sum_t (Ud_t/sqrt(nf_t))^2 / mean(Tf)). Ours divides the mean U by
// S_U with S_U^2 = (1/T) sum_t Ubar_t^2: the means rather than sums over
// sqrt(nf_t), T = 245 days rather than mean(Tf) = 239.14, and no N/N_t
// scaling (docs §3.3).
func estudy2ModifiedRank(res []*EventResult, from, to int, event Window) []float64 {
	u, nf, tf := estudy2Full(res, from, to, func(e *EventResult, day int) float64 { return e.at(e.U, day) })
	ud := estudy2RowSums(u, nf)
	var ss float64
	for j := range ud {
		z := ud[j] / math.Sqrt(nf[j])
		ss += z * z
	}
	s := math.Sqrt(ss / meanOf(tf))
	var out []float64
	for d := event.From; d <= event.To; d++ {
		j := d - from
		out = append(out, ud[j]/math.Sqrt(nf[j])/s)
	}
	return out
}

// estudy2CARRank is car_rank_test (Cowan 1992 with raw ranks):
// sqrt(L) (mean of all event-window ranks - mean_i Kbar_i) /
// sqrt(sum_t (rowMeans(K)_t - mean_i Kbar_i)^2 / mean(Tf)), the sum over
// all full days (no N/N_t scaling here). Ours (the window form of
// CorradoRank) sums the mean scaled ranks over the window and divides by
// sqrt(L) S_U.
func estudy2CARRank(res []*EventResult, from, to int, event Window) float64 {
	k, nf, tf := estudy2Ranks(res, from, to)
	var kbars []float64
	for _, row := range k {
		kbars = append(kbars, mean(present(row)))
	}
	mk := mean(kbars)
	var ev []float64
	for _, row := range k {
		ev = append(ev, present(row[event.From-from:event.To-from+1])...)
	}
	rows := estudy2RowSums(k, nf)
	var ss float64
	for j := range rows {
		z := rows[j]/float64(len(k)) - mk // rowMeans(K)
		ss += z * z
	}
	l := float64(event.Len())
	return math.Sqrt(l) * (mean(ev) - mk) / math.Sqrt(ss/meanOf(tf))
}

// estudy2Mark is estudy2's significance mark: "***", "**" or "*" when
// |stat| is at least the critical value q(alpha) for alpha = 0.01, 0.05,
// 0.10, where q is the two-sided quantile of N(0,1) (df = 0) or of
// t(df) (df may be fractional: mean(delta) - 1).
func estudy2Mark(stat, df float64) string {
	q := func(alpha float64) float64 {
		if df == 0 {
			return distuv.Normal{Mu: 0, Sigma: 1}.Quantile(1 - alpha/2)
		}
		return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - alpha/2)
	}
	switch a := math.Abs(stat); {
	case a >= q(0.01):
		return "***"
	case a >= q(0.05):
		return "**"
	case a >= q(0.10):
		return "*"
	}
	return ""
}

// estudy2WilcoxonMark is wilcoxon_test's mark for W+ of n values (docs
// §3.3): W >= qsignrank(1 - alpha, n) (the upper tail at the one-sided
// alpha) or W <= n(n+1)/2 - qsignrank(1 - alpha/2, n), for alpha = 0.01,
// 0.05, 0.10. Ours reports the exact two-sided p-value instead.
func estudy2WilcoxonMark(w float64, n int) string {
	cdf := signRankCDF(n)
	// qsignrank(p, n): the smallest s with P(W <= s) >= p, with R's fuzz
	// of 10 DBL_EPSILON (nmath/signrank.c).
	qsignrank := func(p float64) float64 {
		for s, c := range cdf {
			if c >= p-10*0x1p-52 {
				return float64(s)
			}
		}
		return float64(len(cdf) - 1)
	}
	top := float64(n * (n + 1) / 2)
	for _, m := range []struct {
		alpha float64
		mark  string
	}{{0.01, "***"}, {0.05, "**"}, {0.10, "*"}} {
		if w >= qsignrank(1-m.alpha) || w <= top-qsignrank(1-m.alpha/2) {
			return m.mark
		}
	}
	return ""
}
