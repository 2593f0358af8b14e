package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/eventstudy/eventstudy/internal/intraday"
)

// WriteIntraday writes an intraday study's tables into dir: ar.csv (one row
// per bar, by its start), car.csv (one row per event and window, the
// security's own return beside the CAR, the first bar and why), tests.csv
// (the cross-event tests per window), caar_minute.csv (the mean CAR per
// minute of the event clock), skipped.csv and summary.json.
func WriteIntraday(dir string, res *intraday.Result, meta Meta) error {
	esc := func(s string) string {
		if meta.EscapeFormulas && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			return "'" + s
		}
		return s
	}
	files := []struct {
		name  string
		write func(*csv.Writer)
	}{
		{"ar.csv", func(w *csv.Writer) {
			w.Write([]string{"event_id", "ticker", "bar_start", "minute", "return", "market_return", "normal", "ar", "car"})
			for _, e := range res.Events {
				for _, b := range e.Bars {
					w.Write([]string{esc(e.ID), esc(e.Ticker), b.Start.Format(time.RFC3339), inum(b.Minute), inum(b.Return), inum(b.Market), inum(b.Normal), inum(b.AR), inum(b.CAR)})
				}
			}
		}},
		{"car.csv", func(w *csv.Writer) {
			w.Write([]string{"event_id", "ticker", "news", "session", "first_bar", "first_bar_why", "window", "window_first_bar", "window_last_bar", "bars",
				"return", "overnight_return", "market_return", "normal", "car", "sd", "t", "df", "p", "percentile", "p_empirical", "estimation_days", "note"})
			for _, e := range res.Events {
				for _, x := range e.Windows {
					w.Write([]string{esc(e.ID), esc(e.Ticker), e.News.Format(time.RFC3339), e.Session.String(), e.FirstBar.Format(time.RFC3339), e.Why,
						x.Window.String(), istamp(x.First), istamp(x.Last), strconv.Itoa(x.NBars),
						inum(x.Return), inum(x.Overnight), inum(x.Market), inum(x.Normal), inum(x.CAR), inum(x.SD), inum(x.T), inum(x.DF), inum(x.P), inum(x.Pctl), inum(x.PEmp), strconv.Itoa(x.NEst), x.Note})
				}
			}
		}},
		{"fit.csv", func(w *csv.Writer) {
			w.Write([]string{"event_id", "ticker", "market", "model", "estimation_days", "alpha", "beta", "sigma", "n"})
			for _, e := range res.Events {
				a, b, s := math.NaN(), math.NaN(), math.NaN()
				if res.Config.Model == intraday.Market {
					a, b, s = e.Alpha, e.Beta, e.Sigma
				}
				w.Write([]string{esc(e.ID), esc(e.Ticker), esc(e.Market), res.Config.Model.String(), strconv.Itoa(e.EstDays), inum(a), inum(b), inum(s), strconv.Itoa(e.NObs)})
			}
		}},
		{"tests.csv", func(w *csv.Writer) {
			w.Write([]string{"window", "test", "stat", "p", "df", "n", "na"})
			for i, win := range res.Config.Windows {
				for _, r := range res.Cross[i] {
					w.Write([]string{win.String(), r.Test, inum(r.Stat), inum(r.P), inum(r.DF), strconv.Itoa(r.N), r.NA})
				}
			}
		}},
		{"caar_minute.csv", func(w *csv.Writer) {
			w.Write([]string{"minute", "mean_car", "lo95", "hi95", "n"})
			for _, p := range res.Minute {
				w.Write([]string{inum(p.Minute), inum(p.Mean), inum(p.Lo), inum(p.Hi), strconv.Itoa(p.N)})
			}
		}},
		{"skipped.csv", func(w *csv.Writer) {
			w.Write([]string{"event_id", "ticker", "written", "reason"})
			for _, s := range res.Skipped {
				w.Write([]string{esc(s.ID), esc(s.Ticker), esc(s.Written), s.Reason})
			}
		}},
	}
	for _, f := range files {
		err := meta.Outputs.Write(filepath.Join(dir, f.name), func(w io.Writer) error {
			cw := csv.NewWriter(w)
			f.write(cw)
			cw.Flush()
			return cw.Error()
		})
		if err != nil {
			return err
		}
	}
	return meta.Outputs.Write(filepath.Join(dir, "summary.json"), func(w io.Writer) error {
		return intradaySummary(w, res, meta)
	})
}

func istamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func inum(v float64) string { return formatFloat(v) }

func intradaySummary(w io.Writer, res *intraday.Result, meta Meta) error {
	type win struct {
		Window  string   `json:"window"`
		N       int      `json:"n"`
		MeanCAR Float    `json:"mean_car"`
		Tests   []testJS `json:"tests"`
	}
	var s struct {
		Tool     string   `json:"tool"`
		Version  string   `json:"version"`
		Kind     string   `json:"kind"`
		Model    string   `json:"model"`
		Market   string   `json:"market,omitempty"`
		EstDays  int      `json:"estimation_days"`
		Calendar string   `json:"calendar"`
		Extended bool     `json:"extended_hours"`
		Inputs   []Input  `json:"inputs"`
		Notes    []string `json:"notes"`
		Events   int      `json:"events"`
		Skipped  int      `json:"skipped"`
		Windows  []win    `json:"windows"`
	}
	cfg := res.Config
	s.Tool, s.Version, s.Kind, s.Model, s.Market = "eventstudy", meta.Version, "intraday", cfg.Model.String(), cfg.Market
	s.EstDays, s.Calendar, s.Extended = cfg.EstDays, cfg.Calendar.Code, cfg.Hours.Extended
	s.Inputs, s.Notes, s.Events, s.Skipped = meta.Inputs, res.Notes, len(res.Events), len(res.Skipped)
	for i, w := range cfg.Windows {
		x := win{Window: w.String()}
		var sum float64
		for _, e := range res.Events {
			if c := e.Windows[i].CAR; !math.IsNaN(c) {
				sum += c
				x.N++
			}
		}
		x.MeanCAR = Float(sum / float64(x.N))
		for _, r := range res.Cross[i] {
			x.Tests = append(x.Tests, testJS{Test: r.Test, Stat: Float(r.Stat), P: Float(r.P), N: r.N, NA: r.NA})
		}
		s.Windows = append(s.Windows, x)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

type testJS struct {
	Test string `json:"test"`
	Stat Float  `json:"stat"`
	P    Float  `json:"p"`
	N    int    `json:"n"`
	NA   string `json:"na,omitempty"`
}

// WriteIntradayText prints the study's summary: the notes of the readers,
// each event's first bar and window returns, the cross-event tests.
func WriteIntradayText(w io.Writer, res *intraday.Result) error {
	cfg := res.Config
	bw := &strings.Builder{}
	fmt.Fprintf(bw, "Intraday event study: %d events (%d skipped), model %s", len(res.Events), len(res.Skipped), cfg.Model)
	if cfg.Model == intraday.Market {
		fmt.Fprintf(bw, " on %s", cfg.Market)
	}
	hours := "regular hours"
	if cfg.Hours.Extended {
		hours = "extended hours"
	}
	fmt.Fprintf(bw, ", %d estimation sessions, %s %s\n", cfg.EstDays, cfg.Calendar.Code, hours)
	for _, n := range res.Notes {
		fmt.Fprintf(bw, "  %s\n", n)
	}
	fmt.Fprintf(bw, "\n%-18s %-7s %-16s", "event", "ticker", "first bar")
	for _, win := range cfg.Windows {
		fmt.Fprintf(bw, " %18s", win.String()+" ret/car")
	}
	bw.WriteString("\n")
	for _, e := range res.Events {
		fmt.Fprintf(bw, "%-18s %-7s %-16s", itrunc(e.ID, 18), itrunc(e.Ticker, 7), e.FirstBar.Format("2006-01-02 15:04"))
		for _, x := range e.Windows {
			fmt.Fprintf(bw, " %18s", ipct(x.Return)+"/"+ipct(x.CAR))
		}
		bw.WriteString("\n")
		if e.Why != "the first bar starting at or after the news" {
			fmt.Fprintf(bw, "  first bar: %s\n", e.Why)
		}
		for _, x := range e.Windows {
			if x.Note != "" {
				fmt.Fprintf(bw, "  %s: %s\n", x.Window, x.Note)
			}
		}
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(bw, "skipped %s %s: %s\n", s.ID, s.Ticker, s.Reason)
	}
	bw.WriteString("\nAcross events (window CARs):\n")
	fmt.Fprintf(bw, "%-12s %5s %10s %8s %8s %8s %8s\n", "window", "n", "mean CAR", "t", "p", "sign p", "wilc. p")
	for i, win := range cfg.Windows {
		var sum float64
		n := 0
		for _, e := range res.Events {
			if c := e.Windows[i].CAR; !math.IsNaN(c) {
				sum += c
				n++
			}
		}
		r := res.Cross[i]
		fmt.Fprintf(bw, "%-12s %5d %10s %8s %8s %8s %8s\n", win, n, ipct(sum/float64(n)), if3(r[0].Stat), if3(r[0].P), if3(r[2].P), if3(r[3].P))
	}
	if cfg.Model != intraday.Market {
		fmt.Fprintf(bw, "Per-event empirical p-values (Rinaudo & Saha 2014) cannot fall below 2/(n+1) with n estimation days: %.3f with %d.\n", 2/float64(cfg.EstDays+1), cfg.EstDays)
	}
	_, err := io.WriteString(w, bw.String())
	return err
}

func itrunc(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func ipct(v float64) string {
	if math.IsNaN(v) {
		return "NA"
	}
	return strconv.FormatFloat(100*v, 'f', 3, 64) + "%"
}

func if3(v float64) string {
	if math.IsNaN(v) {
		return "NA"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}
