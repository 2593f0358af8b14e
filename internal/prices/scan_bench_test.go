package prices_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/synth"
)

// benchPanel is a generated long panel date,ticker,close,volume of 1,000
// securities over 1,000 days (about a million rows, 36 MB of CSV), large
// enough for several scanner chunks per core.
var benchPanel = struct {
	csv, parquet []byte
	rows         int
}{}

func loadBenchPanel(b *testing.B) {
	if benchPanel.csv != nil {
		return
	}
	benchPanel.csv, benchPanel.parquet = genPanel(b, synth.Config{Tickers: 1000, Days: 1000, Seed: 1})
	benchPanel.rows = bytes.Count(benchPanel.csv, []byte{'\n'}) - 1
}

// BenchmarkLoadPanel reads the panel into series; run with -cpu 1,2 for
// one and two cores. MB/s are of the file read (CSV or Parquet); rows/s
// compare the two.
func BenchmarkLoadPanel(b *testing.B) {
	loadBenchPanel(b)
	for _, bm := range []struct {
		name string
		data []byte
		read func([]byte) error
	}{
		{"csv", benchPanel.csv, func(d []byte) error { _, err := prices.Read(bytes.NewReader(d), "panel.csv", ""); return err }},
		{"csv-encoding-csv", benchPanel.csv, func(d []byte) error { _, err := prices.ReadSlow(bytes.NewReader(d), "panel.csv"); return err }},
		{"parquet", benchPanel.parquet, func(d []byte) error { _, err := prices.Read(bytes.NewReader(d), "panel.parquet", ""); return err }},
		// A study of returns reads no volume (prices.Options).
		{"csv-no-volume", benchPanel.csv, func(d []byte) error {
			_, err := prices.ReadWith(bytes.NewReader(d), "panel.csv", "", prices.Options{})
			return err
		}},
		{"parquet-no-volume", benchPanel.parquet, func(d []byte) error {
			_, err := prices.ReadWith(bytes.NewReader(d), "panel.parquet", "", prices.Options{})
			return err
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.data)))
			for b.Loop() {
				if err := bm.read(bm.data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchPanel.rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkFloor is what reading the same CSV cannot beat: touching every
// byte once (counting lines), and a minimal parse that splits each line
// into cells and parses the close, keeping nothing.
func BenchmarkFloor(b *testing.B) {
	loadBenchPanel(b)
	data := benchPanel.csv
	b.Run("count-lines", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if bytes.Count(data, []byte{'\n'}) != benchPanel.rows+1 {
				b.Fatal("line count")
			}
		}
	})
	b.Run("split-parse-close", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sum := 0.0
			rest := data[bytes.IndexByte(data, '\n')+1:]
			for len(rest) > 0 {
				i := bytes.IndexByte(rest, '\n')
				line := rest[:i]
				rest = rest[i+1:]
				c1 := bytes.IndexByte(line, ',')
				c2 := c1 + 1 + bytes.IndexByte(line[c1+1:], ',')
				c3 := c2 + 1 + bytes.IndexByte(line[c2+1:], ',')
				v, _ := strconv.ParseFloat(string(line[c2+1:c3]), 64)
				sum += v
			}
			if sum == 0 {
				b.Fatal("no prices")
			}
		}
	})
}

// BenchmarkLoadFile reads the panel.csv and panel.parquet of
// $EVENTSTUDY_BENCH_DIR (written by scripts/bench.sh: 5,000 securities x
// 2,520 days) from disk, without volume, as a study of returns does; it
// is skipped when the variable is not set.
func BenchmarkLoadFile(b *testing.B) {
	dir := os.Getenv("EVENTSTUDY_BENCH_DIR")
	if dir == "" {
		b.Skip("EVENTSTUDY_BENCH_DIR is not set (scripts/bench.sh sets it)")
	}
	for _, name := range []string{"panel.csv", "panel.parquet"} {
		path := filepath.Join(dir, name)
		fi, err := os.Stat(path)
		if err != nil {
			b.Skipf("no %s: %v", path, err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(fi.Size())
			var rows int
			for b.Loop() {
				ss, err := prices.LoadWith(path, prices.Options{})
				if err != nil {
					b.Fatal(err)
				}
				rows = 0
				for _, s := range ss {
					rows += len(s.Dates)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
