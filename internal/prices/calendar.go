package prices

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	// Embed the time zone database so that exchange close times work on
	// machines without /usr/share/zoneinfo (minimal containers, Windows).
	_ "time/tzdata"
)

// Exchange is a stock exchange's regular-session close, in its own time zone.
type Exchange struct {
	Code     string // "NYSE", "HKEX", ...
	Location *time.Location
	Close    time.Duration // time of day of the regular close, local time
	// Calendar is the exchange's trading sessions (NYSE and HKEX); nil
	// for exchanges without one, which keep the regular close every day.
	Calendar *Calendar
}

// exchanges maps an exchange code to its close. Regular-session closes as
// published by each exchange (NYSE/Nasdaq 16:00 ET; HKEX 16:00 HKT; LSE
// 16:30; JPX 15:30 since 2024-11-05; Xetra and Euronext Paris 17:30; Shanghai
// and Shenzhen 15:00). Closing auctions are not modelled; half days are,
// for the exchanges with a calendar (calendars).
var exchanges = map[string]struct {
	zone  string
	close time.Duration
}{
	"NYSE": {"America/New_York", 16 * time.Hour},
	"HKEX": {"Asia/Hong_Kong", 16 * time.Hour},
	"LSE":  {"Europe/London", 16*time.Hour + 30*time.Minute},
	"JPX":  {"Asia/Tokyo", 15*time.Hour + 30*time.Minute},
	"XETR": {"Europe/Berlin", 17*time.Hour + 30*time.Minute},
	"XPAR": {"Europe/Paris", 17*time.Hour + 30*time.Minute},
	"SSE":  {"Asia/Shanghai", 15 * time.Hour},
	"SZSE": {"Asia/Shanghai", 15 * time.Hour},
}

// calendars maps an exchange code to the MIC of its calendar.
var calendars = map[string]string{"NYSE": "XNYS", "HKEX": "XHKG"}

// suffixes maps a Yahoo-style ticker suffix to an exchange code.
var suffixes = map[string]string{
	"HK": "HKEX",
	"L":  "LSE",
	"T":  "JPX",
	"DE": "XETR",
	"PA": "XPAR",
	"SS": "SSE",
	"SZ": "SZSE",
}

// exchangeAliases lets an event list's exchange column use common names.
var exchangeAliases = map[string]string{
	"NASDAQ": "NYSE", "NYSE": "NYSE", "US": "NYSE", "AMEX": "NYSE",
	"HKEX": "HKEX", "HK": "HKEX", "SEHK": "HKEX",
	"LSE": "LSE", "L": "LSE", "LON": "LSE",
	"JPX": "JPX", "TSE": "JPX", "T": "JPX",
	"XETR": "XETR", "XETRA": "XETR", "DE": "XETR", "FRA": "XETR",
	"XPAR": "XPAR", "EPA": "XPAR", "PA": "XPAR", "EURONEXT": "XPAR",
	"SSE": "SSE", "SS": "SSE", "SHA": "SSE",
	"SZSE": "SZSE", "SZ": "SZSE", "SHE": "SZSE",
}

// ExchangeCodes lists the exchange codes an event list may name.
func ExchangeCodes() []string {
	return slices.Sorted(maps.Keys(exchanges))
}

// LookupExchange returns the exchange named by code (case-insensitive, with
// common aliases such as NASDAQ or XETRA).
func LookupExchange(code string) (Exchange, error) {
	c, ok := exchangeAliases[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Exchange{}, fmt.Errorf("unknown exchange %q (known: %s)", code, strings.Join(ExchangeCodes(), ", "))
	}
	e := exchanges[c]
	loc, err := location(e.zone)
	if err != nil {
		return Exchange{}, fmt.Errorf("exchange %s: %w", c, err)
	}
	x := Exchange{Code: c, Location: loc, Close: e.close}
	if mic := calendars[c]; mic != "" {
		if x.Calendar, err = LookupCalendar(mic); err != nil {
			return Exchange{}, fmt.Errorf("exchange %s: %w", c, err)
		}
	}
	return x, nil
}

// loadZones loads the time zones of the exchanges and of the zone words
// once: time.LoadLocation parses the zone database on every call, which
// cost a second per 100,000 events (pprof) when done per event.
var loadZones = sync.OnceValues(func() (map[string]*time.Location, error) {
	m := make(map[string]*time.Location)
	names := []string{}
	for _, e := range exchanges {
		names = append(names, e.zone)
	}
	for _, z := range zoneSuffixes {
		names = append(names, z)
	}
	for _, z := range names {
		loc, err := time.LoadLocation(z)
		if err != nil {
			return nil, err
		}
		m[z] = loc
	}
	return m, nil
})

// location returns the loaded time zone named zone.
func location(zone string) (*time.Location, error) {
	zs, err := loadZones()
	if err != nil {
		return nil, err
	}
	if loc, ok := zs[zone]; ok {
		return loc, nil
	}
	return time.LoadLocation(zone)
}

// ExchangeOf returns the exchange of a ticker from its suffix: none (or an
// unknown suffix, as in BRK.B) means New York; .HK Hong Kong; .L London; .T
// Tokyo; .DE Xetra; .PA Paris; .SS Shanghai; .SZ Shenzhen.
func ExchangeOf(ticker string) Exchange {
	code := "NYSE"
	if i := strings.LastIndexByte(ticker, '.'); i >= 0 {
		if c, ok := suffixes[strings.ToUpper(ticker[i+1:])]; ok {
			code = c
		}
	}
	e, err := LookupExchange(code)
	if err != nil {
		// The table above names only zones in the embedded database.
		panic("prices: " + err.Error())
	}
	return e
}

// SessionDate returns the calendar date, in the exchange's time zone, of the
// first session that can price news released at t: t's local date when t is
// before that day's close, the following calendar day when t is at or after
// it. The close is the calendar's on the day (13:00 on an NYSE half day)
// when the exchange has a calendar and t's date is a session, the regular
// close otherwise. Whether the date is a trading day of the security is
// decided later, against its trading days.
func (e Exchange) SessionDate(t time.Time) (d Date, afterClose bool) {
	local := t.In(e.Location)
	d = DateOf(local)
	sinceMidnight := time.Duration(local.Hour())*time.Hour +
		time.Duration(local.Minute())*time.Minute +
		time.Duration(local.Second())*time.Second +
		time.Duration(local.Nanosecond())
	if sinceMidnight >= e.CloseOn(d) {
		return d.AddDays(1), true
	}
	return d, false
}

// CloseOn returns the close on d: the calendar's when d is one of its
// sessions, the regular close otherwise.
func (e Exchange) CloseOn(d Date) time.Duration {
	if e.Calendar != nil {
		if hs, ok := e.Calendar.Hours(d); ok {
			return hs.Close
		}
	}
	return e.Close
}
