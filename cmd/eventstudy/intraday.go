package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/eventstudy/eventstudy/internal/bars"
	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/intraday"
	"github.com/eventstudy/eventstudy/internal/par"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/report"
)

// barSpec is one --prices value of an intraday study: a file and its ticker.
type barSpec struct{ ticker, file string }

// barSpecs expands --prices values: TICKER=FILE, a FILE (its ticker is its
// name up to _1min, _5min, ...: SPY_1min_2024.csv is SPY), or a directory
// of such files.
func barSpecs(values []string) ([]barSpec, error) {
	var out []barSpec
	for _, v := range values {
		if t, f, ok := strings.Cut(v, "="); ok && !strings.ContainsAny(t, `/\`) {
			out = append(out, barSpec{t, f})
			continue
		}
		st, err := os.Stat(v)
		if err != nil {
			return nil, fmt.Errorf("prices: %w", err)
		}
		if !st.IsDir() {
			out = append(out, barSpec{tickerOf(v), v})
			continue
		}
		ents, err := os.ReadDir(v)
		if err != nil {
			return nil, fmt.Errorf("prices: %w", err)
		}
		for _, e := range ents {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
				p := filepath.Join(v, e.Name())
				out = append(out, barSpec{tickerOf(p), p})
			}
		}
	}
	return out, nil
}

var intervalSuffix = regexp.MustCompile(`_[0-9]+(min|m|h)(_.*)?$`)

func tickerOf(path string) string {
	b := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return intervalSuffix.ReplaceAllString(b, "")
}

// isIntraday tells an intraday study: windows in minutes, or bar files
// among --prices. Daily and bar files in one study are an error.
func isIntraday(o runOptions) (bool, error) {
	minutes := intraday.IsMinutes(o.Windows)
	var barFiles, daily []string
	for _, v := range o.Prices.values {
		_, f, ok := strings.Cut(v, "=")
		if !ok {
			f = v
		}
		st, err := os.Stat(f)
		if err != nil || st.IsDir() {
			continue // the daily loader or barSpecs says what is wrong
		}
		isBar, err := bars.IsBarFile(f)
		if err != nil {
			continue
		}
		if isBar {
			barFiles = append(barFiles, f)
		} else {
			daily = append(daily, f)
		}
	}
	switch {
	case len(barFiles) > 0 && len(daily) > 0:
		return false, usagef("--prices: %s holds daily rows and %s intraday bars: one study takes one or the other", daily[0], barFiles[0])
	case len(barFiles) > 0 && !minutes:
		return false, usagef("--prices %s holds intraday bars: give --windows in minutes, e.g. -30m:0m,0m:5m,0m:30m,0m:60m", barFiles[0])
	case minutes && len(daily) > 0:
		return false, usagef("--windows %s is in minutes but %s holds daily rows: an intraday study needs bar files", o.Windows, daily[0])
	}
	return minutes || len(barFiles) > 0, nil
}

// runIntraday runs an intraday study: bars, sessions, the event clock,
// windows in minutes.
func runIntraday(o runOptions, stdout, stderr io.Writer) error {
	if err := dailyOnly(o); err != nil {
		return err
	}
	ws, err := intraday.ParseWindows(o.Windows)
	if err != nil {
		return usagef("--windows: %v", err)
	}
	model, err := intraday.ParseModel(o.Model)
	if err != nil {
		return usagef("--model: %v", err)
	}
	if o.EstimationDays < 1 || o.EstimationDays > 250 {
		return usagef("--estimation-days %d: want 1 to 250", o.EstimationDays)
	}
	iv, err := bars.ParseInterval(o.Bar)
	if err != nil {
		return usagef("--bar: %v", err)
	}
	label, err := bars.ParseLabel(o.BarLabel)
	if err != nil {
		return usagef("--bar-label: %v", err)
	}
	if model == intraday.Market && o.Market == "" {
		return usagef("--model market needs a benchmark: give --market TICKER (or --model constant-mean or raw)")
	}
	list, err := prices.ReadEvents(o.Events, prices.EventColumns{Ticker: o.TickerCol, Date: o.DateCol, Timestamp: o.TimestampCol, Timing: o.TimingCol, DateFormat: o.DateFormat})
	if err != nil {
		return err
	}
	// Every event needs a timestamp with a zone: a bare date or a naive
	// time cannot be put on the minute clock.
	var bad []string
	for _, e := range list.Events {
		switch {
		case !e.HasTime:
			bad = append(bad, fmt.Sprintf("%s:%d: %q is a date: an intraday study needs the news time, e.g. %s 14:00:00-04:00 or %s 14:00 ET", o.Events, e.Line, e.Written, e.Written, e.Written))
		case naive(e.Written):
			bad = append(bad, fmt.Sprintf("%s:%d: timestamp %q has no zone: give an offset (%s-04:00 for New York summer time, -05:00 winter) or a zone word (%s ET, HKT, UTC)", o.Events, e.Line, e.Written, strings.Replace(e.Written, " ", "T", 1), e.Written))
		}
	}
	if len(bad) > 0 {
		if len(bad) > 10 {
			bad = append(bad[:10], fmt.Sprintf("... and %d more", len(bad)-10))
		}
		return errors.New(strings.Join(bad, "\n"))
	}
	cal, err := studyCalendar(o, list.Events)
	if err != nil {
		return err
	}
	if err := intraday.CheckLengths(ws, cal, o.ExtendedHours, o.Overnight); err != nil {
		return usagef("--windows: %v", err)
	}
	need := intraday.Needed(list.Events, cal, o.EstimationDays)
	specs, err := barSpecs(o.Prices.values)
	if err != nil {
		return err
	}
	series := map[string]*bars.Series{}
	var inputs []report.Input
	if in, err := report.HashFile("events", o.Events); err == nil {
		inputs = append(inputs, in)
	}
	// Only the files of tickers an event or a benchmark names are read, in
	// parallel, each in one pass keeping the sessions needed.
	named := map[string]bool{o.Market: model == intraday.Market}
	for _, e := range list.Events {
		named[e.Ticker] = true
		if e.Market != "" && model == intraday.Market {
			named[e.Market] = true
		}
	}
	seen := map[string]string{}
	var unread []string
	var todo []barSpec
	for _, sp := range specs {
		if f, dup := seen[sp.ticker]; dup {
			return usagef("--prices: two bar files for %s (%s and %s)", sp.ticker, f, sp.file)
		}
		seen[sp.ticker] = sp.file
		if named[sp.ticker] {
			todo = append(todo, sp)
		} else {
			unread = append(unread, sp.ticker)
		}
	}
	type loaded struct {
		s   *bars.Series
		in  report.Input
		err error
	}
	got := make([]loaded, len(todo))
	par.For(0, len(todo), func(i int) {
		sp := todo[i]
		s, err := bars.Read(sp.file, sp.ticker, bars.Options{Label: label, Interval: iv, Location: cal.Location, Keep: func(d prices.Date) bool { return need[d] }})
		if err != nil {
			got[i].err = err
			return
		}
		got[i].s = s
		got[i].in, got[i].err = report.HashFile("prices", sp.file)
	})
	for i, g := range got {
		if g.err != nil {
			if errors.Is(g.err, bars.ErrDailyFile) {
				return usageError{g.err}
			}
			return g.err
		}
		series[todo[i].ticker] = g.s
		inputs = append(inputs, g.in)
	}
	if model == intraday.Market && series[o.Market] == nil {
		return usagef("--market %s: no bars for it among %d bar files (%s)", o.Market, len(series), strings.Join(sortedKeys(series), ", "))
	}
	cfg := intraday.Config{Model: model, Market: o.Market, Windows: ws, EstDays: o.EstimationDays, Calendar: cal, Hours: bars.Hours{Extended: o.ExtendedHours}, Overnight: o.Overnight}
	res, err := intraday.Run(cfg, list.Events, series)
	if err != nil {
		return err
	}
	if len(unread) > 0 {
		sort.Strings(unread)
		res.Notes = append(res.Notes, fmt.Sprintf("not read: %s (no event or benchmark names it)", strings.Join(unread, ", ")))
	}
	for _, r := range list.Rejected {
		res.Skipped = append(res.Skipped, intraday.Skip{ID: r.ID, Ticker: r.Ticker, Written: r.Date, Reason: r.Err.Error()})
	}
	if err := checkWritable(o.Out); err != nil {
		return err
	}
	outs, err := report.Begin(o.Out, version, o.Events)
	if err != nil {
		return err
	}
	meta := report.Meta{Version: version, Inputs: inputs, Outputs: outs, EscapeFormulas: o.EscapeFormulas}
	var charts []report.IntradayChart // for report.html
	if o.Charts {
		var notes []string
		style, err := chart.ParseStyle(o.Style)
		if err != nil {
			outs.Abort()
			return usagef("--style: %v", err)
		}
		opts := report.ChartOptions{Style: style, Outputs: outs}
		drawn := []chart.Format{chart.FormatPNG}
		if o.PDF {
			opts.Formats = []chart.Format{chart.FormatPNG, chart.FormatSVG, chart.FormatPDF}
			drawn = append(drawn, chart.FormatPDF)
		}
		if w := report.IntradayChartTextWarning(res, o.Title, style, drawn...); w != "" {
			res.Notes = append(res.Notes, w)
		}
		charts, notes, err = report.WriteIntradayCharts(o.Out, res, o.Title, opts)
		if err != nil {
			outs.Abort()
			return err
		}
		res.Notes = append(res.Notes, notes...)
	}
	if o.XLSX {
		// The tables the workbook leaves out, named in the summary, the
		// report and summary.json.
		for _, s := range report.IntradayXLSXLeftOut(res) {
			res.Notes = append(res.Notes, s.Note())
		}
	}
	if err := report.WriteIntraday(o.Out, res, meta); err != nil {
		outs.Abort()
		return err
	}
	if o.Report {
		if err := report.WriteIntradayHTML(o.Out, res, meta, o.Title, charts); err != nil {
			outs.Abort()
			return err
		}
	}
	if o.XLSX {
		if err := report.WriteIntradayXLSX(o.Out, res, meta, o.Title); err != nil {
			outs.Abort()
			return err
		}
	}
	if err := outs.Finish(); err != nil {
		return err
	}
	if err := report.WriteIntradayText(stdout, res); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nTables in %s (ar.csv, car.csv, fit.csv, tests.csv, caar_minute.csv, skipped.csv, summary.json)", o.Out)
	if o.Charts {
		fmt.Fprintf(stdout, ", charts in %s", filepath.Join(o.Out, "charts"))
	}
	if o.Report {
		fmt.Fprintf(stdout, ", report %s", filepath.Join(o.Out, "report.html"))
	}
	if o.XLSX {
		fmt.Fprintf(stdout, ", workbook %s", filepath.Join(o.Out, "results.xlsx"))
	}
	fmt.Fprintln(stdout)
	return nil
}

// naive reports whether an event timestamp as written has no zone: it
// reads differently in two zones.
func naive(written string) bool {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	a, err1 := prices.ParseTimestamp(written, time.UTC)
	b, err2 := prices.ParseTimestamp(written, tokyo)
	return err1 == nil && err2 == nil && !a.Equal(b)
}

// studyCalendar is the calendar of the events' exchange (--calendar XNYS
// or XHKG overrides it); one per study.
func studyCalendar(o runOptions, evs []prices.Event) (*prices.Calendar, error) {
	if c := strings.ToUpper(o.Calendar); c != "" && c != "DATA" {
		cal, err := prices.LookupCalendar(c)
		if err != nil {
			return nil, usagef("--calendar: %v", err)
		}
		return cal, nil
	}
	var cal *prices.Calendar
	for _, e := range evs {
		c := e.Exchange.Calendar
		if c == nil {
			c, _ = prices.LookupCalendar("XNYS")
		}
		if cal != nil && c != cal {
			return nil, usagef("events on %s and %s sessions: run one intraday study per exchange", cal.Code, c.Code)
		}
		cal = c
	}
	if cal == nil {
		return prices.LookupCalendar("XNYS")
	}
	return cal, nil
}

func sortedKeys[T any](m map[string]T) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// dailyOnly rejects the settings of daily studies that an intraday study
// would otherwise ignore: nothing given is dropped silently.
func dailyOnly(o runOptions) error {
	d := defaultRunOptions()
	for _, c := range []struct {
		flag, instead string
		set           bool
	}{
		{"estimation", "an intraday study takes --estimation-days N, the sessions before the event's", o.Estimation != d.Estimation},
		{"min-estimation", "an intraday window needs half its --estimation-days with its bars", o.MinEst != d.MinEst},
		{"shift", "news outside a session moves to the next session's first bar", o.Shift != d.Shift},
		{"returns", "bar returns are simple", o.Returns != d.Returns},
		{"measure", "an intraday study measures returns", o.Measure != d.Measure},
		{"values", "bar files hold prices", o.Values != d.Values},
		{"factors", "the intraday models are raw, constant-mean and market", len(o.Factors.values) > 0},
		{"lags", "the intraday models are raw, constant-mean and market", o.Lags != d.Lags},
		{"bootstrap", "not yet for intraday studies", o.Bootstrap != d.Bootstrap},
		{"group", "not yet for intraday studies", o.Group != d.Group},
		{"drop-confounded", "not yet for intraday studies", o.DropConf},
	} {
		if c.set {
			return usagef("--%s is for daily studies: %s", c.flag, c.instead)
		}
	}
	return nil
}

// intradayOnly rejects the intraday settings in a daily study.
func intradayOnly(o runOptions) error {
	d := defaultRunOptions()
	for _, c := range []struct {
		flag string
		set  bool
	}{
		{"bar", o.Bar != d.Bar}, {"bar-label", o.BarLabel != d.BarLabel},
		{"extended-hours", o.ExtendedHours}, {"overnight", o.Overnight}, {"estimation-days", o.EstimationDays != d.EstimationDays},
	} {
		if c.set {
			hint := ""
			if c.flag == "estimation-days" {
				hint = "; a daily study takes --estimation FROM:TO"
			}
			return usagef("--%s is for intraday studies (bar files, --windows in minutes such as 0m:30m)%s", c.flag, hint)
		}
	}
	return nil
}
