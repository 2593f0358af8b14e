package report

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFileSafe(t *testing.T) {
	long := strings.Repeat("x", 235)
	tests := []struct {
		in   string
		want string // the name; "…" stands for the 16 hex digits of the hash
	}{
		{"AAPL", "AAPL"},
		{"A_1", "A_1"},
		{"brk.b", "brk.b"},
		{"0700-HK", "0700-HK"},
		{"A/1", "A_1~…"},
		{"A 1", "A_1~…"},
		{"A\\1", "A_1~…"},
		{"..", "_~…"},
		{".", "_~…"},
		{"", "_~…"},
		{".hidden", "hidden~…"},
		{"end.", "end~…"},
		{"(empty)", "_empty_~…"},
		{"CON", "_CON~…"},
		{"nul.csv", "_nul.csv~…"},
		{"com1", "_com1~…"},
		{"COM10", "COM10"},
		{"阿里巴巴-HK", "阿里巴巴-HK~…"},
		{"Société Générale", "Société_Générale~…"},
		{"a\x00b\xffc", "a_b_c~…"},
		{"~user", "_user~…"},
		{long[:100], long[:100]},
		{long, long[:83] + "~…"},
		{strings.Repeat("阿", 100), strings.Repeat("阿", 27) + "~…"}, // 27 × 3 bytes ≤ 83
	}
	for _, tt := range tests {
		got := fileSafe(tt.in)
		pattern := strings.ReplaceAll(tt.want, "…", "????????????????")
		if ok, _ := filepath.Match(pattern, got); !ok || strings.Contains(got, "/") {
			t.Errorf("fileSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkSafeName(t, tt.in, got)
	}
	// The ids of the issue: one chart each.
	seen := map[string]string{}
	for _, id := range []string{"A/1", "A_1", "A 1", "A\\1", "A:1", "..", ".", "", "_", "阿里巴巴-HK", "阿里巴巴-hk", long, long + "y"} {
		n := fileSafe(id)
		if prev, dup := seen[n]; dup {
			t.Errorf("fileSafe(%q) = fileSafe(%q) = %q", id, prev, n)
		}
		seen[n] = id
	}
}

func TestFileNames(t *testing.T) {
	tests := []struct {
		in   []string
		want []string // "…" stands for the hash
	}{
		{[]string{"good", "bad"}, []string{"good", "bad"}},
		{[]string{"Good", "good", "bad", "GOOD"}, []string{"Good~…", "good~…", "bad", "GOOD~…"}},
		{[]string{"A/1", "a/1", "a"}, []string{"A_1~…", "a_1~…", "a"}},
		{[]string{"x", "x", "X"}, []string{"x~…", "x~…", "X~…"}},
	}
	for _, tt := range tests {
		got := fileNames(tt.in)
		folded := map[string]string{}
		for i, v := range tt.in {
			n := got[v]
			pattern := strings.ReplaceAll(tt.want[i], "…", "????????????????")
			if ok, _ := filepath.Match(pattern, n); !ok {
				t.Errorf("fileNames(%q)[%q] = %q, want %q", tt.in, v, n, tt.want[i])
			}
			checkSafeName(t, v, n)
			if prev, dup := folded[strings.ToLower(n)]; dup && prev != v {
				t.Errorf("fileNames(%q): %q and %q get %q, the same name where case is ignored", tt.in, prev, v, n)
			}
			folded[strings.ToLower(n)] = v
		}
	}
}

// checkSafeName fails unless name is a safe file name part: valid UTF-8 of
// 1 to maxNameBytes bytes, no separator or control character, not "." or
// "..", not hidden, no trailing dot, not reserved on Windows.
func checkSafeName(t *testing.T, in, name string) {
	t.Helper()
	if name == "" || len(name) > maxNameBytes || !utf8.ValidString(name) {
		t.Fatalf("fileSafe(%q) = %q: empty, longer than %d bytes or not UTF-8", in, name, maxNameBytes)
	}
	if name[0] == '.' || name[0] == '~' || strings.HasSuffix(name, ".") || reservedName(name) {
		t.Fatalf("fileSafe(%q) = %q: hidden, ending in '.' or reserved", in, name)
	}
	if strings.ContainsAny(name, "/\\:*?\"<>| \x7f") || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 }) >= 0 {
		t.Fatalf("fileSafe(%q) = %q: holds a separator, space or control character", in, name)
	}
	if !filepath.IsLocal(name) || filepath.Base(name) != name {
		t.Fatalf("fileSafe(%q) = %q: not a single local name", in, name)
	}
}

// FuzzFileSafe checks that names are safe and that two values share a name
// only if they are equal.
func FuzzFileSafe(f *testing.F) {
	for _, s := range [][2]string{{"A/1", "A_1"}, {"A 1", "A_1"}, {"..", "."}, {"阿里巴巴-HK", "阿里巴巴-hk"}, {"CON", "con"}, {"", "_"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		na, nb := fileSafe(a), fileSafe(b)
		checkSafeName(t, a, na)
		checkSafeName(t, b, nb)
		if a != b && na == nb {
			t.Fatalf("fileSafe(%q) = fileSafe(%q) = %q", a, b, na)
		}
		if fileSafe(a) != na {
			t.Fatalf("fileSafe(%q) is not stable", a)
		}
	})
}
