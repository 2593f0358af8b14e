package chart

import (
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is the look of a figure. The zero value is Default; a Style that
// is neither Default nor Paper is a programming error, on which figures
// panic.
type Style int

const (
	// Default is for screens and slides: colour, Liberation Sans.
	Default Style = iota
	// Paper is for journals: greyscale, Liberation Serif, thinner lines.
	Paper
)

// ParseStyle returns the style named "default" or "paper".
func ParseStyle(name string) (Style, error) {
	switch name {
	case "default":
		return Default, nil
	case "paper":
		return Paper, nil
	}
	return Default, fmt.Errorf("chart style %q: want default or paper", name)
}

// String returns the name of s as ParseStyle takes it.
func (s Style) String() string {
	switch s {
	case Default:
		return "default"
	case Paper:
		return "paper"
	}
	return fmt.Sprintf("Style(%d)", int(s))
}

// Font sizes for an 8 x 4.5 inch figure.
const (
	titleSize    = 12
	subtitleSize = 10
	labelSize    = 10
	tickSize     = 9
	legendSize   = 9
)

// look holds the fonts, colours and line styles of a Style. Every colour
// is opaque: the PDF backend mishandles transparency, and opaque fills
// print the same in every format. Fills that used to be translucent are
// their blend with white.
type look struct {
	font font.Font

	line        draw.LineStyle // CAAR and CAR
	band        color.Color    // confidence band
	bandEdge    draw.LineStyle // edges of the estimation days' band
	pathBand    color.Color    // the estimation days' band, over window shades
	bar         color.Color    // AAR and AR
	security    draw.LineStyle
	market      draw.LineStyle
	est, event  color.Color // window shades of the price chart
	eventStrong color.NRGBA // nested windows of the intraday path, tinted
	closed      color.Color // a shortened overnight on an intraday axis
	grid        draw.LineStyle
	subtitle    color.Color
	zero, day0  draw.LineStyle
	mean        draw.LineStyle // mean of a histogram
	histFill    color.Color
	histEdge    draw.LineStyle
	backdrop    color.Color // legend background
	backdropRim draw.LineStyle
	// series are the lines of Groups, in order; a figure with more
	// series than these repeats them.
	series []seriesLook
}

// seriesLook is the line, marker and band of one series of Groups. Lines
// differ in dash pattern and marker as well as in colour, so they stay
// apart in greyscale.
type seriesLook struct {
	line  draw.LineStyle
	glyph draw.GlyphDrawer
	band  color.Color
}

func grey(v uint8) color.NRGBA { return color.NRGBA{R: v, G: v, B: v, A: 0xff} }

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// tint blends c with white, keeping share of c: the opaque colour that c
// at alpha share shows on white.
func tint(c color.NRGBA, share float64) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v)*share + 255*(1-share) + 0.5) }
	return color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: 0xff}
}

// Dash patterns.
var (
	solid   []vg.Length
	dashed  = []vg.Length{vg.Points(5), vg.Points(2.5)}
	dotted  = []vg.Length{vg.Points(1), vg.Points(1.8)}
	dashDot = []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1.2), vg.Points(2)}
	longDsh = []vg.Length{vg.Points(10), vg.Points(3)}
)

// look returns the fonts, colours and line styles of s. It panics on a
// Style that is neither Default nor Paper.
func (s Style) look() *look {
	switch s {
	case Default:
		blue := rgb(0x1f, 0x4e, 0x99)
		series := []seriesLook{
			{line: draw.LineStyle{Color: blue, Width: vg.Points(1.5), Dashes: solid}, glyph: draw.CircleGlyph{}},
			{line: draw.LineStyle{Color: rgb(0xd5, 0x5e, 0x00), Width: vg.Points(1.5), Dashes: dashed}, glyph: draw.SquareGlyph{}},
			{line: draw.LineStyle{Color: rgb(0x00, 0x9e, 0x73), Width: vg.Points(1.5), Dashes: dotted}, glyph: draw.TriangleGlyph{}},
			{line: draw.LineStyle{Color: rgb(0x6a, 0x3d, 0x9a), Width: vg.Points(1.5), Dashes: dashDot}, glyph: draw.CrossGlyph{}},
			{line: draw.LineStyle{Color: rgb(0x33, 0x33, 0x33), Width: vg.Points(1.5), Dashes: longDsh}, glyph: draw.RingGlyph{}},
			{line: draw.LineStyle{Color: rgb(0xcc, 0x79, 0xa7), Width: vg.Points(1.5), Dashes: solid}, glyph: draw.PlusGlyph{}},
		}
		for i := range series {
			series[i].band = tint(series[i].line.Color.(color.NRGBA), 0.16)
		}
		return &look{
			font:        font.Font{Typeface: "Liberation", Variant: "Sans"},
			line:        draw.LineStyle{Color: blue, Width: vg.Points(1.5)},
			band:        tint(rgb(0x1f, 0x77, 0xb4), 0.25),
			bandEdge:    draw.LineStyle{Color: tint(rgb(0x1f, 0x77, 0xb4), 0.6), Width: vg.Points(0.6)},
			pathBand:    tint(rgb(0x1f, 0x77, 0xb4), 0.25),
			bar:         grey(0x9a),
			security:    draw.LineStyle{Color: blue, Width: vg.Points(1.25)},
			market:      draw.LineStyle{Color: grey(0x55), Width: vg.Points(1)},
			est:         rgb(0xe3, 0xec, 0xf6),
			event:       rgb(0xfc, 0xe4, 0xc8),
			eventStrong: rgb(0xf2, 0x9e, 0x4c),
			closed:      grey(0xee),
			grid:        draw.LineStyle{Color: grey(0xe2), Width: vg.Points(0.5)},
			subtitle:    grey(0x44),
			zero:        draw.LineStyle{Color: color.Black, Width: vg.Points(0.75)},
			day0:        draw.LineStyle{Color: grey(0x33), Width: vg.Points(0.75), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}},
			mean:        draw.LineStyle{Color: rgb(0xd5, 0x5e, 0x00), Width: vg.Points(1.5), Dashes: dashed},
			histFill:    tint(blue, 0.45),
			histEdge:    draw.LineStyle{Color: blue, Width: vg.Points(0.5)},
			backdrop:    color.White,
			backdropRim: draw.LineStyle{Color: grey(0xbb), Width: vg.Points(0.5)},
			series:      series,
		}
	case Paper:
		series := []seriesLook{
			{line: draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: solid}, glyph: draw.CircleGlyph{}, band: grey(0xe4)},
			{line: draw.LineStyle{Color: grey(0x55), Width: vg.Points(1), Dashes: dashed}, glyph: draw.SquareGlyph{}, band: grey(0xd4)},
			{line: draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: dotted}, glyph: draw.TriangleGlyph{}, band: grey(0xec)},
			{line: draw.LineStyle{Color: grey(0x55), Width: vg.Points(1), Dashes: dashDot}, glyph: draw.CrossGlyph{}, band: grey(0xdc)},
			{line: draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: longDsh}, glyph: draw.RingGlyph{}, band: grey(0xe8)},
			{line: draw.LineStyle{Color: grey(0x55), Width: vg.Points(1), Dashes: solid}, glyph: draw.PlusGlyph{}, band: grey(0xe0)},
		}
		return &look{
			font:        font.Font{Typeface: "Liberation", Variant: "Serif"},
			line:        draw.LineStyle{Color: color.Black, Width: vg.Points(1)},
			band:        grey(0xdc),
			bandEdge:    draw.LineStyle{Color: grey(0x77), Width: vg.Points(0.5), Dashes: dotted},
			pathBand:    grey(0xc6),
			bar:         grey(0x8c),
			security:    draw.LineStyle{Color: color.Black, Width: vg.Points(0.9)},
			market:      draw.LineStyle{Color: grey(0x66), Width: vg.Points(0.75), Dashes: dashed},
			est:         grey(0xf0),
			event:       grey(0xdd),
			eventStrong: grey(0xc0),
			closed:      grey(0xf2),
			grid:        draw.LineStyle{Color: grey(0xe6), Width: vg.Points(0.4)},
			subtitle:    grey(0x33),
			zero:        draw.LineStyle{Color: color.Black, Width: vg.Points(0.5)},
			day0:        draw.LineStyle{Color: color.Black, Width: vg.Points(0.5), Dashes: []vg.Length{vg.Points(3), vg.Points(2.5)}},
			mean:        draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: dashed},
			histFill:    grey(0xc8),
			histEdge:    draw.LineStyle{Color: color.Black, Width: vg.Points(0.4)},
			backdrop:    color.White,
			backdropRim: draw.LineStyle{Color: grey(0x99), Width: vg.Points(0.4)},
			series:      series,
		}
	}
	panic(fmt.Sprintf("chart: unknown style %d", int(s)))
}

// newPlot returns a plot with the fonts of lk and the title and subtitle.
func newPlot(lk *look, title, subtitle string) *plot.Plot {
	p := plot.New()
	title = oneLine(title)
	subtitle = oneLine(subtitle)
	// Every text draws what the format can show (glyphHandler).
	hdlr := glyphHandler{p.TextHandler}
	for _, sty := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		sty.Handler = hdlr
	}

	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(lk.font, titleSize)
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
			subFont:  font.From(lk.font, subtitleSize),
			subColor: lk.subtitle,
		}
	}

	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(lk.font, labelSize)
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font.From(lk.font, tickSize)
		a.Tick.Length = vg.Points(5)
		a.Padding = vg.Points(3)
	}

	p.Legend.TextStyle.Font = font.From(lk.font, legendSize)
	p.Legend.ThumbnailWidth = vg.Points(18)
	p.Legend.Padding = vg.Points(2)
	p.Legend.XOffs = vg.Points(6)
	p.Legend.YOffs = vg.Points(-4)

	return p
}

// grid returns light horizontal lines at the major ticks of the y axis.
func grid(lk *look) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = lk.grid
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
		_, asc, desc := h.Handler.Box(line, fnt)
		if i > 0 {
			y -= linegap
		}
		y -= asc
		face := h.Cache().Lookup(fnt, fnt.Size)
		// Aligned by the width of what is drawn: Box measured the
		// widest form of the line in any format (glyphHandler).
		line = shown(c, face, line)
		w := face.Width(line)
		// A line wider than the figure (a long --title, code points for
		// a script the font lacks) is drawn smaller rather than cut off.
		if avail := canvasWidth(c); avail > 0 && w > avail {
			fnt.Size *= avail / w
			face = h.Cache().Lookup(fnt, fnt.Size)
			w = face.Width(line)
		}
		c.SetColor(clr)
		c.FillString(face, vg.Point{X: pt.X + vg.Length(sty.XAlign)*w, Y: y}, line)
		y -= desc
	}
}

// canvasWidth returns the width of the area c draws into, 0 when c does
// not say.
func canvasWidth(c vg.Canvas) vg.Length {
	switch dc := c.(type) {
	case *draw.Canvas:
		return dc.Max.X - dc.Min.X
	case draw.Canvas:
		return dc.Max.X - dc.Min.X
	}
	return 0
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

// Thumbnail implements plot.Thumbnailer: a swatch with a thin rim, so
// that a pale shade still shows on the white legend.
func (s shade) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(s.color, pts)
	c.StrokeLines(draw.LineStyle{Color: grey(0xaa), Width: vg.Points(0.4)}, append(pts, pts[0]))
}
