package report

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// ModelRun is one model's share of a run of several models (--model
// market,ff3,carhart): what the robustness table, aar.csv, tests.csv and
// the text need once the model's per-event tables are written.
type ModelRun struct {
	Config   study.Config
	Computed int
	Skipped  []study.Skip
	Days     []study.Day
	Windows  []study.WindowTests
	Warnings []string
}

// RobustnessTests are the tests of the robustness table, one of each kind:
// the cross-sectional t (no standardization), Patell (standardized ARs,
// independent events), BMP (event-induced variance), BMP with the
// Kolari-Pynnönen adjustment (events sharing dates, as earnings seasons
// do), the generalized sign test and the GRANK-T rank test (non-parametric).
// tests.csv has every test of every model.
var RobustnessTests = []string{"t", "patell", "bmp", "bmp-kp", "generalized-sign", "grank-t"}

// WriteModels computes the study of each configuration through run, in
// order, and writes the per-event tables of all of them into dir: ar.csv,
// car.csv and skipped.csv begin with a model column, fit.csv has the slope
// columns of every model (empty where a model has none); each holds the
// rows of the first model, then of the second, and so on. A model's events
// are written as soon as it is computed and then dropped, except the first
// model's, returned whole for the report, the workbook and the charts: the
// run holds at most two models' events at once, not all of them.
// A model that computes no event fails the run.
func WriteModels(dir string, cfgs []study.Config, run func(study.Config) (*study.Result, error), meta Meta) (*study.Result, []ModelRun, error) {
	opt := csvOptions{escape: meta.EscapeFormulas}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("output directory: %w", err)
	}
	var cols []string
	for _, c := range cfgs {
		for _, n := range fitColumns(c) {
			if !slices.Contains(cols, n) {
				cols = append(cols, n)
			}
		}
	}
	var first *study.Result
	var runs []ModelRun
	var runErr error // said as it is, not behind the paths of the files being written
	write := func(ws []io.Writer) error {
		for i, c := range cfgs {
			res, err := run(c)
			if err != nil {
				runErr = fmt.Errorf("model %s: %w", c.Model, err)
				return runErr
			}
			if i == 0 {
				if err := writeHeader(ws[0], "model", arHeader); err != nil {
					return err
				}
				if err := writeCARHeader(ws[1], res, opt, "model"); err != nil {
					return err
				}
				if err := writeHeader(ws[2], "", fitHeaderOf(cols)); err != nil {
					return err
				}
				if err := writeHeader(ws[3], "model", []string{"event_id", "ticker", "event_date", "line", "reason"}); err != nil {
					return err
				}
			}
			name := c.Model.String()
			for _, err := range []error{
				writeARRows(ws[0], res, opt, name),
				writeCARRows(ws[1], res, opt, name),
				writeFitRows(ws[2], res, opt, cols),
				writeSkipRows(ws[3], res.Skipped, opt, name),
			} {
				if err != nil {
					return err
				}
			}
			runs = append(runs, ModelRun{Config: c, Computed: len(res.Events), Skipped: res.Skipped, Days: res.Days, Windows: res.Windows, Warnings: res.Warnings})
			if i == 0 {
				first = res
			}
		}
		return nil
	}
	names := []string{"ar.csv", "car.csv", "fit.csv", "skipped.csv"}
	var nest func(k int, ws []io.Writer) error
	nest = func(k int, ws []io.Writer) error {
		if k == len(names) {
			return write(ws)
		}
		return meta.Outputs.Write(filepath.Join(dir, names[k]), func(w io.Writer) error { return nest(k+1, append(ws, w)) })
	}
	if err := nest(0, nil); err != nil {
		if runErr != nil {
			return nil, nil, runErr
		}
		return nil, nil, err
	}
	return first, runs, nil
}

// writeSkipRows writes rows of skipped.csv, each beginning with model.
func writeSkipRows(w io.Writer, skips []study.Skip, opt csvOptions, model string) error {
	rw := newRowWriter(w)
	for _, s := range skips {
		rw.str(model)
		rw.text(s.ID, opt)
		rw.text(s.Ticker, opt)
		rw.text(s.Date, opt)
		rw.int(s.Line)
		rw.text(s.Reason, opt)
		rw.end()
	}
	return rw.flush()
}

// WriteRobustness writes the tables across events of a run of several
// models into dir: aar.csv and tests.csv with a model column and the rows
// of each model in turn, robustness.csv (one row per model and window:
// N, CAAR and the statistic and p-value of each of RobustnessTests) and
// summary.json, that of the first model (res) with a models entry giving
// each model's counts and window tests, and the warnings of all.
func WriteRobustness(dir string, res *study.Result, runs []ModelRun, meta Meta) error {
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"aar.csv", func(w io.Writer) error {
			recs := make([][]aarRecord, len(runs))
			for i, r := range runs {
				recs[i] = aarRecords(r.Days)
			}
			return writeModelRecords(w, runs, recs)
		}},
		{"tests.csv", func(w io.Writer) error {
			recs := make([][]testRecord, len(runs))
			for i, r := range runs {
				// Each model's study is its own family.
				recs[i] = testRecords(r.Days, r.Windows)
				adjustRecords(recs[i])
			}
			return writeModelRecords(w, runs, recs)
		}},
		{"robustness.csv", func(w io.Writer) error { return writeRobustnessCSV(w, runs) }},
		{"summary.json", func(w io.Writer) error {
			s := summaryOf(res, meta)
			var names []string
			for _, r := range runs {
				names = append(names, r.Config.Model.String())
				s.Models = append(s.Models, modelSummary{Model: r.Config.Model.String(), Computed: r.Computed, Skipped: len(r.Skipped), Windows: windowSummaries(r.Windows)})
				for _, warn := range r.Warnings {
					if !slices.Contains(s.Warnings, warn) {
						s.Warnings = append(s.Warnings, warn)
					}
				}
			}
			s.Settings.Model = strings.Join(names, ",")
			s.Settings.Factors = nil
			for _, r := range runs {
				if f := factorNames(r.Config); f != nil {
					s.Settings.Factors = f
				}
			}
			return encodeSummary(w, s)
		}},
	}
	for _, f := range files {
		if err := meta.Outputs.Write(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	return nil
}

// writeModelRecords writes the records of each run as gocsv would, each row
// beginning with the run's model. The records' fields are int, string and
// Float.
func writeModelRecords[T any](w io.Writer, runs []ModelRun, recs [][]T) error {
	t := reflect.TypeFor[T]()
	header := make([]string, t.NumField())
	for i := range header {
		header[i] = t.Field(i).Tag.Get("csv")
	}
	if err := writeHeader(w, "model", header); err != nil {
		return err
	}
	rw := newRowWriter(w)
	for i, rs := range recs {
		model := runs[i].Config.Model.String()
		for _, r := range rs {
			rw.str(model)
			v := reflect.ValueOf(r)
			for j := range v.NumField() {
				switch f := v.Field(j).Interface().(type) {
				case int:
					rw.int(f)
				case string:
					rw.str(f)
				case Float:
					rw.float(float64(f))
				default:
					panic(fmt.Sprintf("report: field %s of type %T", t.Field(j).Name, f))
				}
			}
			rw.end()
		}
	}
	return rw.flush()
}

// robustnessHeader is robustness.csv's header.
func robustnessHeader() []string {
	h := []string{"model", "window", "from", "to", "n", "caar"}
	for _, name := range RobustnessTests {
		c := strings.ReplaceAll(name, "-", "_")
		h = append(h, c, c+"_p")
	}
	return h
}

// findTest returns the result of the named test, and false if the battery
// has none.
func findTest(rs []stats.Result, name string) (stats.Result, bool) {
	for _, r := range rs {
		if r.Test == name {
			return r, true
		}
	}
	return stats.Result{}, false
}

// writeRobustnessCSV writes robustness.csv: per model (in the order
// given) and window, N, CAAR and the statistic and p-value of each of
// RobustnessTests (empty when the test is n/a; tests.csv says why).
func writeRobustnessCSV(w io.Writer, runs []ModelRun) error {
	if err := writeHeader(w, "", robustnessHeader()); err != nil {
		return err
	}
	rw := newRowWriter(w)
	for _, r := range runs {
		for _, wt := range r.Windows {
			rw.str(r.Config.Model.String())
			rw.str(wt.Window.String())
			rw.int(wt.Window.From)
			rw.int(wt.Window.To)
			rw.int(wt.N)
			rw.float(wt.CAAR)
			for _, name := range RobustnessTests {
				t, ok := findTest(wt.Tests, name)
				if !ok || t.NA != "" {
					t.Stat, t.P = math.NaN(), math.NaN()
				}
				rw.float(t.Stat)
				rw.float(t.P)
			}
			rw.end()
		}
	}
	return rw.flush()
}

// WriteRobustnessText writes the side-by-side table of a run of several
// models (rows: window, then N, CAAR and each of RobustnessTests; columns:
// the models), and the events that some model could not compute although
// another could, with the reason.
func WriteRobustnessText(w io.Writer, runs []ModelRun) error {
	if len(runs) == 0 {
		return nil
	}
	pct := amount(runs[0].Config)
	fmt.Fprintln(w, "\nRobustness across models (CAAR; statistic and two-sided p; all in robustness.csv):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "window\t\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t", r.Config.Model)
	}
	fmt.Fprintln(tw)
	for k, wt := range runs[0].Windows {
		fmt.Fprintf(tw, "%s\tN\t", wt.Window)
		for _, r := range runs {
			fmt.Fprintf(tw, "%d\t", r.Windows[k].N)
		}
		fmt.Fprint(tw, "\n\tCAAR\t")
		for _, r := range runs {
			fmt.Fprintf(tw, "%s\t", pct(r.Windows[k].CAAR))
		}
		fmt.Fprintln(tw)
		for _, name := range RobustnessTests {
			fmt.Fprintf(tw, "\t%s\t", name)
			for _, r := range runs {
				t, ok := findTest(r.Windows[k].Tests, name)
				if !ok || t.NA != "" {
					fmt.Fprint(tw, "n/a\t")
					continue
				}
				fmt.Fprintf(tw, "%s (%s)\t", num(t.Stat, 2), pval(t.P))
			}
			fmt.Fprintln(tw)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range runs[1:] {
		for _, warn := range r.Warnings {
			if !slices.Contains(runs[0].Warnings, warn) {
				fmt.Fprintf(w, "warning (%s model): %s\n", r.Config.Model, warn)
			}
		}
	}
	for _, s := range onlySkips(runs) {
		fmt.Fprintf(w, "skipped for %s only: %d events (skipped.csv, column model), first: line %d, event %s %s %s: %s\n",
			s.model, s.n, s.first.Line, s.first.ID, s.first.Ticker, s.first.Date, s.first.Reason)
	}
	return nil
}

// modelSkips are the events one model skipped that another computed.
type modelSkips struct {
	model string
	n     int
	first study.Skip
}

// onlySkips lists, per model, the events it skipped that at least one
// other model computed (an event-list line is one event).
func onlySkips(runs []ModelRun) []modelSkips {
	skipped := make([]map[int]bool, len(runs))
	for i, r := range runs {
		skipped[i] = map[int]bool{}
		for _, s := range r.Skipped {
			skipped[i][s.Line] = true
		}
	}
	var out []modelSkips
	for i, r := range runs {
		var ms modelSkips
		for _, s := range r.Skipped {
			other := false
			for j := range runs {
				if j != i && !skipped[j][s.Line] {
					other = true
				}
			}
			if other {
				if ms.n == 0 {
					ms.first = s
				}
				ms.n++
			}
		}
		if ms.n > 0 {
			ms.model = r.Config.Model.String()
			out = append(out, ms)
		}
	}
	return out
}
