package fetch

import (
	"errors"
	"fmt"
)

// Data conditions of a response; each is one ticker's failure, not the batch's.
var (
	ErrHTML   = errors.New("HTML where JSON was expected")
	ErrEmpty  = errors.New("empty response")
	ErrNoBars = errors.New("no bars in the period")
	// ErrZipTooLarge is an archive member beyond the size limit (a zip bomb).
	ErrZipTooLarge = errors.New("archive member too large")
)

// APIError is the chart.error object of a Yahoo answer, with the HTTP status
// it came with (0 when unknown).
type APIError struct {
	Status      int    `json:"-"`
	Code        string `json:"code"`
	Description string `json:"description"`
}

func (e *APIError) Error() string {
	msg := e.Description
	if msg == "" {
		msg = e.Code
	}
	if e.Status != 0 {
		return fmt.Sprintf("HTTP %d: %s", e.Status, msg)
	}
	return msg
}

// HTTPError is a non-200 answer without a chart.error body.
type HTTPError struct {
	Status int
	Text   string // a short quote of the body, for the log
}

func (e *HTTPError) Error() string {
	if e.Text == "" {
		return fmt.Sprintf("HTTP %d", e.Status)
	}
	return fmt.Sprintf("HTTP %d: %s", e.Status, e.Text)
}
