package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// Market is the ticker of the synthetic market index.
const Market = "SYNMKT"

// The market model of the index and the shares of odd securities; see the
// package documentation.
const (
	marketMean  = 0.0003 // daily mean return of SYNMKT
	marketSD    = 0.01   // its daily standard deviation
	lateShare   = 0.02   // share of securities that list after the first day
	missingRate = 1.0 / 2000
)

// Config says what to generate. Zero Start and Effect take their defaults.
type Config struct {
	Tickers int    // securities SYN00001, SYN00002, ...
	Days    int    // trading days
	Events  int    // events, at most one per security and day
	Seed    uint64 // everything follows from it
	// Start is the first calendar day of the calendar (default 2015-01-02);
	// the first trading day is the first weekday on or after it that is not
	// a holiday.
	Start prices.Date
	// Effect is the abnormal return injected on day 0: +Effect for the
	// events of group good, -Effect for group bad (default 0.01).
	Effect float64
}

// Security is one synthetic security and its true market-model parameters.
type Security struct {
	Ticker             string
	Alpha, Beta, Sigma float64
	// Listed is the index in Panel.Days of its first row: 0 for most, later
	// for the few that list late.
	Listed int
	price0 float64 // price on the listing day
	logVol float64 // mean of log volume
}

// Event is one synthetic event.
type Event struct {
	ID     string
	Sec    int // index in Panel.Securities
	Ticker string
	Day    int // index in Panel.Days of day 0
	Date   prices.Date
	Group  string // "good" or "bad"
	// AR is the abnormal return injected on day 0: ±Effect, or 0 when the
	// security has no return that day (on or before its listing day).
	AR float64
}

// Panel is a generated study: its calendar, securities and events. The
// prices themselves are generated on demand by Generate.
type Panel struct {
	Config     Config
	Days       []prices.Date
	Securities []Security
	Events     []Event   // sorted by day, then security
	inject     [][]event // by day: the injected returns, by security
}

type event struct {
	sec int
	ar  float64
}

// Bounds of Config. Tickers are named SYN00001 to SYN99999. MaxDays is
// about 99 years of trading days, as long as the longest window a study
// accepts (stats.MaxOffset). MaxEvents is ten times the largest benchmark
// (100,000 events); the events are held in memory, about 130 bytes each.
const (
	MaxTickers = 99999
	MaxDays    = 25000
	MaxEvents  = 1000000
)

// New draws the calendar, the securities and the events of cfg.
func New(cfg Config) (*Panel, error) {
	switch {
	case cfg.Tickers < 1 || cfg.Tickers > MaxTickers:
		return nil, fmt.Errorf("tickers %d: want 1 to %d", cfg.Tickers, MaxTickers)
	case cfg.Days < 2 || cfg.Days > MaxDays:
		return nil, fmt.Errorf("days %d: want 2 to %d", cfg.Days, MaxDays)
	case cfg.Events < 0 || cfg.Events > MaxEvents:
		return nil, fmt.Errorf("events %d: want 0 to %d", cfg.Events, MaxEvents)
	case math.IsNaN(cfg.Effect) || math.IsInf(cfg.Effect, 0) || math.Abs(cfg.Effect) >= 1:
		return nil, fmt.Errorf("effect %v: want a return between -1 and 1", cfg.Effect)
	}
	if cfg.Start == 0 {
		cfg.Start = prices.NewDate(2015, time.January, 2)
	}
	if cfg.Effect == 0 {
		cfg.Effect = 0.01
	}
	// Events fall in the last 90% of the days, so that most have a year of
	// estimation data on a 10-year panel.
	lo := cfg.Days / 10
	if slots := cfg.Tickers * (cfg.Days - lo); cfg.Events > slots/2 {
		return nil, fmt.Errorf("%d events: want at most %d for %d tickers over %d days", cfg.Events, slots/2, cfg.Tickers, cfg.Days)
	}
	p := &Panel{Config: cfg, Days: calendar(cfg.Start, cfg.Days)}

	rng := rand.New(rand.NewPCG(cfg.Seed, 1))
	p.Securities = make([]Security, cfg.Tickers)
	for i := range p.Securities {
		s := Security{
			Ticker: fmt.Sprintf("SYN%05d", i+1),
			Alpha:  0.0002 * rng.NormFloat64(),
			Beta:   0.5 + rng.Float64(),
			Sigma:  0.01 + 0.02*rng.Float64(),
			price0: 10 + 90*rng.Float64(),
			logVol: 11 + 3*rng.Float64(),
		}
		if rng.Float64() < lateShare {
			s.Listed = 1 + rng.IntN(cfg.Days*3/4)
		}
		p.Securities[i] = s
	}

	rng = rand.New(rand.NewPCG(cfg.Seed, 2))
	taken := make(map[int]bool, cfg.Events)
	p.Events = make([]Event, 0, cfg.Events)
	for len(p.Events) < cfg.Events {
		sec, day := rng.IntN(cfg.Tickers), lo+rng.IntN(cfg.Days-lo)
		if key := day*cfg.Tickers + sec; taken[key] {
			continue
		} else {
			taken[key] = true
		}
		e := Event{Sec: sec, Ticker: p.Securities[sec].Ticker, Day: day, Date: p.Days[day], Group: "good", AR: cfg.Effect}
		if rng.IntN(2) == 1 {
			e.Group, e.AR = "bad", -cfg.Effect
		}
		if day <= p.Securities[sec].Listed {
			e.AR = 0
		}
		p.Events = append(p.Events, e)
	}
	slices.SortFunc(p.Events, func(a, b Event) int {
		if a.Day != b.Day {
			return a.Day - b.Day
		}
		return a.Sec - b.Sec
	})
	width := len(strconv.Itoa(cfg.Events))
	p.inject = make([][]event, cfg.Days)
	for k := range p.Events {
		e := &p.Events[k]
		e.ID = fmt.Sprintf("E%0*d", width, k+1)
		if e.AR != 0 {
			p.inject[e.Day] = append(p.inject[e.Day], event{e.Sec, e.AR})
		}
	}
	return p, nil
}

// calendar lists n trading days from start on: weekdays less New Year's
// Day, 4 July and Christmas.
func calendar(start prices.Date, n int) []prices.Date {
	days := make([]prices.Date, 0, n)
	for d := start; len(days) < n; d++ {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		_, m, dd := d.Time().Date()
		if (m == time.January && dd == 1) || (m == time.July && dd == 4) || (m == time.December && dd == 25) {
			continue
		}
		days = append(days, d)
	}
	return days
}

// Row is one security's (or the market's) row on a trading day.
type Row struct {
	Sec    int     // index in Panel.Securities; -1 for the market
	Close  float64 // NaN when missing
	Volume float64 // NaN when missing
}

// Generate calls fn once per trading day, in date order, with the market's
// row and the rows of the securities listed by then, in security order (rows
// is reused between calls). Closes carry 7 significant digits, so that they
// survive a round trip through text; volumes are whole numbers. An error
// from fn stops the generation and is returned.
func (p *Panel) Generate(fn func(day int, market Row, rows []Row) error) error {
	rng := rand.New(rand.NewPCG(p.Config.Seed, 3))
	price := make([]float64, len(p.Securities))
	for i, s := range p.Securities {
		price[i] = s.price0
	}
	level := 2000.0
	rows := make([]Row, 0, len(p.Securities))
	var scratch []byte
	round := func(x float64) float64 {
		scratch = strconv.AppendFloat(scratch[:0], x, 'g', 7, 64)
		v, _ := strconv.ParseFloat(string(scratch), 64)
		return v
	}
	for t := range p.Days {
		rm := 0.0
		if t > 0 {
			rm = marketMean + marketSD*rng.NormFloat64()
		}
		level *= 1 + rm
		market := Row{Sec: -1, Close: round(level), Volume: math.Round(math.Exp(21 + 0.3*rng.NormFloat64()))}
		rows = rows[:0]
		inj := p.inject[t]
		for i := range p.Securities {
			s := &p.Securities[i]
			if t < s.Listed {
				continue
			}
			r := s.Alpha + s.Beta*rm + s.Sigma*rng.NormFloat64()
			if len(inj) > 0 && inj[0].sec == i {
				r += inj[0].ar
				inj = inj[1:]
			}
			if t > s.Listed {
				price[i] *= 1 + r
			}
			row := Row{Sec: i, Close: round(price[i]), Volume: math.Round(math.Exp(s.logVol + 0.5*rng.NormFloat64()))}
			if rng.Float64() < missingRate {
				row.Close, row.Volume = math.NaN(), math.NaN()
			}
			rows = append(rows, row)
		}
		if err := fn(t, market, rows); err != nil {
			return err
		}
	}
	return nil
}
