// Package data holds the bundled example study: synthetic prices and events
// made by the seeded generator in gen/, embedded in the eventstudy binary.
package data

import "embed"

// Demo holds demo/synthetic_prices.csv.gz (a long panel of the synthetic
// market SYNMKT and 40 synthetic securities SYN001..SYN040) and
// demo/synthetic_events.csv (300 events with +2% injected on day 0, and one
// event for a ticker without prices).
//
//go:embed demo/synthetic_prices.csv.gz demo/synthetic_events.csv
var Demo embed.FS
