package eventlist

import "errors"

// ErrNoEvents is the error of a builder that found no event at all: no date
// of the list within any price file, a column empty or zero everywhere, no
// filing of the form and items asked for.
var ErrNoEvents = errors.New("no events")
