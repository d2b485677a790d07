#!/usr/bin/env bash
# The main job on a real sample: a 24 h multi-GNSS single point solution of IGS/EUREF station
# ESBC (Denmark, 2020-06-25; Hatanaka + gzip observations, RINEX 3 mixed navigation), written as
# an RTKLIB .pos file, with the accuracy against the header position printed at the end.
# Without the sample data (SKYFIX_DATA unset or elsewhere) it falls back to SIMULATED data: one
# hour of GPS+Galileo observations (code noise 0.3 m) at the coordinates of IGS station WTZR,
# from the synthetic navigation file tests/fixtures/nav/synthetic_gps_galileo.rnx, solved by
# skyfix spp with the accuracy against the simulated truth.
# Usage: tools/demo.sh [BUILD_DIR]   (after tools/setup.sh and tools/build.sh)
# Output goes to out/ (SKYFIX_DEMO_OUT to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/skyfix
data=${SKYFIX_DATA:-$(cd .. && pwd)/shared/data}
outdir=${SKYFIX_DEMO_OUT:-out}
obs=$data/georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz
nav=$data/georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz

# Fallback: simulated observations (clearly labelled) when the real sample is absent.
simulated_demo() {
  local snav=tests/fixtures/nav/synthetic_gps_galileo.rnx
  local wtzr=4075580.3,931853.9,4801568.2 # IGS WTZR (Bad Koetzting), ECEF m
  local sobs=$outdir/WTZR_sim.rnx spos=$outdir/WTZR_sim.pos
  echo "demo: sample data not found under $data (set SKYFIX_DATA to the shared data folder)" >&2
  echo "demo: *** using SIMULATED data instead: synthetic GPS+Galileo orbits ($snav)," >&2
  echo "demo: *** observations simulated at WTZR's coordinates; not a real receiver ***" >&2
  mkdir -p "$outdir"
  echo "== skyfix simulate (SIMULATED): 1 h of GPS+Galileo at WTZR, code noise 0.3 m =="
  "$bin" simulate --pos "$wtzr" --systems G,E --duration 3600 --interval 30 \
    --noise-code 0.3 --noise-phase 0.01 --noise-doppler 0.05 --clock-bias 1e-4 --seed 1 \
    --marker WTZR_SIMULATED -o "$sobs" "$snav"
  echo "== skyfix info (what the simulated observation file holds) =="
  "$bin" info "$sobs"
  echo "== skyfix spp: GPS+Galileo, 1 h, 30 s (error against the simulated truth below) =="
  "$bin" spp --systems G,E -o "$spos" "$sobs" "$snav"
  echo "solution written to $spos ($(grep -vc '^%' "$spos") epochs); first rows:"
  awk '!/^%/ && n++ < 3' "$spos"
  echo "demo: (the results above come from SIMULATED data)" >&2
}

if [ ! -f "$obs" ] || [ ! -f "$nav" ]; then
  simulated_demo
  exit 0
fi
mkdir -p out
echo "== skyfix info (what the observation file holds) =="
"$bin" info "$obs"
echo "== skyfix spp: GPS+GLONASS+Galileo+BeiDou, 24 h, 30 s =="
"$bin" spp --systems G,R,E,C -o out/ESBC_2020177.pos "$obs" "$nav"
echo "solution written to out/ESBC_2020177.pos ($(grep -vc '^%' out/ESBC_2020177.pos) epochs); first rows:"
awk '!/^%/ && n++ < 3' out/ESBC_2020177.pos
