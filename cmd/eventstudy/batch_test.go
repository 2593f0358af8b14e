package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// genPanel writes a generated panel with `eventstudy gen` into a temporary
// directory and returns it.
func genPanel(t *testing.T, tickers, days, events int) string {
	t.Helper()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "--tickers", strconv.Itoa(tickers), "--days", strconv.Itoa(days), "--events", strconv.Itoa(events), "--seed", "3", "--out", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr.String())
	}
	return dir
}

// runBatch runs a study of dir's events and returns the output files.
func runBatch(t *testing.T, dir, events string) map[string][]byte {
	t.Helper()
	return runFiles(t, "run", "--events", events, "--prices", filepath.Join(dir, "panel.csv"), "--prices", "SYNMKT="+filepath.Join(dir, "market.csv"),
		"--market", "SYNMKT", "--charts=false", "--quiet", "--bootstrap", "200")
}

// TestBatchDeterministic: a batch gives byte-identical outputs on one core
// and on all cores (issue 4), and the per-event results of a 1,000-event
// subset equal those of the same events inside the batch.
func TestBatchDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a panel of 300 securities")
	}
	dir := genPanel(t, 300, 900, 4000)
	events := filepath.Join(dir, "events.csv")
	prev := runtime.GOMAXPROCS(1)
	one := runBatch(t, dir, events)
	runtime.GOMAXPROCS(max(prev, 2))
	all := runBatch(t, dir, events)
	runtime.GOMAXPROCS(prev)
	for name, b := range one {
		if !bytes.Equal(b, all[name]) {
			t.Errorf("%s differs between GOMAXPROCS=1 and %d", name, max(prev, 2))
		}
	}

	// The first 1,000 events alone.
	src, err := os.ReadFile(events)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	subset := filepath.Join(t.TempDir(), "subset.csv")
	if err := os.WriteFile(subset, []byte(strings.Join(lines[:1001], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := runBatch(t, dir, subset)
	// car.csv rows of the subset, less the confounded columns (which
	// depend on the other events), must appear in the batch's car.csv.
	strip := func(b []byte) map[string]bool {
		m := map[string]bool{}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			f := strings.Split(sc.Text(), ",")
			m[strings.Join(append(f[:14:14], f[16:]...), ",")] = true
		}
		return m
	}
	batch, alone := strip(all["car.csv"]), strip(sub["car.csv"])
	if len(alone) < 2000 {
		t.Fatalf("subset car.csv has %d rows", len(alone))
	}
	for row := range alone {
		if !batch[row] {
			t.Errorf("subset row not in the batch: %s", row)
			break
		}
	}
}
