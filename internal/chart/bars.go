package chart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barWidth is the width of a bar in days.
const barWidth = 0.7

// bars draws one bar per point from zero to Y, centred on X, with a width
// in data units (plotter.BarChart takes it in points). Positive and
// negative bars may differ in colour.
type bars struct {
	xys      plotter.XYs // finite values only
	width    float64
	pos, neg color.Color
}

// Plot implements plot.Plotter.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, xy := range b.xys {
		x0, x1 := trX(xy.X-b.width/2), trX(xy.X+b.width/2)
		y0, y1 := trY(0), trY(xy.Y)
		clr := b.pos
		if xy.Y < 0 {
			clr = b.neg
		}
		rect := c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		c.FillPolygon(clr, rect)
	}
}

// DataRange implements plot.DataRanger.
func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = plotter.XYRange(b.xys)
	return xmin - b.width/2, xmax + b.width/2, min(ymin, 0), max(ymax, 0)
}

// Thumbnail implements plot.Thumbnailer: a positive and a negative bar.
func (b *bars) Thumbnail(c *draw.Canvas) {
	w := (c.Max.X - c.Min.X) / 5
	mid := c.Center().X
	c.FillPolygon(b.pos, []vg.Point{
		{X: mid - 1.5*w, Y: c.Min.Y}, {X: mid - 0.5*w, Y: c.Min.Y},
		{X: mid - 0.5*w, Y: c.Max.Y}, {X: mid - 1.5*w, Y: c.Max.Y},
	})
	c.FillPolygon(b.neg, []vg.Point{
		{X: mid + 0.5*w, Y: c.Min.Y}, {X: mid + 1.5*w, Y: c.Min.Y},
		{X: mid + 1.5*w, Y: c.Center().Y}, {X: mid + 0.5*w, Y: c.Center().Y},
	})
}
