package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"hash/crc32"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExactNumbers: the number cells replayed get their shortest exact
// form; a sheet not as excelize writes it today is an error, not a silent
// change.
func TestExactNumbers(t *testing.T) {
	const v = 0.12345678901234568 // 17 significant digits
	// What excelize's StreamWriter writes for v: 15 significant digits.
	const sheet = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" s="3"><v>0.123456789012345</v></c></row></sheetData>`
	one := func(col, row int, x float64) replay {
		return func(emit func(int, int, float64)) { emit(col, row, x) }
	}
	got, err := exactNumbers([]byte(sheet), one(2, 1, v))
	if want := strings.Replace(sheet, "0.123456789012345<", "0.12345678901234568<", 1); err != nil || string(got) != want {
		t.Errorf("got %s (%v), want %s", got, err, want)
	}
	for _, tt := range []struct {
		name  string
		sheet string
		cells replay
		err   string
	}{
		{"no such cell", sheet, one(3, 1, v), "no cell C1"},
		{"text cell", sheet, one(1, 1, v), `cell A1: <c r="A1" t="inlineStr">, want a number`},
		{"empty cell", `<c r="B1" s="3"/>`, one(2, 1, v), `cell B1: <c r="B1" s="3"/>, want a number`},
		{"no value", `<c r="B1" s="3"><f>1+1</f></c>`, one(2, 1, v), "cell B1: no <v> value"},
		{"another number", sheet, one(2, 1, 0.5), "cell B1: value 0.123456789012345, want 0.5"},
		// A1 is not the prefix of A10: the reference is matched whole.
		{"reference prefix", `<c r="A10"><v>1</v></c>`, one(1, 1, 1), "no cell A1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := exactNumbers([]byte(tt.sheet), tt.cells)
			if err == nil || err.Error() != tt.err {
				t.Errorf("error %v, want %q", err, tt.err)
			}
		})
	}
}

// TestSortContentTypes: the Default elements come out sorted, the
// Overrides as they were; an element the packaging conventions do not have
// is an error.
func TestSortContentTypes(t *testing.T) {
	const ns = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
	in := ns + `<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="w"/><Override PartName="/docProps/app.xml" ContentType="a"/></Types>`
	got, err := sortContentTypes([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + ns +
		`<Default Extension="png" ContentType="image/png"></Default><Default Extension="xml" ContentType="application/xml"></Default>` +
		`<Override PartName="/xl/workbook.xml" ContentType="w"></Override><Override PartName="/docProps/app.xml" ContentType="a"></Override></Types>`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{
		strings.Replace(in, "</Types>", "<Extra/></Types>", 1),
		ns + `</Types>`,
		`<Types xmlns="urn:other"><Default Extension="png" ContentType="image/png"/></Types>`,
	} {
		if _, err := sortContentTypes([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestXLSXPrint: every sheet prints one page wide (landscape when wide),
// its print area the cells written, the header row of each table repeated
// on every page, and the charts two to a page, none cut by a page break.
func TestXLSXPrint(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	res := fx.run(t, fx.events(12, []string{"A", "B", "C"}, nil, nil), "MKT", "", 0)
	b, err := workbook(res, Meta{Version: "test"}, "", xlsxRowLimit)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	areas := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		areas[dn.Scope+" "+dn.Name] = dn.RefersTo
	}
	// 12 events: 24 rows of car, 60 of ar (5 days each), 5 days of aar.
	for _, tt := range []struct {
		sheet, orient, area, titles string
	}{
		{"summary", "landscape", "'summary'!$A$1:$B$23", ""},
		{"charts", "portrait", "'charts'!$A$1:$M$25", ""}, // the CAAR chart
		{"car", "landscape", "'car'!$A$1:$Q$25", "'car'!$1:$1"},
		{"aar", "portrait", "'aar'!$A$1:$F$6", "'aar'!$1:$1"},
		{"ar", "landscape", "'ar'!$A$1:$I$61", "'ar'!$1:$1"},
		{"skipped", "landscape", "'skipped'!$A$1:$E$1", "'skipped'!$1:$1"},
	} {
		pl, err := f.GetPageLayout(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != tt.orient || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: orientation %v, fit to %v wide x %v tall; want %s, 1 x 0", tt.sheet, deref(pl.Orientation),
				deref(pl.FitToWidth), deref(pl.FitToHeight), tt.orient)
		}
		props, err := f.GetSheetProps(tt.sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not set (%v)", tt.sheet, err)
		}
		if got := areas[tt.sheet+" _xlnm.Print_Area"]; got != tt.area {
			t.Errorf("%s: print area %q, want %q", tt.sheet, got, tt.area)
		}
		if got := areas[tt.sheet+" _xlnm.Print_Titles"]; got != tt.titles {
			t.Errorf("%s: print titles %q, want %q", tt.sheet, got, tt.titles)
		}
	}
}

// TestXLSXChartPages: the charts sheet breaks its pages before every other
// chart (caar and 4 event charts: before the 3rd and the 5th, rows 51 and
// 101), so that no chart is cut.
func TestXLSXChartPages(t *testing.T) {
	fx := newFixture("MKT", "A", "B")
	res := fx.run(t, fx.events(4, []string{"A", "B"}, nil, nil), "MKT", "", 0)
	b, err := workbook(res, Meta{Version: "test"}, "", xlsxRowLimit)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		r, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	parts, err := sheetParts(read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels"))
	if err != nil {
		t.Fatal(err)
	}
	var ws struct {
		Breaks []struct {
			ID int `xml:"id,attr"`
		} `xml:"rowBreaks>brk"`
		Drawing struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"drawing"`
	}
	if err := xml.Unmarshal(read(parts["charts"]), &ws); err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, b := range ws.Breaks {
		ids = append(ids, b.ID) // the last row of a page, 0-based: a break before row id+1
	}
	if !slices.Equal(ids, []int{50, 100}) || ws.Drawing.ID == "" {
		t.Errorf("charts: row breaks %v (want 50, 100), drawing %q", ids, ws.Drawing.ID)
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestNumberWriterPieces: a sheet written in pieces of any size is
// rewritten as when written whole (the cells' tags and values cut
// anywhere), and the errors are the same.
func TestNumberWriterPieces(t *testing.T) {
	const sheet = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" s="3"><v>0.123456789012345</v></c>` +
		`<c r="C1"><v>2</v></c></row><row r="2"><c r="A2" s="1"><v>-1.5E-07</v></c><c r="B2"><v>7</v></c></row></sheetData>`
	cells := func(emit func(int, int, float64)) {
		emit(2, 1, 0.12345678901234568) // 15 digits in the sheet, 17 exact
		emit(3, 1, 2)
		emit(1, 2, -1.5e-7)
		emit(2, 2, 7)
	}
	want, err := exactNumbers([]byte(sheet), cells)
	if err != nil || !bytes.Contains(want, []byte("<v>0.12345678901234568</v>")) || !bytes.Contains(want, []byte("<v>-1.5E-07</v>")) {
		t.Fatalf("whole: %s (%v)", want, err)
	}
	missing := func(emit func(int, int, float64)) { cells(emit); emit(4, 2, 1) }
	for n := 1; n <= len(sheet); n++ {
		for _, tc := range []struct {
			cells replay
			err   string
		}{{cells, ""}, {missing, "no cell D2"}} {
			var out bytes.Buffer
			w := newNumberWriter(tc.cells, func(p []byte) { out.Write(p) })
			for i := 0; i < len(sheet); i += n {
				if _, err := w.Write([]byte(sheet[i:min(i+n, len(sheet))])); err != nil {
					t.Fatalf("pieces of %d: %v", n, err)
				}
			}
			err := w.Close()
			switch {
			case tc.err != "" && (err == nil || err.Error() != tc.err):
				t.Errorf("pieces of %d: error %v, want %s", n, err, tc.err)
			case tc.err == "" && (err != nil || !bytes.Equal(out.Bytes(), want)):
				t.Errorf("pieces of %d: %s (%v), want %s", n, out.Bytes(), err, want)
			}
		}
	}
}

// TestPacker: a part compressed as it is written, in pieces, is byte for
// byte what deflate makes of it whole, around the chunk of 1 MB and the
// batch of packBatch chunks, with its CRC-32 and size.
func TestPacker(t *testing.T) {
	const mb = deflateChunk
	for _, n := range []int{0, 1, mb, mb + 1, packBatch * mb, packBatch*mb + 1, (packBatch+1)*mb + 12345, 2*packBatch*mb + 7} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*i>>7) % 61 // compressible, not constant
		}
		var p packer
		for i, step := 0, 1; i < n; i, step = i+step, step*3+1 { // growing pieces
			p.write(b[i:min(i+step, n)])
		}
		if got := p.close(); !bytes.Equal(got, deflate(b)) || p.crc != crc32.ChecksumIEEE(b) || p.size != uint64(n) {
			t.Errorf("%d bytes: %d compressed bytes, deflate gives %d; crc %08x, want %08x; size %d", n, len(got), len(deflate(b)), p.crc, crc32.ChecksumIEEE(b), p.size)
		}
	}
}
