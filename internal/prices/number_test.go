package prices

import (
	"errors"
	"strings"
	"testing"
)

// TestNumberForms: number forms strconv.ParseFloat reads but no price file
// writes (hexadecimal floats, digit separators, Inf) and magnitudes of 1e15
// or more are refused with file:line:column, in prices, volumes, returns,
// log returns and factors; plain forms, with exponents and missing-value
// tokens, are read.
func TestNumberForms(t *testing.T) {
	const msgHint = "; write plain decimals such as 12.5 or 1.25e-3)"
	tests := []struct {
		name, text string
		opt        Options
		factors    bool
		want       string // "" for no error
		is         error
	}{
		{"hex price", "Date,Close\n2020-01-02,0x1p-2\n", Options{}, false, `x.csv:2:12: Close: cannot parse number "0x1p-2" (a hexadecimal float` + msgHint, ErrBadNumber},
		{"underscore price", "Date,Close\n2020-01-02,1_000\n", Options{}, false, `x.csv:2:12: Close: cannot parse number "1_000" (digit separators` + msgHint, ErrBadNumber},
		{"infinity", "Date,Close\n2020-01-02,12\n2020-01-03,+Infinity\n", Options{}, false, `x.csv:3:12: Close: cannot parse number "+Infinity"`, ErrBadNumber},
		{"huge price", "Date,Close\n2020-01-02,1e308\n", Options{}, false, `x.csv:2:12: Close: implausible magnitude 1e308 (1e15 or more in magnitude)`, ErrImplausible},
		// 2^53 = 9007199254740992 is parsed on the scanner's fast path.
		{"huge plain price", "Date,Close\n2020-01-02,9007199254740992\n", Options{}, false, `x.csv:2:12: Close: implausible magnitude 9007199254740992 (1e15 or more in magnitude)`, ErrImplausible},
		{"huge volume", "Date,Close,Volume\n2020-01-02,12,1e15\n", Options{}, false, `x.csv:2:15: Volume: implausible magnitude 1e15 (1e15 or more in magnitude)`, ErrImplausible},
		{"hex volume", "Date,Close,Volume\n2020-01-02,12,0x1p4\n", Options{}, false, `x.csv:2:15: Volume: cannot parse number "0x1p4" (a hexadecimal float` + msgHint, ErrBadNumber},
		{"huge return", "date,AAA\n2020-01-02,2e15\n", Options{Values: ValuesReturns}, false, `x.csv:2:12: AAA: implausible magnitude 2e15 (1e15 or more in magnitude)`, ErrImplausible},
		// exp(35) - 1 = 1.6e15.
		{"huge log return", "date,AAA\n2020-01-02,35\n", Options{Values: ValuesLogReturns}, false, `x.csv:2:12: AAA: implausible magnitude exp(35) - 1 (1e15 or more in magnitude)`, ErrImplausible},
		{"hex log return", "date,AAA\n2020-01-02,-0x1p1\n", Options{Values: ValuesLogReturns}, false, `x.csv:2:12: AAA: cannot parse number "-0x1p1" (a hexadecimal float` + msgHint, ErrBadNumber},
		{"plain forms", "Date,Close,Volume\n2020-01-02,1.25e2,1E3\n2020-01-03,.5,10.\n2020-01-06,+7,NA\n2020-01-07,null,\n", Options{}, false, "", nil},
		{"hex factor", "date,MKT,RF\n2020-01-02,0x1p-8,0\n", Options{}, true, `x.csv:2:12: MKT: cannot parse number "0x1p-8" (a hexadecimal float` + msgHint, ErrBadNumber},
		{"underscore factor", ",Mkt-RF,RF\n20200102,1_0,0.01\n", Options{}, true, `x.csv:2:10: Mkt-RF: cannot parse number "1_0" (digit separators` + msgHint, ErrBadNumber},
		{"huge factor", "date,MKT,RF\n2020-01-02,1e300,0\n", Options{}, true, `x.csv:2:12: MKT: implausible magnitude 1e300 (1e15 or more in magnitude)`, ErrImplausible},
		{"plain factor", ",Mkt-RF,RF\n20200102,-1.5e-1,0.01\n", Options{}, true, "", nil},
	}
	for _, tt := range tests {
		var err error
		if tt.factors {
			_, err = ParseFactors(strings.NewReader(tt.text), "x.csv", FactorOptions{})
		} else {
			_, err = ReadWith(strings.NewReader(tt.text), "x.csv", "AAA", tt.opt)
		}
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", tt.name, err)
		case tt.want == "":
		case err == nil || err.Error() != tt.want:
			t.Errorf("%s:\n got %v\nwant %s", tt.name, err, tt.want)
		case !errors.Is(err, tt.is):
			t.Errorf("%s: %v does not wrap %v", tt.name, err, tt.is)
		}
	}
}
