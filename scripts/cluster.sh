#!/usr/bin/env bash
# Several machines on one box: three web nodes behind nginx, a Redis Cluster of 3 masters + 3 replicas and a
# MariaDB primary with one replica, all on 127.0.0.1 with ports and state of their own (never the ones of
# scripts/services.sh or scripts/run.sh), stopped by PID file only.
#   scripts/cluster.sh start | stop | status
#   nginx 5300 -> web 5301 5302 5303; Redis 7301-7306; MariaDB primary 3331, replica 3332
# State, PID files and logs: RP_CLUSTER_DIR (default <repo>/.data/cluster, git-ignored).
# Every environment variable given to `start` reaches every web node (they inherit it), e.g.
#   RedPacket__RateLimits__GrabsPerWindow=1000 scripts/cluster.sh start
# except the connection strings and several-node settings below, which the script sets.
# `start` is safe to repeat: what already runs is left alone, what is missing is started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
. "$ROOT/scripts/lib/processes.sh"
C="${RP_CLUSTER_DIR:-$ROOT/.data/cluster}"
NGINX_PORT=5300
WEB_PORTS=(5301 5302 5303)
REDIS_PORTS=(7301 7302 7303 7304 7305 7306)
PRIMARY_PORT=3331
REPLICA_PORT=3332
APP_DLL="$ROOT/RedPacket.Web/bin/Release/net10.0/RedPacket.Web.dll"

say() { printf '[cluster] %s\n' "$*"; }

install() {
  # MariaDB and Redis as for the run and test commands; then what only the cluster needs.
  bash "$ROOT/scripts/services.sh" install
  local want=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || want+=(nginx)
  command -v curl >/dev/null 2>&1 || want+=(curl)
  apt_install ${want[@]+"${want[@]}"}
}
NGINX="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"

wait_until() { # seconds name log probe...: poll the probe
  local secs=$1 deadline=$((SECONDS + $1)) name=$2 log=$3; shift 3
  while [ "$SECONDS" -lt "$deadline" ]; do
    "$@" && return 0
    sleep 0.2
  done
  say "$name not ready within $secs s; last lines of $log:"; tail -n 30 "$log" >&2 || true; exit 1
}

# ---- Redis Cluster ----------------------------------------------------------------------------------------
rcli() { timeout 5 redis-cli -h 127.0.0.1 -p "$@"; }
redis_up() { [ "$(rcli "$1" ping 2>/dev/null)" = "PONG" ]; }
cluster_ok() { rcli "$1" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }
all_cluster_ok() { local p; for p in "${REDIS_PORTS[@]}"; do cluster_ok "$p" || return 1; done; }
roles() { rcli "${REDIS_PORTS[0]}" cluster nodes 2>/dev/null | awk '$3 ~ /master/ { m++ } $3 ~ /slave/ { s++ } END { printf "%d masters, %d replicas", m, s }'; }
# Right after creation the replicas still show as masters for a moment: wait for the three of each.
cluster_formed() { all_cluster_ok && [ "$(roles)" = "3 masters, 3 replicas" ]; }

start_redis() { # port
  local p=$1 d="$C/redis-$1"
  mkdir -p "$d"
  if alive "$C/redis-$p.pid" redis-server; then
    wait_until 30 "redis $p" "$C/redis-$p.log" redis_up "$p"
    say "redis $p already running (pid $(pid_of "$C/redis-$p.pid")), left alone"; return 0
  fi
  rm -f "$C/redis-$p.pid"
  if redis_up "$p"; then say "port $p already answers PONG but not from our pid file; refusing to start a second redis"; exit 1; fi
  # cluster-node-timeout 2000: a master that stops answering is failed over in a few seconds.
  # No persistence, like services.sh's Redis: the app rebuilds a packet's keys from MySQL when they are gone.
  setsid redis-server --port "$p" --bind 127.0.0.1 --protected-mode no --cluster-enabled yes \
    --cluster-config-file "$d/nodes.conf" --cluster-node-timeout 2000 --save '' --appendonly no \
    --maxmemory-policy noeviction --dir "$d" --logfile "$C/redis-$p.log" </dev/null >/dev/null 2>&1 &
  echo $! >"$C/redis-$p.pid"
  wait_until 30 "redis $p" "$C/redis-$p.log" redis_up "$p"
  say "redis $p started (pid $(pid_of "$C/redis-$p.pid"))"
}

create_cluster() {
  local slots
  slots=$(rcli "${REDIS_PORTS[0]}" cluster info | tr -d '\r' | sed -n 's/^cluster_slots_assigned://p')
  if [ "${slots:-0}" = "0" ]; then
    say "creating the Redis Cluster (3 masters, 3 replicas)"
    local nodes=(); for p in "${REDIS_PORTS[@]}"; do nodes+=("127.0.0.1:$p"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$C/redis-create.log" 2>&1 \
      || { say "redis-cli --cluster create failed:"; tail -n 20 "$C/redis-create.log" >&2; exit 1; }
  fi
  if [ "${slots:-0}" = "0" ]; then wait_until 60 "redis cluster" "$C/redis-create.log" cluster_formed
  else wait_until 60 "redis cluster" "$C/redis-${REDIS_PORTS[0]}.log" all_cluster_ok; fi
  say "redis cluster ok ($(roles))"
}

# ---- MariaDB primary + replica ----------------------------------------------------------------------------
sql() { # port statement
  timeout 10 mariadb --no-defaults --connect-timeout=2 -h127.0.0.1 -P"$1" -uroot -N -B -e "$2"
}
mysql_up() { sql "$1" 'select 1' >/dev/null 2>&1; }
slave_field() { # field: from SHOW SLAVE STATUS on the replica
  timeout 10 mariadb --no-defaults --connect-timeout=2 -h127.0.0.1 -P"$REPLICA_PORT" -uroot -e 'SHOW SLAVE STATUS\G' 2>/dev/null \
    | sed -n "s/^ *$1: //p"
}
replica_running() { [ "$(slave_field Slave_IO_Running)" = "Yes" ] && [ "$(slave_field Slave_SQL_Running)" = "Yes" ]; }

start_mariadb() { # name port extra-options...
  local name=$1 port=$2 d="$C/mysql-$1"; shift 2
  if alive "$C/mariadb-$name.pid" mariadbd; then
    wait_until 30 "mariadb $name" "$C/mariadb-$name.err" mysql_up "$port"
    say "mariadb $name already running on $port (pid $(pid_of "$C/mariadb-$name.pid")), left alone"; return 0
  fi
  rm -f "$C/mariadb-$name.pid"
  if mysql_up "$port"; then say "port $port already answers but not from our pid file; refusing to start a second mariadb"; exit 1; fi
  if [ ! -d "$d/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$d" --user=root --auth-root-authentication-method=normal \
      --skip-test-db >"$C/mariadb-$name-install.log" 2>&1 \
      || { say "mariadb-install-db failed; see $C/mariadb-$name-install.log"; tail -n 30 "$C/mariadb-$name-install.log" >&2; exit 1; }
  fi
  setsid mariadbd --no-defaults --datadir="$d" --socket="$C/mariadb-$name.sock" --port="$port" \
    --bind-address=127.0.0.1 --user=root --skip-name-resolve --max-connections=1000 \
    --pid-file="$C/mariadbd-$name.pid" --log-error="$C/mariadb-$name.err" "$@" </dev/null >/dev/null 2>&1 &
  echo $! >"$C/mariadb-$name.pid"
  wait_until 60 "mariadb $name" "$C/mariadb-$name.err" mysql_up "$port"
  say "mariadb $name started on $port (pid $(pid_of "$C/mariadb-$name.pid"))"
}

start_databases() {
  [ -s "$C/repl.password" ] || { head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$C/repl.password"; chmod 600 "$C/repl.password"; }
  local pw; pw=$(cat "$C/repl.password")
  # Row-based binlog: the app's transactions run READ COMMITTED, which statement-based logging refuses.
  start_mariadb primary "$PRIMARY_PORT" --server-id=1 --log-bin=binlog --binlog-format=ROW
  sql "$PRIMARY_PORT" "CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY '$pw';
                       GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'"
  start_mariadb replica "$REPLICA_PORT" --server-id=2 --read-only=1 --relay-log=relay-bin
  if [ -z "$(slave_field Master_Host)" ]; then
    # A fresh replica reads the primary's binlog from its first event (slave_pos is empty), so it replays
    # everything, the replication user included, without a dump.
    sql "$REPLICA_PORT" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$PRIMARY_PORT, MASTER_USER='repl',
                         MASTER_PASSWORD='$pw', MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos"
    say "replica pointed at the primary"
  fi
  replica_running || sql "$REPLICA_PORT" "START SLAVE"
  wait_until 60 "replication" "$C/mariadb-replica.err" replica_running
  say "replication running (IO and SQL threads), $(slave_field Seconds_Behind_Master) s behind"
}

# ---- web nodes --------------------------------------------------------------------------------------------
web_ready() { curl -sf -m 3 "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; }

start_web() { # port
  local p=$1
  if alive "$C/web-$p.pid" dotnet; then say "web $p already running (pid $(pid_of "$C/web-$p.pid")), left alone"; return 0; fi
  rm -f "$C/web-$p.pid"
  if curl -s -m 2 -o /dev/null "http://127.0.0.1:$p/health/live"; then say "port $p already answers but not from our pid file; refusing to start"; exit 1; fi
  [ -s "$C/kek" ] || { head -c 32 /dev/urandom | base64 >"$C/kek"; chmod 600 "$C/kek"; }
  # The bin folder is the content root: appsettings*.json are there, and in Development the static web assets
  # manifest next to the dll finds wwwroot and the packages' _content.
  (cd "$(dirname "$APP_DLL")" && exec env \
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
    ConnectionStrings__MySql="Server=127.0.0.1;Port=$PRIMARY_PORT;User ID=root;Password=;Database=redpacket" \
    ConnectionStrings__MySqlReplica="Server=127.0.0.1;Port=$REPLICA_PORT;User ID=root;Password=;Database=redpacket" \
    ConnectionStrings__Redis="127.0.0.1:${REDIS_PORTS[0]},127.0.0.1:${REDIS_PORTS[1]},127.0.0.1:${REDIS_PORTS[2]}" \
    RedPacket__SignalR__RedisBackplane=true \
    RedPacket__DataProtection__PersistToRedis=true \
    RedPacket__DataProtection__KeyEncryptionKey="$(cat "$C/kek")" \
    RedPacket__Refunds__ClusteredStore=true \
    setsid dotnet "$APP_DLL" --urls "http://127.0.0.1:$p") </dev/null >>"$C/web-$p.log" 2>&1 &
  echo $! >"$C/web-$p.pid"
}

wait_web() { # port
  local p=$1 deadline=$((SECONDS + 180))
  until web_ready "$p"; do
    alive "$C/web-$p.pid" dotnet || { say "web $p exited during start-up; last lines of $C/web-$p.log:"; tail -n 40 "$C/web-$p.log" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { say "web $p not ready within 180 s; see $C/web-$p.log"; tail -n 40 "$C/web-$p.log" >&2; exit 1; }
    sleep 0.3
  done
  say "web $p ready (pid $(pid_of "$C/web-$p.pid"))"
}

start_webs() {
  local p any=false
  for p in "${WEB_PORTS[@]}"; do alive "$C/web-$p.pid" dotnet && any=true; done
  if ! $any; then
    # Built only while no node runs: a running node must not have its dll replaced under it.
    say "building RedPacket.Web (Release)"
    (cd "$ROOT" && dotnet build RedPacket.Web -c Release -nologo -v q >"$C/build.log" 2>&1) \
      || { say "build failed; see $C/build.log"; grep -E " error " "$C/build.log" | head -n 20 >&2; exit 1; }
  fi
  [ -f "$APP_DLL" ] || { say "no $APP_DLL: stop the nodes and start again to build"; exit 1; }
  # Node 1 alone first: it applies the migrations and seeds the demo, which the others then find done.
  start_web "${WEB_PORTS[0]}"; wait_web "${WEB_PORTS[0]}"
  start_web "${WEB_PORTS[1]}"; start_web "${WEB_PORTS[2]}"
  wait_web "${WEB_PORTS[1]}"; wait_web "${WEB_PORTS[2]}"
}

# ---- nginx ------------------------------------------------------------------------------------------------
nginx_up() { curl -s -m 3 -o /dev/null "http://127.0.0.1:$NGINX_PORT/health/live"; }

start_nginx() {
  local n="$C/nginx"
  mkdir -p "$n/temp" "$n/logs"
  sed -e "s|@PREFIX@|$n|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@NODE1@|${WEB_PORTS[0]}|g" \
      -e "s|@NODE2@|${WEB_PORTS[1]}|g" -e "s|@NODE3@|${WEB_PORTS[2]}|g" \
      "$ROOT/scripts/cluster/nginx.conf.template" >"$n/nginx.conf"
  if alive "$n/nginx.pid" nginx; then
    # Already ours: pick up a changed template without dropping connections.
    "$NGINX" -p "$n" -c "$n/nginx.conf" -t -q && "$NGINX" -p "$n" -c "$n/nginx.conf" -s reload 2>/dev/null
    say "nginx already running (pid $(pid_of "$n/nginx.pid")), configuration reloaded"; return 0
  fi
  if nginx_up; then say "port $NGINX_PORT already answers but not from our pid file; refusing to start nginx"; exit 1; fi
  # -p: nginx's prefix is our folder, so nothing under /etc/nginx or /var is written (-e: the start-up
  # error log, before the configuration's own is opened).
  "$NGINX" -p "$n" -e "$n/error.log" -c "$n/nginx.conf" \
    || { say "nginx did not start; see $n/error.log"; tail -n 20 "$n/error.log" >&2; exit 1; }
  wait_until 10 nginx "$n/error.log" nginx_up
  say "nginx on 127.0.0.1:$NGINX_PORT (pid $(pid_of "$n/nginx.pid"))"
}

# ---- status -----------------------------------------------------------------------------------------------
status() {
  local bad=0 p pid
  for p in "${REDIS_PORTS[@]}"; do
    if alive "$C/redis-$p.pid" redis-server && redis_up "$p"; then
      say "redis $p: $(rcli "$p" role | head -n 1) (pid $(pid_of "$C/redis-$p.pid")), PONG"
    else say "redis $p: NOT answering"; bad=1; fi
  done
  if cluster_ok "${REDIS_PORTS[0]}" 2>/dev/null || { for p in "${REDIS_PORTS[@]:1}"; do cluster_ok "$p" && break; done; }; then
    say "redis cluster: cluster_state:ok"
  else say "redis cluster: NOT ok"; bad=1; fi
  for p in primary:$PRIMARY_PORT replica:$REPLICA_PORT; do
    if alive "$C/mariadb-${p%%:*}.pid" mariadbd && mysql_up "${p#*:}"; then
      say "mariadb ${p%%:*} ${p#*:}: answering (pid $(pid_of "$C/mariadb-${p%%:*}.pid"))"
    else say "mariadb ${p%%:*} ${p#*:}: NOT answering"; bad=1; fi
  done
  if replica_running; then say "replication: IO and SQL threads running, $(slave_field Seconds_Behind_Master) s behind"
  else say "replication: NOT running (IO=$(slave_field Slave_IO_Running) SQL=$(slave_field Slave_SQL_Running))"; bad=1; fi
  for p in "${WEB_PORTS[@]}"; do
    if alive "$C/web-$p.pid" dotnet && web_ready "$p"; then say "web $p: ready (pid $(pid_of "$C/web-$p.pid"))"
    else say "web $p: NOT ready"; bad=1; fi
  done
  if alive "$C/nginx/nginx.pid" nginx && nginx_up; then say "nginx $NGINX_PORT: answering (pid $(pid_of "$C/nginx/nginx.pid"))"
  else say "nginx $NGINX_PORT: NOT answering"; bad=1; fi
  return "$bad"
}

case "${1:-}" in
  start)
    install
    mkdir -p "$C"
    for p in "${REDIS_PORTS[@]}"; do start_redis "$p"; done
    create_cluster
    start_databases
    start_webs
    start_nginx
    echo "url: http://127.0.0.1:$NGINX_PORT"
    ;;
  stop)
    stop_one nginx "$C/nginx/nginx.pid" nginx
    for p in "${WEB_PORTS[@]}"; do stop_one "web $p" "$C/web-$p.pid" dotnet; done
    stop_one "mariadb replica" "$C/mariadb-replica.pid" mariadbd
    stop_one "mariadb primary" "$C/mariadb-primary.pid" mariadbd
    for p in "${REDIS_PORTS[@]}"; do stop_one "redis $p" "$C/redis-$p.pid" redis-server; done
    ;;
  status) status ;;
  *) echo "usage: $0 start | stop | status" >&2; exit 2 ;;
esac
