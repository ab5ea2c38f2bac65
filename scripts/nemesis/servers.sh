# Sourced by scripts/nemesis.sh: MariaDB and Redis inside the drill's namespace, on its loopback, state and PID files
# under $OUT (never the ones of scripts/services.sh), stopped by PID file only.

# The probes of scripts/lib/probes.sh, run inside the namespace.
PROBE_IN=in_ns
# shellcheck source=../lib/probes.sh
. "$ROOT/scripts/lib/probes.sh"
sql() { in_ns mariadb --no-defaults --connect-timeout=5 -h127.0.0.1 -P"$MYSQL_PORT" -uroot -N -B -e "$1"; }

wait_up() { # name probe pidfile program log
  local deadline=$((SECONDS + 60))
  until "$2"; do
    alive "$3" "$4" || { say "$1 exited during start-up; last lines of $5:"; tail -n 30 "$5" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { say "$1 not up within 60 s; see $5"; exit 1; }
    sleep 0.2
  done
}

start_servers() {
  rm -rf "$OUT/redis"; mkdir -p "$OUT/redis"
  # Like services.sh's Redis: nothing on disk, noeviction. A pause or a cut keeps its data; only a restart would lose it.
  ip netns exec "$NS" setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --maxmemory-policy noeviction \
    --dir "$OUT/redis" --logfile "$OUT/redis.log" </dev/null >/dev/null 2>&1 &
  echo $! >"$OUT/redis.pid"
  wait_up redis redis_up "$OUT/redis.pid" redis-server "$OUT/redis.log"
  if [ ! -d "$OUT/mysql/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$OUT/mysql" --user=root --auth-root-authentication-method=normal \
      --skip-test-db >"$OUT/mariadb-install.log" 2>&1 || { say "mariadb-install-db failed; see $OUT/mariadb-install.log"; exit 1; }
  fi
  ip netns exec "$NS" setsid mariadbd --no-defaults --datadir="$OUT/mysql" --socket="$OUT/mysql.sock" --port="$MYSQL_PORT" \
    --bind-address=127.0.0.1 --user=root --skip-name-resolve --max-connections=800 \
    --pid-file="$OUT/mariadbd.pid" --log-error="$OUT/mariadb.err" </dev/null >/dev/null 2>&1 &
  echo $! >"$OUT/mariadb.pid"
  wait_up mariadb mysql_up "$OUT/mariadb.pid" mariadbd "$OUT/mariadb.err"
  say "redis on $REDIS_PORT (pid $(pid_of "$OUT/redis.pid")), mariadb on $MYSQL_PORT (pid $(pid_of "$OUT/mariadb.pid")), inside $NS"
}

stop_servers() {
  # A paused server would never act on SIGTERM: wake it first (only if the PID file still names our program).
  alive "$OUT/redis.pid" redis-server && kill -CONT "$(pid_of "$OUT/redis.pid")" 2>/dev/null || true
  alive "$OUT/mariadb.pid" mariadbd && kill -CONT "$(pid_of "$OUT/mariadb.pid")" 2>/dev/null || true
  stop_one mariadb "$OUT/mariadb.pid" mariadbd
  stop_one redis "$OUT/redis.pid" redis-server
}
