package study

import (
	"fmt"
	"slices"

	"github.com/eventstudy/eventstudy/internal/stats"
)

// Group is the study of the events with one value of the group column.
type Group struct {
	Name    string
	Events  []*Event
	Days    []Day
	Windows []WindowTests
}

// GroupTest compares the CARs of two groups over one window: the Welch t on
// the difference in CAAR and the Wilcoxon rank-sum test.
type GroupTest struct {
	Window stats.Window
	A, B   string
	NA, NB int
	CAARA  float64
	CAARB  float64
	Tests  []stats.Result
}

// splitGroups runs the cross-section of each group of the column named by
// Config.Group (groups in sorted order of their values; an empty value is a
// group of its own, named "(empty)") and tests each pair of groups.
func (res *Result) splitGroups(extra []string) error {
	col := slices.Index(extra, res.Config.Group)
	if col < 0 {
		return fmt.Errorf("--group %s: no such column in the event list (columns: %v)", res.Config.Group, extra)
	}
	byName := map[string]*Group{}
	for _, e := range res.Events {
		name := e.Extra[col]
		if name == "" {
			name = "(empty)"
		}
		g := byName[name]
		if g == nil {
			g = &Group{Name: name}
			byName[name] = g
		}
		g.Events = append(g.Events, e)
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		g := byName[n]
		g.Days, g.Windows = crossSection(res.Config, g.Events)
		res.Groups = append(res.Groups, *g)
	}
	for k, w := range res.Config.Windows {
		for i := range res.Groups {
			for j := i + 1; j < len(res.Groups); j++ {
				a, b := &res.Groups[i], &res.Groups[j]
				ca, cb := cars(a.Events, k), cars(b.Events, k)
				res.GroupTests = append(res.GroupTests, GroupTest{
					Window: w, A: a.Name, B: b.Name, NA: len(ca), NB: len(cb),
					CAARA: a.Windows[k].CAAR, CAARB: b.Windows[k].CAAR,
					Tests: []stats.Result{stats.Welch(ca, cb), stats.RankSum(ca, cb)},
				})
			}
		}
	}
	return nil
}

// cars returns the events' CARs over their k-th window.
func cars(events []*Event, k int) []float64 {
	out := make([]float64, len(events))
	for i, e := range events {
		out[i] = e.Windows[k].CAR
	}
	return out
}
