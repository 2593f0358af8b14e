package report

import (
	"bytes"
	"compress/flate"
	"encoding/csv"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// TestXLSXMatchesCSV: every cell of the car, fit, ar, aar, tests and skipped sheets
// equals the CSV file's (numbers exactly, as numbers, not text), and the
// workbook has its formats, frozen headers and charts.
func TestXLSXMatchesCSV(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	list := fx.events(24, []string{"A", "B", "C", "NOPE"}, []string{"surprise", "code", "news"}, func(i int) []string {
		news := "good"
		if i%3 == 0 {
			news = "bad"
		}
		// A number, a code that must stay text, and text.
		return []string{strconv.FormatFloat(float64(i)/8-1, 'g', -1, 64), fmt.Sprintf("%03d", i), news}
	})
	res := fx.run(t, list, "MKT", "news", 300)
	dir := t.TempDir()
	if err := WriteAll(dir, res, Meta{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(dir, res, Meta{Version: "test"}, "a test"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	for _, tc := range []struct{ sheet, file string }{
		{"car", "car.csv"}, {"fit", "fit.csv"}, {"ar", "ar.csv"}, {"aar", "aar.csv"}, {"tests", "tests.csv"}, {"skipped", "skipped.csv"},
		{"group_differences", "group_tests.csv"},
	} {
		compareSheet(t, f, tc.sheet, filepath.Join(dir, tc.file), 0)
	}
	// The groups' tables carry the group name in front.
	for i, g := range res.Groups {
		compareSheetWhere(t, f, "group_aar", filepath.Join(GroupDir(dir, g.Name), "aar.csv"), g.Name, i == 0)
		compareSheetWhere(t, f, "group_tests", filepath.Join(GroupDir(dir, g.Name), "tests.csv"), g.Name, i == 0)
	}

	// Returns are percentages; the t is 0.00; day 0 is a date.
	for cell, want := range map[string]string{"H2": "0.00%", "M2": "0.00%", "I2": "", "E2": "yyyy-mm-dd"} {
		id, err := f.GetCellStyle("car", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		if got != want || cell == "I2" && st.NumFmt != 2 {
			t.Errorf("car!%s: number format %q (%d), want %q", cell, got, st.NumFmt, want)
		}
	}
	for _, sheet := range []string{"car", "aar", "ar", "tests"} {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: panes %+v (%v), want the header row frozen", sheet, p, err)
		}
	}
	// The extra column "code" (007) stays text; "surprise" is a number.
	if typ, _ := f.GetCellType("car", "S2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("car!S2 (code) has type %v, want text", typ)
	}
	if typ, _ := f.GetCellType("car", "R2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("car!R2 (surprise) is text, want a number")
	}
	// Every number of car.csv (columns from, to, car, ... n_est) is a number.
	for _, col := range "FGHIJKLMN" {
		if typ, _ := f.GetCellType("car", string(col)+"2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("car!%c2 is text, want a number", col)
		}
	}

	pics, err := f.GetPictures("charts", "B2")
	if err != nil || len(pics) != 1 {
		t.Fatalf("charts!B2: %d pictures (%v), want the CAAR chart", len(pics), err)
	}
	img, err := png.Decode(bytes.NewReader(pics[0].File))
	if err != nil || img.Bounds().Dx() < 500 {
		t.Errorf("the chart is not a PNG of a figure: %v", err)
	}
	if v, _ := f.GetCellValue("summary", "A2"); !strings.HasPrefix(v, "Was the average return of 3 securities abnormal") {
		t.Errorf("summary!A2 = %q, want the question", v)
	}
}

// TestXLSXDeterministic: the same study gives the same bytes.
func TestXLSXDeterministic(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	res := fx.run(t, fx.events(12, []string{"A", "B", "C"}, nil, nil), "MKT", "", 0)
	a, err := workbook(res, Meta{Version: "test"}, "", xlsxRowLimit)
	if err != nil {
		t.Fatal(err)
	}
	b, err := workbook(res, Meta{Version: "test"}, "", xlsxRowLimit)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two workbooks of the same study differ")
	}
	// No time of writing in the document properties.
	f, err := excelize.OpenReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := f.GetDocProps()
	if err != nil || p.Created != "1980-01-01T00:00:00Z" || p.Modified != p.Created {
		t.Errorf("created %q, modified %q (%v), want 1980-01-01T00:00:00Z", p.Created, p.Modified, err)
	}
}

// TestXLSXRowLimit: a sheet longer than the limit holds its first rows and
// a last row saying how many were left out.
func TestXLSXRowLimit(t *testing.T) {
	fx := newFixture("MKT", "A", "B")
	res := fx.run(t, fx.events(4, []string{"A", "B"}, nil, nil), "MKT", "", 0)
	b, err := workbook(res, Meta{}, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("ar")
	if err != nil {
		t.Fatal(err)
	}
	// 4 events x 5 days = 20 rows: the header, 10 rows and the note.
	if len(rows) != 12 || rows[11][0] != "10 more rows are left out (a sheet holds at most 12 rows); ar.csv has all 20" {
		t.Errorf("ar sheet: %d rows, last %q", len(rows), rows[len(rows)-1])
	}
}

// TestXLSXLeavesOutLongTables: a per-event table longer than the sheet
// limit (injected small here; xlsxSheetRows in a run) is left out, its
// sheet and the summary sheet saying so and naming the CSV file; the other
// sheets are as without a limit, and a limit no table passes gives the
// workbook of today byte for byte.
func TestXLSXLeavesOutLongTables(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	// 12 events computed and 2 skipped (no prices for NOPE): car 12 x 2
	// windows = 24 rows, fit 12, ar 12 x 5 days (-2..2) = 60, skipped 2.
	res := fx.run(t, fx.events(14, []string{"A", "B", "C", "A", "B", "C", "NOPE"}, nil, nil), "MKT", "", 0)
	if len(res.Events) != 12 || len(res.Skipped) != 2 {
		t.Fatalf("%d events, %d skipped; the test wants 12 and 2", len(res.Events), len(res.Skipped))
	}
	dir := t.TempDir()
	if err := WriteAll(dir, res, Meta{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	open := func(limit int) *excelize.File {
		t.Helper()
		b, err := workbookWith(res, Meta{Version: "test"}, "", xlsxRowLimit, limit)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	for _, tc := range []struct {
		limit int
		out   []SheetLeftOut // what the workbook must leave out, counted by hand above
	}{
		{30, []SheetLeftOut{{"ar", "ar.csv", 60, 30}}},
		{11, []SheetLeftOut{{"car", "car.csv", 24, 11}, {"fit", "fit.csv", 12, 11}, {"ar", "ar.csv", 60, 11}}},
		{1, []SheetLeftOut{{"car", "car.csv", 24, 1}, {"fit", "fit.csv", 12, 1}, {"ar", "ar.csv", 60, 1}, {"skipped", "skipped.csv", 2, 1}}},
	} {
		lo := xlsxLeftOut(res, tc.limit)
		if fmt.Sprint(lo) != fmt.Sprint(tc.out) {
			t.Errorf("limit %d: left out %v, want %v", tc.limit, lo, tc.out)
		}
		f := open(tc.limit)
		if i := f.GetActiveSheetIndex(); i != 0 || f.GetSheetName(0) != "summary" {
			t.Errorf("limit %d: active sheet %d (%s), want 0 (summary)", tc.limit, i, f.GetSheetName(i))
		}
		left := map[string]bool{}
		for _, s := range tc.out {
			left[s.Sheet] = true
		}
		summary, err := f.GetRows("summary")
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range []struct{ name, file string }{{"car", "car.csv"}, {"fit", "fit.csv"}, {"ar", "ar.csv"}, {"skipped", "skipped.csv"}} {
			if !left[sheet.name] {
				compareSheet(t, f, sheet.name, filepath.Join(dir, sheet.file), 0)
				continue
			}
			rows := map[string]int{"car": 24, "fit": 12, "ar": 60, "skipped": 2}[sheet.name]
			note := fmt.Sprintf("the %s sheet is left out of results.xlsx: its %d rows are more than the %d a per-event sheet holds; %s has them all",
				sheet.name, rows, tc.limit, sheet.file)
			got, err := f.GetRows(sheet.name)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || len(got[0]) != 1 || got[0][0] != "T"+note[1:] {
				t.Errorf("limit %d: sheet %s has %d rows, the first %q; want the one cell %q", tc.limit, sheet.name, len(got), got[:min(1, len(got))], "T"+note[1:])
			}
			found := false
			for i, r := range summary {
				if len(r) == 2 && r[0] == sheet.name && r[1] == note {
					found = i > 0 && slices.ContainsFunc(summary[:i], func(r []string) bool { return len(r) > 0 && r[0] == "left out" })
				}
			}
			if !found {
				t.Errorf("limit %d: the summary sheet has no row %q under \"left out\"", tc.limit, sheet.name+", "+note)
			}
		}
	}

	// At a limit every table fits (ar's 60 rows are not more than 60), the
	// workbook is the one of today, byte for byte.
	a, err := workbookWith(res, Meta{Version: "test"}, "", xlsxRowLimit, 60)
	if err != nil {
		t.Fatal(err)
	}
	b, err := workbook(res, Meta{Version: "test"}, "", xlsxRowLimit)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || xlsxLeftOut(res, 60) != nil || XLSXLeftOut(res) != nil {
		t.Error("a workbook that leaves nothing out differs from the default one, or says it leaves something out")
	}
}

// compareSheet compares sheet, from column skip on, with a CSV file.
func compareSheet(t *testing.T, f *excelize.File, sheet, file string, skip int) {
	t.Helper()
	want := readCSV(t, file)
	got, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, %s has %d", sheet, len(got), file, len(want))
	}
	for i := range want {
		compareRow(t, fmt.Sprintf("%s row %d", sheet, i+1), got[i], want[i], skip)
	}
}

// compareSheetWhere compares the rows of sheet whose first column is name
// (and the header, when header is set) with a CSV file.
func compareSheetWhere(t *testing.T, f *excelize.File, sheet, file, name string, header bool) {
	t.Helper()
	want := readCSV(t, file)
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, r := range rows[1:] {
		if r[0] == name {
			got = append(got, r)
		}
	}
	if header {
		compareRow(t, sheet+" header", rows[0], want[0], 1)
	}
	if len(got) != len(want)-1 {
		t.Fatalf("%s: %d rows of %s, %s has %d", sheet, len(got), name, file, len(want)-1)
	}
	for i := range got {
		compareRow(t, fmt.Sprintf("%s %s row %d", sheet, name, i+1), got[i], want[i+1], 1)
	}
}

// compareRow compares a sheet's row, from column skip on, with a CSV row:
// numbers as numbers (exactly), booleans as Excel writes them, text as
// text.
func compareRow(t *testing.T, where string, got, want []string, skip int) {
	t.Helper()
	for len(got) < len(want)+skip {
		got = append(got, "") // GetRows drops trailing empty cells
	}
	got = got[skip:]
	if len(got) != len(want) {
		t.Errorf("%s: %d cells, want %d", where, len(got), len(want))
		return
	}
	for j, w := range want {
		g := got[j]
		switch {
		case w == "true" || w == "false":
			if g != map[string]string{"true": "1", "false": "0"}[w] {
				t.Errorf("%s col %d: %q, want %s", where, j+1, g, w)
			}
		case isDay(w) && g != w:
			// A date cell: its Excel serial number (days since 1899-12-30).
			n, err := strconv.Atoi(g)
			if err != nil || prices.Date(n-25569).String() != w {
				t.Errorf("%s col %d: %q, want the date %s", where, j+1, g, w)
			}
		case isNumber(w):
			wv, _ := strconv.ParseFloat(w, 64)
			gv, err := strconv.ParseFloat(g, 64)
			if err != nil || gv != wv {
				t.Errorf("%s col %d: %q, want %s", where, j+1, g, w)
			}
		case g != w:
			t.Errorf("%s col %d: %q, want %q", where, j+1, g, w)
		}
	}
}

// isDay reports whether s is a YYYY-MM-DD date.
func isDay(s string) bool {
	d, err := prices.ParseDate(s)
	return err == nil && len(s) == 10 && d.String() == s
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && s == strings.TrimSpace(s) && s != "" && !strings.ContainsAny(s, "nN") // not NaN, Inf
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestDeflate: the chunked, parallel deflate stream inflates back to its
// input, for sizes around the chunk of 1 MB.
func TestDeflate(t *testing.T) {
	for _, n := range []int{0, 1, 1 << 20, 1<<20 + 1, 3<<20 + 12345} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*i>>7) % 61 // compressible, not constant
		}
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(deflate(b))))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%d bytes: inflated %d bytes, %v", n, len(got), err)
		}
	}
}
