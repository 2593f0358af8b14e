package synth

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

func TestCalendar(t *testing.T) {
	days := calendar(prices.NewDate(2015, time.January, 2), 260)
	// 2015-01-02 is a Friday; 2015-07-03 is a Friday and 2015-07-04 a
	// Saturday, so the first holiday that is a weekday is 2015-12-25.
	if days[0].String() != "2015-01-02" || days[1].String() != "2015-01-05" {
		t.Errorf("first days %s %s", days[0], days[1])
	}
	for i, d := range days {
		_, m, dd := d.Time().Date()
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || (m == time.December && dd == 25) || (m == time.January && dd == 1) {
			t.Errorf("day %d: %s (%s) is not a trading day", i, d, wd)
		}
	}
	// 2015 has 261 weekdays; less 1 January (a Thursday) and Christmas (a
	// Friday), 259 trading days; 2016-01-01 is a Friday, so the 260th is
	// Monday 2016-01-04.
	if d259, d260 := days[258].String(), days[259].String(); d259 != "2015-12-31" || d260 != "2016-01-04" {
		t.Errorf("days 259 and 260 are %s and %s, want 2015-12-31 and 2016-01-04", d259, d260)
	}
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Tickers: 30, Days: 200, Events: 50, Seed: 3}
	sum := func(cfg Config) string {
		p, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		if err := p.Write(Writers{PanelCSV: h, PanelParquet: h, MarketCSV: h}); err != nil {
			t.Fatal(err)
		}
		p.WriteEvents(h)
		p.WriteSecurities(h)
		return fmt.Sprintf("%x", h.Sum(nil))
	}
	a, b := sum(cfg), sum(cfg)
	if a != b {
		t.Error("two runs with one seed differ")
	}
	cfg.Seed = 4
	if sum(cfg) == a {
		t.Error("seeds 3 and 4 give the same files")
	}
}

func TestPanel(t *testing.T) {
	p, err := New(Config{Tickers: 200, Days: 400, Events: 1000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := p.Write(Writers{PanelCSV: &csv}); err != nil {
		t.Fatal(err)
	}
	series, err := prices.Read(&csv, "panel.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 200 || len(p.Events) != 1000 {
		t.Fatalf("%d series, %d events", len(series), len(p.Events))
	}
	late, missing := 0, 0
	for i, s := range series {
		sec := p.Securities[i]
		if s.Ticker != sec.Ticker || len(s.Dates) != len(p.Days)-sec.Listed || s.Dates[0] != p.Days[sec.Listed] {
			t.Errorf("%s: %d dates from %s, want %d from %s", s.Ticker, len(s.Dates), s.Dates[0], len(p.Days)-sec.Listed, p.Days[sec.Listed])
		}
		if sec.Listed > 0 {
			late++
		}
		for _, v := range s.Values {
			if math.IsNaN(v) {
				missing++
			}
		}
	}
	// 2% of 200 securities list late and 1 in 2000 of ~80,000 prices is
	// missing, by construction: expect about 4 and 40.
	if late == 0 || missing == 0 {
		t.Errorf("%d late listings, %d missing prices: the skip paths go untested", late, missing)
	}
	groups := map[string]int{}
	for k, e := range p.Events {
		groups[e.Group]++
		if k > 0 && (e.Day < p.Events[k-1].Day || (e.Day == p.Events[k-1].Day && e.Sec <= p.Events[k-1].Sec)) {
			t.Errorf("events %d and %d out of order or on the same security and day", k-1, k)
		}
		if want := map[string]float64{"good": 0.01, "bad": -0.01}[e.Group]; e.AR != want && !(e.AR == 0 && e.Day <= p.Securities[e.Sec].Listed) {
			t.Errorf("event %s: AR %v in group %s", e.ID, e.AR, e.Group)
		}
	}
	if groups["good"] < 400 || groups["bad"] < 400 {
		t.Errorf("groups %v", groups)
	}
}

// TestModel regresses a security's generated returns on the market's: the
// estimates fall within 4 standard errors of the true alpha and beta.
func TestModel(t *testing.T) {
	p, err := New(Config{Tickers: 3, Days: 2000, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var prevM float64
	prev := make([]float64, 3)
	var rm []float64
	r := make([][]float64, 3)
	err = p.Generate(func(day int, m Row, rows []Row) error {
		for _, row := range rows {
			if day > p.Securities[row.Sec].Listed && len(r[row.Sec]) < len(rm)+1 {
				r[row.Sec] = append(r[row.Sec], row.Close/prev[row.Sec]-1) // NaN after a missing price
			}
			prev[row.Sec] = row.Close
		}
		if day > 0 {
			rm = append(rm, m.Close/prevM-1)
		}
		prevM = m.Close
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range p.Securities {
		if s.Listed > 0 {
			continue
		}
		var x, y []float64
		for j, v := range r[i] {
			if !math.IsNaN(v) {
				x, y = append(x, rm[j]), append(y, v)
			}
		}
		n := float64(len(x))
		var mx, my float64
		for j := range x {
			mx, my = mx+x[j]/n, my+y[j]/n
		}
		var sxx, sxy float64
		for j := range x {
			sxx += (x[j] - mx) * (x[j] - mx)
			sxy += (x[j] - mx) * (y[j] - my)
		}
		beta := sxy / sxx
		// OLS standard error of the slope: sigma / sqrt(Sxx).
		if se := s.Sigma / math.Sqrt(sxx); math.Abs(beta-s.Beta) > 4*se {
			t.Errorf("%s: beta %.4f, true %.4f (se %.4f)", s.Ticker, beta, s.Beta, se)
		}
	}
}

func TestNewErrors(t *testing.T) {
	for _, tt := range []struct {
		cfg  Config
		want string
	}{
		{Config{Tickers: 0, Days: 10}, "tickers 0: want 1 to 99999"},
		{Config{Tickers: 100000, Days: 10}, "tickers 100000: want 1 to 99999"},
		{Config{Tickers: 1, Days: 1}, "days 1: want 2 to 25000"},
		{Config{Tickers: 1, Days: 25001}, "days 25001: want 2 to 25000"},
		{Config{Tickers: 1, Days: 10, Events: -1}, "events -1: want 0 to 1000000"},
		{Config{Tickers: 99999, Days: 25000, Events: 1000001}, "events 1000001: want 0 to 1000000"},
		{Config{Tickers: 1, Days: 10, Events: 6}, "6 events: want at most 4 for 1 tickers over 10 days"},
		{Config{Tickers: 1, Days: 10, Effect: math.NaN()}, "effect NaN: want a return between -1 and 1"},
	} {
		if _, err := New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%+v) = %v, want %s", tt.cfg, err, tt.want)
		}
	}
}

func BenchmarkWriteCSV(b *testing.B) {
	p, err := New(Config{Tickers: 1000, Days: 250, Events: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var n countWriter
	for b.Loop() {
		if err := p.Write(Writers{PanelCSV: &n}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(n) / int64(b.N))
	b.ReportMetric(float64(250_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

type countWriter int

func (w *countWriter) Write(b []byte) (int, error) { *w += countWriter(len(b)); return len(b), nil }
