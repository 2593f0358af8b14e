// Package study runs an event study: it lines up each event of an event list
// with its security's and benchmark's returns (package prices), estimates the
// model and abnormal returns per event and tests them across events (package
// stats). It knows neither file formats of outputs nor charts.
package study

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// Config holds the settings of a study.
type Config struct {
	Model      stats.Model
	Estimation stats.Window
	Windows    []stats.Window
	MinEst     int          // minimum estimation returns with a market return on the same date
	Shift      prices.Shift // day-0 rule for event dates that are not trading days
	Log        bool         // log returns instead of simple returns
	Market     string       // benchmark ticker for events whose list gives none
	// DropConfounded leaves out events whose widest window overlaps that of
	// another event of the same security (they are listed as skipped).
	DropConfounded bool
	// Group names an event-list column that splits the study into groups.
	Group   string
	Workers int // parallel workers; 0 means GOMAXPROCS
}

// Span returns the smallest window that holds every event window.
func (c Config) Span() stats.Window {
	s := c.Windows[0]
	for _, w := range c.Windows[1:] {
		s.From = min(s.From, w.From)
		s.To = max(s.To, w.To)
	}
	return s
}

// Validate checks the settings against each other.
func (c Config) Validate() error {
	if len(c.Windows) == 0 {
		return errors.New("no event window")
	}
	span := c.Span()
	if c.Estimation.To >= span.From {
		return fmt.Errorf("estimation window %s must end before the earliest event window starts (day %d)", c.Estimation, span.From)
	}
	if minObs := c.Model.K() + 2; c.MinEst < minObs {
		return fmt.Errorf("--min-estimation %d: the %s model needs at least %d", c.MinEst, c.Model, minObs)
	}
	if c.MinEst > c.Estimation.Len() {
		return fmt.Errorf("--min-estimation %d is longer than the estimation window %s (%d days)", c.MinEst, c.Estimation, c.Estimation.Len())
	}
	return nil
}

// Event is one event that could be computed.
type Event struct {
	prices.Event
	Market  string
	Day0    prices.Date
	Aligned prices.Aligned // relative days Estimation.From .. Span().To
	stats.EventResult
	// ConfoundedWith lists the ids of other events of the same security
	// whose widest event window overlaps this one's, in day-0 order.
	ConfoundedWith []string
}

// Date returns the security's trading date of relative day d.
func (e *Event) Date(d int) prices.Date { return e.Aligned.Dates[d-e.Aligned.First] }

// Skip is an event that could not be used, and why.
type Skip struct {
	ID, Ticker, Date string // Date as written in the event list
	Line             int
	Reason           string
}

// Day is the cross-section of one relative day of the widest window.
type Day struct {
	Day       int
	N         int
	AAR, CAAR float64
	Lo, Hi    float64 // 95% interval of CAAR from the cross-sectional t of the CARs up to this day
	Tests     []stats.Result
}

// WindowTests is the test battery of one window.
type WindowTests struct {
	Window stats.Window
	N      int
	CAAR   float64
	Tests  []stats.Result
}

// Result is a computed study.
type Result struct {
	Config  Config
	Events  []*Event // in event-list order
	Skipped []Skip   // in event-list line order
	Total   int      // rows of the event list
	Extra   []string // event-list columns carried through
	Days    []Day
	Windows []WindowTests
	Series  map[string]*prices.Series
	Dropped int // confounded events left out by DropConfounded
	Groups  []Group
	// GroupTests compares the CARs of each pair of groups per window.
	GroupTests []GroupTest
}

// Run computes the study. series maps tickers to their price series; events
// whose security or benchmark is missing are skipped with the reason. Run
// fails only when no event could be computed.
func Run(cfg Config, list *prices.EventList, series map[string]*prices.Series) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	res := &Result{Config: cfg, Extra: list.Extra, Total: len(list.Events) + len(list.Rejected), Series: series}
	for _, r := range list.Rejected {
		res.Skipped = append(res.Skipped, Skip{ID: r.ID, Ticker: r.Ticker, Date: r.Date, Line: r.Line, Reason: r.Err.Error()})
	}

	// Returns are computed once per security and once per benchmark.
	returns := make(map[string][]float64)
	markets := make(map[string]*prices.Market)
	for _, ev := range list.Events {
		if s, ok := series[ev.Ticker]; ok && returns[ev.Ticker] == nil {
			returns[ev.Ticker] = s.Returns(cfg.Log)
		}
		m := marketOf(ev, cfg)
		if s, ok := series[m]; ok && markets[m] == nil {
			markets[m] = prices.NewMarket(s, cfg.Log)
		}
	}

	// Events are independent: spread them over workers, each writing its own
	// slot, so the result does not depend on scheduling.
	out := make([]*Event, len(list.Events))
	skips := make([]string, len(list.Events))
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Go(func() {
			for i := range next {
				ev := list.Events[i]
				m := marketOf(ev, cfg)
				e, err := compute(cfg, ev, m, series[ev.Ticker], returns[ev.Ticker], markets[m])
				if err != nil {
					skips[i] = err.Error()
					continue
				}
				out[i] = e
			}
		})
	}
	for i := range list.Events {
		next <- i
	}
	close(next)
	wg.Wait()

	for i, e := range out {
		if e != nil {
			res.Events = append(res.Events, e)
			continue
		}
		ev := list.Events[i]
		res.Skipped = append(res.Skipped, Skip{ID: ev.ID, Ticker: ev.Ticker, Date: ev.Written, Line: ev.Line, Reason: skips[i]})
	}
	markConfounded(res.Events, cfg.Span().Len())
	if cfg.DropConfounded {
		res.dropConfounded()
	}
	sort.SliceStable(res.Skipped, func(a, b int) bool { return res.Skipped[a].Line < res.Skipped[b].Line })
	if len(res.Events) == 0 {
		return res, fmt.Errorf("no event could be computed (%d skipped; first: %s)", len(res.Skipped), firstReason(res.Skipped))
	}
	res.Days, res.Windows = crossSection(cfg, res.Events)
	if cfg.Group != "" {
		if err := res.splitGroups(list.Extra); err != nil {
			return res, err
		}
	}
	return res, nil
}

func firstReason(s []Skip) string {
	if len(s) == 0 {
		return "the event list is empty"
	}
	return fmt.Sprintf("event %s %s: %s", s[0].ID, s[0].Ticker, s[0].Reason)
}

func marketOf(ev prices.Event, cfg Config) string {
	if ev.Market != "" {
		return ev.Market
	}
	return cfg.Market
}

// compute aligns and analyzes one event.
func compute(cfg Config, ev prices.Event, market string, s *prices.Series, r []float64, m *prices.Market) (*Event, error) {
	if s == nil {
		return nil, fmt.Errorf("%w %s", prices.ErrUnknownTicker, ev.Ticker)
	}
	if market == "" {
		return nil, errors.New("no benchmark: the event list has no market column and --market is not set")
	}
	if m == nil {
		return nil, fmt.Errorf("%w %s (the benchmark)", prices.ErrUnknownTicker, market)
	}
	day0, err := prices.Day0(s, ev, cfg.Shift)
	if err != nil {
		return nil, err
	}
	span := cfg.Span()
	a := prices.Align(s, r, m, day0, cfg.Estimation.From, span.To)
	// Every day of the widest event window must have both returns.
	for d := span.From; d <= span.To; d++ {
		k := d - a.First
		switch {
		case a.Dates[k] == 0 && d > 0:
			return nil, fmt.Errorf("event window %s runs past the last price (%s)", span, s.Dates[len(s.Dates)-1])
		case a.Dates[k] == 0:
			return nil, fmt.Errorf("event window %s starts before the first price (%s)", span, s.Dates[0])
		case math.IsNaN(a.R[k]):
			return nil, fmt.Errorf("no return for %s on day %+d (%s)", ev.Ticker, d, a.Dates[k])
		case math.IsNaN(a.Rm[k]):
			return nil, fmt.Errorf("no return for benchmark %s on day %+d (%s)", market, d, a.Dates[k])
		}
	}
	cal := make([]int32, len(a.Dates))
	for i, d := range a.Dates {
		cal[i] = int32(d)
	}
	er, err := stats.Analyze(stats.Event{First: a.First, R: a.R, Rm: a.Rm, Log: cfg.Log, Cal: cal}, cfg.Model, cfg.Estimation, cfg.Windows, cfg.MinEst)
	if err != nil {
		if errors.Is(err, stats.ErrShortEstimation) && a.Dates[0] == 0 {
			return nil, fmt.Errorf("%w (prices start %s)", err, s.Dates[0])
		}
		return nil, err
	}
	return &Event{Event: ev, Market: market, Day0: s.Dates[day0], Aligned: a, EventResult: *er}, nil
}

// crossSection computes AAR, CAAR with its band, and the test batteries of
// a set of events.
func crossSection(cfg Config, events []*Event) (days []Day, windows []WindowTests) {
	span := cfg.Span()
	evs := make([]*stats.EventResult, len(events))
	for i, e := range events {
		evs[i] = &e.EventResult
	}
	car := make([]float64, len(evs)) // running CAR of each event from span.From
	var caar float64
	for d := span.From; d <= span.To; d++ {
		aar, n := stats.AAR(evs, d)
		caar += aar
		for i, e := range evs {
			car[i] += e.AR[d-e.First]
		}
		lo, hi := meanInterval(car)
		days = append(days, Day{Day: d, N: n, AAR: aar, CAAR: caar, Lo: lo, Hi: hi, Tests: stats.DayTests(evs, cfg.Estimation, d)})
	}
	for k, w := range cfg.Windows {
		var sum float64
		for _, e := range events {
			sum += e.Windows[k].CAR
		}
		windows = append(windows, WindowTests{Window: w, N: len(evs), CAAR: sum / float64(len(evs)), Tests: stats.WindowTests(evs, cfg.Estimation, w)})
	}
	return days, windows
}

// meanInterval returns the 95% confidence interval of the mean of x from
// the t distribution with len(x)-1 degrees of freedom; NaN for fewer than
// two values.
func meanInterval(x []float64) (lo, hi float64) {
	n := float64(len(x))
	if len(x) < 2 {
		return math.NaN(), math.NaN()
	}
	var mean, ss float64
	for _, v := range x {
		mean += v
	}
	mean /= n
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	se := math.Sqrt(ss/(n-1)) / math.Sqrt(n)
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
	return mean - q*se, mean + q*se
}

// Band returns the 95% interval of an event's CAR from span.From to each day,
// from the forecast-error variance and t(DF).
func (e *Event) Band(span stats.Window) (car, lo, hi []float64) {
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(e.Fit.DF)}.Quantile(0.975)
	var c float64
	for d := span.From; d <= span.To; d++ {
		c += e.AR[d-e.First]
		rm := e.Aligned.Rm[span.From-e.First : d-e.First+1]
		sd := math.Sqrt(e.Fit.CARVariance(rm))
		car = append(car, c)
		lo = append(lo, c-q*sd)
		hi = append(hi, c+q*sd)
	}
	return car, lo, hi
}

// Tickers lists the distinct securities of the computed events, sorted.
func (res *Result) Tickers() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range res.Events {
		if !seen[e.Ticker] {
			seen[e.Ticker] = true
			out = append(out, e.Ticker)
		}
	}
	sort.Strings(out)
	return out
}

// Describe says in one line what was studied, for titles.
func (res *Result) Describe() string {
	var b strings.Builder
	if len(res.Events) == 1 {
		e := res.Events[0]
		fmt.Fprintf(&b, "%s around %s vs %s", e.Ticker, e.Day0, e.Market)
	} else {
		fmt.Fprintf(&b, "%d events, %d securities", len(res.Events), len(res.Tickers()))
	}
	fmt.Fprintf(&b, ", %s model", res.Config.Model)
	return b.String()
}
