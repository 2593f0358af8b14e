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
