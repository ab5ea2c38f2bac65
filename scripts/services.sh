#!/usr/bin/env bash
# Local MariaDB and Redis for RedPacket: installed from apt when missing, started on loopback on the
# project's own ports with their state in .data/, stopped by PID file only (never by name).
#   scripts/services.sh install [--browser] | start [redis|mariadb|cluster] | stop [redis|mariadb|cluster] | status | env
# Settings: RP_DATA_DIR (default <repo>/.data), RP_REDIS_PORT (6390), RP_MYSQL_PORT (3310),
# RP_REDIS_CLUSTER_PORTS ("6391 6392 6393": a 3-master Redis Cluster, no replicas, for the cluster tests).
# `eval "$(scripts/services.sh env)"` exports the two connection strings the app and tests read, and
# RP_REDIS_CLUSTER (the cluster's seed endpoints) for the tests that run the app's scripts on a cluster.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
. "$ROOT/scripts/lib/processes.sh"
S="${RP_DATA_DIR:-$ROOT/.data}"
REDIS_PORT="${RP_REDIS_PORT:-6390}"
MYSQL_PORT="${RP_MYSQL_PORT:-3310}"
read -r -a CLUSTER_PORTS <<<"${RP_REDIS_CLUSTER_PORTS:-6391 6392 6393}"

say() { printf '[services] %s\n' "$*"; }

install() {
  local want=()
  command -v redis-server >/dev/null 2>&1 || want+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || want+=(redis-tools)
  command -v mariadbd >/dev/null 2>&1 || want+=(mariadb-server)
  command -v mariadb >/dev/null 2>&1 || want+=(mariadb-client)
  if [ "${1:-}" = "--browser" ]; then
    [ -x /usr/bin/chromium ] || want+=(chromium)
    # Chinese greetings and the 🧧 in screenshots need fonts a minimal Debian lacks.
    [ -d /usr/share/fonts/truetype/wqy ] || want+=(fonts-wqy-zenhei)
    [ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || want+=(fonts-noto-color-emoji)
    # The test command checks the Redis scripts' syntax with Redis's own Lua version (5.1).
    command -v luac5.1 >/dev/null 2>&1 || want+=(lua5.1)
  fi
  apt_install ${want[@]+"${want[@]}"}
}

# shellcheck source=lib/probes.sh
. "$ROOT/scripts/lib/probes.sh"

wait_for() { # name check log [pidfile program]: poll the probe for up to 30 s
  local deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ]; do
    "$2" && return 0
    if [ -n "${4:-}" ] && ! alive "$4" "$5"; then
      say "$1 exited during start-up; last lines of $3:"; tail -n 30 "$3" >&2 || true; exit 1
    fi
    sleep 0.2
  done
  say "$1 did not answer within 30 s; last lines of $3:"; tail -n 30 "$3" >&2 || true; exit 1
}

start_redis() {
  mkdir -p "$S/redis"
  if alive "$S/redis.pid" redis-server; then
    # Ours and alive: leave it alone (give a process that is still starting the usual time).
    wait_for redis redis_up "$S/redis.log"
    say "redis already running on 127.0.0.1:$REDIS_PORT (pid $(pid_of "$S/redis.pid")), left alone"
    return 0
  fi
  rm -f "$S/redis.pid"
  if redis_up; then say "port $REDIS_PORT already answers PONG but not from our pid file; refusing to start a second redis"; exit 1; fi
  setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --maxmemory-policy noeviction --dir "$S/redis" --logfile "$S/redis.log" </dev/null >/dev/null 2>&1 &
  echo $! >"$S/redis.pid"
  wait_for redis redis_up "$S/redis.log" "$S/redis.pid" redis-server
  say "redis started on 127.0.0.1:$REDIS_PORT (pid $(pid_of "$S/redis.pid"))"
}

start_mariadb() {
  if alive "$S/mariadb.pid" mariadbd; then
    wait_for mariadb mysql_up "$S/mariadb.err"
    say "mariadb already running on 127.0.0.1:$MYSQL_PORT (pid $(pid_of "$S/mariadb.pid")), left alone"
    return 0
  fi
  rm -f "$S/mariadb.pid"
  if mysql_up; then say "port $MYSQL_PORT already answers but not from our pid file; refusing to start a second mariadb"; exit 1; fi
  mkdir -p "$S"
  if [ ! -d "$S/mysql/mysql" ]; then
    if ! mariadb-install-db --no-defaults --datadir="$S/mysql" --user=root \
        --auth-root-authentication-method=normal --skip-test-db >"$S/mariadb-install.log" 2>&1; then
      say "mariadb-install-db failed; last lines of $S/mariadb-install.log:"; tail -n 30 "$S/mariadb-install.log" >&2; exit 1
    fi
  fi
  setsid mariadbd --no-defaults --datadir="$S/mysql" --socket="$S/mysql.sock" --port="$MYSQL_PORT" \
    --bind-address=127.0.0.1 --user=root --skip-name-resolve --max-connections=600 \
    --pid-file="$S/mariadbd.pid" --log-error="$S/mariadb.err" </dev/null >/dev/null 2>&1 &
  echo $! >"$S/mariadb.pid"
  wait_for mariadb mysql_up "$S/mariadb.err" "$S/mariadb.pid" mariadbd
  say "mariadb started on 127.0.0.1:$MYSQL_PORT (pid $(pid_of "$S/mariadb.pid"))"
}

# ---- the Redis Cluster: one redis-server per port, its nodes.conf in .data/redis-cluster-<port>. Without persistence
# (like 6390) a restarted node comes back empty but keeps its slots from nodes.conf, so the cluster re-forms by itself;
# `cluster create` runs only while no slot is assigned yet.
cluster_node_up() { [ "$(timeout 3 redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]; }
cluster_info() { timeout 3 redis-cli -h 127.0.0.1 -p "${CLUSTER_PORTS[0]}" cluster info 2>/dev/null | tr -d '\r'; }
cluster_ok() { cluster_info | grep -q '^cluster_state:ok$'; }
cluster_unassigned() { cluster_info | grep -q '^cluster_slots_assigned:0$'; }

start_cluster_node() { # port
  local port="$1" dir="$S/redis-cluster-$1" pidf="$S/redis-cluster-$1.pid"
  mkdir -p "$dir"
  if alive "$pidf" redis-server; then return 0; fi
  rm -f "$pidf"
  if cluster_node_up "$port"; then say "port $port already answers PONG but not from our pid file; refusing to start a cluster node there"; exit 1; fi
  # cluster-node-timeout is short so a test that stops a node sees the failure soon; no replicas, so no failover.
  setsid redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --maxmemory-policy noeviction \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
    --dir "$dir" --logfile "$dir/redis.log" </dev/null >/dev/null 2>&1 &
  echo $! >"$pidf"
}

start_cluster() {
  local port endpoints=() deadline
  for port in "${CLUSTER_PORTS[@]}"; do start_cluster_node "$port"; endpoints+=("127.0.0.1:$port"); done
  for port in "${CLUSTER_PORTS[@]}"; do
    # shellcheck disable=SC2317 # called through wait_for
    probe() { cluster_node_up "$port"; }
    wait_for "redis cluster node $port" probe "$S/redis-cluster-$port/redis.log" "$S/redis-cluster-$port.pid" redis-server
  done
  if cluster_unassigned; then
    if ! timeout 30 redis-cli --cluster create "${endpoints[@]}" --cluster-replicas 0 --cluster-yes \
        >"$S/redis-cluster-create.log" 2>&1; then
      say "redis cluster create failed; last lines of $S/redis-cluster-create.log:"; tail -n 30 "$S/redis-cluster-create.log" >&2; exit 1
    fi
  fi
  deadline=$((SECONDS + 30))
  until cluster_ok; do
    if [ "$SECONDS" -ge "$deadline" ]; then say "redis cluster not ok within 30 s:"; cluster_info >&2; exit 1; fi
    sleep 0.2
  done
  say "redis cluster ok on $(cluster_cs)"
}

stop_cluster() {
  local port
  for port in "${CLUSTER_PORTS[@]}"; do stop_one "redis cluster node $port" "$S/redis-cluster-$port.pid" redis-server; done
}

status() {
  local ans
  if alive "$S/redis.pid" redis-server; then
    redis_up && ans="answering" || ans="NOT answering"
    say "redis running (pid $(pid_of "$S/redis.pid"), 127.0.0.1:$REDIS_PORT, $ans)"
  else say "redis stopped"; fi
  if alive "$S/mariadb.pid" mariadbd; then
    mysql_up && ans="answering" || ans="NOT answering"
    say "mariadb running (pid $(pid_of "$S/mariadb.pid"), 127.0.0.1:$MYSQL_PORT, $ans)"
  else say "mariadb stopped"; fi
  local port up=0
  for port in "${CLUSTER_PORTS[@]}"; do alive "$S/redis-cluster-$port.pid" redis-server && up=$((up + 1)); done
  if [ "$up" -eq "${#CLUSTER_PORTS[@]}" ]; then
    cluster_ok && ans="cluster_state:ok" || ans="NOT ok"
    say "redis-cluster running ($(cluster_cs), $ans)"
  elif [ "$up" -gt 0 ]; then say "redis-cluster partly running ($up of ${#CLUSTER_PORTS[@]} nodes)"
  else say "redis-cluster stopped"; fi
}

mysql_cs() { echo "Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password=;Database=redpacket"; }
redis_cs() { echo "127.0.0.1:$REDIS_PORT"; }
cluster_cs() { local p out=(); for p in "${CLUSTER_PORTS[@]}"; do out+=("127.0.0.1:$p"); done; (IFS=,; echo "${out[*]}"); }
env_lines() {
  echo "export ConnectionStrings__MySql=\"$(mysql_cs)\""
  echo "export ConnectionStrings__Redis=\"$(redis_cs)\""
  echo "export RP_REDIS_CLUSTER=\"$(cluster_cs)\""
}

case "${1:-}" in
  install) install "${2:-}" ;;
  start)
    install
    case "${2:-all}" in
      all) start_redis; start_mariadb; start_cluster ;;
      redis) start_redis ;;
      mariadb) start_mariadb ;;
      cluster) start_cluster ;;
      *) echo "usage: $0 start [redis|mariadb|cluster]" >&2; exit 2 ;;
    esac
    say "ConnectionStrings__MySql=$(mysql_cs)"
    say "ConnectionStrings__Redis=$(redis_cs)"
    say "RP_REDIS_CLUSTER=$(cluster_cs)"
    ;;
  stop)
    case "${2:-all}" in
      all) stop_one mariadb "$S/mariadb.pid" mariadbd; stop_one redis "$S/redis.pid" redis-server; stop_cluster ;;
      mariadb) stop_one mariadb "$S/mariadb.pid" mariadbd ;;
      redis) stop_one redis "$S/redis.pid" redis-server ;;
      cluster) stop_cluster ;;
      *) echo "usage: $0 stop [redis|mariadb|cluster]" >&2; exit 2 ;;
    esac
    ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 install [--browser] | start [redis|mariadb|cluster] | stop [redis|mariadb|cluster] | status | env" >&2; exit 2 ;;
esac
