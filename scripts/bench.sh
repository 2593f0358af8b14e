#!/usr/bin/env bash
# End-to-end batch benchmark (issue 4): generates a 5,000-security x
# 2,520-day panel with 100,000 events, then times studies of 1,000 to
# 100,000 of those events on the same panel, from CSV and from Parquet.
# Prints one line per run: events, input, wall time, events/s, peak memory
# (the study's own last line), and the floors: the time to read the file,
# and to load it into series.
#
#   scripts/bench.sh [DIR]     (default /tmp/eventstudy-bench; needs ~1 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/eventstudy-bench}
mkdir -p "$dir"
go build -o "$dir/eventstudy" ./cmd/eventstudy
es="$dir/eventstudy"
if [ ! -f "$dir/panel.parquet" ]; then
  "$es" gen --tickers 5000 --days 2520 --events 100000 --seed 1 --format both --out "$dir"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3)"
echo "panel.csv $(du -m "$dir/panel.csv" | cut -f1) MB, panel.parquet $(du -m "$dir/panel.parquet" | cut -f1) MB"
TIMEFORMAT='%R s'
echo -n "floor: cat panel.csv > /dev/null in "; { time cat "$dir/panel.csv" > /dev/null; } 2>&1
echo "loading alone (prices.LoadWith without volume, as a study of returns reads):"
EVENTSTUDY_BENCH_DIR="$dir" go test -run '^$' -bench LoadFile -benchtime 5x ./internal/prices | grep '^Benchmark' |
  awk '{n = substr($1, 19); sub(/-[0-9]+$/, "", n); printf "  %-14s %.2f s, %.0f MB/s, %.1fM rows/s\n", n, $3/1e9, $5, $7/1e6}'
for n in 1000 10000 30000 100000; do
  head -n $((n + 1)) "$dir/events.csv" > "$dir/events-$n.csv"
  for input in panel.csv panel.parquet; do
    printf '%6d events, %-13s ' "$n" "$input"
    "$es" run --events "$dir/events-$n.csv" --prices "$dir/$input" --prices "SYNMKT=$dir/market.csv" \
      --market SYNMKT --charts=false --out "$dir/out-$n" 2>&1 >/dev/null | tail -n 1 | sed 's/^eventstudy: //'
  done
done
