# Sourced by scripts/nemesis.sh: one drill = fresh database and key prefix, node(s), seed, a storm with new packets
# sent all the way through, one fault 10 s in, then (60 s after healing) the history checked against MySQL.

url_of() { echo "http://127.0.0.1:$1"; }

# NODE_A_SETTINGS / NODE_B_SETTINGS (arrays) add settings to one node only; REDIS_ENDPOINTS overrides the Redis string.
run_drill() { # name nodes storm-seconds fault-function [setting for every node...]
  local name=$1 nodes=$2 seconds=$3 fault=$4; shift 4
  D="$OUT/$name"; rm -rf "$D"; mkdir -p "$D"
  local db="nemesis_${name//-/_}" prefix="nem-$name:" urls
  say "---- $name: $nodes node(s), a $seconds s storm, fault ${FAULT_AT:-10} s in"
  sql "DROP DATABASE IF EXISTS $db"
  local common=(
    ConnectionStrings__MySql="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password=;Database=$db;Maximum Pool Size=200"
    ConnectionStrings__Redis="${REDIS_ENDPOINTS:-127.0.0.1:$REDIS_PORT}"
    RedPacket__Redis__KeyPrefix="$prefix"
    # Tokens minted on one node are read on the other: the data-protection keys live in Redis, encrypted.
    RedPacket__DataProtection__PersistToRedis=true
    RedPacket__DataProtection__KeyEncryptionKey="$KEK"
    RedPacket__Refunds__Schedule=false
    "$@")
  start_node "$APP" "$PORT_A" "$D/a.pid" "$D/a.log" "${common[@]}" ${NODE_A_SETTINGS[@]+"${NODE_A_SETTINGS[@]}"}
  wait_node "$PORT_A" "$D/a.pid" "$D/a.log"
  urls="$(url_of "$PORT_A")"
  in_ns curl -sf -X POST "$(url_of "$PORT_A")/api/bench/seed?prefix=n&users=$USERS&groups=1&senderCents=2000000000" -o "$D/seed.txt"
  local group; group=$(awk '$1 == "group" { print $2; exit }' "$D/seed.txt")
  in_ns curl -sf -X POST "$(url_of "$PORT_A")/api/bench/packets?firstGroup=$group&lastGroup=$group&perGroup=$PREMADE&shares=$SHARES&totalCents=$((SHARES * 100))&kind=Lucky" \
    -o "$D/premade.txt"
  if [ "$nodes" -ge 2 ]; then
    start_node "$APP" "$PORT_B" "$D/b.pid" "$D/b.log" "${common[@]}" ${NODE_B_SETTINGS[@]+"${NODE_B_SETTINGS[@]}"}
    wait_node "$PORT_B" "$D/b.pid" "$D/b.log"
    urls="$urls,$(url_of "$PORT_B")"
  fi

  "${RUN_IN[@]}" dotnet "$STORM/Storm.dll" storm --nodes "$urls" --seed "$D/seed.txt" --prefix n --packets "$D/premade.txt" \
    --seconds "$seconds" --history "$D/history.tsv" --vus "$VUS" --pace-ms "$PACE_MS" --send-ms "$SEND_MS" --shares "$SHARES" \
    --random-seed "${STORM_SEED:-1}" >"$D/storm.log" 2>&1 &
  echo $! >"$OUT/storm.pid"
  local started; started=$(date +%s)
  sleep "${FAULT_AT:-10}"
  HEALED_AT=""
  "$fault"
  wait "$(pid_of "$OUT/storm.pid")" || say "$name: the load generator exited non-zero (see $D/storm.log)"
  rm -f "$OUT/storm.pid"
  [ "$HEALED_AT" = end ] && { HEALED_AT=$(date +%s); mark "storm over"; }
  local wait_s=$((HEALED_AT + 60 - $(date +%s)))
  [ "$wait_s" -gt 0 ] && { say "$name: storm over after $(( $(date +%s) - started )) s; waiting $wait_s s (60 s after healing)"; sleep "$wait_s"; }

  local logs="$D/a.log"; [ "$nodes" -ge 2 ] && logs="$logs,$D/b.log"
  if in_ns dotnet "$STORM/Storm.dll" check --drill "$name" --history "$D/history.tsv" --node "$(url_of "$PORT_A")" --logs "$logs" \
      --mysql "Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password=;Database=$db" --summary "$OUT/summary.tsv" | tee "$D/verdict.txt"; then
    :
  else
    FAILED+=("$name")
  fi
  # What the reconcilers found (a claim abandoned between the pop in Redis and the commit), for the reading.
  grep -h "abandoned claims" "$D"/a.log "$D"/b.log 2>/dev/null | sed 's/^ */  reconciler: /' | tee -a "$D/verdict.txt" || true
  stop_node "node A" "$D/a.pid"
  [ "$nodes" -ge 2 ] && stop_node "node B" "$D/b.pid"
  return 0
}
