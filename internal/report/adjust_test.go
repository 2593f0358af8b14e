package report

import (
	"math"
	"testing"
)

// TestAdjustRecordsFamily checks the family of p_holm and p_bh: the
// window-scope rows with a p-value of every set given (the study and its
// groups) are adjusted together; day rows and n/a rows stay empty. With
// window p-values 0.01 (study), 0.04 and 0.03 (a group), m = 3:
// Holm 3*0.01 = 0.03, max(0.03, 2*0.03) = 0.06, max(0.06, 1*0.04) = 0.06;
// BH 0.04 (3*0.04/3), min(0.04, 3*0.03/2) = 0.04, min(0.04, 3*0.01/1) = 0.03
// (R 4.2.2: p.adjust(c(0.01, 0.04, 0.03), "holm") and "BH").
func TestAdjustRecordsFamily(t *testing.T) {
	nan := Float(math.NaN())
	study := []testRecord{
		{Scope: "day", Test: "t", PValue: 0.001},
		{Scope: "window", Test: "t", PValue: 0.01},
		{Scope: "window", Test: "sign", PValue: nan},
	}
	group := []testRecord{
		{Scope: "window", Test: "t", PValue: 0.04},
		{Scope: "window", Test: "bmp", PValue: 0.03},
	}
	adjustRecords(study, group)
	got := [][2]Float{{study[1].PHolm, study[1].PBH}, {group[0].PHolm, group[0].PBH}, {group[1].PHolm, group[1].PBH}}
	want := [][2]float64{{0.03, 0.03}, {0.06, 0.04}, {0.06, 0.04}}
	for i := range want {
		for k := range 2 {
			if math.Abs(float64(got[i][k])-want[i][k]) > 1e-15 {
				t.Errorf("row %d: %v, want %v", i, got[i], want[i])
			}
		}
	}
	for _, r := range []testRecord{study[0], study[2]} {
		if !math.IsNaN(float64(r.PHolm)) || !math.IsNaN(float64(r.PBH)) {
			t.Errorf("%s %s: adjusted %v %v, want empty (not in the family)", r.Scope, r.Test, r.PHolm, r.PBH)
		}
	}
}
