#!/usr/bin/env bash
# Installs what is needed (idempotently), builds everything and runs the whole test suite.
#   scripts/test.sh            # build dir: build/
# Environment: BUILD_DIR, JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR="${BUILD_DIR:-build}"
JOBS="${JOBS:-$(nproc)}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" -j "$JOBS"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 600
