package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// benchLine is one study line of scripts/bench.sh: events, input, tool,
// computed, skipped, wall s, events/s, peak MB, time MB, x floor.
var benchLine = regexp.MustCompile(`(?m)^ *(\d+)  (panel\.csv|panel\.parquet) +(new|[0-9a-f]{4,}) +(\d+) +(\d+) +([0-9.]+) +(\d+) +(\d+) +(\d+|-) +([0-9.]+|-)$`)

// TestBenchScript runs scripts/bench.sh, the scale benchmark of issue 13, on
// a tiny generated panel (BENCH_TICKERS etc.), so that a change of the
// tool's last line, which the script parses, or of its flags breaks a test,
// not the lead's hour-long measurement. The expected numbers are the
// script's own invariants and what the kept output directories hold
// (skipped.csv, fit.csv), read independently of the line the script parses.
func TestBenchScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool and runs 6 small studies")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script, err := filepath.Abs("../../scripts/bench.sh")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := append(os.Environ(), "BENCH_TICKERS=20", "BENCH_DAYS=400", "BENCH_EVENTS=60", "KEEP=", "BENCH_SIZES=", "BENCH_BASE=")
	bench := func(extra []string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bash, append([]string{script}, args...)...)
		cmd.Env = append(env, extra...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit):
			code = exit.ExitCode()
		default:
			t.Fatal(err)
		}
		return o.String(), e.String(), code
	}

	out, errOut, code := bench(nil, "-n", "20,40", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	floorM := regexp.MustCompile(`(?m)^floor: wc panel\.csv \(LC_ALL=\S+\) ([0-9.]+) s, best of 3; for context: cat [0-9.]+ s, wc -l [0-9.]+ s$`).FindStringSubmatch(out)
	if floorM == nil {
		t.Fatalf("no floor line in\n%s", out)
	}
	floor, _ := strconv.ParseFloat(floorM[1], 64)
	if !strings.Contains(out, "panel.csv 1 MB (8000 rows)") { // 20 tickers x 400 days
		t.Errorf("no panel size line (20 x 400 = 8000 rows) in\n%s", out)
	}
	lines := benchLine.FindAllStringSubmatch(out, -1)
	if len(lines) != 4 {
		t.Fatalf("%d study lines, want 4 (2 sizes x 2 inputs), in\n%s", len(lines), out)
	}
	computed := map[string]string{}
	for k, m := range lines {
		tool := m[3]
		m = append(append([]string{}, m[:3]...), m[4:]...) // without the tool
		n, _ := strconv.Atoi(m[1])
		c, _ := strconv.Atoi(m[3])
		s, _ := strconv.Atoi(m[4])
		wall, _ := strconv.ParseFloat(m[5], 64)
		rate, _ := strconv.ParseFloat(m[6], 64)
		peak, _ := strconv.Atoi(m[7])
		wantN, wantIn := []int{20, 20, 40, 40}[k], []string{"panel.csv", "panel.parquet"}[k%2]
		if n != wantN || m[2] != wantIn || tool != "new" {
			t.Errorf("line %d: %d events from %s by %s, want %d from %s by new", k, n, m[2], tool, wantN, wantIn)
		}
		if c+s != n {
			t.Errorf("line %d: %d computed + %d skipped, want %d", k, c, s, n)
		}
		// The same events computed from either input.
		if prev, ok := computed[m[1]]; ok && prev != m[3] {
			t.Errorf("%s events: %s computed from CSV, %s from Parquet", m[1], prev, m[3])
		}
		computed[m[1]] = m[3]
		// events/s is n / wall, wall printed to 0.01 s.
		if wall <= 0 || rate < float64(n)/(wall+0.005)-1 || rate > float64(n)/max(wall-0.005, 1e-9)+1 {
			t.Errorf("line %d: %v events/s, want %d / %v s", k, rate, n, wall)
		}
		if peak <= 0 {
			t.Errorf("line %d: peak %d MB", k, peak)
		}
		// GNU time's maximum resident set of the process and the tool's own
		// getrusage before it exits: the same counter, read a moment apart.
		if m[8] != "-" {
			if tm, _ := strconv.Atoi(m[8]); tm < peak || tm > peak+2 {
				t.Errorf("line %d: GNU time %d MB, the tool %d MB", k, tm, peak)
			}
		}
		// x floor is wall / floor, both rounded in print.
		if x, err := strconv.ParseFloat(m[9], 64); err != nil || floor <= 0 {
			t.Errorf("line %d: x floor %q, floor %v", k, m[9], floor)
		} else if lo, hi := (wall-0.005)/(floor+0.0005), (wall+0.005)/max(floor-0.0005, 1e-9); x < lo-0.01 || x > hi+0.01 {
			t.Errorf("line %d: x floor %v, want %v / %v s (between %.2f and %.2f)", k, x, wall, floor, lo, hi)
		}
	}
	for _, target := range []string{
		"1,000,000 events, panel.csv: peak <= 4096 MB", "1,000,000 events, panel.csv: wall <= 12x floor",
		"1,000,000 events, panel.parquet: peak <= 4096 MB", "1,000,000 events, panel.parquet: wall <= 12x floor",
		"20,000 events, panel.csv: wall <= 2x floor", "20,000 events, panel.parquet: wall <= 2x floor",
	} {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(target) + ` +not run +-$`).MatchString(out) {
			t.Errorf("no %q not-run row in\n%s", target, out)
		}
	}
	for _, n := range []string{"20", "40"} {
		m := regexp.MustCompile(`(?m)^  ` + n + ` events: Parquet faster than CSV +([0-9.]+) s vs ([0-9.]+) s +(PASS|FAIL)$`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("no Parquet-vs-CSV row for %s events in\n%s", n, out)
			continue
		}
		pq, _ := strconv.ParseFloat(m[1], 64)
		csv, _ := strconv.ParseFloat(m[2], 64)
		if want := map[bool]string{true: "PASS", false: "FAIL"}[pq < csv]; m[3] != want {
			t.Errorf("%s events: %v s vs %v s marked %s, want %s", n, pq, csv, m[3], want)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "out-*"))
	evs, _ := filepath.Glob(filepath.Join(dir, "events-*"))
	if len(left)+len(evs) > 0 {
		t.Errorf("left behind without KEEP=1: %v %v", left, evs)
	}

	// KEEP=1 keeps the outputs; the generated data is reused, not
	// written again; skipped.csv and fit.csv agree with the line.
	stamp := func() int64 {
		fi, err := os.Stat(filepath.Join(dir, "panel.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.ModTime().UnixNano()
	}
	before := stamp()
	out, errOut, code = bench([]string{"KEEP=1"}, "-n", "20", dir)
	if code != 0 {
		t.Fatalf("KEEP=1: exit %d\n%s\n%s", code, out, errOut)
	}
	if stamp() != before {
		t.Error("the cached panel was generated again")
	}
	lines = benchLine.FindAllStringSubmatch(out, -1)
	if len(lines) != 2 {
		t.Fatalf("KEEP=1: %d study lines, want 2, in\n%s", len(lines), out)
	}
	for _, m := range lines {
		o := filepath.Join(dir, "out-20-"+strings.TrimPrefix(m[2], "panel."))
		if got := len(readCSV(t, filepath.Join(o, "skipped.csv"))) - 1; strconv.Itoa(got) != m[5] {
			t.Errorf("%s: skipped.csv has %d rows, the line says %s skipped", o, got, m[5])
		}
		if got := len(readCSV(t, filepath.Join(o, "fit.csv"))) - 1; strconv.Itoa(got) != m[4] {
			t.Errorf("%s: fit.csv has %d rows, the line says %s computed", o, got, m[4])
		}
	}

	// -b REV: the tool at REV too, each study by REV then by the working
	// tree. With REV = HEAD both compute the same events.
	if git, err := exec.LookPath("git"); err == nil && exec.Command(git, "rev-parse", "HEAD").Run() == nil {
		head, err := exec.Command(git, "rev-parse", "--short", "HEAD").Output()
		if err != nil {
			t.Fatal(err)
		}
		h := strings.TrimSpace(string(head))
		out, errOut, code = bench(nil, "-n", "20", "-b", "HEAD", dir)
		if code != 0 {
			t.Fatalf("-b HEAD: exit %d\n%s\n%s", code, out, errOut)
		}
		lines = benchLine.FindAllStringSubmatch(out, -1)
		if len(lines) != 4 {
			t.Fatalf("-b HEAD: %d study lines, want 4 (2 inputs x 2 tools), in\n%s", len(lines), out)
		}
		for k, m := range lines {
			if want := []string{h, "new"}[k%2]; m[3] != want {
				t.Errorf("-b HEAD: line %d by %s, want %s", k, m[3], want)
			}
			if m[4] != lines[0][4] || m[5] != lines[0][5] {
				t.Errorf("-b HEAD: line %d: %s computed, %s skipped; line 0: %s, %s", k, m[4], m[5], lines[0][4], lines[0][5])
			}
		}
		if !strings.Contains(out, "tools: new (the working tree) and "+h+" (HEAD)") ||
			len(regexp.MustCompile(`(?m)^ +20  panel\.(csv|parquet) +[0-9.]+ s vs +[0-9.]+ s \([0-9.]+x\) +\d+ MB vs +\d+ MB \([0-9.]+x\)$`).FindAllString(out, -1)) != 2 {
			t.Errorf("-b HEAD: no tools line or not 2 comparison rows in\n%s", out)
		}
		if _, e, code := bench(nil, "-n", "20", "-b", "no-such-revision", dir); code != 2 || !strings.Contains(e, "bench.sh: -b no-such-revision: not a commit") {
			t.Errorf("-b no-such-revision: exit %d, stderr %q", code, e)
		}
	}

	// Usage errors: exit 2, nothing run.
	for _, args := range [][]string{{"-n", "0", dir}, {"-n", "61", dir}, {"-n", "2x", dir}, {dir, dir}, {"-x"}} {
		if _, e, code := bench(nil, args...); code != 2 || !strings.Contains(e, "bench.sh") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, e)
		}
	}

	// A study that fails stops the script with its error.
	if err := os.WriteFile(filepath.Join(dir, "market.csv"), []byte("Date,Close\n2020-01-02,1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = bench(nil, "-n", "20", dir)
	if code != 1 || !strings.Contains(errOut, "bench.sh: study of 20 events from panel.csv failed (exit 1):") ||
		!strings.Contains(errOut, "market.csv:2:") || strings.Contains(out, "issue 13 targets") {
		t.Errorf("broken market.csv: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}
