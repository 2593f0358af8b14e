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
//     (Cross-sectional t test; time-series "crude dependence adjustment" test,
//     [BrownWarner].)
//   - Patell, J. M. (1976). Corporate forecasts of earnings per share and stock
//     price behavior: empirical tests. Journal of Accounting Research 14,
//     246-276. (Standardized abnormal returns, [Patell], [PatellWindow].)
//   - Boehmer, E., Musumeci, J. and Poulsen, A. B. (1991). Event-study
//     methodology under conditions of event-induced variance. Journal of
//     Financial Economics 30, 253-272. (Standardized cross-sectional test,
//     [BMP].)
//   - Corrado, C. J. (1989). A nonparametric test for abnormal security-price
//     performance in event studies. Journal of Financial Economics 23, 385-395.
//     (Rank test, [CorradoRank].)
//   - Corrado, C. J. and Zivney, T. L. (1992). The specification and power of
//     the sign test in event study hypothesis tests using daily stock returns.
//     Journal of Financial and Quantitative Analysis 27, 465-478. (Ranks
//     scaled by the number of non-missing returns, U = K/(T+1) - 1/2.)
//   - Cowan, A. R. (1992). Nonparametric event study tests. Review of
//     Quantitative Finance and Accounting 2, 343-358. (Generalized sign test,
//     [GeneralizedSign]; multi-day form of the rank test.)
//   - Wilcoxon, F. (1945). Individual comparisons by ranking methods.
//     Biometrics Bulletin 1, 80-83. (Signed-rank test, [Wilcoxon].)
//   - Campbell, J. Y., Lo, A. W. and MacKinlay, A. C. (1997). The Econometrics
//     of Financial Markets, ch. 4. Princeton University Press. (Market model,
//     forecast-error corrected variance of AR and CAR, [Fit.C],
//     [Fit.CARVariance].)
//
// # Missing data
//
// A relative day is "present" for an event when both its security return
// and its market return are non-NaN, for every model (so that the
// estimation count M, the estimation ARs and the rank series all refer to the
// same days). Every per-day series of an [EventResult] is NaN on the other
// days. An event contributes to a day's cross-event tests only when its AR
// exists that day (N_t in STATISTICS.md), and to a window's tests only when
// its AR exists on every day of the window.
//
// # Exact fits
//
// A residual variance of zero (an exact fit, for example R = a + b Rm) is not
// an error: the ARs are zero, but standardized quantities (SAR, single-event
// t, SCAR) are NaN, so the event drops out of the Patell and BMP tests, and
// the single-event tests read n/a.
package stats
