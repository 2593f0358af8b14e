package chart

import (
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

// checkGolden renders the plot built by build to testdata/name and
// compares it with testdata/name's golden image.
func checkGolden(t *testing.T, name string, build func() (*plot.Plot, error)) {
	t.Helper()
	cmpimg.CheckPlot(func() {
		p, err := build()
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Save(figWidth, figHeight, "testdata/"+name); err != nil {
			t.Fatal(err)
		}
	}, t, name)
}

func TestCAARGolden(t *testing.T) {
	checkGolden(t, "caar.png", func() (*plot.Plot, error) { return CAAR(caarData()) })
}

func TestEventGolden(t *testing.T) {
	checkGolden(t, "event.png", func() (*plot.Plot, error) { return Event(eventData()) })
}

func TestPricesGolden(t *testing.T) {
	checkGolden(t, "prices.png", func() (*plot.Plot, error) { return Prices(priceData()) })
}
