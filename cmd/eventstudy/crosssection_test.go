package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"
)

const ndxPrices = "../../../shared/data/panel_ndx/prices"

// TestCrossSectionFOMC runs 'eventstudy cross-section' on the FOMC
// decision of 2022-06-15 across the Nasdaq-100 panel (SOURCES.md section 3;
// the event list is testdata/crosssection/fomc_momentum.csv, written by
// 'eventstudy events --dates fomc_dates_2000-2026.csv --tickers
// panel_ndx/prices' and scripts/momentum.py, the rows of 2020-03-15 and
// 2022-06-15), window 0:1, and compares it
// with an independent computation from the raw price files in R 4.2.2:
// testdata/crosssection/fomc_2022-06-15.R (lm() for the event and every
// pre-event slope, svd() for the factors, solve() on the dense 84 x 84
// Sigma for GLS, each pre-event period's GLS with its own out-of-sample
// Sigma), whose printed output is quoted. Tolerance 1e-10
// relative (R prints 17 digits; the two agree to 2e-12 or better).
func TestCrossSectionFOMC(t *testing.T) {
	if _, err := os.Stat(ndxPrices); err != nil {
		t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
	}
	out := filepath.Join(t.TempDir(), "cs.csv")
	var stdout, stderr bytes.Buffer
	code := run([]string{"cross-section", "--events", "testdata/crosssection/fomc_momentum.csv", "--prices", ndxPrices,
		"--x", "momentum", "--date", "2022-06-15", "--window", "0:1", "--out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// Six firms listed less than 504 trading days before (ABNB, APP, CEG,
	// DASH, PLTR, RKLB) have no momentum (scripts/momentum.py).
	if got := strings.Count(stderr.String(), "2022-06-15: momentum is empty\n"); got != 6 || strings.Count(stderr.String(), "\n") != 6 || !strings.Contains(stderr.String(), "CEG 2022-06-15") {
		t.Errorf("stderr %q: want six lines naming the firms without momentum", stderr.String())
	}
	rows := readCSV(t, out)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and 2", len(rows))
	}
	// R output, in the order of the CSV columns estimate, p_empirical,
	// pre_sd, gls_estimate, gls_se, gls_p, gls_p_empirical.
	want := map[string][]float64{
		"(Intercept)": {-0.019193693738490246, 0.19834710743801653, 0.015539025159645597, -0.00032287455114575361, 0.0083851967095417701, 0.96937839357640154, 0.85950413223140498},
		"momentum":    {-0.0042140174520025357, 0.76033057851239672, 0.017328958316399922, -0.010195922463155286, 0.0080388348405172408, 0.20826802836496563, 0.42975206611570249},
	}
	cols := []int{3, 6, 8, 9, 10, 11, 12}
	for _, r := range rows[1:] {
		w, ok := want[r[2]]
		if !ok {
			t.Fatalf("unexpected term %q", r[2])
		}
		if r[0] != "2022-06-15" || r[1] != "0:1" || r[13] != "84" || r[14] != "120" || r[15] != "120" || r[16] != "5" {
			t.Errorf("%s: date %s window %s n_firms %s n_pre %s n_pre_gls %s factors %s, want 2022-06-15 0:1 84 120 120 5 (R: n 84, npre 120, n_pre_gls 120)", r[2], r[0], r[1], r[13], r[14], r[15], r[16])
		}
		for i, c := range cols {
			got, err := strconv.ParseFloat(r[c], 64)
			if err != nil || !scalar.EqualWithinRel(got, w[i], 1e-10) {
				t.Errorf("%s %s = %s, want %.17g (R)", r[2], rows[0][c], r[c], w[i])
			}
		}
	}
}

// Bad input: each refusal names its reason on one line.
func TestCrossSectionRefusals(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "prices")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// 12 firms on one date, 300 days of prices, a characteristic that is
	// the same for all.
	var ev strings.Builder
	ev.WriteString("ticker,date,size,note\n")
	for i := range 12 {
		ev.WriteString("F" + strconv.Itoa(i) + ",2025-01-02,7,x\n")
		var p strings.Builder
		p.WriteString("Date,Close\n")
		for d := range 300 {
			p.WriteString(day(d) + "," + strconv.FormatFloat(100+float64((d*(i+3))%7), 'f', -1, 64) + "\n")
		}
		if err := os.WriteFile(filepath.Join(dir, "F"+strconv.Itoa(i)+".csv"), []byte(p.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	events := filepath.Join(filepath.Dir(dir), "events.csv")
	if err := os.WriteFile(events, []byte(ev.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--x", "size"}, 1, "skipped 2025-01-02: characteristic size is 7 for all 12 firms: no variance to regress on\neventstudy cross-section: no event date could be estimated (reasons above)\n"},
		{[]string{"--x", "beta"}, 2, "eventstudy cross-section: --x beta: no such column in " + events + " (it has: size, note)\nRun 'eventstudy cross-section --help' for usage.\n"},
		{[]string{"--x", "note"}, 1, ""},
		{[]string{"--x", "size", "--factors", "51"}, 2, "eventstudy cross-section: --factors 51: want 0 to 50\nRun 'eventstudy cross-section --help' for usage.\n"},
		{[]string{"--x", "size", "--estimation", "-10:0"}, 2, "eventstudy cross-section: --estimation -10:0 must end before the event window 0:0 starts\nRun 'eventstudy cross-section --help' for usage.\n"},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"cross-section", "--events", events, "--prices", dir}, tc.args...)
		code := run(args, &stdout, &stderr)
		if code != tc.code || (tc.stderr != "" && stderr.String() != tc.stderr) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", tc.args, code, stderr.String(), tc.code, tc.stderr)
		}
	}
}

// day returns the d-th weekday from Monday 2023-12-04 (d = 0), as
// YYYY-MM-DD.
func day(d int) string {
	return time.Date(2023, 12, 4+d/5*7+d%5, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}
