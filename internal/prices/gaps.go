package prices

import (
	"fmt"
	"slices"
)

// maxClosedWeekdays is how many weekdays in a row a security may have no
// price, without a benchmark to tell, before the return across them counts
// as spanning a gap in the data: the longest regular closures are China's
// Golden Week and Lunar New Year holidays, up to 5 weekdays.
const maxClosedWeekdays = 5

// Gap is a hole in a security's prices: the security has no row between
// Last and Next (consecutive dates of its series), while the benchmark
// traded on Days days in between (or, without a benchmark, Days weekdays
// passed, more than maxClosedWeekdays).
type Gap struct {
	Last, Next Date
	Days       int
	Market     string // the benchmark's ticker; "" when Days counts weekdays
}

// String says what the gap is, for messages: "no prices between
// 2024-03-01 and 2024-04-30 while ^HSI traded on 40 days".
func (g Gap) String() string {
	if g.Market == "" {
		return fmt.Sprintf("no prices between %s and %s (%d weekdays)", g.Last, g.Next, g.Days)
	}
	return fmt.Sprintf("no prices between %s and %s while %s traded on %d days", g.Last, g.Next, g.Market, g.Days)
}

// Traded returns the number of the market's trading days (rows of its
// series) strictly between a and b.
func (m *Market) Traded(a, b Date) int {
	if b-a < 2 {
		return 0
	}
	d := m.Series.Dates
	i, found := slices.BinarySearch(d, a)
	if found {
		i++
	}
	j, _ := slices.BinarySearch(d, b)
	return max(j-i, 0)
}

// GapBefore reports whether the return of s on row j (j > 0) spans a gap:
// whether the benchmark m traded between s.Dates[j-1] and s.Dates[j], or,
// with m nil, more than maxClosedWeekdays weekdays passed. Such a return is
// a multi-day return: tested as a one-day return it is nonsense (a
// two-month move read as one day's news), so the study takes it as
// missing unless trade-to-trade returns were asked for: STATISTICS.md,
// "Calendar alignment", says so of a day without a price, and a missing
// row is such a day when the benchmark traded on it.
func GapBefore(s *Series, m *Market, j int) (Gap, bool) {
	a, b := s.Dates[j-1], s.Dates[j]
	if m != nil {
		n := m.Traded(a, b)
		return Gap{Last: a, Next: b, Days: n, Market: m.Series.Ticker}, n > 0
	}
	if b-a <= maxClosedWeekdays+2 {
		return Gap{}, false // at most 5 weekdays in 6 days
	}
	n := 0
	for d := a + 1; d < b; d++ {
		if wd := d.Weekday(); wd != 0 && wd != 6 {
			n++
		}
	}
	return Gap{Last: a, Next: b, Days: n}, n > maxClosedWeekdays
}
