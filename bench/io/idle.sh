#!/usr/bin/env bash
# Heap and threads for N idle connections (issue 12's idle benchmark): runs bench/io/idle.omni with
# 0 and with N connections, forces a full GC and reads the used heap and the thread count with jcmd.
# Usage: bench/io/idle.sh [N]   (default 5000; each connection takes two file descriptors here)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n=${1:-5000}
measure() {
  local count=$1 out pid
  out=$(mktemp)
  "$root/omni" "$root/bench/io/idle.omni" "$count" > "$out" 2>&1 &
  until grep -q ready "$out"; do sleep 0.5; done
  sleep 2
  pid=$(pgrep -f "idle.omni $count" | head -n 1)
  jcmd "$pid" GC.run > /dev/null
  sleep 1
  local used threads
  # young + old generation (the first two "used NK" of GC.heap_info)
  used=$(jcmd "$pid" GC.heap_info | grep -E 'Gen +total' | grep -oE 'used [0-9]+K' | grep -oE '[0-9]+' \
    | paste -sd+ | bc)
  threads=$(jcmd "$pid" Thread.print | grep -c '^"')
  kill "$pid"
  rm -f "$out"
  echo "$count $used $threads"
}
read -r _ base_used base_threads <<< "$(measure 0)"
read -r _ used threads <<< "$(measure "$n")"
echo "connections: $n"
echo "heap used after full GC: ${base_used} KiB idle, ${used} KiB with the connections"
echo "per connection (client port + server port + a parked fiber each side's actor): $(( (used - base_used) * 1024 / n )) bytes"
echo "threads: $base_threads idle, $threads with the connections"
