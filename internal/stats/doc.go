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
//   - Petersen, M. A. (2009). Estimating standard errors in finance panel
//     data sets: comparing approaches. Review of Financial Studies 22,
//     435-480; Cameron, A. C., Gelbach, J. B. and Miller, D. L. (2011).
//     Robust inference with multiway clustering. Journal of Business &
//     Economic Statistics 29, 238-249. (One- and two-way clustered
//     standard errors, [RegressClustered]; see "Clustered standard
//     errors".)
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
//   - Gelbach, J. B., Helland, E. and Klick, J. (2013). Valid inference in
//     single-firm, single-event studies. American Law and Economics Review
//     15, 495-541. (The sample-quantile test [SQ] of one event's AR or CAR
//     against the firm's own estimation residuals, WindowResult.SQ.)
//   - Davison, A. C. and Hinkley, D. V. (1997). Bootstrap Methods and their
//     Application, eq. 4.11; Phipson, B. and Smyth, G. K. (2010).
//     Permutation p-values should never be zero. Statistical Applications
//     in Genetics and Molecular Biology 9, 39. (The (1 + #)/(M + 1) form of
//     the SQ p-value.)
//   - Holm, S. (1979). A simple sequentially rejective multiple test
//     procedure. Scandinavian Journal of Statistics 6, 65-70; Benjamini, Y.
//     and Hochberg, Y. (1995). Controlling the false discovery rate.
//     Journal of the Royal Statistical Society B 57, 289-300. ([Holm],
//     [BenjaminiHochberg]: adjusted p-values as R's p.adjust.)
//   - Cohn, J. B., Johnson, T. L., Liu, Z. and Wardlaw, M. I. (2023). Past
//     is prologue: inference from the cross section of returns around an
//     event. (Common-shock cross-sections, [RegressCommonShock]; see
//     "Common shocks".) Woodbury, M. A. (1950). Inverting modified
//     matrices. Memorandum Report 42, Princeton ([FactorCov.Solve]).
//     Stock, J. H. and Watson, M. W. (2002). Forecasting using principal
//     components from a large number of predictors. JASA 97, 1167-1179
//     (principal components with missing data, [EstimateFactorCov]).
//   - Bollerslev, T. (1986). Generalized autoregressive conditional
//     heteroskedasticity. Journal of Econometrics 31, 307-327. (GARCH(1,1)
//     errors of the [GARCH] model, [FitGARCH].)
//   - Savickas, R. (2003). Event-induced volatility and tests for abnormal
//     performance. Journal of Financial Research 26, 165-178. (BMP on
//     GARCH-standardized ARs, [Savickas].)
//   - Beaver, W. H. (1968). The information content of annual earnings
//     announcements. Journal of Accounting Research 6, 67-92; with Boehmer,
//     Musumeci & Poulsen (1991) for the cross-sectional variance. (The
//     event-induced variance ratio, [VarianceRatio].)
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
//   - SQ ([SQ], not in STATISTICS.md): a window of L days is judged
//     against the overlapping sums of L consecutive estimation residuals
//     (T - L + 1 of them), not non-overlapping blocks (T / L), which would
//     leave a 5-day window of a 240-day estimation window 48 sums and no
//     test at 1%. The residuals are in-sample, as in GHK; the p-value is
//     2 (1 + #beyond) / (M + 1), n/a below M = 39 sums, where no p can
//     reach 0.05.
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
// # The garch model (not in STATISTICS.md)
//
// [GARCH] is a two-step fit: the market model by OLS on the estimation
// window, then a Gaussian GARCH(1,1) by maximum likelihood on its
// residuals ([FitGARCH]: h_1 = the residuals' mean square and the
// likelihood from t = 2, as R's tseries::garch; ω, α, β through
// exp/logistic transforms that keep ω > 0, α, β ≥ 0, α + β < 1; BFGS from
// four starting points, because 240-day likelihoods often have a second
// maximum at α ≈ 0, where tseries::garch stops on the Alibaba data). The
// joint ML fit of mean and variance (fGarch with regressors) would move a
// and b slightly; two steps keep the ARs those of the market model, so
// that garch differs from market only in how ARs are scaled. Savickas
// (2003) estimates the GARCH with an event-day dummy over the estimation
// and event days, so that the event day's conditional variance is
// filtered from realized returns; here the event window's variances are
// the multi-step forecast from the end of the estimation window
// (E[h_{T+k}] = σ² + (α+β)^{k-1} (h_{T+1} - σ²), k the trading days since
// the last estimation day), which uses no return after the estimation
// window, so that a volatile event day does not enlarge its own variance
// and the variance-ratio test can see it. Var(CAR) is the sum of the
// forecast variances (GARCH errors are uncorrelated; the estimation error
// of a, b, ω, α, β is ignored, as in Savickas 2003); the single-event t
// uses t(M-2). Estimation days with a missing return are skipped by the
// recursion (the days around them are treated as consecutive). A fit that
// does not converge, or whose α + β reaches 1 (no unconditional variance),
// is an error wrapping [ErrNoConvergence]: the event is skipped with the
// reason, never fitted by OLS instead. Through the logistic transform BFGS
// stops short of a boundary maximum (α + β = 0.99999), so an estimate
// above 1 - 1e-3 at which the likelihood still rises with α + β counts as
// on the boundary (garchAtBoundary; GOOG before 2019-10-29, where R's
// constrained optim ends at α + β = 1). In 240-day windows of a GARCH with
// α + β = 0.95 about 1.3% of fits end on that boundary
// (TestGARCHSimulation); of the 2,049 Nasdaq-100 earnings windows of the
// README, 146 (7%).
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
// # Clustered standard errors
//
// [RegressClustered] follows R's sandwich::vcovCL for an lm (sandwich
// 3.0.2, checked to 1e-10 in cluster_test.go): each one-way component
// scaled by G/(G-1) with its own G, the sum by (n-1)/(n-k) (type HC1,
// cadjust = TRUE), two-way V_A + V_B - V_{A∩B}. Two choices are ours:
//
//   - A two-way V with a negative eigenvalue below -1e-12 times the
//     largest is made positive semi-definite by zeroing the negative
//     eigenvalues, which vcovCL does only with fix = TRUE (its default is
//     fix = FALSE, which can return a negative variance). Reported as
//     Regression.Fixed.
//   - t has min(G) - 1 degrees of freedom (G - 1 one-way), as Stata and
//     Cameron & Miller (2015) recommend, where lmtest::coeftest uses n - k
//     unless told otherwise and crseEventStudy's crseEvent uses G (its p by
//     firm in the demo data, t = -0.2037, is 0.83974 with 35 df and
//     0.83978 with 34, R's pt). The t statistics are the same in all three.
//
// With few clusters t(G-1) still over-rejects (Cameron, Gelbach & Miller
// 2008): simulated 5% size 9.9% at G = 5, 7.6% at 20, 6.9% at 40
// (TestRegressClusteredFewClusters); eventstudy regress warns below 20.
// A wild cluster bootstrap would correct it and is not implemented.
//
// # Common shocks
//
// When the firms of a cross-sectional regression share the event date,
// their returns share the day's news, and a characteristic correlated with
// the firms' exposures to it (size, beta, momentum) gets a slope that the
// conventional OLS standard errors, which take the firms as independent,
// call significant far too often (TestCommonShockSizeUnderFactorNull: 38%
// at the 5% level with one factor). Following Cohn, Johnson, Liu & Wardlaw
// (2023), [RegressCommonShock] judges the event slope two ways:
//
//   - against the same regression (same firms, same characteristics) on
//     each pre-event period: the percentile p-value. For a window of L days
//     the periods are the non-overlapping L-day sums inside the estimation
//     window, ending on its last day. The paper uses the pre-event days of
//     a one-day event; with longer windows we take non-overlapping blocks
//     so that the draws are not mechanically correlated.
//   - by GLS with Sigma = F F' + D from k principal components of the
//     estimation-window returns ([EstimateFactorCov]), every Sigma^-1
//     product by the Woodbury identity (O(N k^2), no N x N matrix is
//     formed or factored): the GLS t, and the GLS slope's percentile among
//     the GLS slopes of the pre-event periods, each with a covariance
//     estimated before it as the event's is ([GLSPeriod]; eventstudy
//     cross-section re-estimates it every 21 trading days rather than
//     for every day, a cost cut). The event's own Sigma, estimated on
//     those very periods, fits them in sample; on the Nasdaq-100 placebo
//     dates below it gave 5.3% at 5% against 3.1% out of sample (11.8%
//     against 9.2% with the overlapping momentum).
//
// Measured on real data (README, "Common shocks"): the Nasdaq-100 panel
// on 457 trading days without FOMC news, regressing the day's returns on
// 12-month momentum, the 5% tests reject 19.3% (OLS HC1), 3.9% (OLS
// percentile), 7.2% (GLS t, 5 factors) and 3.1% (GLS percentile). The GLS
// t over-rejects on real data, where the seeded one-factor simulation
// says it holds: the factor structure of the event day is not that of the
// estimation window. A characteristic built from the pre-event returns
// themselves (momentum over days -252 to -21 with pre-event days -250 to
// -11) is mechanically related to the pre-event slopes and biases the
// empirical null (GLS percentile 9.2%): measure it before the estimation
// window.
//
// What we do where the paper text was not at hand or the Stata command
// csestudy differs (it takes one date, a balanced panel, and a dense
// N x N matrix): several dates, each its own regression; an unbalanced
// panel, with each pre-event period's regression on the firms that have
// returns on all its days (the event regression needs them on the window's
// days and half the estimation window); the covariance from standardized
// returns with missing days set to the firm's mean (0 after
// standardizing), the loadings rescaled by each firm's own count (see
// [EstimateFactorCov]), not pairwise covariances, which need not be
// positive definite; an idiosyncratic variance floored at 1% of the
// firm's variance. GLS takes Sigma as known up to scale, with s^2 from the
// GLS residuals and t(N-K): event days are more volatile than the days
// Sigma was estimated on, and a fixed scale would overstate significance
// on them. The scale also makes it irrelevant that Sigma is estimated from
// daily returns while the window sums L of them.
//
// # Exact fits
//
// A residual variance of zero (an exact fit, for example R = a + b Rm) is not
// an error: the ARs are zero, but standardized quantities (SAR, single-event
// t, SCAR) are NaN, so the event drops out of the Patell and BMP tests, and
// the single-event tests read n/a.
//
// # The placebo null (package study, --placebo K)
//
// The empirical size of every test on the user's own data, in the spirit
// of Brown & Warner (1980, 1985), whose pseudo-events are drawn from the
// sample's own securities and dates, but on the study's securities
// rather than a random sample of them: K pseudo-studies rerun the whole
// pipeline on the same securities at dates drawn uniformly from their
// own histories, with the widest event window overlapping no real event
// window of the security. Deviations, with reasons:
//
//   - Date clusters are kept: events sharing a day 0 share one pseudo-date
//     (drawn from the cluster's longest series, admissible for every
//     security of the cluster), so the cross-correlation that shared
//     dates bring is in the null, as it is in the study. Drawing each
//     event's date alone would give the classic tests their nominal size
//     exactly where they over-reject (Kolari & Pynnönen 2010).
//   - Within a pseudo-study, two clusters get no overlapping windows for
//     a security they share, as two real clusters are distinct dates.
//     Drawn independently, the FOMC study's 196 clusters of about 74
//     securities had some 40 pairs of overlapping -5:5 windows per
//     pseudo-study, the same returns counted twice, inflating every
//     test's size. Real windows that overlap across clusters (confounded
//     events) are therefore not reproduced.
//   - A pseudo-event's estimation window leaves out its security's real
//     event windows, as missing returns: else the real abnormal returns
//     enter the pseudo-event's normal return and bias its CARs the other
//     way (on the demo, +2% days in estimation windows made the t test on
//     -5:5 reject 9% of the time at 5%, over seven seeds; 5.8% after).
//   - The empirical p of a real test is (1 + #{placebo p <= real p}) /
//     (K + 1), K the pseudo-studies with a p: two-sided, and equal to
//     (1 + #{|placebo statistic| >= |real statistic|}) / (K + 1) for the
//     statistics centred on 0, but defined on p so that it holds for the
//     Wilcoxon W and the sign counts as well (Davison & Hinkley 1997, eq.
//     4.11, counting the real study among the draws).
//   - A rejection rate counts p <= level. Its Monte Carlo standard error
//     under a correctly sized test is sqrt(level (1 - level) / K);
//     placebo.csv marks a rate more than three of them from its level.
//     Pseudo-dates may repeat across replications (a security has a few
//     thousand dates at most), so the rates of different K are not
//     independent draws: the error is at least that.
//
// # Large batches: slimmed events (issue 13)
//
// The tests across events read each event's estimation window twice:
// the AAR series (Brown-Warner) and the Corrado U means are sums over
// events, and the Kolari-Pynnönen correlation and the rank tests (GRANK,
// Corrado-Zivney) need each event's estimation ARs and SARs again once
// every event is seen (the correlation groups events by tested date; the
// rank tests scale by a cross-sectional sd). A batch need not keep them:
// CrossSums adds the sums event by event, in the order the Cross will
// hold the events, EventResult.EstRecord gives what the other tests read,
// for the caller to keep out of memory (package study writes it to a
// temporary file), EventResult.Slim keeps only the days of the event
// windows, and NewCrossFrom reads the records back through an EstStore
// as the tests need them. Every result is the same, bit for bit, as from
// NewCross on whole events: the same additions in the same order
// (TestSlimSameTests). Not a deviation: no formula changes. The garch
// model's tests read every event's estimation variance and are not
// available from slimmed events.
//
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
