package prices

import "math"

// LogVolume returns log(1 + V_t) for each date, the volume measure of
// abnormal-volume event studies: the market model is fitted to the
// security's log volume against the market's (Campbell & Wasley 1996, who
// log-transform volume, there turnover plus a small constant, because raw
// volume is far from normal). The 1 keeps days of zero volume, common in the
// early years of index files, at log(1) = 0 rather than -Inf. Missing
// volumes stay NaN. Nil when s has no volume column.
func (s *Series) LogVolume() []float64 {
	if s.Volume == nil {
		return nil
	}
	out := make([]float64, len(s.Volume))
	for j, v := range s.Volume {
		out[j] = math.Log1p(v) // NaN stays NaN
	}
	return out
}

// MarketOf indexes per-date values of s by calendar date, as NewMarket
// indexes its returns: values[j] is the value on s.Dates[j], and
// Market.Return(d) then looks it up (NaN where s has no date d). Use it to
// join a security's measure to the market's on a measure other than
// returns, such as MarketOf(index, index.LogVolume()) for abnormal volume.
// It panics if len(values) != len(s.Dates), a caller's mistake.
func MarketOf(s *Series, values []float64) *Market {
	if len(values) != len(s.Dates) {
		panic("prices: MarketOf: values and dates of unequal length")
	}
	m := &Market{Series: s}
	if len(s.Dates) == 0 {
		return m
	}
	m.first = s.Dates[0]
	m.r = make([]float64, int(s.Dates[len(s.Dates)-1]-m.first)+1)
	for i := range m.r {
		m.r[i] = math.NaN()
	}
	for i, d := range s.Dates {
		m.r[d-m.first] = values[i]
	}
	return m
}
