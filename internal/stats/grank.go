package stats

import (
	"fmt"
	"math"
	"slices"
)

// GRank is the generalized rank test of Kolari & Pynnönen (2011) of a
// single-day abnormal return or a CAR, in its t form ("grank-t") and its Z
// form ("grank-z").
//
// scar[i] is event i's standardized CAR over the tested window, SCAR_i =
// CAR_i / S_CAR,i with the forecast-error corrected S_CAR (a SAR for a
// one-day window); est[i] holds its standardized abnormal returns on the
// estimation days, on a grid of days shared by all events (NaN where
// missing). Events with a NaN scar are dropped. The steps, as Kolari &
// Pynnönen (2011, sec. 2) define them:
//
//  1. Re-standardize the SCARs by their cross-sectional standard deviation
//     (divisor n-1), SCAR*_i = SCAR_i / S_SCAR, against event-induced
//     volatility.
//  2. The generalized standardized abnormal returns GSAR_it are the
//     estimation SARs and, on "day 0" (the whole window collapsed into one
//     observation), SCAR*_i.
//  3. U_it = Rank(GSAR_it)/(T_i + 1) - 1/2, ranks within event i's T_i
//     non-missing GSARs (mid-ranks for ties).
//  4. Z = Ubar_0 / S_Ubar with Ubar_t the mean of U_it over the n_t events
//     with a GSAR on day t and S_Ubar^2 = (1/T) sum_t (n_t/n) Ubar_t^2 over
//     the T days (estimation days with data, plus day 0).
//  5. t_grank = Z sqrt((T-2)/(T-1-Z^2)), against t(T-2); Z against N(0,1)
//     (its asymptotic distribution).
//
// N of both results is n, the number of events with a SCAR. The t form is
// n/a when Z^2 >= T-1 (the transformation is undefined; this needs
// nearly all the variation of the mean ranks on day 0).
func GRank(scar []float64, est [][]float64) (t, z Result) {
	if len(scar) != len(est) {
		panic(fmt.Sprintf("stats: GRank: %d SCARs but %d estimation series", len(scar), len(est)))
	}
	t, z, _ = rankTests(scar, est, nil, nil, nil, minRankEvents)
	return t, z
}

// rankTests computes GRank (when scar is not nil) and CorradoZivney (when
// win is not nil) on the same events' estimation SARs est. order[i], when
// order is not nil and order[i] is not nil, is sortedOrder(est[i]) (kept
// by Analyze in EventResult.estOrder) and tied[i] is hasTies(est[i],
// order[i]) (EventResult.estTied); otherwise each event's estimation SARs
// are sorted here, once for both tests. Participation is per test: a
// non-NaN scar for GRANK, a SAR on every window day for Corrado-Zivney.
//
// With the orders given, the cost is O(M + L log L) per event for M
// estimation days and L tested days: one merge of the sorted estimation
// SARs with the sorted tested values. That linear part cannot go: the
// variance of the mean ranks needs each estimation day's mean rank, which
// depends on where each event's tested values fall among its estimation
// values.
//
// Each test is n/a with fewer than minN events (minRankEvents but in the
// tests of the arithmetic, which take small examples).
func rankTests(scar []float64, est [][]float64, order [][]int32, tied []bool, win [][]float64, minN int) (gt, gz, cz Result) {
	in := func(i int) rankEvent {
		ev := rankEvent{scar: math.NaN(), est: est[i]}
		if scar != nil {
			ev.scar = scar[i]
		}
		if win != nil {
			ev.win = win[i]
		}
		if order != nil {
			ev.order, ev.tied = order[i], tied[i]
		}
		return ev
	}
	j := newRankJob(len(est), scar != nil, win != nil, minN, in)
	g, c := j.sums()
	var sc sortScratch
	buf := make([]float64, j.l)
	for i := range est {
		j.add(g, c, in(i), &sc, buf)
	}
	return j.results(g, c)
}

// rankEvent is what the rank tests take of one event.
type rankEvent struct {
	scar  float64   // its SCAR; NaN: not in GRANK
	est   []float64 // its estimation SARs
	nEst  int       // len(est) when est is not read (nil): a slimmed event's
	order []int32   // sortedOrder(est), or nil: sorted when needed
	tied  bool      // hasTies(est, order)
	win   []float64 // its SARs on the tested days; nil: not in Corrado-Zivney
	// full says that win has no NaN, as the caller checked (hasNaN on
	// every event and day and window, three times over, took 5% of the
	// cross-event tests of a 100,000-event study).
	full bool
}

// rankJob is the GRANK and Corrado-Zivney tests of one tested day or
// window, after the first step of each (the cross-sectional scales),
// ready to accumulate the events' ranks in rankSums: all events at once
// (rankTests), or the events of a batch in chunks (Cross.Tests).
type rankJob struct {
	gAsked, cAsked bool // scar or win given
	ng, nc         int  // events in each test
	l, ke          int  // tested days; estimation days
	gNA, cNA       string
	gScale         float64
	czScale        []float64
	// paired says that both tests take the same events and one tested
	// day (a day's job): an event's GRANK and Corrado-Zivney values, its
	// SCAR and SAR, differ in their last bits at most (SCAR = CAR/sd(CAR),
	// SAR = AR/sd(AR)), and when they fall between the same estimation
	// SARs they add the same ranks. Then Corrado-Zivney's sums mirror
	// GRANK's (rankSums.mirror) until an event's two values rank apart,
	// and are copied from GRANK's then: bit for bit the sums of adding
	// both, with half the work (the rank sums of a study's 11 days took
	// 40% of its rank tests).
	paired bool
}

// newRankJob takes step 1 of both tests over the n events in(0..n-1). A
// test with fewer than minN (at least 2) events is n/a.
func newRankJob(n int, gAsked, cAsked bool, minN int, in func(i int) rankEvent) *rankJob {
	j := &rankJob{gAsked: gAsked, cAsked: cAsked}
	for i := range n {
		ev := in(i)
		j.ke = max(j.ke, len(ev.est), ev.nEst)
		if gAsked && !math.IsNaN(ev.scar) {
			j.ng++
		}
		if cAsked {
			j.l = max(j.l, len(ev.win))
		}
	}
	var scars, cols []float64 // cols: the SARs of tested day d at d*n..
	if gAsked {
		scars = make([]float64, 0, j.ng)
	}
	if cAsked && j.l > 0 {
		cols = make([]float64, j.l*n)
	}
	paired := gAsked && cAsked && j.l == 1 // each event in both tests or neither
	for i := range n {
		ev := in(i)
		inG := gAsked && !math.IsNaN(ev.scar)
		if inG {
			scars = append(scars, ev.scar)
		}
		if paired && inG != j.inC(ev) {
			paired = false
		}
		if cAsked && j.inC(ev) {
			for d, v := range ev.win {
				cols[d*n+j.nc] = v
			}
			j.nc++
		}
	}

	// GRANK step 1: the cross-sectional sd of the SCARs.
	minN = max(minN, 2)
	if j.ng < minN {
		j.gNA = tooFewRanks(j.ng, minN)
	} else if _, sd := meanSD(scars); sd == 0 {
		j.gNA = "zero cross-sectional variance of the standardized CARs"
	} else {
		j.gScale = 1 / sd
	}
	// Corrado-Zivney step 1: the cross-sectional sd of each event day's SARs.
	j.czScale = make([]float64, j.l)
	if j.nc < minN {
		j.cNA = tooFewRanks(j.nc, minN)
	} else {
		for d := range j.l {
			if _, sd := meanSD(cols[d*n : d*n+j.nc]); sd == 0 {
				j.cNA = "zero cross-sectional variance of the standardized abnormal returns on an event day"
				break
			} else {
				j.czScale[d] = 1 / sd
			}
		}
	}
	j.paired = paired && dedupeRanks && j.gNA == "" && j.cNA == ""
	return j
}

// dedupeRanks lets a paired rankJob mirror GRANK's sums in
// Corrado-Zivney's (rankJob.paired); tests turn it off to compare.
var dedupeRanks = true

// inC reports whether ev takes part in Corrado-Zivney: a SAR on every
// tested day.
func (j *rankJob) inC(ev rankEvent) bool {
	return len(ev.win) == j.l && j.l > 0 && (ev.full || !hasNaN(ev.win))
}

// sums returns empty rank sums for the job's GRANK and Corrado-Zivney;
// a paired job's c mirrors g.
func (j *rankJob) sums() (g, c *rankSums) {
	g, c = newRankSums(j.ke, 1), newRankSums(j.ke, j.l)
	c.mirror = j.paired
	return g, c
}

// add ranks one event's tested values among its estimation SARs and adds
// the scaled ranks to g (GRANK) and c (Corrado-Zivney), for the tests it
// takes part in. sc is sorting scratch, buf a buffer of at least j.l
// values.
func (j *rankJob) add(g, c *rankSums, ev rankEvent, sc *sortScratch, buf []float64) {
	doG := j.gAsked && j.gNA == "" && !math.IsNaN(ev.scar)
	doC := j.cAsked && j.cNA == "" && j.inC(ev)
	if !doG && !doC {
		return
	}
	ord, tie := ev.order, ev.tied
	if ord == nil {
		ord = sortedOrder(ev.est, sc, false)
		tie = hasTies(ev.est, ord)
	}
	touch(ev.est, ord)
	if c.mirror {
		// A paired job: doG and doC agree, and c's sums are g's so far.
		vg, vc := ev.scar*j.gScale, ev.win[0]*j.czScale[0]
		if vg == vc || sameRank(ev.est, ord, vg, vc) {
			one := [1]float64{vg}
			g.add(ev.est, ord, tie, one[:])
			return
		}
		c.unmirror(g)
	}
	if doG {
		one := [1]float64{ev.scar * j.gScale}
		g.add(ev.est, ord, tie, one[:])
	}
	if doC {
		buf = buf[:len(ev.win)]
		for d, v := range ev.win {
			buf[d] = v * j.czScale[d]
		}
		c.add(ev.est, ord, tie, buf)
	}
}

// sameRank reports whether a and b fall between the same values of est
// (in sorted order order): as one event value, they take the same rank
// and leave the estimation values theirs.
func sameRank(est []float64, order []int32, a, b float64) bool {
	bound := func(v float64, le bool) int {
		lo, hi := 0, len(order)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if x := est[order[m]]; x < v || (le && x == v) {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lo
	}
	return bound(a, false) == bound(b, false) && bound(a, true) == bound(b, true)
}

// results takes the last steps of both tests from the sums of all events.
func (j *rankJob) results(g, c *rankSums) (gt, gz, cz Result) {
	const nameT, nameZ, nameCZ = "grank-t", "grank-z", "corrado-zivney"
	c = c.of(g)
	switch {
	case !j.gAsked:
		gt, gz = naResult(nameT, 0, "no standardized CARs given"), naResult(nameZ, 0, "no standardized CARs given")
	case j.gNA != "":
		gt, gz = naResult(nameT, j.ng, j.gNA), naResult(nameZ, j.ng, j.gNA)
	default:
		gt, gz = grankResult(g, j.ng)
	}
	switch {
	case !j.cAsked:
		cz = naResult(nameCZ, 0, "no event-day SARs given")
	case j.cNA != "":
		cz = naResult(nameCZ, j.nc, j.cNA)
	default:
		cz = czResult(c, j.nc, j.l)
	}
	return gt, gz, cz
}

// unmirror makes r, which mirrors g, hold g's sums in its own.
func (r *rankSums) unmirror(g *rankSums) {
	copy(r.estSum, g.estSum)
	copy(r.estCnt, g.estCnt)
	copy(r.evSum, g.evSum)
	r.mirror = false
}

// of returns r's sums: g when r mirrors g.
func (r *rankSums) of(g *rankSums) *rankSums {
	if r.mirror {
		return g
	}
	return r
}

// merge adds the sums of o to r, which have the same sizes and do not
// mirror others.
func (r *rankSums) merge(o *rankSums) {
	for k, v := range o.estSum {
		r.estSum[k] += v
		r.estCnt[k] += o.estCnt[k]
	}
	for k, v := range o.evSum {
		r.evSum[k] += v
	}
}

// grankResult is steps 4 and 5 of GRank.
func grankResult(g *rankSums, n int) (t, z Result) {
	const nameT, nameZ = "grank-t", "grank-z"
	var ss float64
	days := 1 // day 0
	for k, sum := range g.estSum {
		if c := g.estCnt[k]; c > 0 {
			m := sum / float64(c)
			ss += float64(c) / float64(n) * m * m
			days++
		}
	}
	if days < 3 {
		reason := "needs at least 2 estimation days with a rank"
		return naResult(nameT, n, reason), naResult(nameZ, n, reason)
	}
	u0 := g.evSum[0] / float64(n)
	ss += u0 * u0 // n_0 = n
	T := float64(days)
	su := math.Sqrt(ss / T)
	if su == 0 {
		reason := "zero variance of the mean ranks"
		return naResult(nameT, n, reason), naResult(nameZ, n, reason)
	}
	zs := u0 / su
	z = normalResult(nameZ, zs, n)
	if T-1-zs*zs <= 0 {
		return naResult(nameT, n, fmt.Sprintf("Z^2 = %.4g >= T-1 = %g: the t transformation is undefined", zs*zs, T-1)), z
	}
	return studentResult(nameT, zs*math.Sqrt((T-2)/(T-1-zs*zs)), days-2, n), z
}

// czResult is step 3 of CorradoZivney.
func czResult(c *rankSums, n, l int) Result {
	const test = "corrado-zivney"
	var ss, num float64
	var days int
	for k, sum := range c.estSum {
		if cnt := c.estCnt[k]; cnt > 0 {
			m := sum / float64(cnt)
			ss += m * m
			days++
		}
	}
	if days == 0 {
		return naResult(test, n, "no estimation day with a rank")
	}
	for _, sum := range c.evSum {
		m := sum / float64(n) // every event has a rank on every event day
		ss += m * m
		days++
		num += m
	}
	su := math.Sqrt(ss / float64(days))
	if su == 0 {
		return naResult(test, n, "zero variance of the mean ranks")
	}
	return normalResult(test, num/(math.Sqrt(float64(l))*su), n)
}

// valDay is a value and its day (index on the grid of the tested days).
type valDay struct {
	v   float64
	day int32
}

// byValue orders valDays by value (no NaN).
func byValue(a, b valDay) int {
	switch {
	case a.v < b.v:
		return -1
	case a.v > b.v:
		return 1
	}
	return 0
}

// sortedOrder returns the indices of the non-NaN values of est, ordered by
// value (ties in any order), in a new slice when keep is set, else in a
// buffer of sc (sortScratch.order).
func sortedOrder(est []float64, sc *sortScratch, keep bool) []int32 {
	mask := keyMask(len(est))
	sc.keys = sc.keys[:0]
	for k, v := range est {
		if !math.IsNaN(v) {
			sc.keys = append(sc.keys, sortKey(v, k, mask))
		}
	}
	return sc.order(est, mask, keep)
}

// hasTies reports whether two of the values of x in order (sortedOrder)
// are equal.
func hasTies(x []float64, order []int32) bool {
	for i := 1; i < len(order); i++ {
		if x[order[i]] == x[order[i-1]] {
			return true
		}
	}
	return false
}

// rankSums accumulates the scaled ranks U = K/(T_i+1) - 1/2 per estimation
// day and per event day over events.
type rankSums struct {
	estSum []float64
	estCnt []int
	evSum  []float64
	// mirror says that the sums are those of the job's GRANK sums, not
	// these (rankJob.paired).
	mirror bool
	ev     []valDay // scratch: one event's event-day values, sorted
}

func newRankSums(estDays, evDays int) *rankSums {
	return &rankSums{estSum: make([]float64, estDays), estCnt: make([]int, estDays), evSum: make([]float64, evDays)}
}

// add ranks one event's estimation values est (in the order of order,
// sortedOrder(est); tied is hasTies(est, order)) and its event-day values
// ev (no NaN) together, mid-ranks for ties, by merging the two sorted
// lists, and adds the U values to the sums.
func (r *rankSums) add(est []float64, order []int32, tied bool, ev []float64) {
	r.ev = r.ev[:0]
	for d, v := range ev {
		r.ev = append(r.ev, valDay{v, int32(d)})
	}
	if len(r.ev) > 1 {
		slices.SortFunc(r.ev, byValue)
	}
	if !tied {
		r.addUntied(est, order)
		return
	}
	t1 := float64(len(order) + len(ev) + 1)
	inv := 1 / t1
	var pos, i, j int
	for i < len(order) || j < len(r.ev) {
		// The fast path: estimation values below the next event value
		// and without a tie take the next rank.
		next := math.Inf(1) // estimation values are finite
		if j < len(r.ev) {
			next = r.ev[j].v
		}
		for ; i < len(order); i++ {
			k := order[i]
			v := est[k]
			if v >= next || (i+1 < len(order) && est[order[i+1]] == v) {
				break
			}
			pos++
			r.estSum[k] += float64(pos)*inv - 0.5
			r.estCnt[k]++
		}
		if i == len(order) && j == len(r.ev) {
			break
		}
		// One group of tied values, or an event value.
		var v float64
		if j == len(r.ev) || (i < len(order) && est[order[i]] <= r.ev[j].v) {
			v = est[order[i]]
		} else {
			v = r.ev[j].v
		}
		i2, j2 := i, j
		for i2 < len(order) && est[order[i2]] == v {
			i2++
		}
		for j2 < len(r.ev) && r.ev[j2].v == v {
			j2++
		}
		g := i2 - i + j2 - j
		u := float64(2*pos+g+1)/2/t1 - 0.5 // mid-rank of positions pos+1..pos+g
		for _, k := range order[i:i2] {
			r.estSum[k] += u
			r.estCnt[k]++
		}
		for _, e := range r.ev[j:j2] {
			r.evSum[e.day] += u
		}
		pos += g
		i, j = i2, j2
	}
}

// addUntied is add for estimation values without ties, with the sorted
// event values in r.ev. The estimation values between two event values
// take consecutive ranks; their stretch is found by binary search, so the
// loop over them neither compares values nor looks for ties (a third of
// the time of a 100,000-event study's rank tests went to those checks).
// The U values are those of add's general path, bit for bit.
func (r *rankSums) addUntied(est []float64, order []int32) {
	t1 := float64(len(order) + len(r.ev) + 1)
	inv := 1 / t1
	estSum, estCnt := r.estSum, r.estCnt
	var pos, i int
	for j := 0; j < len(r.ev); {
		v := r.ev[j].v
		// b: the first estimation value >= v.
		b, hi := i, len(order)
		for b < hi {
			m := int(uint(b+hi) >> 1)
			if est[order[m]] < v {
				b = m + 1
			} else {
				hi = m
			}
		}
		for _, k := range order[i:b] {
			pos++
			estSum[k] += float64(pos)*inv - 0.5
			estCnt[k]++
		}
		i = b
		// The group of the values equal to v: event values and at most
		// one estimation value.
		i2, j2 := i, j+1
		if i2 < len(order) && est[order[i2]] == v {
			i2++
		}
		for j2 < len(r.ev) && r.ev[j2].v == v {
			j2++
		}
		g := i2 - i + j2 - j
		u := float64(2*pos+g+1)/2/t1 - 0.5 // mid-rank of positions pos+1..pos+g
		if i2 > i {
			k := order[i]
			estSum[k] += u
			estCnt[k]++
		}
		for _, e := range r.ev[j:j2] {
			r.evSum[e.day] += u
		}
		pos += g
		i, j = i2, j2
	}
	for _, k := range order[i:] {
		pos++
		estSum[k] += float64(pos)*inv - 0.5
		estCnt[k]++
	}
}
