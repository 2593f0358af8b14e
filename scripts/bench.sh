#!/usr/bin/env bash
# Scale benchmark (issue 13): how a study's wall time and peak memory grow
# with the number of events, against the time a byte scanner takes to read
# the panel once, measured in the same run.
#
#   scripts/bench.sh [-n N1,N2,...] [-b REV] [DIR]
#
#   DIR   where the tool, the generated data and the outputs go (default
#         /tmp/eventstudy-bench; ~0.8 GB of data, plus the output of the
#         study being measured)
#   -n    the study sizes, comma-separated (default 20000,100000,300000,1000000);
#         the environment variable BENCH_SIZES does the same
#   -b    also build the tool at git revision REV (a commit, branch or tag) and
#         run each study with it before the working tree's, for a before and
#         after in the same run; BENCH_BASE does the same
#   KEEP=1  keep each run's output directory (by default it is deleted once
#         measured)
#
# It builds the tool, generates once (cached in DIR) a 5,000-security x
# 2,520-day panel with 1,000,000 events (`eventstudy gen ... --seed 1`), and
# takes the first N events of that list (head) for a study of N events.
# BENCH_TICKERS, BENCH_DAYS and BENCH_EVENTS change the generated sizes (the
# script's own test, cmd/eventstudy/benchscript_test.go, runs it on a tiny
# panel); DIR/gen.args records them, and a change regenerates.
#
# The floor is `wc panel.csv` (coreutils wc, default counts: lines, words and
# bytes, so every byte is looked at), best of 3, with the page cache warm; in
# the C.UTF-8 locale when the system has it (coreutils wc is faster there than
# in the C locale: the stricter floor). `cat` and `wc -l` are printed beside it
# for context (they barely touch the bytes), and the time the tool's reader
# takes to load each panel into series, alone (BenchmarkLoadFile).
#
# Each study (market model, windows 0:0,-1:1,-5:5, every test, every table, no
# charts) is run from panel.csv and from panel.parquet, its input read once
# beforehand so that it too starts from a warm cache. One line per run:
#   events     events in the list
#   input      the price panel read
#   tool       "new" (the working tree), or REV's short hash for -b
#   computed   events computed; skipped: events skipped (the tool's last line)
#   wall s     wall time of the process, measured here (date +%s.%N around it)
#   events/s   events / wall s
#   peak MB    peak resident memory in MiB, as the tool reports it (getrusage;
#              GNU time's when a -b tool's last line has none)
#   time MB    the same from GNU time (-f %M), or "-" when it is not installed
#   x floor    wall s / floor s
# The run ends with the issue's targets against what the new tool measured,
# PASS or FAIL, and with -b the new tool's wall and peak against REV's. Needs
# Go, bash and coreutils (awk for the arithmetic; git for -b). A study that
# fails stops the script with its error output and exit status 1.
set -euo pipefail

usage() {
  echo "usage: scripts/bench.sh [-n N1,N2,...] [-b REV] [DIR]" >&2
  exit 2
}

sizes=${BENCH_SIZES:-20000,100000,300000,1000000}
base=${BENCH_BASE:-}
while getopts 'n:b:h' opt; do
  case $opt in
  n) sizes=$OPTARG ;;
  b) base=$OPTARG ;;
  *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
dir=${1:-/tmp/eventstudy-bench}
total=${BENCH_EVENTS:-1000000}
genargs="--tickers ${BENCH_TICKERS:-5000} --days ${BENCH_DAYS:-2520} --events $total --seed 1 --format both"
IFS=', ' read -r -a ns <<<"$sizes"
[ ${#ns[@]} -gt 0 ] || usage
for n in "${ns[@]}"; do
  if ! [[ $n =~ ^[1-9][0-9]*$ ]] || [ "$n" -gt "$total" ]; then
    echo "bench.sh: size $n: want a whole number from 1 to $total" >&2
    exit 2
  fi
done

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cd "$(dirname "$0")/.."
if [ -n "$base" ]; then
  if ! rev=$(git rev-parse --verify --quiet "$base^{commit}"); then
    echo "bench.sh: -b $base: not a commit of this repository" >&2
    exit 2
  fi
  label=$(git rev-parse --short "$rev")
fi
go build -o "$dir/eventstudy" ./cmd/eventstudy
es="$dir/eventstudy"
tools=("$es")
labels=(new)
if [ -n "$base" ]; then
  rm -rf "$dir/base-src"
  mkdir "$dir/base-src"
  git archive "$rev" | tar -x -C "$dir/base-src"
  (cd "$dir/base-src" && go build -o "$dir/eventstudy-base" ./cmd/eventstudy)
  rm -rf "$dir/base-src"
  tools=("$dir/eventstudy-base" "$es")
  labels=("$label" new)
fi
if [ "$(cat "$dir/gen.args" 2>/dev/null)" != "$genargs" ] || [ ! -f "$dir/panel.parquet" ]; then
  rm -f "$dir/gen.args"
  # shellcheck disable=SC2086 # genargs is a list of words
  "$es" gen $genargs --out "$dir" >&2
  echo "$genargs" >"$dir/gen.args"
fi

now() { date +%s.%N; }
# best3 CMD...: the least wall time of three runs of CMD, in seconds.
best3() {
  local best="" t0 t1 _
  for _ in 1 2 3; do
    t0=$(now)
    "$@" >/dev/null
    t1=$(now)
    best=$(awk -v a="$t0" -v b="$t1" -v m="$best" 'BEGIN { d = b - a; if (m == "" || d < m) m = d; printf "%.6f", m }')
  done
  echo "$best"
}

gnutime=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnutime=/usr/bin/time
fi
wclocale=$(locale -a 2>/dev/null | grep -m1 -ix 'c\.utf-\?8' || true)
wclocale=${wclocale:-${LC_ALL:-${LC_CTYPE:-${LANG:-C}}}}

panel=$dir/panel.csv
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3), $(wc --version | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "$base" ] || echo "tools: new (the working tree) and $label ($base)"
echo "panel.csv $(du -mL "$panel" | cut -f1) MB ($(($(wc -l <"$panel") - 1)) rows), panel.parquet $(du -mL "$dir/panel.parquet" | cut -f1) MB, events.csv $total events"
cat "$panel" >/dev/null # warm the page cache
floor=$(LC_ALL=$wclocale best3 wc "$panel")
s3() { awk -v x="$1" 'BEGIN { printf "%.3f", x }'; }
echo "floor: wc panel.csv (LC_ALL=$wclocale) $(s3 "$floor") s, best of 3; for context: cat $(s3 "$(best3 cat "$panel")") s, wc -l $(s3 "$(best3 wc -l "$panel")") s"
echo "loading alone (prices.LoadWith without volume, as a study of returns reads; BenchmarkLoadFile, 5 runs):"
EVENTSTUDY_BENCH_DIR="$dir" go test -run '^$' -bench LoadFile -benchtime 5x ./internal/prices | grep '^Benchmark' |
  awk '{n = substr($1, 19); sub(/-[0-9]+$/, "", n); printf "  %-14s %.2f s, %.0f MB/s, %.1fM rows/s\n", n, $3/1e9, $5, $7/1e6}'
echo

printf '%8s  %-13s  %-9s  %8s  %7s  %8s  %8s  %7s  %7s  %7s\n' events input tool computed skipped "wall s" events/s "peak MB" "time MB" "x floor"
results=() # "n input tool wall peakMB"
for n in "${ns[@]}"; do
  ev=$dir/events-$n.csv
  head -n $((n + 1)) "$dir/events.csv" >"$ev"
  for input in panel.csv panel.parquet; do
    for k in "${!tools[@]}"; do
      tool=${labels[k]}
      what="study of $n events from $input"
      [ -z "$base" ] || what="$what by $tool"
      out=$dir/out-$n-${input#panel.}
      [ -z "$base" ] || out=$out-$tool
      rm -rf "$out"
      cat "$dir/$input" >/dev/null
      cmd=("${tools[k]}" run --events "$ev" --prices "$dir/$input" --prices "SYNMKT=$dir/market.csv"
        --market SYNMKT --charts=false --out "$out")
      [ -z "$gnutime" ] || cmd=("$gnutime" -f %M -o "$dir/time.txt" "${cmd[@]}")
      t0=$(now)
      status=0
      "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" || status=$?
      t1=$(now)
      if [ $status -ne 0 ]; then
        echo "bench.sh: $what failed (exit $status):" >&2
        tail -n 20 "$dir/stderr.txt" >&2
        exit 1
      fi
      tmb=-
      [ -z "$gnutime" ] || tmb=$(($(tail -n 1 "$dir/time.txt") / 1024))
      last=$(grep '^eventstudy: .* events computed' "$dir/stderr.txt" | tail -n 1 || true)
      if ! [[ $last =~ ([0-9]+)\ of\ ([0-9]+)\ events\ computed,\ ([0-9]+)\ skipped ]]; then
        echo "bench.sh: $what: no final line with the events computed on stderr:" >&2
        tail -n 5 "$dir/stderr.txt" >&2
        exit 1
      fi
      computed=${BASH_REMATCH[1]} listed=${BASH_REMATCH[2]} skipped=${BASH_REMATCH[3]}
      if [[ $last =~ peak\ memory\ ([0-9]+)\ MB ]]; then
        peak=${BASH_REMATCH[1]}
      elif [ "$tool" != new ] && [ "$tmb" != - ]; then
        peak=$tmb
      else
        echo "bench.sh: $what: no peak memory on the final line: $last" >&2
        exit 1
      fi
      if [ "$listed" -ne "$n" ]; then
        echo "bench.sh: $what read $listed events" >&2
        exit 1
      fi
      awk -v n="$n" -v inp="$input" -v tool="$tool" -v c="$computed" -v s="$skipped" -v a="$t0" -v b="$t1" \
        -v p="$peak" -v t="$tmb" -v f="$floor" 'BEGIN {
        w = b - a
        printf "%8d  %-13s  %-9s  %8d  %7d  %8.2f  %8.0f  %7d  %7s  %7s\n", n, inp, tool, c, s, w, n / w, p, t, (f > 0 ? sprintf("%.2f", w / f) : "-")
      }'
      results+=("$n $input $tool $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') $peak")
      [ "${KEEP:-}" = 1 ] || rm -rf "$out"
    done
  done
  rm -f "$ev"
done
rm -f "$dir/stdout.txt" "$dir/stderr.txt" "$dir/time.txt"

echo
echo "issue 13 targets (floor $(s3 "$floor") s; load average now $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '%s\n' "${results[@]}" | awk -v f="$floor" -v base="${label:-}" '
  $3 == "new" { wall[$1, $2] = $4; peak[$1, $2] = $5; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  $3 != "new" { bwall[$1, $2] = $4; bpeak[$1, $2] = $5 }
  function row(target, measured, ok) { printf "  %-50s  %-24s  %s\n", target, measured, ok ? "PASS" : "FAIL" }
  function times(w) { return f > 0 ? sprintf("%.2f s = %.2fx", w, w / f) : sprintf("%.2f s", w) }
  function notrun(target) { printf "  %-50s  %-24s  %s\n", target, "not run", "-" }
  END {
    split("panel.csv panel.parquet", inputs, " ")
    for (i = 1; i <= 2; i++) {
      inp = inputs[i]
      if ((1000000, inp) in wall) {
        row("1,000,000 events, " inp ": peak <= 4096 MB", peak[1000000, inp] " MB", peak[1000000, inp] <= 4096)
        row("1,000,000 events, " inp ": wall <= 12x floor", times(wall[1000000, inp]), wall[1000000, inp] <= 12 * f)
      } else {
        notrun("1,000,000 events, " inp ": peak <= 4096 MB")
        notrun("1,000,000 events, " inp ": wall <= 12x floor")
      }
    }
    for (i = 1; i <= 2; i++) {
      inp = inputs[i]
      if ((20000, inp) in wall)
        row("20,000 events, " inp ": wall <= 2x floor", times(wall[20000, inp]), wall[20000, inp] <= 2 * f)
      else
        notrun("20,000 events, " inp ": wall <= 2x floor")
    }
    for (j = 1; j <= k; j++) {
      n = order[j]
      row(sprintf("%d events: Parquet faster than CSV", n), sprintf("%.3f s vs %.3f s", wall[n, "panel.parquet"], wall[n, "panel.csv"]), wall[n, "panel.parquet"] < wall[n, "panel.csv"])
    }
    if (base == "")
      exit
    printf "\nnew against %s (wall, peak memory):\n", base
    for (j = 1; j <= k; j++)
      for (i = 1; i <= 2; i++) {
        n = order[j]; inp = inputs[i]
        printf "  %8d  %-13s  %8.2f s vs %8.2f s (%.2fx)  %7d MB vs %7d MB (%.2fx)\n", n, inp, wall[n, inp], bwall[n, inp], wall[n, inp] / bwall[n, inp], peak[n, inp], bpeak[n, inp], peak[n, inp] / bpeak[n, inp]
      }
  }'
