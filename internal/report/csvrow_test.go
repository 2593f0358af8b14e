package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"testing"

	"github.com/eventstudy/eventstudy/internal/par"
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

// TestWriteRows: rows formatted in chunks on several goroutines come out
// as one rowWriter writes them in order; a write error is returned.
func TestWriteRows(t *testing.T) {
	row := func(rw *rowWriter, i int) {
		for k := range i % 4 { // 0 to 3 rows per item
			rw.int(i)
			rw.float(float64(k) / 3)
			rw.end()
		}
	}
	for _, n := range []int{0, 1, 255, 256, 257, 3000} {
		var want, got bytes.Buffer
		rw := newRowWriter(&want)
		for i := range n {
			row(rw, i)
		}
		if err := rw.flush(); err != nil {
			t.Fatal(err)
		}
		if err := writeRows(&got, n, row); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("n = %d: %d bytes, want %d", n, got.Len(), want.Len())
		}
	}
	if err := writeRows(failWriter{}, 3000, row); err == nil || err.Error() != "disk full" {
		t.Errorf("error %v, want disk full", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestEscapeFormulas: with the option, cells of user text that a
// spreadsheet would read as a formula get a leading ' (OWASP, "CSV
// Injection": =, +, -, @, tab, carriage return); plain numbers and other
// text do not; without it nothing changes.
func TestEscapeFormulas(t *testing.T) {
	on, off := csvOptions{escape: true}, csvOptions{}
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-0.5", "-0.5"},
		{"+3", "+3"},
		{"-1e-3", "-1e-3"},
		{"-.5", "-.5"},
		{"-", "'-"},
		{"-1-", "'-1-"},
		{"a=1", "a=1"},
		{"", ""},
		{"9988.HK", "9988.HK"},
	} {
		if got := on.cell(tc.in); got != tc.want {
			t.Errorf("escaped %q = %q, want %q", tc.in, got, tc.want)
		}
		if got := off.cell(tc.in); got != tc.in {
			t.Errorf("unescaped %q = %q", tc.in, got)
		}
	}
}

// TestWriteRowsPanic: a panic while formatting a row, on a worker
// goroutine, reaches the caller of writeRows as a *par.Panic (which
// cmd/eventstudy reports as an internal error) instead of ending the
// program or leaving writeRows waiting for the chunk; nothing of the
// chunks after it is written.
func TestWriteRowsPanic(t *testing.T) {
	var out bytes.Buffer
	var got any
	func() {
		defer func() { got = recover() }()
		_ = writeRows(&out, 2000, func(rw *rowWriter, i int) {
			if i == 700 { // in the third chunk of 256 items
				panic("row 700")
			}
			rw.int(i)
			rw.end()
		})
	}()
	p, ok := got.(*par.Panic)
	if !ok || p.Value != "row 700" {
		t.Fatalf("recovered %#v, want a *par.Panic of \"row 700\"", got)
	}
	// At most the two chunks before it: items 0..511.
	if n := bytes.Count(out.Bytes(), []byte{'\n'}); n > 512 {
		t.Errorf("%d rows written, want at most the 512 before the panicking chunk", n)
	}
}
