package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestControlCharactersPrinted: text from the event list reaches the
// terminal (the per-event table, the skipped events, the error when none
// could be computed) with its control characters escaped, so an id cannot
// recolour or retitle the terminal, hide a line behind a carriage return,
// or split an error over lines (found by scripts/hostile.sh).
func TestControlCharactersPrinted(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var dates []time.Time
	for d := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC); len(dates) < 200; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			dates = append(dates, d)
		}
	}
	mkt, aaa := make([]float64, 200), make([]float64, 200)
	mkt[0], aaa[0] = 100, 50
	for i := 1; i < 200; i++ {
		rm := 0.01 * rng.NormFloat64()
		mkt[i] = mkt[i-1] * (1 + rm)
		aaa[i] = aaa[i-1] * (1 + rm + 0.01*rng.NormFloat64())
	}
	work := t.TempDir()
	writePrices(t, filepath.Join(work, "MKT.csv"), dates, mkt, nil)
	writePrices(t, filepath.Join(work, "AAA.csv"), dates, aaa, nil)
	day := dates[180].Format(time.DateOnly)
	events := "id,ticker,date\n" +
		"\x1b[31mred\x1b]0;title\x07,AAA," + day + "\n" +
		"\"two\nlines\",NOPE," + day + "\n"
	if err := os.WriteFile(filepath.Join(work, "events.csv"), []byte(events), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "--events", filepath.Join(work, "events.csv"),
		"--prices", "AAA=" + filepath.Join(work, "AAA.csv"), "--prices", "MKT=" + filepath.Join(work, "MKT.csv"),
		"--market", "MKT", "--estimation=-150:-11", "--min-estimation", "100", "--windows", "0:0",
		"--charts=false", "--out", filepath.Join(work, "out")}
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		`\x1b[31mred\x1b]0;title\x07     AAA     MKT`,          // the per-event table
		`line 3, event two\nlines NOPE ` + day + `: no prices`, // the skipped events
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	if strings.ContainsAny(stdout.String(), "\x1b\x07\r") {
		t.Errorf("stdout holds control characters: %q", stdout.String())
	}

	// No event computed: the error quotes the first skipped one, on one line.
	if err := os.WriteFile(filepath.Join(work, "events.csv"), []byte("id,ticker,date\n\"a\nb\x1b\",NOPE,"+day+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	code := run(args, &stdout, &stderr)
	want := `eventstudy run: no event could be computed (1 skipped; first: event a\nb\x1b NOPE: no prices for ticker NOPE)` + "\n"
	if code != exitError || stderr.String() != want {
		t.Errorf("exit %d, stderr %q\nwant exit 1, %q", code, stderr.String(), want)
	}
}
