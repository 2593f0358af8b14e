package report

import (
	"fmt"
	"strings"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/intraday"
	"github.com/eventstudy/eventstudy/internal/study"
)

// ChartTextWarning says which characters of the texts that reach the
// charts (label, the tickers and benchmarks of the events with charts of
// their own, the group column and names) the charts in formats show as
// code points because their fonts lack them (chart.Unshown); "" when
// there are none.
func ChartTextWarning(res *study.Result, label string, style chart.Style, formats ...chart.Format) string {
	texts := []string{label, res.Describe(), res.Config.Group}
	if len(res.Events) <= maxEventCharts {
		for _, e := range res.Events {
			texts = append(texts, e.Ticker, e.Market)
		}
	}
	for _, g := range res.Groups {
		texts = append(texts, g.Name)
	}
	return textWarning(texts, style, formats)
}

// IntradayChartTextWarning is ChartTextWarning for an intraday study,
// whose path charts name each event by its id and ticker.
func IntradayChartTextWarning(res *intraday.Result, label string, style chart.Style, formats ...chart.Format) string {
	texts := []string{label}
	if len(res.Events) <= maxEventCharts {
		for _, e := range res.Events {
			texts = append(texts, e.ID, e.Ticker)
		}
	}
	return textWarning(texts, style, formats)
}

// textWarning names the characters of texts that the charts in formats
// draw as code points; "" when there are none.
func textWarning(texts []string, style chart.Style, formats []chart.Format) string {
	runes := chart.Unshown(style, strings.Join(texts, "\n"), formats...)
	if len(runes) == 0 {
		return ""
	}
	const most = 8
	var names []string
	for _, r := range runes[:min(len(runes), most)] {
		names = append(names, fmt.Sprintf("%c (U+%04X)", r, r))
	}
	if len(runes) > most {
		names = append(names, fmt.Sprintf("and %d more", len(runes)-most))
	}
	var fs []string
	for _, f := range formats {
		if f != chart.FormatSVG {
			fs = append(fs, strings.ToUpper(string(f)))
		}
	}
	what := strings.Join(fs, " and ")
	return fmt.Sprintf("chart text has characters that the fonts of the %s charts lack: %s; those charts show them as code points (<U+%04X>), the SVG charts and report.html as they are",
		what, strings.Join(names, ", "), runes[0])
}
