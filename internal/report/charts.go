package report

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// maxEventCharts is how many events get their own AR/CAR and price charts.
const maxEventCharts = 10

// minHistEvents is how many events a study needs for the histograms of
// its CARs, and a group for its line in caar-groups; maxGroupsChart is how
// many groups that chart can show apart.
const (
	minHistEvents  = 10
	maxGroupsChart = 8
)

const figW, figH = 8 * vg.Inch, 4.5 * vg.Inch

// ChartOptions are the look and the file formats of the charts.
type ChartOptions struct {
	Style chart.Style
	// Formats of each chart; nil means PNG and SVG.
	Formats []chart.Format
	// Outputs, when set, records every file written for the manifest.
	Outputs *Outputs
	// Models are the models of a run of several (WriteModels): their
	// CAARs are drawn on one chart, caar-models.
	Models []ModelRun
}

// WriteChartsWith draws the study's charts into out/charts: caar (with
// two or more events), car-hist-FROM_TO for each window (the CARs of
// studies of minHistEvents events or more), and for studies of up to
// maxEventCharts events event-ID (AR bars, CAR line and band) and
// prices-ID (security against the market, rebased). A study split into
// groups also gets each group's caar in out/groups/NAME/charts, and
// caar-groups, the CAAR of each group of minHistEvents events or more on
// one chart (when there are 2 to maxGroupsChart such groups). label, when
// set, says what was studied in every title.
func WriteChartsWith(out string, res *study.Result, label string, opts ChartOptions) error {
	dir := filepath.Join(out, "charts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("chart directory: %w", err)
	}
	cfg := res.Config
	suffix := ""
	if label != "" {
		suffix = " (" + label + ")"
	}
	if len(res.Events) >= 2 {
		if err := caarChart(dir, fmt.Sprintf("CAAR, %s%s", res.Describe(), suffix), cfg, res.Days, opts); err != nil {
			return err
		}
	}
	if gc, ok := groupsChart(res, suffix, opts.Style); ok {
		p, err := chart.Groups(gc)
		if err := save(dir, "caar-groups", p, err, opts); err != nil {
			return err
		}
	}
	if mc, ok := modelsChart(opts.Models, suffix, opts.Style); ok {
		p, err := chart.Groups(mc)
		if err := save(dir, "caar-models", p, err, opts); err != nil {
			return err
		}
	}
	for _, h := range carHistograms(res, suffix, opts.Style) {
		p, err := chart.Histogram(h.HistChart)
		if err := save(dir, h.name, p, err, opts); err != nil {
			return err
		}
	}
	dirs := groupDirs(out, res.Groups)
	for _, g := range res.Groups {
		if len(g.Events) < 2 {
			continue
		}
		gd := filepath.Join(dirs[g.Name], "charts")
		if err := os.MkdirAll(gd, 0o755); err != nil {
			return fmt.Errorf("chart directory: %w", err)
		}
		if err := caarChart(gd, groupTitle(cfg, g, suffix), cfg, g.Days, opts); err != nil {
			return err
		}
	}
	if len(res.Events) > maxEventCharts {
		return nil
	}
	ids := make([]string, len(res.Events))
	for i, e := range res.Events {
		ids[i] = e.ID
	}
	names := fileNames(ids)
	for _, e := range res.Events {
		name := names[e.ID]
		p, err := chart.Event(eventSpec(e, cfg, suffix, opts.Style))
		if err := save(dir, "event-"+name, p, err, opts); err != nil {
			return err
		}
		pc, ok := priceChart(res, e, suffix)
		if !ok {
			continue
		}
		pc.Style = opts.Style
		p, err = chart.Prices(pc)
		if err := save(dir, "prices-"+name, p, err, opts); err != nil {
			return err
		}
	}
	return nil
}

// caarChart draws dir/caar from the days of a cross-section.
func caarChart(dir, title string, cfg study.Config, days []study.Day, opts ChartOptions) error {
	p, err := chart.CAAR(caarSpec(title, cfg, days, opts.Style))
	return save(dir, "caar", p, err, opts)
}

// caarSpec lays out the CAAR chart of the days of a cross-section; the
// files, the HTML report and the workbook draw it alike.
func caarSpec(title string, cfg study.Config, days []study.Day, style chart.Style) chart.CAARChart {
	c := chart.CAARChart{
		Style:    style,
		Measure:  measure(cfg),
		Title:    title,
		Subtitle: fmt.Sprintf("AAR bars; CAAR from day %+d with its 95%% band (cross-sectional t); estimation %s", cfg.Span().From, cfg.Estimation),
	}
	for _, d := range days {
		c.Days = append(c.Days, d.Day)
		c.AAR = append(c.AAR, d.AAR)
		c.CAAR = append(c.CAAR, d.CAAR)
		c.Lo = append(c.Lo, d.Lo)
		c.Hi = append(c.Hi, d.Hi)
	}
	return c
}

// measure is what the charts of a study show: returns, or abnormal
// log(1+volume).
func measure(cfg study.Config) chart.Measure {
	if cfg.Volume {
		return chart.LogVolume
	}
	return chart.Returns
}

// groupTitle is the title of a group's CAAR chart.
func groupTitle(cfg study.Config, g study.Group, suffix string) string {
	return fmt.Sprintf("CAAR, %s = %s, %d events, %s model%s", cfg.Group, g.Name, len(g.Events), cfg.Model, suffix)
}

// eventSpec lays out one event's AR/CAR chart.
func eventSpec(e *study.Event, cfg study.Config, suffix string, style chart.Style) chart.EventChart {
	span := cfg.Span()
	car, lo, hi := e.Band(span)
	ec := chart.EventChart{
		Title:    fmt.Sprintf("%s, day 0 = %s, %s model%s", vsMarket(e), e.Day0, cfg.Model, suffix),
		Subtitle: fmt.Sprintf("AR bars; CAR from day %+d with its 95%% band (%s, t with %d df)", span.From, bandVariance(e.Fit.Model), e.Fit.DF),
		AR:       e.AR[span.From-e.First : span.To-e.First+1],
		CAR:      car, Lo: lo, Hi: hi,
		Style: style, Measure: measure(cfg),
	}
	for d := span.From; d <= span.To; d++ {
		ec.Days = append(ec.Days, d)
	}
	return ec
}

// groupsChart lays out the CAAR of each group with its band on the days of
// the study, for a study split into groups. Groups of fewer than
// minHistEvents events are left out (named in the subtitle): their wide
// bands would set the scale. It needs 2 to maxGroupsChart groups left.
func groupsChart(res *study.Result, suffix string, style chart.Style) (chart.GroupsChart, bool) {
	cfg := res.Config
	var groups []study.Group
	var small []string
	for _, g := range res.Groups {
		if len(g.Events) < minHistEvents {
			small = append(small, fmt.Sprintf("%s (%d)", g.Name, len(g.Events)))
			continue
		}
		groups = append(groups, g)
	}
	if len(groups) < 2 || len(groups) > maxGroupsChart || len(res.Days) == 0 {
		return chart.GroupsChart{}, false
	}
	gc := chart.GroupsChart{
		Title:    fmt.Sprintf("CAAR by %s, %s model%s", cfg.Group, cfg.Model, suffix),
		Subtitle: fmt.Sprintf("CAAR from day %s with its 95%% band (cross-sectional t) per group; estimation %s", signed(cfg.Span().From), cfg.Estimation),
		Style:    style,
		Measure:  measure(cfg),
	}
	switch {
	case len(small) > 3: // too long to list on one line
		gc.Subtitle += fmt.Sprintf("; %d groups of fewer than %d events left out", len(small), minHistEvents)
	case len(small) > 0:
		gc.Subtitle += fmt.Sprintf("; left out, fewer than %d events: %s", minHistEvents, strings.Join(small, ", "))
	}
	at := map[int]int{}
	for i, d := range res.Days {
		gc.Days = append(gc.Days, d.Day)
		at[d.Day] = i
	}
	for _, g := range groups {
		n := len(gc.Days)
		s := chart.GroupSeries{
			Name: fmt.Sprintf("%s (N = %d)", g.Name, len(g.Events)),
			CAAR: nans(n), Lo: nans(n), Hi: nans(n),
		}
		for _, d := range g.Days {
			if i, ok := at[d.Day]; ok {
				s.CAAR[i], s.Lo[i], s.Hi[i] = d.CAAR, d.Lo, d.Hi
			}
		}
		gc.Series = append(gc.Series, s)
	}
	return gc, true
}

// modelsChart lays out the CAAR of each model of a run of several on one
// chart, with its 95% band, as caar-groups does for groups.
func modelsChart(runs []ModelRun, suffix string, style chart.Style) (chart.GroupsChart, bool) {
	if len(runs) < 2 || len(runs) > maxGroupsChart || len(runs[0].Days) == 0 {
		return chart.GroupsChart{}, false
	}
	cfg := runs[0].Config
	var names []string
	for _, r := range runs {
		names = append(names, r.Config.Model.String())
	}
	gc := chart.GroupsChart{
		Title:    fmt.Sprintf("CAAR by model: %s%s", strings.Join(names, ", "), suffix),
		Subtitle: fmt.Sprintf("CAAR from day %s with its 95%% band (cross-sectional t) per model; same events, estimation %s", signed(cfg.Span().From), cfg.Estimation),
		Style:    style,
		Measure:  measure(cfg),
	}
	for _, d := range runs[0].Days {
		gc.Days = append(gc.Days, d.Day)
	}
	for _, r := range runs {
		n := len(gc.Days)
		s := chart.GroupSeries{Name: fmt.Sprintf("%s (N = %d)", r.Config.Model, r.Computed), CAAR: nans(n), Lo: nans(n), Hi: nans(n)}
		for i, d := range r.Days {
			if i < n {
				s.CAAR[i], s.Lo[i], s.Hi[i] = d.CAAR, d.Lo, d.Hi
			}
		}
		gc.Series = append(gc.Series, s)
	}
	return gc, true
}

// namedHist is a histogram and the name of its file.
type namedHist struct {
	name string
	chart.HistChart
}

// carHistograms lays out the CARs of the events over each window, as
// car-hist-FROM_TO, for studies of minHistEvents events or more.
func carHistograms(res *study.Result, suffix string, style chart.Style) []namedHist {
	cfg := res.Config
	if len(res.Events) < minHistEvents {
		return nil
	}
	what := "CAR"
	if cfg.Volume {
		what = "CAR of abnormal log(1+volume)"
	}
	var out []namedHist
	for k, w := range cfg.Windows {
		name := fmt.Sprintf("%s(%s, %s)", what, signed(w.From), signed(w.To))
		days := fmt.Sprintf("days %s to %s", signed(w.From), signed(w.To))
		if w.From == w.To {
			days = "day " + signed(w.From)
		}
		h := chart.HistChart{
			Title:    fmt.Sprintf("%s, %s%s", name, res.Describe(), suffix),
			Subtitle: fmt.Sprintf("one %s per event over %s; estimation %s", what, days, cfg.Estimation),
			Label:    name,
			Style:    style,
			Measure:  measure(cfg),
		}
		for _, e := range res.Events {
			h.Values = append(h.Values, e.Windows[k].CAR)
		}
		out = append(out, namedHist{name: "car-hist-" + strconv.Itoa(w.From) + "_" + strconv.Itoa(w.To), HistChart: h})
	}
	return out
}

// signed formats a relative day as "-1", "0" or "+1".
func signed(d int) string {
	if d == 0 {
		return "0"
	}
	return fmt.Sprintf("%+d", d)
}

func nans(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// priceChart lays out the security's and the market's prices from the start
// of the estimation window to the end of the widest event window; there is
// none when either series is missing or holds returns, not prices (a file
// of returns, --values returns or log-returns).
func priceChart(res *study.Result, e *study.Event, suffix string) (chart.PriceChart, bool) {
	cfg := res.Config
	span := cfg.Span()
	sec, mkt := res.Series[e.Ticker], res.Series[e.Market]
	if sec == nil || e.Market != "" && mkt == nil || sec.IsReturn || mkt != nil && mkt.IsReturn {
		return chart.PriceChart{}, false
	}
	// The price before the first estimation return is the base of that
	// return, so the chart starts one day earlier.
	first := max(e.Aligned.Day0+cfg.Estimation.From-1, 0)
	last := min(e.Aligned.Day0+span.To, len(sec.Dates)-1)
	pc := chart.PriceChart{
		Title:        fmt.Sprintf("%s around %s%s", andMarket(e), e.Day0, suffix),
		Subtitle:     fmt.Sprintf("estimation window %s and event window %s in trading days of %s", cfg.Estimation, span, e.Ticker),
		SecurityName: e.Ticker, MarketName: e.Market,
		EstFrom:   e.Aligned.Day0 + cfg.Estimation.From - first,
		EstTo:     e.Aligned.Day0 + cfg.Estimation.To - first,
		EventFrom: e.Aligned.Day0 + span.From - first,
		EventTo:   e.Aligned.Day0 + span.To - first,
		Day0:      e.Aligned.Day0 - first,
	}
	pc.EstFrom = max(pc.EstFrom, 0)
	for i := first; i <= last; i++ {
		d := sec.Dates[i]
		pc.Dates = append(pc.Dates, d.Time())
		pc.Security = append(pc.Security, sec.Values[i])
		if mkt == nil {
			continue
		}
		m := math.NaN()
		if j, ok := mkt.Index(d); ok {
			m = mkt.Values[j]
		}
		pc.Market = append(pc.Market, m)
	}
	return pc, true
}

// save writes a figure as dir/name.png and dir/name.svg, or in the
// formats of opts.
func save(dir, name string, p *plot.Plot, err error, opts ChartOptions) error {
	if err != nil {
		return fmt.Errorf("chart %s: %w", name, err)
	}
	formats := opts.Formats
	if formats == nil {
		formats = []chart.Format{chart.FormatPNG, chart.FormatSVG}
	}
	for _, f := range formats {
		wt := chart.Encode(p, figW, figH, f)
		err := opts.Outputs.Write(filepath.Join(dir, name+"."+string(f)), func(w io.Writer) error {
			_, err := wt.WriteTo(w)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// vsMarket names an event's security and its benchmark, "AAA vs MKT", or
// the security alone when the model uses none (constant mean, factors).
func vsMarket(e *study.Event) string {
	if e.Market == "" {
		return e.Ticker
	}
	return e.Ticker + " vs " + e.Market
}

// andMarket is "AAA and MKT", or "AAA" without a benchmark.
func andMarket(e *study.Event) string {
	if e.Market == "" {
		return e.Ticker
	}
	return e.Ticker + " and " + e.Market
}

// bandVariance names the variance of an event chart's CAR band.
func bandVariance(m stats.Model) string {
	if m == stats.GARCH {
		return "GARCH(1,1) variance forecast"
	}
	return "forecast-error variance"
}
