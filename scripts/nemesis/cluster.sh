# Sourced by scripts/nemesis.sh: the Redis Cluster drill. Three masters and three replicas inside the namespace,
# node N on address 127.0.1.N and port 649N (cluster bus 1649N), binding and connecting from that address only
# (bind-source-addr), so one iptables rule on the address cuts a node whole: its clients, its replication and both
# directions of its cluster bus (a rule on its ports alone leaves its own outgoing bus links up, and the others then
# never mark it failed). cluster-node-timeout 2 s, nothing on disk; the app is given the three masters.
# One master is cut off from everybody (its replica, the other masters, the app) until its replica is promoted,
# then healed: it comes back as a replica of the new master and drops what it had. Writes it acknowledged and had
# not yet replicated are gone from Redis; MySQL must still decide (nobody paid twice, the books balance).

CLUSTER_PORTS=(6491 6492 6493 6494 6495 6496)

addr_of() { echo "127.0.1.$(( $1 - 6490 ))"; } # port -> the node's own address
rc() { local p=$1; shift; in_ns timeout 5 redis-cli -h "$(addr_of "$p")" -p "$p" "$@"; }
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
    # Fresh: a replica writes the RDB of its full sync to its dir (even with --save ''), and loads it on the next start.
    rm -rf "$OUT/cluster-$p"; mkdir -p "$OUT/cluster-$p"
    # protected-mode off: it would refuse the other nodes, whose addresses are not 127.0.0.1 (all still loopback).
    ip netns exec "$NS" setsid redis-server --port "$p" --bind "$(addr_of "$p")" --bind-source-addr "$(addr_of "$p")" --protected-mode no --cluster-enabled yes \
      --cluster-config-file "$OUT/cluster-$p/nodes.conf" --cluster-node-timeout 2000 --save '' --appendonly no \
      --maxmemory-policy noeviction --dir "$OUT/cluster-$p" --logfile "$OUT/cluster-$p/redis.log" </dev/null >/dev/null 2>&1 &
    echo $! >"$OUT/cluster-$p.pid"
    nodes+=("$(addr_of "$p"):$p")
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
  mark "cut master $master ($(addr_of "$master")) from everybody; its replica is $replica_port"
  ns_cut_host "$(addr_of "$master")"
  local deadline=$((SECONDS + 60))
  until flags_of "$replica_id" "$witness" | grep -q master; do
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.2
  done
  if flags_of "$replica_id" "$witness" | grep -q master; then mark "replica $replica_port promoted ($(flags_of "$replica_id" "$witness"))"
  else mark "NO promotion within 60 s: replica $replica_port is still $(flags_of "$replica_id" "$witness")"; fi
  sleep 2
  ns_heal_host "$(addr_of "$master")"
  wait_cluster 60 && healed "healed: $master is back as $(rc "$master" role | head -n 1), cluster ok" \
    || healed "healed the links, but the cluster is not ok after 60 s"
}

cluster_drill() {
  [ -f "$OUT/cluster-${CLUSTER_PORTS[0]}.pid" ] && alive "$OUT/cluster-${CLUSTER_PORTS[0]}.pid" redis-server || start_cluster
  # The app is given the three masters; it learns the replicas (and the promotions) from the cluster itself.
  local p0=${CLUSTER_PORTS[0]} p1=${CLUSTER_PORTS[1]} p2=${CLUSTER_PORTS[2]}
  REDIS_ENDPOINTS="$(addr_of "$p0"):$p0,$(addr_of "$p1"):$p1,$(addr_of "$p2"):$p2"
  run_drill cluster-partition 1 60 fault_cluster_partition
  REDIS_ENDPOINTS=""
}
