package chart

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// scriptsData is groupsData with a title and group names in CJK, Arabic,
// Cyrillic and emoji.
func scriptsData() GroupsChart {
	c := groupsData()
	c.Title = "阿里巴巴 9988.HK"
	c.Subtitle = "Новости, أخبار 📈"
	for i, name := range []string{"好消息 (N = 120)", "أخبار سيئة (N = 95)", "Без новостей (N = 197)"} {
		c.Series[i].Name = name
	}
	return c
}

// TestGoldenScripts: in PNG, what Liberation Sans lacks (CJK, Arabic,
// emoji) is drawn as code points, what it has (Cyrillic) as it is; the
// legend's box fits the longer text.
func TestGoldenScripts(t *testing.T) {
	checkGolden(t, "groups_scripts", func() (*plot.Plot, error) { return Groups(scriptsData()) })
}

func TestPNGText(t *testing.T) {
	face := text.Plain{Fonts: font.DefaultCache}.Cache().Lookup(Default.look().font, tickSize)
	for _, tc := range []struct{ in, want string }{
		{"阿里巴巴 9988.HK", "<U+963F><U+91CC><U+5DF4><U+5DF4> 9988.HK"},
		{"Новости Ελλάδα Müller − 5", "Новости Ελλάδα Müller − 5"}, // Liberation has them
		{"مرحبا", "<U+0645><U+0631><U+062D><U+0628><U+0627>"},
		{"up 📈", "up <U+1F4C8>"},
		{"a\tb?", "a<U+0009>b?"},
	} {
		if got := pngText(face, tc.in); got != tc.want {
			t.Errorf("pngText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// 阿, 里: no glyph; д, е, н, ь and ł: not in the PDF's code page;
	// each once, in order; SVG shows them all.
	for _, tc := range []struct {
		formats []Format
		want    string
	}{
		{[]Format{FormatPNG, FormatSVG, FormatPDF}, "阿里деньł"},
		{[]Format{FormatPNG}, "阿里"},
		{[]Format{FormatPDF}, "阿里деньł"},
		{[]Format{FormatSVG}, ""},
	} {
		if got := string(Unshown(Default, "阿里 9988.HK день ł 阿", tc.formats...)); got != tc.want {
			t.Errorf("Unshown(%v) = %q, want %q", tc.formats, got, tc.want)
		}
	}
}

// TestScriptsInFormats: a figure whose texts are in several scripts keeps
// them in SVG, shows their code points in PDF, and never writes "?" for
// them.
func TestScriptsInFormats(t *testing.T) {
	p, err := Groups(scriptsData())
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "f")
	if err := SaveAs(p, figWidth, figHeight, base, FormatSVG, FormatPDF); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(base + ".svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"阿里巴巴 9988.HK", "Новости, أخبار 📈", "好消息 (N = 120)", "أخبار سيئة (N = 95)", "Без новостей (N = 197)"} {
		if !bytes.Contains(svg, []byte(">"+s+"<")) {
			t.Errorf("the SVG does not hold the text %q", s)
		}
	}
	if bytes.Contains(svg, []byte("&lt;U+")) {
		t.Error("the SVG holds escaped code points")
	}

	texts := pdfStrings(t, base+".pdf")
	for _, s := range []string{
		"<U+963F><U+91CC><U+5DF4><U+5DF4> 9988.HK",
		"<U+041D><U+043E><U+0432><U+043E><U+0441><U+0442><U+0438>, <U+0623><U+062E><U+0628><U+0627><U+0631> <U+1F4C8>",
		"<U+597D><U+6D88><U+606F> (N = 120)",
	} {
		if !slices.Contains(texts, s) {
			t.Errorf("the PDF does not show %q; its texts: %q", s, texts)
		}
	}
	for _, s := range texts {
		if strings.Contains(s, "?") {
			t.Errorf("the PDF shows %q", s)
		}
	}
}

// TestShownByCanvas: each canvas gets the text it can show.
func TestShownByCanvas(t *testing.T) {
	face := text.Plain{Fonts: font.DefaultCache}.Cache().Lookup(Default.look().font, tickSize)
	const s = "阿 день"
	if got := shown(vgsvg.New(10, 10), face, s); got != s {
		t.Errorf("SVG: %q", got)
	}
	if got := shown(vgimg.New(10, 10), face, s); got != "<U+963F> день" {
		t.Errorf("PNG: %q", got)
	}
	if got := shown(pdfCanvas{vgpdf.New(10, 10)}, face, s); got != "<U+963F> <U+0434><U+0435><U+043D><U+044C>" {
		t.Errorf("PDF: %q", got)
	}
}

var pdfUnescape = strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`)

// pdfStrings returns the strings of the text operators (Tj) of a PDF's
// content streams.
func pdfStrings(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	tj := regexp.MustCompile(`\(((?:[^()\\]|\\.)*)\)\s*Tj`)
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(b, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not a compressed content stream (a font)
		}
		d, err := io.ReadAll(r)
		if err != nil {
			continue
		}
		for _, s := range tj.FindAllSubmatch(d, -1) {
			out = append(out, pdfUnescape.Replace(string(s[1])))
		}
	}
	return out
}

// recCanvas records the strings drawn on a PNG canvas, with their font
// size and position.
type recCanvas struct {
	*vgimg.Canvas
	texts []drawnText
}

type drawnText struct {
	s    string
	size vg.Length
	x    vg.Length
	w    vg.Length
}

func (c *recCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.texts = append(c.texts, drawnText{s, f.Font.Size, pt.X, f.Width(s)})
	c.Canvas.FillString(f, pt, s)
}

// TestLongTitleShrinks: a title line wider than the figure, here because
// of code points, is drawn smaller and whole, inside the figure; a title
// that fits keeps its size.
func TestLongTitleShrinks(t *testing.T) {
	for _, tc := range []struct {
		title  string
		shrunk bool
	}{
		{"CAAR, 2 events, 2 securities, market model (阿里巴巴 9988.HK)", false},
		{"9988.HK vs ^HSI, day 0 = 2025-11-14, market model (阿里巴巴 9988.HK, 阿里巴巴集团控股有限公司)", true},
	} {
		c := caarData()
		c.Title = tc.title
		p, err := CAAR(c)
		if err != nil {
			t.Fatal(err)
		}
		rc := &recCanvas{Canvas: vgimg.New(figWidth, figHeight)}
		drawFigure(p, rc)
		want := pngText(text.Plain{Fonts: font.DefaultCache}.Cache().Lookup(Default.look().font, titleSize), tc.title)
		i := slices.IndexFunc(rc.texts, func(d drawnText) bool { return d.s == want })
		if i < 0 {
			t.Fatalf("title %q not drawn as %q; drawn: %v", tc.title, want, rc.texts)
		}
		d := rc.texts[i]
		if d.x < 0 || d.x+d.w > figWidth {
			t.Errorf("title %q drawn from %v to %v, outside the figure (0 to %v)", tc.title, d.x, d.x+d.w, figWidth)
		}
		if shrunk := d.size < titleSize; shrunk != tc.shrunk {
			t.Errorf("title %q drawn at %v points (title size %v)", tc.title, d.size, titleSize)
		}
	}
}
