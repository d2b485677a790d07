#!/usr/bin/env bash
# The whole test suite: a plain Release build, then an ASan+UBSan build, each under ctest,
# then each fuzz target for a short time (libFuzzer, clang). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export SKYFIX_DATA=${SKYFIX_DATA:-$(cd .. && pwd)/shared/data}
[ -d "$SKYFIX_DATA" ] || echo "note: $SKYFIX_DATA not found: tests that need real data will be skipped"
jobs=$(nproc)

echo "== plain build =="
tools/build.sh build
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build =="
tools/build.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSKY_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== fuzzing (${SKY_FUZZ_SECONDS:-20} s per target) =="
tools/fuzz.sh "${SKY_FUZZ_SECONDS:-20}"
