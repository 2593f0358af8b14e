package stats

import (
	"math"
	"slices"
	"sync"
)

// midranks returns the ranks (1-based) of x, ties receiving the mean of the
// ranks they span, and the sizes of the tie groups of more than one value.
// x must hold no NaN.
func midranks(x []float64) (ranks []float64, ties []int) {
	mask := keyMask(len(x))
	sc := sortScratch{keys: make([]uint64, 0, len(x))}
	for k, v := range x {
		sc.keys = append(sc.keys, sortKey(v, k, mask))
	}
	idx := sc.order(x, mask, false)
	ranks = make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		r := float64(i+j+1) / 2 // mean of ranks i+1..j
		for _, k := range idx[i:j] {
			ranks[k] = r
		}
		if j-i > 1 {
			ties = append(ties, j-i)
		}
		i = j
	}
	return ranks, ties
}

// Sorting by value. A sort through a comparison function on indices
// (slices.SortFunc) took half of Analyze's time in a 100,000-event study;
// sorting uint64 keys that carry both the value and the index is several
// times faster.

// keyMask returns the mask of the low bits of a sortKey that hold an
// index below n.
func keyMask(n int) uint64 {
	bits := 1
	for 1<<bits < n {
		bits++
	}
	return uint64(1)<<bits - 1
}

// sortKey returns the key of value v (not NaN) at index k < mask+1: the
// bits of v mapped to unsigned order (negative values reversed and below
// the positive ones), with the low bits replaced by k.
func sortKey(v float64, k int, mask uint64) uint64 {
	b := math.Float64bits(v)
	if b>>63 == 1 {
		b = ^b
	} else {
		b |= 1 << 63
	}
	return b&^mask | uint64(k)
}

// sortScratch holds the buffers of a sort by value: the sortKeys of the
// values to sort, and buffers reused across sorts (Analyze runs on several
// goroutines, each taking its own from sortPool).
type sortScratch struct {
	keys []uint64
	tmp  []uint64
	ord  []int32
}

var sortPool = sync.Pool{New: func() any { return new(sortScratch) }}

// order sorts sc.keys, the sortKeys of values of x at their indices (with
// mask), and returns those indices ordered by value (ties in the order of
// their keys): in a new slice when keep is set, else in a buffer of sc
// that the next sort reuses. Values that differ only in the low bits of
// their keys (relative difference below about 2^-40) may come out of the
// key sort in the wrong order; one insertion-sort pass on the exact
// values, linear on nearly sorted input, puts them right.
func (sc *sortScratch) order(x []float64, mask uint64, keep bool) []int32 {
	keys := sc.sortKeys()
	var order []int32
	if keep {
		order = orderBuf(len(keys))
	} else if cap(sc.ord) < len(keys) {
		order = make([]int32, len(keys))
	} else {
		order = sc.ord[:len(keys)]
	}
	if !keep {
		sc.ord = order
	}
	for i, key := range keys {
		order[i] = int32(key & mask)
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && x[order[j]] < x[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order
}

// sortKeys sorts sc.keys and returns them, in sc.keys or sc.tmp: the
// order is that of slices.Sort. Small sets go to slices.Sort; larger ones
// to an LSD radix sort on their top 5 bytes (7 radix passes of 256
// buckets cost more than they save on an event's 250 keys), with each run
// of keys equal there then sorted by slices.Sort (nearly always runs of
// one key). A pass is skipped when all keys share its byte. On the 250
// estimation ARs of an event it takes a third of the time of slices.Sort.
func (sc *sortScratch) sortKeys() []uint64 {
	keys := sc.keys
	if len(keys) < 64 {
		slices.Sort(keys)
		return keys
	}
	const first = 3         // the lowest byte of the radix sort
	var count [8][256]int32 // bytes 0..first-1 unused
	for _, k := range keys {
		count[3][byte(k>>24)]++
		count[4][byte(k>>32)]++
		count[5][byte(k>>40)]++
		count[6][byte(k>>48)]++
		count[7][byte(k>>56)]++
	}
	if cap(sc.tmp) < len(keys) {
		sc.tmp = make([]uint64, len(keys))
	}
	src, dst := keys, sc.tmp[:len(keys)]
	for b := first; b < 8; b++ {
		c := &count[b]
		shift := 8 * b
		if c[byte(src[0]>>shift)] == int32(len(src)) {
			continue // one value of this byte
		}
		var sum int32
		for i, n := range c {
			c[i] = sum
			sum += n
		}
		for _, k := range src {
			d := byte(k >> shift)
			dst[c[d]] = k
			c[d]++
		}
		src, dst = dst, src
	}
	// The runs of keys equal in their top bytes.
	for i := 0; i < len(src); {
		j := i + 1
		for j < len(src) && src[j]>>(8*first) == src[i]>>(8*first) {
			j++
		}
		if j-i > 1 {
			slices.Sort(src[i:j])
		}
		i = j
	}
	sc.keys, sc.tmp = src, dst // both have the capacity of keys
	return src
}
