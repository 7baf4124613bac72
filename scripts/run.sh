#!/usr/bin/env bash
# Installs the dependencies (idempotently), builds, and starts invariant-server in the foreground:
#   scripts/run.sh                       # http://127.0.0.1:8000 (INVARIANT_HOST / INVARIANT_PORT to change)
#   scripts/run.sh --host 0.0.0.0 --port 9000
# Every other setting comes from the environment (README: configuration). Ctrl-C or SIGTERM stops it
# gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR="${BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINVARIANT_BUILD_TESTS=OFF -DINVARIANT_BUILD_BENCH=OFF
cmake --build "$BUILD_DIR" -j "$(nproc)" --target invariant
exec "$BUILD_DIR/bin/invariant" serve "$@"
