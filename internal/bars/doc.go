// Package bars reads intraday price bars (1-minute, 5-minute, ...) as people
// have them and places them on exchange sessions.
//
// A bar file is told from a daily file by its timestamps: a bar file's
// carry a time of day (or are Unix epoch seconds). The readers accept
// Unix epoch seconds in UTC, ISO timestamps with offsets (across a DST
// switch), naive date-times in the exchange's zone (datetime, datetime_ny),
// and NinjaTrader's headerless "yyyymmdd HHMMSS;open;high;low;close;volume"
// exports in UTC; newest-first files, CRLF, a missing trailing newline.
//
// Bars are labelled at their start, at their end, or at their end minus one
// minute (Label); Read detects the convention where the timestamps tell it
// and says how it decided (Series.Note). Every bar is stored by its start.
// The read is one pass that keeps only the sessions asked for
// (Options.Keep), so a year of minute bars for many tickers need not be in
// memory when the events touch a few days.
//
// Sessions come from internal/prices' exchange calendars (prices.Calendar):
// regular hours by default, extended hours (04:00-20:00 New York) on request,
// the HKEX lunch break and half days. The overnight and weekend gaps are
// never a bar and never a return.
package bars
