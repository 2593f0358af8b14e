package eventlist

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestFromColumn(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "0005.HK.csv", `Date,Close,Dividends,Stock Splits
2020-01-02 00:00:00+08:00,50,0.0,0.0
2020-03-05 00:00:00+08:00,49,0.51,0.0
2020-03-06 00:00:00+08:00,48,,0.0
2020-08-10 00:00:00+08:00,40,0.15,2.0
bad-date,41,0.2,0.0
`)
	writeFile(t, dir, "0700.HK.csv", "Date,Close,Dividends\n2020-01-02,300,0\n2020-01-03,301,0.0\n")
	writeFile(t, dir, "SPY.csv", "Date,Close\n2020-01-02,300\n")
	l, err := FromColumn(dir, "dividends")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := l.Write(&out); err != nil {
		t.Fatal(err)
	}
	want := `id,ticker,date,Dividends
0005.HK-2020-03-05,0005.HK,2020-03-05,0.51
0005.HK-2020-08-10,0005.HK,2020-08-10,0.15
`
	if out.String() != want {
		t.Errorf("got\n%swant\n%s", out.String(), want)
	}
	var fails []string
	for _, f := range l.Failures {
		fails = append(fails, strings.TrimPrefix(f.String(), dir+"/"))
	}
	wantFails := []string{
		`0005.HK.csv:6:1: Dividends 0.2: cannot parse date "bad-date" (want YYYY-MM-DD or YYYYMMDD, optionally followed by a time of day)`,
		`SPY.csv: no column "dividends" (columns: Date,Close)`,
	}
	if strings.Join(fails, "\n") != strings.Join(wantFails, "\n") {
		t.Errorf("failures\n%s\nwant\n%s", strings.Join(fails, "\n"), strings.Join(wantFails, "\n"))
	}
	if len(l.Warnings) != 1 || l.Warnings[0] != "1 of 2 files with column Dividends have no non-zero value in it: 0700.HK" {
		t.Errorf("warnings %q", l.Warnings)
	}

	// Stock Splits, named with an underscore; one file.
	l, err = FromColumn("X="+dir+"/0005.HK.csv", "stock_splits")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 1 || l.Rows[0].Ticker != "X" || l.Rows[0].Date.String() != "2020-08-10" || l.Columns[0] != "Stock Splits" || l.Rows[0].Extra[0] != "2.0" {
		t.Errorf("splits: %v %v", l.Columns, l.Rows)
	}

	// A column nowhere, or zero everywhere, is an error.
	for _, tc := range []struct{ spec, col, want string }{
		{dir, "Signal", `no events: no column "Signal" in any of 3 price files`},
		{dir + "/0700.HK.csv", "Dividends", "no events: column Dividends is empty or zero in every row of the 1 files that have it"},
	} {
		_, err := FromColumn(tc.spec, tc.col)
		if !errors.Is(err, ErrNoEvents) || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("%s %s: %v, want %q", tc.spec, tc.col, err, tc.want)
		}
	}
}

// TestFromColumnHangSeng counts the ex-dividend and split rows of the Hang
// Seng panel: 654 and 11 (SOURCES.md section 3, panel_hk).
func TestFromColumnHangSeng(t *testing.T) {
	dir := realFile(t, "panel_hk/prices")
	for _, tc := range []struct {
		col  string
		want int
	}{{"Dividends", 654}, {"Stock Splits", 11}} {
		l, err := FromColumn(dir, tc.col)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Rows) != tc.want || len(l.Failures) != 0 {
			t.Errorf("%s: %d rows, want %d; failures %v", tc.col, len(l.Rows), tc.want, l.Failures)
		}
	}
}
