#!/usr/bin/env bash
# THE run command: local MariaDB + Redis, then the web app in Development (which applies the
# migrations and seeds the demo users) on http://127.0.0.1:${RP_PORT:-5080}.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
url="http://127.0.0.1:${RP_PORT:-5080}"
echo "[run] RedPacket on $url (Ctrl+C stops the app; scripts/services.sh stop stops the databases)"
ASPNETCORE_ENVIRONMENT=Development exec dotnet run --project RedPacket.Web --no-launch-profile --urls "$url"
