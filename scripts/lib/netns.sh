# Sourced by scripts/nemesis.sh (after processes.sh; it defines `say` and NS).
# A network namespace of our own, with only its loopback: the drill's servers, app nodes and load generator all live
# there, so iptables rules inside it cut exactly the drill's links and never touch the host's firewall.
# A cut is silent (DROP, no reset), as a broken network is: the peers learn of it only from their own timeouts.

in_ns() { ip netns exec "$NS" "$@"; }

ns_create() {
  command -v iptables >/dev/null 2>&1 || apt_install iptables
  ip netns add "$NS"
  in_ns ip link set lo up
}

ns_remove() {
  ip netns list 2>/dev/null | grep -qw "$NS" || return 0
  local left; left="$(ip netns pids "$NS" 2>/dev/null | tr '\n' ' ')"
  [ -z "$left" ] || say "namespace $NS still holds pids: $left (left alone; remove it with: ip netns del $NS)"
  [ -n "$left" ] || ip netns del "$NS"
}

# Every packet on the namespace's loopback passes OUTPUT once: dport drops what goes to the server, sport its replies.
ns_cut() { # port [replies|requests|both]: drop that traffic
  local how="${2:-both}"
  case "$how" in
    replies) in_ns iptables -w -I OUTPUT -p tcp --sport "$1" -j DROP ;;
    requests) in_ns iptables -w -I OUTPUT -p tcp --dport "$1" -j DROP ;;
    both) in_ns iptables -w -I OUTPUT -p tcp --sport "$1" -j DROP; in_ns iptables -w -I OUTPUT -p tcp --dport "$1" -j DROP ;;
  esac
}

ns_heal() { # port: remove every drop rule for it
  local dir
  for dir in --sport --dport; do
    while in_ns iptables -w -C OUTPUT -p tcp "$dir" "$1" -j DROP 2>/dev/null; do
      in_ns iptables -w -D OUTPUT -p tcp "$dir" "$1" -j DROP
    done
  done
}

ns_kill_sockets() { # port: destroy every TCP socket to or from it (ss -K), at both ends, as a connection broken in
  # the network does once both sides notice: whatever reply was held back is never delivered.
  in_ns ss -K -t dport = ":$1" >/dev/null 2>&1 || true
  in_ns ss -K -t sport = ":$1" >/dev/null 2>&1 || true
}

# A port rule cannot cut a server's own outgoing connections (they leave from ephemeral ports): a server that binds
# and connects from an address of its own (127.0.1.N; all of 127/8 is loopback) is cut whole by that address.
ns_cut_host() { # address: drop everything from and to it
  in_ns iptables -w -I OUTPUT -s "$1" -j DROP
  in_ns iptables -w -I OUTPUT -d "$1" -j DROP
}

ns_heal_host() { # address
  local dir
  for dir in -s -d; do
    while in_ns iptables -w -C OUTPUT "$dir" "$1" -j DROP 2>/dev/null; do in_ns iptables -w -D OUTPUT "$dir" "$1" -j DROP; done
  done
}
