package report

import (
	"io"
	"math"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/eventstudy/eventstudy/internal/prices"

	"github.com/eventstudy/eventstudy/internal/par"
)

// rowWriter writes CSV rows into a reused byte buffer. The large tables
// (ar.csv: one row per event and day) are written with it instead of gocsv:
// gocsv builds every row through reflection and strings, which took most of
// the writing time of a 20,000-event study (0.5 of 0.9 s, pprof); this
// appends numbers in place. Quoting follows encoding/csv, so the bytes are
// the same as csv.Writer's.
type rowWriter struct {
	w   io.Writer
	buf []byte
	err error
	sep bool // a field was written on this row
}

func newRowWriter(w io.Writer) *rowWriter {
	return &rowWriter{w: w, buf: make([]byte, 0, 1<<16)}
}

func (r *rowWriter) comma() {
	if r.sep {
		r.buf = append(r.buf, ',')
	}
	r.sep = true
}

// str writes a text field, quoted when encoding/csv would quote it.
func (r *rowWriter) str(s string) {
	r.comma()
	if !needsQuotes(s) {
		r.buf = append(r.buf, s...)
		return
	}
	r.buf = append(r.buf, '"')
	r.buf = append(r.buf, strings.ReplaceAll(s, `"`, `""`)...)
	r.buf = append(r.buf, '"')
}

// text writes a field of the user's text (from the event list), escaped
// as opt says.
func (r *rowWriter) text(s string, opt csvOptions) { r.str(opt.cell(s)) }

// cell returns s, prefixed with ' when opt.escape is set and s begins
// with a character that makes a spreadsheet read the cell as a formula:
// =, +, -, @, tab or carriage return (OWASP, "CSV Injection"). A plain
// decimal number such as -0.5 or +3 is left as it is: a spreadsheet reads
// it as that number, and regress reads car.csv's extra columns as numbers.
func (opt csvOptions) cell(s string) string {
	if opt.escape && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !plainNumber.MatchString(s) {
		return "'" + s
	}
	return s
}

// plainNumber is a decimal number with an optional sign and exponent.
var plainNumber = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// skips escapes the user's text in the records of skipped.csv: the id,
// ticker and date as written, and the reason (which may begin with the
// event list's path).
func (opt csvOptions) skips(recs []skipRecord) []skipRecord {
	for i := range recs {
		recs[i].EventID = opt.cell(recs[i].EventID)
		recs[i].Ticker = opt.cell(recs[i].Ticker)
		recs[i].Date = opt.cell(recs[i].Date)
		recs[i].Reason = opt.cell(recs[i].Reason)
	}
	return recs
}

// float writes v in the shortest exact form, empty for NaN and infinities.
func (r *rowWriter) float(v float64) {
	r.comma()
	if !math.IsNaN(v) && !math.IsInf(v, 0) {
		r.buf = strconv.AppendFloat(r.buf, v, 'g', -1, 64)
	}
}

// date writes d as YYYY-MM-DD (prices.Date.String), which needs no quotes.
func (r *rowWriter) date(d prices.Date) {
	r.comma()
	r.buf = d.Append(r.buf)
}

func (r *rowWriter) int(v int) {
	r.comma()
	r.buf = strconv.AppendInt(r.buf, int64(v), 10)
}

// end finishes the row and flushes the buffer when it is large (never
// without a writer: writeRows collects a chunk of rows).
func (r *rowWriter) end() {
	r.buf = append(r.buf, '\n')
	r.sep = false
	if r.w != nil && len(r.buf) >= 1<<16-512 {
		r.flush()
	}
}

// writeRows writes the rows of items 0..n-1, which rows appends to a
// rowWriter, formatting chunks of items on GOMAXPROCS goroutines and
// writing the chunks in order: the bytes are those of one rowWriter over
// all items. Formatting the numbers of ar.csv took 0.8 s of CPU for
// 100,000 events, on one core while the other wrote car.csv (pprof).
func writeRows(w io.Writer, n int, rows func(rw *rowWriter, i int)) error {
	const chunk = 256 // items per chunk: about 400 KB of ar.csv
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		lo, hi int
		out    chan []byte
	}
	jobs := make(chan job, workers)
	order := make(chan job, 2*workers) // bounds the chunks in memory
	free := make(chan []byte, 3*workers)
	go func() {
		defer close(jobs)
		defer close(order)
		for lo := 0; lo < n; lo += chunk {
			j := job{lo, min(lo+chunk, n), make(chan []byte, 1)}
			order <- j
			jobs <- j
		}
	}()
	// A panic of rows is a bug: its chunk is sent empty, so that the loop
	// below does not wait for it forever, and writeRows panics with it at
	// the end, on the caller's goroutine.
	var panicked atomic.Pointer[par.Panic]
	for range workers {
		go func() {
			for j := range jobs {
				rw := &rowWriter{}
				select {
				case rw.buf = <-free:
				default:
				}
				func() {
					defer func() {
						if v := recover(); v != nil {
							panicked.CompareAndSwap(nil, par.NewPanic(v))
							rw.buf = nil
						}
					}()
					for i := j.lo; i < j.hi; i++ {
						rows(rw, i)
					}
				}()
				j.out <- rw.buf
			}
		}()
	}
	var err error
	for j := range order {
		b := <-j.out
		if err == nil && panicked.Load() == nil {
			_, err = w.Write(b)
		}
		select {
		case free <- b[:0]:
		default:
		}
	}
	if p := panicked.Load(); p != nil {
		panic(p)
	}
	return err
}

func (r *rowWriter) flush() error {
	if r.err == nil && len(r.buf) > 0 {
		_, r.err = r.w.Write(r.buf)
	}
	r.buf = r.buf[:0]
	return r.err
}

// needsQuotes is encoding/csv's rule (Writer.fieldNeedsQuotes).
func needsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	if strings.ContainsAny(field, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}
