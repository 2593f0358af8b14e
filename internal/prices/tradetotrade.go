package prices

import (
	"math"
	"slices"
)

// Trade-to-trade returns (Maynes & Rumsey 1993, "Conducting event studies
// with thinly traded stocks", Journal of Banking and Finance 17): a thinly
// traded security has days without a price. Rather than leave the return
// after such a gap missing (Returns), the trade-to-trade return runs from
// the last price before the gap to the first price after it, and the
// market return is compounded over the same calendar interval, so that the
// two cover the same days. Each return records its span, the number of the
// security's trading days it covers; Maynes & Rumsey scale its variance by
// the span, which is the business of internal/stats.

// TradeToTrade returns one return per date and the number of trading days
// each covers. For prices P, with j0 < j the last date before j with a price:
//
//	ret[j] = P[j]/P[j0] - 1 (or log(P[j]/P[j0]) when log is set), span[j] = j - j0
//
// span[j] is 1 for consecutive prices and more after days with a missing
// (NaN) price, the days in between being rows of the file with no price.
// Where P[j] is missing, or no earlier price exists, ret[j] is NaN and
// span[j] is 0. Days that are not rows of the file at all (weekends,
// holidays, and days a provider drops) are not counted: the span is in the
// security's own trading days, as event windows are. The market's side is
// Market.Span(Dates[j-span[j]], Dates[j], log).
//
// A series of returns (IsReturn) has no prices to bridge a gap with: each
// given return covers one day (span 1, the log return log1p of it) and a
// missing return stays missing (span 0).
func (s *Series) TradeToTrade(log bool) (ret []float64, span []int) {
	ret = make([]float64, len(s.Values))
	span = make([]int, len(s.Values))
	if s.IsReturn {
		for j, r := range s.Values {
			if math.IsNaN(r) {
				ret[j] = r
				continue
			}
			if log {
				r = math.Log1p(r)
			}
			ret[j], span[j] = r, 1
		}
		return ret, span
	}
	last := -1 // index of the last price seen
	for j, p := range s.Values {
		if math.IsNaN(p) || last < 0 {
			ret[j] = math.NaN()
			if !math.IsNaN(p) {
				last = j
			}
			continue
		}
		ratio := p / s.Values[last]
		if log {
			ret[j] = math.Log(ratio)
		} else {
			ret[j] = ratio - 1
		}
		span[j] = j - last
		last = j
	}
	return ret, span
}

// Span returns the market return compounded over the market's trading days
// in (from, to]: prod(1 + r) - 1 of simple returns, or the sum of log
// returns when log is set, log saying how the Market was built (NewMarket's
// log). With from the previous market day it is Return(to). It is NaN when
// to is not a market day, when a market day in between has no return (a
// missing price, or the first day of the market's data), or when from is
// not before to. Market days are the dates of m.Series; the compounding
// uses the returns NewMarket indexed.
func (m *Market) Span(from, to Date, log bool) float64 {
	if m.Series == nil || from >= to || math.IsNaN(m.Return(to)) {
		return math.NaN()
	}
	dates := m.Series.Dates
	// Market days d with from < d <= to are dates[i:k].
	i, _ := slices.BinarySearch(dates, from+1)
	k, found := slices.BinarySearch(dates, to)
	if !found {
		return math.NaN()
	}
	k++
	acc := 0.0
	if !log {
		acc = 1
	}
	for _, d := range dates[i:k] {
		r := m.r[d-m.first]
		if math.IsNaN(r) {
			return math.NaN()
		}
		if log {
			acc += r
		} else {
			acc *= 1 + r
		}
	}
	if log {
		return acc
	}
	return acc - 1
}

// AlignTradeToTrade is Align for trade-to-trade returns: r and span are what
// TradeToTrade returned for s, and the market return on a day is
// m.Span(previous priced day, day, log), compounded over the same calendar
// interval as the security's return. Spans[k] is the span of R[k] (0 where
// R[k] is missing or the day falls outside the data).
func AlignTradeToTrade(s *Series, r []float64, span []int, m *Market, log bool, day0, from, to int) (a Aligned, spans []int) {
	n := to - from + 1
	a = Aligned{Day0: day0, First: from, Dates: make([]Date, n), R: make([]float64, n), Rm: make([]float64, n)}
	spans = make([]int, n)
	for k := range n {
		j := day0 + from + k
		if j < 0 || j >= len(s.Dates) {
			a.R[k], a.Rm[k] = math.NaN(), math.NaN()
			continue
		}
		a.Dates[k] = s.Dates[j]
		a.R[k] = r[j]
		switch sp := span[j]; {
		case sp <= 0 || j-sp < 0:
			a.Rm[k] = math.NaN()
		case m == nil: // no benchmark (the constant-mean model)
			a.Rm[k] = math.NaN()
			spans[k] = sp
		default:
			a.Rm[k] = m.Span(s.Dates[j-sp], s.Dates[j], log)
			spans[k] = sp
		}
	}
	return a, spans
}
