package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestIntradaySPXOpen is the README's worked example of the intraday
// chart: the S&P 500 on 5-minute bars from the US open on 2025-11-14, the
// morning after the Alibaba report (data/intraday/spx_2025-11-14.csv). The
// window returns agree to 1e-12 with testdata/spx_open_reference.py,
// which reads the file with Python's csv module; its output is quoted
// below. The chart is written (PNG, SVG and, with --pdf, PDF) and listed
// in manifest.json.
func TestIntradaySPXOpen(t *testing.T) {
	const spx = "../../../shared/data/intraday/SP_SPX_5min_2025-02-10_2026-02-13.csv"
	if _, err := os.Stat(spx); err != nil {
		t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
	}
	out := t.TempDir()
	args := []string{"run", "--events", "../../data/intraday/spx_2025-11-14.csv", "--prices", "SPX=" + spx,
		"--windows", "0m:5m,0m:30m,0m:60m,0m:120m", "--model", "constant-mean", "--title", "Alibaba week", "--pdf", "--out", out}
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// python3 cmd/eventstudy/testdata/spx_open_reference.py:
	//   0m:5m 09:30 -0.0022218454969747947
	//   0m:30m 09:55 0.0058059028178880645
	//   0m:60m 10:25 0.007513168297670347
	//   0m:120m 11:25 0.014417241881112375
	want := map[string]float64{
		"0m:5m":   -0.0022218454969747947,
		"0m:30m":  0.0058059028178880645,
		"0m:60m":  0.007513168297670347,
		"0m:120m": 0.014417241881112375,
	}
	rows := readCSV(t, filepath.Join(out, "car.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("car.csv has %d rows, want %d", len(rows)-1, len(want))
	}
	for _, r := range rows[1:] {
		got, err := strconv.ParseFloat(r[col["return"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[r[col["window"]]]; !ok || math.Abs(got-w) > 1e-12 {
			t.Errorf("%s: return %.17g, python %.17g", r[col["window"]], got, w)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Files []struct{ Path string } }
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, f := range m.Files {
		listed = append(listed, f.Path)
	}
	for _, f := range []string{"charts/intraday-us-open-2025-11-14.png", "charts/intraday-us-open-2025-11-14.svg", "charts/intraday-us-open-2025-11-14.pdf"} {
		if !slices.Contains(listed, f) {
			t.Errorf("manifest.json lacks %s: %v", f, listed)
		}
	}
	// One event: no caar-minutes.
	if slices.Contains(listed, "charts/caar-minutes.png") {
		t.Errorf("caar-minutes drawn for one event")
	}
}
