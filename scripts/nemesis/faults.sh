# Sourced by scripts/nemesis.sh: the faults. Each runs while the storm goes on, blocks until it is healed, notes
# what it did in the drill's timeline ($D/faults.log) and sets HEALED_AT (epoch seconds) for the 60 s settle check.

mark() { printf '%s %s\n' "$(date -u +%H:%M:%S.%3N)" "$*" | tee -a "$D/faults.log" >&2; }
healed() { HEALED_AT=$(date +%s); mark "$1"; }

pause_pid() { # pidfile program seconds what: SIGSTOP, wait, SIGCONT (only our own process, by PID file)
  local pid; pid="$(pid_of "$1")"
  alive "$1" "$2" || { say "cannot pause $4: not running"; exit 1; }
  mark "pause $4 (pid $pid, SIGSTOP) for $3 s"
  kill -STOP "$pid"
  sleep "$3"
  kill -CONT "$pid"
  healed "resumed $4 (SIGCONT)"
}

# 1. app <-> Redis: every packet to and from Redis's port dropped for 10 s; Redis itself runs on and keeps its data.
fault_redis_cut() {
  mark "cut app <-> redis ($REDIS_PORT), both directions, for ${CUT_S:-10} s"
  ns_cut "$REDIS_PORT" both
  sleep "${CUT_S:-10}"
  ns_heal "$REDIS_PORT"
  healed "healed app <-> redis"
}

# 2. app <-> MariaDB during settles: first only the replies are dropped (the statements, COMMITs included, still
# reach the server and run, but nobody hears that they did), a second later the requests too. A silent cut alone
# only stalls: once healed, TCP retransmits and every held reply arrives (the app waits up to MySqlConnector's 30 s
# command timeout). So at the end the connections are broken at both ends (ss -K) before the heal, and the replies
# held back are lost for good: the app must find out from MySQL what its lost commits did.
fault_mysql_cut() {
  local secs="${CUT_S:-10}"
  mark "cut mariadb ($MYSQL_PORT) replies; requests too 1 s later; for $secs s, then its connections broken"
  ns_cut "$MYSQL_PORT" replies
  sleep 1
  ns_cut "$MYSQL_PORT" requests
  sleep "$((secs - 1))"
  ns_kill_sockets "$MYSQL_PORT"
  mark "broke every connection to mariadb (ss -K, both ends)"
  ns_heal "$MYSQL_PORT"
  healed "healed app <-> mariadb"
}

# 3. node A frozen (SIGSTOP) for 15 s, longer than the reconciler's MinAge (10 s): node B's reconciler may settle
# A's claims while A still holds them in flight; when A wakes it settles them again. Nobody may be paid twice.
fault_app_pause() { pause_pid "$D/a.pid" dotnet "${PAUSE_S:-15}" "node A"; }

# 4. the servers frozen: connections stay open, nothing answers.
fault_redis_pause() { pause_pid "$OUT/redis.pid" redis-server "${PAUSE_S:-5}" redis; }
fault_mysql_pause() { pause_pid "$OUT/mariadb.pid" mariadbd "${PAUSE_S:-5}" mariadb; }

# 5. the fault is in the nodes' settings (node B's clock 10 minutes ahead); nothing to inject. "Healed" when the storm ends.
fault_clock_skew() {
  mark "node B's clock is ${SKEW:-00:10:00} ahead of node A's (RedPacket:Drill:ClockOffset) for the whole storm"
  HEALED_AT=end
}
