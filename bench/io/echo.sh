#!/usr/bin/env bash
# The echo benchmark of issue 12: 1,000 concurrent connections x 100 line round trips (each line
# waits for its echo) against an echo server in OmniLisp (bench/io/echo-server.omni), in Go
# (bench/peers/go/echoserver.go) and in Java 25 with a virtual thread per connection
# (bench/peers/vthreads/EchoServer.java), all driven by the same Go load client
# (bench/peers/go/echoload.go). Each server gets one warm-up run, then RUNS timed runs; the table
# gives the median client wall time, the server's CPU time (user + sys) per run, and both as
# ratios to the virtual-thread server. Usage: bench/io/echo.sh [RUNS [CONNS [ROUNDS]]]
# (OMNI_LAUNCHER=/path/to/omni benchmarks another build's launcher.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=${1:-3} conns=${2:-1000} rounds=${3:-100}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
T="$root/bench/target/echo"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # two descriptors per connection in one process
mkdir -p "$T"
(cd "$root/bench/peers/go" && go build -o "$T/echoload" echoload.go && go build -o "$T/echoserver" echoserver.go)
"$JDK25/bin/javac" -d "$T" "$root/bench/peers/vthreads/EchoServer.java"
"${OMNI_LAUNCHER:-$root/omni}" -e '(+ 1 2)' >/dev/null # builds the runtime if needed
tick=$(getconf CLK_TCK)

# cpu PID: user + sys clock ticks of PID and its descendants
cpu() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [[ -r /proc/$p/stat ]] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

# serve NAME COMMAND...: starts a server that prints its port, drives it, stops it.
# Prints "NAME median-wall-seconds cpu-seconds-per-run".
serve() {
  local name=$1; shift
  local out; out=$(mktemp)
  "$@" >"$out" 2>/dev/null &
  local pid=$!
  for _ in $(seq 600); do [[ -s "$out" ]] && break; sleep 0.1; done
  local port; port=$(head -n 1 "$out")
  local lines
  lines=$("$T/echoload" "$port" "$conns" "$rounds" 2>/dev/null) # warm-up
  [[ $lines == $((conns * rounds)) ]] || echo "bench/io/echo.sh: $name echoed $lines lines, not $((conns * rounds))" >&2
  local c0; c0=$(cpu "$pid")
  local walls=() w
  for _ in $(seq "$runs"); do
    w=$({ "$T/echoload" "$port" "$conns" "$rounds" >/dev/null; } 2>&1 | tail -n 1)
    walls+=("$w")
  done
  local c1; c1=$(cpu "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$out"
  local median; median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] / 1000}')
  echo "$name $median $(awk -v t=$((c1 - c0)) -v hz="$tick" -v n="$runs" 'BEGIN {printf "%.2f", t / hz / n}')"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
omni=$(serve omni "${OMNI_LAUNCHER:-$root/omni}" "$root/bench/io/echo-server.omni")
go=$(serve go "$T/echoserver")
vt=$(serve vthreads "$JDK25/bin/java" -cp "$T" EchoServer)
printf '| server | client wall (median of %s) | server CPU per run | wall / vthreads | CPU / vthreads |\n|---|---|---|---|---|\n' "$runs"
set -- $vt; vwall=$2 vcpu=$3
for row in "$omni" "$go" "$vt"; do
  set -- $row
  printf '| %s | %s s | %s s | %s | %s |\n' "$1" "$2" "$3" \
    "$(awk -v a="$2" -v b="$vwall" 'BEGIN {printf "%.2f", a / b}')" \
    "$(awk -v a="$3" -v b="$vcpu" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
done
