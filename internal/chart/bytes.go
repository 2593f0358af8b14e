package chart

import (
	"bytes"
	"errors"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// PNG returns p drawn as [Save] draws it into base+".png", as bytes, for
// figures embedded in another file (a workbook).
func PNG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	if err := checkFigure(p, w, h); err != nil {
		return nil, err
	}
	img := vgimg.New(w, h)
	drawFigure(p, img)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart png: %w", err)
	}
	return buf.Bytes(), nil
}

// SVG returns p drawn as [Save] draws it into base+".svg", as bytes, for
// figures embedded in another file (an HTML report). Text in the figure is
// escaped by gonum's SVG backend.
func SVG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	if err := checkFigure(p, w, h); err != nil {
		return nil, err
	}
	svg := vgsvg.New(w, h)
	drawFigure(p, svg)
	var buf bytes.Buffer
	if _, err := (svgFonts{svg}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart svg: %w", err)
	}
	return buf.Bytes(), nil
}

func checkFigure(p *plot.Plot, w, h vg.Length) error {
	if p == nil {
		return errors.New("chart: nil plot")
	}
	if !(w > 0 && h > 0) {
		return fmt.Errorf("chart: size %v x %v is not positive", w, h)
	}
	return nil
}
