package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
	"gonum.org/v1/gonum/floats/scalar"
)

// TestConstantMeanWithoutMarket runs the constant-mean model without
// --market on the files of testdata/cli/run_constant_mean.txt, and checks
// the CARs against a computation by hand, the market column empty in
// car.csv and ar.csv, and the same CARs as with --market MKT (which trades
// on every day of AAA).
func TestConstantMeanWithoutMarket(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/cli/run_constant_mean.txt")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "files/"); ok {
			p := filepath.Join(work, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cars := func(extra ...string) ([][]string, [][]string) {
		out := filepath.Join(work, "out"+strconv.Itoa(len(extra)))
		args := append([]string{"run", "--events", filepath.Join(work, "events.csv"), "--prices", filepath.Join(work, "prices"),
			"--model", "constant-mean", "--estimation", "-20:-3", "--min-estimation", "10", "--windows", "0:0,-1:1",
			"--out", out, "--quiet"}, extra...)
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", extra, code, stderr.String())
		}
		return readCSV(t, filepath.Join(out, "car.csv")), readCSV(t, filepath.Join(out, "ar.csv"))
	}
	car, arRows := cars()
	// By hand, from files/prices/AAA.csv (Adj Close, column 6):
	//   awk -F, '{p[NR-1]=$6} END{for(j=1;j<NR;j++) r[j]=p[j]/p[j-1]-1;
	//     for(j=10;j<=27;j++) s+=r[j]; m=s/18;
	//     printf "%.15g %.15g\n", r[30]-m, r[29]+r[30]+r[31]-3*m}'
	//   0.0412368444248967 0.0362561397673861
	// (day 0 2025-02-17 is row 30; estimation -20:-3 the returns of rows
	// 10..27.) Tolerance 1e-12 relative: awk prints 15 digits.
	want := []float64{0.0412368444248967, 0.0362561397673861}
	if len(car) != 3 {
		t.Fatalf("car.csv: %d rows, want 2", len(car)-1)
	}
	for i, w := range want {
		row := car[i+1]
		if row[2] != "" {
			t.Errorf("car.csv row %d: market %q, want empty", i+1, row[2])
		}
		if got, err := strconv.ParseFloat(row[7], 64); err != nil || !scalar.EqualWithinRel(got, w, 1e-12) {
			t.Errorf("car.csv row %d: CAR %s, want %.15g", i+1, row[7], w)
		}
	}
	if arRows[0][5] != "market_return" {
		t.Fatalf("ar.csv column 6 is %s, want market_return", arRows[0][5])
	}
	for _, row := range arRows[1:] {
		if row[5] != "" {
			t.Fatalf("ar.csv: market_return %q on %s, want empty", row[5], row[3])
		}
	}
	withMarket, _ := cars("--market", "MKT")
	for i := 1; i < len(car); i++ {
		if car[i][7] != withMarket[i][7] || withMarket[i][2] != "MKT" {
			t.Errorf("row %d: CAR %s without a market, %s with MKT (market %q)", i, car[i][7], withMarket[i][7], withMarket[i][2])
		}
	}
}
