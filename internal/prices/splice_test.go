package prices

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// series builds a series of ticker X from file, one row per calendar day
// from 2025-01-01 + start days: values and, if not nil, volumes.
func series(file string, start int, values, volume []float64) *Series {
	s := &Series{Ticker: "X", File: file, Values: values, Volume: volume}
	for i := range values {
		s.Dates = append(s.Dates, NewDate(2025, time.January, 1).AddDays(start+i))
	}
	return s
}

// ramp returns n prices 100, 101, ... and n volumes of 1000.
func ramp(n int) ([]float64, []float64) {
	p, v := make([]float64, n), make([]float64, n)
	for i := range p {
		p[i], v[i] = 100+float64(i), 1000
	}
	return p, v
}

func TestSplice(t *testing.T) {
	p, v := ramp(15)
	partial := slices.Clone(p)
	partial[14] = 90 // the last row's price moved, on a tenth of the volume
	partialVol := slices.Clone(v)
	partialVol[14] = 100
	nan := slices.Clone(p[10:])
	nan[1] = math.NaN()
	off := slices.Clone(p[10:])
	off[2] *= 1 + 2e-6
	within := slices.Clone(p[10:])
	within[2] *= 1 + 0.5e-6

	tests := []struct {
		name string
		a, b *Series
		// want: the values of the result, from day 0; or the error's text.
		want    []float64
		sources string // File:From..To/Rows of each source
		err     string
		is      error // the sentinel err wraps: ErrDisagree if nil
	}{{
		name:    "overlap agrees",
		a:       series("old.csv", 0, p, v),
		b:       series("new.csv", 10, p[10:], v[10:]),
		want:    p,
		sources: "old.csv:2025-01-01..2025-01-10/10 new.csv:2025-01-11..2025-01-15/5",
	}, {
		name:    "order of the flags does not matter",
		a:       series("new.csv", 10, p[10:], v[10:]),
		b:       series("old.csv", 0, p, v),
		want:    p,
		sources: "old.csv:2025-01-01..2025-01-10/10 new.csv:2025-01-11..2025-01-15/5",
	}, {
		name:    "within 1e-6 relative",
		a:       series("old.csv", 0, p, v),
		b:       series("new.csv", 10, within, v[10:]),
		want:    append(slices.Clone(p[:10]), within...),
		sources: "old.csv:2025-01-01..2025-01-10/10 new.csv:2025-01-11..2025-01-15/5",
	}, {
		name: "partial last row of the older file gives way",
		a:    series("old.csv", 0, partial, partialVol),
		b:    series("new.csv", 10, append(slices.Clone(p[10:]), 115, 116), nil),
		want: append(slices.Clone(p), 115, 116),
		// new.csv has no volume column: its rows' volume is NaN.
		sources: "old.csv:2025-01-01..2025-01-10/10 new.csv:2025-01-11..2025-01-17/7",
	}, {
		name:    "partial last row of the newer file gives way",
		a:       series("old.csv", 0, p, v),
		b:       series("new.csv", 3, partial[3:], partialVol[3:]),
		want:    p,
		sources: "old.csv:2025-01-01..2025-01-15/4 new.csv:2025-01-04..2025-01-14/11",
	}, {
		// new.csv lacks 2025-01-15 (day 14), old.csv's partial last row.
		name:    "a partial last row inside the other file's dates is dropped",
		a:       series("old.csv", 0, partial, partialVol),
		b:       &Series{Ticker: "X", File: "new.csv", Dates: []Date{NewDate(2025, 1, 14), NewDate(2025, 1, 16)}, Values: []float64{113, 115}},
		want:    append(slices.Clone(p[:14]), 115),
		sources: "old.csv:2025-01-01..2025-01-13/13 new.csv:2025-01-14..2025-01-16/2",
	}, {
		name:    "a missing value is filled from the other file",
		a:       series("old.csv", 0, p, v),
		b:       series("new.csv", 10, nan, v[10:]),
		want:    p,
		sources: "old.csv:2025-01-01..2025-01-12/11 new.csv:2025-01-11..2025-01-15/4",
	}, {
		name: "disagreement",
		a:    series("old.csv", 0, p, v),
		b:    series("new.csv", 10, off, v[10:]),
		err:  `"X": old.csv and new.csv disagree on 2025-01-13: 112 and 112.000224, a relative difference of 2e-06 (more than 1e-06)`,
	}, {
		name: "a last row not flagged as partial is compared",
		a:    series("old.csv", 0, partial, v),
		b:    series("new.csv", 10, p[10:], v[10:]),
		err:  `"X": old.csv and new.csv disagree on 2025-01-15: 90 and 114, a relative difference of 0.21 (more than 1e-06)`,
	}, {
		name: "several disagreements",
		a:    series("old.csv", 0, p, v),
		b:    series("new.csv", 10, []float64{110, 111.5, 112.5, 113, 114}, nil),
		err:  `"X": old.csv and new.csv disagree on 2025-01-12: 111 and 111.5, a relative difference of 0.0045 (more than 1e-06); and on 1 more of the 5 common dates`,
	}, {
		name: "a constant factor",
		a:    series("old.csv", 0, p, v),
		b:    series("new.csv", 10, []float64{55, 55.5, 56, 56.5, 57, 57.5}, nil),
		err:  `"X": old.csv and new.csv disagree on all 5 common dates (2025-01-11..2025-01-15) by a factor of 0.5, e.g. 2025-01-11: 110 and 55: prices adjusted for dividends or splits as of different dates? Give files adjusted alike, or one file`,
	}, {
		name: "no common date",
		a:    series("old.csv", 0, p[:5], nil),
		b:    series("new.csv", 5, p[5:], nil),
		err:  `"X": old.csv (2025-01-01..2025-01-05) and new.csv (2025-01-06..2025-01-15): no common date with a price in both, to check the return across the junction`,
		is:   ErrNoOverlap,
	}, {
		name: "prices and returns",
		a:    series("old.csv", 0, p, nil),
		b:    &Series{Ticker: "X", File: "r.csv", IsReturn: true, Dates: []Date{NewDate(2025, 1, 1)}, Values: []float64{0.01}},
		err:  `"X": old.csv and r.csv disagree: old.csv holds prices, r.csv holds returns`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Splice(tt.a, tt.b)
			if tt.err != "" {
				if err == nil {
					t.Fatalf("no error, want %s", tt.err)
				}
				is := tt.is
				if is == nil {
					is = ErrDisagree
				}
				if err.Error() != tt.err || !errors.Is(err, is) {
					t.Fatalf("error\n%v\nwant\n%s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Values, tt.want) {
				t.Errorf("values %v, want %v", got.Values, tt.want)
			}
			for i := 1; i < len(got.Dates); i++ {
				if got.Dates[i] <= got.Dates[i-1] {
					t.Fatalf("dates not increasing at %d: %v", i, got.Dates)
				}
			}
			var src []string
			for _, s := range got.Sources {
				src = append(src, s.File+":"+s.From.String()+".."+s.To.String()+"/"+strconv.Itoa(s.Rows))
			}
			if s := strings.Join(src, " "); s != tt.sources {
				t.Errorf("sources %s, want %s", s, tt.sources)
			}
			if f := strings.Join(got.Files(), ","); f != "old.csv,new.csv" && f != "new.csv,old.csv" {
				t.Errorf("Files() = %s", f)
			}
		})
	}
}

// A third file is spliced onto a spliced series; its sources stay apart.
func TestSpliceThree(t *testing.T) {
	p, v := ramp(15)
	ab, err := Splice(series("old.csv", 0, p[:10], v[:10]), series("mid.csv", 5, p[5:13], v[5:13]))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Splice(ab, series("new.csv", 10, p[10:], v[10:]))
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{File: "old.csv", From: NewDate(2025, 1, 1), To: NewDate(2025, 1, 5), Rows: 5},
		{File: "mid.csv", From: NewDate(2025, 1, 6), To: NewDate(2025, 1, 10), Rows: 5},
		{File: "new.csv", From: NewDate(2025, 1, 11), To: NewDate(2025, 1, 15), Rows: 5},
	}
	if !slices.Equal(got.Sources, want) || !slices.Equal(got.Values, p) {
		t.Errorf("sources %+v\nwant %+v\nvalues %v", got.Sources, want, got.Values)
	}
	if f := strings.Join(got.Files(), ","); f != "old.csv,mid.csv,new.csv" {
		t.Errorf("Files() = %s", f)
	}
}

// TestSpliceHSI splices the two Yahoo downloads of the Hang Seng index of
// ../shared/data/benchmarks (SOURCES.md): the long history 1986-12-31 ..
// 2024-08-05 (Adj Close, equal to Close for an index) and the yfinance
// file 2021-06-24 .. 2026-06-23 (Close). Checked with awk before this
// test was written: the 766 common dates' prices are equal to the last
// digit on 765 of them; on 2024-08-05, the old file's partial last row
// (volume 0), 16563.740234375 against 16698.359375 (0.81%).
func TestSpliceHSI(t *testing.T) {
	old := readOne(t, "benchmarks/HSI_daily_1986-12_2024-08.csv")
	recent := readOne(t, "benchmarks/HSI_daily_2021-06_2026-06.csv")
	if _, _, p := old.PartialLast(); !p {
		t.Fatal("the old file's last row, 2024-08-05, is not flagged as partial")
	}
	for _, order := range [][2]*Series{{old, recent}, {recent, old}} {
		old.Ticker, recent.Ticker = "^HSI", "^HSI"
		got, err := Splice(order[0], order[1])
		if err != nil {
			t.Fatal(err)
		}
		// 9,280 + 1,226 rows less the 766 common dates.
		checkRange(t, got, "1986-12-31", "2026-06-23", 9280+1226-766)
		// The newer file's close of 2024-08-05, not the partial row's.
		checkValue(t, got, "2024-08-05", 16698.359375, 0)
		checkValue(t, got, "2021-06-23", valueOn(t, old, "2021-06-23"), 0)
		checkValue(t, got, "1986-12-31", 2568.300048828125, 0)
		want := []Source{
			{File: old.File, From: NewDate(1986, 12, 31), To: NewDate(2021, 6, 23), Rows: 9280 - 766},
			{File: recent.File, From: NewDate(2021, 6, 24), To: NewDate(2026, 6, 23), Rows: 1226},
		}
		if !slices.Equal(got.Sources, want) {
			t.Errorf("sources %+v, want %+v", got.Sources, want)
		}
		// Volumes come with their rows: the newer file's, rounded to
		// 100,000 shares (2021-06-24: 1,723,200,000; the old file has
		// 1,723,216,500).
		i, _ := got.Index(NewDate(2021, 6, 24))
		if got.Volume[i] != 1723200000 {
			t.Errorf("volume on 2021-06-24: %g, want 1723200000", got.Volume[i])
		}
	}
}
