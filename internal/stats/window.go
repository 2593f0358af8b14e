package stats

import (
	"fmt"
	"strconv"
	"strings"
)

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
	if len(parts) != 2 {
		return Window{}, fmt.Errorf("window %q: want from:to", s)
	}
	var (
		ends [2]int
		name = [2]string{"start", "end"}
	)
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return Window{}, fmt.Errorf("window %q: %s %q is not an integer", s, name[i], p)
		}
		ends[i] = v
	}
	w := Window{ends[0], ends[1]}
	if w.From > w.To {
		return Window{}, fmt.Errorf("window %q: start after end", s)
	}
	return w, nil
}

// ParseWindows parses a comma-separated list of windows, e.g. "-1:1,0:5".
// The list must hold at least one window and no duplicates.
func ParseWindows(s string) ([]Window, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("windows %q: empty list", s)
	}
	var ws []Window
	seen := make(map[Window]bool)
	for _, f := range strings.Split(s, ",") {
		w, err := ParseWindow(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		if seen[w] {
			return nil, fmt.Errorf("windows %q: duplicate window %s", s, w)
		}
		seen[w] = true
		ws = append(ws, w)
	}
	return ws, nil
}
