# Readiness probes of the MariaDB at $MYSQL_PORT and the Redis at $REDIS_PORT on 127.0.0.1, bounded in time (a
# foreign listener on the port may accept and never answer). A caller whose servers live in a network namespace sets
# PROBE_IN to the command that enters it (scripts/nemesis/servers.sh: PROBE_IN=in_ns).
# Sourced by scripts/services.sh, scripts/faults.sh, scripts/soak.sh and scripts/nemesis/servers.sh.

redis_up() { [ "$(${PROBE_IN:-} timeout 3 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }
mysql_up() { ${PROBE_IN:-} timeout 5 mariadb --no-defaults --connect-timeout=2 -h127.0.0.1 -P"$MYSQL_PORT" -uroot -e 'select 1' >/dev/null 2>&1; }
