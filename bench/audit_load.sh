#!/usr/bin/env bash
# Throughput of POST /api/policy/analyze with the audit log off, on in sync mode (every answer waits for
# its row's commit, group commit) and on in async mode (bounded queue), with wrk on loopback, bounded in
# time. Each configuration gets a fresh server and data directory; two runs each:
#   cached     the same body every time, answered from the result cache (the audit row is most of the work)
#   no-cache   `Cache-Control: no-cache`: every request is evaluated and logged
# Prints requests/s, p50/p99 latency, and the audit rows written/dropped from /metrics.
#
#   bench/audit_load.sh                 # DURATION=10s CONNECTIONS=50 THREADS=2 BUILD_DIR=build
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
stop_server() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

python3 - "$POLICY" "$TRACE" > "$work/analyze.json" <<'PY'
import json, sys
print(json.dumps({"policy": open(sys.argv[1]).read(), "trace": json.load(open(sys.argv[2]))}))
PY

start_server() {  # name, then environment assignments
  local name="$1"; shift
  rm -rf "$work/data"
  env "$@" INVARIANT_DATA_DIR="$work/data" PROMETHEUS_TOKEN=bench \
    "$BUILD_DIR/bin/invariant" serve --host 127.0.0.1 --port 0 >"$work/server-$name.log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 1 100); do
    port="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server-$name.log")"
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$work/server-$name.log" >&2; echo "the server did not start" >&2; exit 1; }
  url="http://127.0.0.1:$port"
}

runs=0
run() {  # name, then wrk arguments
  local name="$1"; shift
  local out="$work/run-$((++runs)).txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out" 2>&1
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {print "non-2xx: " $NF} /Socket errors:/ {print $0}' "$out" | tr '\n' ' ')"
  printf '%-34s %12s req/s   p50 %-10s p99 %-10s %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0 errors}"
}

audit_counts() {
  curl -s -H "Authorization: Bearer bench" "$url/metrics" |
    awk '/^invariant_server_audit_rows_written_total/ {w=$2} /^invariant_server_audit_rows_dropped_total/ {d=$2}
         END {if (w != "") printf "  audit rows written %d, dropped %d\n", w, d}'
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores (server and wrk share them)"
for config in "off:INVARIANT_AUDIT=off" "sync:INVARIANT_AUDIT_MODE=sync" "async:INVARIANT_AUDIT_MODE=async"; do
  name="${config%%:*}"
  start_server "$name" "${config#*:}"
  BODY_FILE="$work/analyze.json" run "audit $name: analyze (cached)" -s bench/http/post_body.lua "$url/api/policy/analyze"
  BODY_FILE="$work/analyze.json" NO_CACHE=1 run "audit $name: analyze (no-cache)" -s bench/http/post_body.lua \
    "$url/api/policy/analyze"
  audit_counts
  stop_server
done
