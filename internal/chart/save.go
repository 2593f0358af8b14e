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

// Save writes p as base+".png" (at vgimg.DefaultDPI) and base+".svg", w
// wide and h high (8 x 4.5 inches suits the figures of this package),
// on a white background with small margins. Each file is written to a
// temporary file in the same directory and then renamed, so a reader never
// sees a partial figure.
func Save(p *plot.Plot, w, h vg.Length, base string) error {
	if p == nil {
		return errors.New("save chart: nil plot")
	}
	if !(w > 0 && h > 0) {
		return fmt.Errorf("save chart: size %v x %v is not positive", w, h)
	}
	img := vgimg.New(w, h)
	drawFigure(p, img)
	if err := writeAtomic(base+".png", vgimg.PngCanvas{Canvas: img}); err != nil {
		return err
	}
	svg := vgsvg.New(w, h)
	drawFigure(p, svg)
	return writeAtomic(base+".svg", svgFonts{svg})
}

// svgFonts adds fallbacks to the font family of an SVG figure: viewers
// without the Liberation fonts use Arial or Helvetica, which have the same
// metrics as Liberation Sans, so the layout holds.
type svgFonts struct{ svg io.WriterTo }

func (s svgFonts) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if _, err := s.svg.WriteTo(&buf); err != nil {
		return 0, err
	}
	out := bytes.ReplaceAll(buf.Bytes(),
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
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
	if err := f.Close(); err != nil {
		return fmt.Errorf("save chart: write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save chart: %w", err)
	}
	return nil
}
