package prices

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Factors is a table of daily factor returns, such as Ken French's
// Fama-French and momentum factors, in decimals.
type Factors struct {
	File   string
	Names  []string    // factor names in file order, e.g. Mkt-RF, SMB, HML; RF is not among them
	Dates  []Date      // strictly increasing
	Values [][]float64 // Values[j][i]: factor Names[j] on Dates[i], decimal; NaN where missing
	RF     []float64   // risk-free rate per date, decimal; nil when the file has none
	// Percent is set when the file was read as percent and divided by 100
	// (for a Merge: when every input was).
	Percent bool
	// Market is the stock market the factors are built from, when the file
	// says so (factorMarket): "US" or a region of Ken French's international
	// files ("Europe", "Japan", ...); "" when unknown (a generic file, or a
	// Merge of files of different or unknown markets).
	Market string
}

// frenchRegions are the regions of Ken French's international factor
// files, as their names begin (Developed_3_Factors_Daily.csv,
// Asia_Pacific_ex_Japan_MOM_Factor_Daily.csv, ...).
var frenchRegions = []struct{ prefix, market string }{
	{"Developed_ex_US", "Developed ex US"},
	{"Developed", "Developed"},
	{"North_America", "North America"},
	{"Europe", "Europe"},
	{"Japan", "Japan"},
	{"Asia_Pacific_ex_Japan", "Asia Pacific ex Japan"},
	{"Emerging", "Emerging"},
}

// factorMarket returns the market of a factor file from its name and the
// text before its header: a region file of Ken French's library by its name;
// his US files (F-F_Research_Data_Factors_daily.CSV, F-F_Momentum_Factor_daily.CSV)
// are built from CRSP, the US stock database, which their first line names,
// and have no region in their name; "" otherwise.
func factorMarket(file string, crsp bool) string {
	base := file[strings.LastIndexAny(file, `/\`)+1:]
	for _, r := range frenchRegions {
		if strings.HasPrefix(strings.ToLower(base), strings.ToLower(r.prefix)) {
			return r.market
		}
	}
	if crsp || strings.HasPrefix(base, "F-F_") {
		return "US"
	}
	return ""
}

// Units says how the numbers of a factor file are written.
type Units int

const (
	// UnitsAuto: percent for Ken French's layout (a header whose first cell
	// is empty, ",Mkt-RF,SMB,HML,RF"), decimals for a header that starts
	// with a date column name ("date,f1,f2").
	UnitsAuto Units = iota
	UnitsPercent
	UnitsDecimal
)

// FactorOptions tunes ReadFactorsWith and ParseFactors.
type FactorOptions struct {
	Units Units
}

// ReadFactors reads a daily factor file with FactorOptions{} (units
// detected from the layout). Two layouts are accepted:
//
//   - Ken French's data library CSV files as published
//     (F-F_Research_Data_Factors_daily.CSV, F-F_Research_Data_5_Factors_2x3_daily.CSV,
//     F-F_Momentum_Factor_daily.CSV): free text before the header, a header
//     whose first cell is empty and whose other cells name the factors
//     (",Mkt-RF,SMB,HML,RF"), YYYYMMDD dates, values in percent padded with
//     spaces, CRLF or LF line ends, trailing empty cells (a copy re-saved by
//     a spreadsheet), and after the daily block a blank line followed by a
//     copyright line or further tables, which are not read: the first line
//     after the data that is not a data row ends it. French's missing-value
//     codes -99.99 and -999 are read as NaN.
//   - a generic CSV: "date,f1,f2,..." with YYYY-MM-DD or YYYYMMDD dates and
//     decimal values (unless FactorOptions says percent); blank lines are
//     skipped.
//
// A column named RF (any case) is the risk-free rate and goes to RF, not
// Names. Cells may be quoted but not hold commas. Missing cells (empty, NA,
// NaN, ...) are NaN. Errors are *PosError values (file:line:column)
// wrapping ErrLayout, ErrNoData, ErrBadDate, ErrBadNumber, ErrDuplicateDate
// or ErrUnsorted, or the os error of a file that cannot be opened. A gzip
// file is recognized by its first bytes.
func ReadFactors(path string) (*Factors, error) {
	return ReadFactorsWith(path, FactorOptions{})
}

// ReadFactorsWith is ReadFactors with options.
func ReadFactorsWith(path string, opt FactorOptions) (*Factors, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseFactors(f, path, opt)
}

// ParseFactors is ReadFactorsWith on a reader; file names it in messages
// and in Factors.File.
func ParseFactors(r io.Reader, file string, opt FactorOptions) (*Factors, error) {
	br := bufio.NewReaderSize(r, bufSize)
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, bufSize)
	}
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	fp := &factorParser{file: file, r: br, opt: opt}
	return fp.parse()
}

// factorParser holds the state of one factor file's parse.
type factorParser struct {
	file string
	r    *bufio.Reader
	opt  FactorOptions
	line int // 1-indexed number of the current line

	cells [][]byte // cells of the current line, trimmed, quotes removed
	cols  []int    // 1-indexed byte column of each cell
	long  []byte   // a line longer than the reader's buffer
}

// next reads the next line into p.cells. It returns false at the end of
// the input.
func (p *factorParser) next() (bool, error) {
	line, err := p.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		p.long = append(p.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = p.r.ReadSlice('\n')
			p.long = append(p.long, line...)
			if len(bytes.TrimSuffix(p.long, []byte{'\n'})) > MaxLine {
				return false, &PosError{File: p.file, Line: p.line + 1, Column: MaxLine + 1, Err: fmt.Errorf("%w: more than %d bytes without a line end", ErrLongLine, MaxLine)}
			}
		}
		line = p.long
	}
	if err != nil && err != io.EOF {
		return false, fmt.Errorf("%s: %w", p.file, err)
	}
	if len(line) == 0 && err == io.EOF {
		return false, nil
	}
	p.line++
	line = bytes.TrimSuffix(line, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	p.split(line)
	return true, nil
}

// split cuts line at commas, trimming each cell of spaces and tabs and of
// enclosing double quotes.
func (p *factorParser) split(line []byte) {
	p.cells, p.cols = p.cells[:0], p.cols[:0]
	start := 0
	for {
		end := bytes.IndexByte(line[start:], ',')
		if end < 0 {
			end = len(line)
		} else {
			end += start
		}
		cell, col := line[start:end], start+1
		for len(cell) > 0 && (cell[0] == ' ' || cell[0] == '\t') {
			cell, col = cell[1:], col+1
		}
		for len(cell) > 0 && (cell[len(cell)-1] == ' ' || cell[len(cell)-1] == '\t' || cell[len(cell)-1] == '\r') {
			cell = cell[:len(cell)-1]
		}
		if len(cell) >= 2 && cell[0] == '"' && cell[len(cell)-1] == '"' {
			cell = cell[1 : len(cell)-1]
		}
		p.cells = append(p.cells, cell)
		p.cols = append(p.cols, col)
		if end == len(line) {
			return
		}
		start = end + 1
	}
}

// blank reports whether every cell of the current line is empty.
func (p *factorParser) blank() bool {
	for _, c := range p.cells {
		if len(c) > 0 {
			return false
		}
	}
	return true
}

func (p *factorParser) errAt(cell int, err error) *PosError {
	col := 1
	if cell >= 0 && cell < len(p.cols) {
		col = p.cols[cell]
	}
	return &PosError{File: p.file, Line: p.line, Column: col, Err: err}
}

// isHeader reports whether the current line is a factor header, and
// whether in French's layout (first cell empty).
func (p *factorParser) isHeader() (ok, french bool) {
	if len(p.cells) < 2 {
		return false, false
	}
	first := string(p.cells[0])
	switch {
	case first == "":
		french = true
	case fieldOf(first) == fieldDate:
	default:
		return false, false
	}
	names := 0
	for _, c := range p.cells[1:] {
		if len(c) == 0 {
			continue
		}
		if _, err := strconv.ParseFloat(string(c), 64); err == nil {
			return false, false
		}
		names++
	}
	return names > 0, french
}

// looksLikeData reports whether the first cell of the current line starts
// like a date, so that the line is read (and rejected if malformed) as a
// data row rather than taken for text.
func (p *factorParser) looksLikeData() bool {
	return len(p.cells[0]) > 0 && isDigit(p.cells[0][0])
}

func (p *factorParser) parse() (*Factors, error) {
	// Text before the header.
	var french, crsp bool
	for {
		ok, err := p.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, p.noHeader()
		}
		var isHdr bool
		if isHdr, french = p.isHeader(); isHdr {
			break
		}
		for _, c := range p.cells {
			crsp = crsp || bytes.Contains(c, []byte("CRSP"))
		}
		if p.looksLikeData() {
			if _, ok := factorDate(p.cells[0]); ok {
				return nil, p.errAt(0, fmt.Errorf("%w: data row before any header; %s", ErrLayout, factorLayouts))
			}
		}
	}

	f := &Factors{File: p.file, Market: factorMarket(p.file, crsp)}
	switch p.opt.Units {
	case UnitsPercent:
		f.Percent = true
	case UnitsAuto:
		f.Percent = french
	}
	headerLine := p.line
	// Names: trailing empty cells (a spreadsheet's extra comma) dropped.
	n := len(p.cells)
	for n > 1 && len(p.cells[n-1]) == 0 {
		n--
	}
	rfCol := -1
	var cols []int // cell index of each factor
	seen := make(map[string]int)
	for i := 1; i < n; i++ {
		name := string(p.cells[i])
		switch {
		case name == "":
			return nil, p.errAt(i, fmt.Errorf("%w: column %d of header %q has no name", ErrLayout, i+1, p.joined(n)))
		case strings.EqualFold(name, "rf"):
			if rfCol >= 0 {
				return nil, p.errAt(i, fmt.Errorf("%w: columns %d and %d are both %s", ErrLayout, rfCol+1, i+1, quote(name)))
			}
			rfCol = i
			continue
		}
		if j, dup := seen[name]; dup {
			return nil, p.errAt(i, fmt.Errorf("%w: columns %d and %d are both %s", ErrLayout, j+1, i+1, quote(name)))
		}
		seen[name] = i
		f.Names = append(f.Names, name)
		cols = append(cols, i)
	}
	if len(f.Names) == 0 {
		return nil, p.errAt(0, fmt.Errorf("%w: header %q names no factor besides RF; %s", ErrLayout, p.joined(n), factorLayouts))
	}
	f.Values = make([][]float64, len(f.Names))
	if rfCol >= 0 {
		f.RF = []float64{}
	}

	prevLine := 0
	for {
		ok, err := p.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if !p.looksLikeData() {
			if len(f.Dates) == 0 && p.blank() {
				continue // blank lines between header and data
			}
			if french {
				break // end of the daily block: a blank line, a copyright, a further table
			}
			if p.blank() {
				continue
			}
		}
		d, ok := factorDate(p.cells[0])
		if !ok {
			hint := ""
			if len(p.cells[0]) == 6 {
				hint = "; a monthly file? only daily factors are read"
			}
			return nil, p.errAt(0, fmt.Errorf("%w %s (want YYYYMMDD or YYYY-MM-DD%s)", ErrBadDate, quote(string(p.cells[0])), hint))
		}
		if len(f.Dates) > 0 {
			prev := f.Dates[len(f.Dates)-1]
			switch {
			case d == prev:
				return nil, p.errAt(0, fmt.Errorf("%w %s (also on line %d)", ErrDuplicateDate, d, prevLine))
			case d < prev:
				return nil, p.errAt(0, fmt.Errorf("%w: %s after %s on line %d", ErrUnsorted, d, prev, prevLine))
			}
		}
		if len(p.cells) < n {
			return nil, &PosError{File: p.file, Line: p.line, Column: p.cols[len(p.cols)-1] + len(p.cells[len(p.cells)-1]),
				Err: fmt.Errorf("%w: %d fields, header has %d", ErrLayout, len(p.cells), n)}
		}
		for i := n; i < len(p.cells); i++ {
			if len(p.cells[i]) > 0 {
				return nil, p.errAt(i, fmt.Errorf("%w: %d fields, header has %d", ErrLayout, len(p.cells), n))
			}
		}
		for j, c := range cols {
			v, err := p.value(c, french, f.Percent, f.Names[j])
			if err != nil {
				return nil, err
			}
			f.Values[j] = append(f.Values[j], v)
		}
		if rfCol >= 0 {
			v, err := p.value(rfCol, french, f.Percent, "RF")
			if err != nil {
				return nil, err
			}
			f.RF = append(f.RF, v)
		}
		f.Dates = append(f.Dates, d)
		prevLine = p.line
	}
	if len(f.Dates) == 0 {
		return nil, &PosError{File: p.file, Line: headerLine, Column: 1, Err: fmt.Errorf("%w rows after the header", ErrNoData)}
	}
	return f, nil
}

// factorLayouts is appended to layout errors.
const factorLayouts = "accepted: Ken French's daily CSV (text, then a header \",Mkt-RF,SMB,HML,RF\", then YYYYMMDD rows in percent) " +
	"or date,F1,F2,... (YYYY-MM-DD or YYYYMMDD, decimals)"

func (p *factorParser) joined(n int) string {
	var b strings.Builder
	for i, c := range p.cells[:n] {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(c)
		if b.Len() > maxHeaderQuote {
			break
		}
	}
	return clipHeader(b.String())
}

func (p *factorParser) noHeader() error {
	what := "no header line"
	if p.line == 0 {
		what = "empty file"
	}
	return &PosError{File: p.file, Line: 1, Column: 1, Err: fmt.Errorf("%w: %s; %s", ErrLayout, what, factorLayouts)}
}

// value parses cell i of the current line; name gives the context of
// errors.
func (p *factorParser) value(i int, french, percent bool, name string) (float64, error) {
	c := p.cells[i]
	if isMissing(string(c)) {
		return math.NaN(), nil
	}
	if french && len(c) > 2 && c[0] == '-' && c[1] == '9' {
		if v, _ := strconv.ParseFloat(string(c), 64); v == -99.99 || v == -999 {
			return math.NaN(), nil // French's missing-value codes
		}
	}
	s := string(c)
	if !plainNumber(s) {
		_, err := numberOf(s, name) // not nil: says why
		return 0, p.errAt(i, err)
	}
	var v float64
	var err error
	if percent {
		v, err = parsePercent(c)
	} else {
		v, err = strconv.ParseFloat(s, 64)
	}
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, p.errAt(i, fmt.Errorf("%s: %w %s", name, ErrBadNumber, quote(string(c))))
	}
	if err := magnitudeErr(v, s, name); err != nil {
		return 0, p.errAt(i, err)
	}
	return v, nil
}

// parsePercent parses a number written in percent and returns it as a
// decimal. Parsing "0.56e-2" rather than dividing 0.56 by 100 gives the
// float64 nearest to 0.0056, the same as the literal 0.0056, where the
// division gives 0.005600000000000001.
func parsePercent(c []byte) (float64, error) {
	var buf [32]byte
	if len(c) <= len(buf)-3 && bytes.IndexAny(c, "eEpPxX_") < 0 {
		b := append(append(buf[:0], c...), "e-2"...)
		if v, err := strconv.ParseFloat(string(b), 64); err == nil {
			return v, nil
		}
	}
	v, err := strconv.ParseFloat(string(c), 64)
	return v / 100, err
}

// factorDate parses YYYYMMDD or YYYY-MM-DD.
func factorDate(b []byte) (Date, bool) { return parseDate(string(b)) }

// Index returns the position of d in Dates and whether it is there.
// Absent, the position is where d would be inserted.
func (f *Factors) Index(d Date) (int, bool) {
	return slices.BinarySearch(f.Dates, d)
}

// rfTolerance is how far two files' risk-free rates may differ on a date and
// still be the same rate: French prints RF in percent with three decimals,
// so a rate written two ways (0.009 and 0.0090, or as percent and as a
// decimal) differs at most by rounding, far below 1e-9.
const rfTolerance = 1e-9

// Merge joins f and other on their common dates (an inner join), for
// example the three Fama-French factors and momentum into Carhart's four.
// The factors of f come first. A factor name found in both is an error.
// RF is kept once: from whichever has it, and where both do they must
// agree on every common date. No common date is an error.
func (f *Factors) Merge(other *Factors) (*Factors, error) {
	who := f.File + " and " + other.File
	for _, n := range other.Names {
		if slices.Contains(f.Names, n) {
			return nil, fmt.Errorf("merge %s: factor %q in both", who, n)
		}
	}
	out := &Factors{
		File:    f.File + "+" + other.File,
		Names:   slices.Concat(f.Names, other.Names),
		Values:  make([][]float64, len(f.Names)+len(other.Names)),
		Percent: f.Percent && other.Percent,
	}
	if f.Market == other.Market {
		out.Market = f.Market
	}
	if f.RF != nil || other.RF != nil {
		out.RF = []float64{}
	}
	i, k := 0, 0
	for i < len(f.Dates) && k < len(other.Dates) {
		switch a, b := f.Dates[i], other.Dates[k]; {
		case a < b:
			i++
			continue
		case a > b:
			k++
			continue
		}
		d := f.Dates[i]
		out.Dates = append(out.Dates, d)
		for j := range f.Values {
			out.Values[j] = append(out.Values[j], f.Values[j][i])
		}
		for j := range other.Values {
			out.Values[len(f.Values)+j] = append(out.Values[len(f.Values)+j], other.Values[j][k])
		}
		switch {
		case f.RF != nil && other.RF != nil:
			a, b := f.RF[i], other.RF[k]
			if math.IsNaN(a) {
				a = b
			} else if !math.IsNaN(b) && math.Abs(a-b) > rfTolerance {
				return nil, fmt.Errorf("merge %s: RF differs on %s: %g and %g", who, d, a, b)
			}
			out.RF = append(out.RF, a)
		case f.RF != nil:
			out.RF = append(out.RF, f.RF[i])
		case other.RF != nil:
			out.RF = append(out.RF, other.RF[k])
		}
		i++
		k++
	}
	if len(out.Dates) == 0 {
		return nil, fmt.Errorf("merge %s: %w: no common date", who, ErrNoData)
	}
	return out, nil
}
