package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/eventstudy/eventstudy/data"
	"github.com/eventstudy/eventstudy/internal/report"
)

const demoUsage = `Usage: eventstudy demo [--out DIR] [--report] [--xlsx]

Runs the bundled example study on synthetic data: 40 synthetic securities
(SYN001..SYN040) and a synthetic market index (SYNMKT) over 2022-2024, and
300 events with an abnormal return of +2% injected on day 0, plus one event
for a ticker without prices. The study (market model, estimation -250:-11,
windows 0:0, -1:1 and -5:5) should find the +2% on day 0 and list the events
it could not use.

The input files are written to DIR/input/ so that the same study can be run
with 'eventstudy run' and changed; tables and charts go to DIR.

Flags:
`

func runDemo(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("demo", demoUsage, stderr)
	out := fset.String("out", "eventstudy-demo", "output `DIR`")
	html := fset.Bool("report", false, "also write DIR/report.html, as eventstudy run --report")
	xlsx := fset.Bool("xlsx", false, "also write DIR/results.xlsx, as eventstudy run --xlsx")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out: empty: want a directory")
	}
	input := filepath.Join(*out, "input")
	if err := os.MkdirAll(input, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	// The inputs are outputs of the demo, in its manifest.
	outs, err := report.Begin(*out, version)
	if err != nil {
		return err
	}
	for _, name := range []string{"synthetic_prices.csv.gz", "synthetic_events.csv"} {
		b, err := fs.ReadFile(data.Demo, "demo/"+name)
		if err != nil {
			return err
		}
		if err := outs.Write(filepath.Join(input, name), func(w io.Writer) error {
			_, err := w.Write(b)
			return err
		}); err != nil {
			return err
		}
	}
	o := defaultRunOptions()
	o.Events = filepath.Join(input, "synthetic_events.csv")
	o.Prices.values = []string{filepath.Join(input, "synthetic_prices.csv.gz")}
	o.Market = "SYNMKT"
	o.Out = *out
	o.Title = "synthetic demo data"
	o.Report, o.XLSX = *html, *xlsx
	cfg, err := o.config()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "eventstudy demo: synthetic data (+2%% injected on day 0), inputs in %s\n\n", input)
	if err := execute(o, cfg, outs, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nThe same study from the command line:\n  eventstudy run --events %s --prices %s --market SYNMKT --out %s\n",
		o.Events, o.Prices.values[0], *out)
	return nil
}
