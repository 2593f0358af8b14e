package intraday

import (
	"fmt"
	"strings"
	"time"

	"github.com/eventstudy/eventstudy/internal/prices"
)

// Window is an event window in minutes of the event clock: the bars that
// start in [t+From, t+To).
type Window struct{ From, To time.Duration }

func (w Window) String() string { return minutes(w.From) + ":" + minutes(w.To) }

func minutes(d time.Duration) string { return fmt.Sprintf("%dm", int(d/time.Minute)) }

// maxWindow bounds a window's ends: a week of minutes either side.
const maxWindow = 25000 * time.Minute

// IsMinutes reports whether a --windows value is written in minutes
// ("0m:30m"), which makes a study intraday.
func IsMinutes(s string) bool {
	for _, w := range strings.Split(s, ",") {
		w = strings.TrimSpace(w)
		if strings.HasSuffix(w, "m") || strings.HasSuffix(w, "h") {
			return true
		}
	}
	return false
}

// ParseWindows parses "-30m:0m,0m:5m,0m:60m" (an end may be written in
// hours, 1h).
func ParseWindows(s string) ([]Window, error) {
	var ws []Window
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		a, b, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("window %q: want FROM:TO in minutes, e.g. 0m:30m", part)
		}
		from, err := parseMinutes(a)
		if err != nil {
			return nil, fmt.Errorf("window %q: %w", part, err)
		}
		to, err := parseMinutes(b)
		if err != nil {
			return nil, fmt.Errorf("window %q: %w", part, err)
		}
		if to <= from {
			return nil, fmt.Errorf("window %q: the end must be after the start (bars starting in [t+FROM, t+TO))", part)
		}
		if from < -maxWindow || to > maxWindow {
			return nil, fmt.Errorf("window %q: ends within ±25000m", part)
		}
		ws = append(ws, Window{from, to})
	}
	if len(ws) > 100 {
		return nil, fmt.Errorf("%d windows, want at most 100", len(ws))
	}
	return ws, nil
}

func parseMinutes(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	if !strings.HasSuffix(s, "m") && !strings.HasSuffix(s, "h") {
		return 0, fmt.Errorf("%q: want minutes such as 30m or -15m", s)
	}
	d, err := time.ParseDuration(s)
	if err != nil || d%time.Minute != 0 {
		return 0, fmt.Errorf("%q: want whole minutes such as 30m or -15m", s)
	}
	return d, nil
}

// CheckLengths returns an error for a window longer than a full session of
// cal (the regular hours of its last full session, or 04:00-20:00 with
// extended hours), unless overnight lets windows run on into the next.
func CheckLengths(ws []Window, cal *prices.Calendar, extended, overnight bool) error {
	if overnight {
		return nil
	}
	var long time.Duration
	for d := cal.Last; d >= cal.First; d-- {
		if hs, ok := cal.Hours(d); ok && !cal.Early(d) {
			long = hs.Close - hs.Open - (hs.BreakEnd - hs.BreakStart)
			break
		}
	}
	if extended && cal.Code == "XNYS" {
		long = 16 * time.Hour
	}
	for _, w := range ws {
		if w.To-w.From > long {
			return fmt.Errorf("window %s is %s long, longer than one %s session (%s): give --overnight to run on into the next session, or a shorter window", w, minutes(w.To-w.From), cal.Code, minutes(long))
		}
	}
	return nil
}
