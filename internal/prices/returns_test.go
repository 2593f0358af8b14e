package prices

import (
	"math"
	"path/filepath"
	"testing"
)

func TestReturns(t *testing.T) {
	got, err := ReadFile(filepath.Join("testdata", "returns.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	s := got[0]
	// Prices of testdata/returns.csv: 100, 110, 99, null, 120, 126. Returns
	// by hand: 110/100-1 = 0.1, 99/110-1 = -0.1, then two NaN around the
	// missing price (the gap is not spanned), 126/120-1 = 0.05. Log returns:
	// Python 3.11.7 math.log(1.1), math.log(0.9), math.log(1.05). Tolerance
	// 1e-14: float64 division and rounding of the ratios.
	wantSimple := []float64{nanVal, 0.1, -0.1, nanVal, nanVal, 0.05}
	wantLog := []float64{nanVal, 0.09531017980432493, -0.10536051565782628, nanVal, nanVal, 0.04879016416943205}
	for _, c := range []struct {
		log  bool
		want []float64
	}{{false, wantSimple}, {true, wantLog}} {
		r := s.Returns(c.log)
		if len(r) != len(c.want) {
			t.Fatalf("log=%v: %d returns, want %d", c.log, len(r), len(c.want))
		}
		for j := range r {
			if !sameValue(r[j], c.want[j], 1e-14) {
				t.Errorf("log=%v: return %d (%s) = %v, want %v", c.log, j, s.Dates[j], r[j], c.want[j])
			}
		}
	}
}

func TestReturnsOfReturnSeries(t *testing.T) {
	got, err := ReadFile(filepath.Join("testdata", "long_return.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	s := got[0]
	// The file's returns 0.01, -0.02, (missing), 0.5, as given (exact); log
	// returns from Python 3.11.7 math.log1p of each, tolerance 1e-15.
	tests := []struct {
		log  bool
		want []float64
		tol  float64
	}{
		{false, []float64{0.01, -0.02, nanVal, 0.5}, 0},
		{true, []float64{0.009950330853168083, -0.02020270731751945, nanVal, 0.4054651081081644}, 1e-15},
	}
	for _, tt := range tests {
		r := s.Returns(tt.log)
		for j := range tt.want {
			if !sameValue(r[j], tt.want[j], tt.tol) {
				t.Errorf("log=%v: return %d = %v, want %v", tt.log, j, r[j], tt.want[j])
			}
		}
	}
	// Returns gives a copy: changing it leaves the series alone.
	r := s.Returns(false)
	r[0] = 7
	if s.Values[0] != 0.01 {
		t.Errorf("Returns aliases Values")
	}
}

func TestReturnsShort(t *testing.T) {
	for _, s := range []*Series{{}, {Dates: []Date{1}, Values: []float64{5}}} {
		r := s.Returns(false)
		if len(r) != len(s.Values) || (len(r) == 1 && !math.IsNaN(r[0])) {
			t.Errorf("Returns(%v) = %v", s.Values, r)
		}
	}
}

func TestIndex(t *testing.T) {
	s := &Series{Dates: []Date{NewDate(2020, 1, 2), NewDate(2020, 1, 3), NewDate(2020, 1, 6)}}
	tests := []struct {
		d     Date
		i     int
		found bool
	}{
		{NewDate(2020, 1, 2), 0, true},
		{NewDate(2020, 1, 3), 1, true},
		{NewDate(2020, 1, 6), 2, true},
		{NewDate(2019, 12, 31), 0, false},
		{NewDate(2020, 1, 4), 2, false},
		{NewDate(2020, 1, 7), 3, false},
	}
	for _, tt := range tests {
		if i, ok := s.Index(tt.d); i != tt.i || ok != tt.found {
			t.Errorf("Index(%s) = %d, %v, want %d, %v", tt.d, i, ok, tt.i, tt.found)
		}
	}
}
