#!/usr/bin/env bash
# Remote ping-pong between two omni processes on loopback over published channels; ping.omni
# times N round trips after N/10 of warm-up. Usage: bench/cluster/run.sh [N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; omni="$here/../../omni"
n=${1:-100000}; port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$omni" --cluster 127.0.0.1:$port "$here/pong.omni" & pong=$!
"$omni" --cluster 127.0.0.1:0 --seed 127.0.0.1:$port "$here/ping.omni" "$n" | grep 'round trips/s'
wait $pong
