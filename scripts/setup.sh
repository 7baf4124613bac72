#!/usr/bin/env bash
# Installs every Debian package invariant-server needs to build, test and run, and the Swagger UI files
# that `invariant serve` shows at /docs (the swagger-ui-dist npm package, pinned, into
# third_party/swagger-ui). Idempotent: packages that are already installed are skipped, so it is cheap to
# run before every build.
#   SKIP_SWAGGER_UI=1 scripts/setup.sh    # Debian packages only (/docs then answers 503)
set -euo pipefail
cd "$(dirname "$0")/.."

SWAGGER_UI_VERSION=5.35.0
SWAGGER_UI_DIR=third_party/swagger-ui

PACKAGES=(
  build-essential cmake pkg-config git python3
  libboost1.81-dev libboost-json1.81-dev
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  prometheus-cpp-dev libsqlite3-dev libpcre2-dev libicu-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  curl wrk
)
# node and npm only fetch the Swagger UI files; a node that is already there (any source) is used as is.
if [ "${SKIP_SWAGGER_UI:-0}" != "1" ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

# The Swagger UI files, skipped when the pinned version is already in place. A failure (no registry access)
# is a warning: the server works without them, /docs then says how to install them.
installed_version() {
  local pkg="$SWAGGER_UI_DIR/node_modules/swagger-ui-dist/package.json"
  [ -f "$pkg" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$(pwd)/$pkg" 2>/dev/null
}
if [ "${SKIP_SWAGGER_UI:-0}" = "1" ]; then
  echo "setup: SKIP_SWAGGER_UI=1, not installing the Swagger UI files"
elif [ "$(installed_version || true)" = "$SWAGGER_UI_VERSION" ] &&
     [ -f "$SWAGGER_UI_DIR/node_modules/swagger-ui-dist/swagger-ui-bundle.js" ]; then
  echo "setup: swagger-ui-dist $SWAGGER_UI_VERSION present"
else
  echo "setup: installing swagger-ui-dist $SWAGGER_UI_VERSION into $SWAGGER_UI_DIR"
  mkdir -p "$SWAGGER_UI_DIR"
  [ -f "$SWAGGER_UI_DIR/package.json" ] ||
    printf '{\n  "name": "invariant-swagger-ui",\n  "private": true\n}\n' > "$SWAGGER_UI_DIR/package.json"
  # --ignore-scripts: the package needs none, and its analytics dependency (@scarf/scarf) must not run.
  if ! SCARF_ANALYTICS=false npm install --prefix "$SWAGGER_UI_DIR" --no-audit --no-fund --save-exact \
         --ignore-scripts --loglevel=error \
         "swagger-ui-dist@$SWAGGER_UI_VERSION"; then
    echo "setup: WARNING: could not install swagger-ui-dist; /docs will answer 503 until it is installed" >&2
  fi
fi
