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

// TestFF3NasdaqEarnings runs the Fama-French 3-factor study of the
// Nasdaq-100 earnings list on the real files (SOURCES.md sections 2 and 3),
// as a user would, then regresses the CARs on the release timing from the
// event list. Expected values for AAPL's release of 2019-01-29 16:30 ET come
// from an independent computation with R 4.2.2 lm() on the raw files:
// testdata/ff3/reference.R, whose output is quoted below (tolerance 1e-9
// relative).
func TestFF3NasdaqEarnings(t *testing.T) {
	const shared = "../../../shared/data/"
	for _, f := range []string{"panel_ndx/earnings_dates_edgar.csv", "famafrench/F-F_Research_Data_Factors_daily.CSV"} {
		if _, err := os.Stat(shared + f); err != nil {
			t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
		}
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", "--events", shared + "panel_ndx/earnings_dates_edgar.csv", "--timestamp-col", "accept_et",
		"--prices", shared + "panel_ndx/prices", "--model", "ff3", "--factors", shared + "famafrench/F-F_Research_Data_Factors_daily.CSV",
		"--charts=false", "--quiet", "--out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr.String())
	}
	rows := readCSV(t, filepath.Join(out, "car.csv"))
	// Rscript cmd/eventstudy/testdata/ff3/reference.R:
	//   0:0 M=240 CAR=0.0429314144057 t=3.475473989 p=0.0006067545782
	//   -1:1 M=240 CAR=0.0246750269967 t=1.148593252 p=0.2518865732
	//   -5:5 M=240 CAR=0.0721725923816 t=1.733119069 p=0.08438070927
	want := map[string][3]float64{
		"0:0":  {0.0429314144057, 3.475473989, 0.0006067545782},
		"-1:1": {0.0246750269967, 1.148593252, 0.2518865732},
		"-5:5": {0.0721725923816, 1.733119069, 0.08438070927},
	}
	found := 0
	for _, r := range rows[1:] {
		if r[1] != "AAPL" || r[3] != "2019-01-29 16:30 ET" {
			continue
		}
		found++
		w := want[r[5]+":"+r[6]]
		if r[4] != "2019-01-30" || r[11] != "236" || r[13] != "240" {
			t.Errorf("AAPL 2019-01-29: day0 %s df %s n_est %s, want 2019-01-30 236 240", r[4], r[11], r[13])
		}
		for k, col := range []int{7, 8, 9} {
			got, _ := strconv.ParseFloat(r[col], 64)
			if !scalar.EqualWithinRel(got, w[k], 1e-9) {
				t.Errorf("AAPL window %s:%s %s = %v, want %v", r[5], r[6], rows[0][col], got, w[k])
			}
		}
	}
	if found != 3 {
		t.Errorf("AAPL 2019-01-29 has %d rows in car.csv, want 3", found)
	}

	// fit.csv against the same lm() (reference.R, 17 digits):
	//   fit alpha=-0.0001674308072142372 mkt=1.1423695674169296 smb=-0.34417042139837078
	//     hml=-0.81099465131933812 sigma=0.012239537853913681 r2=0.61839561809705568 M=240
	//     first=2018-01-31 last=2019-01-14
	// Tolerance 1e-9 relative, as above.
	fit := readCSV(t, filepath.Join(out, "fit.csv"))
	col := map[string]int{}
	for i, h := range fit[0] {
		col[h] = i
	}
	found = 0
	for _, r := range fit[1:] {
		if r[col["ticker"]] != "AAPL" || r[col["event_date"]] != "2019-01-29 16:30 ET" {
			continue
		}
		found++
		for name, s := range map[string]string{"model": "ff3", "n_est": "240", "est_first": "2018-01-31", "est_last": "2019-01-14",
			"day0": "2019-01-30", "day0_reason": "2019-01-29 16:30 America/New_York is after the 16:00 close: next session 2019-01-30"} {
			if r[col[name]] != s {
				t.Errorf("fit.csv AAPL 2019-01-29 %s = %q, want %q", name, r[col[name]], s)
			}
		}
		for name, x := range map[string]float64{"alpha": -0.0001674308072142372, "beta_Mkt-RF": 1.1423695674169296,
			"beta_SMB": -0.34417042139837078, "beta_HML": -0.81099465131933812, "resid_sd": 0.012239537853913681, "r2": 0.61839561809705568} {
			got, err := strconv.ParseFloat(r[col[name]], 64)
			if err != nil || !scalar.EqualWithinRel(got, x, 1e-9) {
				t.Errorf("fit.csv AAPL 2019-01-29 %s = %q, want %v", name, r[col[name]], x)
			}
		}
	}
	if found != 1 {
		t.Errorf("AAPL 2019-01-29 has %d rows in fit.csv, want 1", found)
	}
	// 2,049 events as with the market model (Nasdaq-100 test in
	// internal/study): every event inside the price files is inside the
	// factor file (to 2025-06-30).
	if n := (len(rows) - 1) / 3; n != 2049 {
		t.Errorf("%d events computed, want 2049", n)
	}

	stdout.Reset()
	code = run([]string{"regress", "--car", filepath.Join(out, "car.csv"), "--window", "-1:1", "--x", "timing"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("regress: exit %d: %s", code, stderr.String())
	}
	for _, s := range []string{"N = 2049", "timing=bmo", "timing=intraday"} {
		if !strings.Contains(stdout.String(), s) {
			t.Errorf("regress output lacks %q:\n%s", s, stdout.String())
		}
	}
}
