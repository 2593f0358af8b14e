package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eventstudy/eventstudy/internal/report"
)

// YahooURL is the chart API's base; requests go to
// YahooURL/v8/finance/chart/TICKER.
const YahooURL = "https://query1.finance.yahoo.com"

// Entry is one line of the fetch log: what was asked, when, and what came
// of it. Err is empty when the file was written.
type Entry struct {
	Ticker    string
	URL       string
	FetchedAt time.Time // UTC
	Status    int       // HTTP status, 0 when none came
	Rows      int       // bars written
	Nulls     int       // null bars skipped
	Dropped   int       // bars after the period asked for (the live point Yahoo appends)
	First     string    // first and last dates written
	Last      string
	File      string // the file written, relative to the output directory
	Err       string
}

// Yahoo downloads daily bars from the chart API.
type Yahoo struct {
	Client  *Client
	BaseURL string // YahooURL unless a test points it elsewhere
}

// period is the request's period for the dates from to to (inclusive),
// widened by a day on each side: a bar's timestamp is its session open in
// UTC, and an exchange east of UTC opens on the UTC date before its own.
// SelectDates then keeps the dates asked for.
func period(from, to time.Time) (p1, p2 time.Time) {
	return from.AddDate(0, 0, -1), to.AddDate(0, 0, 2)
}

// ChartURL is the request for ticker's daily bars from from to to
// (dates, inclusive).
func (y *Yahoo) ChartURL(ticker string, from, to time.Time) string {
	base := y.BaseURL
	if base == "" {
		base = YahooURL
	}
	p1, p2 := period(from, to)
	q := url.Values{}
	q.Set("period1", fmt.Sprint(p1.Unix()))
	q.Set("period2", fmt.Sprint(p2.Unix()))
	q.Set("interval", "1d")
	q.Set("events", "div,splits")
	q.Set("includeAdjustedClose", "true")
	return strings.TrimRight(base, "/") + "/v8/finance/chart/" + url.PathEscape(ticker) + "?" + q.Encode()
}

// CheckTicker rejects a ticker that cannot name a file.
func CheckTicker(t string) error {
	if t == "" || len(t) > 32 || strings.ContainsAny(t, `/\:*?"<>|`) || t == "." || t == ".." || !utf8.ValidString(t) {
		return fmt.Errorf("ticker %q: want a symbol such as AAPL, ^GSPC or WSU.DE", t)
	}
	for _, r := range t {
		if r < ' ' {
			return fmt.Errorf("ticker %q: control character", t)
		}
	}
	return nil
}

// Fetch downloads each ticker's daily bars from from to to (inclusive dates)
// and writes DIR/TICKER.csv atomically. A ticker that fails is an entry with
// Err set, and the batch goes on; the error returned is only for ctx being
// cancelled. progress, if not nil, is called after each ticker.
func (y *Yahoo) Fetch(ctx context.Context, tickers []string, from, to time.Time, dir string, progress func(Entry)) ([]Entry, error) {
	var log []Entry
	for _, t := range tickers {
		if err := ctx.Err(); err != nil {
			return log, err
		}
		e := y.one(ctx, t, from, to, dir)
		if errors.Is(ctx.Err(), context.Canceled) {
			return log, ctx.Err()
		}
		log = append(log, e)
		if progress != nil {
			progress(e)
		}
	}
	return log, nil
}

func (y *Yahoo) one(ctx context.Context, ticker string, from, to time.Time, dir string) Entry {
	e := Entry{Ticker: ticker, URL: y.ChartURL(ticker, from, to), FetchedAt: time.Now().UTC().Truncate(time.Second)}
	fail := func(err error) Entry { e.Err = err.Error(); return e }
	resp, err := y.Client.Get(ctx, e.URL)
	if err != nil {
		return fail(err)
	}
	e.Status, e.FetchedAt = resp.Status, resp.At.UTC().Truncate(time.Second)
	c, err := ParseChart(resp.Body)
	if resp.Status != http.StatusOK {
		var api *APIError
		if errors.As(err, &api) {
			api.Status = resp.Status
			return fail(api)
		}
		return fail(&HTTPError{Status: resp.Status, Text: quote(resp.Body)})
	}
	if err != nil {
		return fail(err)
	}
	if c.Granularity != "" && c.Granularity != "1d" {
		return fail(fmt.Errorf("the answer has %s bars, not daily", c.Granularity))
	}
	c.Select(period(from, to))
	c.SelectDates(from, to)
	e.Nulls, e.Dropped = c.Nulls, c.Dropped
	if len(c.Bars) == 0 {
		return fail(ErrNoBars)
	}
	e.File = ticker + ".csv"
	if err := report.WriteFileAtomic(filepath.Join(dir, e.File), c.WriteCSV); err != nil {
		e.File = ""
		return fail(err)
	}
	e.Rows = len(c.Bars)
	e.First, e.Last = c.Bars[0].Date(), c.Bars[len(c.Bars)-1].Date()
	return e
}

// quote describes a body that is not Yahoo's JSON, for a log line: an HTML
// page, or the start of the text.
func quote(b []byte) string {
	t := strings.TrimSpace(string(b))
	if strings.HasPrefix(t, "<") {
		return "an HTML page"
	}
	if !json.Valid(b) {
		t = strings.Join(strings.Fields(t), " ")
		if len(t) > 80 {
			t = t[:80] + "..."
		}
		return t
	}
	return ""
}

// WriteLog writes the fetch log as JSON, one object per ticker (and per
// factor file) in the order asked. It is JSON, not CSV, so that run
// --prices DIR, which reads every CSV in DIR, reads the prices alone.
func WriteLog(path string, log []Entry) error {
	type entry struct {
		Ticker    string `json:"ticker"`
		URL       string `json:"url"`
		FetchedAt string `json:"fetched_at"`
		Status    int    `json:"status"`
		Rows      int    `json:"rows"`
		Nulls     int    `json:"nulls"`
		Dropped   int    `json:"dropped"`
		First     string `json:"first,omitempty"`
		Last      string `json:"last,omitempty"`
		File      string `json:"file,omitempty"`
		Error     string `json:"error,omitempty"`
	}
	out := make([]entry, len(log))
	for i, e := range log {
		out[i] = entry{e.Ticker, e.URL, e.FetchedAt.Format(time.RFC3339), e.Status, e.Rows, e.Nulls, e.Dropped, e.First, e.Last, e.File, e.Err}
	}
	return report.WriteFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false) // URLs keep their & as written
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	})
}
