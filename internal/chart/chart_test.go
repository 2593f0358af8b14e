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

func TestCAARGolden(t *testing.T) {
	checkGolden(t, "caar", func() (*plot.Plot, error) { return CAAR(caarData()) })
}

func TestEventGolden(t *testing.T) {
	checkGolden(t, "event", func() (*plot.Plot, error) { return Event(eventData()) })
}

func TestPricesGolden(t *testing.T) {
	checkGolden(t, "prices", func() (*plot.Plot, error) { return Prices(priceData()) })
}
