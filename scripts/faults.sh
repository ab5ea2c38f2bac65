#!/usr/bin/env bash
# Fault drills during a storm of grabs, against a Release build of the app on its own port (5091), the local
# MariaDB and Redis (scripts/services.sh), its own database (redpacket_faults) and Redis key prefix (faults:).
#   scripts/faults.sh           three rounds, about six minutes
# Each round: a fresh set of packets, a steady storm of taps (wrk, scripts/faults/storm.lua, 50 s), and 10 s in
#   redis    Redis is killed (SIGKILL) and started again, empty (it keeps nothing on disk);
#   mariadb  MariaDB is killed (SIGKILL) and started again 5 s later;
#   app      the app is killed (SIGKILL) while claims sit between the pop in Redis and the commit in MySQL (the
#            app runs this round with a 500 ms settle linger, so about a hundred claims are in that window),
#            then started again.
# Then, 60 s after the service came back: the books (cents lost, shares paid twice), the claims Redis holds
# that MySQL does not, the seconds from recovery to the first new claim, and every answer by status.
# The table ends up in .faults/results.md (docs/RELIABILITY.md keeps it). Leaves the services running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
. "$ROOT/scripts/lib/processes.sh"
# shellcheck source=lib/text.sh
. "$ROOT/scripts/lib/text.sh"
# shellcheck source=lib/probes.sh
. "$ROOT/scripts/lib/probes.sh"
cd "$ROOT"
OUT="$ROOT/.faults"
PORT="${RP_FAULTS_PORT:-5091}"
URL="http://127.0.0.1:$PORT"
DATA="${RP_DATA_DIR:-$ROOT/.data}"
USERS=3000; PACKETS=600; SHARES=20; TAPS_PER_PACKET=25
say() { printf '[faults] %s\n' "$*" >&2; }
mkdir -p "$OUT"
: >"$OUT/results.tsv"

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v curl >/dev/null 2>&1 || need+=(curl)
apt_install ${need[@]+"${need[@]}"}
bash scripts/services.sh start >&2
MYSQL_PORT="${RP_MYSQL_PORT:-3310}"; REDIS_PORT="${RP_REDIS_PORT:-6390}"

say "building (Release)"
dotnet publish RedPacket.Web -c Release -o "$OUT/app" -nologo -v q >&2
mariadb --no-defaults -h127.0.0.1 -P"$MYSQL_PORT" -uroot -e "DROP DATABASE IF EXISTS redpacket_faults"
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --scan --pattern 'faults:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" del >/dev/null

APP_PID=""; STORM_PID=""
cleanup() {
  [ -n "$STORM_PID" ] && kill "$STORM_PID" 2>/dev/null || true
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  return 0
}
trap cleanup EXIT

start_app() { # extra "KEY=value" settings
  (cd "$OUT/app" && exec env ASPNETCORE_ENVIRONMENT=Bench \
    ConnectionStrings__MySql="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password=;Database=redpacket_faults;Maximum Pool Size=200" \
    ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    RedPacket__Redis__KeyPrefix="faults:" \
    RedPacket__Database__MigrateOnStart=true \
    RedPacket__Demo__Enabled=false \
    RedPacket__Registration__Enabled=false \
    RedPacket__Refunds__Schedule=false \
    RedPacket__RateLimits__GrabsPerWindow=1000000 \
    RedPacket__RateLimits__SendsPerWindow=1000000 \
    RedPacket__Limits__SendsPerDay=1000000000 RedPacket__Limits__SentCentsPerDay=1000000000000000 \
    Logging__LogLevel__Default=Warning \
    "$@" dotnet RedPacket.Web.dll --urls "$URL") >>"$OUT/app.log" 2>&1 &
  APP_PID=$!; echo "$APP_PID" >"$OUT/app.pid"
}
wait_ready() { # -> ms when /health/ready first answered 200
  local deadline=$((SECONDS + 120))
  until curl -sf -m 2 "$URL/health/ready" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { say "the app is not ready after 120 s; see $OUT/app.log"; exit 1; }
    sleep 0.1
  done
  now_ms
}
stop_app() {
  [ -n "$APP_PID" ] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

start_app
wait_ready >/dev/null
say "seeding $USERS users"
curl -sf -X POST "$URL/api/bench/seed?prefix=f&users=$USERS&groups=1&senderCents=2000000000" -o "$OUT/seed.txt"
GROUP=$(awk '$1 == "group" { print $2; exit }' "$OUT/seed.txt")

# ---- the faults: each sets RECOVERED_MS (when the service was back) and DOWN_MS (how long it was away) --------------
fault_redis() {
  local pid t0; pid=$(tr -dc '0-9' <"$DATA/redis.pid"); t0=$(now_ms)
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  bash scripts/services.sh start >/dev/null 2>&1
  until redis_up; do sleep 0.05; done
  RECOVERED_MS=$(now_ms); DOWN_MS=$((RECOVERED_MS - t0))
}
fault_mariadb() {
  local pid t0; pid=$(tr -dc '0-9' <"$DATA/mariadb.pid"); t0=$(now_ms)
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  sleep 5
  bash scripts/services.sh start >/dev/null 2>&1
  until mysql_up; do sleep 0.1; done
  RECOVERED_MS=$(now_ms); DOWN_MS=$((RECOVERED_MS - t0))
}
fault_app() {
  local t0; t0=$(now_ms)
  kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  start_app RedPacket__Grab__Linger=00:00:00.500
  RECOVERED_MS=$(wait_ready); DOWN_MS=$((RECOVERED_MS - t0))
}


round() { # name fault-function [app settings for the whole round]
  local name=$1 fault=$2; shift 2
  stop_app; start_app "$@"; wait_ready >/dev/null
  say "$name: $PACKETS packets of $SHARES shares"
  curl -sf -X POST "$URL/api/bench/packets?firstGroup=$GROUP&lastGroup=$GROUP&perGroup=$PACKETS&shares=$SHARES&totalCents=$((SHARES * 100))&kind=Lucky" \
    >"$OUT/packets-$name.txt"
  local first last
  first=$(awk 'NR == 1 { print $3 }' "$OUT/packets-$name.txt"); last=$(awk 'END { print $3 }' "$OUT/packets-$name.txt")
  # Each packet's taps come from a different slice of the users, packet after packet.
  awk -v taps="$TAPS_PER_PACKET" -v users="$USERS" 'FNR == NR { if ($1 == "user") u[n++] = $3; next }
       { for (i = 0; i < taps; i++) print "/api/packets/" $3 "/grab", u[(FNR * taps + i) % n] }' \
    "$OUT/seed.txt" "$OUT/packets-$name.txt" >"$OUT/plan-$name.txt"

  # 16 connections, each tapping every 50 ms: about 320 taps/s, so new shares are claimed all through the storm.
  wrk -t2 -c16 -d50s --timeout 5s -s scripts/faults/storm.lua "$URL" -- "$OUT/plan-$name.txt" 2 \
    >"$OUT/storm-$name.txt" 2>&1 &
  STORM_PID=$!
  sleep 10
  say "$name: fault"
  local fault_ms; fault_ms=$(now_ms)
  "$fault"
  say "$name: back after $((DOWN_MS / 1000)).$(( (DOWN_MS % 1000) / 100 )) s"
  # Right after recovery: the claims popped in Redis that MySQL has not seen (a killed app's, left between the two).
  local at_recovery
  at_recovery=$(field "$(curl -sf -m 10 "$URL/api/bench/unsettled?firstPacket=$first&lastPacket=$last" || echo unsettled=?)" unsettled)
  wait "$STORM_PID" || true; STORM_PID=""
  local wait_s=$(( (RECOVERED_MS + 60000 - $(now_ms)) / 1000 ))
  [ "$wait_s" -gt 0 ] && { say "$name: waiting $wait_s s more (60 s after recovery)"; sleep "$wait_s"; }

  local report unsettled lost first_claim statuses no_retry errors
  report=$(curl -sf "$URL/api/bench/report?firstPacket=$first&lastPacket=$last" | head -n 1)
  unsettled=$(field "$(curl -sf "$URL/api/bench/unsettled?firstPacket=$first&lastPacket=$last")" unsettled)
  lost=$(( $(field "$report" minted) - $(field "$report" balances) - $(field "$report" escrow) ))
  first_claim=$(awk -v r="$RECOVERED_MS" '$1 == "CLAIMED" && $2 >= r - 100 { if (min == "" || $2 < min) min = $2 }
      END { if (min == "") print "none"; else { d = (min - r) / 1000; if (d < 0) d = 0; printf "%.1f", d } }' "$OUT/storm-$name.txt")
  statuses=$(awk '$1 == "STATUS" { s[$3] += $4 } END { for (k in s) printf "%s:%d ", k, s[k] }' "$OUT/storm-$name.txt" | tr ' ' '\n' | sort | tr '\n' ' ')
  no_retry=$(awk '$1 == "NO_RETRY_AFTER" { print $2 }' "$OUT/storm-$name.txt")
  errors=$(awk '$1 == "SOCKET_ERRORS" { print $2 }' "$OUT/storm-$name.txt")
  printf '%s\t%s\n' "$name" "down_s=$(awk -v d="$DOWN_MS" 'BEGIN { printf "%.1f", d / 1000 }') cents_lost=$lost paid_twice=$(field "$report" twice) consistent=$(field "$report" consistent) unsettled_at_recovery=$at_recovery unsettled_60s=$unsettled first_claim_after_s=$first_claim no_retry_after_503=$no_retry socket_errors=$errors statuses=${statuses% }" \
    >>"$OUT/results.tsv"
  say "$name: $(tail -n 1 "$OUT/results.tsv" | cut -f2)"
}

round redis fault_redis
round mariadb fault_mariadb
round app fault_app RedPacket__Grab__Linger=00:00:00.500
stop_app

{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores; command: scripts/faults.sh"
  echo
  echo "| fault | away (s) | cents lost | shares paid twice | books | claims in Redis, not in MySQL: at recovery → 60 s after | first new claim after recovery (s) | 503 without Retry-After | answers by status | connection errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name line; do
    st=$(field "$line" statuses)
    echo "| $name | $(field "$line" down_s) | $(field "$line" cents_lost) | $(field "$line" paid_twice) | $([ "$(field "$line" consistent)" = true ] && echo consistent || echo INCONSISTENT) | $(field "$line" unsettled_at_recovery) → $(field "$line" unsettled_60s) | $(field "$line" first_claim_after_s) | $(field "$line" no_retry_after_503) | ${line#*statuses=} | $(field "$line" socket_errors) |"
  done <"$OUT/results.tsv"
} | tee "$OUT/results.md"

# Pass only if nothing was lost, nothing paid twice, nothing left unsettled, no 500, and every 503 said when to retry.
if awk -F'\t' '{ if ($2 !~ /cents_lost=0 / || $2 !~ /paid_twice=0 / || $2 !~ /consistent=true / || $2 !~ /unsettled_60s=0 / ||
                     $2 !~ /no_retry_after_503=0 / || $2 ~ /(^| )500:/ || $2 ~ /first_claim_after_s=none/) bad = 1 } END { exit bad }' "$OUT/results.tsv"; then
  echo "faults: every round held"
else
  echo "faults: a round did NOT hold (see above)"; exit 1
fi
