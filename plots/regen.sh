#!/usr/bin/env bash
# Regenerates the gallery in plots/ (the charts and the report screenshot
# shown in the README) from the bundled example study and, when
# ../shared/data is present, from the Alibaba case on real prices.
#   plots/regen.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/eventstudy" ./cmd/eventstudy
es="$tmp/eventstudy"
"$es" demo --out "$tmp/demo" > /dev/null
in="$tmp/demo/input"
"$es" run --events "$in/synthetic_events.csv" --prices "$in/synthetic_prices.csv.gz" --market SYNMKT \
  --group sector --report --title "synthetic demo data" --out "$tmp/groups" > /dev/null
"$es" run --events "$in/synthetic_events.csv" --prices "$in/synthetic_prices.csv.gz" --market SYNMKT \
  --style paper --title "synthetic demo data" --out "$tmp/paper" > /dev/null
cp "$tmp/demo/charts/caar.png" plots/demo-caar.png
cp "$tmp/groups/charts/caar-groups.png" plots/demo-caar-groups.png
cp "$tmp/groups/charts/car-hist-0_0.png" plots/demo-car-hist.png
cp "$tmp/paper/charts/caar.png" plots/demo-caar-paper.png
if [ -x /usr/bin/chromium ]; then
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-quic --user-data-dir="$tmp/chrome" \
    --window-size=1280,1520 --screenshot=plots/report.png "file://$tmp/groups/report.html" 2> /dev/null
fi
d=../shared/data
if [ -d "$d" ]; then
  "$es" run --events data/alibaba/events.csv \
    --prices 9988.HK=$d/alibaba/9988.HK_daily_2021-03_2026-02.csv \
    --prices ^HSI=$d/benchmarks/HSI_daily_2021-06_2026-06.csv \
    --prices BABA=$d/alibaba/BABA_daily_2021-01_2026-03.csv \
    --prices SPY=$d/benchmarks/SPY_daily_2021-01_2026-03.csv \
    --title "Alibaba, 2025-11-14 report" --out "$tmp/alibaba" > /dev/null
  for f in event-BABA-HK-2025-11-14 prices-BABA-HK-2025-11-14 event-BABA-US-2025-11-14; do
    cp "$tmp/alibaba/charts/$f.png" "plots/alibaba-${f%-2025-11-14}.png"
  done
  "$es" run --events data/intraday/spx_2025-11-14.csv \
    --prices SPX=$d/intraday/SP_SPX_5min_2025-02-10_2026-02-13.csv \
    --windows 0m:5m,0m:30m,0m:60m,0m:120m --model constant-mean \
    --title "Alibaba week" --out "$tmp/open" > /dev/null
  cp "$tmp/open/charts/intraday-us-open-2025-11-14.png" plots/alibaba-intraday-SPX-open.png
fi
ls plots
