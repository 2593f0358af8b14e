package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/report"
	"github.com/eventstudy/eventstudy/internal/stats"
)

const regressUsage = `Usage: eventstudy regress --car FILE --window FROM:TO --x COL[,COL...] [flags]

Regresses the CARs of one window (from car.csv of 'eventstudy run') on event
characteristics, columns of the event list that car.csv carries, by OLS with
heteroskedasticity-robust standard errors (HC1: White 1980 with the
n/(n-k) correction of MacKinnon & White 1985).

A column whose non-empty cells are all numbers enters as it is; any other
column is categorical and enters as one 0/1 dummy per value but the first in
sorted order (the base). Rows with an empty cell in y or a regressor are
left out and counted.

Example:
  eventstudy run --events earnings.csv ... --out out/
  eventstudy regress --car out/car.csv --window -1:1 --x surprise,timing

Flags:
`

func runRegress(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("regress", regressUsage, stderr)
	carFile := fset.String("car", "", "car.csv `FILE` written by 'eventstudy run'")
	window := fset.String("window", "", "the event `window` FROM:TO whose CARs are regressed, e.g. -1:1")
	xs := fset.String("x", "", "regressor `columns`, comma-separated, e.g. size,surprise")
	y := fset.String("y", "car", "dependent `column`: car, bhar or car_t (the standardized CAR)")
	out := fset.String("out", "", "also write the coefficients to this CSV `FILE`")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	switch {
	case *carFile == "":
		return usagef("--car is required")
	case *xs == "":
		return usagef("--x is required")
	case *window == "":
		return usagef("--window is required")
	}
	w, err := stats.ParseWindow(*window)
	if err != nil {
		return usageError{fmt.Errorf("--window: %w", err)}
	}
	if !slices.Contains([]string{"car", "bhar", "car_t"}, *y) {
		return usagef("--y %q: want car, bhar or car_t", *y)
	}
	tab, err := readCARTable(*carFile, w)
	if err != nil {
		return err
	}
	yv, err := tab.numeric(*y)
	if err != nil {
		return err
	}
	var x [][]float64
	var names []string
	for _, col := range strings.Split(*xs, ",") {
		col = strings.TrimSpace(col)
		cols, colNames, err := tab.regressor(col)
		if err != nil {
			return err
		}
		x = append(x, cols...)
		names = append(names, colNames...)
		if len(x) > maxRegressors {
			return usagef("--x: more than %d regressors (dummies of categorical columns included)", maxRegressors)
		}
	}
	reg, err := stats.Regress(yv, x, names)
	if err != nil {
		return fmt.Errorf("regression of %s on %s over window %s: %w", *y, *xs, w, err)
	}
	fmt.Fprintf(stdout, "OLS of %s (window %s, %s) on %s, HC1 standard errors\n", *y, w, *carFile, *xs)
	fmt.Fprintf(stdout, "N = %d (%d rows left out for empty cells), R2 = %.4f, adjusted R2 = %.4f, t with %d df\n\n", reg.N, reg.Dropped, reg.R2, reg.AdjR2, reg.DF)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "term\tcoefficient\tHC1 se\tt\tp\t")
	for _, t := range reg.Terms {
		fmt.Fprintf(tw, "%s\t%.6g\t%.6g\t%.3f\t%s\t\n", t.Name, t.Coef, t.SE, t.T, report.PValue(t.P))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if *out == "" {
		return nil
	}
	return report.WriteFileAtomic(*out, func(wr io.Writer) error {
		cw := csv.NewWriter(wr)
		cw.Write([]string{"term", "coefficient", "se_hc1", "t", "p_value", "n", "df", "r2", "adj_r2"})
		for _, t := range reg.Terms {
			cw.Write([]string{t.Name, report.FormatFloat(t.Coef), report.FormatFloat(t.SE), report.FormatFloat(t.T), report.FormatFloat(t.P), strconv.Itoa(reg.N), strconv.Itoa(reg.DF), report.FormatFloat(reg.R2), report.FormatFloat(reg.AdjR2)})
		}
		cw.Flush()
		return cw.Error()
	})
}

// carTable is the rows of car.csv for one window.
type carTable struct {
	file   string
	header []string
	rows   [][]string
	lines  []int
}

func readCARTable(path string, w stats.Window) (*carTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("car table: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(prices.LimitLines(f, path))
	header, err := r.Read()
	var pe *prices.PosError
	if errors.As(err, &pe) {
		return nil, pe // a line too long
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header: %w", path, err)
	}
	t := &carTable{file: path, header: header}
	from, to := slices.Index(header, "from"), slices.Index(header, "to")
	if from < 0 || to < 0 {
		return nil, fmt.Errorf("%s:1:1: no from and to columns: is this car.csv of 'eventstudy run'?", path)
	}
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if errors.As(err, &pe) {
			return nil, pe
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		key := rec[from] + ":" + rec[to]
		seen[key] = true
		if key == w.String() {
			line, _ := r.FieldPos(0)
			t.rows = append(t.rows, rec)
			t.lines = append(t.lines, line)
		}
	}
	if len(t.rows) == 0 {
		have := make([]string, 0, len(seen))
		for k := range seen {
			if len(k) > 40 {
				k = strings.ToValidUTF8(k[:40], "") + "…"
			}
			have = append(have, k)
		}
		slices.Sort(have)
		have = slices.Compact(have)
		if len(have) > 10 { // a file that is not car.csv may have a window a row
			have = append(have[:10], fmt.Sprintf("and %d more", len(have)-10))
		}
		return nil, fmt.Errorf("%s: no rows for window %s (windows in the file: %s)", path, w, strings.Join(have, ", "))
	}
	return t, nil
}

func (t *carTable) column(name string) (int, error) {
	i := slices.Index(t.header, name)
	if i < 0 {
		return 0, fmt.Errorf("%s: no column %q (columns: %s)", t.file, name, strings.Join(t.header, ", "))
	}
	return i, nil
}

// numeric returns a column as numbers, NaN for empty cells; any other text
// is an error naming its position.
func (t *carTable) numeric(name string) ([]float64, error) {
	c, err := t.column(name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(t.rows))
	for i, rec := range t.rows {
		s := strings.TrimSpace(rec[c])
		if s == "" {
			out[i] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %s: %q is not a number", t.file, t.lines[i], c+1, name, s)
		}
		out[i] = v
	}
	return out, nil
}

// regressor returns the columns one event-list characteristic contributes:
// itself when numeric, else a dummy per value but the first.
// maxLevels bounds the values of a categorical regressor: each value but
// the first is a dummy column as long as the sample, so a column with a
// value an event (an id, a note) made a matrix of events x events (100,000
// events: 80 GB). 50 levels is more than any industry or country
// classification used as a control needs.
const maxLevels = 50

// maxRegressors bounds the columns of the design: its cross-product matrix
// is regressors x regressors, and a cross-section of events supports a
// few dozen regressors at most.
const maxRegressors = 100

func (t *carTable) regressor(name string) ([][]float64, []string, error) {
	if v, err := t.numeric(name); err == nil {
		return [][]float64{v}, []string{name}, nil
	}
	c, err := t.column(name)
	if err != nil {
		return nil, nil, err
	}
	var levels []string
	seen := map[string]bool{}
	for _, rec := range t.rows {
		if s := strings.TrimSpace(rec[c]); s != "" && !seen[s] {
			if len(levels) == maxLevels {
				return nil, nil, fmt.Errorf("%s: column %q has more than %d distinct values, too many for a categorical regressor (is it an id or a text column?)", t.file, name, maxLevels)
			}
			seen[s] = true
			levels = append(levels, s)
		}
	}
	slices.Sort(levels)
	if len(levels) < 2 {
		return nil, nil, fmt.Errorf("%s: column %q has %d distinct values, a categorical regressor needs 2", t.file, name, len(levels))
	}
	var cols [][]float64
	var names []string
	for _, lv := range levels[1:] {
		col := make([]float64, len(t.rows))
		for i, rec := range t.rows {
			switch s := strings.TrimSpace(rec[c]); {
			case s == "":
				col[i] = math.NaN()
			case s == lv:
				col[i] = 1
			}
		}
		cols = append(cols, col)
		names = append(names, name+"="+lv)
	}
	return cols, names, nil
}
