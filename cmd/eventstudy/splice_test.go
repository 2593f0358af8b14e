package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestHangSengSpliced runs ex-dividend days of the Hang Seng panel
// (../shared/data/panel_hk, 2020-2025) against ^HSI given as its two files
// (SOURCES.md section 1): the newer file alone starts 2021-06-24, too late
// for events of 2020 and early 2021; spliced with the long history, they
// compute.
func TestHangSengSpliced(t *testing.T) {
	const shared = "../../../shared/data/"
	oldHSI := shared + "benchmarks/HSI_daily_1986-12_2024-08.csv"
	newHSI := shared + "benchmarks/HSI_daily_2021-06_2026-06.csv"
	panel := shared + "panel_hk/prices"
	for _, p := range []string{oldHSI, newHSI, panel} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
		}
	}
	dir := t.TempDir()
	events := filepath.Join(dir, "events.csv")
	// Ex-dividend days of the panel's Dividends column (0001.HK, 0002.HK).
	if err := os.WriteFile(events, []byte("ticker,date\n0001.HK,2020-09-07\n0002.HK,2020-12-02\n0001.HK,2021-05-18\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runHK := func(hsi ...string) (string, string) {
		out := filepath.Join(dir, strconv.Itoa(len(hsi)))
		args := []string{"run", "--events", events, "--prices", panel, "--market", "^HSI", "--charts=false", "--out", out}
		for _, f := range hsi {
			args = append(args, "--prices", "^HSI="+f)
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 && len(hsi) > 1 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return out, stdout.String() + stderr.String()
	}

	// The newer file alone: no event computes.
	_, msg := runHK(newHSI)
	if !strings.Contains(msg, "no event could be computed (3 skipped; first: event 1 0001.HK: no return for benchmark ^HSI on day -5 (2020-08-31))") {
		t.Errorf("with %s alone:\n%s\nwant every event skipped", newHSI, msg)
	}

	out, msg := runHK(oldHSI, newHSI)
	for _, want := range []string{
		"3 of 3 events computed",
		"^HSI spliced from " + oldHSI + " (1986-12-31..2021-06-23, 8514 rows) and " + newHSI + " (2021-06-24..2026-06-23, 1226 rows)",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("output lacks %q:\n%s", want, msg)
		}
	}
	rows := readCSV(t, filepath.Join(out, "car.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	// python3 testdata/hsi_splice_reference.py, which splices the two
	// files itself (the old file's Adj Close before 2021-06-24, the new
	// file's Close from then on) and fits the market model by hand:
	//   158 0.010312452720626104
	// Tolerance 1e-12 relative (the same sums in another order).
	r := rows[1]
	if r[col["ticker"]] != "0001.HK" || r[col["from"]] != "0" || r[col["to"]] != "0" || r[col["n_est"]] != "158" {
		t.Fatalf("first row %v: want 0001.HK, window 0:0, n_est 158", r)
	}
	if got, err := strconv.ParseFloat(r[col["car"]], 64); err != nil || !scalar.EqualWithinRel(got, 0.010312452720626104, 1e-12) {
		t.Errorf("CAR 0:0 of 0001.HK 2020-09-07: %s, want 0.010312452720626104", r[col["car"]])
	}
	// Both files are inputs of summary.json, hashed, and it says which
	// dates each gave.
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var summary struct {
		Inputs []struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"inputs"`
		Spliced []string `json:"spliced"`
	}
	if err := json.Unmarshal(b, &summary); err != nil {
		t.Fatal(err)
	}
	hashed := map[string]bool{}
	for _, in := range summary.Inputs {
		hashed[in.Path] = len(in.SHA256) == 64
	}
	if !hashed[oldHSI] || !hashed[newHSI] {
		t.Errorf("summary.json inputs %+v: want both %s and %s hashed", summary.Inputs, oldHSI, newHSI)
	}
	if len(summary.Spliced) != 1 || !strings.HasPrefix(summary.Spliced[0], "^HSI spliced from "+oldHSI+" (1986-12-31..2021-06-23") {
		t.Errorf("summary.json spliced %q", summary.Spliced)
	}
}
