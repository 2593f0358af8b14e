// Command eventstudy measures how security prices reacted to events: it
// lines up an event list with price histories, estimates normal returns,
// computes abnormal returns and tests them, and writes tables and charts.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
