package prices

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLineLimit: the reader passes every byte of lines up to max bytes
// (the line end not counted), then the bytes of a longer line up to the
// bound, and fails at line:max+1; the same however the input is cut into
// reads.
func TestLineLimit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		pass string // the bytes handed over before the error
		err  string // "" for none
	}{
		{"0123456789\n0123456789", "0123456789\n0123456789", ""},
		{"\n\n0123456789\n", "\n\n0123456789\n", ""},
		{"ab\n0123456789X\n", "ab\n0123456789", "f.csv:2:11: line too long: more than 10 bytes without a line end"},
		{"0123456789X", "0123456789", "f.csv:1:11: line too long: more than 10 bytes without a line end"},
		// Quoted fields: line ends inside quotes do not end the record,
		// "" is an escaped quote, and a record of lines each under the
		// bound is bounded as a whole.
		{"\"a\nb\"\n\"\"\"\"\n", "\"a\nb\"\n\"\"\"\"\n", ""},
		{"x\n\"12\n34\n5\"\n", "x\n\"12\n34\n5\"\n", ""}, // 9 bytes and its end
		// The 11th byte of the record is the line end of line 3.
		{"x\n\"1234\n5678\n9012\n", "x\n\"1234\n5678", "f.csv:2:1: line too long: a quoted field runs for more than 10 bytes, to line 3 (a quote not closed?)"},
		{"x\n\"1\"\"2\"\n0123456789Z", "x\n\"1\"\"2\"\n0123456789", "f.csv:3:11: line too long: more than 10 bytes without a line end"},
		{"a\nb\nc\n" + strings.Repeat("y", 25), "a\nb\nc\n0123456789"[:6] + strings.Repeat("y", 10), "f.csv:4:11: line too long: more than 10 bytes without a line end"},
	} {
		for name, wrap := range map[string]func(io.Reader) io.Reader{"whole": func(r io.Reader) io.Reader { return r }, "bytes": iotest.OneByteReader, "halves": iotest.HalfReader} {
			l := newLineLimit(wrap(strings.NewReader(tc.in)), "f.csv", 10)
			got, err := io.ReadAll(l)
			if string(got) != tc.pass || (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
				t.Errorf("%q (%s): %q, %v; want %q, %s", tc.in, name, got, err, tc.pass, tc.err)
			}
			if err != nil && !errors.Is(err, ErrLongLine) {
				t.Errorf("%q: %v is not ErrLongLine", tc.in, err)
			}
		}
	}
}

// repeatReader reads n bytes of b, without holding them.
type repeatReader struct {
	b byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range k {
		p[i] = r.b
	}
	r.n -= k
	return k, nil
}

// TestLongLineFiles: in every kind of input file a line of MaxLine bytes
// is read and one of MaxLine+1 is a one-line error at its position, for a
// file of 64 MiB without a line end too, which is given up after its
// first MiB: the readers allocate a small multiple of MaxLine, not of the
// file (a 1 GB file without a newline used 10 GB).
func TestLongLineFiles(t *testing.T) {
	gz := func(s io.Reader) io.Reader {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		io.Copy(w, s)
		w.Close()
		return &b
	}
	const want = "x.csv:3:1048577: line too long: more than 1048576 bytes without a line end"
	readers := map[string]func(io.Reader) error{
		"prices": func(r io.Reader) error { _, err := Read(r, "x.csv", "A"); return err },
		"prices slow": func(r io.Reader) error {
			_, _, err := readOpts(r, "x.csv", "A", scanOptions{slow: true})
			return err
		},
		"prices gzip": func(r io.Reader) error { _, err := Read(gz(r), "x.csv", "A"); return err },
		"events":      func(r io.Reader) error { _, err := ParseEvents(r, "x.csv", EventColumns{}); return err },
		"factors":     func(r io.Reader) error { _, err := ParseFactors(r, "x.csv", FactorOptions{}); return err },
	}
	heads := map[string]string{
		"prices": "date,ticker,close\n2020-01-02,A,1\n2020-01-03,A,",
		"events": "ticker,date\nA,2020-01-02\nA,",
		// The factor file's own reader (not LimitLines) gives the same error.
		"factors": "date,F\n2020-01-02,1\n2020-01-03,",
	}
	for name, read := range readers {
		head := heads[strings.Fields(name)[0]]
		// One byte past the bound on line 3.
		long := io.MultiReader(strings.NewReader(head), &repeatReader{'1', MaxLine + 1 - (len(head) - strings.LastIndexByte(head, '\n') - 1)})
		if err := read(long); err == nil || err.Error() != want {
			t.Errorf("%s: line of MaxLine+1 bytes: %v, want %s", name, err, want)
		}
		// At the bound the line is read: what fails, if anything, is its
		// value, quoted to 40 bytes.
		at := io.MultiReader(strings.NewReader(head), &repeatReader{'1', MaxLine - (len(head) - strings.LastIndexByte(head, '\n') - 1)}, strings.NewReader("\n"))
		if err := read(at); err != nil && (errors.Is(err, ErrLongLine) || len(err.Error()) > 300) {
			t.Errorf("%s: line of MaxLine bytes: %.300v", name, err)
		}
		// 64 MiB without a line end.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := read(io.MultiReader(strings.NewReader(head), &repeatReader{'1', 64 << 20}))
		runtime.ReadMemStats(&after)
		if err == nil || err.Error() != want {
			t.Errorf("%s: 64 MiB line: %v, want %s", name, err, want)
		}
		// Measured: 2 to 12 MiB (events 2.1, factors 5.8, prices 6.6 on
		// encoding/csv and 11.1 with the parallel scanner, gzip 12.1).
		alloc := after.TotalAlloc - before.TotalAlloc
		if alloc > 24<<20 {
			t.Errorf("%s: 64 MiB line: allocated %d MiB", name, alloc>>20)
		}
		t.Logf("%s: 64 MiB without a line end: allocated %.1f MiB", name, float64(alloc)/(1<<20))
	}
}

// TestLongCellQuoted: an error repeats at most 40 bytes of a bad cell and
// 200 of a header, marking the cut with "…".
func TestLongCellQuoted(t *testing.T) {
	x := strings.Repeat("x", 1000)
	for _, tc := range []struct {
		name, in, want string
		read           func(io.Reader) error
	}{
		{"price", "date,close\n2020-01-02," + x + "\n", `x.csv:2:12: close: cannot parse number "` + x[:40] + `…"`,
			func(r io.Reader) error { _, err := Read(r, "x.csv", "A"); return err }},
		{"date", "date,close\n" + x + ",1\n", `x.csv:2:1: cannot parse date "` + x[:40] + `…" (want YYYY-MM-DD or YYYYMMDD, optionally followed by a time of day)`,
			func(r io.Reader) error { _, err := Read(r, "x.csv", "A"); return err }},
		// An event with a bad date is rejected, not fatal: its reason.
		{"event date", "ticker,date\nA," + x + "\n", `x.csv:2:3: date: cannot parse "` + x[:40] + `…" as a date (want YYYY-MM-DD or YYYYMMDD; for times of day use a timestamp column)`,
			func(r io.Reader) error {
				l, err := ParseEvents(r, "x.csv", EventColumns{})
				if err == nil && len(l.Rejected) > 0 {
					err = l.Rejected[0].Err
				}
				return err
			}},
		{"header", "date," + x + "\n2020-01-02,1\n", `x.csv:1:1: no ticker column in header "date,` + x[:195] + `…": want ticker (or symbol), and date (YYYY-MM-DD) or timestamp (RFC 3339); name others with --ticker-col, --date-col, --timestamp-col`,
			func(r io.Reader) error { _, err := ParseEvents(r, "x.csv", EventColumns{}); return err }},
	} {
		err := tc.read(strings.NewReader(tc.in))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || len(err.Error()) > 600 {
			t.Errorf("%s: %.700v\nwant %s", tc.name, err, tc.want)
		}
	}
}

// TestLongQuotedRecord: a quoted field of many short lines is bounded as
// one record, and the error names the line where the record starts. The
// record of line 2 is `A,2020-01-02,"` (14 bytes) and then "ab\n" (3 bytes)
// over and over: its byte 1,048,577 = 14 + 3 x 349,521 is the line end of
// group 349,521, which ends line 2 + 349,521 - 1 = 349,522.
func TestLongQuotedRecord(t *testing.T) {
	in := "ticker,date,note\nA,2020-01-02,\"" + strings.Repeat("ab\n", 400000) + "\"\n"
	const want = "x.csv:2:1: line too long: a quoted field runs for more than 1048576 bytes, to line 349522 (a quote not closed?)"
	if _, err := ParseEvents(strings.NewReader(in), "x.csv", EventColumns{}); err == nil || err.Error() != want {
		t.Errorf("events: %v, want %s", err, want)
	}
	in = "date,ticker,close\n2020-01-02,A,\"" + strings.Repeat("ab\n", 400000) + "\"\n"
	const wantPrices = "x.csv:2:1: line too long: a quoted field runs for more than 1048576 bytes, to line 349522 (a quote not closed?)"
	if _, err := Read(strings.NewReader(in), "x.csv", ""); err == nil || err.Error() != wantPrices {
		t.Errorf("prices: %v, want %s", err, wantPrices)
	}
}
