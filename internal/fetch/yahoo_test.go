package fetch

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// reply is what the local server answers for one ticker.
type reply struct {
	status int
	body   []byte
	ctype  string
}

// yahooServer serves the recorded responses on 127.0.0.1, by ticker, and
// records each request's path, query and User-Agent. A ticker with several
// replies gets them in turn (the last one repeats).
type yahooServer struct {
	*httptest.Server
	mu      sync.Mutex
	replies map[string][]reply
	reqs    []*http.Request
}

func newYahooServer(t *testing.T, replies map[string][]reply) *yahooServer {
	s := &yahooServer{replies: replies}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.reqs = append(s.reqs, r)
		ticker := strings.TrimPrefix(r.URL.Path, "/v8/finance/chart/")
		rs := s.replies[ticker]
		if len(rs) == 0 {
			http.NotFound(w, r)
			return
		}
		rp := rs[0]
		if len(rs) > 1 {
			s.replies[ticker] = rs[1:]
		}
		if rp.ctype == "" {
			rp.ctype = "application/json;charset=utf-8"
		}
		w.Header().Set("Content-Type", rp.ctype)
		w.WriteHeader(rp.status)
		w.Write(rp.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func recorded(t *testing.T, name string) reply {
	r := loadRecording(t, name)
	return reply{status: r.Status, body: r.Body}
}

// html is a page of the kind Yahoo serves when it wants a consent or is
// down; no recording has one, so it is written here.
const html = "<!DOCTYPE html>\n<html><head><title>Yahoo</title></head><body>Will be right back...</body></html>\n"

func testYahoo(url string) (*Yahoo, *[]time.Duration) {
	var waits []time.Duration
	c := NewClient(time.Second, 2)
	c.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	return &Yahoo{Client: c, BaseURL: url}, &waits
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestFetchBatch fetches a batch through the local server: good tickers
// are written, each failure is listed with its reason, and the batch goes on.
func TestFetchBatch(t *testing.T) {
	srv := newYahooServer(t, map[string][]reply{
		"AAPL":   {recorded(t, "chart-AAPL-2020-08-31-to-2020-11-07.json")},
		"SI":     {recorded(t, "historical-via-chart-SI-2020-01-01-to-2020-01-03.json")},
		"BEKE":   {recorded(t, "chart-BEKE-2020-01-01-to-2020-01-03.json")},
		"^VXAPL": {recorded(t, "chart-IDX_VXAPL-2020-01-01-to-2020-01-03.json")},
		"HTML":   {{status: 200, body: []byte(html), ctype: "text/html"}},
		"EMPTY":  {{status: 200}},
		"DOWN":   {{status: 503, body: []byte(html), ctype: "text/html"}},
		"WSU.DE": {{status: 429, body: []byte("Too Many Requests\n"), ctype: "text/plain"}, recorded(t, "chart-WSU.DE-2023-08-04-to-2023-08-09.json")},
	})
	y, waits := testYahoo(srv.URL)
	dir := t.TempDir()
	tickers := []string{"AAPL", "SI", "BEKE", "^VXAPL", "HTML", "EMPTY", "DOWN", "WSU.DE"}
	log, err := y.Fetch(context.Background(), tickers, day("2020-08-31"), day("2020-11-06"), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status int
		err    string
		rows   int
	}{
		"AAPL":   {200, "", 49},
		"SI":     {404, "HTTP 404: No data found, symbol may be delisted", 0},
		"BEKE":   {400, "HTTP 400: Data doesn't exist for startDate = 1577836800, endDate = 1578009600", 0},
		"^VXAPL": {200, "no bars in the period", 0},
		"HTML":   {200, "HTML where JSON was expected", 0},
		"EMPTY":  {200, "empty response", 0},
		"DOWN":   {503, "HTTP 503: an HTML page", 0},
		"WSU.DE": {200, "no bars in the period", 0}, // its bars are of 2023, outside the period
	}
	if len(log) != len(tickers) {
		t.Fatalf("%d log entries, want %d", len(log), len(tickers))
	}
	for i, e := range log {
		w := want[e.Ticker]
		if e.Ticker != tickers[i] || e.Status != w.status || e.Err != w.err || e.Rows != w.rows {
			t.Errorf("%s: status %d rows %d err %q; want %d %d %q", e.Ticker, e.Status, e.Rows, e.Err, w.status, w.rows, w.err)
		}
		if _, err := os.Stat(filepath.Join(dir, e.Ticker+".csv")); (err == nil) != (w.err == "") {
			t.Errorf("%s: file written %v, want %v", e.Ticker, err == nil, w.err == "")
		}
	}
	if e := log[0]; e.First != "2020-08-31" || e.Last != "2020-11-06" || e.File != "AAPL.csv" || e.Nulls != 0 || e.Dropped != 0 {
		t.Errorf("AAPL entry %+v", e)
	}
	// One request per ticker, plus two retries for DOWN (503) and one for
	// WSU.DE (429); each request a second after the last, the retries after
	// 2s and 4s.
	if len(srv.reqs) != len(tickers)+3 {
		t.Errorf("%d requests, want %d", len(srv.reqs), len(tickers)+3)
	}
	var backoff []time.Duration
	for _, w := range *waits {
		if w > time.Second {
			backoff = append(backoff, w)
		}
	}
	if len(backoff) != 3 || backoff[0] != 2*time.Second || backoff[1] != 4*time.Second || backoff[2] != 2*time.Second {
		t.Errorf("backoff waits %v, want [2s 4s 2s]", backoff)
	}
	r := srv.reqs[0]
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "eventstudy-fetch/") {
		t.Errorf("User-Agent %q", ua)
	}
	// period1 is a day before 2020-08-31 00:00 UTC (1598832000), period2
	// two days after 2020-11-06.
	q := r.URL.Query()
	if q.Get("period1") != "1598745600" || q.Get("period2") != "1604793600" || q.Get("interval") != "1d" ||
		q.Get("events") != "div,splits" || q.Get("includeAdjustedClose") != "true" {
		t.Errorf("query %v", q)
	}
}

// TestFetchRunReads: the file written for AAPL reads back through package
// prices (the reader of run) with the recorded adjusted closes, and the
// Dividends and Stock Splits columns carry the events.
func TestFetchRunReads(t *testing.T) {
	srv := newYahooServer(t, map[string][]reply{
		"AAPL":   {recorded(t, "chart-AAPL-2020-08-31-to-2020-11-07.json")},
		"WSU.DE": {recorded(t, "chart-WSU.DE-2023-08-04-to-2023-08-09.json")},
	})
	y, _ := testYahoo(srv.URL)
	dir := t.TempDir()
	if _, err := y.Fetch(context.Background(), []string{"AAPL"}, day("2020-08-31"), day("2020-11-06"), dir, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := y.Fetch(context.Background(), []string{"WSU.DE"}, day("2023-08-04"), day("2023-08-08"), dir, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "AAPL.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	// The recorded first and last bars (python3 json), split 4:1 on the
	// first, dividend 0.205 on the last.
	if lines[1] != "2020-08-31,127.58000183105469,131,126,129.0399932861328,125.82673645019531,225702700,0,4" ||
		lines[49] != "2020-11-06,118.31999969482422,119.19999694824219,116.12999725341797,118.69000244140625,115.93415069580078,114457900,0.205,0" {
		t.Errorf("rows:\n%s\n%s", lines[1], lines[49])
	}
	series, err := prices.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 2 || series[0].Ticker != "AAPL" || series[1].Ticker != "WSU.DE" {
		t.Fatalf("series %v", series)
	}
	a, w := series[0], series[1]
	if len(a.Dates) != 49 || a.Dates[0].String() != "2020-08-31" || math.Abs(a.Values[48]-115.93415069580078) > 1e-12 {
		t.Errorf("AAPL: %d dates from %v, last %v", len(a.Dates), a.Dates[0], a.Values[48])
	}
	if len(w.Dates) != 3 || w.Dates[1].String() != "2023-08-07" || math.Abs(w.Values[0]-32.63249588012695) > 1e-12 {
		t.Errorf("WSU.DE: %v %v", w.Dates, w.Values)
	}
}

// TestFetchLivePoint: a daily answer with a live point appended after the
// period asked for (as in the minute recording, whose last point lies a day
// past period2) writes the session bars, and the log counts the point; an
// answer of minute bars to a daily request is a failure.
func TestFetchLivePoint(t *testing.T) {
	rec := recorded(t, "chart-AAPL-2020-08-31-to-2020-11-07.json")
	var doc map[string]any
	if err := json.Unmarshal(rec.body, &doc); err != nil {
		t.Fatal(err)
	}
	r0 := doc["chart"].(map[string]any)["result"].([]any)[0].(map[string]any)
	// 2020-11-20 20:00 UTC: after period2 of --to 2020-11-06 (2020-11-08).
	r0["timestamp"] = append(r0["timestamp"].([]any), 1605902400)
	ind := r0["indicators"].(map[string]any)
	q := ind["quote"].([]any)[0].(map[string]any)
	for _, k := range []string{"open", "high", "low", "close", "volume"} {
		q[k] = append(q[k].([]any), 117.0)
	}
	a := ind["adjclose"].([]any)[0].(map[string]any)
	a["adjclose"] = append(a["adjclose"].([]any), 117.0)
	live, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	srv := newYahooServer(t, map[string][]reply{
		"AAPL":  {{status: 200, body: live}},
		"AAPLM": {recorded(t, "chart-AAPL-2024-10-02-to-2024-10-03-includePrePost-false-interval-1m.json")},
	})
	y, _ := testYahoo(srv.URL)
	log, err := y.Fetch(context.Background(), []string{"AAPL", "AAPLM"}, day("2020-08-31"), day("2020-11-06"), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if e := log[0]; e.Err != "" || e.Rows != 49 || e.Dropped != 1 || e.Last != "2020-11-06" {
		t.Errorf("AAPL: %+v, want 49 rows to 2020-11-06 and 1 dropped", e)
	}
	if e := log[1]; e.Err != "the answer has 1m bars, not daily" {
		t.Errorf("minute bars: %+v", e)
	}
}

// TestWriteLog: the log is JSON, its URLs unescaped, times in UTC RFC 3339.
func TestWriteLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fetch-log.json")
	at := time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC)
	err := WriteLog(path, []Entry{
		{Ticker: "AAPL", URL: "http://127.0.0.1/v8/finance/chart/AAPL?a=1&b=2", FetchedAt: at, Status: 200, Rows: 49, First: "2020-08-31", Last: "2020-11-06", File: "AAPL.csv"},
		{Ticker: "SI", URL: "u", FetchedAt: at, Status: 404, Err: "HTTP 404: No data found, symbol may be delisted"},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{`"url": "http://127.0.0.1/v8/finance/chart/AAPL?a=1&b=2"`, `"fetched_at": "2026-12-02T06:00:00Z"`,
		`"rows": 49`, `"error": "HTTP 404: No data found, symbol may be delisted"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("log lacks %s:\n%s", want, b)
		}
	}
}

// TestFetchNoServer: nothing answers (a closed port on 127.0.0.1); each
// ticker fails after its retries, and the batch goes on to the next.
func TestFetchNoServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	y, waits := testYahoo(url)
	y.Client.Retries = 1
	log, err := y.Fetch(context.Background(), []string{"AAPL", "MSFT"}, day("2020-08-31"), day("2020-11-06"), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 {
		t.Fatalf("%d entries, want 2", len(log))
	}
	for _, e := range log {
		if e.Status != 0 || !strings.HasPrefix(e.Err, "after 2 tries: ") || !strings.Contains(e.Err, "connection refused") {
			t.Errorf("%s: status %d err %q", e.Ticker, e.Status, e.Err)
		}
	}
	// No wait before the first request; a backoff of 2 x pace before each
	// retry; the pace before the second ticker.
	if w := *waits; len(w) != 3 || w[0] != 2*time.Second || w[1] > time.Second || w[1] <= 0 || w[2] != 2*time.Second {
		t.Errorf("waits %v, want [2s, at most 1s, 2s]", w)
	}
}
