package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestGAFAMRealData runs the example data of the Python eventstudy package
// as published (SOURCES.md, gafam/): a wide file of simple returns
// (--values returns) and a 10-K list with a byte-order mark, CRLF line
// ends, security_ticker and market_ticker columns and DD/MM/YYYY dates,
// told from the dates. Expected: 38 of its 41 events (3 fall after the
// returns end on 2019-12-30), and for the first, AAPL 2019-10-31, the AR
// and SAR of day 0 from R 4.2.2 lm() (testdata/gafam_reference.R prints
// 0.026951496535911543 2.1818044209342986 238), tolerance 1e-9 relative.
func TestGAFAMRealData(t *testing.T) {
	const shared = "../../../shared/data/gafam/"
	if _, err := os.Stat(shared + "10K.csv"); err != nil {
		t.Skipf("real data not found (%v): run from a checkout with ../shared/data beside it", err)
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"run", "--events", shared + "10K.csv", "--prices", shared + "returns_GAFAM.csv", "--values", "returns", "--charts=false", "--out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "eventstudy: 38 of 41 events computed, 3 skipped;") {
		t.Errorf("summary: %s", strings.SplitN(stdout.String(), "\n", 2)[0])
	}
	rows := readCSV(t, filepath.Join(out, "ar.csv"))
	for _, r := range rows[1:] {
		if r[0] != "1" || r[2] != "0" {
			continue
		}
		if r[1] != "AAPL" || r[3] != "2019-10-31" {
			t.Fatalf("event 1 day 0: %v, want AAPL 2019-10-31", r)
		}
		for k, want := range map[int]float64{7: 0.026951496535911543, 8: 2.1818044209342986} {
			got, err := strconv.ParseFloat(r[k], 64)
			if err != nil || !scalar.EqualWithinRel(got, want, 1e-9) {
				t.Errorf("%s = %v, want %v", rows[0][k], r[k], want)
			}
		}
		return
	}
	t.Fatal("no row for event 1, day 0")
}
