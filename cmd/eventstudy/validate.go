package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/eventstudy/eventstudy/internal/report"
	"github.com/eventstudy/eventstudy/internal/stats"
)

const validateUsage = `Usage: eventstudy validate-tests [--samples N] [--events N] [--seed N] [--out FILE]

Checks the size and power of every cross-event test by simulation, in the
style of Brown & Warner (1985): for each of five scenarios (the null with
normal returns, the null with event-induced variance, the null with all
events on one date and cross-correlated returns, +1% on day 0, and the
null with events of 10 securities whose windows overlap) it
draws --samples samples of --events events, runs the tests on day 0 and on
the window -1:1, and writes the share of samples rejecting at 5% to a
markdown table in FILE. The result depends only on the flags, not on the
number of cores.

Flags:
`

func runValidate(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("validate-tests", validateUsage, stderr)
	def := stats.DefaultValidationConfig()
	samples := fset.Int("samples", def.Samples, "simulated samples per scenario")
	events := fset.Int("events", def.Events, "events per sample")
	seed := fset.Uint64("seed", def.Seed, "random seed")
	boot := fset.Int("bootstrap", def.Boot, "bootstrap resamples per sample")
	out := fset.String("out", filepath.Join("docs", "validation.md"), "output markdown `FILE`")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	cfg := stats.ValidationConfig{Samples: *samples, Events: *events, Seed: *seed, Boot: *boot}
	if *samples < 1 || *events < 3 || *boot < 1 ||
		*samples > stats.MaxValidationSamples || *events > stats.MaxValidationEvents || *boot > stats.MaxValidationBoot ||
		*samples**events > stats.MaxValidationDraws {
		_, err := stats.Validate(cfg) // the same checks, with their messages
		return usageError{err}
	}
	if dir := filepath.Dir(*out); dir != "." {
		if _, err := os.Stat(dir); err != nil {
			return fmt.Errorf("output directory: %w", err)
		}
	}
	v, err := stats.Validate(cfg)
	if err != nil {
		return err
	}
	if err := report.WriteFileAtomic(*out, v.WriteMarkdown); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "eventstudy validate-tests: %d samples of %d events per scenario, seed %d: wrote %s\n",
		cfg.Samples, cfg.Events, cfg.Seed, *out)
	return nil
}
