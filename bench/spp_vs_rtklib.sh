#!/usr/bin/env bash
# SPP accuracy and speed: `skyfix spp` against Debian's RTKLIB `rnx2rtkp -p 0` on the cases of
# MANIFEST.md "Cases with a known answer", on the same (decompressed) files, with the same
# systems, elevation mask (10 deg), ionosphere (broadcast, or iono-free for dual) and
# troposphere (Saastamoinen) options (bench/rtklib_spp.conf).
# Errors are computed here, by awk, from each engine's .pos output (lat/lon/height) against
# the case's truth in local ENU at the truth: the same code for both engines. Truth: IGS
# SINEX coordinates, else the header's APPROX POSITION moved by its ANTENNA: DELTA H/E/N
# (the antenna reference point, which a code solution estimates).
# Wall time: best of 3 runs each; ratio = rnx2rtkp time / skyfix time (skyfix reads in one
# thread and solves in another). The machine is shared: small cases' times are noisy.
# Usage: [BENCH_RUNS=N] [BENCH_CASES=regex] bench/spp_vs_rtklib.sh [BUILD_DIR]   (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build}")/skyfix
data=${SKYFIX_DATA:-$(cd .. && pwd)/shared/data}
conf=bench/rtklib_spp.conf
[ -x "$bin" ] || { echo "build first: cmake --build ${1:-build}" >&2; exit 1; }
command -v rnx2rtkp >/dev/null || { echo "rnx2rtkp not installed (apt install rtklib)" >&2; exit 1; }
out=bench/out/spp
mkdir -p "$out"

plain() { # decompressed copy of a data file under $out (skyfix convert), echo its path
  local src=$data/$1 dst=$out/$(basename "$1" | sed -E 's/\.(gz|Z|bz2)$//; s/\.crx$/.rnx/; s/d$/o/')
  [ -s "$dst" ] || "$bin" convert "$src" -o "$dst" >/dev/null
  echo "$dst"
}
igs_xyz() { awk -F, -v s="$1" '$1==s{print $4","$5","$6; exit}' "$data/igs-stations-2020w2131.csv"; }
hdr_xyz() { # antenna reference point: APPROX POSITION XYZ + ANTENNA: DELTA H/E/N (in ENU)
  awk '/APPROX POSITION XYZ/{x = $1; y = $2; z = $3}
       /ANTENNA: DELTA H\/E\/N/{h = $1; e = $2; n = $3}
       /END OF HEADER/{
         a = 6378137.0; f = 1 / 298.257223563; e2 = f * (2 - f); p = sqrt(x * x + y * y)
         lat = atan2(z, p * (1 - e2)); lon = atan2(y, x)
         for (i = 0; i < 8; i++) { s = sin(lat); nn = a / sqrt(1 - e2 * s * s)
           lat = atan2(z + nn * e2 * s, p) }
         sl = sin(lat); cl = cos(lat); so = sin(lon); co = cos(lon)
         x += -so * e - sl * co * n + cl * co * h
         y += co * e - sl * so * n + cl * so * h
         z += cl * n + sl * h
         printf "%.4f,%.4f,%.4f", x, y, z; exit }' "$1"
}
epochs() { # observation epochs (flag 0 or 1) of a plain RINEX 2 or 3 file
  awk '/END OF HEADER/{h=1; next} !h{next}
       /^> / {if (substr($0,32,1) ~ /[01]/) n++; next}
       /^ [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9]\.[0-9]+  [01]/ {n++}
       END{print n+0}' "$1"
}
rtk_navsys() { # RTKLIB navsys bits: 1 GPS, 4 GLONASS, 8 Galileo, 16 QZSS, 32 BeiDou
  local m=0
  [[ $1 == *G* ]] && m=$((m | 1)); [[ $1 == *R* ]] && m=$((m | 4))
  [[ $1 == *E* ]] && m=$((m | 8)); [[ $1 == *J* ]] && m=$((m | 16))
  [[ $1 == *C* ]] && m=$((m | 32)); echo $m
}
wall() { # best wall time of $BENCH_RUNS (3) runs in s (ms resolution); output discarded
  local best="" t0 t1 t
  for _ in $(seq "${BENCH_RUNS:-3}"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || return 1
    t1=$(date +%s%N)
    t=$(( (t1 - t0) / 1000000 ))
    [ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
  done
  awk -v ms="$best" 'BEGIN{printf "%.3f", ms / 1000}'
}

# Statistics of a .pos file (lat lon h in columns 3-5, Q in 6; both engines' llh layout).
stats() { # pos ref_xyz nepochs -> "avail% hrms vrms h95 3d95 max3d"
  awk -v ref="$2" '
    function geod2ecef(lat, lon, h, x,   a, f, e2, s, n) {
      a = 6378137.0; f = 1 / 298.257223563; e2 = f * (2 - f); s = sin(lat)
      n = a / sqrt(1 - e2 * s * s)
      x[1] = (n + h) * cos(lat) * cos(lon); x[2] = (n + h) * cos(lat) * sin(lon)
      x[3] = (n * (1 - e2) + h) * s
    }
    BEGIN { split(ref, r, ","); pi = atan2(0, -1); d2r = pi / 180
      a = 6378137.0; f = 1 / 298.257223563; e2 = f * (2 - f); p = sqrt(r[1]^2 + r[2]^2)
      rlat = atan2(r[3], p * (1 - e2)); rlon = atan2(r[2], r[1])
      for (i = 0; i < 8; i++) { s = sin(rlat); n = a / sqrt(1 - e2 * s * s)
        rlat = atan2(r[3] + n * e2 * s, p) }
      sl = sin(rlat); cl = cos(rlat); so = sin(rlon); co = cos(rlon) }
    /^%/ || NF < 6 || $6 == 0 { next }
    { geod2ecef($3 * d2r, $4 * d2r, $5, x)
      dx = x[1] - r[1]; dy = x[2] - r[2]; dz = x[3] - r[3]
      e = -so * dx + co * dy; nn = -sl * co * dx - sl * so * dy + cl * dz
      u = cl * co * dx + cl * so * dy + sl * dz
      printf "%.4f %.4f %.4f\n", sqrt(e * e + nn * nn), (u < 0 ? -u : u), sqrt(e * e + nn * nn + u * u) }
  ' "$1" > "$1.err"
  local n; n=$(wc -l < "$1.err")
  if [ "$n" -eq 0 ]; then echo "0.0 - - - - -"; return; fi
  local k=$(( (95 * n + 99) / 100 ))
  local h95 d95
  h95=$(cut -d' ' -f1 "$1.err" | sort -g | sed -n "${k}p")
  d95=$(cut -d' ' -f3 "$1.err" | sort -g | sed -n "${k}p")
  awk -v N="$3" -v h95="$h95" -v d95="$d95" '{ h += $1 * $1; v += $2 * $2; if ($3 > m) m = $3; n++ }
    END { printf "%.1f %.3f %.3f %.3f %.3f %.3f\n", 100 * n / N, sqrt(h / n), sqrt(v / n), h95, d95, m }' "$1.err"
}

printf "%-6s %-8s %-8s %-6s %6s %7s %8s %8s %8s %8s %8s %8s %7s\n" case engine systems freq \
  epochs avail% "H RMS" "V RMS" "95% H" "95% 3D" max "wall s" ratio
run_case() { # name obs ref_xyz systems freq nav...
  local name=$1 obs=$2 ref=$3 sys=$4 freq=$5; shift 5
  [[ $name =~ ${BENCH_CASES:-.} ]] || return 0
  local n; n=$(epochs "$obs")
  local tag=$out/${name//\*/+}_${sys//,/}_${freq}
  local t_sky t_rtk="" rtk_st="- - - - - -"
  # shellcheck disable=SC2086
  t_sky=$(wall "$bin" spp -q --systems "$sys" --freq "$freq" --elmask 10 ${SKY_EXTRA:-} \
    -o "$tag.sky.pos" "$obs" "$@")
  local cf=$tag.conf fq=l1 io=brdc
  [ "$freq" = dual ] && { fq=l1+2; io=dual-freq; }
  sed -e "s/^pos1-navsys .*/pos1-navsys        =$(rtk_navsys "$sys")/" \
      -e "s/^pos1-frequency .*/pos1-frequency     =$fq/" \
      -e "s/^pos1-ionoopt .*/pos1-ionoopt       =$io/" "$conf" > "$cf"
  if t_rtk=$(wall rnx2rtkp -k "$cf" -p 0 -o "$tag.rtk.pos" "$obs" "$@") && [ -s "$tag.rtk.pos" ]; then
    rtk_st=$(stats "$tag.rtk.pos" "$ref" "$n")
  else
    t_rtk=""
  fi
  local ratio="-"
  [ -n "$t_rtk" ] && ratio=$(awk -v a="$t_rtk" -v b="$t_sky" 'BEGIN{if (b > 0) printf "%.1f", a / b; else print "-"}')
  # shellcheck disable=SC2046
  printf "%-6s %-8s %-8s %-6s %6s %7s %8s %8s %8s %8s %8s %8s %7s\n" "$name" skyfix "$sys" "$freq" \
    "$n" $(stats "$tag.sky.pos" "$ref" "$n") "$t_sky" "$ratio"
  # shellcheck disable=SC2086
  printf "%-6s %-8s %-8s %-6s %6s %7s %8s %8s %8s %8s %8s %8s %7s\n" "$name" rtklib "$sys" "$freq" \
    "$n" $rtk_st "${t_rtk:--}" "-"
}

o0759=$(plain rtklib/rinex/07590920.05o)
for f in single dual; do
  run_case 0759 "$o0759" "$(hdr_xyz "$o0759")" G "$f" "$data/rtklib/rinex/07590920.05n"
done
# PDEL/FLRS: the case's own navigation files (cbw10010.21n, amel0010.21g) hold ephemerides of
# only 3 GPS and 1 GLONASS satellite valid in the 35 observed minutes. The same day's merged
# file BRDC00GOP_R_20210010000_01D_MN.rnx.gz is given as well, but the copy in the data
# folder is a 4 kB excerpt (C01, E03, R10, S36 ...: no GPS record), so it does not help.
navg=$(plain georust/NAV/V2/cbw10010.21n.gz)
navr=$data/georust/NAV/V2/amel0010.21g
nbrdc=$(plain georust/NAV/V3/BRDC00GOP_R_20210010000_01D_MN.rnx.gz)
for st in PDEL:pdel0010.21o FLRS:flrs0010.12o; do
  o=$data/georust/OBS/V3/${st#*:}
  for s in G G,R; do
    for f in single dual; do
      run_case "${st%%:*}" "$o" "$(igs_xyz "${st%%:*}")" "$s" "$f" "$navg" "$navr" "$nbrdc"
    done
  done
done
oesbc=$(plain georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz)
nesbc=$(plain georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz)
for s in G G,R,E,C; do
  for f in single dual; do run_case ESBC "$oesbc" "$(hdr_xyz "$oesbc")" "$s" "$f" "$nesbc"; done
done
# ESBC* : skyfix with --no-p1c1 (GPS C1C not aligned to P1 by the mean C1W - C1C)
for s in G G,R,E,C; do
  for f in single dual; do
    SKY_EXTRA=--no-p1c1 run_case 'ESBC*' "$oesbc" "$(hdr_xyz "$oesbc")" "$s" "$f" "$nesbc"
  done
done
ogeop=$(plain georust/OBS/V3/GEOP092I.24o.gz)
for s in G G,E; do
  for f in single dual; do
    run_case GEOP "$ogeop" "$(hdr_xyz "$ogeop")" "$s" "$f" \
      "$(plain georust/NAV/V3/HERT00GBR_R_20240920000_01D_GN.rnx.gz)" \
      "$(plain georust/NAV/V3/BRUX00BEL_R_20240920000_01D_EN.rnx.gz)"
  done
done
# KMS3: RTKLIB 2.4.3 does not read the GPS Klobuchar coefficients of RINEX 4 "> ION" records
# and falls back to its built-in 2004 set; for matching settings both engines also get the
# same coefficients in a RINEX 3 header-only file (IONOSPHERIC CORR GPSA/GPSB), written from
# the ION record as `skyfix info --json` reads it.
okms=$(plain georust/CRNX/V3/KMS300DNK_R_20221591000_01H_30S_MO.crx)
nkms=$(plain georust/NAV/V4/KMS300DNK_R_20221591000_01H_MN.rnx.gz)
ion3=$out/KMS3_ion_header.rnx
"$bin" info --json "$nkms" | python3 -c '
import json, sys
io = json.load(sys.stdin)[0]["iono"]
d = lambda v: ("%12.4e" % v).replace("e", "D")
print("     3.04           N: GNSS NAV DATA    G: GPS              RINEX VERSION / TYPE")
print("GPSA " + "".join(d(v) for v in io["gps_alpha"]) + "       IONOSPHERIC CORR")
print("GPSB " + "".join(d(v) for v in io["gps_beta"]) + "       IONOSPHERIC CORR")
print(" " * 60 + "END OF HEADER")' > "$ion3"
for s in G G,R,E,C; do
  for f in single dual; do
    run_case KMS3 "$okms" "$(hdr_xyz "$okms")" "$s" "$f" "$ion3" "$nkms"
  done
done

# Peak memory (maximum resident set size, GNU time) on the 24 h ESBC case, G,R,E,C single.
if [[ ESBC =~ ${BENCH_CASES:-.} ]]; then
  mtmp=$(mktemp)
  /usr/bin/time -o "$mtmp" -f %M "$bin" spp -q --systems G,R,E,C --freq single --elmask 10 \
    -o "$out/mem.sky.pos" "$oesbc" "$nesbc" >/dev/null 2>&1
  m_sky=$(tail -1 "$mtmp")
  /usr/bin/time -o "$mtmp" -f %M rnx2rtkp -k "$out/ESBC_GREC_single.conf" -p 0 \
    -o "$out/mem.rtk.pos" "$oesbc" "$nesbc" >/dev/null 2>&1
  m_rtk=$(tail -1 "$mtmp")
  rm -f "$mtmp"
  awk -v a="$m_sky" -v b="$m_rtk" 'BEGIN{printf "peak memory, ESBC 24 h G,R,E,C single: skyfix %.1f MiB, rnx2rtkp %.1f MiB (ratio %.1f)\n", a/1024, b/1024, (a>0?b/a:0)}'
fi
