package study

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// TestSharedDateWarnings: the count of events whose day 0 another event
// shares, the number of such dates and the busiest one; nothing when every
// day 0 is its own.
func TestSharedDateWarnings(t *testing.T) {
	d := prices.NewDate(2024, 3, 15)
	tail := ": their abnormal returns are correlated across events, which the classic tests assume away, so their significance is overstated; " +
		"see the Kolari-Pynnönen adjusted tests patell-kp and bmp-kp (tests.csv)."
	for _, tt := range []struct {
		name string
		days []prices.Date
		want []string
	}{
		{"distinct", []prices.Date{d, d + 1, d + 4}, nil},
		{"one date", []prices.Date{d + 4, d, d + 1, d}, []string{"2 of 4 events share their day 0 with another event (all on 2024-03-15)" + tail}},
		// Two dates with 3 events each: the earlier is named.
		{"tie", []prices.Date{d + 5, d + 1, d + 5, d + 1, d + 5, d + 1, d + 2}, []string{"6 of 7 events share their day 0 with another event (2 dates; the most on 2024-03-16, 3 events)" + tail}},
		{"busiest", []prices.Date{d, d, d + 1, d + 1, d + 1}, []string{"5 of 5 events share their day 0 with another event (2 dates; the most on 2024-03-16, 3 events)" + tail}},
	} {
		var events []*Event
		for _, day := range tt.days {
			events = append(events, &Event{Day0: day})
		}
		if got := sharedDateWarnings(events); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// dropRows returns a copy of s without rows from..to-1: a hole in its
// prices.
func dropRows(s *prices.Series, from, to int) *prices.Series {
	c := *s
	c.Dates = append(append([]prices.Date{}, s.Dates[:from]...), s.Dates[to:]...)
	c.Values = append(append([]float64{}, s.Values[:from]...), s.Values[to:]...)
	return &c
}

// TestGaps: a security without prices on 40 days on which its benchmark
// traded (rows 400..439 of the market). An event dated inside the hole is
// skipped; so is one whose day-0 return would span it; one whose
// estimation window holds the hole is computed without the return across
// it (239 of 240 estimation returns) and the hole is named in a warning.
// Trade-to-trade returns span the hole and compute all three.
func TestGaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	series := panel(rng, 1, 700, 0.01, nil)
	series[ticker(0)] = dropRows(series[ticker(0)], 400, 440)
	series[ticker(0)].File = "saa.csv"
	dates := series["MKT"].Dates
	list := &prices.EventList{Events: []prices.Event{
		{ID: "inside", Ticker: ticker(0), Date: dates[420], Line: 2},
		{ID: "after", Ticker: ticker(0), Date: dates[440], Line: 3},
		{ID: "later", Ticker: ticker(0), Date: dates[600], Line: 4},
	}}
	// The synthetic market trades every weekday; NYSE's calendar (SAA has
	// no suffix: New York) has 39 sessions among them, Labor Day
	// 2021-09-06 being a holiday.
	hole := "no prices between " + dates[399].String() + " and " + dates[440].String() + " while XNYS held 39 sessions, the first " + dates[400].String() + " (a data gap)"
	res, err := Run(config(), list, series)
	if err != nil {
		t.Fatal(err)
	}
	wantSkip := map[string]string{
		"inside": "the event date " + dates[420].String() + " falls in a gap of SAA: " + hole + "; day 0 would be " + dates[440].String() +
			", not the day of the news; use --returns trade-to-trade to study it",
		"after": "SAA has " + hole + ": the day +0 return (" + dates[440].String() + ") would span them; use --returns trade-to-trade to study it",
	}
	if len(res.Skipped) != 2 {
		t.Fatalf("skipped %+v, want inside and after", res.Skipped)
	}
	for _, s := range res.Skipped {
		if s.Reason != wantSkip[s.ID] {
			t.Errorf("skip %s: %q, want %q", s.ID, s.Reason, wantSkip[s.ID])
		}
	}
	// 240 estimation days (-250..-11), one return across the hole.
	if len(res.Events) != 1 || res.Events[0].Fit.M != 239 {
		t.Fatalf("events %d, M %d; want later with M = 239", len(res.Events), res.Events[0].Fit.M)
	}
	want := []string{"SAA (saa.csv) has " + hole + ": a return across such a hole spans several days, not one, so it is left out of the estimation window of 1 event (later); " +
		"use --returns trade-to-trade to keep it."}
	if !slices.Equal(res.Warnings, want) {
		t.Errorf("warnings %q, want %q", res.Warnings, want)
	}

	c := config()
	c.TradeToTrade = true
	res, err = Run(c, list, series)
	if err != nil {
		t.Fatal(err)
	}
	// inside and after both get day 0 on the first price after the hole:
	// the only warning is that they share it.
	if len(res.Events) != 3 || len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], "2 of 3 events share their day 0") {
		t.Errorf("trade-to-trade: %d events, warnings %q; want 3 and only the shared day 0", len(res.Events), res.Warnings)
	}
}

// TestImplausibleWarnings: a price written ten times too large on row 300
// (a misplaced decimal point) makes a return of about +900% and one of
// about -90%, both named for an event whose estimation window (rows
// 150..389) holds them, with their size in robust sd; an event whose days
// do not reach row 300 gets no warning, nor does the noise (sd 2%: 20 sd
// is 40%).
func TestImplausibleWarnings(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	series := panel(rng, 1, 700, 0.02, nil)
	s := series[ticker(0)]
	s.File = "saa.csv"
	s.Values[300] *= 10
	dates := s.Dates
	for _, tt := range []struct {
		day0 int
		want string
	}{
		{400, ""},
		{600, "none"},
	} {
		list := &prices.EventList{Events: []prices.Event{{ID: "e", Ticker: ticker(0), Date: dates[tt.day0], Line: 2}}}
		res, err := Run(config(), list, series)
		if err != nil {
			t.Fatal(err)
		}
		if tt.want == "none" {
			if len(res.Warnings) != 0 {
				t.Errorf("event on row %d: warnings %q, want none", tt.day0, res.Warnings)
			}
			continue
		}
		r := s.Returns(false)
		if len(res.Warnings) != 1 {
			t.Fatalf("event on row %d: warnings %q, want one", tt.day0, res.Warnings)
		}
		w := res.Warnings[0]
		// The two returns as the warning prints them, from the prices.
		for _, j := range []int{300, 301} {
			if want := fmt.Sprintf("%+.1f%% on %s (", 100*r[j], dates[j]); !strings.Contains(w, want) {
				t.Errorf("warning %q does not name %s", w, want)
			}
		}
		if !strings.HasPrefix(w, "SAA (saa.csv) has daily returns beyond what its own history makes plausible (robust sd ") ||
			!strings.HasSuffix(w, "; 1 event uses them (e). Check the prices on and before those dates (an unadjusted split, a misplaced decimal point?).") {
			t.Errorf("warning %q", w)
		}
	}
}

// factorCase builds a security whose returns are RF + 1.1 Mkt-RF + 0.4 SMB
// - 0.3 HML + 1% noise, with the factors (sd 1% a day) in decimals, and
// then writes the factor file's values scaled by scale and RF as rf.
func factorCase(ticker string, scale, rf float64, market string) (map[string]*prices.Series, *prices.Factors) {
	rng := rand.New(rand.NewPCG(71, 72))
	series := panel(rng, 1, 500, 0, nil)
	s := series["SAA"]
	s.Ticker = ticker
	series = map[string]*prices.Series{ticker: s}
	f := &prices.Factors{File: "ff.csv", Names: []string{"Mkt-RF", "SMB", "HML"}, Dates: s.Dates, RF: make([]float64, 500), Values: make([][]float64, 3), Market: market}
	for j := range f.Values {
		f.Values[j] = make([]float64, 500)
	}
	for i := 1; i < 500; i++ {
		x := [3]float64{0.01 * rng.NormFloat64(), 0.01 * rng.NormFloat64(), 0.01 * rng.NormFloat64()}
		r := 0.0001 + 1.1*x[0] + 0.4*x[1] - 0.3*x[2] + 0.01*rng.NormFloat64()
		s.Values[i] = s.Values[i-1] * (1 + r)
		f.RF[i] = rf
		for j := range 3 {
			f.Values[j][i] = scale * x[j]
		}
	}
	return series, f
}

// TestFactorWarnings: factors 100 times too large (percent read as
// decimals) or too small, an RF of 5% a day (an annual percentage), and
// US factors for a Hong Kong ticker are each warned about; factors in
// the right unit and market are not.
func TestFactorWarnings(t *testing.T) {
	for _, tt := range []struct {
		name, ticker, market string
		scale, rf            float64
		want                 []string // substrings, one per warning
	}{
		{"decimals", "SAA", "US", 1, 0.0001, nil},
		{"percent as decimals", "SAA", "", 100, 0.0001, []string{"the factors look written in percent but read as decimals"}},
		{"decimals as percent", "SAA", "", 0.01, 0.0001, []string{"the factors look divided by 100 once too often"}},
		{"annual RF", "SAA", "", 1, 5, []string{"ff.csv: the risk-free rate RF is 5 on "}},
		{"US factors, HK ticker", "SAA.HK", "US", 1, 0.0001, []string{"ff.csv holds US factors, but SAA.HK (HKEX) trade elsewhere"}},
		{"Asian factors, HK ticker", "SAA.HK", "Asia Pacific ex Japan", 1, 0.0001, nil},
	} {
		series, f := factorCase(tt.ticker, tt.scale, tt.rf, tt.market)
		list := &prices.EventList{Events: []prices.Event{{ID: "e", Ticker: tt.ticker, Date: series[tt.ticker].Dates[400], Line: 2}}}
		c := config()
		c.Model, c.Factors, c.Market = stats.FF3, f, ""
		res, err := Run(c, list, series)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		ok := len(res.Warnings) == len(tt.want)
		for i := 0; ok && i < len(tt.want); i++ {
			ok = strings.Contains(res.Warnings[i], tt.want[i])
		}
		if !ok {
			t.Errorf("%s: warnings %q, want %q", tt.name, res.Warnings, tt.want)
		}
	}
}

// TestGapAlibaba: the real 9988.HK file with two months cut out (the 43
// rows after 2025-05-30 up to 2025-08-01; HKEX's calendar has 43 sessions
// between them, and ^HSI traded on the same 43 days: awk over
// HSI_daily_2021-06_2026-06.csv counts 43 dates strictly between them).
// An event dated 2025-07-02, inside the hole, used to get day 0 on
// 2025-08-01 and a nine-week return tested as one day's; it is skipped with
// the reason. The 2025-11-14 event keeps 239 of its 240 estimation
// returns (the one across the hole is left out, and said). A hole between
// the estimation and event windows (days -10..-6) costs nothing and is not
// named.
func TestGapAlibaba(t *testing.T) {
	needShared(t, "alibaba/9988.HK_daily_2021-03_2026-02.csv")
	load := func() map[string]*prices.Series {
		series := map[string]*prices.Series{}
		for _, spec := range []string{"9988.HK=" + shared + "alibaba/9988.HK_daily_2021-03_2026-02.csv", "^HSI=" + shared + "benchmarks/HSI_daily_2021-06_2026-06.csv"} {
			ss, err := prices.Load(spec)
			if err != nil {
				t.Fatal(err)
			}
			series[ss[0].Ticker] = ss[0]
		}
		return series
	}
	c := config()
	c.Market = "^HSI"
	for _, tt := range []struct {
		last, next prices.Date
		rows       int
		events     []prices.Event
		skip       string
		m          int
		warn       string
	}{
		{prices.NewDate(2025, 5, 30), prices.NewDate(2025, 8, 1), 43, []prices.Event{
			{ID: "inside", Ticker: "9988.HK", Date: prices.NewDate(2025, 7, 2), Line: 2},
			{ID: "nov14", Ticker: "9988.HK", Date: prices.NewDate(2025, 11, 14), Line: 3},
		}, "the event date 2025-07-02 falls in a gap of 9988.HK: no prices between 2025-05-30 and 2025-08-01 while XHKG held 43 sessions, the first 2025-06-02 (a data gap); " +
			"day 0 would be 2025-08-01, not the day of the news; use --returns trade-to-trade to study it",
			239, "9988.HK_daily_2021-03_2026-02.csv) has no prices between 2025-05-30 and 2025-08-01 while XHKG held 43 sessions, the first 2025-06-02 (a data gap): a return across such a hole spans several days"},
		// 2025-11-03 is day -9 of the 2025-11-14 event (9 rows before it).
		{prices.NewDate(2025, 8, 29), prices.NewDate(2025, 11, 3), 42, []prices.Event{
			{ID: "nov14", Ticker: "9988.HK", Date: prices.NewDate(2025, 11, 14), Line: 3},
		}, "", 240, ""},
	} {
		series := load()
		s := series["9988.HK"]
		from, _ := s.Index(tt.last + 1)
		to, _ := s.Index(tt.next)
		if to-from != tt.rows {
			t.Fatalf("%d rows between %s and %s, want %d", to-from, tt.last, tt.next, tt.rows)
		}
		series["9988.HK"] = dropRows(s, from, to)
		res, err := Run(c, &prices.EventList{Events: tt.events}, series)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tt.skip == "" && len(res.Skipped) != 0:
			t.Errorf("hole to %s: skipped %+v, want none", tt.next, res.Skipped)
		case tt.skip != "" && (len(res.Skipped) != 1 || res.Skipped[0].Reason != tt.skip):
			t.Errorf("hole to %s: skipped %+v, want %s", tt.next, res.Skipped, tt.skip)
		}
		if len(res.Events) != 1 || res.Events[0].Fit.M != tt.m {
			t.Fatalf("hole to %s: computed %d events (M %d), want nov14 with M = %d", tt.next, len(res.Events), res.Events[0].Fit.M, tt.m)
		}
		if got := strings.Join(res.Warnings, "\n"); (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
			t.Errorf("hole to %s: warnings %q, want %q", tt.next, res.Warnings, tt.warn)
		}
	}
}

// TestGapExchangeColumn: the real 9988.HK prices under a ticker without a
// suffix. Read as New York's (no exchange column), HKEX's holidays in the
// estimation window are NYSE sessions without a price, holes; with the
// event's exchange HKEX (the event list's exchange column) they are
// holidays, and all 240 estimation returns are kept.
func TestGapExchangeColumn(t *testing.T) {
	needShared(t, "alibaba/9988.HK_daily_2021-03_2026-02.csv")
	series := map[string]*prices.Series{}
	for _, spec := range []string{"ALIBABA=" + shared + "alibaba/9988.HK_daily_2021-03_2026-02.csv", "^HSI=" + shared + "benchmarks/HSI_daily_2021-06_2026-06.csv"} {
		ss, err := prices.Load(spec)
		if err != nil {
			t.Fatal(err)
		}
		series[ss[0].Ticker] = ss[0]
	}
	hk, err := prices.LookupExchange("HKEX")
	if err != nil {
		t.Fatal(err)
	}
	c := config()
	c.Market = "^HSI"
	for _, tt := range []struct {
		exchange prices.Exchange
		m        int
		warn     string
	}{
		// HKEX closed on NYSE sessions in the estimation window (to day
		// -11, 2025-10-30): 2024-12-26, 2025-01-29..31, 04-04, 04-21,
		// 05-01, 05-05, 07-01, 10-01, 10-07, 10-29 (calendar_xhkg.go):
		// 10 holes, 10 returns lost of 240.
		{prices.ExchangeOf("ALIBABA"), 230, "ALIBABA (" + shared + "alibaba/9988.HK_daily_2021-03_2026-02.csv) has no price for the XNYS session 2024-12-26"},
		{hk, 240, ""},
	} {
		ev := prices.Event{ID: "nov14", Ticker: "ALIBABA", Date: prices.NewDate(2025, 11, 14), Exchange: tt.exchange, Line: 2}
		res, err := Run(c, &prices.EventList{Events: []prices.Event{ev}}, series)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(res.Warnings, "\n")
		if res.Events[0].Fit.M != tt.m || (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
			t.Errorf("exchange %s: M %d, warnings %q; want M %d and %q", tt.exchange.Code, res.Events[0].Fit.M, res.Warnings, tt.m, tt.warn)
		}
	}
}

// TestImplausibleTotalLoss: a file of returns may hold -1 (a total loss),
// whose log is -Inf: the warning printed "robust sd NaN%" and "NaN robust
// sd" (found by scripts/hostile.sh). A total loss is named as one.
func TestImplausibleTotalLoss(t *testing.T) {
	rng := rand.New(rand.NewPCG(63, 64))
	series := panel(rng, 1, 700, 0.02, nil)
	s := series[ticker(0)]
	s.File = "saa.csv"
	s.Values = s.Returns(false)
	s.IsReturn = true
	list := &prices.EventList{Events: []prices.Event{{ID: "e", Ticker: ticker(0), Date: s.Dates[400], Line: 2}}}
	for _, tc := range []struct {
		from, to int // rows of -1
		prefix   string
	}{
		{300, 300, "SAA (saa.csv) has daily returns beyond what its own history makes plausible (robust sd "},
		// Most of the history: no robust sd to say (it was NaN).
		{1, 699, "SAA (saa.csv) has daily returns beyond what its own history makes plausible: -100.0% on "},
	} {
		for j := tc.from; j <= tc.to; j++ {
			s.Values[j] = -1
		}
		res, err := Run(config(), list, series)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 1 {
			t.Fatalf("warnings %q, want one", res.Warnings)
		}
		w := res.Warnings[0]
		if !strings.Contains(w, fmt.Sprintf("-100.0%% on %s (a total loss)", s.Dates[tc.to])) && tc.from == tc.to ||
			!strings.Contains(w, "(a total loss), and 253 more; 1 event uses them (e).") && tc.from != tc.to ||
			strings.Contains(w, "NaN") || !strings.HasPrefix(w, tc.prefix) {
			t.Errorf("-1 on rows %d..%d: warning %q", tc.from, tc.to, w)
		}
	}
}
