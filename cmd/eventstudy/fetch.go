package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/eventstudy/eventstudy/internal/fetch"
)

const fetchUsage = `Usage: eventstudy fetch TICKER... --from DATE --to DATE --out DIR [flags]
       eventstudy fetch --french NAME --out DIR

Downloads daily prices from Yahoo Finance's chart API (no key; needs a
connection to the internet), for users without a data vendor, and writes
one file per ticker that 'eventstudy run --prices DIR' reads as it is:

  DIR/TICKER.csv    Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits
                    (the yfinance layout; run uses Adj Close). A bar's date is its
                    session's date in the exchange's time zone. Null bars are
                    skipped, and a live bar Yahoo appends after the period asked
                    for is dropped: both counted in the log.
  DIR/fetch-log.json
                    one object per ticker: ticker, url, fetched_at (UTC), status,
                    rows, nulls, dropped, first, last, file, error: what was
                    asked, when, and what came of it

With --french, Ken French's data library archives NAME_CSV.zip are
downloaded and their CSV files written to DIR (--factors reads them); fetch
them into a directory of their own, not among the price files.

Requests go one per --pace, with a User-Agent naming the tool; answers 429
and 5xx are retried with backoff. A ticker that fails (unknown symbol, no
bars, an HTML page where JSON was expected) is listed on stderr and in the
log, the others are written, and the exit status is 1.

Examples:
  eventstudy fetch AAPL MSFT ^GSPC --from 2019-01-01 --to 2024-12-31 --out prices/
  eventstudy fetch --french F-F_Research_Data_Factors_daily --out factors/

Flags:
`

// Environment variables that point the downloads elsewhere (a mirror, or
// the local server of the tests): base URLs without the path of a ticker
// or archive.
const (
	envYahooURL  = "EVENTSTUDY_YAHOO_URL"
	envFrenchURL = "EVENTSTUDY_FRENCH_URL"
)

func runFetch(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("fetch", fetchUsage, stderr)
	from := fset.String("from", "", "first `DATE` (YYYY-MM-DD), in the exchange's time zone")
	to := fset.String("to", "", "last `DATE` (YYYY-MM-DD), inclusive")
	out := fset.String("out", "", "output `DIR` (required)")
	var french stringList
	fset.Var(&french, "french", "Ken French factor file `NAME` to fetch (repeatable, or comma-separated)")
	pace := fset.Duration("pace", time.Second, "least time between two requests")
	retries := fset.Int("retries", 3, "retries of an answer 429 or 5xx, waiting pace x 2, 4, 8... before each")
	// Tickers may come before, between or after the flags.
	var tickers []string
	for {
		if err := parseQuiet(fset, args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{err}
		}
		if fset.NArg() == 0 {
			break
		}
		tickers = append(tickers, fset.Arg(0))
		args = fset.Args()[1:]
	}
	var names []string
	for _, v := range french.values {
		for _, n := range strings.Split(v, ",") {
			if err := fetch.CheckFrenchName(n); err != nil {
				return usageError{err}
			}
			names = append(names, n)
		}
	}
	switch {
	case *out == "":
		return usagef("--out DIR is required")
	case len(tickers) == 0 && len(names) == 0:
		return usagef("no ticker and no --french file to fetch")
	case len(tickers) > 0 && len(names) > 0:
		return usagef("fetch tickers and --french files into separate directories, in two commands: run --prices DIR reads every CSV in DIR")
	case *pace < 0 || *pace > time.Minute:
		return usagef("--pace %v: want 0 to 1m", *pace)
	case *retries < 0 || *retries > 10:
		return usagef("--retries %d: want 0 to 10", *retries)
	case len(tickers) > 10000:
		return usagef("%d tickers: at most 10000 in one fetch", len(tickers))
	}
	seen := map[string]bool{}
	for _, t := range tickers {
		if err := fetch.CheckTicker(t); err != nil {
			return usageError{err}
		}
		if seen[t] {
			return usagef("ticker %s given twice", t)
		}
		seen[t] = true
	}
	var start, end time.Time
	if len(tickers) > 0 {
		var err error
		if start, err = fetchDate("--from", *from); err != nil {
			return err
		}
		if end, err = fetchDate("--to", *to); err != nil {
			return err
		}
		if end.Before(start) {
			return usagef("--to %s is before --from %s", *to, *from)
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	client := fetch.NewClient(*pace, *retries)
	show := func(e fetch.Entry) {
		if e.Err != "" {
			fmt.Fprintf(stderr, "eventstudy fetch: %s: %s\n", e.Ticker, e.Err)
			return
		}
		note := ""
		if e.Nulls > 0 || e.Dropped > 0 {
			note = fmt.Sprintf(" (%d null bars skipped, %d after the period dropped)", e.Nulls, e.Dropped)
		}
		if e.First != "" {
			fmt.Fprintf(stdout, "  %s: %d rows %s..%s%s -> %s\n", e.Ticker, e.Rows, e.First, e.Last, note, filepath.Join(*out, e.File))
		} else {
			fmt.Fprintf(stdout, "  %s: %d lines -> %s\n", e.Ticker, e.Rows, filepath.Join(*out, e.File))
		}
	}
	y := &fetch.Yahoo{Client: client, BaseURL: os.Getenv(envYahooURL)}
	log, err := y.Fetch(ctx, tickers, start, end, *out, show)
	if err == nil {
		f := &fetch.French{Client: client, BaseURL: os.Getenv(envFrenchURL)}
		var flog []fetch.Entry
		flog, err = f.Fetch(ctx, names, *out, show)
		log = append(log, flog...)
	}
	logPath := filepath.Join(*out, "fetch-log.json")
	if werr := fetch.WriteLog(logPath, log); werr != nil {
		return werr
	}
	if err != nil {
		return fmt.Errorf("interrupted after %d of %d downloads (log in %s)", len(log), len(tickers)+len(names), logPath)
	}
	failed := 0
	for _, e := range log {
		if e.Err != "" {
			failed++
		}
	}
	fmt.Fprintf(stdout, "eventstudy fetch: %d of %d written, log in %s\n", len(log)-failed, len(log), logPath)
	if failed > 0 {
		return fmt.Errorf("%d of %d downloads failed (listed above and in %s)", failed, len(log), logPath)
	}
	return nil
}

// fetchDate parses a --from or --to date.
func fetchDate(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, usagef("%s DATE is required with tickers", flag)
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Year() < 1900 || d.Year() > 2100 {
		return time.Time{}, usagef("%s %q: want a date YYYY-MM-DD", flag, s)
	}
	return d, nil
}
