#!/usr/bin/env bash
# Regenerates the charts shown in the README from the bundled example study
# and, when ../shared/data is present, from the Alibaba case on real prices.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/eventstudy" ./cmd/eventstudy
"$tmp/eventstudy" demo --out "$tmp/demo" > /dev/null
cp "$tmp/demo/charts/caar.png" plots/demo-caar.png
d=../shared/data
if [ -d "$d" ]; then
  "$tmp/eventstudy" run --events data/alibaba/events.csv \
    --prices 9988.HK=$d/alibaba/9988.HK_daily_2021-03_2026-02.csv \
    --prices ^HSI=$d/benchmarks/HSI_daily_2021-06_2026-06.csv \
    --prices BABA=$d/alibaba/BABA_daily_2021-01_2026-03.csv \
    --prices SPY=$d/benchmarks/SPY_daily_2021-01_2026-03.csv \
    --title "Alibaba, 2025-11-14 report" --out "$tmp/alibaba" > /dev/null
  for f in event-BABA-HK-2025-11-14 prices-BABA-HK-2025-11-14 event-BABA-US-2025-11-14; do
    cp "$tmp/alibaba/charts/$f.png" "plots/alibaba-${f%-2025-11-14}.png"
  done
fi
ls plots
