package chart

import (
	"strconv"

	"gonum.org/v1/plot"
)

// Measure says what the values of a figure are, for its axis labels and
// tick marks.
type Measure int

const (
	// Returns are fractions (0.01 is one percent), labelled in percent.
	Returns Measure = iota
	// LogVolume is abnormal log(1 + volume) (Campbell & Wasley 1996): log
	// ratios to the normal volume (0.69 is twice the normal volume), not
	// percentages, labelled as plain numbers.
	LogVolume
)

// name is what the values are called on an axis: "abnormal return" or
// "abnormal log(1+volume)", after prefix ("cumulative ", ...).
func (v Measure) name(prefix string) string {
	s := prefix + "abnormal return"
	if v == LogVolume {
		s = prefix + "abnormal log(1+volume)"
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// ticks returns the tick marker of a value axis of at most max ticks
// (0: maxValueTicks).
func (v Measure) ticks(max int) plot.Ticker {
	if v == LogVolume {
		return valueTicks{max: max}
	}
	return valueTicks{max: max, percent: true}
}

// format formats a value with dec decimals (in percent for returns).
func (v Measure) format(x float64, dec int) string {
	if v == LogVolume {
		s := strconv.FormatFloat(x, 'f', dec, 64)
		if f, _ := strconv.ParseFloat(s, 64); f == 0 {
			s = strconv.FormatFloat(0, 'f', dec, 64)
		}
		return s
	}
	return percent(x, dec)
}
