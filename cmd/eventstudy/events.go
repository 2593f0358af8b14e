package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/eventstudy/eventstudy/internal/eventlist"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/report"
)

const eventsUsage = `Usage:
  eventstudy events --dates FILE --tickers DIR|FILE [--prices PATH] [--out FILE]
  eventstudy events --prices PATH --column NAME [--out FILE]
  eventstudy events --edgar FILE [--form 8-K] [--items 2.02] [--out FILE]

Writes an event list that 'eventstudy run' reads as it is (columns id,
ticker, date or timestamp, then carried columns), to --out or stdout:

  --dates FILE --tickers DIR|FILE
      every date of FILE (any date column and format run reads, or
      timestamps) for every security of --tickers whose prices cover it
      (first to last price date). --tickers is a directory of price files,
      a panel, or a ticker list (a ticker or symbol column, or one per
      line) whose prices --prices gives. Other columns of FILE are carried.
  --prices PATH --column NAME
      every row of the price files whose column NAME is neither empty nor
      zero (Dividends, Stock Splits, a signal of your own), its value
      carried in a column of that name.
  --edgar FILE --form FORM [--items ITEM,...]
      the filings of an SEC EDGAR submissions JSON (filings.recent) of that
      form, with one of the items if given, timestamped with their
      acceptance time and carrying form, items, accession, report_date and
      filing_date. The JSON writes acceptance times with a Z, but its clock
      is New York's (the filing header's ACCEPTANCE-DATETIME), and that is
      how it is read; --edgar-clock utc trusts the Z instead.

Ids are TICKER-YYYY-MM-DD (-2, -3 on repeats). Inputs that cannot be used
(a date no price file covers, a file without the column, an unreadable
row) are listed on stderr and the rest goes on.

Flags:
`

type eventsOptions struct {
	dates, tickers, column, edgar, form, items, ticker, clock, out string
	prices                                                         stringList
	dateCol, dateFormat, timestampCol, timingCol                   string
}

func runEvents(args []string, stdout, stderr io.Writer) error {
	var o eventsOptions
	fs := newFlagSet("events", eventsUsage, stderr)
	fs.StringVar(&o.dates, "dates", "", "date list `FILE` to cross with --tickers")
	fs.StringVar(&o.tickers, "tickers", "", "securities: a price `DIR`, a panel or a ticker list")
	fs.Var(&o.prices, "prices", "price files (`PATH`: DIR, FILE or TICKER=FILE; repeatable)")
	fs.StringVar(&o.column, "column", "", "price-file column `NAME` whose non-zero rows are events")
	fs.StringVar(&o.edgar, "edgar", "", "EDGAR submissions JSON `FILE`")
	fs.StringVar(&o.form, "form", "", "EDGAR form, e.g. 8-K (default every form)")
	fs.StringVar(&o.items, "items", "", "EDGAR items, e.g. 2.02 (comma-separated; a filing needs one of them)")
	fs.StringVar(&o.ticker, "ticker", "", "ticker of the EDGAR events (default the JSON's first ticker)")
	fs.StringVar(&o.clock, "edgar-clock", "newyork", "how to read EDGAR acceptance times: newyork or utc")
	fs.StringVar(&o.out, "out", "", "output `FILE` (default stdout)")
	fs.StringVar(&o.dateCol, "date-col", "", "date-list `column` holding dates (default date)")
	fs.StringVar(&o.dateFormat, "date-format", "", "date-list date format: YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY")
	fs.StringVar(&o.timestampCol, "timestamp-col", "", "date-list `column` holding timestamps (default timestamp)")
	fs.StringVar(&o.timingCol, "timing-col", "", "date-list `column` holding bmo, amc or dmh (default timing)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	for _, f := range []struct{ flag, v string }{
		{"dates", o.dates}, {"tickers", o.tickers}, {"column", o.column}, {"edgar", o.edgar},
		{"form", o.form}, {"items", o.items}, {"ticker", o.ticker}, {"edgar-clock", o.clock},
		{"out", o.out}, {"date-col", o.dateCol}, {"date-format", o.dateFormat},
		{"timestamp-col", o.timestampCol}, {"timing-col", o.timingCol},
	} {
		if len(f.v) > maxSetting {
			return usagef("--%s: %d bytes, want at most %d", f.flag, len(f.v), maxSetting)
		}
	}
	for _, v := range o.prices.values {
		if len(v) > maxSetting {
			return usagef("--prices: %d bytes, want at most %d", len(v), maxSetting)
		}
	}
	var l *eventlist.List
	var err error
	switch {
	case o.dates != "" && o.column == "" && o.edgar == "":
		l, err = eventsFromDates(o)
	case o.column != "" && o.dates == "" && o.edgar == "":
		l, err = eventsFromColumn(o)
	case o.edgar != "" && o.dates == "" && o.column == "":
		l, err = eventsFromEDGAR(o)
	default:
		return usagef("give one source: --dates with --tickers, --column with --prices, or --edgar")
	}
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { return l.Write(w) }
	dest := "stdout"
	if o.out != "" {
		dest = o.out
		err = report.WriteFileAtomic(o.out, write)
	} else {
		err = write(stdout)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "eventstudy events: %s for %s written to %s\n", plural(len(l.Rows), "event"), plural(l.Tickers(), "ticker"), dest)
	for _, f := range l.Failures {
		fmt.Fprintf(stderr, "skipped %s\n", f)
	}
	for _, w := range l.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	return nil
}

func eventsFromDates(o eventsOptions) (*eventlist.List, error) {
	if o.tickers == "" {
		return nil, usagef("--dates needs --tickers (a price directory, a panel or a ticker list)")
	}
	dates, err := prices.ReadEvents(o.dates, prices.EventColumns{Date: o.dateCol, Timestamp: o.timestampCol, Timing: o.timingCol, DateFormat: o.dateFormat, NoTicker: true})
	if err != nil {
		return nil, err
	}
	var series []*prices.Series
	var missing []eventlist.Failure
	universe, loadErr := prices.LoadWith(o.tickers, prices.Options{})
	if loadErr == nil {
		series = universe
		for _, p := range o.prices.values {
			ss, err := prices.LoadWith(p, prices.Options{})
			if err != nil {
				return nil, err
			}
			series = append(series, ss...)
		}
	} else {
		fi, statErr := os.Stat(o.tickers)
		if statErr != nil || fi.IsDir() {
			return nil, fmt.Errorf("--tickers: %w", loadErr)
		}
		tickers, err := eventlist.ReadTickers(o.tickers)
		if err != nil {
			return nil, fmt.Errorf("--tickers %s: neither prices (%v) nor a ticker list (%v)", o.tickers, loadErr, err)
		}
		if len(o.prices.values) == 0 {
			return nil, usagef("--tickers %s is a ticker list: give its prices with --prices, which tell the dates each covers", o.tickers)
		}
		byTicker := map[string]*prices.Series{}
		for _, p := range o.prices.values {
			ss, err := prices.LoadWith(p, prices.Options{})
			if err != nil {
				return nil, err
			}
			for _, s := range ss {
				byTicker[s.Ticker] = s
			}
		}
		for _, t := range tickers {
			if s := byTicker[t]; s != nil {
				series = append(series, s)
			} else {
				missing = append(missing, eventlist.Failure{Where: o.tickers, Reason: fmt.Sprintf("%s: no prices in --prices", t)})
			}
		}
	}
	l, err := eventlist.FromDates(dates, series)
	if err != nil {
		return nil, err
	}
	l.Failures = append(missing, l.Failures...)
	return l, nil
}

func eventsFromColumn(o eventsOptions) (*eventlist.List, error) {
	if len(o.prices.values) == 0 {
		return nil, usagef("--column needs --prices")
	}
	var all *eventlist.List
	for _, p := range o.prices.values {
		l, err := eventlist.FromColumn(p, o.column)
		if err != nil {
			return nil, err
		}
		if all == nil {
			all = l
			continue
		}
		all.Rows = append(all.Rows, l.Rows...)
		all.Failures = append(all.Failures, l.Failures...)
		all.Warnings = append(all.Warnings, l.Warnings...)
	}
	all.Sort()
	return all, nil
}

func eventsFromEDGAR(o eventsOptions) (*eventlist.List, error) {
	clock, err := eventlist.ParseClock(o.clock)
	if err != nil {
		return nil, usagef("--edgar-clock: %v", err)
	}
	opts := eventlist.EDGAROptions{Form: o.form, Ticker: o.ticker, Clock: clock}
	if o.items != "" {
		for _, it := range strings.Split(o.items, ",") {
			opts.Items = append(opts.Items, strings.TrimSpace(it))
		}
	}
	return eventlist.FromEDGAR(o.edgar, opts)
}

// plural writes n and a noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
