package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Margins between the edges of the figure and the plot, so that the
// title, the last tick label and the data do not touch the edges.
const (
	marginTop    = 0.12 * vg.Inch
	marginRight  = 0.2 * vg.Inch
	marginBottom = 0.08 * vg.Inch
	marginLeft   = 0.08 * vg.Inch
)

// Format is a file format of a figure, named by its file extension.
type Format string

// The formats SaveAs writes.
const (
	// FormatPNG is a raster image at vgimg.DefaultDPI (96 dots per inch).
	FormatPNG Format = "png"
	// FormatSVG is vector graphics for the web, with font fallbacks.
	FormatSVG Format = "svg"
	// FormatPDF is vector graphics for print, with the fonts embedded.
	// Text is encoded in Windows-1252 (Latin-1 and a few more signs);
	// other characters are replaced visibly, see [SaveAs].
	FormatPDF Format = "pdf"
)

// Save writes p as base+".png" and base+".svg": SaveAs with FormatPNG
// and FormatSVG.
func Save(p *plot.Plot, w, h vg.Length, base string) error {
	return SaveAs(p, w, h, base, FormatPNG, FormatSVG)
}

// SaveAs writes p as base+"."+format for each format, w wide and h high
// (8 x 4.5 inches suits the figures of this package), on a white
// background with small margins. Each file is written to a temporary file
// in the same directory and then renamed, so a reader never sees a partial
// figure. With no format, it writes nothing.
//
// Text keeps every character in SVG. In PNG, characters the font has no
// glyph for (CJK, Arabic, emoji with the Liberation fonts) are drawn as
// their code points, "<U+963F>". In PDF, characters outside Windows-1252
// are replaced: the minus sign U+2212 and other dashes by "-", letters
// with marks outside the code page by their base letter ("ă" becomes
// "a"), anything else ("ł", "阿") by its code point. Nothing is dropped
// or drawn as "?"; Unshown lists what PNG or PDF replace.
func SaveAs(p *plot.Plot, w, h vg.Length, base string, formats ...Format) error {
	if p == nil {
		return errors.New("save chart: nil plot")
	}
	if !(w > 0 && h > 0) {
		return fmt.Errorf("save chart: size %v x %v is not positive", w, h)
	}
	for _, f := range formats {
		switch f {
		case FormatPNG, FormatSVG, FormatPDF:
		default:
			return fmt.Errorf("save chart: unknown format %q (want png, svg or pdf)", string(f))
		}
	}
	for _, f := range formats {
		if err := writeAtomic(base+"."+string(f), Encode(p, w, h, f)); err != nil {
			return err
		}
	}
	return nil
}

// Encode returns what SaveAs writes of p in format f, for callers that
// write the file themselves. f must be one of the formats above.
func Encode(p *plot.Plot, w, h vg.Length, f Format) io.WriterTo {
	switch f {
	case FormatPNG:
		img := vgimg.New(w, h)
		drawFigure(p, img)
		return vgimg.PngCanvas{Canvas: img}
	case FormatSVG:
		svg := vgsvg.New(w, h)
		drawFigure(p, svg)
		return svgFonts{svg}
	case FormatPDF:
		return newPDF(p, w, h)
	}
	panic("chart: unknown format " + string(f))
}

// svgFonts adds fallbacks to the font family of an SVG figure: viewers
// without the Liberation fonts use Arial or Helvetica (Times New Roman or
// Times for Liberation Serif), which have the same metrics, so the layout
// holds.
type svgFonts struct{ svg io.WriterTo }

func (s svgFonts) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if _, err := s.svg.WriteTo(&buf); err != nil {
		return 0, err
	}
	out := bytes.ReplaceAll(buf.Bytes(),
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	out = bytes.ReplaceAll(out,
		[]byte("font-family:Liberation Serif;"),
		[]byte("font-family:'Liberation Serif','Times New Roman',Times,serif;"))
	n, err := w.Write(out)
	return int64(n), err
}

// drawFigure fills c in white and draws p inside the margins.
func drawFigure(p *plot.Plot, c vg.CanvasSizer) {
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	p.Draw(draw.Crop(dc, marginLeft, -marginRight, marginBottom, -marginTop))
}

// writeAtomic writes to a temporary file next to path and renames it to
// path once it is complete.
func writeAtomic(path string, wt io.WriterTo) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save chart: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := wt.WriteTo(f); err != nil {
		return fmt.Errorf("save chart: write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("save chart: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("save chart: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save chart: write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save chart: %w", err)
	}
	return nil
}
