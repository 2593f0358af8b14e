package stats

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/eventstudy/eventstudy/internal/par"
)

// ValidationConfig sets up Validate.
type ValidationConfig struct {
	// Samples is the number of simulated samples per scenario, Events the
	// number of events per sample.
	Samples, Events int
	// Seed seeds every sample: sample s of scenario c draws from
	// rand.NewPCG(Seed, c<<32 | s).
	Seed uint64
	// Boot is the number of bootstrap resamples per sample (Bootstrap).
	Boot int
	// Workers is the number of goroutines; 0 means GOMAXPROCS. The result
	// does not depend on it.
	Workers int
}

// DefaultValidationConfig returns 1,000 samples of 50 events, seed 1 and
// DefaultBootstrap resamples.
func DefaultValidationConfig() ValidationConfig {
	return ValidationConfig{Samples: 1000, Events: 50, Seed: 1, Boot: DefaultBootstrap}
}

// The data-generating process of Validate (see Scenarios).
const (
	valDays     = 1500   // trading days in the simulated calendar
	valCalBase  = 18262  // calendar day number of its first day (2020-01-01)
	valMarketMu = 0.0003 // mean daily market return
	valMarketSD = 0.01   // sd of the daily market return
	valSigmaLo  = 0.01   // idiosyncratic sd, uniform on [valSigmaLo, valSigmaHi]
	valSigmaHi  = 0.03
	valBetaLo   = 0.5 // beta, uniform on [valBetaLo, valBetaHi]
	valBetaHi   = 1.5
	valRho      = 0.2  // residual correlation in the clustered scenario
	valVarMult  = 3.0  // day-0 variance multiple in the event-induced variance scenario
	valEffect   = 0.01 // day-0 abnormal return in the power scenario
	valMinEst   = 200  // minimum estimation returns
	valAlpha    = 0.05 // nominal size
	valSecs     = 10   // securities in the repeated-securities scenario
)

var (
	valEst    = Window{-250, -11}
	valWindow = Window{-1, 1}
)

// Scenario is one data-generating process of Validate.
type Scenario struct {
	Key, Name, Description string
}

// Scenarios returns the five scenarios of Validate, in order.
func Scenarios() []Scenario {
	return []Scenario{
		{"a", "null, normal returns", "event dates drawn independently and uniformly over the calendar; independent residuals"},
		{"b", "null, event-induced variance", fmt.Sprintf("as (a), with the day-0 residual variance multiplied by %g", valVarMult)},
		{"c", "null, one event date", fmt.Sprintf("all events on the same calendar date (same estimation dates); residuals share a common shock with correlation %g", valRho)},
		{"d", "power, +1% on day 0", fmt.Sprintf("as (a), with an abnormal return of %+g on day 0", valEffect)},
		{"e", "null, repeated securities", fmt.Sprintf("as (a), but the events belong to %d securities (event i to security i mod %d), each with one return series, so that events of one security whose estimation windows overlap have perfectly correlated estimation residuals; event dates independent", valSecs, valSecs)},
	}
}

// Validation is the outcome of Validate: for each scenario, each of day 0
// and window -1:1 (index 0 and 1), and each test of Tests, the number of
// samples that rejected at 5% and the number in which the test was n/a.
type Validation struct {
	Config    ValidationConfig
	Scenarios []Scenario
	// Tests is TestNames followed by "bootstrap" (Bootstrap's p-value).
	Tests      []string
	Rejections [][2][]int
	NA         [][2][]int
}

// Rate returns the rejection rate of test j on day 0 (k = 0) or window
// -1:1 (k = 1) in scenario s, over the samples in which it was not n/a.
func (v *Validation) Rate(s, k, j int) float64 {
	n := v.Config.Samples - v.NA[s][k][j]
	if n == 0 {
		return math.NaN()
	}
	return float64(v.Rejections[s][k][j]) / float64(n)
}

// Bounds of ValidationConfig, each 100 times the default or more: the
// simulation keeps a flag per sample and test, and costs samples x events
// x resamples draws, so an unbounded flag (--samples 9223372036854775807)
// would exhaust memory before the first sample.
const (
	MaxValidationSamples = 1000000
	MaxValidationEvents  = 100000
	MaxValidationBoot    = 100000
	// MaxValidationDraws bounds samples x events, the simulated events of
	// a scenario: 2,000 times the default 1,000 x 50, which already takes
	// minutes a scenario; without it the bounds above allow 10^11.
	MaxValidationDraws = 100000000
)

// Validate simulates, for each scenario of Scenarios, cfg.Samples samples
// of cfg.Events events in the style of Brown & Warner (1985) and counts how
// often each test of DayTests (day 0) and WindowTests (window -1:1), and
// Bootstrap of the day-0 ARs and of the CARs, rejects at 5%.
//
// Data-generating process: a calendar of 1,500 trading days with market
// returns N(0.0003, 0.01^2); event i has beta_i ~ U(0.5, 1.5), alpha 0 and
// residual sd sigma_i ~ U(0.01, 0.03), normal; R_it = beta_i R_mt + e_it;
// market model, estimation -250:-11 (at least 200 returns), event grid
// -250..+1; in scenario (e) beta, sigma and the residual series belong to
// the security. Event dates fall on the calendar as Scenarios describes, and
// Event.Cal carries them so that the Kolari-Pynnönen r sees the overlaps.
//
// Samples run in parallel; sample s of scenario c draws from its own
// generator, so the result depends on cfg but not on Workers or GOMAXPROCS.
func Validate(cfg ValidationConfig) (*Validation, error) {
	switch {
	case cfg.Samples < 1 || cfg.Samples > MaxValidationSamples:
		return nil, fmt.Errorf("samples %d: want 1 to %d", cfg.Samples, MaxValidationSamples)
	case cfg.Events < 3 || cfg.Events > MaxValidationEvents:
		return nil, fmt.Errorf("events %d: want 3 to %d", cfg.Events, MaxValidationEvents)
	case cfg.Boot < 1 || cfg.Boot > MaxValidationBoot:
		return nil, fmt.Errorf("bootstrap resamples %d: want 1 to %d", cfg.Boot, MaxValidationBoot)
	case cfg.Samples*cfg.Events > MaxValidationDraws:
		return nil, fmt.Errorf("samples %d x events %d: want at most %d simulated events a scenario", cfg.Samples, cfg.Events, MaxValidationDraws)
	case cfg.Workers < 0:
		return nil, fmt.Errorf("workers %d: must not be negative", cfg.Workers)
	}
	scen := Scenarios()
	tests := append(TestNames(), "bootstrap")
	nt := len(tests)
	// reject[c][s] and na[c][s] hold one flag per (k, test): k*nt + j.
	reject := make([][][]bool, len(scen))
	na := make([][][]bool, len(scen))
	for c := range scen {
		reject[c] = make([][]bool, cfg.Samples)
		na[c] = make([][]bool, cfg.Samples)
	}
	workers := cfg.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := len(scen) * cfg.Samples
	var next atomic.Int64
	var wg par.Group // a panic of a sample reaches the caller
	var firstErr error
	var errOnce sync.Once
	for range min(workers, jobs) {
		wg.Go(func() {
			for {
				job := int(next.Add(1) - 1)
				if job >= jobs {
					return
				}
				c, s := job/cfg.Samples, job%cfg.Samples
				rj, n, err := valSample(cfg, c, s, nt)
				if err != nil {
					errOnce.Do(func() { firstErr = err })
					return
				}
				reject[c][s], na[c][s] = rj, n
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	v := &Validation{Config: cfg, Scenarios: scen, Tests: tests,
		Rejections: make([][2][]int, len(scen)), NA: make([][2][]int, len(scen))}
	for c := range scen {
		for k := range 2 {
			v.Rejections[c][k] = make([]int, nt)
			v.NA[c][k] = make([]int, nt)
			for s := range cfg.Samples {
				for j := range nt {
					if reject[c][s][k*nt+j] {
						v.Rejections[c][k][j]++
					}
					if na[c][s][k*nt+j] {
						v.NA[c][k][j]++
					}
				}
			}
		}
	}
	return v, nil
}

// valSample simulates sample s of scenario c and returns, per (k, test),
// whether the test rejected at 5% and whether it was n/a.
func valSample(cfg ValidationConfig, c, s, nt int) (reject, na []bool, err error) {
	rng := rand.New(rand.NewPCG(cfg.Seed, uint64(c)<<32|uint64(s)))
	const first, last = -250, 1
	n := last - first + 1
	market := make([]float64, valDays)
	common := make([]float64, valDays)
	for t := range market {
		market[t] = valMarketMu + valMarketSD*rng.NormFloat64()
		common[t] = rng.NormFloat64()
	}
	rho := 0.0
	if c == 2 {
		rho = valRho
	}
	shared := -first + rng.IntN(valDays+first-last) // day-0 index of scenario (c)
	// Scenario (e): each security's beta, sigma and residual series over
	// the whole calendar.
	var secBeta, secSigma []float64
	var secResid [][]float64
	if c == 4 {
		for range valSecs {
			secBeta = append(secBeta, valBetaLo+(valBetaHi-valBetaLo)*rng.Float64())
			secSigma = append(secSigma, valSigmaLo+(valSigmaHi-valSigmaLo)*rng.Float64())
			e := make([]float64, valDays)
			for t := range e {
				e[t] = rng.NormFloat64()
			}
			secResid = append(secResid, e)
		}
	}
	evs := make([]*EventResult, 0, cfg.Events)
	for i := range cfg.Events {
		day0 := shared
		if c != 2 {
			day0 = -first + rng.IntN(valDays+first-last)
		}
		var beta, sigma float64
		var resid []float64 // the security's residuals (scenario e)
		if c == 4 {
			beta, sigma, resid = secBeta[i%valSecs], secSigma[i%valSecs], secResid[i%valSecs]
		} else {
			beta = valBetaLo + (valBetaHi-valBetaLo)*rng.Float64()
			sigma = valSigmaLo + (valSigmaHi-valSigmaLo)*rng.Float64()
		}
		r, m, cal := make([]float64, n), make([]float64, n), make([]int32, n)
		for k := range n {
			t := day0 + first + k
			var e float64
			if resid != nil {
				e = sigma * resid[t]
			} else {
				e = sigma * (math.Sqrt(rho)*common[t] + math.Sqrt(1-rho)*rng.NormFloat64())
			}
			if first+k == 0 {
				switch c {
				case 1:
					e *= math.Sqrt(valVarMult)
				case 3:
					e += valEffect
				}
			}
			m[k] = market[t]
			r[k] = beta*m[k] + e
			cal[k] = int32(valCalBase + t)
		}
		res, err := Analyze(Event{First: first, R: r, Rm: m, Cal: cal}, MarketModel, valEst, []Window{valWindow}, valMinEst)
		if err != nil {
			return nil, nil, fmt.Errorf("scenario %s, sample %d, event %d: %w", Scenarios()[c].Key, s, i, err)
		}
		evs = append(evs, res)
	}
	reject, na = make([]bool, 2*nt), make([]bool, 2*nt)
	var ar, car []float64
	for _, e := range evs {
		ar = append(ar, e.ARAt(0))
		car = append(car, e.Windows[0].CAR)
	}
	// The bootstrap's generators, rand.NewPCG(seed, k) for resample k,
	// must not repeat the sample's: seed is a hash of (Seed, c, s, k).
	bootSeed := func(k int) uint64 {
		return splitmix64(splitmix64(cfg.Seed^0xb007) ^ (uint64(c)<<32 | uint64(s)) ^ uint64(k)<<62)
	}
	for k, rs := range [2][]Result{DayTests(evs, valEst, 0), WindowTests(evs, valEst, valWindow)} {
		x := ar
		if k == 1 {
			x = car
		}
		b := Bootstrap(x, cfg.Boot, bootSeed(k))
		rs = append(rs, Result{Test: "bootstrap", P: b.P, NA: b.NA})
		for j, r := range rs {
			if r.NA != "" {
				na[k*nt+j] = true
				continue
			}
			reject[k*nt+j] = r.P < valAlpha
		}
	}
	return reject, na, nil
}

// splitmix64 is the output function of SplitMix64 (Steele, Lea & Flood
// 2014), a bijective mixing of 64 bits.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// WriteMarkdown writes v as a markdown page: the set-up, the data-generating
// process, the table of rejection rates and how to read it.
func (v *Validation) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cfg := v.Config
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# Size and power of the cross-event tests\n\n")
	boot := ""
	if cfg.Boot != DefaultBootstrap {
		boot = fmt.Sprintf(" --bootstrap %d", cfg.Boot)
	}
	p("Generated by `eventstudy validate-tests --samples %d --events %d --seed %d%s`; run the same command\n", cfg.Samples, cfg.Events, cfg.Seed, boot)
	p("(or `go run ./cmd/eventstudy validate-tests ...`) to regenerate this page. The result depends only on\n")
	p("these settings: sample s of scenario c draws from `rand.NewPCG(seed, c<<32 | s)` (math/rand/v2), whatever\n")
	p("the number of cores.\n\n")
	p("## Design\n\n")
	p("In the style of Brown & Warner (1985): %d samples of %d events per scenario; each test is applied on\n", cfg.Samples, cfg.Events)
	p("event day 0 (`DayTests`) and on the window %s (`WindowTests`), and the table gives the share of samples in\n", valWindow)
	p("which it rejects the null of a zero mean abnormal return at %g%% (two-sided).\n\n", 100*valAlpha)
	p("Data-generating process (`stats.Validate`):\n\n")
	p("- a calendar of %d trading days; market returns N(%g, %g^2), one series shared by all events;\n", valDays, valMarketMu, valMarketSD)
	p("- event i: R_it = beta_i R_mt + e_it, beta_i ~ U(%g, %g), e_it normal with sd sigma_i ~ U(%g, %g);\n", valBetaLo, valBetaHi, valSigmaLo, valSigmaHi)
	p("- market model by OLS, estimation window %s (at least %d returns), event grid -250..+1;\n", valEst, valMinEst)
	p("- `Event.Cal` holds each day's calendar day, so the Kolari-Pynnönen r is estimated over the actual overlaps;\n")
	p("- bootstrap: %d resamples of the day-0 ARs and of the CARs (`stats.Bootstrap`, symmetric bootstrap-t p-value).\n\n", cfg.Boot)
	p("Scenarios:\n\n")
	for _, s := range v.Scenarios {
		p("- (%s) %s: %s.\n", s.Key, s.Name, s.Description)
	}
	se := math.Sqrt(valAlpha * (1 - valAlpha) / float64(cfg.Samples))
	p("\nWith %d samples, the rejection rate of a test of exact size 5%% has a standard error of %.2f percentage\n", cfg.Samples, 100*se)
	p("points; 95%% of such rates fall within %.1f%%..%.1f%%.\n\n", 100*(valAlpha-1.96*se), 100*(valAlpha+1.96*se))
	p("## Rejection rates at 5%%\n\n")
	p("| test |")
	for _, s := range v.Scenarios {
		p(" (%s) day 0 | (%s) %s |", s.Key, s.Key, valWindow)
	}
	p("\n|---|")
	for range v.Scenarios {
		p("---:|---:|")
	}
	p("\n")
	for j, t := range v.Tests {
		p("| %s |", t)
		for s := range v.Scenarios {
			for k := range 2 {
				cell := "n/a"
				if r := v.Rate(s, k, j); !math.IsNaN(r) {
					cell = fmt.Sprintf("%.1f%%", 100*r)
				}
				if m := v.NA[s][k][j]; m > 0 && m < cfg.Samples {
					cell += fmt.Sprintf(" (n/a in %d)", m)
				}
				p(" %s |", cell)
			}
		}
		p("\n")
	}
	p("\n## What the literature leads one to expect\n\n")
	bw.WriteString(strings.TrimLeft(validationNotes, "\n"))
	return bw.Flush()
}

const validationNotes = `
- (a) Every test near 5%. The sign test is discrete: with 50 events it rejects when |N+ - 25| >= 7, of
  exact size 2*pbinom(18, 50, 0.5) = 6.5% (R 4.2.2). The skewness-adjusted t is referred to N(0,1)
  although with 50 normal values it behaves like t(49), whose 1.96 is exceeded with probability
  2*pt(-1.96, 49) = 5.6% (R 4.2.2). The samples are shared by all tests of a column, so their
  Monte Carlo errors move together. The Kolari-Pynnönen versions are nearly the unadjusted tests:
  the r of a day (a window) weights each pair's estimation-residual correlation by the share of the
  tested dates the two events have in common, and with 50 dates drawn from about 1,250 few pairs
  share one.
- (b) A day-0 variance three times the estimation variance: tests that take the variance from the
  estimation period (Brown-Warner, Patell and its Kolari-Pynnönen version) over-reject (Boehmer,
  Musumeci & Poulsen 1991); tests that take it from the event-day cross-section (t, BMP, BMP-KP,
  skewness-adjusted t, bootstrap) or re-standardize by it (GRANK, Corrado-Zivney) hold their size. The
  sign tests and Wilcoxon hold it because the residuals stay symmetric around zero. The Corrado rank
  test ranks ARs without re-standardizing: a variance increase moves event-day ranks to the tails,
  which the variance of the mean rank taken over the estimation period does not allow for, so it
  over-rejects (Corrado & Zivney 1992; Campbell & Wasley 1993). Over -1:1 the excess is diluted by
  the two ordinary days.
- (c) All events on one date with residual correlation 0.2: the variance of a cross-sectional mean is
  1 + (N-1) 0.2 = 10.8 times what independence gives, so every test that assumes independent events
  over-rejects heavily (t, Patell, BMP, sign, generalized sign, Wilcoxon, skewness-adjusted t,
  bootstrap). The Kolari-Pynnönen versions of Patell and BMP hold (Kolari & Pynnönen 2010), as do the
  tests whose variance comes from the time series of the portfolio (Brown-Warner) or of the mean ranks
  (Corrado rank, GRANK, Corrado-Zivney; Kolari & Pynnönen 2011). GRANK and Corrado-Zivney may sit a
  little above 5% here: they divide the event-day values by their cross-sectional standard deviation,
  which the correlation shrinks by sqrt(1 - 0.2), so the event-day values are ranked as slightly more
  dispersed than the estimation SARs.
- (d) Power against +1% on day 0 with residual sd 1%..3%: standardized tests (Patell, BMP, their KP
  versions, GRANK, Corrado-Zivney) weight the low-variance events more and are more powerful than the
  t test on raw ARs; over -1:1 the effect is diluted by two days of noise.
- (e) The events of 10 securities (five each with 50 events) at independent dates: two events of
  one security whose estimation windows overlap have perfectly correlated estimation residuals, but
  their event-day returns fall on different dates and are independent, so every test should hold
  its size. The Kolari-Pynnönen r counts a pair's correlation only as far as the pair's tested dates
  coincide, so the KP versions stay near Patell and BMP. An r averaged over all pairs regardless of
  their tested dates (this package's estimator before it took the tested dates into account) is
  positive here, from the pairs of one security with overlapping estimation windows, and made the
  KP tests reject in about 1% of the samples (patell-kp 0.9% and 0.7%, bmp-kp 1.4% and 0.5% with
  these settings).
`
