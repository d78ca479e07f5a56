#!/usr/bin/env bash
# README command 2: set up, build, and run every test suite. First the
# core/hwlib/CLI suites and the fuzzers under AddressSanitizer +
# UndefinedBehaviorSanitizer (clang, build-asan/), then the whole suite
# (build/); the output ends with ctest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache (when installed) shares results between clones: paths are hashed relative to the root.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
# Warnings are errors in the test command (and so in CI).
export MDSE_WERROR=ON
bash scripts/setup.sh
bash scripts/build.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DMDSE_SANITIZE=ON -DMDSE_BUILD_FUZZERS=ON -DMDSE_BUILD_GUI=OFF -DMDSE_BUILD_CLI=ON -DMDSE_BUILD_TESTS=ON \
  -DMDSE_WERROR=ON >/dev/null
cmake --build build-asan -j "${MDSE_JOBS:-2}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
echo "== sanitizer suite (build-asan) =="
ctest --test-dir build-asan --output-on-failure -j 2
echo "== full suite (build) =="
ctest --test-dir build --output-on-failure -j 2
