package chart

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PriceChart is the security against the market around one event.
type PriceChart struct {
	Title, Subtitle string
	// Dates are the trading days, strictly increasing.
	Dates []time.Time
	// Security and Market are prices, one per date (NaN or ±Inf for
	// missing); each is rebased to 100 at its first finite value. Market
	// is nil for a study without a benchmark (the constant-mean model):
	// the security is drawn alone.
	Security, Market         []float64
	SecurityName, MarketName string // default "Security" and "Market"
	// EstFrom..EstTo and EventFrom..EventTo are the estimation window and
	// the widest event window, as inclusive indexes into Dates.
	EstFrom, EstTo     int
	EventFrom, EventTo int
	// Day0 is the index into Dates of the event day.
	Day0 int
	// Style is the look of the figure (zero value: Default).
	Style Style
}

const (
	dateLabelLayout = "2 Jan 2006"
	priceAxisLabel  = "Price, rebased (first date = 100)"
	dateAxisLabel   = "Date (trading days only)"
)

// Prices returns the figure of the security and the market, rebased to
// 100, on a trading-day axis (x is the index into Dates, so weekends and
// holidays leave no gaps) labelled with dates, with the estimation and
// event windows shaded and a dashed line at day 0.
func Prices(c PriceChart) (*plot.Plot, error) {
	const what = "price chart"
	n := len(c.Dates)
	if n == 0 {
		return nil, fmt.Errorf("%s: no dates: %w", what, ErrEmpty)
	}
	secName, mktName := orDefault(c.SecurityName, "Security"), orDefault(c.MarketName, "Market")
	for _, s := range []struct {
		name string
		v    []float64
	}{{secName, c.Security}, {mktName, c.Market}} {
		if len(s.v) != n && (s.v != nil || s.name != mktName) {
			return nil, fmt.Errorf("%s: %s has %d prices, want %d (one per date): %w", what, s.name, len(s.v), n, ErrLength)
		}
	}
	for i := 1; i < n; i++ {
		if !c.Dates[i].After(c.Dates[i-1]) {
			return nil, fmt.Errorf("%s: date %s at index %d does not follow %s: %w",
				what, c.Dates[i].Format(time.DateOnly), i, c.Dates[i-1].Format(time.DateOnly), ErrOrder)
		}
	}
	for _, w := range []struct {
		name     string
		from, to int
	}{{"estimation window", c.EstFrom, c.EstTo}, {"event window", c.EventFrom, c.EventTo}, {"day 0", c.Day0, c.Day0}} {
		if w.from < 0 || w.to >= n || w.from > w.to {
			return nil, fmt.Errorf("%s: %s %d..%d is not within 0..%d: %w", what, w.name, w.from, w.to, n-1, ErrRange)
		}
	}
	sec, err := rebase(c.Security)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", what, secName, err)
	}
	var mkt []float64
	if c.Market != nil {
		if mkt, err = rebase(c.Market); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", what, mktName, err)
		}
	}

	lk := c.Style.look()
	p := newPlot(lk, c.Title, c.Subtitle)
	p.X.Label.Text = dateAxisLabel
	p.X.Tick.Marker = plot.ConstantTicks(dateTicks(c.Dates, maxDateTicks))
	p.Y.Label.Text = priceAxisLabel
	p.Y.Tick.Marker = valueTicks{}

	est := shade{from: float64(c.EstFrom) - 0.5, to: float64(c.EstTo) + 0.5, color: lk.est}
	evt := shade{from: float64(c.EventFrom) - 0.5, to: float64(c.EventTo) + 0.5, color: lk.event}
	day0 := refLine{vertical: true, at: float64(c.Day0), style: lk.day0}
	p.Add(est, evt, grid(lk), day0)
	occupied := []box{{float64(c.Day0), float64(c.Day0), math.Inf(-1), math.Inf(1)}}

	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	secStyle, mktStyle := lk.security, lk.market
	for _, s := range []struct {
		v     []float64
		style draw.LineStyle
	}{{mkt, mktStyle}, {sec, secStyle}} {
		if s.v == nil {
			continue // no market
		}
		for _, r := range runs(n, func(int) bool { return false }, s.v) {
			occupied = append(occupied, spanBoxes(x, r, s.v, s.v)...)
			xys := make(plotter.XYs, len(r))
			for k, i := range r {
				xys[k] = plotter.XY{X: x[i], Y: s.v[i]}
			}
			if len(xys) == 1 {
				sc, err := plotter.NewScatter(xys)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", what, err)
				}
				sc.GlyphStyle = draw.GlyphStyle{Color: s.style.Color, Radius: vg.Points(1.25), Shape: draw.CircleGlyph{}}
				p.Add(sc)
				continue
			}
			l, err := plotter.NewLine(xys)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", what, err)
			}
			l.LineStyle = s.style
			p.Add(l)
		}
	}

	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.Y.Min, p.Y.Max = valueRange(100, sec, mkt)

	leg := legend{look: lk}
	leg.add(secName, &plotter.Line{LineStyle: secStyle})
	if mkt != nil {
		leg.add(mktName, &plotter.Line{LineStyle: mktStyle})
	}
	leg.add(fmt.Sprintf("Estimation window (%d days)", c.EstTo-c.EstFrom+1), est)
	leg.add(fmt.Sprintf("Event window (%d days)", c.EventTo-c.EventFrom+1), evt)
	leg.add("Day 0: "+c.Dates[c.Day0].Format(dateLabelLayout), day0)
	leg.place(p, occupied)
	return p, nil
}

// rebase returns the prices divided by the first finite one, times 100.
func rebase(prices []float64) ([]float64, error) {
	base := math.NaN()
	for _, v := range prices {
		if finite(v) {
			base = v
			break
		}
	}
	if math.IsNaN(base) {
		return nil, fmt.Errorf("no finite price: %w", ErrEmpty)
	}
	if base <= 0 {
		return nil, fmt.Errorf("first price %g is not positive: %w", base, ErrValue)
	}
	out := make([]float64, len(prices))
	for i, v := range prices {
		out[i] = v / base * 100
		if err := drawable(out[i]); err != nil {
			return nil, fmt.Errorf("rebased price at index %d: %w", i, err)
		}
	}
	return out, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
