package stats

import "errors"

// Data conditions reported by [FitModel] and [Analyze]. They are wrapped with
// context; test for them with errors.Is.
var (
	// ErrShortEstimation: the estimation window holds fewer usable returns
	// than required.
	ErrShortEstimation = errors.New("too few estimation returns")
	// ErrSingular: the market model cannot be fitted because the market
	// returns are constant over the estimation window.
	ErrSingular = errors.New("constant market returns")
	// ErrInfinite: a return is +Inf or -Inf (for example from a zero
	// price). NaN marks a missing return; an infinite one is bad data.
	ErrInfinite = errors.New("infinite return")
)
