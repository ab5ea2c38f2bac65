#!/usr/bin/env bash
# Fault drills with a checked history. Everything runs inside a network namespace this script creates (and always
# removes): MariaDB (3410), Redis (6490), one or two Release nodes of the app (5093, 5094; Bench environment, a
# database and key prefix per drill) and the load generator (scripts/nemesis/Storm), all on the namespace's loopback,
# so a link can be cut with iptables there without touching the host. State, logs and histories: .nemesis/.
#   scripts/nemesis.sh DRILL...              redis-cut mysql-cut app-pause redis-pause mysql-pause clock-skew
#                                            cluster-partition, or all (every one of those), about 2 minutes each
#   scripts/nemesis.sh random --minutes 10 [--seed N]   a random schedule of those faults; prints its seed
# Each drill: a storm of grabs by 3,000 users (32 virtual users tapping every 50 ms, split over the nodes) with a new
# packet sent through the API every 250 ms; the fault 10 s in; 60 s after healing, the history of every answer is
# checked against MySQL (Storm check: acknowledged claims lost or changed, shares paid twice, packets that do not
# add up, the books, 500s, 503s without Retry-After, claims left unsettled). One verdict line per drill; the table
# goes to .nemesis/results.md (docs/RELIABILITY.md keeps it). Exits non-zero if any drill failed, after running all.
# For people, not CI: it needs root (ip netns, iptables) and takes minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
. "$ROOT/scripts/lib/processes.sh"
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
# shellcheck source=lib/app_node.sh
. "$ROOT/scripts/lib/app_node.sh"
# shellcheck source=nemesis/servers.sh
. "$ROOT/scripts/nemesis/servers.sh"
# shellcheck source=nemesis/faults.sh
. "$ROOT/scripts/nemesis/faults.sh"
# shellcheck source=nemesis/drill.sh
. "$ROOT/scripts/nemesis/drill.sh"
# shellcheck source=nemesis/cluster.sh
. "$ROOT/scripts/nemesis/cluster.sh"
# shellcheck source=nemesis/random.sh
. "$ROOT/scripts/nemesis/random.sh"

say() { printf '[nemesis] %s\n' "$*" >&2; }
NS="${RP_NEMESIS_NS:-rpnemesis}"
OUT="$ROOT/.nemesis"
MYSQL_PORT=3410; REDIS_PORT=6490; PORT_A=5093; PORT_B=5094
USERS=3000; PREMADE=40; SHARES=20; VUS=32; PACE_MS=50; SEND_MS=250
APP="$OUT/app"; STORM="$OUT/storm"; RUN_IN=(ip netns exec "$NS")
ALL=(redis-cut mysql-cut app-pause redis-pause mysql-pause clock-skew cluster-partition)

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { say "needs root (ip netns, iptables inside the namespace)"; exit 1; }
DRILLS=(); MINUTES=10; SEED=""
while [ $# -gt 0 ]; do
  case "$1" in
    all) DRILLS+=("${ALL[@]}") ;;
    redis-cut|mysql-cut|app-pause|redis-pause|mysql-pause|clock-skew|cluster-partition|random) DRILLS+=("$1") ;;
    --minutes) MINUTES="$2"; shift ;;
    --seed) SEED="$2"; shift ;;
    -h|--help) usage ;;
    *) say "unknown drill or option: $1"; usage ;;
  esac
  shift
done
[ "${#DRILLS[@]}" -gt 0 ] || usage

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v mariadbd >/dev/null 2>&1 || need+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || need+=(mariadb-client)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
apt_install ${need[@]+"${need[@]}"}

cleanup() {
  local f
  set +e
  if alive "$OUT/storm.pid" dotnet; then kill -TERM "$(pid_of "$OUT/storm.pid")"; fi
  for f in "$OUT"/*/a.pid "$OUT"/*/b.pid; do [ -f "$f" ] && stop_node "node $(basename "$f" .pid)" "$f" >/dev/null 2>&1; done
  stop_servers >/dev/null 2>&1
  stop_cluster >/dev/null 2>&1
  ns_remove
}

mkdir -p "$OUT"
# A namespace left by an earlier run that died: stop what our PID files name, then remove it.
if ip netns list | grep -qw "$NS"; then say "an earlier $NS namespace is still there: cleaning it up"; cleanup; fi
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building the app and the load generator (Release)"
publish_app "$APP"
publish_storm "$STORM"
KEK="$(openssl rand -base64 32)"
rm -f "$OUT/summary.tsv"
ns_create
start_servers
FAILED=()
STARTED_AT="$(date -u '+%Y-%m-%d %H:%M UTC')"

for drill in "${DRILLS[@]}"; do
  NODE_A_SETTINGS=(); NODE_B_SETTINGS=(); REDIS_ENDPOINTS=""; FAULT_AT=10; STORM_SEED=1
  case "$drill" in
    redis-cut) run_drill redis-cut 1 60 fault_redis_cut ;;
    mysql-cut) run_drill mysql-cut 1 60 fault_mysql_cut ;;
    # A 200 ms settle linger keeps more of A's claims between the pop in Redis and the commit when it freezes; a 5 s
    # reconciler interval (the lock is held one interval) lets B's reconciler run while A is frozen and its claims
    # are past the 10 s MinAge (with the 15 s default, A often still held the lock for most of the pause).
    app-pause) run_drill app-pause 2 60 fault_app_pause RedPacket__Grab__Linger=00:00:00.200 RedPacket__Reconciler__Interval=00:00:05 ;;
    redis-pause) run_drill redis-pause 1 60 fault_redis_pause ;;
    mysql-pause) run_drill mysql-pause 1 60 fault_mysql_pause ;;
    # Packets live a minute; each node's refund job looks every 10 s; B is 10 minutes ahead, so it refunds A's packets
    # while A still hands their shares out. The storm runs 100 s: through the expiry of the packets sent at its start.
    clock-skew)
      NODE_B_SETTINGS=(RedPacket__Drill__ClockOffset=00:10:00)
      run_drill clock-skew 2 100 fault_clock_skew RedPacket__Packets__Lifetime=00:01:00 \
        RedPacket__Refunds__Schedule=true RedPacket__Refunds__Interval=00:00:10 ;;
    cluster-partition) cluster_drill ;;
    random) random_drill "$MINUTES" "$SEED" ;;
  esac
done

{
  echo "Measured $STARTED_AT on $(nproc) cores; command: scripts/nemesis.sh ${DRILLS[*]}"
  echo
  echo "| drill | requests | acknowledged claims (claimed + alreadyClaimed) | lost | changed | paid twice | 500s | 503s | 503s without Retry-After | unsettled after 60 s | books | verdict |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s (%s + %s) | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $3, $5, $4, $5 - $4, $6, $7, $8, $9, $10, $11, $12, $13, $2 }' "$OUT/summary.tsv"
} | tee "$OUT/results.md"
if [ "${#FAILED[@]}" -gt 0 ]; then say "FAILED: ${FAILED[*]}"; exit 1; fi
say "every drill held"
