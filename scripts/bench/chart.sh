#!/usr/bin/env bash
# Charts of a bench run (gnuplot, Debian's gnuplot-nox): requests/s and p99 per scenario from .bench/results.tsv, and,
# when a circuit sweep ran, S1's ratio and the memory per circuit against the number of browser circuits.
#   scripts/bench/chart.sh [bench-dir] [out-dir]      defaults: .bench docs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib/processes.sh
. "$ROOT/scripts/lib/processes.sh"
# shellcheck source=../lib/text.sh
. "$ROOT/scripts/lib/text.sh"
say() { printf '[chart] %s\n' "$*" >&2; }
IN="${1:-$ROOT/.bench}"; OUT="${2:-$ROOT/docs}"
command -v gnuplot >/dev/null 2>&1 || apt_install gnuplot-nox

# One row per scenario that has a requests/s figure: name (spaces kept), rps, p99.
data="$IN/chart-scenarios.dat"
while IFS=$'\t' read -r name line; do
  rps=$(field "$line" rps); p99=$(field "$line" p99_ms)
  [ -n "$rps" ] && printf '"%s" %s %s\n' "$name" "$rps" "${p99:-0}"
done <"$IN/results.tsv" >"$data"

gnuplot <<GP
set terminal pngcairo size 1100,520 noenhanced font ",10"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.8
set xtics rotate by -35 left
set grid ytics
set yrange [0:*]
set key off
set output "$OUT/bench-rps.png"
set title "Requests per second by scenario ($(head -c 16 <<<"$(date -u '+%Y-%m-%d %H:%M')") UTC, 2 cores, wrk co-located)"
plot "$data" using 2:xtic(1) lc rgb "#c0392b"
set output "$OUT/bench-p99.png"
set title "p99 latency (ms) by scenario"
plot "$data" using 3:xtic(1) lc rgb "#2c3e50"
GP
say "wrote $OUT/bench-rps.png and $OUT/bench-p99.png"

# The circuit sweep, when there is one (bench.sh's circuit-sweep.tsv: circuits, ..., ratio in column 4, the managed heap
# per idle circuit in KB in column 14; a header line first). The heap, not RSS: RSS never shrinks after a larger N ran
# before, so its difference can even be negative.
if [ -f "$IN/circuit-sweep.tsv" ] && [ "$(wc -l <"$IN/circuit-sweep.tsv")" -gt 1 ]; then
  gnuplot <<GP
set terminal pngcairo size 900,480 noenhanced font ",10"
set output "$OUT/bench-circuits.png"
set title "S1 with N idle browser circuits in the group"
set xlabel "browser circuits (N)"
set ylabel "S1 with circuits / S1 alone"
set y2label "server memory per idle circuit (KB)"
set ytics nomirror
set y2tics
set yrange [0:1.2]
set y2range [0:*]
set grid
set datafile separator "\t"
plot "$IN/circuit-sweep.tsv" skip 1 using 1:4 with linespoints lw 2 title "S1 ratio", \
     "$IN/circuit-sweep.tsv" skip 1 using 1:14 axes x1y2 with linespoints lw 2 title "managed heap KB per circuit"
GP
  say "wrote $OUT/bench-circuits.png"
fi
