package report

import (
	"fmt"
	"slices"

	"github.com/eventstudy/eventstudy/internal/intraday"
	"github.com/xuri/excelize/v2"
)

// WriteIntradayXLSX writes dir/results.xlsx: a summary sheet and the tables
// of the CSV files (car, ar, tests, caar_minute, skipped), numbers exact. A
// per-event table longer than xlsxSheetRows (IntradayXLSXLeftOut) is left
// out, its sheet saying so and naming the CSV file.
func WriteIntradayXLSX(dir string, res *intraday.Result, meta Meta, title string) error {
	return writeWorkbook(dir, meta, func() ([]byte, error) {
		return intradayWorkbook(res, meta, title, xlsxRowLimit, xlsxSheetRows)
	})
}

// IntradayXLSXLeftOut lists the per-event tables of res that results.xlsx
// leaves out; nil when it holds them all.
func IntradayXLSXLeftOut(res *intraday.Result) []SheetLeftOut {
	return intradayLeftOut(res, xlsxSheetRows)
}

// intradayLeftOut lists the per-event tables longer than limit rows: car
// (one row per event and window), ar (per event and bar) and skipped.
func intradayLeftOut(res *intraday.Result, limit int) []SheetLeftOut {
	var cars, bars int
	for _, e := range res.Events {
		cars += len(e.Windows)
		bars += len(e.Bars)
	}
	var out []SheetLeftOut
	for _, t := range []SheetLeftOut{
		{"car", "car.csv", cars, limit},
		{"ar", "ar.csv", bars, limit},
		{"skipped", "skipped.csv", len(res.Skipped), limit},
	} {
		if t.Rows > limit {
			out = append(out, t)
		}
	}
	return out
}

func intradayWorkbook(res *intraday.Result, meta Meta, title string, rowLimit, sheetRows int) ([]byte, error) {
	b, err := newBook(rowLimit)
	if err != nil {
		return nil, err
	}
	b.leave(intradayLeftOut(res, sheetRows))
	f, st := b.f, b.st
	defer f.Close()
	if title == "" {
		title = "Intraday event study"
	}
	cfg := res.Config
	lines := []string{title,
		fmt.Sprintf("%d events (%d skipped), model %s %s, %d estimation sessions, %s", len(res.Events), len(res.Skipped), cfg.Model, cfg.Market, cfg.EstDays, cfg.Calendar.Code)}
	lines = append(lines, res.Notes...)
	for _, s := range intradayLeftOut(res, sheetRows) {
		if n := s.Note(); !slices.Contains(res.Notes, n) { // the run adds it to the notes
			lines = append(lines, n)
		}
	}
	for i, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetCellStr("summary", cell, l); err != nil {
			return nil, err
		}
	}
	type carRow struct {
		e *intraday.Event
		w intraday.WindowResult
	}
	var cars []carRow
	type arRow struct {
		e *intraday.Event
		b intraday.BarRow
	}
	var ars []arRow
	for _, e := range res.Events {
		for _, w := range e.Windows {
			cars = append(cars, carRow{e, w})
		}
		if _, left := b.leftOut["ar"]; !left { // a sheet left out needs no rows
			for _, x := range e.Bars {
				ars = append(ars, arRow{e, x})
			}
		}
	}
	carCols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"first_bar", 20, st.text}, {"window", 10, st.text}, {"bars", 6, st.int},
		{"return", 10, st.pct}, {"overnight_return", 10, st.pct}, {"car", 10, st.pct}, {"t", 8, st.stat}, {"p", 8, st.p},
		{"percentile", 10, st.stat}, {"p_empirical", 10, st.p}, {"estimation_days", 8, st.int}, {"note", 50, st.text}}
	if err := b.table("car", "car.csv", carCols, 2, len(cars), func(i int, v []any) {
		c := cars[i]
		copy(v, []any{cellText(c.e.ID), cellText(c.e.Ticker), c.e.FirstBar.Format("2006-01-02 15:04"), c.w.Window.String(), c.w.NBars,
			c.w.Return, c.w.Overnight, c.w.CAR, c.w.T, c.w.P, c.w.Pctl, c.w.PEmp, c.w.NEst, c.w.Note})
	}); err != nil {
		return nil, err
	}
	arCols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"bar_start", 20, st.text}, {"minute", 8, st.stat},
		{"return", 10, st.pct}, {"market_return", 10, st.pct}, {"normal", 10, st.pct}, {"ar", 10, st.pct}, {"car", 10, st.pct}}
	if err := b.table("ar", "ar.csv", arCols, 2, len(ars), func(i int, v []any) {
		a := ars[i]
		copy(v, []any{cellText(a.e.ID), cellText(a.e.Ticker), a.b.Start.Format("2006-01-02 15:04"), a.b.Minute, a.b.Return, a.b.Market, a.b.Normal, a.b.AR, a.b.CAR})
	}); err != nil {
		return nil, err
	}
	type testRow struct {
		w string
		i int
	}
	var tests []testRow
	for i, w := range cfg.Windows {
		for j := range res.Cross[i] {
			tests = append(tests, testRow{w.String(), i*100 + j})
		}
	}
	testCols := []xcol{{"window", 10, st.text}, {"test", 12, st.text}, {"stat", 8, st.stat}, {"p", 8, st.p}, {"n", 6, st.int}, {"na", 30, st.text}}
	if err := b.table("tests", "tests.csv", testCols, 1, len(tests), func(i int, v []any) {
		r := res.Cross[tests[i].i/100][tests[i].i%100]
		copy(v, []any{tests[i].w, r.Test, r.Stat, r.P, r.N, r.NA})
	}); err != nil {
		return nil, err
	}
	minCols := []xcol{{"minute", 8, st.stat}, {"mean_car", 10, st.pct}, {"lo95", 10, st.pct}, {"hi95", 10, st.pct}, {"n", 6, st.int}}
	if err := b.table("caar_minute", "caar_minute.csv", minCols, 1, len(res.Minute), func(i int, v []any) {
		p := res.Minute[i]
		copy(v, []any{p.Minute, p.Mean, p.Lo, p.Hi, p.N})
	}); err != nil {
		return nil, err
	}
	skipCols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"written", 20, st.text}, {"reason", 90, st.text}}
	if err := b.table("skipped", "skipped.csv", skipCols, 0, len(res.Skipped), func(i int, v []any) {
		s := res.Skipped[i]
		copy(v, []any{cellText(s.ID), cellText(s.Ticker), cellText(s.Written), s.Reason})
	}); err != nil {
		return nil, err
	}
	return b.finish(meta, title, "Results of an intraday event study; the CSV files beside this workbook hold the same tables")
}
