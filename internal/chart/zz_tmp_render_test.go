package chart

import (
	"math"
	"testing"
	"time"

	"gonum.org/v1/plot"
)

func TestTmpRender(t *testing.T) {
	neg := func() (*plot.Plot, error) {
		c := CAARChart{Title: "CAAR, negative drift -20..20", Subtitle: "band: 95% CI"}
		cum := 0.0
		for d := -20; d <= 20; d++ {
			a := -0.001 - 0.0005*math.Sin(float64(d))
			cum += a
			c.Days = append(c.Days, d)
			c.AAR = append(c.AAR, a)
			c.CAAR = append(c.CAAR, cum)
			c.Lo = append(c.Lo, cum-0.004)
			c.Hi = append(c.Hi, cum+0.004)
		}
		return CAAR(c)
	}
	one := func() (*plot.Plot, error) {
		return Event(EventChart{Title: "one day", Days: []int{0}, AR: []float64{0.012}, CAR: []float64{0.012}, Lo: []float64{0.002}, Hi: []float64{0.022}})
	}
	short := func() (*plot.Plot, error) {
		c := priceData()
		c.Dates = weekdays(time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), 25)
		c.Security, c.Market = c.Security[250:275], c.Market[250:275]
		c.EstFrom, c.EstTo, c.EventFrom, c.EventTo, c.Day0 = 0, 9, 12, 22, 17
		c.Subtitle = ""
		return Prices(c)
	}
	long := func() (*plot.Plot, error) {
		c := priceData()
		c.Dates = nil
		for i := range c.Security {
			c.Dates = append(c.Dates, time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 9*i))
		}
		return Prices(c)
	}
	for name, build := range map[string]func() (*plot.Plot, error){
		"caar":   func() (*plot.Plot, error) { return CAAR(caarData()) },
		"event":  func() (*plot.Plot, error) { return Event(eventData()) },
		"prices": func() (*plot.Plot, error) { return Prices(priceData()) },
		"x-neg":  neg, "x-one": one, "x-short": short, "x-long": long,
	} {
		p, err := build()
		if err != nil {
			t.Fatal(err)
		}
		if err := Save(p, figWidth, figHeight, "/tmp/chart-"+name); err != nil {
			t.Fatal(err)
		}
	}
}
