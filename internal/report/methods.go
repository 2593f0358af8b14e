package report

import (
	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// The methods section of the HTML report: each model, measure and test
// with its formula and source, as internal/stats/doc.go and STATISTICS.md
// state them.

var modelMethods = map[stats.Model]method{
	stats.ConstantMean: {"Constant mean (k = 1)",
		"E[R_t] = mean of R over the estimation window",
		"Brown & Warner (1980, 1985); Campbell, Lo & MacKinlay (1997, ch. 4)"},
	stats.MarketAdjusted: {"Market-adjusted (k = 0)",
		"E[R_t] = R_m,t; residual variance with divisor M − 1",
		"Brown & Warner (1980, 1985)"},
	stats.MarketModel: {"Market model (OLS, k = 2)",
		"E[R_t] = a + b R_m,t, a and b by OLS over the estimation window; s² = SSE / (M − 2)",
		"Campbell, Lo & MacKinlay (1997, ch. 4)"},
	stats.ScholesWilliams: {"Scholes-Williams (k = 2)",
		"E[R_t] = a + b R_m,t with b = (b₋₁ + b₀ + b₊₁) / (1 + 2ρ_m), ρ_m the first-order autocorrelation of R_m",
		"Scholes & Williams (1977), Journal of Financial Economics 5, 309-327"},
	stats.Dimson: {"Dimson (k = 2L + 2)",
		"R_t = a + Σ_{j=−L..L} b_j R_m,t+j by OLS; E[R_t] from all 2L + 1 slopes; beta = Σ b_j",
		"Dimson (1979), Journal of Financial Economics 7, 197-226"},
	stats.GARCH: {"Market model with GARCH(1,1) errors (k = 5: a, b, ω, α, β)",
		"E[R_t] = a + b R_m,t by OLS; its residuals e_t ~ N(0, h_t), h_t = ω + α e²_t−1 + β h_t−1 by maximum likelihood (h_1 = mean e², ω > 0, α, β ≥ 0, α + β < 1); SAR = AR / √h, h forecast from the end of the estimation window; t(M − 2)",
		"Bollerslev (1986), Journal of Econometrics 31, 307-327; Savickas (2003), Journal of Financial Research 26, 165-178"},
	stats.FF3: {"Fama-French three-factor (k = 4)",
		"E[R_t − RF_t] = a + b (Mkt−RF)_t + s SMB_t + h HML_t, by OLS on excess returns",
		"Fama & French (1993), Journal of Financial Economics 33, 3-56"},
	stats.Carhart: {"Carhart four-factor (k = 5)",
		"the three-factor model plus m MOM_t",
		"Carhart (1997), Journal of Finance 52, 57-82"},
	stats.FF5: {"Fama-French five-factor (k = 6)",
		"E[R_t − RF_t] = a + b (Mkt−RF)_t + s SMB_t + h HML_t + r RMW_t + c CMA_t",
		"Fama & French (2015), Journal of Financial Economics 116, 1-22"},
	stats.Factors: {"Factor model (k = 1 + number of factors)",
		"E[R_t − RF_t] = a + b′f_t on every column of the factor files, by OLS",
		"Campbell, Lo & MacKinlay (1997, ch. 4), general OLS form"},
}

// testMethods describes each test of stats.TestNames and
// stats.GARCHTestNames, and the bootstrap.
var testMethods = map[string]method{
	"savickas": {"Savickas GARCH-standardized cross-sectional t",
		"BMP on ARs standardized by their GARCH(1,1) conditional sd: t = mean S / (sd S / √N), S_i = AR_i / √h_i (window: CAR_i / √Σh); t(N − 1)",
		"Savickas (2003), Journal of Financial Research 26, 165-178"},
	"variance-ratio": {"Event-induced variance ratio",
		"F = cross-sectional variance of the standardized ARs (SCARs) / pooled cross-sectional variance of the estimation-period standardized residuals; F(N − 1, Σ_t (N_t − 1)), two-sided",
		"Beaver (1968); Boehmer, Musumeci & Poulsen (1991); pooled F form: this tool"},
	"t": {"Cross-sectional t",
		"t = AAR / (S / √N), S the sample sd (divisor N − 1) of the ARs (of the CARs over a window); t(N − 1)",
		"Brown & Warner (1985)"},
	"brown-warner": {"Brown-Warner time-series t (crude dependence adjustment)",
		"t = AAR_t / S, S the sd of the AAR series over the estimation window (divisor M − 1); window: CAAR / (√L S); t(M − 1)",
		"Brown & Warner (1980, 1985)"},
	"patell": {"Patell Z",
		"Z = Σ SAR_i / √(Σ (M_i − k)/(M_i − k − 2)), SAR_i = AR_i / (s_i √C_i); window: N^−½ Σ CSAR_i / √(L (M_i − k)/(M_i − k − 2)); N(0, 1)",
		"Patell (1976), Journal of Accounting Research 14, 246-276"},
	"bmp": {"Boehmer-Musumeci-Poulsen standardized cross-sectional t",
		"t = mean SAR / (sd SAR / √N); window with SCAR_i = CAR_i / S_CAR,i; t(N − 1)",
		"Boehmer, Musumeci & Poulsen (1991), Journal of Financial Economics 30, 253-272"},
	"sign": {"Sign test",
		"Z = (N⁺ − N/2) / (√N / 2), N⁺ the number of positive ARs (CARs); N(0, 1); n/a below N = 6, where the exact two-sided p cannot fall below 2/2^N = 0.0625",
		"Cowan (1992)"},
	"generalized-sign": {"Generalized sign test",
		"Z = (w − N p) / √(N p (1 − p)), w the number of positive ARs, p the mean share of positive estimation ARs; N(0, 1); n/a while the exact two-sided minimum p, 2 min(p, 1 − p)^N, is at least 0.05",
		"Cowan (1992), Review of Quantitative Finance and Accounting 2, 343-358"},
	"wilcoxon": {"Wilcoxon signed-rank test",
		"W⁺ = sum of the ranks of |AR| with AR > 0 (zeros dropped); exact p for N ≤ 50 without ties, else normal with tie correction; n/a below N = 6 (exact minimum p 2/2^N)",
		"Wilcoxon (1945), Biometrics Bulletin 1, 80-83"},
	"corrado-rank": {"Corrado rank test",
		"U_it = K_it / (T_i + 1) − ½, K the rank of AR in the event's estimation and event series; Z = Ū_0 / S_U, S_U² = (1/T) Σ_t Ū_t²; window: Σ_W Ū_t / (√L S_U); N(0, 1)",
		"Corrado (1989), Journal of Financial Economics 23, 385-395; Corrado & Zivney (1992); window form Cowan (1992)"},
	"patell-kp": {"Kolari-Pynnönen adjusted Patell Z",
		"Z / √(1 + (N − 1) r), r the mean estimation-residual correlation, each pair weighted by the share of tested dates it has in common (this project's deviation from STATISTICS.md, which also multiplies by √(1 − r))",
		"Kolari & Pynnönen (2010), Review of Financial Studies 23, 3996-4025"},
	"bmp-kp": {"Kolari-Pynnönen adjusted BMP t",
		"t √((1 − r) / (1 + (N − 1) r)), r as for the adjusted Patell Z",
		"Kolari & Pynnönen (2010)"},
	"grank-t": {"Generalized rank test (t form)",
		"SCARs re-standardized by their cross-sectional sd and ranked with the estimation SARs; Z = Ū_0 / S_Ū; t_grank = Z √((T − 2)/(T − 1 − Z²)); t(T − 2); n/a below N = 10, where the re-standardization makes it over-reject (simulated size 26% at N = 2, 7% at N = 10)",
		"Kolari & Pynnönen (2011), Journal of Empirical Finance 18, 953-971"},
	"grank-z": {"Generalized rank test (Z form)",
		"the Z of the GRANK t; N(0, 1); n/a below N = 10, as the t form",
		"Kolari & Pynnönen (2011)"},
	"corrado-zivney": {"Corrado-Zivney rank test on standardized ARs",
		"event-day SARs divided by their cross-sectional sd, ranked with the estimation SARs; Σ_W Ū_t / (√L S_U); N(0, 1); n/a below N = 10, as GRANK",
		"Corrado & Zivney (1992), Journal of Financial and Quantitative Analysis 27, 465-478"},
	"skew-t-car": {"Skewness-adjusted t of the CARs",
		"√N (S + g S²/3 + g/(6N)), S = mean/sd, g = Σ (x − mean)³ / (N sd³); N(0, 1)",
		"Hall (1992); Lyon, Barber & Tsai (1999), Journal of Finance 54, 165-201"},
	"skew-t-bhar": {"Skewness-adjusted t of the BHARs",
		"as for the CARs, on the buy-and-hold abnormal returns",
		"Hall (1992); Lyon, Barber & Tsai (1999)"},
	"bootstrap": {"Bootstrap of the CAAR",
		"events resampled with replacement B times (seeded); 95% percentile interval; p from the symmetric bootstrap-t under the null",
		"Efron & Tibshirani (1993); Hall & Wilson (1991), Biometrics 47, 757-762"},
	"welch": {"Welch t of a difference in CAAR between two groups",
		"t = (CAAR_A − CAAR_B) / √(s_A²/N_A + s_B²/N_B), Welch-Satterthwaite degrees of freedom",
		"Welch (1947), Biometrika 34, 28-35"},
	"rank-sum": {"Wilcoxon-Mann-Whitney rank-sum test of the CARs of two groups",
		"W = rank sum of group A among the pooled CARs − N_A(N_A + 1)/2 (as R's wilcox.test); p from the normal approximation with continuity and tie corrections; n/a while the exact minimum p, 2/C(N_A + N_B, N_A), is at least 0.05",
		"Wilcoxon (1945); Mann & Whitney (1947), Annals of Mathematical Statistics 18, 50-60"},
}

// testLabels names each test for a reader.
func testLabels() map[string]string {
	m := make(map[string]string, len(testMethods))
	for k, v := range testMethods {
		m[k] = v.Name
	}
	return m
}

// methods lists what the study used: its model, the per-event measures
// and every test it reports.
func methods(res *study.Result) (model method, measures, tests []method) {
	cfg := res.Config
	model = modelMethods[cfg.Model]
	measures = []method{
		{"Abnormal return", "AR_t = R_t − E[R_t]; residual variance s² = SSE / (M − k)", "Campbell, Lo & MacKinlay (1997, ch. 4)"},
		{"Cumulative and buy-and-hold abnormal return",
			"CAR(W) = Σ_W AR_t; BHAR(W) = Π(1 + R_t) − Π(1 + E[R_t]) (log returns: exp Σ R − exp Σ E[R])",
			"Campbell, Lo & MacKinlay (1997); Lyon, Barber & Tsai (1999)"},
		{"Single-event t of a CAR",
			"t = CAR / S_CAR with the forecast-error variance S²_CAR = s² (L + g′(X′X)⁻¹g), g = Σ_W x_t (market model: s² [L + L²/M + (Σ_W (R_m,t − mean R_m))² / S_mm]); t(M − k)",
			"Campbell, Lo & MacKinlay (1997, sec. 4.4)"},
		{"Single-event SQ test of a CAR",
			"the CAR among the M overlapping sums of L consecutive estimation residuals; p = min(1, 2 (1 + min(#sums ≥ CAR, #sums ≤ CAR)) / (M + 1)); n/a below M = 39",
			"Gelbach, Helland & Klick (2013), American Law and Economics Review 15, 495-541"},
		{"Multiple testing (tests.csv p_holm, p_bh)",
			"p-values adjusted over every window-scope test of the study and its groups (day rows and n/a tests not in the family)",
			"Holm (1979); Benjamini & Hochberg (1995)"},
		{"CAAR band", "95% interval of the mean of the events' CARs up to each day, from the cross-sectional t(N − 1)", "Brown & Warner (1985)"},
	}
	if cfg.Model == stats.GARCH {
		measures = append(measures, method{"GARCH-standardized AR and CAR t",
			"SAR = AR / √h_t, t = CAR / √Σ_W h_t, with h_t the multi-step forecast σ² + (α + β)^(k−1) (h_T+1 − σ²) from the last estimation day T (no event-window return enters it); parameter estimation error ignored; t(M − 2). This replaces the forecast-error variance above",
			"Savickas (2003), Journal of Financial Research 26, 165-178"})
	}
	if cfg.Volume {
		measures = append(measures, method{"Abnormal volume", "the model applied to log(1 + volume) of the security and of the market", "Campbell & Wasley (1996), Review of Quantitative Finance and Accounting 6, 309-326"})
	}
	if cfg.TradeToTrade {
		measures = append(measures, method{"Trade-to-trade returns", "a return spans the days without a price; the market is compounded over the same days; a return over n days has n times the daily intercept and n times the variance (least squares weighted by 1/n)", "Maynes & Rumsey (1993), Journal of Banking and Finance 17, 145-157"})
	}
	for _, name := range stats.TestNames() {
		tests = append(tests, testMethods[name])
	}
	if cfg.Model == stats.GARCH {
		for _, name := range stats.GARCHTestNames() {
			tests = append(tests, testMethods[name])
		}
	}
	if cfg.Bootstrap > 0 {
		tests = append(tests, testMethods["bootstrap"])
	}
	if len(res.GroupTests) > 0 {
		tests = append(tests, testMethods["welch"], testMethods["rank-sum"])
	}
	return model, measures, tests
}
