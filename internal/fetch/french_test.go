package fetch

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
)

const frenchDir = "../../../shared/data/famafrench"

// zipOf builds an archive of the named files.
func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFrenchFetch serves the shared daily three-factor CSV as the library
// serves it (NAME_CSV.zip holding NAME.CSV) and checks that the extracted
// file is byte for byte the original and reads as factors.
func TestFrenchFetch(t *testing.T) {
	src := filepath.Join(frenchDir, "F-F_Research_Data_Factors_daily.CSV")
	orig, err := os.ReadFile(src)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("Ken French factors not found (%v): see /work/shared/data/SOURCES.md", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	name := "F-F_Research_Data_Factors_daily"
	srv := newFrenchServer(t, map[string]reply{
		"/" + name + "_CSV.zip": {status: 200, body: zipOf(t, map[string][]byte{name + ".CSV": orig}), ctype: "application/x-zip-compressed"},
		"/Missing_CSV.zip":      {status: 404, body: []byte(html), ctype: "text/html"},
		"/Moved_CSV.zip":        {status: 200, body: []byte(html), ctype: "text/html"},
	})
	c := NewClient(0, 0)
	f := &French{Client: c, BaseURL: srv.URL}
	dir := t.TempDir()
	log, err := f.Fetch(context.Background(), []string{"Missing", name, "Moved"}, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 || log[0].Err != "HTTP 404: an HTML page" ||
		log[1].Err != "" || log[1].File != name+".CSV" || !strings.HasPrefix(log[2].Err, "HTML where") {
		t.Fatalf("log %+v", log)
	}
	got, err := os.ReadFile(filepath.Join(dir, name+".CSV"))
	if err != nil || !bytes.Equal(got, orig) {
		t.Fatalf("extracted file differs from the original (%v)", err)
	}
	if log[1].Rows != bytes.Count(orig, []byte("\n")) {
		t.Errorf("rows %d, want %d", log[1].Rows, bytes.Count(orig, []byte("\n")))
	}
	fs, err := prices.ReadFactors(filepath.Join(dir, name+".CSV"))
	if err != nil {
		t.Fatal(err)
	}
	// The file's first and last rows: 19260701 Mkt-RF 0.09, 20250630
	// Mkt-RF 0.49 RF 0.017 (percent, read as decimals).
	n := len(fs.Dates)
	if fs.Names[0] != "Mkt-RF" || fs.Dates[0].String() != "1926-07-01" || fs.Dates[n-1].String() != "2025-06-30" ||
		math.Abs(fs.Values[0][0]-0.0009) > 1e-12 || math.Abs(fs.Values[0][n-1]-0.0049) > 1e-12 || math.Abs(fs.RF[n-1]-0.00017) > 1e-12 {
		t.Errorf("factors %v %v..%v: %v %v %v", fs.Names, fs.Dates[0], fs.Dates[n-1], fs.Values[0][0], fs.Values[0][n-1], fs.RF[n-1])
	}
}

// newFrenchServer serves files by path on 127.0.0.1.
func newFrenchServer(t *testing.T, files map[string]reply) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rp, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", rp.ctype)
		w.WriteHeader(rp.status)
		w.Write(rp.body)
	}))
	t.Cleanup(s.Close)
	return s
}

// TestUnzipBounds: a member larger than the limit is refused, whether its
// header says so or lies (a zip bomb declares a small size).
func TestUnzipBounds(t *testing.T) {
	big := bytes.Repeat([]byte("0"), 1<<20)
	z := zipOf(t, map[string][]byte{"F.csv": big, "readme.txt": []byte("x")})
	if _, err := Unzip(z, 1<<20-1); !errors.Is(err, ErrZipTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	m, err := Unzip(z, 1<<20)
	if err != nil || len(m) != 1 || m[0].Name != "F.csv" || len(m[0].Data) != 1<<20 {
		t.Errorf("at the limit: %v", err)
	}
	// A bomb: 1 MB of zeros deflated to about 1 kB, its header claiming 10 bytes.
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	fw.Write(big)
	fw.Close()
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "F.csv", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(big),
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: 10})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	if _, err := Unzip(bomb.Bytes(), 1<<10); err == nil {
		t.Error("zip bomb: no error")
	}
	for _, bad := range [][]byte{nil, []byte(html), []byte("PK not really"), zipOf(t, map[string][]byte{"readme.txt": []byte("x")})} {
		if _, err := Unzip(bad, 1<<20); err == nil {
			t.Errorf("%.20q: no error", bad)
		}
	}
}
