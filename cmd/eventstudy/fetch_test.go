package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// yahooRecordings are the recorded chart answers (SOURCES.md section 6).
const yahooRecordings = "../../../shared/data/yahoo"

// serveRecordings serves recorded Yahoo answers on 127.0.0.1, by ticker,
// and points 'eventstudy fetch' at it through EVENTSTUDY_YAHOO_URL.
func serveRecordings(t *testing.T, byTicker map[string]string, extra map[string]string) {
	t.Helper()
	type reply struct {
		status int
		body   []byte
	}
	replies := map[string]reply{}
	for ticker, name := range byTicker {
		b, err := os.ReadFile(filepath.Join(yahooRecordings, name))
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("recorded Yahoo responses not found (%v): see /work/shared/data/SOURCES.md section 6", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		var rec struct {
			Response struct {
				Status   int             `json:"status"`
				Body     *string         `json:"body"`
				BodyJSON json.RawMessage `json:"bodyJson"`
			} `json:"response"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			t.Fatal(err)
		}
		r := reply{rec.Response.Status, rec.Response.BodyJSON}
		if rec.Response.Body != nil {
			r.body = []byte(*rec.Response.Body)
		}
		replies[ticker] = r
	}
	for ticker, body := range extra {
		replies[ticker] = reply{200, []byte(body)}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rp, ok := replies[strings.TrimPrefix(r.URL.Path, "/v8/finance/chart/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(rp.status)
		w.Write(rp.body)
	}))
	t.Cleanup(srv.Close)
	t.Setenv(envYahooURL, srv.URL)
}

// TestFetchThenRun fetches NVDA and MSFT (the recorded daily bars of
// 2021-02-01..2022-01-28) beside three failures, then runs a study on the
// written directory as it is: NVDA's 4:1 split of 2021-07-20 is in the
// Stock Splits column, and run's day-0 return is the recorded adjusted
// closes' (Yahoo's closes are split-adjusted already).
func TestFetchThenRun(t *testing.T) {
	serveRecordings(t, map[string]string{
		"NVDA": "historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json",
		"MSFT": "historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json",
		"SI":   "historical-via-chart-SI-2020-01-01-to-2020-01-03.json",
	}, map[string]string{"HTML": "<html><body>consent</body></html>", "EMPTY": ""})
	work := t.TempDir()
	out := filepath.Join(work, "prices")
	var stdout, stderr bytes.Buffer
	code := run([]string{"fetch", "NVDA", "SI", "HTML", "EMPTY", "MSFT", "--from", "2021-02-01", "--to", "2022-01-31", "--out", out, "--pace", "0"}, &stdout, &stderr)
	if code != exitError {
		t.Fatalf("exit %d, want 1 (three failures)\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	wantErr := "eventstudy fetch: SI: HTTP 404: No data found, symbol may be delisted\n" +
		"eventstudy fetch: HTML: HTML where JSON was expected\n" +
		"eventstudy fetch: EMPTY: empty response\n" +
		"eventstudy fetch: 3 of 5 downloads failed (listed above and in " + filepath.Join(out, "fetch-log.json") + ")\n"
	if stderr.String() != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), wantErr)
	}
	if !strings.Contains(stdout.String(), "  NVDA: 252 rows 2021-02-01..2022-01-28 -> "+filepath.Join(out, "NVDA.csv")) {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "fetch-log.json"))
	if err != nil {
		t.Fatal(err)
	}
	var log []map[string]any
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if len(log) != 5 {
		t.Fatalf("log %v", log)
	}
	for i, want := range []string{
		"NVDA 200 252 NVDA.csv <nil>",
		"SI 404 0 <nil> HTTP 404: No data found, symbol may be delisted",
		"HTML 200 0 <nil> HTML where JSON was expected",
		"EMPTY 200 0 <nil> empty response",
		"MSFT 200 252 MSFT.csv <nil>",
	} {
		e := log[i]
		if got := fmt.Sprint(e["ticker"], " ", e["status"], " ", e["rows"], " ", e["file"], " ", e["error"]); got != want {
			t.Errorf("log entry %d: %s, want %s", i, got, want)
		}
		if !strings.HasPrefix(e["url"].(string), "http://127.0.0.1:") {
			t.Errorf("log entry %d: url %v", i, e["url"])
		}
		if _, err := time.Parse(time.RFC3339, e["fetched_at"].(string)); err != nil {
			t.Errorf("log entry %d: fetched_at: %v", i, err)
		}
	}
	nv := readCSV(t, filepath.Join(out, "NVDA.csv"))
	split := ""
	for _, r := range nv[1:] {
		if r[8] != "0" {
			split = r[0] + " " + r[8]
		}
	}
	if split != "2021-07-20 4" {
		t.Errorf("split %q, want 2021-07-20 4", split)
	}

	// Run a study on the fetched files, unchanged.
	events := filepath.Join(work, "events.csv")
	if err := os.WriteFile(events, []byte("id,ticker,date\nsplit,NVDA,2021-07-20\nlate,NVDA,2022-01-03\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	res := filepath.Join(work, "results")
	code = run([]string{"run", "--events", events, "--prices", out, "--market", "MSFT", "--estimation", "-130:-11", "--min-estimation", "60", "--windows", "0:0", "--out", res}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("run: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	// python3 json, NVDA adjclose: 2021-07-19 18.742971420288086,
	// 2021-07-20 18.575544357299805; 2021-12-31 29.362165451049805,
	// 2022-01-03 30.07099151611328.
	want := map[string]float64{
		"split": 18.575544357299805/18.742971420288086 - 1,
		"late":  30.07099151611328/29.362165451049805 - 1,
	}
	ar := readCSV(t, filepath.Join(res, "ar.csv"))
	col := map[string]int{}
	for i, h := range ar[0] {
		col[h] = i
	}
	seen := 0
	for _, r := range ar[1:] {
		if r[col["rel_day"]] != "0" {
			continue
		}
		seen++
		got, err := strconv.ParseFloat(r[col["return"]], 64)
		if w := want[r[col["event_id"]]]; err != nil || math.Abs(got-w) > 1e-12 {
			t.Errorf("event %s day 0: return %v (%v), want %v", r[col["event_id"]], got, err, w)
		}
	}
	if seen != 2 {
		t.Errorf("%d events on day 0 in ar.csv, want 2", seen)
	}
}

// TestFetchFrench serves the shared daily three-factor CSV as the data
// library does (NAME_CSV.zip) and fetches it through EVENTSTUDY_FRENCH_URL.
func TestFetchFrench(t *testing.T) {
	const name = "F-F_Research_Data_Factors_daily"
	orig, err := os.ReadFile(filepath.Join("../../../shared/data/famafrench", name+".CSV"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("Ken French factors not found (%v): see /work/shared/data/SOURCES.md", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create(name + ".CSV")
	w.Write(orig)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/"+name+"_CSV.zip" {
			http.NotFound(w, r)
			return
		}
		w.Write(zbuf.Bytes())
	}))
	t.Cleanup(srv.Close)
	t.Setenv(envFrenchURL, srv.URL)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fetch", "--french", name, "--out", out, "--pace", "0"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	got, err := os.ReadFile(filepath.Join(out, name+".CSV"))
	if err != nil || !bytes.Equal(got, orig) {
		t.Fatalf("extracted file differs from the original (%v)", err)
	}
	want := fmt.Sprintf("  %s: %d lines -> %s\neventstudy fetch: 1 of 1 written, log in %s\n",
		name, bytes.Count(orig, []byte("\n")), filepath.Join(out, name+".CSV"), filepath.Join(out, "fetch-log.json"))
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
}
