package stats

import "testing"

// BenchmarkFitGARCH fits the 240 Alibaba residuals of garch_reference.R.
func BenchmarkFitGARCH(b *testing.B) {
	e := readResidB(b, "9988HK")
	for b.Loop() {
		if _, err := FitGARCH(e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "fits/s")
}
