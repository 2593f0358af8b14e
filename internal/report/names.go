package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameBytes bounds a file name part made from an event id, a ticker or a
// group value: "prices-" + name + ".png" and its temporary file
// (".eventstudy-" + that + ".123456789.tmp") stay well under the 255 bytes
// file systems allow.
const maxNameBytes = 100

// nameHashLen is how many hex digits of the SHA-256 of a value end its file
// name when the value cannot be used as it is (64 bits).
const nameHashLen = 16

// fileSafe turns an event id, a ticker or a group value into a file name
// part that is safe and distinct. A value of 1 to maxNameBytes bytes made
// of ASCII letters, digits, '.', '_' and '-', not beginning or ending with
// '.' and not a name Windows reserves (CON, NUL, COM1, ...), is used as it
// is. Any other value becomes a readable form (letters, marks and digits of
// any script kept, runs of anything else replaced by one '_', cut at a
// UTF-8 boundary) followed by '~' and 16 hex digits of the SHA-256 of the
// value: "A/1" is A_1~…, distinct from "A_1" (which has no '~') and from
// "A 1" (another hash); ".." cannot name a directory above. A hash on every
// name that is not plain ASCII also keeps apart ids that file systems
// normalising Unicode (macOS) would take for one.
func fileSafe(s string) string {
	if plainName(s) {
		return s
	}
	return hashedName(s)
}

// fileNames maps each of values to its file name part: fileSafe's, except
// that plain values that differ only in case ("Good" and "good") get the
// hashed form, which file systems that ignore case (macOS and Windows by
// default) also keep apart. A value's name can thus depend on the others
// of its run (its groups, its events), and is the same for the same run.
func fileNames(values []string) map[string]string {
	names := make(map[string]string, len(values))
	byFold := map[string][]string{}
	for _, v := range values {
		if _, done := names[v]; done {
			continue
		}
		names[v] = fileSafe(v)
		if names[v] == v {
			k := strings.ToLower(v)
			byFold[k] = append(byFold[k], v)
		}
	}
	for _, vs := range byFold {
		if len(vs) > 1 {
			for _, v := range vs {
				names[v] = hashedName(v)
			}
		}
	}
	return names
}

// hashedName is a readable form of s followed by '~' and a hash of s.
func hashedName(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		keep := r < utf8.RuneSelf && (isPlain(byte(r)) && r != '_') ||
			r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
		if keep {
			b.WriteRune(r)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	prefix := truncateUTF8(b.String(), maxNameBytes-1-nameHashLen)
	// No hidden names, no "." or ".." parts, no trailing dot (Windows
	// drops it).
	prefix = strings.TrimRight(strings.TrimLeft(prefix, "."), ".")
	if prefix == "" || reservedName(prefix) {
		// Not "~…", which a shell would expand, nor "nul.csv~…", which
		// Windows takes for the device.
		prefix = "_" + prefix
	}
	sum := sha256.Sum256([]byte(s))
	return prefix + "~" + hex.EncodeToString(sum[:])[:nameHashLen]
}

// plainName reports whether s can name a file as it is.
func plainName(s string) bool {
	if s == "" || len(s) > maxNameBytes || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isPlain(s[i]) {
			return false
		}
	}
	return !reservedName(s)
}

func isPlain(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}

// reservedName reports whether Windows reserves s as a device name, with
// or without an extension ("nul.csv" names the device too).
func reservedName(s string) bool {
	base, _, _ := strings.Cut(s, ".")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) == 4 {
		switch strings.ToUpper(base[:3]) {
		case "COM", "LPT":
			return '0' <= base[3] && base[3] <= '9'
		}
	}
	return false
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
