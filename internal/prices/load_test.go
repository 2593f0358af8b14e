package prices

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// wantSeries is one expected series. Unless a comment says otherwise, the values
// are the decimal literals of the fixture's value column, so they must match
// exactly (tolerance 0): strconv.ParseFloat and the Go compiler both round a
// literal correctly to the nearest float64.
type wantSeries struct {
	ticker   string
	dates    []string
	values   []float64
	isReturn bool
}

var nanVal = math.NaN()

func checkSeries(t *testing.T, got []*Series, file string, wants []wantSeries) {
	t.Helper()
	if len(got) != len(wants) {
		var names []string
		for _, s := range got {
			names = append(names, s.Ticker)
		}
		t.Fatalf("got %d series %v, want %d", len(got), names, len(wants))
	}
	for i, w := range wants {
		s := got[i]
		if s.Ticker != w.ticker || s.File != file || s.IsReturn != w.isReturn {
			t.Errorf("series %d: ticker %q file %q isReturn %v, want %q %q %v", i, s.Ticker, s.File, s.IsReturn, w.ticker, file, w.isReturn)
		}
		if len(s.Dates) != len(w.dates) || len(s.Values) != len(w.values) {
			t.Errorf("%s: %d dates %d values, want %d %d: %v %v", w.ticker, len(s.Dates), len(s.Values), len(w.dates), len(w.values), s.Dates, s.Values)
			continue
		}
		for j := range w.dates {
			if s.Dates[j].String() != w.dates[j] {
				t.Errorf("%s: date %d = %s, want %s", w.ticker, j, s.Dates[j], w.dates[j])
			}
			if !sameValue(s.Values[j], w.values[j], 0) {
				t.Errorf("%s %s: value %v, want %v", w.ticker, w.dates[j], s.Values[j], w.values[j])
			}
		}
	}
}

// sameValue compares with a tolerance, NaN matching only NaN.
func sameValue(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	return scalar.EqualWithinAbsOrRel(got, want, tol, tol)
}

func TestReadFileLayouts(t *testing.T) {
	tests := []struct {
		file, ticker string
		want         []wantSeries
	}{
		// Yahoo classic: Adj Close, not Close; ticker from the file name.
		{"yahoo_classic.csv", "", []wantSeries{{ticker: "yahoo_classic", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06"}, values: []float64{10.1, 10.5, 10.3}}}},
		{"yahoo_classic.csv", "ABC", []wantSeries{{ticker: "ABC", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06"}, values: []float64{10.1, 10.5, 10.3}}}},
		// Columns in any order, names in any case.
		{"close_any_order.csv", "", []wantSeries{{ticker: "close_any_order", dates: []string{"2021-06-30", "2021-07-01"}, values: []float64{20.5, 21.0}}}},
		// adj_close and AdjClose are Adj Close and win over close.
		{"adj_close_snake.csv", "", []wantSeries{{ticker: "adj_close_snake", dates: []string{"2022-03-01", "2022-03-02"}, values: []float64{5.25, 4.75}}}},
		{"adjclose_nospace.csv", "", []wantSeries{{ticker: "adjclose_nospace", dates: []string{"2022-03-01", "2022-03-02"}, values: []float64{5.25, 4.75}}}},
		// yfinance multi-index: ticker from the Ticker line.
		{"yf_multiindex.csv", "", []wantSeries{{ticker: "^HSI", dates: []string{"2025-11-13", "2025-11-14"}, values: []float64{27073.029296875, 26572.4609375}}}},
		{"yf_multiindex.csv", "HSI", []wantSeries{{ticker: "HSI", dates: []string{"2025-11-13", "2025-11-14"}, values: []float64{27073.029296875, 26572.4609375}}}},
		{"yf_multiindex_adj.csv", "", []wantSeries{{ticker: "^SPX", dates: []string{"1927-12-30", "1928-01-03"}, values: []float64{17.5, 17.6}}}},
		// yfinance download of two tickers: sorted by ticker; a ticker selects one.
		{"yf_multi_ticker.csv", "", []wantSeries{
			{ticker: "AAPL", dates: []string{"2024-01-02", "2024-01-03"}, values: []float64{185.5, 184.25}},
			{ticker: "MSFT", dates: []string{"2024-01-02", "2024-01-03"}, values: []float64{370.5, 370.25}},
		}},
		{"yf_multi_ticker.csv", "MSFT", []wantSeries{{ticker: "MSFT", dates: []string{"2024-01-02", "2024-01-03"}, values: []float64{370.5, 370.25}}}},
		// One header and a ticker row.
		{"yf_ticker_row.csv", "", []wantSeries{{ticker: "9988.HK", dates: []string{"2025-11-13", "2025-11-14"}, values: []float64{162.0, 154.9}}}},
		// Ticker.history(): the date as written whatever the offset or time.
		{"yf_history_tz.csv", "", []wantSeries{{ticker: "yf_history_tz", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"}, values: []float64{209.25, 211.5, 210.0, 212.0}}}},
		// Long panel, date-major, a missing close kept as NaN.
		{"long_date_major.csv", "", []wantSeries{
			{ticker: "AAA", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06"}, values: []float64{10, 11, 12}},
			{ticker: "BBB", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06"}, values: []float64{20, 19, nanVal}},
			{ticker: "CCC", dates: []string{"2020-01-07"}, values: []float64{5}},
		}},
		{"long_date_major.csv", "BBB", []wantSeries{{ticker: "BBB", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06"}, values: []float64{20, 19, nanVal}}}},
		{"long_symbol_adj.csv", "", []wantSeries{
			{ticker: "ABC", dates: []string{"2019-12-31"}, values: []float64{8}},
			{ticker: "XYZ", dates: []string{"2019-12-30", "2019-12-31"}, values: []float64{49, 50}},
		}},
		{"long_return.csv", "", []wantSeries{{ticker: "AAA", isReturn: true, dates: []string{"2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"}, values: []float64{0.01, -0.02, nanVal, 0.5}}}},
		// Wide: leading and trailing gaps trimmed, inner ones kept.
		{"wide.csv", "", []wantSeries{
			{ticker: "AAA", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06"}, values: []float64{10, 11, 12}},
			{ticker: "BBB", dates: []string{"2020-01-06", "2020-01-07", "2020-01-08"}, values: []float64{20, 21, 22}},
			{ticker: "CCC", dates: []string{"2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"}, values: []float64{30, 31, nanVal, 33}},
		}},
		{"missing_tokens.csv", "", []wantSeries{{ticker: "missing_tokens",
			dates:  []string{"2020-01-01", "2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07", "2020-01-08", "2020-01-09", "2020-01-10"},
			values: []float64{1.5, nanVal, nanVal, nanVal, nanVal, nanVal, nanVal, 2.5}}}},
		// BOM, CRLF, trailing blank lines.
		{"crlf_bom.csv", "", []wantSeries{{ticker: "crlf_bom", dates: []string{"2020-01-02", "2020-01-03"}, values: []float64{3.25, 3.5}}}},
		// gzip, by name and by magic bytes.
		{"wide_gzip.csv.gz", "", []wantSeries{
			{ticker: "AAA", dates: []string{"2020-01-02", "2020-01-03"}, values: []float64{1.0, 1.5}},
			{ticker: "BBB", dates: []string{"2020-01-02", "2020-01-03"}, values: []float64{2.0, 2.5}},
		}},
		{"gzip_no_ext.csv", "", []wantSeries{{ticker: "gzip_no_ext", dates: []string{"2020-01-02", "2020-01-03"}, values: []float64{7.0, 7.5}}}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.ticker, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			got, err := ReadFile(path, tt.ticker)
			if err != nil {
				t.Fatal(err)
			}
			checkSeries(t, got, path, tt.want)
		})
	}
}

// hasPos matches messages that start with file:line:column.
var hasPos = regexp.MustCompile(`^[^:]+:\d+:\d+: `)

func TestReadFileErrors(t *testing.T) {
	const acc = "; accepted: Date with Adj Close or Close, in any order (Yahoo, yfinance; a Ticker row may follow the header); " +
		"date,ticker,close (long panel; also symbol, adj_close, price or return); date,TICKER1,TICKER2,... (wide)"
	tests := []struct {
		file, ticker string
		want         string // the message after "testdata/"
		is           error
	}{
		{"bad_no_date.csv", "", `bad_no_date.csv:1:1: unknown column layout: no date column in header "Day,Close"` + acc, ErrLayout},
		{"bad_no_close.csv", "", `bad_no_close.csv:1:1: unknown column layout: no Adj Close or Close column in header "Date,Open,High,Low,Volume"` + acc, ErrLayout},
		{"bad_price_header.csv", "", `bad_price_header.csv:1:1: unknown column layout: header "Price,Close,Volume" starts with Price but no Ticker row follows` + acc, ErrLayout},
		{"bad_long_no_value.csv", "", `bad_long_no_value.csv:1:1: unknown column layout: long panel with column "ticker" but no close, adj_close, price or return column in header "date,ticker,volume"` + acc, ErrLayout},
		{"bad_duplicate_column.csv", "", `bad_duplicate_column.csv:1:12: unknown column layout: columns 2 and 3 are both "Close"`, ErrLayout},
		{"bad_empty.csv", "", `bad_empty.csv:1:1: empty file`, ErrEmpty},
		{"bad_header_only.csv", "", `bad_header_only.csv:1:1: no data rows after the header`, ErrNoData},
		{"bad_multiindex_header_only.csv", "", `bad_multiindex_header_only.csv:3:1: no data rows after the header`, ErrNoData},
		{"bad_all_missing.csv", "", `bad_all_missing.csv:1:10: BBB: no data: every value is missing`, ErrNoData},
		{"bad_date.csv", "", `bad_date.csv:3:1: cannot parse date "2020-13-01" (want YYYY-MM-DD or YYYYMMDD, optionally followed by a time of day)`, ErrBadDate},
		{"bad_date_format.csv", "", `bad_date_format.csv:2:1: cannot parse date "01/02/2020" (want YYYY-MM-DD or YYYYMMDD, optionally followed by a time of day)`, ErrBadDate},
		{"bad_number.csv", "", `bad_number.csv:3:16: Close: cannot parse number "1.2.3"`, ErrBadNumber},
		{"bad_number_text.csv", "", `bad_number_text.csv:3:16: Close: cannot parse number "abc"`, ErrBadNumber},
		{"bad_inf.csv", "", `bad_inf.csv:2:12: Close: cannot parse number "Inf"`, ErrBadNumber},
		{"bad_duplicate.csv", "", `bad_duplicate.csv:4:1: duplicate date 2020-01-03 (also on line 3)`, ErrDuplicateDate},
		{"bad_long_duplicate.csv", "", `bad_long_duplicate.csv:4:1: AAA: duplicate date 2020-01-02 (also on line 2)`, ErrDuplicateDate},
		{"bad_unsorted.csv", "", `bad_unsorted.csv:3:1: dates not increasing: 2020-01-02 after 2020-01-03 on line 2`, ErrUnsorted},
		{"bad_long_unsorted.csv", "", `bad_long_unsorted.csv:5:1: BBB: dates not increasing: 2020-01-02 after 2020-01-03 on line 3`, ErrUnsorted},
		{"bad_zero.csv", "", `bad_zero.csv:3:12: Close: non-positive price 0`, ErrNonPositive},
		{"bad_negative.csv", "", `bad_negative.csv:2:16: BBB: non-positive price -0.5 (returns are read only from a column named return, or from a wide file with --values returns)`, ErrNonPositive},
		{"bad_return.csv", "", `bad_return.csv:3:16: return: impossible return -1.5 (below -1)`, ErrBadReturn},
		{"bad_empty_ticker.csv", "", `bad_empty_ticker.csv:3:12: empty ticker`, ErrNoTicker},
		{"bad_fields.csv", "", `bad_fields.csv:3:1: wrong number of fields: 2, header has 3`, nil},
		{"bad_quote.csv", "", `bad_quote.csv:2:17: extraneous or missing " in quoted-field`, nil},
		{"bad_gzip.csv.gz", "", `bad_gzip.csv.gz: gzip: unexpected EOF`, nil},
		{"wide.csv", "ZZZ", `wide.csv: no data for ticker "ZZZ": the file holds AAA, BBB, CCC`, ErrNoData},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ReadFile(filepath.Join("testdata", tt.file), tt.ticker)
			if err == nil {
				t.Fatalf("no error, got %d series", len(got))
			}
			if want := "testdata/" + tt.want; err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			var pe *PosError
			if hasPos.MatchString(tt.want) != errors.As(err, &pe) {
				t.Errorf("error %v: *PosError %v", err, errors.As(err, &pe))
			}
		})
	}
}

func TestReadFileMissing(t *testing.T) {
	_, err := ReadFile("testdata/no_such_file.csv", "")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "testdata/no_such_file.csv") {
		t.Errorf("got %v, want a not-exist error naming the path", err)
	}
}

func TestPosErrorWithoutFile(t *testing.T) {
	_, err := Read(strings.NewReader("Date,Close\n2020-01-02,x\n"), "", "")
	if want := `2:12: Close: cannot parse number "x"`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("BBB.csv", "Date,Close\n2020-01-02,2.0\n")
	// The file name names a single-security file, even with a ticker row.
	write("AAA.CSV", "Date,Close\n,ignored\n2020-01-02,1.0\n")
	write("panel.csv", "date,CCC,DDD\n2020-01-02,3.0,4.0\n")
	write("notes.txt", "not a price file\n")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("sub/EEE.csv", "Date,Close\n2020-01-02,5.0\n")

	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		names = append(names, fmt.Sprintf("%s=%g", s.Ticker, s.Values[0]))
	}
	// Values as written above.
	if g, w := strings.Join(names, " "), "AAA=1 BBB=2 CCC=3 DDD=4"; g != w {
		t.Errorf("Load(dir) = %s, want %s", g, w)
	}

	got, err = Load("XYZ=" + filepath.Join(dir, "BBB.csv"))
	if err != nil || len(got) != 1 || got[0].Ticker != "XYZ" {
		t.Errorf("Load(XYZ=file) = %v, %v", got, err)
	}
	got, err = Load(filepath.Join(dir, "panel.csv"))
	if err != nil || len(got) != 2 {
		t.Errorf("Load(file) = %v, %v", got, err)
	}

	write("dup.csv", "date,ticker,close\n2020-01-02,BBB,2.5\n")
	_, err = Load(dir)
	if want := `duplicate ticker "BBB" in ` + filepath.Join(dir, "BBB.csv") + " and " + filepath.Join(dir, "dup.csv"); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if !errors.Is(err, ErrDuplicateTicker) {
		t.Errorf("%v does not wrap ErrDuplicateTicker", err)
	}

	// A bad file in a directory is reported with its position.
	write("dup.csv", "Date,Close\n2020-01-02,0\n")
	_, err = Load(dir)
	if want := filepath.Join(dir, "dup.csv") + ":2:12: Close: non-positive price 0"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}

	empty := t.TempDir()
	if _, err := Load(empty); !errors.Is(err, ErrNoData) {
		t.Errorf("Load(empty dir) = %v, want ErrNoData", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want not-exist", err)
	}
	if _, err := Load("X=" + filepath.Join(dir, "missing.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(X=missing) = %v, want not-exist", err)
	}
}

// TestReadEquivalentForms reads the same prices written in several forms.
func TestReadEquivalentForms(t *testing.T) {
	forms := []string{
		"Date,Close\n2020-01-02,1.5\n2020-01-03,2.5\n",
		"Date,Close\r\n2020-01-02,1.5\r\n2020-01-03,2.5\r\n\r\n",
		"\ufeffDate,Close\n2020-01-02,1.5\n2020-01-03,2.5",
		"Date,Close\n2020-01-02T00:00:00Z,1.5\n2020-01-03 23:59:59.999-05:00,2.5\n",
		"Date,Close\n2020-01-02,\" 1.5\"\n2020-01-03,2.5e0\n",
		"Date,Close\n2020-01-02,1.5\n2020-01-03,2.5\n,\n",
	}
	for i, f := range forms {
		got, err := Read(strings.NewReader(f), "x.csv", "X")
		if err != nil {
			t.Errorf("form %d: %v", i, err)
			continue
		}
		checkSeries(t, got, "x.csv", []wantSeries{{ticker: "X", dates: []string{"2020-01-02", "2020-01-03"}, values: []float64{1.5, 2.5}}})
	}
}

// longPanel generates a date-major long panel of about rows rows.
func longPanel(rows int) []byte {
	const tickers = 100
	rng := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	buf.WriteString("date,ticker,close\n")
	price := make([]float64, tickers)
	for i := range price {
		price[i] = 10 + 100*rng.Float64()
	}
	d := NewDate(2000, 1, 3)
	for n := 0; n < rows; {
		for k := range price {
			price[k] *= math.Exp(0.02 * rng.NormFloat64())
			fmt.Fprintf(&buf, "%s,T%03d,%.6f\n", d, k, price[k])
			n++
		}
		d = d.AddDays(1)
	}
	return buf.Bytes()
}

func TestLongPanelGenerated(t *testing.T) {
	data := longPanel(2000)
	got, err := Read(bytes.NewReader(data), "gen.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	// 2000 rows over 100 tickers: 20 dates each, by construction.
	if len(got) != 100 || got[0].Ticker != "T000" || len(got[0].Dates) != 20 || got[99].Dates[19] != NewDate(2000, 1, 22) {
		t.Errorf("got %d series, first %s with %d dates", len(got), got[0].Ticker, len(got[0].Dates))
	}
}

func BenchmarkReadLongPanel(b *testing.B) {
	data := longPanel(200_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), "gen.csv", ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(200_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
