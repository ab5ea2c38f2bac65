#!/usr/bin/env bash
# THE test command: local MariaDB + Redis (+ Chromium), then every test (unit, integration,
# component, browser). Extra arguments go to `dotnet test`. The last line is
# `tests: N passed, N failed` computed from the TRX results.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
S="${RP_DATA_DIR:-$ROOT/.data}"

bash scripts/services.sh install --browser || exit 1
started_here=0
if ! bash scripts/services.sh status | grep -q "redis running" || ! bash scripts/services.sh status | grep -q "mariadb running"; then
  started_here=1
fi
bash scripts/services.sh start || exit 1
if [ "$started_here" = 1 ]; then trap 'bash "$ROOT/scripts/services.sh" stop >/dev/null' EXIT; fi
eval "$(bash scripts/services.sh env)"
export RP_CHROMIUM="${RP_CHROMIUM:-/usr/bin/chromium}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build RedPacket.sln -c Release -nologo -v q || { echo "tests: 0 passed, 1 failed"; exit 1; }

rm -rf "$ROOT/TestResults"
dotnet test RedPacket.sln -c Release --no-build --nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
  --results-directory "$ROOT/TestResults" "$@"
test_rc=$?

passed=0; failed=0; skipped=0; found=0
for trx in "$ROOT"/TestResults/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  num() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(num passed))); failed=$((failed + $(num failed) + $(num error) + $(num timeout) + $(num aborted)))
  skipped=$((skipped + $(num notExecuted)))
done
if [ "$found" = 0 ] && [ "$test_rc" != 0 ]; then failed=$((failed + 1)); fi

line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
if [ "$test_rc" != 0 ] || [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
