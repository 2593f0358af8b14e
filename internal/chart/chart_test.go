package chart

import (
	"os"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"
)

// The golden images are regenerated with
//
//	go test ./internal/chart -regen
//
// (the -regen flag is cmpimg.GenerateTestData, defined by cmpimg).

const (
	figWidth  = 8 * vg.Inch
	figHeight = 4.5 * vg.Inch
)

// checkGolden saves the plot built by build as testdata/name and compares
// the PNG with testdata/name_golden.png.
func checkGolden(t *testing.T, name string, build func() (*plot.Plot, error)) {
	t.Helper()
	t.Cleanup(func() {
		os.Remove("testdata/" + name + ".png") // renamed to the golden file with -regen
		os.Remove("testdata/" + name + ".svg")
	})
	cmpimg.CheckPlot(func() {
		p, err := build()
		if err != nil {
			t.Fatal(err)
		}
		if err := Save(p, figWidth, figHeight, "testdata/"+name); err != nil {
			t.Fatal(err)
		}
	}, t, name+".png")
}

// goldenName is the name of a figure's golden image in a style: "caar"
// for Default, "caar_paper" for Paper.
func goldenName(fig string, s Style) string {
	if s == Default {
		return fig
	}
	return fig + "_" + s.String()
}

func TestGolden(t *testing.T) {
	figures := []struct {
		name  string
		build func(Style) (*plot.Plot, error)
	}{
		{"caar", func(s Style) (*plot.Plot, error) { c := caarData(); c.Style = s; return CAAR(c) }},
		{"event", func(s Style) (*plot.Plot, error) { c := eventData(); c.Style = s; return Event(c) }},
		{"prices", func(s Style) (*plot.Plot, error) { c := priceData(); c.Style = s; return Prices(c) }},
		{"groups", func(s Style) (*plot.Plot, error) { c := groupsData(); c.Style = s; return Groups(c) }},
		{"hist", func(s Style) (*plot.Plot, error) { c := histData(); c.Style = s; return Histogram(c) }},
		{"intraday", func(s Style) (*plot.Plot, error) { c := intradayData(); c.Style = s; return IntradayPath(c) }},
		{"intraday_overnight", func(s Style) (*plot.Plot, error) { c := overnightData(); c.Style = s; return IntradayPath(c) }},
		{"intraday_preopen", func(s Style) (*plot.Plot, error) { c := preopenData(); c.Style = s; return IntradayPath(c) }},
		{"caar_minutes", func(s Style) (*plot.Plot, error) { c := minuteCAARData(); c.Style = s; return MinuteCAAR(c) }},
	}
	for _, f := range figures {
		for _, s := range []Style{Default, Paper} {
			name := goldenName(f.name, s)
			t.Run(name, func(t *testing.T) {
				checkGolden(t, name, func() (*plot.Plot, error) { return f.build(s) })
			})
		}
	}
}
