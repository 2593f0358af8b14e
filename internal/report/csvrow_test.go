package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"testing"
)

// TestRowWriterMatchesCSV: the fast writer quotes exactly as encoding/csv.
func TestRowWriterMatchesCSV(t *testing.T) {
	fields := []string{"", "plain", "a,b", `say "hi"`, "line\nbreak", "cr\r", " lead", "\ttab", `\.`, "trail ", "é,ü"}
	var a, b bytes.Buffer
	rw := newRowWriter(&a)
	cw := csv.NewWriter(&b)
	for _, f := range fields {
		rw.str(f)
	}
	rw.float(math.NaN())
	rw.float(0.1)
	rw.int(-5)
	rw.end()
	if err := rw.flush(); err != nil {
		t.Fatal(err)
	}
	cw.Write(append(append([]string{}, fields...), "", "0.1", "-5"))
	cw.Flush()
	if a.String() != b.String() {
		t.Errorf("rowWriter:\n%q\nencoding/csv:\n%q", a.String(), b.String())
	}
}
