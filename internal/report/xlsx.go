package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/par"
	"github.com/eventstudy/eventstudy/internal/prices"
	"github.com/eventstudy/eventstudy/internal/study"
)

// WriteXLSX writes dir/results.xlsx: a summary sheet (settings, counts,
// input files), the charts as PNG images, and one sheet per table of the
// CSV files (car, aar, tests, ar, skipped and, for a study split into
// groups, group_aar, group_tests and group_differences). Numbers are
// numbers, returns carry a percent format, header rows are frozen. A sheet
// longer than Excel's 1,048,576 rows (ar of a large batch) ends with a row
// saying how many rows were left out; the CSV file has them all. title,
// when set, says what was studied.
func WriteXLSX(dir string, res *study.Result, meta Meta, title string) error {
	data, err := workbook(res, meta, title, xlsxRowLimit)
	if err != nil {
		return fmt.Errorf("results.xlsx: %w", err)
	}
	return WriteFileAtomic(filepath.Join(dir, "results.xlsx"), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
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
	// numbers replays, per sheet, the exact form of each number cell in
	// the order written (see exactNumbers).
	numbers map[string]func(emit func(string))
}

// table writes a sheet of n rows; row fills the values of row i (one per
// column: float64 with NaN for missing, int, string or bool). Rows beyond
// the limit are left out, and the last row says so.
func (b *xlsxBook) table(sheet, csvName string, cols []xcol, freezeCols, n int, row func(i int, vals []any)) error {
	f, st := b.f, b.st
	if _, err := f.NewSheet(sheet); err != nil {
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
	shown := min(n, b.rowLimit)
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
	b.numbers[sheet] = func(emit func(string)) {
		for i := range shown {
			row(i, vals)
			for _, v := range vals {
				switch x := v.(type) {
				case int:
					emit(strconv.Itoa(x))
				case float64:
					if !math.IsNaN(x) && !math.IsInf(x, 0) {
						emit(strconv.FormatFloat(x, 'G', -1, 64))
					}
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
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return nil, err
	}
	cfg := res.Config
	if cfg.Volume {
		// Log volumes, their ARs, CARs and CAARs are not percentages.
		st.pct = st.num
	}
	retStyle := st.pct // ar.csv's returns
	b := &xlsxBook{f: f, st: st, rowLimit: rowLimit, numbers: map[string]func(func(string)){}}

	if err := f.SetSheetName("Sheet1", "summary"); err != nil {
		return nil, err
	}
	if err := xlsxSummary(f, st, res, meta, title); err != nil {
		return nil, err
	}
	if err := xlsxCharts(f, res, title, meta.Style); err != nil {
		return nil, err
	}

	// car: as car.csv, one row per event and window.
	carCols := []xcol{{"event_id", 22, st.text}, {"ticker", 10, st.text}, {"market", 10, st.text}, {"event_date", 20, st.text},
		{"day0", 11, st.date}, {"from", 6, st.int}, {"to", 6, st.int}, {"car", 10, st.pct}, {"car_t", 8, st.stat},
		{"car_p", 8, st.p}, {"df", 6, st.int}, {"bhar", 10, st.pct}, {"n_est", 7, st.int}, {"confounded", 11, st.text},
		{"confounded_with", 18, st.text}}
	for _, x := range res.Extra {
		carCols = append(carCols, xcol{x, max(10, float64(len(x))+2), st.text})
	}
	nw := len(cfg.Windows)
	err = b.table("car", "car.csv", carCols, 2, len(res.Events)*nw, func(i int, v []any) {
		e, wr := res.Events[i/nw], res.Events[i/nw].Windows[i%nw]
		copy(v, []any{e.ID, e.Ticker, e.Market, e.Written, excelDate(e.Day0), wr.Window.From, wr.Window.To, wr.CAR, wr.T, wr.P,
			wr.DF, wr.BHAR, e.Fit.M, e.Confounders > 0, e.ConfoundedText(" ")})
		for k, x := range e.Extra {
			v[15+k] = cellText(x)
		}
	})
	if err != nil {
		return nil, err
	}

	if err := b.aar("aar", "aar.csv", res.Days); err != nil {
		return nil, err
	}
	if err := b.tests("tests", "tests.csv", testRecords(res.Days, res.Windows)); err != nil {
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
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "eventstudy " + meta.Version, Title: xlsxTitle(res, title),
		Description: "Results of an event study; the CSV files beside this workbook hold the same tables"}); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	// canonicalZip rewrites every part and compresses it: excelize stores
	// them uncompressed (its compression took 8.5 of 29 s for 100,000
	// events, only to be undone). The uncompressed archive costs about
	// 600 MB more at that size (peak 5.0 GB against 4.4); excelize
	// compressing at flate.BestSpeed instead took 36 s and 4.6 GB.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return storeZip{zip.NewWriter(w)} })
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return canonicalZip(buf.Bytes(), b.numbers)
}

func xlsxTitle(res *study.Result, title string) string {
	if title != "" {
		return title
	}
	return "Event study: " + res.Describe()
}

// xlsxSummary fills the summary sheet: what was studied, the settings, the
// counts and the input files.
func xlsxSummary(f *excelize.File, st xlsxStyles, res *study.Result, meta Meta, title string) error {
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
		if len(r) >= 2 && (r[0] == "setting" || r[0] == "count" || r[0] == "input") {
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
	for col, w := range map[string]float64{"A": 42, "B": 60, "C": 10, "D": 66} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	return nil
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
	// 8 x 4.5 inches at 96 dpi is 768 x 432 pixels; rows are 20 pixels.
	row := 1
	for _, fig := range figs {
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
	return f.SetColWidth(sh, "A", "A", 2)
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
		{"statistic", 10, st.stat}, {"p_value", 9, st.p}, {"df", 7, st.text}, {"n", 7, st.int}, {"note", 100, st.text}}
}

func testRow(r testRecord) []any {
	var day any = r.RelDay
	if d, err := strconv.Atoi(r.RelDay); err == nil {
		day = d
	}
	return []any{r.Scope, day, r.From, r.To, r.Test, float64(r.Statistic), float64(r.PValue), float64(r.DF), r.N, r.Note}
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
	for _, g := range res.Groups {
		for _, d := range g.Days {
			days = append(days, gday{g.Name, d})
		}
		for _, r := range testRecords(g.Days, g.Windows) {
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

// canonicalZip rewrites a zip archive with its entries in name order:
// excelize writes the parts of streamed sheets, and the image types of
// [Content_Types].xml, in map order, so that two runs would otherwise give
// different bytes. The entries are copied as they are (compressed, without
// time stamps: excelize sets none), but for [Content_Types].xml, whose
// Default elements (a set) are sorted, and the sheets of numbers (the
// parts of the sheets named in numbers), whose numbers are written exactly
// (exactNumbers).
func canonicalZip(b []byte, numbers map[string]func(func(string))) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return nil, err
	}
	exact := map[string]func(func(string)){}
	for sheet, replay := range numbers {
		p, ok := parts[sheet]
		if !ok {
			return nil, fmt.Errorf("no part for sheet %s", sheet)
		}
		exact[p] = replay
	}
	files := slices.Clone(zr.File)
	// [Content_Types].xml first, as Office writes it; then by name.
	slices.SortFunc(files, func(a, b *zip.File) int {
		ac, bc := a.Name == "[Content_Types].xml", b.Name == "[Content_Types].xml"
		switch {
		case ac != bc && ac:
			return -1
		case ac != bc:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range files {
		if zf.Name == "[Content_Types].xml" {
			if err := rewritePart(zw, zf, sortTypes); err != nil {
				return nil, err
			}
			continue
		}
		if replay := exact[zf.Name]; replay != nil {
			if err := rewritePart(zw, zf, func(b []byte) ([]byte, error) { return exactNumbers(b, replay) }); err != nil {
				return nil, fmt.Errorf("%s: %w", zf.Name, err)
			}
			continue
		}
		if err := rewritePart(zw, zf, func(b []byte) ([]byte, error) { return b, nil }); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var defaultType = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)

// sortTypes sorts the Default elements of [Content_Types].xml, in place of
// the first one.
func sortTypes(b []byte) ([]byte, error) {
	loc := defaultType.FindAllIndex(b, -1)
	if len(loc) == 0 {
		return b, nil
	}
	var defs [][]byte
	for _, l := range loc {
		defs = append(defs, b[l[0]:l[1]])
	}
	slices.SortFunc(defs, bytes.Compare)
	var out []byte
	out = append(out, b[:loc[0][0]]...)
	out = append(out, bytes.Join(defs, nil)...)
	prev := loc[0][1]
	for _, l := range loc[1:] {
		out = append(out, b[prev:l[0]]...)
		prev = l[1]
	}
	return append(out, b[prev:]...), nil
}

// exactNumbers puts the exact numbers back into a sheet that excelize's
// StreamWriter wrote: it keeps 15 significant digits of a float64 (Excel
// shows no more) and cuts the rest, a relative error of up to 1e-14, so
// that the sheet would not equal the CSV file. A number cell is one without
// a t attribute; replay gives the shortest exact form of each, in the
// order written.
func exactNumbers(b []byte, replay func(func(string))) ([]byte, error) {
	out := make([]byte, 0, len(b)+len(b)/8)
	rest := b
	var err error
	replay(func(v string) {
		if err != nil {
			return
		}
		for {
			i := bytes.Index(rest, []byte("<c r="))
			if i < 0 {
				err = errors.New("fewer number cells than numbers")
				return
			}
			end := bytes.IndexByte(rest[i:], '>')
			if end < 0 {
				err = errors.New("unterminated cell")
				return
			}
			tag := rest[i : i+end+1]
			out = append(out, rest[:i+end+1]...)
			rest = rest[i+end+1:]
			if bytes.Contains(tag, []byte(" t=")) || !bytes.HasPrefix(rest, []byte("<v>")) {
				continue
			}
			stop := bytes.Index(rest, []byte("</v>"))
			if stop < 0 {
				err = errors.New("unterminated value")
				return
			}
			out = append(out, "<v>"...)
			out = append(out, v...)
			rest = rest[stop:]
			return
		}
	})
	if err != nil {
		return nil, err
	}
	if bytes.Contains(rest, []byte("<v>")) && numberCellsLeft(rest) {
		return nil, errors.New("more number cells than numbers")
	}
	return append(out, rest...), nil
}

// numberCellsLeft reports whether b holds a cell without a t attribute
// that has a value.
func numberCellsLeft(b []byte) bool {
	for {
		i := bytes.Index(b, []byte("<c r="))
		if i < 0 {
			return false
		}
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			return false
		}
		tag := b[i : i+end+1]
		b = b[i+end+1:]
		if !bytes.Contains(tag, []byte(" t=")) && bytes.HasPrefix(b, []byte("<v>")) {
			return true
		}
	}
}

// rewritePart writes a zip entry changed by edit.
func rewritePart(zw *zip.Writer, zf *zip.File, edit func([]byte) ([]byte, error)) error {
	r, err := zf.Open()
	if err != nil {
		return err
	}
	b, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		return err
	}
	if b, err = edit(b); err != nil {
		return err
	}
	z := deflate(b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(b),
		CompressedSize64: uint64(len(z)), UncompressedSize64: uint64(len(b))})
	if err != nil {
		return err
	}
	_, err = w.Write(z)
	return err
}

// storeZip is a zip writer that stores its files uncompressed.
type storeZip struct{ *zip.Writer }

func (z storeZip) Create(name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
}

// deflate compresses b as one raw deflate stream, in chunks of 1 MB on
// every core: each chunk but the last ends with a sync flush, so that their
// concatenation is one stream (as pigz does), and the result does not
// depend on the number of cores. Compressing the 1,000,000-row ar sheet of
// a 100,000-event study on one core took 14 of 29 s. (flate.BestSpeed
// would save 4.5 s more of the 28 and make the file 32% larger.)
func deflate(b []byte) []byte {
	const chunk = 1 << 20
	n := max(1, (len(b)+chunk-1)/chunk)
	parts := make([][]byte, n)
	par.For(0, n, func(i int) {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.DefaultCompression) // the level is valid
		fw.Write(b[i*chunk : min((i+1)*chunk, len(b))])          // a bytes.Buffer does not fail
		if i == n-1 {
			fw.Close()
		} else {
			fw.Flush()
		}
		parts[i] = buf.Bytes()
	})
	return bytes.Join(parts, nil)
}

// sheetParts maps each sheet's name to its part in the archive, from
// xl/workbook.xml and its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	read := func(name string) ([]byte, error) {
		r, err := zr.Open(name)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return io.ReadAll(r)
	}
	wb, err := read("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	rels, err := read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rel struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(wb, &book); err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(rels, &rel); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, sh := range book.Sheets {
		for _, r := range rel.Rels {
			if r.ID == sh.ID {
				out[sh.Name] = path.Join("xl", strings.TrimPrefix(r.Target, "/xl/"))
			}
		}
	}
	return out, nil
}
