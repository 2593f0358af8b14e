package report

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/study"
)

// WriteXLSX writes dir/results.xlsx: a summary sheet (settings, counts,
// input files), the charts as PNG images, and one sheet per table of the
// CSV files (car, aar, tests, ar, skipped and, for a study split into
// groups, group_aar, group_tests and group_differences). Numbers are
// numbers, returns carry a percent format, header rows are frozen. A sheet
// longer than Excel's 1,048,576 rows ends with a row saying how many rows
// were left out; the CSV file has them all. A table of one row per event
// (and window or day) longer than xlsxSheetRows is left out whole
// (XLSXLeftOut): its sheet and the summary sheet say so and name the CSV
// file that has it. title, when set, says what was studied.
func WriteXLSX(dir string, res *study.Result, meta Meta, title string) error {
	return writeWorkbook(dir, meta, func() ([]byte, error) { return workbook(res, meta, title, xlsxRowLimit) })
}

// xlsxSheetRows is the most rows a per-event table (car, fit, ar, skipped)
// of the workbook holds; a longer one is left out, so that the workbook's
// cost does not grow with the number of events: each row costs 30 to 40 µs
// of CPU (excelize's row writer, the exact numbers, compressing), and at
// 100,000 events the 1,076,130 rows of ar and 293,490 of car took 16 to 18 s
// more than the study (README, "Large studies"). ar.csv, car.csv and
// fit.csv hold every row, and open in Excel or any tool.
const xlsxSheetRows = 100_000

// SheetLeftOut is a per-event table that results.xlsx leaves out: its
// sheet, the CSV file that has it, its rows and the most a sheet holds.
type SheetLeftOut struct {
	Sheet, CSV  string
	Rows, Limit int
}

// Note says in a sentence (lower case, no full stop) which table is left
// out, why and where it is.
func (s SheetLeftOut) Note() string {
	return fmt.Sprintf("the %s sheet is left out of results.xlsx: its %d rows are more than the %d a per-event sheet holds; %s has them all", s.Sheet, s.Rows, s.Limit, s.CSV)
}

// XLSXLeftOut lists the per-event tables of res that results.xlsx leaves
// out, in the workbook's order; nil when it holds them all.
func XLSXLeftOut(res *study.Result) []SheetLeftOut { return xlsxLeftOut(res, xlsxSheetRows) }

// xlsxLeftOut lists the per-event tables longer than limit rows: car (one
// row per event and window), fit (per event), ar (per event and day of the
// span) and skipped. The other tables' rows are set by the settings
// (windows, days, tests, groups), not by the number of events.
func xlsxLeftOut(res *study.Result, limit int) []SheetLeftOut {
	n := len(res.Events)
	var out []SheetLeftOut
	for _, t := range []SheetLeftOut{
		{"car", "car.csv", n * len(res.Config.Windows), limit},
		{"fit", "fit.csv", n, limit},
		{"ar", "ar.csv", n * res.Config.Span().Len(), limit},
		{"skipped", "skipped.csv", len(res.Skipped), limit},
	} {
		if t.Rows > limit {
			out = append(out, t)
		}
	}
	return out
}

// writeWorkbook writes dir/results.xlsx, built whole by build (excelize
// holds the workbook in memory anyway) before the file is opened.
func writeWorkbook(dir string, meta Meta, build func() ([]byte, error)) error {
	data, err := build()
	if err != nil {
		return fmt.Errorf("results.xlsx: %w", err)
	}
	return meta.Outputs.Write(filepath.Join(dir, "results.xlsx"), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// newBook starts a workbook whose first sheet is named summary; the caller
// closes b.f.
func newBook(rowLimit int) (*xlsxBook, error) {
	f := excelize.NewFile()
	st, err := newXLSXStyles(f)
	if err == nil {
		err = f.SetSheetName("Sheet1", "summary")
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxBook{f: f, st: st, rowLimit: rowLimit, numbers: map[string]replay{}, leftOut: map[string]string{}}, nil
}

// leave marks the tables of lo as left out: table writes their sheets as a
// note instead of their rows.
func (b *xlsxBook) leave(lo []SheetLeftOut) {
	for _, s := range lo {
		b.leftOut[s.Sheet] = s.Note()
	}
}

// finish sets the document properties and returns the workbook's bytes:
// the parts in name order, each compressed once, the numbers exact
// (xlsxZip). No time of writing, so that the same results give the same
// bytes: the created and modified times are the zip entries' DOS epoch,
// written out rather than left to excelize's template.
func (b *xlsxBook) finish(meta Meta, title, description string) ([]byte, error) {
	const noTime = "1980-01-01T00:00:00Z"
	if err := b.f.SetDocProps(&excelize.DocProperties{Creator: "eventstudy " + meta.Version, Title: title,
		Description: description, Created: noTime, Modified: noTime}); err != nil {
		return nil, err
	}
	// The summary, excelize's first sheet, is the active and selected one
	// as excelize starts a file: no SetActiveSheet(0), which would parse
	// back every streamed sheet of under 16 MB (excelize's
	// StreamChunkSize) into its cell model to unselect it; at 20,000
	// events that was 0.7 s of 2.2 and the memory of the fit sheet's cells.
	// The part of each sheet, as excelize names it (the zip writer checks
	// it against the workbook).
	sheetPart := map[string]string{}
	for id, name := range b.f.GetSheetMap() {
		sheetPart[name] = "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
	}
	b.f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return newXLSXZip(w, b.numbers, sheetPart) })
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	header, pct, stat, p, num, int, text, wrap, date int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	add := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	pctFmt, pFmt, numFmt, dateFmt := "0.00%", "0.0000", "0.000000", "yyyy-mm-dd"
	add(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF1F5"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "9AA3B2", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"}})
	add(&s.pct, &excelize.Style{CustomNumFmt: &pctFmt})
	add(&s.stat, &excelize.Style{NumFmt: 2}) // 0.00
	add(&s.p, &excelize.Style{CustomNumFmt: &pFmt})
	add(&s.num, &excelize.Style{CustomNumFmt: &numFmt})
	add(&s.int, &excelize.Style{NumFmt: 1}) // 0
	add(&s.text, &excelize.Style{})
	add(&s.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	add(&s.date, &excelize.Style{CustomNumFmt: &dateFmt})
	return s, err
}

// excelDate is the Excel serial number of d (days since 1899-12-30), a
// date cell under the date style: Excel sorts, filters and computes with
// it, and shows it as yyyy-mm-dd, as the CSV writes it.
func excelDate(d prices.Date) int { return int(d) + 25569 }

// xcol is a column of a sheet: its header, width and the style of its
// cells.
type xcol struct {
	name  string
	width float64
	style int
}

// xlsxRowLimit is how many data rows a sheet holds: Excel's limit less the
// header and the note on the rows left out.
const xlsxRowLimit = excelize.TotalRows - 2

// xlsxBook is a workbook being written.
type xlsxBook struct {
	f        *excelize.File
	st       xlsxStyles
	rowLimit int // data rows a sheet holds (xlsxRowLimit; less in tests)
	// numbers replays, per sheet, the number cells (column, row, value)
	// in the order written, to be written exactly (see xlsxZip).
	numbers map[string]replay
	// leftOut is the note, by sheet, of the tables left out (leave).
	leftOut map[string]string
}

// table writes a sheet of n rows; row fills the values of row i (one per
// column: float64 with NaN for missing, int, string or bool). Rows beyond
// the limit are left out, and the last row says so.
func (b *xlsxBook) table(sheet, csvName string, cols []xcol, freezeCols, n int, row func(i int, vals []any)) error {
	f, st := b.f, b.st
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	if note, ok := b.leftOut[sheet]; ok {
		// The sheet stays, where its reader looks for it, with the note.
		if err := printSetup(f, sheet, false, 1, 1, false); err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, "A", "A", 120); err != nil {
			return err
		}
		return f.SetCellStr(sheet, "A1", strings.ToUpper(note[:1])+note[1:])
	}
	shown := min(n, b.rowLimit)
	lastRow := shown + 1
	if n > shown {
		lastRow++ // the note on the rows left out
	}
	width := 0.0
	for _, c := range cols {
		width += c.width
	}
	// Before the stream writer, which writes the sheet's properties first.
	if err := printSetup(f, sheet, width > portraitWidth, len(cols), lastRow, true); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	top, _ := excelize.CoordinatesToCellName(freezeCols+1, 2)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: freezeCols, YSplit: 1, TopLeftCell: top, ActivePane: paneName(freezeCols)}); err != nil {
		return err
	}
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = excelize.Cell{StyleID: st.header, Value: c.name}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for i := range shown {
		row(i, vals)
		for j, v := range vals {
			if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
				v = nil // a missing value is an empty cell, as in the CSV
			}
			cells[j] = excelize.Cell{StyleID: cols[j].style, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if n > shown {
		cell, _ := excelize.CoordinatesToCellName(1, shown+2)
		msg := fmt.Sprintf("%d more rows are left out (a sheet holds at most %d rows); %s has all %d", n-shown, b.rowLimit+2, csvName, n)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: st.header, Value: msg}}); err != nil {
			return err
		}
	}
	b.numbers[sheet] = func(emit func(col, row int, v float64)) {
		for i := range shown {
			row(i, vals)
			for j, v := range vals {
				if x, ok := v.(float64); ok && !math.IsNaN(x) && !math.IsInf(x, 0) {
					emit(j+1, i+2, x)
				}
			}
		}
	}
	return sw.Flush()
}

func paneName(freezeCols int) string {
	if freezeCols > 0 {
		return "bottomRight"
	}
	return "bottomLeft"
}

// cellText is a text field of the event list: a number when it reads as one
// and prints back the same (so "0.5" is a number and "007" stays text).
func cellText(s string) any {
	if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) && strconv.FormatFloat(v, 'g', -1, 64) == s {
		return v
	}
	return s
}

func workbook(res *study.Result, meta Meta, title string, rowLimit int) ([]byte, error) {
	return workbookWith(res, meta, title, rowLimit, xlsxSheetRows)
}

// workbookWith is workbook with the per-event tables longer than sheetRows
// left out.
func workbookWith(res *study.Result, meta Meta, title string, rowLimit, sheetRows int) ([]byte, error) {
	b, err := newBook(rowLimit)
	if err != nil {
		return nil, err
	}
	f := b.f
	defer f.Close()
	cfg := res.Config
	if cfg.Volume {
		// Log volumes, their ARs, CARs and CAARs are not percentages.
		b.st.pct = b.st.num
	}
	st := b.st
	retStyle := st.pct // ar.csv's returns
	lo := xlsxLeftOut(res, sheetRows)
	b.leave(lo)
	if err := xlsxSummary(f, st, res, meta, title, lo); err != nil {
		return nil, err
	}
	if err := xlsxCharts(f, res, title, meta.Style); err != nil {
		return nil, err
	}

	// car: as car.csv, one row per event and window.
	carCols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"market", 10, st.text}, {"event_date", 20, st.text},
		{"day0", 11, st.date}, {"from", 6, st.int}, {"to", 6, st.int}, {"car", 10, st.pct}, {"car_t", 8, st.stat},
		{"car_p", 8, st.p}, {"sq_p", 8, st.p}, {"df", 6, st.int}, {"bhar", 10, st.pct}, {"n_est", 7, st.int}, {"confounded", 11, st.text},
		{"confounded_with", 18, st.text}, {"sq_note", 40, st.text}}
	for _, x := range res.Extra {
		// Excel's columns are at most 255 wide: a long column name must
		// not fail the workbook.
		carCols = append(carCols, xcol{x, min(max(10, float64(len(x))+2), excelize.MaxColumnWidth), st.text})
	}
	nw := len(cfg.Windows)
	err = b.table("car", "car.csv", carCols, 2, len(res.Events)*nw, func(i int, v []any) {
		e, wr := res.Events[i/nw], res.Events[i/nw].Windows[i%nw]
		copy(v, []any{e.ID, e.Ticker, e.Market, e.Written, excelDate(e.Day0), wr.Window.From, wr.Window.To, wr.CAR, wr.T, wr.P, wr.SQ.P,
			wr.DF, wr.BHAR, e.Fit.M, e.Confounders > 0, e.ConfoundedText(" "), SQNote(wr.SQ)})
		for k, x := range e.Extra {
			v[17+k] = cellText(x)
		}
	})
	if err != nil {
		return nil, err
	}

	if err := b.fit(res); err != nil {
		return nil, err
	}

	if err := b.aar("aar", "aar.csv", res.Days); err != nil {
		return nil, err
	}
	all, _ := studyTestRecords(res)
	if err := b.tests("tests", "tests.csv", all); err != nil {
		return nil, err
	}
	if err := b.robustness(meta.Models); err != nil {
		return nil, err
	}
	if err := b.placebo(res); err != nil {
		return nil, err
	}

	span := cfg.Span()
	days := span.Len()
	arCols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"rel_day", 8, st.int}, {"date", 11, st.date},
		{"return", 10, retStyle}, {"market_return", 14, retStyle}, {"expected", 10, retStyle}, {"ar", 10, retStyle}, {"sar", 8, st.stat}}
	err = b.table("ar", "ar.csv", arCols, 2, len(res.Events)*days, func(i int, v []any) {
		e, d := res.Events[i/days], span.From+i%days
		k := d - e.First
		copy(v, []any{e.ID, e.Ticker, d, excelDate(e.Date(d)), e.Aligned.R[k], e.Aligned.Rm[k], e.Expected[k], e.AR[k], e.SAR[k]})
	})
	if err != nil {
		return nil, err
	}

	skips := skipRecords(res)
	skipCols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"event_date", 20, st.text}, {"line", 7, st.int}, {"reason", 90, st.text}}
	err = b.table("skipped", "skipped.csv", skipCols, 0, len(skips), func(i int, v []any) {
		s := skips[i]
		copy(v, []any{s.EventID, s.Ticker, s.Date, s.Line, s.Reason})
	})
	if err != nil {
		return nil, err
	}

	if len(res.Groups) > 0 {
		if err := b.groups(res); err != nil {
			return nil, err
		}
	}
	return b.finish(meta, xlsxTitle(res, title), "Results of an event study; the CSV files beside this workbook hold the same tables")
}

func xlsxTitle(res *study.Result, title string) string {
	if title != "" {
		return title
	}
	return "Event study: " + res.Describe()
}

// xlsxSummary fills the summary sheet: what was studied, the settings, the
// counts and the input files.
func xlsxSummary(f *excelize.File, st xlsxStyles, res *study.Result, meta Meta, title string, leftOut []SheetLeftOut) error {
	const sh = "summary"
	rows := [][]any{{xlsxTitle(res, title)}, {question(res)}, {}}
	rows = append(rows, []any{"setting", "value"})
	for _, kv := range settingRows(res.Config) {
		rows = append(rows, []any{kv.Key, kv.Value})
	}
	rows = append(rows, []any{"eventstudy version", meta.Version}, []any{}, []any{"count", "events"})
	rows = append(rows,
		[]any{"events in the list", res.Total}, []any{"computed", len(res.Events)}, []any{"skipped", len(res.Skipped)},
		[]any{"securities", len(res.Tickers())}, []any{"confounded", res.Confounded()}, []any{"left out as confounded", res.Dropped})
	if len(leftOut) > 0 {
		rows = append(rows, []any{}, []any{"left out", "why, and where the rows are"})
		for _, s := range leftOut {
			rows = append(rows, []any{s.Sheet, s.Note()})
		}
	}
	if len(meta.Inputs) > 0 {
		rows = append(rows, []any{}, []any{"input", "path", "bytes", "sha256"})
		for _, in := range meta.Inputs {
			rows = append(rows, []any{in.Role, in.Path, in.Bytes, in.SHA256})
		}
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			return err
		}
		if len(r) >= 2 && (r[0] == "setting" || r[0] == "count" || r[0] == "input" || r[0] == "left out") {
			end, _ := excelize.CoordinatesToCellName(len(r), i+1)
			if err := f.SetCellStyle(sh, cell, end, st.header); err != nil {
				return err
			}
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", bold); err != nil {
		return err
	}
	widths := []float64{42, 60, 10, 66} // the inputs' paths and hashes take C and D
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	cols := 2
	if len(meta.Inputs) > 0 {
		cols = 4
	}
	width := 0.0
	for _, w := range widths[:cols] {
		width += w
	}
	return printSetup(f, sh, width > portraitWidth, cols, len(rows), false)
}

// xlsxCharts puts the study's charts as PNG images on the charts sheet, one
// under the other, each under its caption.
func xlsxCharts(f *excelize.File, res *study.Result, title string, style chart.Style) error {
	figs, err := studyFigures(res, title, style)
	if err != nil || len(figs) == 0 {
		return err
	}
	const sh = "charts"
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	// 8 x 4.5 inches at 96 dpi is 768 x 432 pixels; rows are 20 pixels, so
	// that a chart and its caption take 25 rows. Two charts make a page
	// (printed one page wide, portrait): a page break before every other
	// chart, so that none is cut.
	row := 1
	for i, fig := range figs {
		if i > 0 && i%2 == 0 {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.InsertPageBreak(sh, cell); err != nil {
				return err
			}
		}
		b, err := chart.PNG(fig.Plot, figW, figH)
		if err != nil {
			return err
		}
		cell, _ := excelize.CoordinatesToCellName(2, row)
		if err := f.SetCellStr(sh, cell, fig.Caption); err != nil {
			return err
		}
		cell, _ = excelize.CoordinatesToCellName(2, row+1)
		if err := f.AddPictureFromBytes(sh, cell, &excelize.Picture{Extension: ".png", File: b,
			Format: &excelize.GraphicOptions{AltText: fig.Caption, ScaleX: 1, ScaleY: 1}}); err != nil {
			return err
		}
		row += 25
	}
	if err := f.SetColWidth(sh, "A", "A", 2); err != nil {
		return err
	}
	// The charts span columns B to M (2 + 11 x 8.43 characters of the
	// default width, 64 pixels each, hold 768 pixels).
	return printSetup(f, sh, false, 13, row-1, false)
}

func aarCols(st xlsxStyles, group bool) []xcol {
	cols := []xcol{{"rel_day", 8, st.int}, {"n", 7, st.int}, {"aar", 10, st.pct}, {"caar", 10, st.pct}, {"caar_lo95", 10, st.pct}, {"caar_hi95", 10, st.pct}}
	if group {
		cols = append([]xcol{{"group", 14, st.text}}, cols...)
	}
	return cols
}

// xlsxAAR writes the days of a cross-section as aar.csv has them.
func (b *xlsxBook) aar(sheet, csvName string, days []study.Day) error {
	return b.table(sheet, csvName, aarCols(b.st, false), 1, len(days), func(i int, v []any) {
		d := days[i]
		copy(v, []any{d.Day, d.N, d.AAR, d.CAAR, d.Lo, d.Hi})
	})
}

func testCols(st xlsxStyles) []xcol {
	return []xcol{{"scope", 8, st.text}, {"rel_day", 8, st.text}, {"from", 6, st.int}, {"to", 6, st.int}, {"test", 17, st.text},
		{"statistic", 10, st.stat}, {"p_value", 9, st.p}, {"p_holm", 9, st.p}, {"p_bh", 9, st.p}, {"df", 7, st.text}, {"n", 7, st.int}, {"note", 100, st.text}}
}

func testRow(r testRecord) []any {
	var day any = r.RelDay
	if d, err := strconv.Atoi(r.RelDay); err == nil {
		day = d
	}
	return []any{r.Scope, day, r.From, r.To, r.Test, float64(r.Statistic), float64(r.PValue), float64(r.PHolm), float64(r.PBH), float64(r.DF), r.N, r.Note}
}

// xlsxTests writes test records as tests.csv has them.
func (b *xlsxBook) tests(sheet, csvName string, recs []testRecord) error {
	return b.table(sheet, csvName, testCols(b.st), 0, len(recs), func(i int, v []any) {
		copy(v, testRow(recs[i]))
	})
}

// xlsxGroups writes each group's days and tests (with a group column) and
// the tests of the differences between groups (group_tests.csv).
func (b *xlsxBook) groups(res *study.Result) error {
	st := b.st
	type gday struct {
		name string
		d    study.Day
	}
	type gtest struct {
		name string
		r    testRecord
	}
	var days []gday
	var tests []gtest
	_, grecs := studyTestRecords(res)
	for i, g := range res.Groups {
		for _, d := range g.Days {
			days = append(days, gday{g.Name, d})
		}
		for _, r := range grecs[i] {
			tests = append(tests, gtest{g.Name, r})
		}
	}
	err := b.table("group_aar", "groups/NAME/aar.csv", aarCols(st, true), 2, len(days), func(i int, v []any) {
		d := days[i].d
		copy(v, []any{days[i].name, d.Day, d.N, d.AAR, d.CAAR, d.Lo, d.Hi})
	})
	if err != nil {
		return err
	}
	cols := append([]xcol{{"group", 14, st.text}}, testCols(st)...)
	err = b.table("group_tests", "groups/NAME/tests.csv", cols, 1, len(tests), func(i int, v []any) {
		v[0] = tests[i].name
		copy(v[1:], testRow(tests[i].r))
	})
	if err != nil {
		return err
	}
	type diff struct {
		gt study.GroupTest
		k  int
	}
	var diffs []diff
	for _, gt := range res.GroupTests {
		for k := range gt.Tests {
			diffs = append(diffs, diff{gt, k})
		}
	}
	dcols := []xcol{{"from", 6, st.int}, {"to", 6, st.int}, {"group_a", 14, st.text}, {"group_b", 14, st.text}, {"n_a", 6, st.int},
		{"n_b", 6, st.int}, {"caar_a", 10, st.pct}, {"caar_b", 10, st.pct}, {"difference", 11, st.pct}, {"test", 10, st.text},
		{"statistic", 10, st.stat}, {"p_value", 9, st.p}, {"df", 8, st.text}, {"note", 60, st.text}}
	return b.table("group_differences", "group_tests.csv", dcols, 0, len(diffs), func(i int, v []any) {
		gt, t := diffs[i].gt, diffs[i].gt.Tests[diffs[i].k]
		copy(v, []any{gt.Window.From, gt.Window.To, gt.A, gt.B, gt.NA, gt.NB, gt.CAARA, gt.CAARB, gt.CAARA - gt.CAARB,
			t.Test, t.Stat, t.P, t.DF, note(t)})
	})
}

// printSetup makes a sheet print one page wide, as many pages long as it
// takes, in landscape or portrait, its area the cols x rows written, with
// the header row repeated on every page when header is set. Called before
// a sheet's stream writer, which writes the sheet properties first.
func printSetup(f *excelize.File, sheet string, landscape bool, cols, rows int, header bool) error {
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	one, auto, fit := 1, 0, true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, FitToWidth: &one, FitToHeight: &auto}); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(cols, rows, true)
	if err != nil {
		return err
	}
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: q + "$A$1:" + last, Scope: sheet}); err != nil {
		return err
	}
	if !header {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: q + "$1:$1", Scope: sheet})
}

// portraitWidth is how many characters of column width a portrait page
// prints at 100% (Letter or A4, default margins), about: a sheet wider than
// that prints in landscape.
const portraitWidth = 95

// robustness writes the robustness sheet of a run of several models, as
// robustness.csv has it; nothing for a run of one. The other sheets are
// the first model's.
func (b *xlsxBook) robustness(runs []ModelRun) error {
	if len(runs) == 0 {
		return nil
	}
	st := b.st
	var cols []xcol
	for _, h := range robustnessHeader() {
		c := xcol{h, 10, st.stat}
		switch {
		case h == "model" || h == "window":
			c.style = st.text
		case h == "from" || h == "to" || h == "n":
			c.width, c.style = 7, st.int
		case h == "caar":
			c.style = st.pct
		case strings.HasSuffix(h, "_p"):
			c.width, c.style = max(9, float64(len(h))+2), st.p
		default:
			c.width = max(10, float64(len(h))+2)
		}
		cols = append(cols, c)
	}
	type row struct {
		model string
		wt    study.WindowTests
	}
	var rows []row
	for _, r := range runs {
		for _, wt := range r.Windows {
			rows = append(rows, row{r.Config.Model.String(), wt})
		}
	}
	return b.table("robustness", "robustness.csv", cols, 2, len(rows), func(i int, v []any) {
		r := rows[i]
		copy(v, []any{r.model, r.wt.Window.String(), r.wt.Window.From, r.wt.Window.To, r.wt.N, r.wt.CAAR})
		for k, name := range RobustnessTests {
			t, ok := findTest(r.wt.Tests, name)
			if !ok || t.NA != "" {
				t.Stat, t.P = math.NaN(), math.NaN()
			}
			v[6+2*k], v[7+2*k] = t.Stat, t.P
		}
	})
}
