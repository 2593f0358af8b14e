package chart

import (
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font sizes for an 8 x 4.5 inch figure.
const (
	titleSize    = 12
	subtitleSize = 10
	labelSize    = 10
	tickSize     = 9
	legendSize   = 9
)

// Colours. Lines are blue, bars grey, bands a translucent blue.
var (
	lineColor     = color.NRGBA{R: 0x1f, G: 0x4e, B: 0x99, A: 0xff}
	bandColor     = color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0x40}
	barColor      = color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
	marketColor   = color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	estColor      = color.NRGBA{R: 0xe3, G: 0xec, B: 0xf6, A: 0xff}
	eventColor    = color.NRGBA{R: 0xfc, G: 0xe4, B: 0xc8, A: 0xff}
	gridColor     = color.NRGBA{R: 0xe2, G: 0xe2, B: 0xe2, A: 0xff}
	subtitleColor = color.NRGBA{R: 0x44, G: 0x44, B: 0x44, A: 0xff}
)

var (
	zeroStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.75)}
	day0Style = draw.LineStyle{
		Color:  color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff},
		Width:  vg.Points(0.75),
		Dashes: []vg.Length{vg.Points(4), vg.Points(3)},
	}
)

// figureFont is the typeface of every text in the figures.
var figureFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a plot with the house fonts and the title and subtitle.
func newPlot(title, subtitle string) *plot.Plot {
	p := plot.New()
	title = oneLine(title)
	subtitle = oneLine(subtitle)
	hdlr := p.TextHandler

	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(figureFont, titleSize)
	p.Title.Padding = vg.Points(8)
	if subtitle != "" && subtitle != title {
		if title != "" {
			p.Title.Text = title + "\n" + subtitle
		} else {
			p.Title.Text = subtitle
		}
		p.Title.TextStyle.Handler = titleHandler{
			Handler:  hdlr,
			subtitle: subtitle,
			subFont:  font.From(figureFont, subtitleSize),
			subColor: subtitleColor,
		}
	}

	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(figureFont, labelSize)
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font.From(figureFont, tickSize)
		a.Tick.Length = vg.Points(5)
		a.Padding = vg.Points(3)
	}

	p.Legend.TextStyle.Font = font.From(figureFont, legendSize)
	p.Legend.ThumbnailWidth = vg.Points(18)
	p.Legend.Padding = vg.Points(2)
	p.Legend.XOffs = vg.Points(6)
	p.Legend.YOffs = vg.Points(-4)

	return p
}

// grid returns light horizontal lines at the major ticks of the y axis.
func grid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	return g
}

// oneLine replaces line breaks with spaces: titles and subtitles are one
// line each.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// titleHandler draws a two-line title whose second line, the subtitle, is
// smaller and grey. Text that is not the subtitle is handled as usual.
type titleHandler struct {
	text.Handler
	subtitle string
	subFont  font.Font
	subColor color.Color
}

// Box implements text.Handler.
func (h titleHandler) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	if txt == h.subtitle {
		fnt = h.subFont
	}
	return h.Handler.Box(txt, fnt)
}

// Draw implements text.Handler. It places the lines like text.Plain does,
// the first one at the top of the block.
func (h titleHandler) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	if sty.Rotation != 0 {
		h.Handler.Draw(c, txt, sty, pt)
		return
	}
	ext := h.Extents(sty.Font)
	linegap := ext.Height - ext.Ascent - ext.Descent
	height := sty.Height(txt)
	top := pt.Y + vg.Length(sty.YAlign)*height - (ext.Height - ext.Ascent) + height
	y := top
	for i, line := range h.Lines(txt) {
		fnt, clr := sty.Font, sty.Color
		if line == h.subtitle {
			fnt, clr = h.subFont, h.subColor
		}
		w, asc, desc := h.Handler.Box(line, fnt)
		if i > 0 {
			y -= linegap
		}
		y -= asc
		face := h.Cache().Lookup(fnt, fnt.Size)
		c.SetColor(clr)
		c.FillString(face, vg.Point{X: pt.X + vg.Length(sty.XAlign)*w, Y: y}, line)
		y -= desc
	}
}

// refLine is a horizontal (at Y) or vertical (at X) line across the whole
// data area.
type refLine struct {
	vertical bool
	at       float64
	style    draw.LineStyle
}

// Plot implements plot.Plotter.
func (r refLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	if r.vertical {
		if r.at < p.X.Min || r.at > p.X.Max {
			return
		}
		x := trX(r.at)
		c.StrokeLine2(r.style, x, c.Min.Y, x, c.Max.Y)
		return
	}
	if r.at < p.Y.Min || r.at > p.Y.Max {
		return
	}
	y := trY(r.at)
	c.StrokeLine2(r.style, c.Min.X, y, c.Max.X, y)
}

// Thumbnail implements plot.Thumbnailer.
func (r refLine) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(r.style, c.Min.X, y, c.Max.X, y)
}

// shade is a band of the full data height between two x values.
type shade struct {
	from, to float64
	color    color.Color
}

// Plot implements plot.Plotter.
func (s shade) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x0, x1 := trX(max(s.from, p.X.Min)), trX(min(s.to, p.X.Max))
	if x1 <= x0 {
		return
	}
	c.FillPolygon(s.color, []vg.Point{
		{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y},
	})
}

// Thumbnail implements plot.Thumbnailer.
func (s shade) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(s.color, []vg.Point{
		c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y},
	})
}
