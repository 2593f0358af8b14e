package prices

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxMagnitude bounds every number read from a price, volume or factor
// file: a value of 1e15 or more in magnitude (1e308 in a price column) is
// refused. No share price or index level comes within three orders of
// magnitude of it (Berkshire Hathaway A, the highest share price, is below
// 1e6; daily volumes, even an index's turnover in its currency, below
// 1e12), and float64 holds integers exactly only below 9e15. A simple
// return of 1e15 is as absurd, and a log return of 34.5 or more turns into
// one.
const maxMagnitude = 1e15

// plainNumber reports whether s is written as price files write numbers:
// [+-]digits[.digits][e[+-]digits] (or .digits, digits.). strconv.ParseFloat
// also accepts hexadecimal floats (0x1p-2), digit separators (1_000) and
// Inf/Infinity, which no price file uses: a cell like that is a typo or
// another program's notation, read wrong if read at all.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// numberOf parses a trimmed, non-missing cell of column name: a finite
// plain decimal (plainNumber). The error, without position, wraps
// ErrBadNumber and says which notation was found when it is one that
// strconv would have read.
func numberOf(s, name string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%s: %w %s", name, ErrBadNumber, quote(s))
	}
	if !plainNumber(s) {
		form := "not a plain decimal"
		switch {
		case strings.Contains(s, "_"):
			form = "digit separators"
		case strings.ContainsAny(s, "xX"):
			form = "a hexadecimal float"
		}
		return 0, fmt.Errorf("%s: %w %s (%s; write plain decimals such as 12.5 or 1.25e-3)", name, ErrBadNumber, quote(s), form)
	}
	return v, nil
}

// magnitudeErr refuses a value of maxMagnitude or more in magnitude; s is
// the value as written.
func magnitudeErr(v float64, s, name string) error {
	if math.Abs(v) >= maxMagnitude {
		return fmt.Errorf("%s: %w %s (1e15 or more in magnitude)", name, ErrImplausible, s)
	}
	return nil
}
