package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventstudy/eventstudy/internal/prices"
)

func TestGen(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"gen", "--tickers", "20", "--days", "300", "--events", "40", "--seed", "2", "--format", "both", "--out", dir}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"panel.csv", "panel.parquet", "market.csv", "events.csv", "securities.csv"} {
		if !strings.Contains(stdout.String(), filepath.Join(dir, name)) {
			t.Errorf("stdout does not list %s:\n%s", name, stdout.String())
		}
	}
	csv, err := prices.Load(filepath.Join(dir, "panel.csv"))
	if err != nil {
		t.Fatal(err)
	}
	pq, err := prices.Load(filepath.Join(dir, "panel.parquet"))
	if err != nil || len(pq) != len(csv) || len(csv) != 20 {
		t.Fatalf("%d series from CSV, %d from Parquet: %v", len(csv), len(pq), err)
	}
	mkt, err := prices.Load(filepath.Join(dir, "market.csv"))
	if err != nil || len(mkt[0].Dates) != 300 {
		t.Errorf("market: %v", err)
	}
	events, err := os.ReadFile(filepath.Join(dir, "events.csv"))
	// A header and 40 events, as asked.
	if err != nil || bytes.Count(events, []byte{'\n'}) != 41 || !bytes.HasPrefix(events, []byte("id,ticker,date,group,injected_ar\n")) {
		t.Errorf("events.csv: %v\n%s", err, events)
	}

	// --gzip writes panel.csv.gz, which loads the same.
	gz := t.TempDir()
	if code := run([]string{"gen", "--tickers", "20", "--days", "300", "--events", "40", "--seed", "2", "--gzip", "--out", gz}, &stdout, &stderr); code != exitOK {
		t.Fatalf("--gzip: exit %d: %s", code, stderr.String())
	}
	fromGz, err := prices.Load(filepath.Join(gz, "panel.csv.gz"))
	if err != nil || len(fromGz) != 20 || len(fromGz[3].Dates) != len(csv[3].Dates) || fromGz[3].Values[100] != csv[3].Values[100] {
		t.Errorf("panel.csv.gz differs from panel.csv: %v", err)
	}
}

func TestGenUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"gen"}, "eventstudy gen: --out DIR is required\n"},
		{[]string{"gen", "--out", "x", "--format", "xml"}, `eventstudy gen: --format "xml": want csv, parquet or both` + "\n"},
		{[]string{"gen", "--out", "x", "--format", "parquet", "--gzip"}, "eventstudy gen: --gzip compresses the CSV panel: use it with --format csv or both\n"},
		{[]string{"gen", "--out", "x", "--tickers", "0"}, "eventstudy gen: tickers 0: want 1 to 99999\n"},
		{[]string{"gen", "--out", "x", "--days", "9223372036854775807"}, "eventstudy gen: days 9223372036854775807: want 2 to 25000\n"},
		{[]string{"gen", "--out", "x", "--events", "9223372036854775807"}, "eventstudy gen: events 9223372036854775807: want 0 to 1000000\n"},
		{[]string{"gen", "--out", "x", "--tickers", "-9223372036854775808"}, "eventstudy gen: tickers -9223372036854775808: want 1 to 99999\n"},
		{[]string{"gen", "--out", "x", "extra"}, `eventstudy gen: unexpected argument "extra"` + "\n"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != exitUsage || !strings.HasPrefix(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %d and %q", tt.args, code, stderr.String(), exitUsage, tt.want)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "--help"}, &stdout, &stderr); code != exitOK || !strings.Contains(stderr.String(), "eventstudy gen --tickers 5000 --days 2520") {
		t.Errorf("--help: exit %d, usage without example:\n%s", code, stderr.String())
	}
}
