package report

import (
	"fmt"

	"gonum.org/v1/plot"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/study"
)

// figure is a chart of a study drawn in memory, for the HTML report (SVG)
// and the workbook (PNG). The titles are those of WriteCharts.
type figure struct {
	Group   string // the group's name; "" for the whole study
	Event   string // the event's id for an event chart; "" for a CAAR chart
	Caption string
	Plot    *plot.Plot
}

// studyFigures draws the CAAR chart of the study (two or more events), of
// each group with two or more events, and for studies of up to
// maxEventCharts events each event's AR/CAR chart.
func studyFigures(res *study.Result, label string) ([]figure, error) {
	cfg := res.Config
	span := cfg.Span()
	suffix := ""
	if label != "" {
		suffix = " (" + label + ")"
	}
	var out []figure
	caar := func(group, title string, days []study.Day) error {
		c := chart.CAARChart{
			Title:    title,
			Subtitle: fmt.Sprintf("AAR bars; CAAR from day %+d with its 95%% band (cross-sectional t); estimation %s", span.From, cfg.Estimation),
		}
		for _, d := range days {
			c.Days = append(c.Days, d.Day)
			c.AAR = append(c.AAR, d.AAR)
			c.CAAR = append(c.CAAR, d.CAAR)
			c.Lo = append(c.Lo, d.Lo)
			c.Hi = append(c.Hi, d.Hi)
		}
		p, err := chart.CAAR(c)
		if err != nil {
			return fmt.Errorf("chart caar: %w", err)
		}
		out = append(out, figure{Group: group, Caption: title, Plot: p})
		return nil
	}
	if len(res.Events) >= 2 {
		if err := caar("", fmt.Sprintf("CAAR, %s%s", res.Describe(), suffix), res.Days); err != nil {
			return nil, err
		}
	}
	for _, g := range res.Groups {
		if len(g.Events) < 2 {
			continue
		}
		title := fmt.Sprintf("CAAR, %s = %s, %d events, %s model%s", cfg.Group, g.Name, len(g.Events), cfg.Model, suffix)
		if err := caar(g.Name, title, g.Days); err != nil {
			return nil, err
		}
	}
	if len(res.Events) > maxEventCharts {
		return out, nil
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
		p, err := chart.Event(ec)
		if err != nil {
			return nil, fmt.Errorf("chart event-%s: %w", fileSafe(e.ID), err)
		}
		out = append(out, figure{Event: e.ID, Caption: ec.Title, Plot: p})
	}
	return out, nil
}
