#!/usr/bin/env bash
# Local MariaDB and Redis for RedPacket: installed from apt when missing, started on loopback on the
# project's own ports with their state in .data/, stopped by PID file only.
#   scripts/services.sh install [--browser] | start | stop | status | env
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
S="${RP_DATA_DIR:-$ROOT/.data}"
REDIS_PORT="${RP_REDIS_PORT:-6390}"
MYSQL_PORT="${RP_MYSQL_PORT:-3310}"

say() { printf '[services] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else say "need root for: $*"; exit 1; fi; }

install() {
  local want=()
  command -v redis-server >/dev/null || want+=(redis-server)
  command -v redis-cli >/dev/null || want+=(redis-tools)
  command -v mariadbd >/dev/null || want+=(mariadb-server)
  command -v mariadb >/dev/null || want+=(mariadb-client)
  if [ "${1:-}" = "--browser" ]; then
    [ -x /usr/bin/chromium ] || want+=(chromium)
    # Chinese greetings and the 🧧 in screenshots need fonts a minimal Debian lacks.
    [ -d /usr/share/fonts/truetype/wqy ] || want+=(fonts-wqy-zenhei)
    [ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || want+=(fonts-noto-color-emoji)
  fi
  [ ${#want[@]} -eq 0 ] && return 0
  say "installing ${want[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null && ! ps -o stat= -p "$(cat "$1")" | grep -q '^Z'; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }
mysql_up() { mariadb --no-defaults -h127.0.0.1 -P"$MYSQL_PORT" -uroot -e 'select 1' >/dev/null 2>&1; }

wait_for() { # name check log
  for _ in $(seq 1 300); do "$2" && return 0; sleep 0.1; done
  say "$1 did not answer in 30 s; last lines of $3:"; tail -n 20 "$3" >&2 || true; exit 1
}

start() {
  install
  mkdir -p "$S/redis"
  if alive "$S/redis.pid" && redis_up; then say "redis already running (pid $(cat "$S/redis.pid"))"
  else
    setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
      --maxmemory-policy noeviction --dir "$S/redis" --logfile "$S/redis.log" </dev/null >/dev/null 2>&1 &
    echo $! > "$S/redis.pid"
    wait_for redis redis_up "$S/redis.log"
    say "redis started on 127.0.0.1:$REDIS_PORT (pid $(cat "$S/redis.pid"))"
  fi
  if alive "$S/mariadb.pid" && mysql_up; then say "mariadb already running (pid $(cat "$S/mariadb.pid"))"
  else
    if [ ! -d "$S/mysql/mysql" ]; then
      mariadb-install-db --no-defaults --datadir="$S/mysql" --user=root \
        --auth-root-authentication-method=normal --skip-test-db >"$S/mariadb-install.log" 2>&1
    fi
    setsid mariadbd --no-defaults --datadir="$S/mysql" --socket="$S/mysql.sock" --port="$MYSQL_PORT" \
      --bind-address=127.0.0.1 --user=root --skip-name-resolve --max-connections=600 \
      --log-error="$S/mariadb.err" --pid-file="$S/mariadbd.pid" </dev/null >/dev/null 2>&1 &
    echo $! > "$S/mariadb.pid"
    wait_for mariadb mysql_up "$S/mariadb.err"
    say "mariadb started on 127.0.0.1:$MYSQL_PORT (pid $(cat "$S/mariadb.pid"))"
  fi
}

stop_one() { # name pidfile
  local pid
  [ -f "$2" ] || { say "$1 not running (no pid file)"; return 0; }
  pid="$(cat "$2")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
      local st; st="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
      { [ -z "$st" ] || [[ "$st" == Z* ]]; } && break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null && ! ps -o stat= -p "$pid" | grep -q '^Z'; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$2"
  say "$1 stopped"
}

status() {
  if alive "$S/redis.pid"; then say "redis running (pid $(cat "$S/redis.pid"), port $REDIS_PORT)"; else say "redis stopped"; fi
  if alive "$S/mariadb.pid"; then say "mariadb running (pid $(cat "$S/mariadb.pid"), port $MYSQL_PORT)"; else say "mariadb stopped"; fi
}

env_lines() {
  echo "export ConnectionStrings__MySql=\"Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password=;Database=redpacket\""
  echo "export ConnectionStrings__Redis=\"127.0.0.1:$REDIS_PORT\""
}

case "${1:-}" in
  install) install "${2:-}" ;;
  start) start ;;
  stop) stop_one mariadb "$S/mariadb.pid"; stop_one redis "$S/redis.pid" ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 install [--browser] | start | stop | status | env" >&2; exit 2 ;;
esac
