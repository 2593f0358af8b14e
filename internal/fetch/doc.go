// Package fetch downloads daily prices from Yahoo Finance's chart API and
// factor files from Kenneth French's data library, for users without a data
// vendor, and writes them in layouts that package prices reads.
//
// The chart API answers JSON: chart.result[0] holds meta (the exchange's
// time zone in exchangeTimezoneName), timestamp (Unix seconds of each bar's
// session open, not midnight), indicators.quote[0].{open,high,low,close,
// volume}, indicators.adjclose[0].adjclose and events.{dividends,splits}
// keyed by timestamp; an error is chart.error {code, description}. A
// bar's date is its session's date in the exchange's zone: a Sydney open
// at 23:00 UTC belongs to the next calendar day there.
//
// Yahoo's answers carry quirks recorded in ../shared/data/yahoo (see
// SOURCES.md section 6): bars whose values are all null (skipped and
// counted), a live point appended after the requested period (dropped and
// counted), no timestamp key when there are no bars, and error bodies in
// place of results. None of them stops a batch: each ticker that fails is
// listed with its reason, and the others are written.
package fetch
