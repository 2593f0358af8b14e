package prices

import (
	"testing"
	"time"
)

func TestExchangeOf(t *testing.T) {
	for _, tc := range []struct {
		ticker, code string
		close        time.Duration
	}{
		{"BABA", "NYSE", 16 * time.Hour},
		{"BRK.B", "NYSE", 16 * time.Hour}, // a share class, not an exchange suffix
		{"9988.HK", "HKEX", 16 * time.Hour},
		{"HSBA.L", "LSE", 16*time.Hour + 30*time.Minute},
		{"7203.T", "JPX", 15*time.Hour + 30*time.Minute},
		{"SAP.DE", "XETR", 17*time.Hour + 30*time.Minute},
		{"MC.PA", "XPAR", 17*time.Hour + 30*time.Minute},
		{"600519.SS", "SSE", 15 * time.Hour},
		{"000001.SZ", "SZSE", 15 * time.Hour},
	} {
		e := ExchangeOf(tc.ticker)
		if e.Code != tc.code || e.Close != tc.close {
			t.Errorf("ExchangeOf(%s) = %s %v, want %s %v", tc.ticker, e.Code, e.Close, tc.code, tc.close)
		}
	}
	if _, err := LookupExchange("MOON"); err == nil {
		t.Error("LookupExchange(MOON) succeeded")
	}
}

func TestSessionDate(t *testing.T) {
	ny := ExchangeOf("BABA")
	// New York is UTC-5 on 2025-11-14 (EST).
	for _, tc := range []struct {
		t     time.Time
		want  Date
		after bool
	}{
		{time.Date(2025, 11, 14, 20, 59, 59, 0, time.UTC), NewDate(2025, 11, 14), false}, // 15:59:59 ET
		{time.Date(2025, 11, 14, 21, 0, 0, 0, time.UTC), NewDate(2025, 11, 15), true},    // 16:00 ET
		{time.Date(2025, 11, 15, 3, 0, 0, 0, time.UTC), NewDate(2025, 11, 15), true},     // 22:00 ET on the 14th
		{time.Date(2025, 11, 15, 5, 0, 0, 0, time.UTC), NewDate(2025, 11, 15), false},    // 00:00 ET on the 15th
	} {
		d, after := ny.SessionDate(tc.t)
		if d != tc.want || after != tc.after {
			t.Errorf("SessionDate(%v) = %s %v, want %s %v", tc.t, d, after, tc.want, tc.after)
		}
	}
}
