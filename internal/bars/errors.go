package bars

import "errors"

// ErrDailyFile is returned when a file given as bars holds daily rows.
var ErrDailyFile = errors.New("daily rows, not bars")
