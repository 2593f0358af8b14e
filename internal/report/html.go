package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// Rows beyond these are left out of the HTML report (with a note pointing
// to the CSV file that has them all), so that a batch of 100,000 events
// still gives a page a browser opens at once.
const (
	maxHTMLEvents  = 1000
	maxHTMLSkipped = 200
)

//go:embed report.html.tmpl
var htmlSource string

//go:embed sort.js
var sortScript string

// htmlTemplate is the report's template. The sorting script goes into it
// as it is (template.JS), and the page's Content-Security-Policy allows that
// script (by its hash) and nothing else: no other script, and no request
// of any kind.
// It is parsed for each report, with pct formatting the study's measure
// (amount); parsing it here makes a broken template fail at start-up.
var htmlTemplate = template.Must(newHTMLTemplate(pct))

func newHTMLTemplate(pct func(float64) string) (*template.Template, error) {
	return template.New("report").Funcs(template.FuncMap{
		"pct": pct, "num": num, "pval": pval, "stars": stars,
	}).Parse(htmlSource)
}

// contentSecurityPolicy forbids every fetch (default-src 'none'), allows
// inline styles (the page's and the SVG figures') and the one script.
var contentSecurityPolicy = func() string {
	h := sha256.Sum256([]byte(sortScript))
	return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-" +
		base64.StdEncoding.EncodeToString(h[:]) + "'; base-uri 'none'; form-action 'none'"
}()

// WriteHTML writes dir/report.html: one self-contained page (inline CSS,
// inline SVG figures, no requests) with the question, the settings, the
// sample, the CAAR chart, the AAR and CAAR per day, the tests per window,
// the CAR of each event, the groups and the methods. title, when set, says
// what was studied. Every string from the inputs is escaped by html/template.
func WriteHTML(dir string, res *study.Result, meta Meta, title string) error {
	page, err := newHTMLPage(res, meta, title)
	if err != nil {
		return err
	}
	t, err := newHTMLTemplate(amount(res.Config))
	if err != nil {
		return err
	}
	return meta.Outputs.Write(filepath.Join(dir, "report.html"), func(w io.Writer) error {
		return t.Execute(w, page)
	})
}

type (
	htmlPage struct {
		Title, Question string
		CSP             string
		Script          template.JS
		Version         string
		Settings        []keyValue
		Inputs          []Input
		Counts          []keyValue
		Notes           []string
		Units           string // what the numbers of the tables are
		Volume          bool   // a study of abnormal volume (no BHAR)
		Skipped         []skipRecord
		SkippedLeft     int
		CAAR            *htmlFigure
		Events          []htmlFigure // event charts (small studies)
		Findings        []string
		Main            htmlCross
		EventHead       []string
		EventRows       [][]htmlCell
		EventsLeft      int
		EventsFirst     bool // a small study shows its events before the tests across them
		EventRowsTotal  int
		FitHead         []string
		FitRows         [][]htmlCell
		FitLeft         int
		Group           string
		Groups          []htmlGroup
		GroupTests      []htmlGroupTest
		Robustness      *htmlRobustness
		Placebo         *htmlPlacebo
		Model           method
		Tests           []method
		Measures        []method
	}
	keyValue   struct{ Key, Value string }
	htmlFigure struct {
		Caption string
		SVG     template.HTML
	}
	// htmlCross is the cross-section of a set of events: per day and per
	// window.
	htmlCross struct {
		Days    []study.Day
		Windows []string
		N       []int
		CAAR    []float64
		Battery []batteryRow
		Boot    []string // bootstrap interval per window; nil without one
		BootP   []float64
		Notes   []string
	}
	batteryRow struct {
		Test, Name string
		Cells      []stats.Result
	}
	htmlCell struct {
		Text, Sort, Mark string
		Num              bool
	}
	htmlGroup struct {
		Name   string
		N      int
		Figure *htmlFigure
		Cross  htmlCross
	}
	htmlGroupTest struct {
		Window, A, B string
		NA, NB       int
		Diff         float64
		Welch, Rank  stats.Result
	}
	method struct{ Name, Formula, Source string }
	// htmlRobustness is the side-by-side table of a run of several models.
	htmlRobustness struct {
		Models []string
		First  string // the model of the rest of the report
		Rows   []robustRow
		Notes  []string
	}
	// robustRow is a row of the robustness table: N, CAAR or a test
	// (Label) of one window, across the models.
	robustRow struct {
		Window, Label, Title string
		N                    []int
		CAAR                 []float64
		Tests                []stats.Result
	}
)

// newRobustness builds the robustness table of a run of several models.
func newRobustness(runs []ModelRun) *htmlRobustness {
	if len(runs) == 0 {
		return nil
	}
	r := &htmlRobustness{First: runs[0].Config.Model.String()}
	labels := testLabels()
	for _, m := range runs {
		r.Models = append(r.Models, m.Config.Model.String())
	}
	for k, wt := range runs[0].Windows {
		w := wt.Window.String()
		n, caar := robustRow{Window: w, Label: "N"}, robustRow{Label: "CAAR"}
		for _, m := range runs {
			n.N = append(n.N, m.Windows[k].N)
			caar.CAAR = append(caar.CAAR, m.Windows[k].CAAR)
		}
		r.Rows = append(r.Rows, n, caar)
		for _, name := range RobustnessTests {
			row := robustRow{Label: name, Title: labels[name]}
			for _, m := range runs {
				t, ok := findTest(m.Windows[k].Tests, name)
				if !ok {
					t = stats.Result{Test: name, NA: "not computed"}
				}
				row.Tests = append(row.Tests, t)
			}
			r.Rows = append(r.Rows, row)
		}
	}
	for _, s := range onlySkips(runs) {
		r.Notes = append(r.Notes, fmt.Sprintf("Skipped for %s only: %d events (skipped.csv, column model); first: line %d, event %s %s %s: %s.",
			s.model, s.n, s.first.Line, s.first.ID, s.first.Ticker, s.first.Date, s.first.Reason))
	}
	return r
}

func newHTMLPage(res *study.Result, meta Meta, title string) (*htmlPage, error) {
	cfg := res.Config
	pct := amount(cfg)
	p := &htmlPage{
		Units:    "Returns are in percent.",
		Title:    title,
		Question: question(res),
		CSP:      contentSecurityPolicy,
		Script:   template.JS(sortScript),
		Version:  meta.Version,
		Inputs:   meta.Inputs,
		Group:    cfg.Group,
	}
	if p.Title == "" {
		p.Title = "Event study: " + res.Describe()
	}
	p.Settings = settingRows(cfg)
	p.Counts = []keyValue{
		{"events in the list", strconv.Itoa(res.Total)},
		{"computed", strconv.Itoa(len(res.Events))},
		{"skipped", strconv.Itoa(len(res.Skipped))},
		{"securities", strconv.Itoa(len(res.Tickers()))},
		{"confounded (window overlaps another event of the same security)", strconv.Itoa(res.Confounded())},
	}
	if cfg.DropConfounded {
		p.Counts = append(p.Counts, keyValue{"left out as confounded", strconv.Itoa(res.Dropped)})
	}
	skips := skipRecords(res)
	if len(skips) > maxHTMLSkipped {
		p.SkippedLeft = len(skips) - maxHTMLSkipped
		skips = skips[:maxHTMLSkipped]
	}
	p.Skipped = skips

	figs, err := studyFigures(res, title, meta.Style)
	if err != nil {
		return nil, err
	}
	byGroup := map[string]*htmlFigure{}
	for _, f := range figs {
		svg, err := chart.SVG(f.Plot, figW, figH)
		if err != nil {
			return nil, err
		}
		hf := htmlFigure{Caption: f.Caption, SVG: inlineSVG(svg, f.Caption)}
		switch {
		case f.Event != "":
			p.Events = append(p.Events, hf)
		case f.Group != "":
			byGroup[f.Group] = &hf
		default:
			p.CAAR = &hf
		}
	}

	p.Volume = cfg.Volume
	if cfg.Volume {
		p.Units = "Abnormal volumes are log ratios to the normal volume (0.6931 is twice the normal volume), not percentages."
	}
	p.Main = newCross(res.Days, res.Windows, pct)
	// The findings: each event's CARs in a study of a few events, and the
	// CAAR of each window across two or more events.
	if len(res.Events) <= 3 {
		for _, e := range res.Events {
			for _, wr := range e.Windows {
				p.Findings = append(p.Findings, fmt.Sprintf("%s, window %s: CAR %s (t %s with %d df, p %s; SQ p %s)",
					e.Ticker, wr.Window, pct(wr.CAR), num(wr.T, 2), wr.DF, pEquals(wr.P), pEquals(wr.SQ.P)))
			}
		}
	}
	for _, wt := range res.Windows {
		if len(wt.Tests) > 0 && len(res.Events) > 1 {
			t := wt.Tests[0]
			p.Findings = append(p.Findings, fmt.Sprintf("window %s: CAAR %s over %d events (cross-sectional t %s, p %s)",
				wt.Window, pct(wt.CAAR), wt.N, num(t.Stat, 2), pEquals(t.P)))
		}
	}
	for _, warn := range res.Warnings {
		p.Notes = append(p.Notes, "Warning: "+warn)
	}
	for _, l := range SpliceLines(res) {
		p.Notes = append(p.Notes, l+".")
	}
	for _, s := range meta.XLSXLeftOut {
		p.Notes = append(p.Notes, sentence(s.Note()))
	}
	switch {
	case res.Dropped > 0:
		p.Notes = append(p.Notes, fmt.Sprintf("%d events were left out because their event window overlaps another event of the same security.", res.Dropped))
	case res.Confounded() > 0:
		p.Notes = append(p.Notes, fmt.Sprintf("%d events have an event window that overlaps another event of the same security; they are kept and flagged in car.csv.", res.Confounded()))
	}

	p.EventsFirst = len(res.Events) <= maxEventRows
	p.EventHead, p.EventRows = eventTable(res, maxHTMLEvents)
	p.EventRowsTotal = len(res.Events)
	p.EventsLeft = len(res.Events) - len(p.EventRows)
	p.FitHead, p.FitRows = fitTable(res, maxHTMLEvents)
	p.FitLeft = len(res.Events) - len(p.FitRows)

	for _, g := range res.Groups {
		p.Groups = append(p.Groups, htmlGroup{Name: g.Name, N: len(g.Events), Figure: byGroup[g.Name], Cross: newCross(g.Days, g.Windows, pct)})
	}
	for _, gt := range res.GroupTests {
		p.GroupTests = append(p.GroupTests, htmlGroupTest{Window: gt.Window.String(), A: gt.A, B: gt.B, NA: gt.NA, NB: gt.NB,
			Diff: gt.CAARA - gt.CAARB, Welch: gt.Tests[0], Rank: gt.Tests[1]})
	}
	p.Robustness = newRobustness(meta.Models)
	p.Placebo = newHTMLPlacebo(res)
	p.Model, p.Measures, p.Tests = methods(res)
	return p, nil
}

// question says in words what the study asks.
func question(res *study.Result) string {
	cfg := res.Config
	what := "return"
	if cfg.Volume {
		what = "trading volume"
	}
	if len(res.Events) == 1 {
		e := res.Events[0]
		bench := "given the market (" + e.Market + ")"
		if e.Market == "" {
			bench = "given the factors of the " + cfg.Model.String() + " model"
		}
		return fmt.Sprintf("Was the %s of %s abnormal around %s (day 0 = %s), %s?", what, e.Ticker, e.Written, e.Day0, bench)
	}
	var from, to string
	for _, e := range res.Events {
		d := e.Day0.String()
		if from == "" || d < from {
			from = d
		}
		if d > to {
			to = d
		}
	}
	days := "day 0 " + from
	if to != from {
		days = "day 0 from " + from + " to " + to
	}
	q := fmt.Sprintf("Was the average %s of %d securities abnormal around %d events (%s), against the %s model?",
		what, len(res.Tickers()), len(res.Events), days, cfg.Model)
	if cfg.Group != "" {
		q += fmt.Sprintf(" And did it differ between the groups of %s?", cfg.Group)
	}
	return q
}

func settingRows(cfg study.Config) []keyValue {
	var wins []string
	for _, w := range cfg.Windows {
		wins = append(wins, w.String())
	}
	model := cfg.Model.String()
	if cfg.Model == stats.Dimson {
		model += fmt.Sprintf(" (%d leads and lags)", max(cfg.Lags, 1))
	}
	rows := []keyValue{
		{"model", model},
		{"measure", map[bool]string{false: "returns", true: "abnormal log(1 + volume) (Campbell & Wasley 1996)"}[cfg.Volume]},
		{"event windows", strings.Join(wins, ", ")},
		{"estimation window", cfg.Estimation.String() + " (trading days of the security relative to day 0)"},
		{"minimum estimation returns", strconv.Itoa(cfg.MinEst)},
		{"returns", returnsName(cfg)},
		{"day 0 when the date is not a trading day", cfg.Shift.String()},
	}
	if cfg.Market != "" {
		rows = append(rows, keyValue{"market (benchmark)", cfg.Market})
	} else if study.NeedsMarket(cfg.Model) {
		rows = append(rows, keyValue{"market (benchmark)", "from the event list's market column"})
	} else if cfg.Factors == nil {
		// The constant mean: a market column, if any, only restricts
		// estimation to days with a market return.
		rows = append(rows, keyValue{"market (benchmark)", "none unless the event list has a market column (the constant-mean model uses none)"})
	}
	if names := factorNames(cfg); len(names) > 0 {
		rows = append(rows, keyValue{"factors", strings.Join(names, ", ")})
	}
	boot := "none"
	if cfg.Bootstrap > 0 {
		boot = fmt.Sprintf("%d resamples of the events, seed %d", cfg.Bootstrap, cfg.Seed)
	}
	rows = append(rows, keyValue{"bootstrap of the CAAR", boot},
		keyValue{"confounded events", map[bool]string{false: "kept (flagged in car.csv)", true: "left out"}[cfg.DropConfounded]})
	if cfg.Group != "" {
		rows = append(rows, keyValue{"groups by column", cfg.Group})
	}
	return rows
}

func newCross(days []study.Day, windows []study.WindowTests, pct func(float64) string) htmlCross {
	c := htmlCross{Days: days}
	for _, wt := range windows {
		c.Windows = append(c.Windows, wt.Window.String())
		c.N = append(c.N, wt.N)
		c.CAAR = append(c.CAAR, wt.CAAR)
		if b := wt.Boot; b != nil {
			if b.NA != "" {
				c.Boot = append(c.Boot, "n/a")
			} else {
				c.Boot = append(c.Boot, fmt.Sprintf("[%s, %s]", pct(b.Lo), pct(b.Hi)))
			}
			c.BootP = append(c.BootP, b.P)
		}
	}
	if len(windows) == 0 {
		return c
	}
	names := testLabels()
	// Each distinct note once, naming the tests it is about (the
	// Kolari-Pynnönen Patell and BMP share theirs).
	var notes []string
	about := map[string][]string{}
	add := func(note, test string) {
		if _, ok := about[note]; !ok {
			notes = append(notes, note)
		}
		if !slices.Contains(about[note], test) {
			about[note] = append(about[note], test)
		}
	}
	for k, t0 := range windows[0].Tests {
		row := batteryRow{Test: t0.Test, Name: names[t0.Test]}
		for _, wt := range windows {
			t := wt.Tests[k]
			row.Cells = append(row.Cells, t)
			switch {
			case t.NA != "":
				add("n/a: "+t.NA, t.Test)
			case t.Note != "":
				add("window "+wt.Window.String()+": "+t.Note, t.Test)
			}
		}
		c.Battery = append(c.Battery, row)
	}
	for _, n := range notes {
		c.Notes = append(c.Notes, strings.Join(about[n], ", ")+", "+n)
	}
	return c
}

// eventTable is the per-event CAR table: one row per event, the CAR and
// its t per window (the CAR marked by the significance of its t) and the
// SQ p-value (Gelbach, Helland & Klick 2013), then the event list's extra
// columns; the first n events only (the report shows no more, and rows
// built to be cut cost time and memory in proportion to the events).
func eventTable(res *study.Result, n int) (head []string, rows [][]htmlCell) {
	pct := amount(res.Config)
	head = []string{"id", "ticker", "market", "event date", "day 0", "M"}
	for _, w := range res.Config.Windows {
		head = append(head, "CAR "+w.String(), "t "+w.String(), "SQ p "+w.String())
	}
	head = append(head, "confounded with")
	head = append(head, res.Extra...)
	for _, e := range res.Events[:min(n, len(res.Events))] {
		row := []htmlCell{{Text: e.ID}, {Text: e.Ticker}, {Text: e.Market}, {Text: e.Written}, {Text: e.Day0.String()},
			{Text: strconv.Itoa(e.Fit.M), Sort: strconv.Itoa(e.Fit.M), Num: true}}
		for _, wr := range e.Windows {
			row = append(row,
				htmlCell{Text: pct(wr.CAR), Sort: formatFloat(wr.CAR), Mark: stars(wr.P), Num: true},
				htmlCell{Text: num(wr.T, 2), Sort: formatFloat(wr.T), Num: true},
				htmlCell{Text: pval(wr.SQ.P), Sort: formatFloat(wr.SQ.P), Num: true})
		}
		row = append(row, htmlCell{Text: e.ConfoundedText(" ")})
		for _, x := range e.Extra {
			row = append(row, htmlCell{Text: x})
		}
		rows = append(rows, row)
	}
	return head, rows
}

// fitTable is the per-event fit table of fit.csv, its first n events:
// numbers to four significant digits (sorted by their exact values).
func fitTable(res *study.Result, n int) (head []string, rows [][]htmlCell) {
	head = fitHeader(res.Config)
	head = slices.Delete(head, 3, 4) // the model is in the settings
	g4 := func(v float64) htmlCell {
		t := "n/a"
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			t = strconv.FormatFloat(v, 'g', 4, 64)
		}
		return htmlCell{Text: t, Sort: formatFloat(v), Num: true}
	}
	for _, e := range res.Events[:min(n, len(res.Events))] {
		r := fitOf(res.Config, e)
		row := []htmlCell{{Text: r.ID}, {Text: r.Ticker}, {Text: r.Market}, g4(r.Alpha)}
		for _, b := range r.Slopes {
			row = append(row, g4(b))
		}
		row = append(row, g4(r.ResidSD), g4(r.R2), htmlCell{Text: strconv.Itoa(r.M), Sort: strconv.Itoa(r.M), Num: true},
			htmlCell{Text: dateText(r.EstFirst)}, htmlCell{Text: dateText(r.EstLast)}, htmlCell{Text: r.Written}, htmlCell{Text: r.Day0.String()},
			htmlCell{Text: r.Reason})
		rows = append(rows, row)
	}
	return head, rows
}

// sentence is s with its first letter upper case and a full stop.
func sentence(s string) string {
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// pEquals writes a p-value after "p": "= 0.1234" or "< 0.0001".
func pEquals(p float64) string {
	if s := pval(p); strings.HasPrefix(s, "<") {
		return "< " + s[1:]
	} else if s != "n/a" {
		return "= " + s
	}
	return "n/a"
}

// stars marks a p-value significant at 10% (*), 5% (**) or 1% (***).
func stars(p float64) string {
	switch {
	case math.IsNaN(p):
		return ""
	case p < 0.01:
		return "***"
	case p < 0.05:
		return "**"
	case p < 0.10:
		return "*"
	}
	return ""
}

// inlineSVG makes an SVG document an element of an HTML page: the XML
// declaration and comment before <svg go, and the fixed size in points
// becomes the figure's aspect ratio, scaled to the page's width by CSS. The
// text in it was escaped by gonum's SVG backend.
func inlineSVG(doc []byte, caption string) template.HTML {
	if i := bytes.Index(doc, []byte("<svg")); i >= 0 {
		doc = doc[i:]
	}
	return template.HTML(`<svg role="img" class="figure" aria-label="` + html.EscapeString(caption) + `"` + strings.TrimPrefix(string(doc), "<svg"))
}
