#!/usr/bin/env bash
# Installs the dependencies (idempotently), builds, and starts invariant-server.
# Until the HTTP server lands, this builds the `invariant` CLI and evaluates the README example with it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR="${BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINVARIANT_BUILD_TESTS=OFF -DINVARIANT_BUILD_BENCH=OFF
cmake --build "$BUILD_DIR" -j "$(nproc)" --target invariant
mkdir -p "${INVARIANT_DATA_DIR:-./data}"
if "$BUILD_DIR/bin/invariant" serve --help >/dev/null 2>&1; then
  exec "$BUILD_DIR/bin/invariant" serve
fi
echo "invariant CLI built at $BUILD_DIR/bin/invariant; the HTTP server is not part of this build yet."
python3 - <<'PY' | "$BUILD_DIR/bin/invariant" analyze -
import json
policy = open("examples/readme.inv").read()
trace = json.load(open("examples/readme_trace.json"))
print(json.dumps({"policy": policy, "trace": trace}))
PY
