package synth

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// Writers are the destinations of Write; a nil one is not written.
type Writers struct {
	// PanelCSV receives the long panel date,ticker,close,volume, one row
	// per security and trading day from its listing on, date-major.
	PanelCSV io.Writer
	// PanelParquet receives the same panel as Parquet: date (DATE), ticker
	// (string, dictionary-encoded), close and volume (optional doubles).
	PanelParquet io.Writer
	// MarketCSV receives the index SYNMKT as Date,Close,Volume.
	MarketCSV io.Writer
}

// Write generates the prices once and writes them to every writer of w.
func (p *Panel) Write(w Writers) error {
	dates := make([][]byte, len(p.Days))
	for i, d := range p.Days {
		dates[i] = []byte(d.String())
	}
	var sinks []func(day int, market Row, rows []Row) error
	var closers []func() error
	if w.PanelCSV != nil {
		bw := bufio.NewWriterSize(w.PanelCSV, 1<<20)
		bw.WriteString("date,ticker,close,volume\n")
		tickers := make([][]byte, len(p.Securities))
		for i, s := range p.Securities {
			tickers[i] = []byte(s.Ticker)
		}
		sinks = append(sinks, func(day int, _ Row, rows []Row) error {
			for _, r := range rows {
				b := bw.AvailableBuffer()
				b = append(b, dates[day]...)
				b = append(b, ',')
				b = append(b, tickers[r.Sec]...)
				b = append(b, ',')
				b = appendRow(b, r)
				if _, err := bw.Write(b); err != nil {
					return err
				}
			}
			return nil
		})
		closers = append(closers, bw.Flush)
	}
	if w.MarketCSV != nil {
		bw := bufio.NewWriter(w.MarketCSV)
		bw.WriteString("Date,Close,Volume\n")
		sinks = append(sinks, func(day int, m Row, _ []Row) error {
			b := append(bw.AvailableBuffer(), dates[day]...)
			b = append(b, ',')
			_, err := bw.Write(appendRow(b, m))
			return err
		})
		closers = append(closers, bw.Flush)
	}
	if w.PanelParquet != nil {
		sink, close := p.parquetSink(w.PanelParquet)
		sinks = append(sinks, sink)
		closers = append(closers, close)
	}
	err := p.Generate(func(day int, m Row, rows []Row) error {
		for _, sink := range sinks {
			if err := sink(day, m, rows); err != nil {
				return err
			}
		}
		return nil
	})
	for _, c := range closers {
		if cerr := c(); err == nil {
			err = cerr
		}
	}
	return err
}

// appendRow appends "close,volume\n", a missing value as an empty cell.
func appendRow(b []byte, r Row) []byte {
	if !math.IsNaN(r.Close) {
		b = strconv.AppendFloat(b, r.Close, 'f', -1, 64)
	}
	b = append(b, ',')
	if !math.IsNaN(r.Volume) {
		b = strconv.AppendInt(b, int64(r.Volume), 10)
	}
	return append(b, '\n')
}

// parquetRow is one row of panel.parquet.
type parquetRow struct {
	Date   int32    `parquet:"date,date"`
	Ticker string   `parquet:"ticker,dict"`
	Close  *float64 `parquet:"close,optional"`
	Volume *float64 `parquet:"volume,optional"`
}

// rowGroupRows is the number of rows of a Parquet row group: small enough
// that a 12.6M-row panel has dozens, which readers decode in parallel.
const rowGroupRows = 1 << 18

func (p *Panel) parquetSink(w io.Writer) (sink func(int, Row, []Row) error, close func() error) {
	pw := parquet.NewGenericWriter[parquetRow](w, parquet.MaxRowsPerRowGroup(rowGroupRows), parquet.CreatedBy("eventstudy gen", "", ""))
	buf := make([]parquetRow, 0, len(p.Securities))
	vals := make([]float64, 2*len(p.Securities))
	sink = func(day int, _ Row, rows []Row) error {
		buf = buf[:0]
		for k, r := range rows {
			pr := parquetRow{Date: int32(p.Days[day]), Ticker: p.Securities[r.Sec].Ticker}
			if !math.IsNaN(r.Close) {
				vals[2*k] = r.Close
				pr.Close = &vals[2*k]
			}
			if !math.IsNaN(r.Volume) {
				vals[2*k+1] = r.Volume
				pr.Volume = &vals[2*k+1]
			}
			buf = append(buf, pr)
		}
		_, err := pw.Write(buf)
		return err
	}
	return sink, pw.Close
}

// WriteEvents writes the event list: id,ticker,date,group,injected_ar.
func (p *Panel) WriteEvents(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("id,ticker,date,group,injected_ar\n")
	for _, e := range p.Events {
		b := bw.AvailableBuffer()
		b = append(b, e.ID...)
		b = append(b, ',')
		b = append(b, e.Ticker...)
		b = append(b, ',')
		b = append(b, e.Date.String()...)
		b = append(b, ',')
		b = append(b, e.Group...)
		b = append(b, ',')
		b = strconv.AppendFloat(b, e.AR, 'f', -1, 64)
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// WriteSecurities writes the true parameters of each security:
// ticker,alpha,beta,sigma,listed (the date of its first row).
func (p *Panel) WriteSecurities(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("ticker,alpha,beta,sigma,listed\n")
	for _, s := range p.Securities {
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s\n", s.Ticker,
			strconv.FormatFloat(s.Alpha, 'g', -1, 64), strconv.FormatFloat(s.Beta, 'g', -1, 64),
			strconv.FormatFloat(s.Sigma, 'g', -1, 64), p.Days[s.Listed])
	}
	return bw.Flush()
}

// Files says which panel files WriteDir writes.
type Files struct {
	CSV     bool // panel.csv
	Gzip    bool // panel.csv.gz instead of panel.csv
	Parquet bool // panel.parquet
}

// WriteDir writes the study into dir (created if need be): the panel as
// asked by f, market.csv, events.csv and securities.csv. It returns the
// paths written.
func (p *Panel) WriteDir(dir string, f Files) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	var files []*os.File
	defer func() {
		for _, fh := range files {
			fh.Close()
		}
	}()
	create := func(name string) (*os.File, error) {
		path := filepath.Join(dir, name)
		fh, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		paths = append(paths, path)
		files = append(files, fh)
		return fh, nil
	}
	var w Writers
	var zw *gzip.Writer
	if f.CSV || f.Gzip {
		name := "panel.csv"
		if f.Gzip {
			name += ".gz"
		}
		fh, err := create(name)
		if err != nil {
			return nil, err
		}
		w.PanelCSV = fh
		if f.Gzip {
			zw, _ = gzip.NewWriterLevel(fh, gzip.BestSpeed)
			w.PanelCSV = zw
		}
	}
	if f.Parquet {
		fh, err := create("panel.parquet")
		if err != nil {
			return nil, err
		}
		w.PanelParquet = fh
	}
	fh, err := create("market.csv")
	if err != nil {
		return nil, err
	}
	w.MarketCSV = fh
	if err := p.Write(w); err != nil {
		return nil, err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return nil, err
		}
	}
	for _, small := range []struct {
		name  string
		write func(io.Writer) error
	}{{"events.csv", p.WriteEvents}, {"securities.csv", p.WriteSecurities}} {
		fh, err := create(small.name)
		if err != nil {
			return nil, err
		}
		if err := small.write(fh); err != nil {
			return nil, err
		}
	}
	for _, fh := range files {
		if err := fh.Close(); err != nil {
			return nil, err
		}
	}
	files = nil
	return paths, nil
}
