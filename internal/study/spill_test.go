package study

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eventstudy/eventstudy/internal/stats"
)

// TestSpillRoundTrip writes packed records and reads them back: every
// value must come back as written, bit for bit, whatever the order's
// width (1, 2 or 4 bytes by the window's length), for records shorter
// than the window, without an order, with leading unknown days (0, as
// when the grid starts before the first price: packed), and for calendar
// days whose steps do not fit a byte (kept in memory). Expected values
// are the written ones.
func TestSpillRoundTrip(t *testing.T) {
	for _, m := range []int{1, 2, 240, 256, 257, 300, 70000} {
		t.Run(fmt.Sprint(m), func(t *testing.T) {
			s, err := newSpill(t.TempDir(), stats.Window{From: -m - 10, To: -11})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			wantOW := map[bool]int{true: 1}[m <= 256]
			if wantOW == 0 {
				wantOW = map[bool]int{true: 2, false: 4}[m <= 65536]
			}
			if s.ow != wantOW {
				t.Fatalf("order width %d for a window of %d days, want %d", s.ow, m, wantOW)
			}
			rng := rand.New(rand.NewPCG(uint64(m), 1))
			var recs []stats.EstRecord
			for k := range 8 {
				n := m
				if k == 1 {
					n = max(m/2, 1) // a short record, zero padded
				}
				r := stats.EstRecord{AR: make([]float64, n), Cal: make([]int32, n), SAR: make([]float64, n), HasOrder: k != 2, Tied: k == 3}
				day := int32(16000)
				for i := range n {
					r.AR[i], r.SAR[i] = rng.NormFloat64(), rng.NormFloat64()
					if i == n/3 {
						r.AR[i], r.SAR[i] = math.NaN(), math.Inf(-1)
					}
					r.Cal[i] = day
					day += 1 + int32(rng.IntN(4))
				}
				switch {
				case k == 4 && n > 1:
					r.Cal[n-1] = r.Cal[n-2] + 256 // a step over a byte: overflow
				case k == 5 && n > 1:
					r.Cal[n/2] = 0 // an unknown day after known ones: overflow
				case k == 6:
					clear(r.Cal[:n/3+1]) // leading unknown days: packed
				case k == 7:
					clear(r.Cal) // no known day: packed
				}
				if r.HasOrder {
					r.Order = make([]int32, n)
					for i := range r.Order {
						r.Order[i] = int32(n - 1 - i)
					}
				}
				recs = append(recs, r)
			}
			var kp, rk []byte
			for k, r := range recs {
				kp, rk = s.encode(kp, rk, int32(k), r)
				if len(kp) != (k+1)*s.kpSize || len(rk) != (k+1)*s.rank {
					t.Fatalf("record %d: %d and %d bytes, want %d and %d", k, len(kp), len(rk), (k+1)*s.kpSize, (k+1)*s.rank)
				}
			}
			if err := s.write(0, kp, rk); err != nil {
				t.Fatal(err)
			}
			ids := []int32{0, 1, 2, 3, 4, 5, 6, 7}
			for _, rank := range []bool{false, true} {
				dst := make([]*stats.EstRecord, len(ids))
				for i := range dst {
					dst[i] = new(stats.EstRecord)
				}
				s.Load(ids, dst, rank)
				for k, got := range dst {
					want := recs[k]
					bits := func(x []float64) []uint64 {
						b := make([]uint64, len(x))
						for i, v := range x {
							b[i] = math.Float64bits(v)
						}
						return b
					}
					if !rank && (!slices.Equal(bits(got.AR), bits(want.AR)) || !slices.Equal(got.Cal, want.Cal)) {
						t.Errorf("record %d: KP part does not come back as written (calendar %v... want %v...)", k, got.Cal[:min(3, len(got.Cal))], want.Cal[:min(3, len(want.Cal))])
					}
					if rank && (!slices.Equal(bits(got.SAR), bits(want.SAR)) || !slices.Equal(got.Order, want.Order) || got.HasOrder != want.HasOrder || got.Tied != want.Tied) {
						t.Errorf("record %d: rank part does not come back as written", k)
					}
				}
			}
			if err := s.Err(); err != nil {
				t.Fatal(err)
			}
			if m > 1 && len(s.overflow) != 2 {
				t.Errorf("%d records kept in memory, want 2 (a step of 256 days, an unknown day after known ones)", len(s.overflow))
			}
		})
	}
}
