package prices_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/synth"
	"github.com/parquet-go/parquet-go"
)

// genPanel generates a small study as CSV and Parquet bytes.
func genPanel(t testing.TB, cfg synth.Config) (csv, pq []byte) {
	t.Helper()
	p, err := synth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var c, q bytes.Buffer
	if err := p.Write(synth.Writers{PanelCSV: &c, PanelParquet: &q}); err != nil {
		t.Fatal(err)
	}
	return c.Bytes(), q.Bytes()
}

// TestParquetRoundTrip: a generated panel read from Parquet equals the
// same panel read from CSV, by the scanner and by encoding/csv.
func TestParquetRoundTrip(t *testing.T) {
	csv, pq := genPanel(t, synth.Config{Tickers: 60, Days: 300, Events: 100, Seed: 7})
	fromCSV, err := prices.Read(bytes.NewReader(csv), "panel", "")
	if err != nil {
		t.Fatal(err)
	}
	slow, err := prices.ReadSlow(bytes.NewReader(csv), "panel")
	if d := prices.SameSeries(slow, err, fromCSV, nil); d != "" {
		t.Fatal(d)
	}
	fromPQ, err := prices.Read(bytes.NewReader(pq), "panel", "")
	if d := prices.SameSeries(fromCSV, nil, fromPQ, err); d != "" {
		t.Fatal(d)
	}
	// ReadFile and Load take the file itself (random access), by content.
	dir := t.TempDir()
	path := filepath.Join(dir, "panel.parquet")
	if err := os.WriteFile(path, pq, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, spec := range []string{path, dir} {
		got, err := prices.Load(spec)
		for _, s := range fromCSV {
			s.File = path
		}
		if d := prices.SameSeries(fromCSV, nil, got, err); d != "" {
			t.Errorf("Load(%s): %s", spec, d)
		}
	}
	one, err := prices.ReadFile(path, "SYN00002")
	if err != nil || len(one) != 1 || one[0].Ticker != "SYN00002" {
		t.Errorf("ReadFile(SYN00002) = %v, %v", one, err)
	}
}

// writeParquet writes rows of type T to a Parquet file in memory.
func writeParquet[T any](t *testing.T, rows []T, opts ...parquet.WriterOption) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, opts...)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestParquetTypes reads the column types other writers use: dates as
// strings or timestamps, int64 volumes, float32 prices, dictionary-encoded
// values, a symbol column.
func TestParquetTypes(t *testing.T) {
	type stringDates struct {
		Date   string  `parquet:"Date"`
		Symbol string  `parquet:"symbol"`
		Adj    float32 `parquet:"adj_close,dict"`
		Volume int64   `parquet:"Volume"`
	}
	type timestamps struct {
		Date   int64    `parquet:"date,timestamp(microsecond)"`
		Ticker *string  `parquet:"ticker,optional"`
		Return *float64 `parquet:"return,optional"`
	}
	b := "B"
	half, neg := 0.5, -0.25
	us := func(y, m, d int) int64 { return int64(prices.NewDate(y, timeMonth(m), d)) * 86400e6 }
	tests := []struct {
		name string
		data []byte
		// The series as written above: float32 values are exact binary
		// fractions (1.5, 2.25), so the comparison is exact.
		want string
	}{
		{"strings", writeParquet(t, []stringDates{{"2020-01-02", "A", 1.5, 10}, {"2020-01-03 00:00:00", "A", 2.25, 0}}),
			"A 2020-01-02=1.5/10 2020-01-03=2.25/0"},
		{"timestamps", writeParquet(t, []timestamps{{us(2020, 1, 2), &b, &half}, {us(2020, 1, 3) + 3600e6, &b, nil}, {us(2020, 1, 6), &b, &neg}}),
			"B 2020-01-02=0.5 2020-01-03=NaN 2020-01-06=-0.25 (returns)"},
	}
	for _, tt := range tests {
		got, err := prices.Read(bytes.NewReader(tt.data), "x.parquet", "")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if s := describe(got); s != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, s, tt.want)
		}
	}
}

func describe(ss []*prices.Series) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, s.Ticker)
		for j, d := range s.Dates {
			v := d.String() + "=" + formatG(s.Values[j])
			if s.Volume != nil {
				v += "/" + formatG(s.Volume[j])
			}
			parts = append(parts, v)
		}
		if s.IsReturn {
			parts = append(parts, "(returns)")
		}
	}
	return strings.Join(parts, " ")
}

func TestParquetErrors(t *testing.T) {
	type row struct {
		Date   int32    `parquet:"date,date"`
		Ticker string   `parquet:"ticker"`
		Close  *float64 `parquet:"close,optional"`
	}
	type noTicker struct {
		Date  int32   `parquet:"date,date"`
		Close float64 `parquet:"close"`
	}
	d := func(day int) int32 { return int32(prices.NewDate(2020, 1, day)) }
	one, zero, huge := 1.0, 0.0, 1e308
	tests := []struct {
		name string
		data []byte
		want string
		is   error
	}{
		{"duplicate", writeParquet(t, []row{{d(2), "A", &one}, {d(2), "B", &one}, {d(2), "A", &one}}),
			`x.parquet: row 3: A: duplicate date 2020-01-02 (also on row 1)`, prices.ErrDuplicateDate},
		// Row groups of two rows: the order is checked across them.
		{"unsorted across row groups", writeParquet(t, []row{{d(3), "A", &one}, {d(3), "B", &one}, {d(2), "A", &one}}, parquet.MaxRowsPerRowGroup(2)),
			`x.parquet: row 3: A: dates not increasing: 2020-01-02 after 2020-01-03 on row 1`, prices.ErrUnsorted},
		{"zero", writeParquet(t, []row{{d(2), "A", &one}, {d(3), "A", &zero}}),
			`x.parquet: row 2: close: non-positive price 0`, prices.ErrNonPositive},
		{"huge", writeParquet(t, []row{{d(2), "A", &one}, {d(3), "A", &huge}}),
			`x.parquet: row 2: close: implausible magnitude 1e+308 (1e15 or more in magnitude)`, prices.ErrImplausible},
		{"empty ticker", writeParquet(t, []row{{d(2), "A", &one}, {d(3), " ", &one}}),
			`x.parquet: row 2: ticker: empty ticker`, prices.ErrNoTicker},
		{"all missing", writeParquet(t, []row{{d(2), "A", &one}, {d(2), "B", nil}}),
			`x.parquet: row 2: B: no data: every value is missing`, prices.ErrNoData},
		{"no ticker", writeParquet(t, []noTicker{{d(2), 1}}), `x.parquet: unknown column layout: parquet file with columns "date,close" has no ticker column; ` +
			`accepted: date, ticker (or symbol), close (or adj_close, price, return) and optionally volume`, prices.ErrLayout},
		{"no rows", writeParquet(t, []row{}), `x.parquet: no data rows`, prices.ErrNoData},
		{"truncated", writeParquet(t, []row{{d(2), "A", &one}})[:20], "", nil},
	}
	for _, tt := range tests {
		_, err := prices.Read(bytes.NewReader(tt.data), "x.parquet", "")
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if tt.want != "" && err.Error() != tt.want {
			t.Errorf("%s:\n got %v\nwant %s", tt.name, err, tt.want)
		}
		if !strings.HasPrefix(err.Error(), "x.parquet: ") {
			t.Errorf("%s: %v does not name the file", tt.name, err)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%s: %v does not wrap %v", tt.name, err, tt.is)
		}
	}
}

func formatG(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconvFormat(v)
}

func strconvFormat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func timeMonth(m int) time.Month { return time.Month(m) }

// TestSkipVolume: without Options.Volume the volume column of a long panel
// is not read, so a bad volume does not stop a study of returns, and the
// prices are those read with volume (CSV by both readers, Parquet).
func TestSkipVolume(t *testing.T) {
	csv, pq := genPanel(t, synth.Config{Tickers: 20, Days: 100, Events: 10, Seed: 3})
	withVol, err := prices.Read(bytes.NewReader(csv), "panel", "")
	if err != nil {
		t.Fatal(err)
	}
	if withVol[0].Volume == nil {
		t.Fatal("the generated panel has no volume")
	}
	for _, s := range withVol {
		s.Volume = nil
	}
	noVol := prices.Options{Volume: false}
	for name, data := range map[string][]byte{"csv": csv, "parquet": pq} {
		got, err := prices.ReadWith(bytes.NewReader(data), "panel", "", noVol)
		if d := prices.SameSeries(withVol, nil, got, err); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
	// A negative volume (testdata/bad_volume.csv fails with it, see
	// TestReadVolumeErrors) in a long panel, by the scanner and by
	// encoding/csv (a quoted cell sends the file to encoding/csv), is not
	// read; a Yahoo file keeps its volume, and its checks.
	for _, text := range []string{
		"date,ticker,close,volume\n2020-01-02,A,10,100\n2020-01-03,A,11,-5\n",
		"date,ticker,close,volume\n2020-01-02,\"A\",10,100\n2020-01-03,A,11,-5\n",
	} {
		if _, err := prices.Read(strings.NewReader(text), "bad.csv", "A"); !errors.Is(err, prices.ErrBadVolume) {
			t.Errorf("with volume: %v, want ErrBadVolume", err)
		}
		got, err := prices.ReadWith(strings.NewReader(text), "bad.csv", "A", noVol)
		if err != nil || len(got) != 1 || describe(got) != "A 2020-01-02=10 2020-01-03=11" {
			t.Errorf("without volume: %s, %v; want A 2020-01-02=10 2020-01-03=11", describe(got), err)
		}
	}
	yahoo := "Date,Close,Volume\n2020-01-02,10,100\n2020-01-03,11,-5\n"
	if _, err := prices.ReadWith(strings.NewReader(yahoo), "bad.csv", "A", noVol); !errors.Is(err, prices.ErrBadVolume) {
		t.Errorf("Yahoo file without Options.Volume: %v, want ErrBadVolume", err)
	}
}

// TestParquetCorrupt: a file on which the Parquet decoder panics (a
// generated panel with bytes flipped, found by flipping bytes at random:
// the decoder slices with a negative length) gives an error naming the
// file, not a crash, whichever goroutine decodes it.
func TestParquetCorrupt(t *testing.T) {
	path := filepath.Join("testdata", "corrupt.parquet")
	_, err := prices.ReadFile(path, "")
	want := path + ": parquet: corrupt file (runtime error: slice bounds out of range"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s...)", err, want)
	}
}
