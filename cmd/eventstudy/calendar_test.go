package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cutDay writes a copy of the price file src into dir without its row for
// date: a one-day hole.
func cutDay(t *testing.T, src, dir, date string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
	}
	var out []string
	cut := 0
	for _, l := range strings.SplitAfter(string(b), "\n") {
		if strings.HasPrefix(l, date+",") {
			cut++
			continue
		}
		out = append(out, l)
	}
	if cut != 1 {
		t.Fatalf("%s has %d rows for %s, want 1", src, cut, date)
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(dst, []byte(strings.Join(out, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestOneDayHoleIsAGap: the real 9988.HK and ^HSI files with the same
// session, Tuesday 2025-06-10, cut out of both (a hole the benchmark cannot
// reveal). HKEX's calendar has a session that day, so the return of
// 2025-06-11 spans two sessions: it is left out of the 2025-11-14 event's
// estimation window and the hole is named in a warning, not taken for a
// holiday (fit.csv: n_est 239 of 240). The uncut files warn of no gap:
// the holidays in the window (Lunar New Year 2025-01-29..31, Easter,
// National Day 2025-10-01, ...) are holidays, not holes.
func TestOneDayHoleIsAGap(t *testing.T) {
	const shared = "../../../shared/data/"
	dir := t.TempDir()
	hk := cutDay(t, shared+"alibaba/9988.HK_daily_2021-03_2026-02.csv", dir, "2025-06-10")
	hsi := cutDay(t, shared+"benchmarks/HSI_daily_2021-06_2026-06.csv", dir, "2025-06-10")
	events := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(events, []byte("id,ticker,market,date\nnov14,9988.HK,^HSI,2025-11-14\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	warnings := func(hk, hsi string) []string {
		out := t.TempDir()
		var so, se bytes.Buffer
		args := []string{"run", "--events", events, "--prices", "9988.HK=" + hk, "--prices", "^HSI=" + hsi, "--charts=false", "--out", out}
		if code := run(args, &so, &se); code != 0 {
			t.Fatalf("exit %d: %s", code, se.String())
		}
		b, err := os.ReadFile(filepath.Join(out, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var sum struct {
			Settings struct{ Calendar string }
			Warnings []string
		}
		if err := json.Unmarshal(b, &sum); err != nil {
			t.Fatal(err)
		}
		if sum.Settings.Calendar != "data" {
			t.Errorf("summary.json settings.calendar %q, want data (the default)", sum.Settings.Calendar)
		}
		fit := readCSV(t, filepath.Join(out, "fit.csv"))
		want := "239" // the return across the hole is left out
		if !strings.HasPrefix(hk, dir) {
			want = "240"
		}
		if fit[0][8] != "n_est" || fit[1][8] != want {
			t.Errorf("%s: fit.csv %s %s, want n_est %s", hk, fit[0][8], fit[1][8], want)
		}
		return sum.Warnings
	}
	want := "9988.HK (" + hk + ") has no price for the XHKG session 2025-06-10 (a data gap: not a holiday): " +
		"a return across such a hole spans several days, not one, so it is left out of the estimation window of 1 event (nov14)"
	got := warnings(hk, hsi)
	found := false
	for _, w := range got {
		found = found || strings.HasPrefix(w, want)
	}
	if !found {
		t.Errorf("warnings %q\ndo not say %q", got, want)
	}
	for _, w := range warnings(shared+"alibaba/9988.HK_daily_2021-03_2026-02.csv", shared+"benchmarks/HSI_daily_2021-06_2026-06.csv") {
		if strings.Contains(w, "gap") {
			t.Errorf("the uncut files warn of a gap: %s", w)
		}
	}
}
