package chart

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

// FuzzIntradayPath: any minutes, values and windows give a figure or an
// error wrapping one of the package's conditions, never a panic; so does
// MinuteCAAR on the same slices.
//
//	go test ./internal/chart -run '^$' -fuzz FuzzIntradayPath -fuzztime 30s
func FuzzIntradayPath(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0}, uint8(3), 5.0, 0.0, 30.0)
	f.Add(make([]byte, 8*12), uint8(0), 0.0, -30.0, 0.0)
	f.Fuzz(func(t *testing.T, raw []byte, cut uint8, interval, from, to float64) {
		var v []float64
		for len(raw) >= 8 && len(v) < 256 {
			v = append(v, math.Float64frombits(binary.LittleEndian.Uint64(raw)))
			raw = raw[8:]
		}
		n := len(v) / 2
		minutes := make([]float64, n)
		for i := range minutes {
			// Increasing minutes with a gap every cut bars.
			minutes[i] = float64(i * 5)
			if cut > 0 && i >= int(cut) {
				minutes[i] += 1000
			}
		}
		path, band := v[:n], v[n:2*n]
		c := IntradayPathChart{Minutes: minutes, Interval: interval, Path: path, Lo: band, Hi: path,
			Windows: []MinuteWindow{{From: from, To: to}}, News: "x"}
		if _, err := IntradayPath(c); err != nil && !known(err) {
			t.Fatalf("IntradayPath: %v is none of the package's errors", err)
		}
		m := MinuteCAARChart{Minutes: minutes, Interval: interval, CAAR: path, Lo: band, Hi: path}
		if _, err := MinuteCAAR(m); err != nil && !known(err) {
			t.Fatalf("MinuteCAAR: %v is none of the package's errors", err)
		}
	})
}

func known(err error) bool {
	for _, e := range []error{ErrEmpty, ErrLength, ErrOrder, ErrRange, ErrValue} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
