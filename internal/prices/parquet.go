package prices

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"sync"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"
)

// A Parquet long panel has the columns of a CSV one, by the same names:
// date (DATE, INT32 days since 1970-01-01, a TIMESTAMP, or a YYYY-MM-DD
// string), ticker or symbol (string), a value column (adj_close, close,
// price or return: any floating-point or integer type) and optionally
// volume; nulls and NaN are missing values. Row groups are decoded in
// parallel, each into per-ticker columns as a chunk of a CSV file is, and
// merged in file order with the same checks; errors name the row
// (1-indexed) instead of a line and column.

// parquetMagic starts (and ends) every Parquet file.
const parquetMagic = "PAR1"

// isParquet reports whether f starts with the Parquet magic.
func isParquet(f *os.File) bool {
	var b [len(parquetMagic)]byte
	n, _ := f.ReadAt(b[:], 0)
	return n == len(b) && string(b[:]) == parquetMagic
}

// readParquetFile reads an open Parquet file.
func readParquetFile(f *os.File, file string, opts scanOptions) ([]*Series, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return readParquet(f, fi.Size(), file, opts)
}

// readParquetStream reads a Parquet file from a reader, into memory: Parquet
// needs random access.
func readParquetStream(r io.Reader, file string, opts scanOptions) ([]*Series, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return readParquet(bytes.NewReader(b), int64(len(b)), file, opts)
}

// pqColumn is a column of the panel in the file.
type pqColumn struct {
	index  int // leaf index: ColumnChunks()[index]
	name   string
	kind   parquet.Kind
	maxDef int
	unit   int64 // TIMESTAMP: units per day; 0 otherwise
}

func readParquet(r io.ReaderAt, size int64, file string, opts scanOptions) ([]*Series, error) {
	pf, err := parquet.OpenFile(r, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("%s: parquet: %w", file, err)
	}
	p := &parser{file: file, parquet: true}
	cols := pf.Root().Columns()
	h := header{file: file}
	for _, c := range cols {
		h.names = append(h.names, c.Name())
		h.cols = append(h.cols, 0)
	}
	unposition := func(err error) error {
		var pe *PosError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s: %w", file, pe.Err)
		}
		return err
	}
	dateCol, err := h.dateColumn()
	if err != nil {
		return nil, unposition(err)
	}
	lay, err := h.classify(dateCol, opts.skipVolume)
	if err != nil {
		return nil, unposition(err)
	}
	if lay.kind != kindLong {
		return nil, fmt.Errorf("%s: %w: parquet file with columns %q has no ticker column; "+
			"accepted: date, ticker (or symbol), close (or adj_close, price, return) and optionally volume", file, ErrLayout, h.joined())
	}
	p.h, p.lay = h, lay
	column := func(i int, kinds ...parquet.Kind) (pqColumn, error) {
		c := cols[i]
		pc := pqColumn{index: c.Index(), name: c.Name(), maxDef: c.MaxDefinitionLevel()}
		if !c.Leaf() || c.Repeated() || c.MaxRepetitionLevel() > 0 {
			return pc, fmt.Errorf("%s: %w: column %q is not a plain column", file, ErrLayout, pc.name)
		}
		pc.kind = c.Type().Kind()
		lt := c.Type().LogicalType()
		if lt != nil {
			switch v := lt.Value.(type) {
			case *format.TimestampType:
				if d := v.Unit.Value; d != nil && d.Duration() > 0 {
					pc.unit = int64(86400 * 1e9 / d.Duration())
				}
			case *format.DecimalType, *format.TimeType:
				return pc, fmt.Errorf("%s: %w: column %q has type %s", file, ErrLayout, pc.name, lt)
			}
		}
		for _, k := range kinds {
			if k == pc.kind {
				return pc, nil
			}
		}
		return pc, fmt.Errorf("%s: %w: column %q has type %s", file, ErrLayout, pc.name, c.Type())
	}
	numeric := []parquet.Kind{parquet.Double, parquet.Float, parquet.Int32, parquet.Int64}
	var dc, tc, vc, volc pqColumn
	if dc, err = column(lay.dateCol, parquet.Int32, parquet.Int64, parquet.ByteArray); err != nil {
		return nil, err
	}
	if dc.kind == parquet.Int64 && dc.unit == 0 {
		return nil, fmt.Errorf("%s: %w: date column %q is an INT64 that is not a TIMESTAMP", file, ErrLayout, dc.name)
	}
	if tc, err = column(lay.tickerCol, parquet.ByteArray); err != nil {
		return nil, err
	}
	if vc, err = column(lay.valueCol, numeric...); err != nil {
		return nil, err
	}
	volc.index = -1
	if lay.volCol >= 0 {
		if volc, err = column(lay.volCol, numeric...); err != nil {
			return nil, err
		}
	}

	groups := pf.RowGroups()
	first := make([]int64, len(groups)) // row number of each group's first row, from 1
	n := int64(1)
	for i, g := range groups {
		first[i] = n
		n += g.NumRows()
	}
	if n == 1 {
		return nil, fmt.Errorf("%s: %w rows", file, ErrNoData)
	}
	workers := opts.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p.byTicker = make(map[string]*builder)
	type job struct {
		g    int
		done chan *part
	}
	jobs := make(chan job, 2*workers)
	order := make(chan job, 2*workers)
	stop := make(chan struct{})
	go func() {
		defer close(jobs)
		defer close(order)
		for g := range groups {
			j := job{g, make(chan *part, 1)}
			select {
			case order <- j:
			case <-stop:
				return
			}
			jobs <- j
		}
	}()
	freeParts := make(chan *part, 2*workers+4)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var d pqDecoder
			for j := range jobs {
				var pt *part
				select {
				case pt = <-freeParts:
				default:
					pt = &part{index: make(map[string]*segment)}
				}
				d.rowGroup(p, pt, groups[j.g], first[j.g], dc, tc, vc, volc)
				j.done <- pt
			}
		})
	}
	for j := range order {
		pt := <-j.done
		if err == nil {
			if err = p.merge(pt); err != nil {
				close(stop)
			}
		}
		select {
		case freeParts <- pt:
		default:
		}
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	return p.finish()
}

// pqDecoder decodes row groups; its buffers are reused.
type pqDecoder struct {
	dates    []Date
	badDate  int   // index of the first row whose date is bad, -1 if none
	dateErr  error // why
	tickers  []int32
	names    []string
	byName   map[string]int32
	dictMap  map[parquet.Dictionary][]int32 // ticker dictionary index -> names index
	values   []float64
	volumes  []float64
	dense    []float64
	denseD   []Date
	denseIdx []int32
	segOf    []*segment
	counts   []int // rows per ticker in the row group
}

// rowGroup decodes one row group into pt, as parseChunk does a chunk; row
// numbers start at first.
func (d *pqDecoder) rowGroup(p *parser, pt *part, g parquet.RowGroup, first int64, dc, tc, vc, volc pqColumn) {
	pt.reset()
	chunks := g.ColumnChunks()
	fail := func(err error) {
		pt.fail(int(first), true, fmt.Errorf("%s: parquet: %w", p.file, err))
	}
	var err error
	if err = d.readDates(chunks[dc.index], dc); err != nil {
		fail(err)
		return
	}
	if err = d.readTickers(chunks[tc.index], tc); err != nil {
		fail(err)
		return
	}
	if d.values, err = d.readFloats(chunks[vc.index], vc, d.values[:0]); err != nil {
		fail(err)
		return
	}
	if volc.index >= 0 {
		if d.volumes, err = d.readFloats(chunks[volc.index], volc, d.volumes[:0]); err != nil {
			fail(err)
			return
		}
	}
	rows := int(g.NumRows())
	if len(d.dates) != rows || len(d.tickers) != rows || len(d.values) != rows || (volc.index >= 0 && len(d.volumes) != rows) {
		fail(fmt.Errorf("row group of %d rows has columns of %d, %d, %d values", rows, len(d.dates), len(d.tickers), len(d.values)))
		return
	}
	d.segOf = append(d.segOf[:0], make([]*segment, len(d.names))...)
	d.counts = append(d.counts[:0], make([]int, len(d.names))...)
	for _, k := range d.tickers {
		if k >= 0 {
			d.counts[k]++
		}
	}
	hasVol := volc.index >= 0
	// One allocation per column for the row group's segments.
	slabD := make([]Date, rows)
	slabV := make([]float64, rows)
	var slabVol []float64
	if hasVol {
		slabVol = make([]float64, rows)
	}
	off := 0
	isReturn := p.lay.isReturn
	// The first row that may fail a check other than the date order; the
	// rows before it need only the order check.
	stop := rows
	if d.badDate >= 0 {
		stop = d.badDate
	}
	for i, k := range d.tickers[:stop] {
		if k < 0 || d.names[k] == "" {
			stop = i
			break
		}
	}
	for i, v := range d.values[:stop] {
		if math.IsInf(v, 0) || (isReturn && v < -1) || (!isReturn && v <= 0) {
			stop = i
			break
		}
	}
	if hasVol {
		for i, v := range d.volumes[:stop] {
			if math.IsInf(v, 0) || v < 0 {
				stop = i
				break
			}
		}
	}
	segment := func(k int32, line int) *segment {
		sg := pt.segment([]byte(d.names[k]), line, 0)
		n := d.counts[k]
		sg.dates, sg.values = slabD[off:off:off+n], slabV[off:off:off+n]
		if hasVol {
			sg.volume = slabVol[off : off : off+n]
		}
		off += n
		d.segOf[k] = sg
		return sg
	}
	defer func() {
		for _, sg := range pt.segs {
			for _, v := range sg.values {
				if !math.IsNaN(v) {
					sg.valid++
				}
			}
		}
	}()
	for i, k := range d.tickers[:stop] {
		line := int(first) + i
		sg := d.segOf[k]
		if sg == nil {
			sg = segment(k, line)
		}
		day := d.dates[i]
		if n := len(sg.dates); n > 0 {
			if day <= sg.dates[n-1] {
				pt.fail(line, false, p.at(line, 0, orderCause(sg.ticker, day, sg.dates[n-1], sg.lastLine, "row")))
				return
			}
		} else if !sg.hasFirst {
			sg.firstDate, sg.firstLine, sg.hasFirst = day, line, true
		}
		sg.dates = append(sg.dates, day)
		sg.values = append(sg.values, d.values[i])
		if hasVol {
			sg.volume = append(sg.volume, d.volumes[i])
		}
		sg.lastLine = line
	}
	pt.rows += stop
	if stop == rows {
		return
	}
	// The row at stop fails a check: find which comes first, as in a CSV row.
	i := stop
	line := int(first) + i
	k := d.tickers[i]
	if k < 0 || d.names[k] == "" {
		pt.fail(line, true, p.at(line, 0, fmt.Errorf("%s: %w", tc.name, ErrNoTicker)))
		return
	}
	sg := d.segOf[k]
	if sg == nil {
		sg = segment(k, line)
	}
	if i == d.badDate {
		pt.fail(line, true, p.at(line, 0, d.dateErr))
		return
	}
	day := d.dates[i]
	if n := len(sg.dates); n > 0 {
		if err := orderCause(sg.ticker, day, sg.dates[n-1], sg.lastLine, "row"); err != nil {
			pt.fail(line, false, p.at(line, 0, err))
			return
		}
	} else if !sg.hasFirst {
		sg.firstDate, sg.firstLine, sg.hasFirst = day, line, true
	}
	v := d.values[i]
	if math.IsInf(v, 0) {
		pt.fail(line, false, p.at(line, 0, fmt.Errorf("%s: %w %q", vc.name, ErrBadNumber, formatFloat(v))))
		return
	}
	if err := valueRange(v, formatFloat(v), vc.name, isReturn); err != nil {
		pt.fail(line, false, p.at(line, 0, err))
		return
	}
	vol := d.volumes[i]
	if math.IsInf(vol, 0) {
		pt.fail(line, false, p.at(line, 0, fmt.Errorf("%s: %w %q", volc.name, ErrBadNumber, formatFloat(vol))))
		return
	}
	pt.fail(line, false, p.at(line, 0, volumeRange(vol, formatFloat(vol), volc.name)))
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// pages calls fn on each page of a column chunk.
func pages(cc parquet.ColumnChunk, fn func(parquet.Page) error) error {
	pp := cc.Pages()
	defer pp.Close()
	for {
		pg, err := pp.ReadPage()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		err = fn(pg)
		parquet.Release(pg)
		if err != nil {
			return err
		}
	}
}

// numbers converts the values of a page (or of a dictionary) to float64.
func numbers(v encoding.Values, kind parquet.Kind, dst []float64) []float64 {
	dst = dst[:0]
	switch kind {
	case parquet.Double:
		return append(dst, v.Double()...)
	case parquet.Float:
		for _, x := range v.Float() {
			dst = append(dst, float64(x))
		}
	case parquet.Int32:
		for _, x := range v.Int32() {
			dst = append(dst, float64(x))
		}
	case parquet.Int64:
		for _, x := range v.Int64() {
			dst = append(dst, float64(x))
		}
	}
	return dst
}

// readFloats appends the values of a numeric column chunk to dst, NaN
// where null.
func (d *pqDecoder) readFloats(cc parquet.ColumnChunk, c pqColumn, dst []float64) ([]float64, error) {
	dicts := map[parquet.Dictionary][]float64{}
	err := pages(cc, func(pg parquet.Page) error {
		var dense []float64
		if dict := pg.Dictionary(); dict != nil {
			dv, ok := dicts[dict]
			if !ok {
				dv = numbers(dict.Page().Data(), c.kind, nil)
				dicts[dict] = dv
			}
			data := pg.Data()
			idx := data.Int32()
			d.dense = d.dense[:0]
			for _, i := range idx {
				if i < 0 || int(i) >= len(dv) {
					return fmt.Errorf("column %q: dictionary index %d out of range", c.name, i)
				}
				d.dense = append(d.dense, dv[i])
			}
			dense = d.dense
		} else {
			d.dense = numbers(pg.Data(), c.kind, d.dense)
			dense = d.dense
		}
		defs := pg.DefinitionLevels()
		if c.maxDef == 0 || len(defs) == 0 {
			dst = append(dst, dense...)
			return nil
		}
		if nn := countPresent(defs, c.maxDef); nn != len(dense) {
			return fmt.Errorf("column %q: %d values for %d non-null rows", c.name, len(dense), nn)
		}
		k, nan := 0, math.NaN()
		for _, l := range defs {
			if int(l) == c.maxDef {
				dst = append(dst, dense[k])
				k++
			} else {
				dst = append(dst, nan)
			}
		}
		return nil
	})
	return dst, err
}

func countPresent(defs []byte, maxDef int) int {
	n := 0
	for _, l := range defs {
		if int(l) == maxDef {
			n++
		}
	}
	return n
}

// byteArrays calls fn with each value of a BYTE_ARRAY page or dictionary.
func byteArrays(v encoding.Values, fn func([]byte)) error {
	data, offs := v.ByteArray()
	for i := 0; i+1 < len(offs); i++ {
		a, b := offs[i], offs[i+1]
		if a > b || int(b) > len(data) {
			return errors.New("byte array offsets out of range")
		}
		fn(data[a:b])
	}
	return nil
}

// readDates decodes the date column into d.dates, noting the first bad one.
func (d *pqDecoder) readDates(cc parquet.ColumnChunk, c pqColumn) error {
	d.dates, d.badDate, d.dateErr = d.dates[:0], -1, nil
	bad := func(err error) {
		if d.badDate < 0 {
			d.badDate, d.dateErr = len(d.dates), err
		}
		d.dates = append(d.dates, 0)
	}
	convert := func(v encoding.Values, dst []Date, errs map[int]error) []Date {
		switch c.kind {
		case parquet.Int32:
			for _, x := range v.Int32() {
				dst = append(dst, Date(x))
			}
		case parquet.Int64:
			for _, x := range v.Int64() {
				day := x / c.unit
				if x%c.unit < 0 {
					day--
				}
				if day < math.MinInt32 || day > math.MaxInt32 {
					errs[len(dst)] = fmt.Errorf("%s: %w %d (out of range)", c.name, ErrBadDate, x)
					day = 0
				}
				dst = append(dst, Date(day))
			}
		case parquet.ByteArray:
			byteArrays(v, func(b []byte) {
				day, err := ParseDate(string(b))
				if err != nil {
					errs[len(dst)] = err
				}
				dst = append(dst, day)
			})
		}
		return dst
	}
	type dictDates struct {
		dates []Date
		errs  map[int]error
	}
	dicts := map[parquet.Dictionary]dictDates{}
	return pages(cc, func(pg parquet.Page) error {
		var dense []Date
		var errAt func(k int) error
		if dict := pg.Dictionary(); dict != nil {
			dd, ok := dicts[dict]
			if !ok {
				dd.errs = map[int]error{}
				dd.dates = convert(dict.Page().Data(), nil, dd.errs)
				dicts[dict] = dd
			}
			d.denseD = d.denseD[:0]
			data := pg.Data()
			d.denseIdx = append(d.denseIdx[:0], data.Int32()...)
			for _, i := range d.denseIdx {
				if i < 0 || int(i) >= len(dd.dates) {
					return fmt.Errorf("column %q: dictionary index %d out of range", c.name, i)
				}
				d.denseD = append(d.denseD, dd.dates[i])
			}
			dense = d.denseD
			if len(dd.errs) > 0 {
				errAt = func(k int) error { return dd.errs[int(d.denseIdx[k])] }
			}
		} else {
			errs := map[int]error{}
			d.denseD = convert(pg.Data(), d.denseD[:0], errs)
			dense = d.denseD
			if len(errs) > 0 {
				errAt = func(k int) error { return errs[k] }
			}
		}
		defs := pg.DefinitionLevels()
		if c.maxDef == 0 || len(defs) == 0 {
			defs = nil
		} else if nn := countPresent(defs, c.maxDef); nn != len(dense) {
			return fmt.Errorf("column %q: %d values for %d non-null rows", c.name, len(dense), nn)
		}
		if defs == nil && errAt == nil {
			d.dates = append(d.dates, dense...)
			return nil
		}
		for i, k := 0, 0; k < len(dense) || i < len(defs); i++ {
			if defs != nil && int(defs[i]) != c.maxDef {
				_, err := ParseDate("")
				bad(err)
				continue
			}
			if errAt != nil {
				if err := errAt(k); err != nil {
					bad(err)
					k++
					continue
				}
			}
			d.dates = append(d.dates, dense[k])
			k++
		}
		return nil
	})
}

// readTickers decodes the ticker column into d.tickers, indexes into
// d.names (-1 for null).
func (d *pqDecoder) readTickers(cc parquet.ColumnChunk, c pqColumn) error {
	d.tickers, d.names = d.tickers[:0], d.names[:0]
	clear(d.byName)
	if d.byName == nil {
		d.byName = map[string]int32{}
	}
	d.dictMap = map[parquet.Dictionary][]int32{}
	intern := func(b []byte) int32 {
		if k, ok := d.byName[string(b)]; ok {
			return k
		}
		k := int32(len(d.names))
		s := string(trimSpace(b))
		d.names = append(d.names, s)
		d.byName[string(b)] = k
		return k
	}
	return pages(cc, func(pg parquet.Page) error {
		var dense []int32
		if dict := pg.Dictionary(); dict != nil {
			m, ok := d.dictMap[dict]
			if !ok {
				if err := byteArrays(dict.Page().Data(), func(b []byte) { m = append(m, intern(b)) }); err != nil {
					return err
				}
				d.dictMap[dict] = m
			}
			d.denseIdx = d.denseIdx[:0]
			data := pg.Data()
			for _, i := range data.Int32() {
				if i < 0 || int(i) >= len(m) {
					return fmt.Errorf("column %q: dictionary index %d out of range", c.name, i)
				}
				d.denseIdx = append(d.denseIdx, m[i])
			}
			dense = d.denseIdx
		} else {
			d.denseIdx = d.denseIdx[:0]
			if err := byteArrays(pg.Data(), func(b []byte) { d.denseIdx = append(d.denseIdx, intern(b)) }); err != nil {
				return err
			}
			dense = d.denseIdx
		}
		defs := pg.DefinitionLevels()
		if c.maxDef == 0 || len(defs) == 0 {
			d.tickers = append(d.tickers, dense...)
			return nil
		}
		if nn := countPresent(defs, c.maxDef); nn != len(dense) {
			return fmt.Errorf("column %q: %d values for %d non-null rows", c.name, len(dense), nn)
		}
		k := 0
		for _, l := range defs {
			if int(l) == c.maxDef {
				d.tickers = append(d.tickers, dense[k])
				k++
			} else {
				d.tickers = append(d.tickers, -1)
			}
		}
		return nil
	})
}
