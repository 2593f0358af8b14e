package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Approximate size in points of the data area of an 8 x 4.5 inch figure
// with a two-line title; the legend is placed by its size relative to it.
const (
	dataAreaWidth  = 470
	dataAreaHeight = 215
)

// backdropMargin is the space around the legend entries on its backdrop.
const backdropMargin = 4

// box is a rectangle in data units occupied by something drawn; an
// infinite side marks a line across the whole plot.
type box struct{ x0, x1, y0, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1
}

// legend collects the entries of a plot's legend before they are placed.
type legend struct {
	look   *look
	texts  []string
	thumbs [][]plot.Thumbnailer
}

func (l *legend) add(text string, thumbs ...plot.Thumbnailer) {
	l.texts = append(l.texts, text)
	l.thumbs = append(l.thumbs, thumbs)
}

// place adds the entries to p's legend in the first corner (top left, top
// right, bottom left, bottom right) where the legend does not cover any of
// the occupied boxes, with the axis ranges of p already set. When every
// corner is taken, it raises p.Y.Max to make room at the top.
func (l *legend) place(p *plot.Plot, occupied []box) {
	if len(l.texts) == 0 {
		return
	}
	sty := p.Legend.TextStyle
	var textWidth vg.Length
	for _, t := range l.texts {
		textWidth = max(textWidth, sty.Width(" "+t))
	}
	n := vg.Length(len(l.texts))
	enth := sty.Height("Ag")
	w := p.Legend.ThumbnailWidth + textWidth + p.Legend.XOffs + 2*backdropMargin
	h := n*enth + (n-1)*p.Legend.Padding + vg.Length(math.Abs(float64(p.Legend.YOffs))) + 2*backdropMargin
	fx := float64(w / dataAreaWidth)
	fy := float64(h / dataAreaHeight)

	dx, dy := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
	corner := func(top, left bool) box {
		b := box{x0: p.X.Min, x1: p.X.Min + fx*dx, y0: p.Y.Max - fy*dy, y1: p.Y.Max}
		if !left {
			b.x0, b.x1 = p.X.Max-fx*dx, p.X.Max
		}
		if !top {
			b.y0, b.y1 = p.Y.Min, p.Y.Min+fy*dy
		}
		return b
	}
	free := func(b box) bool {
		for _, o := range occupied {
			if b.overlaps(o) {
				return false
			}
		}
		return true
	}

	top, left, found := true, true, false
	for _, c := range []struct{ top, left bool }{{true, true}, {true, false}, {false, true}, {false, false}} {
		if free(corner(c.top, c.left)) {
			top, left, found = c.top, c.left, true
			break
		}
	}
	if !found && fy < 0.6 {
		// Raise the top so that the data stay below the legend in the top
		// corner that needs less room; lines across the whole height are
		// left to the legend's backdrop.
		need := func(b box) float64 {
			hi := math.Inf(-1)
			for _, o := range occupied {
				if !math.IsInf(o.y1, 0) && o.x0 <= b.x1 && b.x0 <= o.x1 {
					hi = max(hi, o.y1)
				}
			}
			return hi
		}
		hiL, hiR := need(corner(true, true)), need(corner(true, false))
		left = hiL <= hiR
		hi := min(hiL, hiR) + 0.02*dy
		if ymax := (hi - fy*p.Y.Min) / (1 - fy); ymax > p.Y.Max {
			p.Y.Max = ymax
		}
	}

	p.Legend.Top, p.Legend.Left = top, left
	if !left {
		p.Legend.XOffs = -p.Legend.XOffs
	}
	if !top {
		p.Legend.YOffs = -p.Legend.YOffs
	}
	bd := backdrop{legend: &p.Legend, texts: l.texts, fill: l.look.backdrop, rim: l.look.backdropRim}
	for i, t := range l.texts {
		thumbs := l.thumbs[i]
		if i == 0 {
			thumbs = append([]plot.Thumbnailer{bd}, thumbs...)
		}
		p.Legend.Add(t, thumbs...)
	}
}

// backdrop fills the area of the whole legend (in opaque white) so that
// grid lines and shading do not run through its text. It is the first
// thumbnail of the first entry: plot.Legend draws it before any other
// entry, and its canvas locates the legend exactly.
type backdrop struct {
	legend *plot.Legend
	texts  []string
	fill   color.Color
	rim    draw.LineStyle
}

// Thumbnail implements plot.Thumbnailer.
func (b backdrop) Thumbnail(c *draw.Canvas) {
	l := b.legend
	sty := l.TextStyle
	em := sty.Rectangle(" ").Max.X
	var tw vg.Length
	for _, t := range b.texts {
		tw = max(tw, sty.Rectangle(t).Max.X)
	}
	enth := c.Max.Y - c.Min.Y
	top := c.Max.Y + backdropMargin
	bottom := c.Min.Y - vg.Length(len(b.texts)-1)*(enth+l.Padding) - backdropMargin
	left, right := c.Min.X-backdropMargin, c.Max.X+em+tw+backdropMargin
	if !l.Left {
		left, right = c.Min.X-em-tw-backdropMargin, c.Max.X+backdropMargin
	}
	pts := []vg.Point{{X: left, Y: bottom}, {X: right, Y: bottom}, {X: right, Y: top}, {X: left, Y: top}}
	c.FillPolygon(b.fill, pts)
	c.StrokeLines(b.rim, append(pts, pts[0]))
}
