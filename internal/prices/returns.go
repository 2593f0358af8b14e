package prices

import (
	"math"
	"slices"
)

// Series is one security's (or index's) daily history.
type Series struct {
	Ticker string
	File   string // where it came from, for messages
	// Dates are strictly increasing.
	Dates []Date
	// Values are prices (> 0), NaN where the file has no price that day (a
	// null or empty cell); or returns when IsReturn.
	Values []float64
	// IsReturn is set when the file held returns (a long panel or a
	// single-security file with a return column) rather than prices.
	IsReturn bool
	// Volume is the traded volume per date (Volume[j] on Dates[j]), kept
	// when the file has a volume column (Yahoo, yfinance, a long panel's
	// volume column): at least 0, NaN where the cell is missing. Nil when
	// the file has no volume column.
	Volume []float64
	// Sources says which rows of a series spliced from several files
	// (Splice) came from which file; nil for a series read from one file.
	Sources []Source
}

// Returns returns one return per date: simple returns
// out[j] = Values[j]/Values[j-1] - 1, or log returns log(Values[j]/Values[j-1])
// when log is set. out[0] is NaN, and so is every return one of whose prices
// is NaN: a missing price is missing, never zero, and the return after a gap
// does not span it. For a series of returns (IsReturn), the simple returns
// are the values as given and the log returns log1p of them.
func (s *Series) Returns(log bool) []float64 {
	out := make([]float64, len(s.Values))
	if s.IsReturn {
		for j, r := range s.Values {
			if log {
				r = math.Log1p(r)
			}
			out[j] = r
		}
		return out
	}
	for j := range out {
		if j == 0 {
			out[j] = math.NaN()
			continue
		}
		// NaN propagates through the division and the log.
		ratio := s.Values[j] / s.Values[j-1]
		if log {
			out[j] = math.Log(ratio)
		} else {
			out[j] = ratio - 1
		}
	}
	return out
}

// Index returns the position of d in Dates and whether it is there.
// Absent, the position is where d would be inserted.
func (s *Series) Index(d Date) (int, bool) {
	return slices.BinarySearch(s.Dates, d)
}

// PartialLast reports whether the last row of s looks like a partial
// (intraday) day, as in a file downloaded during a trading session: its
// volume is below half the median volume of the up to 20 rows before it
// that have one (at least 10 of them, with a positive median). It returns
// that volume and the median. A half-day session before a holiday can
// look the same; the caller says "may be".
func (s *Series) PartialLast() (last, median float64, ok bool) {
	n := len(s.Volume)
	if n < 11 || len(s.Dates) != n {
		return 0, 0, false
	}
	last = s.Volume[n-1]
	if math.IsNaN(last) {
		return 0, 0, false
	}
	var prev []float64
	for i := n - 2; i >= 0 && len(prev) < 20; i-- {
		if v := s.Volume[i]; !math.IsNaN(v) {
			prev = append(prev, v)
		}
	}
	if len(prev) < 10 {
		return 0, 0, false
	}
	slices.Sort(prev)
	if k := len(prev); k%2 == 1 {
		median = prev[k/2]
	} else {
		median = (prev[k/2-1] + prev[k/2]) / 2
	}
	return last, median, median > 0 && last < median/2
}
