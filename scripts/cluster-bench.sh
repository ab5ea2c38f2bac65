#!/usr/bin/env bash
# S1 on the cluster of scripts/cluster.sh, in one run: 30,000 distinct users tap one 100-share packet
#   - straight at one web node (127.0.0.1:5301), and
#   - through nginx (127.0.0.1:5300) over the three nodes,
# in turns (1 node, 3 nodes, 1 node, 3 nodes: this box is noisy), each on a fresh packet, the books checked after each.
# Everything else as in a normal run of the cluster: Redis Cluster, MariaDB primary + replica, default settle linger;
# the grab budget is lifted so the limiter does not answer instead of the app. Prints one table (markdown) for
# docs/SCALING.md and stops the cluster at the end (RP_CLUSTER_KEEP=1 leaves it running).
#   scripts/cluster-bench.sh [users]     (default 30000)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
C="${RP_CLUSTER_DIR:-$ROOT/.data/cluster}"
OUT="$C/bench"
USERS="${1:-30000}"
say() { printf '[cluster-bench] %s\n' "$*" >&2; }
# shellcheck source=lib/text.sh
. "$ROOT/scripts/lib/text.sh"

export RedPacket__RateLimits__GrabsPerWindow=1000000 RedPacket__RateLimits__SendsPerWindow=1000000 Logging__LogLevel__Default=Warning
cleanup() { [ "${RP_CLUSTER_KEEP:-0}" = "1" ] || bash scripts/cluster.sh stop >&2 || true; }
trap cleanup EXIT
bash scripts/cluster.sh stop >&2
bash scripts/cluster.sh start >&2
rm -rf "$OUT"; mkdir -p "$OUT"

BALANCER="http://127.0.0.1:5300"
say "seeding $USERS users"
curl -sf -X POST "$BALANCER/api/bench/seed?prefix=b$(date +%s)&users=$USERS&groups=1&senderCents=1000000000" -o "$OUT/seed.txt"
GROUP=$(awk '$1 == "group" { print $2; exit }' "$OUT/seed.txt")
awk '$1 == "user" { print $3 }' "$OUT/seed.txt" >"$OUT/users.txt"

run() { # label url -> one table row
  local p r rep markers="$OUT/markers-$RANDOM"
  p=$(curl -sf -X POST "$BALANCER/api/bench/packets?firstGroup=$GROUP&lastGroup=$GROUP&perGroup=1&shares=100&totalCents=10000&kind=Lucky" | awk '{ print $3 }')
  awk -v p="$p" '{ print "/api/packets/" p "/grab " $1 }' "$OUT/users.txt" >"$OUT/plan.txt"
  mkdir -p "$markers"
  say "$1: $USERS users on packet $p at $2"
  r=$(wrk -t2 -c128 -d300s --timeout 10s -s scripts/bench/replay.lua "$2" -- "$OUT/plan.txt" 2 "$markers" | grep '^RESULT' || true)
  rep=$(curl -sf -m 30 "$BALANCER/api/bench/report?firstPacket=$p&lastPacket=$p" | head -n 1)
  printf '| %s | %s | %s | %s | %s | %s/100 claimed, twice %s, consistent %s |\n' "$1" "$(field "$r" rps)" "$(field "$r" p50_ms)" \
    "$(field "$r" p99_ms)" "$(field "$r" statuses)" "$(field "$rep" claimed)" "$(field "$rep" twice)" "$(field "$rep" consistent)" | tee -a "$OUT/table.md"
}

{
  echo "S1 on the cluster, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, everything on one box; command: scripts/cluster-bench.sh $USERS"
  echo
  echo "| run | requests/s | p50 ms | p99 ms | statuses | books |"
  echo "|---|---|---|---|---|---|"
} | tee "$OUT/table.md"
run "1 node (5301 direct)" "http://127.0.0.1:5301"
run "3 nodes through nginx" "$BALANCER"
run "1 node (2nd)" "http://127.0.0.1:5301"
run "3 nodes through nginx (2nd)" "$BALANCER"
