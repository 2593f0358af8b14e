package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/intraday"
)

// The band of an intraday path: the 5th and 95th percentiles of the
// estimation days' paths at the same clock times.
const pathBandLo, pathBandHi = 0.05, 0.95

// WriteIntradayCharts draws an intraday study's charts into out/charts:
// caar-minutes, the mean CAR per minute of the event clock across events
// with its band (with two or more events), and for studies of up to
// maxEventCharts events intraday-ID, the event's price path around the
// news with its windows and the estimation days' band. label, when set,
// says what was studied in every title. A chart with nothing to draw (a
// path without a finite value: the bar before the span is missing) is
// not written; the notes say which and why. drawn lists the charts
// written, for the HTML report.
func WriteIntradayCharts(out string, res *intraday.Result, label string, opts ChartOptions) (drawn []IntradayChart, notes []string, err error) {
	dir := filepath.Join(out, "charts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("chart directory: %w", err)
	}
	// The report shows the SVG when there is one.
	ext := chart.FormatSVG
	if opts.Formats != nil && !slices.Contains(opts.Formats, chart.FormatSVG) {
		ext = opts.Formats[0]
	}
	add := func(name, caption string) {
		drawn = append(drawn, IntradayChart{Path: "charts/" + name + "." + string(ext), Caption: caption})
	}
	suffix := ""
	if label != "" {
		suffix = " (" + label + ")"
	}
	if len(res.Events) >= 2 && len(res.Minute) > 0 {
		c := minuteCAARSpec(res, suffix, opts.Style)
		if !anyFinite(c.CAAR, c.Lo, c.Hi) {
			notes = append(notes, "charts/caar-minutes not drawn: no event has a CAR at any minute")
		} else {
			p, err := chart.MinuteCAAR(c)
			if err := save(dir, "caar-minutes", p, err, opts); err != nil {
				return drawn, notes, err
			}
			add("caar-minutes", c.Title)
		}
	}
	if len(res.Events) > maxEventCharts {
		return drawn, notes, nil
	}
	ids := make([]string, len(res.Events))
	for i, e := range res.Events {
		ids[i] = e.ID
	}
	names := fileNames(ids)
	for _, e := range res.Events {
		if len(e.Minutes) == 0 {
			continue // no bar in the span: nothing to draw
		}
		spec, err := intradayPathSpec(res.Config, e, suffix, opts.Style)
		if err != nil {
			return drawn, notes, fmt.Errorf("chart intraday-%s: %w", names[e.ID], err)
		}
		if !anyFinite(spec.Path, spec.Lo, spec.Hi) {
			notes = append(notes, fmt.Sprintf("charts/intraday-%s not drawn: event %s has no price path (the bar before %s is missing)",
				names[e.ID], e.ID, e.Bars[0].Start.In(res.Config.Calendar.Location).Format("15:04")))
			continue
		}
		p, err := chart.IntradayPath(spec)
		if err := save(dir, "intraday-"+names[e.ID], p, err, opts); err != nil {
			return drawn, notes, err
		}
		add("intraday-"+names[e.ID], spec.Title)
	}
	return drawn, notes, nil
}

// anyFinite reports whether any of the series has a finite value.
func anyFinite(series ...[]float64) bool {
	for _, s := range series {
		for _, v := range s {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				return true
			}
		}
	}
	return false
}

// newsLabel is the clock time and zone of a timestamp in loc: "14:00
// America/New_York" (with seconds when it has them).
func newsLabel(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	layout := "15:04"
	if t.Second() != 0 || t.Nanosecond() != 0 {
		layout = "15:04:05"
	}
	return t.Format(layout) + " " + loc.String()
}

// intradayPathSpec lays out one event's price path: minutes from the
// news, the windows moved by the wait for the open when the news came
// before it, and the band of its estimation days.
func intradayPathSpec(cfg intraday.Config, e *intraday.Event, suffix string, style chart.Style) (chart.IntradayPathChart, error) {
	loc := cfg.Calendar.Location
	news := e.News.In(loc)
	wait := e.Clock.Sub(e.News).Minutes()
	c := chart.IntradayPathChart{
		Title:    fmt.Sprintf("%s, %s, news %s%s", e.ID, e.Ticker, news.Format("2 Jan 2006"), suffix),
		Name:     e.Ticker,
		Minutes:  e.Minutes,
		Interval: e.Interval.Minutes(),
		Path:     e.Path,
		News:     newsLabel(news, loc),
		NewsTime: news,
		Style:    style,
	}
	if wait > 0 {
		c.News += ", clock from " + e.Clock.In(loc).Format("15:04")
	}
	for _, w := range cfg.Windows {
		if len(c.Windows) == 4 {
			break // the chart shades four apart
		}
		cw := chart.MinuteWindow{From: w.From.Minutes() + wait, To: w.To.Minutes() + wait}
		if wait != 0 {
			cw.Label = w.String() + " from " + e.Clock.In(loc).Format("15:04")
		}
		c.Windows = append(c.Windows, cw)
	}
	from := "the close before the news"
	if atOpen(cfg, e) {
		from = "the open"
		c.YLabel = "Return from the session's open"
	}
	c.Subtitle = fmt.Sprintf("%s bars; return from %s", barLength(e.Interval), from)
	n := 0
	for _, p := range e.EstPaths {
		if len(p) == len(e.Minutes) {
			n++
		}
	}
	if n >= 2 {
		paths := make([][]float64, 0, n)
		for _, p := range e.EstPaths {
			if len(p) == len(e.Minutes) {
				paths = append(paths, p)
			}
		}
		lo, hi, err := chart.PathBand(paths, pathBandLo, pathBandHi)
		if err != nil {
			return c, err
		}
		c.Lo, c.Hi = lo, hi
		c.BandName = fmt.Sprintf("%d estimation days, 5th-95th percentile", n)
		c.Subtitle += fmt.Sprintf("; band: 5th-95th percentile of %d estimation days, same clock times", n)
	}
	if len(cfg.Windows) > len(c.Windows) {
		c.Subtitle += fmt.Sprintf("; the first %d of %d windows shaded", len(c.Windows), len(cfg.Windows))
	}
	return c, nil
}

// barLength names a bar interval: "5-minute", "1-hour", "30-second".
func barLength(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%d-hour", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%d-minute", d/time.Minute)
	}
	return fmt.Sprintf("%g-second", d.Seconds())
}

// atOpen reports whether an event's path starts at its session's first
// bar, whose return is measured from the open (the overnight gap is never
// a return).
func atOpen(cfg intraday.Config, e *intraday.Event) bool {
	if len(e.Bars) == 0 || cfg.Calendar == nil {
		return false
	}
	hs, ok := cfg.Calendar.Hours(e.Session)
	if !ok {
		return false
	}
	open := hs.Open
	if cfg.Hours.Extended {
		open = 4 * time.Hour
	}
	st := e.Bars[0].Start.In(cfg.Calendar.Location)
	h, m, s := st.Clock()
	return time.Duration(h)*time.Hour+time.Duration(m)*time.Minute+time.Duration(s)*time.Second == open
}

// minuteCAARSpec lays out the mean CAR per minute of the event clock
// across events.
func minuteCAARSpec(res *intraday.Result, suffix string, style chart.Style) chart.MinuteCAARChart {
	cfg := res.Config
	c := chart.MinuteCAARChart{
		Title: fmt.Sprintf("CAAR per minute, %s model, %d events%s", cfg.Model, len(res.Events), suffix),
		Subtitle: "CAR from the span's first bar, mean across events by minute of the event clock; " +
			"band: mean ± 1.96 standard errors",
		News:   "event clock 0",
		XLabel: "Minutes from the event clock: the news, or the open it waits for (bar start)",
		Style:  style,
	}
	for _, p := range res.Minute {
		c.Minutes = append(c.Minutes, p.Minute)
		c.CAAR = append(c.CAAR, p.Mean)
		c.Lo = append(c.Lo, p.Lo)
		c.Hi = append(c.Hi, p.Hi)
	}
	return c
}
