package chart

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MinuteWindow is an intraday event window: the bars that start in
// [From, To) minutes relative to the news. Label names it in the legend
// (default: String), e.g. as the user wrote it on an event clock that
// starts at the open rather than at the news.
type MinuteWindow struct {
	From, To float64
	Label    string
}

// String returns the window as --windows takes it: "0m:30m".
func (w MinuteWindow) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "m" }
	return f(w.From) + ":" + f(w.To)
}

// name is the window's legend text.
func (w MinuteWindow) name() string {
	return orDefault(oneLine(w.Label), w.String())
}

// IntradayPathChart is the price path of one security around one news
// timestamp, bar by bar.
type IntradayPathChart struct {
	// Title, e.g. "S&P 500 around the US open, 14 Nov 2025", and Subtitle,
	// which should say what the band is.
	Title, Subtitle string
	// Minutes are the start times of the bars relative to the news, in
	// minutes, strictly increasing. Consecutive bars further apart than
	// Interval (a lunch break, a missing bar) leave a gap in the lines.
	Minutes []float64
	// Interval is the bar length in minutes; 0 means the smallest step
	// between consecutive Minutes.
	Interval float64
	// Path is the cumulative return (a fraction) from the close of the
	// bar before the event's first bar to the close of each bar, one per
	// minute; NaN or ±Inf leaves a gap.
	Path []float64
	// Lo and Hi bound the band of the estimation days' paths at the same
	// clock times (see PathBand), one per minute, NaN where unknown; both
	// nil for no band.
	Lo, Hi []float64
	// Name is the security (default "Security"); BandName says what the
	// band is (default "Estimation days"); YLabel is the label of the
	// y axis (default "Return from the close before the news"; say "from
	// the open" when the path starts at a session's first bar).
	Name, BandName, YLabel string
	// Windows are the event windows, shaded; at most four.
	Windows []MinuteWindow
	// News labels the line at minute 0: the clock time and zone of the
	// news, e.g. "14:00 America/New_York".
	News string
	// NewsTime, when set, is the news timestamp in the exchange's zone:
	// an axis across the overnight is then labelled with clock times.
	NewsTime time.Time
	// Style is the look of the figure (zero value: Default).
	Style Style
}

// MinuteCAARChart is a cross-event intraday study: the average abnormal
// return per bar relative to the news and its cumulation with a band.
type MinuteCAARChart struct {
	Title, Subtitle string
	// Minutes and Interval are as in IntradayPathChart.
	Minutes  []float64
	Interval float64
	// AAR (nil for none), CAAR and the 95% band (Lo, Hi) as fractions,
	// one per minute; NaN or ±Inf leaves a gap.
	AAR, CAAR, Lo, Hi []float64
	// News and NewsTime are as in IntradayPathChart.
	News     string
	NewsTime time.Time
	// XLabel labels the minutes (default "Minutes from the news (bar
	// start)"), for a clock that is not the news itself.
	XLabel string
	// Style is the look of the figure (zero value: Default).
	Style Style
}

const (
	minuteAxisLabel = "Minutes from the news (bar start)"
	pathAxisLabel   = "Return from the close before the news"
	closedName      = "Market closed (shortened)"
	// maxWindows is how many windows a path chart shades apart.
	maxWindows = 4
)

// Gaps between bars longer than collapseGap minutes (the overnight and
// the weekend; not the HKEX lunch break) are drawn shownGap minutes wide.
const (
	collapseGap = 180
	shownGap    = 30
)

// minuteAxis is the x axis of an intraday figure: the minutes of the bars
// and x, where they are drawn, which is the minutes less the collapsed
// part of any long gap before them.
type minuteAxis struct {
	minutes, x []float64
	interval   float64
	cuts       []cut
	// clock, when set, is the news time: the ticks of an axis with a
	// collapsed gap are labelled with clock times in its location.
	clock time.Time
}

// cut is a collapsed gap, from one bar's start to the next (or to or from
// the news), in minutes.
type cut struct{ from, to float64 }

// newMinuteAxis checks that minutes are finite and strictly increasing,
// fixes the bar interval, and collapses long gaps.
func newMinuteAxis(what string, minutes []float64, interval float64) (minuteAxis, error) {
	n := len(minutes)
	if n == 0 {
		return minuteAxis{}, fmt.Errorf("%s: no minutes: %w", what, ErrEmpty)
	}
	for i, m := range minutes {
		if !finite(m) || math.Abs(m) > maxDrawable {
			return minuteAxis{}, fmt.Errorf("%s: minute %g at index %d: %w", what, m, i, ErrValue)
		}
		if i > 0 && m <= minutes[i-1] {
			return minuteAxis{}, fmt.Errorf("%s: minute %g at index %d does not follow %g: %w", what, m, i, minutes[i-1], ErrOrder)
		}
	}
	if !finite(interval) || interval < 0 {
		return minuteAxis{}, fmt.Errorf("%s: bar interval %g: %w", what, interval, ErrValue)
	}
	if interval == 0 {
		interval = math.Inf(1)
		for i := 1; i < n; i++ {
			interval = min(interval, minutes[i]-minutes[i-1])
		}
		if n == 1 {
			interval = 1
		}
	}
	a := minuteAxis{minutes: minutes, interval: interval}
	// The news (minute 0) is a point of the axis too: news after the
	// close stays next to the close, and the night after it is cut.
	pts := slices.Clone(minutes)
	if i, found := slices.BinarySearch(pts, 0); !found {
		pts = slices.Insert(pts, i, 0)
	}
	for i := 1; i < len(pts); i++ {
		if pts[i]-pts[i-1] > max(collapseGap, 4*shownGap, 2*interval) {
			a.cuts = append(a.cuts, cut{pts[i-1], pts[i]})
		}
	}
	a.x = make([]float64, n)
	for i, m := range minutes {
		a.x[i] = a.at(m)
	}
	return a, nil
}

// at is where minute m is drawn: less the collapsed part of the cuts
// before it; inside a cut, in proportion.
func (a minuteAxis) at(m float64) float64 {
	off := 0.0
	for _, c := range a.cuts {
		if m >= c.to {
			off += c.to - c.from - shownGap
			continue
		}
		if m > c.from {
			return c.from - off + (m-c.from)*shownGap/(c.to-c.from)
		}
		break
	}
	return m - off
}

// brk says whether a line breaks before bar i: the bar does not follow
// the one before it (within a millionth of the interval).
func (a minuteAxis) brk(i int) bool {
	return a.minutes[i]-a.minutes[i-1] > a.interval*(1+1e-6)
}

// setRange sets the x range of p: the bars and 0 (the news), half an
// interval beyond, and the ticks.
func (a minuteAxis) setRange(p *plot.Plot, windows []MinuteWindow) {
	lo, hi := min(a.minutes[0], 0), max(a.minutes[len(a.minutes)-1], 0)
	for _, w := range windows {
		lo, hi = min(lo, w.From), max(hi, w.To)
	}
	p.X.Min, p.X.Max = a.at(lo)-a.interval/2, a.at(hi)+a.interval/2
	p.X.Label.Text = minuteAxisLabel
	t := minuteTicks{axis: &a}
	if len(a.cuts) > 0 {
		p.X.Label.Text = minuteAxisLabel + "; market closed: not to scale"
		if !a.clock.IsZero() {
			p.X.Label.Text = fmt.Sprintf("Clock time (%s; bar start); market closed: not to scale", a.clock.Location())
			t.clock = true
		}
	}
	p.X.Tick.Marker = t
}

// closed marks the collapsed gaps: a pale stripe the height of the plot.
func (a minuteAxis) closed(lk *look) []shade {
	var out []shade
	for _, c := range a.cuts {
		// From the end of the bar before the night (or from the news).
		from, to := a.at(c.from), a.at(c.to)
		if _, bar := slices.BinarySearch(a.minutes, c.from); bar && to-from > a.interval {
			from += a.interval
		}
		out = append(out, shade{from: from, to: to, color: lk.closed})
	}
	return out
}

// checkSeries checks that each series has one drawable value per minute
// (optional ones may be nil) and that at least one value is finite.
func checkSeries(what string, minutes []float64, series []namedSeries) error {
	anyFinite := false
	for _, s := range series {
		if s.v == nil && s.optional {
			continue
		}
		if len(s.v) != len(minutes) {
			return fmt.Errorf("%s: %s has %d values, want %d (one per minute): %w", what, s.name, len(s.v), len(minutes), ErrLength)
		}
		for i, v := range s.v {
			if err := drawable(v); err != nil {
				return fmt.Errorf("%s: %s at minute %g: %w", what, s.name, minutes[i], err)
			}
			anyFinite = anyFinite || finite(v)
		}
	}
	if !anyFinite {
		names := ""
		for i, s := range series {
			if i > 0 {
				names += ", "
			}
			names += s.name
		}
		return fmt.Errorf("%s: no finite value in %s: %w", what, names, ErrEmpty)
	}
	return nil
}

type namedSeries struct {
	name     string
	v        []float64
	optional bool
}

// addLines draws v as lines over its runs (a marker for a lone point) and
// returns the boxes they occupy.
func addLines(p *plot.Plot, what string, a minuteAxis, v []float64, style draw.LineStyle) ([]box, error) {
	var occupied []box
	for _, r := range runs(len(v), a.brk, v) {
		occupied = append(occupied, spanBoxes(a.x, r, v, v)...)
		xys := make(plotter.XYs, len(r))
		for k, i := range r {
			xys[k] = plotter.XY{X: a.x[i], Y: v[i]}
		}
		if len(xys) == 1 {
			s, err := plotter.NewScatter(xys)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", what, err)
			}
			s.GlyphStyle = draw.GlyphStyle{Color: style.Color, Radius: vg.Points(1.5), Shape: draw.CircleGlyph{}}
			p.Add(s)
			continue
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		l.LineStyle = style
		p.Add(l)
	}
	return occupied, nil
}

// addBand draws the band between lo and hi over their common runs and
// returns it with the boxes it occupies; nil when nothing is drawn.
func addBand(a minuteAxis, lo, hi []float64, fill plotter.Polygon) (*plotter.Polygon, []box) {
	if lo == nil || hi == nil {
		return nil, nil
	}
	var occupied []box
	band := fill
	for _, r := range runs(len(a.x), a.brk, lo, hi) {
		band.XYs = append(band.XYs, bandRing(a.x, r, lo, hi))
		occupied = append(occupied, spanBoxes(a.x, r, lo, hi)...)
	}
	if len(band.XYs) == 0 {
		return nil, nil
	}
	return &band, occupied
}

// newsLine is the dashed line at minute 0 and its legend text.
func newsLine(lk *look, a minuteAxis, news string) (refLine, string) {
	label := "News"
	if s := oneLine(news); s != "" {
		// No-break spaces: Liberation kerns a space before "A" to almost
		// nothing, and "14:00 America/New_York" ran together.
		label += ": " + strings.ReplaceAll(s, " ", "\u00a0")
	}
	return refLine{vertical: true, at: a.at(0), style: lk.day0}, label
}

// windowShares are the fills of the windows of a path chart, from the
// widest (palest) to the narrowest, as shares of the strong event colour
// blended with white; a single window takes the event colour of the
// price chart.
var windowShares = []float64{0.12, 0.24, 0.38, 0.55}

// IntradayPath returns the figure of one security around a news
// timestamp: its cumulative return bar by bar as a line, the band of the
// estimation days' paths at the same clock times, the event windows
// shaded, and a dashed line at the news.
func IntradayPath(c IntradayPathChart) (*plot.Plot, error) {
	const what = "intraday path chart"
	a, err := newMinuteAxis(what, c.Minutes, c.Interval)
	if err != nil {
		return nil, err
	}
	name := orDefault(oneLine(c.Name), "Security")
	if (c.Lo == nil) != (c.Hi == nil) {
		return nil, fmt.Errorf("%s: the band needs both Lo and Hi: %w", what, ErrLength)
	}
	if err := checkSeries(what, c.Minutes, []namedSeries{{name: name, v: c.Path}, {name: "Lo", v: c.Lo, optional: true}, {name: "Hi", v: c.Hi, optional: true}}); err != nil {
		return nil, err
	}
	if len(c.Windows) > maxWindows {
		return nil, fmt.Errorf("%s: %d windows, at most %d are shaded apart: %w", what, len(c.Windows), maxWindows, ErrRange)
	}
	for _, w := range c.Windows {
		if !finite(w.From) || !finite(w.To) || w.From >= w.To || math.Abs(w.From) > maxDrawable || math.Abs(w.To) > maxDrawable {
			return nil, fmt.Errorf("%s: window %s is empty or reversed: %w", what, w, ErrRange)
		}
	}

	a.clock = c.NewsTime
	lk := c.Style.look()
	p := newPlot(lk, c.Title, c.Subtitle)
	closed := a.closed(lk)
	for _, sh := range closed {
		p.Add(sh)
	}
	p.Y.Label.Text = orDefault(oneLine(c.YLabel), pathAxisLabel)
	p.Y.Tick.Marker = valueTicks{percent: true}
	leg := legend{look: lk}
	var occupied []box

	// Windows from the widest to the narrowest, so that each shows.
	wins := slices.Clone(c.Windows)
	slices.SortStableFunc(wins, func(x, y MinuteWindow) int {
		return -cmpFloat(x.To-x.From, y.To-y.From)
	})
	shades := make([]shade, len(wins))
	for i, w := range wins {
		shades[i] = shade{from: a.at(w.From), to: a.at(w.To), color: windowColor(lk, i, len(wins))}
		p.Add(shades[i])
	}

	band, bandBoxes := addBand(a, c.Lo, c.Hi, plotter.Polygon{Color: lk.pathBand})
	var edged *edgedBand
	if band != nil {
		// The band's edges are drawn as well, so that it stands out from
		// the window shades (in Paper, greys both).
		edged = &edgedBand{fill: lk.pathBand, edge: lk.bandEdge}
		p.Add(band)
		occupied = append(occupied, bandBoxes...)
	}
	p.Add(grid(lk))
	if band != nil {
		for _, v := range [][]float64{c.Lo, c.Hi} {
			if _, err := addLines(p, what, a, v, lk.bandEdge); err != nil {
				return nil, err
			}
		}
	}
	p.Add(refLine{at: 0, style: lk.zero})
	occupied = append(occupied, box{math.Inf(-1), math.Inf(1), 0, 0})
	news, newsText := newsLine(lk, a, c.News)
	p.Add(news)
	occupied = append(occupied, box{news.at, news.at, math.Inf(-1), math.Inf(1)})

	lines, err := addLines(p, what, a, c.Path, lk.security)
	if err != nil {
		return nil, err
	}
	occupied = append(occupied, lines...)

	a.setRange(p, c.Windows)
	p.Y.Min, p.Y.Max = valueRange(0, c.Path, c.Lo, c.Hi)

	leg.add(name, &plotter.Line{LineStyle: lk.security})
	if band != nil {
		leg.add(orDefault(oneLine(c.BandName), "Estimation days"), edged)
	}
	leg.add(newsText, news)
	if len(closed) > 0 {
		leg.add(closedName, closed[0])
	}
	// The legend lists the windows in the order given.
	for _, w := range c.Windows {
		for i := range wins {
			if wins[i] == w {
				leg.add("Window "+w.name(), shades[i])
				break
			}
		}
	}
	leg.place(p, occupied)
	return p, nil
}

// windowColor is the fill of the i-th of n windows (widest first): the
// event colour, paler for wider windows.
func windowColor(lk *look, i, n int) color.Color {
	if n == 1 {
		return lk.event
	}
	return tint(lk.eventStrong, windowShares[len(windowShares)-n+i])
}

// MinuteCAAR returns the figure of a cross-event intraday study: AAR per
// bar as grey bars (when given), CAAR as a line over its shaded band,
// against the minutes from the news, with a dashed line at the news.
func MinuteCAAR(c MinuteCAARChart) (*plot.Plot, error) {
	const what = "minute caar chart"
	a, err := newMinuteAxis(what, c.Minutes, c.Interval)
	if err != nil {
		return nil, err
	}
	if err := checkSeries(what, c.Minutes, []namedSeries{{name: "AAR", v: c.AAR, optional: true}, {name: "CAAR", v: c.CAAR}, {name: "Lo", v: c.Lo}, {name: "Hi", v: c.Hi}}); err != nil {
		return nil, err
	}
	a.clock = c.NewsTime
	lk := c.Style.look()
	p := newPlot(lk, c.Title, c.Subtitle)
	closed := a.closed(lk)
	for _, sh := range closed {
		p.Add(sh)
	}
	p.Y.Label.Text = Returns.name("cumulative average ")
	p.Y.Tick.Marker = valueTicks{percent: true}
	var occupied []box

	band, bandBoxes := addBand(a, c.Lo, c.Hi, plotter.Polygon{Color: lk.band})
	if band != nil {
		p.Add(band)
		occupied = append(occupied, bandBoxes...)
	}
	p.Add(grid(lk))
	var b *bars
	if c.AAR != nil {
		b = &bars{width: 0.7 * a.interval, color: lk.bar}
		for i, v := range c.AAR {
			if finite(v) {
				b.xys = append(b.xys, plotter.XY{X: a.x[i], Y: v})
				occupied = append(occupied, box{a.x[i] - b.width/2, a.x[i] + b.width/2, min(v, 0), max(v, 0)})
			}
		}
		p.Add(b)
	}
	p.Add(refLine{at: 0, style: lk.zero})
	occupied = append(occupied, box{math.Inf(-1), math.Inf(1), 0, 0})
	news, newsText := newsLine(lk, a, c.News)
	p.Add(news)
	occupied = append(occupied, box{news.at, news.at, math.Inf(-1), math.Inf(1)})
	lines, err := addLines(p, what, a, c.CAAR, lk.line)
	if err != nil {
		return nil, err
	}
	occupied = append(occupied, lines...)

	a.setRange(p, nil)
	if l := oneLine(c.XLabel); l != "" && len(a.cuts) == 0 {
		p.X.Label.Text = l
	}
	p.Y.Min, p.Y.Max = valueRange(0, c.AAR, c.CAAR, c.Lo, c.Hi)

	leg := legend{look: lk}
	if b != nil {
		leg.add("AAR", b)
	}
	leg.add("CAAR", &plotter.Line{LineStyle: lk.line})
	if band != nil {
		leg.add(bandName, band)
	}
	leg.add(newsText, news)
	if len(closed) > 0 {
		leg.add(closedName, closed[0])
	}
	leg.place(p, occupied)
	return p, nil
}

// edgedBand is the legend swatch of a band drawn with its edges.
type edgedBand struct {
	fill color.Color
	edge draw.LineStyle
}

// Thumbnail implements plot.Thumbnailer.
func (b *edgedBand) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.fill, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
	c.StrokeLine2(b.edge, c.Min.X, c.Min.Y, c.Max.X, c.Min.Y)
	c.StrokeLine2(b.edge, c.Min.X, c.Max.Y, c.Max.X, c.Max.Y)
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// minuteSteps are the label steps of a minute axis: whole minutes, then
// quarter and half hours, hours, and multiples of a day.
var minuteSteps = []float64{1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 7200, 14400}

// minuteTicks marks minutes relative to the news at multiples of a step
// from minuteSteps (so 0 is labelled), at most maxDayTicks labels, with
// unlabelled ticks at a finer step between them. On an axis with
// collapsed gaps, each stretch between them is ticked on its own; with
// clock set, the ticks fall on and are labelled with clock times.
type minuteTicks struct {
	axis  *minuteAxis
	clock bool
}

// Ticks implements plot.Ticker.
func (t minuteTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !finite(hi-lo) {
		return nil
	}
	step, k := 0.0, 0
	for i, s := range minuteSteps {
		if lastMultiple(hi, s)-firstMultiple(lo, s)+1 <= maxDayTicks {
			step, k = s, i
			break
		}
	}
	if step == 0 {
		step = niceStep(lo, hi, maxDayTicks)
		if step == 0 {
			return nil
		}
	}
	minor := 0.0
	for i := k - 1; i >= 0 && step > 1; i-- {
		if m := minuteSteps[i]; math.Mod(step, m) == 0 && step/m <= 6 {
			minor = m
			break
		}
	}
	// Stretches of the axis in minutes, each with the offset at which it
	// is drawn.
	type stretch struct{ from, to, off float64 }
	stretches := []stretch{{math.Inf(-1), math.Inf(1), 0}}
	var shift float64 // minutes from a multiple of the step to the news
	var clock time.Time
	if t.axis != nil {
		stretches = stretches[:0]
		from, off := math.Inf(-1), 0.0
		for _, c := range t.axis.cuts {
			stretches = append(stretches, stretch{from, c.from, off})
			from, off = c.to, off+c.to-c.from-shownGap
		}
		stretches = append(stretches, stretch{from, math.Inf(1), off})
		if t.clock {
			clock = t.axis.clock
			h, m, s := clock.Clock()
			shift = float64(h*60+m) + float64(s)/60 + float64(clock.Nanosecond())/6e10
		}
	}
	var ticks []plot.Tick
	for _, s := range stretches {
		a, b := max(s.from, lo+s.off), min(s.to, hi+s.off)
		if a > b {
			continue
		}
		for m := firstMultiple(a+shift, step); m <= lastMultiple(b+shift, step); m++ {
			v := float64(m)*step - shift
			label := strconv.FormatFloat(v, 'f', -1, 64)
			if t.clock {
				label = clock.Add(time.Duration(math.Round(v * float64(time.Minute)))).Format("15:04")
			}
			ticks = append(ticks, plot.Tick{Value: v - s.off, Label: label})
		}
		if minor == 0 {
			continue
		}
		for m := firstMultiple(a+shift, minor); m <= lastMultiple(b+shift, minor); m++ {
			if v := float64(m) * minor; math.Mod(v, step) != 0 {
				ticks = append(ticks, plot.Tick{Value: v - shift - s.off})
			}
		}
	}
	return ticks
}
