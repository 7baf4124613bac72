#!/usr/bin/env bash
# HTTP load benchmark of `invariant serve` with wrk, on loopback only, bounded in time:
#   1. GET  /healthz                       the ceiling: routing and HTTP, no work
#   2. POST /api/policy/analyze            the README policy + trace, answered from the result cache
#   3. POST /api/policy/analyze no-cache   the same, evaluated every time (compiled policy cached)
# Prints requests/s and the p50/p99 latency of each run.
#
#   bench/http_load.sh                  # DURATION=10s CONNECTIONS=50 THREADS=2 BUILD_DIR=build
# Server settings come from the environment as usual (INVARIANT_IO_THREADS, INVARIANT_WORKER_THREADS, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
SHARED="${INVARIANT_SHARED_DIR:-../shared}"
POLICY="${POLICY_FILE:-$SHARED/bench/policies/readme.inv}"
TRACE="${TRACE_FILE:-$SHARED/bench/readme_trace.json}"

command -v wrk >/dev/null || { echo "wrk is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
if [ ! -x "$BUILD_DIR/bin/invariant" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINVARIANT_BUILD_TESTS=OFF -DINVARIANT_BUILD_BENCH=OFF
  cmake --build "$BUILD_DIR" -j "$(nproc)" --target invariant
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$POLICY" "$TRACE" > "$work/analyze.json" <<'PY'
import json, sys
print(json.dumps({"policy": open(sys.argv[1]).read(), "trace": json.load(open(sys.argv[2]))}))
PY

INVARIANT_DATA_DIR="$work/data" "$BUILD_DIR/bin/invariant" serve --host 127.0.0.1 --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.log")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.log" >&2; echo "the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"
grep "listening on" "$work/server.log"
answer="$(curl -s -X POST --data-binary @"$work/analyze.json" "$url/api/policy/analyze")"
echo "analyze answer: $answer"

runs=0
run() {  # name, then wrk arguments
  local name="$1"; shift
  local out="$work/run-$((++runs)).txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out" 2>&1
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {print $NF} /Socket errors:/ {print "socket errors: " $0}' "$out" | tr '\n' ' ')"
  printf '%-28s %12s req/s   p50 %-10s p99 %-10s %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0 errors}"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores (server and wrk share them)"
run "GET /healthz" "$url/healthz"
BODY_FILE="$work/analyze.json" run "POST analyze (cached)" -s bench/http/post_body.lua "$url/api/policy/analyze"
BODY_FILE="$work/analyze.json" NO_CACHE=1 run "POST analyze (no-cache)" -s bench/http/post_body.lua \
  "$url/api/policy/analyze"
