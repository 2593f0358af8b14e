package study

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// factorNames lists, per factor model, the columns it regresses on, each with
// the spellings accepted in a factor file (Ken French names momentum Mom;
// others use UMD or WML).
var factorNames = map[stats.Model][][]string{
	stats.FF3:     {{"Mkt-RF"}, {"SMB"}, {"HML"}},
	stats.Carhart: {{"Mkt-RF"}, {"SMB"}, {"HML"}, {"Mom", "UMD", "WML"}},
	stats.FF5:     {{"Mkt-RF"}, {"SMB"}, {"HML"}, {"RMW"}, {"CMA"}},
}

// IsFactorModel reports whether m regresses on the columns of a factor file.
func IsFactorModel(m stats.Model) bool {
	return m == stats.FF3 || m == stats.Carhart || m == stats.FF5 || m == stats.Factors
}

// factorTable is a factor file indexed by date: row[d - first] is the row of
// date d, or -1.
type factorTable struct {
	f     *prices.Factors
	cols  []int // the columns of f.Values the model uses, in its order
	first prices.Date
	row   []int32
}

// factorCols returns the columns of f that model m regresses on, in its
// order.
func factorCols(m stats.Model, f *prices.Factors) ([]int, error) {
	var cols []int
	if m == stats.Factors {
		for j := range f.Names {
			cols = append(cols, j)
		}
		return cols, nil
	}
	for _, spellings := range factorNames[m] {
		j := slices.IndexFunc(f.Names, func(n string) bool {
			return slices.ContainsFunc(spellings, func(s string) bool { return strings.EqualFold(s, n) })
		})
		if j < 0 {
			return nil, fmt.Errorf("the %s model needs a factor %s, which %s does not have (it has %s); give the files that hold it with --factors, e.g. the momentum file for carhart",
				m, strings.Join(spellings, " or "), f.File, strings.Join(f.Names, ", "))
		}
		cols = append(cols, j)
	}
	return cols, nil
}

// newFactorTable picks the model's columns of f and indexes its dates.
func newFactorTable(m stats.Model, f *prices.Factors) (*factorTable, error) {
	t := &factorTable{f: f}
	var err error
	if t.cols, err = factorCols(m, f); err != nil {
		return nil, err
	}
	if len(t.cols) == 0 {
		return nil, fmt.Errorf("%s has no factor columns", f.File)
	}
	if f.RF == nil {
		return nil, fmt.Errorf("%s has no RF column: factor models regress excess returns R - RF", f.File)
	}
	if len(f.Dates) == 0 {
		return nil, fmt.Errorf("%s has no dates", f.File)
	}
	t.first = f.Dates[0]
	t.row = make([]int32, int(f.Dates[len(f.Dates)-1]-t.first)+1)
	for i := range t.row {
		t.row[i] = -1
	}
	for i, d := range f.Dates {
		t.row[d-t.first] = int32(i)
	}
	return t, nil
}

func (t *factorTable) at(d prices.Date) int {
	i := int(d) - int(t.first)
	if d == 0 || i < 0 || i >= len(t.row) {
		return -1
	}
	return int(t.row[i])
}

// covers reports whether d lies within the factor file's first and last
// dates (a date it lacks there is a hole, not beyond its end).
func (t *factorTable) covers(d prices.Date) bool {
	return len(t.f.Dates) > 0 && d >= t.f.Dates[0] && d <= t.f.Dates[len(t.f.Dates)-1]
}

func (t *factorTable) span() string {
	return fmt.Sprintf("%s..%s", t.f.Dates[0], t.f.Dates[len(t.f.Dates)-1])
}

// excess turns the aligned returns into excess returns R - RF and returns
// the regressors on the same grid (NaN where the factor file has no row).
func (t *factorTable) excess(a *prices.Aligned) [][]float64 {
	x := make([][]float64, len(t.cols))
	for j := range x {
		x[j] = make([]float64, len(a.Dates))
	}
	for k, d := range a.Dates {
		i := t.at(d)
		if i < 0 {
			a.R[k] = math.NaN()
			for j := range x {
				x[j][k] = math.NaN()
			}
			continue
		}
		a.R[k] -= t.f.RF[i]
		for j, c := range t.cols {
			x[j][k] = t.f.Values[c][i]
		}
	}
	return x
}

// Regressors names the factor-file columns a factor model regresses on, in
// the order of Fit.Coef's slopes; nil for the other models.
func (c Config) Regressors() []string {
	if !IsFactorModel(c.Model) || c.Factors == nil {
		return nil
	}
	cols, err := factorCols(c.Model, c.Factors)
	if err != nil {
		return nil // Run failed on it already
	}
	names := make([]string, len(cols))
	for i, j := range cols {
		names[i] = c.Factors.Names[j]
	}
	return names
}
