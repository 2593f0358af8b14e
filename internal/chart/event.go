package chart

import "gonum.org/v1/plot"

// EventChart is one event: the abnormal return (AR) per relative trading
// day and its cumulation (CAR) with a 95% band from the forecast-error
// variance.
type EventChart struct {
	Title, Subtitle string
	// Days are the trading days relative to day 0, strictly increasing.
	Days []int
	// AR, CAR and the band (Lo, Hi) as fractions, one per day; NaN or
	// ±Inf leaves a gap.
	AR, CAR, Lo, Hi []float64
	// Style is the look of the figure (zero value: Default).
	Style Style
	// Measure says what the values are (zero value: Returns).
	Measure Measure
}

// Event returns the figure of one event: AR as grey bars, CAR as a blue
// line over its shaded band, against the event day.
func Event(c EventChart) (*plot.Plot, error) {
	return returnsFigure{
		style: c.Style, values: c.Measure,
		what:  "event chart",
		title: c.Title, subtitle: c.Subtitle,
		days:    c.Days,
		barName: "AR", lineName: "CAR",
		bar: c.AR, line: c.CAR, lo: c.Lo, hi: c.Hi,
	}.plot()
}
