package prices

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read. It must not panic; what it
// accepts must be well-formed series.
func FuzzRead(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue // other parsers' fixtures
		}
		b, err := os.ReadFile(filepath.Join("testdata", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		series, err := Read(bytes.NewReader(data), "fuzz.csv", "")
		if err != nil {
			var pe *PosError
			if !errors.As(err, &pe) && !strings.HasPrefix(err.Error(), "fuzz.csv: ") {
				t.Errorf("error without file or position: %v", err)
			}
			return
		}
		if len(series) == 0 {
			t.Fatal("no series and no error")
		}
		for i, s := range series {
			if i > 0 && series[i-1].Ticker >= s.Ticker {
				t.Errorf("tickers not sorted and distinct: %q, %q", series[i-1].Ticker, s.Ticker)
			}
			if len(s.Dates) != len(s.Values) || len(s.Dates) == 0 {
				t.Fatalf("%s: %d dates, %d values", s.Ticker, len(s.Dates), len(s.Values))
			}
			valid := 0
			for j, v := range s.Values {
				if j > 0 && s.Dates[j] <= s.Dates[j-1] {
					t.Errorf("%s: dates %s, %s not increasing", s.Ticker, s.Dates[j-1], s.Dates[j])
				}
				switch {
				case math.IsNaN(v):
				case math.IsInf(v, 0):
					t.Errorf("%s: infinite value", s.Ticker)
				case s.IsReturn && v < -1:
					t.Errorf("%s: return %v below -1", s.Ticker, v)
				case !s.IsReturn && v <= 0:
					t.Errorf("%s: price %v not positive", s.Ticker, v)
				default:
					valid++
				}
			}
			if valid == 0 {
				t.Errorf("%s: no value", s.Ticker)
			}
		}
	})
}
