package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/eventstudy/eventstudy/internal/study"
)

// placeboLevels are the nominal levels of placebo.csv.
var placeboLevels = []float64{0.01, 0.05, 0.10}

// placeboRecord is a row of placebo.csv: the empirical size of one test on
// one tested day or window at one nominal level, over the pseudo-studies
// (study.Placebo). The layout is long, one row per level, as the issue's
// "(test, scope, from, to, level, rejection_rate)" reads.
type placeboRecord struct {
	Test  string `csv:"test"`
	Scope string `csv:"scope"`
	From  int    `csv:"from"`
	To    int    `csv:"to"`
	Level Float  `csv:"level"`
	Rate  Float  `csv:"rejection_rate"`
	N     int    `csv:"replications"`
	MCSE  Float  `csv:"mc_se"`
	Size  string `csv:"size"`
}

// sizeVerdict says whether a rejection rate is off its level: beyond
// three Monte Carlo standard errors sqrt(level (1 - level) / n) of a
// correctly sized test (a false alarm in 0.27% of rows by the normal
// approximation to the binomial).
func sizeVerdict(rate, level float64, n int) (se float64, verdict string) {
	if n == 0 {
		return math.NaN(), ""
	}
	se = math.Sqrt(level * (1 - level) / float64(n))
	switch {
	case rate > level+3*se:
		return se, "over-rejects"
	case rate < level-3*se:
		return se, "under-rejects"
	}
	return se, "ok"
}

func placeboRecords(res *study.Result) []placeboRecord {
	p := res.Placebo
	var out []placeboRecord
	add := func(test, scope string, from, to int, ps []float64) {
		for _, lv := range placeboLevels {
			rate, n := study.RejectionRate(ps, lv)
			se, v := sizeVerdict(rate, lv, n)
			out = append(out, placeboRecord{Test: test, Scope: scope, From: from, To: to, Level: Float(lv), Rate: Float(rate), N: n, MCSE: Float(se), Size: v})
		}
	}
	for j, d := range res.Days {
		for t, r := range d.Tests {
			add(r.Test, "day", d.Day, d.Day, p.DayP[j][t])
		}
	}
	for k, w := range res.Windows {
		for t, r := range w.Tests {
			add(r.Test, "window", w.Window.From, w.Window.To, p.WindowP[k][t])
		}
	}
	return out
}

// placeboTestRecord is a row of tests.csv in a run with --placebo: the
// p_empirical column is study.EmpiricalP of the row's test among the
// pseudo-studies, empty for the bootstrap row.
type placeboTestRecord struct {
	Scope      string `csv:"scope"`
	RelDay     string `csv:"rel_day"`
	From       int    `csv:"from"`
	To         int    `csv:"to"`
	Test       string `csv:"test"`
	Statistic  Float  `csv:"statistic"`
	PValue     Float  `csv:"p_value"`
	PHolm      Float  `csv:"p_holm"`
	PBH        Float  `csv:"p_bh"`
	DF         Float  `csv:"df"`
	N          int    `csv:"n"`
	Note       string `csv:"note"`
	PEmpirical Float  `csv:"p_empirical"`
}

func placeboTestRecords(res *study.Result) []placeboTestRecord {
	recs, _ := studyTestRecords(res)
	out := make([]placeboTestRecord, len(recs))
	i := 0
	next := func(pe float64) {
		r := recs[i]
		out[i] = placeboTestRecord{Scope: r.Scope, RelDay: r.RelDay, From: r.From, To: r.To, Test: r.Test,
			Statistic: r.Statistic, PValue: r.PValue, PHolm: r.PHolm, PBH: r.PBH, DF: r.DF, N: r.N, Note: r.Note, PEmpirical: Float(pe)}
		i++
	}
	p := res.Placebo
	for j, d := range res.Days {
		for t, r := range d.Tests {
			next(study.EmpiricalP(p.DayP[j][t], r.P))
		}
	}
	for k, w := range res.Windows {
		for t, r := range w.Tests {
			next(study.EmpiricalP(p.WindowP[k][t], r.P))
		}
		if w.Boot != nil {
			next(math.NaN())
		}
	}
	return out
}

// writeTests writes tests.csv, with p_empirical when the run has a placebo.
func writeTests(w io.Writer, res *study.Result) error {
	if res.Placebo != nil {
		return marshal(w, placeboTestRecords(res))
	}
	all, _ := studyTestRecords(res)
	return marshal(w, all)
}

type placeboSummary struct {
	Replications int    `json:"replications"`
	Seed         uint64 `json:"seed"`
	DateClusters int    `json:"date_clusters"`
	// ShortClusters have fewer admissible pseudo-dates than replications.
	ShortClusters  int    `json:"short_clusters"`
	FewestDates    int    `json:"fewest_admissible_dates"`
	FewestDrawn    int    `json:"fewest_distinct_drawn"`
	PseudoEvents   int    `json:"pseudo_events_computed"`
	PseudoSkipped  int    `json:"pseudo_events_skipped"`
	MissedDraws    int    `json:"missed_draws"`
	MissedEvents   int    `json:"pseudo_events_without_date"`
	AskedPerStudy  int    `json:"pseudo_events_per_study"`
	EmpiricalPNote string `json:"p_empirical"`
}

const empiricalPNote = "two-sided: (1 + #{placebo p <= real p}) / (K + 1), i.e. (1 + #{|placebo statistic| >= |real statistic|}) / (K + 1) for the statistics centred on 0; K the pseudo-studies where the test has a p"

func placeboSummaryOf(res *study.Result) *placeboSummary {
	p := res.Placebo
	if p == nil {
		return nil
	}
	s := &placeboSummary{Replications: p.K, Seed: p.Seed, DateClusters: p.Clusters, ShortClusters: p.Short,
		PseudoSkipped: p.Skipped, MissedDraws: p.Missed, MissedEvents: p.MissedEvents, AskedPerStudy: p.Asked, EmpiricalPNote: empiricalPNote}
	if len(p.Admissible) > 0 {
		s.FewestDates, s.FewestDrawn = p.Admissible[p.Fewest], p.FewestDrawn
	}
	for _, n := range p.Computed {
		s.PseudoEvents += n
	}
	return s
}

// placeboText is the summary's line on the placebo: where the sizes are,
// and the windows' tests whose 5% size is off (sizeVerdict).
func placeboText(res *study.Result) string {
	p := res.Placebo
	var computed int
	for _, n := range p.Computed {
		computed += n
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nPlacebo: %d pseudo-studies (seed %d, %d pseudo-events on dates outside every event window, %d date clusters kept); every test's empirical size in placebo.csv, its empirical p in tests.csv (p_empirical).\n",
		p.K, p.Seed, computed, p.Clusters)
	var off []string
	for k, w := range res.Windows {
		for t, r := range w.Tests {
			rate, n := study.RejectionRate(p.WindowP[k][t], 0.05)
			if _, v := sizeVerdict(rate, 0.05, n); v == "over-rejects" || v == "under-rejects" {
				off = append(off, fmt.Sprintf("%s %s %s", r.Test, w.Window, strconv.FormatFloat(rate, 'f', 3, 64)))
			}
		}
	}
	if len(off) == 0 {
		fmt.Fprintf(&b, "Size at 5%% within 3 Monte Carlo standard errors (%.3f) for every test and window with a p.\n", math.Sqrt(0.05*0.95/float64(p.K)))
	} else {
		fmt.Fprintf(&b, "Size at 5%% off by more than 3 Monte Carlo standard errors (%.3f): %s.\n", math.Sqrt(0.05*0.95/float64(p.K)), strings.Join(off, "; "))
	}
	return b.String()
}

// htmlPlacebo is the report's table of placebo sizes: per test and
// window, the rejection rate at 5% (1% and 10% in the cell's title), and
// the real study's empirical p.
type htmlPlacebo struct {
	Windows []string
	Rows    []htmlPlaceboRow
	Note    string
}

type htmlPlaceboRow struct {
	Name  string
	Cells []htmlPlaceboCell
}

type htmlPlaceboCell struct {
	Size, Title string
	Off, NA     bool
	PEmp        float64
}

func newHTMLPlacebo(res *study.Result) *htmlPlacebo {
	p := res.Placebo
	if p == nil || len(res.Windows) == 0 {
		return nil
	}
	h := &htmlPlacebo{Note: fmt.Sprintf("Share of %d pseudo-studies (seed %d; the same securities on dates outside every event window, events sharing a date sharing a pseudo-date) in which the test rejects at 5%%, with the real study's empirical p in parentheses, (1 + #{placebo p ≤ p}) / (K + 1); ! marks a size more than 3 Monte Carlo standard errors (%.1f points) from 5%%. Every level, day and window is in placebo.csv.",
		p.K, p.Seed, 100*math.Sqrt(0.05*0.95/float64(p.K)))}
	names := testLabels()
	for _, w := range res.Windows {
		h.Windows = append(h.Windows, w.Window.String())
	}
	for t, r := range res.Windows[0].Tests {
		name := names[r.Test]
		if name == "" {
			name = r.Test
		}
		row := htmlPlaceboRow{Name: name}
		for k, w := range res.Windows {
			ps := p.WindowP[k][t]
			rate, n := study.RejectionRate(ps, 0.05)
			if n == 0 {
				row.Cells = append(row.Cells, htmlPlaceboCell{NA: true})
				continue
			}
			r1, _ := study.RejectionRate(ps, 0.01)
			r10, _ := study.RejectionRate(ps, 0.10)
			_, v := sizeVerdict(rate, 0.05, n)
			row.Cells = append(row.Cells, htmlPlaceboCell{Size: pct(rate), Off: v != "ok",
				Title: fmt.Sprintf("at 1%%: %s, at 10%%: %s; %d pseudo-studies with a p", pct(r1), pct(r10), n),
				PEmp:  study.EmpiricalP(ps, w.Tests[t].P)})
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

// placebo writes placebo.csv as a sheet, when the run has a placebo.
func (b *xlsxBook) placebo(res *study.Result) error {
	if res.Placebo == nil {
		return nil
	}
	recs := placeboRecords(res)
	st := b.st
	cols := []xcol{{"test", 17, st.text}, {"scope", 8, st.text}, {"from", 6, st.int}, {"to", 6, st.int}, {"level", 7, st.p},
		{"rejection_rate", 14, st.p}, {"replications", 12, st.int}, {"mc_se", 9, st.p}, {"size", 14, st.text}}
	return b.table("placebo", "placebo.csv", cols, 1, len(recs), func(i int, v []any) {
		r := recs[i]
		copy(v, []any{r.Test, r.Scope, r.From, r.To, float64(r.Level), float64(r.Rate), r.N, float64(r.MCSE), r.Size})
	})
}
