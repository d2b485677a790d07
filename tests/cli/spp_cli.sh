#!/usr/bin/env bash
# skyfix spp end to end: options, exit codes, atomic output, every output format, summary.
# References: epoch count of 07590920.05o by grep of its epoch lines; its header APPROX
# POSITION; RTKLIB rnx2rtkp gives 120 single solutions on the same files (bench/README.md).
set -u
bin=${SKYFIX_BIN:?}
data=${SKYFIX_DATA:?}
obs=$data/rtklib/rinex/07590920.05o
nav=$data/rtklib/rinex/07590920.05n
[ -f "$obs" ] && [ -f "$nav" ] || { echo "SKIP: $obs not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then :; else echo "FAIL: $1"; fail=1; fi; }

"$bin" spp --help > "$tmp/help"
check "--help exits 0" "[ $? -eq 0 ]"
for opt in --systems --elmask --freq --format --exclude --start --end --decimate --ref \
           --no-raim --min-redundancy --smooth --p1c1 --no-p1c1 --max-sd --output --quiet --help; do
  check "--help documents $opt" "grep -q -- '$opt' '$tmp/help'"
done

"$bin" spp "$obs" 2>/dev/null; check "missing NAV is a usage error (2)" "[ $? -eq 2 ]"
"$bin" spp --elmask 95 "$obs" "$nav" 2>"$tmp/e"; check "bad --elmask exits 2" "[ $? -eq 2 ]"
check "bad --elmask message names it" "grep -q 'elmask' '$tmp/e'"
"$bin" spp --freq triple "$obs" "$nav" 2>/dev/null; check "bad --freq exits 2" "[ $? -eq 2 ]"
"$bin" spp --exclude G5 "$obs" "$nav" 2>/dev/null; check "bad --exclude exits 2" "[ $? -eq 2 ]"
for bad in -1 abc 1e9; do
  "$bin" spp --smooth "$bad" "$obs" "$nav" 2>"$tmp/e"; check "bad --smooth $bad exits 2" "[ $? -eq 2 ]"
done
check "bad --smooth message names it" "grep -q 'smooth' '$tmp/e'"
"$bin" spp --start "2005-04-02 25:00:00" "$obs" "$nav" 2>/dev/null
check "bad --start exits 2" "[ $? -eq 2 ]"
"$bin" spp "$tmp/none.obs" "$nav" -o "$tmp/x.pos" 2>"$tmp/e"; check "missing OBS exits 1" "[ $? -eq 1 ]"
check "missing OBS: message names the file" "grep -q 'none.obs' '$tmp/e'"
check "failed run leaves no output file" "[ ! -e '$tmp/x.pos' ]"
printf 'not a rinex file\n' > "$tmp/junk.nav"
"$bin" spp "$obs" "$tmp/junk.nav" -o "$tmp/x.pos" 2>"$tmp/e"; check "junk NAV exits 1" "[ $? -eq 1 ]"
check "junk NAV: message names the file" "grep -q 'junk.nav' '$tmp/e'"

# A normal run: one solution per epoch, summary on stderr with the error block.
n_epochs=$(awk '/END OF HEADER/{h=1; next} h && /^ [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9]\.[0-9]+  0/ {n++} END{print n}' "$obs")
"$bin" spp --systems G --freq single -o "$tmp/a.pos" "$obs" "$nav" 2>"$tmp/sum"
check "run exits 0" "[ $? -eq 0 ]"
n_sol=$(grep -vc '^%' "$tmp/a.pos")
check "one solution per epoch ($n_sol of $n_epochs)" "[ '$n_sol' -eq '$n_epochs' ]"
check "quality 5 everywhere" "[ \$(awk '!/^%/ && \$6 != 5' '$tmp/a.pos' | wc -l) -eq 0 ]"
check "summary: epochs and availability" "grep -q \"$n_epochs epochs, $n_epochs solutions (availability 100.0 %)\" '$tmp/sum'"
check "summary: error block" "grep -q 'H RMS' '$tmp/sum' && grep -q '95% 3D' '$tmp/sum'"
hrms=$(sed -n 's/.*H RMS \([0-9.]*\) m.*/\1/p' "$tmp/sum")
check "summary H RMS below 1.5 m ($hrms)" "awk -v h='$hrms' 'BEGIN{exit !(h > 0 && h < 1.5)}'"

# Smoothing off (--smooth 0) and on (default) both give every epoch; they differ (the 0759
# file has L1 and L2 phases, so the default smooths).
"$bin" spp -q --systems G --freq single --smooth 0 -o "$tmp/s0.pos" "$obs" "$nav"
check "--smooth 0 exits 0" "[ $? -eq 0 ]"
check "--smooth 0: one solution per epoch" "[ \$(grep -vc '^%' '$tmp/s0.pos') -eq '$n_epochs' ]"
check "--smooth 0 differs from the default" "! cmp -s '$tmp/s0.pos' '$tmp/a.pos'"

# The same to stdout; and the time window, decimation and exclusion.
"$bin" spp -q --systems G --freq single "$obs" "$nav" > "$tmp/b.pos" 2>"$tmp/e"
check "stdout run equals -o run" "cmp -s '$tmp/a.pos' '$tmp/b.pos'"
check "--quiet prints nothing" "[ ! -s '$tmp/e' ]"
"$bin" spp -q --start "2005-04-02 00:10:00" --end "2005-04-02 00:19:30" --decimate 2 \
  "$obs" "$nav" > "$tmp/c.pos"
check "window + decimate: 10 solutions" "[ \$(grep -vc '^%' '$tmp/c.pos') -eq 10 ]"
check "first solution at 00:10:00" "grep -v '^%' '$tmp/c.pos' | head -1 | grep -q '00:10:00'"
# The first epochs track 8 satellites (G03 G07 G08 G11 G19 G20 G24 G28): without 4 of them
# there is no satellite to spare there, and the summary says why.
"$bin" spp --exclude G03,G07,G08,G11 "$obs" "$nav" > "$tmp/d.pos" 2>"$tmp/e"
n_d=$(grep -vc '^%' "$tmp/d.pos")
check "4 satellites left: fewer solutions ($n_d)" "[ '$n_d' -lt '$n_epochs' ]"
check "4 satellites left: first epoch unsolved" "! grep -v '^%' '$tmp/d.pos' | grep -q ' 00:00:00'"
check "4 satellites left: reason given" "grep -q 'too few satellites' '$tmp/e'"
"$bin" spp -q --min-redundancy 0 --exclude G03,G07,G08,G11 "$obs" "$nav" > "$tmp/d0.pos"
check "--min-redundancy 0: more solutions" "[ \$(grep -vc '^%' '$tmp/d0.pos') -gt '$n_d' ]"

# Every format writes something sensible.
for f in xyz nmea csv geojson kml; do
  "$bin" spp -q --format $f -o "$tmp/o.$f" "$obs" "$nav"
  check "--format $f exits 0" "[ $? -eq 0 ] && [ -s '$tmp/o.$f' ]"
done
check "nmea has one GGA per epoch" "[ \$(grep -c 'GGA' '$tmp/o.nmea') -eq '$n_epochs' ]"
check "geojson is a FeatureCollection" "grep -q 'FeatureCollection' '$tmp/o.geojson'"
check "kml has a kml root" "grep -q '<kml' '$tmp/o.kml'"
exit $fail
