package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/eventstudy/eventstudy/internal/study"
)

// TestCARColumns checks that car.csv begins with study.CARColumns, the
// names that an event-list column is renamed away from (so that car.csv
// never has two columns of one name).
func TestCARColumns(t *testing.T) {
	var b bytes.Buffer
	if err := writeCAR(&b, &study.Result{Extra: []string{"event_car"}}, csvOptions{}); err != nil {
		t.Fatal(err)
	}
	header, err := csv.NewReader(&b).Read()
	if err != nil {
		t.Fatal(err)
	}
	if want := append(slices.Clone(study.CARColumns), "event_car"); !slices.Equal(header, want) {
		t.Errorf("car.csv header %q, want %q: keep study.CARColumns in step with writeCAR", header, want)
	}
}
