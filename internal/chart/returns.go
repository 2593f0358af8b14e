package chart

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

const (
	// dayPad keeps the outer bars off the ends of the x axis.
	dayPad = 0.8
	// valuePad is the share of the y range added above and below the data.
	valuePad = 0.06

	dayAxisLabel = "Event day (trading days relative to day 0)"
	bandName     = "95% confidence band"
)

// returnsFigure is the layout shared by CAAR and Event: returns per day
// as bars, their cumulation as a line inside a band.
type returnsFigure struct {
	what              string // the figure, for errors: "caar chart"
	style             Style
	values            Measure
	title, subtitle   string
	days              []int
	barName, lineName string
	bar, line, lo, hi []float64
}

func (f returnsFigure) check() error {
	n := len(f.days)
	if n == 0 {
		return fmt.Errorf("%s: no days: %w", f.what, ErrEmpty)
	}
	anyFinite := false
	for _, s := range []struct {
		name string
		v    []float64
	}{{f.barName, f.bar}, {f.lineName, f.line}, {"Lo", f.lo}, {"Hi", f.hi}} {
		if len(s.v) != n {
			return fmt.Errorf("%s: %s has %d values, want %d (one per day): %w", f.what, s.name, len(s.v), n, ErrLength)
		}
		for i, v := range s.v {
			if err := drawable(v); err != nil {
				return fmt.Errorf("%s: %s at day %d: %w", f.what, s.name, f.days[i], err)
			}
			anyFinite = anyFinite || finite(v)
		}
	}
	for i := 1; i < n; i++ {
		if f.days[i] <= f.days[i-1] {
			return fmt.Errorf("%s: day %d at index %d does not follow day %d: %w", f.what, f.days[i], i, f.days[i-1], ErrOrder)
		}
	}
	if !anyFinite {
		return fmt.Errorf("%s: no finite value in %s, %s, Lo or Hi: %w", f.what, f.barName, f.lineName, ErrEmpty)
	}
	return nil
}

func (f returnsFigure) plot() (*plot.Plot, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	n := len(f.days)
	x := make([]float64, n)
	for i, d := range f.days {
		x[i] = float64(d)
	}
	// Lines and bands break at missing values and at missing days.
	brk := func(i int) bool { return f.days[i] != f.days[i-1]+1 }

	lk := f.style.look()
	p := newPlot(lk, f.title, f.subtitle)
	p.X.Label.Text = dayAxisLabel
	p.X.Tick.Marker = dayTicks{}
	p.Y.Label.Text = f.values.name("")
	p.Y.Tick.Marker = f.values.ticks(0)

	var occupied []box
	leg := legend{look: lk}

	band := &plotter.Polygon{Color: lk.band}
	for _, r := range runs(n, brk, f.lo, f.hi) {
		band.XYs = append(band.XYs, bandRing(x, r, f.lo, f.hi))
		occupied = append(occupied, spanBoxes(x, r, f.lo, f.hi)...)
	}
	if len(band.XYs) > 0 {
		p.Add(band)
	}
	// The grid runs over the opaque band and under the bars and lines.
	p.Add(grid(lk))

	b := &bars{width: barWidth, color: lk.bar}
	for i, v := range f.bar {
		if finite(v) {
			b.xys = append(b.xys, plotter.XY{X: x[i], Y: v})
			occupied = append(occupied, box{x[i] - barWidth/2, x[i] + barWidth/2, min(v, 0), max(v, 0)})
		}
	}
	p.Add(b)

	zero := refLine{at: 0, style: lk.zero}
	p.Add(zero)
	occupied = append(occupied, box{math.Inf(-1), math.Inf(1), 0, 0})
	if f.days[0] <= 0 && 0 <= f.days[n-1] {
		p.Add(refLine{vertical: true, at: 0, style: lk.day0})
		occupied = append(occupied, box{0, 0, math.Inf(-1), math.Inf(1)})
	}

	lineStyle := lk.line
	for _, r := range runs(n, brk, f.line) {
		occupied = append(occupied, spanBoxes(x, r, f.line, f.line)...)
		xys := make(plotter.XYs, len(r))
		for k, i := range r {
			xys[k] = plotter.XY{X: x[i], Y: f.line[i]}
		}
		if len(xys) == 1 {
			s, err := plotter.NewScatter(xys)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", f.what, f.lineName, err)
			}
			s.GlyphStyle = draw.GlyphStyle{Color: lineStyle.Color, Radius: vg.Points(1.5), Shape: draw.CircleGlyph{}}
			p.Add(s)
			continue
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", f.what, f.lineName, err)
		}
		l.LineStyle = lineStyle
		p.Add(l)
	}

	p.X.Min, p.X.Max = x[0]-dayPad, x[n-1]+dayPad
	p.Y.Min, p.Y.Max = valueRange(0, f.bar, f.line, f.lo, f.hi)

	leg.add(f.barName, b)
	leg.add(f.lineName, &plotter.Line{LineStyle: lineStyle})
	leg.add(bandName, band)
	leg.place(p, occupied)
	return p, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// maxDrawable bounds the finite values: beyond it, the range of the data
// would overflow and the rasterizer would get no usable coordinates.
const maxDrawable = 1e100

// drawable returns an error for a finite value too large to draw.
func drawable(v float64) error {
	if finite(v) && math.Abs(v) > maxDrawable {
		return fmt.Errorf("%g is too large to draw: %w", v, ErrValue)
	}
	return nil
}

// runs splits the indexes 0..n-1 into runs over which every series is
// finite, breaking also before each index i for which brk(i) is true.
func runs(n int, brk func(i int) bool, series ...[]float64) [][]int {
	var out [][]int
	var cur []int
	for i := range n {
		ok := true
		for _, s := range series {
			ok = ok && finite(s[i])
		}
		if !ok || (i > 0 && brk(i)) {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
		}
		if ok {
			cur = append(cur, i)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// spanBoxes returns the boxes covered by the area between lo and hi over
// one run: one box per pair of neighbours, or one for a single point.
// bandRing is the outline of a band over the points r of a run: along lo
// forwards, then along hi backwards.
func bandRing(x []float64, r []int, lo, hi []float64) plotter.XYs {
	ring := make(plotter.XYs, 0, 2*len(r))
	for _, i := range r {
		ring = append(ring, plotter.XY{X: x[i], Y: lo[i]})
	}
	for k := len(r) - 1; k >= 0; k-- {
		ring = append(ring, plotter.XY{X: x[r[k]], Y: hi[r[k]]})
	}
	return ring
}

func spanBoxes(x []float64, run []int, lo, hi []float64) []box {
	ext := func(i int) (float64, float64) { return min(lo[i], hi[i]), max(lo[i], hi[i]) }
	if len(run) == 1 {
		i := run[0]
		a, b := ext(i)
		return []box{{x[i], x[i], a, b}}
	}
	out := make([]box, 0, len(run)-1)
	for k := 1; k < len(run); k++ {
		i, j := run[k-1], run[k]
		a0, b0 := ext(i)
		a1, b1 := ext(j)
		out = append(out, box{x[i], x[j], min(a0, a1), max(b0, b1)})
	}
	return out
}

// valueRange returns the range of the finite values and of extra, padded
// by valuePad on each side.
func valueRange(extra float64, series ...[]float64) (lo, hi float64) {
	lo, hi = extra, extra
	for _, s := range series {
		for _, v := range s {
			if finite(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	pad := valuePad * (hi - lo)
	if scale := max(math.Abs(lo), math.Abs(hi)); pad <= 1e-9*scale || pad == 0 {
		// Flat data: show a band of ±0.5% of the level (or of 1).
		pad = 0.005 * max(1, scale)
	}
	return lo - pad, hi + pad
}
