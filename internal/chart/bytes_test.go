package chart

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBytes: PNG and SVG give the bytes Save writes to files.
func TestBytes(t *testing.T) {
	p, err := CAAR(caarData())
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "caar")
	if err := Save(p, figWidth, figHeight, base); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ext  string
		draw func() ([]byte, error)
	}{
		{".png", func() ([]byte, error) { return PNG(p, figWidth, figHeight) }},
		{".svg", func() ([]byte, error) { return SVG(p, figWidth, figHeight) }},
	} {
		got, err := tc.draw()
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(base + tc.ext)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the bytes differ from Save's file", tc.ext)
		}
	}
	if _, err := SVG(nil, figWidth, figHeight); err == nil {
		t.Error("SVG of a nil plot: no error")
	}
	if _, err := PNG(p, 0, figHeight); err == nil {
		t.Error("PNG of zero width: no error")
	}
}
