package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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
	// 22 rows for 4 coefficients: above the floor of 5 per coefficient and
	// 10 residual df, below the 10 per coefficient of Harrell (2015).
	if want := "eventstudy regress: warning: 22 rows for 4 coefficients, fewer than 10 per coefficient (Harrell 2015, sec. 4.4): the fit may not hold beyond these events\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
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
		if r[0] != w.term || r[5] != "18" || r[6] != "22" || r[7] != "" || r[8] != "HC1" {
			t.Errorf("row %d: term %s df %s n %s clusters %s se_type %s, want %s 18 22 (empty) HC1", i, r[0], r[5], r[6], r[7], r[8], w.term)
		}
		for k, v := range []float64{w.coef, w.se, w.tt, w.pv} {
			got, err := strconv.ParseFloat(r[k+1], 64)
			if err != nil || !scalar.EqualWithinRel(got, v, 1e-9) {
				t.Errorf("%s column %s = %s, want %v", w.term, rows[0][k+1], r[k+1], v)
			}
		}
	}
	// R: r2 0.62902557348493.
	if r2, _ := strconv.ParseFloat(rows[1][9], 64); !scalar.EqualWithinRel(r2, 0.62902557348493, 1e-12) {
		t.Errorf("R2 = %v, want 0.62902557348493", r2)
	}
}

func TestParseCell(t *testing.T) {
	for _, tc := range []struct {
		in   string
		v    float64
		kind cellKind
		err  string
	}{
		{"", math.NaN(), cellEmpty, ""},
		{"  ", math.NaN(), cellEmpty, ""},
		{"12.5", 12.5, cellNumber, ""},
		{" +12.5 ", 12.5, cellNumber, ""},
		{"-3e-2", -0.03, cellNumber, ""},
		{"+12.5%", 0.125, cellPercent, ""},
		{"-4 %", -0.04, cellPercent, ""},
		{"1,234.5", 1234.5, cellNumber, ""},
		{"-1,234,567", -1234567, cellNumber, ""},
		{"1,234.", 1234, cellNumber, ""},
		{"1,234.5%", 12.345, cellPercent, ""},
		{"good", math.NaN(), cellText, ""},
		{"A,B", math.NaN(), cellText, ""},
		{"n/a", math.NaN(), cellText, ""},
		{"100% stock", math.NaN(), cellText, ""},
		{"1,5", 0, cellText, `"1,5" is not a number: a comma must separate thousands in groups of three (1,234.5), and the decimal mark is a point`},
		{"1,2345", 0, cellText, `"1,2345" is not a number: a comma must separate thousands in groups of three (1,234.5), and the decimal mark is a point`},
		{"1234,567", 0, cellText, `"1234,567" is not a number: a comma must separate thousands in groups of three (1,234.5), and the decimal mark is a point`},
		{"1.234,5", 0, cellText, `"1.234,5" is not a number: a comma must separate thousands in groups of three (1,234.5), and the decimal mark is a point`},
		{"1..2%", 0, cellText, `"1..2%" is not a percentage`},
		// Found by scripts/hostile.sh: strconv's other forms were read
		// as numbers (a column of 0x1p-2 regressed, exit 0; Inf failed
		// as an "infinite return" at a row number) and 1e400 was text.
		{"NaN", math.NaN(), cellEmpty, ""},
		{"1e-400", 0, cellNumber, ""},
		{".5", 0.5, cellNumber, ""},
		{"0x1p-2", 0, cellText, `"0x1p-2" is not a number in a form car.csv uses: write plain decimals such as 12.5 or 1.25e-3`},
		{"Inf", 0, cellText, `"Inf" is not a number in a form car.csv uses: write plain decimals such as 12.5 or 1.25e-3`},
		{"-infinity", 0, cellText, `"-infinity" is not a number in a form car.csv uses: write plain decimals such as 12.5 or 1.25e-3`},
		{"1e400", 0, cellText, `"1e400" is beyond the range of a number`},
		{"1e400%", 0, cellText, `"1e400%" is beyond the range of a number`},
	} {
		v, kind, err := parseCell(tc.in)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("parseCell(%q): error %v, want %q", tc.in, err, tc.err)
			}
		case err != nil || kind != tc.kind || !(v == tc.v || math.IsNaN(v) && math.IsNaN(tc.v)) && !scalar.EqualWithinRel(v, tc.v, 1e-15):
			t.Errorf("parseCell(%q) = %v, %v, %v; want %v, %v", tc.in, v, kind, err, tc.v, tc.kind)
		}
	}
}

// FuzzParseCell checks that parseCell never panics, that a number it reads
// is what strconv reads once the separators, the sign and the percent are
// taken off, and that text is never read as a number.
func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"", "12.5", "+12.5%", "1,234.5", "1,5", "good", "1e3", " -4 % "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, kind, err := parseCell(s)
		if err != nil {
			// An error needs a comma, a percent, or a cell that strconv
			// reads (in a form other than plain decimals, or out of range).
			_, perr := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if !strings.ContainsAny(s, ",%") && perr != nil && !errors.Is(perr, strconv.ErrRange) {
				t.Errorf("parseCell(%q): error %v without a comma, percent or number", s, err)
			}
			return
		}
		if kind != cellNumber && kind != cellPercent {
			return
		}
		num := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
		want, perr := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if kind == cellPercent {
			want /= 100
		}
		if perr != nil && !errors.Is(perr, strconv.ErrRange) || !(v == want || math.IsNaN(v) && math.IsNaN(want)) {
			t.Errorf("parseCell(%q) = %v, want %v (%v)", s, v, want, perr)
		}
	})
}

// TestRegressFormats runs the regression of TestRegress with size written
// as a percentage (+314.2% for 3.142) and, multiplied by 1,000, with
// thousands separators (3,142.0): the fits are those of the plain numbers,
// the slope of size divided by 1,000 in the second (closed form), and the
// reference values are TestRegress's (R 4.2.2, tolerance 1e-9 relative).
func TestRegressFormats(t *testing.T) {
	rows := readCSV(t, "testdata/regress/car.csv")
	size := slices.Index(rows[0], "size")
	for _, tc := range []struct {
		name   string
		format func(v float64) string
		scale  float64
	}{
		{"percent", func(v float64) string { return strconv.FormatFloat(v*100, 'f', -1, 64) + "%" }, 1},
		{"plus percent", func(v float64) string { return "+" + strconv.FormatFloat(v*100, 'f', -1, 64) + " %" }, 1},
		{"thousands", func(v float64) string { return addThousands(strconv.FormatFloat(v*1000, 'f', 1, 64)) }, 1000},
	} {
		var b strings.Builder
		cw := csv.NewWriter(&b)
		for i, r := range rows {
			r = slices.Clone(r)
			if v, err := strconv.ParseFloat(r[size], 64); i > 0 && err == nil {
				r[size] = tc.format(v)
			}
			cw.Write(r)
		}
		cw.Flush()
		dir := t.TempDir()
		in, out := filepath.Join(dir, "car.csv"), filepath.Join(dir, "reg.csv")
		if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{"regress", "--car", in, "--window", "-1:1", "--x", "size,news", "--out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, stderr.String())
		}
		got := readCSV(t, out)
		// TestRegress: size 0.00156161200714069, news=good 0.07342873906653917.
		for _, w := range []struct {
			row  int
			coef float64
		}{{2, 0.00156161200714069 / tc.scale}, {3, 0.07342873906653917}} {
			v, err := strconv.ParseFloat(got[w.row][1], 64)
			if err != nil || !scalar.EqualWithinRel(v, w.coef, 1e-9) {
				t.Errorf("%s: %s = %s, want %v", tc.name, got[w.row][0], got[w.row][1], w.coef)
			}
		}
		if !strings.Contains(b.String(), "%") && !strings.Contains(b.String(), `"`) {
			t.Errorf("%s: the fixture was not rewritten", tc.name)
		}
	}
}

// addThousands inserts thousands separators into a decimal number.
func addThousands(s string) string {
	intPart, frac, _ := strings.Cut(s, ".")
	var b []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, intPart[i])
	}
	return string(b) + "." + frac
}

// TestRegressCluster checks --cluster end to end against R's sandwich
// (Rscript cmd/eventstudy/testdata/regress/cluster_reference.R: vcovCL 3.0.2
// with its lm defaults, lmtest 0.9.40 coeftest with df = G-1, two-way
// min(G)-1), whose printed output is quoted here. Tolerance 1e-9 relative
// (R prints 15 significant digits).
func TestRegressCluster(t *testing.T) {
	type row struct {
		term             string
		coef, se, tt, pv float64
	}
	check := func(t *testing.T, args []string, df, n, clusters, seType string, want []row) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "reg.csv")
		var stdout, stderr bytes.Buffer
		if code := run(append(args, "--out", out), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		rows := readCSV(t, out)
		if strings.Join(rows[0], ",") != "term,estimate,std_error,t,p_value,df,n,clusters,se_type,r2,adj_r2" {
			t.Errorf("header %v", rows[0])
		}
		if len(rows) != len(want)+1 {
			t.Fatalf("%d rows, want %d", len(rows)-1, len(want))
		}
		for i, w := range want {
			r := rows[i+1]
			if r[0] != w.term || r[5] != df || r[6] != n || r[7] != clusters || r[8] != seType {
				t.Errorf("row %d: %v, want term %s df %s n %s clusters %s se_type %s", i, r, w.term, df, n, clusters, seType)
			}
			for k, v := range []float64{w.coef, w.se, w.tt, w.pv} {
				got, err := strconv.ParseFloat(r[k+1], 64)
				if err != nil || !scalar.EqualWithinRel(got, v, 1e-9) {
					t.Errorf("%s column %s = %s, want %v", w.term, rows[0][k+1], r[k+1], v)
				}
			}
		}
	}
	t.Run("car.csv by ticker", func(t *testing.T) {
		check(t, []string{"regress", "--car", "testdata/regress/car.csv", "--window", "-1:1", "--x", "size,news", "--cluster", "ticker"}, "4", "22", "5", "cluster(ticker)", []row{
			{"(Intercept)", -0.0447395411269952, 0.018317916989891, -2.44239239383415, 0.0710249961707578},
			{"size", 0.00156161200714069, 0.0022226449764619, 0.702591742576238, 0.521045550119293},
			{"news=good", 0.0734287390665391, 0.00624147765124531, 11.7646402293676, 0.000298677301965389},
			{"news=neutral", 0.0549254280085703, 0.00345816355196106, 15.8828312146842, 9.18435458818711e-05},
		})
	})
	// crseEventStudy's example (SOURCES.md section 7): its published t
	// clustered by firm is -0.2037347 (crseEvent, 1e-7); R gives all digits.
	const crse = "../../../shared/data/crse/demo_share_repurchases.csv"
	if _, err := os.Stat(crse); err != nil {
		t.Skipf("%s is absent: the crseEventStudy example is not checked", crse)
	}
	t.Run("crse by date", func(t *testing.T) {
		check(t, []string{"regress", "--car", crse, "--y", "ars", "--cluster", "date"}, "144", "2340", "145", "cluster(date)", []row{
			{"(Intercept)", -0.00696442471120256, 0.0433951128399683, -0.160488687675173, 0.872721051039457},
		})
	})
	t.Run("crse by firm", func(t *testing.T) {
		check(t, []string{"regress", "--car", crse, "--y", "ars", "--cluster", "code"}, "34", "2340", "35", "cluster(code)", []row{
			{"(Intercept)", -0.00696442471120256, 0.0341837907525969, -0.203734710454062, 0.839775352732},
		})
	})
	t.Run("crse two-way", func(t *testing.T) {
		check(t, []string{"regress", "--car", crse, "--y", "ars", "--cluster", "date,code"}, "34", "2340", "145;35", "cluster(date+code)", []row{
			{"(Intercept)", -0.00696442471120256, 0.0481341846051142, -0.144687705179545, 0.88581173475319},
		})
	})
}
