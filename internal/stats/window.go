package stats

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxOffset bounds the relative days of a window: every end lies within
// -MaxOffset..MaxOffset. 25,000 trading days are about 99 years (252 a
// year), longer than any daily price history, so no study that can have
// data is refused; and a window that long costs a few hundred KB an event,
// where an unbounded one (0:100000000000000) exhausted memory.
const MaxOffset = 25000

// MaxWindows bounds the number of windows in a list. Each window adds a
// CAR, BHAR and test battery to every event and a row per event to
// car.csv; 100 is more than a study of every day from -20 to +20 plus the
// usual spans needs, and keeps the window results of 100,000 events to
// about a GB.
const MaxWindows = 100

// Window is an inclusive range of relative trading days, e.g. {-5, 5}.
type Window struct{ From, To int }

// Len returns the number of days in w, To-From+1.
func (w Window) Len() int { return w.To - w.From + 1 }

// String returns w as "from:to", e.g. "-5:5".
func (w Window) String() string { return strconv.Itoa(w.From) + ":" + strconv.Itoa(w.To) }

// Contains reports whether day lies in w.
func (w Window) Contains(day int) bool { return w.From <= day && day <= w.To }

// mustValid panics when w is reversed: windows reach this package through
// ParseWindow, so a reversed one is caller misuse.
func (w Window) mustValid() {
	if w.From > w.To {
		panic(fmt.Sprintf("stats: window %s: start after end", w))
	}
}

// ParseWindow parses "from:to" with signed integers, e.g. "-5:5", "0:0" or
// "+1:+3".
func ParseWindow(s string) (Window, error) {
	parts := strings.Split(s, ":")
	q := quote(s)
	if len(parts) != 2 {
		return Window{}, fmt.Errorf("window %s: want from:to", q)
	}
	var (
		ends [2]int
		name = [2]string{"start", "end"}
	)
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		switch {
		case errors.Is(err, strconv.ErrRange), err == nil && (v < -MaxOffset || v > MaxOffset):
			return Window{}, fmt.Errorf("window %s: %s %s is beyond %d trading days (about 99 years) from day 0", q, name[i], clip(strings.TrimSpace(p)), MaxOffset)
		case err != nil:
			return Window{}, fmt.Errorf("window %s: %s %s is not an integer", q, name[i], quote(p))
		}
		ends[i] = v
	}
	w := Window{ends[0], ends[1]}
	if w.From > w.To {
		return Window{}, fmt.Errorf("window %s: start after end", q)
	}
	return w, nil
}

// ParseWindows parses a comma-separated list of windows, e.g. "-1:1,0:5".
// The list must hold at least one window, at most MaxWindows, and no
// duplicates.
func ParseWindows(s string) ([]Window, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("windows %s: empty list", quote(s))
	}
	if n := strings.Count(s, ",") + 1; n > MaxWindows {
		return nil, fmt.Errorf("windows: %d windows, want at most %d", n, MaxWindows)
	}
	var ws []Window
	seen := make(map[Window]bool)
	for _, f := range strings.Split(s, ",") {
		w, err := ParseWindow(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		if seen[w] {
			return nil, fmt.Errorf("windows %s: duplicate window %s", quote(s), w)
		}
		seen[w] = true
		ws = append(ws, w)
	}
	return ws, nil
}

// maxQuote is the most of a user's text an error message repeats.
const maxQuote = 40

// clip shortens s to maxQuote bytes (on a rune boundary) followed by "…",
// so that an error about a long value stays one readable line.
func clip(s string) string {
	if len(s) <= maxQuote {
		return s
	}
	i := maxQuote
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// quote is strconv.Quote of clip(s).
func quote(s string) string { return strconv.Quote(clip(s)) }
