#!/usr/bin/env bash
# Builds the libFuzzer targets with clang++ (ASan + UBSan, every UBSan finding fatal) and runs them.
#
#   tests/fuzz/run_fuzz.sh [build | parser | trace | all]...     (default: all)
#
#   build     compile domain/**/*.cpp and the fuzz targets; objects are cached in $FUZZ_BUILD_DIR/obj and
#             rebuilt only when a source, a project header or the flags change
#   parser    build, replay tests/fuzz/regressions/parser/* once, then fuzz parser_fuzz for
#             $FUZZ_SECONDS on a writable copy of tests/fuzz/corpus/parser
#   trace     the same for trace_fuzz
#   all       parser then trace
#
# Environment:
#   FUZZ_SECONDS    fuzzing time per target (default 60; 0 = replay the corpus and the regressions only)
#   FUZZ_BUILD_DIR  objects, binaries and crash artifacts (default: <repo>/build-fuzz)
#   FUZZ_CXX        the clang++ to use (default: clang++)
#   FUZZ_JOBS       parallel compilations (default 2)
#   FUZZ_WORK_DIR   keep the growing corpus here (<dir>/<target>, seeded from the repository's corpus)
#                   instead of a temporary copy that is deleted afterwards
#   FUZZ_ARGS       extra libFuzzer flags, e.g. "-max_len=4096", or "-fork=1 -ignore_crashes=1" to keep
#                   going after a crash during long exploratory runs
#   FUZZ_REGRESSIONS  0 skips the replay of regressions/<target>/ (exploratory runs while a known
#                   reproducer is still unfixed); default 1
#
# Exit status: 0 when no input crashed, leaked, timed out or triggered a sanitizer report. A finding is
# saved as $FUZZ_BUILD_DIR/artifacts/<target>-crash-<sha1> (or leak-, timeout-, oom-); copy it into
# tests/fuzz/regressions/<target>/ so that every later run replays it.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
BUILD="${FUZZ_BUILD_DIR:-$REPO/build-fuzz}"
CXX="${FUZZ_CXX:-clang++}"
JOBS="${FUZZ_JOBS:-2}"
TARGETS=(parser trace)

log() { printf 'run_fuzz: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

command -v "$CXX" >/dev/null || die "$CXX not found (install clang and libclang-rt-14-dev)"
command -v pkg-config >/dev/null || die "pkg-config not found"

DEPS_CFLAGS="$(pkg-config --cflags libpcre2-8 icu-uc)"
DEPS_LIBS="$(pkg-config --libs libpcre2-8 icu-uc)"
CXXFLAGS=(-std=c++20 -O1 -g -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS
          -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
          -I"$REPO" $DEPS_CFLAGS)
LDFLAGS=(-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
LIBS=(-lboost_json $DEPS_LIBS -lpthread)

# ---- build --------------------------------------------------------------------------------------------
# True when $1 (an object) is missing or older than its source or any header listed in its .d file.
stale() {
  local obj="$1" dep="${1%.o}.d" f
  [[ -f "$obj" && -f "$dep" ]] || return 0
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
    [[ -e "$f" && ! "$f" -nt "$obj" ]] || return 0
  done
  return 1
}

compile() {  # source object: on failure prints the diagnostics and leaves a marker file
  local src="$1" obj="$2"
  if ! "$CXX" "${CXXFLAGS[@]}" -MMD -MF "${obj%.o}.d" -c "$src" -o "$obj" 2>"${obj%.o}.log"; then
    cat "${obj%.o}.log" >&2
    rm -f "$obj"
    touch "$BUILD/obj/FAILED"
  fi
}

build() {
  mkdir -p "$BUILD/obj" "$BUILD/bin" "$BUILD/artifacts"
  # One build at a time (ctest may start several fuzz tests at once).
  exec 9>"$BUILD/.build.lock"
  flock 9

  local stamp="$BUILD/obj/flags.txt" flags
  flags="$("$CXX" --version | head -n1) ${CXXFLAGS[*]}"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$flags" ]]; then
    rm -f "$BUILD"/obj/*.o "$BUILD"/obj/*.d
    printf '%s' "$flags" >"$stamp"
  fi

  local sources=() src rel obj t n=0
  while IFS= read -r src; do sources+=("$src"); done < <(cd "$REPO" && find domain -name '*.cpp' | sort)
  for t in "${TARGETS[@]}"; do sources+=("tests/fuzz/${t}_fuzz.cpp"); done

  rm -f "$BUILD/obj/FAILED"
  for rel in "${sources[@]}"; do
    obj="$BUILD/obj/${rel//\//_}"
    obj="${obj%.cpp}.o"
    if stale "$obj"; then
      while (($(jobs -rp | wc -l) >= JOBS)); do wait -n || true; done
      log "compile $rel"
      compile "$REPO/$rel" "$obj" &
      n=$((n + 1))
    fi
  done
  wait
  [[ ! -e "$BUILD/obj/FAILED" ]] || die "compilation failed"

  local domain_objs=() bin
  for rel in "${sources[@]}"; do
    [[ "$rel" == domain/* ]] || continue
    obj="$BUILD/obj/${rel//\//_}"
    domain_objs+=("${obj%.cpp}.o")
  done
  for t in "${TARGETS[@]}"; do
    bin="$BUILD/bin/${t}_fuzz"
    obj="$BUILD/obj/tests_fuzz_${t}_fuzz.o"
    local relink=0
    [[ -x "$bin" ]] || relink=1
    for o in "$obj" "${domain_objs[@]}"; do [[ "$o" -nt "$bin" ]] && relink=1; done
    if ((relink)); then
      log "link $bin"
      "$CXX" "${LDFLAGS[@]}" "$obj" "${domain_objs[@]}" "${LIBS[@]}" -o "$bin"
    fi
  done
  flock -u 9
  log "build up to date ($n objects compiled)"
}

# ---- run ----------------------------------------------------------------------------------------------
run_target() {
  local t="$1"
  local bin="$BUILD/bin/${t}_fuzz"
  local common=(-rss_limit_mb=2048 -timeout=20 -print_final_stats=1
                "-artifact_prefix=$BUILD/artifacts/$t-")
  local extra=()
  [[ -n "${FUZZ_ARGS:-}" ]] && read -r -a extra <<<"$FUZZ_ARGS"

  # 1. Every saved reproducer, once.
  local regs=()
  if [[ -d "$HERE/regressions/$t" ]]; then
    while IFS= read -r f; do regs+=("$f"); done < <(find "$HERE/regressions/$t" -type f ! -name '*.md' | sort)
  fi
  if ((${#regs[@]})) && [[ "${FUZZ_REGRESSIONS:-1}" != 0 ]]; then
    log "$t: replaying ${#regs[@]} regression input(s)"
    "$bin" "${common[@]}" "${regs[@]}"
  fi

  # 2. Fuzz on a writable copy of the seed corpus.
  local work cleanup=0
  if [[ -n "${FUZZ_WORK_DIR:-}" ]]; then
    work="$FUZZ_WORK_DIR/$t"
    mkdir -p "$work"
  else
    work="$(mktemp -d "${TMPDIR:-/tmp}/fuzz-$t.XXXXXX")"
    cleanup=1
  fi
  cp -n "$HERE/corpus/$t"/* "$work"/ 2>/dev/null || true
  local rc=0
  if ((FUZZ_SECONDS > 0)); then
    log "$t: fuzzing for ${FUZZ_SECONDS}s on $(find "$work" -type f | wc -l) inputs"
    "$bin" "${common[@]}" "-max_total_time=$FUZZ_SECONDS" "${extra[@]}" "$work" || rc=$?
  else
    log "$t: replaying the seed corpus"
    "$bin" "${common[@]}" -runs=0 "${extra[@]}" "$work" || rc=$?
  fi
  ((cleanup)) && rm -rf "$work"
  if ((rc != 0)); then
    log "$t: FAILED (exit $rc); reproducers in $BUILD/artifacts/"
    return "$rc"
  fi
  log "$t: ok"
}

steps=("$@")
((${#steps[@]})) || steps=(all)
for s in "${steps[@]}"; do
  case "$s" in
    build) build ;;
    parser | trace) build; run_target "$s" ;;
    all) build; for t in "${TARGETS[@]}"; do run_target "$t"; done ;;
    *) die "unknown step '$s' (build, parser, trace, all)" ;;
  esac
done
