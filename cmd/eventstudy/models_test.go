package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// runOK runs eventstudy with args and fails the test unless it exits 0;
// it returns stdout.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("eventstudy %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// modelRows returns the lines of a table of a run of several models that
// belong to model, without the model column, and the header without it.
func modelRows(t *testing.T, path, model string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	out := []string{strings.TrimPrefix(lines[0], "model,")}
	for _, l := range lines[1:] {
		if rest, ok := strings.CutPrefix(l, model+","); ok {
			out = append(out, rest)
		}
	}
	return out
}

func fileLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// checkAgainstSingle checks a run of several models in out3 against the
// single-model runs in single[model]: each model's rows of ar.csv, car.csv,
// aar.csv, tests.csv and skipped.csv, without the model column, are the
// single run's lines, byte for byte; and each row of robustness.csv holds
// the single run's N and CAAR (summary.json) and the statistic and p-value
// of tests.csv, exactly. Both runs go through the same code (study.Run on
// the same events, series and factor table), so equality is exact, not
// within a tolerance.
func checkAgainstSingle(t *testing.T, out3 string, single map[string]string) {
	t.Helper()
	for model, dir := range single {
		for _, f := range []string{"ar.csv", "car.csv", "aar.csv", "tests.csv", "skipped.csv"} {
			got, want := modelRows(t, filepath.Join(out3, f), model), fileLines(t, filepath.Join(dir, f))
			if len(got) != len(want) {
				t.Errorf("%s %s: %d lines, single-model run %d", model, f, len(got), len(want))
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s %s line %d:\n got %s\nwant %s", model, f, i+1, got[i], want[i])
					break
				}
			}
		}
	}
	rows := readCSV(t, filepath.Join(out3, "robustness.csv"))
	head := rows[0]
	if got := strings.Join(head, ","); got != "model,window,from,to,n,caar,t,t_p,patell,patell_p,bmp,bmp_p,bmp_kp,bmp_kp_p,generalized_sign,generalized_sign_p,grank_t,grank_t_p" {
		t.Fatalf("robustness.csv header %s", got)
	}
	checked := 0
	for _, r := range rows[1:] {
		dir, ok := single[r[0]]
		if !ok {
			t.Errorf("robustness.csv: model %s not run", r[0])
			continue
		}
		var sum struct {
			Windows []struct {
				Window string
				N      int
				CAAR   float64
			}
		}
		b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &sum); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, w := range sum.Windows {
			if w.Window == r[1] {
				found = true
				caar, err := strconv.ParseFloat(r[5], 64)
				if strconv.Itoa(w.N) != r[4] || err != nil || caar != w.CAAR {
					t.Errorf("%s %s: n %s caar %s, single-model run %d %v", r[0], r[1], r[4], r[5], w.N, w.CAAR)
				}
			}
		}
		if !found {
			t.Errorf("%s: window %s not in the single-model summary", r[0], r[1])
		}
		tests := map[string][2]string{}
		for _, tr := range readCSV(t, filepath.Join(dir, "tests.csv"))[1:] {
			// scope,rel_day,from,to,test,statistic,p_value,p_holm,p_bh,df,n,note
			if tr[0] == "window" && tr[2]+":"+tr[3] == r[1] {
				tests[tr[4]] = [2]string{tr[5], tr[6]}
				if strings.HasPrefix(tr[11], "n/a") {
					tests[tr[4]] = [2]string{"", ""}
				}
			}
		}
		for k := 6; k < len(head); k += 2 {
			name := strings.ReplaceAll(head[k], "_", "-")
			want, ok := tests[name]
			if !ok {
				t.Errorf("%s %s: no %s in the single-model tests.csv", r[0], r[1], name)
				continue
			}
			if r[k] != want[0] || r[k+1] != want[1] {
				t.Errorf("%s %s %s: %s (p %s), single-model run %s (p %s)", r[0], r[1], name, r[k], r[k+1], want[0], want[1])
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no test of robustness.csv checked")
	}
}

// TestModelsNasdaqEarnings runs the Nasdaq-100 earnings study (SOURCES.md
// section 3; factors section 2) under the market model, FF3 and Carhart in
// one run and checks every number of its robustness table, and every row
// of its per-event tables, against the three single-model runs.
func TestModelsNasdaqEarnings(t *testing.T) {
	const shared = "../../../shared/data/"
	ff3, mom := shared+"famafrench/F-F_Research_Data_Factors_daily.CSV", shared+"famafrench/F-F_Momentum_Factor_daily.CSV"
	for _, f := range []string{shared + "panel_ndx/earnings_dates_edgar.csv", shared + "benchmarks/NDX_daily_1985-10_2026-02.csv", ff3, mom} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
		}
	}
	base := []string{"run", "--events", shared + "panel_ndx/earnings_dates_edgar.csv", "--timestamp-col", "accept_et",
		"--prices", shared + "panel_ndx/prices", "--prices", "^NDX=" + shared + "benchmarks/NDX_daily_1985-10_2026-02.csv",
		"--market", "^NDX", "--charts=false"}
	tmp := t.TempDir()
	out3 := filepath.Join(tmp, "three")
	stdout := runOK(t, append(base, "--model", "market,ff3,carhart", "--factors", ff3, "--factors", mom, "--out", out3)...)
	single := map[string]string{}
	for _, m := range []string{"market", "ff3", "carhart"} {
		dir := filepath.Join(tmp, m)
		args := append(base, "--model", m, "--out", dir, "--quiet")
		switch m {
		case "ff3":
			args = append(args, "--factors", ff3)
		case "carhart":
			args = append(args, "--factors", ff3, "--factors", mom)
		}
		runOK(t, args...)
		single[m] = dir
	}
	checkAgainstSingle(t, out3, single)
	// The table printed: 2,049 events computed by each model (SOURCES.md
	// counts 2,070 inside the price files; 21 lack 120 estimation days or
	// the window's days), and the market model's 0:0 CAAR, 0.55%, as the
	// single run prints it.
	for _, want := range []string{"Robustness across models", "     0:0                 N             2049             2049             2049"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if rows := readCSV(t, filepath.Join(out3, "robustness.csv")); len(rows) != 1+3*3 {
		t.Errorf("robustness.csv: %d rows, want 9 (3 models x 3 windows) and the header", len(rows)-1)
	}
}

// writeSynthetic writes a small study: a market index MKT and securities
// AAA, BBB, CCC and DDD over 120 weekdays from 2024-01-01 (seeded), an
// event of each on weekday 100 (CCC's on 110; each with +5% on day 0), and
// a factor file (Mkt-RF = the market's return, SMB and HML noise, RF 0)
// that lacks the date of CCC's day 0. It
// returns the event list, price directory and factor file.
func writeSynthetic(t *testing.T, dir string) (events, prices, factors string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(10, 5))
	var dates []string
	for d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); len(dates) < 120; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			dates = append(dates, d.Format("2006-01-02"))
		}
	}
	prices = filepath.Join(dir, "prices")
	if err := os.MkdirAll(prices, 0o755); err != nil {
		t.Fatal(err)
	}
	rm := make([]float64, len(dates))
	smb, hml := make([]float64, len(dates)), make([]float64, len(dates))
	for i := range rm {
		rm[i], smb[i], hml[i] = 0.01*rng.NormFloat64(), 0.005*rng.NormFloat64(), 0.005*rng.NormFloat64()
	}
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	level := func(r func(i int) float64) string {
		var b strings.Builder
		b.WriteString("Date,Close\n")
		p := 100.0
		for i, d := range dates {
			if i > 0 {
				p *= 1 + r(i)
			}
			fmt.Fprintf(&b, "%s,%.6f\n", d, p)
		}
		return b.String()
	}
	write("prices/MKT.csv", level(func(i int) float64 { return rm[i] }))
	const day0 = 100
	var ev strings.Builder
	ev.WriteString("id,ticker,date\n")
	for k, tk := range []string{"AAA", "BBB", "CCC", "DDD"} {
		beta, s := 0.8+0.2*float64(k), 0.3*float64(k%2)
		at := day0
		if tk == "CCC" {
			// On a date the factor file lacks, which no window or
			// estimation day of the others reaches.
			at = day0 + 10
		}
		write("prices/"+tk+".csv", level(func(i int) float64 {
			r := beta*rm[i] + s*smb[i] + 0.01*rng.NormFloat64()
			if i == at {
				r += 0.05 // the news
			}
			return r
		}))
		fmt.Fprintf(&ev, "%s1,%s,%s\n", strings.ToLower(tk), tk, dates[at])
	}
	evs := ev.String()
	var f strings.Builder
	f.WriteString("date,Mkt-RF,SMB,HML,RF\n")
	for i, d := range dates {
		if i == day0+10 {
			continue
		}
		fmt.Fprintf(&f, "%s,%v,%v,%v,0\n", d, rm[i], smb[i], hml[i])
	}
	return write("events.csv", evs), prices, write("factors.csv", f.String())
}

// TestModelsSynthetic runs the market model and FF3 on four synthetic
// events, one of which (CCC) falls on a day the factor file lacks: it is
// skipped for FF3 only, with the reason, and computed by the market model.
// The tables are checked against the single-model runs as on the real data.
func TestModelsSynthetic(t *testing.T) {
	tmp := t.TempDir()
	events, prices, factors := writeSynthetic(t, tmp)
	base := []string{"run", "--events", events, "--prices", prices, "--market", "MKT", "--estimation", "-80:-11",
		"--min-estimation", "60", "--windows", "0:0,-1:1", "--charts=false"}
	out := filepath.Join(tmp, "both")
	stdout := runOK(t, append(base, "--model", "market,ff3", "--factors", factors, "--out", out, "--report", "--xlsx", "--charts")...)
	manifest, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil || !bytes.Contains(manifest, []byte(`"path": "charts/caar-models.png"`)) || !bytes.Contains(manifest, []byte(`"path": "robustness.csv"`)) {
		t.Errorf("manifest.json does not list charts/caar-models.png and robustness.csv (%v):\n%s", err, manifest)
	}
	single := map[string]string{"market": filepath.Join(tmp, "market"), "ff3": filepath.Join(tmp, "ff3")}
	runOK(t, append(base, "--model", "market", "--out", single["market"], "--quiet")...)
	runOK(t, append(base, "--model", "ff3", "--factors", factors, "--out", single["ff3"], "--quiet")...)
	checkAgainstSingle(t, out, single)

	skips := readCSV(t, filepath.Join(out, "skipped.csv"))
	if len(skips) != 2 || skips[1][0] != "ff3" || skips[1][2] != "CCC" || !strings.Contains(skips[1][5], "no factors on day +0") {
		t.Errorf("skipped.csv: %q, want one row: ff3, CCC, no factors on day +0", skips)
	}
	// Four events under the market model, three under FF3 (CCC skipped).
	n := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(out, "robustness.csv"))[1:] {
		n[r[0]+" "+r[1]] = r[4]
	}
	if n["market 0:0"] != "4" || n["ff3 0:0"] != "3" || n["market -1:1"] != "4" || n["ff3 -1:1"] != "3" {
		t.Errorf("robustness.csv N: %v, want 4 (market) and 3 (ff3) per window", n)
	}
	if !strings.Contains(stdout, "skipped for ff3 only: 1 events (skipped.csv, column model), first: line 4, event ccc1 CCC") {
		t.Errorf("stdout does not say CCC was skipped for ff3 only:\n%s", stdout)
	}
	// The workbook's robustness sheet holds robustness.csv's numbers,
	// exactly; the HTML report has the section.
	f, err := excelize.OpenFile(filepath.Join(out, "results.xlsx"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet, err := f.GetRows("robustness")
	if err != nil {
		t.Fatal(err)
	}
	csvRows := readCSV(t, filepath.Join(out, "robustness.csv"))
	if len(sheet) != len(csvRows) {
		t.Fatalf("robustness sheet: %d rows, robustness.csv %d", len(sheet), len(csvRows))
	}
	for i, r := range csvRows {
		for j, want := range r {
			got := ""
			if j < len(sheet[i]) {
				got = sheet[i][j]
			}
			a, errA := strconv.ParseFloat(got, 64)
			b, errB := strconv.ParseFloat(want, 64)
			if got != want && (errA != nil || errB != nil || a != b) {
				t.Errorf("robustness sheet row %d column %s: %q, robustness.csv %q", i+1, csvRows[0][j], got, want)
			}
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte(`<h3 id="robustness">Robustness across models</h3>`)) || !bytes.Contains(html, []byte("Skipped for ff3 only: 1 events")) {
		t.Error("report.html lacks the robustness section or the note on CCC")
	}
	// A rerun writes the same bytes.
	again := filepath.Join(tmp, "again")
	runOK(t, append(base, "--model", "market,ff3", "--factors", factors, "--out", again, "--report", "--xlsx", "--quiet")...)
	for _, name := range []string{"ar.csv", "car.csv", "fit.csv", "aar.csv", "tests.csv", "skipped.csv", "robustness.csv", "summary.json", "report.html", "results.xlsx"} {
		a, errA := os.ReadFile(filepath.Join(out, name))
		b, errB := os.ReadFile(filepath.Join(again, name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs (%v, %v)", name, errA, errB)
		}
	}

	// Each event's injected +5% on day 0 shows in both models' 0:0 CAAR
	// (beta near 1, daily noise 1%): between 3% and 7%.
	for _, r := range readCSV(t, filepath.Join(out, "robustness.csv"))[1:] {
		if r[1] != "0:0" {
			continue
		}
		var caar float64
		fmt.Sscan(r[5], &caar)
		if caar < 0.03 || caar > 0.07 {
			t.Errorf("%s 0:0 CAAR %v, want the injected 0.05 within 0.02", r[0], caar)
		}
	}
}
