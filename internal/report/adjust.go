package report

import (
	"math"

	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// FamilyNote states the family of tests over which tests.csv's p_holm and
// p_bh are adjusted (summary.json's "multiple_testing").
const FamilyNote = "p_holm (Holm 1979) and p_bh (Benjamini & Hochberg 1995) adjust p_value over one family: " +
	"every window-scope row with a p-value of the study (each window x each test, the bootstrap included) " +
	"and, with --group, of every group's tests.csv; day-scope rows, n/a rows and group_tests.csv are not in it " +
	"and their p_holm and p_bh are empty; with several models (--model a,b) each model is its own family"

// studyTestRecords returns the records of tests.csv and of each group's
// tests.csv, with p_holm and p_bh adjusted over the family FamilyNote
// states. The family is the study's claims: a reader of a study makes one
// claim per window and test (of the whole sample or of a group); the
// day-scope rows describe the path of the AAR, dozens of days that no one
// reads as separate hypotheses, and would swamp the adjustment (and
// double-count a one-day window that is also a tested day).
func studyTestRecords(res *study.Result) (all []testRecord, groups [][]testRecord) {
	all = testRecords(res.Days, res.Windows)
	groups = make([][]testRecord, len(res.Groups))
	for i, g := range res.Groups {
		groups[i] = testRecords(g.Days, g.Windows)
	}
	adjustRecords(append([][]testRecord{all}, groups...)...)
	return all, groups
}

// adjustRecords sets PHolm and PBH of the window-scope records with a
// p-value, adjusted together across all of sets, and leaves the others
// NaN.
func adjustRecords(sets ...[]testRecord) {
	var p []float64
	var at []*testRecord
	for _, recs := range sets {
		for i := range recs {
			r := &recs[i]
			r.PHolm, r.PBH = Float(math.NaN()), Float(math.NaN())
			if r.Scope == "window" && !math.IsNaN(float64(r.PValue)) {
				p = append(p, float64(r.PValue))
				at = append(at, r)
			}
		}
	}
	holm, bh := stats.Holm(p), stats.BenjaminiHochberg(p)
	for k, r := range at {
		r.PHolm, r.PBH = Float(holm[k]), Float(bh[k])
	}
}
