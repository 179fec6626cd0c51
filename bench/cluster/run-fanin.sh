#!/usr/bin/env bash
# Remote fan-in: 3 omni producer nodes send N values each into one (chan 128) published by a fourth
# node (fanin-sink.omni), on loopback; then the local fan-in (bench/omni/fanin.omni: 4 fibers x
# 250,000 values into a (chan 128), one process, start-up included) for comparison.
# Usage: bench/cluster/run-fanin.sh [N [P]]   (defaults: 100000 values from each of 3 nodes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; omni="$here/../../omni"
n=${1:-100000}; p=${2:-3}
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$omni" --cluster 127.0.0.1:$port "$here/fanin-sink.omni" $p "$n" | grep 'values/s' & sink=$!
pids=()
for _ in $(seq $p); do
  "$omni" --cluster 127.0.0.1:0 --seed 127.0.0.1:$port "$here/fanin-source.omni" "$n" & pids+=($!)
done
wait $sink "${pids[@]}"
t0=$(date +%s%N)
"$omni" "$here/../omni/fanin.omni" > /dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "omni local fan-in: 4 fibers x 250000 values in $ms ms (start-up included): $(( 1000000 * 1000 / ms )) values/s"
