// Package eventlist builds event lists that 'eventstudy run' reads as they
// are (prices.ReadEvents): from a list of dates crossed with the securities
// of some price files (FromDates), from the non-zero cells of a column of
// price files such as yfinance's Dividends (FromColumn), and from the
// filings of an SEC EDGAR submissions JSON (FromEDGAR).
//
// Every builder returns a List: the rows, the names of the columns carried
// beside ticker and date, and the inputs it could not use, each with its
// place and reason (Failures), so that nothing is dropped silently and one
// bad file or row does not stop the others.
package eventlist
