// Command eventstudy measures how security prices reacted to events: it
// lines up an event list with price histories, estimates normal returns,
// computes abnormal returns and tests them, and writes tables and charts.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

func main() {
	// EVENTSTUDY_CPUPROFILE=FILE writes a CPU profile of the run (go tool
	// pprof), for the measurements of the README's Benchmarks.
	if p := os.Getenv("EVENTSTUDY_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eventstudy: EVENTSTUDY_CPUPROFILE:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "eventstudy: EVENTSTUDY_CPUPROFILE:", err)
			os.Exit(1)
		}
		code := run(os.Args[1:], os.Stdout, os.Stderr)
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(code)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
