#!/usr/bin/env bash
# Draws scripts/soak.sh's samples (TSV with a header: minute rps p50_ms p99_ms rss_mb heap_mb gc_committed_mb
# error_logs ... live_heap_mb in column 13, NaN where not measured) as one PNG of three panels sharing the time axis: memory, latency, throughput.
#   scripts/soak/chart.sh samples.tsv out.png
set -euo pipefail
samples=$1; png=$2
gnuplot <<GP
set terminal pngcairo size 1100,900 font "sans,10" noenhanced
set output "$png"
set datafile separator "\t"
set datafile missing "NaN"
set key top left
set grid
set yrange [0:*]
set autoscale xfix
set key opaque box
set multiplot layout 3,1 title "scripts/soak.sh: one node, samples every 10 s"
set ylabel "MB"
plot "$samples" using 1:5 skip 1 with lines lw 2 title "RSS", \
     "$samples" using 1:6 skip 1 with lines lw 2 title "GC heap after last collection", \
     "$samples" using 1:7 skip 1 with lines title "GC committed", \
     "$samples" using 1:13 skip 1 with points pt 7 ps 0.8 title "live heap (after a full collection, once a minute)"
set ylabel "ms"
plot "$samples" using 1:4 skip 1 with lines lw 2 title "p99", \
     "$samples" using 1:3 skip 1 with lines title "p50"
set ylabel "requests/s"
set xlabel "minutes"
set y2label "Error log lines"
set y2tics
set y2range [0:10<*]
plot "$samples" using 1:2 skip 1 with lines lw 2 title "requests/s", \
     "$samples" using 1:8 skip 1 axes x1y2 with steps title "Error log lines (cumulative)"
unset multiplot
GP
