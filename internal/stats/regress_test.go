package stats

import (
	"errors"
	"math"
	"testing"
)

// regressRef holds the output of testdata/regress_ref.R (R 4.2.2, lm() and
// HC1 written out as (n/(n-k)) solve(X'X) X' diag(e^2) X solve(X'X)) on
// testdata/regress.csv, pasted verbatim.
var regressRef = map[string]float64{
	"N":                    38,
	"R2":                   0.026740520352831951,
	"AdjR2":                -0.028874307055577697,
	"(Intercept) coef":     0.0048737606887036518,
	"(Intercept) se":       0.026397431044322895,
	"(Intercept) t":        0.1846301134576433,
	"(Intercept) p":        0.85458483870424629,
	"size coef":            -0.0016580789092617168,
	"size se":              0.0033185656633105956,
	"size t":               -0.49963721603978151,
	"size p":               0.62045716740179624,
	"surprise coef":        0.22397044724885892,
	"surprise se":          0.39001084037935946,
	"surprise t":           0.57426723583120209,
	"surprise p":           0.56945969424265952,
	"cov size surprise":    0.00028958500842777343,
	"cov (Intercept) size": -8.606392694548965e-05,
}

func TestRegressAgainstR(t *testing.T) {
	c := readColumns(t, "regress.csv")
	reg, err := Regress(c["car"], [][]float64{c["size"], c["surprise"]}, []string{"size", "surprise"})
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-10
	// Rows 7 (car) and 23 (surprise) are NA in regress.csv.
	if float64(reg.N) != regressRef["N"] || reg.Dropped != 2 || reg.K != 3 || reg.DF != reg.N-3 {
		t.Errorf("N, Dropped, K, DF = %d, %d, %d, %d, want 38, 2, 3, 35", reg.N, reg.Dropped, reg.K, reg.DF)
	}
	near(t, "R2", reg.R2, regressRef["R2"], tol)
	near(t, "AdjR2", reg.AdjR2, regressRef["AdjR2"], tol)
	for i, name := range []string{"(Intercept)", "size", "surprise"} {
		tm := reg.Terms[i]
		if tm.Name != name {
			t.Errorf("Terms[%d].Name = %q, want %q", i, tm.Name, name)
		}
		near(t, name+" coef", tm.Coef, regressRef[name+" coef"], tol)
		near(t, name+" se", tm.SE, regressRef[name+" se"], tol)
		near(t, name+" t", tm.T, regressRef[name+" t"], tol)
		near(t, name+" p", tm.P, regressRef[name+" p"], tol)
	}
	near(t, "cov size surprise", reg.Cov.At(1, 2), regressRef["cov size surprise"], tol)
	near(t, "cov (Intercept) size", reg.Cov.At(0, 1), regressRef["cov (Intercept) size"], tol)
}

func TestRegressEdges(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	// Exact fit y = 1 + 2x: coefficients recovered, SE 0, t and p NaN, R2 1.
	reg, err := Regress([]float64{3, 5, 7, 9, 11}, [][]float64{x}, nil)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "b0", reg.Terms[0].Coef, 1, 1e-14)
	near(t, "b1", reg.Terms[1].Coef, 2, 1e-14)
	near(t, "t", reg.Terms[1].T, math.NaN(), 0)
	near(t, "R2", reg.R2, 1, 1e-14)
	if reg.Terms[1].Name != "x1" {
		t.Errorf("default name %q, want x1", reg.Terms[1].Name)
	}
	// No regressor: the mean, with HC1 SE sqrt(n/(n-1) sum e^2 / n^2)
	// = sd/sqrt(n), the one-sample t (closed form).
	y := []float64{0.012, -0.004, 0.031, 0.007, -0.015, 0.022}
	reg, err = Regress(y, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tt := CrossSectionalT(y)
	near(t, "intercept-only t", reg.Terms[0].T, tt.Stat, 1e-12)
	near(t, "intercept-only p", reg.Terms[0].P, tt.P, 1e-12)

	for _, tc := range []struct {
		name string
		y    []float64
		x    [][]float64
		want error
		msg  string
	}{
		{"too few", []float64{1, 2, math.NaN()}, [][]float64{{1, 2, 3}}, ErrShortSample,
			"regress: too few observations: 2 complete rows for 2 coefficients, need at least 3"},
		{"constant", []float64{1, 2, 3, 4}, [][]float64{{1, 1, 1, 1}}, ErrSingular,
			"regress: x1 is constant over the 4 complete rows"},
		{"collinear", []float64{1, 2, 3, 5}, [][]float64{{1, 2, 3, 4}, {2, 4, 6, 8}}, ErrSingular,
			"regress: the regressors are collinear over the 4 complete rows"},
		{"infinite", []float64{1, 2, 3, 5}, [][]float64{{1, math.Inf(1), math.NaN(), 4}}, ErrInfinite,
			"regress: row 2: x1: infinite return"},
		// x1 is 1 on row 3 only: h_3 = 1 (its dummy fits it exactly).
		{"leverage", []float64{1, 2, 3, 5, 4}, [][]float64{{0, 0, 1, 0, 0}, {1, 2, 3, 4, 6}}, ErrLeverage,
			"regress: row 3: a row is fitted exactly (leverage 1): its regressors single it out, and its standard error cannot be estimated"},
	} {
		_, err := Regress(tc.y, tc.x, nil)
		if !errors.Is(err, tc.want) || err.Error() != tc.msg {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.msg)
		}
	}
	for name, f := range map[string]func(){
		"length": func() { Regress(x, [][]float64{x[1:]}, nil) },
		"names":  func() { Regress(x, [][]float64{x}, []string{"a", "b"}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
