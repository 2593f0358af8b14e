package fetch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"
	_ "time/tzdata" // exchange zones on machines without a zoneinfo database
)

// Bar is one bar of a chart. Time is in the exchange's zone. A bar has a
// close (and an adjusted close when the chart has them: HasAdj); a null
// open, high, low or volume is kept as missing and written as an empty
// cell, never as 0.
type Bar struct {
	Time                             time.Time
	Open, High, Low, Close, Adj      float64
	Volume                           float64
	Dividend, Split                  float64 // 0 when none
	hasOpen, hasHigh, hasLow, hasVol bool
}

// Chart is a parsed chart.result[0].
type Chart struct {
	Symbol      string
	Zone        string // meta.exchangeTimezoneName
	Granularity string // meta.dataGranularity: 1d, 1m, 30m, ...
	Loc         *time.Location
	HasAdj      bool // indicators.adjclose present
	Bars        []Bar
	Nulls       int // bars without a close, skipped
	Dropped     int // bars outside the period asked for (see Select)
	dividends   map[int64]float64
	splits      map[int64]float64
}

type chartJSON struct {
	Chart struct {
		Result []resultJSON `json:"result"`
		Error  *APIError    `json:"error"`
	} `json:"chart"`
}

type resultJSON struct {
	Meta struct {
		Symbol               string `json:"symbol"`
		ExchangeTimezoneName string `json:"exchangeTimezoneName"`
		Timezone             string `json:"timezone"`
		GMTOffset            int    `json:"gmtoffset"`
		DataGranularity      string `json:"dataGranularity"`
	} `json:"meta"`
	Timestamp []int64 `json:"timestamp"`
	Events    struct {
		Dividends map[string]struct {
			Amount float64 `json:"amount"`
			Date   int64   `json:"date"`
		} `json:"dividends"`
		Splits map[string]struct {
			Date        int64   `json:"date"`
			Numerator   float64 `json:"numerator"`
			Denominator float64 `json:"denominator"`
		} `json:"splits"`
	} `json:"events"`
	Indicators struct {
		Quote []struct {
			Open   []*float64 `json:"open"`
			High   []*float64 `json:"high"`
			Low    []*float64 `json:"low"`
			Close  []*float64 `json:"close"`
			Volume []*float64 `json:"volume"`
		} `json:"quote"`
		Adjclose []struct {
			Adjclose []*float64 `json:"adjclose"`
		} `json:"adjclose"`
	} `json:"indicators"`
}

// ParseChart parses the body of a chart API answer. An HTML page, an empty
// body and chart.error are errors (ErrHTML, ErrEmpty, *APIError); a result
// without bars is a Chart with none.
func ParseChart(body []byte) (*Chart, error) {
	trim := bytes.TrimSpace(body)
	switch {
	case len(trim) == 0:
		return nil, ErrEmpty
	case trim[0] == '<':
		return nil, ErrHTML
	}
	var doc chartJSON
	if err := json.Unmarshal(trim, &doc); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if e := doc.Chart.Error; e != nil {
		return nil, e
	}
	if len(doc.Chart.Result) == 0 {
		return nil, fmt.Errorf("no chart.result in the response")
	}
	r := doc.Chart.Result[0]
	c := &Chart{
		Symbol:      r.Meta.Symbol,
		Zone:        r.Meta.ExchangeTimezoneName,
		Granularity: r.Meta.DataGranularity,
		dividends:   map[int64]float64{},
		splits:      map[int64]float64{},
	}
	loc, err := time.LoadLocation(c.Zone)
	if err != nil || c.Zone == "" {
		// Not a zone Go knows: the fixed offset Yahoo states is the best left.
		loc = time.FixedZone(r.Meta.Timezone, r.Meta.GMTOffset)
	}
	c.Loc = loc
	for _, d := range r.Events.Dividends {
		c.dividends[d.Date] += d.Amount
	}
	for _, s := range r.Events.Splits {
		if s.Denominator != 0 {
			c.splits[s.Date] = s.Numerator / s.Denominator
		}
	}
	n := len(r.Timestamp)
	if n == 0 {
		return c, nil
	}
	if len(r.Indicators.Quote) == 0 {
		return nil, fmt.Errorf("%d timestamps but no indicators.quote", n)
	}
	q := r.Indicators.Quote[0]
	for _, col := range []struct {
		name string
		v    []*float64
	}{{"open", q.Open}, {"high", q.High}, {"low", q.Low}, {"close", q.Close}, {"volume", q.Volume}} {
		if len(col.v) != n {
			return nil, fmt.Errorf("indicators.quote %s has %d values for %d timestamps", col.name, len(col.v), n)
		}
	}
	var adj []*float64
	if len(r.Indicators.Adjclose) > 0 {
		adj = r.Indicators.Adjclose[0].Adjclose
		if len(adj) != n {
			return nil, fmt.Errorf("indicators.adjclose has %d values for %d timestamps", len(adj), n)
		}
		c.HasAdj = true
	}
	for i, ts := range r.Timestamp {
		if q.Close[i] == nil || (adj != nil && adj[i] == nil) {
			c.Nulls++
			continue
		}
		b := Bar{Time: time.Unix(ts, 0).In(loc), Close: *q.Close[i]}
		b.Volume, b.hasVol = opt(q.Volume[i])
		b.Open, b.hasOpen = opt(q.Open[i])
		b.High, b.hasHigh = opt(q.High[i])
		b.Low, b.hasLow = opt(q.Low[i])
		if adj != nil {
			b.Adj = *adj[i]
		}
		c.Bars = append(c.Bars, b)
	}
	sort.SliceStable(c.Bars, func(i, j int) bool { return c.Bars[i].Time.Before(c.Bars[j].Time) })
	return c, nil
}

// cell is a CSV number; ok false writes an empty cell.
type cell struct {
	v  float64
	ok bool
}

func opt(p *float64) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}

// Select keeps the bars in [from, to), the period of the request, counting
// the others in Dropped: Yahoo appends the live price after the period
// asked for. It adds the dividends and splits to the bars they fall on.
func (c *Chart) Select(from, to time.Time) { c.Dropped += c.keep(from, to) }

// SelectDates keeps the daily bars whose session date, in the exchange's
// zone, is from to to inclusive. The bars it removes are not counted: the
// request is widened by a day on each side (see Yahoo.ChartURL) and they
// are the neighbouring sessions it brings.
func (c *Chart) SelectDates(from, to time.Time) {
	lo := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, c.Loc)
	hi := time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, c.Loc)
	c.keep(lo, hi)
}

// keep keeps the bars in [from, to), matches the events to them by date in
// the exchange's zone, and returns how many it removed.
func (c *Chart) keep(from, to time.Time) int {
	kept := c.Bars[:0]
	for _, b := range c.Bars {
		if !b.Time.Before(from) && b.Time.Before(to) {
			kept = append(kept, b)
		}
	}
	removed := len(c.Bars) - len(kept)
	c.Bars = kept
	byDate := make(map[string]int, len(c.Bars))
	for i, b := range c.Bars {
		byDate[b.Date()] = i
	}
	for ts, amount := range c.dividends {
		if i, ok := byDate[time.Unix(ts, 0).In(c.Loc).Format(time.DateOnly)]; ok {
			c.Bars[i].Dividend = amount
		}
	}
	for ts, ratio := range c.splits {
		if i, ok := byDate[time.Unix(ts, 0).In(c.Loc).Format(time.DateOnly)]; ok {
			c.Bars[i].Split = ratio
		}
	}
	return removed
}

// Date is the bar's session date in the exchange's zone.
func (b Bar) Date() string { return b.Time.Format(time.DateOnly) }

// WriteCSV writes daily bars in the yfinance history() layout that package
// prices reads: Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock
// Splits (no Adj Close when the chart has none). Numbers are the shortest
// decimals that read back as Yahoo's values, so the bytes depend on the
// response alone. Two bars on one date (a live bar beside the session's) are
// an error.
func (c *Chart) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if c.HasAdj {
		bw.WriteString("Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits\n")
	} else {
		bw.WriteString("Date,Open,High,Low,Close,Volume,Dividends,Stock Splits\n")
	}
	prev := ""
	for _, b := range c.Bars {
		d := b.Date()
		if d == prev {
			return fmt.Errorf("two bars on %s", d)
		}
		prev = d
		bw.WriteString(d)
		cells := []cell{{b.Open, b.hasOpen}, {b.High, b.hasHigh}, {b.Low, b.hasLow}, {b.Close, true}}
		if c.HasAdj {
			cells = append(cells, cell{b.Adj, true})
		}
		for _, f := range append(cells, cell{b.Volume, b.hasVol}, cell{b.Dividend, true}, cell{b.Split, true}) {
			bw.WriteByte(',')
			if f.ok {
				bw.WriteString(strconv.FormatFloat(f.v, 'f', -1, 64))
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
