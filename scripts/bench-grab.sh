#!/usr/bin/env bash
# Measures the 3,000-user grab test (GrabRaceTests) N times (default 5) on the local services and
# prints each run's wall time and grab answers per second. Used for docs/BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/services.sh start >/dev/null
eval "$(bash scripts/services.sh env)"
dotnet build RedPacket.Tests -c Release -nologo -v q >/dev/null
for i in $(seq 1 "${1:-5}"); do
  dotnet test RedPacket.Tests -c Release --no-build --nologo \
    --filter "FullyQualifiedName~GrabRaceTests.Grab_3000UsersOn100Shares" \
    --logger "console;verbosity=detailed" | grep -o 'BENCH.*'
done
