#!/usr/bin/env bash
# Configures and builds the main tree (GUI, CLI, tests) in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMDSE_BUILD_GUI=ON -DMDSE_BUILD_TESTS=ON >/dev/null
cmake --build build -j "${MDSE_JOBS:-2}"
