package stats

import "math"

// CrossSectionalT is the cross-sectional t test of Brown & Warner (1985):
// mean(x) / (sd(x)/sqrt(N)), sd with divisor N-1, against t(N-1). x holds
// one AR (or CAR) per event; NaN values are dropped.
func CrossSectionalT(x []float64) Result { return meanT("t", x) }

// BMP is the standardized cross-sectional test of Boehmer, Musumeci &
// Poulsen (1991): the cross-sectional t test applied to standardized
// abnormal returns, one per event (SAR on a day, SCAR = CAR/S_CAR over a
// window), against t(N-1). NaN values are dropped.
func BMP(s []float64) Result { return meanT("bmp", s) }

func meanT(test string, x []float64) Result {
	v := present(x)
	n := len(v)
	if n < 2 {
		return naResult(test, n, "needs at least 2 events")
	}
	mean, sd := meanSD(v)
	if sd == 0 {
		return naResult(test, n, "zero cross-sectional variance")
	}
	return studentResult(test, mean/(sd/math.Sqrt(float64(n))), n-1, n)
}
