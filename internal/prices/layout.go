package prices

import (
	"fmt"
	"strconv"
	"strings"
)

// field is what a header cell names, after normalization.
type field int

const (
	fieldOther    field = iota // unknown name: a ticker in a wide file
	fieldDate                  // Date, datetime, timestamp
	fieldTicker                // ticker, symbol
	fieldAdjClose              // Adj Close, adj_close, adjclose, adjusted_close
	fieldClose                 // Close
	fieldPrice                 // price
	fieldReturn                // return, returns, ret
	fieldVolume                // Volume: kept beside the prices (Series.Volume)
	fieldOHLCV                 // Open, High, Low, Dividends, Stock Splits, ...: a single-security file
)

// fields maps a normalized header name (see normalize) to its field.
var fields = map[string]field{
	"date": fieldDate, "datetime": fieldDate, "timestamp": fieldDate,
	"ticker": fieldTicker, "symbol": fieldTicker,
	"adjclose": fieldAdjClose, "adjustedclose": fieldAdjClose,
	"close":  fieldClose,
	"price":  fieldPrice,
	"return": fieldReturn, "returns": fieldReturn, "ret": fieldReturn,
	"volume": fieldVolume,
	"open":   fieldOHLCV, "high": fieldOHLCV, "low": fieldOHLCV,
	"dividends": fieldOHLCV, "stocksplits": fieldOHLCV, "capitalgains": fieldOHLCV,
}

// valueFields lists, best first, the columns a series can be read from:
// the adjusted close (dividends and splits folded in) when the file has one.
var valueFields = []field{fieldAdjClose, fieldClose, fieldPrice, fieldReturn}

// accepted is appended to layout errors.
const accepted = "accepted: Date with Adj Close or Close, in any order (Yahoo, yfinance; a Ticker row may follow the header); " +
	"date,ticker,close (long panel; also symbol, adj_close, price or return); date,TICKER1,TICKER2,... (wide)"

// normalize lowercases a header name and drops spaces, underscores, hyphens
// and dots, so that "Adj Close", "adj_close" and "AdjClose" compare equal.
func normalize(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t':
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func fieldOf(name string) field { return fields[normalize(name)] }

// kind is the shape of a price file.
type kind int

const (
	kindColumns kind = iota // fixed value columns, one series each: single-security, yfinance multi-index, wide
	kindLong                // date,ticker,value rows
)

// layout says where the data of a file is.
type layout struct {
	kind     kind
	dateCol  int
	isReturn bool
	// wide: the columns are tickers (date,T1,T2,...); logReturn: their
	// values are log returns, converted to simple returns when read.
	wide, logReturn bool
	multi           bool // several series (wide, long, multi-ticker multi-index)
	trim            bool // drop leading and trailing missing values of each series (wide)

	// kindColumns: one target per series.
	targets []target
	// kindLong; volCol is -1 when the file has no volume column.
	tickerCol, valueCol, volCol int
}

// target is a value column and the series it feeds, with the series' volume
// column (-1: none).
type target struct {
	col    int
	volCol int
	ticker string
}

// header is a file's header record and where its cells are.
type header struct {
	file  string
	names []string
	line  int
	cols  []int // byte column of each cell
	// The ticker row of a yfinance file, if any.
	tickers    []string
	tickerLine int
	tickerCols []int
}

func (h *header) err(col int, err error) *PosError {
	c := 1
	if col >= 0 && col < len(h.cols) {
		c = h.cols[col]
	}
	return &PosError{File: h.file, Line: h.line, Column: c, Err: err}
}

// joined is the header as a line, cut to maxHeaderQuote bytes for messages.
func (h *header) joined() string { return clipHeader(strings.Join(h.names, ",")) }

// dateColumn finds the date column: the first one named date, datetime or
// timestamp; failing that the first column when it is named "Price" (the
// first header line of a yfinance multi-index file) or has no name (a pandas
// index written without a name).
func (h *header) dateColumn() (int, error) {
	for i, n := range h.names {
		if fieldOf(n) == fieldDate {
			return i, nil
		}
	}
	if len(h.names) > 0 {
		if n := normalize(h.names[0]); n == "price" || n == "" {
			return 0, nil
		}
	}
	return -1, h.err(0, fmt.Errorf("%w: no date column in header %q; %s", ErrLayout, h.joined(), accepted))
}

// find returns the column among cols (nil: all) holding f, -1 if none, and
// an error if two do.
func (h *header) find(f field, cols []int) (int, error) {
	found := -1
	check := func(i int) error {
		if fieldOf(h.names[i]) != f {
			return nil
		}
		if found >= 0 {
			return h.err(i, fmt.Errorf("%w: columns %d and %d are both %s", ErrLayout, found+1, i+1, quote(h.names[i])))
		}
		found = i
		return nil
	}
	if cols == nil {
		for i := range h.names {
			if err := check(i); err != nil {
				return -1, err
			}
		}
	} else {
		for _, i := range cols {
			if err := check(i); err != nil {
				return -1, err
			}
		}
	}
	return found, nil
}

// value returns the best value column among cols (nil: all).
func (h *header) value(cols []int) (col int, isReturn bool, err error) {
	for _, f := range valueFields {
		c, err := h.find(f, cols)
		if err != nil {
			return -1, false, err
		}
		if c >= 0 {
			return c, f == fieldReturn, nil
		}
	}
	return -1, false, nil
}

// isSubHeader reports whether rec, read right after the header, is a
// further header line rather than data, and whether it is a ticker row. The
// ticker row of yfinance files starts with "Ticker" (multi-index) or with an
// empty cell (flattened: ",9988.HK,9988.HK,..."); the third line of the
// multi-index files is "Date,,,,,".
func isSubHeader(rec []string, dateCol int) (sub, tickers bool) {
	switch fieldOf(rec[dateCol]) {
	case fieldTicker:
		return true, true
	case fieldDate:
		return true, false
	}
	if strings.TrimSpace(rec[dateCol]) != "" {
		return false, false
	}
	for i, c := range rec {
		c = strings.TrimSpace(c)
		if i == dateCol || c == "" || isMissing(c) {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err != nil {
			return true, true
		}
	}
	return false, false
}

// classify decides the layout from the header (and the ticker row, if any),
// without the volume column of a long panel when opts.skipVolume is set,
// and with the values of a wide file as opts.values says.
func (h *header) classify(dateCol int, opts scanOptions) (layout, error) {
	lay, err := h.classifyAll(dateCol)
	if opts.skipVolume && lay.kind == kindLong {
		lay.volCol = -1
	}
	if lay.wide && opts.values != ValuesPrices {
		lay.isReturn, lay.logReturn = true, opts.values == ValuesLogReturns
	}
	return lay, err
}

func (h *header) classifyAll(dateCol int) (layout, error) {
	lay := layout{dateCol: dateCol}
	if h.tickers != nil {
		return h.grouped(lay)
	}
	if n := normalize(h.names[dateCol]); n == "price" {
		return lay, h.err(dateCol, fmt.Errorf("%w: header %q starts with Price but no Ticker row follows; %s", ErrLayout, h.joined(), accepted))
	}
	tickerCol, err := h.find(fieldTicker, nil)
	if err != nil {
		return lay, err
	}
	if tickerCol >= 0 {
		lay.kind, lay.multi, lay.tickerCol = kindLong, true, tickerCol
		lay.valueCol, lay.isReturn, err = h.value(nil)
		if err != nil {
			return lay, err
		}
		if lay.volCol, err = h.find(fieldVolume, nil); err != nil {
			return lay, err
		}
		if lay.valueCol < 0 {
			return lay, h.err(dateCol, fmt.Errorf("%w: long panel with column %q but no close, adj_close, price or return column in header %q; %s",
				ErrLayout, h.names[tickerCol], h.joined(), accepted))
		}
		return lay, nil
	}
	single := false
	for i, n := range h.names {
		if i != dateCol && fieldOf(n) != fieldOther {
			single = true
		}
	}
	if single {
		col, isReturn, err := h.value(nil)
		if err != nil {
			return lay, err
		}
		if col < 0 {
			return lay, h.err(dateCol, fmt.Errorf("%w: no Adj Close or Close column in header %q; %s", ErrLayout, h.joined(), accepted))
		}
		vol, err := h.find(fieldVolume, nil)
		if err != nil {
			return lay, err
		}
		lay.isReturn = isReturn
		lay.targets = []target{{col: col, volCol: vol}}
		return lay, nil
	}
	// Wide: every other named column is a ticker.
	lay.multi, lay.trim, lay.wide = true, true, true
	seen := make(map[string]int)
	for i, n := range h.names {
		n = strings.TrimSpace(n)
		if i == dateCol || n == "" {
			continue
		}
		if j, dup := seen[n]; dup {
			return lay, h.err(i, fmt.Errorf("%w: columns %d and %d are both ticker %s", ErrLayout, j+1, i+1, quote(n)))
		}
		seen[n] = i
		lay.targets = append(lay.targets, target{col: i, volCol: -1, ticker: n})
	}
	if len(lay.targets) == 0 {
		return lay, h.err(dateCol, fmt.Errorf("%w: no column besides the date in header %q; %s", ErrLayout, h.joined(), accepted))
	}
	return lay, nil
}

// grouped lays out a file with a ticker row: each ticker's columns are
// grouped, and each group gives its Adj Close (else Close) as a series.
func (h *header) grouped(lay layout) (layout, error) {
	groups := make(map[string][]int)
	var order []string
	for i, t := range h.tickers {
		t = strings.TrimSpace(t)
		if i == lay.dateCol || t == "" {
			continue
		}
		if _, ok := groups[t]; !ok {
			order = append(order, t)
		}
		groups[t] = append(groups[t], i)
	}
	for _, t := range order {
		col, isReturn, err := h.value(groups[t])
		if err != nil {
			return lay, err
		}
		if col < 0 || isReturn {
			c := groups[t][0]
			return lay, &PosError{File: h.file, Line: h.tickerLine, Column: h.tickerCols[c],
				Err: fmt.Errorf("%w: no Adj Close or Close column for ticker %q in header %q; %s", ErrLayout, t, h.joined(), accepted)}
		}
		vol, err := h.find(fieldVolume, groups[t])
		if err != nil {
			return lay, err
		}
		lay.targets = append(lay.targets, target{col: col, volCol: vol, ticker: t})
	}
	if len(lay.targets) == 0 {
		return lay, &PosError{File: h.file, Line: h.tickerLine, Column: 1,
			Err: fmt.Errorf("%w: empty ticker row under header %q; %s", ErrLayout, h.joined(), accepted)}
	}
	lay.multi = len(lay.targets) > 1
	return lay, nil
}
