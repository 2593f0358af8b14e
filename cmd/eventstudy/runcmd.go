package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/par"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/report"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// runOptions are the settings of 'eventstudy run', from a study file and
// flags. The yaml tags are the study file's keys: each flag's name with
// underscores (TestStudyKeysAreFlags).
type runOptions struct {
	Events         string     `yaml:"events"`
	Prices         stringList `yaml:"prices"`
	Market         string     `yaml:"market"`
	Model          string     `yaml:"model"`
	Estimation     string     `yaml:"estimation"`
	Windows        string     `yaml:"windows"`
	MinEst         int        `yaml:"min_estimation"`
	Shift          string     `yaml:"shift"`
	Calendar       string     `yaml:"calendar"`
	Returns        string     `yaml:"returns"`
	Out            string     `yaml:"out"`
	TickerCol      string     `yaml:"ticker_col"`
	DateCol        string     `yaml:"date_col"`
	DateFormat     string     `yaml:"date_format"`
	TimestampCol   string     `yaml:"timestamp_col"`
	TimingCol      string     `yaml:"timing_col"`
	Charts         bool       `yaml:"charts"`
	Title          string     `yaml:"title"`
	Quiet          bool       `yaml:"quiet"`
	DropConf       bool       `yaml:"drop_confounded"`
	Group          string     `yaml:"group"`
	Factors        stringList `yaml:"factors"`
	Lags           int        `yaml:"lags"`
	Measure        string     `yaml:"measure"`
	Values         string     `yaml:"values"`
	Bootstrap      int        `yaml:"bootstrap"`
	Seed           uint64     `yaml:"seed"`
	Placebo        int        `yaml:"placebo"`
	Report         bool       `yaml:"report"`
	XLSX           bool       `yaml:"xlsx"`
	Style          string     `yaml:"style"`
	PDF            bool       `yaml:"pdf"`
	EscapeFormulas bool       `yaml:"escape_formulas"`
	Bar            string     `yaml:"bar"`
	BarLabel       string     `yaml:"bar_label"`
	ExtendedHours  bool       `yaml:"extended_hours"`
	EstimationDays int        `yaml:"estimation_days"`
	Overnight      bool       `yaml:"overnight"`
}

func defaultRunOptions() runOptions {
	return runOptions{
		Model:          "market",
		Estimation:     "-250:-11",
		Windows:        "0:0,-1:1,-5:5",
		MinEst:         120,
		Shift:          "next",
		Calendar:       "data",
		Returns:        "simple",
		Measure:        "returns",
		Values:         "prices",
		Style:          "default",
		Seed:           1,
		Out:            "eventstudy-out",
		Charts:         true,
		EstimationDays: 20,
	}
}

// stringList is a repeatable flag. The first use on the command line
// replaces what a study file gave; later uses append.
type stringList struct {
	values    []string
	fromFlags bool
}

func (l *stringList) String() string { return strings.Join(l.values, ",") }

func (l *stringList) Set(v string) error {
	if !l.fromFlags {
		l.values, l.fromFlags = nil, true
	}
	l.values = append(l.values, v)
	return nil
}

// UnmarshalYAML accepts a single path or a list of paths.
func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		l.values = []string{n.Value}
		return nil
	}
	return n.Decode(&l.values)
}

const runUsage = `Usage: eventstudy run [study.yaml] --events FILE --prices PATH [flags]

Runs an event study: lines up each event with its security's trading days,
estimates normal returns over the estimation window, computes AR, CAR and
BHAR per event and window, tests them per event and across events, and
writes tables and charts to --out.

Settings may come from a YAML study file whose keys are the flag names with
underscores (%s);
flags given on the command line override them.

Flags:
`

const runExamples = `
Price files (--prices, repeatable):
  DIR            every TICKER.csv / TICKER.csv.gz in DIR
  TICKER=FILE    one security's file, named TICKER
  FILE           a long panel (date,ticker,close|adj_close|return), a wide
                 file (date,T1,T2,...), or one security's Yahoo/yfinance file
  Yahoo (Date,Open,High,Low,Close,Adj Close,Volume) and yfinance layouts are
  read as they are downloaded; Adj Close is used when present, else Close.
  A ticker given by several --prices is spliced from its files: on common
  dates they must agree within 1e-6 (relative), except that a last row that
  looks like a partial day (low volume) gives way to the other file; from
  the first date of the file that starts later, its rows are used, e.g.
  --prices ^HSI=HSI_1986-2024.csv --prices ^HSI=HSI_2021-2026.csv

Event list (--events): CSV with a ticker column and a date (YYYY-MM-DD) or
timestamp column (2025-11-14T09:30:00+08:00, or 2025-11-14 16:30 ET);
optional id, market (the benchmark of that event) and exchange columns;
every other column is copied to car.csv. A timestamp at or after the
exchange's close (New York 16:00 unless the ticker's suffix says .HK, .L,
.T, .DE, .PA, .SS or .SZ; NYSE and HKEX half days close at 13:00 and
12:00) moves day 0 to the next trading day; fit.csv's day0_reason says so.
Instead of a timestamp, a timing column (bmo, amc, dmh or intraday; any
case) says when on the date the news came: amc moves day 0 to the next
session. When a row has both, the timestamp decides and a disagreement is
a warning. 'eventstudy events' writes such lists from dates, price columns
or EDGAR.

Outputs in --out: ar.csv, car.csv, fit.csv (the model fitted per event),
aar.csv, tests.csv, skipped.csv, summary.json and charts/ (PNG and SVG);
with --report report.html, with --xlsx results.xlsx, with --placebo K
placebo.csv (each test's rejection rate at 1, 5 and 10% over K
pseudo-studies) and tests.csv's p_empirical, (1 + #{placebo p <= p}) / (K + 1). With several models
(--model market,ff3,carhart) the tables begin with a model column and hold
every model's rows (an event one model cannot compute is skipped for that
model only), robustness.csv sets N, CAAR and the main tests of each model
and window side by side, and charts/caar-models draws their CAARs; the
summary, report and workbook are the first model's, with a robustness
section. A batch of 20,000 events or more keeps each event's estimation
window in a temporary file in --out while it runs (4.3 KB an event with
the default window; removed as soon as it is opened, where the system
allows), so that a million events fit in about 3.5 GB of memory.

Formulas in CSV files: the CSV files copy text from the event list as it
is. A cell that begins with =, +, -, @, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets when the file is
opened there, and a formula can fetch URLs or run commands (CSV injection).
If the event list comes from others, give --escape-formulas: such cells
then begin with ' (numbers are never changed). results.xlsx always stores
text as text and needs no escaping.

Examples:
  eventstudy run --events data/alibaba/events.csv \
      --prices 9988.HK=9988.HK.csv --prices ^HSI=HSI.csv \
      --prices BABA=BABA.csv --prices SPY=SPY.csv --out alibaba/
  eventstudy run --events earnings.csv --timestamp-col accept_et \
      --prices prices/ --prices ^NDX=NDX.csv --market ^NDX --out ndx/
  eventstudy run study.yaml --windows -1:1,0:5
`

func newRunFlags(o *runOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Events, "events", o.Events, "event list `FILE` (CSV), e.g. events.csv")
	fs.Var(&o.Prices, "prices", "price `PATH`: a directory, TICKER=FILE, or a FILE (repeatable), e.g. --prices prices/ --prices SPY=spy.csv")
	fs.StringVar(&o.Market, "market", o.Market, "benchmark `TICKER` for events whose list has no market column, e.g. SPY; the constant-mean and factor models need none")
	fs.StringVar(&o.Model, "model", o.Model, "expected-return `model`: constant-mean, market-adjusted, market, scholes-williams, dimson, garch (market model with GARCH(1,1) errors), ff3, carhart, ff5 or factors; several, comma-separated (market,ff3,carhart), run each on the same events and compare them in robustness.csv; an intraday study takes raw, constant-mean (the same clock-time window on the estimation days) or market (bar returns on --market's)")
	fs.Var(&o.Factors, "factors", "factor `FILE` for ff3, carhart, ff5 and factors (repeatable; files are joined by date), e.g. Ken French's F-F_Research_Data_Factors_daily.CSV as downloaded, or date,f1,f2,... in decimals")
	fs.IntVar(&o.Lags, "lags", o.Lags, "leads and lags `N` of the Dimson model, at most 10 (default 1)")
	fs.IntVar(&o.Bootstrap, "bootstrap", o.Bootstrap, "bootstrap each window's CAAR with `B` resamples of the events (95% percentile interval and p-value), e.g. 1000, at most 100000; 0 for none")
	fs.Uint64Var(&o.Seed, "seed", o.Seed, "`seed` of the bootstrap and the placebo: the same seed gives the same interval and sizes")
	fs.IntVar(&o.Placebo, "placebo", o.Placebo, "rerun the study on `K` pseudo-studies of the same securities on dates outside every event window (events sharing a date share a pseudo-date), for each test's empirical size (placebo.csv) and p (tests.csv p_empirical), e.g. 200, at most 10000; 0 for none")
	fs.StringVar(&o.Measure, "measure", o.Measure, "`measure` studied: returns, or volume (abnormal log(1+volume), Campbell & Wasley 1996)")
	fs.StringVar(&o.Values, "values", o.Values, "`values` of the ticker columns of a wide price file (date,T1,T2,...): prices, returns (simple, 0.01 is 1%) or log-returns")
	fs.StringVar(&o.Estimation, "estimation", o.Estimation, "estimation window `FROM:TO` in trading days relative to day 0 (within ±25000)")
	fs.StringVar(&o.Windows, "windows", o.Windows, "event `windows` FROM:TO, comma-separated (at most 100, within ±25000), e.g. 0:0,-1:1,0:5; in minutes for an intraday study of bar files, the bars starting in [news+FROM, news+TO), e.g. -30m:0m,0m:5m,0m:30m,0m:60m")
	fs.IntVar(&o.MinEst, "min-estimation", o.MinEst, "minimum estimation returns `N` (with a market return the same day) for an event to be used")
	fs.StringVar(&o.Shift, "shift", o.Shift, "`rule` for day 0 when the event date is not a trading day: next, prev or exact (skip the event)")
	fs.StringVar(&o.Calendar, "calendar", o.Calendar, "`calendar` that counts event time: data (rows of each price file), XNYS (NYSE/Nasdaq sessions) or XHKG (HKEX sessions), 2000-2027; with a calendar a session without a price row is a missing return (a data gap, warned), not skipped over")
	fs.StringVar(&o.Returns, "returns", o.Returns, "`kind` of returns: simple (P_t/P_t-1 - 1), log, or trade-to-trade (a return spans the days without a price, the market is compounded over the same days, and the model scales by the span as Maynes & Rumsey 1993: market, market-adjusted or constant-mean model)")
	fs.StringVar(&o.Out, "out", o.Out, "output `DIR` (created if needed); a rerun replaces the files of the run before (listed in DIR/manifest.json) and leaves other files alone")
	fs.StringVar(&o.TickerCol, "ticker-col", o.TickerCol, "event-list `column` holding tickers (default ticker or symbol)")
	fs.StringVar(&o.DateCol, "date-col", o.DateCol, "event-list `column` holding YYYY-MM-DD dates (default date or event_date)")
	fs.StringVar(&o.DateFormat, "date-format", o.DateFormat, "date `format` of the event list: YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY (default: told from the dates)")
	fs.StringVar(&o.TimestampCol, "timestamp-col", o.TimestampCol, "event-list `column` holding timestamps (default timestamp)")
	fs.StringVar(&o.TimingCol, "timing-col", o.TimingCol, "event-list `column` holding bmo, amc or dmh (default timing)")
	fs.BoolVar(&o.Charts, "charts", o.Charts, "draw charts (PNG and SVG) into DIR/charts")
	fs.BoolVar(&o.Report, "report", o.Report, "write DIR/report.html: one self-contained page (settings, sample, charts, tests, events, methods) to open in a browser")
	fs.BoolVar(&o.XLSX, "xlsx", o.XLSX, "write DIR/results.xlsx: the tables as Excel sheets, with the charts")
	fs.StringVar(&o.Style, "style", o.Style, "chart `style`: default (colour) or paper (greyscale, serif, for journals)")
	fs.BoolVar(&o.PDF, "pdf", o.PDF, "also write every chart as PDF")
	fs.BoolVar(&o.EscapeFormulas, "escape-formulas", o.EscapeFormulas, "prefix with ' every CSV cell of event-list text (ids, tickers, dates as written, extra columns, group names) that begins with =, +, -, @, tab or carriage return, so that a spreadsheet opening the CSV files shows it as text instead of running it as a formula (see Formulas in CSV files below)")
	fs.StringVar(&o.Title, "title", o.Title, "`text` saying what was studied, for chart titles, e.g. \"Alibaba, 2025-11-14 report\"")
	fs.BoolVar(&o.Quiet, "quiet", o.Quiet, "print nothing but errors")
	fs.StringVar(&o.Group, "group", o.Group, "event-list `column` that splits the study into groups (e.g. news = good/bad): tables and charts per group and tests of their difference")
	fs.BoolVar(&o.DropConf, "drop-confounded", o.DropConf, "leave out events whose widest window overlaps another event of the same security")
	fs.StringVar(&o.Bar, "bar", o.Bar, "intraday bar `interval` of the bar files, e.g. 1m or 5m (default: detected from the timestamps)")
	fs.StringVar(&o.BarLabel, "bar-label", o.BarLabel, "what a bar file's timestamps `label`: start, end or end-1m (end minus one minute) of the bar (default: detected where the timestamps tell, e.g. bars at 09:30 or 16:00, or every label at :04/:59)")
	fs.BoolVar(&o.ExtendedHours, "extended-hours", o.ExtendedHours, "intraday: use the bars of extended hours (04:00-20:00 New York) instead of the regular session")
	fs.BoolVar(&o.Overnight, "overnight", o.Overnight, "intraday: a window past the close continues into the next session (the overnight return is in the window's return and reported separately in car.csv); without it the window stops at the close")
	fs.IntVar(&o.EstimationDays, "estimation-days", o.EstimationDays, "intraday: estimation `N` sessions before the event's (1 to 250)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, runUsage, wrap(strings.Join(studyKeys(), ", "), 76, len("underscores (")))
		fs.PrintDefaults()
		fmt.Fprint(stderr, runExamples)
	}
	return fs
}

// parseRunArgs reads an optional study file (the first argument that is not
// a flag) and then the flags, which override it.
func parseRunArgs(args []string, stderr io.Writer) (runOptions, error) {
	o := defaultRunOptions()
	fs := newRunFlags(&o, stderr)
	if err := parseQuiet(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		return o, usageError{err}
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return o, nil
	}
	studyFile := rest[0]
	if len(rest) > 1 {
		// Flags after the study file: parse them too.
		fs2 := newRunFlags(&runOptions{}, io.Discard)
		if err := parseQuiet(fs2, rest[1:]); err != nil {
			return o, usageError{err}
		}
		if fs2.NArg() > 0 {
			return o, usagef("unexpected argument %q: give at most one study file", fs2.Arg(0))
		}
	}
	o = defaultRunOptions()
	if err := loadStudyFile(studyFile, &o); err != nil {
		return o, err
	}
	flagArgs := make([]string, 0, len(args))
	for i, a := range args {
		if a == studyFile && i == len(args)-len(rest) {
			continue
		}
		flagArgs = append(flagArgs, a)
	}
	fs = newRunFlags(&o, stderr)
	if err := parseQuiet(fs, flagArgs); err != nil {
		return o, usageError{err}
	}
	return o, nil
}

var unknownField = regexp.MustCompile(`field (\S+) not found in type \S+`)

// studyKeys are the keys of a study file, in the order of runOptions.
func studyKeys() []string {
	t := reflect.TypeFor[runOptions]()
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		if k := t.Field(i).Tag.Get("yaml"); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// studyFile is a study file as read: runOptions and the keys earlier
// versions named differently (ticker_column for --ticker-col, date_column
// for --date-col, timestamp_column for --timestamp-col), still read.
type studyFile struct {
	runOptions      `yaml:",inline"`
	OldTickerCol    *string `yaml:"ticker_column"`
	OldDateCol      *string `yaml:"date_column"`
	OldTimestampCol *string `yaml:"timestamp_column"`
}

// wrap breaks s at spaces into lines of at most width characters, the first
// of which starts at column first.
func wrap(s string, width, first int) string {
	var b strings.Builder
	col := first
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// maxStudyFile bounds a study file: its settings take a few hundred bytes,
// and the YAML decoder holds several times its input.
const maxStudyFile = 1 << 20

func loadStudyFile(path string, o *runOptions) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("study file: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxStudyFile+1))
	if err != nil {
		return fmt.Errorf("study file: %w", err)
	}
	if len(b) > maxStudyFile {
		return usagef("study file %s: larger than %d bytes (1 MiB): a study file holds settings, not data", path, maxStudyFile)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	sf := studyFile{runOptions: *o}
	if err := dec.Decode(&sf); err != nil && err != io.EOF {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			// yaml names Go types ("field x not found in type
			// main.runOptions"); say it in the file's terms.
			// A file of a megabyte can hold tens of thousands of bad keys:
			// the error names the first few, then a count, and lists the
			// known keys once.
			const shown = 3
			var msgs []string
			unknown := false
			for _, e := range te.Errors {
				if unknownField.MatchString(e) {
					unknown = true
				}
				if len(msgs) < shown {
					msgs = append(msgs, unknownField.ReplaceAllString(e, `unknown key "$1"`))
				}
			}
			if n := len(te.Errors) - shown; n > 0 {
				msgs = append(msgs, fmt.Sprintf("and %d more", n))
			}
			known := ""
			if unknown {
				known = " (known: " + strings.Join(studyKeys(), ", ") + ")"
			}
			return usagef("study file %s: %s%s", path, strings.Join(msgs, "; "), known)
		}
		return usagef("study file %s: %v", path, err)
	}
	for _, a := range []struct {
		old, key string
		v        *string
		dst      *string
	}{
		{"ticker_column", "ticker_col", sf.OldTickerCol, &sf.TickerCol},
		{"date_column", "date_col", sf.OldDateCol, &sf.DateCol},
		{"timestamp_column", "timestamp_col", sf.OldTimestampCol, &sf.TimestampCol},
	} {
		if a.v == nil {
			continue
		}
		if *a.dst != "" {
			return usagef("study file %s: %s and %s are the same key (%s is its old name): give one", path, a.old, a.key, a.old)
		}
		*a.dst = *a.v
	}
	*o = sf.runOptions
	// Paths in a study file are relative to the file.
	base := filepath.Dir(path)
	rel := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(base, p)
	}
	o.Events, o.Out = rel(o.Events), rel(o.Out)
	for i, p := range o.Factors.values {
		o.Factors.values[i] = rel(p)
	}
	for i, p := range o.Prices.values {
		if t, f, ok := strings.Cut(p, "="); ok {
			o.Prices.values[i] = t + "=" + rel(f)
		} else {
			o.Prices.values[i] = rel(p)
		}
	}
	return nil
}

// Bounds of the text settings. A path is at most PATH_MAX (4096 bytes on
// Linux), and so is any other setting (a column or ticker name, a list of
// windows: 100 of them take under 1,500 bytes). A title is drawn on every
// chart: 900 KB of one (from a study file) took 22 s of drawing before
// results.xlsx refused it.
const (
	maxSetting = 4096
	maxTitle   = 500
)

// checkLengths checks the text settings against maxSetting and maxTitle.
func (o runOptions) checkLengths() error {
	if len(o.Title) > maxTitle {
		return usagef("--title: %d bytes, want at most %d", len(o.Title), maxTitle)
	}
	for _, s := range []struct{ flag, v string }{
		{"events", o.Events}, {"market", o.Market}, {"model", o.Model}, {"estimation", o.Estimation},
		{"windows", o.Windows}, {"shift", o.Shift}, {"calendar", o.Calendar}, {"returns", o.Returns}, {"out", o.Out},
		{"ticker-col", o.TickerCol}, {"date-col", o.DateCol}, {"date-format", o.DateFormat},
		{"timestamp-col", o.TimestampCol}, {"timing-col", o.TimingCol}, {"group", o.Group}, {"measure", o.Measure},
		{"values", o.Values}, {"style", o.Style},
	} {
		if len(s.v) > maxSetting {
			return usagef("--%s: %d bytes, want at most %d", s.flag, len(s.v), maxSetting)
		}
	}
	for _, l := range []struct {
		flag string
		v    []string
	}{{"prices", o.Prices.values}, {"factors", o.Factors.values}} {
		for _, v := range l.v {
			if len(v) > maxSetting {
				return usagef("--%s: %d bytes, want at most %d", l.flag, len(v), maxSetting)
			}
		}
	}
	return nil
}

// config turns options into a study configuration; its errors are usage
// errors.
func (o runOptions) config() (study.Config, error) {
	var cfg study.Config
	var err error
	if err := o.checkLengths(); err != nil {
		return cfg, err
	}
	if o.Out == "" {
		return cfg, usagef("--out: empty: want a directory")
	}
	for _, l := range []struct {
		flag string
		v    []string
	}{{"prices", o.Prices.values}, {"factors", o.Factors.values}} {
		seen := map[string]bool{}
		for _, v := range l.v {
			// Read twice, every ticker of it clashed with itself.
			c := filepath.Clean(v)
			if seen[c] {
				return cfg, usagef("--%s %s: given twice", l.flag, v)
			}
			seen[c] = true
		}
	}
	if err := prices.CheckDateFormat(o.DateFormat); err != nil {
		return cfg, usageError{fmt.Errorf("--date-format: %w", err)}
	}
	models, err := o.models()
	if err != nil {
		return cfg, err
	}
	cfg.Model = models[0]
	if cfg.Estimation, err = stats.ParseWindow(o.Estimation); err != nil {
		return cfg, usageError{fmt.Errorf("--estimation: %w", err)}
	}
	if cfg.Windows, err = stats.ParseWindows(o.Windows); err != nil {
		return cfg, usageError{fmt.Errorf("--windows: %w", err)}
	}
	if cfg.Shift, err = prices.ParseShift(o.Shift); err != nil {
		return cfg, usageError{fmt.Errorf("--shift: %w", err)}
	}
	if o.Calendar != "data" {
		if cfg.Calendar, err = prices.LookupCalendar(o.Calendar); err != nil {
			return cfg, usagef("--calendar %q: want data, %s", o.Calendar, strings.Join(prices.CalendarCodes(), " or "))
		}
	}
	switch o.Returns {
	case "simple":
	case "log":
		cfg.Log = true
	case "trade-to-trade":
		cfg.TradeToTrade = true
	default:
		return cfg, usagef("--returns %q: want simple, log or trade-to-trade", o.Returns)
	}
	switch o.Measure {
	case "returns":
	case "volume":
		cfg.Volume = true
	default:
		return cfg, usagef("--measure %q: want returns or volume", o.Measure)
	}
	if _, err := prices.ParseValues(o.Values); err != nil {
		return cfg, usagef("--values %w", err)
	}
	cfg.Lags = o.Lags // range-checked by Validate
	if _, err := chart.ParseStyle(o.Style); err != nil {
		return cfg, usageError{fmt.Errorf("--style: %w", err)}
	}
	cfg.Bootstrap, cfg.Seed = o.Bootstrap, o.Seed
	cfg.Placebo = o.Placebo // range-checked by Validate
	anyFactor := slices.ContainsFunc(models, study.IsFactorModel)
	if len(o.Factors.values) > 0 && !anyFactor {
		return cfg, usagef("--factors is for the ff3, carhart, ff5 and factors models, not %s", o.Model)
	}
	for _, m := range models {
		if study.IsFactorModel(m) && len(o.Factors.values) == 0 {
			return cfg, usagef("--model %s needs --factors FILE", m)
		}
	}
	if len(models) > 1 && o.Placebo > 0 {
		return cfg, usagef("--placebo with several models: run one model at a time for its placebo sizes")
	}
	if len(models) > 1 && o.Group != "" {
		return cfg, usagef("--group with several models: run one model at a time to split by %s", o.Group)
	}
	cfg.MinEst = o.MinEst
	cfg.DropConfounded = o.DropConf
	cfg.Group = o.Group
	cfg.Market = o.Market
	for _, m := range models {
		c := modelConfig(cfg, m, &prices.Factors{}) // validated here without the file, which execute reads
		if err := c.Validate(); err != nil {
			if len(models) > 1 {
				err = fmt.Errorf("--model %s: %w", m, err)
			}
			return cfg, usageError{err}
		}
	}
	return modelConfig(cfg, cfg.Model, &prices.Factors{}), nil
}

// maxModels bounds the models of one run: each is a full study of the
// events, and the robustness table has a column per model.
const maxModels = 9

// models parses --model: one model, or several separated by commas
// (market,ff3,carhart), each run on the same events and windows.
func (o runOptions) models() ([]stats.Model, error) {
	names := strings.Split(o.Model, ",")
	if len(names) > maxModels {
		return nil, usagef("--model: %d models, want at most %d", len(names), maxModels)
	}
	var models []stats.Model
	for _, n := range names {
		m, err := stats.ParseModel(strings.TrimSpace(n))
		if err != nil {
			return nil, usageError{fmt.Errorf("--model: %w", err)}
		}
		if slices.Contains(models, m) {
			return nil, usagef("--model: %s is given twice", m)
		}
		models = append(models, m)
	}
	return models, nil
}

// modelConfig is cfg for model m: the factor file only for a factor model.
func modelConfig(cfg study.Config, m stats.Model, factors *prices.Factors) study.Config {
	cfg.Model, cfg.Factors = m, nil
	if study.IsFactorModel(m) {
		cfg.Factors = factors
	}
	return cfg
}

func runStudy(args []string, stdout, stderr io.Writer) error {
	o, err := parseRunArgs(args, stderr)
	if err != nil {
		return err
	}
	if o.Events == "" {
		return usagef("--events is required")
	}
	if len(o.Prices.values) == 0 {
		return usagef("--prices is required")
	}
	if intra, err := isIntraday(o); err != nil {
		return err
	} else if intra {
		if o.Quiet {
			stdout = io.Discard
		}
		return runIntraday(o, stdout, stderr)
	}
	if err := intradayOnly(o); err != nil {
		return err
	}
	cfg, err := o.config()
	if err != nil {
		return err
	}
	if o.Quiet {
		stdout = io.Discard
	}
	return execute(o, cfg, nil, stdout, stderr)
}

// execute loads the inputs, runs the study and writes every output into
// o.Out, recorded in its manifest: through outs if the caller began them
// (the demo, which writes its inputs there first).
func execute(o runOptions, cfg study.Config, outs *report.Outputs, stdout, stderr io.Writer) error {
	setGC()
	prog := newProgress(stderr, o.Quiet)
	if outs == nil {
		if err := checkWritable(o.Out); err != nil {
			return err
		}
	}
	intr := onInterrupt("run", stderr)
	defer intr.stop()
	intr.watch(outs)
	list, err := prices.ReadEvents(o.Events, prices.EventColumns{Ticker: o.TickerCol, Date: o.DateCol, Timestamp: o.TimestampCol, Timing: o.TimingCol, DateFormat: o.DateFormat})
	if err != nil {
		return err
	}
	models, err := o.models()
	if err != nil {
		return err
	}
	var factors *prices.Factors // read once, shared by every factor model
	if slices.ContainsFunc(models, study.IsFactorModel) {
		if factors, err = loadFactors(o.Factors.values); err != nil {
			return err
		}
	}
	cfgs := make([]study.Config, len(models))
	for i, m := range models {
		cfgs[i] = modelConfig(cfg, m, factors)
		// A large batch keeps its events' estimation windows in a
		// temporary file in the output directory.
		cfgs[i].SpillDir, cfgs[i].SpillMin = o.Out, spillMin()
	}
	cfg = cfgs[0]
	if cfg.Slims(len(list.Events)) {
		setBatchGC(len(list.Events))
	}
	if cfg.Group != "" && !slices.Contains(list.Extra, cfg.Group) {
		return usagef("--group %s: the event list has no such column (its other columns: %s)", cfg.Group, strings.Join(list.Extra, ", "))
	}
	if cfg.Group != "" {
		if err := study.CheckGroups(cfg.Group, slices.Index(list.Extra, cfg.Group), list.Events); err != nil {
			return usageError{err}
		}
	}
	series := make(map[string]*prices.Series)
	inputs := []report.Input{}
	if in, err := report.HashFile("events", o.Events); err == nil {
		inputs = append(inputs, in)
	}
	for _, spec := range o.Prices.values {
		// A study of returns does not read volume columns.
		values, _ := prices.ParseValues(o.Values) // checked in config
		ss, err := prices.LoadWith(spec, prices.Options{Volume: o.Measure == "volume", Values: values})
		if err != nil {
			var pe *prices.PosError
			if errors.As(err, &pe) {
				return err // already names the file, line and column
			}
			return fmt.Errorf("prices: %w", err)
		}
		for _, s := range ss {
			if prev, dup := series[s.Ticker]; dup {
				// One ticker from several files: spliced, where
				// they overlap checked to agree.
				if s, err = prices.Splice(prev, s); err != nil {
					return err
				}
			}
			series[s.Ticker] = s
		}
	}
	// Checked after the inputs are read, whose errors say more.
	if cfg.Market == "" && study.NeedsMarket(cfg.Model) && len(list.Events) > 0 &&
		!slices.ContainsFunc(list.Events, func(e prices.Event) bool { return e.Market != "" }) {
		return usagef("--model %s needs a benchmark: give --market TICKER, or a market column in the event list (the constant-mean and factor models need none)", cfg.Model)
	}
	if cfg.Market != "" && series[cfg.Market] == nil {
		return usagef("--market %s: no prices for it among %d loaded series (a single security's file is named by its file name unless given as --prices %s=FILE)", cfg.Market, len(series), cfg.Market)
	}
	// The SHA-256 of every input for summary.json, computed while the
	// study runs (0.2 s for a 260 MB panel, on one core).
	type hashed struct {
		inputs []report.Input
		err    error
		panic  *par.Panic // a bug, raised again on this goroutine for run to report
	}
	hashes := make(chan hashed, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				hashes <- hashed{panic: par.NewPanic(v)}
			}
		}()
		ins, err := hashInputs(series, o.Factors.values)
		hashes <- hashed{inputs: append(inputs, ins...), err: err}
	}()
	waitHashes := sync.OnceValue(func() error {
		h := <-hashes
		if h.panic != nil {
			panic(h.panic)
		}
		inputs = h.inputs
		return h.err
	})

	total := 0
	for _, c := range cfgs {
		total += c.ProgressTotal(len(list.Events))
	}
	prog.events(total)
	// The output directory is touched from here on: it becomes this run's.
	begin := func() error {
		if outs != nil {
			return nil
		}
		keep := []string{o.Events}
		for _, s := range series {
			keep = append(keep, s.Files()...)
		}
		var berr error
		outs, berr = report.Begin(o.Out, version, append(keep, o.Factors.values...)...)
		intr.watch(outs)
		return berr
	}
	var res *study.Result
	var runs []report.ModelRun // several models
	if len(cfgs) > 1 {
		// Each model's per-event tables are written as it is computed,
		// into a directory that becomes this run's first.
		if err := waitHashes(); err != nil {
			return err
		}
		if err := begin(); err != nil {
			return err
		}
		run := func(c study.Config) (*study.Result, error) {
			c.Progress = prog.add
			return study.Run(c, list, series)
		}
		res, runs, err = report.WriteModels(o.Out, cfgs, run, report.Meta{Version: version, Inputs: inputs, Outputs: outs, EscapeFormulas: o.EscapeFormulas})
		prog.stop()
		if err != nil {
			return err
		}
	} else {
		cfg.Progress = prog.add
		res, err = study.Run(cfg, list, series)
		prog.stop()
	}
	if err != nil {
		if res != nil && waitHashes() == nil && begin() == nil {
			// Nothing computed: still list why, so the user can fix it.
			if report.WriteAll(o.Out, res, report.Meta{Version: version, Inputs: inputs, Outputs: outs, EscapeFormulas: o.EscapeFormulas}) == nil {
				_ = outs.Finish()
			}
		}
		return err
	}
	if err := waitHashes(); err != nil {
		return err
	}
	style, _ := chart.ParseStyle(o.Style) // checked in config
	// Charts in PNG (files, the workbook) and PDF may lack glyphs.
	var drawn []chart.Format
	if o.Charts || o.XLSX {
		drawn = append(drawn, chart.FormatPNG)
	}
	if o.Charts && o.PDF {
		drawn = append(drawn, chart.FormatPDF)
	}
	if w := report.ChartTextWarning(res, o.Title, style, drawn...); w != "" {
		res.Warnings = append(res.Warnings, w)
	}
	if err := begin(); err != nil {
		return err
	}
	if runs != nil {
		if err := report.WriteRobustness(o.Out, res, runs, report.Meta{Version: version, Inputs: inputs, Outputs: outs, EscapeFormulas: o.EscapeFormulas}); err != nil {
			return err
		}
	} else if err := report.WriteAll(o.Out, res, report.Meta{Version: version, Inputs: inputs, Outputs: outs, EscapeFormulas: o.EscapeFormulas}); err != nil {
		return err
	}
	if o.Charts {
		opts := report.ChartOptions{Style: style, Outputs: outs, Models: runs}
		if o.PDF {
			opts.Formats = []chart.Format{chart.FormatPNG, chart.FormatSVG, chart.FormatPDF}
		}
		if err := report.WriteChartsWith(o.Out, res, o.Title, opts); err != nil {
			return err
		}
	}
	var xlsxLeftOut []report.SheetLeftOut // the workbook's tables left out, which the report and the summary name
	if o.XLSX {
		xlsxLeftOut = report.XLSXLeftOut(res)
	}
	if o.Report {
		if err := report.WriteHTML(o.Out, res, report.Meta{Version: version, Inputs: inputs, Style: style, Outputs: outs, Models: runs, XLSXLeftOut: xlsxLeftOut}, o.Title); err != nil {
			return err
		}
	}
	if o.XLSX {
		if err := report.WriteXLSX(o.Out, res, report.Meta{Version: version, Inputs: inputs, Style: style, Outputs: outs, Models: runs}, o.Title); err != nil {
			return err
		}
	}
	// Last: the files of earlier runs go, and the manifest says complete.
	if err := outs.Finish(); err != nil {
		return err
	}
	if err := report.WriteText(stdout, res); err != nil {
		return err
	}
	if err := report.WriteRobustnessText(stdout, runs); err != nil {
		return err
	}
	tables := "ar.csv, car.csv, fit.csv, aar.csv, tests.csv, skipped.csv, summary.json"
	if runs != nil {
		tables = "ar.csv, car.csv, fit.csv, aar.csv, tests.csv, skipped.csv, robustness.csv, summary.json; the details above are the " + cfg.Model.String() + " model's"
	}
	if res.Placebo != nil {
		tables += ", placebo.csv"
	}
	fmt.Fprintf(stdout, "\nTables in %s (%s)", o.Out, tables)
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
	for _, s := range xlsxLeftOut {
		fmt.Fprintf(stdout, "Note: %s\n", s.Note())
	}
	prog.finish(len(res.Events), res.Total, len(res.Skipped))
	return nil
}

// hashInputs returns the SHA-256 of the files the series were read from
// (each file of a spliced series), in the order of their names, then of the factor files.
func hashInputs(series map[string]*prices.Series, factors []string) ([]report.Input, error) {
	files := map[string]bool{}
	for _, s := range series {
		for _, f := range s.Files() {
			files[f] = true
		}
	}
	paths := slices.Sorted(maps.Keys(files))
	var inputs []report.Input
	for _, p := range paths {
		in, err := report.HashFile("prices", p)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	for _, f := range factors {
		in, err := report.HashFile("factors", f)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	return inputs, nil
}

// setGC tunes the garbage collector for batches, unless GOGC or GOMEMLIMIT
// say otherwise. A batch keeps every event's series until the tables are
// written (about 16 KB an event), and by default the heap grows to twice
// what is live before the collector runs: 3.3 GB of peak memory for 1.8 GB
// live at 100,000 events. GOGC=50 keeps it to one and a half times (2.2 GB
// at 100,000 events, in the same time), at any batch size. A soft limit of
// 2 GiB, used before, kept 100,000 events at 2.0 GB but made the collector
// run without pause once the live heap passed it: 300,000 events took
// 48 s instead of 18 s. The soft limit is now three quarters of the
// machine's memory, where collecting hard is better than being killed.
func setGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		if m := totalMemory(); m > 0 {
			debug.SetMemoryLimit(m / 4 * 3)
		}
	}
}

// defaultSpillMin is the number of events from which a study keeps its
// events' estimation windows on disk (study.Config.SpillMin).
const defaultSpillMin = 20000

// spillMin returns defaultSpillMin, or EVENTSTUDY_SPILL_MIN when it is a
// number (the tests set it to 1 to run every study through the spill
// file).
func spillMin() int {
	if v, err := strconv.Atoi(os.Getenv("EVENTSTUDY_SPILL_MIN")); err == nil && v > 0 {
		return v
	}
	return defaultSpillMin
}

// Soft memory limit of a batch large enough to keep its events'
// estimation windows on disk (spillMin): at least minBatchLimit, and
// batchLimitPerEvent an event beyond (what a slimmed event and its share
// of the tests across events hold, about 2.1 and 1 KB at 1,000,000
// events, with room), at most setGC's three quarters of the machine.
const (
	minBatchLimit      = 3500 << 20
	batchLimitPerEvent = 3500
)

// setBatchGC tunes the collector for a batch of n events that keeps its
// events' estimation windows on disk (study.Config.Slims): the collector runs when the heap
// doubles (GOGC=100), or when it reaches the soft limit, whichever comes
// first. What is live grows with the events computed, and the limit
// bounds the peak where GOGC cannot: at 1,000,000 events (scripts/bench.sh)
// GOGC=50 peaked at 5.3 GB, GOGC=25 at 4.0 GB (99 s), and GOGC=100 with
// the 3.5 GB limit at 3.5 GB (102 s; 2 cores, shared machine). GOGC and
// GOMEMLIMIT override it.
func setBatchGC(n int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit := max(int64(minBatchLimit), int64(n)*batchLimitPerEvent)
		if m := totalMemory(); m > 0 {
			limit = min(limit, m/4*3)
		}
		debug.SetMemoryLimit(limit)
	}
}

// loadFactors reads the factor files and joins them by date.
func loadFactors(files []string) (*prices.Factors, error) {
	var all *prices.Factors
	for _, f := range files {
		t, err := prices.ReadFactors(f)
		if err != nil {
			return nil, err
		}
		if all == nil {
			all = t
			continue
		}
		if all, err = all.Merge(t); err != nil {
			return nil, fmt.Errorf("--factors %s: %w", f, err)
		}
	}
	return all, nil
}

// checkWritable creates dir if needed and makes sure files can be written in
// it, before any work is done.
func checkWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	f, err := os.CreateTemp(dir, ".eventstudy-write-test-*.tmp") // removed by the next run if killed now
	if err != nil {
		return fmt.Errorf("output directory %s is not writable: %w", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}
