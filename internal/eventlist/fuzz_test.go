package eventlist

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzFromEDGAR feeds arbitrary bytes to FromEDGAR. It must not panic; an
// error names the file; every row it returns has a timestamp run reads, and
// its columns.
func FuzzFromEDGAR(f *testing.F) {
	f.Add([]byte(`{"tickers":["X"],"filings":{"recent":{"form":["8-K"],"items":["2.02"],"acceptanceDateTime":["2020-01-02T16:30:00.000Z"],"accessionNumber":["a"]}}}`))
	f.Add([]byte(`{"filings":{"recent":{"form":"8-K"}}}`))
	f.Add([]byte("ticker,date\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "s.json")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := FromEDGAR(p, EDGAROptions{Ticker: "X"})
		if err != nil {
			if !strings.HasPrefix(err.Error(), p+":") {
				t.Errorf("error without the file: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := l.Write(&out); err != nil {
			t.Fatal(err)
		}
		for _, r := range l.Rows {
			if _, err := time.Parse(time.RFC3339, r.Timestamp); err != nil || len(r.Extra) != len(l.Columns) {
				t.Errorf("row %v: %v", r, err)
			}
		}
	})
}

// FuzzReadTickers feeds arbitrary bytes to ReadTickers: no panic, and a
// list without empty or repeated tickers.
func FuzzReadTickers(f *testing.F) {
	f.Add([]byte("Name,Ticker,,\nCKH,0001.HK,,\n"))
	f.Add([]byte("AAPL\nMSFT\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "t.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ts, err := ReadTickers(p)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, x := range ts {
			if x == "" || seen[x] {
				t.Fatalf("ticker %q empty or repeated in %q", x, ts)
			}
			seen[x] = true
		}
	})
}

// TestReadTickersHangSeng reads panel_hk/Hang_Seng_tickers.csv, a
// spreadsheet export with trailing empty columns and no final newline:
// 83 codes, the 83 price files of the panel (SOURCES.md section 3).
func TestReadTickersHangSeng(t *testing.T) {
	ts, err := ReadTickers(realFile(t, "panel_hk/Hang_Seng_tickers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 83 || ts[0] != "0001.HK" {
		t.Errorf("%d tickers, first %q; want 83, 0001.HK", len(ts), ts[0])
	}
	for _, x := range ts {
		if _, err := os.Stat(filepath.Join(sharedData, "panel_hk/prices", x+".csv")); err != nil {
			t.Errorf("%s: %v", x, err)
		}
	}
}
