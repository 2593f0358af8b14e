package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortKeys checks the radix sort of sortKeys against slices.Sort, and
// sortedOrder and midranks against a sort by value, on sizes around the
// radix threshold and beyond 16 index bits, with ties, values equal in
// their top bytes, signed zeros and infinities.
func TestSortKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	gens := map[string]func(i int) float64{
		"normal": func(int) float64 { return 0.02 * rng.NormFloat64() },
		"ties":   func(int) float64 { return math.Round(rng.NormFloat64()*4) / 4 },
		"near": func(int) float64 {
			return 1 + float64(rng.IntN(50))*0x1p-40 + float64(rng.IntN(3))*0x1p-52
		},
		"mixed": func(int) float64 {
			switch rng.IntN(8) {
			case 0:
				return math.Copysign(0, -1)
			case 1:
				return 0
			case 2:
				return math.Inf(1 - 2*rng.IntN(2))
			case 3:
				return rng.NormFloat64() * 1e300
			case 4:
				return rng.NormFloat64() * 1e-310
			}
			return rng.NormFloat64()
		},
		"nan": func(int) float64 {
			if rng.IntN(5) == 0 {
				return math.NaN()
			}
			return rng.NormFloat64()
		},
	}
	for name, gen := range gens {
		for _, n := range []int{0, 1, 2, 3, 63, 64, 65, 250, 1000, 70_000} {
			x := make([]float64, n)
			for i := range x {
				x[i] = gen(i)
			}
			mask := keyMask(n)
			var sc sortScratch
			for k, v := range x {
				if !math.IsNaN(v) {
					sc.keys = append(sc.keys, sortKey(v, k, mask))
				}
			}
			want := slices.Sorted(slices.Values(sc.keys))
			if got := sc.sortKeys(); !slices.Equal(got, want) {
				t.Errorf("%s, n = %d: sortKeys differs from slices.Sort", name, n)
			}
			order := sortedOrder(x, new(sortScratch), true)
			if len(order) != len(want) {
				t.Fatalf("%s, n = %d: %d indices, want %d", name, n, len(order), len(want))
			}
			seen := make([]bool, n)
			for i, k := range order {
				if math.IsNaN(x[k]) || seen[k] || (i > 0 && x[k] < x[order[i-1]]) {
					t.Fatalf("%s, n = %d: order wrong at %d", name, n, i)
				}
				seen[k] = true
			}
			if name == "nan" {
				continue
			}
			ranks, _ := midranks(x)
			for i, v := range x {
				var below, equal int
				for _, w := range x {
					if w < v {
						below++
					} else if w == v {
						equal++
					}
				}
				if want := float64(2*below+equal+1) / 2; ranks[i] != want {
					t.Fatalf("%s, n = %d: rank of %g = %g, want %g", name, n, v, ranks[i], want)
				}
				if n > 1000 && i > 200 {
					break // the quadratic check on a sample
				}
			}
		}
	}
}

// TestAddUntied checks that rankSums.add gives the same sums, bit for
// bit, through its path for estimation values without ties as through its
// general path, with event values that tie with estimation values and with
// each other.
func TestAddUntied(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for range 200 {
		m, l := 1+rng.IntN(40), 1+rng.IntN(12)
		est := make([]float64, m)
		for i := range est {
			est[i] = rng.NormFloat64()
			if rng.IntN(10) == 0 {
				est[i] = math.NaN()
			}
		}
		ev := make([]float64, l)
		for d := range ev {
			switch rng.IntN(3) {
			case 0:
				if v := est[rng.IntN(m)]; !math.IsNaN(v) {
					ev[d] = v
					continue
				}
				ev[d] = rng.NormFloat64()
			case 1:
				if d > 0 {
					ev[d] = ev[rng.IntN(d)]
					continue
				}
				fallthrough
			default:
				ev[d] = 3 * rng.NormFloat64()
			}
		}
		order := sortedOrder(est, new(sortScratch), true)
		if hasTies(est, order) {
			continue
		}
		a, b := newRankSums(m, l), newRankSums(m, l)
		for range 3 { // several events
			a.add(est, order, false, ev)
			b.add(est, order, true, ev)
		}
		for k := range est {
			if math.Float64bits(a.estSum[k]) != math.Float64bits(b.estSum[k]) || a.estCnt[k] != b.estCnt[k] {
				t.Fatalf("est %v ev %v: day %d: %v/%d, general path %v/%d", est, ev, k, a.estSum[k], a.estCnt[k], b.estSum[k], b.estCnt[k])
			}
		}
		for d := range ev {
			if math.Float64bits(a.evSum[d]) != math.Float64bits(b.evSum[d]) {
				t.Fatalf("est %v ev %v: event day %d: %v, general path %v", est, ev, d, a.evSum[d], b.evSum[d])
			}
		}
	}
}
