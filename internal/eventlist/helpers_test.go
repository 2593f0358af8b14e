package eventlist

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedData holds the real files described in its SOURCES.md, referred to
// from the package directory. They are not part of the repository.
const sharedData = "../../../shared/data"

func realFile(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join(sharedData, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real data %s absent (see SOURCES.md in the shared data directory): %v", path, err)
	}
	return path
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
