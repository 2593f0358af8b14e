// Command gen writes the synthetic example study bundled with eventstudy:
// a market index and 40 securities over three years of trading days, and an
// event list with a known abnormal return injected on event day 0.
//
// Every number is synthetic. Regenerate with
//
//	go run ./data/gen -out data/demo
//
// The output depends only on the seed: rerunning it rewrites identical files.
package main

import (
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

const (
	// InjectedAR is the abnormal return added on day 0 of every event: the
	// effect the demo study must find.
	injectedAR = 0.02
	nSecs      = 40
	nEvents    = 300
	market     = "SYNMKT"
)

func main() {
	out := flag.String("out", "data/demo", "output directory")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := generate(*out, *seed); err != nil {
		log.Fatal(err)
	}
}

func generate(dir string, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 2025))
	days := tradingDays(time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	n := len(days)

	// Market: daily simple returns, mean 0.03%, sd 1%.
	rm := make([]float64, n)
	for t := 1; t < n; t++ {
		rm[t] = 0.0003 + 0.01*rng.NormFloat64()
	}
	type sec struct {
		ticker      string
		alpha, beta float64
		sd          float64
		first       int // index of the first trading day (listing)
		r           []float64
	}
	secs := make([]*sec, nSecs)
	for i := range secs {
		s := &sec{
			ticker: fmt.Sprintf("SYN%03d", i+1),
			alpha:  0.0002 * rng.NormFloat64(),
			beta:   0.6 + 0.8*rng.Float64(),
			sd:     0.012 + 0.013*rng.Float64(),
		}
		if i == nSecs-1 {
			// The last security lists late, so that events soon after its
			// listing have too short an estimation window and are skipped.
			s.first = indexOnOrAfter(days, time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC))
		}
		s.r = make([]float64, n)
		for t := s.first + 1; t < n; t++ {
			s.r[t] = s.alpha + s.beta*rm[t] + s.sd*rng.NormFloat64()
		}
		secs[i] = s
	}

	// Events: a random security and calendar date (weekends included, so
	// that day 0 moves to the next trading day) in 2023-2024.
	type event struct {
		id, ticker string
		date       time.Time
	}
	var events []event
	start := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	span := int(time.Date(2024, 12, 13, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	for k := range nEvents {
		s := secs[rng.IntN(nSecs)]
		d := start.AddDate(0, 0, rng.IntN(span))
		events = append(events, event{fmt.Sprintf("E%03d", k+1), s.ticker, d})
		i := indexOnOrAfter(days, d)
		if i > s.first {
			s.r[i] += injectedAR
		}
	}
	// One event names a security with no prices: the study lists it as
	// skipped.
	events = append(events, event{"E301", "SYN999", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)})

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Prices: a long panel date,ticker,close, 4 decimals, gzip-compressed.
	pf, err := os.Create(filepath.Join(dir, "synthetic_prices.csv.gz"))
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(pf)
	w := csv.NewWriter(zw)
	w.Write([]string{"date", "ticker", "close"})
	level := 4000.0
	prices := make([]float64, nSecs)
	for i := range prices {
		prices[i] = 20 + 80*rng.Float64()
	}
	for t, d := range days {
		ds := d.Format(time.DateOnly)
		level *= 1 + rm[t]
		w.Write([]string{ds, market, strconv.FormatFloat(level, 'f', 2, 64)})
		for i, s := range secs {
			if t < s.first {
				continue
			}
			prices[i] *= 1 + s.r[t]
			w.Write([]string{ds, s.ticker, strconv.FormatFloat(prices[i], 'f', 4, 64)})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := pf.Close(); err != nil {
		return err
	}

	ef, err := os.Create(filepath.Join(dir, "synthetic_events.csv"))
	if err != nil {
		return err
	}
	w = csv.NewWriter(ef)
	// sector is a synthetic characteristic (by ticker number, no random
	// draw) for studies split into groups: eventstudy run --group sector.
	sectors := []string{"energy", "retail", "tech"}
	w.Write([]string{"id", "ticker", "date", "injected_ar", "sector"})
	for _, e := range events {
		n, _ := strconv.Atoi(e.ticker[3:])
		w.Write([]string{e.id, e.ticker, e.date.Format(time.DateOnly), strconv.FormatFloat(injectedAR, 'f', -1, 64), sectors[n%3]})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return ef.Close()
}

// tradingDays lists weekdays from first to last, less New Year's Day and
// Christmas: a synthetic exchange calendar with holidays.
func tradingDays(first, last time.Time) []time.Time {
	var days []time.Time
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		if (d.Month() == time.January && d.Day() == 1) || (d.Month() == time.December && d.Day() == 25) {
			continue
		}
		days = append(days, d)
	}
	return days
}

func indexOnOrAfter(days []time.Time, d time.Time) int {
	for i, x := range days {
		if !x.Before(d) {
			return i
		}
	}
	return len(days) - 1
}
