#!/usr/bin/env bash
# Heap and threads for N idle connections to an OmniLisp server (issue 12's idle benchmark): runs
# bench/io/idle-server.omni (a fiber parked in read-line per accepted connection), connects N idle
# clients from another process (bench/peers/go/idleclients.go), forces a full GC and reads the used
# heap and the thread count with jcmd; the same with 0 connections for the baseline.
# Usage: bench/io/idle.sh [N]   (default 10000; one descriptor per connection in each process)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n=${1:-10000}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
need=$((n + 1000))
if (( $(ulimit -n) < need )); then
  echo "bench/io/idle.sh: $n connections need about $need descriptors; ulimit -n is $(ulimit -n) (raise the hard limit)" >&2
  exit 2
fi
T="$root/bench/target/idle"
mkdir -p "$T"
(cd "$root/bench/peers/go" && go build -o "$T/idleclients" idleclients.go)
"$root/omni" -e '(+ 1 2)' >/dev/null # builds the runtime if needed
measure() {
  local count=$1 out pid port clients=""
  out=$(mktemp)
  "$root/omni" "$root/bench/io/idle-server.omni" "$count" > "$out" 2>&1 &
  pid=$!
  until [[ -s $out ]]; do sleep 0.2; done
  port=$(head -n 1 "$out")
  if (( count > 0 )); then
    "$T/idleclients" "$port" "$count" > /dev/null &
    clients=$!
  fi
  until grep -q ready "$out"; do sleep 0.5; done
  sleep 2
  jcmd "$pid" GC.run > /dev/null
  sleep 1
  local used threads
  # young + old generation (the "used NK" of the generations in GC.heap_info)
  used=$(jcmd "$pid" GC.heap_info | grep -E 'Gen +total' | grep -oE 'used [0-9]+K' | grep -oE '[0-9]+' \
    | paste -sd+ | bc)
  threads=$(jcmd "$pid" Thread.print | grep -c '^"')
  kill "$pid"
  [[ -n $clients ]] && kill "$clients"
  wait 2>/dev/null || true
  rm -f "$out"
  echo "$count $used $threads"
}
read -r _ base_used base_threads <<< "$(measure 0)"
read -r _ used threads <<< "$(measure "$n")"
echo "connections: $n (clients in another process)"
echo "heap used after full GC: ${base_used} KiB idle, ${used} KiB with the connections"
echo "per connection (server port + connection actor + Pekko's TcpConnection + a fiber parked in read-line): $(( (used - base_used) * 1024 / n )) bytes"
echo "threads: $base_threads idle, $threads with the connections"
