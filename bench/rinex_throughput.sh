#!/usr/bin/env bash
# Decoding throughput and peak memory of the RINEX observation reader.
# Input: the 24 h ESBC RINEX 3.05 file (Hatanaka + gzip in the shared data), decompressed once
# beforehand with `skyfix convert`; a 1 h file is cut from it (header + first 120 epochs) to
# show that memory does not grow with file length. The I/O floor is `wc -l` on the same file.
# Usage: bench/rinex_throughput.sh [BUILD_DIR]   (default build/; run tools/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/skyfix
data=${SKYFIX_DATA:-$(cd .. && pwd)/shared/data}
src=$data/georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz
[ -x "$bin" ] || { echo "build first: tools/build.sh" >&2; exit 1; }
[ -f "$src" ] || { echo "missing $src (set SKYFIX_DATA)" >&2; exit 1; }
out=bench/out
mkdir -p "$out"
plain=$out/ESBC_24h.rnx
[ -s "$plain" ] || "$bin" convert "$src" -o "$plain"
awk '/^>/{n++} n>120{exit} {print}' "$plain" > "$out/ESBC_1h.rnx"

tfile=$(mktemp)
trap 'rm -f "$tfile"' EXIT
best_of() { # best wall time of 5 runs, seconds (nanosecond clock)
  local best=999999 t0 t1 t
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b-a)/1e9}')
    best=$(awk -v a="$best" -v b="$t" 'BEGIN{print (b<a)?b:a}')
  done
  echo "$best"
}
peak_kib() { /usr/bin/time -o "$tfile" -f "%M" "$@" >/dev/null 2>&1; tail -1 "$tfile"; }

bytes=$(stat -c %s "$plain")
epochs=$(grep -c '^>' "$plain")
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}')
cat "$plain" > /dev/null  # warm the page cache
t_wc=$(best_of wc -l "$plain")
t_sky=$(best_of "$bin" info "$plain")
t_crx=$(best_of "$bin" info "$src")
t_conv=$(best_of "$bin" convert "$src" -o "$out/conv.rnx")
m_1h=$(peak_kib "$bin" info "$out/ESBC_1h.rnx")
m_24h=$(peak_kib "$bin" info "$plain")
m_wc=$(peak_kib wc -l "$plain")
awk -v mb="$mb" -v ep="$epochs" -v tw="$t_wc" -v ts="$t_sky" -v tc="$t_crx" -v tv="$t_conv" -v m1="$m_1h" -v m24="$m_24h" -v mw="$m_wc" 'BEGIN{
  printf "input: ESBC00DNK 2020-177 24 h RINEX 3.05, %s MB, %d epochs\n", mb, ep;
  printf "%-28s %10s %12s %14s\n", "", "time (s)", "MB/s", "epochs/s";
  printf "%-28s %10.4f %12.0f %14s\n", "wc -l (I/O floor)", tw, (tw>0?mb/tw:0), "-";
  printf "%-28s %10.4f %12.0f %14.0f\n", "skyfix info (full decode)", ts, (ts>0?mb/ts:0), (ts>0?ep/ts:0);
  printf "%-28s %10.4f %12.0f %14.0f\n", "skyfix info, .crx.gz input", tc, (tc>0?mb/tc:0), (tc>0?ep/tc:0);
  printf "%-28s %10.4f %12.0f %14.0f\n", "skyfix convert .crx.gz", tv, (tv>0?mb/tv:0), (tv>0?ep/tv:0);
  printf "(MB/s of the plain RINEX text decoded; for .crx.gz input, of its decompressed size)\n";
  printf "ratio skyfix/wc time: %.2f\n", (tw>0?ts/tw:0);
  printf "peak memory: skyfix 1 h %d KiB, 24 h %d KiB (ratio %.2f); wc %d KiB\n", m1, m24, (m1>0?m24/m1:0), mw;
}'
