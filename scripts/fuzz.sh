#!/usr/bin/env bash
# Fuzzing campaigns (issue 13, "Fuzzing campaigns, not smoke runs"): builds
# the libFuzzer targets under AddressSanitizer + UndefinedBehaviorSanitizer
# (clang, build-asan/, configured as scripts/test.sh does) and runs each
# named target (all of tests/fuzz/fuzz_*.cpp by default) for
# MDSE_FUZZ_CAMPAIGN_SECONDS (default 600) from its seed corpus
# tests/fuzz/corpus/<name>/, growing a working corpus in
# build-asan/fuzz-work/<name>/. A finding (crash, sanitizer report, an
# exception other than core::Error) is written to build-asan/fuzz-findings/
# and ends the script with a non-zero status; keep each one as a regression
# seed in tests/fuzz/corpus/<name>/ once fixed.
#   bash scripts/fuzz.sh                                   # every fuzzer, 10 minutes each
#   MDSE_FUZZ_CAMPAIGN_SECONDS=60 bash scripts/fuzz.sh fuzz_tflite_import
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
seconds="${MDSE_FUZZ_CAMPAIGN_SECONDS:-600}"
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DMDSE_SANITIZE=ON -DMDSE_BUILD_FUZZERS=ON -DMDSE_BUILD_GUI=OFF -DMDSE_BUILD_CLI=ON -DMDSE_BUILD_TESTS=ON \
  -DMDSE_WERROR=ON >/dev/null
cmake --build build-asan -j "${MDSE_JOBS:-2}" --target "${targets[@]}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build-asan/fuzz-findings
for name in "${targets[@]}"; do
  mkdir -p "build-asan/fuzz-work/$name"
  echo "== $name: $seconds s =="
  "build-asan/tests/fuzz/$name" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="build-asan/fuzz-findings/$name-" "build-asan/fuzz-work/$name" "tests/fuzz/corpus/$name"
done
