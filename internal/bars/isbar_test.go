package bars

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIsBarFileRows: a file of bars is told from a file of days by its
// first row's timestamp, whatever the time column's header says.
func TestIsBarFileRows(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, text string
		want       bool
	}{
		// SP_SPX_5min_...: TradingView's export, a "time" column of
		// Unix seconds (SOURCES.md §4).
		{"epoch under time", "time,open,high,low,close,Volume\n1739197800,6046.4,6059.51,6046.4,6054.12,153033361\n", true},
		{"epoch_utc", "epoch_utc,open,close\n1514903640,1,2\n", true},
		{"iso with offset", "datetime,open,close\n2024-02-20 04:00:00-05:00,1,2\n", true},
		{"daily date", "Date,Open,Close\n2025-11-14,1,2\n", false},
		{"daily yyyymmdd", "date,open,close\n20251114,1,2\n", false},
	} {
		p := filepath.Join(dir, tt.name+".csv")
		if err := os.WriteFile(p, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := IsBarFile(p)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}
