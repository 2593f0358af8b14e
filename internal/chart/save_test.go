package chart

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSave(t *testing.T) {
	p, err := CAAR(caarData())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "caar")
	if err := Save(p, figWidth, figHeight, base); err != nil {
		t.Fatal(err)
	}

	f, err := os.Open(base + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	// 8 x 4.5 inches at vgimg.DefaultDPI (96).
	if b := img.Bounds(); b.Dx() != 768 || b.Dy() != 432 {
		t.Errorf("png is %d x %d, want 768 x 432", b.Dx(), b.Dy())
	}

	svg1, err := os.ReadFile(base + ".svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(svg1, []byte("<?xml")) || !bytes.Contains(svg1, []byte("</svg>")) {
		t.Errorf("svg is not a complete SVG document")
	}
	if !bytes.Contains(svg1, []byte("CAAR, market model")) {
		t.Errorf("svg lacks the title")
	}
	if !bytes.Contains(svg1, []byte("'Liberation Sans',Arial")) {
		t.Errorf("svg lacks the font fallbacks")
	}
	png1, err := os.ReadFile(base + ".png")
	if err != nil {
		t.Fatal(err)
	}

	// Saving again, over the first files, gives the same bytes.
	if err := Save(p, figWidth, figHeight, base); err != nil {
		t.Fatal(err)
	}
	for ext, want := range map[string][]byte{".png": png1, ".svg": svg1} {
		got, err := os.ReadFile(base + ext)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs between two saves of the same plot", ext)
		}
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o644 {
			t.Errorf("%s has mode %v, want 0644", e.Name(), perm)
		}
	}
	if got := strings.Join(names, " "); got != "caar.png caar.svg" {
		t.Errorf("directory holds %q, want only caar.png and caar.svg (no temporary files)", got)
	}
}

func TestSaveErrors(t *testing.T) {
	p, err := Event(eventData())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name string
		save func() error
	}{
		{"nil plot", func() error { return Save(nil, figWidth, figHeight, filepath.Join(dir, "a")) }},
		{"zero width", func() error { return Save(p, 0, figHeight, filepath.Join(dir, "b")) }},
		{"missing directory", func() error { return Save(p, figWidth, figHeight, filepath.Join(dir, "no", "c")) }},
	}
	for _, tt := range tests {
		if err := tt.save(); err == nil {
			t.Errorf("%s: no error", tt.name)
		} else if !strings.HasPrefix(err.Error(), "save chart: ") {
			t.Errorf("%s: error %q lacks its context", tt.name, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed saves left %d files behind", len(entries))
	}
}

func TestSaveAsPDF(t *testing.T) {
	c := caarData()
	c.Title = "Nestlé and Müller − a “test” – ăł"
	c.Style = Paper
	p, err := CAAR(c)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "caar")
	if err := SaveAs(p, figWidth, figHeight, base, FormatPDF); err != nil {
		t.Fatal(err)
	}
	pdf1, err := os.ReadFile(base + ".pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf1, []byte("%PDF-")) || !bytes.Contains(pdf1, []byte("%%EOF")) {
		t.Errorf("pdf is not a complete PDF document")
	}
	if bytes.Contains(pdf1, []byte("/CreationDate")) {
		t.Errorf("pdf has a creation date: two saves would differ")
	}
	for _, s := range []string{"/SMask", "/CA 0.", "/ca 0."} {
		if bytes.Contains(pdf1, []byte(s)) {
			t.Errorf("pdf has transparency (%s)", s)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("SaveAs(pdf) wrote %d files, want 1", len(entries))
	}
	if err := SaveAs(p, figWidth, figHeight, base, FormatPDF); err != nil {
		t.Fatal(err)
	}
	if pdf2, _ := os.ReadFile(base + ".pdf"); !bytes.Equal(pdf1, pdf2) {
		t.Errorf("pdf differs between two saves of the same plot")
	}

	if err := SaveAs(p, figWidth, figHeight, base, FormatPNG, "eps"); err == nil || !strings.Contains(err.Error(), `"eps"`) {
		t.Errorf("unknown format: err = %v", err)
	}
	if _, err := os.Stat(base + ".png"); err == nil {
		t.Errorf("SaveAs with an unknown format wrote a png")
	}
}

func TestLatin1(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CAAR -1%", "CAAR -1%"},
		{"Nestlé", "Nestl\xe9"},
		{"Müller − 5 ‐ 6", "M\xfcller - 5 - 6"},
		{"a – b — c “d” €", "a \x96 b \x97 c \x93d\x94 \x80"},
		// ł has no base letter in the code page and 日 is not in it: their
		// code points, never "?" (which stays itself).
		{"ăł日?", "a<U+0142><U+65E5>?"},
	}
	for _, tt := range tests {
		if got := latin1(tt.in); got != tt.want {
			t.Errorf("latin1(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseStyle(t *testing.T) {
	for _, s := range []Style{Default, Paper} {
		got, err := ParseStyle(s.String())
		if err != nil || got != s {
			t.Errorf("ParseStyle(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := ParseStyle("journal"); err == nil {
		t.Errorf("ParseStyle(journal): no error")
	}
}
