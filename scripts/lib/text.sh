# Reading the harnesses' own output. Sourced by scripts/bench.sh, scripts/bench/chart.sh, scripts/faults.sh,
# scripts/cluster-bench.sh and scripts/cluster-check.sh.

# field line name: the value of `name=value` in a line of `key=value` pairs (a RESULT line of replay.lua), or nothing.
field() { sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" <<<" $1" | head -n 1; }

# Milliseconds since the epoch, for durations measured across commands.
now_ms() { date +%s%3N; }
