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
RUN_NAME_WIDTH=28
source bench/http/common.sh

start_server main
grep "listening on" "$work/server-main.log"
answer="$(curl -s -X POST --data-binary @"$work/analyze.json" "$url/api/policy/analyze")"
echo "analyze answer: $answer"

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores (server and wrk share them)"
run "GET /healthz" "$url/healthz"
BODY_FILE="$work/analyze.json" run "POST analyze (cached)" -s bench/http/post_body.lua "$url/api/policy/analyze"
BODY_FILE="$work/analyze.json" NO_CACHE=1 run "POST analyze (no-cache)" -s bench/http/post_body.lua \
  "$url/api/policy/analyze"
