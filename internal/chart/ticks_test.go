package chart

import (
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
)

// labels returns the labels of the major ticks.
func labels(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if !t.IsMinor() {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestPercentTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{-0.021, 0.013, []string{"-2%", "-1%", "0%", "1%"}},
		{-0.012, 0.039, []string{"-1%", "0%", "1%", "2%", "3%"}},
		{-0.004, 0.011, []string{"0.0%", "0.5%", "1.0%"}},
		{-0.12, 0.075, []string{"-10%", "-5%", "0%", "5%"}},
		{0.001, 0.0049, []string{"0.1%", "0.2%", "0.3%", "0.4%"}},
		{-0.3, 0.6, []string{"-20%", "0%", "20%", "40%", "60%"}},
		{-0.003, 0.04, []string{"0%", "1%", "2%", "3%", "4%"}},
		{-0.0056, 0.0426, []string{"0%", "1%", "2%", "3%", "4%"}}, // the same, padded by valueRange
		{0.5, 0.9, []string{"50%", "60%", "70%", "80%", "90%"}},
		{0.005, 0.009, []string{"0.5%", "0.6%", "0.7%", "0.8%", "0.9%"}},
		{-0.0001, 0.0001, []string{"-0.010%", "-0.005%", "0.000%", "0.005%", "0.010%"}},
		{0, 0, nil},
		{1, 0, nil},
	}
	for _, tt := range tests {
		got := labels(valueTicks{percent: true}.Ticks(tt.lo, tt.hi))
		if !slices.Equal(got, tt.want) {
			t.Errorf("percent ticks(%g, %g) = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestNumberTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{86, 141, []string{"90", "100", "110", "120", "130", "140"}},
		{89, 104, []string{"90", "95", "100"}},
		{99.5, 100.5, []string{"99.6", "99.8", "100.0", "100.2", "100.4"}},
		{0.5, 0.9, []string{"0.5", "0.6", "0.7", "0.8", "0.9"}},
		{-0.3, 4, []string{"0", "1", "2", "3", "4"}},
	}
	for _, tt := range tests {
		got := labels(valueTicks{}.Ticks(tt.lo, tt.hi))
		if !slices.Equal(got, tt.want) {
			t.Errorf("number ticks(%g, %g) = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestDayTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
		minor  int
	}{
		{-5.8, 5.8, []string{"-5", "-4", "-3", "-2", "-1", "0", "1", "2", "3", "4", "5"}, 0},
		{-10.8, 10.8, []string{"-10", "-8", "-6", "-4", "-2", "0", "2", "4", "6", "8", "10"}, 10},
		{-20.8, 20.8, []string{"-20", "-15", "-10", "-5", "0", "5", "10", "15", "20"}, 32},
		{-0.8, 0.8, []string{"0"}, 0},
		{-250.8, 10.8, []string{"-250", "-200", "-150", "-100", "-50", "0"}, 0},
		{-1e9, 1e9, []string{"-1000000000", "-800000000", "-600000000", "-400000000", "-200000000", "0",
			"200000000", "400000000", "600000000", "800000000", "1000000000"}, 0},
	}
	for _, tt := range tests {
		ticks := dayTicks{}.Ticks(tt.lo, tt.hi)
		if got := labels(ticks); !slices.Equal(got, tt.want) {
			t.Errorf("dayTicks(%g, %g) = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
		if minor := len(ticks) - len(tt.want); minor != tt.minor {
			t.Errorf("dayTicks(%g, %g): %d minor ticks, want %d", tt.lo, tt.hi, minor, tt.minor)
		}
	}
}

func TestDateTicks(t *testing.T) {
	start := time.Date(2023, time.January, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		dates []time.Time
		want  []string
	}{
		{"291 trading days", weekdays(start, 291),
			[]string{"Mar 2023", "May 2023", "Jul 2023", "Sep 2023", "Nov 2023", "Jan 2024"}},
		{"25 trading days", weekdays(time.Date(2024, time.March, 4, 0, 0, 0, 0, time.UTC), 25),
			[]string{"11 Mar 2024", "18 Mar 2024", "25 Mar 2024", "1 Apr 2024"}},
		{"three days", weekdays(time.Date(2024, time.March, 5, 0, 0, 0, 0, time.UTC), 3),
			[]string{"5 Mar 2024", "7 Mar 2024"}},
		{"one day", weekdays(start, 1), []string{"2 Jan 2023"}},
		{"ten years", weekdays(start, 2610),
			[]string{"2024", "2026", "2028", "2030", "2032"}},
	}
	for _, tt := range tests {
		ticks := dateTicks(tt.dates, maxDateTicks)
		if got := labels(ticks); !slices.Equal(got, tt.want) {
			t.Errorf("%s: dateTicks = %q, want %q", tt.name, got, tt.want)
		}
		for _, tk := range ticks {
			if tk.Value < 0 || int(tk.Value) >= len(tt.dates) {
				t.Errorf("%s: tick at %g is outside the %d dates", tt.name, tk.Value, len(tt.dates))
			}
		}
	}
}

func TestCountTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 76.3, []string{"0", "20", "40", "60"}},
		{0, 1.06, []string{"0", "1"}},
		{0, 3.2, []string{"0", "1", "2", "3"}},
		{0, 5300, []string{"0", "1000", "2000", "3000", "4000", "5000"}},
		{0, 0, nil},
	}
	for _, tt := range tests {
		got := labels(countTicks{}.Ticks(tt.lo, tt.hi))
		if !slices.Equal(got, tt.want) {
			t.Errorf("countTicks(%g, %g) = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestMeasureAxes: figures of abnormal log(1+volume) name it on the value
// axis and mark plain numbers (log ratios are not percentages); returns
// keep their percent axes.
func TestMeasureAxes(t *testing.T) {
	days := []int{-1, 0, 1}
	v := []float64{0.2, 0.9, 0.4}
	lo, hi := []float64{-0.5, 0.1, 0.2}, []float64{0.9, 1.7, 2.1}
	for _, tt := range []struct {
		m           Measure
		caar, event string
		hist        string
		tick        string // the label of the tick at 1 (100%)
	}{
		{Returns, "Abnormal return", "Abnormal return", "Cumulative abnormal return", "100%"},
		{LogVolume, "Abnormal log(1+volume)", "Abnormal log(1+volume)", "Cumulative abnormal log(1+volume)", "1.0"},
	} {
		c, err := CAAR(CAARChart{Days: days, AAR: v, CAAR: v, Lo: lo, Hi: hi, Measure: tt.m})
		if err != nil {
			t.Fatal(err)
		}
		e, err := Event(EventChart{Days: days, AR: v, CAR: v, Lo: lo, Hi: hi, Measure: tt.m})
		if err != nil {
			t.Fatal(err)
		}
		g, err := Groups(GroupsChart{Days: days, Series: []GroupSeries{{Name: "a", CAAR: v, Lo: lo, Hi: hi}}, Measure: tt.m})
		if err != nil {
			t.Fatal(err)
		}
		h, err := Histogram(HistChart{Values: v, Measure: tt.m})
		if err != nil {
			t.Fatal(err)
		}
		for _, ax := range []struct {
			name, got, want string
			ticks           []string
		}{
			{"caar", c.Y.Label.Text, tt.caar, labels(c.Y.Tick.Marker.Ticks(0, 1))},
			{"event", e.Y.Label.Text, tt.event, labels(e.Y.Tick.Marker.Ticks(0, 1))},
			{"groups", g.Y.Label.Text, "Cumulative average " + strings.ToLower(tt.caar), labels(g.Y.Tick.Marker.Ticks(0, 1))},
			{"hist", h.X.Label.Text, tt.hist, labels(h.X.Tick.Marker.Ticks(0, 1))},
		} {
			if ax.got != ax.want {
				t.Errorf("%v %s: axis %q, want %q", tt.m, ax.name, ax.got, ax.want)
			}
			if ax.ticks[len(ax.ticks)-1] != tt.tick {
				t.Errorf("%v %s: ticks %q, want the last %q", tt.m, ax.name, ax.ticks, tt.tick)
			}
		}
	}
}
