package stats

import (
	"fmt"
	"math"
)

// CorradoZivney is the rank test of Corrado & Zivney (1992) on
// standardized abnormal returns, re-standardized on the event days against
// event-induced variance.
//
// est[i] holds event i's SARs on the estimation days (a grid shared by all
// events, NaN where missing); event[i] its SARs on the L days of the tested
// day (L = 1) or window. An event takes part when it has a SAR on every
// event day. Then, with n the number of such events:
//
//  1. each event-day SAR is divided by the cross-sectional standard
//     deviation (divisor n-1) of that day's SARs, SAR'_it = SAR_it / S_t;
//  2. each event's estimation SARs and re-standardized event-day SARs are
//     ranked together (T_i values, mid-ranks for ties), U_it =
//     K_it/(T_i+1) - 1/2;
//  3. with Ubar_t the mean U over the events with a rank on day t and
//     S_U^2 = (1/T) sum_t Ubar_t^2 over the T days with ranks (estimation
//     and event days), the statistic is sum over the event days of
//     Ubar_t / (sqrt(L) S_U), against N(0,1).
//
// For L = 1 this is Corrado & Zivney's event-day test; for L > 1 the sum
// over the window is the multi-day form of Cowan (1992), as for
// CorradoRank. Unlike CorradoRank, the ranking set is the estimation days
// and the tested days only (not the span of all event windows), and SARs,
// not ARs, are ranked.
func CorradoZivney(est, event [][]float64) Result {
	if len(est) != len(event) {
		panic(fmt.Sprintf("stats: CorradoZivney: %d estimation series but %d event series", len(est), len(event)))
	}
	_, _, cz := rankTests(nil, est, nil, nil, event, minRankEvents)
	return cz
}

func hasNaN(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) {
			return true
		}
	}
	return false
}
