#!/usr/bin/env bash
# The raw Pekko peer of run.sh: two typed ActorSystems (two processes) doing request/reply over
# Artery TCP on loopback, N round trips timed after N/10 of warm-up.
# Usage: bench/cluster/run-pekko.sh [N]   (uses the runner's classpath: build ./omni first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
cp="$(cat "$root/runner/target/omni.classpath")"; out="$root/bench/target/cluster"
mkdir -p "$out"; javac -d "$out" -cp "$cp" "$here/pekko/RemotePingPong.java"
n=${1:-100000}
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
java -cp "$out:$cp" RemotePingPong pong "$port" 2>/dev/null & pong=$!
python3 -c "import socket,time,sys
for _ in range(600):
    try: socket.create_connection(('127.0.0.1',$port)).close(); sys.exit(0)
    except OSError: time.sleep(0.05)
sys.exit(1)"
java -cp "$out:$cp" RemotePingPong ping "$port" "$n" 2>/dev/null | grep 'round trips/s'
wait $pong
