package study

import (
	"slices"
	"testing"
)

func TestOutputNames(t *testing.T) {
	for _, tc := range []struct {
		extra, want []string
		warnings    int
	}{
		{nil, nil, 0},
		{[]string{"size", "news"}, []string{"size", "news"}, 0},
		{[]string{"car", "size"}, []string{"event_car", "size"}, 1},
		// Case and spaces aside; a free name is kept, a taken one gets _2.
		{[]string{" CAR ", "event_car", "ar"}, []string{"event_CAR_2", "event_car", "event_ar"}, 2},
		{[]string{"car_t", "Ticker", "size", "size"}, []string{"event_car_t", "event_Ticker", "size", "event_size"}, 3},
	} {
		got, warn := outputNames(tc.extra)
		if !slices.Equal(got, tc.want) || len(warn) != tc.warnings {
			t.Errorf("outputNames(%q) = %q, %q; want %q and %d warnings", tc.extra, got, warn, tc.want, tc.warnings)
		}
	}
	_, warn := outputNames([]string{"car"})
	if want := `event-list column "car" is written as "event_car" in car.csv, the workbook and the report: "car" is a column eventstudy writes`; len(warn) != 1 || warn[0] != want {
		t.Errorf("warning %q, want %q", warn, want)
	}
}
