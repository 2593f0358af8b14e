package main

import (
	"io"
	"os"
	"runtime/pprof"
	"testing"
)

func TestZZProf(t *testing.T) {
	if os.Getenv("ES_PROF") == "" {
		t.Skip()
	}
	f, _ := os.Create("/tmp/es.prof")
	pprof.StartCPUProfile(f)
	run([]string{"run", "--events", "/tmp/big/events.csv", "--prices", "/tmp/big/panel.csv", "--prices", "SYNMKT=/tmp/big/market.csv", "--market", "SYNMKT", "--out", "/tmp/bigout", "--charts=false", "--quiet"}, io.Discard, os.Stderr)
	pprof.StopCPUProfile()
}
