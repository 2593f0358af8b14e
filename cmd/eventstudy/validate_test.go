package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateOutsideCheckout: without --out, validate-tests writes
// docs/validation.md at the root of a checkout and validation.md in any
// other directory (it failed there, looking for docs/).
func TestValidateOutsideCheckout(t *testing.T) {
	for _, tt := range []struct {
		name, gomod, want string
	}{
		{"checkout", "module github.com/eventstudy/eventstudy\n\ngo 1.26\n", "docs/validation.md"},
		{"other module", "module example.com/mine\n", "validation.md"},
		{"no go.mod", "", "validation.md"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.gomod != "" {
				if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(tt.gomod), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Mkdir(filepath.Join(dir, "docs"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			args := []string{"validate-tests", "--samples", "2", "--events", "5", "--bootstrap", "10"}
			if code := run(args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if !strings.HasSuffix(stdout.String(), "wrote "+filepath.FromSlash(tt.want)+"\n") {
				t.Errorf("stdout %q, want it to end with wrote %s", stdout.String(), tt.want)
			}
			b, err := os.ReadFile(filepath.Join(dir, tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("# Size and power of the cross-event tests\n")) {
				t.Errorf("%s starts %q, want the validation page", tt.want, b[:min(len(b), 60)])
			}
		})
	}
}

// TestValidateKeepsHandWritten: a rerun rewrites the simulated tables and
// keeps the part of the page from keptMarker on (the placebo sizes of
// real panels, which validate-tests does not compute).
func TestValidateKeepsHandWritten(t *testing.T) {
	out := filepath.Join(t.TempDir(), "v.md")
	tail := keptMarker + "\n\n## Placebo sizes\n\nby hand\n"
	if err := os.WriteFile(out, []byte("# old page\n\nold table\n\n"+tail), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"validate-tests", "--samples", "2", "--events", "5", "--bootstrap", "10", "--out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, "# Size and power of the cross-event tests\n") || strings.Contains(s, "old table") || !strings.HasSuffix(s, "\n\n"+tail) {
		t.Errorf("page after rerun:\n%s", s)
	}
}
