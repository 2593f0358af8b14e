package prices

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/eventstudy/eventstudy/internal/par"
)

// The parallel scanner reads long panels (date,ticker,close rows) at the
// speed of a byte scanner on every core. One goroutine reads the file (and
// decompresses it, for gzip) in chunks cut at line boundaries and counts
// their lines; GOMAXPROCS workers parse the chunks, each into per-ticker
// columns; the caller merges them in file order, checking each ticker's
// dates across chunk boundaries. Each error is the one encoding/csv and the
// row loop of load.go would report first, at the same file:line:column:
// within a chunk the worker stops at its first error, and the merge weighs
// it against the chunk's first cross-boundary error by position.
//
// The scanner knows unquoted CSV only. When a chunk holds a double quote
// (or a line longer than a chunk, or the reader fails), the rest of the file
// from that chunk's first line on goes to encoding/csv, with the builders
// of the rows before it: the result is the same, only slower.

// defaultChunkSize is the size of a scanner chunk: large enough that the
// per-chunk work (one map lookup per ticker) is small beside the rows, small
// enough that the chunks in flight cost little memory.
const defaultChunkSize = 4 << 20

// scanFast reads a long panel with the parallel scanner. ok is false when
// the file is not an unquoted long panel; nothing has then been read from br.
func (p *parser) scanFast(br *bufio.Reader, opts scanOptions) (series []*Series, ok bool, err error) {
	b, _ := br.Peek(bufSize)
	i := bytes.IndexByte(b, '\n')
	if i <= 0 {
		return nil, false, nil // no header line in sight, or a blank first line
	}
	hdr := b[:i]
	if n := len(hdr); hdr[n-1] == '\r' {
		hdr = hdr[:n-1]
	}
	if len(hdr) == 0 || bytes.IndexByte(hdr, '"') >= 0 {
		return nil, false, nil
	}
	h := header{file: p.file, line: 1}
	for off := 0; ; {
		j := bytes.IndexByte(hdr[off:], ',')
		end := off + j
		if j < 0 {
			end = len(hdr)
		}
		h.names = append(h.names, strings.TrimSpace(string(hdr[off:end])))
		h.cols = append(h.cols, off+1)
		if j < 0 {
			break
		}
		off = end + 1
	}
	dateCol, err := h.dateColumn()
	if err != nil {
		return nil, false, nil // the slow path reports it
	}
	if t, err := h.find(fieldTicker, nil); err != nil || t < 0 {
		return nil, false, nil
	}
	lay, err := h.classify(dateCol, opts)
	if err != nil || lay.kind != kindLong {
		return nil, false, nil
	}
	p.h, p.lay, p.lastHeaderLine = h, lay, h.line
	p.byTicker = make(map[string]*builder)
	br.Discard(i + 1)
	if err := p.scan(br, 2, opts); err != nil {
		return nil, true, err
	}
	series, err = p.finish()
	return series, true, err
}

// chunk is a run of whole lines of the file, or the hand-over of the rest
// of the file to encoding/csv (tail != nil).
type chunk struct {
	data []byte // the lines; the last lacks its newline only at the end of the file
	buf  []byte // the buffer holding data, recycled after the merge
	line int    // line number of data[0]
	done chan *part
	tail io.Reader // the rest of the file from line on, for encoding/csv
}

// scan parses the rows of a long panel from r, whose first line is line.
func (p *parser) scan(r io.Reader, line int, opts scanOptions) error {
	size := opts.chunkSize
	if size <= 0 {
		size = defaultChunkSize
	}
	workers := opts.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	inflight := 2 * workers
	order := make(chan *chunk, inflight)      // every chunk, in file order, to the merge
	work := make(chan *chunk, inflight)       // the chunks to parse, to the workers
	freeBufs := make(chan []byte, inflight+4) // parsed chunks' buffers
	freeParts := make(chan *part, inflight+4)
	stop := make(chan struct{}) // closed by the merge on an error
	go readChunks(r, line, size, order, work, freeBufs, stop)
	var wg sync.WaitGroup
	// A worker's panic is a bug: the chunk still reaches the merge (as an
	// error, which stops the reader), and scan panics with it once every
	// goroutine has stopped, so that the caller can report it.
	var panicked atomic.Pointer[par.Panic]
	for range workers {
		wg.Go(func() {
			for c := range work {
				var pt *part
				select {
				case pt = <-freeParts:
				default:
					pt = &part{index: make(map[string]*segment)}
				}
				func() {
					defer func() {
						if v := recover(); v != nil {
							pp := par.NewPanic(v)
							panicked.CompareAndSwap(nil, pp)
							pt = &part{index: make(map[string]*segment), err: pp}
						}
					}()
					p.parseChunk(c, pt)
				}()
				c.done <- pt
			}
		})
	}
	var err error
	for c := range order {
		if c.tail != nil {
			if err == nil {
				err = p.continueSlow(c.tail, c.line)
			}
			continue
		}
		pt := <-c.done
		if err == nil {
			if err = p.merge(pt); err != nil {
				close(stop)
			}
		}
		select {
		case freeBufs <- c.buf:
		default:
		}
		select {
		case freeParts <- pt:
		default:
		}
	}
	wg.Wait()
	if pp := panicked.Load(); pp != nil {
		panic(pp)
	}
	return err
}

// readChunks reads r into chunks for scan. It closes order and work when
// done: at the end of the file, after handing the rest over, or on stop.
func readChunks(r io.Reader, line, size int, order, work chan<- *chunk, freeBufs <-chan []byte, stop <-chan struct{}) {
	defer close(work)
	defer close(order)
	send := func(c *chunk) bool {
		select {
		case order <- c:
		case <-stop:
			return false
		}
		if c.tail == nil {
			work <- c
		}
		return true
	}
	var carry []byte // the partial last line of the previous buffer
	for {
		var buf []byte
		select {
		case buf = <-freeBufs:
		default:
			buf = make([]byte, size)
		}
		n := copy(buf, carry)
		var rerr error
		for n < len(buf) && rerr == nil {
			var m int
			m, rerr = r.Read(buf[n:])
			n += m
		}
		eof := rerr == io.EOF
		data := buf[:n]
		switch {
		case rerr != nil && !eof:
			// encoding/csv parses what came before the error, as it would.
			send(&chunk{line: line, tail: io.MultiReader(bytes.NewReader(data), errReader{rerr})})
			return
		case bytes.IndexByte(data, '"') >= 0:
			tail := io.Reader(bytes.NewReader(data))
			if !eof {
				tail = io.MultiReader(tail, r)
			}
			send(&chunk{line: line, tail: tail})
			return
		}
		end := n
		if !eof {
			end = bytes.LastIndexByte(data, '\n') + 1
			if end == 0 { // a line longer than a chunk
				send(&chunk{line: line, tail: io.MultiReader(bytes.NewReader(data), r)})
				return
			}
		}
		if end > 0 {
			c := &chunk{data: data[:end], buf: buf, line: line, done: make(chan *part, 1)}
			line += bytes.Count(c.data, []byte{'\n'})
			if !send(c) {
				return
			}
		}
		carry = data[end:]
		if eof {
			return
		}
	}
}

// errReader returns err on every read.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// continueSlow parses the rest of the file with encoding/csv; tail starts at
// a line boundary, on line line.
func (p *parser) continueSlow(tail io.Reader, line int) error {
	for _, b := range p.order {
		b.assemble()
	}
	p.cr = csv.NewReader(tail)
	p.cr.ReuseRecord = true
	p.cr.FieldsPerRecord = len(p.h.names)
	p.lineOffset = line - 1
	rec, err := p.cr.Read()
	return p.records(rec, err)
}

// part is what a worker makes of one chunk: the rows grouped by ticker, in
// the order of their first appearance, and the first error.
type part struct {
	segs  []*segment          // this chunk's, in order of first appearance
	index map[string]*segment // every segment this part has made, reused
	rows  int
	last  *segment // the segment of the previous row

	// The first error, positioned; early if it comes before the date order
	// check of its row (field count, ticker, date), so that the merge can
	// order it against the chunk's first cross-chunk order error.
	err      error
	errLine  int
	errEarly bool

	// The date cell of the previous row and its value: date-major panels
	// repeat each date once per ticker.
	lastDate     []byte
	lastD        Date
	haveLastDate bool

	fields [][]byte
	offs   []int
}

// segment is one ticker's rows in a chunk.
type segment struct {
	ticker string
	dates  []Date
	values []float64
	volume []float64
	valid  int  // non-missing values
	used   bool // in part.segs
	// Where the ticker first appears in the chunk (its ticker cell), and the
	// date, line and date column of that row, once its date is read.
	line, col           int
	firstDate           Date
	firstLine, firstCol int
	hasFirst            bool
	lastLine            int // line of the last row appended
	// hint is the capacity to give the slices when they are nil: the rows
	// of the ticker in the previous chunk (merge takes the slices).
	hint int
	// next is the segment of the row after this ticker's last row: in a
	// date-major panel the tickers come in the same order on every date, so
	// it is nearly always the next row's, and a comparison saves a map lookup.
	next *segment
}

func (pt *part) reset() {
	for _, sg := range pt.segs {
		sg.dates, sg.values, sg.volume = sg.dates[:0], sg.values[:0], sg.volume[:0]
		sg.valid, sg.used, sg.hasFirst = 0, false, false
	}
	pt.segs = pt.segs[:0]
	pt.rows, pt.last = 0, nil
	pt.err, pt.errLine, pt.errEarly = nil, 0, false
	pt.lastDate, pt.haveLastDate = nil, false
}

func (pt *part) fail(line int, early bool, err error) {
	pt.err, pt.errLine, pt.errEarly = err, line, early
}

// segment returns the segment of ticker tk, whose cell is at line, col.
func (pt *part) segment(tk []byte, line, col int) *segment {
	var sg *segment
	if pt.last != nil && pt.last.next != nil && pt.last.next.ticker == string(tk) {
		sg = pt.last.next
	} else {
		sg = pt.index[string(tk)]
		if sg == nil {
			sg = &segment{ticker: string(tk)}
			pt.index[sg.ticker] = sg
		}
		if pt.last != nil {
			pt.last.next = sg
		}
	}
	if !sg.used {
		sg.used, sg.line, sg.col = true, line, col
		pt.segs = append(pt.segs, sg)
	}
	pt.last = sg
	return sg
}

// reserve makes room for n rows.
func (sg *segment) reserve(n int, hasVol bool) {
	if cap(sg.dates) < n {
		sg.dates = make([]Date, 0, n)
		sg.values = make([]float64, 0, n)
		if hasVol {
			sg.volume = make([]float64, 0, n)
		}
	}
}

// add appends a row whose date has been checked.
func (sg *segment) add(d Date, v, vol float64, line int, hasVol bool) {
	if sg.dates == nil && sg.hint > 0 {
		sg.reserve(sg.hint+sg.hint/16+2, hasVol)
	}
	sg.dates = append(sg.dates, d)
	sg.values = append(sg.values, v)
	if hasVol {
		sg.volume = append(sg.volume, vol)
	}
	if !math.IsNaN(v) {
		sg.valid++
	}
	sg.lastLine = line
}

// parseChunk parses the rows of c into pt, as rowLong and encoding/csv
// would, up to the first error.
func (p *parser) parseChunk(c *chunk, pt *part) {
	pt.reset()
	lay := &p.lay
	nf := len(p.h.names)
	hasVol := lay.volCol >= 0
	valueName := p.h.names[lay.valueCol]
	var volName string
	if hasVol {
		volName = p.h.names[lay.volCol]
	}
	data := c.data
	for line := c.line; len(data) > 0; line++ {
		var row []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			row, data = data[:i], data[i+1:]
		} else {
			row, data = data, nil
		}
		if n := len(row); n > 0 && row[n-1] == '\r' {
			row = row[:n-1]
		}
		if len(row) == 0 {
			continue // encoding/csv skips empty lines
		}
		f, offs := pt.fields[:0], pt.offs[:0]
		for off := 0; ; {
			j := bytes.IndexByte(row[off:], ',')
			if j < 0 {
				f, offs = append(f, row[off:]), append(offs, off)
				break
			}
			f, offs = append(f, row[off:off+j]), append(offs, off)
			off += j + 1
		}
		pt.fields, pt.offs = f, offs
		if len(f) != nf {
			pt.fail(line, true, p.at(line, 1, fmt.Errorf("%w: %d, header has %d", csv.ErrFieldCount, len(f), nf)))
			return
		}

		tk := trimSpace(f[lay.tickerCol])
		if len(tk) == 0 {
			if allEmptyBytes(f) {
				continue
			}
			pt.fail(line, true, p.at(line, offs[lay.tickerCol]+1, ErrNoTicker))
			return
		}
		sg := pt.segment(tk, line, offs[lay.tickerCol]+1)

		ds := f[lay.dateCol]
		dcol := offs[lay.dateCol] + 1
		var d Date
		if pt.haveLastDate && bytes.Equal(ds, pt.lastDate) {
			d = pt.lastD
		} else {
			var ok bool
			if d, ok = parseDate(string(trimSpace(ds))); !ok {
				_, err := ParseDate(string(trimSpace(ds)))
				pt.fail(line, true, p.at(line, dcol, err))
				return
			}
			pt.lastDate, pt.lastD, pt.haveLastDate = ds, d, true
		}
		if n := len(sg.dates); n > 0 {
			if err := orderCause(sg.ticker, d, sg.dates[n-1], sg.lastLine, "line"); err != nil {
				pt.fail(line, false, p.at(line, dcol, err))
				return
			}
		} else if !sg.hasFirst {
			sg.firstDate, sg.firstLine, sg.firstCol, sg.hasFirst = d, line, dcol, true
		}

		v, err := cellValue(trimSpace(f[lay.valueCol]), valueName, lay.isReturn)
		if err != nil {
			pt.fail(line, false, p.at(line, offs[lay.valueCol]+1, err))
			return
		}
		var vol float64
		if hasVol {
			if vol, err = cellVolume(trimSpace(f[lay.volCol]), volName); err != nil {
				pt.fail(line, false, p.at(line, offs[lay.volCol]+1, err))
				return
			}
		}
		sg.add(d, v, vol, line, hasVol)
		pt.rows++
	}
}

// merge appends a parsed part to the series, in file order, or returns the
// first error of the file in it.
func (p *parser) merge(pt *part) error {
	// The first ticker whose first date in the part does not follow its
	// last date before it. The segments are in the order of their first
	// rows, so the first found is the first in the file.
	var cross error
	crossLine := 0
	for _, sg := range pt.segs {
		if !sg.hasFirst {
			continue
		}
		b := p.byTicker[sg.ticker]
		if b == nil {
			continue
		}
		last, ok := b.lastDate()
		if !ok {
			continue
		}
		if err := orderCause(sg.ticker, sg.firstDate, last, b.lastLine, "line"); err != nil {
			cross, crossLine = p.at(sg.firstLine, sg.firstCol, err), sg.firstLine
			break
		}
	}
	if pt.err != nil && (cross == nil || pt.errLine < crossLine || (pt.errLine == crossLine && pt.errEarly)) {
		return pt.err
	}
	if cross != nil {
		return cross
	}
	for _, sg := range pt.segs {
		b := p.byTicker[sg.ticker]
		if b == nil {
			b = &builder{
				s:      &Series{Ticker: sg.ticker, File: p.file, IsReturn: p.lay.isReturn},
				col:    p.lay.valueCol,
				volCol: p.lay.volCol,
				name:   p.h.names[p.lay.valueCol],
				line:   sg.line, column: sg.col,
			}
			if b.volCol >= 0 {
				b.s.Volume = []float64{}
			}
			p.byTicker[sg.ticker] = b
			p.order = append(p.order, b)
		}
		if len(sg.dates) > 0 {
			// The builder takes the slices; the segment makes new ones.
			b.pieces = append(b.pieces, piece{sg.dates, sg.values, sg.volume})
			sg.hint = len(sg.dates)
			sg.dates, sg.values, sg.volume = nil, nil, nil
		}
		b.valid += sg.valid
		b.started = true
		b.lastLine = sg.lastLine
	}
	p.rows += pt.rows
	return nil
}

// trimSpace is bytes.TrimSpace, quicker on cells without spaces.
func trimSpace(b []byte) []byte {
	if n := len(b); n == 0 || (b[0] > ' ' && b[0] < 0x80 && b[n-1] > ' ' && b[n-1] < 0x80) {
		return b
	}
	return bytes.TrimSpace(b)
}

func allEmptyBytes(f [][]byte) bool {
	for _, b := range f {
		if len(trimSpace(b)) > 0 {
			return false
		}
	}
	return true
}

// cellValue is valueOf on a trimmed cell, without converting the common
// plain decimals to a string.
func cellValue(b []byte, name string, isReturn bool) (float64, error) {
	if v, ok := parseDecimal(b); ok && v < maxMagnitude && ((isReturn && v >= -1) || (!isReturn && v > 0)) {
		return v, nil
	}
	return valueOf(string(b), name, isReturn)
}

// cellVolume is volumeOf on a trimmed cell.
func cellVolume(b []byte, name string) (float64, error) {
	if v, ok := parseDecimal(b); ok && v >= 0 && v < maxMagnitude {
		return v, nil
	}
	return volumeOf(string(b), name)
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseDecimal parses a plain decimal, [+-]digits[.digits], whose digits
// fit in 53 bits and whose fraction has at most 22 digits; ok is false for
// anything else (exponents, Inf, NaN, missing-value tokens, ...), which
// strconv.ParseFloat then handles. The result is strconv.ParseFloat's: the
// integer m and 10^k are exact in a float64, and IEEE division rounds
// m/10^k correctly (Clinger 1990, the fast path of strconv's atof64exact).
func parseDecimal(b []byte) (float64, bool) {
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}
	var m uint64
	digits, sig, frac := 0, 0, 0
	dot := false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case '0' <= c && c <= '9':
			digits++
			if m != 0 || c != '0' {
				sig++
				if sig > 19 {
					return 0, false
				}
			}
			m = m*10 + uint64(c-'0')
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || m > 1<<53 || frac >= len(pow10) {
		return 0, false
	}
	f := float64(m)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}
