package prices

import (
	"fmt"
	"slices"
	"strings"
)

// maxClosedWeekdays is how many weekdays in a row a security may have no
// price, without a benchmark to tell, before the return across them counts
// as spanning a gap in the data: the longest regular closures are China's
// Golden Week and Lunar New Year holidays, up to 5 weekdays.
const maxClosedWeekdays = 5

// Gap is a hole in a security's prices: the security has no row between
// Last and Next (consecutive dates of its series), while its exchange's
// calendar has Days sessions in between, the first on Missing (a data gap,
// not a holiday); or, without a calendar for those dates, the benchmark
// traded on Days days in between (or, without a benchmark, Days weekdays
// passed, more than maxClosedWeekdays).
type Gap struct {
	Last, Next Date
	Days       int
	Market     string // the benchmark's ticker; "" when Days counts weekdays or sessions
	Calendar   string // the calendar's MIC when Days counts its sessions
	Missing    Date   // the first session without a row, with Calendar
}

// String says what the gap is, for messages: "no prices between
// 2024-03-01 and 2024-04-30 while ^HSI traded on 40 days", "no price for
// the XNYS session 2024-03-04 (a data gap: not a holiday)".
func (g Gap) String() string {
	switch {
	case g.Calendar != "" && g.Days == 1:
		return fmt.Sprintf("no price for the %s session %s (a data gap: not a holiday)", g.Calendar, g.Missing)
	case g.Calendar != "":
		return fmt.Sprintf("no prices between %s and %s while %s held %d sessions, the first %s (a data gap)", g.Last, g.Next, g.Calendar, g.Days, g.Missing)
	case g.Market == "":
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
// whether the calendar of the security's exchange (CalendarOf) has a
// session between s.Dates[j-1] and s.Dates[j]; where it has no calendar
// for those dates, whether the benchmark m traded in between, or, with m
// nil, more than maxClosedWeekdays weekdays passed. Such a return is
// a multi-day return: tested as a one-day return it is nonsense (a
// two-month move read as one day's news), so the study takes it as
// missing unless trade-to-trade returns were asked for: STATISTICS.md,
// "Calendar alignment", says so of a day without a price, and a missing
// row is such a day when the benchmark traded on it.
func GapBefore(s *Series, m *Market, j int) (Gap, bool) {
	return GapBeforeIn(CalendarOf(s.Ticker), s, m, j)
}

// GapBeforeIn is GapBefore with the security's calendar given, as when an
// event list's exchange column names the exchange (nil: none).
func GapBeforeIn(c *Calendar, s *Series, m *Market, j int) (Gap, bool) {
	a, b := s.Dates[j-1], s.Dates[j]
	if c != nil && c.Covers(a) && c.Covers(b) {
		n := c.Between(a, b)
		if n == 0 {
			return Gap{}, false
		}
		first, _ := c.Next(a + 1)
		return Gap{Last: a, Next: b, Days: n, Calendar: c.Code, Missing: first}, true
	}
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

// CalendarOf returns the calendar of a security's exchange by its ticker
// (ExchangeOf), nil when the exchange has none or the ticker is an index
// ("^HSI", "^GSPC": its exchange is not in its name).
func CalendarOf(ticker string) *Calendar {
	if strings.HasPrefix(ticker, "^") {
		return nil
	}
	return ExchangeOf(ticker).Calendar
}
