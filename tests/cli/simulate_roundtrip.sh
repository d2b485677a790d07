#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# skyfix simulate end to end, with no shared data: observations simulated from the synthetic
# navigation file (tests/fixtures/nav/synthetic_gps_galileo.rnx, made by
# tools/make_synthetic_nav.py) are solved by skyfix spp and by RTKLIB's rnx2rtkp (Debian
# 2.4.3, when installed), and compared with the position given to the simulator (the truth;
# for --llh converted to ECEF here in awk with the WGS 84 constants of NIMA TR8350.2 §3).
# Tolerances: without noise 1.5 mm 3-D at every epoch and 0.6 mm on average: RINEX F14.3
# rounds every code and phase to 1 mm / 0.001 cycle (uniform +-0.5 mm, 0.29 mm RMS), which the
# least squares turns into ~0.4 mm RMS 3-D at PDOP 1.4 (measured: max 1.1-1.3 mm, mean 0.35 mm),
# so 1 mm at every epoch is below what the file can carry; with 0.3 m code noise the
# horizontal RMS must stay below 1 m (measured 0.18 m). Also: usage errors exit 2, a navigation
# file with junk exits 1 naming file:line, no partial output file, tools/demo.sh falls back to
# simulated data when SKYFIX_DATA is an empty folder.
set -u
bin=${SKYFIX_BIN:?}
fix=${SKYFIX_FIXTURES:?}
src=${SKYFIX_SRC:-$fix/../..}
nav=$fix/nav/synthetic_gps_galileo.rnx
[ -f "$nav" ] || { echo "FAIL: $nav missing"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
wtzr=4075580.3,931853.9,4801568.2

# 3-D error of every csv row (columns 6-8 ECEF) against X Y Z: "rows max mean"
err3d() {
  awk -F, -v x="$2" -v y="$3" -v z="$4" 'NR > 1 {
      d = sqrt(($6 - x)^2 + ($7 - y)^2 + ($8 - z)^2); n++; s += d; if (d > m) m = d }
    END { printf "%d %.5f %.5f", n, m, n ? s / n : 99 }' "$1"
}
# horizontal RMS (m) of the csv rows about X Y Z (east/north at the truth)
hrms() {
  awk -F, -v x="$2" -v y="$3" -v z="$4" 'NR == 1 {
      lon = atan2(y, x); lat = atan2(z, sqrt(x * x + y * y)) } # geocentric is fine for ENU axes
    NR > 1 { dx = $6 - x; dy = $7 - y; dz = $8 - z
      e = -sin(lon) * dx + cos(lon) * dy
      nn = -sin(lat) * cos(lon) * dx - sin(lat) * sin(lon) * dy + cos(lat) * dz
      s += e * e + nn * nn; n++ }
    END { printf "%d %.4f", n, n ? sqrt(s / n) : 99 }' "$1"
}

# ---- help and usage errors ----
"$bin" simulate --help > "$tmp/help"; check "--help exits 0" "[ $? -eq 0 ]"
for opt in --pos --llh --start --duration --interval --systems --elmask --clock-bias \
           --clock-drift --noise-code --noise-phase --noise-doppler --seed --no-iono --no-trop \
           --marker --output --quiet; do
  check "--help documents $opt" "grep -q -- '$opt' '$tmp/help'"
done
"$bin" --help | grep -q simulate; check "skyfix --help lists simulate" "[ $? -eq 0 ]"
usage_case() { # description, arguments...
  local d=$1; shift
  "$bin" simulate "$@" >/dev/null 2>"$tmp/e"; local rc=$?
  check "usage: $d exits 2 (got $rc)" "[ $rc -eq 2 ] && grep -q 'skyfix simulate' '$tmp/e'"
}
usage_case "no arguments"
usage_case "no position" -o "$tmp/x.rnx" "$nav"
usage_case "--pos and --llh" --pos $wtzr --llh 49,12,600 -o "$tmp/x.rnx" "$nav"
usage_case "--pos with 2 numbers" --pos 1,2 -o "$tmp/x.rnx" "$nav"
usage_case "--llh latitude 91" --llh 91,0,0 -o "$tmp/x.rnx" "$nav"
usage_case "no -o" --pos $wtzr "$nav"
usage_case "no NAV" --pos $wtzr -o "$tmp/x.rnx"
usage_case "--interval 0" --pos $wtzr --interval 0 -o "$tmp/x.rnx" "$nav"
usage_case "--duration abc" --pos $wtzr --duration abc -o "$tmp/x.rnx" "$nav"
usage_case "--systems X" --pos $wtzr --systems X -o "$tmp/x.rnx" "$nav"
usage_case "--start month 13" --pos $wtzr --start "2024-13-01 00:00:00" -o "$tmp/x.rnx" "$nav"
usage_case "--noise-code -1" --pos $wtzr --noise-code -1 -o "$tmp/x.rnx" "$nav"
usage_case "--clock-bias 2" --pos $wtzr --clock-bias 2 -o "$tmp/x.rnx" "$nav"
usage_case "--seed -3" --pos $wtzr --seed -3 -o "$tmp/x.rnx" "$nav"
usage_case "unknown option" --pos $wtzr --bogus -o "$tmp/x.rnx" "$nav"
check "no output file after usage errors" "[ ! -e '$tmp/x.rnx' ]"

# ---- input errors: exit 1, file:line named, no output left behind ----
awk 'NR == 14 { $0 = "     1.0000000000xxE+00" substr($0, 24) } { print }' "$nav" > "$tmp/junk.rnx"
"$bin" simulate --pos $wtzr -o "$tmp/j.rnx" "$tmp/junk.rnx" 2>"$tmp/e"; rc=$?
check "nav with junk exits 1 (got $rc)" "[ $rc -eq 1 ]"
check "junk message names file:line" "grep -q 'junk.rnx:14:' '$tmp/e'"
check "no output (nor temporary) after an input error" "[ -z \"\$(ls '$tmp' | grep '^j.rnx')\" ]"
head -c 2000 /dev/urandom > "$tmp/bin.rnx"
"$bin" simulate --pos $wtzr -o "$tmp/j.rnx" "$tmp/bin.rnx" 2>/dev/null; rc=$?
check "binary nav exits 1 (got $rc)" "[ $rc -eq 1 ]"
"$bin" simulate --pos $wtzr -o "$tmp/j.rnx" "$tmp/absent.rnx" 2>/dev/null; rc=$?
check "missing nav exits 1 (got $rc)" "[ $rc -eq 1 ]"
"$bin" simulate --pos $wtzr --start "2024-03-10 00:00:00" -o "$tmp/j.rnx" "$nav" 2>/dev/null
rc=$?; check "span without ephemerides exits 1 (got $rc)" "[ $rc -eq 1 ] && [ ! -e '$tmp/j.rnx' ]"
"$bin" simulate --pos $wtzr --systems R -o "$tmp/j.rnx" "$nav" 2>/dev/null; rc=$?
check "system without ephemerides exits 1 (got $rc)" "[ $rc -eq 1 ]"
grep -v 'IONOSPHERIC CORR' "$nav" > "$tmp/noiono.rnx"
"$bin" simulate --pos $wtzr -o "$tmp/j.rnx" "$tmp/noiono.rnx" 2>"$tmp/e"; rc=$?
check "no Klobuchar exits 1 and suggests --no-iono" "[ $rc -eq 1 ] && grep -q -- --no-iono '$tmp/e'"
"$bin" simulate -q --pos $wtzr --no-iono --duration 60 -o "$tmp/j.rnx" "$tmp/noiono.rnx"
check "--no-iono works without Klobuchar" "[ $? -eq 0 ] && [ -s '$tmp/j.rnx' ]"

# ---- noise-free round trip (iono, trop, clock bias and drift on) ----
"$bin" simulate -q --pos $wtzr --clock-bias 3e-4 --clock-drift 1e-8 -o "$tmp/a.rnx" "$nav"
check "simulate exits 0" "[ $? -eq 0 ]"
n=$(grep -c '^>' "$tmp/a.rnx")
check "default 3600 s at 30 s gives 120 epochs (got $n)" "[ $n -eq 120 ]"
check "header position is the truth" \
  "grep -q '^  4075580.3000   931853.9000  4801568.2000 *APPROX POSITION XYZ' '$tmp/a.rnx'"
check "default start is the first toe" "grep -q '^> 2024 03 03 00 00  0.0000000' '$tmp/a.rnx'"
"$bin" spp -q --format csv -o "$tmp/a.csv" "$tmp/a.rnx" "$nav"
r=$(err3d "$tmp/a.csv" 4075580.3 931853.9 4801568.2)
echo "noise-free --pos WTZR: epochs, max and mean 3-D error (m): $r"
check "noise-free: 120 solutions, every epoch within 1.5 mm, mean within 0.6 mm" \
  "echo $r | awk '{ exit !(\$1 == 120 && \$2 <= 0.0015 && \$3 <= 0.0006) }'"
# southern hemisphere, --llh, --start, 10 s: truth from the WGS 84 formulas in awk
truth=$(awk 'BEGIN { pi = atan2(0, -1); a = 6378137; f = 1 / 298.257223563; e2 = f * (2 - f)
  la = -33.865 * pi / 180; lo = 151.209 * pi / 180; h = 50; n = a / sqrt(1 - e2 * sin(la)^2)
  printf "%.4f %.4f %.4f", (n + h) * cos(la) * cos(lo), (n + h) * cos(la) * sin(lo),
    (n * (1 - e2) + h) * sin(la) }')
"$bin" simulate -q --llh=-33.865,151.209,50 --start "2024-03-03 02:00:00" --duration 1800 \
  --interval 10 -o "$tmp/s.rnx" "$nav"
"$bin" spp -q --format csv -o "$tmp/s.csv" "$tmp/s.rnx" "$nav"
r=$(err3d "$tmp/s.csv" $truth)
echo "noise-free --llh Sydney: epochs, max and mean 3-D error (m): $r"
check "noise-free --llh: 180 solutions, every epoch within 1.5 mm, mean within 0.6 mm" \
  "echo $r | awk '{ exit !(\$1 == 180 && \$2 <= 0.0015 && \$3 <= 0.0006) }'"

# ---- with code noise 0.3 m ----
"$bin" simulate -q --pos $wtzr --noise-code 0.3 --noise-phase 0.01 --seed 7 -o "$tmp/b.rnx" "$nav"
"$bin" spp -q --format csv -o "$tmp/b.csv" "$tmp/b.rnx" "$nav"
r=$(hrms "$tmp/b.csv" 4075580.3 931853.9 4801568.2)
echo "noise 0.3 m: epochs, horizontal RMS (m): $r"
check "noise 0.3 m: horizontal RMS below 1 m" "echo $r | awk '{ exit !(\$1 == 120 && \$2 < 1.0) }'"
"$bin" simulate -q --pos $wtzr --noise-code 0.3 --noise-phase 0.01 --seed 7 -o - "$nav" \
  > "$tmp/b2.rnx"
check "-o - writes the same file to stdout (same seed, same bytes)" "cmp -s '$tmp/b.rnx' '$tmp/b2.rnx'"
"$bin" simulate -q --pos $wtzr --noise-code 0.3 --seed 8 -o "$tmp/b3.rnx" "$nav"
check "another seed gives other noise" "! cmp -s '$tmp/b.rnx' '$tmp/b3.rnx'"
"$bin" simulate -q --pos $wtzr --marker TEST_MARK --systems G -o "$tmp/g.rnx" "$nav"
check "--marker and --systems G" "grep -q '^TEST_MARK *MARKER NAME' '$tmp/g.rnx' && \
  ! grep -q '^E' '$tmp/g.rnx' && ! grep -q '^E.*OBS TYPES' '$tmp/g.rnx'"

# ---- the fixture is what the generator makes ----
if command -v python3 >/dev/null && [ -f "$src/tools/make_synthetic_nav.py" ]; then
  python3 "$src/tools/make_synthetic_nav.py" "$tmp/gen.rnx"
  check "fixture equals tools/make_synthetic_nav.py output" "cmp -s '$tmp/gen.rnx' '$nav'"
fi

# ---- RTKLIB (independent peer) reads the synthetic nav and the simulated file ----
if command -v rnx2rtkp >/dev/null; then
  for spec in "--no-iono --no-trop|off|off|0.01" "|brdc|saas|2.0"; do
    IFS='|' read -r flags iono trop tol <<< "$spec"
    "$bin" simulate -q --pos $wtzr $flags -o "$tmp/r.rnx" "$nav"
    printf 'pos1-posmode =single\npos1-frequency =l1\npos1-navsys =9\npos1-elmask =10\n'\
'pos1-ionoopt =%s\npos1-tropopt =%s\nout-solformat =xyz\n' "$iono" "$trop" > "$tmp/r.conf"
    rnx2rtkp -k "$tmp/r.conf" -o "$tmp/r.pos" "$tmp/r.rnx" "$nav" >/dev/null 2>&1
    r=$(awk -v x=4075580.3 -v y=931853.9 -v z=4801568.2 '/^%/ { next }
      { d = sqrt(($3 - x)^2 + ($4 - y)^2 + ($5 - z)^2); n++; if (d > m) m = d }
      END { printf "%d %.4f", n, m }' "$tmp/r.pos")
    echo "rnx2rtkp G+E L1, iono=$iono trop=$trop: epochs, max 3-D error (m): $r"
    check "rnx2rtkp iono=$iono trop=$trop within $tol m" \
      "echo $r | awk -v t=$tol '{ exit !(\$1 == 120 && \$2 <= t) }'"
  done
else
  echo "note: rnx2rtkp not installed, RTKLIB cross-check not run"
fi

# ---- tools/demo.sh without the sample data falls back to simulated data ----
if [ -f "$src/tools/demo.sh" ]; then
  mkdir -p "$tmp/empty"
  SKYFIX_DATA="$tmp/empty" SKYFIX_DEMO_OUT="$tmp/demo" \
    bash "$src/tools/demo.sh" "$(dirname "$bin")" > "$tmp/demo.out" 2> "$tmp/demo.err"
  rc=$?
  check "demo.sh with an empty SKYFIX_DATA exits 0 (got $rc)" "[ $rc -eq 0 ]"
  check "demo.sh says on stderr that the data are simulated" "grep -q SIMULATED '$tmp/demo.err'"
  check "demo.sh solved 120 epochs" "[ \"\$(grep -vc '^%' '$tmp/demo/WTZR_sim.pos')\" = 120 ]"
  check "demo.sh prints the accuracy" "grep -q 'H RMS' '$tmp/demo.err'"
  [ $rc -eq 0 ] || cat "$tmp/demo.err"
fi
exit $fail
