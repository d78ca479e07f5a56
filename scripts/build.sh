#!/usr/bin/env bash
# Configures and builds the main tree (GUI, CLI, tests) in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache (when installed) shares results between clones: paths are hashed relative to the root.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMDSE_BUILD_GUI=ON -DMDSE_BUILD_CLI=ON \
  -DMDSE_BUILD_TESTS=ON -DMDSE_WERROR="${MDSE_WERROR:-OFF}" >/dev/null
cmake --build build -j "${MDSE_JOBS:-2}"
