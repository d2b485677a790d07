#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for N seconds (default 20)
# from its seed corpus in tests/fuzz/corpus/<target>. New findings fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
# The library itself is instrumented for coverage (fuzzer-no-link), not only the harness.
CC=clang cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSKY_FUZZ=ON \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzzers
shopt -s nullglob
for bin in build-fuzz/tests/fuzz/fuzz_*; do
  name=$(basename "$bin")
  work=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
  echo "fuzz: $name for ${secs}s"
  "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
         -artifact_prefix="build-fuzz/$name-" "$work" 2>"build-fuzz/$name.log" \
    || { tail -40 "build-fuzz/$name.log"; echo "fuzz: $name FAILED"; exit 1; }
  grep -E "^(#[0-9]+ +DONE|Done)" "build-fuzz/$name.log" | tail -1 || true
  rm -rf "$work"
done
echo "fuzz: all targets clean"
