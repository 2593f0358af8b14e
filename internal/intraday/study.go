package intraday

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/eventstudy/eventstudy/internal/bars"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
	"gonum.org/v1/gonum/stat/distuv"
)

// Model is the normal-return model of an intraday study.
type Model int

const (
	Raw          Model = iota // no normal return: the window return itself
	ConstantMean              // the same clock-time window's mean return on the estimation days
	Market                    // the stock's bar returns on the index's, over the estimation days
)

func (m Model) String() string { return [...]string{"raw", "constant-mean", "market"}[m] }

// ParseModel parses raw, constant-mean or market.
func ParseModel(s string) (Model, error) {
	switch s {
	case "raw":
		return Raw, nil
	case "constant-mean", "mean":
		return ConstantMean, nil
	case "market":
		return Market, nil
	}
	return 0, fmt.Errorf("intraday model %q: want raw, constant-mean or market", s)
}

// Config is an intraday study's settings.
type Config struct {
	Model    Model
	Market   string // benchmark ticker for events without one
	Windows  []Window
	EstDays  int // sessions before the event's (default 20)
	MinDays  int // estimation days with the window's bars needed (default EstDays/2)
	MinBars  int // bar returns the market model needs (default 30)
	Hours    bars.Hours
	Calendar *prices.Calendar
	// Overnight continues a window past the close into the next session;
	// the overnight return (the next open over the close) is in the
	// window's return and reported separately.
	Overnight bool
}

// Result is an intraday study: per event its clock, windows and paths;
// across events the window tests and the mean CAR per minute.
type Result struct {
	Config  Config
	Events  []*Event
	Skipped []Skip
	// Cross holds, per window, the cross-event tests on the window CARs.
	Cross [][]stats.Result
	// Minute is the mean cumulative abnormal return per minute of the
	// event clock across events, with its 95% band.
	Minute []MinutePoint
	Notes  []string // what the readers and sessions said
}

// Skip is an event left out, with its reason.
type Skip struct {
	ID, Ticker, Written string
	Reason              string
}

// Event is one event's intraday result.
type Event struct {
	ID, Ticker, Market string
	News               time.Time   // the news timestamp
	Session            prices.Date // the session of the first bar
	Clock              time.Time   // the event clock's origin: the news, or the open it waits for
	FirstBar           time.Time   // start of the first bar at or after Clock
	Why                string      // why that bar
	Interval           time.Duration
	EstDays            int // estimation sessions with bars
	// Market model fit on the estimation days' bar returns.
	Alpha, Beta, Sigma float64
	NObs               int
	Windows            []WindowResult
	Bars               []BarRow
	// Path is the price path over the span of the windows: each bar's
	// start in minutes after the news, and the cumulative return from the
	// close before the span's first bar; EstPaths the same clock's paths
	// on the estimation days (NaN for a missing bar).
	Minutes  []float64
	Path     []float64
	EstPaths [][]float64
	Span     Window
}

// WindowResult is one window of one event.
type WindowResult struct {
	Window
	First, Last time.Time // starts of the window's first and last bar
	NBars       int
	Return      float64 // the security's own compounded return
	Market      float64 // the benchmark's, market model only
	Overnight   float64 // the overnight return inside the window (Config.Overnight), else NaN
	Normal      float64 // the normal return of the window
	CAR         float64
	SD          float64 // forecast-error standard deviation of the CAR
	T, DF, P    float64
	Pctl        float64 // percentile of the CAR among the estimation days' same window
	PEmp        float64 // its two-sided p-value (Rinaudo & Saha 2014)
	NEst        int     // estimation days with the window's bars
	Note        string
}

// BarRow is one bar of an event's span.
type BarRow struct {
	Start                      time.Time
	Minute                     float64 // bar start minus the news, minutes
	Return, Market, Normal, AR float64
	CAR                        float64 // cumulative AR from the span's first bar
}

// MinutePoint is the mean CAR across events at one minute of the clock.
type MinutePoint struct {
	Minute       float64
	Mean, Lo, Hi float64
	N            int
}

// Needed returns the local session dates the events and their estimation
// days need, for bars.Options.Keep.
func Needed(evs []prices.Event, cal *prices.Calendar, estDays int) map[prices.Date]bool {
	need := map[prices.Date]bool{}
	for _, e := range evs {
		d := prices.DateOf(e.Time.In(cal.Location))
		s, ok := cal.Next(d)
		if !ok {
			continue
		}
		// The session, and two after it: news after the close moves to
		// the next, and an overnight window runs on into the one after.
		need[s] = true
		for range 2 {
			if n, ok := cal.Next(s + 1); ok {
				need[n], s = true, n
			}
		}
		first, _ := cal.Next(d)
		for _, x := range before(cal, first, estDays) {
			need[x] = true
		}
	}
	return need
}

// before returns the n sessions before d, oldest first.
func before(cal *prices.Calendar, d prices.Date, n int) []prices.Date {
	var out []prices.Date
	for x := d - 1; len(out) < n && x >= cal.First; x-- {
		if cal.IsSession(x) {
			out = append(out, x)
		}
	}
	slices.Reverse(out)
	return out
}

// security is one ticker's sessions.
type security struct {
	s    *bars.Series
	days map[prices.Date]*bars.Session
}

// Run runs the study on events with the series by ticker.
func Run(cfg Config, evs []prices.Event, series map[string]*bars.Series) (*Result, error) {
	if cfg.EstDays == 0 {
		cfg.EstDays = 20
	}
	if cfg.MinDays == 0 {
		cfg.MinDays = max(2, cfg.EstDays/2)
	}
	if cfg.MinBars == 0 {
		cfg.MinBars = 30
	}
	res := &Result{Config: cfg}
	secs := map[string]*security{}
	names := make([]string, 0, len(series))
	for n := range series {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := series[n]
		days, outside, dropped := bars.Sessions(s, cfg.Calendar, cfg.Hours)
		secs[n] = &security{s: s, days: days}
		if s.Note != "" {
			res.Notes = append(res.Notes, n+": "+s.Note)
		}
		if outside > 0 || dropped > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: of the days read, %d bars outside the session hours (extended hours, a closing print) and %d on days that are not %s sessions left out", n, outside, dropped, cfg.Calendar.Code))
		}
	}
	for _, e := range evs {
		ev, reason := runEvent(cfg, e, secs)
		if reason != "" {
			res.Skipped = append(res.Skipped, Skip{ID: e.ID, Ticker: e.Ticker, Written: e.Written, Reason: reason})
			continue
		}
		res.Events = append(res.Events, ev)
	}
	res.Cross = make([][]stats.Result, len(cfg.Windows))
	for i := range cfg.Windows {
		var car, scar []float64
		for _, ev := range res.Events {
			w := ev.Windows[i]
			car = append(car, w.CAR)
			scar = append(scar, w.CAR/w.SD)
		}
		res.Cross[i] = []stats.Result{stats.CrossSectionalT(car), stats.BMP(scar), stats.Sign(car), stats.Wilcoxon(car)}
	}
	res.Minute = minuteCAAR(res.Events)
	return res, nil
}

func runEvent(cfg Config, e prices.Event, secs map[string]*security) (*Event, string) {
	cal := cfg.Calendar
	sec := secs[e.Ticker]
	if sec == nil {
		return nil, "no bars for " + e.Ticker
	}
	mkt := e.Market
	if mkt == "" {
		mkt = cfg.Market
	}
	var msec *security
	if cfg.Model == Market {
		if mkt == "" {
			return nil, "the market model needs a benchmark (--market)"
		}
		if msec = secs[mkt]; msec == nil {
			return nil, "no bars for the benchmark " + mkt
		}
	}
	loc := cal.Location
	t := e.Time
	lt := t.In(loc)
	d := prices.DateOf(lt)
	ev := &Event{ID: e.ID, Ticker: e.Ticker, News: t, Interval: sec.s.Interval}
	if cfg.Model == Market {
		ev.Market = mkt
	}
	clock := t
	var session prices.Date
	hs, isSession := cal.Hours(d)
	midnight := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	switch {
	case !cal.Covers(d):
		return nil, fmt.Sprintf("%s is outside the %s calendar (%s to %s)", d, cal.Code, cal.First, cal.Last)
	case isSession && lt.Before(clockOn(midnight, hs.Open)):
		session, clock = d, clockOn(midnight, hs.Open)
		ev.Why = fmt.Sprintf("news at %s is before the %s open: the session's first bar", lt.Format("15:04"), clock.Format("15:04"))
	case isSession && !lt.Before(clockOn(midnight, hs.Close)):
		n, ok := cal.Next(d + 1)
		if !ok {
			return nil, "no session after " + d.String() + " in the calendar"
		}
		session = n
		ev.Why = fmt.Sprintf("news at %s is after the %s close: the next session's first bar (%s)", lt.Format("15:04"), clockOn(midnight, hs.Close).Format("15:04"), n)
	case isSession:
		session = d
		ev.Why = "the first bar starting at or after the news"
	default:
		n, ok := cal.Next(d)
		if !ok {
			return nil, "no session after " + d.String() + " in the calendar"
		}
		session = n
		ev.Why = fmt.Sprintf("%s is not a session: the first bar of the next (%s)", d, n)
	}
	ss := sec.days[session]
	if ss == nil {
		return nil, fmt.Sprintf("no bars on the session %s", session)
	}
	if session != d || clock.Before(ss.Open) {
		clock = ss.Open
	}
	ev.Session, ev.Clock = session, clock
	k0 := ss.Slot(clock.Unix())
	for k0 < len(ss.Starts) && !ss.Present[k0] {
		k0++
	}
	if k0 == len(ss.Starts) {
		return nil, fmt.Sprintf("no bar at or after %s on %s", clock.In(loc).Format("15:04"), session)
	}
	ev.FirstBar = time.Unix(ss.Starts[k0], 0).In(loc)
	if ss.Starts[k0] != ss.Starts[ss.Slot(clock.Unix())] {
		ev.Why += fmt.Sprintf(" (the bar at %s is missing)", time.Unix(ss.Starts[ss.Slot(clock.Unix())], 0).In(loc).Format("15:04"))
	}
	// The estimation days: the sessions before, at the same clock time.
	estDates := before(cal, session, cfg.EstDays)
	cl := clock.In(loc)
	tod := time.Duration(cl.Hour())*time.Hour + time.Duration(cl.Minute())*time.Minute + time.Duration(cl.Second())*time.Second // wall clock
	type estDay struct {
		ss, ms *bars.Session
		clock  time.Time
	}
	var est []estDay
	for _, x := range estDates {
		s := sec.days[x]
		if s == nil {
			continue
		}
		var m *bars.Session
		if msec != nil {
			if m = msec.days[x]; m == nil {
				continue
			}
		}
		xm := time.Date(x.Time().Year(), x.Time().Month(), x.Time().Day(), 0, 0, 0, 0, loc)
		est = append(est, estDay{s, m, clockOn(xm, tod)})
	}
	ev.EstDays = len(est)
	var mss *bars.Session
	if msec != nil {
		if mss = msec.days[session]; mss == nil {
			return nil, fmt.Sprintf("no bars of the benchmark %s on the session %s", mkt, session)
		}
	}
	mret := func(m *bars.Session, at int64) float64 {
		if m == nil {
			return nan
		}
		k := m.Slot(at)
		if k == len(m.Starts) || m.Starts[k] != at {
			return nan
		}
		return m.Return(k)
	}
	// The market model on every bar of the estimation days.
	var xbar, sxx float64
	if cfg.Model == Market {
		var x, y []float64
		for _, d := range est {
			for k := range d.ss.Starts {
				r, m := d.ss.Return(k), mret(d.ms, d.ss.Starts[k])
				if !math.IsNaN(r) && !math.IsNaN(m) {
					y, x = append(y, r), append(x, m)
				}
			}
		}
		if len(y) < cfg.MinBars {
			return nil, fmt.Sprintf("%d bar returns with the benchmark's on %d estimation days, want at least %d", len(y), len(est), cfg.MinBars)
		}
		ev.Alpha, ev.Beta, ev.Sigma, xbar, sxx = ols(x, y)
		ev.NObs = len(y)
	}
	// slotMeans: the constant-mean model's normal bar return at a clock
	// offset from the day's clock.
	slotMean := func(off time.Duration) float64 {
		s, n := 0.0, 0
		for _, d := range est {
			at := d.clock.Add(off).Unix()
			k := d.ss.Slot(at)
			if k < len(d.ss.Starts) && d.ss.Starts[k] == at {
				if r := d.ss.Return(k); !math.IsNaN(r) {
					s, n = s+r, n+1
				}
			}
		}
		if n == 0 {
			return nan
		}
		return s / float64(n)
	}
	normalBar := func(r, m float64, off time.Duration) float64 {
		switch cfg.Model {
		case Market:
			return ev.Alpha + ev.Beta*m
		case ConstantMean:
			return slotMean(off)
		}
		return 0
	}
	// windowOn returns the window's bars for the clock c on a session s
	// (and, with Overnight, the next session ns), with the window's return,
	// the benchmark's, and the sum of the market model's residuals (NaN
	// when a bar is missing).
	type seg struct {
		s, m   *bars.Session
		ks, ke int
	}
	type span struct {
		segs             []seg
		n                int
		ret, m, car, gap float64
		missing          string
		cut              string
	}
	hhmm := func(s *bars.Session, k int) string {
		return time.Unix(s.Starts[k], 0).In(loc).Format("15:04")
	}
	windowOn := func(s, m, ns, nm *bars.Session, c time.Time, w Window) span {
		a, b := c.Add(w.From), c.Add(w.To)
		sp := span{ret: nan, m: nan, car: nan, gap: nan}
		first := seg{s, m, s.Slot(a.Unix()), s.Slot(b.Unix())}
		sp.segs = []seg{first}
		if b.After(s.Close) {
			if cfg.Overnight {
				if ns == nil {
					sp.missing = "no bars on the next session"
					return sp
				}
				rest := b.Sub(s.Close)
				sp.segs = append(sp.segs, seg{ns, nm, 0, ns.Slot(ns.Open.Add(rest).Unix())})
				sp.cut = fmt.Sprintf("continues into the next session %s to %s (overnight return reported separately)", ns.Date, ns.Open.Add(rest).Format("15:04"))
			} else {
				sp.cut = fmt.Sprintf("stops at the close %s", s.Close.Format("15:04"))
			}
		}
		if a.Before(s.Open) {
			sp.cut = joinNote(sp.cut, fmt.Sprintf("starts at the open %s", s.Open.Format("15:04")))
		}
		for _, g := range sp.segs {
			sp.n += g.ke - g.ks
		}
		if first.ks >= first.ke {
			sp.missing = "no bars in the window"
			return sp
		}
		growth, mg, car := 1.0, 1.0, 0.0
		for i, g := range sp.segs {
			if g.ke <= g.ks {
				continue
			}
			ref, ok := g.s.Ref(g.ks)
			if !ok || !g.s.Present[g.ke-1] {
				k := g.ke - 1
				if !ok {
					k = max(g.ks-1, 0)
				}
				sp.missing = fmt.Sprintf("bar at %s missing", hhmm(g.s, k))
				return sp
			}
			growth *= g.s.Bars[g.ke-1].Close / ref
			if i == 1 { // the overnight gap: the next open over this close
				if !s.Present[len(s.Starts)-1] {
					sp.missing = fmt.Sprintf("bar at %s missing", hhmm(s, len(s.Starts)-1))
					return sp
				}
				sp.gap = g.s.Bars[0].Open/s.Bars[len(s.Starts)-1].Close - 1
				growth *= 1 + sp.gap
			}
			if cfg.Model == Market {
				for k := g.ks; k < g.ke; k++ {
					r, mr := g.s.Return(k), mret(g.m, g.s.Starts[k])
					if math.IsNaN(r) || math.IsNaN(mr) {
						sp.missing = fmt.Sprintf("bar return at %s missing", hhmm(g.s, k))
						mg, car = nan, nan
						break
					}
					mg *= 1 + mr
					car += r - ev.Alpha - ev.Beta*mr
				}
			}
		}
		sp.ret = growth - 1
		if cfg.Model == Market {
			sp.m, sp.car = mg-1, car
		}
		return sp
	}
	// next is a security's next session after d with bars (nil if none).
	next := func(days map[prices.Date]*bars.Session, d prices.Date) *bars.Session {
		if days == nil {
			return nil
		}
		n, ok := cal.Next(d + 1)
		if !ok {
			return nil
		}
		return days[n]
	}
	var mdays map[prices.Date]*bars.Session
	if msec != nil {
		mdays = msec.days
	}
	for _, w := range cfg.Windows {
		wr := WindowResult{Window: w, Market: nan, Normal: nan, CAR: nan, SD: nan, T: nan, DF: nan, P: nan, Pctl: nan, PEmp: nan}
		sp := windowOn(ss, mss, next(sec.days, session), next(mdays, session), clock, w)
		wr.Return, wr.NBars, wr.Overnight = sp.ret, sp.n, sp.gap
		wr.Note = joinNote(sp.cut, sp.missing)
		if g := sp.segs[0]; g.ke > g.ks {
			wr.First = time.Unix(g.s.Starts[g.ks], 0).In(loc)
		}
		if g := sp.segs[len(sp.segs)-1]; g.ke > g.ks {
			wr.Last = time.Unix(g.s.Starts[g.ke-1], 0).In(loc)
		}
		// The same clock window on the estimation days.
		var xs []float64
		for _, d := range est {
			e := windowOn(d.ss, d.ms, next(sec.days, d.ss.Date), next(mdays, d.ss.Date), d.clock, w)
			if e.n != wr.NBars { // a half day, or a cut the event has not
				continue
			}
			switch cfg.Model {
			case Market:
				if !math.IsNaN(e.car) {
					xs = append(xs, e.car)
				}
			default:
				if !math.IsNaN(e.ret) {
					xs = append(xs, e.ret)
				}
			}
		}
		wr.NEst = len(xs)
		switch cfg.Model {
		case Raw:
			wr.Normal, wr.CAR = 0, wr.Return
			if len(xs) >= cfg.MinDays {
				wr.SD, wr.DF = math.Sqrt(meanSq(xs)), float64(len(xs))
			}
		case ConstantMean:
			if len(xs) >= cfg.MinDays {
				var mu float64
				mu, wr.SD, wr.DF = constantMean(xs)
				wr.Normal, wr.CAR = mu, wr.Return-mu
				for i := range xs {
					xs[i] -= mu
				}
			}
		case Market:
			wr.Market, wr.CAR = sp.m, sp.car
			wr.Normal = wr.Return - wr.CAR
			if !math.IsNaN(sp.car) {
				// Campbell, Lo & MacKinlay (1997) eq. 4.4.14 for a
				// sum of L bars: L + L²/T + (Σm − L·m̄)²/Σ(m−m̄)².
				l, sm := float64(sp.n), 0.0
				for _, g := range sp.segs {
					for k := g.ks; k < g.ke; k++ {
						sm += mret(g.m, g.s.Starts[k])
					}
				}
				f := l + l*l/float64(ev.NObs) + (sm-l*xbar)*(sm-l*xbar)/sxx
				wr.SD = ev.Sigma * math.Sqrt(f)
				wr.DF = float64(ev.NObs - 2)
			}
		}
		if len(xs) < cfg.MinDays && cfg.Model != Market {
			wr.Note = joinNote(wr.Note, fmt.Sprintf("%d estimation days with the window's bars, want at least %d", len(xs), cfg.MinDays))
			if cfg.Model == ConstantMean {
				wr.CAR = nan
			}
		}
		if !math.IsNaN(wr.CAR) && wr.SD > 0 {
			wr.T = wr.CAR / wr.SD
			wr.P = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: wr.DF}.CDF(-math.Abs(wr.T))
		}
		if !math.IsNaN(wr.CAR) && len(xs) > 0 {
			wr.Pctl, wr.PEmp = percentile(wr.CAR, xs)
		}
		ev.Windows = append(ev.Windows, wr)
	}
	// The span of the windows: bars, paths.
	ev.Span = cfg.Windows[0]
	for _, w := range cfg.Windows {
		ev.Span.From, ev.Span.To = min(ev.Span.From, w.From), max(ev.Span.To, w.To)
	}
	ks, ke := ss.Slot(clock.Add(ev.Span.From).Unix()), ss.Slot(clock.Add(ev.Span.To).Unix())
	car := 0.0
	for k := ks; k < ke; k++ {
		st := time.Unix(ss.Starts[k], 0).In(loc)
		off := st.Sub(clock)
		r, m := ss.Return(k), mret(mss, ss.Starts[k])
		if mss == nil {
			m = nan
		}
		row := BarRow{Start: st, Minute: st.Sub(t).Minutes(), Return: r, Market: m}
		row.Normal = normalBar(r, m, off)
		row.AR = r - row.Normal
		car += row.AR
		row.CAR = car
		ev.Bars = append(ev.Bars, row)
		ev.Minutes = append(ev.Minutes, row.Minute)
	}
	ev.Path = path(ss, ks, ke)
	for _, d := range est {
		a := d.ss.Slot(d.clock.Add(ev.Span.From).Unix())
		p := path(d.ss, a, a+(ke-ks))
		ev.EstPaths = append(ev.EstPaths, p)
	}
	return ev, ""
}

// path is the cumulative return of slots [ks, ke) from the price before
// slot ks; NaN where a bar is missing (and past the session).
func path(s *bars.Session, ks, ke int) []float64 {
	out := make([]float64, ke-ks)
	ref, ok := nan, false
	if ks < len(s.Starts) {
		ref, ok = s.Ref(ks)
	}
	for k := ks; k < ke; k++ {
		out[k-ks] = nan
		if ok && k < len(s.Starts) && s.Present[k] {
			out[k-ks] = s.Bars[k].Close/ref - 1
		}
	}
	return out
}
