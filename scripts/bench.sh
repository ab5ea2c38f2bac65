#!/usr/bin/env bash
# The load harness: the local MariaDB + Redis, a Release build of the app on its own port with a bench
# configuration (normal configuration keys, environment "Bench"), users seeded fast, storms driven by wrk
# (scripts/bench/replay.lua), the books checked after each scenario, and one table at the end.
#   scripts/bench.sh            the full run (about 10 minutes on 2 cores)
#   scripts/bench.sh --quick    a smoke run: a few hundred users, a few seconds per scenario
#   scripts/bench.sh --profile  also profiles S1 and S3: CPU per process, the app's counters, perf of the app
# Settings: RP_BENCH_PORT (5090), RP_BENCH_CONNECTIONS (wrk connections, 128), RP_BENCH_THREADS (wrk threads, 2),
#   RP_BENCH_CIRCUITS (browser sessions open on the chat page in "S1 + N browser sessions": 5000, --quick 100),
#   RP_BENCH_CIRCUIT_SWEEP (e.g. "1000 2000 5000": also S1 alone and S1 + N sessions for each N, into
#   .bench/circuit-sweep.tsv for a chart), RP_BENCH_CIRCUIT_RAMP (sessions opened per second, 0: 50 at a time, no pacing).
# Everything it makes lives in .bench/ (git-ignored): the published app, plans, logs, results.md; the charts go to
# docs/bench-*.png (scripts/bench/chart.sh).
# The app runs in its own database (redpacket_bench) and Redis key prefix (bench:), dropped at the start.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
. "$ROOT/scripts/lib/processes.sh"
# shellcheck source=lib/text.sh
. "$ROOT/scripts/lib/text.sh"
cd "$ROOT"
OUT="$ROOT/.bench"
PORT="${RP_BENCH_PORT:-5090}"
CONNS="${RP_BENCH_CONNECTIONS:-128}"
THREADS="${RP_BENCH_THREADS:-2}"
URL="http://127.0.0.1:$PORT"
QUICK=false; PROFILE=false; need_profile=()
for a in "$@"; do
  case "$a" in
    --quick) QUICK=true ;;
    --profile) PROFILE=true ;;
    *) echo "usage: $0 [--quick] [--profile]" >&2; exit 2 ;;
  esac
done
if $QUICK; then
  S1_USERS=600; S2_GROUPS=20; S3_SHARES=400; LISTENERS=100; CIRCUITS="${RP_BENCH_CIRCUITS:-100}"
else
  S1_USERS=30000; S2_GROUPS=200; S3_SHARES=20000; LISTENERS=1000; CIRCUITS="${RP_BENCH_CIRCUITS:-5000}"
fi
CIRCUIT_SWEEP="${RP_BENCH_CIRCUIT_SWEEP:-}"
CIRCUIT_RAMP="${RP_BENCH_CIRCUIT_RAMP:-0}"
for n in $CIRCUITS $CIRCUIT_SWEEP; do # every browser session is a different member of S1's group
  [ "$n" -ge 1 ] && [ "$n" -le "$S1_USERS" ] || { echo "circuits: 1 to $S1_USERS (the S1 group's members), not $n" >&2; exit 2; }
done
S2_USERS=$((S2_GROUPS * 100))

say() { printf '[bench] %s\n' "$*" >&2; }
mkdir -p "$OUT"
: >"$OUT/results.tsv"; : >"$OUT/seed-times.txt"
[ -n "$CIRCUIT_SWEEP" ] && printf 'circuits\ts1_rps\ts1_with_circuits_rps\tratio\tkb_per_idle_circuit\trss_before_mb\trss_idle_mb\topened\tfailed\tdropped\tsaw_final\tlag_last_ms\tlag_p99_ms\theap_kb_per_idle_circuit\n' >"$OUT/circuit-sweep.tsv"

# ---- tools and services -------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v redis-benchmark >/dev/null 2>&1 || need+=(redis-tools)
command -v curl >/dev/null 2>&1 || need+=(curl)
apt_install ${need[@]+"${need[@]}"}
bash scripts/services.sh start >&2
eval "$(bash scripts/services.sh env)"
MYSQL_PORT="${RP_MYSQL_PORT:-3310}"; REDIS_PORT="${RP_REDIS_PORT:-6390}"
sql() { mariadb --no-defaults -h127.0.0.1 -P"$MYSQL_PORT" -uroot -N -e "$1"; }
rcli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }

say "building (Release)"
dotnet publish RedPacket.Web -c Release -o "$OUT/app" -nologo -v q >&2
dotnet build scripts/bench/Listeners -c Release -o "$OUT/listeners" -nologo -v q >&2
dotnet build scripts/bench/Circuits -c Release -o "$OUT/circuits" -nologo -v q >&2

say "fresh bench database and Redis keys"
sql "DROP DATABASE IF EXISTS redpacket_bench"
rcli --scan --pattern 'bench:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" del >/dev/null

# ---- the app ------------------------------------------------------------------------------------------
APP_PID=""
stop_app() {
  [ -n "$APP_PID" ] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""; rm -f "$OUT/app.pid"
}
LISTEN_PID=""; CIRC_PID=""
cleanup() {
  [ -n "$LISTEN_PID" ] && kill "$LISTEN_PID" 2>/dev/null || true
  [ -n "$CIRC_PID" ] && kill "$CIRC_PID" 2>/dev/null || true
  stop_app
}
trap cleanup EXIT

start_app() { # grab mode [KEY=value settings...]
  local mode=$1; shift
  (cd "$OUT/app" && exec env ASPNETCORE_ENVIRONMENT=Bench \
    ConnectionStrings__MySql="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password=;Database=redpacket_bench;Maximum Pool Size=200" \
    ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    RedPacket__Redis__KeyPrefix="bench:" \
    RedPacket__Database__MigrateOnStart=true \
    RedPacket__Demo__Enabled=false \
    RedPacket__Registration__Enabled=false \
    RedPacket__Refunds__Schedule=false \
    RedPacket__RateLimits__GrabsPerWindow=1000000 \
    RedPacket__RateLimits__SendsPerWindow=1000000 \
    RedPacket__Limits__SendsPerDay=1000000000 RedPacket__Limits__SentCentsPerDay=1000000000000000 \
    RedPacket__Packets__MaxCount=20000 \
    RedPacket__Packets__MaxTotalCents=100000000 \
    RedPacket__Grab__Mode="$mode" \
    DOTNET_PerfMapEnabled="$($PROFILE && echo 1 || echo 0)" DOTNET_EnableWriteXorExecute="$($PROFILE && echo 0 || echo 1)" \
    Logging__LogLevel__Default=Warning \
    "$@" dotnet RedPacket.Web.dll --urls "$URL") >>"$OUT/app.log" 2>&1 &
  APP_PID=$!; echo "$APP_PID" >"$OUT/app.pid"
  for _ in $(seq 1 300); do
    curl -sf "$URL/health/ready" >/dev/null 2>&1 && { say "app up ($mode mode${1:+, $*}, pid $APP_PID)"; return 0; }
    kill -0 "$APP_PID" 2>/dev/null || { say "the app exited; see $OUT/app.log"; tail -n 30 "$OUT/app.log" >&2; exit 1; }
    sleep 0.2
  done
  say "the app did not answer within 60 s"; exit 1
}

# ---- seeding and plans ----------------------------------------------------------------------------------
seed() { # prefix users groups senderCents -> file .bench/seed-<prefix>.txt
  local t0=$SECONDS
  curl -sf -X POST "$URL/api/bench/seed?prefix=$1&users=$2&groups=$3&senderCents=$4" -o "$OUT/seed-$1.txt"
  say "seeded $2 users in $3 groups ($1) in $((SECONDS - t0)) s"
  echo "$1 $2 $((SECONDS - t0))" >>"$OUT/seed-times.txt"
}
packets() { # firstGroup lastGroup perGroup shares totalCents -> "packet g p" lines on stdout
  curl -sf -X POST "$URL/api/bench/packets?firstGroup=$1&lastGroup=$2&perGroup=$3&shares=$4&totalCents=$5&kind=Lucky"
}
group_of() { awk '$1 == "group" { print $2; exit }' "$OUT/seed-$1.txt"; }
plan_one_packet() { # prefix packetId taps -> plan on stdout: every user of the seed, <taps> times in a row
  awk -v p="$2" -v n="$3" '$1 == "user" { for (i = 0; i < n; i++) print "/api/packets/" p "/grab " $3 }' "$OUT/seed-$1.txt"
}

run_wrk() { # name plan [block] -> RESULT line on stdout
  local lines; lines=$(wc -l <"$2")
  say "$1: $lines requests, $CONNS connections"
  rm -rf "$OUT/markers"; mkdir -p "$OUT/markers"
  wrk -t"$THREADS" -c"$CONNS" -d300s --timeout 10s -s scripts/bench/replay.lua "$URL" -- "$2" "$THREADS" "$OUT/markers" "${3:-1}" \
    | tee "$OUT/wrk-$1.txt" | grep '^RESULT'
}
report() { curl -sf "$URL/api/bench/report?firstPacket=$1&lastPacket=$2" | head -n 2; }

# Books after a scenario: the audit holds, nobody holds two shares, and every "claimed" answer is a committed share.
check_books() { # report claimedAnswers
  local consistent twice claimed
  consistent=$(field "$1" consistent); twice=$(field "$1" twice); claimed=$(field "$1" claimed)
  if [ "$consistent" = "true" ] && [ "$twice" = "0" ] && [ "$claimed" = "$2" ]; then echo "ok"
  else echo "FAILED(consistent=$consistent twice=$twice committed=$claimed claimed-answers=$2)"; fi
}
row() { printf '%s\t%s\n' "$1" "$2" >>"$OUT/results.tsv"; printf '[bench] %-28s %s\n' "$1" "$2" >&2; }

# --profile: while a scenario runs, the CPU of each process (pidstat), the app's runtime and RedPacket counters
# (dotnet-counters) and where the app's CPU goes (perf, with the runtime's perf map for JIT-compiled code).
profile_start() { # name
  $PROFILE || return 0
  pidstat -u 1 >"$OUT/pidstat-$1.txt" 2>&1 & PIDSTAT_PID=$!
  "$OUT/tools/dotnet-counters" collect -p "$APP_PID" --format csv -o "$OUT/counters-$1.csv" --refresh-interval 1 \
    --counters System.Runtime,RedPacket >/dev/null 2>&1 & COUNTERS_PID=$!
  perf record -F 499 -e cpu-clock -g -p "$APP_PID" -o "$OUT/perf-$1.data" >/dev/null 2>&1 & PERF_PID=$!
  sleep 2
}
profile_stop() { # name
  $PROFILE || return 0
  local p
  for p in "$PERF_PID" "$COUNTERS_PID" "$PIDSTAT_PID"; do kill -INT "$p" 2>/dev/null || true; done
  sleep 2
  for p in "$PERF_PID" "$COUNTERS_PID" "$PIDSTAT_PID"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  {
    echo "== CPU per process (pidstat, % of one core, seconds with load)"
    awk '$1 != "Average:" && $8 ~ /^[0-9.]+$/ && $NF ~ /^(dotnet|mariadbd|redis-server|wrk)$/ { s[$NF] += $8; n[$NF]++ }
         END { for (k in s) printf "%-14s %6.1f\n", k, s[k] / n[k] }' "$OUT/pidstat-$1.txt"
    echo "== the app's counters (mean over the seconds it was busy)"
    awk -F, 'NR > 1 { v[$3] = v[$3] + $5; n[$3]++ } END { for (k in v) printf "%-80s %.2f\n", k, v[k] / n[k] }' "$OUT/counters-$1.csv" \
      | grep -E 'cpu.time|gc.pause|heap.total_allocated|jit.compil|lock_contentions|thread_pool.thread.count|redpacket' | sort || true
    echo "== the app's CPU by module (perf)"
    perf report -i "$OUT/perf-$1.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -n 8 || true
    echo "== the app's hottest frames, with what they call (perf)"
    perf report -i "$OUT/perf-$1.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -E '^ +[0-9.]+%' \
      | sed 's/  */ /g' | cut -c1-170 | grep -E 'RedPacket|EntityFramework|MySqlConnector|StackExchange|Authentication|SignalR|Kestrel|Json' | head -n 25 || true
  } >"$OUT/profile-$1.txt"
  say "profile of $1 in $OUT/profile-$1.txt"
}

if $PROFILE; then
  command -v pidstat >/dev/null 2>&1 || need_profile+=(sysstat)
  command -v perf >/dev/null 2>&1 || need_profile+=(linux-perf)
  apt_install ${need_profile[@]+"${need_profile[@]}"}
  [ -x "$OUT/tools/dotnet-counters" ] || dotnet tool install dotnet-counters --version 10.0.750501 --tool-path "$OUT/tools" >&2
fi

# ---- the run --------------------------------------------------------------------------------------------
start_app Redis
seed s1 "$S1_USERS" 1 500000000
G1=$(group_of s1)

# S2's world: 2,000 packets of 10 shares in 200 groups of 100; each packet's 10 members tap it, neighbours in the
# plan. Made twice: once for the warm-up, once for the run.
many_packets() { # prefix [interleaved] -> .bench/packets-<prefix>.txt and .bench/plan-<prefix>.txt
  seed "$1" "$S2_USERS" "$S2_GROUPS" 10000000
  local first last order="-k1,1n"
  # Interleaved (S2i): consecutive requests go to different packets, so each packet has only a few taps in flight,
  # as on New Year's Eve when thousands of packets are tapped at once, each by a few people.
  [ "${2:-}" = interleaved ] && order="-k2,2n -k1,1n"
  first=$(awk '$1 == "group" { print $2 }' "$OUT/seed-$1.txt" | sort -n | head -n 1)
  last=$(awk '$1 == "group" { print $2 }' "$OUT/seed-$1.txt" | sort -n | tail -n 1)
  packets "$first" "$last" 10 10 1000 >"$OUT/packets-$1.txt"
  # Each line: packet, the tapper's turn on that packet (0-9), then the request; sorted by packet (bursts) or by turn.
  awk 'FNR == NR { if ($1 == "packet") { k = $2 SUBSEP (n[$2]++); pk[k] = $3 } next }
       $1 == "user" { u = m[$2]++; print pk[$2 SUBSEP int(u / 10)], u % 10, "/api/packets/" pk[$2 SUBSEP int(u / 10)] "/grab " $3 }' \
    "$OUT/packets-$1.txt" "$OUT/seed-$1.txt" | sort -s $order | cut -d' ' -f3- >"$OUT/plan-$1.txt"
}

# A server that has run for a while: the JIT has finished its tiers (a cold process spends a third of its CPU
# compiling during the first storms), the pools are full. Nothing here is reported.
say "warm-up: three 100-share storms, the ceiling twice, one many-packet storm"
for _ in 1 2 3; do
  W=$(packets "$G1" "$G1" 1 100 20000 | awk '{print $3}')
  plan_one_packet s1 "$W" 1 >"$OUT/plan-warm.txt"
  run_wrk warmup "$OUT/plan-warm.txt" >/dev/null
done
awk '$1 == "user" { print "/api/bench/ping -" }' "$OUT/seed-s1.txt" >"$OUT/plan-ceiling.txt"
run_wrk warmup-ceiling "$OUT/plan-ceiling.txt" >/dev/null
run_wrk warmup-ceiling "$OUT/plan-ceiling.txt" >/dev/null
many_packets w2
run_wrk warmup-s2 "$OUT/plan-w2.txt" 10 >/dev/null
many_packets s2
many_packets s2i interleaved

CEIL=$(run_wrk ceiling "$OUT/plan-ceiling.txt")
row ceiling "$CEIL"

s1() { # name
  local p r
  p=$(packets "$G1" "$G1" 1 100 20000 | awk '{print $3}')
  plan_one_packet s1 "$p" 1 >"$OUT/plan-s1.txt"
  r=$(run_wrk "$1" "$OUT/plan-s1.txt")
  row "$1" "$r books=$(check_books "$(report "$p" "$p")" "$(field "$r" claimed)")"
}
# S1 with a listener swarm in the group: hub clients that are online (connected a moment ago), each a member.
s1_listened() { # name (empty: a warm-up, not reported)
  local p r rep lis lag
  p=$(packets "$G1" "$G1" 1 100 20000 | awk '{print $3}')
  plan_one_packet s1 "$p" 1 >"$OUT/plan-s1l.txt"
  dotnet "$OUT/listeners/Listeners.dll" "$URL" "$OUT/seed-s1.txt" "$LISTENERS" "$G1" "$p" 60 >"$OUT/listeners.txt" 2>&1 &
  LISTEN_PID=$!
  for _ in $(seq 1 600); do grep -q '^ready' "$OUT/listeners.txt" && break; sleep 0.1; done
  grep -q '^ready' "$OUT/listeners.txt" || { say "listeners did not connect"; cat "$OUT/listeners.txt" >&2; exit 1; }
  sleep 2
  r=$(run_wrk "${1:-warmup-listeners}" "$OUT/plan-s1l.txt")
  wait "$LISTEN_PID" || true; LISTEN_PID=""
  rep=$(report "$p" "$p")
  lis=$(grep '^LISTEN' "$OUT/listeners.txt" || echo "LISTEN saw_final=0 last_final_ms=0")
  lag=$(( $(field "$lis" last_final_ms) - $(field "$rep" last_claim_ms) ))
  [ -n "$1" ] || return 0
  row "$1" "$r books=$(check_books "$rep" "$(field "$r" claimed)") saw_final=$(field "$lis" saw_final)/$LISTENERS lag_last_settle_to_last_client_ms=$lag"
}

# S1 with N browser sessions on the chat page (scripts/bench/Circuits): real Blazor Server circuits, each a different
# member signed in with the pages' cookie, all open and idle before the storm starts. Reported: the storm's requests/s, how
# many sessions rendered the final count ("All gone") and how long after the last settle (the last one's and the p99),
# and the app's memory per idle circuit: (RSS with the N sessions idle - RSS before they opened) / N, and the same for the
# managed heap after a full collection (GET /api/bench/heap), which leaves out the GC's headroom.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status"; }
heap_kb() { echo $(( $(curl -sf "$URL/api/bench/heap") / 1024 )); }
s1_circuits() { # name circuits (name empty: a warm-up, not reported)
  local n=$2 p r rep out before idle circ lag lag99 kb heap_before heap_idle
  # Each session holds three sockets in the app: its /_blazor WebSocket, and its page's hub client and that hub connection.
  [ $((3 * n + 1000)) -le "$(ulimit -n)" ] || say "warning: $n sessions need about $((3 * n + 1000)) file descriptors, ulimit -n is $(ulimit -n)"
  p=$(packets "$G1" "$G1" 1 100 20000 | awk '{print $3}')
  plan_one_packet s1 "$p" 1 >"$OUT/plan-s1c.txt"
  out="$OUT/circuits-${n}.txt"
  heap_before=$(heap_kb); before=$(rss_kb)
  dotnet "$OUT/circuits/Circuits.dll" "$URL" "$OUT/seed-s1.txt" "$n" "$G1" "$p" 120 --ramp "$CIRCUIT_RAMP" \
    --times "$OUT/circuit-times-${n}.txt" >"$out" 2>&1 &
  CIRC_PID=$!
  for _ in $(seq 1 $((6000 + n * 2))); do grep -q '^ready' "$out" && break; kill -0 "$CIRC_PID" 2>/dev/null || break; sleep 0.1; done
  grep -q '^ready' "$out" || { say "circuits did not open"; cat "$out" >&2; exit 1; }
  sleep 3 # idle: the pages' first renders and live subscriptions done, nothing in flight
  idle=$(rss_kb); heap_idle=$(heap_kb)
  r=$(run_wrk "${1:-warmup-circuits}" "$OUT/plan-s1c.txt")
  wait "$CIRC_PID" || true; CIRC_PID=""
  rep=$(report "$p" "$p")
  circ=$(grep '^CIRCUITS' "$out" || echo "CIRCUITS opened=0 failed=$n dropped=0 saw_final=0 last_final_ms=0 p99_final_ms=0")
  # As the tool computes them (lag_*_ms), from the report read here after the storm.
  lag=$(( $(field "$circ" last_final_ms) - $(field "$rep" last_claim_ms) ))
  lag99=$(( $(field "$circ" p99_final_ms) - $(field "$rep" last_claim_ms) ))
  kb=$(( (idle - before) / n ))
  [ -n "$1" ] || return 0
  row "$1" "$r books=$(check_books "$rep" "$(field "$r" claimed)") circuits=$n opened=$(field "$circ" opened) failed=$(field "$circ" failed) dropped=$(field "$circ" dropped) saw_final=$(field "$circ" saw_final)/$n lag_last_settle_to_last_circuit_ms=$lag lag_p99_ms=$lag99 app_circuits=$(field "$(grep '^ready' "$out")" app_circuits_connected) kb_per_idle_circuit=$kb heap_kb_per_idle_circuit=$(( (heap_idle - heap_before) / n )) rss_before_mb=$((before / 1024)) rss_idle_mb=$((idle / 1024))"
}

profile_start s1
s1 S1
profile_stop s1

P=$(packets "$G1" "$G1" 1 100 20000 | awk '{print $3}')
plan_one_packet s1 "$P" 3 >"$OUT/plan-s1r.txt"
S1R=$(run_wrk S1r "$OUT/plan-s1r.txt")
row S1r "$S1R books=$(check_books "$(report "$P" "$P")" "$(field "$S1R" claimed)")"

# This machine is noisy: S1 with and without listeners, three times each, in turns, after one unreported round
# with listeners (the hub's own code paths get their JIT tiers like the rest).
s1_listened ""
s1_listened "S1 + listeners"
s1 "S1 (2nd)"
s1_listened "S1 + listeners (2nd)"
s1 "S1 (3rd)"
s1_listened "S1 + listeners (3rd)"

# Browser sessions: one small unreported round (the circuit code paths get their JIT tiers), then S1 alone and S1 with N
# sessions open, back to back; the ratio compares these two.
s1_circuits "" "$(( CIRCUITS < 50 ? CIRCUITS : 50 ))"
s1 "S1 (before sessions)"
s1_circuits "S1 + $CIRCUITS browser sessions" "$CIRCUITS"
# The sweep: the same pair for each N, in the order given; each N's memory is measured from the RSS its own sessions found.
for n in $CIRCUIT_SWEEP; do
  s1 "S1 (sweep $n)"
  s1_circuits "S1 + $n browser sessions (sweep)" "$n"
  a=$(awk -F'\t' -v k="S1 (sweep $n)" '$1 == k { print $2 }' "$OUT/results.tsv")
  b=$(awk -F'\t' -v k="S1 + $n browser sessions (sweep)" '$1 == k { print $2 }' "$OUT/results.tsv")
  awk -v n="$n" -v a="$(field "$a" rps)" -v b="$(field "$b" rps)" -v kb="$(field "$b" kb_per_idle_circuit)" \
      -v r0="$(field "$b" rss_before_mb)" -v r1="$(field "$b" rss_idle_mb)" -v o="$(field "$b" opened)" -v f="$(field "$b" failed)" \
      -v d="$(field "$b" dropped)" -v s="$(field "$b" saw_final)" -v l="$(field "$b" lag_last_settle_to_last_circuit_ms)" \
      -v l99="$(field "$b" lag_p99_ms)" -v hk="$(field "$b" heap_kb_per_idle_circuit)" \
      'BEGIN { printf "%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", n, a, b, (a > 0 ? b / a : 0), kb, r0, r1, o, f, d, s, l, l99, hk }' \
    >>"$OUT/circuit-sweep.tsv"
done
[ -z "$CIRCUIT_SWEEP" ] || say "sweep: $OUT/circuit-sweep.tsv"

# A packet's 10 taps are one burst: they go to one wrk thread together (block of 10).
S2=$(run_wrk S2 "$OUT/plan-s2.txt" 10)
P2A=$(awk 'NR == 1 { print $3 }' "$OUT/packets-s2.txt"); P2B=$(awk 'END { print $3 }' "$OUT/packets-s2.txt")
SETTLES=$(awk -v c="$(field "$S2" claimed)" -v s="$(field "$S2" seconds)" 'BEGIN { printf "%.0f", c / s }')
row S2 "$S2 settles_per_s=$SETTLES books=$(check_books "$(report "$P2A" "$P2B")" "$(field "$S2" claimed)")"

# S2i: the same many packets, taps interleaved (block 1: consecutive requests to different packets, 2-3 in flight each).
s2i() { # name prefix
  local r a b
  r=$(run_wrk "$1" "$OUT/plan-$2.txt")
  a=$(awk 'NR == 1 { print $3 }' "$OUT/packets-$2.txt"); b=$(awk 'END { print $3 }' "$OUT/packets-$2.txt")
  row "$1" "$r settles_per_s=$(awk -v c="$(field "$r" claimed)" -v s="$(field "$r" seconds)" 'BEGIN { printf "%.0f", c / s }') books=$(check_books "$(report "$a" "$b")" "$(field "$r" claimed)")"
}
s2i S2i s2i

# S3: one packet of 20,000 shares, every s1 user taps once.
P=$(packets "$G1" "$G1" 1 "$S3_SHARES" $((S3_SHARES * 100)) | awk '{print $3}')
plan_one_packet s1 "$P" 1 >"$OUT/plan-s3.txt"
profile_start s3
S3=$(run_wrk S3 "$OUT/plan-s3.txt")
profile_stop s3
REP=$(report "$P" "$P")
DRAIN=$(awk -v a="$(field "$REP" first_claim_ms)" -v b="$(field "$REP" last_claim_ms)" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
row S3 "$S3 shares=$S3_SHARES drain_s=$DRAIN unclaimed_after=$(field "$REP" unclaimed) books=$(check_books "$REP" "$(field "$S3" claimed)")"

# redis-benchmark on the claim script, against the S1 packet (sold out: the late taps' path).
SHA=$(rcli SCRIPT LOAD "$(curl -sf "$URL/api/bench/claim-script")")
K="bench:rp:{$(awk 'NR == 1 { split($1, a, "/"); print a[4] }' "$OUT/plan-s1.txt")}:"
RB=$(redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -n 200000 -c 50 -r 1000000 -q \
  EVALSHA "$SHA" 4 "${K}shares" "${K}claims" "${K}state" "${K}settled" "user:__rand_int__" 2>/dev/null | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -n 1)
row "redis-benchmark claim" "$RB"

# S2i again without the group commit (one packet's batch per transaction, as before ADR 13), to show what it buys.
# Warmed up first (a restarted app compiles again).
stop_app
start_app Redis RedPacket__Grab__MaxPacketsPerCommit=1
many_packets w2i interleaved
run_wrk warmup-s2i "$OUT/plan-w2i.txt" >/dev/null
many_packets s2j interleaved
s2i "S2i (no group commit)" s2j

# The database-only grab mode (no Redis gate): the same S1 plan against a new packet.
stop_app
start_app Database
P=$(packets "$G1" "$G1" 1 100 20000 | awk '{print $3}')
plan_one_packet s1 "$P" 1 >"$OUT/plan-db.txt"
DB=$(run_wrk S1-database-only "$OUT/plan-db.txt")
row "S1 database-only" "$DB books=$(check_books "$(report "$P" "$P")" "$(field "$DB" claimed)")"
stop_app

# ---- the table ----------------------------------------------------------------------------------------
rps() { field "$(awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$OUT/results.tsv")" rps; }
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(uname -m)), wrk -t$THREADS -c$CONNS co-located; command: scripts/bench.sh $*"
  echo "Seeding: $(awk '{ printf "%s users in %s s; ", $2, $3 }' "$OUT/seed-times.txt")"
  echo
  echo "| scenario | requests/s | p50 ms | p99 ms | statuses | other | books |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name line; do
    case "$name" in
      "redis-benchmark claim") echo "| $name | ${line% requests per second} | | | | EVALSHA, 50 clients | |" ;;
      *) other=""
         for k in claimed already settles_per_s drain_s shares saw_final lag_last_settle_to_last_client_ms \
                  opened failed dropped lag_last_settle_to_last_circuit_ms lag_p99_ms app_circuits kb_per_idle_circuit heap_kb_per_idle_circuit timeouts; do
           v=$(field "$line" "$k"); [ -n "$v" ] && other="$other $k=$v"
         done
         echo "| $name | $(field "$line" rps) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $(field "$line" statuses) |$other | $(field "$line" books) |" ;;
    esac
  done <"$OUT/results.tsv"
  echo
  awk -v s1="$(rps S1)" -v s1b="$(rps 'S1 (2nd)')" -v s1c="$(rps 'S1 (3rd)')" -v c="$(rps ceiling)" -v d="$(rps 'S1 database-only')" \
      -v r="$(rps S1r)" -v l="$(rps 'S1 + listeners')" -v lb="$(rps 'S1 + listeners (2nd)')" -v lc="$(rps 'S1 + listeners (3rd)')" 'BEGIN {
    printf "S1 = %.0f%% of the ceiling; S1r/S1 = %.2f; S1 with %d listeners/S1 = %.2f (all three runs of each); S1/database-only = %.1fx\n",
      100 * s1 / c, r / s1, '"$LISTENERS"', (l + lb + lc) / (s1 + s1b + s1c), s1 / d }'
  awk -v a="$(rps 'S1 (before sessions)')" -v b="$(rps "S1 + $CIRCUITS browser sessions")" \
    'BEGIN { printf "S1 with %d browser sessions/S1 just before = %.2f\n", '"$CIRCUITS"', (a > 0 ? b / a : 0) }'
} | tee "$OUT/results.md"
bash scripts/bench/chart.sh "$OUT" "$ROOT/docs" || say "the charts were not drawn (see above)"
grep -q 'FAILED' "$OUT/results.tsv" && { say "a scenario's books did not check out"; exit 1; }
exit 0
