package report

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/eventstudy/eventstudy/internal/par"
)

// replay calls emit with each number cell of a sheet (1-based column and
// row, the value) in the order the sheet was written.
type replay func(emit func(col, row int, v float64))

// xlsxZip is the excelize.ZipWriter of the workbook (excelize's
// File.SetZipWriter): excelize hands it each part of the package, and at
// Close it writes them, in name order with [Content_Types].xml first, each
// compressed once. Two things excelize does not do are done here, on the
// package's standard parts, and any part not as expected is an error, not a
// silent change:
//
//   - Determinism. excelize writes the parts of streamed sheets, and the
//     Default elements of [Content_Types].xml, in map order. The parts are
//     sorted by name; the content types are read and written with
//     encoding/xml (the OPC schema: Default and Override elements, nothing
//     else), the Defaults sorted by extension.
//   - Exact numbers. excelize's StreamWriter cuts a float64 to 15
//     significant digits (Excel shows no more), a relative error of up to
//     1e-14, so that the sheet would not equal the CSV file; the API has no
//     precision for streamed cells. Each number cell replayed (its
//     reference, in the order written) is looked up by its exact opening
//     tag `<c r="REF"` in the sheet's part, must have no type attribute and
//     a <v> value within 1e-14 of the number, and gets the shortest exact
//     form. A cell not found, of another type, or with a value further off
//     (excelize writing something else) stops the workbook with an error.
//
// Compressing here rather than in excelize: its compression took 8.5 of
// 29 s for 100,000 events, on one core; deflate uses every core.
type xlsxZip struct {
	w       io.Writer
	parts   map[string]*bytes.Buffer
	numbers map[string]replay // by sheet name
}

func newXLSXZip(w io.Writer, numbers map[string]replay) *xlsxZip {
	return &xlsxZip{w: w, parts: map[string]*bytes.Buffer{}, numbers: numbers}
}

func (z *xlsxZip) Create(name string) (io.Writer, error) {
	if _, ok := z.parts[name]; ok {
		return nil, fmt.Errorf("part %s written twice", name)
	}
	b := new(bytes.Buffer)
	z.parts[name] = b
	return b, nil
}

func (z *xlsxZip) AddFS(fs.FS) error { return errors.New("xlsx: AddFS is not supported") }

const contentTypes = "[Content_Types].xml"

func (z *xlsxZip) Close() error {
	parts := make(map[string][]byte, len(z.parts))
	for name, b := range z.parts {
		parts[name] = b.Bytes()
	}
	z.parts = nil
	ct, ok := parts[contentTypes]
	if !ok {
		return fmt.Errorf("no %s", contentTypes)
	}
	var err error
	if parts[contentTypes], err = sortContentTypes(ct); err != nil {
		return fmt.Errorf("%s: %w", contentTypes, err)
	}
	sheets, err := sheetParts(parts["xl/workbook.xml"], parts["xl/_rels/workbook.xml.rels"])
	if err != nil {
		return err
	}
	for _, sheet := range slices.Sorted(maps(z.numbers)) {
		p, ok := sheets[sheet]
		if !ok || parts[p] == nil {
			return fmt.Errorf("no part for sheet %s", sheet)
		}
		if parts[p], err = exactNumbers(parts[p], z.numbers[sheet]); err != nil {
			return fmt.Errorf("sheet %s (%s): %w", sheet, p, err)
		}
	}
	names := slices.SortedFunc(maps(parts), func(a, b string) int {
		// [Content_Types].xml first, as Office writes it; then by name.
		return cmp.Or(-cmp.Compare(boolInt(a == contentTypes), boolInt(b == contentTypes)), strings.Compare(a, b))
	})
	zw := zip.NewWriter(z.w)
	for _, name := range names {
		b := parts[name]
		c := deflate(b)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(b),
			CompressedSize64: uint64(len(c)), UncompressedSize64: uint64(len(b))})
		if err != nil {
			return err
		}
		if _, err := w.Write(c); err != nil {
			return err
		}
		delete(parts, name)
	}
	return zw.Close()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maps iterates over the keys of m.
func maps[V any](m map[string]V) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// ctTypes is [Content_Types].xml (ECMA-376 Part 2, Open Packaging
// Conventions).
type ctTypes struct {
	XMLName   xml.Name     `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []ctDefault  `xml:"Default"`
	Overrides []ctOverride `xml:"Override"`
	Other     []struct {
		XMLName xml.Name
	} `xml:",any"`
}

type ctDefault struct {
	Extension   string `xml:"Extension,attr"`
	ContentType string `xml:"ContentType,attr"`
}

type ctOverride struct {
	PartName    string `xml:"PartName,attr"`
	ContentType string `xml:"ContentType,attr"`
}

// sortContentTypes rewrites [Content_Types].xml with its Default elements
// (a set) sorted by extension and its Overrides as they are.
func sortContentTypes(b []byte) ([]byte, error) {
	var t ctTypes
	if err := xml.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	if len(t.Other) > 0 {
		return nil, fmt.Errorf("unexpected element %s", t.Other[0].XMLName.Local)
	}
	if len(t.Defaults) == 0 || len(t.Overrides) == 0 {
		return nil, errors.New("no Default or no Override elements")
	}
	slices.SortFunc(t.Defaults, func(a, b ctDefault) int { return strings.Compare(a.Extension, b.Extension) })
	out, err := xml.Marshal(t)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// sheetParts maps each sheet's name to its part in the package, from
// xl/workbook.xml and its relationships.
func sheetParts(wb, rels []byte) (map[string]string, error) {
	if wb == nil || rels == nil {
		return nil, errors.New("no xl/workbook.xml or no xl/_rels/workbook.xml.rels")
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
		return nil, fmt.Errorf("xl/workbook.xml: %w", err)
	}
	if err := xml.Unmarshal(rels, &rel); err != nil {
		return nil, fmt.Errorf("xl/_rels/workbook.xml.rels: %w", err)
	}
	out := map[string]string{}
	for _, sh := range book.Sheets {
		for _, r := range rel.Rels {
			if r.ID == sh.ID {
				if strings.HasPrefix(r.Target, "/") {
					out[sh.Name] = strings.TrimPrefix(r.Target, "/")
				} else {
					out[sh.Name] = path.Join("xl", r.Target)
				}
			}
		}
	}
	return out, nil
}

// exactNumbers writes the number cells that replay gives exactly into a
// sheet's part (see xlsxZip).
func exactNumbers(b []byte, cells replay) ([]byte, error) {
	out := make([]byte, 0, len(b)+len(b)/8)
	rest := b
	var err error
	var key, val []byte
	cells(func(col, row int, v float64) {
		if err != nil {
			return
		}
		name, _ := excelize.ColumnNumberToName(col) // col is a column of the sheet
		key = append(append(append(key[:0], `<c r="`...), name...), strconv.Itoa(row)...)
		key = append(key, '"')
		i := bytes.Index(rest, key)
		if i < 0 {
			err = fmt.Errorf("no cell %s%d", name, row)
			return
		}
		end := bytes.IndexByte(rest[i:], '>')
		if end < 0 {
			err = fmt.Errorf("cell %s%d: unterminated", name, row)
			return
		}
		tag := rest[i : i+end+1]
		if bytes.Contains(tag, []byte(" t=")) || tag[len(tag)-2] == '/' {
			err = fmt.Errorf("cell %s%d: %s, want a number", name, row, tag)
			return
		}
		after := rest[i+end+1:]
		stop := bytes.Index(after, []byte("</v>"))
		if !bytes.HasPrefix(after, []byte("<v>")) || stop < 0 {
			err = fmt.Errorf("cell %s%d: no <v> value", name, row)
			return
		}
		old := after[3:stop]
		got, perr := strconv.ParseFloat(string(old), 64)
		if perr != nil || math.Abs(got-v) > 1e-14*math.Abs(v) {
			err = fmt.Errorf("cell %s%d: value %s, want %v", name, row, old, v)
			return
		}
		out = append(out, rest[:i+end+1+3]...)
		val = strconv.AppendFloat(val[:0], v, 'G', -1, 64)
		out = append(out, val...)
		rest = after[stop:]
	})
	if err != nil {
		return nil, err
	}
	return append(out, rest...), nil
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
