package report

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// TestPlaceboOutputs: with a placebo, placebo.csv holds three levels per
// test and tested day or window, its rates are the shares of the
// pseudo-studies' p at or below the level (recounted here from
// Result.Placebo), tests.csv gains p_empirical, (1 + #{p_placebo <= p}) /
// (K + 1) recounted here, the manifest lists placebo.csv and the report
// has the table.
func TestPlaceboOutputs(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	list := fx.events(12, []string{"A", "B", "C"}, nil, nil)
	cfg := study.Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
		Windows: []stats.Window{{From: 0, To: 0}, {From: -2, To: 2}}, MinEst: 120, Market: "MKT", Seed: 3, Placebo: 30}
	res, err := study.Run(cfg, list, fx.series)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	outs, err := Begin(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(dir, res, Meta{Version: "test", Outputs: outs}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(dir, res, Meta{Version: "test", Outputs: outs}, ""); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(dir, res, Meta{Version: "test", Outputs: outs}, ""); err != nil {
		t.Fatal(err)
	}
	if err := outs.Finish(); err != nil {
		t.Fatal(err)
	}

	rows := readCSV(t, filepath.Join(dir, "placebo.csv"))
	if got := strings.Join(rows[0], ","); got != "test,scope,from,to,level,rejection_rate,replications,mc_se,size" {
		t.Fatalf("placebo.csv header %s", got)
	}
	nTests := len(res.Windows[0].Tests)
	if want := 1 + 3*nTests*(len(res.Days)+len(res.Windows)); len(rows) != want {
		t.Fatalf("placebo.csv: %d rows, want %d (3 levels × %d tests × %d days and windows, and the header)", len(rows), want, nTests, len(res.Days)+len(res.Windows))
	}
	// The window -2:2's t test at 5%: its row, recounted.
	ps := res.Placebo.WindowP[1][0]
	var rej, n int
	for _, p := range ps {
		if !math.IsNaN(p) {
			n++
			if p <= 0.05 {
				rej++
			}
		}
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == "t" && r[1] == "window" && r[2] == "-2" && r[3] == "2" && r[4] == "0.05" {
			found = true
			rate, _ := strconv.ParseFloat(r[5], 64)
			if r[6] != strconv.Itoa(n) || rate != float64(rej)/float64(n) || n != 30 {
				t.Errorf("t -2:2 at 5%%: %v, want rate %d/%d", r, rej, n)
			}
			// sqrt(0.05 × 0.95 / 30), closed form
			if se, _ := strconv.ParseFloat(r[7], 64); math.Abs(se-math.Sqrt(0.05*0.95/30)) > 1e-15 {
				t.Errorf("mc_se %g", se)
			}
		}
	}
	if !found {
		t.Error("no row t window -2:2 at 0.05")
	}

	tests := readCSV(t, filepath.Join(dir, "tests.csv"))
	col := len(tests[0]) - 1
	if tests[0][col] != "p_empirical" {
		t.Fatalf("tests.csv header %v, want p_empirical last", tests[0])
	}
	for _, r := range tests[1:] {
		if r[0] == "window" && r[2] == "-2" && r[4] == "t" {
			real, _ := strconv.ParseFloat(r[6], 64)
			var le int
			for _, p := range ps {
				if p <= real {
					le++
				}
			}
			if got, _ := strconv.ParseFloat(r[col], 64); got != float64(1+le)/31 {
				t.Errorf("p_empirical %g, want (1 + %d)/31", got, le)
			}
		}
	}

	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	listed := false
	for _, f := range m.Files {
		listed = listed || f.Path == "placebo.csv"
	}
	if !listed {
		t.Error("manifest.json does not list placebo.csv")
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `<h3 id="placebo">`) {
		t.Error("report.html has no placebo table")
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	compareSheet(t, f, "placebo", filepath.Join(dir, "placebo.csv"), 0)
}

// TestPlaceboTestColumns: tests.csv with --placebo has the columns of
// tests.csv without it, in the same order, then p_empirical (the two
// record types must not drift apart; an embedded testRecord, being
// unexported, is skipped by gocsv and wrote p_empirical alone).
func TestPlaceboTestColumns(t *testing.T) {
	tags := func(typ reflect.Type) []string {
		var out []string
		for i := range typ.NumField() {
			out = append(out, typ.Field(i).Tag.Get("csv"))
		}
		return out
	}
	want := append(tags(reflect.TypeFor[testRecord]()), "p_empirical")
	if got := tags(reflect.TypeFor[placeboTestRecord]()); !slices.Equal(got, want) {
		t.Errorf("placebo tests.csv columns %q, want %q", got, want)
	}
}
