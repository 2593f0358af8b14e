package main

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// runFiles runs eventstudy with args plus --out and returns the output
// files (not the directories), failing on a file whose name begins with
// a dot (a temporary left behind).
func runFiles(t *testing.T, args ...string) map[string][]byte {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "--out", out), &stdout, &stderr); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr.String())
	}
	files := map[string][]byte{}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s left in the output directory", e.Name())
		}
		files[e.Name()], _ = os.ReadFile(filepath.Join(out, e.Name()))
	}
	return files
}

// factorFile writes a daily factor file (date, Mkt-RF, SMB, HML, RF in
// decimals) on the dates of dir's market.csv: Mkt-RF its close-to-close
// return less RF, SMB and HML seeded draws, and returns its path.
func factorFile(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "market.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, 5))
	var out strings.Builder
	out.WriteString("date,Mkt-RF,SMB,HML,RF\n")
	prev := math.NaN()
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, ",")
		if i == 0 || len(f) < 2 {
			continue
		}
		c, err := strconv.ParseFloat(f[1], 64) // Date,Close,Volume
		if err != nil {
			t.Fatalf("market.csv line %d: %v", i+1, err)
		}
		if !math.IsNaN(prev) {
			const rf = 0.0001
			fmt.Fprintf(&out, "%s,%.8f,%.8f,%.8f,%.6f\n", f[0], c/prev-1-rf, 0.005*rng.NormFloat64(), 0.005*rng.NormFloat64(), rf)
		}
		prev = c
	}
	path := filepath.Join(t.TempDir(), "factors.csv")
	if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSpillIdentical (issue 13): a study whose events' estimation windows
// go to the spill file (EVENTSTUDY_SPILL_MIN=1: every study that can)
// writes the same bytes as the same study holding every event in memory
// (the reference: a SpillMin above the number of events), for the
// models, returns and measures that slim (a factor file made from the
// market's returns for ff3), over several blocks of study.slimBlock
// (4,096) events, on one core and on two. The 9,000 events of 200
// generated securities share their dates (a few hundred per date), so
// that the Kolari-Pynnönen sums of groups and sweeps and the rank tests'
// chunks of 2,048 events all run over slimmed events. With
// --drop-confounded the spilled study computes the events twice (the
// first pass finds those to drop) and must still write what dropping
// them from the whole events writes.
func TestSpillIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a panel of 200 securities and runs 9,000 events 12 times")
	}
	dir := genPanel(t, 200, 700, 9000)
	base := []string{"run", "--events", filepath.Join(dir, "events.csv"), "--prices", filepath.Join(dir, "panel.csv"),
		"--prices", "SYNMKT=" + filepath.Join(dir, "market.csv"), "--market", "SYNMKT", "--charts=false", "--quiet",
		"--estimation", "-200:-11", "--min-estimation", "100"}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"market", []string{"--bootstrap", "100", "--windows", "0:0,-1:1,-5:5,0:10"}},
		{"scholes-williams log", []string{"--model", "scholes-williams", "--returns", "log"}},
		{"dimson", []string{"--model", "dimson", "--lags", "2"}},
		{"constant-mean trade-to-trade", []string{"--model", "constant-mean", "--returns", "trade-to-trade"}},
		{"market-adjusted", []string{"--model", "market-adjusted", "--xlsx", "--report"}},
		{"volume", []string{"--measure", "volume"}},
		{"groups", []string{"--group", "group", "--bootstrap", "50"}},
		{"ff3", []string{"--model", "ff3", "--factors", factorFile(t, dir)}},
		{"drop-confounded groups", []string{"--drop-confounded", "--group", "group"}},
		{"garch", []string{"--model", "garch"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, base...), tc.args...)
			t.Setenv("EVENTSTUDY_SPILL_MIN", "1000000")
			ref := runFiles(t, args...)
			t.Setenv("EVENTSTUDY_SPILL_MIN", "1")
			prev := runtime.GOMAXPROCS(1)
			one := runFiles(t, args...)
			runtime.GOMAXPROCS(max(prev, 2))
			two := runFiles(t, args...)
			runtime.GOMAXPROCS(prev)
			names := make([]string, 0, len(ref))
			for n := range ref {
				names = append(names, n)
			}
			sort.Strings(names)
			if len(one) != len(ref) || len(two) != len(ref) {
				t.Fatalf("files: %d in memory, %d and %d spilled", len(ref), len(one), len(two))
			}
			for _, n := range names {
				if n == "manifest.json" {
					continue // hashes of the same files; its list is checked by the others
				}
				if !bytes.Equal(ref[n], one[n]) {
					t.Errorf("%s: spilled on one core differs from in memory", n)
				}
				if !bytes.Equal(ref[n], two[n]) {
					t.Errorf("%s: spilled on two cores differs from in memory", n)
				}
			}
			if len(ref["ar.csv"]) < 100000 {
				t.Errorf("ar.csv has %d bytes: the study computed too few events to test", len(ref["ar.csv"]))
			}
			if n := bytes.Count(ref["skipped.csv"], []byte("(--drop-confounded)")); slices.Contains(tc.args, "--drop-confounded") && n < 1000 {
				t.Errorf("%d events dropped as confounded: too few to test the first pass", n)
			}
		})
	}
}
