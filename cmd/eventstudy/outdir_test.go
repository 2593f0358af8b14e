package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/report"
)

// TestMain lets a test run the program as a child process (the kill
// tests): with EVENTSTUDY_TEST_MAIN=1 the test binary is eventstudy.
func TestMain(m *testing.M) {
	if os.Getenv("EVENTSTUDY_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// synthStudy writes a synthetic study of 14 events (10 computed: enough
// for the histograms, few enough for a chart per event) and returns the
// arguments of a run on it into out.
func synthStudy(t *testing.T, out string) []string {
	t.Helper()
	in := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "--tickers", "5", "--days", "400", "--events", "14", "--seed", "1", "--out", in}, &stdout, &stderr); code != exitOK {
		t.Fatalf("gen: exit %d: %s", code, stderr.String())
	}
	return []string{"run", "--events", filepath.Join(in, "events.csv"), "--prices", filepath.Join(in, "panel.csv"),
		"--prices", "SYNMKT=" + filepath.Join(in, "market.csv"), "--market", "SYNMKT", "--out", out, "--quiet"}
}

// files returns the regular files under dir, relative with '/'.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func readManifest(t *testing.T, dir string) report.Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, report.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m report.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest.json: %v\n%s", err, b)
	}
	return m
}

// checkComplete fails unless dir holds a complete run: the manifest says
// complete, every file it lists is there with its size and SHA-256, and
// every other file is the manifest or one of user's. The journal of the
// run may remain if it was killed after the manifest was written (it is
// hidden, and the next run removes it).
func checkComplete(t *testing.T, dir string, m report.Manifest, user map[string]string) {
	t.Helper()
	if !m.Complete {
		t.Fatal("manifest says incomplete")
	}
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Path] = true
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		sum := sha256.Sum256(b)
		if err != nil || int64(len(b)) != f.Bytes || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: %d bytes, SHA-256 %x, error %v; manifest says %d bytes, %s", f.Path, len(b), sum, err, f.Bytes, f.SHA256)
		}
	}
	for _, p := range files(t, dir) {
		if !listed[p] && p != report.ManifestName && p != ".eventstudy-journal" && user[p] == "" {
			t.Errorf("%s is in the directory but not in its complete manifest", p)
		}
	}
}

func checkUser(t *testing.T, dir string, user map[string]string) {
	t.Helper()
	for p, want := range user {
		if b, err := os.ReadFile(filepath.Join(dir, p)); err != nil || string(b) != want {
			t.Errorf("the user's %s: %q, %v; want %q", p, b, err, want)
		}
	}
}

// TestRunRerun: a run into a used --out leaves exactly its files and the
// files the tool did not write.
func TestRunRerun(t *testing.T) {
	out := t.TempDir()
	args := synthStudy(t, out)
	user := map[string]string{"notes.txt": "mine", "charts/logo.png": "mine too"}
	for p, data := range user {
		os.MkdirAll(filepath.Dir(filepath.Join(out, p)), 0o755)
		os.WriteFile(filepath.Join(out, p), []byte(data), 0o644)
	}
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "--charts", "--report", "--xlsx", "--group", "group", "--windows", "0:0,-1:1"), &stdout, &stderr); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr.String())
	}
	first := files(t, out)
	for _, p := range []string{"report.html", "results.xlsx", "group_tests.csv", "groups/good/aar.csv", "groups/bad/charts/caar.png",
		"charts/car-hist-0_0.png", "charts/car-hist--1_1.svg", "charts/event-E05.png", "charts/prices-E05.svg"} {
		if !slices.Contains(first, p) {
			t.Fatalf("the first run wrote no %s: %q", p, first)
		}
	}
	checkComplete(t, out, readManifest(t, out), user)

	if code := run(append(args, "--charts", "--windows", "0:2"), &stdout, &stderr); code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, stderr.String())
	}
	m := readManifest(t, out)
	checkComplete(t, out, m, user)
	checkUser(t, out, user)
	got := files(t, out)
	for _, p := range []string{"report.html", "results.xlsx", "group_tests.csv", "groups/good/aar.csv", "charts/car-hist-0_0.png", "charts/car-hist--1_1.svg"} {
		if slices.Contains(got, p) {
			t.Errorf("%s of the first run is still there", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "groups")); err == nil {
		t.Error("groups/ of the first run is still there")
	}
	want := []string{"aar.csv", "ar.csv", "car.csv", "charts/caar.png", "charts/car-hist-0_2.png", "charts/event-E05.png", "charts/logo.png", "manifest.json", "notes.txt", "summary.json"}
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("no %s after the second run: %q", p, got)
		}
	}

	// The same run again writes the same bytes, the manifest included.
	before, _ := os.ReadFile(filepath.Join(out, report.ManifestName))
	if code := run(append(args, "--charts", "--windows", "0:2"), &stdout, &stderr); code != exitOK {
		t.Fatalf("third run: exit %d: %s", code, stderr.String())
	}
	if after, _ := os.ReadFile(filepath.Join(out, report.ManifestName)); !bytes.Equal(before, after) {
		t.Error("the manifest differs between identical runs")
	}
}

// TestRunNames: ids and group values that share a file name (also where
// case is ignored), climb out of groups/, are not Latin or are long each
// get their own files, and a long column name does not fail the workbook.
func TestRunNames(t *testing.T) {
	work := t.TempDir()
	args := synthStudy(t, filepath.Join(work, "out"))
	events := args[2]
	b, err := os.ReadFile(events)
	if err != nil {
		t.Fatal(err)
	}
	col := strings.Repeat("c", 300)
	ids := []string{"A/1", "A_1", "A 1", "阿里巴巴-HK", strings.Repeat("x", 235), "..", "CON", `A\1`, "(z)", "A:1", "a/1", "Ａ1", "E13", "E14"}
	groups := []string{"..", ".", strings.Repeat("g", 300), "阿里", "..", "aar.csv", "good", "/etc", "", "x", "X", "..", "Good", "."}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var sb strings.Builder
	sb.WriteString("id,ticker,date," + col + "\n")
	for i, l := range lines[1:] {
		f := strings.Split(l, ",")
		sb.WriteString(`"` + ids[i] + `",` + f[1] + "," + f[2] + `,"` + groups[i] + `"` + "\n")
	}
	if err := os.WriteFile(events, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	out := filepath.Join(work, "out")
	if code := run(append(args, "--charts", "--report", "--xlsx", "--pdf", "--group", col, "--windows", "0:0,-1:1"), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	car := readCSV(t, filepath.Join(out, "car.csv"))
	computed := map[string]bool{}
	for _, r := range car[1:] {
		computed[r[0]] = true
	}
	if len(computed) != 10 {
		t.Fatalf("%d events computed, want 10", len(computed))
	}
	charts, _ := filepath.Glob(filepath.Join(out, "charts", "event-*.png"))
	if len(charts) != len(computed) {
		t.Errorf("%d event charts for %d events: %q", len(charts), len(computed), charts)
	}
	// One directory per group, all inside groups/; the study's own
	// aar.csv is the study's (n counts every event), not a group's.
	want := map[string]bool{}
	for _, r := range car[1:] {
		want[r[len(r)-1]] = true
	}
	dirs, _ := os.ReadDir(filepath.Join(out, "groups"))
	folded := map[string]bool{}
	for _, d := range dirs {
		folded[strings.ToLower(d.Name())] = true
	}
	if len(dirs) != len(want) || len(folded) != len(want) {
		t.Errorf("%d group directories (%d where case is ignored) for %d groups", len(dirs), len(folded), len(want))
	}
	aar := readCSV(t, filepath.Join(out, "aar.csv"))
	if aar[0][1] != "n" || aar[1][1] != "10" {
		t.Errorf("aar.csv is not the study's: %q", aar[:2])
	}
	for _, p := range files(t, work) {
		if !strings.HasPrefix(p, "out/") {
			t.Errorf("%s written outside --out", p)
		}
	}
	checkComplete(t, out, readManifest(t, out), nil)
}

// TestRunKill kills runs into a used --out with SIGKILL at seeded moments
// and checks, after each, that the directory holds either a complete run
// (checkComplete: the previous run or the new one, exactly its files) or a
// run marked incomplete whose every file the next run knows to remove (in
// the manifest's earlier files or the journal, or a temporary file), and
// that the user's file is untouched. A run after them must leave exactly
// its files. Then the same with SIGTERM, which must also leave no
// temporary file and exit 143. The program runs as a child process: this
// test binary, made eventstudy by TestMain.
func TestRunKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program about 15 times")
	}
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no Unix")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	args := synthStudy(t, out)[1:] // without "run", added below
	user := map[string]string{"notes.txt": "mine"}
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	variants := [][]string{
		{"--charts", "--report", "--xlsx", "--group", "group", "--windows", "0:0,-1:1"},
		{"--charts", "--windows", "0:2,-2:2"},
		{"--xlsx", "--group", "group", "--windows", "0:1"},
	}
	start := func(i int) *exec.Cmd {
		cmd := exec.Command(exe, append(append([]string{"run"}, args...), variants[i%len(variants)]...)...)
		cmd.Env = append(os.Environ(), "EVENTSTUDY_TEST_MAIN=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// A complete run first, timed: the kills land within its duration.
	t0 := time.Now()
	cmd := start(0)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("first run: %v: %s", err, cmd.Stderr)
	}
	full := time.Since(t0)
	checkComplete(t, out, readManifest(t, out), user)

	rng := rand.New(rand.NewPCG(9, 6))
	check := func(what string) {
		t.Helper()
		checkUser(t, out, user)
		m := readManifest(t, out)
		t.Logf("%s: complete %v, %d files listed, %d earlier, %d files in the directory", what, m.Complete, len(m.Files), len(m.Earlier), len(files(t, out)))
		if m.Complete {
			checkComplete(t, out, m, user)
			return
		}
		known := map[string]bool{report.ManifestName: true, ".eventstudy-journal": true}
		for _, f := range m.Earlier {
			known[f.Path] = true
		}
		journal, _ := os.ReadFile(filepath.Join(out, ".eventstudy-journal"))
		for p := range strings.Lines(string(journal)) {
			known[strings.TrimSuffix(p, "\n")] = true
		}
		for _, p := range files(t, out) {
			temp := strings.HasPrefix(filepath.Base(p), ".eventstudy-") && strings.HasSuffix(p, ".tmp")
			if !known[p] && !temp && user[p] == "" {
				t.Errorf("%s: %s is in an incomplete run's directory, but the next run would not know to remove it", what, p)
			}
		}
	}
	for i := 1; i <= 6; i++ {
		// At once (the previous run stays complete), then at seeded
		// moments up to a little after a run's duration.
		delay := time.Duration(float64(full) * 1.1 * rng.Float64())
		if i == 1 {
			delay = time.Millisecond
		}
		cmd := start(i)
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		check("after kill -9")
	}
	// A run after the kills leaves exactly its files.
	cmd = start(2)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("run after the kills: %v: %s", err, cmd.Stderr)
	}
	checkComplete(t, out, readManifest(t, out), user)
	for i := 1; i <= 2; i++ {
		cmd := start(i)
		time.Sleep(time.Duration(float64(full) * rng.Float64()))
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != 143 && code != exitOK {
			t.Errorf("SIGTERM: exit %d, want 143 (or 0 if it had finished): %s", code, cmd.Stderr)
		}
		check("after SIGTERM")
		for _, p := range files(t, out) {
			if strings.HasSuffix(p, ".tmp") {
				t.Errorf("after SIGTERM: temporary file %s left", p)
			}
		}
	}
	cmd = start(1)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("last run: %v: %s", err, cmd.Stderr)
	}
	checkComplete(t, out, readManifest(t, out), user)
}
