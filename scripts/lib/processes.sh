# Sourced by scripts/services.sh, scripts/cluster.sh, scripts/cluster-check.sh, scripts/bench.sh, scripts/bench/chart.sh,
# scripts/faults.sh, scripts/nemesis.sh and scripts/soak.sh (each defines its own `say`).
# apt installs, and the PID-file helpers (start, stop): a PID counts as ours only while it is alive, not a zombie, and still the
# program we started, so a stale PID file whose number was reused by something else is never signalled.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "need root for: $*"; exit 1; fi
}

apt_install() { # packages...: installs them from apt (none given: nothing to do)
  [ $# -eq 0 ] && return 0
  say "installing $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pid_of() { [ -f "$1" ] && tr -dc '0-9' <"$1"; }
alive() { # pidfile program
  local pid st comm
  pid="$(pid_of "$1")" || return 1
  [ -n "$pid" ] || return 1
  st="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  [ -n "$st" ] && [[ "$st" != Z* ]] || return 1
  comm="$(ps -o comm= -p "$pid" 2>/dev/null || true)"
  [ "$comm" = "$2" ]
}
gone() { local st; st="$(ps -o stat= -p "$1" 2>/dev/null || true)"; [ -z "$st" ] || [[ "$st" == Z* ]]; }

# Stops what a PID file names, if it is still our program: SIGTERM, then SIGKILL after 30 s.
stop_one() { # name pidfile program
  local pid
  if ! alive "$2" "$3"; then rm -f "$2"; say "$1 not running"; return 0; fi
  pid="$(pid_of "$2")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do gone "$pid" && break; sleep 0.2; done
  if ! gone "$pid"; then
    say "$1 (pid $pid) ignored SIGTERM for 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do gone "$pid" && break; sleep 0.1; done
  fi
  rm -f "$2"
  say "$1 stopped (pid $pid)"
}
