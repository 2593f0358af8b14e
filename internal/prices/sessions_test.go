package prices

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// calendarsDir holds exchange_calendars' session lists and Lean's holiday
// list (../shared/data/SOURCES.md, section 5).
const calendarsDir = "../../../shared/data/calendars"

func sharedCalendarFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(calendarsDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared calendar %s not available (%v): the check against exchange_calendars and Lean needs /work/shared/data", name, err)
	}
	return p
}

func readCSV(t *testing.T, p string) [][]string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func mustCalendar(t *testing.T, code string) *Calendar {
	t.Helper()
	c, err := LookupCalendar(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCalendarsMatchExchangeCalendars compares every day of the common
// range with exchange_calendars' session lists (sessions, opens, closes,
// lunch breaks, all in UTC there): the only differences are the ones listed
// here, each with its reason.
func TestCalendarsMatchExchangeCalendars(t *testing.T) {
	for _, tc := range []struct {
		code, file string
		// known differences: date -> why
		diffs map[string]string
		// breaksFrom: exchange_calendars gives HKEX a 12:00-13:00 break
		// throughout, which is right only from 2012-03-05 (before: 12:30-14:30
		// until 2011-03-04, then 12:00-13:30; HKEX circulars on the trading
		// hours extension, phases one and two).
		breaksFrom Date
	}{
		{code: "XNYS", file: "exchange_calendars_xnys.csv"},
		{code: "XHKG", file: "exchange_calendars_xhkg.csv", breaksFrom: NewDate(2012, 3, 5), diffs: map[string]string{
			"2023-09-01": "closed all day by Typhoon Saola (signal 8 and above from the night before to the evening); exchange_calendars has a normal session; Yahoo's 9988.HK and ^HSI files have no row that day",
			"2023-09-08": "closed all day under the black rainstorm signal; exchange_calendars has a normal session (SOURCES.md)",
		}},
	} {
		t.Run(tc.code, func(t *testing.T) {
			c := mustCalendar(t, tc.code)
			rows := readCSV(t, sharedCalendarFile(t, tc.file))
			theirs := map[Date][]string{}
			var last Date
			for _, r := range rows {
				d, err := ParseDate(r[0][:10])
				if err != nil {
					t.Fatal(err)
				}
				theirs[d], last = r, d
			}
			to := min(last, c.Last)
			utc := func(d Date, x time.Duration) string {
				if x == 0 {
					return ""
				}
				y, m, dd := d.Time().Date()
				return time.Date(y, m, dd, 0, 0, 0, 0, c.Location).Add(x).UTC().Format("2006-01-02T15:04:05Z")
			}
			var got []string
			sessions := 0
			for d := c.First; d <= to; d++ {
				r, ok := theirs[d]
				hs, ours := c.Hours(d)
				if ours {
					sessions++
				}
				switch {
				case ok != ours:
					got = append(got, fmt.Sprintf("%s: session here %v, in exchange_calendars %v", d, ours, ok))
					continue
				case !ok:
					continue
				}
				want := []string{utc(d, hs.Open), utc(d, hs.Close), utc(d, hs.BreakStart), utc(d, hs.BreakEnd)}
				if d < tc.breaksFrom {
					want[2], want[3] = r[3], r[4]
				}
				if !slices.Equal(want, r[1:5]) {
					got = append(got, fmt.Sprintf("%s: hours here %v, in exchange_calendars %v", d, want, r[1:5]))
				}
			}
			var wantDiffs []string
			for d, why := range tc.diffs {
				if why == "" {
					continue
				}
				wantDiffs = append(wantDiffs, d)
			}
			slices.Sort(wantDiffs)
			var gotDates []string
			for _, g := range got {
				day, _, _ := strings.Cut(g, ":")
				if tc.diffs[day] == "" {
					t.Errorf("unexplained difference: %s", g)
				}
				gotDates = append(gotDates, day)
			}
			if !slices.Equal(gotDates, wantDiffs) {
				t.Errorf("differences on %v, want exactly %v", gotDates, wantDiffs)
			}
			// The size of the common range, so that a calendar that lost its
			// data cannot pass: exchange_calendars' counts over it.
			n := 0
			for d := range theirs {
				if d >= c.First && d <= to {
					n++
				}
			}
			if sessions-n != -len(wantDiffs) || n < 5000 {
				t.Errorf("%d sessions here, %d in exchange_calendars over %s..%s", sessions, n, c.First, to)
			}
		})
	}
}

// TestCalendarsMatchLean compares the holidays and early closes with
// Lean's market-hours database (US equities; HKFE, whose holidays are
// HKEX's) over the years it covers.
func TestCalendarsMatchLean(t *testing.T) {
	rows := readCSV(t, sharedCalendarFile(t, "lean_holidays_flat.csv"))
	for _, tc := range []struct {
		code, entry string
		from, to    Date
		close       string // Lean's local_time of an early close
		diffs       map[string]string
	}{
		{"XNYS", "Equity-usa-[*]", NewDate(2000, 1, 1), NewDate(2027, 12, 31), "13:00:00", map[string]string{
			"2011-01-01": "a Saturday: Lean lists New Year's Day, which NYSE did not observe on the Friday",
			"2022-01-01": "a Saturday: as 2011-01-01",
			"2017-12-24": "a Sunday: Lean lists an early close on a day without a session",
		}},
		// Lean's HKFE list runs 2017-01-02 to 2026-12-31, plus one entry
		// on 2027-06-18; it omits weather closures (SOURCES.md).
		{"XHKG", "Index-hkfe-[*]", NewDate(2017, 1, 1), NewDate(2027, 12, 31), "12:00:00", map[string]string{
			"2017-01-27": "Lunar New Year's Eve half day (exchange_calendars has it, a 04:00Z close); Lean has none",
			"2017-08-23": "Typhoon Hato closure, not in Lean",
			"2020-10-13": "Typhoon Nangka closure, not in Lean",
			"2021-10-13": "Typhoon Kompasu closure, not in Lean",
			"2023-07-17": "Typhoon Talim closure, not in Lean",
			"2023-09-01": "Typhoon Saola closure, not in Lean",
			"2023-09-08": "black rainstorm closure, not in Lean",
			"2024-09-06": "Typhoon Yagi closure, not in Lean",
			"2027-01-01": "Lean has no 2027 HKFE holidays but one",
			"2027-02-05": "as 2027-01-01 (Lunar New Year's Eve half day)",
			"2027-02-08": "as 2027-01-01", "2027-02-09": "as 2027-01-01",
			"2027-03-26": "as 2027-01-01", "2027-03-29": "as 2027-01-01",
			"2027-04-05": "as 2027-01-01", "2027-05-13": "as 2027-01-01",
			"2027-06-09": "as 2027-01-01 (Tuen Ng)",
			"2027-06-18": "Lean's one 2027 HKFE entry, a Friday that is no Hong Kong holiday: Tuen Ng 2027 is 06-09",
			"2027-07-01": "as 2027-01-01", "2027-09-16": "as 2027-01-01",
			"2027-10-01": "as 2027-01-01", "2027-10-08": "as 2027-01-01",
			"2027-12-24": "as 2027-01-01 (half day)", "2027-12-27": "as 2027-01-01",
			"2027-12-31": "as 2027-01-01 (half day)",
		}},
	} {
		t.Run(tc.code, func(t *testing.T) {
			c := mustCalendar(t, tc.code)
			type mark struct{ holiday, early bool }
			lean := map[Date]mark{}
			for _, r := range rows {
				if r[1] != tc.entry {
					continue
				}
				d, err := ParseDate(r[0])
				if err != nil {
					t.Fatal(err)
				}
				m := lean[d]
				switch r[2] {
				case "holiday":
					m.holiday = true
				case "early_close":
					if r[3] != tc.close {
						t.Errorf("%s: Lean's early close at %s, want %s", d, r[3], tc.close)
					}
					m.early = true
				}
				lean[d] = m
			}
			var got []string
			closed, early := 0, 0
			for d := tc.from; d <= tc.to; d++ {
				wd := d.Weekday()
				ours := mark{holiday: !c.IsSession(d) && wd != time.Saturday && wd != time.Sunday, early: c.Early(d)}
				if ours.holiday {
					closed++
				}
				if ours.early {
					early++
				}
				if ours != lean[d] {
					got = append(got, d.String())
					if tc.diffs[d.String()] == "" {
						t.Errorf("unexplained difference on %s (%s): here %+v, Lean %+v", d, wd, ours, lean[d])
					}
				}
			}
			for d := range tc.diffs {
				if !slices.Contains(got, d) {
					t.Errorf("listed difference %s is no longer one", d)
				}
			}
			t.Logf("%s: %d closed weekdays, %d early closes over %s..%s; %d differences from Lean", tc.code, closed, early, tc.from, tc.to, len(got))
		})
	}
}

func TestCalendarHours(t *testing.T) {
	for _, tc := range []struct {
		code     string
		d        Date
		session  bool
		close    string
		breakStr string
	}{
		{"XNYS", NewDate(2022, 10, 19), true, "16:00", ""},
		{"XNYS", NewDate(2022, 11, 25), true, "13:00", ""}, // day after Thanksgiving
		{"XNYS", NewDate(2025, 1, 9), false, "", ""},       // President Carter's funeral
		{"XNYS", NewDate(2026, 7, 3), false, "", ""},       // Independence Day observed
		{"XHKG", NewDate(2025, 1, 28), true, "12:00", ""},  // Lunar New Year's Eve (SOURCES.md: 04:00Z close)
		{"XHKG", NewDate(2010, 12, 31), true, "12:30", ""}, // before 2011-03-07 the morning ended 12:30
		{"XHKG", NewDate(2024, 3, 1), true, "16:00", "12:00-13:00"},
		{"XHKG", NewDate(2011, 6, 1), true, "16:00", "12:00-13:30"},
		{"XHKG", NewDate(2023, 9, 8), false, "", ""}, // black rainstorm
	} {
		c := mustCalendar(t, tc.code)
		hs, ok := c.Hours(tc.d)
		if ok != tc.session {
			t.Errorf("%s %s: session %v, want %v", tc.code, tc.d, ok, tc.session)
			continue
		}
		if !ok {
			continue
		}
		cl := clock(hs.Close)
		br := ""
		if hs.BreakStart != hs.BreakEnd {
			br = clock(hs.BreakStart) + "-" + clock(hs.BreakEnd)
		}
		if cl != tc.close || br != tc.breakStr {
			t.Errorf("%s %s: close %s break %q, want %s %q", tc.code, tc.d, cl, br, tc.close, tc.breakStr)
		}
	}
	c := mustCalendar(t, "XNYS")
	if d, ok := c.Next(NewDate(2025, 1, 9)); !ok || d != NewDate(2025, 1, 10) {
		t.Errorf("Next(2025-01-09) = %s %v, want 2025-01-10", d, ok)
	}
	if _, ok := c.Next(NewDate(2028, 1, 1)); ok {
		t.Error("Next after the calendar's range found a session")
	}
	if _, err := LookupCalendar("XLON"); err == nil {
		t.Error("LookupCalendar(XLON) succeeded")
	}
}

func TestParseDaysRejectsTypos(t *testing.T) {
	for _, s := range []string{"2024 01-06", "2024 02-01 01-02", "2024 13-01", "x 01-02"} {
		if _, err := parseDays(s); err == nil {
			t.Errorf("parseDays(%q) succeeded", s)
		}
	}
}

// TestCalendarsMatchRealPrices: Yahoo's daily files in ../shared/data have
// a row on every session of the calendar over their range and on no other
// day, but for the one hole listed. They are a check independent of
// exchange_calendars and Lean, and the only one for 2025-09 to 2026-02 on
// HKEX and 2023-01 to 2026-02 on NYSE.
func TestCalendarsMatchRealPrices(t *testing.T) {
	const shared = "../../../shared/data/"
	cases := []struct {
		code, file string
		holes      []Date
	}{
		{"XHKG", "alibaba/9988.HK_daily_2021-03_2026-02.csv", nil},
		{"XHKG", "benchmarks/HSI_daily_2021-06_2026-06.csv", nil},
		// 2012-03-19 was an ordinary Monday on HKEX: a hole in this file.
		{"XHKG", "benchmarks/HSI_daily_1986-12_2024-08.csv", []Date{NewDate(2012, 3, 19)}},
		{"XNYS", "alibaba/BABA_daily_2014-09_2024-03.csv", nil},
		{"XNYS", "alibaba/BABA_daily_2021-01_2026-03.csv", nil},
		{"XNYS", "benchmarks/NDX_daily_1985-10_2026-02.csv", nil},
		{"XNYS", "benchmarks/GSPC_daily_2021-06_2026-06.csv", nil},
	}
	// Every file of the two panels too: 83 Hang Seng stocks from 2020
	// (none has a row on 2023-09-01 or 2023-09-08), the Nasdaq-100 stocks.
	for _, p := range []struct{ code, dir string }{{"XHKG", "panel_hk/prices"}, {"XNYS", "panel_ndx/prices"}} {
		files, err := os.ReadDir(shared + p.dir)
		if err != nil {
			t.Skipf("real prices not available (%v): run beside ../shared/data", err)
		}
		for _, f := range files {
			cases = append(cases, struct {
				code, file string
				holes      []Date
			}{p.code, p.dir + "/" + f.Name(), nil})
		}
	}
	if len(cases) < 7+83 {
		t.Fatalf("%d files, want the 7 above and at least the 83 Hang Seng stocks", len(cases))
	}
	for _, tc := range cases {
		p := shared + tc.file
		if _, err := os.Stat(p); err != nil {
			t.Skipf("real prices not available (%v): run beside ../shared/data", err)
		}
		ss, err := ReadFile(p, "X")
		if err != nil {
			t.Fatal(err)
		}
		c := mustCalendar(t, tc.code)
		s := ss[0]
		in := map[Date]bool{}
		for _, d := range s.Dates {
			in[d] = true
			if c.Covers(d) && !c.IsSession(d) {
				t.Errorf("%s: a row on %s, not a %s session", tc.file, d, tc.code)
			}
		}
		var holes []Date
		sessions := c.Sessions(s.Dates[0], s.Dates[len(s.Dates)-1])
		for _, d := range sessions {
			if !in[d] {
				holes = append(holes, d)
			}
		}
		if !slices.Equal(holes, tc.holes) || len(sessions) < 250 {
			t.Errorf("%s: sessions without a row %v, want %v (%d sessions)", tc.file, holes, tc.holes, len(sessions))
		}
	}
}

// TestOnSessions: a week of NYSE prices around Thanksgiving 2024 with
// Tuesday's row missing and a stray Saturday row. Thanksgiving is a
// holiday (no row, none wanted); Tuesday is a session without a price.
func TestOnSessions(t *testing.T) {
	c := mustCalendar(t, "XNYS")
	d := func(day int) Date { return NewDate(2024, 11, day) }
	s := &Series{Ticker: "X", Dates: []Date{d(25), d(27), d(29), d(30), NewDate(2024, 12, 2)},
		Values: []float64{100, 102, 103, 99, 104}, Volume: []float64{1, 2, 3, 4, 5}}
	out, missing, dropped := s.OnSessions(c)
	wantDates := []Date{d(25), d(26), d(27), d(29), NewDate(2024, 12, 2)}
	if !slices.Equal(out.Dates, wantDates) || !slices.Equal(missing, []Date{d(26)}) || !slices.Equal(dropped, []Date{d(30)}) {
		t.Fatalf("dates %v missing %v dropped %v, want %v, [%s], [%s]", out.Dates, missing, dropped, wantDates, d(26), d(30))
	}
	r := out.Returns(false)
	// 2024-11-27's return would span two sessions: missing, like 11-26's.
	if !math.IsNaN(r[1]) || !math.IsNaN(r[2]) || math.Abs(r[3]-(103.0/102-1)) > 1e-15 || math.Abs(r[4]-(104.0/103-1)) > 1e-15 {
		t.Errorf("returns %v", r)
	}
	if !math.IsNaN(out.Volume[1]) || out.Volume[4] != 5 {
		t.Errorf("volume %v", out.Volume)
	}
}

// TestXNYSRules derives NYSE's holidays and early closes 2000-2027 from the
// exchange's rules (NYSE Rule 7.2 and its holiday announcements) and
// compares them with the lists in calendar_xnys.go: the lists differ from
// the rules only by the closures and early closes named here. It is a check
// independent of the shared files, and the only one for NYSE in 2027 but
// Lean.
func TestXNYSRules(t *testing.T) {
	nth := func(y int, m time.Month, wd time.Weekday, n int) Date { // n-th wd of the month; n < 0: last
		if n < 0 {
			d := NewDate(y, m+1, 0)
			for d.Weekday() != wd {
				d--
			}
			return d
		}
		d := NewDate(y, m, 1)
		for d.Weekday() != wd {
			d++
		}
		return d + Date(7*(n-1))
	}
	easter := func(y int) Date { // Anonymous Gregorian algorithm (Meeus)
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		month := (h + l - 7*m + 114) / 31
		day := (h+l-7*m+114)%31 + 1
		return NewDate(y, time.Month(month), day)
	}
	observed := func(d Date) Date {
		switch d.Weekday() {
		case time.Saturday:
			return d - 1
		case time.Sunday:
			return d + 1
		}
		return d
	}
	closed, early := map[Date]bool{}, map[Date]bool{}
	for y := 2000; y <= 2027; y++ {
		if nyd := NewDate(y, 1, 1); nyd.Weekday() != time.Saturday { // not moved into December
			closed[observed(nyd)] = true
		}
		closed[nth(y, 1, time.Monday, 3)] = true // Martin Luther King Jr. Day
		closed[nth(y, 2, time.Monday, 3)] = true // Washington's Birthday
		closed[easter(y)-2] = true               // Good Friday
		closed[nth(y, 5, time.Monday, -1)] = true
		if y >= 2022 {
			closed[observed(NewDate(y, 6, 19))] = true // Juneteenth
		}
		closed[observed(NewDate(y, 7, 4))] = true
		closed[nth(y, 9, time.Monday, 1)] = true
		thanks := nth(y, 11, time.Thursday, 4)
		closed[thanks] = true
		closed[observed(NewDate(y, 12, 25))] = true
		early[thanks+1] = true
		for _, d := range []Date{NewDate(y, 7, 3), NewDate(y, 12, 24)} {
			if wd := d.Weekday(); wd >= time.Monday && wd <= time.Thursday {
				early[d] = true
			}
		}
	}
	// The exceptions, each a fact with its source.
	special := map[string]bool{ // closures
		"2001-09-11": true, "2001-09-12": true, "2001-09-13": true, "2001-09-14": true, // September 11
		"2004-06-11": true,                     // Reagan
		"2007-01-02": true,                     // Ford
		"2012-10-29": true, "2012-10-30": true, // Hurricane Sandy
		"2018-12-05": true, // G. H. W. Bush
		"2025-01-09": true, // Carter
	}
	earlyDiff := map[string]bool{
		"2002-07-03": true, // 2002: NYSE closed early on Friday July 5, not on July 3
		"2002-07-05": true,
		"2003-12-26": true, // an extra early close the day after Christmas 2003
	}
	c := mustCalendar(t, "XNYS")
	var gotClosed, gotEarly []string
	for d := c.First; d <= c.Last; d++ {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if !c.IsSession(d) != closed[d] {
			gotClosed = append(gotClosed, d.String())
		}
		if c.Early(d) != early[d] {
			gotEarly = append(gotEarly, d.String())
		}
	}
	for _, tc := range []struct {
		what string
		got  []string
		want map[string]bool
	}{{"closed", gotClosed, special}, {"early", gotEarly, earlyDiff}} {
		var want []string
		for d := range tc.want {
			want = append(want, d)
		}
		slices.Sort(want)
		if !slices.Equal(tc.got, want) {
			t.Errorf("%s days differing from the rules: %v, want %v", tc.what, tc.got, want)
		}
	}
}
