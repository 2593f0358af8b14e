package report

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/chart"
)

func TestWriteChartsWith(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	tests := []struct {
		name   string
		groups func(i int) string
		n      int
		want   []string // files in charts/
	}{
		{"two groups", func(i int) string { return []string{"up", "down"}[i%2] }, 24, []string{
			"caar-groups.pdf", "caar-groups.png", "caar.pdf", "caar.png",
			"car-hist--2_2.pdf", "car-hist--2_2.png", "car-hist-0_0.pdf", "car-hist-0_0.png",
		}},
		// A group of fewer than 10 events is left out of caar-groups,
		// which needs two groups.
		{"one small group", func(i int) string { return map[bool]string{true: "few", false: "many"}[i%8 == 0] }, 24, []string{
			"caar.pdf", "caar.png",
			"car-hist--2_2.pdf", "car-hist--2_2.png", "car-hist-0_0.pdf", "car-hist-0_0.png",
		}},
		// Fewer than 10 events: no histograms and no group of 10 (but
		// event charts, left out of the comparison here).
		{"nine events", func(i int) string { return []string{"up", "down"}[i%2] }, 9, []string{
			"caar.pdf", "caar.png",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := fx.events(tt.n, []string{"A", "B", "C"}, []string{"g"}, func(i int) []string { return []string{tt.groups(i)} })
			res := fx.run(t, list, "MKT", "g", 0)
			dir := t.TempDir()
			opts := ChartOptions{Style: chart.Paper, Formats: []chart.Format{chart.FormatPNG, chart.FormatPDF}}
			if err := WriteChartsWith(dir, res, "test", opts); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(filepath.Join(dir, "charts"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				if n := e.Name(); !strings.HasPrefix(n, "event-") && !strings.HasPrefix(n, "prices-") {
					got = append(got, n)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("charts/ holds %q, want %q", got, tt.want)
			}
		})
	}
}

// TestPriceChartsOnlyFromPrices: a study of up to 10 events draws each
// event's prices, but not from a file of returns (--values returns or
// log-returns), whose values are no prices to rebase; the event charts are
// drawn either way.
func TestPriceChartsOnlyFromPrices(t *testing.T) {
	for _, tt := range []struct {
		name    string
		returns bool
		want    []string
	}{
		{"prices", false, []string{"event-EAa.png", "event-EBa.png", "prices-EAa.png", "prices-EBa.png"}},
		{"returns", true, []string{"event-EAa.png", "event-EBa.png"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture("MKT", "A")
			if tt.returns {
				// The fixture's prices as returns: the first is missing,
				// and some are negative, as no price is.
				for _, s := range fx.series {
					r := make([]float64, len(s.Values))
					r[0] = math.NaN()
					for i := 1; i < len(r); i++ {
						r[i] = s.Values[i]/s.Values[i-1] - 1
					}
					s.Values, s.IsReturn = r, true
				}
			}
			res := fx.run(t, fx.events(2, []string{"A"}, nil, nil), "MKT", "", 0)
			if len(res.Events) != 2 {
				t.Fatalf("%d events computed, want 2", len(res.Events))
			}
			dir := t.TempDir()
			if err := WriteChartsWith(dir, res, "test", ChartOptions{Formats: []chart.Format{chart.FormatPNG}}); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(filepath.Join(dir, "charts"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				if n := e.Name(); strings.HasPrefix(n, "event-") || strings.HasPrefix(n, "prices-") {
					got = append(got, n)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("charts/ holds %q, want %q", got, tt.want)
			}
		})
	}
}
