package prices

import "io"

// ReadSlow is Read with encoding/csv alone, for the external tests.
func ReadSlow(r io.Reader, file string) ([]*Series, error) {
	s, _, err := readOpts(r, file, "", scanOptions{slow: true})
	return s, err
}

// SameSeries is sameSeries for the external tests.
var SameSeries = sameSeries
