package chart

import "gonum.org/v1/plot"

// CAARChart is a cross-event study: the average abnormal return (AAR) per
// relative trading day and its cumulation (CAAR) with a 95% band.
type CAARChart struct {
	// Title, e.g. "CAAR, market model, 412 events (synthetic data)", and
	// Subtitle, e.g. "band: 95% CI from the cross-sectional t".
	Title, Subtitle string
	// Days are the trading days relative to day 0, strictly increasing.
	Days []int
	// AAR, CAAR and the band (Lo, Hi) as fractions, one per day; NaN or
	// ±Inf leaves a gap.
	AAR, CAAR, Lo, Hi []float64
	// Style is the look of the figure (zero value: Default).
	Style Style
	// Measure says what the values are (zero value: Returns).
	Measure Measure
}

// CAAR returns the figure of a cross-event study: AAR as grey bars, CAAR
// as a blue line over its shaded band, against the event day.
func CAAR(c CAARChart) (*plot.Plot, error) {
	return returnsFigure{
		style: c.Style, values: c.Measure,
		what:  "caar chart",
		title: c.Title, subtitle: c.Subtitle,
		days:    c.Days,
		barName: "AAR", lineName: "CAAR",
		bar: c.AAR, line: c.CAAR, lo: c.Lo, hi: c.Hi,
	}.plot()
}
