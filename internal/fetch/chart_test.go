package fetch

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// yahooDir holds the recorded chart API answers (SOURCES.md section 6).
const yahooDir = "../../../shared/data/yahoo"

// recording is one recorded exchange of node-yahoo-finance2's tests.
type recording struct {
	URL    string
	Status int
	Body   []byte
}

// loadRecording reads a recorded exchange; the Yahoo payload is bodyJson,
// or body as a JSON string in older recordings. It skips the test when the
// shared data are absent.
func loadRecording(t testing.TB, name string) recording {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(yahooDir, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("recorded Yahoo responses not found (%v): see /work/shared/data/SOURCES.md section 6", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Request struct {
			URL string `json:"url"`
		} `json:"request"`
		Response struct {
			Status   int             `json:"status"`
			Body     *string         `json:"body"`
			BodyJSON json.RawMessage `json:"bodyJson"`
		} `json:"response"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	r := recording{URL: rec.Request.URL, Status: rec.Response.Status, Body: rec.Response.BodyJSON}
	if rec.Response.Body != nil {
		r.Body = []byte(*rec.Response.Body)
	}
	return r
}

func parseRecording(t *testing.T, name string) *Chart {
	t.Helper()
	c, err := ParseChart(loadRecording(t, name).Body)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}

const tol = 1e-12

func near(a, b float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// TestParseDaily checks the daily recordings against values read a second
// time with python3 json + zoneinfo (dates in meta.exchangeTimezoneName):
// bar counts, first and last bar, and every dividend and split.
func TestParseDaily(t *testing.T) {
	type event struct {
		date       string
		div, split float64
	}
	for _, tc := range []struct {
		file                 string
		zone                 string
		n                    int
		first, last          string
		firstClose, firstAdj float64
		firstVol             float64
		lastClose, lastAdj   float64
		events               []event
	}{
		{"chart-AAPL-2020-08-31-to-2020-11-07.json", "America/New_York", 49, "2020-08-31", "2020-11-06",
			129.0399932861328, 125.82673645019531, 225702700, 118.69000244140625, 115.93415069580078,
			[]event{{"2020-08-31", 0, 4}, {"2020-11-06", 0.205, 0}}},
		{"historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json", "America/New_York", 252, "2021-02-01", "2022-01-28",
			239.64999389648438, 231.1864776611328, 33314200, 308.260009765625, 299.8661193847656,
			[]event{{"2021-02-17", 0.56, 0}, {"2021-05-19", 0.56, 0}, {"2021-08-18", 0.56, 0}, {"2021-11-17", 0.62, 0}}},
		{"historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json", "America/New_York", 252, "2021-02-01", "2022-01-28",
			13.237000465393066, 13.2034912109375, 217204000, 22.84000015258789, 22.802078247070312,
			[]event{{"2021-07-20", 0, 4}}},
		{"chart-WSU.DE-2023-08-04-to-2023-08-09.json", "Europe/Berlin", 3, "2023-08-04", "2023-08-08",
			34.45000076293945, 32.63249588012695, 1251, 33.20000076293945, 31.448442459106445, nil},
	} {
		t.Run(tc.file[:20], func(t *testing.T) {
			c := parseRecording(t, tc.file)
			c.SelectDates(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
			if c.Zone != tc.zone || c.Loc.String() != tc.zone || !c.HasAdj {
				t.Errorf("zone %q loc %v adj %v, want %s with adjclose", c.Zone, c.Loc, c.HasAdj, tc.zone)
			}
			if len(c.Bars) != tc.n || c.Nulls != 0 || c.Dropped != 0 {
				t.Fatalf("%d bars, %d nulls, %d dropped; want %d, 0, 0", len(c.Bars), c.Nulls, c.Dropped, tc.n)
			}
			f, l := c.Bars[0], c.Bars[len(c.Bars)-1]
			if f.Date() != tc.first || l.Date() != tc.last {
				t.Errorf("dates %s..%s, want %s..%s", f.Date(), l.Date(), tc.first, tc.last)
			}
			if !near(f.Close, tc.firstClose) || !near(f.Adj, tc.firstAdj) || f.Volume != tc.firstVol ||
				!near(l.Close, tc.lastClose) || !near(l.Adj, tc.lastAdj) {
				t.Errorf("first %+v last %+v", f, l)
			}
			var got []event
			for _, b := range c.Bars {
				if b.Dividend != 0 || b.Split != 0 {
					got = append(got, event{b.Date(), b.Dividend, b.Split})
				}
			}
			if len(got) != len(tc.events) {
				t.Fatalf("events %v, want %v", got, tc.events)
			}
			for i := range got {
				if got[i].date != tc.events[i].date || !near(got[i].div, tc.events[i].div) || got[i].split != tc.events[i].split {
					t.Errorf("event %d: %v, want %v", i, got[i], tc.events[i])
				}
			}
		})
	}
}

// TestParseMinute: the 1-minute AAPL session of 2024-10-02 has 391
// timestamps (python3: len(timestamp)), of which index 105 (11:15 New
// York) is all null and the last, 1727985600 (2024-10-03 16:00, volume 0),
// lies after the period asked for (period2=1727913600 in the recorded
// URL): 389 bars are kept, the last at 15:59.
func TestParseMinute(t *testing.T) {
	c := parseRecording(t, "chart-AAPL-2024-10-02-to-2024-10-03-includePrePost-false-interval-1m.json")
	if c.Granularity != "1m" || len(c.Bars) != 390 || c.Nulls != 1 {
		t.Fatalf("granularity %s, %d bars, %d nulls; want 1m, 390, 1", c.Granularity, len(c.Bars), c.Nulls)
	}
	for _, b := range c.Bars {
		if b.Time.Format("15:04") == "11:15" && b.Time.Day() == 2 {
			t.Errorf("null bar at 11:15 kept: %+v", b)
		}
	}
	c.Select(time.Unix(1727827200, 0), time.Unix(1727913600, 0))
	if len(c.Bars) != 389 || c.Dropped != 1 {
		t.Fatalf("%d bars, %d dropped; want 389, 1", len(c.Bars), c.Dropped)
	}
	f, l := c.Bars[0], c.Bars[len(c.Bars)-1]
	if got := f.Time.Format(time.DateTime); got != "2024-10-02 09:30:00" || !near(f.Close, 225.6999969482422) {
		t.Errorf("first bar %s %v, want 2024-10-02 09:30:00 225.6999969482422", got, f.Close)
	}
	if got := l.Time.Format(time.DateTime); got != "2024-10-02 15:59:00" || !near(l.Close, 226.80999755859375) || l.Volume != 546314 {
		t.Errorf("last bar %s %v %v, want 2024-10-02 15:59:00 226.80999755859375 546314", got, l.Close, l.Volume)
	}
}

// TestParseNoBars: a weekend of minute bars and an index without bars
// have no timestamp key; the charts parse with no bars.
func TestParseNoBars(t *testing.T) {
	for _, f := range []string{
		"chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json",
		"chart-IDX_VXAPL-2020-01-01-to-2020-01-03.json",
	} {
		if c := parseRecording(t, f); len(c.Bars) != 0 || c.Nulls != 0 {
			t.Errorf("%s: %d bars, %d nulls; want none", f, len(c.Bars), c.Nulls)
		}
	}
}

// TestParseTSLA30m: 30 half-hour bars, pre- and post-market included, from
// 04:00 to 18:30 New York (python3: timestamps 1637571600..1637623800).
func TestParseTSLA30m(t *testing.T) {
	c := parseRecording(t, "chart-TSLA-2021-11-22-to-2021-11-23-interval-30m.json")
	c.Select(time.Unix(1637539200, 0), time.Unix(1637625600, 0))
	if len(c.Bars) != 30 || c.Nulls != 0 || c.Dropped != 0 {
		t.Fatalf("%d bars, %d nulls, %d dropped; want 30, 0, 0", len(c.Bars), c.Nulls, c.Dropped)
	}
	if f, l := c.Bars[0].Time.Format("15:04"), c.Bars[29].Time.Format("15:04"); f != "04:00" || l != "18:30" {
		t.Errorf("bars %s..%s, want 04:00..18:30", f, l)
	}
}

// TestParseErrors: the recorded error bodies become *APIError with Yahoo's
// own description; HTML and empty bodies are their sentinel errors.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ file, code, desc string }{
		{"historical-via-chart-SI-2020-01-01-to-2020-01-03.json", "Not Found", "No data found, symbol may be delisted"},
		{"chart-BEKE-2020-01-01-to-2020-01-03.json", "Bad Request", "Data doesn't exist for startDate = 1577836800, endDate = 1578009600"},
	} {
		_, err := ParseChart(loadRecording(t, tc.file).Body)
		var api *APIError
		if !errors.As(err, &api) || api.Code != tc.code || api.Description != tc.desc {
			t.Errorf("%s: %v, want %s: %s", tc.file, err, tc.code, tc.desc)
		}
	}
	for _, tc := range []struct {
		body string
		want error
	}{
		{"<!DOCTYPE html>\n<html><body>Will be right back</body></html>", ErrHTML},
		{"  \n", ErrEmpty},
		{"", ErrEmpty},
	} {
		if _, err := ParseChart([]byte(tc.body)); !errors.Is(err, tc.want) {
			t.Errorf("%q: %v, want %v", tc.body, err, tc.want)
		}
	}
	for _, body := range []string{`{"chart":`, `{"chart":{"result":[]}}`,
		`{"chart":{"result":[{"meta":{},"timestamp":[1,2],"indicators":{"quote":[{"close":[1]}]}}]}}`} {
		if _, err := ParseChart([]byte(body)); err == nil {
			t.Errorf("%s: no error", body)
		}
	}
}

// TestSessionDate: a Sydney session opening at 10:00 AEST is 00:00 UTC,
// and the summer (AEDT) open at 10:00 is 23:00 UTC the day before; the
// bar's date is Sydney's. The response is synthetic (no recording has an
// exchange east of UTC+2), in the recorded shape.
func TestSessionDate(t *testing.T) {
	body := `{"chart":{"result":[{"meta":{"symbol":"BHP.AX","exchangeTimezoneName":"Australia/Sydney","gmtoffset":39600,"timezone":"AEDT"},
	"timestamp":[1704150000,1704236400],
	"indicators":{"quote":[{"open":[1,2],"high":[1,2],"low":[1,2],"close":[1.5,2.5],"volume":[10,20]}],"adjclose":[{"adjclose":[1.4,2.4]}]}}],"error":null}}`
	c, err := ParseChart([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	// 1704150000 = 2024-01-01T23:00:00Z = 2024-01-02 10:00 AEDT.
	c.SelectDates(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC))
	if len(c.Bars) != 2 || c.Bars[0].Date() != "2024-01-02" || c.Bars[1].Date() != "2024-01-03" {
		t.Fatalf("bars %+v, want 2024-01-02 and 2024-01-03", c.Bars)
	}
	var b strings.Builder
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits\n" +
		"2024-01-02,1,1,1,1.5,1.4,10,0,0\n2024-01-03,2,2,2,2.5,2.4,20,0,0\n"
	if b.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestNullCells: a bar with a close but a null volume or open keeps the
// cell empty (a missing value), not 0; a bar whose adjusted close is null
// is a null bar.
func TestNullCells(t *testing.T) {
	body := `{"chart":{"result":[{"meta":{"exchangeTimezoneName":"America/New_York","dataGranularity":"1d"},
	"timestamp":[1704205800,1704292200,1704378600],
	"indicators":{"quote":[{"open":[null,2,3],"high":[1,2,3],"low":[1,2,3],"close":[1,2,3],"volume":[5,null,7]}],"adjclose":[{"adjclose":[1,2,null]}]}}]}}`
	c, err := ParseChart([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	// 1704205800 = 2024-01-02 14:30 UTC, 09:30 New York.
	want := "Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits\n" +
		"2024-01-02,,1,1,1,1,5,0,0\n2024-01-03,2,2,2,2,2,,0,0\n"
	if b.String() != want || c.Nulls != 1 {
		t.Errorf("nulls %d, csv:\n%s\nwant 1 and:\n%s", c.Nulls, b.String(), want)
	}
}

// FuzzParseChart: any body parses or fails with an error, never a panic,
// and what parses writes a CSV whose rows are the bars.
func FuzzParseChart(f *testing.F) {
	for _, name := range []string{"chart-WSU.DE-2023-08-04-to-2023-08-09.json", "chart-BEKE-2020-01-01-to-2020-01-03.json",
		"chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json"} {
		if b, err := os.ReadFile(filepath.Join(yahooDir, name)); err == nil {
			var rec struct {
				Response struct {
					BodyJSON json.RawMessage `json:"bodyJson"`
				} `json:"response"`
			}
			if json.Unmarshal(b, &rec) == nil {
				f.Add([]byte(rec.Response.BodyJSON))
			}
		}
	}
	f.Add([]byte(`{"chart":{"result":[{"meta":{"exchangeTimezoneName":"Nowhere/City","gmtoffset":3600},"timestamp":[1,1],"indicators":{"quote":[{"open":[1,1],"high":[1,1],"low":[1,1],"close":[1,null],"volume":[1,1]}]}}]}}`))
	f.Add([]byte("<html>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := ParseChart(body)
		if err != nil {
			return
		}
		var b strings.Builder
		if err := c.WriteCSV(&b); err != nil {
			return // two bars on a date
		}
		if got := strings.Count(b.String(), "\n"); got != len(c.Bars)+1 {
			t.Errorf("%d lines for %d bars", got, len(c.Bars))
		}
	})
}
