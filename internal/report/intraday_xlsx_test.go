package report

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/eventstudy/eventstudy/internal/intraday"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/stats"
)

// TestIntradayXLSXLeavesOutLongTables: an intraday per-event table longer
// than the sheet limit (injected small) is left out, its sheet and the
// summary saying so once; a limit no table passes gives the workbook of
// the default limit byte for byte.
func TestIntradayXLSXLeavesOutLongTables(t *testing.T) {
	// 3 events x 2 windows = 6 car rows, 3 x 4 bars = 12 ar rows, 1 skipped.
	t0 := time.Date(2024, 3, 20, 14, 0, 0, 0, time.UTC)
	res := &intraday.Result{Config: intraday.Config{Model: intraday.ConstantMean, EstDays: 20, Calendar: &prices.Calendar{Code: "XNYS"},
		Windows: []intraday.Window{{From: 0, To: 5 * time.Minute}, {From: 0, To: 30 * time.Minute}}},
		Skipped: []intraday.Skip{{ID: "S", Ticker: "NOPE", Written: "2024-03-20 14:00", Reason: "no bars"}},
		Cross:   [][]stats.Result{{{Test: "t", Stat: 1, P: 0.3, N: 3}}, {{Test: "t", Stat: 2, P: 0.1, N: 3}}}}
	for i := range 3 {
		e := &intraday.Event{ID: fmt.Sprintf("E%d", i), Ticker: "SPY", FirstBar: t0.AddDate(0, 0, i)}
		for k, w := range res.Config.Windows {
			e.Windows = append(e.Windows, intraday.WindowResult{Window: w, NBars: 5, CAR: float64(i+k) / 1000, T: 1, P: 0.5})
		}
		for j := range 4 {
			e.Bars = append(e.Bars, intraday.BarRow{Start: e.FirstBar.Add(time.Duration(j) * time.Minute), Minute: float64(j), AR: float64(j) / 1e4})
		}
		res.Events = append(res.Events, e)
	}
	carNote := "the car sheet is left out of results.xlsx: its 6 rows are more than the 5 a per-event sheet holds; car.csv has them all"
	arNote := "the ar sheet is left out of results.xlsx: its 12 rows are more than the 5 a per-event sheet holds; ar.csv has them all"
	if lo := intradayLeftOut(res, 5); fmt.Sprint(lo) != fmt.Sprint([]SheetLeftOut{{"car", "car.csv", 6, 5}, {"ar", "ar.csv", 12, 5}}) {
		t.Errorf("left out %v, want car (6 rows) and ar (12)", lo)
	}
	// As the run does: the notes are in res.Notes; the summary has each once.
	withNotes := *res
	withNotes.Notes = []string{arNote}
	for _, r := range []*intraday.Result{res, &withNotes} {
		b, err := intradayWorkbook(r, Meta{Version: "test"}, "", xlsxRowLimit, 5)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for sheet, note := range map[string]string{"car": carNote, "ar": arNote} {
			rows, err := f.GetRows(sheet)
			if err != nil || len(rows) != 1 || len(rows[0]) != 1 || rows[0][0] != "T"+note[1:] {
				t.Errorf("sheet %s: %d rows (%v), want the one cell %q", sheet, len(rows), err, "T"+note[1:])
			}
		}
		summary, _ := f.GetCols("summary")
		for _, note := range []string{carNote, arNote} {
			if len(summary) == 0 || countOf(summary[0], note) != 1 {
				t.Errorf("notes %q: the summary has %q %d times, want once", r.Notes, note, countOf(summary[0], note))
			}
		}
		if rows, _ := f.GetRows("skipped"); len(rows) != 2 {
			t.Errorf("skipped: %d rows, want the header and 1", len(rows))
		}
	}
	a, err := intradayWorkbook(res, Meta{Version: "test"}, "", xlsxRowLimit, 12)
	if err != nil {
		t.Fatal(err)
	}
	b, err := intradayWorkbook(res, Meta{Version: "test"}, "", xlsxRowLimit, xlsxSheetRows)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || intradayLeftOut(res, 12) != nil {
		t.Error("a workbook that leaves nothing out differs from the default one, or says it leaves something out")
	}
}

func countOf(xs []string, s string) int {
	return len(slices.DeleteFunc(slices.Clone(xs), func(x string) bool { return x != s }))
}
