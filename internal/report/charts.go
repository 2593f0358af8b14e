package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/study"
)

// maxEventCharts is how many events get their own AR/CAR and price charts.
const maxEventCharts = 10

const figW, figH = 8 * vg.Inch, 4.5 * vg.Inch

// WriteCharts draws the study's charts into out/charts as PNG and SVG:
// caar (with two or more events), and for studies of up to maxEventCharts
// events event-ID (AR bars, CAR line and band) and prices-ID (security
// against the market, rebased). A study split into groups also gets each
// group's caar in out/groups/NAME/charts. label, when set, says what was
// studied in every title.
func WriteCharts(out string, res *study.Result, label string) error {
	dir := filepath.Join(out, "charts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("chart directory: %w", err)
	}
	cfg := res.Config
	span := cfg.Span()
	suffix := ""
	if label != "" {
		suffix = " (" + label + ")"
	}
	if len(res.Events) >= 2 {
		if err := caarChart(dir, fmt.Sprintf("CAAR, %s%s", res.Describe(), suffix), cfg, res.Days); err != nil {
			return err
		}
	}
	for _, g := range res.Groups {
		if len(g.Events) < 2 {
			continue
		}
		gd := filepath.Join(GroupDir(out, g.Name), "charts")
		if err := os.MkdirAll(gd, 0o755); err != nil {
			return fmt.Errorf("chart directory: %w", err)
		}
		title := fmt.Sprintf("CAAR, %s = %s, %d events, %s model%s", cfg.Group, g.Name, len(g.Events), cfg.Model, suffix)
		if err := caarChart(gd, title, cfg, g.Days); err != nil {
			return err
		}
	}
	if len(res.Events) > maxEventCharts {
		return nil
	}
	for _, e := range res.Events {
		car, lo, hi := e.Band(span)
		ec := chart.EventChart{
			Title:    fmt.Sprintf("%s vs %s, day 0 = %s, %s model%s", e.Ticker, e.Market, e.Day0, cfg.Model, suffix),
			Subtitle: fmt.Sprintf("AR bars; CAR from day %+d with its 95%% band (forecast-error variance, t with %d df)", span.From, e.Fit.DF),
			AR:       e.AR[span.From-e.First : span.To-e.First+1],
			CAR:      car, Lo: lo, Hi: hi,
		}
		for d := span.From; d <= span.To; d++ {
			ec.Days = append(ec.Days, d)
		}
		name := fileSafe(e.ID)
		p, err := chart.Event(ec)
		if err := save(dir, "event-"+name, p, err); err != nil {
			return err
		}
		pc, ok := priceChart(res, e, suffix)
		if !ok {
			continue
		}
		p, err = chart.Prices(pc)
		if err := save(dir, "prices-"+name, p, err); err != nil {
			return err
		}
	}
	return nil
}

// caarChart draws dir/caar.png and .svg from the days of a cross-section.
func caarChart(dir, title string, cfg study.Config, days []study.Day) error {
	c := chart.CAARChart{
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
	p, err := chart.CAAR(c)
	return save(dir, "caar", p, err)
}

// priceChart lays out the security's and the market's prices from the start
// of the estimation window to the end of the widest event window.
func priceChart(res *study.Result, e *study.Event, suffix string) (chart.PriceChart, bool) {
	cfg := res.Config
	span := cfg.Span()
	sec, mkt := res.Series[e.Ticker], res.Series[e.Market]
	if sec == nil || mkt == nil {
		return chart.PriceChart{}, false
	}
	// The price before the first estimation return is the base of that
	// return, so the chart starts one day earlier.
	first := max(e.Aligned.Day0+cfg.Estimation.From-1, 0)
	last := min(e.Aligned.Day0+span.To, len(sec.Dates)-1)
	pc := chart.PriceChart{
		Title:        fmt.Sprintf("%s and %s around %s%s", e.Ticker, e.Market, e.Day0, suffix),
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
		m := math.NaN()
		if j, ok := mkt.Index(d); ok {
			m = mkt.Values[j]
		}
		pc.Market = append(pc.Market, m)
	}
	return pc, true
}

// save writes a figure as dir/name.png and dir/name.svg.
func save(dir, name string, p *plot.Plot, err error) error {
	if err != nil {
		return fmt.Errorf("chart %s: %w", name, err)
	}
	return chart.Save(p, figW, figH, filepath.Join(dir, name))
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileSafe turns an event id into a file name part.
func fileSafe(id string) string {
	s := unsafeName.ReplaceAllString(id, "_")
	if s == "" {
		s = "event"
	}
	return s
}
