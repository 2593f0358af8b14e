package prices

import (
	"errors"
	"fmt"
)

// Data conditions found while reading a price file. Each reaches the caller
// wrapped in a *PosError that says where; test for them with errors.Is.
var (
	// ErrLayout: the header matches none of the accepted layouts.
	ErrLayout = errors.New("unknown column layout")
	// ErrEmpty: the file holds no CSV record at all.
	ErrEmpty = errors.New("empty file")
	// ErrNoData: a header without data rows, or a series without a single value.
	ErrNoData = errors.New("no data")
	// ErrBadDate: a date cell that is not YYYY-MM-DD (optionally with a time).
	ErrBadDate = errors.New("cannot parse date")
	// ErrBadNumber: a price or return cell that is not a finite number in
	// plain decimal notation (no hexadecimal floats, no digit separators).
	ErrBadNumber = errors.New("cannot parse number")
	// ErrDuplicateDate: the same date twice in one series.
	ErrDuplicateDate = errors.New("duplicate date")
	// ErrUnsorted: a date earlier than the one before it in the same series.
	ErrUnsorted = errors.New("dates not increasing")
	// ErrNonPositive: a price of zero or less.
	ErrNonPositive = errors.New("non-positive price")
	// ErrBadReturn: a return below -1, a loss of more than everything.
	ErrBadReturn = errors.New("impossible return")
	// ErrImplausible: a number of 1e15 or more in magnitude (maxMagnitude),
	// such as a price of 1e308.
	ErrImplausible = errors.New("implausible magnitude")
	// ErrBadVolume: a negative trading volume.
	ErrBadVolume = errors.New("impossible volume")
	// ErrNoTicker: an empty ticker cell in a long panel.
	ErrNoTicker = errors.New("empty ticker")
	// ErrDuplicateTicker: the same ticker twice among the series being loaded.
	ErrDuplicateTicker = errors.New("duplicate ticker")
	// ErrDisagree: two files of one ticker whose values differ on a
	// common date (Splice).
	ErrDisagree = errors.New("disagree")
	// ErrNoOverlap: two files of one ticker's prices without a common
	// date (Splice).
	ErrNoOverlap = errors.New("no common date")
	// ErrLongLine: a line longer than MaxLine.
	ErrLongLine = errors.New("line too long")
)

// PosError is an error at a position in a file. It prints as
// file:line:column: message, the form editors jump to; line and column are
// 1-indexed, the column counted in bytes as encoding/csv's FieldPos does.
type PosError struct {
	File         string
	Line, Column int
	Err          error
}

func (e *PosError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("%d:%d: %v", e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

func (e *PosError) Unwrap() error { return e.Err }
