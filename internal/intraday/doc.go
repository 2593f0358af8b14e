// Package intraday runs event studies on intraday bars: news timestamps
// against the bars of exchange sessions (internal/bars), to the minute.
//
// The event clock starts at the news, or at the open it waits for; the
// first bar of the event is the first bar that starts at or after it, never
// one that starts before. A window a:b is the bars starting in
// [t+a, t+b) of the same session; its return is the last bar's close over
// the close of the bar before its first bar, minus one (the open of the
// session's first bar when the window starts at the open: the overnight gap
// is never a return). A window past the close stops at the close and says
// so.
//
// Normal returns: raw (none), constant mean by clock time (the same
// window's mean return on the N sessions before, Config.EstDays), and the
// market model fitted on every bar return of those sessions with the
// benchmark's at the same minutes. A missing bar is a missing return, never
// zero.
//
// Tests per event: t = CAR/SD with the forecast-error variance (market
// model: Campbell, Lo & MacKinlay 1997 eq. 4.4.14 summed over the window's
// bars; constant mean: s·√(1+1/n)), and the empirical percentile of the CAR
// among the same clock-time window on the estimation days (Rinaudo & Saha
// 2014), whose two-sided p-value cannot fall below 2/(n+1). For the market
// model the estimation days' window CARs are in-sample residual sums (the
// days the model was fitted on), which makes the event's CAR look extreme a
// little more readily than out-of-sample ones would. Across events:
// the cross-sectional t, BMP, sign and Wilcoxon tests of internal/stats on
// the window CARs.
package intraday
