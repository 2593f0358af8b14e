package report

import "testing"

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"E001", "E001"},
		{"阿里巴巴-HK", "阿里巴巴-HK"},
		{"a\nb\r\tc", `a\nb\r\tc`},
		{"\x1b[31mred\x07\x00\x7f", `\x1b[31mred\x07\x00\x7f`},
		{"next\u0085line", `next\u0085line`},
		{"\u202egpj.exe", `\u202egpj.exe`}, // right-to-left override
		{"a\u200db", "a\u200db"},           // zero width joiner (emoji, Indic scripts): kept
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
