package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestEstudy2Rates runs the estudy2 0.10.0 vignette from the package's own
// log returns, as a user would: the wide files rates.csv and
// rates_indx.csv (--values log-returns, --returns log), the 7 stocks on
// 2020-03-16, the market model over all 240 returns before it (estudy2's
// estimation 2019-04-01 to 2020-03-13) and the window 0:4. The mean AR and
// the cross-sectional t of each day are the vignette's published
// parametric_tests() table (docs/estudy2-vignette.md, section 2.1), printed
// to 7 or 8 significant digits; tolerance half a unit of the last digit.
func TestEstudy2Rates(t *testing.T) {
	const shared = "../../../shared/data/estudy2/"
	if _, err := os.Stat(shared + "rates.csv"); err != nil {
		t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
	}
	// The README's command: the event list in data/estudy2, charts drawn
	// (the event charts; no price charts from a file of returns).
	dir := t.TempDir()
	events := "../../data/estudy2/events.csv"
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	args := []string{"run", "--events", events, "--prices", shared + "rates.csv", "--prices", shared + "rates_indx.csv",
		"--values", "log-returns", "--returns", "log", "--market", "^GSPC", "--estimation", "-240:-1", "--windows", "0:4",
		"--min-estimation", "100", "--out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	charts, err := filepath.Glob(filepath.Join(out, "charts", "*.png"))
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 8 { // caar and one per event
		t.Errorf("charts %q, want caar.png and 7 event-*.png", charts)
	}
	for _, c := range charts {
		if b := filepath.Base(c); b != "caar.png" && !strings.HasPrefix(b, "event-") {
			t.Errorf("chart %s: want no price charts from a file of returns", b)
		}
	}
	// date, mean, t_test_stat of the published table.
	want := [][2]float64{
		{0.02329740, 1.3941497},
		{-0.03157867, -1.2769075},
		{-0.01617850, -0.4023135},
		{0.07672027, 1.7958275},
		{0.05840545, 5.1233281},
	}
	aar := readCSV(t, filepath.Join(out, "aar.csv"))
	tests := readCSV(t, filepath.Join(out, "tests.csv"))
	tstat := map[string]string{}
	for _, r := range tests[1:] {
		if r[0] == "day" && r[4] == "t" {
			tstat[r[1]] = r[5]
		}
	}
	for d, w := range want {
		day := strconv.Itoa(d)
		if aar[d+1][0] != day || aar[d+1][1] != "7" {
			t.Fatalf("aar.csv row %d: %v, want day %d of 7 events", d+1, aar[d+1], d)
		}
		mean, _ := strconv.ParseFloat(aar[d+1][2], 64)
		ts, _ := strconv.ParseFloat(tstat[day], 64)
		if !scalar.EqualWithinAbs(mean, w[0], 0.5e-8) || !scalar.EqualWithinAbs(ts, w[1], 0.5e-7) {
			t.Errorf("day %d: mean AR %v, t %v; the vignette prints %v, %v", d, mean, ts, w[0], w[1])
		}
	}
}
