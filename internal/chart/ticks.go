package chart

import (
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
)

// Tick counts that keep labels readable on an 8 inch wide figure.
const (
	maxValueTicks  = 6
	maxXValueTicks = 12 // values on the x axis, which is wider
	maxDayTicks    = 12
	maxDateTicks   = 7
)

// tickEps absorbs rounding in max/step when max is a multiple of step.
const tickEps = 1e-9

// niceStep returns the smallest step of the form {1, 2, 5} x 10^k such
// that [lo, hi] holds at most maxTicks multiples of it. It returns 0 when
// the range is empty, not finite, or too narrow for its magnitude.
func niceStep(lo, hi float64, maxTicks int) float64 {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return 0
	}
	if math.Abs(lo)/span > 1e12 || math.Abs(hi)/span > 1e12 {
		return 0 // too few significant digits for distinct labels
	}
	mag := math.Pow(10, math.Floor(math.Log10(span/float64(maxTicks))))
	for _, m := range []float64{1, 2, 5, 10, 20, 50} {
		step := m * mag
		if lastMultiple(hi, step)-firstMultiple(lo, step)+1 <= maxTicks {
			return step
		}
	}
	return 100 * mag
}

// firstMultiple returns the smallest k with k*step >= lo (within rounding).
func firstMultiple(lo, step float64) int { return int(math.Ceil(lo/step - tickEps)) }

// lastMultiple returns the largest k with k*step <= hi (within rounding).
func lastMultiple(hi, step float64) int { return int(math.Floor(hi/step + tickEps)) }

// decimals returns the number of decimals that show a multiple of step
// exactly: 0 for 1, 2, 5, 10; 1 for 0.5, 0.2; 2 for 0.05.
func decimals(step float64) int {
	return max(0, int(math.Ceil(-math.Log10(step)-tickEps)))
}

// formatTick formats v with dec decimals, or in exponent form when that
// would take more than 6 decimals.
func formatTick(v float64, dec int) string {
	if dec > 6 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// valueTicks marks values at multiples of a {1, 2, 5} x 10^k step, so
// zero is a tick whenever it is in range: at most max ticks (0 means
// maxValueTicks, for a y axis). With percent set the values are fractions
// labelled in percent ("-2%", "0%", "1%", or "0.5%" with one decimal on
// every label when the step is below one percent); else plain numbers
// ("99.8", "100.0").
type valueTicks struct {
	max     int
	percent bool
}

// Ticks implements plot.Ticker.
func (t valueTicks) Ticks(lo, hi float64) []plot.Tick {
	n := t.max
	if n == 0 {
		n = maxValueTicks
	}
	step := niceStep(lo, hi, n)
	if step == 0 {
		return nil
	}
	scale, suffix := 1.0, ""
	if t.percent {
		scale, suffix = 100, "%"
	}
	dec := decimals(step * scale)
	var ticks []plot.Tick
	for k := firstMultiple(lo, step); k <= lastMultiple(hi, step); k++ {
		v := float64(k) * step
		ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v*scale, dec) + suffix})
	}
	return ticks
}

// dayTicks marks integer event days: labelled ticks at multiples of a
// step of at least 1 (so day 0 is labelled), and minor ticks at every day
// in between when the step is larger than 1.
type dayTicks struct{}

// Ticks implements plot.Ticker.
func (dayTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks, step := wholeTicks(lo, hi, maxDayTicks)
	if step > 1 && hi-lo <= 150 {
		for d := math.Ceil(lo - tickEps); d <= hi+tickEps; d++ {
			if math.Mod(d, step) != 0 {
				ticks = append(ticks, plot.Tick{Value: d})
			}
		}
	}
	return ticks
}

// dateUnit is a calendar period on which date ticks fall.
type dateUnit struct {
	key    func(time.Time) int // changes exactly when a new period starts
	layout string              // time layout of the tick labels
	minor  func(time.Time) int // finer period for minor ticks, or nil
}

func monthKey(n int) func(time.Time) int {
	return func(t time.Time) int { return (t.Year()*12 + int(t.Month()) - 1) / n }
}

func yearKey(n int) func(time.Time) int {
	return func(t time.Time) int { return t.Year() / n }
}

func weekKey(n int) func(time.Time) int {
	return func(t time.Time) int {
		// Days since Monday 29 December 1969, in whole weeks.
		y, m, d := t.Date()
		days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 + 3
		return int(floorDiv(days, int64(7*n)))
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// dateUnits runs from the finest period to the coarsest.
var dateUnits = []dateUnit{
	{key: weekKey(1), layout: "2 Jan 2006"},
	{key: weekKey(2), layout: "2 Jan 2006", minor: weekKey(1)},
	{key: monthKey(1), layout: "Jan 2006"},
	{key: monthKey(2), layout: "Jan 2006", minor: monthKey(1)},
	{key: monthKey(3), layout: "Jan 2006", minor: monthKey(1)},
	{key: monthKey(6), layout: "Jan 2006", minor: monthKey(1)},
	{key: yearKey(1), layout: "2006", minor: monthKey(3)},
	{key: yearKey(2), layout: "2006", minor: yearKey(1)},
	{key: yearKey(5), layout: "2006", minor: yearKey(1)},
	{key: yearKey(10), layout: "2006", minor: yearKey(1)},
	{key: yearKey(20), layout: "2006", minor: yearKey(5)},
	{key: yearKey(50), layout: "2006", minor: yearKey(10)},
}

// starts returns the indexes of the first date of each new period.
func starts(dates []time.Time, key func(time.Time) int) []int {
	var idx []int
	for i := 1; i < len(dates); i++ {
		if key(dates[i]) != key(dates[i-1]) {
			idx = append(idx, i)
		}
	}
	return idx
}

// dateTicks returns ticks for a trading-day axis (x = index into dates):
// the first trading day of each period of the finest calendar unit that
// gives at most maxTicks labels. With fewer than two period starts, it
// labels the first and the last date.
func dateTicks(dates []time.Time, maxTicks int) []plot.Tick {
	for _, u := range dateUnits {
		major := starts(dates, u.key)
		if len(major) > maxTicks {
			continue
		}
		if len(major) < 2 {
			break
		}
		var ticks []plot.Tick
		for _, i := range major {
			ticks = append(ticks, plot.Tick{Value: float64(i), Label: dates[i].Format(u.layout)})
		}
		if u.minor != nil {
			for _, i := range starts(dates, u.minor) {
				if u.key(dates[i]) == u.key(dates[i-1]) {
					ticks = append(ticks, plot.Tick{Value: float64(i)})
				}
			}
		}
		return ticks
	}
	last := len(dates) - 1
	ticks := []plot.Tick{{Value: 0, Label: dates[0].Format("2 Jan 2006")}}
	if last > 0 {
		ticks = append(ticks, plot.Tick{Value: float64(last), Label: dates[last].Format("2 Jan 2006")})
	}
	return ticks
}

// countTicks marks whole numbers (counts) at multiples of a {1, 2, 5} x
// 10^k step of at least 1.
type countTicks struct{}

// Ticks implements plot.Ticker.
func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks, _ := wholeTicks(lo, hi, maxValueTicks)
	return ticks
}

// wholeTicks returns labelled ticks at the multiples in [lo, hi] of a nice
// step of at least 1 (at most about n of them), and the step; none and 0
// for an empty range.
func wholeTicks(lo, hi float64, n int) ([]plot.Tick, float64) {
	step := niceStep(lo, hi, n)
	if step == 0 {
		return nil, 0
	}
	step = max(1, step)
	var ticks []plot.Tick
	for k := firstMultiple(lo, step); k <= lastMultiple(hi, step); k++ {
		v := float64(k) * step
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return ticks, step
}
