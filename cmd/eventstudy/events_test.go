package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestTimingMatchesTimestamp runs the Nasdaq-100 earnings study
// (SOURCES.md section 3) twice, by report_date with the timing column and
// by the accept_et timestamps, and requires the same events with the same
// day 0 and the same tests.csv: the timing column was derived from the
// acceptance time, amc being at or after 16:00 New York.
func TestTimingMatchesTimestamp(t *testing.T) {
	const shared = "../../../shared/data/"
	for _, f := range []string{"panel_ndx/earnings_dates_edgar.csv", "panel_ndx/prices", "benchmarks/NDX_daily_1985-10_2026-02.csv"} {
		if _, err := os.Stat(shared + f); err != nil {
			t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
		}
	}
	day0 := map[string]map[string]string{}
	tests := map[string][]byte{}
	for _, how := range [][]string{{"--date-col", "report_date"}, {"--timestamp-col", "accept_et"}} {
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		args := append([]string{"run", "--events", shared + "panel_ndx/earnings_dates_edgar.csv"}, how...)
		args = append(args, "--prices", shared+"panel_ndx/prices", "--prices", "^NDX="+shared+"benchmarks/NDX_daily_1985-10_2026-02.csv",
			"--market", "^NDX", "--charts=false", "--quiet", "--out", out)
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", how, code, stderr.String())
		}
		rows := readCSV(t, filepath.Join(out, "fit.csv"))
		id, d0 := slices.Index(rows[0], "event_id"), slices.Index(rows[0], "day0")
		if id < 0 || d0 < 0 {
			t.Fatalf("fit.csv header %q: no event_id or day0", rows[0])
		}
		m := map[string]string{}
		for _, r := range rows[1:] {
			m[r[id]] = r[d0]
		}
		day0[how[0]] = m
		b, err := os.ReadFile(filepath.Join(out, "tests.csv"))
		if err != nil {
			t.Fatal(err)
		}
		tests[how[0]] = b
	}
	byTiming, byTime := day0["--date-col"], day0["--timestamp-col"]
	// 2,049 events computed (README, the Nasdaq-100 batch).
	if len(byTiming) != 2049 || len(byTime) != 2049 {
		t.Fatalf("%d and %d events computed, want 2049", len(byTiming), len(byTime))
	}
	for id, d := range byTime {
		if byTiming[id] != d {
			t.Errorf("event %s: day 0 %s by timestamp, %q by timing", id, d, byTiming[id])
		}
	}
	if !bytes.Equal(tests["--date-col"], tests["--timestamp-col"]) {
		t.Error("tests.csv differs between the timing and the timestamp runs")
	}
}
