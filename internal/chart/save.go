package chart

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Save writes p as base+".png" (at vgimg.DefaultDPI) and base+".svg", w
// wide and h high (8 x 4.5 inches suits the figures of this package).
// Each file is written to a temporary file in the same directory and then
// renamed, so a reader never sees a partial figure.
func Save(p *plot.Plot, w, h vg.Length, base string) error {
	if p == nil {
		return errors.New("save chart: nil plot")
	}
	if !(w > 0 && h > 0) {
		return fmt.Errorf("save chart: size %v x %v is not positive", w, h)
	}
	img := vgimg.New(w, h)
	p.Draw(draw.New(img))
	if err := writeAtomic(base+".png", vgimg.PngCanvas{Canvas: img}); err != nil {
		return err
	}
	svg := vgsvg.New(w, h)
	p.Draw(draw.New(svg))
	return writeAtomic(base+".svg", svg)
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
