package chart

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Text in any script reaches the figures (titles from --title, event ids,
// tickers, group names), but the fonts embedded for PNG and PDF do not
// cover every script: the Liberation fonts have Latin, Greek and Cyrillic
// and no CJK, Arabic, Hebrew, Devanagari or emoji, and the PDF fonts only
// Windows-1252. Left alone, PNG drops such characters without a trace and
// PDF prints "?". Instead each one becomes its code point, "<U+963F>", in
// the formats that cannot show it; SVG keeps the text as it is (it is text
// in the file, and the viewer's fonts draw it). Unshown reports such
// characters so that a run can say so.

// escapeRune writes r as a visible code point.
func escapeRune(b *strings.Builder, r rune) { fmt.Fprintf(b, "<U+%04X>", r) }

// pngText returns s with each character that face has no glyph for, and
// each control character, replaced by its code point.
func pngText(face font.Face, s string) string {
	var buf sfnt.Buffer
	i := strings.IndexFunc(s, func(r rune) bool { return !hasGlyph(face, &buf, r) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if hasGlyph(face, &buf, r) {
			b.WriteRune(r)
		} else {
			escapeRune(&b, r)
		}
	}
	return b.String()
}

func hasGlyph(face font.Face, buf *sfnt.Buffer, r rune) bool {
	if unicode.IsControl(r) {
		return false
	}
	i, err := face.Face.GlyphIndex(buf, r)
	return err == nil && i != 0
}

// pdfString returns s as the PDF fonts can show it, still in UTF-8: the
// characters of Windows-1252 as they are; the minus sign U+2212 and other
// dashes as "-"; letters with marks outside the code page as their base
// letter when that is in it ("ă" becomes "a"); anything else ("ł", "阿")
// as its code point.
func pdfString(s string) string {
	enc := charmap.Windows1252
	var b strings.Builder
	for _, r := range s {
		if _, ok := enc.EncodeRune(r); ok && !unicode.IsControl(r) {
			b.WriteRune(r)
			continue
		}
		if r == '\u2212' || unicode.Is(unicode.Pd, r) {
			b.WriteByte('-')
			continue
		}
		if base := []rune(norm.NFD.String(string(r))); len(base) > 1 {
			if _, ok := enc.EncodeRune(base[0]); ok {
				b.WriteRune(base[0])
				continue
			}
		}
		escapeRune(&b, r)
	}
	return b.String()
}

// Unshown returns the distinct characters of s that a figure cannot show
// as they are in the given formats with style's fonts (they are written as
// their code points there; SVG keeps them all), in order of appearance.
// White space is not reported: titles are one line, their spaces plain.
func Unshown(style Style, s string, formats ...Format) []rune {
	face := text.Plain{Fonts: font.DefaultCache}.Cache().Lookup(style.look().font, tickSize)
	png, pdf := slices.Contains(formats, FormatPNG), slices.Contains(formats, FormatPDF)
	var buf sfnt.Buffer
	var out []rune
	for _, r := range s {
		if unicode.IsSpace(r) || slices.Contains(out, r) {
			continue
		}
		if png && !hasGlyph(face, &buf, r) || pdf && pdfString(string(r)) != string(r) {
			out = append(out, r)
		}
	}
	return out
}

// glyphHandler is the text handler of every text of a figure: it draws
// each string as the canvas can show it (pngText for raster canvases,
// pdfString for PDF, as it is for SVG), and measures the wider of the PNG
// and PDF forms, so that the layout (centred titles, the legend's box)
// holds in every format.
type glyphHandler struct{ text.Handler }

// Box implements text.Handler.
func (h glyphHandler) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	if printableASCII(txt) {
		return h.Handler.Box(txt, fnt) // every format shows it as it is
	}
	face := h.Cache().Lookup(fnt, fnt.Size)
	w1, height, depth := h.Handler.Box(pngText(face, txt), fnt)
	w2, _, _ := h.Handler.Box(pdfString(txt), fnt)
	return max(w1, w2), height, depth
}

// Draw implements text.Handler.
func (h glyphHandler) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	h.Handler.Draw(c, shown(c, h.Cache().Lookup(sty.Font, sty.Font.Size), txt), sty, pt)
}

// printableASCII reports whether s holds only the characters from space
// to tilde, which the fonts of every format have.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// shown returns txt as canvas c draws it (see glyphHandler).
func shown(c vg.Canvas, face font.Face, txt string) string {
	if printableASCII(txt) {
		return txt
	}
	// Plot elements draw through a draw.Canvas around the figure's canvas.
	for {
		switch dc := c.(type) {
		case *draw.Canvas:
			c = dc.Canvas
			continue
		case draw.Canvas:
			c = dc.Canvas
			continue
		}
		break
	}
	switch c.(type) {
	case *vgsvg.Canvas:
		return txt
	case pdfCanvas:
		return pdfString(txt)
	}
	return pngText(face, txt)
}
