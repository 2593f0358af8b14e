package chart

import (
	"bytes"
	"io"
	"regexp"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgpdf"
)

func init() {
	// The resources of a PDF (fonts) are written in a fixed order, so
	// the same figure gives the same bytes. This is the one place that
	// sets fpdf's package defaults.
	fpdf.SetDefaultCatalogSort(true)
}

// pdfFigure is a figure drawn into a PDF canvas.
type pdfFigure struct{ c *vgpdf.Canvas }

// newPDF draws p into a PDF canvas w wide and h high.
func newPDF(p *plot.Plot, w, h vg.Length) pdfFigure {
	c := vgpdf.New(w, h)
	drawFigure(p, pdfCanvas{c})
	return pdfFigure{c}
}

// pdfDates matches the creation and modification dates that fpdf writes
// into the document information.
var pdfDates = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}\)`)

// WriteTo implements io.WriterTo. It blanks the dates of the document
// information with spaces of the same length (so the cross-reference
// offsets hold): the same figure gives the same bytes.
func (f pdfFigure) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if _, err := f.c.WriteTo(&buf); err != nil {
		return 0, err
	}
	out := pdfDates.ReplaceAllFunc(buf.Bytes(), func(m []byte) []byte {
		return bytes.Repeat([]byte(" "), len(m))
	})
	n, err := w.Write(out)
	return int64(n), err
}

// pdfCanvas passes text to the PDF canvas in Windows-1252, the encoding
// of the fonts that vgpdf embeds; given UTF-8 it would print each byte of a
// multi-byte character as a character of its own.
type pdfCanvas struct{ *vgpdf.Canvas }

// FillString implements vg.Canvas. The text handler (glyphHandler) has
// already replaced what Windows-1252 lacks (pdfString); this does it again
// for text drawn without it.
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.Canvas.FillString(f, pt, latin1(s))
}

// latin1 returns pdfString(s) encoded in Windows-1252.
func latin1(s string) string {
	enc := charmap.Windows1252
	var b strings.Builder
	for _, r := range pdfString(s) {
		c, _ := enc.EncodeRune(r) // pdfString leaves only characters of the code page
		b.WriteByte(c)
	}
	return b.String()
}
