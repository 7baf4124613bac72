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
source bench/http/common.sh

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
