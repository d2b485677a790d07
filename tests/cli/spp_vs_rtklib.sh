#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# skyfix spp against RTKLIB's rnx2rtkp (an independent peer, bench/rtklib_spp.conf settings:
# same systems, 10 deg mask, broadcast ionosphere or iono-free, Saastamoinen) on the same files:
# 0759 (1 h, GPS L1 and L1/L2) and ESBC (24 h, GPS L1 and L1/L2, full rate: the carrier
# smoothing needs consecutive epochs). Errors about the header position in local ENU, computed
# here by awk from both engines' .pos files. skyfix's H and V RMS must not be worse than
# rnx2rtkp's (+2 cm for noise) with as many solutions; dual frequency must beat RTKLIB's dual,
# by 15 % on ESBC (carrier smoothing, GPS P1-C1 bias from C1W - C1C).
# Skips (77) without rnx2rtkp or the data folder.
set -u
command -v rnx2rtkp >/dev/null || { echo "skip: rnx2rtkp not installed"; exit 77; }
D=${SKYFIX_DATA:-}
O0759=$D/rtklib/rinex/07590920.05o
OESBC=$D/georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz
NESBC=$D/georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz
for f in "$O0759" "$OESBC" "$NESBC"; do [ -f "$f" ] || { echo "skip: $f absent"; exit 77; }; done
CONF=${SKYFIX_SRC:-.}/bench/rtklib_spp.conf
[ -f "$CONF" ] || { echo "skip: $CONF absent"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0

"$SKYFIX_BIN" convert "$OESBC" -o "$TMP/esbc.rnx" >/dev/null || { echo "FAIL: convert"; exit 1; }
gzip -dc "$NESBC" > "$TMP/esbc.nav"

# "n hrms vrms" of a .pos file (lat lon h in columns 3-5, Q in 6) about the ECEF truth X,Y,Z.
stats() {
  awk -v ref="$2" '
    BEGIN { split(ref, r, ","); a = 6378137.0; f = 1 / 298.257223563; e2 = f * (2 - f)
      p = sqrt(r[1]^2 + r[2]^2); lat = atan2(r[3], p * (1 - e2)); lon = atan2(r[2], r[1])
      for (i = 0; i < 8; i++) { s = sin(lat); n = a / sqrt(1 - e2 * s * s)
        lat = atan2(r[3] + n * e2 * s, p) }
      sl = sin(lat); cl = cos(lat); so = sin(lon); co = cos(lon); d2r = atan2(0, -1) / 180 }
    /^%/ || NF < 6 || $6 == 0 { next }
    { la = $3 * d2r; lo = $4 * d2r; s = sin(la); n = a / sqrt(1 - e2 * s * s)
      dx = (n + $5) * cos(la) * cos(lo) - r[1]; dy = (n + $5) * cos(la) * sin(lo) - r[2]
      dz = (n * (1 - e2) + $5) * s - r[3]
      e = -so * dx + co * dy; nn = -sl * co * dx - sl * so * dy + cl * dz
      u = cl * co * dx + cl * so * dy + sl * dz
      h += e * e + nn * nn; v += u * u; k++ }
    END { if (k == 0) print 0, 99, 99; else printf "%d %.3f %.3f\n", k, sqrt(h / k), sqrt(v / k) }
  ' "$1"
}

# check NAME OBS NAV FREQ [GAIN [SKYFIX OPTION]]: run both engines, compare (dual frequency:
# skyfix's H and V RMS below GAIN x rnx2rtkp's, default 1).
check() {
  local name=$1 obs=$2 nav=$3 freq=$4 gain=${5:-1} fq=l1 io=brdc
  local extra=(); [ -n "${6:-}" ] && extra=("$6")
  [ "$freq" = dual ] && { fq=l1+2; io=dual-freq; }
  local ref; ref=$(awk '/APPROX POSITION XYZ/{printf "%s,%s,%s", $1, $2, $3; exit}' "$obs")
  sed -e "s/^pos1-navsys .*/pos1-navsys        =1/" -e "s/^pos1-frequency .*/pos1-frequency     =$fq/" \
      -e "s/^pos1-ionoopt .*/pos1-ionoopt       =$io/" "$CONF" > "$TMP/$name.conf"
  "$SKYFIX_BIN" spp -q --systems G --freq "$freq" --elmask 10 "${extra[@]}" -o "$TMP/$name.sky.pos" \
    "$obs" "$nav" || { echo "FAIL: $name: skyfix exit $?"; fail=1; return; }
  rnx2rtkp -k "$TMP/$name.conf" -p 0 -o "$TMP/$name.rtk.pos" "$obs" "$nav" >/dev/null 2>&1
  read -r ns hs vs < <(stats "$TMP/$name.sky.pos" "$ref")
  read -r nr hr vr < <(stats "$TMP/$name.rtk.pos" "$ref")
  echo "$name: skyfix $ns solutions H $hs V $vs m; rnx2rtkp $nr solutions H $hr V $vr m"
  [ "$nr" -gt 0 ] || { echo "FAIL: $name: rnx2rtkp gave no solution"; fail=1; return; }
  [ "$ns" -ge "$nr" ] || { echo "FAIL: $name: fewer solutions than rnx2rtkp"; fail=1; }
  awk -v a="$hs" -v b="$hr" 'BEGIN{exit !(a <= b + 0.02)}' || { echo "FAIL: $name: H RMS"; fail=1; }
  awk -v a="$vs" -v b="$vr" 'BEGIN{exit !(a <= b + 0.02)}' || { echo "FAIL: $name: V RMS"; fail=1; }
  if [ "$freq" = dual ]; then # clearly better with two frequencies (carrier smoothing)
    awk -v a="$hs" -v b="$hr" -v c="$vs" -v d="$vr" -v g="$gain" 'BEGIN{exit !(a < g * b && c < g * d)}' ||
      { echo "FAIL: $name: dual frequency not better than rnx2rtkp's"; fail=1; }
  fi
}

check 0759_L1 "$O0759" "$D/rtklib/rinex/07590920.05n" single
check 0759_L1L2 "$O0759" "$D/rtklib/rinex/07590920.05n" dual
check ESBC_L1 "$TMP/esbc.rnx" "$TMP/esbc.nav" single
# clearly better: measured -23 % H, -36 % V
check ESBC_L1L2 "$TMP/esbc.rnx" "$TMP/esbc.nav" dual 0.85
exit $fail
