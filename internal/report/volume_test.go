package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/eventstudy/eventstudy/internal/stats"
	"github.com/eventstudy/eventstudy/internal/study"
)

// TestVolumeUnits: a study of abnormal log(1+volume) prints its CARs and
// CAARs as plain numbers, not percentages (0.6931 is twice the normal
// volume, not 69%), in the terminal summary and in the HTML report,
// which says so; a study of returns keeps percent.
func TestVolumeUnits(t *testing.T) {
	fx := newFixture("MKT", "AAA", "BBB")
	for k, s := range fx.series {
		s.Volume = make([]float64, len(s.Dates))
		for i := range s.Volume {
			s.Volume[i] = 1e6 * (2 + math.Sin(float64(i*(len(k)+i%5))/3))
		}
	}
	list := fx.events(6, []string{"AAA", "BBB"}, nil, nil)
	for _, volume := range []bool{false, true} {
		cfg := study.Config{Model: stats.MarketModel, Estimation: stats.Window{From: -250, To: -11},
			Windows: []stats.Window{{From: 0, To: 0}, {From: -2, To: 2}}, MinEst: 120, Market: "MKT", Volume: volume}
		res, err := study.Run(cfg, list, fx.series)
		if err != nil {
			t.Fatal(err)
		}
		var text bytes.Buffer
		if err := WriteText(&text, res); err != nil {
			t.Fatal(err)
		}
		caar := ""
		for _, line := range strings.Split(text.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "CAAR ") {
				caar = line
			}
		}
		if got := strings.Contains(caar, "%"); got == volume || caar == "" {
			t.Errorf("volume %v: CAAR row %q", volume, caar)
		}
		page, err := newHTMLPage(res, Meta{}, "")
		if err != nil {
			t.Fatal(err)
		}
		if want := "Returns are in percent."; (page.Units == want) == volume || page.Volume != volume {
			t.Errorf("volume %v: units %q, page.Volume %v", volume, page.Units, page.Volume)
		}
		// The workbook's CAR column (car.csv's "car", column H).
		b, err := workbook(res, Meta{}, "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if h, _ := f.GetCellValue("car", "H1"); h != "car" {
			t.Fatalf("car sheet column H is %q, want car", h)
		}
		id, err := f.GetCellStyle("car", "H2")
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if got := style.CustomNumFmt != nil && strings.HasSuffix(*style.CustomNumFmt, "%"); got == volume {
			t.Errorf("volume %v: the workbook's CAR format is %v", volume, *style.CustomNumFmt)
		}
	}
}
