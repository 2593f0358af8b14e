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
// in data units (plotter.BarChart takes it in points).
type bars struct {
	xys   plotter.XYs // finite values only
	width float64
	color color.Color
}

// Plot implements plot.Plotter.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, xy := range b.xys {
		x0, x1 := trX(xy.X-b.width/2), trX(xy.X+b.width/2)
		y0, y1 := trY(0), trY(xy.Y)
		rect := c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		c.FillPolygon(b.color, rect)
	}
}

// DataRange implements plot.DataRanger.
func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = plotter.XYRange(b.xys)
	return xmin - b.width/2, xmax + b.width/2, min(ymin, 0), max(ymax, 0)
}

// Thumbnail implements plot.Thumbnailer: one bar.
func (b *bars) Thumbnail(c *draw.Canvas) {
	w := (c.Max.X - c.Min.X) / 3
	x := c.Center().X
	c.FillPolygon(b.color, []vg.Point{
		{X: x - w/2, Y: c.Min.Y}, {X: x + w/2, Y: c.Min.Y},
		{X: x + w/2, Y: c.Max.Y}, {X: x - w/2, Y: c.Max.Y},
	})
}
