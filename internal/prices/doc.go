// Package prices reads what an event study needs besides its statistics:
// daily price files, event lists, and the trading calendars that align them.
// It knows files, calendars and dates; it knows nothing of statistics, which
// live in internal/stats and receive plain []float64 with NaN for missing.
//
// Dates are Date values, calendar days without a time zone. A price file is
// read into Series, one per security or index (ReadFile, Read, Load), from
// the layouts written by Yahoo Finance and yfinance (Date with Adj Close or
// Close, including yfinance's ticker rows and multi-index headers), long
// panels (date,ticker,close) and wide files (date,T1,T2,...), plain or
// gzip-compressed, or long panels in Parquet, with the Volume column when the file has one
// (Series.Volume, Series.LogVolume). Series.Returns turns prices into simple
// or log returns, leaving a missing price missing rather than spanning the
// gap; Series.TradeToTrade spans it (Maynes & Rumsey 1993), and Market.Span
// compounds the market over the same days. A missing row is a hole too when
// the benchmark traded meanwhile, or, for NYSE and HKEX securities, when
// the exchange held a session meanwhile (GapBefore): the study takes the
// return across it as missing.
//
// Calendar holds an exchange's trading sessions 2000-2027 as data
// (calendar_xnys.go, calendar_xhkg.go: holidays, closures, half days, the
// lunch break), checked against exchange_calendars and Lean in
// sessions_test.go. Exchange.CloseOn gives the day's close, so a half day's
// decides after-close news; Series.OnSessions puts a series on the
// sessions, for counting event time in sessions rather than rows.
//
// Daily factor files (Ken French's Fama-French and momentum CSVs as
// published, or date,f1,f2,... in decimals) are read into Factors
// (ReadFactors), in decimals with RF apart; Factors.Merge joins two by date.
//
// Numbers are plain decimals: hexadecimal floats, digit separators, Inf and
// magnitudes of 1e15 or more are refused (number.go). Errors in a file are
// *PosError values that print file:line:column: message and unwrap to the
// sentinels of errors.go (ErrLayout, ErrBadDate, ErrImplausible, ...).
package prices
