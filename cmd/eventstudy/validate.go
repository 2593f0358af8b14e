package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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
markdown table in FILE (docs/validation.md of a checkout of eventstudy when
run at its root, else validation.md in the current directory). The result depends only on the flags, not on the
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
	out := fset.String("out", "", "output markdown `FILE` (default docs/validation.md in a checkout of eventstudy, else validation.md)")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *out == "" {
		*out = defaultValidationOut(".")
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
	// The page may end with sections written by other commands or by
	// hand (the placebo sizes of real panels), after keptMarker: they
	// are kept.
	var kept []byte
	if b, err := os.ReadFile(*out); err == nil {
		if i := bytes.Index(b, []byte(keptMarker)); i >= 0 {
			kept = b[i:]
		}
	}
	write := func(w io.Writer) error {
		if err := v.WriteMarkdown(w); err != nil {
			return err
		}
		if kept != nil {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		_, err := w.Write(kept)
		return err
	}
	if err := report.WriteUserFile(*out, write); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "eventstudy validate-tests: %d samples of %d events per scenario, seed %d: wrote %s\n",
		cfg.Samples, cfg.Events, cfg.Seed, *out)
	return nil
}

// keptMarker begins the part of the validation page that validate-tests
// does not write and keeps as it is.
const keptMarker = "<!-- validate-tests keeps what follows -->"

// defaultValidationOut is where validate-tests writes without --out:
// docs/validation.md when dir is the root of a checkout of eventstudy (its
// go.mod names the module), the page the README links to; else
// validation.md in dir, wherever the binary is run.
func defaultValidationOut(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err == nil && modulePath(b) == "github.com/eventstudy/eventstudy" {
		return filepath.Join(dir, "docs", "validation.md")
	}
	return filepath.Join(dir, "validation.md")
}

// modulePath is the module path of a go.mod file, or "".
func modulePath(gomod []byte) string {
	for line := range strings.Lines(string(gomod)) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
