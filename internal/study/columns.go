package study

import (
	"fmt"
	"slices"
	"strings"
)

// CARColumns are the per-event columns that the reports write before the
// event list's own (car.csv and the workbook's car sheet; report's
// TestCARColumns keeps the two lists in step).
var CARColumns = []string{"event_id", "ticker", "market", "event_date", "day0", "from", "to", "car", "car_t", "car_p", "sq_p", "df", "bhar", "n_est", "confounded", "confounded_with", "sq_note"}

// reservedColumns are the names an event-list column is not written under:
// CARColumns, and the abnormal-return measures of the other tables (ar.csv,
// aar.csv), which a column of car.csv would be mistaken for.
var reservedColumns = append(slices.Clone(CARColumns), "ar", "sar", "aar", "caar")

// outputNames returns the names under which the event list's extra
// columns are written, and a warning for each renamed one. A column named
// like one of reservedColumns (case and surrounding spaces aside) would
// write a second "car" into car.csv, and 'eventstudy regress --x car'
// would regress the CAR on itself: it is written as "event_" + its name
// (with _2, _3, ... until the name is free). So is a second column of the
// same name. The event list keeps its names: --group refers to them.
func outputNames(extra []string) (names, warnings []string) {
	taken := map[string]bool{}
	for _, c := range reservedColumns {
		taken[c] = true
	}
	key := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	names = slices.Clone(extra)
	clash := make([]bool, len(extra))
	for i, x := range extra {
		if taken[key(x)] {
			clash[i] = true
			continue
		}
		taken[key(x)] = true
	}
	for i, x := range extra {
		if !clash[i] {
			continue
		}
		base := "event_" + strings.TrimSpace(x)
		name := base
		for k := 2; taken[key(name)]; k++ {
			name = fmt.Sprintf("%s_%d", base, k)
		}
		taken[key(name)] = true
		names[i] = name
		why := fmt.Sprintf("%q is a column eventstudy writes", strings.TrimSpace(x))
		if !slices.Contains(reservedColumns, key(x)) {
			why = "an earlier column has that name"
		}
		warnings = append(warnings, fmt.Sprintf("event-list column %q is written as %q in car.csv, the workbook and the report: %s", x, name, why))
	}
	return names, warnings
}
