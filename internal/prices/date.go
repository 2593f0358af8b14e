package prices

import (
	"fmt"
	"time"
)

// Date is a calendar date counted in days since 1970-01-01, with no time of
// day and no time zone. Four bytes per row keep the 12M-row panels compact,
// and date arithmetic is integer arithmetic.
type Date int32

// NewDate returns the date y-m-d. Like time.Date, it normalizes values out of
// range: NewDate(2025, 13, 1) is 2026-01-01 and NewDate(2025, 3, 0) is
// 2025-02-28.
func NewDate(y int, m time.Month, d int) Date {
	// Bring the month into 1..12, carrying whole years.
	mm := int(m) - 1
	y += floorDiv(mm, 12)
	mm -= floorDiv(mm, 12) * 12
	return Date(daysFromCivil(y, mm+1, 1) + d - 1)
}

// DateOf returns t's calendar date in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Unix(int64(d)*86400, 0).UTC()
}

// String formats d as 2006-01-02.
func (d Date) String() string {
	var b [10]byte
	return string(d.Append(b[:0]))
}

// Append appends d as String writes it to b (without a string of its own:
// ar.csv writes a date on each of its rows).
func (d Date) Append(b []byte) []byte {
	y, m, dd := civilFromDays(int(d))
	if y < 0 || y > 9999 {
		return d.Time().AppendFormat(b, time.DateOnly)
	}
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		'-', byte('0'+m/10), byte('0'+m%10),
		'-', byte('0'+dd/10), byte('0'+dd%10))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday((int(d)%7 + 7 + int(time.Thursday)) % 7)
}

// AddDays returns the date n calendar days after d (before it for n < 0).
func (d Date) AddDays(n int) Date {
	return d + Date(n)
}

// ParseDate parses a date written 2006-01-02, or 20060102 as CRSP and
// other WRDS exports write it. It also accepts a timestamp that starts
// with a 2006-01-02 date followed by a space or T and a time of day, with
// optional seconds, fraction and zone ("2020-01-02 00:00:00+08:00",
// "2020-01-02T00:00:00Z", "2020-01-02 16:30"), and returns the date as
// written, without converting between zones: yfinance writes each bar at
// midnight of the exchange's own date.
func ParseDate(s string) (Date, error) {
	if d, ok := parseDate(s); ok {
		return d, nil
	}
	return 0, fmt.Errorf("%w %s (want YYYY-MM-DD or YYYYMMDD, optionally followed by a time of day)", ErrBadDate, quote(s))
}

// parseDate is ParseDate without the error value, for the row loop.
func parseDate(s string) (Date, bool) {
	if len(s) == 8 {
		return compactDate(s)
	}
	if len(s) < 10 {
		return 0, false
	}
	if len(s) > 10 && !validTimeSuffix(s[10:]) {
		return 0, false
	}
	if s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	return civilDate(s[0:4], s[5:7], s[8:10])
}

// compactDate parses a date written YYYYMMDD.
func compactDate(s string) (Date, bool) { return civilDate(s[0:4], s[4:6], s[6:8]) }

// civilDate returns the date of the year, month and day written in
// digits, if it exists.
func civilDate(ys, ms, ds string) (Date, bool) {
	y, ok1 := digits(ys)
	m, ok2 := digits(ms)
	d, ok3 := digits(ds)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return Date(daysFromCivil(y, m, d)), true
}

// validTimeSuffix reports whether s is " 15:04" or "T15:04" followed by
// optional ":05", an optional fraction of a second and an optional zone
// ("Z", "+08:00", "+0800", "+08").
func validTimeSuffix(s string) bool {
	if len(s) < 6 || (s[0] != ' ' && s[0] != 'T') || s[3] != ':' {
		return false
	}
	hh, ok1 := digits(s[1:3])
	mm, ok2 := digits(s[4:6])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return false
	}
	s = s[6:]
	if len(s) >= 3 && s[0] == ':' {
		ss, ok := digits(s[1:3])
		if !ok || ss > 60 {
			return false
		}
		s = s[3:]
		if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && isDigit(s[1]) {
			s = s[2:]
			for len(s) > 0 && isDigit(s[0]) {
				s = s[1:]
			}
		}
	}
	switch {
	case s == "" || s == "Z":
		return true
	case s[0] != '+' && s[0] != '-':
		return false
	}
	s = s[1:]
	switch len(s) {
	case 2: // +08
		h, ok := digits(s)
		return ok && h <= 23
	case 4: // +0800
		h, ok1 := digits(s[:2])
		m, ok2 := digits(s[2:])
		return ok1 && ok2 && h <= 23 && m <= 59
	case 5: // +08:00
		h, ok1 := digits(s[:2])
		m, ok2 := digits(s[3:])
		return s[2] == ':' && ok1 && ok2 && h <= 23 && m <= 59
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits parses a short run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days in month m (1..12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// daysFromCivil returns the days since 1970-01-01 of the proleptic Gregorian
// date y-m-d (m in 1..12; d may be out of range, it is added linearly).
// Algorithm from Howard Hinnant, "chrono-Compatible Low-Level Date
// Algorithms" (days_from_civil).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil (Hinnant's civil_from_days).
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}
