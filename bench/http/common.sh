# Shared by bench/http_load.sh and bench/audit_load.sh (sourced, from the repository root): settings, the
# server build, a scratch folder, the analyze request body, starting and stopping `invariant serve` on a
# free loopback port, and one wrk run with its summary line.
#   DURATION=10s CONNECTIONS=50 THREADS=2 BUILD_DIR=build, POLICY_FILE / TRACE_FILE for the request body.
BUILD_DIR="${BUILD_DIR:-build}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
SHARED="${INVARIANT_SHARED_DIR:-../shared}"
POLICY="${POLICY_FILE:-$SHARED/bench/policies/readme.inv}"
TRACE="${TRACE_FILE:-$SHARED/bench/readme_trace.json}"
RUN_NAME_WIDTH="${RUN_NAME_WIDTH:-34}"

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

# start_server NAME [VAR=value ...]: a fresh data directory, /metrics token "bench"; sets $url.
start_server() {
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

# run NAME WRK-ARGS...: one wrk run; prints requests/s, p50, p99 and any errors.
runs=0
run() {
  local name="$1"; shift
  local out="$work/run-$((++runs)).txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out" 2>&1
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {print "non-2xx: " $NF} /Socket errors:/ {print $0}' "$out" | tr '\n' ' ')"
  printf "%-${RUN_NAME_WIDTH}s %12s req/s   p50 %-10s p99 %-10s %s\n" "$name" "$rps" "$p50" "$p99" "${errors:-0 errors}"
}

