package eventlist

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
	"sort"
	"strconv"
	"strings"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// FromColumn makes one event per row of the price files of spec (a
// directory, FILE or TICKER=FILE, as run's --prices) whose column is
// neither empty nor zero: yfinance's Dividends or Stock Splits, or a
// user's own signal. The cell is carried in a column of the same name, as
// written. The column is matched ignoring case, spaces and underscores. A
// single-security file is named after its file (0005.HK.csv is 0005.HK)
// unless spec names the ticker; a long panel's ticker column names each
// row's security.
//
// A file without the column, or with a row whose date cannot be read, is a
// failure and the other files go on; no non-zero cell in any file is an
// error wrapping ErrNoEvents.
func FromColumn(spec, column string) (*List, error) {
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
	files := []string{path}
	if fi.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, err
		}
		files = files[:0]
		for _, e := range entries {
			n := strings.ToLower(e.Name())
			if !e.IsDir() && (strings.HasSuffix(n, ".csv") || strings.HasSuffix(n, ".csv.gz")) {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
		sort.Strings(files)
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no .csv or .csv.gz file in the directory", path)
		}
	}
	l := &List{}
	var name string // the column as the first file that has it writes it
	var withColumn int
	var zeros []string
	for _, f := range files {
		t := ticker
		if t == "" {
			t = fileTicker(f)
		}
		rows, col, fails, err := columnRows(f, t, column)
		if err != nil {
			l.Failures = append(l.Failures, Failure{Where: f, Reason: err.Error()})
			continue
		}
		withColumn++
		if name == "" {
			name = col
		}
		if len(rows) == 0 && len(fails) == 0 {
			zeros = append(zeros, t)
		}
		l.Rows = append(l.Rows, rows...)
		l.Failures = append(l.Failures, fails...)
	}
	if len(l.Rows) == 0 {
		if withColumn == 0 {
			return nil, fmt.Errorf("%s: %w: no column %q in any of %d price files", path, ErrNoEvents, column, len(files))
		}
		return nil, fmt.Errorf("%s: %w: column %s is empty or zero in every row of the %d files that have it", path, ErrNoEvents, name, withColumn)
	}
	if len(zeros) > 0 {
		l.Warnings = append(l.Warnings, fmt.Sprintf("%d of %d files with column %s have no non-zero value in it: %s", len(zeros), withColumn, name, strings.Join(zeros, ", ")))
	}
	l.Columns = []string{name}
	l.Sort()
	return l, nil
}

var errNoColumn = errors.New("no column")

// normName folds a column name for matching: lower case, without spaces
// and underscores.
func normName(s string) string {
	return strings.NewReplacer(" ", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// columnRows reads the rows of one file whose column is non-empty and
// non-zero; col is the column's name as the file writes it.
func columnRows(path, ticker, column string) (rows []Row, col string, fails []Failure, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, "", nil, err
		}
		defer gz.Close()
		r = gz
	}
	cr := csv.NewReader(prices.LimitLines(r, path))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, "", nil, fmt.Errorf("header: %w", err)
	}
	header = append([]string(nil), header...)
	iDate, iTicker, iCol := -1, -1, -1
	for i, h := range header {
		switch n := normName(strings.TrimPrefix(h, "\ufeff")); {
		case n == normName(column):
			iCol = i
		case iDate < 0 && (n == "date" || n == "datetime" || n == "timestamp"):
			iDate = i
		case iTicker < 0 && (n == "ticker" || n == "symbol"):
			iTicker = i
		}
	}
	if iCol < 0 {
		return nil, "", nil, fmt.Errorf("%w %q (columns: %s)", errNoColumn, column, strings.Join(header, ","))
	}
	if iDate < 0 {
		return nil, "", nil, fmt.Errorf("no date column (columns: %s)", strings.Join(header, ","))
	}
	col = strings.TrimSpace(header[iCol])
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				fails = append(fails, Failure{Where: fmt.Sprintf("%s:%d:%d", path, pe.Line, pe.Column), Reason: pe.Err.Error()})
				continue
			}
			return nil, "", nil, err
		}
		if iCol >= len(rec) {
			continue // a short row has no value in the column
		}
		v := strings.TrimSpace(rec[iCol])
		if !nonZero(v) {
			continue
		}
		line, _ := cr.FieldPos(0)
		if iDate >= len(rec) {
			fails = append(fails, Failure{Where: fmt.Sprintf("%s:%d", path, line), Reason: fmt.Sprintf("%s %s: no date", col, v)})
			continue
		}
		d, err := prices.ParseDate(strings.TrimSpace(rec[iDate]))
		if err != nil {
			_, c := cr.FieldPos(iDate)
			fails = append(fails, Failure{Where: fmt.Sprintf("%s:%d:%d", path, line, c), Reason: fmt.Sprintf("%s %s: %v", col, v, err)})
			continue
		}
		t := ticker
		if iTicker >= 0 && iTicker < len(rec) && strings.TrimSpace(rec[iTicker]) != "" {
			t = strings.TrimSpace(rec[iTicker])
		}
		rows = append(rows, Row{Ticker: t, Date: d, Extra: []string{v}})
	}
	return rows, col, fails, nil
}

// nonZero reports whether a cell holds an event: not empty, not a missing
// value, and not a number equal to zero. Text that is not a number (a
// user's own label) is an event.
func nonZero(v string) bool {
	switch strings.ToLower(v) {
	case "", "na", "n/a", "nan", "null", "none", "#n/a", "false":
		return false
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return true
	}
	return x != 0 && !math.IsNaN(x)
}

// fileTicker names a single-security file after its file name without
// .csv or .csv.gz, as run does.
func fileTicker(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".gz", ".csv"} {
		if n := len(base) - len(ext); n > 0 && strings.EqualFold(base[n:], ext) {
			base = base[:n]
		}
	}
	return base
}
