#!/usr/bin/env bash
# hostile.sh: a battery of broken and adversarial inputs for every subcommand
# (issue 9, "Trust at the boundary"). It builds the binary, runs each case in
# a temporary directory under `timeout 20` and `ulimit -v` 4 GB, prints one
# line per case (exit code, seconds, max RSS, first stderr line) and exits 1
# if any case panics, gives another exit code than expected, hangs, prints a
# multi-line or overlong error, or leaves an output directory inconsistent.
#
#   scripts/hostile.sh            # all cases
#   scripts/hostile.sh zip        # only cases whose name contains "zip"
#
# Not part of .ci/run: it takes a minute or two and writes a few hundred MB.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILTER=${1:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/hostile.XXXXXX")
cleanup() { chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
(cd "$ROOT" && go build -o "$T/es" ./cmd/eventstudy) || exit 1
ES=$T/es
cd "$T" || exit 1
TIME=
[ -x /usr/bin/time ] && TIME="/usr/bin/time -f %M -o $T/rss"

# Fixtures: a small synthetic study (3 securities, 400 days, 20 events).
"$ES" gen --out fx --tickers 3 --days 400 --events 20 >/dev/null || exit 1
mkdir -p dir
awk -F, 'NR>1 && $2=="SYN00001"{print $1","$3}' fx/panel.csv | sed '1i date,close' >dir/SYN00001.csv
awk -F, 'NR>1 && $2=="SYN00002"{print $1","$3}' fx/panel.csv | sed '1i date,close' >dir/SYN00002.csv
awk -F, 'NR>1{print $1","$2}' fx/market.csv | sed '1i date,close' >dir/SYNMKT.csv
grep -E '^(id|E)' fx/events.csv | awk -F, 'NR==1 || $2=="SYN00001" || $2=="SYN00002"' >ev.csv
BASE=(--events ev.csv --prices dir --market SYNMKT --min-estimation 60 --estimation -100:-11 --quiet --charts=false)

pass=0
fail=0
n=0
# c NAME WANT CMD...: WANT is an exit code or a pattern like 1|2.
c() {
	local name=$1 want=$2
	shift 2
	case $name in *"$FILTER"*) ;; *) return ;; esac
	n=$((n + 1))
	local t0 t1 rc rss secs first lines why=""
	t0=$(date +%s.%N)
	(
		ulimit -v 4000000
		exec timeout "${TO:-20}" $TIME "$@"
	) >"$T/stdout" 2>"$T/stderr" </dev/null
	rc=$?
	t1=$(date +%s.%N)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
	rss=$( [ -s "$T/rss" ] && tail -1 "$T/rss" | tr -dc 0-9 || echo 0)
	rm -f "$T/rss"
	# /usr/bin/time adds its own line when the command fails
	sed -i '/^Command exited with non-zero status/d;/^Command terminated by signal/d' "$T/stderr"
	first=$(head -c 2000 "$T/stderr" | head -1)
	lines=$(grep -vc "^Run 'eventstudy .* --help' for usage.$" "$T/stderr")
	eval "case $rc in $want) ;; *) why=\"exit \$rc, want $want\" ;; esac"
	if grep -qE 'panic|internal error|goroutine [0-9]+ \[' "$T/stderr"; then why="panic${why:+; $why}"; fi
	[ "$rc" = 124 ] && why="timeout"
	if [ "$rc" != 0 ] && [ "$lines" -gt 1 ] && [ "$want" != 0 ]; then why="${why:+$why; }$lines stderr lines"; fi
	if [ ${#first} -gt 1000 ]; then why="${why:+$why; }error of ${#first} chars"; fi
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		printf 'FAIL %-34s rc=%-3s %6ss %7sKB  %s  [%s]\n' "$name" "$rc" "$secs" "$rss" "${first:0:150}" "$why"
	else
		pass=$((pass + 1))
		printf 'ok   %-34s rc=%-3s %6ss %7sKB  %s\n' "$name" "$rc" "$secs" "$rss" "${first:0:150}"
	fi
}
# check NAME COND...: a post-condition on the files a case left.
check() {
	local name=$1
	shift
	case $name in *"$FILTER"*) ;; *) return ;; esac
	n=$((n + 1))
	if "$@"; then
		pass=$((pass + 1))
		printf 'ok   %-34s %s\n' "$name" "$*"
	else
		fail=$((fail + 1))
		printf 'FAIL %-34s %s\n' "$name" "$*"
	fi
}

c baseline 0 "$ES" run "${BASE[@]}" --out o/base

# ---- flags of run ------------------------------------------------------
for v in 0:100000000000000 -1000000000000:-11 0:1000000000 9223372036854775807:9223372036854775807 \
	1e400:1 "" : 5:1 0:0,0:0 "-1:1,-1:1" a:b "０:１" "0:0;1:1" "$(printf '0:0,%.0s' $(seq 1 200))0:0"; do
	c "run-windows=$(printf %.20s "$v")" 2 "$ES" run "${BASE[@]}" --out o/w --windows "$v"
done
for v in 0:0 -1000000000000:-11 -11:-250 -5:5 -25001:-11 "" -250:-11:3 "-2:-1" 9223372036854775807:0; do
	c "run-estimation=$v" 1\|2 "$ES" run "${BASE[@]}" --out o/e --estimation "$v"
done
for v in 9223372036854775807 -1 1e400 11 abc ""; do
	c "run-lags=$v" 2 "$ES" run "${BASE[@]}" --out o/l --model dimson --lags "$v"
done
c run-lags=0 0 "$ES" run "${BASE[@]}" --out o/l --model dimson --lags 0
c run-windows=space 0 "$ES" run "${BASE[@]}" --out o/w --windows " 0:0"
c run-lags=10 0\|1 "$ES" run "${BASE[@]}" --out o/l --model dimson --lags 10
for v in 9223372036854775807 -1 100001 1e400 x; do
	c "run-bootstrap=$v" 2 "$ES" run "${BASE[@]}" --out o/b --bootstrap "$v"
done
for v in 0 -1 9223372036854775807 1e400 x; do
	c "run-min-estimation=$v" 1\|2 "$ES" run --events ev.csv --prices dir --market SYNMKT --quiet --charts=false --out o/m --min-estimation "$v"
done
for v in -1 18446744073709551616 x; do
	c "run-seed=$v" 2 "$ES" run "${BASE[@]}" --out o/s --bootstrap 10 --seed "$v"
done
for f in model shift returns measure values style date-format; do
	c "run-$f=bogus" 2 "$ES" run "${BASE[@]}" --out o/x --$f bogus
	[ $f = date-format ] || c "run-$f=empty" 2 "$ES" run "${BASE[@]}" --out o/x --$f ""
done
c run-model=ff3-nofactors 2 "$ES" run "${BASE[@]}" --out o/x --model ff3
c run-model=factors-missing 1 "$ES" run "${BASE[@]}" --out o/x --model ff3 --factors nope.csv
c run-market=missing 1\|2 "$ES" run --events ev.csv --prices dir --market NOPE --quiet --charts=false --out o/x
c run-market=nonascii 1\|2 "$ES" run --events ev.csv --prices dir --market 阿里巴巴 --quiet --charts=false --out o/x
c run-events=missing 1 "$ES" run --prices dir --market SYNMKT --events nope.csv --quiet --out o/x
c run-events=none 2 "$ES" run --prices dir --market SYNMKT --quiet --out o/x
c run-events=dir 1 "$ES" run --prices dir --market SYNMKT --events dir --quiet --out o/x
c run-events=devnull 1 "$ES" run --prices dir --market SYNMKT --events /dev/null --quiet --out o/x
c run-prices=none 2 "$ES" run --events ev.csv --market SYNMKT --quiet --out o/x
c run-prices=empty 1\|2 "$ES" run --events ev.csv --prices "" --market SYNMKT --quiet --out o/x
c run-prices=eq 1\|2 "$ES" run --events ev.csv --prices = --market SYNMKT --quiet --out o/x
c run-prices=repeat 2 "$ES" run "${BASE[@]}" --prices dir --out o/x
c run-ticker-col=missing 1\|2 "$ES" run "${BASE[@]}" --out o/x --ticker-col nope
c run-date-col=missing 1\|2 "$ES" run "${BASE[@]}" --out o/x --date-col nope
c run-timestamp-col=missing 1\|2 "$ES" run "${BASE[@]}" --out o/x --timestamp-col nope
c run-group=missing 1\|2 "$ES" run "${BASE[@]}" --out o/x --group nope
c run-title=huge 0\|2 "$ES" run "${BASE[@]}" --out o/x --title "$(head -c 100000 /dev/zero | tr '\0' 'x')"
c run-title=ctrl 0 "$ES" run "${BASE[@]}" --out o/x --title "$(printf 'a\033[31mred\nline2')"
c run-unknown-flag 2 "$ES" run "${BASE[@]}" --out o/x --nope
c run-extra-arg 2 "$ES" run "${BASE[@]}" --out o/x a.yaml b.yaml
c run-help 0 "$ES" run --help
c unknown-cmd 2 sh -c "'$ES' frobnicate 2>&1 | head -1 >&2; exit \$(('$ES' frobnicate 2>/dev/null); echo \$?)"
c no-args 2 sh -c "'$ES' >/dev/null 2>&1"

# endless and special files given by name
c run-events=/dev/zero 1 "$ES" run "${BASE[@]}" --out o/x --events /dev/zero
c run-factors=/dev/zero 1 "$ES" run "${BASE[@]}" --out o/x --model ff3 --factors /dev/zero
c run-events=/dev/urandom 1 "$ES" run "${BASE[@]}" --out o/x --events /dev/urandom
c run-prices=/dev/zero 1 "$ES" run "${BASE[@]}" --out o/x --prices AAA=/dev/zero
c run-prices=/dev/urandom 1 "$ES" run "${BASE[@]}" --out o/x --prices AAA=/dev/urandom
c run-study=/dev/zero 2 "$ES" run /dev/zero
c regress-car=/dev/zero 1 "$ES" regress --car /dev/zero --window 0:0 --x a

# ---- --out ---------------------------------------------------------------
touch afile
c out=file 1 "$ES" run "${BASE[@]}" --out afile
c out=devnull 1 "$ES" run "${BASE[@]}" --out /dev/null
mkdir -p ro && chmod 555 ro
if [ "$(id -u)" != 0 ]; then
	c out=readonly 1 "$ES" run "${BASE[@]}" --out ro/sub
fi
c out=empty 2 "$ES" run "${BASE[@]}" --out ""
cp -r dir indir
c out=inputdir 0\|1 "$ES" run --events ev.csv --prices indir --market SYNMKT --min-estimation 60 --estimation -100:-11 --quiet --charts=false --out indir
check out=inputdir-kept test -s indir/SYN00001.csv
c out=rerun1 0 "$ES" run "${BASE[@]}" --report --xlsx --group group --out o/rr
echo mine >o/rr/notes.txt
c out=rerun2 0 "$ES" run "${BASE[@]}" --out o/rr --charts=false
check out=rerun-no-report test ! -e o/rr/report.html -a ! -e o/rr/results.xlsx -a ! -e o/rr/groups
check out=rerun-kept-notes test -s o/rr/notes.txt

# a manifest.json in --out is read by the tool: it must not reach outside
mkdir -p o/mf && echo victim >victim.txt && ln -s .. o/mf/up
printf '{"tool":"eventstudy","version":"0","complete":true,"files":[{"path":"../../victim.txt","bytes":7,"sha256":""},{"path":"%s/victim.txt","bytes":7,"sha256":""},{"path":"up/victim.txt","bytes":7,"sha256":""}]}' "$T" >o/mf/manifest.json
c out=manifest-escape 0 "$ES" run "${BASE[@]}" --out o/mf
check out=manifest-escape-victim test -s victim.txt
mkdir -p o/mf2 && echo '{"tool":"other"}' >o/mf2/manifest.json
c out=manifest-foreign 1 "$ES" run "${BASE[@]}" --out o/mf2
mkdir -p o/mf3 && { printf '{"tool":"eventstudy","files":['; head -c 70000000 /dev/zero | tr '\0' ' '; printf ']}'; } >o/mf3/manifest.json
c out=manifest-huge 1 "$ES" run "${BASE[@]}" --out o/mf3
# kill -9 at many moments: the directory holds the previous complete run or
# says incomplete; a complete manifest lists exactly what is there
case kill9 in *"$FILTER"*)
	"$ES" gen --out big --tickers 60 --days 1500 --events 400 >/dev/null
	"$ES" run --events big/events.csv --prices big/panel.csv --prices SYNMKT=big/market.csv --market SYNMKT --quiet --report --xlsx --group group --out o/k9 >/dev/null 2>&1
	for d in 0.01 0.05 0.1 0.2 0.3 0.5 0.8 1.2 1.6 2.5; do
		"$ES" run --events big/events.csv --prices big/panel.csv --prices SYNMKT=big/market.csv --market SYNMKT --quiet --report --group group --windows -2:2 --out o/k9 >/dev/null 2>&1 &
		pid=$!
		sleep "$d"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		check "kill9-after-${d}s" python3 - o/k9 <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
if not m["complete"]:
    sys.exit(0)
listed = {f["path"]: f for f in m["files"]}
for p, f in listed.items():
    b = open(os.path.join(d, p), "rb").read()
    if len(b) != f["bytes"] or hashlib.sha256(b).hexdigest() != f["sha256"]:
        sys.exit("%s differs from the manifest" % p)
for root, _, names in os.walk(d):
    for n in names:
        p = os.path.relpath(os.path.join(root, n), d)
        if p not in listed and p not in ("manifest.json",) and not n.startswith(".eventstudy"):
            sys.exit("%s is not in the complete manifest" % p)
PY
	done
	c kill9-rerun 0 "$ES" run --events big/events.csv --prices big/panel.csv --prices SYNMKT=big/market.csv --market SYNMKT --quiet --charts=false --out o/k9
	check kill9-rerun-clean sh -c '! ls -A o/k9 | grep -q "^\.eventstudy" && test ! -e o/k9/report.html -a ! -e o/k9/results.xlsx -a ! -e o/k9/groups'
	;;
esac

# ---- study files -----------------------------------------------------------
yaml() { printf '%s\n' "$2" >"$1.yaml"; }
yaml y-ok "events: ev.csv
prices: [dir]
market: SYNMKT
min_estimation: 60
estimation: -100:-11
quiet: true
charts: false
out: o/y"
c yaml-ok 0 "$ES" run y-ok.yaml
yaml y-unknown "events: ev.csv
prices: [dir]
markte: SYNMKT"
c yaml-unknown-key 2 "$ES" run y-unknown.yaml
yaml y-type "events: [1, 2]
prices: dir"
c yaml-wrong-type 2 "$ES" run y-type.yaml
yaml y-nested "events: {a: {b: {c: 1}}}"
c yaml-nested 2 "$ES" run y-nested.yaml
yaml y-lags "events: ev.csv
prices: [dir]
market: SYNMKT
model: dimson
lags: 9223372036854775807"
c yaml-lags-huge 2 "$ES" run y-lags.yaml
yaml y-boot "events: ev.csv
prices: [dir]
bootstrap: 1e400"
c yaml-bootstrap-1e400 2 "$ES" run y-boot.yaml
yaml y-win "events: ev.csv
prices: [dir]
windows: 0:100000000000000"
c yaml-windows-huge 2 "$ES" run y-win.yaml
yaml y-winlist "events: ev.csv
prices: [dir]
windows: [0:0, {a: 1}]"
c yaml-windows-map 2 "$ES" run y-winlist.yaml
cat >y-laughs.yaml <<'EOF'
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
prices: *i
EOF
c yaml-billion-laughs 2 "$ES" run y-laughs.yaml
cat >y-alias-ok.yaml <<'EOF'
x: &w -1:1
windows: *w
EOF
c yaml-alias-unknown 2 "$ES" run y-alias-ok.yaml
{ echo "prices:"; for i in $(seq 1 200000); do echo "  - p$i"; done; echo "events: ev.csv"; } >y-biglist.yaml
c yaml-huge-list 1\|2 "$ES" run y-biglist.yaml
head -c 3000000 /dev/zero | tr '\0' 'a' >y-longline.yaml
c yaml-long-line 2 "$ES" run y-longline.yaml
printf 'events: ev.csv\nevents: ev.csv\n' >y-dup.yaml
c yaml-duplicate-key 2 "$ES" run y-dup.yaml
printf '\x00\x01\x02' >y-bin.yaml
c yaml-binary 2 "$ES" run y-bin.yaml
: >y-empty.yaml
c yaml-empty 2 "$ES" run y-empty.yaml
printf -- '- a\n- b\n' >y-list.yaml
c yaml-toplevel-list 2 "$ES" run y-list.yaml
printf 'events: ev.csv\n---\nprices: dir\n' >y-multi.yaml
c yaml-multidoc 2 "$ES" run y-multi.yaml
c yaml-missing 1\|2 "$ES" run nope.yaml
c yaml-dir 1\|2 "$ES" run dir
printf '!!binary events: x\n' >y-tag.yaml
c yaml-tag 2 "$ES" run y-tag.yaml
printf 'events: ev.csv\nprices: [dir]\nmarket: SYNMKT\nquiet: "yes please"\n' >y-bool.yaml
c yaml-bool-string 2 "$ES" run y-bool.yaml

# ---- price files -------------------------------------------------------------
pdir() { # pdir NAME CONTENT-CMD: a --prices dir with SYNMKT and a broken SYN00001
	mkdir -p "p-$1"
	cp dir/SYNMKT.csv dir/SYN00002.csv "p-$1/"
}
pcase() { # pcase NAME WANT: run on p-NAME
	c "prices-$1" "$2" "$ES" run --events ev.csv --prices "p-$1" --market SYNMKT --min-estimation 60 --estimation -100:-11 --quiet --charts=false --out "o/p-$1"
}
pdir empty && : >p-empty/SYN00001.csv && pcase empty 0\|1
pdir header && echo date,close >p-header/SYN00001.csv && pcase header 0\|1
pdir bom && { printf '\xef\xbb\xbf'; cat dir/SYN00001.csv; } >p-bom/SYN00001.csv && pcase bom 0
pdir crlf && sed 's/$/\r/' dir/SYN00001.csv >p-crlf/SYN00001.csv && pcase crlf 0
pdir nul && { head -5 dir/SYN00001.csv; printf '2015-02-01,1\x00\n'; tail -n +6 dir/SYN00001.csv; } >p-nul/SYN00001.csv && pcase nul 1
pdir longline && { echo date,close; head -c 50000000 /dev/zero | tr '\0' 9; } >p-longline/SYN00001.csv && pcase longline 1
pdir cols && { head -5 dir/SYN00001.csv; echo 2015-06-01,1,2,3; } >p-cols/SYN00001.csv && pcase cols 1
pdir duphdr && { echo date,close,close; tail -n +2 dir/SYN00001.csv | sed 's/$/,1/'; } >p-duphdr/SYN00001.csv && pcase duphdr 1
pdir dupdate && { cat dir/SYN00001.csv; tail -1 dir/SYN00001.csv; } >p-dupdate/SYN00001.csv && pcase dupdate 1
pdir unsorted && { head -1 dir/SYN00001.csv; tail -n +2 dir/SYN00001.csv | sort -r; } >p-unsorted/SYN00001.csv && pcase unsorted 0\|1
for d in 0000-00-00 9999-12-31 2025-02-30 2015-13-01 15-01-01 20150101; do
	# 9999-12-31 after the last price is a date like any other: left alone
	# (a return spanning it has no market return, so no event uses it)
	want=1
	[ "$d" = 9999-12-31 ] && want=0
	pdir "date$d" && { cat dir/SYN00001.csv; echo "$d,10"; } >"p-date$d/SYN00001.csv" && pcase "date$d" $want
done
for v in 0 -5 1e308 NaN Inf -Inf 0x1p-2 1_000 1,000 " 12" "" 1e-320 +5 1e6; do
	want=1
	case $v in "" | NaN | " 12") want=0 ;; 1e6 | +5) want=0\|1 ;; 1e-320) want=0\|1 ;; esac
	k=$(printf %s "$v" | tr -c 'A-Za-z0-9' _)
	pdir "val$k" && awk -F, -v v="$v" 'NR==200{$0=$1",\""v"\""}1' dir/SYN00001.csv >"p-val$k/SYN00001.csv" && pcase "val$k" "$want"
done
pdir gztrunc && gzip -c dir/SYN00001.csv | head -c 300 >p-gztrunc/SYN00001.csv.gz && pcase gztrunc 1
pdir gzbomb && { echo date,close; head -c 3000000000 /dev/zero; } | gzip -1 >p-gzbomb/SYN00001.csv.gz && pcase gzbomb 1
pdir gzlines && { echo date,close; yes 2015-01-02,1 | head -n 60000000; } | gzip -9 >p-gzlines/SYN00001.csv.gz && pcase gzlines 1
pdir notgz && cp dir/SYN00001.csv p-notgz/SYN00001.csv.gz && pcase notgz 0
mkdir -p p-many && for i in $(seq 1 3000); do printf 'date,close\n2015-01-02,1\n' >"p-many/T$i.csv"; done && cp dir/*.csv p-many/ && pcase many 0
pdir loop && ln -s . p-loop/sub && ln -s loopb p-loop/loopa && ln -s loopa p-loop/loopb && cp dir/SYN00001.csv p-loop/ && pcase loop 0\|1
pdir dangling && ln -s /nonexistent p-dangling/SYN00001.csv && pcase dangling 1
pdir fifo && mkfifo p-fifo/SYN00001.csv && pcase fifo 1
pdir pqt && head -c 4000 /dev/urandom >p-pqt/SYN00001.parquet && cp dir/SYN00001.csv p-pqt/SYN00003.csv && pcase pqt 0\|1
"$ES" gen --out pq --tickers 3 --days 300 --events 10 --format parquet >/dev/null
for k in 1 2 3 4 5 6; do
	python3 - "$k" pq/panel.parquet "pq$k.parquet" <<'PY'
import random, sys
k, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
r = random.Random(k)
b = bytearray(open(src, "rb").read())
if k % 3 == 0:   # bytes flipped in the pages
    for _ in range(5):
        b[r.randrange(4, len(b) - 8)] ^= 0xFF
elif k % 3 == 1: # cut in the middle, the magic kept at the end
    b = b[:r.randrange(8, len(b))] + b[-8:]
else:            # a footer length beyond the file
    b[-8:-4] = (2**31 - k).to_bytes(4, "little")
open(dst, "wb").write(b)
PY
	c "prices-parquet-mangled$k" 1 "$ES" run --events pq/events.csv --prices "pq$k.parquet" --prices SYNMKT=pq/market.csv --market SYNMKT --quiet --charts=false --out o/pqm
done
printf 'PAR1garbagePAR1' >bad.parquet
c prices-parquet-corrupt 1 "$ES" run --events ev.csv --prices bad.parquet --prices SYNMKT=dir/SYNMKT.csv --market SYNMKT --quiet --charts=false --out o/pq
{ printf 'PAR1'; head -c 2000 /dev/urandom; printf '\xff\xff\xff\x7fPAR1'; } >bad2.parquet
c prices-parquet-hugefooter 1 "$ES" run --events ev.csv --prices bad2.parquet --prices SYNMKT=dir/SYNMKT.csv --market SYNMKT --quiet --charts=false --out o/pq
c prices-ticker-eq-empty 1\|2 "$ES" run --events ev.csv --prices =dir/SYN00001.csv --prices SYNMKT=dir/SYNMKT.csv --market SYNMKT --quiet --out o/x
c prices-ticker-eq-dotdot 0\|1 "$ES" run --events ev.csv --prices ../x=dir/SYN00001.csv --prices SYNMKT=dir/SYNMKT.csv --market SYNMKT --quiet --charts=false --out o/x
# a gap of two months in a security's prices around an event
pdir gap && awk -F, 'NR==1 || $1<"2015-08-01" || $1>"2015-09-30"' dir/SYN00001.csv >p-gap/SYN00001.csv
printf 'id,ticker,date\ng1,SYN00001,2015-08-20\n' >ev-gap.csv
c prices-gap 0\|1 "$ES" run --events ev-gap.csv --prices p-gap --market SYNMKT --min-estimation 60 --estimation -100:-11 --quiet --charts=false --out o/gap
check prices-gap-warned sh -c 'grep -q "g1" o/gap/skipped.csv 2>/dev/null || grep -q "g1" o/gap/summary.json'

# ---- event lists --------------------------------------------------------------
ecase() { c "events-$1" "$2" "$ES" run --events "e-$1.csv" --prices dir --market SYNMKT --min-estimation 60 --estimation -100:-11 --quiet --charts=false --out "o/e-$1"; }
: >e-empty.csv && ecase empty 1
echo id,ticker,date >e-header.csv && ecase header 1
printf 'id,ticker,date\n..,SYN00001,2015-09-01\n/,SYN00001,2015-09-02\n.,SYN00001,2015-09-03\n../../x,SYN00001,2015-09-04\n' >e-dots.csv && ecase dots 0
ls -A >o/before.lst
c events-dots-charts 0 "$ES" run --events e-dots.csv --prices dir --market SYNMKT --min-estimation 60 --estimation -100:-11 --quiet --pdf --report --out o/dots/out
ls -A >o/after.lst
check events-dots-nothing-outside sh -c 'cmp -s o/before.lst o/after.lst && test "$(ls -A o/dots)" = out'
check events-dots-distinct-charts sh -c 'test "$(ls o/dots/out/charts | grep -c "^event-.*\.png$")" -ge 4'

printf 'id,ticker,date\n%s,SYN00001,2015-09-01\n' "$(head -c 300 /dev/zero | tr '\0' a)" >e-longid.csv && ecase longid 0
printf 'id,ticker,date\n阿里巴巴-HK,SYN00001,2015-09-01\n阿里巴巴-US,SYN00001,2015-09-02\n' >e-cjk.csv && ecase cjk 0
printf 'id,ticker,date,note\n=1+1,SYN00001,2015-09-01,@SUM(A1)\n+cmd,SYN00001,2015-09-02,-2\n' >e-formula.csv && ecase formula 0
printf 'id,ticker,date,car,ar\nx,SYN00001,2015-09-01,1,2\n' >e-clash.csv && ecase clash 0
check events-clash-renamed sh -c 'test "$(head -1 o/e-clash/car.csv | tr , "\n" | grep -cx car)" = 1'
c events-clash-regress 2 "$ES" regress --car o/e-clash/car.csv --window 0:0 --x car
printf 'id,ticker,date\nx,SYN00001,2015-09-01\nx,SYN00001,2015-09-01\n' >e-dupid.csv && ecase dupid 0\|1
printf 'id,ticker,date\nx,SYN00001,0000-00-00\ny,SYN00001,9999-12-31\nz,SYN00001,2025-02-30\n' >e-baddates.csv && ecase baddates 1
printf 'id,ticker,date\nx,SYN00001,2015-09-01,extra\n' >e-cols.csv && ecase cols 1
printf 'id,ticker,date\nx,SYN00001,"2015-09-01\n' >e-quote.csv && ecase quote 1
printf 'id,id,date\nx,SYN00001,2015-09-01\n' >e-duphdr.csv && ecase duphdr 1\|2
printf 'id,ticker,date\nx\000y,SYN00001,2015-09-01\n' >e-nul.csv && ecase nul 1
{ printf 'id,ticker,date\nx,SYN00001,'; head -c 50000000 /dev/zero | tr '\0' 1; } >e-longline.csv && ecase longline 1
{ echo id,ticker,date; seq 1 100000 | awk '{print "E"$1",SYN00001,2015-09-01"}'; } >e-100k.csv && TO=120 ecase 100k 0
check events-100k-car-small sh -c 'test "$(stat -c %s o/e-100k/car.csv)" -lt 100000000'
{ echo id,ticker,date; seq 1 2000 | awk '{print "E"$1",T"$1",2015-09-01"}'; } >e-manytickers.csv && ecase manytickers 0\|1
printf 'ticker,timestamp\nSYN00001,2015-09-01T25:99:00Z\n' >e-ts.csv && c events-timestamp-bad 1 "$ES" run --events e-ts.csv --prices dir --market SYNMKT --quiet --charts=false --out o/ets
printf 'ticker,timestamp\nSYN00001,2015-09-01 16:30 XYZ\n' >e-tz.csv && c events-timestamp-tz 1 "$ES" run --events e-tz.csv --prices dir --market SYNMKT --quiet --charts=false --out o/etz
printf 'id,ticker,date,market\nx,SYN00001,2015-09-01,NOPE\n' >e-mkt.csv && ecase mkt 0\|1
printf '\xef\xbb\xbfid,ticker,date\r\nx,SYN00001,2015-09-01\r\n' >e-bomcrlf.csv && ecase bomcrlf 0
printf 'id,ticker,date,g\na,SYN00001,2015-09-01,..\nb,SYN00002,2015-09-02,.\nc,SYN00001,2015-10-01,aar\n' >e-grp.csv
c events-group-dotdot 0 "$ES" run --events e-grp.csv --group g --prices dir --market SYNMKT --min-estimation 60 --estimation -100:-11 --quiet --out o/grp
check events-group-dotdot-aar sh -c 'head -1 o/grp/aar.csv | grep -qv "^$"'

# an event of the benchmark itself: every AR 0 by construction
printf 'id,ticker,date\nidx,SYNMKT,2015-12-21\nstock,SYN00001,2015-12-21\n' >e-self.csv && ecase self 0
check events-self-skipped grep -q "its own benchmark" o/e-self/skipped.csv
# a file of returns: a market constant but for rounding; total losses
awk -F, 'NR==1{print "date,SYN00001,SYNMKT";next}{srand(NR); print $1","(rand()-0.5)/50",0.007"}' dir/SYNMKT.csv >w-flat.csv
c returns-flat-market 1 "$ES" run --events ev.csv --prices w-flat.csv --market SYNMKT --values returns --min-estimation 60 --estimation -100:-11 --quiet --charts=false --out o/wf
check returns-flat-market-said grep -q "constant market returns" o/wf/skipped.csv
awk -F, 'NR==1{print "date,SYN00001,SYNMKT";next}{srand(NR); print $1",-1,"(rand()-0.5)/50}' dir/SYNMKT.csv >w-loss.csv
c returns-total-loss 0\|1 "$ES" run --events ev.csv --prices w-loss.csv --market SYNMKT --values returns --min-estimation 60 --estimation -100:-11 --quiet --charts=false --out o/wl
check returns-total-loss-said sh -c 'grep -q "a total loss" o/wl/summary.json && ! grep -q NaN o/wl/summary.json'

# ---- factors -----------------------------------------------------------------
printf 'date,Mkt-RF,SMB,HML,RF\n' >f-hdr.csv
c factors-header-only 1 "$ES" run "${BASE[@]}" --out o/f --model ff3 --factors f-hdr.csv
printf 'junk\n\x00\x00\n' >f-junk.csv
c factors-junk 1 "$ES" run "${BASE[@]}" --out o/f --model ff3 --factors f-junk.csv
awk -F, 'NR==1{print "date,Mkt-RF,SMB,HML,RF"; next}NR>2{srand(NR); printf "%s,%.2f,%.2f,%.2f,0.01\n", $1, ($2/p-1)*100, rand()-0.5, rand()-0.5}{p=$2}' dir/SYNMKT.csv >f-pct.csv
c factors-percent 0\|1 "$ES" run "${BASE[@]}" --out o/fp --model ff3 --factors f-pct.csv
check factors-percent-warned sh -c 'test ! -e o/fp/summary.json || grep -qi "percent\|unit" o/fp/summary.json'
awk -F, 'NR==1{print "date,Mkt-RF,Mkt-RF,HML,RF"; next}{print $1",1e308,NaN,0x10,1_0"}' dir/SYNMKT.csv >f-abs.csv
c factors-absurd 1 "$ES" run "${BASE[@]}" --out o/f --model ff3 --factors f-abs.csv

# ---- regress -----------------------------------------------------------------
R=o/base/car.csv
c regress-ok 0\|1 "$ES" regress --car "$R" --window -1:1 --x group
c regress-no-car 2 "$ES" regress --window -1:1 --x group
c regress-car-missing 1 "$ES" regress --car nope.csv --window -1:1 --x group
c regress-window-absent 1 "$ES" regress --car "$R" --window 7:9 --x group
c regress-window-huge 1\|2 "$ES" regress --car "$R" --window 0:9223372036854775807 --x group
c regress-x-empty 2 "$ES" regress --car "$R" --window -1:1 --x ""
c regress-x-commas 2 "$ES" regress --car "$R" --window -1:1 --x ,,,
c regress-x-car 1\|2 "$ES" regress --car "$R" --window -1:1 --x car
c regress-x-repeat 1\|2 "$ES" regress --car "$R" --window -1:1 --x group,group
c regress-y-bogus 1\|2 "$ES" regress --car "$R" --window -1:1 --x group --y nope
c regress-out-dir 1 "$ES" regress --car "$R" --window -1:1 --x injected_ar --out dir
{ echo "event_id,from,to,car,size,cat"; for i in $(seq 1 92); do echo "e$i,-1,1,0.0$((i % 9)),$i,c$((i % 83))"; done; } >r-dummies.csv
c regress-dummies 1 "$ES" regress --car r-dummies.csv --window -1:1 --x cat
{ echo "event_id,from,to,car,s"; for i in $(seq 1 60); do echo "e$i,-1,1,0.01,+$i.5%"; done; } >r-pct.csv
c regress-pct 0\|1 "$ES" regress --car r-pct.csv --window -1:1 --x s
{ echo "event_id,from,to,car,s"; for i in $(seq 1 60); do echo "e$i,-1,1,0.0$((i % 7)),\"1,23$((i % 10)).5\""; done; } >r-thou.csv
c regress-thousands 0 "$ES" regress --car r-thou.csv --window -1:1 --x s
{ echo "event_id,from,to,car,s"; for i in $(seq 1 60); do echo "e$i,-1,1,0.0$((i % 7)),1e400"; done; } >r-inf.csv
c regress-inf 1 "$ES" regress --car r-inf.csv --window -1:1 --x s
{ echo "event_id,from,to,car,s"; for i in $(seq 1 60); do echo "e$i,-1,1,NaN,$i"; done; } >r-nan.csv
c regress-nan-y 1 "$ES" regress --car r-nan.csv --window -1:1 --x s
{ echo "event_id,from,to,car,s"; for i in $(seq 1 60); do echo "e$i,-1,1,0.0$((i % 7)),7"; done; } >r-const.csv
c regress-constant-x 1 "$ES" regress --car r-const.csv --window -1:1 --x s
{ echo "event_id,from,to,car,s,s"; for i in $(seq 1 60); do echo "e$i,-1,1,0.0$((i % 7)),$i,$i"; done; } >r-duphdr.csv
c regress-dup-header 1 "$ES" regress --car r-duphdr.csv --window -1:1 --x s
{ echo "event_id,from,to,car,a,b"; for i in $(seq 1 60); do echo "e$i,-1,1,0.0$((i % 7)),$i,$((2 * i))"; done; } >r-collinear.csv
c regress-collinear 1 "$ES" regress --car r-collinear.csv --window -1:1 --x a,b
{ echo "event_id,from,to,car"; echo "x,-1,1,$(head -c 50000000 /dev/zero | tr '\0' 1)"; } >r-long.csv
c regress-long-line 1 "$ES" regress --car r-long.csv --window -1:1 --x s
printf '' >r-empty.csv
c regress-empty 1 "$ES" regress --car r-empty.csv --window -1:1 --x s
{ echo "event_id,from,to,car,s"; for i in $(seq 1 60); do echo "e$i,-1,1,0x1p-2,$i"; done; } >r-hex.csv
c regress-hex-y 1 "$ES" regress --car r-hex.csv --window -1:1 --x s

# ---- demo, gen, validate-tests --------------------------------------------------
c demo-out=file 1 "$ES" demo --out afile
c demo-extra 2 "$ES" demo --out o/d extra
c demo-unknown 2 "$ES" demo --nope
c gen-events=0 0 "$ES" gen --out o/g --tickers 1 --days 10 --events 0
for v in 0 -1 9223372036854775807 1e400 x; do
	c "gen-tickers=$v" 2 "$ES" gen --out o/g --tickers "$v" --days 10 --events 1
	c "gen-days=$v" 2 "$ES" gen --out o/g --tickers 1 --days "$v" --events 1
	[ "$v" = 0 ] || c "gen-events=$v" 2 "$ES" gen --out o/g --tickers 1 --days 10 --events "$v"
done
c gen-noout 2 "$ES" gen --tickers 1 --days 10 --events 1
c gen-format 2 "$ES" gen --out o/g --tickers 1 --days 10 --events 1 --format xml
c gen-out=devnull 1 "$ES" gen --out /dev/null --tickers 1 --days 10 --events 1
c gen-seed=-1 2 "$ES" gen --out o/g --tickers 1 --days 10 --events 1 --seed -1
for v in 0 -1 9223372036854775807 1e400 x; do
	c "validate-samples=$v" 2 "$ES" validate-tests --samples "$v" --events 20 --bootstrap 10 --out o/v.md
	c "validate-events=$v" 2 "$ES" validate-tests --samples 2 --events "$v" --bootstrap 10 --out o/v.md
	c "validate-bootstrap=$v" 2 "$ES" validate-tests --samples 2 --events 20 --bootstrap "$v" --out o/v.md
done
c validate-out=dir 1 "$ES" validate-tests --samples 2 --events 20 --bootstrap 10 --out dir
# --out naming a pipe: written into, never replaced by a regular file (the
# same path as /dev/null, which the battery leaves alone)
mkfifo o/vpipe o/rpipe
# (readers bounded, and off the script's output, should the cases be filtered out)
(timeout 30 cat o/vpipe >o/vpipe.txt 2>/dev/null &)
(timeout 30 cat o/rpipe >o/rpipe.txt 2>/dev/null &)
c validate-out=fifo 0 "$ES" validate-tests --samples 2 --events 20 --bootstrap 10 --out o/vpipe
check validate-out=fifo-kept sh -c 'test -p o/vpipe && sleep 0.2 && grep -q "Size and power" o/vpipe.txt'
{ echo "event_id,from,to,car,s"; for i in $(seq 1 60); do echo "e$i,-1,1,0.0$((i % 7)),$((i % 11))"; done; } >r-ok.csv
c regress-out=fifo 0 "$ES" regress --car r-ok.csv --window -1:1 --x s --out o/rpipe
check regress-out=fifo-kept sh -c 'test -p o/rpipe && sleep 0.2 && grep -q "^term," o/rpipe.txt'
echo mine >o/target.csv && ln -s target.csv o/link.csv
c regress-out=symlink 0 "$ES" regress --car r-ok.csv --window -1:1 --x s --out o/link.csv
check regress-out=symlink-kept sh -c 'test -L o/link.csv && grep -q "^term," o/target.csv'
c validate-outside 0 sh -c "cd / && '$ES' validate-tests --samples 2 --events 20 --bootstrap 10 --out $T/o/v2.md"

echo "$n cases: $pass ok, $fail failed"
[ "$fail" = 0 ]
