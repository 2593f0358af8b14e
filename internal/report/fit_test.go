package report

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// TestFitTable: fit.csv has one row per computed event with the fit of
// study.Run (exactly), summary.json the same entries, the HTML report a
// row per event; day 0 of an event on a Saturday says it was shifted.
func TestFitTable(t *testing.T) {
	fx := newFixture("MKT", "A", "B")
	list := fx.events(5, []string{"A", "B", "NOPE"}, nil, nil)
	// Event 2 (Ec... ) falls on a Saturday: the next trading day is day 0.
	sat := list.Events[1].Date
	for sat.Weekday() != 6 {
		sat = sat.AddDays(1)
	}
	list.Events[1].Date, list.Events[1].Written = sat, sat.String()
	res := fx.run(t, list, "MKT", "", 0)
	dir := t.TempDir()
	if err := WriteAll(dir, res, Meta{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(dir, res, Meta{Version: "test"}, ""); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, filepath.Join(dir, "fit.csv"))
	wantHead := []string{"event_id", "ticker", "market", "model", "alpha", "beta", "resid_sd", "r2", "n_est", "est_first", "est_last", "event_date", "day0", "day0_reason"}
	if !slices.Equal(rows[0], wantHead) {
		t.Fatalf("fit.csv header %v, want %v", rows[0], wantHead)
	}
	if len(rows)-1 != len(res.Events) || len(res.Events) != 4 {
		t.Fatalf("fit.csv has %d rows for %d events, want 4", len(rows)-1, len(res.Events))
	}
	for i, e := range res.Events {
		r := rows[i+1]
		est := e.EstimationFit()
		want := []string{e.ID, e.Ticker, "MKT", "market", formatFloat(e.Fit.Alpha), formatFloat(e.Fit.Beta), formatFloat(math.Sqrt(e.Fit.S2)),
			formatFloat(est.R2), strconv.Itoa(e.Fit.M), e.Date(est.First).String(), e.Date(est.Last).String(), e.Written, e.Day0.String()}
		if !slices.Equal(r[:13], want) {
			t.Errorf("fit.csv row %d: %v, want %v", i+1, r[:13], want)
		}
		// The estimation window -250..-11 has no gaps in the fixture: 240
		// returns from day -250 to day -11.
		if e.Fit.M != 240 || est.First != -250 || est.Last != -11 {
			t.Errorf("event %s: M %d on days %d..%d, want 240 on -250..-11", e.ID, e.Fit.M, est.First, est.Last)
		}
		if !(est.R2 >= 0 && est.R2 <= 1) {
			t.Errorf("event %s: R² %v outside [0, 1]", e.ID, est.R2)
		}
		reason := "event date"
		if e.ID == list.Events[1].ID {
			reason = "shifted from Saturday " + sat.String() + " (not a trading day) to the next trading day"
			if e.Day0 != sat.AddDays(2) {
				t.Errorf("day 0 %s, want Monday %s", e.Day0, sat.AddDays(2))
			}
		}
		if r[13] != reason {
			t.Errorf("fit.csv row %d day0_reason %q, want %q", i+1, r[13], reason)
		}
	}

	var s struct {
		Fit struct {
			Model, File string
			Events      []struct {
				EventID string             `json:"event_id"`
				Betas   map[string]float64 `json:"betas"`
				R2      float64            `json:"r2"`
				Reason  string             `json:"day0_reason"`
			}
			LeftOut int `json:"left_out"`
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Fit.Model != "market" || s.Fit.File != "fit.csv" || len(s.Fit.Events) != 4 || s.Fit.LeftOut != 0 {
		t.Fatalf("summary.json fit: %+v", s.Fit)
	}
	for i, e := range res.Events {
		got := s.Fit.Events[i]
		if got.EventID != e.ID || got.Betas["beta"] != e.Fit.Beta || got.R2 != e.EstimationFit().R2 || got.Reason != rows[i+1][13] {
			t.Errorf("summary.json fit %d: %+v", i, got)
		}
	}

	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(page, []byte(`<h3 id="fit">`))
	if i < 0 {
		t.Fatal("report.html has no fit table")
	}
	table := page[i:]
	table = table[:bytes.Index(table, []byte("</table>"))]
	if n := bytes.Count(table, []byte("<tr>")); n != 5 {
		t.Errorf("the fit table has %d rows, want a header and 4", n)
	}
	if !bytes.Contains(table, []byte("shifted from Saturday")) {
		t.Error("the fit table does not say why day 0 moved")
	}
	// A big batch shows its first n events only.
	if head, rows := fitTable(res, 2); len(rows) != 2 || len(head) != 13 || rows[1][0].Text != res.Events[1].ID {
		t.Errorf("fitTable(res, 2): %d columns, %d rows", len(head), len(rows))
	}
}

// TestFitColumns: the slope columns are named after the model's regressors.
func TestFitColumns(t *testing.T) {
	ff := &prices.Factors{Names: []string{"Mkt-RF", "SMB", "HML", "RMW", "CMA"}, RF: []float64{0}}
	for _, tc := range []struct {
		cfg  study.Config
		want string
	}{
		{study.Config{Model: stats.MarketModel}, "beta"},
		{study.Config{Model: stats.ConstantMean}, "beta"},
		{study.Config{Model: stats.ScholesWilliams}, "beta"},
		{study.Config{Model: stats.Dimson}, "beta beta_t-1 beta_t beta_t+1"},
		{study.Config{Model: stats.Dimson, Lags: 2}, "beta beta_t-2 beta_t-1 beta_t beta_t+1 beta_t+2"},
		{study.Config{Model: stats.FF3, Factors: ff}, "beta_Mkt-RF beta_SMB beta_HML"},
		{study.Config{Model: stats.Factors, Factors: ff}, "beta_Mkt-RF beta_SMB beta_HML beta_RMW beta_CMA"},
	} {
		if got := strings.Join(fitColumns(tc.cfg), " "); got != tc.want {
			t.Errorf("%s (lags %d): %q, want %q", tc.cfg.Model, tc.cfg.Lags, got, tc.want)
		}
	}
}
