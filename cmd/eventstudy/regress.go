package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/report"
	"github.com/eventstudy/eventstudy/internal/stats"
)

const regressUsage = `Usage: eventstudy regress --car FILE [--window FROM:TO] [--y COL] [--x COL[,COL...]] [--cluster COL[,COL]] [flags]

Regresses the CARs of one window (from car.csv of 'eventstudy run') on event
characteristics, columns of the event list that car.csv carries, by OLS with
heteroskedasticity-robust standard errors (HC1: White 1980 with the
n/(n-k) correction of MacKinnon & White 1985), or with standard errors
clustered by one or two columns (--cluster).

--car may also be any CSV table with a header: without from and to
columns it is not a car.csv, --window is left out and every row is used.
--y names the dependent variable, any numeric column (default car);
without --x the regression is on the intercept alone (the mean of y).

--cluster date clusters the errors by the values of a column (Petersen
2009); --cluster date,firm by two (Cameron, Gelbach & Miller 2011:
V = V_date + V_firm - V_date∩firm). The conventions are those of R's
sandwich::vcovCL for lm: each term scaled by G/(G-1) with its own number
of clusters G, the sum by (n-1)/(n-k); a two-way V that is not positive
semi-definite has its negative eigenvalues set to 0 (vcovCL(fix = TRUE)),
with a note. t has G-1 degrees of freedom, min(G)-1 for two-way. Cluster
values are compared as text; an empty one on a row in use, and a column
with a single value over the rows in use, are errors; fewer than 20
clusters, a warning (the clustered t over-rejects with few clusters).

A column whose non-empty cells are all numbers enters as it is; a number
may have a leading + and thousands separators in groups of three (1,234.5),
and a percentage is read as a fraction (+12.5% is 0.125). A column whose
cells are all text is categorical and enters as one 0/1 dummy per value but
the first in sorted order (the base). Rows with an empty cell in y or a
regressor are left out and counted.

Refused, with the line and column: a cell that looks like a number in no
form above (1,5: the decimal mark is a point); a column that mixes numbers
and text, or percentages and plain numbers; a category value with a single
row (fitted exactly, it has no standard error); fewer than 5 rows per
coefficient or 10 residual degrees of freedom (a warning below 10 rows per
coefficient); and as --x, the --y column or, in a car.csv, another computed
from the window's returns (car, car_t, car_p, bhar).

--out writes the coefficients as CSV: term, estimate, std_error, t,
p_value, df, n, clusters (G, or G1;G2 for two-way; empty for HC1),
se_type (HC1, cluster(COL) or cluster(COL1+COL2)), r2, adj_r2.

Example:
  eventstudy run --events earnings.csv ... --out out/
  eventstudy regress --car out/car.csv --window -1:1 --x surprise,timing --cluster day0
  eventstudy regress --car panel.csv --y ars --cluster date,code --out coef.csv

Flags:
`

func runRegress(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("regress", regressUsage, stderr)
	carFile := fset.String("car", "", "car.csv `FILE` written by 'eventstudy run', or any CSV table with a header")
	window := fset.String("window", "", "the event `window` FROM:TO whose CARs are regressed, e.g. -1:1 (car.csv only)")
	xs := fset.String("x", "", "regressor `columns`, comma-separated, e.g. size,surprise (none: the intercept alone)")
	y := fset.String("y", "car", "dependent `column`, any numeric column: car, bhar, car_t (the standardized CAR), ...")
	cluster := fset.String("cluster", "", "cluster the standard errors by one or two `columns`, e.g. day0 (the trading day) or day0,ticker")
	out := fset.String("out", "", "also write the coefficients to this CSV `FILE`")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *carFile == "" {
		return usagef("--car is required")
	}
	var w *stats.Window
	if *window != "" {
		win, err := stats.ParseWindow(*window)
		if err != nil {
			return usageError{fmt.Errorf("--window: %w", err)}
		}
		w = &win
	}
	if strings.TrimSpace(*y) == "" {
		return usagef("--y is empty: name the dependent column")
	}
	var clusterCols []string
	if *cluster != "" {
		for _, c := range strings.Split(*cluster, ",") {
			c = strings.TrimSpace(c)
			switch {
			case c == "":
				return usagef("--cluster %q: an empty column name", *cluster)
			case slices.Contains(clusterCols, c):
				return usagef("--cluster %s: the column is named twice", *cluster)
			}
			clusterCols = append(clusterCols, c)
		}
		if len(clusterCols) > 2 {
			return usagef("--cluster %s: at most two columns (one- or two-way clustering)", *cluster)
		}
	}
	var cols []string
	if *xs != "" {
		for _, col := range strings.Split(*xs, ",") {
			col = strings.TrimSpace(col)
			switch {
			case col == "":
				return usagef("--x %q: an empty column name (want COL[,COL...])", *xs)
			case slices.Contains(cols, col):
				return usagef("--x %s: given twice", col)
			case col == *y:
				return usagef("--x %s: %s is the dependent variable (--y)", col, col)
			}
			cols = append(cols, col)
		}
	}
	tab, err := readCARTable(*carFile, w)
	if err != nil {
		return err
	}
	yv, err := tab.numeric(*y)
	if err != nil {
		return err
	}
	var regs []*regressor
	for _, col := range cols {
		if tab.windowed && slices.Contains(outcomeColumns, col) {
			return usagef("--x %s: %s is computed from the same returns as --y %s, not a characteristic of the event", col, col, *y)
		}
		r, err := tab.regressor(col)
		if err != nil {
			return err
		}
		regs = append(regs, r)
	}
	var clusters []*clusterColumn
	for _, col := range clusterCols {
		c, err := tab.clusterColumn(col)
		if err != nil {
			return err
		}
		clusters = append(clusters, c)
	}
	// The rows in use: y and every regressor present.
	use := make([]bool, len(yv))
	n := 0
	for i, v := range yv {
		use[i] = !math.IsNaN(v)
		for _, r := range regs {
			use[i] = use[i] && !r.missing(i)
		}
		if use[i] {
			n++
		}
	}
	k := 1
	for _, r := range regs {
		k += r.terms(use)
	}
	if k-1 > maxRegressors {
		return usagef("--x: more than %d regressors (dummies of categorical columns included)", maxRegressors)
	}
	if err := checkRows(n, k, regs, use, tab.file); err != nil {
		return err
	}
	var x [][]float64
	var names []string
	for _, r := range regs {
		cols, colNames, err := r.columns(tab, use)
		if err != nil {
			return err
		}
		x = append(x, cols...)
		names = append(names, colNames...)
	}
	var labels [][]string
	for _, c := range clusters {
		if err := c.check(tab, use); err != nil {
			return err
		}
		labels = append(labels, c.labels)
	}
	if n < warnRowsPerCoef*k {
		fmt.Fprintf(stderr, "eventstudy regress: warning: %d rows for %d coefficients, fewer than %d per coefficient (Harrell 2015, sec. 4.4): the fit may not hold beyond these events\n", n, k, warnRowsPerCoef)
	}
	what := fmt.Sprintf("%s (%s)", *y, tab.file)
	if w != nil {
		what = fmt.Sprintf("%s (window %s, %s)", *y, w, tab.file)
	}
	on := "the intercept alone"
	if len(names) > 0 {
		on = strings.Join(cols, ",")
	}
	var reg stats.Regression
	seType, seHead := "HC1", "HC1 se"
	if labels == nil {
		reg, err = stats.Regress(yv, x, names)
	} else {
		reg, err = stats.RegressClustered(yv, x, names, labels)
		seType, seHead = "cluster("+strings.Join(clusterCols, "+")+")", "clustered se"
	}
	if err != nil {
		where := ""
		if w != nil {
			where = " over window " + w.String()
		}
		return fmt.Errorf("regression of %s on %s%s: %w", *y, on, where, err)
	}
	if labels != nil && slices.Min(reg.Clusters) < fewClusters {
		d := slices.Index(reg.Clusters, slices.Min(reg.Clusters))
		fmt.Fprintf(stderr, "eventstudy regress: warning: %d clusters in %s, fewer than %d: the clustered t over-rejects with few clusters even with t(G-1) (Cameron, Gelbach & Miller 2008; simulated 5%% size 9.9%% at G = 5, 7.6%% at G = 20)\n",
			reg.Clusters[d], clusterCols[d], fewClusters)
	}
	if labels == nil {
		fmt.Fprintf(stdout, "OLS of %s on %s, HC1 standard errors\n", what, on)
	} else {
		kind := fmt.Sprintf("clustered by %s (%d clusters)", clusterCols[0], reg.Clusters[0])
		if len(clusterCols) == 2 {
			kind = fmt.Sprintf("two-way clustered by %s (%d clusters) and %s (%d)", clusterCols[0], reg.Clusters[0], clusterCols[1], reg.Clusters[1])
		}
		fmt.Fprintf(stdout, "OLS of %s on %s\nstandard errors %s, as sandwich::vcovCL (HC1, G/(G-1))\n", what, on, kind)
	}
	df := fmt.Sprintf("t with %d df", reg.DF)
	if labels != nil {
		df = fmt.Sprintf("t with %d df (G-1)", reg.DF)
		if len(labels) == 2 {
			df = fmt.Sprintf("t with %d df (min G - 1)", reg.DF)
		}
	}
	fmt.Fprintf(stdout, "N = %d (%d rows left out for empty cells), R2 = %.4f, adjusted R2 = %.4f, %s\n", reg.N, reg.Dropped, reg.R2, reg.AdjR2, df)
	if reg.Fixed {
		fmt.Fprintln(stdout, "note: the two-way covariance matrix had a negative eigenvalue, set to 0 (Cameron, Gelbach & Miller 2011; vcovCL(fix = TRUE))")
	}
	fmt.Fprintln(stdout)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "term\tcoefficient\t%s\tt\tp\t\n", seHead)
	for _, t := range reg.Terms {
		fmt.Fprintf(tw, "%s\t%.6g\t%.6g\t%.3f\t%s\t\n", t.Name, t.Coef, t.SE, t.T, report.PValue(t.P))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if *out == "" {
		return nil
	}
	var g []string
	for _, c := range reg.Clusters {
		g = append(g, strconv.Itoa(c))
	}
	return report.WriteUserFile(*out, func(wr io.Writer) error {
		cw := csv.NewWriter(wr)
		cw.Write([]string{"term", "estimate", "std_error", "t", "p_value", "df", "n", "clusters", "se_type", "r2", "adj_r2"})
		for _, t := range reg.Terms {
			cw.Write([]string{t.Name, report.FormatFloat(t.Coef), report.FormatFloat(t.SE), report.FormatFloat(t.T), report.FormatFloat(t.P),
				strconv.Itoa(reg.DF), strconv.Itoa(reg.N), strings.Join(g, ";"), seType, report.FormatFloat(reg.R2), report.FormatFloat(reg.AdjR2)})
		}
		cw.Flush()
		return cw.Error()
	})
}

// fewClusters is the number of clusters below which regress warns: with
// G = 20 clusters of 20 rows, x and e each with a cluster component of half
// their variance, the clustered t(G-1) rejects a true null at 5% 7.6% of
// the time, 9.9% with G = 5, 6.9% with G = 40
// (stats.TestRegressClusteredFewClusters).
const fewClusters = 20

// outcomeColumns are the columns of car.csv computed from the returns of
// the event window: as regressors of a CAR they would explain it by
// itself.
var outcomeColumns = []string{"car", "car_t", "car_p", "bhar"}

// The rows a regression needs for its k coefficients. Harrell (2015,
// Regression Modeling Strategies, 2nd ed., sec. 4.4) puts the rows a
// linear model needs to be reliable at 10 to 20 per coefficient; below 5
// it is overfitted beyond use. The HC1 standard errors also need residual
// degrees of freedom: with few, they are biased down and t(n-k) does not
// correct it (Long & Ervin 2000, The American Statistician 54, 217-224).
// eventstudy regress refuses fewer than minRowsPerCoef rows per
// coefficient or fewer than minResidualDF residual degrees of freedom, and
// warns below warnRowsPerCoef per coefficient.
const (
	minRowsPerCoef  = 5
	minResidualDF   = 10
	warnRowsPerCoef = 10
)

// checkRows refuses n rows for k coefficients under the rule above, naming
// the categorical column that takes the most coefficients.
func checkRows(n, k int, regs []*regressor, use []bool, file string) error {
	need := max(minRowsPerCoef*k, k+minResidualDF)
	if n >= need {
		return nil
	}
	why := ""
	var big *regressor
	for _, r := range regs {
		if r.levels != nil && (big == nil || r.terms(use) > big.terms(use)) {
			big = r
		}
	}
	if big != nil && big.terms(use) > 1 {
		why = fmt.Sprintf(" (column %q is a category with %d values on those rows: %d dummies)", big.name, big.terms(use)+1, big.terms(use))
	}
	return fmt.Errorf("%s: %d complete rows for %d coefficients%s; a regression needs at least %d: %d rows per coefficient and %d residual degrees of freedom (Harrell 2015, sec. 4.4)",
		file, n, k, why, need, minRowsPerCoef, minResidualDF)
}

// carTable is the rows of car.csv for one window, or every row of another
// CSV table (windowed false: no from and to columns).
type carTable struct {
	file     string
	header   []string
	rows     [][]string
	lines    []int
	windowed bool
}

// readCARTable reads the rows of window w from a car.csv, which has from
// and to columns, or with w nil every row of a table that has neither. A
// car.csv without w and a window for a table without from and to are
// usage errors.
func readCARTable(path string, w *stats.Window) (*carTable, error) {
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
	t.windowed = from >= 0 && to >= 0
	switch {
	case !t.windowed && w != nil:
		return nil, fmt.Errorf("%s:1:1: no from and to columns, so no window %s: leave --window out to use every row", path, w)
	case t.windowed && w == nil:
		return nil, usagef("--window is required: %s has from and to columns (a car.csv), with a row per event and window", path)
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
		if !t.windowed {
			line, _ := r.FieldPos(0)
			t.rows = append(t.rows, rec)
			t.lines = append(t.lines, line)
			continue
		}
		key := rec[from] + ":" + rec[to]
		seen[key] = true
		if key == w.String() {
			line, _ := r.FieldPos(0)
			t.rows = append(t.rows, rec)
			t.lines = append(t.lines, line)
		}
	}
	if len(t.rows) == 0 && !t.windowed {
		return nil, fmt.Errorf("%s: no rows after the header", path)
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
	if j := slices.Index(t.header[i+1:], name); j >= 0 {
		return 0, fmt.Errorf("%s:1:%d: column %q appears twice (columns %d and %d): an event-list column named like an output column, from a run before eventstudy renamed those; rename it in the event list and run again", t.file, i+j+2, name, i+1, i+j+2)
	}
	return i, nil
}

// cellKind is what a cell of car.csv holds.
type cellKind int

const (
	cellEmpty cellKind = iota
	cellNumber
	cellPercent // a number written with %, read as a fraction
	cellText
)

var (
	// thousands is a number with thousands separators: groups of three
	// digits after the first group of one to three.
	thousands = regexp.MustCompile(`^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$`)
	// numberish is what could be meant as a number: digits, signs,
	// commas and points only.
	numberish = regexp.MustCompile(`^[+-]?[0-9.,]*[0-9][0-9.,]*$`)
	// decimal is a number as car.csv and spreadsheets write it; strconv
	// also reads hexadecimal floats (0x1p-2), Inf and Infinity.
	decimal = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
)

// parseCell reads one cell: empty (after trimming spaces), a number (a
// leading + allowed, thousands separators in well-formed groups of three,
// 1,234.5), a percentage (12.5% is 0.125), or text. A cell that looks like
// a number but is not one of these forms, such as 1,5 (a decimal comma, or
// a mistyped thousands separator), is an error.
func parseCell(s string) (float64, cellKind, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return math.NaN(), cellEmpty, nil
	}
	kind := cellNumber
	num := s
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		kind, num = cellPercent, strings.TrimSpace(rest)
	}
	if strings.Contains(num, ",") {
		if !thousands.MatchString(num) {
			if numberish.MatchString(num) {
				return 0, cellText, fmt.Errorf("%q is not a number: a comma must separate thousands in groups of three (1,234.5), and the decimal mark is a point", s)
			}
			return math.NaN(), cellText, nil
		}
		num = strings.ReplaceAll(num, ",", "")
	}
	if strings.EqualFold(num, "nan") && kind == cellNumber {
		return math.NaN(), cellEmpty, nil // pandas' missing value
	}
	v, err := strconv.ParseFloat(num, 64)
	switch {
	case (err == nil || errors.Is(err, strconv.ErrRange)) && !decimal.MatchString(num):
		return 0, cellText, fmt.Errorf("%q is not a number in a form car.csv uses: write plain decimals such as 12.5 or 1.25e-3", s)
	case errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0):
		return 0, cellText, fmt.Errorf("%q is beyond the range of a number", s)
	case errors.Is(err, strconv.ErrRange):
		err = nil // below the smallest number: 0
	case err != nil && kind == cellPercent && numberish.MatchString(num):
		return 0, cellText, fmt.Errorf("%q is not a percentage", s)
	case err != nil:
		return math.NaN(), cellText, nil
	case kind == cellPercent:
		v /= 100
	}
	return v, kind, nil
}

// cellAt says where row i of column c is, for messages.
func (t *carTable) cellAt(i, c int) string {
	return fmt.Sprintf("%s:%d:%d", t.file, t.lines[i], c+1)
}

// numeric returns a column as numbers, NaN for empty cells; text, and a
// column that mixes percentages with plain numbers, are errors naming the
// position.
func (t *carTable) numeric(name string) ([]float64, error) {
	c, err := t.column(name)
	if err != nil {
		return nil, err
	}
	vals, kinds, err := t.cells(name, c)
	if err != nil {
		return nil, err
	}
	for i, k := range kinds {
		if k == cellText {
			return nil, fmt.Errorf("%s: %s: %q is not a number", t.cellAt(i, c), name, strings.TrimSpace(t.rows[i][c]))
		}
	}
	return vals, nil
}

// cells parses column c (named name) cell by cell. A cell that looks like
// a number but is malformed, and a column with both percentages and plain
// numbers (12.5% and 0.13: which scale?), are errors.
func (t *carTable) cells(name string, c int) ([]float64, []cellKind, error) {
	vals, kinds := make([]float64, len(t.rows)), make([]cellKind, len(t.rows))
	first := map[cellKind]int{}
	for i, rec := range t.rows {
		v, k, err := parseCell(rec[c])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: %w", t.cellAt(i, c), name, err)
		}
		vals[i], kinds[i] = v, k
		if _, ok := first[k]; !ok {
			first[k] = i
		}
	}
	p, okP := first[cellPercent]
	n, okN := first[cellNumber]
	if okP && okN {
		i := max(p, n)
		return nil, nil, fmt.Errorf("%s: %s: %q is a plain number, %q (line %d) a percentage: write every value of the column the same way", t.cellAt(i, c), name,
			strings.TrimSpace(t.rows[n][c]), strings.TrimSpace(t.rows[p][c]), t.lines[p])
	}
	return vals, kinds, nil
}

// regressor is the column of one event-list characteristic: numbers, or
// for a categorical column the text of each row ("" where empty).
type regressor struct {
	name   string
	col    int
	values []float64 // numeric: NaN where empty
	levels []string  // categorical: each row's value
}

// regressor reads one event-list characteristic: numeric when every
// non-empty cell is a number (or every one a percentage), categorical when
// every one is text. A column that mixes numbers and text is an error:
// a stray "n/a" would otherwise turn a numeric column into one category
// per value.
func (t *carTable) regressor(name string) (*regressor, error) {
	c, err := t.column(name)
	if err != nil {
		return nil, err
	}
	vals, kinds, err := t.cells(name, c)
	if err != nil {
		return nil, err
	}
	num, text := slices.IndexFunc(kinds, func(k cellKind) bool { return k == cellNumber || k == cellPercent }), slices.Index(kinds, cellText)
	switch {
	case text < 0:
		return &regressor{name: name, col: c, values: vals}, nil
	case num >= 0:
		i := max(num, text)
		return nil, fmt.Errorf("%s: %s: the column mixes numbers (line %d: %q) and text (line %d: %q): empty the text cells to leave those rows out, or write every value as text to make the column a category",
			t.cellAt(i, c), name, t.lines[num], strings.TrimSpace(t.rows[num][c]), t.lines[text], strings.TrimSpace(t.rows[text][c]))
	}
	r := &regressor{name: name, col: c, levels: make([]string, len(t.rows))}
	seen := map[string]bool{}
	for i, rec := range t.rows {
		lv := strings.TrimSpace(rec[c])
		r.levels[i] = lv
		if lv != "" && !seen[lv] {
			if len(seen) == maxLevels {
				return nil, fmt.Errorf("%s: column %q has more than %d distinct values, too many for a categorical regressor (is it an id or a text column?)", t.file, name, maxLevels)
			}
			seen[lv] = true
		}
	}
	return r, nil
}

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

// missing reports whether row i has no value.
func (r *regressor) missing(i int) bool {
	if r.levels != nil {
		return r.levels[i] == ""
	}
	return math.IsNaN(r.values[i])
}

// terms returns the number of coefficients the regressor takes over the
// rows in use: 1, or the number of values of a category less one.
func (r *regressor) terms(use []bool) int {
	if r.levels == nil {
		return 1
	}
	seen := map[string]bool{}
	for i, lv := range r.levels {
		if use[i] {
			seen[lv] = true
		}
	}
	return max(len(seen)-1, 1)
}

// columns returns the regressor's columns of the design over all rows of
// the table, NaN on the rows not in use, and their names: the numbers
// themselves, or one 0/1 dummy per value of a category but the first in
// sorted order, the values counted on the rows in use. A category needs 2
// values; a value on a single row is an error (its row would be fitted
// exactly and have no standard error: stats.ErrLeverage).
func (r *regressor) columns(t *carTable, use []bool) ([][]float64, []string, error) {
	n := len(use)
	if r.levels == nil {
		col := make([]float64, n)
		first, varies := -1, false
		for i := range col {
			col[i] = math.NaN()
			if use[i] {
				col[i] = r.values[i]
				if first < 0 {
					first = i
				}
				varies = varies || col[i] != col[first]
			}
		}
		if first >= 0 && !varies {
			return nil, nil, fmt.Errorf("%s: column %q has the single value %s on the %d rows used: a characteristic with no variance across the rows cannot be told from the intercept; leave it out",
				t.file, r.name, strings.TrimSpace(t.rows[first][r.col]), countTrue(use))
		}
		return [][]float64{col}, []string{r.name}, nil
	}
	count, firstRow := map[string]int{}, map[string]int{}
	var levels []string
	for i, lv := range r.levels {
		if !use[i] {
			continue
		}
		if count[lv] == 0 {
			levels = append(levels, lv)
			firstRow[lv] = i
		}
		count[lv]++
	}
	slices.Sort(levels)
	if len(levels) < 2 {
		return nil, nil, fmt.Errorf("%s: column %q has %d distinct values on the rows used, a categorical regressor needs 2", t.file, r.name, len(levels))
	}
	var single []string
	for _, lv := range levels {
		if count[lv] == 1 {
			single = append(single, fmt.Sprintf("%q (line %d)", lv, t.lines[firstRow[lv]]))
		}
	}
	if len(single) > 0 {
		shown, more := single, ""
		if len(shown) > 3 {
			shown, more = shown[:3], fmt.Sprintf(" and %d more", len(single)-3)
		}
		what := fmt.Sprintf("value %s has a single row", single[0])
		if len(single) > 1 {
			what = fmt.Sprintf("%d of its %d values have a single row (%s%s)", len(single), len(levels), strings.Join(shown, ", "), more)
		}
		return nil, nil, fmt.Errorf("%s: column %q: %s; a category of one row is fitted exactly and has no standard error: merge the rare values or leave the column out",
			t.file, r.name, what)
	}
	var cols [][]float64
	var names []string
	for _, lv := range levels[1:] {
		col := make([]float64, n)
		for i, v := range r.levels {
			switch {
			case !use[i]:
				col[i] = math.NaN()
			case v == lv:
				col[i] = 1
			}
		}
		cols = append(cols, col)
		names = append(names, r.name+"="+lv)
	}
	return cols, names, nil
}

// clusterColumn is a column whose values cluster the errors: each row's
// value as text, trimmed of spaces.
type clusterColumn struct {
	name   string
	col    int
	labels []string
}

func (t *carTable) clusterColumn(name string) (*clusterColumn, error) {
	c, err := t.column(name)
	if err != nil {
		return nil, err
	}
	cc := &clusterColumn{name: name, col: c, labels: make([]string, len(t.rows))}
	for i, rec := range t.rows {
		cc.labels[i] = strings.TrimSpace(rec[c])
	}
	return cc, nil
}

// check refuses a cluster column with an empty value on a row in use
// (listing up to 5 of them) or with a single value over the rows in use.
func (c *clusterColumn) check(t *carTable, use []bool) error {
	var empty []int
	values := map[string]bool{}
	first := ""
	for i, lv := range c.labels {
		if !use[i] {
			continue
		}
		if lv == "" {
			empty = append(empty, i)
			continue
		}
		if len(values) == 0 {
			first = lv
		}
		values[lv] = true
	}
	if len(empty) > 0 {
		var lines []string
		for _, i := range empty[:min(len(empty), 5)] {
			lines = append(lines, strconv.Itoa(t.lines[i]))
		}
		more := ""
		if len(empty) > 5 {
			more = fmt.Sprintf(" and %d more", len(empty)-5)
		}
		return fmt.Errorf("%s: --cluster %s: %d rows in use have no value (lines %s%s): each row needs its cluster; fill them, or empty y on those rows to leave them out",
			t.cellAt(empty[0], c.col), c.name, len(empty), strings.Join(lines, ", "), more)
	}
	if len(values) < 2 {
		return fmt.Errorf("%s: --cluster %s: the column has the single value %q over the %d rows in use: clustering needs at least 2 clusters",
			t.file, c.name, first, countTrue(use))
	}
	return nil
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}
