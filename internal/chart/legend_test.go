package chart

import (
	"math"
	"testing"
)

func TestLegendPlacement(t *testing.T) {
	// A series that rises from 0% to 4% over days -10..10: the top left
	// corner is free.
	rising := func(d int) float64 { return 0.002 * float64(d+10) }
	// Falling from 0% to -4%: the bottom left corner is free, the top is
	// taken by the zero line and the early values.
	falling := func(d int) float64 { return -0.002 * float64(d+10) }
	// A V shape from 2% down to -2% and back: only the bottom corners are
	// free.
	vee := func(d int) float64 { return 0.004*math.Abs(float64(d)) - 0.02 }
	// Filling the whole plot: no corner is free and the top is raised.
	zigzag := func(d int) float64 { return 0.04 * float64((d+10)%2*2-1) }
	tests := []struct {
		name      string
		f         func(int) float64
		top, left bool
		raised    bool
	}{
		{"rising", rising, true, true, false},
		{"falling", falling, false, true, false},
		{"vee", vee, false, true, false},
		{"zigzag", zigzag, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c CAARChart
			for d := -10; d <= 10; d++ {
				v := tt.f(d)
				c.Days = append(c.Days, d)
				c.AAR = append(c.AAR, 0)
				c.CAAR = append(c.CAAR, v)
				c.Lo = append(c.Lo, v-0.001)
				c.Hi = append(c.Hi, v+0.001)
			}
			p, err := CAAR(c)
			if err != nil {
				t.Fatal(err)
			}
			if p.Legend.Top != tt.top || p.Legend.Left != tt.left {
				t.Errorf("legend top=%v left=%v, want top=%v left=%v", p.Legend.Top, p.Legend.Left, tt.top, tt.left)
			}
			_, hi := valueRange(0, c.AAR, c.CAAR, c.Lo, c.Hi)
			if raised := p.Y.Max > hi; raised != tt.raised {
				t.Errorf("y max %g raised above %g: %v, want %v", p.Y.Max, hi, raised, tt.raised)
			}
		})
	}
}
