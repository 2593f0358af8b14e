package report

import (
	"fmt"

	"gonum.org/v1/plot"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/study"
)

// figure is a chart of a study drawn in memory, for the HTML report (SVG)
// and the workbook (PNG). The titles are those of WriteChartsWith.
type figure struct {
	Group   string // the group's name; "" for the whole study
	Event   string // the event's id for an event chart; "" for a CAAR chart
	Caption string
	Plot    *plot.Plot
}

// studyFigures draws the CAAR chart of the study (two or more events), of
// each group with two or more events, and for studies of up to
// maxEventCharts events each event's AR/CAR chart, in style.
func studyFigures(res *study.Result, label string, style chart.Style) ([]figure, error) {
	cfg := res.Config
	suffix := ""
	if label != "" {
		suffix = " (" + label + ")"
	}
	var out []figure
	caar := func(group, title string, days []study.Day) error {
		p, err := chart.CAAR(caarSpec(title, cfg, days, style))
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
		if err := caar(g.Name, groupTitle(cfg, g, suffix), g.Days); err != nil {
			return nil, err
		}
	}
	if len(res.Events) > maxEventCharts {
		return out, nil
	}
	for _, e := range res.Events {
		ec := eventSpec(e, cfg, suffix, style)
		p, err := chart.Event(ec)
		if err != nil {
			return nil, fmt.Errorf("chart event-%s: %w", fileSafe(e.ID), err)
		}
		out = append(out, figure{Event: e.ID, Caption: ec.Title, Plot: p})
	}
	return out, nil
}
