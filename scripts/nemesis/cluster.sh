# Sourced by scripts/nemesis.sh: the Redis Cluster drill. Three masters and three replicas inside the namespace
# (ports 6491-6496, cluster bus 16491-16496, cluster-node-timeout 2 s, nothing on disk), the app on the masters.
# One master is cut off from everybody (its replica, the other masters, the app) until its replica is promoted,
# then healed: it comes back as a replica of the new master and drops what it had. Writes it acknowledged and had
# not yet replicated are gone from Redis; MySQL must still decide (nobody paid twice, the books balance).

CLUSTER_PORTS=(6491 6492 6493 6494 6495 6496)

rc() { in_ns timeout 5 redis-cli -h 127.0.0.1 -p "$@"; }
cluster_formed() {
  local p
  for p in "${CLUSTER_PORTS[@]}"; do rc "$p" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1; done
  [ "$(rc "${CLUSTER_PORTS[0]}" cluster nodes 2>/dev/null | awk '$3 ~ /master/ && $3 !~ /fail/ { m++ } $3 ~ /slave/ { s++ } END { print m + 0, s + 0 }')" = "3 3" ]
}
wait_cluster() { # seconds
  local deadline=$((SECONDS + $1))
  until cluster_formed; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.5; done
}

start_cluster() {
  local p nodes=()
  for p in "${CLUSTER_PORTS[@]}"; do
    mkdir -p "$OUT/cluster-$p"; rm -f "$OUT/cluster-$p/nodes.conf"
    ip netns exec "$NS" setsid redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes \
      --cluster-config-file "$OUT/cluster-$p/nodes.conf" --cluster-node-timeout 2000 --save '' --appendonly no \
      --maxmemory-policy noeviction --dir "$OUT/cluster-$p" --logfile "$OUT/cluster-$p/redis.log" </dev/null >/dev/null 2>&1 &
    echo $! >"$OUT/cluster-$p.pid"
    nodes+=("127.0.0.1:$p")
  done
  for p in "${CLUSTER_PORTS[@]}"; do
    # shellcheck disable=SC2317 # called through wait_up
    probe() { [ "$(rc "$p" ping 2>/dev/null)" = PONG ]; }
    wait_up "redis cluster node $p" probe "$OUT/cluster-$p.pid" redis-server "$OUT/cluster-$p/redis.log"
  done
  in_ns redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$OUT/cluster-create.log" 2>&1 \
    || { say "redis-cli --cluster create failed; see $OUT/cluster-create.log"; exit 1; }
  wait_cluster 60 || { say "the cluster did not form within 60 s"; exit 1; }
  say "redis cluster: 3 masters, 3 replicas on ${CLUSTER_PORTS[*]}"
}

stop_cluster() {
  local p
  for p in "${CLUSTER_PORTS[@]}"; do
    [ -f "$OUT/cluster-$p.pid" ] || continue
    alive "$OUT/cluster-$p.pid" redis-server && kill -CONT "$(pid_of "$OUT/cluster-$p.pid")" 2>/dev/null
    stop_one "redis cluster node $p" "$OUT/cluster-$p.pid" redis-server
  done
}

node_id() { rc "$1" cluster myid | tr -d '\r'; }
flags_of() { # id, as the node on port $2 sees it
  rc "$2" cluster nodes 2>/dev/null | awk -v id="$1" '$1 == id { print $3 }'
}

fault_cluster_partition() {
  local master="" replica_id replica_port p id
  for p in "${CLUSTER_PORTS[@]}"; do # the first master
    rc "$p" role 2>/dev/null | head -n 1 | grep -q '^master' && { master=$p; break; }
  done
  id="$(node_id "$master")"
  replica_id="$(rc "$master" cluster nodes | awk -v m="$id" '$4 == m { print $1; exit }')"
  replica_port="$(rc "$master" cluster nodes | awk -v r="$replica_id" '$1 == r { split($2, a, "[:@]"); print a[2] }')"
  local witness; for p in "${CLUSTER_PORTS[@]}"; do [ "$p" != "$master" ] && [ "$p" != "$replica_port" ] && { witness=$p; break; }; done
  mark "cut master $master (and its bus $((master + 10000))) from everybody; its replica is $replica_port"
  ns_cut "$master" both; ns_cut "$((master + 10000))" both
  local deadline=$((SECONDS + 60))
  until flags_of "$replica_id" "$witness" | grep -q master; do
    [ "$SECONDS" -lt "$deadline" ] || { mark "no promotion within 60 s"; break; }
    sleep 0.2
  done
  mark "replica $replica_port promoted ($(flags_of "$replica_id" "$witness"))"
  sleep 2
  ns_heal "$master"; ns_heal "$((master + 10000))"
  wait_cluster 60 && healed "healed: $master is back as $(rc "$master" role | head -n 1), cluster ok" \
    || healed "healed the links, but the cluster is not ok after 60 s"
}

cluster_drill() {
  [ -f "$OUT/cluster-${CLUSTER_PORTS[0]}.pid" ] && alive "$OUT/cluster-${CLUSTER_PORTS[0]}.pid" redis-server || start_cluster
  # The app is given the three masters; it learns the replicas (and the promotions) from the cluster itself.
  REDIS_ENDPOINTS="127.0.0.1:${CLUSTER_PORTS[0]},127.0.0.1:${CLUSTER_PORTS[1]},127.0.0.1:${CLUSTER_PORTS[2]}"
  run_drill cluster-partition 1 60 fault_cluster_partition
  REDIS_ENDPOINTS=""
}
