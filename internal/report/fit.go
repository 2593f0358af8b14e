package report

import (
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// fitRow is one event's row of the fit table (fit.csv, the "fit" entries
// of summary.json, the HTML report's and the workbook's fit tables): the
// fitted model, the estimation days it used and why day 0 is where it is.
type fitRow struct {
	ID, Ticker, Market string
	Alpha              float64
	Slopes             []float64 // one per fitColumns name
	ResidSD, R2        float64
	M                  int
	// EstFirst and EstLast are the first and last estimation dates used
	// (0 when M is 0).
	EstFirst, EstLast prices.Date
	Written           string // the event date as written
	Day0              prices.Date
	Reason            string // why day 0 is Day0
}

// fitColumns names the slope columns of the fit table: "beta" for the
// constant-mean (0), market-adjusted (1), market and Scholes-Williams
// models; for garch beta, then omega, alpha_garch, beta_garch, loglik and
// converged; for Dimson the summed beta and then each lead and lag,
// beta_t-L .. beta_t+L; for the factor models beta_ and the factor's name
// in the factor file, in the order of the regression.
func fitColumns(cfg study.Config) []string {
	switch {
	case study.IsFactorModel(cfg.Model):
		var out []string
		for _, n := range cfg.Regressors() {
			out = append(out, "beta_"+n)
		}
		return out
	case cfg.Model == stats.Dimson:
		l := max(cfg.Lags, 1)
		out := []string{"beta"}
		for j := -l; j <= l; j++ {
			switch {
			case j == 0:
				out = append(out, "beta_t")
			default:
				out = append(out, fmt.Sprintf("beta_t%+d", j))
			}
		}
		return out
	case cfg.Model == stats.GARCH:
		// The variance equation's parameters, its log-likelihood and
		// whether it converged (always 1: an event whose fit does not
		// converge is skipped, with the reason, in skipped.csv).
		return []string{"beta", "omega", "alpha_garch", "beta_garch", "loglik", "converged"}
	}
	return []string{"beta"}
}

// fitOf returns the fit row of an event.
func fitOf(cfg study.Config, e *study.Event) fitRow {
	f := e.Fit
	r := fitRow{ID: e.ID, Ticker: e.Ticker, Market: e.Market, Alpha: f.Alpha, ResidSD: math.Sqrt(f.S2), M: f.M,
		Written: e.Written, Day0: e.Day0, Reason: e.Day0Reason()}
	switch {
	case study.IsFactorModel(cfg.Model):
		r.Slopes = f.Coef[1:]
	case cfg.Model == stats.Dimson:
		r.Slopes = append([]float64{f.Beta}, f.Coef[1:]...)
	case f.GARCH != nil:
		g := f.GARCH
		r.Slopes = []float64{f.Beta, g.Omega, g.Alpha, g.Beta, g.LogLik, 1}
	default:
		r.Slopes = []float64{f.Beta}
	}
	est := e.EstimationFit()
	r.R2 = est.R2
	if f.M > 0 {
		r.EstFirst, r.EstLast = e.EstDates()
	}
	return r
}

// fitHeader is the header of fit.csv and of the workbook's fit sheet.
func fitHeader(cfg study.Config) []string { return fitHeaderOf(fitColumns(cfg)) }

// fitHeaderOf is the header of fit.csv with the slope columns cols.
func fitHeaderOf(cols []string) []string {
	h := []string{"event_id", "ticker", "market", "model", "alpha"}
	h = append(h, cols...)
	return append(h, "resid_sd", "r2", "n_est", "est_first", "est_last", "event_date", "day0", "day0_reason")
}

// writeFit writes fit.csv: one row per computed event.
func writeFit(w io.Writer, res *study.Result, opt csvOptions) error {
	if err := writeHeader(w, "", fitHeader(res.Config)); err != nil {
		return err
	}
	return writeFitRows(w, res, opt, fitColumns(res.Config))
}

// writeFitRows writes the rows of fit.csv under the slope columns cols, a
// superset of the model's (fitColumns): in a run of several models fit.csv
// has the slope columns of all, empty where a model has no such slope.
func writeFitRows(w io.Writer, res *study.Result, opt csvOptions, cols []string) error {
	model := res.Config.Model.String()
	pos := make([]int, len(cols)) // index into the model's slopes, or -1
	own := fitColumns(res.Config)
	for j, c := range cols {
		pos[j] = slices.Index(own, c)
	}
	return writeRows(w, len(res.Events), func(rw *rowWriter, i int) {
		r := fitOf(res.Config, res.Events[i])
		rw.text(r.ID, opt)
		rw.text(r.Ticker, opt)
		rw.text(r.Market, opt)
		rw.str(model)
		rw.float(r.Alpha)
		for _, k := range pos {
			if k < 0 {
				rw.float(math.NaN())
			} else {
				rw.float(r.Slopes[k])
			}
		}
		rw.float(r.ResidSD)
		rw.float(r.R2)
		rw.int(r.M)
		rw.str(dateText(r.EstFirst))
		rw.str(dateText(r.EstLast))
		rw.text(r.Written, opt)
		rw.str(r.Day0.String())
		rw.str(r.Reason)
		rw.end()
	})
}

// maxJSONFit is how many events' fits summary.json lists; fit.csv has all.
// A 100,000-event batch would otherwise make the summary 50 MB.
const maxJSONFit = 1000

// fitSummary is the fit table in summary.json.
type fitSummary struct {
	Model   string     `json:"model"`
	File    string     `json:"file"` // the CSV with every event's row
	Events  []fitEntry `json:"events"`
	LeftOut int        `json:"left_out,omitempty"` // events beyond maxJSONFit, in File only
}

type fitEntry struct {
	EventID  string           `json:"event_id"`
	Ticker   string           `json:"ticker"`
	Market   string           `json:"market,omitempty"`
	Alpha    Float            `json:"alpha"`
	Betas    map[string]Float `json:"betas"` // named as fit.csv's columns
	ResidSD  Float            `json:"resid_sd"`
	R2       Float            `json:"r2"`
	NEst     int              `json:"n_est"`
	EstFirst string           `json:"est_first,omitempty"`
	EstLast  string           `json:"est_last,omitempty"`
	Date     string           `json:"event_date"`
	Day0     string           `json:"day0"`
	Reason   string           `json:"day0_reason"`
}

func fitSummaryOf(res *study.Result) *fitSummary {
	s := &fitSummary{Model: res.Config.Model.String(), File: "fit.csv", Events: []fitEntry{}}
	cols := fitColumns(res.Config)
	n := min(len(res.Events), maxJSONFit)
	s.LeftOut = len(res.Events) - n
	for _, e := range res.Events[:n] {
		r := fitOf(res.Config, e)
		betas := make(map[string]Float, len(cols))
		for j, c := range cols {
			betas[c] = Float(r.Slopes[j])
		}
		s.Events = append(s.Events, fitEntry{EventID: r.ID, Ticker: r.Ticker, Market: r.Market, Alpha: Float(r.Alpha), Betas: betas,
			ResidSD: Float(r.ResidSD), R2: Float(r.R2), NEst: r.M, EstFirst: dateText(r.EstFirst), EstLast: dateText(r.EstLast),
			Date: r.Written, Day0: r.Day0.String(), Reason: r.Reason})
	}
	return s
}

// dateText prints a date, empty for none (0).
func dateText(d prices.Date) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// fit writes the workbook's sheet "fit", as fit.csv.
func (b *xlsxBook) fit(res *study.Result) error {
	st := b.st
	cols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"market", 10, st.text}, {"model", 10, st.text}, {"alpha", 11, st.num}}
	for _, c := range fitColumns(res.Config) {
		cols = append(cols, xcol{c, max(11, float64(len(c))+2), st.num})
	}
	cols = append(cols, xcol{"resid_sd", 11, st.num}, xcol{"r2", 8, st.p}, xcol{"n_est", 7, st.int}, xcol{"est_first", 11, st.date},
		xcol{"est_last", 11, st.date}, xcol{"event_date", 20, st.text}, xcol{"day0", 11, st.date}, xcol{"day0_reason", 60, st.text})
	model := res.Config.Model.String()
	return b.table("fit", "fit.csv", cols, 2, len(res.Events), func(i int, v []any) {
		r := fitOf(res.Config, res.Events[i])
		date := func(d prices.Date) any {
			if d == 0 {
				return ""
			}
			return excelDate(d)
		}
		k := copy(v, []any{r.ID, r.Ticker, r.Market, model, r.Alpha})
		for _, x := range r.Slopes {
			v[k] = x
			k++
		}
		copy(v[k:], []any{r.ResidSD, r.R2, r.M, date(r.EstFirst), date(r.EstLast), r.Written, excelDate(r.Day0), r.Reason})
	})
}
