package prices

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sameSeries reports how two reads differ, "" if they do not: same error
// text, or the same series bit for bit (NaN equal to NaN).
func sameSeries(a []*Series, aerr error, b []*Series, berr error) string {
	if (aerr == nil) != (berr == nil) || (aerr != nil && aerr.Error() != berr.Error()) {
		return fmt.Sprintf("errors differ:\n  %v\n  %v", aerr, berr)
	}
	if len(a) != len(b) {
		return fmt.Sprintf("%d series, %d series", len(a), len(b))
	}
	eq := func(x, y []float64) bool {
		if len(x) != len(y) || (x == nil) != (y == nil) {
			return false
		}
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) && !(math.IsNaN(x[i]) && math.IsNaN(y[i])) {
				return false
			}
		}
		return true
	}
	for i := range a {
		s, t := a[i], b[i]
		if s.Ticker != t.Ticker || s.File != t.File || s.IsReturn != t.IsReturn {
			return fmt.Sprintf("series %d: %q %q %v, %q %q %v", i, s.Ticker, s.File, s.IsReturn, t.Ticker, t.File, t.IsReturn)
		}
		if !slicesEqualDates(s.Dates, t.Dates) || !eq(s.Values, t.Values) || !eq(s.Volume, t.Volume) {
			return fmt.Sprintf("series %s differs", s.Ticker)
		}
	}
	return ""
}

func slicesEqualDates(a, b []Date) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// scanVariants are the ways of reading compared with encoding/csv: chunks
// small enough that every fixture spans several, one worker and more
// workers than chunks in flight.
var scanVariants = []scanOptions{
	{chunkSize: 64, workers: 1},
	{chunkSize: 64, workers: 3},
	{chunkSize: 200, workers: 2},
	{}, // the defaults
}

func readBoth(t *testing.T, data []byte, file string, opts scanOptions) string {
	t.Helper()
	slow, _, serr := readOpts(bytes.NewReader(data), file, "", scanOptions{slow: true})
	fast, _, ferr := readOpts(bytes.NewReader(data), file, "", opts)
	return sameSeries(slow, serr, fast, ferr)
}

// TestScanEqualsSlow reads every fixture with the parallel scanner and
// with encoding/csv alone: same series, same errors.
func TestScanEqualsSlow(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join("testdata", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, opts := range scanVariants {
			if d := readBoth(t, data, e.Name(), opts); d != "" {
				t.Errorf("%s %+v: %s", e.Name(), opts, d)
			}
		}
	}
}

// TestScanErrors pins errors of long panels, each at the position
// encoding/csv and the row loop give it, wherever the chunks are cut.
func TestScanErrors(t *testing.T) {
	const head = "date,ticker,close,volume\n"
	good := "2020-01-02,AAA,10,100\n2020-01-02,BBB,20,200\n2020-01-03,AAA,11,110\n2020-01-03,BBB,21,210\n"
	tests := []struct {
		name, rows, want string // want: the message after "x.csv:"
	}{
		// The first error of the file, however far apart the two are.
		{"duplicate across chunks", good + "2020-01-03,AAA,12,120\n", `6:1: AAA: duplicate date 2020-01-03 (also on line 4)`},
		{"unsorted across chunks", good + "2020-01-06,BBB,22,1\n2020-01-02,BBB,12,120\n", `7:1: BBB: dates not increasing: 2020-01-02 after 2020-01-06 on line 6`},
		// On one row the order check comes after the date and before the value.
		{"order before value", good + "2020-01-03,AAA,-1,120\n", `6:1: AAA: duplicate date 2020-01-03 (also on line 4)`},
		{"date before order", good + "2020-01-3,AAA,11,120\n", `6:1: cannot parse date "2020-01-3" (want YYYY-MM-DD or YYYYMMDD, optionally followed by a time of day)`},
		{"field count", good + "2020-01-06,AAA,12\n", `6:1: wrong number of fields: 3, header has 4`},
		{"empty ticker", good + "2020-01-06, ,12,1\n", `6:12: empty ticker`},
		{"value", good + "2020-01-06,AAA,0,1\n", `6:16: close: non-positive price 0`},
		{"volume", good + "2020-01-06,AAA,12,-1\n", `6:19: volume: impossible volume -1 (below 0)`},
		{"number", good + "2020-01-06,AAA,1e,1\n", `6:16: close: cannot parse number "1e"`},
		{"digit separators", good + "2020-01-06,AAA,1_2,1\n", `6:16: close: cannot parse number "1_2" (digit separators; write plain decimals such as 12.5 or 1.25e-3)`},
		{"huge", good + "2020-01-06,AAA,1e308,1\n", `6:16: close: implausible magnitude 1e308 (1e15 or more in magnitude)`},
		{"huge volume", good + "2020-01-06,AAA,12,1000000000000000\n", `6:19: volume: implausible magnitude 1000000000000000 (1e15 or more in magnitude)`},
		{"all missing", "2020-01-02,AAA,10,1\n2020-01-02,BBB,,2\n", `3:12: BBB: no data: every value is missing`},
		// A quote hands the rest to encoding/csv, which numbers its lines on.
		{"quote", good + good[:0] + "2020-01-06,\"AAA\",12,1\n2020-01-07,AAA,x,1\n", `7:16: close: cannot parse number "x"`},
		{"bare quote", good + "2020-01-06,A\"A,12,1\n", `6:13: bare " in non-quoted-field`},
		{"CRLF", strings.ReplaceAll(good, "\n", "\r\n") + "\r\n2020-01-03,BBB,1,1\r\n", `7:1: BBB: duplicate date 2020-01-03 (also on line 5)`},
	}
	for _, tt := range tests {
		data := []byte(head + tt.rows)
		for _, opts := range append(scanVariants, scanOptions{slow: true}) {
			_, _, err := readOpts(bytes.NewReader(data), "x.csv", "", opts)
			if err == nil || err.Error() != "x.csv:"+tt.want {
				t.Errorf("%s %+v:\n got %v\nwant x.csv:%s", tt.name, opts, err, tt.want)
			}
		}
	}
}

// TestScanGenerated compares the two paths on a generated panel, plain
// and gzip-compressed, with missing cells and blank lines.
func TestScanGenerated(t *testing.T) {
	data := longPanel(5000)
	// Blank cells and a blank line at places the chunks cut differently.
	data = bytes.Replace(data, []byte(",T007,"), []byte(", T007 ,"), 3)
	data = bytes.Replace(data, []byte("\n2000-01-05,T050,"), []byte("\n\n2000-01-05,T050,"), 1)
	lines := bytes.SplitAfter(data, []byte("\n"))
	lines[77] = []byte("2000-01-03,T076,\n") // line 78: the first date of T076 (line 2 is T000)
	data = bytes.Join(lines, nil)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	for _, in := range [][]byte{data, gz.Bytes()} {
		for _, opts := range append(scanVariants, scanOptions{chunkSize: 4096, workers: 2}) {
			if d := readBoth(t, in, "gen.csv", opts); d != "" {
				t.Errorf("%+v: %s", opts, d)
			}
		}
	}
	got, err := Read(bytes.NewReader(data), "gen.csv", "T076")
	// T076's first close, made empty above.
	if err != nil || !math.IsNaN(got[0].Values[0]) {
		t.Errorf("T076: %v %v", got, err)
	}
}

// TestScanGzipTruncated: a read error ends the read as encoding/csv would.
func TestScanGzipTruncated(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(longPanel(3000))
	zw.Close()
	cut := gz.Bytes()[:gz.Len()/2]
	for _, opts := range scanVariants {
		_, _, err := readOpts(bytes.NewReader(cut), "cut.csv.gz", "", opts)
		if want := "cut.csv.gz: gzip: unexpected EOF"; err == nil || err.Error() != want {
			t.Errorf("%+v: got %v, want %s", opts, err, want)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	// Against strconv.ParseFloat, bit for bit.
	for _, s := range []string{"0", "1", "-1", "+2.5", "10.0", ".5", "5.", "0.1", "123.456", "0.000001234",
		"9007199254740993", "9007199254740992", "1234567890123456789", "12345678901234567890", "0.1234567890123456789012",
		"1e6", "-0", "", ".", "-", "1.2.3", "1_0", "NaN", "Inf", "0x10", "00012.5000"} {
		v, ok := parseDecimal([]byte(s))
		if !ok {
			continue
		}
		want, err := strconvParse(s)
		if err != nil || math.Float64bits(v) != math.Float64bits(want) {
			t.Errorf("parseDecimal(%q) = %v, strconv %v %v", s, v, want, err)
		}
	}
}

// FuzzScan: the scanner and encoding/csv agree on any input.
func FuzzScan(f *testing.F) {
	f.Add([]byte("date,ticker,close\n2020-01-02,A,1\n2020-01-02,B,2\n2020-01-03,A,3\n"))
	f.Add([]byte("date,ticker,close,volume\n2020-01-02,A,1,\n\n2020-01-02,B,,2\r\n2020-01-02,A,3,1"))
	f.Add([]byte("date,symbol,return\n2020-01-02,A,-1\n2020-01-03,A,\"0.5\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range scanVariants[:3] {
			if d := readBoth(t, data, "fuzz.csv", opts); d != "" {
				t.Fatalf("%+v: %s", opts, d)
			}
		}
	})
}

func strconvParse(s string) (float64, error) { return strconv.ParseFloat(s, 64) }
