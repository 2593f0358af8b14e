// Package study runs an event study: it lines up each event of an event list
// with its security's and benchmark's returns (package prices), estimates the
// model and abnormal returns per event and tests them across events (package
// stats). It knows neither file formats of outputs nor charts.
package study

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/eventstudy/eventstudy/internal/par"
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
	Group string
	// Factors is the factor file of the factor models (FF3, Carhart, FF5,
	// Factors); nil for the others.
	Factors *prices.Factors
	// Lags is the number of leads and lags of the Dimson model (0: 1).
	Lags int
	// TradeToTrade makes a return span the days without a price, the
	// market's being compounded over the same days (Maynes & Rumsey 1993).
	TradeToTrade bool
	// Volume studies abnormal trading volume instead of returns: the
	// "returns" are log(1 + volume) of the security and of the market
	// (Campbell & Wasley 1996).
	Volume bool
	// Bootstrap is the number of resamples of the bootstrap interval and
	// p-value of each window's CAAR (0: none); Seed seeds them.
	Bootstrap int
	Seed      uint64
	// Placebo is the number of pseudo-studies of the placebo null (0:
	// none; see Placebo), seeded by Seed.
	Placebo int
	Workers int // parallel workers; 0 means GOMAXPROCS
	// Calendar, when set, counts event time in its sessions instead of
	// rows of the price files (onSessions); nil counts rows.
	Calendar *prices.Calendar
	// Progress, when set, is called (from several goroutines) as events are
	// computed, with the number just done: ProgressTotal in all.
	Progress func(n int)
	// SpillDir, when set, is where a study of at least SpillMin events
	// (that slims, Config.Slims) keeps the events' estimation windows in
	// a temporary file while it runs, instead of in memory: about 4.3 KB
	// an event for the default estimation window.
	SpillDir string
	SpillMin int
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

// MaxLags bounds the leads and lags of the Dimson model. Dimson (1979)
// sums a few for thinly traded shares; 10 leads and 10 lags (21 slopes, two
// weeks of trading on each side) is more than studies use, and
// a bound keeps the grid of every event, widened by the lags, from growing
// without end (--lags 9223372036854775807 panicked).
const MaxLags = 10

// MaxBootstrap bounds the bootstrap resamples. Efron & Tibshirani (1993)
// advise about 1,000 for a percentile interval; 100,000 resolves a
// p-value to 0.00001, and already draws 10^10 events a window at 100,000
// events. Each resample keeps one float64, so the bound is also 800 KB a
// window (--bootstrap 9223372036854775807 exhausted memory).
const MaxBootstrap = 100000

// Validate checks each setting's range and the settings against each
// other.
func (c Config) Validate() error {
	if len(c.Windows) == 0 {
		return errors.New("no event window")
	}
	if len(c.Windows) > stats.MaxWindows {
		return fmt.Errorf("%d event windows: want at most %d", len(c.Windows), stats.MaxWindows)
	}
	for _, w := range append([]stats.Window{c.Estimation}, c.Windows...) {
		if w.From > w.To {
			return fmt.Errorf("window %s: start after end", w)
		}
		if w.From < -stats.MaxOffset || w.To > stats.MaxOffset {
			return fmt.Errorf("window %s: beyond %d trading days (about 99 years) from day 0", w, stats.MaxOffset)
		}
	}
	span := c.Span()
	if c.Estimation.To >= span.From {
		return fmt.Errorf("estimation window %s must end before the earliest event window starts (day %d)", c.Estimation, span.From)
	}
	if c.Lags < 0 || c.Lags > MaxLags {
		return fmt.Errorf("--lags %d: want 0 (the default, 1) to %d", c.Lags, MaxLags)
	}
	if c.Placebo < 0 || c.Placebo > MaxPlacebo {
		return fmt.Errorf("--placebo %d: want 0 (none) to %d pseudo-studies", c.Placebo, MaxPlacebo)
	}
	if c.Bootstrap < 0 || c.Bootstrap > MaxBootstrap {
		return fmt.Errorf("--bootstrap %d: want 0 (none) to %d resamples", c.Bootstrap, MaxBootstrap)
	}
	minObs := c.Model.K() + 2
	if c.Model == stats.Dimson {
		// k = 2L + 2: the intercept and 2L+1 slopes.
		minObs = 2*max(c.Lags, 1) + 2 + 2
	}
	if c.MinEst < minObs {
		return fmt.Errorf("--min-estimation %d: the %s model needs at least %d", c.MinEst, c.Model, minObs)
	}
	if IsFactorModel(c.Model) && c.Factors == nil {
		return fmt.Errorf("the %s model needs a factor file (--factors)", c.Model)
	}
	if c.Volume && IsFactorModel(c.Model) {
		return fmt.Errorf("abnormal volume is measured with the market, market-adjusted or constant-mean model, not with %s", c.Model)
	}
	if c.Volume && c.TradeToTrade {
		return errors.New("abnormal volume is measured on daily volume, not trade to trade")
	}
	if c.TradeToTrade && c.Model != stats.MarketModel && c.Model != stats.ConstantMean && c.Model != stats.MarketAdjusted {
		return fmt.Errorf("trade-to-trade returns are measured with the market, market-adjusted or constant-mean model (Maynes & Rumsey 1993), not with %s", c.Model)
	}
	if c.MinEst > c.Estimation.Len() {
		return fmt.Errorf("--min-estimation %d is longer than the estimation window %s (%d days)", c.MinEst, c.Estimation, c.Estimation.Len())
	}
	return nil
}

// Event is one event that could be computed.
type Event struct {
	prices.Event
	Market string
	Day0   prices.Date
	// Aligned holds the returns on relative days Estimation.From ..
	// Span().To, widened by the lags of Scholes-Williams and Dimson; its
	// Dates are dropped after the analysis (Date gives them from Cal).
	Aligned prices.Aligned
	stats.EventResult
	// ConfoundedWith lists the ids of other events of the same security
	// whose widest event window overlaps this one's, in day-0 order, up to
	// MaxConfoundedIDs of them; Confounders counts them all (see
	// ConfoundedText).
	ConfoundedWith []string
	Confounders    int
	// Gaps are the holes in the security's prices that returns of the
	// estimation window would span; those returns were left out
	// (prices.GapBefore).
	Gaps []prices.Gap

	// The dates a slimmed event keeps of its estimation window
	// (estStartDate, EstDates), and what factorWarnings (a factor model)
	// and zeroVolumeWarnings (a study of volume) take of it.
	estStart, estFirst, estLast prices.Date
	factor                      factorStats
	zeroDays                    [2][]prices.Date
}

// Date returns the security's trading date of relative day d.
func (e *Event) Date(d int) prices.Date { return prices.Date(e.Cal[d-e.First]) }

// Day0Reason says why day 0 is Day0 (prices.Day0Reason).
func (e *Event) Day0Reason() string { return prices.Day0Reason(e.Event, e.Day0) }

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
	// Boot is the bootstrap of the CAAR (nil unless Config.Bootstrap > 0).
	Boot *stats.BootResult
}

// Result is a computed study.
type Result struct {
	Config  Config
	Events  []*Event // in event-list order
	Skipped []Skip   // in event-list line order
	Total   int      // rows of the event list
	// Extra names the event-list columns carried through, as written: a
	// name that clashes with an output column (CARColumns, ar, ...) is renamed (outputNames).
	Extra   []string
	Days    []Day
	Windows []WindowTests
	Series  map[string]*prices.Series
	Dropped int // confounded events left out by DropConfounded
	Groups  []Group
	// GroupTests compares the CARs of each pair of groups per window.
	GroupTests []GroupTest
	// Warnings are what the user should check although the study ran:
	// a series whose last row, used by events, looks like a partial day;
	// in a study of volume, zero volumes of a liquid security; returns
	// across a hole in a security's prices, left out of estimation; daily
	// returns beyond what a security's own history makes plausible; a
	// factor file in the wrong unit or of another market; events
	// that share their day 0 with another.
	Warnings []string
	// Placebo is the placebo null of the tests (nil unless
	// Config.Placebo > 0).
	Placebo *Placebo

	// The cross sums of each group and the store of the estimation
	// windows of slimmed events (computeSlim), for splitGroups; the
	// store is closed when Run returns.
	groupSums map[string]*stats.CrossSums
	store     stats.EstStore
}

// Run computes the study. series maps tickers to their price series; events
// whose security or benchmark is missing are skipped with the reason. Run
// fails only when no event could be computed.
func Run(cfg Config, list *prices.EventList, series map[string]*prices.Series) (res *Result, retErr error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	extra, renamed := outputNames(list.Extra)
	res = &Result{Config: cfg, Extra: extra, Total: len(list.Events) + len(list.Rejected), Series: series}
	for _, r := range list.Rejected {
		res.Skipped = append(res.Skipped, Skip{ID: r.ID, Ticker: r.Ticker, Date: r.Date, Line: r.Line, Reason: r.Err.Error()})
	}

	var sessionWarnings []string
	if cfg.Calendar != nil {
		var err error
		if series, sessionWarnings, err = onSessions(cfg, list, series); err != nil {
			return nil, err
		}
		res.Series = series
	}
	in, err := prepare(cfg, list, series)
	if err != nil {
		return nil, err
	}

	var skips []string
	var dropped []Skip // confounded events dropped before the events are computed (scoutConfounded)
	var sums *stats.CrossSums
	var store stats.EstStore
	if cfg.Slims(len(list.Events)) {
		// A large batch: each event's estimation window goes to a spill
		// file as soon as it is computed.
		sp, err := newSpill(cfg.SpillDir, cfg.Estimation)
		if err != nil {
			return nil, err
		}
		defer sp.Close()
		target, orig := list, []int(nil)
		var first []string // the first pass's skips, by list index
		if cfg.DropConfounded {
			target, orig, first, dropped = scoutConfounded(cfg, in, list, series)
			if cfg.Progress != nil {
				cfg.Progress(len(list.Events) - len(target.Events))
			}
		}
		if res.Events, skips, sums, res.groupSums, err = computeSlim(cfg, in, target, series, sp); err != nil {
			return nil, err
		}
		if cfg.DropConfounded { // skips by the kept list's index, into the list's
			for k, why := range skips {
				if why != "" {
					first[orig[k]] = why
				}
			}
			skips = first
		}
		store, res.store = sp, sp
		defer func() {
			if err := sp.Err(); err != nil && retErr == nil {
				res, retErr = nil, err
			}
		}()
	} else {
		// Events are independent: spread them over workers, each writing
		// its own slot, so the result does not depend on scheduling.
		out := make([]*Event, len(list.Events))
		skips = make([]string, len(list.Events))
		par.For(cfg.Workers, len(list.Events), func(i int) {
			ev := list.Events[i]
			e, err := in.compute(cfg, ev, marketOf(ev, cfg), series[ev.Ticker], nil)
			if err != nil {
				skips[i] = err.Error()
			} else {
				out[i] = e
			}
			if cfg.Progress != nil {
				cfg.Progress(1)
			}
		})
		for _, e := range out {
			if e != nil {
				res.Events = append(res.Events, e)
			}
		}
	}
	for i, why := range skips {
		if why != "" {
			ev := list.Events[i]
			res.Skipped = append(res.Skipped, Skip{ID: ev.ID, Ticker: ev.Ticker, Date: ev.Written, Line: ev.Line, Reason: why})
		}
	}
	res.Skipped = append(res.Skipped, dropped...)
	res.Dropped = len(dropped)
	markConfounded(res.Events, cfg.Span().Len())
	if cfg.DropConfounded {
		res.dropConfounded()
	}
	sort.SliceStable(res.Skipped, func(a, b int) bool { return res.Skipped[a].Line < res.Skipped[b].Line })
	if len(res.Events) == 0 {
		return res, fmt.Errorf("no event could be computed (%d skipped; first: %s)", len(res.Skipped), firstReason(res.Skipped))
	}
	res.Warnings = append(partialWarnings(res.Events, series, cfg), zeroVolumeWarnings(res.Events, cfg)...)
	res.Warnings = append(res.Warnings, renamed...)
	res.Warnings = append(res.Warnings, list.Warnings...)
	res.Warnings = append(res.Warnings, sessionWarnings...)
	res.Warnings = append(res.Warnings, gapWarnings(res.Events, series)...)
	res.Warnings = append(res.Warnings, implausibleWarnings(res.Events, series, cfg)...)
	res.Warnings = append(res.Warnings, factorWarnings(res.Events, cfg)...)
	res.Warnings = append(res.Warnings, sharedDateWarnings(res.Events)...)
	res.Days, res.Windows = crossSection(cfg, res.Events, sums, store)
	if cfg.Placebo > 0 {
		res.placebo(cfg, in, series)
	}
	if cfg.Group != "" {
		err := res.splitGroups(list.Extra)
		res.groupSums, res.store = nil, nil // the store closes with Run
		if err != nil {
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

// NeedsMarket reports whether model needs a benchmark's returns: every
// model but the constant mean and the factor models, whose market is the
// factor file's Mkt-RF.
func NeedsMarket(model stats.Model) bool {
	return model != stats.ConstantMean && !IsFactorModel(model)
}

func marketOf(ev prices.Event, cfg Config) string {
	if ev.Market != "" {
		return ev.Market
	}
	return cfg.Market
}

// inputs holds what the events share: each security's and benchmark's
// returns, computed once, and the factor table.
type inputs struct {
	r       map[string][]float64
	span    map[string][]int // trade-to-trade: days each return spans
	markets map[string]*prices.Market
	noData  map[string]string // why a series has no usable data (volume)
	factors *factorTable
}

func prepare(cfg Config, list *prices.EventList, series map[string]*prices.Series) (*inputs, error) {
	in := &inputs{r: map[string][]float64{}, span: map[string][]int{}, markets: map[string]*prices.Market{}, noData: map[string]string{}}
	if cfg.Factors != nil {
		t, err := newFactorTable(cfg.Model, cfg.Factors)
		if err != nil {
			return nil, err
		}
		in.factors = t
	}
	for _, ev := range list.Events {
		if s, ok := series[ev.Ticker]; ok && in.r[ev.Ticker] == nil && in.noData[ev.Ticker] == "" {
			switch {
			case cfg.Volume && s.Volume == nil:
				in.noData[ev.Ticker] = fmt.Sprintf("no volume column in %s", s.File)
			case cfg.Volume:
				in.r[ev.Ticker] = s.LogVolume()
			case cfg.TradeToTrade:
				in.r[ev.Ticker], in.span[ev.Ticker] = s.TradeToTrade(cfg.Log)
			default:
				in.r[ev.Ticker] = s.Returns(cfg.Log)
			}
		}
		m := marketOf(ev, cfg)
		if s, ok := series[m]; ok && in.markets[m] == nil && in.noData[m] == "" {
			switch {
			case cfg.Volume && s.Volume == nil:
				in.noData[m] = fmt.Sprintf("no volume column in %s (the benchmark)", s.File)
			case cfg.Volume:
				in.markets[m] = prices.MarketOf(s, s.LogVolume())
			default:
				in.markets[m] = prices.NewMarket(s, cfg.Log)
			}
		}
	}
	return in, nil
}

// compute aligns and analyzes one event. The returns of the estimation
// window on dates in mask (a placebo's real event windows, sorted and
// disjoint) are left out, as missing.
func (in *inputs) compute(cfg Config, ev prices.Event, market string, s *prices.Series, mask []interval) (*Event, error) {
	if s == nil {
		return nil, fmt.Errorf("%w %s", prices.ErrUnknownTicker, ev.Ticker)
	}
	if why := in.noData[ev.Ticker]; why != "" {
		return nil, errors.New(why)
	}
	factor := in.factors != nil
	m := in.markets[market]
	switch {
	case factor:
		// The market factor is Mkt-RF; a benchmark, if any, is not used.
	case market == "" && !NeedsMarket(cfg.Model):
		// The constant mean: no benchmark, none needed.
	case market == "":
		return nil, errors.New("no benchmark: the event list has no market column and --market is not set")
	case in.noData[market] != "":
		return nil, errors.New(in.noData[market])
	case m == nil:
		return nil, fmt.Errorf("%w %s (the benchmark)", prices.ErrUnknownTicker, market)
	case market == ev.Ticker && cfg.Model != stats.ConstantMean:
		// An event of the index itself (--market ^HSI for an event of
		// ^HSI): every AR is 0 and the cross-event tests counted it.
		return nil, fmt.Errorf("%s is its own benchmark: the %s model's abnormal returns are 0 by construction (give it another benchmark in a market column, or use --model constant-mean)", ev.Ticker, cfg.Model)
	}
	day0, err := prices.Day0(s, ev, cfg.Shift)
	if err != nil {
		return nil, err
	}
	span := cfg.Span()
	// The lead-lag models need market returns on the days around each day
	// of the estimation and event windows: widen the grid by their lags.
	pad := 0
	switch cfg.Model {
	case stats.ScholesWilliams:
		pad = 1
	case stats.Dimson:
		pad = max(cfg.Lags, 1)
	}
	var a prices.Aligned
	var spans []int // trade-to-trade: the days each return spans
	switch {
	case cfg.TradeToTrade:
		a, spans = prices.AlignTradeToTrade(s, in.r[ev.Ticker], in.span[ev.Ticker], m, cfg.Log, day0, cfg.Estimation.From-pad, span.To+pad)
	default:
		a = prices.Align(s, in.r[ev.Ticker], m, day0, cfg.Estimation.From-pad, span.To+pad)
	}
	// Holes in the security's prices (see prices.GapBefore): an event
	// dated inside one is skipped, the event date being days or weeks
	// from day 0; a return across one is missing (estimation loses it, an
	// event window that needs it is skipped). Trade-to-trade returns span
	// holes by design; volume is a level, not a return; a file of returns
	// says itself what each day's return is.
	var gaps []prices.Gap
	var gapAt map[int]prices.Gap // by relative day
	if !cfg.TradeToTrade && !cfg.Volume && !s.IsReturn {
		// The calendar of the event's exchange (its exchange column, else
		// the ticker's suffix) tells a hole from a holiday; an event
		// without an exchange (built in code) goes by the ticker.
		cal := prices.CalendarOf(ev.Ticker)
		if ev.Exchange.Location != nil && !strings.HasPrefix(ev.Ticker, "^") {
			cal = ev.Exchange.Calendar
		}
		if i, found := s.Index(ev.Date); !found && i > 0 && i < len(s.Dates) {
			if g, ok := prices.GapBeforeIn(cal, s, m, i); ok {
				return nil, fmt.Errorf("the event date %s falls in a gap of %s: %s; day 0 would be %s, not the day of the news; use --returns trade-to-trade to study it",
					ev.Date, ev.Ticker, g, s.Dates[day0])
			}
		}
		for k, date := range a.Dates {
			j := day0 + a.First + k
			if date == 0 || j == 0 || math.IsNaN(a.R[k]) {
				continue
			}
			if g, ok := prices.GapBeforeIn(cal, s, m, j); ok {
				a.R[k] = math.NaN()
				if d := a.First + k; d >= cfg.Estimation.From && d <= cfg.Estimation.To {
					gaps = append(gaps, g) // lost to estimation: said in a warning
				}
				if gapAt == nil {
					gapAt = map[int]prices.Gap{}
				}
				gapAt[a.First+k] = g
			}
		}
	}
	for k, date := range a.Dates {
		if d := a.First + k; d <= cfg.Estimation.To && date != 0 && masked(mask, date) {
			a.R[k] = math.NaN()
		}
	}
	var x [][]float64
	if factor {
		x = in.factors.excess(&a)
	}
	what := "return"
	if cfg.Volume {
		what = "volume"
	}
	// Every day of the widest event window must have all the model needs.
	for d := span.From; d <= span.To; d++ {
		k := d - a.First
		if g, ok := gapAt[d]; ok {
			return nil, fmt.Errorf("%s has %s: the day %+d return (%s) would span them; use --returns trade-to-trade to study it", ev.Ticker, g, d, a.Dates[k])
		}
		switch {
		case a.Dates[k] == 0 && d > 0:
			return nil, fmt.Errorf("event window %s runs past the last price (%s)", span, s.Dates[len(s.Dates)-1])
		case a.Dates[k] == 0:
			return nil, fmt.Errorf("event window %s starts before the first price (%s)", span, s.Dates[0])
		case factor && in.factors.at(a.Dates[k]) < 0 && in.factors.covers(a.Dates[k]):
			return nil, fmt.Errorf("no factors on day %+d (%s): %s has no row for that date", d, a.Dates[k], in.factors.f.File)
		case factor && in.factors.at(a.Dates[k]) < 0:
			return nil, fmt.Errorf("day %+d (%s) is outside the factor file's dates (%s, %s)", d, a.Dates[k], in.factors.span(), in.factors.f.File)
		case math.IsNaN(a.R[k]):
			return nil, fmt.Errorf("no %s for %s on day %+d (%s)%s", what, ev.Ticker, d, a.Dates[k], sessionGap(cfg.Calendar, s, day0+d))
		case m != nil && !factor && math.IsNaN(a.Rm[k]):
			return nil, fmt.Errorf("no %s for benchmark %s on day %+d (%s)", what, market, d, a.Dates[k])
		}
	}
	cal := calBuf(len(a.Dates))
	for i, d := range a.Dates {
		cal[i] = int32(d)
	}
	rm := a.Rm
	if m == nil && !factor {
		rm = nil // the constant mean without a benchmark (stats.Event.Rm)
	}
	sev := stats.Event{First: a.First, R: a.R, Rm: rm, X: x, Lags: cfg.Lags, Log: cfg.Log, Cal: cal, Span: spans}
	er, err := stats.Analyze(sev, cfg.Model, cfg.Estimation, cfg.Windows, cfg.MinEst)
	if err != nil {
		if errors.Is(err, stats.ErrShortEstimation) && a.Dates[0] == 0 {
			return nil, fmt.Errorf("%w (prices start %s)", err, s.Dates[0])
		}
		return nil, err
	}
	if factor {
		market = ""
	}
	if cfg.Volume {
		// Log volumes are levels, not returns: there is nothing to buy and
		// hold, so no BHAR (and no skewness-adjusted test of one).
		for k := range er.Windows {
			er.Windows[k].BHAR = math.NaN()
		}
	}
	// The dates live on in er.Cal; dropping the copy saves 1 MB per 1,000
	// events of a batch.
	a.ReleaseDates()
	return &Event{Event: ev, Market: market, Day0: s.Dates[day0], Aligned: a, EventResult: *er, Gaps: gaps}, nil
}

// crossSection computes AAR, CAAR with its band, and the test batteries of
// a set of events, on Config.Workers goroutines.
func crossSection(cfg Config, events []*Event, sums *stats.CrossSums, store stats.EstStore) (days []Day, windows []WindowTests) {
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
		days = append(days, Day{Day: d, N: n, AAR: aar, CAAR: caar, Lo: lo, Hi: hi})
	}
	dayList := make([]int, len(days))
	for j := range days {
		dayList[j] = days[j].Day
	}
	cross := stats.NewCross
	if sums != nil {
		// Slimmed events (computeSlim).
		cross = func(evs []*stats.EventResult, _ stats.Window) *stats.Cross {
			return stats.NewCrossFrom(evs, sums, store)
		}
	}
	byDay, byWindow := cross(evs, cfg.Estimation).Tests(dayList, cfg.Windows, cfg.Workers)
	if cfg.Volume {
		for _, rs := range append(byDay, byWindow...) {
			noBHAR(rs)
		}
	}
	for j := range days {
		days[j].Tests = byDay[j]
	}
	windows = make([]WindowTests, len(cfg.Windows))
	par.For(cfg.Workers, len(windows), func(k int) {
		var sum float64
		for _, e := range events {
			sum += e.Windows[k].CAR
		}
		wt := WindowTests{Window: cfg.Windows[k], N: len(evs), CAAR: sum / float64(len(evs)), Tests: byWindow[k]}
		if cfg.Bootstrap > 0 {
			b := stats.Bootstrap(cars(events, k), cfg.Bootstrap, cfg.Seed)
			wt.Boot = &b
		}
		windows[k] = wt
	})
	return days, windows
}

// noBHAR makes the skewness-adjusted test of the BHARs n/a: a study of
// abnormal volume has no BHAR (log volumes are levels, not returns; see
// compute), so the test would otherwise run, on a tested day, on
// "BHARs" compounded from log volumes, and report a misleading reason on
// a window.
func noBHAR(rs []stats.Result) {
	for k, r := range rs {
		if r.Test == "skew-t-bhar" {
			nan := math.NaN()
			rs[k] = stats.Result{Test: r.Test, Stat: nan, P: nan, DF: nan, N: r.N, NA: "no BHAR in a study of abnormal volume (log volumes are levels, not returns)"}
		}
	}
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
		sd := math.Sqrt(e.CARVariance(stats.Window{From: span.From, To: d}))
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
		fmt.Fprintf(&b, "%s around %s", e.Ticker, e.Day0)
		if e.Market != "" {
			fmt.Fprintf(&b, " vs %s", e.Market)
		}
	} else {
		fmt.Fprintf(&b, "%d events, %d securities", len(res.Events), len(res.Tickers()))
	}
	fmt.Fprintf(&b, ", %s model", res.Config.Model)
	if res.Config.Volume {
		b.WriteString(", abnormal log(1+volume)")
	}
	return b.String()
}
