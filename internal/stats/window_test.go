package stats

import (
	"strings"
	"testing"
)

func TestParseWindow(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Window
		err  string
	}{
		{in: "-5:5", want: Window{-5, 5}},
		{in: "0:0", want: Window{0, 0}},
		{in: "+1:+3", want: Window{1, 3}},
		{in: "-250:-11", want: Window{-250, -11}},
		{in: " -1 : 1 ", want: Window{-1, 1}},
		{in: "5", err: `window "5": want from:to`},
		{in: "1:2:3", err: `window "1:2:3": want from:to`},
		{in: "a:b", err: `window "a:b": start "a" is not an integer`},
		{in: "1:", err: `window "1:": end "" is not an integer`},
		{in: "5:-5", err: `window "5:-5": start after end`},
		{in: "", err: `window "": want from:to`},
		// The bound MaxOffset = 25000 is inclusive at both ends.
		{in: "-25000:25000", want: Window{-MaxOffset, MaxOffset}},
		{in: "0:25001", err: `window "0:25001": end 25001 is beyond 25000 trading days (about 99 years) from day 0`},
		{in: "-25001:-11", err: `window "-25001:-11": start -25001 is beyond 25000 trading days (about 99 years) from day 0`},
		{in: "0:100000000000000", err: `window "0:100000000000000": end 100000000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		{in: "-1000000000000:-11", err: `window "-1000000000000:-11": start -1000000000000 is beyond 25000 trading days (about 99 years) from day 0`},
		// Past int64: strconv.ErrRange, the same message, not "not an integer".
		{in: "0:99999999999999999999", err: `window "0:99999999999999999999": end 99999999999999999999 is beyond 25000 trading days (about 99 years) from day 0`},
		// A long value is quoted to 40 bytes.
		{in: "0:" + strings.Repeat("x", 100), err: `window "0:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…": end "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is not an integer`},
	} {
		got, err := ParseWindow(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseWindow(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseWindow(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestWindowLenString(t *testing.T) {
	for _, tc := range []struct {
		w    Window
		len  int
		text string
	}{
		{Window{-5, 5}, 11, "-5:5"},
		{Window{0, 0}, 1, "0:0"},
		{Window{1, 3}, 3, "1:3"},
	} {
		if got := tc.w.Len(); got != tc.len {
			t.Errorf("%v.Len() = %d, want %d", tc.w, got, tc.len)
		}
		if got := tc.w.String(); got != tc.text {
			t.Errorf("String() = %q, want %q", got, tc.text)
		}
	}
}

func TestParseWindows(t *testing.T) {
	got, err := ParseWindows("-1:1, 0:0,0:5")
	want := []Window{{-1, 1}, {0, 0}, {0, 5}}
	if err != nil || len(got) != len(want) {
		t.Fatalf("ParseWindows = %v, %v, want %v", got, err, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("window %d = %v, want %v", i, got[i], want[i])
		}
	}
	for in, msg := range map[string]string{
		"":          `windows "": empty list`,
		"0:0,+0:0":  `windows "0:0,+0:0": duplicate window 0:0`,
		"0:0,3:1":   `window "3:1": start after end`,
		"0:0,,1:1":  `window "": want from:to`,
		"-1:1,x:1":  `window "x:1": start "x" is not an integer`,
		"   ":       `windows "   ": empty list`,
		"0:0,0:0:0": `window "0:0:0": want from:to`,
		// MaxWindows = 100: 101 commas make 102 windows.
		strings.Repeat("0:0,", 101) + "0:0": `windows: 102 windows, want at most 100`,
	} {
		if _, err := ParseWindows(in); err == nil || err.Error() != msg {
			t.Errorf("ParseWindows(%q) error = %v, want %q", in, err, msg)
		}
	}
}

func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"-5:5", "0:0", "+1:+3", "5:-5", "a:b", "1:2:3", "", "0:100000000000000", "-25000:25000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWindow(s)
		if err != nil {
			return
		}
		if w.From > w.To || w.Len() < 1 {
			t.Fatalf("ParseWindow(%q) = %v: reversed window accepted", s, w)
		}
		if w.From < -MaxOffset || w.To > MaxOffset {
			t.Fatalf("ParseWindow(%q) = %v: beyond MaxOffset accepted", s, w)
		}
		back, err := ParseWindow(w.String())
		if err != nil || back != w {
			t.Fatalf("round trip of %v: %v, %v", w, back, err)
		}
	})
}

func FuzzParseWindows(f *testing.F) {
	for _, s := range []string{"-1:1,0:0", "0:0,0:0", "", ","} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws, err := ParseWindows(s)
		if err != nil {
			return
		}
		if len(ws) == 0 || len(ws) > MaxWindows {
			t.Fatalf("ParseWindows(%q): %d windows and no error", s, len(ws))
		}
		seen := map[Window]bool{}
		for _, w := range ws {
			if seen[w] {
				t.Fatalf("ParseWindows(%q): duplicate %v", s, w)
			}
			seen[w] = true
		}
	})
}
