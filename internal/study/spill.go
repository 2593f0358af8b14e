package study

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"slices"
	"sync"

	"github.com/eventstudy/eventstudy/internal/stats"
)

// spill is a temporary file of the estimation records of slimmed events
// (stats.EstStore): the events' estimation windows, which the tests across
// events read once more after every event is computed, are kept on disk
// instead of in memory. Records have a fixed size; a record's number is
// its event's index in the event list (a skipped event's record holds
// whatever was there, and is never read). Two files: the
// Kolari-Pynnönen part (ARs, calendar days) and the rank tests' part
// (SARs, their order), each read on its own.
//
// A record is packed (about 18 bytes a day instead of 24, lossless):
// the calendar days are the first day and one byte a day for the step to
// the next, and the order takes 1, 2 or 4 bytes a day as the window's
// length needs. Writing new pages of a file is the spill's cost (the
// kernel's copy into fresh page-cache pages took 11% of a 1,000,000-event
// study's CPU, perf), so it goes with the bytes written. The calendar
// days of a record whose steps do not fit a byte (a gap of more than 255
// days within an estimation window, or an unknown day after a known one)
// are kept in memory instead (overflow); unknown days before the first
// known one (a grid that starts before the security's first price) are
// counted in the record.
//
// The files are removed as soon as they are created (on systems that
// allow it), so that nothing is left behind by a run that is killed;
// Close removes them elsewhere.
type spill struct {
	m            int // days of the estimation window
	ow           int // bytes of an order entry: 1, 2 or 4
	kpSize, rank int // record sizes in bytes
	kpf, rkf     *os.File
	names        []string // files still to remove on Close
	mu           sync.Mutex
	err          error             // the first read error
	overflow     map[int32][]int32 // calendar days by record number, for those that do not pack
	bufs         sync.Pool         // read buffers
}

// overflowed marks a KP record whose calendar days are in spill.overflow.
const overflowed = math.MaxUint32

// newSpill creates the spill files in dir for estimation window est.
func newSpill(dir string, est stats.Window) (*spill, error) {
	m := est.Len()
	ow := 4
	switch {
	case m <= 1<<8:
		ow = 1
	case m <= 1<<16:
		ow = 2
	}
	// KP: days, leading unknown days (overflowed: the calendar days are in
	// memory), m ARs, the first known calendar day, m-1 steps.
	// Rank: days, days in the order (-1: none), tied, m SARs, m orders.
	s := &spill{m: m, ow: ow, kpSize: 4 + 4 + 8*m + 4 + max(m-1, 0), rank: 12 + (8+ow)*m, overflow: map[int32][]int32{}}
	for _, f := range []**os.File{&s.kpf, &s.rkf} {
		t, err := os.CreateTemp(dir, ".eventstudy-spill-*.tmp")
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("spill file for a large batch: %w", err)
		}
		*f = t
		if os.Remove(t.Name()) != nil {
			s.names = append(s.names, t.Name()) // open files cannot be removed here
		}
	}
	return s, nil
}

// Close closes and removes the files.
func (s *spill) Close() {
	for _, f := range []*os.File{s.kpf, s.rkf} {
		if f != nil {
			f.Close()
		}
	}
	for _, n := range s.names {
		os.Remove(n)
	}
}

// Err returns the first error of Load.
func (s *spill) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// encode appends the two parts of record rec, r, to kp and rk.
func (s *spill) encode(kp, rk []byte, rec int32, r stats.EstRecord) ([]byte, []byte) {
	le := binary.LittleEndian
	if len(r.AR) > s.m || len(r.SAR) > s.m || len(r.Order) > s.m || len(r.Cal) != len(r.AR) {
		panic(fmt.Sprintf("study: spill: a record of %d, %d, %d and %d days in a window of %d", len(r.AR), len(r.Cal), len(r.SAR), len(r.Order), s.m))
	}
	kp = le.AppendUint32(kp, uint32(len(r.AR)))
	// z leading unknown days (0: a grid that starts before the security's
	// first price), then dates that step forward by at most a byte.
	z := 0
	for z < len(r.Cal) && r.Cal[z] == 0 {
		z++
	}
	packs := true
	for i := z + 1; i < len(r.Cal); i++ {
		if d := r.Cal[i] - r.Cal[i-1]; d < 0 || d > math.MaxUint8 {
			packs = false
			break
		}
	}
	if packs {
		kp = le.AppendUint32(kp, uint32(z))
	} else {
		kp = le.AppendUint32(kp, overflowed)
		s.mu.Lock()
		s.overflow[rec] = slices.Clone(r.Cal)
		s.mu.Unlock()
	}
	kp = appendFloats(kp, r.AR, s.m)
	var first int32
	if packs && z < len(r.Cal) {
		first = r.Cal[z]
	}
	kp = le.AppendUint32(kp, uint32(first))
	steps := len(kp)
	if packs {
		for i := 1; i < len(r.Cal); i++ {
			var step int32 // 0 up to the first known day
			if i > z {
				step = r.Cal[i] - r.Cal[i-1]
			}
			kp = append(kp, byte(step))
		}
	}
	kp = appendZeros(kp, max(s.m-1, 0)-(len(kp)-steps))
	nOrder := int32(-1)
	if r.HasOrder {
		nOrder = int32(len(r.Order))
	}
	var tied uint32
	if r.Tied {
		tied = 1
	}
	rk = le.AppendUint32(rk, uint32(len(r.SAR)))
	rk = le.AppendUint32(rk, uint32(nOrder))
	rk = le.AppendUint32(rk, tied)
	rk = appendFloats(rk, r.SAR, s.m)
	for _, x := range r.Order {
		switch s.ow {
		case 1:
			rk = append(rk, byte(x))
		case 2:
			rk = le.AppendUint16(rk, uint16(x))
		default:
			rk = le.AppendUint32(rk, uint32(x))
		}
	}
	return kp, appendZeros(rk, s.ow*(s.m-len(r.Order)))
}

// appendFloats appends v, then zeros for m values in all (8 bytes each).
func appendFloats(b []byte, v []float64, m int) []byte {
	for _, x := range v {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return appendZeros(b, 8*(m-len(v)))
}

// appendZeros appends n zero bytes, in place when b has the room.
func appendZeros(b []byte, n int) []byte {
	b = slices.Grow(b, n)
	b = b[:len(b)+n]
	clear(b[len(b)-n:])
	return b
}

// write writes consecutive records from number rec on: kp and rk hold
// whole records of each part.
func (s *spill) write(rec int32, kp, rk []byte) error {
	if _, err := s.kpf.WriteAt(kp, int64(rec)*int64(s.kpSize)); err != nil {
		return fmt.Errorf("spill file for a large batch: %w", err)
	}
	if _, err := s.rkf.WriteAt(rk, int64(rec)*int64(s.rank)); err != nil {
		return fmt.Errorf("spill file for a large batch: %w", err)
	}
	return nil
}

// maxRun bounds the records read at once.
const maxRun = 128

// Load implements stats.EstStore: consecutive record numbers are read
// with one call. A read error is kept for Err and leaves the records
// empty (all NaN tests would follow; Run fails on Err first).
func (s *spill) Load(recs []int32, dst []*stats.EstRecord, rank bool) {
	size, f := s.kpSize, s.kpf
	if rank {
		size, f = s.rank, s.rkf
	}
	bp, _ := s.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer s.bufs.Put(bp)
	for i := 0; i < len(recs); {
		j := i + 1
		for j < len(recs) && j-i < maxRun && recs[j] == recs[j-1]+1 {
			j++
		}
		need := (j - i) * size
		if cap(*bp) < need {
			*bp = make([]byte, need)
		}
		b := (*bp)[:need]
		if _, err := f.ReadAt(b, int64(recs[i])*int64(size)); err != nil {
			s.mu.Lock()
			if s.err == nil {
				s.err = fmt.Errorf("spill file for a large batch: %w", err)
			}
			s.mu.Unlock()
			for k := i; k < j; k++ {
				*dst[k] = stats.EstRecord{}
			}
			i = j
			continue
		}
		for k := i; k < j; k++ {
			s.decode(b[(k-i)*size:(k-i+1)*size], recs[k], dst[k], rank)
		}
		i = j
	}
}

func (s *spill) decode(b []byte, rec int32, r *stats.EstRecord, rank bool) {
	le := binary.LittleEndian
	f64 := func(dst []float64, b []byte) []float64 {
		for i := range dst {
			dst[i] = math.Float64frombits(le.Uint64(b[8*i:]))
		}
		return dst
	}
	grow := func(s []float64, n int) []float64 {
		if cap(s) < n {
			return make([]float64, n)
		}
		return s[:n]
	}
	growI := func(s []int32, n int) []int32 {
		if cap(s) < n {
			return make([]int32, n)
		}
		return s[:n]
	}
	if !rank {
		n := int(le.Uint32(b))
		r.AR = f64(grow(r.AR, n), b[8:])
		r.Cal = growI(r.Cal, n)
		z := le.Uint32(b[4:])
		if z == overflowed {
			s.mu.Lock()
			copy(r.Cal, s.overflow[rec])
			s.mu.Unlock()
			return
		}
		c := b[8+8*s.m:]
		first := int32(le.Uint32(c))
		for i := range r.Cal {
			switch {
			case i < int(z):
				r.Cal[i] = 0
			case i == int(z):
				r.Cal[i] = first
			default:
				r.Cal[i] = r.Cal[i-1] + int32(c[3+i])
			}
		}
		return
	}
	n, nOrder := int(le.Uint32(b)), int32(le.Uint32(b[4:]))
	r.Tied = le.Uint32(b[8:]) == 1
	r.SAR = f64(grow(r.SAR, n), b[12:])
	r.HasOrder = nOrder >= 0
	r.Order = growI(r.Order, max(int(nOrder), 0))
	o := b[12+8*s.m:]
	switch s.ow {
	case 1:
		for i := range r.Order {
			r.Order[i] = int32(o[i])
		}
	case 2:
		for i := range r.Order {
			r.Order[i] = int32(le.Uint16(o[2*i:]))
		}
	default:
		for i := range r.Order {
			r.Order[i] = int32(le.Uint32(o[4*i:]))
		}
	}
}
