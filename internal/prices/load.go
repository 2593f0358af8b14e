package prices

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/eventstudy/eventstudy/internal/par"
)

// The files are read with encoding/csv, not gocsv. gocsv maps rows onto a
// struct through reflection, which suits fixed columns but not files whose
// columns are only known from their header (a wide file has one column per
// ticker), and it is slow: a measured benchmark on a generated long panel
// read ~15 MB/s with gocsv, ~75 MB/s with encoding/csv and ~150 MB/s with a
// hand-written byte scanner. encoding/csv with ReuseRecord also gives each
// field's line and column (FieldPos) for error messages. Long panels, the
// large files, take the parallel byte scanner of scan.go instead when they
// are unquoted (BenchmarkLoadPanel: ~4x encoding/csv on one core, and it
// uses every core), with the same results and errors; Parquet files are
// read by parquet.go.

const bufSize = 64 << 10

// Load reads what one --prices flag names:
//   - a directory: every *.csv and *.csv.gz file in it (not in its
//     subdirectories); a single-security file is named after its file name
//     (AAPL.csv is AAPL), a multi-series file gives all its series;
//   - TICKER=FILE: the file, its series named TICKER (for a multi-series
//     file, only the series of TICKER);
//   - FILE: the file, see ReadFile.
//
// The series are sorted by ticker; a ticker found in two files is an error.
// Volume columns are read into Series.Volume; LoadWith can skip them.
func Load(spec string) ([]*Series, error) {
	return LoadWith(spec, Options{Volume: true})
}

// Options say what to read of the price files.
type Options struct {
	// Volume reads the volume column of long panels into Series.Volume.
	// Without it it is neither parsed nor checked: a study of returns
	// reads a Parquet panel with volume about a quarter faster (5,000
	// tickers x 2,520 days: 0.15 s instead of 0.21 s; BenchmarkLoadPanel's
	// small panel gains less), and a bad volume cell does not stop it.
	// Single-security and wide files keep their volume either way: they
	// are small, and the volume of their last row tells a day downloaded
	// during the session (Series.PartialLast).
	Volume bool
	// Values is what the ticker columns of a wide file (date,T1,T2,...)
	// hold; the zero value is prices. A long panel says it by its column's
	// name (return), and a Yahoo file holds prices.
	Values Values
}

// Values is what the columns of a wide file hold.
type Values int

const (
	// ValuesPrices are prices (> 0).
	ValuesPrices Values = iota
	// ValuesReturns are simple returns in decimals (0.01 is 1%; >= -1).
	ValuesReturns
	// ValuesLogReturns are log returns, as estudy2's rates: the series
	// holds the simple returns exp(r) - 1.
	ValuesLogReturns
)

// ParseValues parses the name of a Values: prices, returns or log-returns.
func ParseValues(s string) (Values, error) {
	switch s {
	case "prices":
		return ValuesPrices, nil
	case "returns":
		return ValuesReturns, nil
	case "log-returns":
		return ValuesLogReturns, nil
	}
	return 0, fmt.Errorf("%q: want prices, returns or log-returns", s)
}

// LoadWith is Load with options.
func LoadWith(spec string, opt Options) ([]*Series, error) {
	if spec == "" {
		return nil, errors.New("prices: empty file name")
	}
	path, ticker := spec, ""
	if _, err := os.Stat(spec); err != nil {
		if i := strings.IndexByte(spec, '='); i > 0 {
			ticker, path = spec[:i], spec[i+1:]
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		if ticker != "" {
			return nil, fmt.Errorf("%s: a ticker names a file, not a directory (%s)", path, spec)
		}
		return loadDir(path, opt)
	}
	return readFileOpts(path, ticker, opt.scan())
}

func (o Options) scan() scanOptions { return scanOptions{skipVolume: !o.Volume, values: o.Values} }

// loadDir reads the price files of a directory, several at a time.
func loadDir(dir string, opt Options) ([]*Series, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		n := strings.ToLower(e.Name())
		if !e.IsDir() && (strings.HasSuffix(n, ".csv") || strings.HasSuffix(n, ".csv.gz") || strings.HasSuffix(n, ".parquet")) {
			path := filepath.Join(dir, e.Name())
			if !e.Type().IsRegular() {
				// A named pipe blocks its reader until something writes
				// to it: the run hung. A file given by name may be one
				// (--prices SPY=<(curl ...)); one found in a directory is
				// not a price file.
				fi, err := os.Stat(path) // through a symbolic link
				if err != nil {
					return nil, err
				}
				if !fi.Mode().IsRegular() {
					return nil, fmt.Errorf("%s: not a regular file (%s): a directory of prices holds files", path, fi.Mode().Type())
				}
			}
			paths = append(paths, path)
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: %w: no .csv, .csv.gz or .parquet file in the directory", dir, ErrNoData)
	}
	results := make([][]*Series, len(paths))
	errs := make([]error, len(paths))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg par.Group // a panic of a worker reaches the caller
	for i, path := range paths {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = readFile(path, fileTicker(path), opt.scan())
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var all []*Series
	for _, r := range results {
		all = append(all, r...)
	}
	return all, checkTickers(all)
}

// checkTickers sorts series by ticker and rejects a ticker found twice.
func checkTickers(all []*Series) error {
	slices.SortStableFunc(all, func(a, b *Series) int { return strings.Compare(a.Ticker, b.Ticker) })
	for i := 1; i < len(all); i++ {
		if all[i].Ticker == all[i-1].Ticker {
			return fmt.Errorf("%w %s in %s and %s", ErrDuplicateTicker, quote(all[i].Ticker), all[i-1].File, all[i].File)
		}
	}
	return nil
}

// ReadFile reads one price file, plain or gzip-compressed (recognized by its
// first bytes, whatever its name). ticker names the series of a
// single-security file; "" takes it from the file's ticker row (yfinance),
// else from the file name without .csv or .csv.gz. A multi-series file (long
// panel, wide file, yfinance download of several tickers) gives one series
// per ticker, sorted by ticker; there ticker, if not "", selects one.
//
// The layouts accepted, told apart by the header:
//   - Yahoo and yfinance single-security files: a Date column and Adj Close
//     or Close among others (Open, High, Low, Volume, Dividends, ...), in any
//     order, names matched ignoring case, spaces and underscores; Adj Close
//     is used when present, and Volume is kept in Series.Volume. The
//     header may be followed by yfinance's ticker row (",9988.HK,..." or
//     the multi-index "Price,..." / "Ticker,..." / "Date,,,," lines).
//   - long panel: date, ticker (or symbol) and a value column: adj_close,
//     close, price, or return (the series then holds returns, IsReturn);
//     a volume column, if any, goes to Series.Volume.
//     Rows may interleave tickers, but each ticker's dates must increase.
//   - wide: date and one column per ticker. A ticker's missing values
//     before its first and after its last price are dropped.
//
// Dates may carry a time of day, which is ignored (see ParseDate). Missing
// values (empty, NA, N/A, NaN, null, None, #N/A) are NaN. Errors are
// *PosError values wrapping the sentinels in errors.go, or the os error of
// a file that cannot be opened.
func ReadFile(path, ticker string) ([]*Series, error) {
	return readFileOpts(path, ticker, scanOptions{})
}

func readFileOpts(path, ticker string, opts scanOptions) ([]*Series, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if isParquet(f) {
		series, err := readParquetFile(f, path, opts)
		return selectTicker(series, true, err, path, ticker)
	}
	series, multi, err := readOpts(f, path, ticker, opts)
	return selectTicker(series, multi, err, path, ticker)
}

// Read is ReadFile on a reader; file names it in messages and Series.File.
// A Parquet file is read into memory first.
func Read(r io.Reader, file, ticker string) ([]*Series, error) {
	return ReadWith(r, file, ticker, Options{Volume: true})
}

// ReadWith is Read with options.
func ReadWith(r io.Reader, file, ticker string, opt Options) ([]*Series, error) {
	series, multi, err := readOpts(r, file, ticker, opt.scan())
	return selectTicker(series, multi, err, file, ticker)
}

// selectTicker returns the series of ticker among those of a multi-series
// file.
func selectTicker(series []*Series, multi bool, err error, file, ticker string) ([]*Series, error) {
	if err != nil || !multi || ticker == "" {
		return series, err
	}
	for _, s := range series {
		if s.Ticker == ticker {
			return []*Series{s}, nil
		}
	}
	return nil, fmt.Errorf("%s: %w for ticker %s: the file holds %s", file, ErrNoData, quote(ticker), tickerList(series))
}

func tickerList(series []*Series) string {
	const most = 10
	var names []string
	for i, s := range series {
		if i == most {
			names = append(names, fmt.Sprintf("and %d more", len(series)-most))
			break
		}
		names = append(names, s.Ticker)
	}
	return strings.Join(names, ", ")
}

// readFile reads a file whose single-security series is named name.
func readFile(path, name string, opts scanOptions) ([]*Series, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if isParquet(f) {
		return readParquetFile(f, path, opts)
	}
	series, _, err := readOpts(f, path, name, opts)
	return series, err
}

// fileTicker is the file name without directory, .gz and .csv (or
// .parquet).
func fileTicker(file string) string {
	if file == "" {
		return ""
	}
	base := filepath.Base(file)
	if n := len(base) - len(".parquet"); n > 0 && strings.EqualFold(base[n:], ".parquet") {
		return base[:n]
	}
	if n := len(base) - len(".gz"); n > 0 && strings.EqualFold(base[n:], ".gz") {
		base = base[:n]
	}
	if n := len(base) - len(".csv"); n > 0 && strings.EqualFold(base[n:], ".csv") {
		base = base[:n]
	}
	return base
}

// read parses a price file. name names the series of a single-security
// file ("" = from the ticker row or the file name); multi reports a
// multi-series layout.
func read(r io.Reader, file, name string) (series []*Series, multi bool, err error) {
	return readOpts(r, file, name, scanOptions{})
}

// scanOptions tune how a file is read; the zero value is the default.
type scanOptions struct {
	slow      bool // encoding/csv only, no parallel scanner (tests compare the two)
	chunkSize int  // bytes per chunk of the parallel scanner; 0: defaultChunkSize
	workers   int  // parallel parsers; 0: GOMAXPROCS
	// skipVolume leaves volume columns unread (Options.Volume unset).
	skipVolume bool
	// values is Options.Values.
	values Values
}

func readOpts(r io.Reader, file, name string, opts scanOptions) (series []*Series, multi bool, err error) {
	br := bufio.NewReaderSize(r, bufSize)
	if b, _ := br.Peek(len(parquetMagic)); string(b) == parquetMagic {
		series, err = readParquetStream(br, file, opts)
		return series, true, err
	}
	b, _ := br.Peek(2)
	isGzip := len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b
	if isGzip {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", file, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(LimitLines(zr, file), bufSize)
	} else {
		br = bufio.NewReaderSize(LimitLines(br, file), bufSize)
	}
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	p := &parser{file: file, gzip: isGzip, opts: opts}
	if !opts.slow {
		if series, ok, err := p.scanFast(br, opts); ok {
			return series, p.lay.multi, err
		}
	}
	p.cr = csv.NewReader(br)
	p.cr.ReuseRecord = true
	series, err = p.parse(name)
	return series, p.lay.multi, err
}

// parser holds the state of one file's parse.
type parser struct {
	file string
	cr   *csv.Reader
	gzip bool // the file is gzip-compressed
	h    header
	lay  layout
	// lineOffset is added to the lines of cr: the parallel scanner hands
	// the rest of a file to cr from a line other than the first.
	lineOffset int
	// parquet: positions are rows of a Parquet file, not lines and columns.
	parquet bool
	opts    scanOptions

	lastHeaderLine int
	rows           int // data rows
	prevDate       Date
	prevLine       int

	targets []*builder // kindColumns

	byTicker     map[string]*builder // kindLong
	order        []*builder
	last         *builder
	lastDateStr  string
	lastDate     Date
	haveLastDate bool
}

// builder accumulates one series.
type builder struct {
	s            *Series
	col          int
	volCol       int    // -1: no volume column
	name         string // context of value errors
	started      bool   // a value was appended
	valid        int    // non-missing values
	lastLine     int    // line of the last date appended
	line, column int    // where the series is introduced: its header cell or first row
	// pieces are runs of rows parsed apart (chunks of a CSV file) that
	// follow s's own rows; assemble joins them.
	pieces []piece
}

// piece is a run of a series' rows parsed apart.
type piece struct {
	dates          []Date
	values, volume []float64
}

// lastDate returns the date of the last row, if any.
func (b *builder) lastDate() (Date, bool) {
	if n := len(b.pieces); n > 0 {
		d := b.pieces[n-1].dates
		return d[len(d)-1], true
	}
	if n := len(b.s.Dates); n > 0 {
		return b.s.Dates[n-1], true
	}
	return 0, false
}

// assemble joins the pieces to the series, into slices of the exact size.
func (b *builder) assemble() {
	if len(b.pieces) == 0 {
		return
	}
	s := b.s
	if len(b.pieces) == 1 && len(s.Dates) == 0 {
		pc := b.pieces[0]
		s.Dates, s.Values = pc.dates, pc.values
		if s.Volume != nil {
			s.Volume = pc.volume
		}
		b.pieces = nil
		return
	}
	n := len(s.Dates)
	for _, pc := range b.pieces {
		n += len(pc.dates)
	}
	dates := append(make([]Date, 0, n), s.Dates...)
	values := append(make([]float64, 0, n), s.Values...)
	var volume []float64
	if s.Volume != nil {
		volume = append(make([]float64, 0, n), s.Volume...)
	}
	for _, pc := range b.pieces {
		dates = append(dates, pc.dates...)
		values = append(values, pc.values...)
		if volume != nil {
			volume = append(volume, pc.volume...)
		}
	}
	s.Dates, s.Values, b.pieces = dates, values, nil
	if volume != nil {
		s.Volume = volume
	}
}

// assembleAll assembles the builders of a long panel, several at a time.
func (p *parser) assembleAll() {
	workers := runtime.GOMAXPROCS(0)
	var wg par.Group // a panic of a worker reaches the caller
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(p.order); i += workers {
				p.order[i].assemble()
			}
		})
	}
	wg.Wait()
}

// add appends a row; vol is ignored when the series has no volume column.
func (b *builder) add(d Date, v, vol float64, line int, trim bool) {
	missing := math.IsNaN(v)
	if trim && !b.started && missing {
		return
	}
	b.started = true
	if !missing {
		b.valid++
	}
	b.s.Dates = append(b.s.Dates, d)
	b.s.Values = append(b.s.Values, v)
	if b.volCol >= 0 {
		b.s.Volume = append(b.s.Volume, vol)
	}
	b.lastLine = line
}

func (p *parser) parse(name string) ([]*Series, error) {
	rec, err := p.cr.Read()
	if err == io.EOF {
		return nil, &PosError{File: p.file, Line: 1, Column: 1, Err: ErrEmpty}
	}
	if err != nil {
		return nil, p.csvErr(rec, err)
	}
	h := &p.h
	h.file = p.file
	h.names, h.cols = p.cells(rec)
	h.line, _ = p.cr.FieldPos(0)
	p.lastHeaderLine = h.line
	dateCol, err := h.dateColumn()
	if err != nil {
		return nil, err
	}
	tickerCol, err := h.find(fieldTicker, nil)
	if err != nil {
		return nil, err
	}

	// yfinance's further header lines.
	rec, err = p.cr.Read()
	for tickerCol < 0 && err == nil {
		sub, tickers := isSubHeader(rec, dateCol)
		if !sub || (tickers && h.tickers != nil) {
			break
		}
		line, _ := p.cr.FieldPos(0)
		if tickers {
			h.tickers, h.tickerCols = p.cells(rec)
			h.tickerLine = line
		}
		p.lastHeaderLine = line
		rec, err = p.cr.Read()
	}

	lay, lerr := h.classify(dateCol, p.opts)
	if lerr != nil {
		return nil, lerr
	}
	p.lay = lay
	if p.lay.kind == kindColumns {
		for _, t := range p.lay.targets {
			b := &builder{
				s:      &Series{Ticker: t.ticker, File: p.file, IsReturn: p.lay.isReturn},
				col:    t.col,
				volCol: t.volCol,
				name:   h.names[t.col],
				line:   h.line, column: h.cols[t.col],
			}
			if t.volCol >= 0 {
				b.s.Volume = []float64{}
			}
			if !p.lay.multi {
				if name != "" {
					b.s.Ticker = name
				} else if b.s.Ticker == "" {
					b.s.Ticker = fileTicker(p.file)
				}
			}
			p.targets = append(p.targets, b)
		}
	} else {
		p.byTicker = make(map[string]*builder)
	}

	if err := p.records(rec, err); err != nil {
		return nil, err
	}
	return p.finish()
}

// records parses data records until the end of the file; rec, err is the
// first Read of them.
func (p *parser) records(rec []string, err error) error {
	for ; err != io.EOF; rec, err = p.cr.Read() {
		if err != nil {
			return p.csvErr(rec, err)
		}
		var rerr error
		if p.lay.kind == kindColumns {
			rerr = p.rowColumns(rec)
		} else {
			rerr = p.rowLong(rec)
		}
		if rerr != nil {
			return rerr
		}
	}
	return nil
}

// fieldLine returns the line of field i of the current record.
func (p *parser) fieldLine(i int) int {
	line, _ := p.cr.FieldPos(i)
	return line + p.lineOffset
}

// cells clones a header record and the columns of its cells.
func (p *parser) cells(rec []string) (names []string, cols []int) {
	names = make([]string, len(rec))
	cols = make([]int, len(rec))
	for i, s := range rec {
		names[i] = strings.TrimSpace(s)
		_, cols[i] = p.cr.FieldPos(i)
	}
	return names, cols
}

func (p *parser) errAt(col int, err error) *PosError {
	line, c := p.cr.FieldPos(col)
	return &PosError{File: p.file, Line: line + p.lineOffset, Column: c, Err: err}
}

// at positions err at line and column of the file, or at row line of a
// Parquet file.
func (p *parser) at(line, col int, err error) error {
	if p.parquet {
		return fmt.Errorf("%s: row %d: %w", p.file, line, err)
	}
	return &PosError{File: p.file, Line: line, Column: col, Err: err}
}

func (p *parser) csvErr(rec []string, err error) error {
	var pe *csv.ParseError
	var pos *PosError
	if errors.As(err, &pos) {
		return pos // a line too long, from LimitLines
	}
	if errors.As(err, &pe) {
		cause := pe.Err
		if errors.Is(cause, csv.ErrFieldCount) {
			cause = fmt.Errorf("%w: %d, header has %d", csv.ErrFieldCount, len(rec), len(p.h.names))
		}
		return &PosError{File: p.file, Line: pe.Line + p.lineOffset, Column: pe.Column, Err: cause}
	}
	if p.gzip && !strings.HasPrefix(err.Error(), "gzip: ") {
		return fmt.Errorf("%s: gzip: %w", p.file, err)
	}
	return fmt.Errorf("%s: %w", p.file, err)
}

// date parses the date cell of the current record.
func (p *parser) date(rec []string) (Date, error) {
	s := strings.TrimSpace(rec[p.lay.dateCol])
	if d, ok := parseDate(s); ok {
		return d, nil
	}
	_, err := ParseDate(s)
	return 0, p.errAt(p.lay.dateCol, err)
}

// value parses a price or return cell.
func (p *parser) value(rec []string, col int, name string) (float64, error) {
	s := strings.TrimSpace(rec[col])
	if p.lay.logReturn {
		// Any finite log return is one; the series holds exp(v) - 1.
		v, err := valueOf(s, name, true)
		if errors.Is(err, ErrBadReturn) { // below -1: a loss of more than 63%
			v, err = numberOf(s, name)
		}
		if err == nil {
			err = magnitudeErr(math.Expm1(v), "exp("+s+") - 1", name)
		}
		if err != nil {
			return 0, p.errAt(col, err)
		}
		return math.Expm1(v), nil
	}
	v, err := valueOf(s, name, p.lay.isReturn)
	if err != nil {
		return 0, p.errAt(col, err)
	}
	return v, nil
}

// valueOf parses a trimmed price or return cell of column name: NaN when
// missing. The error says why the cell is not a value, without position.
func valueOf(s, name string, isReturn bool) (float64, error) {
	if isMissing(s) {
		return math.NaN(), nil
	}
	v, err := numberOf(s, name)
	if err != nil {
		return 0, err
	}
	return v, valueRange(v, s, name, isReturn)
}

// valueRange rejects a return below -1, a price of zero or less and a
// value of maxMagnitude or more; s is the value as written.
func valueRange(v float64, s, name string, isReturn bool) error {
	switch {
	case v >= maxMagnitude:
		return magnitudeErr(v, s, name)
	case isReturn && v < -1:
		return fmt.Errorf("%s: %w %s (below -1)", name, ErrBadReturn, s)
	case !isReturn && v <= 0:
		hint := ""
		if v < 0 {
			hint = " (returns are read only from a column named return, or from a wide file with --values returns)"
		}
		return fmt.Errorf("%s: %w %s%s", name, ErrNonPositive, s, hint)
	}
	return nil
}

// volume parses a volume cell: a finite number of at least zero (index
// files often hold 0 in their early years), NaN when missing.
func (p *parser) volume(rec []string, col int) (float64, error) {
	v, err := volumeOf(strings.TrimSpace(rec[col]), p.h.names[col])
	if err != nil {
		return 0, p.errAt(col, err)
	}
	return v, nil
}

// volumeOf parses a trimmed volume cell of column name.
func volumeOf(s, name string) (float64, error) {
	if isMissing(s) {
		return math.NaN(), nil
	}
	v, err := numberOf(s, name)
	if err != nil {
		return 0, err
	}
	return v, volumeRange(v, s, name)
}

func volumeRange(v float64, s, name string) error {
	if v < 0 {
		return fmt.Errorf("%s: %w %s (below 0)", name, ErrBadVolume, s)
	}
	return magnitudeErr(v, s, name)
}

// isMissing reports whether a trimmed cell stands for a missing value.
func isMissing(s string) bool {
	switch len(s) {
	case 0:
		return true
	case 2:
		return s == "NA" || s == "na"
	case 3:
		return strings.EqualFold(s, "nan") || strings.EqualFold(s, "n/a")
	case 4:
		return strings.EqualFold(s, "null") || strings.EqualFold(s, "none") || strings.EqualFold(s, "#n/a")
	}
	return false
}

func allEmpty(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// orderErr checks that d comes after prev, the date of line prevLine;
// who names the series in long panels.
func (p *parser) orderErr(who string, d, prev Date, prevLine int) error {
	if err := orderCause(who, d, prev, prevLine, "line"); err != nil {
		return p.errAt(p.lay.dateCol, err)
	}
	return nil
}

// orderCause says why d cannot follow prev, the date on line (or row, as
// unit says) prevLine; nil if it can. who names the series in long panels.
func orderCause(who string, d, prev Date, prevLine int, unit string) error {
	if d > prev {
		return nil
	}
	if who != "" {
		who += ": "
	}
	if d == prev {
		return fmt.Errorf("%s%w %s (also on %s %d)", who, ErrDuplicateDate, d, unit, prevLine)
	}
	return fmt.Errorf("%s%w: %s after %s on %s %d", who, ErrUnsorted, d, prev, unit, prevLine)
}

func (p *parser) rowColumns(rec []string) error {
	if strings.TrimSpace(rec[p.lay.dateCol]) == "" && allEmpty(rec) {
		return nil
	}
	d, err := p.date(rec)
	if err != nil {
		return err
	}
	line := p.fieldLine(p.lay.dateCol)
	if p.rows > 0 {
		if err := p.orderErr("", d, p.prevDate, p.prevLine); err != nil {
			return err
		}
	}
	for _, b := range p.targets {
		v, err := p.value(rec, b.col, b.name)
		if err != nil {
			return err
		}
		var vol float64
		if b.volCol >= 0 {
			if vol, err = p.volume(rec, b.volCol); err != nil {
				return err
			}
		}
		b.add(d, v, vol, line, p.lay.trim)
	}
	p.prevDate, p.prevLine = d, line
	p.rows++
	return nil
}

func (p *parser) rowLong(rec []string) error {
	tk := strings.TrimSpace(rec[p.lay.tickerCol])
	if tk == "" {
		if allEmpty(rec) {
			return nil
		}
		return p.errAt(p.lay.tickerCol, ErrNoTicker)
	}
	b := p.last
	if b == nil || b.s.Ticker != tk {
		b = p.byTicker[tk]
		if b == nil {
			tk = strings.Clone(tk) // do not keep the whole record alive
			line, col := p.cr.FieldPos(p.lay.tickerCol)
			line += p.lineOffset
			b = &builder{
				s:      &Series{Ticker: tk, File: p.file, IsReturn: p.lay.isReturn},
				col:    p.lay.valueCol,
				volCol: p.lay.volCol,
				name:   p.h.names[p.lay.valueCol],
				line:   line, column: col,
			}
			if b.volCol >= 0 {
				b.s.Volume = []float64{}
			}
			p.byTicker[tk] = b
			p.order = append(p.order, b)
		}
		p.last = b
	}
	// Date-major panels repeat each date once per ticker.
	var d Date
	if ds := rec[p.lay.dateCol]; p.haveLastDate && ds == p.lastDateStr {
		d = p.lastDate
	} else {
		var err error
		if d, err = p.date(rec); err != nil {
			return err
		}
		p.lastDateStr, p.lastDate, p.haveLastDate = ds, d, true
	}
	line := p.fieldLine(p.lay.dateCol)
	if n := len(b.s.Dates); n > 0 {
		if err := p.orderErr(b.s.Ticker, d, b.s.Dates[n-1], b.lastLine); err != nil {
			return err
		}
	}
	v, err := p.value(rec, b.col, b.name)
	if err != nil {
		return err
	}
	var vol float64
	if b.volCol >= 0 {
		if vol, err = p.volume(rec, b.volCol); err != nil {
			return err
		}
	}
	b.add(d, v, vol, line, false)
	p.rows++
	return nil
}

func (p *parser) finish() ([]*Series, error) {
	if p.rows == 0 {
		return nil, &PosError{File: p.file, Line: p.lastHeaderLine, Column: 1, Err: fmt.Errorf("%w rows after the header", ErrNoData)}
	}
	builders := p.targets
	if p.lay.kind == kindLong {
		builders = p.order
		p.assembleAll()
	}
	series := make([]*Series, 0, len(builders))
	for _, b := range builders {
		if b.valid == 0 {
			who := b.s.Ticker
			if p.lay.kind == kindColumns && !p.lay.multi {
				who = b.name
			}
			return nil, p.at(b.line, b.column, fmt.Errorf("%s: %w: every value is missing", who, ErrNoData))
		}
		if p.lay.trim {
			n := len(b.s.Values)
			for n > 0 && math.IsNaN(b.s.Values[n-1]) {
				n--
			}
			b.s.Dates, b.s.Values = b.s.Dates[:n], b.s.Values[:n]
			if b.s.Volume != nil {
				b.s.Volume = b.s.Volume[:n]
			}
		}
		series = append(series, b.s)
	}
	if p.lay.multi {
		slices.SortFunc(series, func(a, b *Series) int { return strings.Compare(a.Ticker, b.Ticker) })
	}
	return series, nil
}
