package main

import (
	"bytes"
	"path/filepath"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestRegress checks 'eventstudy regress' end to end, dummies for a
// categorical column included, against an independent computation:
// Rscript cmd/eventstudy/testdata/regress/reference.R (R 4.2.2, OLS and HC1
// by hand), whose printed output is quoted here. Tolerance 1e-9 relative.
func TestRegress(t *testing.T) {
	out := filepath.Join(t.TempDir(), "reg.csv")
	var stdout, stderr bytes.Buffer
	code := run([]string{"regress", "--car", "testdata/regress/car.csv", "--window", "-1:1", "--x", "size,news", "--out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	rows := readCSV(t, out)
	want := []struct {
		term             string
		coef, se, tt, pv float64
	}{
		{"(Intercept)", -0.04473954112699523, 0.01678102400740487, -2.66607932312434, 1.57442372835336e-02},
		{"size", 0.00156161200714069, 0.00189261006762465, 0.82511027171097, 4.20110065280402e-01},
		{"news=good", 0.07342873906653917, 0.01092183814449509, 6.72311181461239, 2.65311926584969e-06},
		{"news=neutral", 0.05492542800857033, 0.00842569920582144, 6.51879762935538, 3.96427769185774e-06},
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows, want %d", len(rows)-1, len(want))
	}
	for i, w := range want {
		r := rows[i+1]
		if r[0] != w.term || r[5] != "22" || r[6] != "18" {
			t.Errorf("row %d: term %s n %s df %s, want %s 22 18", i, r[0], r[5], r[6], w.term)
		}
		for k, v := range []float64{w.coef, w.se, w.tt, w.pv} {
			got, err := strconv.ParseFloat(r[k+1], 64)
			if err != nil || !scalar.EqualWithinRel(got, v, 1e-9) {
				t.Errorf("%s column %s = %s, want %v", w.term, rows[0][k+1], r[k+1], v)
			}
		}
	}
	// R: r2 0.62902557348493.
	if r2, _ := strconv.ParseFloat(rows[1][7], 64); !scalar.EqualWithinRel(r2, 0.62902557348493, 1e-12) {
		t.Errorf("R2 = %v, want 0.62902557348493", r2)
	}
}
