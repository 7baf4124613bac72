#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them; see bench/README.md.
#
#   bench/run_bench.sh [extra Google Benchmark flags, e.g. --benchmark_filter=flow]
#
# Environment:
#   BENCH_BUILD_DIR    build folder (default: <repo>/build-bench)
#   BENCH_OUT          report folder (default: $BENCH_BUILD_DIR/bench-results)
#   BENCH_REPETITIONS  repetitions of every benchmark (default 5; the report keeps mean/median/stddev)
#   BENCH_MIN_TIME     minimum seconds per repetition (default 0.5)
#   BENCH_JOBS         parallel compilations (default 2)
#
# Writes $BENCH_OUT/engine_bench.json (Google Benchmark JSON), engine_bench.txt (console output),
# memory.jsonl (one engine_memory result a line) and summary.md (the tables of bench/README.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
BUILD="${BENCH_BUILD_DIR:-$REPO/build-bench}"
OUT="${BENCH_OUT:-$BUILD/bench-results}"
REPS="${BENCH_REPETITIONS:-5}"
MIN_TIME="${BENCH_MIN_TIME:-0.5}"
JOBS="${BENCH_JOBS:-2}"

cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DINVARIANT_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target engine_bench engine_memory -j"$JOBS"
mkdir -p "$OUT"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpus: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "compiler: $(grep -m1 CMAKE_CXX_COMPILER: "$BUILD/CMakeCache.txt" | cut -d= -f2) ($("$(grep -m1 CMAKE_CXX_COMPILER: "$BUILD/CMakeCache.txt" | cut -d= -f2)" --version | head -n1))"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee "$OUT/environment.txt"

"$BUILD/bin/engine_bench" \
  --benchmark_repetitions="$REPS" --benchmark_min_time="$MIN_TIME" --benchmark_report_aggregates_only=true \
  --benchmark_out="$OUT/engine_bench.json" --benchmark_out_format=json "$@" | tee "$OUT/engine_bench.txt"

: >"$OUT/memory.jsonl"
for w in readme flow/100 flow/1000 flow/10000 ten_rules/1000; do
  for mode in "" --service; do
    "$BUILD/bin/engine_memory" $mode "$w" | tee -a "$OUT/memory.jsonl"
  done
done
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"

python3 "$HERE/summarize.py" "$OUT/engine_bench.json" "$OUT/memory.jsonl" | tee "$OUT/summary.md"
