#!/usr/bin/env bash
# Installs every Debian package invariant-server needs to build, test and run. Idempotent: packages that
# are already installed are skipped, so it is cheap to run before every build.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git python3
  libboost1.81-dev libboost-json1.81-dev
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  prometheus-cpp-dev libsqlite3-dev libpcre2-dev libicu-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  curl wrk
)

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
