// Package report writes a computed study as tables: CSV files, a JSON
// summary and a plain-text summary for the terminal.
package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"

	"github.com/gocarina/gocsv"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/par"
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// Float is a number in an output table: shortest exact decimal form, empty
// for NaN (a missing value, never 0).
type Float float64

// MarshalCSV implements gocsv.TypeMarshaller.
func (f Float) MarshalCSV() (string, error) { return formatFloat(float64(f)), nil }

// MarshalJSON writes NaN and infinities as null.
func (f Float) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(float64(f), 'g', -1, 64)), nil
}

// FormatFloat prints a number as the CSV tables do: the shortest exact
// decimal form, empty for NaN and infinities.
func FormatFloat(v float64) string { return formatFloat(v) }

func formatFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Records of the output tables. gocsv writes them from the csv tags.
type (
	aarRecord struct {
		RelDay int   `csv:"rel_day"`
		N      int   `csv:"n"`
		AAR    Float `csv:"aar"`
		CAAR   Float `csv:"caar"`
		Lo     Float `csv:"caar_lo95"`
		Hi     Float `csv:"caar_hi95"`
	}
	testRecord struct {
		Scope     string `csv:"scope"`
		RelDay    string `csv:"rel_day"`
		From      int    `csv:"from"`
		To        int    `csv:"to"`
		Test      string `csv:"test"`
		Statistic Float  `csv:"statistic"`
		PValue    Float  `csv:"p_value"`
		// PHolm and PBH are PValue adjusted for multiple testing over
		// the family FamilyNote states (adjustRecords); NaN outside it.
		PHolm Float  `csv:"p_holm"`
		PBH   Float  `csv:"p_bh"`
		DF    Float  `csv:"df"`
		N     int    `csv:"n"`
		Note  string `csv:"note"`
	}
	skipRecord struct {
		EventID string `csv:"event_id"`
		Ticker  string `csv:"ticker"`
		Date    string `csv:"event_date"`
		Line    int    `csv:"line"`
		Reason  string `csv:"reason"`
	}
)

// Input is an input file as recorded in summary.json.
type Input struct {
	Role   string `json:"role"` // "events" or "prices"
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// HashFile describes an input file by size and SHA-256.
func HashFile(role, path string) (Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Input{}, fmt.Errorf("%s: %w", path, err)
	}
	return Input{Role: role, Path: path, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Meta is what the outputs say besides the results: summary.json records
// Version and Inputs; Style is the look of the charts drawn into the HTML
// report and the workbook.
type Meta struct {
	Version string
	Inputs  []Input
	// Style is the look of the charts of the HTML report and the workbook
	// (zero value: chart.Default), as --style sets it for the chart files.
	Style chart.Style
	// EscapeFormulas prefixes with ' the cells of the CSV files that hold
	// text from the event list (ids, tickers, dates as written, extra
	// columns) and begin with =, +, -, @, a tab or a carriage return, so
	// that a spreadsheet opening the file does not run them as formulas
	// (OWASP, "CSV Injection"). Numbers are never touched.
	EscapeFormulas bool
	// Outputs, when set, records every file written for the manifest.
	Outputs *Outputs
	// Models are the models of a run of several (WriteModels), for the
	// robustness section of the HTML report and sheet of the workbook; nil
	// for a run of one.
	Models []ModelRun
	// XLSXLeftOut, for a run that writes results.xlsx too, are the tables
	// the workbook leaves out (XLSXLeftOut), which the HTML report names.
	XLSXLeftOut []SheetLeftOut
}

// csvOptions are the settings of the CSV files that change their cells.
type csvOptions struct {
	escape bool // Meta.EscapeFormulas
}

// WriteAll writes ar.csv, car.csv, fit.csv, aar.csv, tests.csv,
// skipped.csv and summary.json into dir, each atomically.
func WriteAll(dir string, res *study.Result, meta Meta) error {
	opt := csvOptions{escape: meta.EscapeFormulas}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"ar.csv", func(w io.Writer) error { return writeAR(w, res, opt) }},
		{"car.csv", func(w io.Writer) error { return writeCAR(w, res, opt) }},
		{"fit.csv", func(w io.Writer) error { return writeFit(w, res, opt) }},
		{"aar.csv", func(w io.Writer) error { return marshal(w, aarRecords(res.Days)) }},
		{"tests.csv", func(w io.Writer) error { return writeTests(w, res) }},
		{"skipped.csv", func(w io.Writer) error { return marshal(w, opt.skips(skipRecords(res))) }},
		{"summary.json", func(w io.Writer) error { return writeSummary(w, res, meta) }},
	}
	// The files are independent: write them concurrently (ar.csv and
	// car.csv of a 100,000-event batch take about a second each), and report
	// the first error in the order above.
	if res.Placebo != nil {
		files = append(files, struct {
			name  string
			write func(io.Writer) error
		}{"placebo.csv", func(w io.Writer) error { return marshal(w, placeboRecords(res)) }})
	}
	errs := make([]error, len(files))
	var wg par.Group // a panic of a writer reaches the caller
	for i, f := range files {
		wg.Go(func() { errs[i] = meta.Outputs.Write(filepath.Join(dir, f.name), f.write) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return writeGroups(dir, res, opt, meta.Outputs)
}

// marshal writes records with gocsv, and the header alone when there are
// none (gocsv writes nothing for an empty slice, and a table without its
// header is not a table).
func marshal[T any](w io.Writer, recs []T) error {
	if len(recs) > 0 {
		return gocsv.Marshal(recs, w)
	}
	t := reflect.TypeFor[T]()
	header := make([]string, t.NumField())
	for i := range header {
		header[i] = t.Field(i).Tag.Get("csv")
	}
	cw := csv.NewWriter(w)
	cw.Write(header)
	cw.Flush()
	return cw.Error()
}

// WriteUserFile writes a file the user named (--out of validate-tests and
// regress). A regular file, new or not, is written as WriteFileAtomic does,
// through a symbolic link to it if path is one (the link stays). Anything
// else is written to in place: a device, pipe or socket (/dev/null,
// /dev/stdout, a shell's >(...)), whose node a rename would replace (as
// root, /dev/null became a regular file); a directory is an error.
func WriteUserFile(path string, write func(io.Writer) error) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return WriteFileAtomic(path, write)
	case fi.IsDir():
		return fmt.Errorf("cannot write %s: is a directory", path)
	case fi.Mode().IsRegular():
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		return WriteFileAtomic(real, write)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// WriteFileAtomic writes path through a temporary file in the same directory
// (named .eventstudy-NAME.RANDOM.tmp), syncs it to disk and renames it into
// place, then syncs the directory, so that a reader never sees a partial
// file; on error the temporary file is removed and any earlier file stays
// as it was.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return writeAtomic(path, write, nil, nil, nil)
}

// writeAR writes ar.csv: one row per event and day of the widest window.
func writeAR(w io.Writer, res *study.Result, opt csvOptions) error {
	if err := writeHeader(w, "", arHeader); err != nil {
		return err
	}
	return writeARRows(w, res, opt, "")
}

var arHeader = []string{"event_id", "ticker", "rel_day", "date", "return", "market_return", "expected", "ar", "sar"}

// writeHeader writes a header row, first the model column when model is
// not "" (a run of several models).
func writeHeader(w io.Writer, model string, header []string) error {
	rw := newRowWriter(w)
	if model != "" {
		rw.str("model")
	}
	for _, h := range header {
		rw.str(h)
	}
	rw.end()
	return rw.flush()
}

// writeARRows writes the rows of ar.csv, each beginning with model when it
// is not "".
func writeARRows(w io.Writer, res *study.Result, opt csvOptions, model string) error {
	span := res.Config.Span()
	return writeRows(w, len(res.Events), func(rw *rowWriter, i int) {
		e := res.Events[i]
		for d := span.From; d <= span.To; d++ {
			k := d - e.First
			if model != "" {
				rw.str(model)
			}
			rw.text(e.ID, opt)
			rw.text(e.Ticker, opt)
			rw.int(d)
			rw.date(e.Date(d))
			rw.float(e.Aligned.R[k])
			rw.float(e.Aligned.Rm[k])
			rw.float(e.Expected[k])
			rw.float(e.AR[k])
			rw.float(e.SAR[k])
			rw.end()
		}
	})
}

// writeCAR writes car.csv. It uses encoding/csv rather than gocsv because
// its columns end with the event list's own extra columns, known only at run
// time.
func writeCAR(w io.Writer, res *study.Result, opt csvOptions) error {
	if err := writeCARHeader(w, res, opt, ""); err != nil {
		return err
	}
	return writeCARRows(w, res, opt, "")
}

// writeCARHeader writes car.csv's header, first the model column when model
// is not "".
func writeCARHeader(w io.Writer, res *study.Result, opt csvOptions, model string) error {
	rw := newRowWriter(w)
	if model != "" {
		rw.str("model")
	}
	header := []string{"event_id", "ticker", "market", "event_date", "day0", "from", "to", "car", "car_t", "car_p", "sq_p", "df", "bhar", "n_est", "confounded", "confounded_with", "sq_note"}
	for _, h := range header {
		rw.str(h)
	}
	for _, h := range res.Extra {
		rw.text(h, opt)
	}
	rw.end()
	return rw.flush()
}

// writeCARRows writes the rows of car.csv, each beginning with model when
// it is not "".
func writeCARRows(w io.Writer, res *study.Result, opt csvOptions, model string) error {
	return writeRows(w, len(res.Events), func(rw *rowWriter, i int) {
		e := res.Events[i]
		confounded := strconv.FormatBool(e.Confounders > 0)
		with := e.ConfoundedText(" ")
		for _, wr := range e.Windows {
			if model != "" {
				rw.str(model)
			}
			rw.text(e.ID, opt)
			rw.text(e.Ticker, opt)
			rw.text(e.Market, opt)
			rw.text(e.Written, opt)
			rw.date(e.Day0)
			rw.int(wr.Window.From)
			rw.int(wr.Window.To)
			rw.float(wr.CAR)
			rw.float(wr.T)
			rw.float(wr.P)
			rw.float(wr.SQ.P)
			rw.int(wr.DF)
			rw.float(wr.BHAR)
			rw.int(e.Fit.M)
			rw.str(confounded)
			rw.text(with, opt)
			rw.str(SQNote(wr.SQ))
			for _, x := range e.Extra {
				rw.text(x, opt)
			}
			rw.end()
		}
	})
}

func aarRecords(days []study.Day) []aarRecord {
	out := make([]aarRecord, len(days))
	for i, d := range days {
		out[i] = aarRecord{RelDay: d.Day, N: d.N, AAR: Float(d.AAR), CAAR: Float(d.CAAR), Lo: Float(d.Lo), Hi: Float(d.Hi)}
	}
	return out
}

// testRecords returns the rows of a tests.csv; their PHolm and PBH are
// NaN until adjustRecords sets them.
func testRecords(days []study.Day, windows []study.WindowTests) []testRecord {
	var out []testRecord
	for _, d := range days {
		for _, t := range d.Tests {
			out = append(out, testRecord{Scope: "day", RelDay: strconv.Itoa(d.Day), From: d.Day, To: d.Day,
				Test: t.Test, Statistic: Float(t.Stat), PValue: Float(t.P), PHolm: Float(math.NaN()), PBH: Float(math.NaN()), DF: Float(t.DF), N: t.N, Note: note(t)})
		}
	}
	for _, w := range windows {
		for _, t := range w.Tests {
			out = append(out, testRecord{Scope: "window", From: w.Window.From, To: w.Window.To,
				Test: t.Test, Statistic: Float(t.Stat), PValue: Float(t.P), PHolm: Float(math.NaN()), PBH: Float(math.NaN()), DF: Float(t.DF), N: t.N, Note: note(t)})
		}
		if b := w.Boot; b != nil {
			out = append(out, testRecord{Scope: "window", From: w.Window.From, To: w.Window.To,
				Test: "bootstrap", Statistic: Float(b.Mean), PValue: Float(b.P), PHolm: Float(math.NaN()), PBH: Float(math.NaN()), DF: Float(math.NaN()), N: b.N, Note: bootNote(b)})
		}
	}
	return out
}

// SQNote is what car.csv's sq_note says of an event's SQ test: why it is
// n/a, else how many estimation residual sums its quantiles come from.
func SQNote(r stats.Result) string {
	switch {
	case r.Test == "":
		return ""
	case r.NA != "":
		return "n/a: " + r.NA
	}
	return fmt.Sprintf("quantile among %d estimation-period residual sums", r.N)
}

// bootNote describes a bootstrap of the CAAR.
func bootNote(b *stats.BootResult) string {
	if b.NA != "" {
		return "n/a: " + b.NA
	}
	return fmt.Sprintf("statistic is the CAAR; 95%% percentile interval [%s, %s]; %d resamples of events, seed %d; p from the symmetric bootstrap-t",
		formatFloat(b.Lo), formatFloat(b.Hi), b.B, b.Seed)
}

// note is what the note column says of a test: why it is n/a, else how it
// was computed where that needs saying (the Kolari-Pynnönen estimator of r).
func note(t stats.Result) string {
	if t.NA != "" {
		return "n/a: " + t.NA
	}
	return t.Note
}

func skipRecords(res *study.Result) []skipRecord {
	out := make([]skipRecord, len(res.Skipped))
	for i, s := range res.Skipped {
		out[i] = skipRecord{EventID: s.ID, Ticker: s.Ticker, Date: s.Date, Line: s.Line, Reason: s.Reason}
	}
	return out
}

type summary struct {
	Tool     string          `json:"tool"`
	Version  string          `json:"version"`
	Settings settings        `json:"settings"`
	Inputs   []Input         `json:"inputs"`
	Counts   counts          `json:"counts"`
	Windows  []windowSummary `json:"windows"`
	Groups   []groupSummary  `json:"groups,omitempty"`
	Fit      *fitSummary     `json:"fit"`
	Warnings []string        `json:"warnings,omitempty"`
	// MultipleTesting states the family of tests.csv's p_holm and p_bh
	// (FamilyNote).
	MultipleTesting string `json:"multiple_testing"`
	// Models are the models of a run of several (--model market,ff3): the
	// other entries are those of the first.
	Models []modelSummary `json:"models,omitempty"`
	// Spliced says, per ticker spliced from several price files, which
	// dates came from which file (SpliceLines).
	Spliced []string `json:"spliced,omitempty"`
	// Placebo describes the pseudo-studies of --placebo (placebo.csv).
	Placebo *placeboSummary `json:"placebo,omitempty"`
}

type modelSummary struct {
	Model    string          `json:"model"`
	Computed int             `json:"computed"`
	Skipped  int             `json:"skipped"`
	Windows  []windowSummary `json:"windows"`
}

type groupSummary struct {
	Column  string          `json:"column"`
	Name    string          `json:"name"`
	N       int             `json:"n"`
	Windows []windowSummary `json:"windows"`
}

type settings struct {
	Model         string   `json:"model"`
	Estimation    string   `json:"estimation"`
	Windows       []string `json:"windows"`
	MinEstimation int      `json:"min_estimation"`
	Shift         string   `json:"shift"`
	Calendar      string   `json:"calendar"` // "data" (rows of the files), or the MIC of the sessions counted
	Returns       string   `json:"returns"`
	Market        string   `json:"market,omitempty"`
	DropConf      bool     `json:"drop_confounded"`
	Group         string   `json:"group,omitempty"`
	Measure       string   `json:"measure"`
	Factors       []string `json:"factors,omitempty"`
	Lags          int      `json:"lags,omitempty"`
	Bootstrap     int      `json:"bootstrap,omitempty"`
	Seed          uint64   `json:"seed,omitempty"`
	Placebo       int      `json:"placebo,omitempty"`
}

type counts struct {
	Events     int `json:"events_in_list"`
	Computed   int `json:"computed"`
	Skipped    int `json:"skipped"`
	Securities int `json:"securities"`
	Confounded int `json:"confounded"`         // computed events whose window overlaps another's
	Dropped    int `json:"dropped_confounded"` // confounded events left out (--drop-confounded)
}

type windowSummary struct {
	Window    string        `json:"window"`
	N         int           `json:"n"`
	CAAR      Float         `json:"caar"`
	Tests     []testSummary `json:"tests"`
	Bootstrap *bootSummary  `json:"bootstrap,omitempty"`
}

type bootSummary struct {
	Lo        Float  `json:"caar_lo95"`
	Hi        Float  `json:"caar_hi95"`
	PValue    Float  `json:"p_value"`
	Resamples int    `json:"resamples"`
	Seed      uint64 `json:"seed"`
	Note      string `json:"note,omitempty"`
}

type testSummary struct {
	Test      string `json:"test"`
	Statistic Float  `json:"statistic"`
	PValue    Float  `json:"p_value"`
	DF        Float  `json:"df"`
	N         int    `json:"n"`
	Note      string `json:"note,omitempty"`
}

func writeSummary(w io.Writer, res *study.Result, meta Meta) error {
	return encodeSummary(w, summaryOf(res, meta))
}

func encodeSummary(w io.Writer, s summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

func summaryOf(res *study.Result, meta Meta) summary {
	cfg := res.Config
	s := summary{
		Tool:    "eventstudy",
		Version: meta.Version,
		Settings: settings{
			Model: cfg.Model.String(), Estimation: cfg.Estimation.String(), MinEstimation: cfg.MinEst,
			Shift: cfg.Shift.String(), Calendar: calendarName(cfg), Returns: returnsName(cfg), Market: cfg.Market, DropConf: cfg.DropConfounded, Group: cfg.Group,
			Measure: measureName(cfg.Volume), Lags: cfg.Lags, Bootstrap: cfg.Bootstrap, Seed: cfg.Seed, Placebo: cfg.Placebo,
			Factors: factorNames(cfg),
		},
		Inputs:          meta.Inputs,
		Warnings:        res.Warnings,
		MultipleTesting: FamilyNote,
		Spliced:         SpliceLines(res),
		Placebo:         placeboSummaryOf(res),
		Counts: counts{Events: res.Total, Computed: len(res.Events), Skipped: len(res.Skipped), Securities: len(res.Tickers()),
			Confounded: res.Confounded(), Dropped: res.Dropped},
	}
	for _, win := range cfg.Windows {
		s.Settings.Windows = append(s.Settings.Windows, win.String())
	}
	s.Windows = windowSummaries(res.Windows)
	s.Fit = fitSummaryOf(res)
	for _, g := range res.Groups {
		s.Groups = append(s.Groups, groupSummary{Column: cfg.Group, Name: g.Name, N: len(g.Events), Windows: windowSummaries(g.Windows)})
	}
	return s
}

func windowSummaries(windows []study.WindowTests) []windowSummary {
	var out []windowSummary
	for _, wt := range windows {
		ws := windowSummary{Window: wt.Window.String(), N: wt.N, CAAR: Float(wt.CAAR)}
		if b := wt.Boot; b != nil {
			ws.Bootstrap = &bootSummary{Lo: Float(b.Lo), Hi: Float(b.Hi), PValue: Float(b.P), Resamples: b.B, Seed: b.Seed, Note: b.NA}
		}
		for _, t := range wt.Tests {
			ws.Tests = append(ws.Tests, testSummary{Test: t.Test, Statistic: Float(t.Stat), PValue: Float(t.P), DF: Float(t.DF), N: t.N, Note: note(t)})
		}
		out = append(out, ws)
	}
	return out
}

func returnsName(cfg study.Config) string {
	switch {
	case cfg.TradeToTrade:
		return "trade-to-trade"
	case cfg.Log:
		return "log"
	}
	return "simple"
}

func factorNames(cfg study.Config) []string {
	if cfg.Factors == nil {
		return nil
	}
	return cfg.Factors.Names
}

func measureName(volume bool) string {
	if volume {
		return "volume"
	}
	return "returns"
}

// calendarName is what counts event time: "data" (rows of the price
// files) or the calendar's MIC.
func calendarName(cfg study.Config) string {
	if cfg.Calendar == nil {
		return "data"
	}
	return cfg.Calendar.Code
}
