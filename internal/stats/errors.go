package stats

import "errors"

// Data conditions reported by [FitModel], [FitFactors], [FitDimson],
// [Analyze], [Regress] and [RegressClustered]. They are wrapped with
// context; test for them with errors.Is.
var (
	// ErrShortEstimation: the estimation window holds fewer usable returns
	// than required.
	ErrShortEstimation = errors.New("too few estimation returns")
	// ErrSingular: the model cannot be fitted because its design is
	// singular: constant market returns over the estimation window (the
	// error's text), or constant or collinear regressors (a factor model,
	// Dimson, Regress; those errors carry their own text and match
	// ErrSingular with errors.Is).
	ErrSingular = errors.New("constant market returns")
	// ErrInfinite: a return is +Inf or -Inf (for example from a zero
	// price). NaN marks a missing return; an infinite one is bad data.
	ErrInfinite = errors.New("infinite return")
	// ErrShortSample: a regression has too few complete rows.
	ErrShortSample = errors.New("too few observations")
	// ErrLeverage: a row of a regression has leverage 1, so that it is
	// fitted exactly whatever its value (a category of one row, a
	// regressor non-zero on one row only) and the heteroskedasticity-robust
	// standard errors, which read each row's error from its residual, miss
	// its error entirely.
	ErrLeverage = errors.New("a row is fitted exactly (leverage 1)")
	// ErrOneCluster: a cluster dimension of RegressClustered has a single
	// cluster over the rows in use: G/(G-1) is infinite, and one cluster
	// says nothing about the correlation between clusters.
	ErrOneCluster = errors.New("a single cluster")
	// ErrClusterMissing: a row in use has no cluster label.
	ErrClusterMissing = errors.New("no cluster label")
)

// singularError is a singular design other than constant market returns.
// Its text describes the design; errors.Is matches it to ErrSingular (whose
// text, kept for the market model, would misdescribe it).
type singularError string

func (e singularError) Error() string { return string(e) }

// Is reports whether target is ErrSingular.
func (e singularError) Is(target error) bool { return target == ErrSingular }
