package chart

import "errors"

// Conditions of the input data, wrapped with the figure and the field.
var (
	// ErrEmpty: no data points, or no finite value to draw.
	ErrEmpty = errors.New("no data")
	// ErrLength: a series does not have one value per day or date.
	ErrLength = errors.New("length mismatch")
	// ErrOrder: days or dates are not strictly increasing.
	ErrOrder = errors.New("not increasing")
	// ErrRange: a window or day index lies outside the dates, or is reversed.
	ErrRange = errors.New("index out of range")
	// ErrValue: a value that cannot be drawn, such as a non-positive base price.
	ErrValue = errors.New("invalid value")
)
