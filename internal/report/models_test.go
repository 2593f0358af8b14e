package report

import (
	"testing"

	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// TestOnlySkips: an event skipped by every model is no model's own skip;
// one skipped by some models but computed by another is listed for each
// model that skipped it, with the first such event.
func TestOnlySkips(t *testing.T) {
	skip := func(lines ...int) []study.Skip {
		var s []study.Skip
		for _, l := range lines {
			s = append(s, study.Skip{Line: l, ID: string(rune('a' + l)), Reason: "r"})
		}
		return s
	}
	runs := []ModelRun{
		{Config: study.Config{Model: stats.MarketModel}, Skipped: skip(2, 9)},
		{Config: study.Config{Model: stats.FF3}, Skipped: skip(2, 5, 7, 9)},
		{Config: study.Config{Model: stats.Carhart}, Skipped: skip(2, 7, 9)},
	}
	got := onlySkips(runs)
	want := []modelSkips{{model: "ff3", n: 2}, {model: "carhart", n: 1}} // lines 5 and 7; line 7
	firstLine := []int{5, 7}
	if len(got) != len(want) {
		t.Fatalf("onlySkips: %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].model != want[i].model || got[i].n != want[i].n || got[i].first.Line != firstLine[i] {
			t.Errorf("onlySkips[%d] = %s %d first line %d, want %s %d first line %d",
				i, got[i].model, got[i].n, got[i].first.Line, want[i].model, want[i].n, firstLine[i])
		}
	}
}
