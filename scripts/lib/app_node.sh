# Shared by scripts/nemesis.sh and scripts/soak.sh (sourced, after processes.sh; each defines its own `say`).
# A Release publish of the web app, and nodes of it in the Bench environment (bench endpoints for seeding and the
# report, no demo), each on its own port with a PID file. RUN_IN (an array) is the command prefix that places a
# process, e.g. (ip netns exec NS) for the drills, () on the host.

publish_app() { # outdir: the app, published in Release
  mkdir -p "$1"
  if ! dotnet publish "$ROOT/RedPacket.Web" -c Release -o "$1" -nologo -v q >"$1.publish.log" 2>&1; then
    say "publishing the app failed; last lines of $1.publish.log:"; tail -n 30 "$1.publish.log" >&2; exit 1
  fi
}

publish_storm() { # outdir: the load generator and checker (scripts/nemesis/Storm)
  mkdir -p "$1"
  if ! dotnet publish "$ROOT/scripts/nemesis/Storm" -c Release -o "$1" -nologo -v q >"$1.publish.log" 2>&1; then
    say "publishing the load generator failed; last lines of $1.publish.log:"; tail -n 30 "$1.publish.log" >&2; exit 1
  fi
}

start_node() { # app-dir port pidfile log KEY=VALUE...: a node in the Bench environment; settings override the defaults
  local dir=$1 port=$2 pidf=$3 log=$4; shift 4
  (cd "$dir" && exec ${RUN_IN[@]+"${RUN_IN[@]}"} env ASPNETCORE_ENVIRONMENT=Bench \
    RedPacket__Database__MigrateOnStart=true \
    RedPacket__Demo__Enabled=false \
    RedPacket__Registration__Enabled=false \
    RedPacket__RateLimits__GrabsPerWindow=1000000 \
    RedPacket__RateLimits__SendsPerWindow=1000000 \
    RedPacket__Limits__SendsPerDay=1000000000 RedPacket__Limits__SentCentsPerDay=1000000000000000 \
    Logging__LogLevel__Default=Warning \
    "$@" setsid dotnet RedPacket.Web.dll --urls "http://127.0.0.1:$port") </dev/null >>"$log" 2>&1 &
  echo $! >"$pidf"
}

node_ready() { ${RUN_IN[@]+"${RUN_IN[@]}"} curl -sf -m 2 "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; }

wait_node() { # port pidfile log: until /health/ready answers 200 (two minutes at most)
  local deadline=$((SECONDS + 120))
  until node_ready "$1"; do
    alive "$2" dotnet || { say "the node on $1 exited during start-up; last lines of $3:"; tail -n 40 "$3" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { say "the node on $1 is not ready after 120 s; see $3"; exit 1; }
    sleep 0.2
  done
}

stop_node() { # name pidfile: SIGCONT first, in case a drill left it paused
  local pid; pid="$(pid_of "$2" || true)"
  if [ -n "$pid" ] && alive "$2" dotnet; then kill -CONT "$pid" 2>/dev/null || true; fi
  stop_one "$1" "$2" dotnet
}
