#!/usr/bin/env bash
# Remote ping-pong between two omni processes on loopback: round trips/s over published channels.
# Usage: bench/cluster/run.sh [N]   (times N and N/10 round trips; the difference removes start-up)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; omni="$here/../../omni"
n=${1:-100000}; port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
run() {
  "$omni" --cluster 127.0.0.1:$port "$here/pong.omni" & local pong=$!
  local t0=$(date +%s%N)
  "$omni" --cluster 127.0.0.1:0 --seed 127.0.0.1:$port "$here/ping.omni" "$1" >/dev/null
  local t1=$(date +%s%N); wait $pong
  echo $(( (t1 - t0) / 1000000 ))
}
small=$(run $((n / 10))); big=$(run $n)
ms=$((big - small)); echo "remote ping-pong: $((n - n / 10)) round trips in $ms ms: $(( (n - n/10) * 1000 / (ms > 0 ? ms : 1) )) round trips/s"
