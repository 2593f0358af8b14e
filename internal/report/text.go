package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// maxEventRows is how many events the terminal summary lists one by one;
// larger studies are summarized across events only (car.csv has them all).
const maxEventRows = 20

// Printable returns s with its control characters written as escapes
// (\x1b, \n, \u0085, \u202e): text from an event list (ids, tickers, group values)
// or a file name printed to a terminal can otherwise move the cursor, hide
// a line behind a carriage return or retitle the window, and a line end
// splits what is meant as one line. Other characters, of any script, are
// kept.
func Printable(s string) string {
	if strings.IndexFunc(s, unprintable) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unprintable(r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// unprintable reports whether Printable escapes r: a control character,
// or one of the bidirectional overrides and isolates (U+202A..U+202E,
// U+2066..U+2069) that reorder the text around them as displayed.
func unprintable(r rune) bool {
	return unicode.IsControl(r) || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}

// WriteText writes the readable summary of a study.
func WriteText(w io.Writer, res *study.Result) error {
	cfg := res.Config
	pct := amount(cfg)
	what := returnsName(cfg) + " returns"
	if cfg.Volume {
		what = "abnormal log(1+volume)"
	}
	sessions := ""
	if cfg.Calendar != nil {
		sessions = ", event time in " + cfg.Calendar.Code + " sessions"
	}
	fmt.Fprintf(w, "eventstudy: %d of %d events computed, %d skipped; %s model, estimation %s, %s, day 0 shift %s%s\n",
		len(res.Events), res.Total, len(res.Skipped), cfg.Model, cfg.Estimation, what, cfg.Shift, sessions)
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "warning: %s\n", Printable(warn))
	}
	for _, line := range SpliceLines(res) {
		fmt.Fprintln(w, line)
	}
	switch {
	case res.Dropped > 0:
		fmt.Fprintf(w, "%d events left out because their event window overlaps another event of the same security (--drop-confounded)\n", res.Dropped)
	case res.Confounded() > 0:
		fmt.Fprintf(w, "%d events have an event window that overlaps another event of the same security (column confounded in car.csv; --drop-confounded leaves them out)\n", res.Confounded())
	}

	if len(res.Events) <= maxEventRows {
		if res.Config.Model == stats.GARCH {
			fmt.Fprintln(w, "\nPer event (t = CAR / √Σh, h the GARCH(1,1) variance forecast from the estimation window, Savickas 2003; SQ p from the")
		} else {
			fmt.Fprintln(w, "\nPer event (t from the forecast-error variance, Campbell, Lo & MacKinlay 1997; SQ p from the")
		}
		fmt.Fprintln(w, "quantiles of the event's own estimation residual sums, Gelbach, Helland & Klick 2013):")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "id\tticker\tmarket\tday 0\twindow\tCAR\tt\tp\tSQ p\tBHAR\tM\t")
		sqNA := make([][]string, len(res.Config.Windows)) // reasons per window
		for _, e := range res.Events {
			for k, wr := range e.Windows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t\n",
					Printable(e.ID), Printable(e.Ticker), Printable(e.Market), e.Day0, wr.Window, pct(wr.CAR), num(wr.T, 2), pval(wr.P), pval(wr.SQ.P), pct(wr.BHAR), e.Fit.M)
				if wr.SQ.NA != "" {
					sqNA[k] = append(sqNA[k], fmt.Sprintf("SQ p of %s, window %s is n/a: %s", Printable(e.ID), wr.Window, wr.SQ.NA))
				}
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for k, reasons := range sqNA {
			switch len(reasons) {
			case 0:
			case 1:
				fmt.Fprintln(w, reasons[0])
			default:
				fmt.Fprintf(w, "SQ p of %d events, window %s is n/a: fewer than %d estimation-period residual sums (sq_note in car.csv)\n",
					len(reasons), res.Config.Windows[k], stats.SQMinSums)
			}
		}
	}

	fmt.Fprintln(w, "\nAcross events (statistic and two-sided p per window):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "window\t")
	for _, wt := range res.Windows {
		fmt.Fprintf(tw, "%s\t", wt.Window)
	}
	fmt.Fprint(tw, "\nN\t")
	for _, wt := range res.Windows {
		fmt.Fprintf(tw, "%d\t", wt.N)
	}
	fmt.Fprint(tw, "\nCAAR\t")
	for _, wt := range res.Windows {
		fmt.Fprintf(tw, "%s\t", pct(wt.CAAR))
	}
	fmt.Fprintln(tw)
	if len(res.Windows) > 0 {
		for k, t0 := range res.Windows[0].Tests {
			fmt.Fprintf(tw, "%s\t", t0.Test)
			for _, wt := range res.Windows {
				t := wt.Tests[k]
				if t.NA != "" {
					fmt.Fprint(tw, "n/a\t")
					continue
				}
				fmt.Fprintf(tw, "%s (%s)\t", num(t.Stat, 2), pval(t.P))
			}
			fmt.Fprintln(tw)
		}
		if res.Windows[0].Boot != nil {
			fmt.Fprint(tw, "bootstrap 95% CI\t")
			for _, wt := range res.Windows {
				if b := wt.Boot; b.NA == "" {
					fmt.Fprintf(tw, "[%s, %s] (%s)\t", pct(b.Lo), pct(b.Hi), pval(b.P))
				} else {
					fmt.Fprint(tw, "n/a\t")
				}
			}
			fmt.Fprintln(tw)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Say why a test is n/a once per test.
	seen := map[string]bool{}
	for _, wt := range res.Windows {
		for _, t := range wt.Tests {
			if t.NA != "" && !seen[t.Test] {
				seen[t.Test] = true
				fmt.Fprintf(w, "  %s n/a: %s\n", t.Test, t.NA)
			}
		}
	}
	if res.Placebo != nil {
		fmt.Fprint(w, placeboText(res))
	}
	if err := writeGroupText(w, res); err != nil {
		return err
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "\nSkipped %d events (all listed in skipped.csv), first ones:\n", len(res.Skipped))
		for i, s := range res.Skipped {
			if i == 5 {
				fmt.Fprintf(w, "  ... and %d more\n", len(res.Skipped)-5)
				break
			}
			fmt.Fprintf(w, "  line %d, event %s %s %s: %s\n", s.Line, Printable(s.ID), Printable(s.Ticker), Printable(s.Date), Printable(s.Reason))
		}
	}
	return nil
}

// amount returns the formatter of the study's measure: percent for
// returns (pct), four decimals for abnormal log(1+volume), whose CARs are
// log ratios to the normal volume (0.6931 is twice the normal volume), not
// percentages.
func amount(cfg study.Config) func(float64) string {
	if cfg.Volume {
		return func(v float64) string { return num(v, 4) }
	}
	return pct
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", 100*v)
}

func num(v float64, prec int) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.*f", prec, v)
}

// PValue prints a p-value as the tables do: four decimals, "<0.0001" below
// that, "n/a" for NaN.
func PValue(p float64) string { return pval(p) }

func pval(p float64) string {
	switch {
	case math.IsNaN(p):
		return "n/a"
	case p < 0.0001:
		return "<0.0001"
	}
	return fmt.Sprintf("%.4f", p)
}

// writeGroupText summarizes a study split into groups: each group's CAAR
// per window with its cross-sectional t, and the tests of the differences.
func writeGroupText(w io.Writer, res *study.Result) error {
	if len(res.Groups) == 0 {
		return nil
	}
	pct := amount(res.Config)
	fmt.Fprintf(w, "\nBy %s (CAAR, cross-sectional t and p; every table per group in groups/):\n", Printable(res.Config.Group))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "group\tN\t")
	for _, win := range res.Config.Windows {
		fmt.Fprintf(tw, "%s\t", win)
	}
	fmt.Fprintln(tw)
	for _, g := range res.Groups {
		fmt.Fprintf(tw, "%s\t%d\t", Printable(g.Name), len(g.Events))
		for _, wt := range g.Windows {
			t := wt.Tests[0]
			fmt.Fprintf(tw, "%s (t %s, p %s)\t", pct(wt.CAAR), num(t.Stat, 2), pval(t.P))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nDifferences between groups (Welch t; Wilcoxon rank-sum):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "window\tgroups\tdifference\twelch t\tp\trank-sum p\t")
	for _, gt := range res.GroupTests {
		welch, rs := gt.Tests[0], gt.Tests[1]
		fmt.Fprintf(tw, "%s\t%s - %s\t%s\t%s\t%s\t%s\t\n", gt.Window, Printable(gt.A), Printable(gt.B), pct(gt.CAARA-gt.CAARB), num(welch.Stat, 2), pval(welch.P), pval(rs.P))
	}
	return tw.Flush()
}

// SpliceLines says, for each series spliced from several files
// (prices.Splice), in ticker order, which dates each file gave:
// "^HSI spliced from old.csv (1986-12-31..2021-06-23, 8514 rows) and
// new.csv (2021-06-24..2026-06-23, 1226 rows)".
func SpliceLines(res *study.Result) []string {
	var out []string
	var tickers []string
	for t, s := range res.Series {
		if len(s.Sources) > 0 {
			tickers = append(tickers, t)
		}
	}
	slices.Sort(tickers)
	for _, t := range tickers {
		s := res.Series[t]
		parts := make([]string, len(s.Sources))
		for i, src := range s.Sources {
			parts[i] = fmt.Sprintf("%s (%s..%s, %d rows)", src.File, src.From, src.To, src.Rows)
		}
		last := len(parts) - 1
		list := parts[last]
		if last > 0 {
			list = strings.Join(parts[:last], ", ") + " and " + parts[last]
		}
		out = append(out, fmt.Sprintf("%s spliced from %s", t, list))
	}
	return out
}
