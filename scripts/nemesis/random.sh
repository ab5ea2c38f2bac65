# Sourced by scripts/nemesis.sh: `random --minutes M [--seed N]`, one long storm on two nodes with faults drawn at
# random from the drills' (cuts, pauses of a node or a server), a quiet 15-40 s between them. The seed decides the
# schedule, the durations, the load generator's taps and whether node B's clock is skewed; it is printed first,
# so a failing schedule can be run again with --seed.

random_fault() { # one fault, drawn with $RANDOM
  case $((RANDOM % 6)) in
    0) CUT_S=$((3 + RANDOM % 10)) fault_redis_cut ;;
    1) CUT_S=$((3 + RANDOM % 10)) fault_mysql_cut ;;
    2) pause_pid "$D/a.pid" dotnet $((5 + RANDOM % 16)) "node A" ;;
    3) pause_pid "$D/b.pid" dotnet $((5 + RANDOM % 16)) "node B" ;;
    4) pause_pid "$OUT/redis.pid" redis-server $((2 + RANDOM % 6)) redis ;;
    5) pause_pid "$OUT/mariadb.pid" mariadbd $((2 + RANDOM % 6)) mariadb ;;
  esac
}

fault_random_schedule() {
  # Called FAULT_AT seconds into the storm; the last fault starts at least 30 s before it ends.
  local end=$(( $(date +%s) - FAULT_AT + RANDOM_SECONDS - 30 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    random_fault
    sleep $((15 + RANDOM % 26))
  done
}

random_drill() { # minutes [seed]
  local seed="${2:-$(( $(date +%s) % 100000 ))}"
  RANDOM_SECONDS=$(($1 * 60))
  say "random: seed $seed (replay: scripts/nemesis.sh random --minutes $1 --seed $seed)"
  RANDOM=$seed
  STORM_SEED=$seed
  # Half the seeds run node B 10 minutes ahead; packets live 2 minutes and the refund job looks every 15 s either way.
  if [ $((RANDOM % 2)) -eq 1 ]; then NODE_B_SETTINGS=(RedPacket__Drill__ClockOffset=00:10:00); say "random: node B's clock 10 minutes ahead"; fi
  FAULT_AT=$((5 + RANDOM % 20))
  run_drill random 2 "$RANDOM_SECONDS" fault_random_schedule RedPacket__Packets__Lifetime=00:02:00 \
    RedPacket__Refunds__Schedule=true RedPacket__Refunds__Interval=00:00:15
}
