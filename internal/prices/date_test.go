package prices

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestDateAgainstTime checks NewDate, String, Time, Weekday, DateOf and
// ParseDate against the standard library (an independent implementation of
// the proleptic Gregorian calendar) for every day from 1600 to 2400, which
// covers leap years of all kinds (1600, 2000 and 2400 leap; 1700, 1800, 1900,
// 2100 not).
func TestDateAgainstTime(t *testing.T) {
	for tm := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() <= 2400; tm = tm.AddDate(0, 0, 1) {
		y, m, d := tm.Date()
		want := Date(tm.Unix() / 86400)
		if got := NewDate(y, m, d); got != want {
			t.Fatalf("NewDate(%d, %d, %d) = %d, want %d", y, m, d, got, want)
		}
		s := tm.Format(time.DateOnly)
		if got := want.String(); got != s {
			t.Fatalf("Date(%d).String() = %s, want %s", want, got, s)
		}
		if got, err := ParseDate(s); err != nil || got != want {
			t.Fatalf("ParseDate(%s) = %d, %v, want %d", s, got, err, want)
		}
		if got := want.Time(); !got.Equal(tm) || got.Location() != time.UTC {
			t.Fatalf("Date(%d).Time() = %v, want %v", want, got, tm)
		}
		if got := want.Weekday(); got != tm.Weekday() {
			t.Fatalf("%s: Weekday() = %v, want %v", s, got, tm.Weekday())
		}
		if got := DateOf(tm); got != want {
			t.Fatalf("DateOf(%v) = %s", tm, got)
		}
	}
}

func TestDateKnown(t *testing.T) {
	tests := []struct {
		d       Date
		s       string
		weekday time.Weekday
	}{
		// SOURCES.md: "9988.HK drop on Fri 2025-11-14".
		{NewDate(2025, time.November, 14), "2025-11-14", time.Friday},
		// The Unix epoch was a Thursday (POSIX).
		{0, "1970-01-01", time.Thursday},
		{-1, "1969-12-31", time.Wednesday},
		// 2000-01-01 was a Saturday; 2000 is a leap year (divisible by 400).
		{NewDate(2000, time.January, 1), "2000-01-01", time.Saturday},
		{NewDate(2000, time.February, 29), "2000-02-29", time.Tuesday},
		{NewDate(2024, time.February, 29), "2024-02-29", time.Thursday},
		// Normalization as in time.Date.
		{NewDate(2025, 13, 1), "2026-01-01", time.Thursday},
		{NewDate(2025, time.March, 0), "2025-02-28", time.Friday},
		{NewDate(2025, 0, 1), "2024-12-01", time.Sunday},
		{NewDate(2024, time.February, 30), "2024-03-01", time.Friday},
		{NewDate(2025, time.November, 14).AddDays(3), "2025-11-17", time.Monday},
		{NewDate(2025, time.November, 14).AddDays(-14), "2025-10-31", time.Friday},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.s {
			t.Errorf("Date(%d) = %s, want %s", tt.d, got, tt.s)
		}
		if got := tt.d.Weekday(); got != tt.weekday {
			t.Errorf("%s: weekday %v, want %v", tt.s, got, tt.weekday)
		}
	}
	// Days in February: 29 in leap years, 28 otherwise (1900 and 2100 are
	// not leap years: divisible by 100 but not by 400).
	for y, days := range map[int]int{1900: 28, 2000: 29, 2023: 28, 2024: 29, 2100: 28} {
		if got := int(NewDate(y, time.March, 1) - NewDate(y, time.February, 1)); got != days {
			t.Errorf("February %d has %d days, want %d", y, got, days)
		}
	}
}

func TestDateOfLocation(t *testing.T) {
	hk := time.FixedZone("HKT", 8*3600)
	// Midnight in Hong Kong is still the previous day in UTC.
	tm := time.Date(2020, time.January, 2, 0, 0, 0, 0, hk)
	if got := DateOf(tm); got.String() != "2020-01-02" {
		t.Errorf("DateOf(%v) = %s, want 2020-01-02", tm, got)
	}
	if got := DateOf(tm.UTC()); got.String() != "2020-01-01" {
		t.Errorf("DateOf(%v) = %s, want 2020-01-01", tm.UTC(), got)
	}
}

func TestParseDate(t *testing.T) {
	good := map[string]string{
		"2020-01-02":                  "2020-01-02",
		"2020-01-02 00:00:00+08:00":   "2020-01-02",
		"2020-01-02 00:00:00-05:00":   "2020-01-02",
		"2020-01-02T00:00:00Z":        "2020-01-02",
		"2020-01-02T23:59:59.123456Z": "2020-01-02",
		"2020-01-02 16:30":            "2020-01-02",
		"2020-01-02 16:30+0800":       "2020-01-02",
		"2020-01-02 16:30:00+08":      "2020-01-02",
		"2000-02-29":                  "2000-02-29",
		"0001-01-01":                  "0001-01-01",
		"9999-12-31":                  "9999-12-31",
		"20200102":                    "2020-01-02", // CRSP
		"20000229":                    "2000-02-29",
	}
	for s, want := range good {
		d, err := ParseDate(s)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %s, %v, want %s", s, d, err, want)
		}
	}
	bad := []string{
		"", "2020-1-02", "2020/01/02", "02/01/2020", "20201302", "20190229", "2020010", "2020-13-01", "2020-00-10",
		"2020-01-00", "2020-01-32", "2019-02-29", "1900-02-29", "2020-04-31", " 2020-01-02",
		"2020-01-02 ", "2020-01-02x", "2020-01-02 25:00", "2020-01-02 12:60", "2020-01-02T12",
		"2020-01-02 12:00:00+8", "2020-01-02 12:00:00+08:00:00", "2020-01-02 12:00 UTC", "+020-01-02",
	}
	for _, s := range bad {
		d, err := ParseDate(s)
		if !errors.Is(err, ErrBadDate) {
			t.Errorf("ParseDate(%q) = %s, %v, want ErrBadDate", s, d, err)
		}
	}
	_, err := ParseDate("2020-13-01")
	if want := `cannot parse date "2020-13-01" (want YYYY-MM-DD or YYYYMMDD, optionally followed by a time of day)`; err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-01-02", "2020-01-02 00:00:00+08:00", "2020-01-02T00:00:00Z", "2020-02-30", "9999-99-99", "20200102", "00010101"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// Whatever follows, the date is the one written.
		if len(s) == 8 {
			if c := strings.ReplaceAll(d.String(), "-", ""); c != s {
				t.Errorf("ParseDate(%q) = %s", s, d)
			}
			return
		}
		if d.String() != s[:10] {
			t.Errorf("ParseDate(%q) = %s", s, d)
		}
	})
}

// TestCompactDatePanel: a long panel with CRSP's YYYYMMDD dates reads as
// with YYYY-MM-DD ones, by the parallel scanner and by encoding/csv.
func TestCompactDatePanel(t *testing.T) {
	const text = "date,ticker,close\n20200102,A,10\n20200103,A,11\n20200106,A,12\n"
	for _, slow := range []bool{false, true} {
		ss, _, err := readOpts(strings.NewReader(text), "crsp.csv", "", scanOptions{slow: slow})
		if err != nil {
			t.Fatal(err)
		}
		if got := ss[0].Dates; len(got) != 3 || got[0].String() != "2020-01-02" || got[2].String() != "2020-01-06" {
			t.Errorf("slow %v: dates %v", slow, got)
		}
	}
}
