package chart

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HistChart is the distribution of one value across events, such as the
// CAR of each event over one window.
type HistChart struct {
	// Title, e.g. "CAR(-1, +1), market model, 412 events", and Subtitle.
	Title, Subtitle string
	// Label names the values on the x axis; default "Cumulative abnormal
	// return" (or "Cumulative abnormal log(1+volume)").
	Label string
	// Values as fractions, one per event; NaN or ±Inf is missing and left
	// out (the legend counts them).
	Values []float64
	// Bins is the number of bins wanted; the figure uses the nearest bin
	// width of the form {1, 2, 2.5, 5} x 10^k, so that zero is the edge of
	// a bin. 0 chooses the width by the Freedman-Diaconis rule.
	Bins int
	// Style is the look of the figure (zero value: Default).
	Style Style
	// Measure says what the values are (zero value: Returns).
	Measure Measure
}

// maxBins bounds the number of bins, whatever the outliers.
const maxBins = 100

// Histogram returns the figure of the distribution of c.Values: bars of
// the number of events per bin, a line at zero and a dashed line at the
// mean.
func Histogram(c HistChart) (*plot.Plot, error) {
	const what = "histogram"
	if len(c.Values) == 0 {
		return nil, fmt.Errorf("%s: no values: %w", what, ErrEmpty)
	}
	if c.Bins < 0 {
		return nil, fmt.Errorf("%s: %d bins: %w", what, c.Bins, ErrValue)
	}
	var v []float64
	for i, x := range c.Values {
		if err := drawable(x); err != nil {
			return nil, fmt.Errorf("%s: value %d: %w", what, i+1, err)
		}
		if finite(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return nil, fmt.Errorf("%s: no finite value among %d: %w", what, len(c.Values), ErrEmpty)
	}
	slices.Sort(v)
	w := binWidth(v, c.Bins)
	k0 := int(math.Floor(v[0]/w + tickEps))
	k1 := int(math.Floor(v[len(v)-1]/w+tickEps)) + 1
	counts := make([]int, k1-k0)
	var sum float64
	for _, x := range v {
		k := min(int(math.Floor(x/w+tickEps)), k1-1)
		counts[k-k0]++
		sum += x
	}
	mean := sum / float64(len(v))

	lk := c.Style.look()
	p := newPlot(lk, c.Title, c.Subtitle)
	p.X.Label.Text = orDefault(c.Label, c.Measure.name("cumulative "))
	p.X.Tick.Marker = c.Measure.ticks(maxXValueTicks)
	p.Y.Label.Text = "Number of events"
	p.Y.Tick.Marker = countTicks{}

	h := &histBars{width: w, fill: lk.histFill, edge: lk.histEdge}
	var occupied []box
	top := 0
	for i, n := range counts {
		if n == 0 {
			continue
		}
		lo := float64(k0+i) * w
		h.bins = append(h.bins, histBin{lo: lo, n: n})
		occupied = append(occupied, box{lo, lo + w, 0, float64(n)})
		top = max(top, n)
	}
	p.Add(grid(lk), h)
	zero := refLine{vertical: true, at: 0, style: lk.zero}
	meanLine := refLine{vertical: true, at: mean, style: lk.mean}
	p.Add(zero, meanLine)
	occupied = append(occupied,
		box{0, 0, math.Inf(-1), math.Inf(1)},
		box{mean, mean, math.Inf(-1), math.Inf(1)})

	lo, hi := min(float64(k0)*w, 0), max(float64(k1)*w, 0)
	pad := valuePad * (hi - lo)
	p.X.Min, p.X.Max = lo-pad, hi+pad
	p.Y.Min, p.Y.Max = 0, float64(top)*(1+valuePad)

	leg := legend{look: lk}
	events := fmt.Sprintf("%d events", len(v))
	if missing := len(c.Values) - len(v); missing > 0 {
		events += fmt.Sprintf(" (%d missing)", missing)
	}
	width := formatTick(w*100, decimals(w*100)) + "%"
	if c.Measure == LogVolume {
		width = formatTick(w, decimals(w))
	}
	leg.add(events+", bins of "+width, h)
	leg.add("Mean "+c.Measure.format(mean, 2), meanLine)
	leg.place(p, occupied)
	return p, nil
}

// binWidth returns the bin width for the sorted values v: the width that
// gives about bins bins, or by the Freedman-Diaconis rule 2 IQR / n^(1/3)
// for bins 0 (Sturges' rule when the IQR is 0), rounded to the nearest
// {1, 2, 2.5, 5} x 10^k and widened so that there are at most maxBins.
func binWidth(v []float64, bins int) float64 {
	n := len(v)
	span := v[n-1] - v[0]
	var w float64
	switch {
	case bins > 0:
		w = span / float64(bins)
	default:
		iqr := quantile(v, 0.75) - quantile(v, 0.25)
		w = 2 * iqr / math.Cbrt(float64(n))
		if !(w > 0) {
			w = span / (math.Ceil(math.Log2(float64(n))) + 1)
		}
	}
	if !(w > 0) {
		// All values equal: bins of a tenth of their size, or of 0.1%.
		w = max(math.Abs(v[0]), 0.01) / 10
	}
	w = max(w, span/maxBins)
	mag := math.Pow(10, math.Floor(math.Log10(w)))
	best := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if math.Abs(math.Log(m*mag/w)) < math.Abs(math.Log(best/w)) {
			best = m * mag
		}
	}
	for span/best > maxBins {
		best *= 2
	}
	return best
}

// quantile returns the q-quantile of the sorted values v, interpolated
// linearly between order statistics (R's type 7).
func quantile(v []float64, q float64) float64 {
	h := q * float64(len(v)-1)
	i := int(math.Floor(h))
	if i+1 >= len(v) {
		return v[len(v)-1]
	}
	return v[i] + (h-float64(i))*(v[i+1]-v[i])
}

// percent formats a fraction in percent with dec decimals, as "-1.25%"
// (never "-0.00%").
func percent(v float64, dec int) string {
	s := strconv.FormatFloat(v*100, 'f', dec, 64)
	if f, _ := strconv.ParseFloat(s, 64); f == 0 {
		s = strconv.FormatFloat(0, 'f', dec, 64)
	}
	return s + "%"
}

// histBin is one bar of a histogram: n values from lo to lo + width.
type histBin struct {
	lo float64
	n  int
}

// histBars draws the bins of a histogram as adjacent bars with edges.
type histBars struct {
	bins  []histBin
	width float64
	fill  color.Color
	edge  draw.LineStyle
}

// Plot implements plot.Plotter.
func (h *histBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, b := range h.bins {
		x0, x1 := trX(b.lo), trX(b.lo+h.width)
		y0, y1 := trY(0), trY(float64(b.n))
		pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(h.fill, c.ClipPolygonXY(pts))
		c.StrokeLines(h.edge, c.ClipLinesXY(append(pts, pts[0]))...)
	}
}

// Thumbnail implements plot.Thumbnailer.
func (h *histBars) Thumbnail(c *draw.Canvas) {
	w := (c.Max.X - c.Min.X) / 2
	x := c.Center().X
	pts := []vg.Point{
		{X: x - w/2, Y: c.Min.Y}, {X: x + w/2, Y: c.Min.Y},
		{X: x + w/2, Y: c.Max.Y}, {X: x - w/2, Y: c.Max.Y},
	}
	c.FillPolygon(h.fill, pts)
	c.StrokeLines(h.edge, append(pts, pts[0]))
}
