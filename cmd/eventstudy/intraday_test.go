package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestIntradayRunFOMC runs the README's SPY 1-minute FOMC study end to end
// with --report: the 0m:5m return of 2024-03-20 (0.396%, 0.003957282532784934
// by internal/intraday/testdata/window_returns.py) is in the printed summary,
// car.csv and report.html, and manifest.json lists every file written.
func TestIntradayRunFOMC(t *testing.T) {
	file := "../../../shared/data/intraday/SPY_1min_2024-02-20_2024-05-17.csv"
	if _, err := os.Stat(file); err != nil {
		t.Skipf("%s absent (the shared market data): %v", file, err)
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", "--events", "../../data/intraday/fomc_spy_2024.csv", "--prices", file,
		"--windows", "0m:5m,0m:30m,0m:60m", "--model", "constant-mean", "--report", "--xlsx", "--out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "fomc-2024-03-20    SPY     2024-03-20 14:00      0.396%/0.383%") {
		t.Errorf("summary:\n%s", stdout.String())
	}
	car, _ := os.ReadFile(filepath.Join(out, "car.csv"))
	if !strings.Contains(string(car), ",0m:5m,2024-03-20T14:00:00-04:00,2024-03-20T14:04:00-04:00,5,0.003957282532784934,") {
		t.Errorf("car.csv:\n%s", car)
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !strings.Contains(string(html), "<td>0.396%</td>") {
		t.Error("report.html lacks the 0m:5m return 0.396%")
	}
	wb, err := excelize.OpenFile(filepath.Join(out, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	// car sheet, row 2: the first event's 0m:5m window, its return exact.
	if v, _ := wb.GetCellValue("car", "F2", excelize.Options{RawCellValue: true}); v != "0.003957282532784934" {
		t.Errorf("results.xlsx car!F2 = %q, want 0.003957282532784934", v)
	}
	var m struct {
		Files []struct{ Path string } `json:"files"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, f.Path)
	}
	for _, want := range []string{"ar.csv", "car.csv", "fit.csv", "tests.csv", "caar_minute.csv", "skipped.csv", "summary.json", "report.html", "results.xlsx"} {
		if !slices.Contains(paths, want) {
			t.Errorf("manifest lists %v, not %s", paths, want)
		}
	}
}

// TestIntradayOnlyFlags: an intraday flag in a daily study is a usage
// error naming the flag; only --estimation-days points to --estimation,
// its daily counterpart.
func TestIntradayOnlyFlags(t *testing.T) {
	for _, tc := range []struct {
		set  func(*runOptions)
		want string
	}{
		{func(o *runOptions) { o.Bar = "5m" }, "--bar is for intraday studies (bar files, --windows in minutes such as 0m:30m)"},
		{func(o *runOptions) { o.BarLabel = "end" }, "--bar-label is for intraday studies (bar files, --windows in minutes such as 0m:30m)"},
		{func(o *runOptions) { o.Overnight = true }, "--overnight is for intraday studies (bar files, --windows in minutes such as 0m:30m)"},
		{func(o *runOptions) { o.EstimationDays = 10 }, "--estimation-days is for intraday studies (bar files, --windows in minutes such as 0m:30m); a daily study takes --estimation FROM:TO"},
	} {
		o := defaultRunOptions()
		tc.set(&o)
		err := intradayOnly(o)
		if !errors.As(err, new(usageError)) || err.Error() != tc.want {
			t.Errorf("error %v, want the usage error %q", err, tc.want)
		}
	}
	if err := intradayOnly(defaultRunOptions()); err != nil {
		t.Errorf("defaults: %v, want nil", err)
	}
}
