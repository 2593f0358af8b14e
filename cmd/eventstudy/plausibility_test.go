package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writePrices writes a Yahoo-classic file of the closes on the dates,
// leaving out the rows in skip.
func writePrices(t *testing.T, path string, dates []time.Time, close []float64, skip func(i int) bool) {
	t.Helper()
	var b strings.Builder
	b.WriteString("Date,Close\n")
	for i, d := range dates {
		if skip == nil || !skip(i) {
			fmt.Fprintf(&b, "%s,%.4f\n", d.Format(time.DateOnly), close[i])
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPlausibilitySaidOutLoud runs a study whose data hold each class of
// silent nonsense of issue 9 and checks that every one is said in the
// text summary, summary.json's warnings and report.html's notes, or
// that the event is skipped with the reason in skipped.csv:
//   - AAA has no prices on rows 300..339 (40 days) while MKT traded: an
//     event dated inside the hole and one whose day 0 return would span
//     it are skipped; a later event loses the return across it from its
//     estimation window, said in a warning;
//   - BBB's close on row 200 is written 10 times too large: its returns
//     of about +900% and -90% are named;
//   - the later events of AAA and BBB share day 0 (row 380);
//   - CCC.HK is studied with US factors (Ken French's layout, in percent),
//     in a second run.
func TestPlausibilitySaidOutLoud(t *testing.T) {
	rng := rand.New(rand.NewPCG(91, 92))
	var dates []time.Time
	for d := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC); len(dates) < 400; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			dates = append(dates, d)
		}
	}
	mkt, aaa, bbb, ccc := make([]float64, 400), make([]float64, 400), make([]float64, 400), make([]float64, 400)
	mkt[0], aaa[0], bbb[0], ccc[0] = 100, 50, 20, 30
	var ff strings.Builder
	ff.WriteString("This file was created by CMPT_ME_BEME_RETS_DAILY using the 202412 CRSP database.\n\n,Mkt-RF,SMB,HML,RF\n")
	for i := 1; i < 400; i++ {
		rm := 0.01 * rng.NormFloat64()
		mkt[i] = mkt[i-1] * (1 + rm)
		aaa[i] = aaa[i-1] * (1 + rm + 0.01*rng.NormFloat64())
		bbb[i] = bbb[i-1] * (1 + 0.8*rm + 0.01*rng.NormFloat64())
		smb, hml := 0.005*rng.NormFloat64(), 0.005*rng.NormFloat64()
		ccc[i] = ccc[i-1] * (1 + rm + 0.3*smb + 0.01*rng.NormFloat64())
		fmt.Fprintf(&ff, "%s,%.4f,%.4f,%.4f,0.010\n", dates[i].Format("20060102"), 100*rm, 100*smb, 100*hml)
	}
	bbb[200] *= 10
	work := t.TempDir()
	dir := filepath.Join(work, "prices")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writePrices(t, filepath.Join(dir, "MKT.csv"), dates, mkt, nil)
	writePrices(t, filepath.Join(dir, "AAA.csv"), dates, aaa, func(i int) bool { return i >= 300 && i < 340 })
	writePrices(t, filepath.Join(dir, "BBB.csv"), dates, bbb, nil)
	writePrices(t, filepath.Join(work, "CCC.HK.csv"), dates, ccc, nil)
	day := func(i int) string { return dates[i].Format(time.DateOnly) }
	events := "id,ticker,date\ninside,AAA," + day(320) + "\nafter,AAA," + day(340) + "\nlater,AAA," + day(380) + "\nb,BBB," + day(380) + "\n"
	if err := os.WriteFile(filepath.Join(work, "events.csv"), []byte(events), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "F-F_Research_Data_Factors_daily.CSV"), []byte(ff.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "hk.csv"), []byte("id,ticker,date\nc,CCC.HK,"+day(380)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// run runs a study and returns its stdout, summary.json warnings,
	// report.html and skipped.csv.
	run1 := func(args ...string) (stdout string, warnings []string, report string, skipped [][]string) {
		t.Helper()
		out := t.TempDir()
		var so, se bytes.Buffer
		args = append(append([]string{"run"}, args...), "--estimation", "-250:-11", "--windows", "0:0,-1:1", "--min-estimation", "100",
			"--charts=false", "--report", "--out", out)
		if code := run(args, &so, &se); code != 0 {
			t.Fatalf("exit %d: %s", code, se.String())
		}
		b, err := os.ReadFile(filepath.Join(out, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var sum struct{ Warnings []string }
		if err := json.Unmarshal(b, &sum); err != nil {
			t.Fatal(err)
		}
		h, err := os.ReadFile(filepath.Join(out, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		return so.String(), sum.Warnings, string(h), readCSV(t, filepath.Join(out, "skipped.csv"))
	}
	// MKT trades every weekday; NYSE's calendar has 39 sessions among the
	// 40 (Good Friday 2024-03-29 is a holiday).
	hole := "no prices between " + day(299) + " and " + day(340) + " while XNYS held 39 sessions, the first " + day(300) + " (a data gap)"
	stdout, warnings, report, skipped := run1("--events", filepath.Join(work, "events.csv"), "--prices", dir, "--market", "MKT")
	want := []string{
		"AAA (" + filepath.Join(dir, "AAA.csv") + ") has " + hole + ": a return across such a hole spans several days, not one, so it is left out of the estimation window of 1 event (later)",
		"BBB (" + filepath.Join(dir, "BBB.csv") + ") has daily returns beyond what its own history makes plausible",
		"on " + day(200) + " (",
		"on " + day(201) + " (",
		"2 of 2 events share their day 0 with another event (all on " + day(380) + ")",
	}
	checkSaid(t, want, stdout, warnings, report)
	reasons := map[string]string{}
	for _, r := range skipped[1:] {
		reasons[r[0]] = r[4]
	}
	for id, reason := range map[string]string{
		"inside": "the event date " + day(320) + " falls in a gap of AAA: " + hole + "; day 0 would be " + day(340),
		"after":  "AAA has " + hole + ": the day +0 return (" + day(340) + ") would span them",
	} {
		if !strings.Contains(reasons[id], reason) {
			t.Errorf("skipped.csv, event %s: %q, want it to say %q (header %v)", id, reasons[id], reason, skipped[0])
		}
	}

	stdout, warnings, report, _ = run1("--events", filepath.Join(work, "hk.csv"), "--prices", filepath.Join(work, "CCC.HK.csv"),
		"--model", "ff3", "--factors", filepath.Join(work, "F-F_Research_Data_Factors_daily.CSV"))
	checkSaid(t, []string{"F-F_Research_Data_Factors_daily.CSV holds US factors, but CCC.HK (HKEX) trade elsewhere"}, stdout, warnings, report)
}

// checkSaid checks that each of want is in the text summary, in one of
// summary.json's warnings and in report.html (HTML-escaped).
func checkSaid(t *testing.T, want []string, stdout string, warnings []string, report string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(stdout, w) {
			t.Errorf("text summary does not say %q:\n%s", w, stdout)
		}
		found := false
		for _, x := range warnings {
			found = found || strings.Contains(x, w)
		}
		if !found {
			t.Errorf("summary.json warnings %q do not say %q", warnings, w)
		}
		if !strings.Contains(report, html.EscapeString(w)) {
			t.Errorf("report.html does not say %q", w)
		}
	}
}
