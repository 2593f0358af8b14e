package prices

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wantFactors is an expected factor table. Unless a comment says otherwise
// the values are the fixture's literals divided by 100 for percent files,
// written here as decimal literals: ParseFactors reads "0.09" in percent as
// the float64 nearest to 0.0009 (see parsePercent), so they compare exactly
// (tolerance 0).
type wantFactors struct {
	names   []string
	dates   []string
	values  [][]float64 // values[j][i]
	rf      []float64   // nil: no RF
	percent bool
}

func checkFactors(t *testing.T, f *Factors, w wantFactors) {
	t.Helper()
	if !slices.Equal(f.Names, w.names) || f.Percent != w.percent {
		t.Errorf("names %q percent %v, want %q %v", f.Names, f.Percent, w.names, w.percent)
	}
	var dates []string
	for _, d := range f.Dates {
		dates = append(dates, d.String())
	}
	if !slices.Equal(dates, w.dates) {
		t.Fatalf("dates %v, want %v", dates, w.dates)
	}
	if len(f.Values) != len(w.values) {
		t.Fatalf("%d value columns, want %d", len(f.Values), len(w.values))
	}
	for j := range w.values {
		if len(f.Values[j]) != len(w.values[j]) {
			t.Fatalf("%s: %d values, want %d", w.names[j], len(f.Values[j]), len(w.values[j]))
		}
		for i := range w.values[j] {
			if !sameValue(f.Values[j][i], w.values[j][i], 0) {
				t.Errorf("%s on %s = %v, want %v", w.names[j], w.dates[i], f.Values[j][i], w.values[j][i])
			}
		}
	}
	if (f.RF == nil) != (w.rf == nil) || len(f.RF) != len(w.rf) {
		t.Fatalf("RF %v, want %v", f.RF, w.rf)
	}
	for i := range w.rf {
		if !sameValue(f.RF[i], w.rf[i], 0) {
			t.Errorf("RF on %s = %v, want %v", w.dates[i], f.RF[i], w.rf[i])
		}
	}
}

func TestReadFactorsLayouts(t *testing.T) {
	tests := []struct {
		file string
		opt  FactorOptions
		want wantFactors
	}{
		// Preamble, blank line, CRLF, padding, copyright footer; a Saturday kept.
		{"french_crlf.csv", FactorOptions{}, wantFactors{
			names:   []string{"Mkt-RF", "SMB", "HML"},
			dates:   []string{"1926-07-01", "1926-07-02", "1926-07-03", "1926-07-06"},
			values:  [][]float64{{0.0009, 0.0045, 0.0017, -0.0011}, {-0.0025, -0.0033, 0.0030, 0}, {-0.0027, -0.0006, -0.0039, 0.0105}},
			rf:      []float64{0.00009, 0.00009, 0.00009, 0.00009},
			percent: true,
		}},
		// Trailing commas everywhere, header ",Mom,", no RF.
		{"french_trailing_commas.csv", FactorOptions{}, wantFactors{
			names:   []string{"Mom"},
			dates:   []string{"1926-11-03", "1926-11-04", "1926-11-05"},
			values:  [][]float64{{0.0056, -0.005, 0.011}},
			percent: true,
		}},
		// Only the first (daily) block; the annual table after it is not read.
		{"french_sections.csv", FactorOptions{}, wantFactors{
			names:   []string{"Mkt-RF", "SMB", "HML"},
			dates:   []string{"2024-01-02", "2024-01-03"},
			values:  [][]float64{{-0.0071, -0.01}, {-0.0042, -0.0057}, {0.0106, 0.001}},
			rf:      []float64{0.00021, 0.00021},
			percent: true,
		}},
		// -99.99, -999 and an empty cell are missing.
		{"french_missing.csv", FactorOptions{}, wantFactors{
			names:   []string{"A", "B"},
			dates:   []string{"2020-01-02", "2020-01-03", "2020-01-06"},
			values:  [][]float64{{nanVal, 0.02, nanVal}, {0.015, nanVal, 0.0025}},
			percent: true,
		}},
		// Generic: decimals as written; "rf" in lower case is RF.
		{"generic_iso.csv", FactorOptions{}, wantFactors{
			names:  []string{"MKT", "SMB"},
			dates:  []string{"2020-01-02", "2020-01-03", "2020-01-06"},
			values: [][]float64{{0.0086, -0.0067, 0.0036}, {-0.0011, 0.0027, -0.002}},
			rf:     []float64{0.00006, 0.00006, 0.00006},
		}},
		// The same file declared in percent.
		{"generic_iso.csv", FactorOptions{Units: UnitsPercent}, wantFactors{
			names:   []string{"MKT", "SMB"},
			dates:   []string{"2020-01-02", "2020-01-03", "2020-01-06"},
			values:  [][]float64{{0.000086, -0.000067, 0.000036}, {-0.000011, 0.000027, -0.00002}},
			rf:      []float64{0.0000006, 0.0000006, 0.0000006},
			percent: true,
		}},
		// A French file declared in decimals is taken at its word.
		{"french_trailing_commas.csv", FactorOptions{Units: UnitsDecimal}, wantFactors{
			names:  []string{"Mom"},
			dates:  []string{"1926-11-03", "1926-11-04", "1926-11-05"},
			values: [][]float64{{0.56, -0.5, 1.1}},
		}},
		// BOM, quoted header, YYYYMMDD in a generic file, blank lines skipped.
		{"generic_compact.csv", FactorOptions{}, wantFactors{
			names:  []string{"UMD"},
			dates:  []string{"2020-01-02", "2020-01-03"},
			values: [][]float64{{0.012, -0.004}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "factors", tt.file)
			f, err := ReadFactorsWith(path, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if f.File != path {
				t.Errorf("File %q, want %q", f.File, path)
			}
			checkFactors(t, f, tt.want)
		})
	}
}

func TestReadFactorsGzip(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "factors", "french_crlf.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	plain, err := ParseFactors(bytes.NewReader(raw), "x.csv", FactorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	gz, err := ParseFactors(&buf, "x.csv.gz", FactorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(plain.Dates, gz.Dates) || !slices.Equal(plain.Values[0], gz.Values[0]) || !slices.Equal(plain.RF, gz.RF) {
		t.Errorf("gzip read differs from plain read")
	}
}

func TestReadFactorsErrors(t *testing.T) {
	const acc = `; accepted: Ken French's daily CSV (text, then a header ",Mkt-RF,SMB,HML,RF", then YYYYMMDD rows in percent) ` +
		`or date,F1,F2,... (YYYY-MM-DD or YYYYMMDD, decimals)`
	// Each message after "testdata/factors/"; lines and columns counted by hand
	// in the fixture.
	tests := []struct {
		file, want string
		is         error
	}{
		{"bad_empty.csv", "bad_empty.csv:1:1: unknown column layout: empty file" + acc, ErrLayout},
		{"bad_no_header.csv", "bad_no_header.csv:1:1: unknown column layout: no header line" + acc, ErrLayout},
		{"bad_data_before_header.csv", "bad_data_before_header.csv:1:1: unknown column layout: data row before any header" + acc, ErrLayout},
		{"bad_number.csv", `bad_number.csv:3:14: Mkt-RF: cannot parse number "0.4x"`, ErrBadNumber},
		{"bad_inf.csv", `bad_inf.csv:2:12: MKT: cannot parse number "Inf"`, ErrBadNumber},
		{"bad_date.csv", `bad_date.csv:3:1: cannot parse date "19260231" (want YYYYMMDD or YYYY-MM-DD)`, ErrBadDate},
		{"bad_monthly.csv", `bad_monthly.csv:2:1: cannot parse date "192607" (want YYYYMMDD or YYYY-MM-DD; a monthly file? only daily factors are read)`, ErrBadDate},
		{"bad_generic_text.csv", `bad_generic_text.csv:3:1: cannot parse date "Total" (want YYYYMMDD or YYYY-MM-DD)`, ErrBadDate},
		{"bad_duplicate.csv", "bad_duplicate.csv:4:1: duplicate date 1926-07-02 (also on line 3)", ErrDuplicateDate},
		{"bad_unsorted.csv", "bad_unsorted.csv:3:1: dates not increasing: 1926-07-01 after 1926-07-02 on line 2", ErrUnsorted},
		{"bad_fields.csv", "bad_fields.csv:3:27: unknown column layout: 3 fields, header has 4", ErrLayout},
		{"bad_extra_field.csv", "bad_extra_field.csv:3:20: unknown column layout: 3 fields, header has 2", ErrLayout},
		{"bad_no_data.csv", "bad_no_data.csv:2:1: no data rows after the header", ErrNoData},
		{"bad_header_duplicate.csv", `bad_header_duplicate.csv:1:6: unknown column layout: columns 2 and 3 are both "SMB"`, ErrLayout},
		{"bad_header_rf_only.csv", `bad_header_rf_only.csv:1:1: unknown column layout: header ",RF" names no factor besides RF` + acc, ErrLayout},
		{"bad_header_gap.csv", `bad_header_gap.csv:1:4: unknown column layout: column 3 of header ",A,,B" has no name`, ErrLayout},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := ReadFactors(filepath.Join("testdata", "factors", tt.file))
			if err == nil {
				t.Fatalf("no error, got %d dates", len(f.Dates))
			}
			if want := "testdata/factors/" + tt.want; err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			var pe *PosError
			if !errors.As(err, &pe) {
				t.Errorf("error %v is not a *PosError", err)
			}
		})
	}
}

func TestReadFactorsMissingFile(t *testing.T) {
	if _, err := ReadFactors("testdata/factors/no_such_file.csv"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want a not-exist error", err)
	}
}

func TestReadFactorsLongLine(t *testing.T) {
	// Lines longer than the reader's 64 kB buffer are read whole: 20,000
	// factor columns F0..F19999 make a header of about 130 kB.
	const n = 20000
	var b strings.Builder
	b.WriteString("date")
	for i := range n {
		b.WriteString(",F" + strconv.Itoa(i))
	}
	b.WriteString("\n2020-01-02")
	for range n {
		b.WriteString(",1")
	}
	b.WriteString("\n")
	f, err := ParseFactors(strings.NewReader(b.String()), "long.csv", FactorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Names) != n || f.Names[n-1] != "F19999" || f.Values[n-1][0] != 1 {
		t.Errorf("%d names, last %q value %v; want %d, F19999, 1", len(f.Names), f.Names[len(f.Names)-1], f.Values[n-1][0], n)
	}
	// Past MaxLine (1 MiB) a line is an error, not a read of everything.
	huge := "date,F\n2020-01-02," + strings.Repeat("1", MaxLine+1)
	_, err = ParseFactors(strings.NewReader(huge), "huge.csv", FactorOptions{})
	if want := "huge.csv:2:1048577: line too long: more than 1048576 bytes without a line end"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestFactorsIndex(t *testing.T) {
	f, err := ReadFactors(filepath.Join("testdata", "factors", "french_crlf.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// french_crlf.csv holds 1926-07-01, -02, -03, -06.
	if i, ok := f.Index(NewDate(1926, time.July, 3)); i != 2 || !ok {
		t.Errorf("Index(1926-07-03) = %d, %v; want 2, true", i, ok)
	}
	if i, ok := f.Index(NewDate(1926, time.July, 5)); i != 3 || ok {
		t.Errorf("Index(1926-07-05) = %d, %v; want 3, false", i, ok)
	}
}

// factorsOf builds a table for Merge tests: dates as day numbers of July 2020.
func factorsOf(file string, names []string, days []int, values [][]float64, rf []float64) *Factors {
	f := &Factors{File: file, Names: names, Values: values, RF: rf}
	for _, d := range days {
		f.Dates = append(f.Dates, NewDate(2020, time.July, d))
	}
	return f
}

func TestMerge(t *testing.T) {
	ff := factorsOf("ff.csv", []string{"Mkt-RF", "SMB"}, []int{1, 2, 3, 6},
		[][]float64{{1, 2, 3, 4}, {10, 20, 30, 40}}, []float64{0.1, 0.2, 0.3, 0.4})
	mom := factorsOf("mom.csv", []string{"Mom"}, []int{2, 3, 6, 7}, [][]float64{{-2, -3, -6, -7}}, nil)
	got, err := ff.Merge(mom)
	if err != nil {
		t.Fatal(err)
	}
	// Inner join by hand: July 2, 3 and 6 are in both.
	checkFactors(t, got, wantFactors{
		names:  []string{"Mkt-RF", "SMB", "Mom"},
		dates:  []string{"2020-07-02", "2020-07-03", "2020-07-06"},
		values: [][]float64{{2, 3, 4}, {20, 30, 40}, {-2, -3, -6}},
		rf:     []float64{0.2, 0.3, 0.4},
	})
	if got.File != "ff.csv+mom.csv" {
		t.Errorf("File %q", got.File)
	}
	// RF from the other side when only it has one.
	got, err = mom.Merge(ff)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.RF, []float64{0.2, 0.3, 0.4}) || !slices.Equal(got.Names, []string{"Mom", "Mkt-RF", "SMB"}) {
		t.Errorf("mom+ff: names %v RF %v", got.Names, got.RF)
	}
	// Both with RF: equal rates pass, and a missing one is filled from the other.
	other := factorsOf("o.csv", []string{"X"}, []int{1, 2}, [][]float64{{5, 6}}, []float64{nanVal, 0.2})
	got, err = ff.Merge(other)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.RF, []float64{0.1, 0.2}) {
		t.Errorf("RF %v, want [0.1 0.2]", got.RF)
	}
	// The inputs are not modified.
	if len(ff.Names) != 2 || len(ff.Dates) != 4 {
		t.Errorf("Merge modified its receiver: %v %v", ff.Names, ff.Dates)
	}
}

func TestMergeErrors(t *testing.T) {
	ff := factorsOf("ff.csv", []string{"Mkt-RF", "SMB"}, []int{1, 2}, [][]float64{{1, 2}, {3, 4}}, []float64{0.1, 0.2})
	tests := []struct {
		other *Factors
		want  string
		is    error
	}{
		{factorsOf("b.csv", []string{"SMB"}, []int{1}, [][]float64{{1}}, nil), `merge ff.csv and b.csv: factor "SMB" in both`, nil},
		{factorsOf("c.csv", []string{"Mom"}, []int{2}, [][]float64{{1}}, []float64{0.25}), `merge ff.csv and c.csv: RF differs on 2020-07-02: 0.2 and 0.25`, nil},
		{factorsOf("d.csv", []string{"Mom"}, []int{3}, [][]float64{{1}}, nil), `merge ff.csv and d.csv: no data: no common date`, ErrNoData},
	}
	for _, tt := range tests {
		_, err := ff.Merge(tt.other)
		if err == nil || err.Error() != tt.want {
			t.Errorf("got %v, want %s", err, tt.want)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%v does not wrap %v", err, tt.is)
		}
	}
}

// readFactorsReal reads a file of the shared data's famafrench directory.
func readFactorsReal(t *testing.T, name string) *Factors {
	t.Helper()
	f, err := ReadFactors(realFile(t, filepath.Join("famafrench", name)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// factorOn returns factor name (or "RF") on date.
func factorOn(t *testing.T, f *Factors, name, date string) float64 {
	t.Helper()
	d, err := ParseDate(date)
	if err != nil {
		t.Fatal(err)
	}
	i, ok := f.Index(d)
	if !ok {
		t.Fatalf("%s: no %s", f.File, date)
	}
	if name == "RF" {
		return f.RF[i]
	}
	j := slices.Index(f.Names, name)
	if j < 0 {
		t.Fatalf("%s: no factor %s in %v", f.File, name, f.Names)
	}
	return f.Values[j][i]
}

func TestRealFactors(t *testing.T) {
	// Rows, first and last dates: SOURCES.md section 2 (also counted with
	// grep -cE '^[0-9]{8},' on each file). Values: the files' own literals
	// divided by 100, compared exactly (see wantFactors).
	tests := []struct {
		file        string
		names       []string
		rf          bool
		rows        int
		first, last string
		values      []struct {
			name, date string
			want       float64
		}
	}{
		{"F-F_Research_Data_Factors_daily.CSV", []string{"Mkt-RF", "SMB", "HML"}, true, 26023, "1926-07-01", "2025-06-30",
			[]struct {
				name, date string
				want       float64
			}{
				{"Mkt-RF", "1926-07-01", 0.0009}, // 0.09 in the 202506 vintage (SOURCES.md)
				{"RF", "1926-07-01", 0.00009},
				{"Mkt-RF", "2025-06-30", 0.0049}, {"SMB", "2025-06-30", -0.0042}, {"HML", "2025-06-30", -0.0012}, {"RF", "2025-06-30", 0.00017},
			}},
		{"F-F_Research_Data_Factors_daily_202412.CSV", []string{"Mkt-RF", "SMB", "HML"}, true, 25901, "1926-07-01", "2024-12-31",
			[]struct {
				name, date string
				want       float64
			}{
				{"Mkt-RF", "1926-07-01", 0.0010}, // 0.10 in the 202412 vintage (SOURCES.md)
				{"Mkt-RF", "2024-12-31", -0.0046}, {"HML", "2024-12-31", 0.0071},
			}},
		{"F-F_Research_Data_5_Factors_2x3_daily.CSV", []string{"Mkt-RF", "SMB", "HML", "RMW", "CMA"}, true, 15481, "1963-07-01", "2024-12-31",
			[]struct {
				name, date string
				want       float64
			}{
				{"Mkt-RF", "1963-07-01", -0.0067}, {"CMA", "1963-07-01", 0.0013}, {"RF", "1963-07-01", 0.00012},
				{"RMW", "2024-12-31", 0.0033}, {"CMA", "2024-12-31", 0},
			}},
		{"F-F_Momentum_Factor_daily.CSV", []string{"Mom"}, false, 25800, "1926-11-03", "2024-12-31",
			[]struct {
				name, date string
				want       float64
			}{
				{"Mom", "1926-11-03", 0.0056}, {"Mom", "1926-11-04", -0.005}, {"Mom", "2024-12-31", -0.0107},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := readFactorsReal(t, tt.file)
			n := len(f.Dates)
			if !slices.Equal(f.Names, tt.names) || (f.RF != nil) != tt.rf || !f.Percent {
				t.Errorf("names %v, RF %v, percent %v; want %v, %v, true", f.Names, f.RF != nil, f.Percent, tt.names, tt.rf)
			}
			if n != tt.rows || f.Dates[0].String() != tt.first || f.Dates[n-1].String() != tt.last {
				t.Errorf("%d rows %s .. %s, want %d rows %s .. %s", n, f.Dates[0], f.Dates[n-1], tt.rows, tt.first, tt.last)
			}
			for _, v := range tt.values {
				if got := factorOn(t, f, v.name, v.date); got != v.want {
					t.Errorf("%s on %s = %v, want %v", v.name, v.date, got, v.want)
				}
			}
			for j := range f.Values {
				if len(f.Values[j]) != n {
					t.Errorf("%s: %d values for %d dates", f.Names[j], len(f.Values[j]), n)
				}
			}
		})
	}
}

func TestRealFactorsWeekends(t *testing.T) {
	f := readFactorsReal(t, "F-F_Research_Data_Factors_daily.CSV")
	// SOURCES.md: "Pre-1952 Saturdays present (1 158 weekend rows)".
	weekend := 0
	for _, d := range f.Dates {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			weekend++
		}
	}
	if weekend != 1158 {
		t.Errorf("%d weekend rows, want 1158", weekend)
	}
}

func TestRealCarhartMerge(t *testing.T) {
	ff3 := readFactorsReal(t, "F-F_Research_Data_Factors_daily_202412.CSV")
	mom := readFactorsReal(t, "F-F_Momentum_Factor_daily.CSV")
	c, err := ff3.Merge(mom)
	if err != nil {
		t.Fatal(err)
	}
	// Every momentum date is a 3-factor date (comm -12 of the two files'
	// date columns gives 25,800 lines, SOURCES.md's momentum row count), so
	// Carhart's dates are momentum's: 19261103 .. 20241231.
	n := len(c.Dates)
	if n != 25800 || c.Dates[0].String() != "1926-11-03" || c.Dates[n-1].String() != "2024-12-31" {
		t.Errorf("%d rows %s .. %s, want 25800 rows 1926-11-03 .. 2024-12-31", n, c.Dates[0], c.Dates[n-1])
	}
	if !slices.Equal(c.Names, []string{"Mkt-RF", "SMB", "HML", "Mom"}) || len(c.RF) != n {
		t.Errorf("names %v, %d RF", c.Names, len(c.RF))
	}
	if !slices.Equal(c.Dates, mom.Dates) || !slices.Equal(c.Values[3], mom.Values[0]) {
		t.Errorf("Carhart dates or Mom differ from the momentum file's")
	}
	// 20241231 row of the 202412 3-factor file: -0.46, 0.00, 0.71, 0.017;
	// momentum -1.07.
	for _, v := range []struct {
		name string
		want float64
	}{{"Mkt-RF", -0.0046}, {"SMB", 0}, {"HML", 0.0071}, {"Mom", -0.0107}, {"RF", 0.00017}} {
		if got := factorOn(t, c, v.name, "2024-12-31"); got != v.want {
			t.Errorf("%s on 2024-12-31 = %v, want %v", v.name, got, v.want)
		}
	}
	// The 202506 vintage revises RF too: its 19350102 row reads 0.000 where
	// the 202412 file reads 0.001 (grep ^19350102 on both files; 207 of the
	// common rows differ in RF), so merging the vintages is refused at the
	// first disagreement even with the factor names told apart.
	new3 := readFactorsReal(t, "F-F_Research_Data_Factors_daily.CSV")
	mkt := &Factors{File: "new.csv", Names: []string{"Mkt-RF 202506"}, Dates: new3.Dates, Values: new3.Values[:1], RF: new3.RF}
	_, err = ff3.Merge(mkt)
	if want := "RF differs on 1935-01-02: 1e-05 and 0"; err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("vintages: got %v, want an error ending %q", err, want)
	}
}

func BenchmarkReadFactors(b *testing.B) {
	path := filepath.Join(sharedData, "famafrench", "F-F_Research_Data_Factors_daily.CSV")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("real data absent: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var rows int
	for b.Loop() {
		f, err := ParseFactors(bytes.NewReader(data), path, FactorOptions{})
		if err != nil {
			b.Fatal(err)
		}
		rows = len(f.Dates)
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// FuzzReadFactors feeds arbitrary bytes to ParseFactors. It must not panic;
// what it accepts must be a well-formed table.
func FuzzReadFactors(f *testing.F) {
	dir := filepath.Join("testdata", "factors")
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && !e.IsDir() {
			f.Add(b, false)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, percent bool) {
		opt := FactorOptions{}
		if percent {
			opt.Units = UnitsPercent
		}
		fs, err := ParseFactors(bytes.NewReader(data), "fuzz.csv", opt)
		if err != nil {
			var pe *PosError
			if !errors.As(err, &pe) && !strings.HasPrefix(err.Error(), "fuzz.csv: ") {
				t.Errorf("error without file or position: %v", err)
			}
			if errors.As(err, &pe) && (pe.Line < 1 || pe.Column < 1) {
				t.Errorf("position %d:%d", pe.Line, pe.Column)
			}
			return
		}
		n := len(fs.Dates)
		if n == 0 || len(fs.Names) == 0 || len(fs.Values) != len(fs.Names) {
			t.Fatalf("%d dates, %d names, %d columns", n, len(fs.Names), len(fs.Values))
		}
		for j, name := range fs.Names {
			if name == "" || strings.EqualFold(name, "rf") || slices.Index(fs.Names, name) != j {
				t.Errorf("bad or repeated name %q in %q", name, fs.Names)
			}
			if len(fs.Values[j]) != n {
				t.Fatalf("%s: %d values for %d dates", name, len(fs.Values[j]), n)
			}
			for _, v := range fs.Values[j] {
				if math.IsInf(v, 0) {
					t.Errorf("%s: infinite value", name)
				}
			}
		}
		if fs.RF != nil && len(fs.RF) != n {
			t.Fatalf("%d RF for %d dates", len(fs.RF), n)
		}
		for i := 1; i < n; i++ {
			if fs.Dates[i] <= fs.Dates[i-1] {
				t.Fatalf("dates %s, %s not increasing", fs.Dates[i-1], fs.Dates[i])
			}
		}
	})
}

// TestFactorMarket: Ken French's US files say CRSP in their first line and
// have no region in their name; his international files have it in the
// name; a generic file says nothing.
func TestFactorMarket(t *testing.T) {
	const us = "This file was created by CMPT_ME_BEME_RETS_DAILY using the 202412 CRSP database.\n\n,Mkt-RF,RF\n20200102,1.0,0.01\n"
	const intl = "This file was created using the 202412 Bloomberg database.\n\n,Mkt-RF,RF\n20200102,1.0,0.01\n"
	for _, tt := range []struct{ file, text, want string }{
		{"ff.csv", us, "US"},
		{"data/F-F_Research_Data_Factors_daily.CSV", intl, "US"},
		{"data/Asia_Pacific_ex_Japan_3_Factors_Daily.csv", intl, "Asia Pacific ex Japan"},
		{"Developed_ex_US_3_Factors_Daily.csv", intl, "Developed ex US"},
		{"Developed_3_Factors_Daily.csv", intl, "Developed"},
		{"europe_3_factors_daily.csv", intl, "Europe"},
		{"mine.csv", "date,MKT,RF\n2020-01-02,0.01,0.0001\n", ""},
	} {
		f, err := ParseFactors(strings.NewReader(tt.text), tt.file, FactorOptions{})
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if f.Market != tt.want {
			t.Errorf("%s: market %q, want %q", tt.file, f.Market, tt.want)
		}
	}
	// The shared copies of the US files (SOURCES.md section 2).
	for _, name := range []string{"F-F_Research_Data_Factors_daily.CSV", "F-F_Momentum_Factor_daily.CSV"} {
		path := "../../../shared/data/famafrench/" + name
		f, err := ReadFactors(path)
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		if f.Market != "US" {
			t.Errorf("%s: market %q, want US", name, f.Market)
		}
	}
}
