// Package chart draws the figures of an event study with gonum/plot.
//
// It knows nothing of files of prices or of statistics: each figure takes
// plain slices in a value struct and returns a *plot.Plot, which [Save]
// writes as PNG and SVG, and [SaveAs] as PNG, SVG and PDF.
//
//   - [CAAR]: a cross-event study, with the average abnormal return (AAR)
//     as bars and the cumulative average abnormal return (CAAR) as a line
//     inside its confidence band.
//   - [Event]: one event, with the abnormal return (AR) as bars and the
//     cumulative abnormal return (CAR) as a line inside its band.
//   - [Prices]: the security against the market, rebased to 100, on a
//     trading-day axis, with the estimation and event windows shaded.
//   - [Groups]: the CAAR of several groups of events on one figure, each
//     with its band, in colours, dash patterns and markers that stay apart
//     in greyscale.
//   - [Histogram]: the distribution of a value across events (the CAR of
//     each event over one window), with zero and the mean marked.
//   - [IntradayPath]: one security around a news timestamp, bar by bar:
//     its return from the close of the bar before the news, the event
//     windows shaded, and the band of the estimation days' paths at the
//     same clock times ([PathBand] computes it from those paths).
//   - [MinuteCAAR]: a cross-event intraday study, the CAAR per bar
//     against the minutes from the news, inside its band.
//
// The intraday figures put bars at their start time in minutes from the
// news; bars further apart than the bar interval (a lunch break, a
// missing bar) break the lines and bands rather than being joined. A gap
// of more than three hours (the night, a weekend) is drawn 30 minutes
// wide and shaded, and with the news time given the axis then shows
// clock times. The band of [IntradayPath] is an empirical one, the 5th
// and 95th percentiles of the estimation days' paths (R's quantile type
// 7), not mean ± 1.96 sd: bar returns are fat-tailed and the paths of
// 20 days are too few to lean on normality; with 20 days the 5th
// percentile lies between the lowest and the second lowest path.
//
// Each figure takes a [Style]: [Default] (colour, sans-serif) for screens
// and slides, or [Paper] (greyscale, serif, thinner lines) for journals.
// Every colour is opaque, so PDF (whose backend mishandles transparency)
// looks like PNG and SVG.
//
// Returns are fractions (0.01 is one percent) and are labelled in percent.
// NaN and ±Inf mark missing values: they are left out, and lines and bands
// break at them. Inconsistent or empty input is an error, never a panic.
//
// Text (titles, axis labels, legend entries) may be in any script. SVG
// keeps it as it is; PNG draws the characters its fonts lack (CJK, Arabic,
// emoji with the Liberation fonts) as their code points, "<U+963F>", and
// PDF those outside Windows-1252; [Unshown] lists them. A title line wider
// than the figure is drawn smaller.
//
// The figures are laid out for 8 x 4.5 inches (the legend is placed in a
// corner free of data for that size); larger sizes work as well.
// Rendering is deterministic: the same data give the same bytes.
package chart
