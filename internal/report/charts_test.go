package report

import (
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
