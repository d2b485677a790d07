#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# The solution writers' files checked by independent readers: Python's json and
# xml.dom.minidom parse the GeoJSON and KML (also with no solution at all), and RTKLIB's
# pos2kml (Debian rtklib 2.4.3) reads our .pos (lat/lon/height and ECEF) back: its KML must
# hold one point per solution at the positions test_solw wrote (truth.txt, 12 decimals),
# to the 9 decimals of degree pos2kml prints, and the fix/single split of the Q column.
# With the shared data and rnx2rtkp present, every row of an rnx2rtkp solution of
# rtklib/rinex/07590920.05o is read and rewritten by our writer: the rows must be identical.
set -u
bin_dir=$(dirname "${SKYFIX_BIN:?SKYFIX_BIN not set}")
emitter="$bin_dir/tests/out_test_solw"
if [ ! -x "$emitter" ]; then
    echo "SKIP: $emitter not built"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$emitter" --emit "$tmp" || { echo "FAIL: $emitter --emit"; exit 1; }
n_truth=$(wc -l < "$tmp/truth.txt")
n_fix=$(awk '$4 == 1' "$tmp/truth.txt" | wc -l)

if command -v python3 >/dev/null; then
    python3 - "$tmp" "$n_truth" <<'EOF' || exit 1
import json, sys, xml.dom.minidom
d, n = sys.argv[1], int(sys.argv[2])
def feats(name):
    with open(f"{d}/{name}") as f:
        doc = json.load(f)
    assert doc["type"] == "FeatureCollection", name
    return doc["features"]
fs = feats("sol.geojson")
assert len(fs) == n, (len(fs), n)
truth = [list(map(float, l.split())) for l in open(f"{d}/truth.txt")]
for f, t in zip(fs, truth):
    lon, lat, h = f["geometry"]["coordinates"]
    assert abs(lat - t[0]) <= 0.6e-9 and abs(lon - t[1]) <= 0.6e-9, (lat, lon, t)
    assert f["properties"]["quality"] == int(t[3])
assert feats("empty.geojson") == []
for name, points in (("sol.kml", n), ("empty.kml", 0)):
    dom = xml.dom.minidom.parse(f"{d}/{name}")
    assert len(dom.getElementsByTagName("Point")) == points, name
    assert len(dom.getElementsByTagName("LineString")) == (1 if points >= 2 else 0), name
print("json/xml ok")
EOF
else
    echo "note: python3 missing, GeoJSON/KML parse check not run"
fi

if ! command -v pos2kml >/dev/null; then
    echo "SKIP: pos2kml (Debian rtklib) not installed"
    exit 77
fi
check_kml() { # kml file, label, tolerance (deg)
    local pts
    pts=$(grep -o '<coordinates>[^<]*</coordinates>' "$1" | sed 's/<[^>]*>//g')
    local n
    n=$(printf '%s\n' "$pts" | grep -c .)
    if [ "$n" != "$n_truth" ]; then
        echo "FAIL: $2: pos2kml wrote $n points, expected $n_truth"; exit 1
    fi
    printf '%s\n' "$pts" | tr ',' ' ' | paste -d' ' - "$tmp/truth.txt" | awk -v label="$2" -v tol="$3" '
        function abs(x) { return x < 0 ? -x : x }
        { # pos2kml: lon lat h ; truth: lat lon h q
          if (abs($1 - $5) > tol || abs($2 - $4) > tol || abs($3 - $6) > 0.0006) {
              printf "FAIL: %s point %d: %s %s %s vs %s %s %s\n", label, NR, $2, $1, $3, $4, $5, $6
              bad = 1 } }
        END { exit bad }' || exit 1
    # Q column read back: RTKLIB styles Q=1 (fix) as #P1 (pos2kml point colour by qflag)
    local nf
    nf=$(grep -c '<styleUrl>#P1</styleUrl>' "$1")
    if [ "$nf" != "$n_fix" ]; then
        echo "FAIL: $2: $nf fix placemarks, expected $n_fix"; exit 1
    fi
}
pos2kml -a -o "$tmp/llh.kml" "$tmp/sol.pos" || { echo "FAIL: pos2kml on sol.pos"; exit 1; }
check_kml "$tmp/llh.kml" "llh .pos" 0.6e-9
pos2kml -a -o "$tmp/xyz.kml" "$tmp/solxyz.pos" || { echo "FAIL: pos2kml on solxyz.pos"; exit 1; }
# x/y/z to 0.1 mm: up to 1e-4 m * sqrt(3) / 111 km = 1.6e-9 deg, plus pos2kml's rounding
check_kml "$tmp/xyz.kml" "xyz .pos" 2.2e-9
echo "pos2kml read $n_truth points from each .pos"

obs="${SKYFIX_DATA:-}/rtklib/rinex/07590920.05o"
if command -v rnx2rtkp >/dev/null && [ -r "$obs" ]; then
    printf '%s\n' "pos1-posmode=single" "pos1-elmask=15" "pos1-ionoopt=brdc" \
        "pos1-tropopt=saas" "pos1-navsys=1" > "$tmp/opt.conf"
    rnx2rtkp -k "$tmp/opt.conf" -t -o "$tmp/ref.pos" "$obs" "${obs%o}n" 2>/dev/null
    "$emitter" --rewrite-pos "$tmp/ref.pos" "$tmp/mine.pos" || { echo "FAIL: rewrite"; exit 1; }
    n_ref=$(grep -vc '^%' "$tmp/ref.pos")
    if [ "$n_ref" -lt 100 ]; then
        echo "FAIL: rnx2rtkp wrote only $n_ref rows"; exit 1
    fi
    if ! diff <(grep -v '^%' "$tmp/ref.pos" | tr -d '\r') <(grep -v '^%' "$tmp/mine.pos") \
        > "$tmp/diff.txt"; then
        echo "FAIL: rows differ from rnx2rtkp's:"; head -20 "$tmp/diff.txt"; exit 1
    fi
    if ! diff <(grep '^%  GPST' "$tmp/ref.pos" | tr -d '\r') <(grep '^%  GPST' "$tmp/mine.pos"); then
        echo "FAIL: column header differs from rnx2rtkp's"; exit 1
    fi
    echo "$n_ref rnx2rtkp rows rewritten identically"
else
    echo "note: rnx2rtkp or $obs missing, row-by-row comparison not run"
fi
