package prices

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// MaxLine bounds a line of a price, event or factor file: 1 MiB, a
// thousand times the longest real line we read (a wide panel of the 100
// Nasdaq-100 members, about 1 KB), and so also the longest field. A file
// without line ends is otherwise read whole into one line by encoding/csv:
// 1 GB of it took 10 GB of memory and printed a 1 GB error.
const MaxLine = 1 << 20

// lineLimit is a reader that fails with ErrLongLine, positioned, as soon as
// a line of its input passes MaxLine bytes. It counts physical lines, as
// editors do: a quoted CSV field may span several, each bounded.
type lineLimit struct {
	r    io.Reader
	file string
	max  int
	line int // 1-indexed line of the next byte
	run  int // bytes of that line so far
	err  error
}

// LimitLines wraps r, the content of file, in a reader that fails with a
// *PosError of ErrLongLine (file:line:column) once a line passes MaxLine
// bytes.
func LimitLines(r io.Reader, file string) io.Reader {
	return &lineLimit{r: r, file: file, max: MaxLine, line: 1}
}

func (l *lineLimit) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	b := p[:n]
	for off := 0; off < n; {
		i := bytes.IndexByte(b[off:], '\n')
		end := n
		if i >= 0 {
			end = off + i
		}
		if l.run+end-off > l.max {
			// Hand over the bytes before the bound, then fail.
			l.err = &PosError{File: l.file, Line: l.line, Column: l.max + 1,
				Err: fmt.Errorf("%w: more than %d bytes without a line end", ErrLongLine, l.max)}
			return off + l.max - l.run, l.err
		}
		if i < 0 {
			l.run += end - off
			break
		}
		l.line++
		l.run = 0
		off = end + 1
	}
	return n, err
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
