#!/usr/bin/env bash
# The main job on a real sample: a 24 h multi-GNSS single point solution of IGS/EUREF station
# ESBC (Denmark, 2020-06-25; Hatanaka + gzip observations, RINEX 3 mixed navigation), written as
# an RTKLIB .pos file, with the accuracy against the header position printed at the end.
# Usage: tools/demo.sh [BUILD_DIR]   (after tools/setup.sh and tools/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/skyfix
data=${SKYFIX_DATA:-$(cd .. && pwd)/shared/data}
obs=$data/georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz
nav=$data/georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz
if [ ! -f "$obs" ] || [ ! -f "$nav" ]; then
  echo "demo: sample data not found under $data (set SKYFIX_DATA to the shared data folder)" >&2
  exit 1
fi
mkdir -p out
echo "== skyfix info (what the observation file holds) =="
"$bin" info "$obs"
echo "== skyfix spp: GPS+GLONASS+Galileo+BeiDou, 24 h, 30 s =="
"$bin" spp --systems G,R,E,C -o out/ESBC_2020177.pos "$obs" "$nav"
echo "solution written to out/ESBC_2020177.pos ($(grep -vc '^%' out/ESBC_2020177.pos) epochs); first rows:"
grep -v '^%' out/ESBC_2020177.pos | head -3
