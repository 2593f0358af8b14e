package chart

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GroupsChart compares the CAAR of groups of events (by industry, by sign
// of the surprise) on one figure.
type GroupsChart struct {
	// Title, e.g. "CAAR by sector, market model", and Subtitle, e.g.
	// "bands: 95% CI from the cross-sectional t".
	Title, Subtitle string
	// Days are the trading days relative to day 0, strictly increasing,
	// shared by every series.
	Days []int
	// Series are the groups, drawn in this order; past six, their looks
	// repeat.
	Series []GroupSeries
	// Style is the look of the figure (zero value: Default).
	Style Style
	// Measure says what the values are (zero value: Returns).
	Measure Measure
}

// GroupSeries is the CAAR of one group with its band.
type GroupSeries struct {
	// Name labels the group in the legend, e.g. "Tech (N = 41)".
	Name string
	// CAAR and its band (Lo, Hi) as fractions, one per day; NaN or ±Inf
	// leaves a gap. Lo and Hi may both be nil: no band.
	CAAR, Lo, Hi []float64
}

// maxMarkedDays is the longest series whose points get markers: beyond
// it, markers would merge into a thick line.
const maxMarkedDays = 41

// Groups returns the figure of the CAAR of each group as a line, each in
// its own colour, dash pattern and marker (so that they stay apart in
// greyscale), over its band in a light tint with thin edges in the dash
// pattern of its line, against the event day.
func Groups(c GroupsChart) (*plot.Plot, error) {
	const what = "groups chart"
	n := len(c.Days)
	if n == 0 {
		return nil, fmt.Errorf("%s: no days: %w", what, ErrEmpty)
	}
	if len(c.Series) == 0 {
		return nil, fmt.Errorf("%s: no series: %w", what, ErrEmpty)
	}
	for i := 1; i < n; i++ {
		if c.Days[i] <= c.Days[i-1] {
			return nil, fmt.Errorf("%s: day %d at index %d does not follow day %d: %w", what, c.Days[i], i, c.Days[i-1], ErrOrder)
		}
	}
	anyFinite := false
	for k, s := range c.Series {
		name := seriesName(s, k)
		if (s.Lo == nil) != (s.Hi == nil) {
			return nil, fmt.Errorf("%s: %s: Lo has %d values and Hi %d: %w", what, name, len(s.Lo), len(s.Hi), ErrLength)
		}
		for _, f := range []struct {
			field string
			v     []float64
		}{{"CAAR", s.CAAR}, {"Lo", s.Lo}, {"Hi", s.Hi}} {
			if f.v == nil && f.field != "CAAR" {
				continue
			}
			if len(f.v) != n {
				return nil, fmt.Errorf("%s: %s: %s has %d values, want %d (one per day): %w", what, name, f.field, len(f.v), n, ErrLength)
			}
			for i, v := range f.v {
				if err := drawable(v); err != nil {
					return nil, fmt.Errorf("%s: %s: %s at day %d: %w", what, name, f.field, c.Days[i], err)
				}
				anyFinite = anyFinite || finite(v)
			}
		}
	}
	if !anyFinite {
		return nil, fmt.Errorf("%s: no finite value in any series: %w", what, ErrEmpty)
	}

	lk := c.Style.look()
	x := make([]float64, n)
	for i, d := range c.Days {
		x[i] = float64(d)
	}
	brk := func(i int) bool { return c.Days[i] != c.Days[i-1]+1 }

	p := newPlot(lk, c.Title, c.Subtitle)
	p.X.Label.Text = dayAxisLabel
	p.X.Tick.Marker = dayTicks{}
	p.Y.Label.Text = c.Measure.name("cumulative average ")
	p.Y.Tick.Marker = c.Measure.ticks(0)
	p.Legend.ThumbnailWidth = vg.Points(30)

	var occupied []box
	leg := legend{look: lk}
	type drawn struct {
		band  *plotter.Polygon
		edges []plot.Plotter
		lines []plot.Plotter
		marks *plotter.Scatter
		sl    seriesLook
	}
	all := make([]drawn, len(c.Series))
	for k, s := range c.Series {
		sl := lk.series[k%len(lk.series)]
		d := drawn{sl: sl}
		edge := sl.line
		edge.Width = vg.Points(0.5)
		if s.Lo != nil {
			band := &plotter.Polygon{Color: sl.band}
			for _, r := range runs(n, brk, s.Lo, s.Hi) {
				band.XYs = append(band.XYs, bandRing(x, r, s.Lo, s.Hi))
				occupied = append(occupied, spanBoxes(x, r, s.Lo, s.Hi)...)
				if len(r) > 1 {
					for _, v := range [][]float64{s.Lo, s.Hi} {
						l, err := plotter.NewLine(pointsOf(x, r, v))
						if err != nil {
							return nil, fmt.Errorf("%s: %s: %w", what, seriesName(s, k), err)
						}
						l.LineStyle = edge
						d.edges = append(d.edges, l)
					}
				}
			}
			if len(band.XYs) > 0 {
				d.band = band
			}
		}
		// Every point gets a marker on short axes; on long ones only the
		// points without neighbours, which no line draws.
		var marked plotter.XYs
		for _, r := range runs(n, brk, s.CAAR) {
			occupied = append(occupied, spanBoxes(x, r, s.CAAR, s.CAAR)...)
			xys := pointsOf(x, r, s.CAAR)
			if n <= maxMarkedDays || len(xys) == 1 {
				marked = append(marked, xys...)
			}
			if len(xys) == 1 {
				continue
			}
			l, err := plotter.NewLine(xys)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", what, seriesName(s, k), err)
			}
			l.LineStyle = sl.line
			d.lines = append(d.lines, l)
		}
		glyph := draw.GlyphStyle{Color: sl.line.Color, Radius: vg.Points(2.2), Shape: sl.glyph}
		if len(marked) > 0 {
			sc, err := plotter.NewScatter(marked)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", what, seriesName(s, k), err)
			}
			sc.GlyphStyle = glyph
			d.marks = sc
		}
		all[k] = d

		thumbs := []plot.Thumbnailer{}
		if d.band != nil {
			thumbs = append(thumbs, &plotter.Polygon{Color: sl.band})
		}
		thumbs = append(thumbs, &plotter.Line{LineStyle: sl.line})
		if n <= maxMarkedDays {
			thumbs = append(thumbs, &plotter.Scatter{GlyphStyle: glyph})
		}
		leg.add(seriesName(s, k), thumbs...)
	}

	// Bands first (a later one covers an earlier one: their edges stay
	// visible), then the grid, the reference lines, and the lines on top.
	for _, d := range all {
		if d.band != nil {
			p.Add(d.band)
		}
	}
	p.Add(grid(lk))
	for _, d := range all {
		p.Add(d.edges...)
	}
	p.Add(refLine{at: 0, style: lk.zero})
	occupied = append(occupied, box{math.Inf(-1), math.Inf(1), 0, 0})
	if c.Days[0] <= 0 && 0 <= c.Days[n-1] {
		p.Add(refLine{vertical: true, at: 0, style: lk.day0})
		occupied = append(occupied, box{0, 0, math.Inf(-1), math.Inf(1)})
	}
	for _, d := range all {
		p.Add(d.lines...)
		if d.marks != nil {
			p.Add(d.marks)
		}
	}

	p.X.Min, p.X.Max = x[0]-dayPad, x[n-1]+dayPad
	var vals [][]float64
	for _, s := range c.Series {
		vals = append(vals, s.CAAR, s.Lo, s.Hi)
	}
	p.Y.Min, p.Y.Max = valueRange(0, vals...)
	leg.place(p, occupied)
	return p, nil
}

// seriesName returns the name of the k-th series, or "Group k+1".
func seriesName(s GroupSeries, k int) string {
	return orDefault(s.Name, fmt.Sprintf("Group %d", k+1))
}

// pointsOf returns the points (x[i], v[i]) of a run of indexes.
func pointsOf(x []float64, run []int, v []float64) plotter.XYs {
	xys := make(plotter.XYs, len(run))
	for k, i := range run {
		xys[k] = plotter.XY{X: x[i], Y: v[i]}
	}
	return xys
}
