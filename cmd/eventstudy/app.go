package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/eventstudy/eventstudy/internal/par"
	"github.com/eventstudy/eventstudy/internal/report"
)

// version is the tool's version, recorded in summary.json.
const version = "0.1.0"

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError marks an error in the command line rather than in the data.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

const mainUsage = `eventstudy measures how security prices reacted to events.

Usage:
  eventstudy run [study.yaml] --events FILE --prices PATH [flags]
  eventstudy events --dates FILE --tickers PATH | --column NAME --prices PATH | --edgar FILE
  eventstudy demo [--out DIR]
  eventstudy regress --car FILE [--window FROM:TO] [--y COL] [--x COL,...] [--cluster COL[,COL]]
  eventstudy cross-section --events FILE --prices PATH --x COL[,COL...]
  eventstudy validate-tests [--samples 1000] [--events 50] [--seed 1]
  eventstudy gen --out DIR [--tickers 5000] [--days 2520] [--events 100000] [--seed 1]
  eventstudy fetch TICKER... --from DATE --to DATE --out DIR
  eventstudy fetch --french NAME --out DIR
  eventstudy help [command]

Commands:
  run      run an event study on an event list and price files
  events   write an event list from a date list, a price-file column or
           SEC EDGAR filings
  demo     run the bundled example study (synthetic data) into ./eventstudy-demo/
  regress  regress the CARs of a window (or any numeric column) on event
           characteristics (HC1 or one- and two-way clustered standard errors)
  cross-section
           regress the returns of firms sharing an event date on their
           characteristics, against pre-event days and by factor GLS
  validate-tests
           simulate every test's rejection rate under null and alternative
           hypotheses (seeded) and write docs/validation.md
  gen      write a synthetic panel, market and event list of any size (benchmarks)
  fetch    download daily prices (Yahoo Finance) and Ken French factor files

Examples:
  eventstudy demo
  eventstudy run --events events.csv --prices prices/ --market SPY --windows 0:0,-1:1,-5:5 --out results/

Run 'eventstudy run --help' for every flag of a study.
`

// run is the whole program with its I/O passed in; it returns the exit code.
// A panic, in it or in a worker of package par, is a bug whatever the
// input: it is reported on one line as an internal error, with exit 1 (not
// 2: the command line may be fine).
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			cmd := "eventstudy"
			if len(args) > 0 && len(args[0]) <= 20 {
				cmd += " " + args[0]
			}
			fmt.Fprintf(stderr, "%s: internal error: %s (please report)\n", cmd, report.Printable(fmt.Sprint(par.NewPanic(v))))
			code = exitError
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "run":
		err = runStudy(args[1:], stdout, stderr)
	case "events":
		err = runEvents(args[1:], stdout, stderr)
	case "demo":
		err = runDemo(args[1:], stdout, stderr)
	case "regress":
		err = runRegress(args[1:], stdout, stderr)
	case "cross-section":
		err = runCrossSection(args[1:], stdout, stderr)
	case "validate-tests":
		err = runValidate(args[1:], stdout, stderr)
	case "gen":
		err = runGen(args[1:], stdout, stderr)
	case "fetch":
		err = runFetch(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && args[0] == "help" {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, mainUsage)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "eventstudy", version)
		return exitOK
	default:
		fmt.Fprintf(stderr, "eventstudy: unknown command %q\n\n%s", args[0], mainUsage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "eventstudy %s: %s\nRun 'eventstudy %s --help' for usage.\n", args[0], report.Printable(err.Error()), args[0])
		return exitUsage
	default:
		// One line, whatever text from the inputs it quotes.
		fmt.Fprintf(stderr, "eventstudy %s: %s\n", args[0], report.Printable(err.Error()))
		return exitError
	}
}

// newFlagSet returns the flag set of a subcommand whose --help prints usage
// followed by the flags.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses a subcommand's flags: --help is flag.ErrHelp, any other
// problem a usage error, and no argument may follow the flags.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := parseQuiet(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// parseQuiet is fs.Parse, but a bad flag is only the error it returns
// (one line, printed by run), not also the whole usage the flag package
// prints first; the usage is printed for --help alone.
func parseQuiet(fs *flag.FlagSet, args []string) error {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
	}
	return err
}
