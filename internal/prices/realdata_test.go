package prices

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The real files described in /work/shared/data/SOURCES.md, referred to
// from the package directory. They are not part of the repository.
const sharedData = "../../../shared/data"

func realFile(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join(sharedData, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real data %s absent (see SOURCES.md in the shared data directory): %v", path, err)
	}
	return path
}

func readOne(t *testing.T, rel string) *Series {
	t.Helper()
	got, err := ReadFile(realFile(t, rel), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%s: %d series, want 1", rel, len(got))
	}
	return got[0]
}

// valueOn returns the value of s on date.
func valueOn(t *testing.T, s *Series, date string) float64 {
	t.Helper()
	d, err := ParseDate(date)
	if err != nil {
		t.Fatal(err)
	}
	i, ok := s.Index(d)
	if !ok {
		t.Fatalf("%s: no %s", s.Ticker, date)
	}
	return s.Values[i]
}

func checkRange(t *testing.T, s *Series, first, last string, rows int) {
	t.Helper()
	if len(s.Dates) != rows || s.Dates[0].String() != first || s.Dates[len(s.Dates)-1].String() != last {
		t.Errorf("%s: %d rows %s .. %s, want %d rows %s .. %s", s.Ticker, len(s.Dates),
			s.Dates[0], s.Dates[len(s.Dates)-1], rows, first, last)
	}
}

func checkValue(t *testing.T, s *Series, date string, want, tol float64) {
	t.Helper()
	if got := valueOn(t, s, date); !sameValue(got, want, tol) {
		t.Errorf("%s on %s: %v, want %v (tolerance %g)", s.Ticker, date, got, want, tol)
	}
}

func TestReal9988HK(t *testing.T) {
	s := readOne(t, "alibaba/9988.HK_daily_2021-03_2026-02.csv")
	if s.Ticker != "9988.HK" {
		t.Errorf("ticker %q, want 9988.HK (from the ticker row)", s.Ticker)
	}
	// SOURCES.md: "range 2021-03-01 → 2026-02-27, 1 228 rows".
	checkRange(t, s, "2021-03-01", "2026-02-27", 1228)
	// SOURCES.md, quick check of the case: "9988.HK 162.0 → 154.9 (−4.38 %)".
	// The file holds float32-rounded quotes (154.89999389648438): tolerance 1e-4.
	checkValue(t, s, "2025-11-13", 162.0, 1e-4)
	checkValue(t, s, "2025-11-14", 154.9, 1e-4)
	d, _ := ParseDate("2025-11-14")
	i, _ := s.Index(d)
	// −4.38 % as printed in SOURCES.md, to its 2 decimals: tolerance 0.005 %.
	if r := s.Returns(false)[i]; !sameValue(r, -0.0438, 0.00005) {
		t.Errorf("return on 2025-11-14: %v, want -0.0438", r)
	}
}

func TestRealHSI(t *testing.T) {
	s := readOne(t, "benchmarks/HSI_daily_2021-06_2026-06.csv")
	if s.Ticker != "^HSI" {
		t.Errorf("ticker %q, want ^HSI (from the Ticker line)", s.Ticker)
	}
	// SOURCES.md: "range 2021-06-24 → 2026-06-23, 1 226 rows".
	checkRange(t, s, "2021-06-24", "2026-06-23", 1226)
	// SOURCES.md: "^HSI 27 073.03 → 26 572.46 (−1.85 %)", 2 decimals: tolerance 0.005.
	checkValue(t, s, "2025-11-13", 27073.03, 0.005)
	checkValue(t, s, "2025-11-14", 26572.46, 0.005)
}

func TestRealBABAAdjClose(t *testing.T) {
	s := readOne(t, "alibaba/BABA_daily_2014-09_2024-03.csv")
	// SOURCES.md: "range 2014-09-19 (IPO day) → 2024-03-08, 2 383 rows".
	checkRange(t, s, "2014-09-19", "2024-03-08", 2383)
	// Line 2 of the file: Close 93.889999, Adj Close 92.644608. Adj Close is
	// the one read, exactly as written (tolerance 0).
	checkValue(t, s, "2014-09-19", 92.644608, 0)
}

func TestRealSPXAdjCloseFirst(t *testing.T) {
	s := readOne(t, "benchmarks/SPX_daily_1927-12_2026-02.csv")
	if s.Ticker != "^SPX" {
		t.Errorf("ticker %q, want ^SPX", s.Ticker)
	}
	// SOURCES.md: "range 1927-12-30 → 2026-02-27, 24 656 rows; yfinance-multiindex
	// with Adj Close first".
	checkRange(t, s, "1927-12-30", "2026-02-27", 24656)
	// Line 4 of the file (Adj Close and Close both 17.65999984741211), exact.
	checkValue(t, s, "1927-12-30", 17.65999984741211, 0)
}

func TestRealHKHistoryTimeZone(t *testing.T) {
	s := readOne(t, "panel_hk/prices/9988.HK.csv")
	if s.Ticker != "9988.HK" {
		t.Errorf("ticker %q, want 9988.HK (file name)", s.Ticker)
	}
	// SOURCES.md appendix: "9988.HK.csv | 2020-01-02 | 2025-05-22 | 1323": the
	// dates as written (+08:00), not shifted to UTC (which would give 2020-01-01).
	checkRange(t, s, "2020-01-02", "2025-05-22", 1323)
	// Line 2 of the file, Close column, exact.
	checkValue(t, s, "2020-01-02", 209.29086303710938, 0)
}

func TestRealWideEstudy2(t *testing.T) {
	got, err := ReadFile(realFile(t, "estudy2/prices.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	// SOURCES.md: "date,AMZN,ZM,UBER,NFLX,SHOP,FB,UPWK daily closes 2019-04-01 ..
	// 2020-03-31 (253 rows; ZM and UBER start later: empty cells before their
	// listing)". The first non-empty cells are ZM's IPO day 2019-04-18 (line
	// 15) and UBER's 2019-05-10 (line 30); 2019-04-18 .. 2020-03-31 is rows
	// 15..254 of the file, 240 rows, and 2019-05-10 .. 2020-03-31 225 rows.
	want := map[string]struct {
		first string
		rows  int
	}{
		"AMZN": {"2019-04-01", 253}, "FB": {"2019-04-01", 253}, "NFLX": {"2019-04-01", 253},
		"SHOP": {"2019-04-01", 253}, "UBER": {"2019-05-10", 225}, "UPWK": {"2019-04-01", 253},
		"ZM": {"2019-04-18", 240},
	}
	if len(got) != len(want) {
		t.Fatalf("%d series, want %d", len(got), len(want))
	}
	for i, s := range got {
		w, ok := want[s.Ticker]
		if !ok || (i > 0 && got[i-1].Ticker >= s.Ticker) {
			t.Errorf("unexpected or unsorted ticker %q", s.Ticker)
			continue
		}
		checkRange(t, s, w.first, "2020-03-31", w.rows)
	}
	// Line 15 of the file: ZM's first close 62.0, exact.
	checkValue(t, got[6], "2019-04-18", 62.0, 0)
}

// appendixTable reads a table of the appendix of SOURCES.md: file name to
// first date, last date and row count.
func appendixTable(t *testing.T, heading string) map[string][3]string {
	t.Helper()
	f, err := os.Open(realFile(t, "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table := make(map[string][3]string)
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#### ") {
			in = strings.HasPrefix(line, "#### "+heading)
			continue
		}
		cells := strings.Split(line, "|")
		if !in || len(cells) < 5 || !strings.HasSuffix(strings.TrimSpace(cells[1]), ".csv") {
			continue
		}
		table[strings.TrimSpace(cells[1])] = [3]string{strings.TrimSpace(cells[2]), strings.TrimSpace(cells[3]), strings.TrimSpace(cells[4])}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return table
}

// TestRealPanels loads the two panel directories and checks every series
// against the per-file ranges in SOURCES.md's appendix.
func TestRealPanels(t *testing.T) {
	for _, c := range []struct {
		dir   string
		count int
	}{
		// SOURCES.md: "panel_ndx/prices/<TICKER>.csv — 91 files" and
		// "panel_hk/prices/<CODE>.HK.csv — 83 Hang Seng constituents".
		{"panel_ndx/prices", 91},
		{"panel_hk/prices", 83},
	} {
		t.Run(c.dir, func(t *testing.T) {
			dir := realFile(t, c.dir)
			table := appendixTable(t, c.dir+"/")
			if len(table) != c.count {
				t.Fatalf("SOURCES.md appendix lists %d files for %s, want %d", len(table), c.dir, c.count)
			}
			got, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != c.count {
				t.Fatalf("%d series, want %d", len(got), c.count)
			}
			for _, s := range got {
				w, ok := table[s.Ticker+".csv"]
				if !ok {
					t.Errorf("series %q not in SOURCES.md", s.Ticker)
					continue
				}
				rows, err := strconv.Atoi(w[2])
				if err != nil {
					t.Fatal(err)
				}
				checkRange(t, s, w[0], w[1], rows)
			}
		})
	}
}
