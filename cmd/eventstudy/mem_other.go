//go:build !linux

package main

// totalMemory is unknown on this system: no memory limit is set.
func totalMemory() int64 { return 0 }
