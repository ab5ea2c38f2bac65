#!/usr/bin/env bash
# A long steady run of a realistic mix against one Release node of the app, watching for leaks and slow creep:
#   scripts/soak.sh [--minutes 30] [--vus 96] [--pace-ms 10]
# The node runs on port 5095 (Bench environment, database redpacket_soak, Redis key prefix soak:) against the local
# MariaDB and Redis (scripts/services.sh; whatever already answers on 3310/6390 is used as it is), with packets
# living 2 minutes and the refund job every 30 s. The load (scripts/nemesis/Storm, `soak` verb): users tapping
# "grab" on a pace (repeat taps included) in nine busy groups, a new packet every 200 ms round ten groups (the
# tenth is quiet, so the refund job has shares to return), a chat line every 200 ms, and 20 SignalR listeners joining
# and leaving groups. Every 10 s: req/s, p50/p99, the app's RSS and GC heap, its Error log lines; once a minute the
# live heap after a full collection (GET /api/bench/heap).
# Pass: over the last 20 minutes RSS and the live heap grow at most 5%, p99 stays flat, no Error log line, no 5xx or
# unanswered request, and the books balance. Writes .soak/ (samples, verdict, results.md) and the chart docs/soak.png.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
. "$ROOT/scripts/lib/processes.sh"
# shellcheck source=lib/probes.sh
. "$ROOT/scripts/lib/probes.sh"
# shellcheck source=lib/app_node.sh
. "$ROOT/scripts/lib/app_node.sh"
say() { printf '[soak] %s\n' "$*" >&2; }
cd "$ROOT"
OUT="$ROOT/.soak"; PORT=5095; RUN_IN=()
MYSQL_PORT="${RP_MYSQL_PORT:-3310}"; REDIS_PORT="${RP_REDIS_PORT:-6390}"
MINUTES=30; VUS=96; PACE_MS=10
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift ;;
    --vus) VUS="$2"; shift ;;
    --pace-ms) PACE_MS="$2"; shift ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done

need=()
command -v gnuplot >/dev/null 2>&1 || need+=(gnuplot-nox)
command -v curl >/dev/null 2>&1 || need+=(curl)
apt_install ${need[@]+"${need[@]}"}
if mysql_up && redis_up; then say "using the MariaDB on $MYSQL_PORT and the Redis on $REDIS_PORT that already answer"
else bash scripts/services.sh start >&2; fi

mkdir -p "$OUT"
cleanup() { stop_node "soak node" "$OUT/app.pid" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building the app and the load generator (Release)"
publish_app "$OUT/app"
publish_storm "$OUT/storm"
mariadb --no-defaults -h127.0.0.1 -P"$MYSQL_PORT" -uroot -e "DROP DATABASE IF EXISTS redpacket_soak"
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --scan --pattern 'soak:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" del >/dev/null
: >"$OUT/app.log"

start_node "$OUT/app" "$PORT" "$OUT/app.pid" "$OUT/app.log" \
  ConnectionStrings__MySql="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password=;Database=redpacket_soak;Maximum Pool Size=200" \
  ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
  RedPacket__Redis__KeyPrefix="soak:" \
  RedPacket__Packets__Lifetime=00:02:00 \
  RedPacket__Refunds__Schedule=true \
  RedPacket__Refunds__Interval=00:00:30
wait_node "$PORT" "$OUT/app.pid" "$OUT/app.log"
say "seeding 5,000 users in 10 groups"
curl -sf -X POST "http://127.0.0.1:$PORT/api/bench/seed?prefix=soak&users=5000&groups=10&senderCents=2000000000" -o "$OUT/seed.txt"

STARTED_AT="$(date -u '+%Y-%m-%d %H:%M UTC')"
set +e
dotnet "$OUT/storm/Storm.dll" soak --node "http://127.0.0.1:$PORT" --seed "$OUT/seed.txt" --minutes "$MINUTES" \
  --vus "$VUS" --pace-ms "$PACE_MS" --app-pid "$(pid_of "$OUT/app.pid")" --log "$OUT/app.log" \
  --samples "$OUT/samples.tsv" --verdict "$OUT/verdict.txt" 2> >(tee "$OUT/soak.log" >&2)
status=$?
set -e

bash "$ROOT/scripts/soak/chart.sh" "$OUT/samples.tsv" "$ROOT/docs/soak.png"
{
  echo "Measured $STARTED_AT on $(nproc) cores; command: scripts/soak.sh --minutes $MINUTES --vus $VUS --pace-ms $PACE_MS"
  echo
  echo '```'
  cat "$OUT/verdict.txt" 2>/dev/null || echo "no verdict (see $OUT/soak.log)"
  echo '```'
} | tee "$OUT/results.md"
exit "$status"
