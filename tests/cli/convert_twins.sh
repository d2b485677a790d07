#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# skyfix convert against independent references:
#  1. every Hatanaka file of georust/CRNX/V1 and V3 with a plain twin in georust/OBS/V2 or V3
#     (same base name, ...d -> ...o, ...D -> ...O, .crx -> .rnx; the plain RINEX of the same
#     data, MANIFEST.md's "Hatanaka oracle") must convert to exactly that twin, trailing
#     blanks ignored;
#  2. ESBC (24 h, gzip) and KMS3 (RINEX 4) convert completely: the output has as many epoch
#     lines as the CRX has epochs, counted by the small awk parser below (structure only:
#     epoch line, clock line, one line per satellite; event records followed by header lines);
#  2b. rnx2rtkp (RTKLIB) reads the decoded ESBC day and finds the header position;
#  3. georinex P433 (.crx and .crx.bz2), york0440.15d (twin inside york0440.zip) and CEBR
#     decode without error, identically where a twin exists;
#  4. usage, --help, errors (exit 1, no partial output file) and atomic -o.
set -u
BIN=${SKYFIX_BIN:?SKYFIX_BIN not set}
DATA=${SKYFIX_DATA:-}
if [ -z "$DATA" ] || [ ! -d "$DATA/georust/CRNX" ]; then
    echo "SKIP: test data folder not found (set SKYFIX_DATA)"
    exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0

same_text() { # same_text A B: identical apart from trailing blanks
    diff <(sed 's/ *$//' "$1") <(sed 's/ *$//' "$2") > "$TMP/diff" 2>&1
}

twin_of() { # twin_of CRXPATH: the plain twin's path, or nothing
    local f=$1 base dir v
    base=$(basename "$f")
    case "$f" in */V1/*) v=V2 ;; *) v=V3 ;; esac
    dir="$DATA/georust/OBS/$v"
    case "$base" in
        *.crx) echo "$dir/${base%.crx}.rnx" ;;
        *d) echo "$dir/${base%d}o" ;;
        *D) echo "$dir/${base%D}O" ;;
    esac
}

# ---- 1. twins
npairs=0
for crx in "$DATA"/georust/CRNX/V1/* "$DATA"/georust/CRNX/V3/*; do
    twin=$(twin_of "$crx")
    [ -n "$twin" ] && [ -f "$twin" ] || continue
    npairs=$((npairs + 1))
    name=$(basename "$crx")
    if ! "$BIN" convert "$crx" -o "$TMP/out" 2> "$TMP/err"; then
        echo "FAIL $name: convert failed: $(cat "$TMP/err")"
        fail=1
        continue
    fi
    if same_text "$TMP/out" "$twin"; then
        echo "ok   $name = $(basename "$twin") ($(wc -l < "$twin") lines)"
        continue
    fi
    # georust's barq071q.19o is a cut copy (header and first epoch only): compare as a prefix
    n=$(wc -l < "$twin")
    if [ "$name" = barq071q.19d ] && head -n "$n" "$TMP/out" > "$TMP/head" &&
        same_text "$TMP/head" "$twin"; then
        echo "ok   $name = $(basename "$twin") (twin is a cut copy: its $n lines match)"
        continue
    fi
    echo "FAIL $name differs from $(basename "$twin"):"
    head -20 "$TMP/diff"
    fail=1
done
if [ "$npairs" -lt 14 ]; then
    echo "FAIL only $npairs twin pairs found, expected 14"
    fail=1
fi

# ---- 2. complete conversion: epochs counted from the CRX 3 structure
count_crx3_epochs() {
    awk 'BEGIN { body = 0; need = 0; n = 0; ep = "" }
    !body { if (index($0, "END OF HEADER") == 61) body = 1; next }
    need > 0 { need--; next }
    length($0) == 0 { next }
    {
        if (substr($0, 1, 1) == ">") ep = $0
        else {
            out = ""; L = length($0) > length(ep) ? length($0) : length(ep)
            for (i = 1; i <= L; i++) {
                c = substr($0, i, 1); o = substr(ep, i, 1); if (o == "") o = " "
                out = out (c == "&" ? " " : ((c == " " || c == "") ? o : c))
            }
            ep = out
        }
        flag = substr(ep, 32, 1); ns = substr(ep, 33, 3) + 0
        n++
        need = (flag >= "2" && flag <= "5") ? ns : ns + 1
    }
    END { print n "/" need }'
}
check_complete() { # check_complete FILE CAT
    local f=$1 cat=$2 want got
    want=$($cat "$f" | count_crx3_epochs)
    if ! "$BIN" convert "$f" -o "$TMP/out" 2> "$TMP/err"; then
        echo "FAIL $(basename "$f"): $(cat "$TMP/err")"
        fail=1
        return
    fi
    got=$(grep -c '^>' "$TMP/out")
    if [ "$want" = "$got/0" ]; then
        echo "ok   $(basename "$f"): $got epochs, as counted in the CRX"
    else
        echo "FAIL $(basename "$f"): $got epochs in the output, CRX has $want (epochs/left)"
        fail=1
    fi
}
check_complete "$DATA/georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz" zcat
check_complete "$DATA/georust/CRNX/V3/KMS300DNK_R_20221591000_01H_30S_MO.crx" cat
check_complete "$DATA/georinex/CEBR00ESP_R_20182000000_01D_30S_MO.crx.gz" zcat
check_complete "$DATA/georinex/P43300USA_R_20190012056_17M_15S_MO.crx" cat

# ---- 2b. the decoded 24 h of ESBC give RTKLIB (an independent reader) a position within a few
# metres of the header's APPROX POSITION (GPS single point every 5 min, broadcast nav)
NAV="$DATA/georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz"
if command -v rnx2rtkp > /dev/null && [ -f "$NAV" ]; then
    "$BIN" convert "$DATA/georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz" -o "$TMP/esbc.rnx"
    zcat "$NAV" > "$TMP/esbc.nav"
    printf '%s\n' "pos1-posmode=single" "pos1-navsys=1" "pos1-elmask=15" "pos1-ionoopt=brdc" \
        "pos1-tropopt=saas" "out-solformat=xyz" > "$TMP/spp.conf"
    rnx2rtkp -k "$TMP/spp.conf" -ti 300 -o "$TMP/esbc.pos" "$TMP/esbc.rnx" "$TMP/esbc.nav" 2> /dev/null
    res=$(grep 'APPROX POSITION' "$TMP/esbc.rnx" | awk '{print $1, $2, $3}' | {
        read -r ax ay az
        grep -v '^%' "$TMP/esbc.pos" | awk -v ax="$ax" -v ay="$ay" -v az="$az" \
            '{n++; x+=$3; y+=$4; z+=$5} END {if (n == 0) {print 0, 1e9; exit}
             dx=x/n-ax; dy=y/n-ay; dz=z/n-az; printf "%d %.2f\n", n, sqrt(dx*dx+dy*dy+dz*dz)}'
    })
    set -- $res
    if [ "$1" -ge 280 ] && awk -v d="$2" 'BEGIN {exit !(d < 5)}'; then
        echo "ok   ESBC decoded: rnx2rtkp solves $1 epochs, mean $2 m from APPROX POSITION"
    else
        echo "FAIL ESBC decoded: rnx2rtkp solved $1 epochs, mean $2 m from APPROX POSITION"
        fail=1
    fi
else
    echo "skip rnx2rtkp cross-check (rnx2rtkp or the ESBC nav file absent)"
fi

# ---- 3. georinex cases
G="$DATA/georinex"
if "$BIN" convert "$G/P43300USA_R_20190012056_17M_15S_MO.crx" -o "$TMP/a" &&
    "$BIN" convert "$G/P43300USA_R_20190012056_17M_15S_MO.crx.bz2" -o "$TMP/b" && cmp -s "$TMP/a" "$TMP/b"; then
    echo "ok   P433 .crx and .crx.bz2 decode identically"
else
    echo "FAIL P433 .crx / .crx.bz2"
    fail=1
fi
if "$BIN" convert "$G/york0440.15d" -o "$TMP/a" && "$BIN" convert "$G/york0440.zip" -o "$TMP/b" &&
    same_text "$TMP/a" "$TMP/b"; then
    echo "ok   york0440.15d = york0440.15o inside york0440.zip (event records included)"
else
    echo "FAIL york0440.15d differs from the zip twin"
    head -20 "$TMP/diff"
    fail=1
fi

# ---- 4. command behaviour
"$BIN" convert --help > "$TMP/help" && grep -q '^usage: skyfix convert' "$TMP/help" ||
    { echo "FAIL convert --help"; fail=1; }
"$BIN" convert > /dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL convert without a file must exit 2"; fail=1; }
"$BIN" convert --bogus x > /dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL convert --bogus must exit 2"; fail=1; }
"$BIN" convert "$TMP/does-not-exist" > /dev/null 2> "$TMP/err"
[ $? -eq 1 ] && grep -q 'does-not-exist' "$TMP/err" || { echo "FAIL missing input must exit 1"; fail=1; }
# a corrupted CRX: one data line of wsra turned into junk; exit 1, message with the line
# number, no output file (not even a partial one)
sed '30s/.*/3\&12x45 junk/' "$DATA/georust/CRNX/V1/wsra0010.21d" > "$TMP/bad.crx"
rm -f "$TMP/out"
"$BIN" convert "$TMP/bad.crx" -o "$TMP/out" 2> "$TMP/err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'bad.crx:30:' "$TMP/err" && [ ! -e "$TMP/out" ] &&
    [ -z "$(ls "$TMP" | grep '^out')" ]; then
    echo "ok   corrupted input: exit 1, $(head -1 "$TMP/err")"
else
    echo "FAIL corrupted input: rc=$rc, $(cat "$TMP/err")"
    fail=1
fi
# to stdout, plain input passes through
"$BIN" convert "$DATA/georust/OBS/V2/wsra0010.21o" > "$TMP/out" && cmp -s "$TMP/out" "$DATA/georust/OBS/V2/wsra0010.21o" ||
    { echo "FAIL plain input to stdout is not passed through unchanged"; fail=1; }
exit $fail
