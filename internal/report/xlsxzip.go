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
	"iter"
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
//
// The parts of the sheets with numbers (the tables, which excelize streams)
// are rewritten and compressed as excelize writes them (numberWriter,
// packer), the others whole at Close: the bytes are the same either way,
// and a table's sheet then costs memory for its compressed bytes, not for
// its XML three times over (excelize's copy, the rewritten one, the
// compressed one), as it did.
type xlsxZip struct {
	w       io.Writer
	parts   map[string]*bytes.Buffer
	numbers map[string]replay // by sheet name
	// sheetPart is the part of each sheet, as excelize names it
	// (xl/worksheets/sheetID.xml), for Create to know a sheet's part
	// before the workbook says it; Close checks it against the workbook.
	sheetPart map[string]string
	streamed  map[string]*streamedPart // by part
}

// streamedPart is a part being rewritten (numberWriter) and compressed
// (packer) as it is written.
type streamedPart struct {
	sheet string
	nw    *numberWriter
	pk    packer
}

func (p *streamedPart) Write(b []byte) (int, error) {
	n, err := p.nw.Write(b)
	if err != nil {
		return n, fmt.Errorf("sheet %s: %w", p.sheet, err)
	}
	return n, nil
}

func newXLSXZip(w io.Writer, numbers map[string]replay, sheetPart map[string]string) *xlsxZip {
	return &xlsxZip{w: w, parts: map[string]*bytes.Buffer{}, numbers: numbers, sheetPart: sheetPart, streamed: map[string]*streamedPart{}}
}

func (z *xlsxZip) Create(name string) (io.Writer, error) {
	if _, ok := z.parts[name]; ok {
		return nil, fmt.Errorf("part %s written twice", name)
	}
	if _, ok := z.streamed[name]; ok {
		return nil, fmt.Errorf("part %s written twice", name)
	}
	for sheet, part := range z.sheetPart {
		if part == name && z.numbers[sheet] != nil {
			p := &streamedPart{sheet: sheet}
			p.nw = newNumberWriter(z.numbers[sheet], p.pk.write)
			z.streamed[name] = p
			return p, nil
		}
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
	packed := map[string]*streamedPart{}
	for _, sheet := range slices.Sorted(maps(z.numbers)) {
		p, ok := sheets[sheet]
		if !ok || (parts[p] == nil && z.streamed[p] == nil) {
			return fmt.Errorf("no part for sheet %s", sheet)
		}
		if sp := z.streamed[p]; sp != nil {
			if sp.sheet != sheet {
				return fmt.Errorf("sheet %s is in %s, not in the part of sheet %s", sheet, p, sp.sheet)
			}
			if err := sp.nw.Close(); err != nil {
				return fmt.Errorf("sheet %s (%s): %w", sheet, p, err)
			}
			packed[p] = sp
			continue
		}
		if parts[p], err = exactNumbers(parts[p], z.numbers[sheet]); err != nil {
			return fmt.Errorf("sheet %s (%s): %w", sheet, p, err)
		}
	}
	if len(packed) != len(z.streamed) {
		return errors.New("a part streamed is no sheet's part in the workbook")
	}
	for p := range packed {
		parts[p] = nil // named, its bytes in packed
	}
	names := slices.SortedFunc(maps(parts), func(a, b string) int {
		// [Content_Types].xml first, as Office writes it; then by name.
		return cmp.Or(-cmp.Compare(boolInt(a == contentTypes), boolInt(b == contentTypes)), strings.Compare(a, b))
	})
	zw := zip.NewWriter(z.w)
	for _, name := range names {
		b := parts[name]
		c, crc, size := []byte(nil), uint32(0), uint64(len(b))
		if sp := packed[name]; sp != nil {
			c, crc, size = sp.pk.close(), sp.pk.crc, sp.pk.size
			delete(packed, name)
		} else {
			c, crc = deflate(b), crc32.ChecksumIEEE(b)
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(c)), UncompressedSize64: size})
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
	var out bytes.Buffer
	w := newNumberWriter(cells, func(p []byte) { out.Write(p) })
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// numberCell is a number cell of a replay.
type numberCell struct {
	col, row int
	v        float64
}

// numberWriter rewrites a sheet's part as it is written: each number cell
// of its replay, looked for in the order written, gets its shortest exact
// form (see xlsxZip); everything else is passed on to out unchanged. It
// holds only the bytes a cell being looked for may begin in, so that a
// part of any size takes a few kilobytes.
type numberWriter struct {
	next func() (numberCell, bool)
	stop func()
	out  func([]byte)
	cur  numberCell
	has  bool // cur is being looked for
	done bool // no more cells
	key  []byte
	in   []byte // written and not yet passed on
	val  []byte
	err  error
}

func newNumberWriter(cells replay, out func([]byte)) *numberWriter {
	next, stop := iter.Pull(func(yield func(numberCell) bool) {
		more := true
		cells(func(col, row int, v float64) {
			if more {
				more = yield(numberCell{col, row, v})
			}
		})
	})
	return &numberWriter{next: next, stop: stop, out: out}
}

func (w *numberWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	w.in = append(w.in, p...)
	if w.err = w.scan(false); w.err != nil {
		w.stop()
		return 0, w.err
	}
	return len(p), nil
}

// Close passes on the rest; a cell of the replay not found is an error.
func (w *numberWriter) Close() error {
	defer w.stop()
	if w.err != nil {
		return w.err
	}
	w.err = w.scan(true)
	return w.err
}

// scan rewrites the cells found in w.in and passes on what precedes them;
// it keeps what a cell not yet complete may begin in, unless final.
func (w *numberWriter) scan(final bool) error {
	pos := 0 // w.in[:pos] is passed on
	defer func() {
		w.in = w.in[:copy(w.in, w.in[pos:])]
	}()
	for {
		if !w.has {
			if !w.done {
				w.cur, w.has = w.next()
				w.done = !w.has
			}
			if w.done {
				w.out(w.in[pos:])
				pos = len(w.in)
				return nil
			}
			name, _ := excelize.ColumnNumberToName(w.cur.col) // col is a column of the sheet
			w.key = append(append(append(w.key[:0], `<c r="`...), name...), strconv.Itoa(w.cur.row)...)
			w.key = append(w.key, '"')
		}
		ref := w.key[len(`<c r="`) : len(w.key)-1]
		rest := w.in[pos:]
		i := bytes.Index(rest, w.key)
		if i < 0 {
			if final {
				return fmt.Errorf("no cell %s", ref)
			}
			// The key may begin in the last len(key)-1 bytes.
			k := max(0, len(rest)-(len(w.key)-1))
			w.out(rest[:k])
			pos += k
			return nil
		}
		wait := func(what string) error {
			if final {
				return fmt.Errorf("cell %s: %s", ref, what)
			}
			w.out(rest[:i])
			pos += i
			return nil
		}
		end := bytes.IndexByte(rest[i:], '>')
		if end < 0 {
			return wait("unterminated")
		}
		tag := rest[i : i+end+1]
		if bytes.Contains(tag, []byte(" t=")) || tag[len(tag)-2] == '/' {
			return fmt.Errorf("cell %s: %s, want a number", ref, tag)
		}
		after := rest[i+end+1:]
		if len(after) < 3 && !final && bytes.HasPrefix([]byte("<v>"), after) {
			return wait("")
		}
		if !bytes.HasPrefix(after, []byte("<v>")) {
			return fmt.Errorf("cell %s: no <v> value", ref)
		}
		stop := bytes.Index(after, []byte("</v>"))
		if stop < 0 {
			return wait("no <v> value")
		}
		old := after[3:stop]
		v := w.cur.v
		got, perr := strconv.ParseFloat(string(old), 64)
		if perr != nil || math.Abs(got-v) > 1e-14*math.Abs(v) {
			return fmt.Errorf("cell %s: value %s, want %v", ref, old, v)
		}
		w.out(rest[:i+end+1+3])
		w.val = strconv.AppendFloat(w.val[:0], v, 'G', -1, 64)
		w.out(w.val)
		pos += i + end + 1 + stop
		w.has = false
	}
}

// packer compresses a part as it is written, as deflate compresses it
// whole: chunks of 1 MB, every core on a batch of them, each but the last
// ending with a sync flush. It keeps the compressed stream, a batch, and
// the chunk being filled.
type packer struct {
	crc   uint32
	size  uint64
	cur   []byte   // the chunk being filled
	full  [][]byte // full chunks, not the last, to compress
	out   []byte   // the compressed stream so far
	spare [][]byte
}

const deflateChunk = 1 << 20

// packBatch is how many chunks of 1 MB a packer holds before compressing
// them together.
const packBatch = 8

func (p *packer) write(b []byte) {
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.size += uint64(len(b))
	for len(b) > 0 {
		if len(p.cur) == deflateChunk {
			// More follows: the full chunk is not the last.
			p.full = append(p.full, p.cur)
			p.cur = nil
			if len(p.spare) > 0 {
				p.cur, p.spare = p.spare[len(p.spare)-1][:0], p.spare[:len(p.spare)-1]
			}
			if len(p.full) == packBatch {
				p.pack()
			}
		}
		if p.cur == nil {
			p.cur = make([]byte, 0, deflateChunk)
		}
		n := min(len(b), deflateChunk-len(p.cur))
		p.cur = append(p.cur, b[:n]...)
		b = b[n:]
	}
}

// pack compresses the full chunks.
func (p *packer) pack() {
	parts := make([][]byte, len(p.full))
	par.For(0, len(p.full), func(i int) { parts[i] = deflateOne(p.full[i], false) })
	for _, c := range parts {
		p.out = append(p.out, c...)
	}
	p.spare = append(p.spare, p.full...)
	p.full = p.full[:0]
}

// close compresses the rest and returns the part's deflate stream.
func (p *packer) close() []byte {
	p.pack()
	p.out = append(p.out, deflateOne(p.cur, true)...)
	p.cur, p.spare = nil, nil
	return p.out
}

// deflateOne compresses one chunk: the last closes the stream, the others
// end with a sync flush.
func deflateOne(b []byte, last bool) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.DefaultCompression) // the level is valid
	fw.Write(b)                                              // a bytes.Buffer does not fail
	if last {
		fw.Close()
	} else {
		fw.Flush()
	}
	return buf.Bytes()
}

// deflate compresses b as one raw deflate stream, in chunks of 1 MB on
// every core: each chunk but the last ends with a sync flush, so that their
// concatenation is one stream (as pigz does), and the result does not
// depend on the number of cores. Compressing the 1,000,000-row ar sheet of
// a 100,000-event study on one core took 14 of 29 s. (flate.BestSpeed
// would save 4.5 s more of the 28 and make the file 32% larger.)
func deflate(b []byte) []byte {
	const chunk = deflateChunk
	n := max(1, (len(b)+chunk-1)/chunk)
	parts := make([][]byte, n)
	par.For(0, n, func(i int) {
		parts[i] = deflateOne(b[i*chunk:min((i+1)*chunk, len(b))], i == n-1)
	})
	return bytes.Join(parts, nil)
}
