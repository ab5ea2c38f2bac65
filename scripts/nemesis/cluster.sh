# Sourced by scripts/nemesis.sh: the Redis Cluster drill (placeholder until built).
stop_cluster() { :; }
cluster_drill() { say "cluster-partition: not built yet"; }
