package prices

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// MaxLine bounds a line of a price, event or factor file (and a CSV record
// of several lines, see LimitLines): 1 MiB, a
// thousand times the longest real line we read (a wide panel of the 100
// Nasdaq-100 members, about 1 KB), and so also the longest field. A file
// without line ends is otherwise read whole into one line by encoding/csv:
// 1 GB of it took 10 GB of memory and printed a 1 GB error.
const MaxLine = 1 << 20

// lineLimit is a reader that fails with ErrLongLine, positioned, as soon as
// a record of its CSV input passes max bytes: a line, or several when a
// quoted field holds line ends (encoding/csv reads such a record whole, so
// it too must be bounded). Quotes are tracked as encoding/csv reads them
// without LazyQuotes: a field is quoted from a '"' to the next, "" being
// two toggles; a stray quote in an unquoted field is an error of
// encoding/csv on its own line, before the bound matters.
type lineLimit struct {
	r       io.Reader
	file    string
	max     int
	line    int // 1-indexed line of the next byte
	recLine int // line where the current record starts
	run     int // bytes of the current record so far, its line ends included
	quoted  bool
	err     error
}

// LimitLines wraps r, the content of file, in a reader that fails with a
// *PosError of ErrLongLine (file:line:column) once a line, or a record of
// several lines, passes MaxLine bytes.
func LimitLines(r io.Reader, file string) io.Reader { return newLineLimit(r, file, MaxLine) }

func newLineLimit(r io.Reader, file string, max int) *lineLimit {
	return &lineLimit{r: r, file: file, max: max, line: 1, recLine: 1}
}

func (l *lineLimit) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	b := p[:n]
	if !l.quoted && bytes.IndexByte(b, '"') < 0 {
		// The common case: no quote, so records are lines; IndexByte is
		// fast.
		for off := 0; off < n; {
			i := bytes.IndexByte(b[off:], '\n')
			end := n
			if i >= 0 {
				end = off + i
			}
			if l.run+end-off > l.max {
				return off + l.max - l.run, l.fail()
			}
			if i < 0 {
				l.run += end - off
				break
			}
			l.line++
			l.recLine, l.run = l.line, 0
			off = end + 1
		}
		return n, err
	}
	for i, c := range b {
		if c == '"' {
			l.quoted = !l.quoted
		}
		if c == '\n' && !l.quoted {
			l.line++
			l.recLine, l.run = l.line, 0
			continue
		}
		l.run++
		if l.run > l.max {
			return i, l.fail()
		}
		if c == '\n' { // inside a quoted field
			l.line++
		}
	}
	return n, err
}

// fail records and returns the error of a record past l.max bytes.
func (l *lineLimit) fail() error {
	if l.line == l.recLine {
		l.err = &PosError{File: l.file, Line: l.line, Column: l.max + 1,
			Err: fmt.Errorf("%w: more than %d bytes without a line end", ErrLongLine, l.max)}
	} else {
		l.err = &PosError{File: l.file, Line: l.recLine, Column: 1,
			Err: fmt.Errorf("%w: a quoted field runs for more than %d bytes, to line %d (a quote not closed?)", ErrLongLine, l.max, l.line)}
	}
	return l.err
}

// maxQuote is the most of a cell an error message repeats.
const maxQuote = 40

// maxHeaderQuote is the most of a header line an error message repeats:
// enough for any real header (a yfinance file's is 42 bytes, a wide panel
// of ten tickers' about 60).
const maxHeaderQuote = 200

// clipHeader cuts a joined header to maxHeaderQuote bytes, marking the cut.
func clipHeader(s string) string {
	if len(s) <= maxHeaderQuote {
		return s
	}
	i := maxHeaderQuote
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// quote is strconv.Quote of s cut to maxQuote bytes (on a rune boundary)
// followed by "…", so that an error about a long cell stays readable.
func quote(s string) string {
	if len(s) <= maxQuote {
		return strconv.Quote(s)
	}
	i := maxQuote
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strconv.Quote(s[:i] + "…")
}
