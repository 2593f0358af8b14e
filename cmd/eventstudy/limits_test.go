package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFlagLimits: every numeric flag of every command is range-checked
// before any input is read or memory is allocated for it, with a one-line
// usage error and exit 2. The values in the issue (9) that crashed or
// allocated without bound are here; the expected messages name the bounds
// chosen in stats (MaxOffset 25000, MaxWindows 100), study (MaxLags 10,
// MaxBootstrap 100000), synth and the validation.
func TestFlagLimits(t *testing.T) {
	run1 := []string{"run", "--events", "none.csv", "--prices", "none/"}
	for _, tc := range []struct {
		args []string
		want string // the first line of stderr
	}{
		{append(run1, "--windows", "0:100000000000000"), `eventstudy run: --windows: window "0:100000000000000": end 100000000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		{append(run1, "--windows", "0:1000000000"), `eventstudy run: --windows: window "0:1000000000": end 1000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		{append(run1, "--estimation=-1000000000000:-11"), `eventstudy run: --estimation: window "-1000000000000:-11": start -1000000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		{append(run1, "--estimation=-25001:-11"), `eventstudy run: --estimation: window "-25001:-11": start -25001 is beyond 25000 trading days (about 99 years) from day 0`},
		{append(run1, "--windows", strings.Repeat("0:0,", 100)+"1:1"), `eventstudy run: --windows: windows: 101 windows, want at most 100`},
		{append(run1, "--model", "dimson", "--lags", "9223372036854775807"), `eventstudy run: --lags 9223372036854775807: want 0 (the default, 1) to 10`},
		{append(run1, "--model", "dimson", "--lags", "11"), `eventstudy run: --lags 11: want 0 (the default, 1) to 10`},
		{append(run1, "--model", "dimson", "--lags=-1"), `eventstudy run: --lags -1: want 0 (the default, 1) to 10`},
		// 10 lags: 21 slopes and an intercept, k = 22, so at least 24 returns.
		{append(run1, "--model", "dimson", "--lags", "10", "--min-estimation", "23"), `eventstudy run: --min-estimation 23: the dimson model needs at least 24`},
		// ... and the estimation window must hold them: 20 days < 24.
		{append(run1, "--model", "dimson", "--lags", "10", "--estimation=-30:-11", "--min-estimation", "24"), `eventstudy run: --min-estimation 24 is longer than the estimation window -30:-11 (20 days)`},
		{append(run1, "--bootstrap", "9223372036854775807"), `eventstudy run: --bootstrap 9223372036854775807: want 0 (none) to 100000 resamples`},
		// Text settings: a title is drawn on every chart (500 bytes), the
		// others are at most a path (4096).
		{append(run1, "--title", strings.Repeat("T", 501)), `eventstudy run: --title: 501 bytes, want at most 500`},
		{append(run1, "--market", strings.Repeat("M", 4097)), `eventstudy run: --market: 4097 bytes, want at most 4096`},
		{append(run1, "--prices", strings.Repeat("p", 4097)), `eventstudy run: --prices: 4097 bytes, want at most 4096`},
		{append(run1, "--bootstrap", "100001"), `eventstudy run: --bootstrap 100001: want 0 (none) to 100000 resamples`},
		{append(run1, "--bootstrap=-1"), `eventstudy run: --bootstrap -1: want 0 (none) to 100000 resamples`},
		{append(run1, "--placebo", "10001"), `eventstudy run: --placebo 10001: want 0 (none) to 10000 pseudo-studies`},
		{append(run1, "--placebo=-1"), `eventstudy run: --placebo -1: want 0 (none) to 10000 pseudo-studies`},
		{append(run1, "--placebo", "5", "--model", "market,constant-mean"), `eventstudy run: --placebo with several models: run one model at a time for its placebo sizes`},
		{append(run1, "--min-estimation=-9223372036854775808"), `eventstudy run: --min-estimation -9223372036854775808: the market model needs at least 4`},
		{append(run1, "--min-estimation", "9223372036854775807"), `eventstudy run: --min-estimation 9223372036854775807 is longer than the estimation window -250:-11 (240 days)`},
		// Past int64 the flag package itself refuses, as a usage error on
		// one line (not after the whole usage, as the flag package prints).
		{append(run1, "--bootstrap", "9223372036854775808"), `eventstudy run: invalid value "9223372036854775808" for flag -bootstrap: value out of range`},
		{append(run1, "-0"), `eventstudy run: flag provided but not defined: -0`},
		{[]string{"gen", "--days", "1e9"}, `eventstudy gen: invalid value "1e9" for flag -days: parse error`},
		{[]string{"regress", "--car", "c.csv", "--x", "a", "--window", "0:100000000000000"}, `eventstudy regress: --window: window "0:100000000000000": end 100000000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		// Found by scripts/hostile.sh: a bad --date-format was an error
		// of the data (exit 1) at the event list's first line, and an
		// empty --out a failed mkdir (exit 1; demo first wrote ./input).
		{append(run1, "--date-format", "bogus"), `eventstudy run: --date-format: date format "bogus": want YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY`},
		{append(run1, "--out", ""), `eventstudy run: --out: empty: want a directory`},
		{[]string{"demo", "--out", ""}, `eventstudy demo: --out: empty: want a directory`},
		// The same files twice: "ticker X is in both p/X.csv and p/X.csv".
		{append(run1, "--prices", "none"), `eventstudy run: --prices none: given twice`},
		{append(run1, "--model", "ff3", "--factors", "ff.csv", "--factors", "./ff.csv"), `eventstudy run: --factors ./ff.csv: given twice`},
		{[]string{"regress", "--car", "c.csv", "--window", "0:0", "--x", ",,"}, `eventstudy regress: --x ",,": an empty column name (want COL[,COL...])`},
		{[]string{"regress", "--car", "c.csv", "--window", "0:0", "--x", "size, size"}, `eventstudy regress: --x size: given twice`},
		{[]string{"validate-tests", "--samples", "9223372036854775807"}, `eventstudy validate-tests: samples 9223372036854775807: want 1 to 1000000`},
		{[]string{"validate-tests", "--events", "100001"}, `eventstudy validate-tests: events 100001: want 3 to 100000`},
		{[]string{"validate-tests", "--bootstrap", "9223372036854775807"}, `eventstudy validate-tests: bootstrap resamples 9223372036854775807: want 1 to 100000`},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if code != exitUsage || first != tc.want {
			t.Errorf("%v: exit %d, stderr %q\nwant exit %d, first line %q", tc.args, code, stderr.String(), exitUsage, tc.want)
		}
	}
}

// TestStudyFileLimits: the study file's keys get the same checks as the
// flags, and a value that does not fit an int is a usage error naming the
// file and line (from the YAML decoder), not a panic.
func TestStudyFileLimits(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		yaml, want string
	}{
		{"windows: 0:100000000000000\n", `eventstudy run: --windows: window "0:100000000000000": end 100000000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		{"estimation: -1000000000000:-11\n", `eventstudy run: --estimation: window "-1000000000000:-11": start -1000000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		{"model: dimson\nlags: 9223372036854775807\n", `eventstudy run: --lags 9223372036854775807: want 0 (the default, 1) to 10`},
		{"bootstrap: 9223372036854775807\n", `eventstudy run: --bootstrap 9223372036854775807: want 0 (none) to 100000 resamples`},
		{"placebo: 9223372036854775807\n", `eventstudy run: --placebo 9223372036854775807: want 0 (none) to 10000 pseudo-studies`},
		{"title: " + strings.Repeat("T", 900000) + "\n", `eventstudy run: --title: 900000 bytes, want at most 500`},
		{"min_estimation: 1000000\n", `eventstudy run: --min-estimation 1000000 is longer than the estimation window -250:-11 (240 days)`},
		{"bootstrap: 99999999999999999999\n", "eventstudy run: study file $DIR/study.yaml: line 3: cannot unmarshal !!float `9999999...` into int"},
		// Every unknown key repeated the list of known ones (a 1 MiB file
		// of bad keys gave an error of tens of MB): the first three, a
		// count, and the known keys once.
		{"a: 1\nb: 1\nc: 1\nd: 1\ne: 1\n", `eventstudy run: study file $DIR/study.yaml: line 3: unknown key "a"; line 4: unknown key "b"; line 5: unknown key "c"; and 2 more (known: ` + strings.Join(studyKeys(), ", ") + ")"},
		{"lags: x\nseed: y\n", "eventstudy run: study file $DIR/study.yaml: line 3: cannot unmarshal !!str `x` into int; line 4: cannot unmarshal !!str `y` into uint64"},
	} {
		path := filepath.Join(dir, "study.yaml")
		if err := os.WriteFile(path, []byte("events: e.csv\nprices: p/\n"+tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"run", path}, &stdout, &stderr)
		first, _, _ := strings.Cut(strings.ReplaceAll(stderr.String(), dir, "$DIR"), "\n")
		if code != exitUsage || first != tc.want {
			t.Errorf("%q: exit %d, stderr %q\nwant exit %d, first line %q", tc.yaml, code, stderr.String(), exitUsage, tc.want)
		}
	}
}

// panicWriter panics on every write.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("write to a broken stdout") }

// TestInternalError: a panic inside run is reported on one line as an
// internal error naming where it happened, with exit 1 (not 2: usage).
func TestInternalError(t *testing.T) {
	var stderr bytes.Buffer
	code := run([]string{"version"}, panicWriter{}, &stderr)
	// The frame's package prints as "main" in the binary and as the
	// package path's last element in the test.
	want := "eventstudy version: internal error: write to a broken stdout at "
	if code != exitError || !strings.HasPrefix(stderr.String(), want) || !strings.Contains(stderr.String(), ".panicWriter.Write (limits_test.go:") || strings.Count(stderr.String(), "\n") != 1 || !strings.HasSuffix(stderr.String(), ") (please report)\n") {
		t.Errorf("exit %d, stderr %q\nwant exit %d and one line starting %q", code, stderr.String(), exitError, want)
	}
}

// TestLongLineInputs: an input file with a line past prices.MaxLine (1
// MiB) is a one-line error naming file:line:column, exit 1, whichever
// file it is; the study file is bounded at 1 MiB as a whole (a usage
// error: it holds the command's settings).
func TestLongLineInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	long := strings.Repeat("9", 2<<20) // 2 MiB without a line end
	okEvents := write("events.csv", "ticker,date\nA,2020-01-02\n")
	okPrices := write("A.csv", "date,close\n2020-01-02,1\n2020-01-03,2\n")
	badEvents := write("events_long.csv", "ticker,date\nA,"+long)
	badPrices := write("prices_long.csv", "date,ticker,close\n2020-01-02,A,1\n2020-01-03,A,"+long+"\n")
	badFactors := write("factors_long.csv", "date,Mkt-RF,SMB,HML,RF\n"+long)
	badCAR := write("car_long.csv", "event_id,from,to,car,size\nE1,0,0,"+long)
	bigStudy := write("study.yaml", "title: "+long+"\n")
	var ids strings.Builder
	ids.WriteString("ticker,date,news\n")
	for i := range 51 {
		fmt.Fprintf(&ids, "A,2020-01-02,%d\n", i)
	}
	groupEvents := write("events_ids.csv", ids.String())
	const tooLong = ": line too long: more than 1048576 bytes without a line end"
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"run", "--events", badEvents, "--prices", okPrices, "--out", filepath.Join(dir, "o1")}, exitError, "eventstudy run: " + badEvents + ":2:1048577" + tooLong},
		{[]string{"run", "--events", okEvents, "--prices", badPrices, "--out", filepath.Join(dir, "o2")}, exitError, "eventstudy run: " + badPrices + ":3:1048577" + tooLong},
		{[]string{"run", "--events", okEvents, "--prices", okPrices, "--model", "ff3", "--factors", badFactors, "--out", filepath.Join(dir, "o3")}, exitError, "eventstudy run: " + badFactors + ":2:1048577" + tooLong},
		{[]string{"regress", "--car", badCAR, "--window", "0:0", "--x", "size"}, exitError, "eventstudy regress: " + badCAR + ":2:1048577" + tooLong},
		// --group with a value an event: 51 groups, 1,275 pairs a window.
		{[]string{"run", "--events", groupEvents, "--prices", okPrices, "--group", "news", "--out", filepath.Join(dir, "o4")}, exitUsage, "eventstudy run: --group news: more than 50 distinct values (is it an id or a date column?)"},
		{[]string{"run", bigStudy}, exitUsage, "eventstudy run: study file " + bigStudy + ": larger than 1048576 bytes (1 MiB): a study file holds settings, not data"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if code != tc.code || first != tc.want || len(stderr.String()) > 1000 {
			t.Errorf("%v: exit %d, stderr %.300q\nwant exit %d, %q", tc.args[:3], code, stderr.String(), tc.code, tc.want)
		}
	}
}

// FuzzRunArgs runs 'eventstudy run' on a tiny study (2 securities, 300
// days, 3 events) with fuzzed flags appended: whatever they are, run must
// not panic (an internal error) and must exit 0, 1 or 2 with the error on
// one line (usage errors add one line pointing to --help). Flags naming
// where to write (--out) are left out, so that the fuzzer writes only
// into its temporary directory; the seeds are the crashing values
// and take under a second together.
func FuzzRunArgs(f *testing.F) {
	for _, s := range []string{
		"",
		"--windows 0:100000000000000",
		"--estimation=-1000000000000:-11",
		"--model dimson --lags 9223372036854775807",
		"--bootstrap 9223372036854775807",
		"--windows 0:1000000000",
		"--model dimson --lags 10 --min-estimation 24",
		"--bootstrap 100 --windows -1:1,0:0 --drop-confounded",
		"--returns trade-to-trade --shift exact",
		"--min-estimation=-1",
		"--placebo 3 --windows 0:0",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	var prices strings.Builder
	prices.WriteString("date,ticker,close\n")
	d := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 300 {
		d = d.AddDate(0, 0, 1)
		for _, tk := range []string{"A", "M"} {
			fmt.Fprintf(&prices, "%s,%s,%.4f\n", d.Format(time.DateOnly), tk, 100+10*math.Sin(float64(i*len(tk))/5)+float64(i%7))
		}
	}
	for name, s := range map[string]string{
		"prices.csv": prices.String(),
		"events.csv": "id,ticker,date\ne1,A,2020-10-01\ne2,A,2020-10-01\ne3,A,2020-09-20\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, extra string) {
		fields := strings.Fields(extra)
		for _, a := range fields {
			// --out, and a study file's out key: nowhere but dir.
			if strings.Contains(a, "out") || !strings.HasPrefix(a, "-") && (strings.Contains(a, "/") || strings.Contains(a, ".")) {
				return
			}
		}
		args := append([]string{"run", "--events", filepath.Join(dir, "events.csv"), "--prices", filepath.Join(dir, "prices.csv"),
			"--market", "M", "--charts=false", "--quiet", "--out", filepath.Join(dir, "out")}, fields...)
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		msg := stderr.String()
		switch {
		case strings.Contains(msg, "internal error"):
			t.Fatalf("%q: %s", extra, msg)
		case len(fields) == 0 && code != exitOK:
			// The study itself runs: the fuzzer starts from a working one.
			t.Fatalf("no extra flags: exit %d, stderr %q", code, msg)
		case code == exitOK:
		case code == exitError && strings.Count(msg, "\n") == 1:
		case code == exitUsage && strings.Count(msg, "\n") <= 2:
		default:
			t.Fatalf("%q: exit %d, stderr %q", extra, code, msg)
		}
	})
}

// TestRegressLimits: a categorical regressor has at most 50 levels and a
// design at most 100 regressors, so that a text or id column given as a
// regressor (a dummy an event: an events x events matrix) is an error
// before any matrix is allocated.
func TestRegressLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("event_id,from,to,car,note")
	var xs []string
	for j := range 101 {
		xs = append(xs, fmt.Sprintf("x%d", j))
		fmt.Fprintf(&b, ",x%d", j)
	}
	b.WriteString("\n")
	for i := range 51 {
		fmt.Fprintf(&b, "e%d,0,0,0.01,note %d%s\n", i, i, strings.Repeat(",1", 101))
	}
	car := filepath.Join(t.TempDir(), "car.csv")
	if err := os.WriteFile(car, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		x    string
		code int
		want string
	}{
		{"note", exitError, "eventstudy regress: " + car + `: column "note" has more than 50 distinct values, too many for a categorical regressor (is it an id or a text column?)`},
		{strings.Join(xs, ","), exitUsage, "eventstudy regress: --x: more than 100 regressors (dummies of categorical columns included)"},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"regress", "--car", car, "--window", "0:0", "--x", tc.x}, &stdout, &stderr)
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if code != tc.code || first != tc.want {
			t.Errorf("--x %.20s: exit %d, %q\nwant exit %d, %q", tc.x, code, stderr.String(), tc.code, tc.want)
		}
	}
}
