package chart

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
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
	drawFigure(p, pdfText{c})
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

// pdfText passes text to the PDF canvas in Windows-1252, the encoding of
// the fonts that vgpdf embeds; given UTF-8 it would print each byte of a
// multi-byte character as a character of its own.
type pdfText struct{ *vgpdf.Canvas }

// FillString implements vg.Canvas.
func (c pdfText) FillString(f font.Face, pt vg.Point, s string) {
	c.Canvas.FillString(f, pt, latin1(s))
}

// latin1 returns s encoded in Windows-1252, with the characters outside it
// replaced: dashes and minus signs by "-", letters with marks by their
// base letter when that is in the code page, the rest by "?".
func latin1(s string) string {
	enc := charmap.Windows1252
	var b strings.Builder
	for _, r := range s {
		if c, ok := enc.EncodeRune(r); ok {
			b.WriteByte(c)
			continue
		}
		if r == '\u2212' || unicode.Is(unicode.Pd, r) {
			b.WriteByte('-')
			continue
		}
		if base := []rune(norm.NFD.String(string(r))); len(base) > 1 {
			if c, ok := enc.EncodeRune(base[0]); ok {
				b.WriteByte(c)
				continue
			}
		}
		b.WriteByte('?')
	}
	return b.String()
}
