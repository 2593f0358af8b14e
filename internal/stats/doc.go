// Package stats is the arithmetic of an event study: expected-return models
// fitted on an estimation window, abnormal returns (AR), cumulative and
// buy-and-hold abnormal returns over event windows, and the cross-event
// tests of the null hypothesis that the mean abnormal return is zero.
//
// The package knows nothing of files, tickers or calendar dates. Its inputs
// are plain []float64 series on a grid of relative trading days (NaN marks a
// missing return) and integer window offsets such as Window{-5, 5}. The
// conventions are those of the project's STATISTICS.md; where that page is
// silent the code follows Campbell, Lo & MacKinlay (1997, ch. 4) and says so.
// Every p-value is two-sided and comes from gonum's distuv (StudentsT,
// Normal), except the exact null distribution of the Wilcoxon signed-rank
// statistic, which is enumerated.
//
// Papers implemented:
//
//   - Brown, S. J. and Warner, J. B. (1980). Measuring security price
//     performance. Journal of Financial Economics 8, 205-258.
//   - Brown, S. J. and Warner, J. B. (1985). Using daily stock returns: the
//     case of event studies. Journal of Financial Economics 14, 3-31.
//     (Cross-sectional t test, [CrossSectionalT]; time-series "crude
//     dependence adjustment" test, [BrownWarner]; the simulation design of
//     [Validate].)
//   - Patell, J. M. (1976). Corporate forecasts of earnings per share and stock
//     price behavior: empirical tests. Journal of Accounting Research 14,
//     246-276. (Standardized abnormal returns, [Patell], [PatellWindow].)
//   - Boehmer, E., Musumeci, J. and Poulsen, A. B. (1991). Event-study
//     methodology under conditions of event-induced variance. Journal of
//     Financial Economics 30, 253-272. (Standardized cross-sectional test,
//     [BMP].)
//   - Kolari, J. W. and Pynnönen, S. (2010). Event study testing with
//     cross-sectional correlation of abnormal returns. Review of Financial
//     Studies 23, 3996-4025. (Adjusted Patell and BMP tests,
//     [KolariPynnonen], with r from [ResidualCorrelation].)
//   - Kolari, J. W. and Pynnönen, S. (2011). Nonparametric rank tests for
//     event studies. Journal of Empirical Finance 18, 953-971. (Generalized
//     rank test GRANK, [GRank].)
//   - Corrado, C. J. (1989). A nonparametric test for abnormal security-price
//     performance in event studies. Journal of Financial Economics 23, 385-395.
//     (Rank test, [CorradoRank].)
//   - Corrado, C. J. and Zivney, T. L. (1992). The specification and power of
//     the sign test in event study hypothesis tests using daily stock returns.
//     Journal of Financial and Quantitative Analysis 27, 465-478. (Ranks
//     scaled by the number of non-missing returns, U = K/(T+1) - 1/2; the
//     rank test on re-standardized SARs, [CorradoZivney].)
//   - Cowan, A. R. (1992). Nonparametric event study tests. Review of
//     Quantitative Finance and Accounting 2, 343-358. (Generalized sign test,
//     [GeneralizedSign]; multi-day form of the rank tests.)
//   - Campbell, C. J. and Wasley, C. E. (1993). Measuring security price
//     performance using daily NASDAQ returns. Journal of Financial
//     Economics 33, 73-92. (Multi-day rank statistic, as in [CorradoRank].)
//   - Campbell, C. J. and Wasley, C. E. (1996). Measuring abnormal daily
//     trading volume for samples of NYSE/ASE and NASDAQ securities using
//     parametric and nonparametric test statistics. Review of Quantitative
//     Finance and Accounting 6, 309-326. (Abnormal volume: the caller
//     passes log(1 + volume) of the security and the market as R and Rm,
//     and the models and tests here apply unchanged.)
//   - Wilcoxon, F. (1945). Individual comparisons by ranking methods.
//     Biometrics Bulletin 1, 80-83. (Signed-rank test, [Wilcoxon]; rank-sum
//     test, [RankSum].)
//   - Mann, H. B. and Whitney, D. R. (1947). On a test of whether one of two
//     random variables is stochastically larger than the other. Annals of
//     Mathematical Statistics 18, 50-60. ([RankSum].)
//   - Welch, B. L. (1947). The generalization of "Student's" problem when
//     several different population variances are involved. Biometrika 34,
//     28-35. (Two-group test of a difference in CAAR, [Welch].)
//   - Hall, P. (1992). On the removal of skewness by transformation. Journal
//     of the Royal Statistical Society B 54, 221-228; Lyon, J. D., Barber,
//     B. M. and Tsai, C.-L. (1999). Improved methods for tests of long-run
//     abnormal stock returns. Journal of Finance 54, 165-201.
//     (Skewness-adjusted t of CARs and BHARs, [SkewnessT].)
//   - Efron, B. and Tibshirani, R. J. (1993). An Introduction to the
//     Bootstrap. Chapman & Hall; Hall, P. and Wilson, S. R. (1991). Two
//     guidelines for bootstrap hypothesis testing. Biometrics 47, 757-762.
//     (Percentile interval and symmetric bootstrap-t p-value of the CAAR,
//     [Bootstrap].)
//   - Campbell, J. Y., Lo, A. W. and MacKinlay, A. C. (1997). The Econometrics
//     of Financial Markets, ch. 4. Princeton University Press. (Market model,
//     forecast-error corrected variance of AR and CAR, [Fit.C],
//     [Fit.CARVariance], [EventResult.CARVariance]; the general OLS form
//     1 + x'(X'X)^-1 x and s^2 (L + g'(X'X)^-1 g) for the factor models.)
//   - Fama, E. F. and French, K. R. (1993). Common risk factors in the
//     returns on stocks and bonds. Journal of Financial Economics 33, 3-56.
//     (Three-factor model, [FF3].)
//   - Carhart, M. M. (1997). On persistence in mutual fund performance.
//     Journal of Finance 52, 57-82. (Momentum factor, [Carhart].)
//   - Fama, E. F. and French, K. R. (2015). A five-factor asset pricing
//     model. Journal of Financial Economics 116, 1-22. (Five-factor model,
//     [FF5].)
//   - Scholes, M. and Williams, J. (1977). Estimating betas from
//     nonsynchronous data. Journal of Financial Economics 5, 309-327.
//     (Thin-trading beta (b_-1 + b_0 + b_+1)/(1 + 2 rho_m),
//     [ScholesWilliams].)
//   - Dimson, E. (1979). Risk measurement when shares are subject to
//     infrequent trading. Journal of Financial Economics 7, 197-226.
//     (Aggregated coefficients of a lead-lag regression, [Dimson],
//     [FitDimson].)
//   - White, H. (1980). A heteroskedasticity-consistent covariance matrix
//     estimator and a direct test for heteroskedasticity. Econometrica 48,
//     817-838; MacKinnon, J. G. and White, H. (1985). Some
//     heteroskedasticity-consistent covariance matrix estimators with
//     improved finite sample properties. Journal of Econometrics 29,
//     305-325. (HC1 standard errors of the cross-sectional regression,
//     [Regress].)
//   - Bradley, J. V. (1978). Robustness? British Journal of Mathematical
//     and Statistical Psychology 31, 144-152. (The liberal criterion, a
//     size within 1.5 times the nominal level, that sets the fewest events
//     of GRANK and Corrado-Zivney, minRankEvents; see "Few events".)
//   - Steele, G. L., Lea, D. and Flood, C. H. (2014). Fast splittable
//     pseudorandom number generators. OOPSLA 2014. (SplitMix64 mixing of
//     the bootstrap seeds of [Validate].)
//   - Maynes, E. and Rumsey, J. (1993). Conducting event studies with
//     thinly traded stocks. Journal of Banking and Finance 17, 145-157.
//     (Trade-to-trade returns, Event.Span: the expected return and the
//     variance of a return grow with the days it spans, and the Corrado
//     ranks and the Kolari-Pynnönen correlations take AR / sqrt(n), on
//     one day's scale. Built by internal/prices.)
//
// # Deviations from STATISTICS.md
//
// Each is stated, with its reason, in the documentation of the function
// named:
//
//   - Kolari-Pynnönen Patell ([KolariPynnonen]): Z / sqrt(1 + (N-1) r),
//     without the factor sqrt(1 - r) that STATISTICS.md applies to both
//     tests; that factor belongs to BMP, whose cross-sectional variance r
//     shrinks, and with it Patell under-rejects (3.1% at 5% in simulation).
//   - Kolari-Pynnönen r ([ResidualCorrelation]): the mean over all pairs of
//     the estimation-residual correlation times the share of the tested
//     days' calendar dates the pair has in common, rather than the mean
//     correlation over calendar-date overlaps: pairs whose tested days fall
//     on different dates (two events of one security on different dates)
//     have independent event-day returns, however correlated their
//     estimation residuals. When all events share their tested dates it is
//     Kolari & Pynnönen's estimator. The correlation of a pair is its
//     residuals' cross-product over common estimation dates, scaled by the
//     full norms, so partial estimation overlaps count in proportion.
//   - Dimson ([Dimson]): k = 2L+2 and the general OLS forecast-error factor,
//     not k = 2 and the market-model factor (see "Models beyond
//     STATISTICS.md").
//   - Skewness-adjusted t ([SkewnessT]): the coefficient of skewness, which
//     STATISTICS.md leaves open, is Lyon, Barber & Tsai's
//     g = sum (x - mean)^3 / (N sd^3) with sd of divisor N-1.
//   - Corrado rank ([CorradoRank]) and Corrado-Zivney ([CorradoZivney]) on
//     windows: the multi-day form of Cowan (1992), sum of the mean ranks
//     over sqrt(L) S_U; STATISTICS.md gives the one-day form only.
//     Corrado-Zivney, not in STATISTICS.md, ranks SARs re-standardized by
//     the event day's cross-sectional sd among the estimation SARs.
//   - Bootstrap ([Bootstrap]): besides the percentile interval of
//     STATISTICS.md, a symmetric bootstrap-t p-value under the null.
//   - Scholes-Williams ([ScholesWilliams]): its residuals are
//     R - alpha - beta Rm with the aggregated beta, not OLS residuals.
//
// # Models beyond STATISTICS.md
//
// STATISTICS.md lists k = 2 and the market-model forecast-error factor for
// both thin-trading models. Scholes-Williams follows it (k = 2, residual
// variance SSE/(M-2) of R - alpha - beta Rm). Dimson deviates: its 2L+2
// coefficients are estimated by one multiple regression, so k = 2L+2, the
// residual variance is that regression's SSE/(M-2L-2), and the
// forecast-error factor and CAR variance are its general OLS forms
// 1 + x'(X'X)^-1 x and s^2 (L + g'(X'X)^-1 g) with x_t = (1, Rm_{t-L}, ...,
// Rm_{t+L}), because its prediction uses all 2L+1 estimated slopes. For
// L = 0 it is the market model.
//
// # Missing data
//
// A relative day is "present" for an event when its security return and
// every regressor of the model are non-NaN (so that the estimation count M,
// the estimation ARs and the rank series all refer to the same days). The
// regressor is the market return for the constant-mean, market-adjusted,
// market and (on event days) Scholes-Williams models; each factor of
// Event.X for the factor models; and Rm_{t-L}, ..., Rm_{t+L} for Dimson
// (Rm_{t-1}, Rm_t, Rm_{t+1} for Scholes-Williams estimation days), taken
// from the event's grid, so that a neighbour off the grid or NaN makes the
// day missing. Every per-day series of an [EventResult] is NaN on the other
// days. An event contributes to a day's cross-event tests only when its AR
// exists that day (N_t in STATISTICS.md), and to a window's tests only when
// its AR exists on every day of the window.
//
// # Few events
//
// A test that cannot reach p < 0.05 with its number of events N, or whose
// p-value is not to be trusted with so few, is n/a with the reason
// (smalln.go), rather than reporting a normal approximation's p:
//
//   - Sign, Wilcoxon: N >= 6. The smallest exact two-sided p is 2/2^N
//     (all signs alike), 0.0625 at N = 5 and 0.03125 at N = 6; the normal
//     approximation of the sign test gives 0.025 at N = 5.
//   - Generalized sign: the smallest N with 2 min(p, 1-p)^N < 0.05, p the
//     expected fraction of positive ARs (6 for p = 1/2).
//   - GRANK t and Z, Corrado-Zivney: N >= 10. These re-standardize by the
//     cross-sectional sd of the N SCARs (SARs), and with few events
//     over-reject a true null: simulated size 0.26 at N = 2, 0.10 at
//     N = 5, 0.073 at N = 10 (Bradley's 0.075), 0.054 at N = 20.
//   - Corrado rank: from N = 1. Without re-standardization it keeps its
//     size (0.039 to 0.050 in the same simulation for N = 2 to 20).
//
// The parametric tests need what their formulas need (cross-sectional t
// and BMP N >= 2 with t(N-1); skewness-adjusted t N >= 3): with N - 1
// degrees of freedom their p-values are exact under normality, and small
// N shows in wide t quantiles rather than in false significance.
//
// # Exact fits
//
// A residual variance of zero (an exact fit, for example R = a + b Rm) is not
// an error: the ARs are zero, but standardized quantities (SAR, single-event
// t, SCAR) are NaN, so the event drops out of the Patell and BMP tests, and
// the single-event tests read n/a.//
// # Intraday studies (internal/intraday)
//
// Intraday studies reuse the cross-event tests above on window CARs
// (cross-sectional t, BMP on CAR/SD, sign, Wilcoxon). Per event they add:
//
//   - the t of the market model's window CAR with the forecast-error
//     variance of Campbell, Lo & MacKinlay (1997) eq. 4.4.14 summed over
//     the window's L bars, σ²(L + L²/T + (Σm − L·m̄)²/Σ(m−m̄)²), T the bar
//     returns of the estimation sessions, df T−2; checked against R lm()
//     (AAPL on SPY 1-minute bars, internal/intraday/testdata/aapl_spy_lm.R);
//   - the constant mean by clock time: the same window's mean return on the
//     N sessions before, t = (R − mean)/(s·√(1+1/N)), df N−1;
//   - the empirical percentile of Rinaudo & Saha (2014, "Intraday event
//     study", working paper): the event's window CAR ranked among the same
//     clock-time window on the estimation days, two-sided p =
//     2·min(#≥+1, #≤+1)/(N+1). Its floor is 2/(N+1), 0.095 with the
//     default 20 days: it cannot reject at 5% with fewer than 39 days.
//
// Deviations, with reasons: the market-model CAR is the sum of bar ARs
// (as for days) while the constant-mean CAR is the window's compounded
// return minus its mean (the model is defined on windows); a window's first
// bar at the open is measured from that bar's open, never the previous
// close (the overnight gap is not a return); a window with a missing bar
// inside has a return (last close over reference close) but no market-model
// CAR (missing bar returns are never zero).
package stats
