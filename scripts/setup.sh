#!/usr/bin/env bash
# Installs what text2kg needs on Debian 12 (only what is missing), then configures and builds.
# Usage: scripts/setup.sh [--tests] [BUILD_DIR] — with --tests also the third-party readers the
# test suite runs (xmllint, networkx, igraph, rdflib, pyld, jsonschema).
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
if [ "${1:-}" = "--tests" ]; then with_tests=1; shift; fi
build_dir=${1:-build}

packages=(g++ python3 meson ninja-build pkg-config libboost-graph-dev rapidjson-dev libpugixml-dev
          iso-codes wordnet-base)
if [ "$with_tests" = 1 ]; then
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev libxml2-utils python3 python3-lxml
             python3-networkx python3-igraph python3-rdflib python3-pyld python3-jsonschema)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A build folder set up for tests keeps them; one without gets them when --tests asks.
if [ -f "$build_dir/build.ninja" ]; then
  [ "$with_tests" = 1 ] && meson configure "$build_dir" -Dtests=true >/dev/null
else
  tests_option=-Dtests=false
  [ "$with_tests" = 1 ] && tests_option=-Dtests=true
  meson setup "$build_dir" "$tests_option" >/dev/null
fi
ninja -C "$build_dir" -j "$(nproc)"
