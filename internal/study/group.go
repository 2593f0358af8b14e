package study

import (
	"fmt"
	"slices"

	"github.com/eventstudy/eventstudy/internal/prices"
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

// MaxGroups bounds the groups of --group. Each pair of groups is tested on
// every window, and each group gets its own tables and charts: G groups cost
// G(G-1)/2 tests a window, quadratic in the events when the column holds
// one value an event (an id or a date given by mistake). 50 groups (1,225
// pairs) is more than any split of a study into news types, industries or
// countries needs.
const MaxGroups = 50

// CheckGroups returns an error when the events hold more than MaxGroups
// distinct values of column col of Extra, before any is computed.
func CheckGroups(name string, col int, events []prices.Event) error {
	seen := map[string]bool{}
	for _, e := range events {
		if col < len(e.Extra) {
			seen[e.Extra[col]] = true
		}
		if len(seen) > MaxGroups {
			return fmt.Errorf("--group %s: more than %d distinct values (is it an id or a date column?)", name, MaxGroups)
		}
	}
	return nil
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
		name := groupName(e.Extra[col])
		g := byName[name]
		if g == nil {
			if len(byName) == MaxGroups {
				return fmt.Errorf("--group %s: more than %d distinct values (is it an id or a date column?)", res.Config.Group, MaxGroups)
			}
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
		var sums *stats.CrossSums
		if res.groupSums != nil {
			sums = res.groupSums[n] // slimmed events (computeSlim)
		}
		g.Days, g.Windows = crossSection(res.Config, g.Events, sums, res.store)
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

// groupName is the name of the group of an event whose group column
// holds v.
func groupName(v string) string {
	if v == "" {
		return "(empty)"
	}
	return v
}

// cars returns the events' CARs over their k-th window.
func cars(events []*Event, k int) []float64 {
	out := make([]float64, len(events))
	for i, e := range events {
		out[i] = e.Windows[k].CAR
	}
	return out
}
