package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// put writes the named files (relative, '/') into dir.
func put(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree returns every file under dir, relative with '/', and their contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// outputsRun is one run of the tool writing files through Outputs.
func outputsRun(t *testing.T, dir string, files map[string]string, keep ...string) {
	t.Helper()
	o, err := Begin(dir, "test", keep...)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := o.Write(filepath.Join(dir, filepath.FromSlash(name)), func(w io.Writer) error {
			_, err := io.WriteString(w, data)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Finish(); err != nil {
		t.Fatal(err)
	}
}

func readManifestT(t *testing.T, dir string) Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOutputsRerun(t *testing.T) {
	dir := t.TempDir()
	user := map[string]string{"notes.txt": "mine", "charts/mine.png": "also mine"}
	put(t, dir, user)
	first := map[string]string{"aar.csv": "a1", "report.html": "<html>", "charts/event-A.png": "png", "groups/up/aar.csv": "g", "groups/up/charts/caar.png": "c"}
	outputsRun(t, dir, first)
	m := readManifestT(t, dir)
	if !m.Complete || len(m.Files) != len(first) || m.Files[0] != (ManifestFile{"aar.csv", 2, sha("a1")}) {
		t.Fatalf("manifest after the first run: %+v", m)
	}

	second := map[string]string{"aar.csv": "a2", "tests.csv": "t"}
	outputsRun(t, dir, second)
	want := map[string]string{"notes.txt": "mine", "charts/mine.png": "also mine", "aar.csv": "a2", "tests.csv": "t"}
	got := tree(t, dir)
	delete(got, ManifestName)
	if !equalMaps(got, want) {
		t.Errorf("after the second run the directory holds %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "groups")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("groups/ of the first run is still there: %v", err)
	}
	m = readManifestT(t, dir)
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, f.Path)
	}
	if !m.Complete || !slices.Equal(paths, []string{"aar.csv", "tests.csv"}) || m.Earlier != nil {
		t.Errorf("manifest after the second run: %+v", m)
	}

	// The same run again: the same bytes.
	b1, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	outputsRun(t, dir, second)
	b2, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	if !bytes.Equal(b1, b2) {
		t.Errorf("manifest differs between identical runs:\n%s\n%s", b1, b2)
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestOutputsNeverTouches: files a manifest lists but the tool could not
// have written in the directory stay, and so do a run's inputs.
func TestOutputsNeverTouches(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	outside := filepath.Join(root, "outside")
	put(t, root, map[string]string{"outside/f.csv": "theirs", "escape.csv": "theirs"})
	put(t, dir, map[string]string{"input/events.csv": "input", "sub/x/keep.txt": "k"})
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink(filepath.Join(root, "escape.csv"), filepath.Join(dir, "alias.csv")); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join(root, "escape.csv"))
	m := Manifest{Tool: "eventstudy", Version: "old", Complete: true, Files: []ManifestFile{
		{Path: "../escape.csv"}, {Path: abs}, {Path: "link/f.csv"}, {Path: "alias.csv"},
		{Path: "sub/x"}, {Path: "input/events.csv"}, {Path: ManifestName}, {Path: "missing.csv"},
	}}
	b, _ := json.Marshal(m)
	put(t, dir, map[string]string{ManifestName: string(b)})

	outputsRun(t, dir, map[string]string{"aar.csv": "a"}, filepath.Join(dir, "input", "events.csv"))
	for _, p := range []string{filepath.Join(outside, "f.csv"), filepath.Join(root, "escape.csv"),
		filepath.Join(dir, "input", "events.csv"), filepath.Join(dir, "sub", "x", "keep.txt")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "alias.csv")); err != nil {
		t.Errorf("a symbolic link listed by the manifest was removed: %v", err)
	}
}

// TestOutputsInterrupted: a run killed half-way leaves its manifest marked
// incomplete; the next run removes its temporaries and the files it wrote.
func TestOutputsInterrupted(t *testing.T) {
	dir := t.TempDir()
	outputsRun(t, dir, map[string]string{"aar.csv": "a", "old.csv": "o"})
	o, err := Begin(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if m := readManifestT(t, dir); m.Complete || len(m.Earlier) != 2 || m.Earlier[0].Path != "aar.csv" || m.Earlier[1] != (ManifestFile{"old.csv", 1, sha("o")}) {
		t.Fatalf("manifest of a run in progress: %+v", m)
	}
	write := func(o *Outputs, name string) error {
		return o.Write(filepath.Join(dir, filepath.FromSlash(name)), func(w io.Writer) error {
			_, err := io.WriteString(w, name)
			return err
		})
	}
	os.MkdirAll(filepath.Join(dir, "charts"), 0o755)
	if err := write(o, "charts/half.png"); err != nil {
		t.Fatal(err)
	}
	// Killed now: temporaries of files being written stay behind.
	put(t, dir, map[string]string{".eventstudy-tests.csv.123.tmp": "part", "charts/.eventstudy-caar.png.456.tmp": "part", ".other.tmp": "user"})

	outputsRun(t, dir, map[string]string{"aar.csv": "a"})
	got := tree(t, dir)
	delete(got, ManifestName)
	want := map[string]string{"aar.csv": "a", ".other.tmp": "user"}
	if !equalMaps(got, want) {
		t.Errorf("after the next run the directory holds %q, want %q", got, want)
	}
}

func TestOutputsAbort(t *testing.T) {
	dir := t.TempDir()
	o, err := Begin(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	errc := make(chan error)
	go func() {
		errc <- o.Write(filepath.Join(dir, "slow.csv"), func(w io.Writer) error {
			close(started)
			<-started // already closed; the abort happens while the file is open
			for range 100 {
				if _, err := w.Write(make([]byte, 1<<16)); err != nil {
					return err
				}
			}
			return nil
		})
	}()
	<-started
	o.Abort()
	<-errc // the temporary file may have been removed under it
	if err := o.Write(filepath.Join(dir, "late.csv"), func(w io.Writer) error { return nil }); !errors.Is(err, ErrInterrupted) {
		t.Errorf("write after Abort: %v, want ErrInterrupted", err)
	}
	if err := o.Finish(); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Finish after Abort: %v, want ErrInterrupted", err)
	}
	for name := range tree(t, dir) {
		if strings.HasSuffix(name, tempSuffix) || name == "late.csv" {
			t.Errorf("%s left after Abort", name)
		}
	}
	if m := readManifestT(t, dir); m.Complete {
		t.Error("manifest says complete after Abort")
	}
}

// TestOutputsEdited: a file of an earlier run that was changed since is
// someone else's now and stays.
func TestOutputsEdited(t *testing.T) {
	dir := t.TempDir()
	outputsRun(t, dir, map[string]string{"aar.csv": "a", "report.html": "r", "results.xlsx": "x"})
	put(t, dir, map[string]string{"report.html": "r, with my notes"})
	outputsRun(t, dir, map[string]string{"aar.csv": "a"})
	got := tree(t, dir)
	delete(got, ManifestName)
	if want := map[string]string{"aar.csv": "a", "report.html": "r, with my notes"}; !equalMaps(got, want) {
		t.Errorf("the directory holds %q, want %q", got, want)
	}
}

func TestOutputsForeignManifest(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{ManifestName: `{"name": "my package"}`})
	_, err := Begin(dir, "test")
	if err == nil || !strings.Contains(err.Error(), "was not written by eventstudy") {
		t.Fatalf("Begin over another program's manifest.json: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ManifestName)); string(b) != `{"name": "my package"}` {
		t.Errorf("manifest.json was changed to %s", b)
	}
}

// TestOutputsHugeManifest: a manifest.json larger than any run writes is
// refused without reading it whole (scripts/hostile.sh: 300 MB of valid
// JSON took 316 MB of memory; a file of gigabytes would have taken all).
func TestOutputsHugeManifest(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ManifestName)
	head := `{"tool":"eventstudy","complete":true,"files":[`
	if err := os.WriteFile(path, []byte(head+strings.Repeat(" ", maxManifest)+"]}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Begin(dir, "test")
	want := "output directory: " + path + " is larger than 67108864 bytes, more than eventstudy writes: choose another directory"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}
