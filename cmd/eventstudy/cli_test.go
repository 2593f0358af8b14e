package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// elapsed matches the run time in the final line, which varies.
var elapsed = regexp.MustCompile(`in [0-9.]+ s(, [0-9]+ events/s)?(, peak memory [0-9]+ MB)?`)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/cli/*.txt")

// TestCLI runs each testdata/cli/*.txt archive: files/NAME sections are
// written to a fresh work directory ($WORK), the args section is run (split
// on spaces after replacing $WORK), and the exit code, stdout, stderr and
// every out/NAME section (a file under $WORK/out) must match. With -update
// the expected sections are rewritten from what the program did.
func TestCLI(t *testing.T) {
	archives, err := filepath.Glob("testdata/cli/*.txt")
	if err != nil || len(archives) == 0 {
		t.Fatalf("no archives: %v", err)
	}
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			var args string
			for _, f := range ar.Files {
				switch {
				case f.Name == "args":
					args = strings.TrimSpace(string(f.Data))
				case strings.HasPrefix(f.Name, "files/"):
					p := filepath.Join(work, strings.TrimPrefix(f.Name, "files/"))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			var stdout, stderr bytes.Buffer
			code := run(strings.Fields(strings.ReplaceAll(args, "$WORK", work)), &stdout, &stderr)
			got := map[string]string{
				"exit":   strconv.Itoa(code) + "\n",
				"stdout": strings.ReplaceAll(stdout.String(), work, "$WORK"),
				"stderr": elapsed.ReplaceAllString(strings.ReplaceAll(stderr.String(), work, "$WORK"), "in TIME"),
			}
			for i, f := range ar.Files {
				want, ok := got[f.Name]
				if strings.HasPrefix(f.Name, "out/") {
					b, err := os.ReadFile(filepath.Join(work, f.Name))
					if err != nil {
						t.Errorf("%s: %v", f.Name, err)
						continue
					}
					want, ok = strings.ReplaceAll(string(b), work, "$WORK"), true
				}
				if !ok {
					continue
				}
				if *update {
					ar.Files[i].Data = []byte(want)
				} else if string(f.Data) != want {
					t.Errorf("%s:\n--- got ---\n%s--- want ---\n%s", f.Name, want, f.Data)
				}
				delete(got, f.Name)
			}
			for name, data := range got {
				if *update {
					ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
				} else if data != "" {
					t.Errorf("no %s section, but the program wrote:\n%s", name, data)
				}
			}
			if *update {
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
