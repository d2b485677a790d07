#!/usr/bin/env python3
# skyfix info over every RINEX observation, navigation and Hatanaka file of the shared data:
# valid files exit 0 with the epoch count and span that an independent count of the text
# gives (regular expressions below, not skyfix), navigation files the ephemerides per system
# that tests/fixtures/nav/count_records.awk counts; the known-broken georinex files give a clear
# error (file:line: ...) or a correct partial read, and never a crash. Run under ASan/UBSan in
# the sanitizer build, this covers the whole data set.
import bz2, calendar, collections, glob, gzip, io, json, os, re, subprocess, sys, tempfile, zipfile

BIN = os.environ["SKYFIX_BIN"]
DATA = os.environ.get("SKYFIX_DATA", "")
if not os.path.isdir(DATA):
    print(f"SKIP: data folder {DATA!r} not found (set SKYFIX_DATA)")
    sys.exit(77)

BROKEN = {"badtime.10o", "junk_time_obs3.10o", "wrong_obs2_count.10o"}
EPOCH_V2 = re.compile(r"^ [ \d]\d [ \d]\d [ \d]\d [ \d]\d [ \d]\d [ \d]\d\.\d{7}  (\d)")

def plain_text(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    elif raw[:3] == b"BZh":
        raw = bz2.decompress(raw)
    elif raw[:2] == b"\x1f\x9d":
        raw = subprocess.run(["gzip", "-dc"], input=raw, capture_output=True).stdout
    elif raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            raw = z.read(z.namelist()[0])
    return raw.decode("ascii", "replace").splitlines()

def text_epochs(lines):
    """(count of flag 0/1 epochs, first, last, times in s) from the epoch lines; None for CRX."""
    if lines and "CRINEX" in lines[0]:
        return None
    v3 = lines and lines[0][:9].strip().startswith(("3", "4"))
    n, first, last, times = 0, None, None, []
    in_header = True
    for ln in lines:
        if in_header:
            in_header = "END OF HEADER" not in ln
            continue
        if v3:
            if not ln.startswith(">") or len(ln) < 32 or ln[31] not in "01":
                continue
            y, mo, d, h, mi = (int(x) for x in ln[2:29].split()[:5])
            s = float(ln[19:29])
        else:
            m = EPOCH_V2.match(ln)
            if not m or m.group(1) not in "01":
                continue
            f = ln[:26].split()
            yy = int(f[0])
            y = yy + (1900 if yy >= 80 else 2000)
            mo, d, h, mi, s = int(f[1]), int(f[2]), int(f[3]), int(f[4]), float(f[5])
        stamp = f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{int(s):02d}"
        n += 1
        first = first or stamp
        last = stamp
        times.append(calendar.timegm((y, mo, d, h, mi, 0)) + s)
    return n, first, last, times

def text_gaps(times):
    """Steps longer than 1.5 times the most frequent step (docs/info.md), counted here."""
    steps = [round(b - a, 3) for a, b in zip(times, times[1:]) if b - a > 0]
    if not steps:
        return 0
    nominal = collections.Counter(steps).most_common(1)[0][0]
    return sum(1 for d in steps if d > 1.5 * nominal)

def time_system(lines):
    """The epochs' time system; blank means the file's system (RINEX 3.05 Table A2)."""
    default = {"R": "GLO", "E": "GAL", "C": "BDT"}.get(lines[0][40:41] if lines else "", "GPS")
    for ln in lines[:200]:
        if "TIME OF FIRST OBS" in ln:
            return ln[48:51].strip() or default
    return default

AWK = os.path.join(os.environ.get("SKYFIX_FIXTURES", os.path.join(os.path.dirname(__file__),
                   "..", "fixtures")), "nav", "count_records.awk")

HAVE_AWK = subprocess.run(["sh", "-c", "command -v awk"], capture_output=True).returncode == 0
if not HAVE_AWK:
    print("note: awk not installed, navigation record counts not compared")

def nav_counts(path):
    """Unique ephemerides per system by tests/fixtures/nav/count_records.awk (not skyfix)."""
    text = "\n".join(ln.rstrip("\r") for ln in plain_text(path)) + "\n"
    out = subprocess.run(["awk", "-f", AWK], input=text, capture_output=True, text=True).stdout
    counts = {}
    for ln in out.splitlines():
        m = re.match(r"^([A-Z]) raw=\d+ uniq=(\d+)$", ln)
        if m and int(m.group(2)):
            counts[m.group(1)] = int(m.group(2))
    return counts

files = []
for pat in ("rtklib/rinex/*", "georinex/*", "georust/OBS/*/*", "georust/CRNX/*/*",
            "georust/NAV/*/*"):
    files += sorted(glob.glob(os.path.join(DATA, pat)))
files = [f for f in files if not re.search(r"\.sp3|readme|\.txt$", f, re.I) or
         f.endswith("brdc0320.16l.txt")]

if not files:  # an existing but empty (or differently laid out) data folder: say so, skip
    print(f"SKIP: no RINEX/CRX files under {DATA!r} (expected rtklib/, georinex/, georust/)")
    sys.exit(77)

fails = 0
checked = 0
compared = 0  # observation files whose epochs were compared with the text
nav_compared = 0  # navigation files whose ephemeris counts were compared with awk's
broken_seen = set()
for path in files:
    name = os.path.basename(path)
    r = subprocess.run([BIN, "info", "--json", path], capture_output=True, text=True)
    if r.returncode not in (0, 1) or "Sanitizer" in r.stderr or "runtime error" in r.stderr:
        print(f"FAIL {name}: exit {r.returncode}\n{r.stderr[-2000:]}")
        fails += 1
        continue
    try:
        doc = json.loads(r.stdout)[0]
    except Exception as e:  # noqa: BLE001
        print(f"FAIL {name}: --json output is not JSON ({e})")
        fails += 1
        continue
    if name in BROKEN:
        broken_seen.add(name)
        if r.returncode != 1 or not re.search(re.escape(name) + r":\d+: ", r.stderr):
            print(f"FAIL {name}: expected a clear error naming file and line, got {r.stderr!r}")
            fails += 1
        continue
    if r.returncode != 0:
        print(f"FAIL {name}: exit {r.returncode}: {r.stderr.strip()[:300]}")
        fails += 1
        continue
    if doc.get("type") == "navigation" and HAVE_AWK:
        want = nav_counts(path)
        got = {k: v.get("ephemerides") for k, v in doc.get("systems", {}).items()}
        got = {k: v for k, v in got.items() if v}
        # records the reader drops for a bad value are counted by awk (galileo3.15n line 29)
        skipped = doc.get("skipped_records", 0)
        missing = sum(want.values()) - sum(got.values())
        if skipped and 0 <= missing <= skipped and set(got) <= set(want) and \
                all(got[k] <= want[k] for k in got):
            got = want
        if got != want:
            print(f"FAIL {name}: ephemerides per system {got}, awk over the text gives {want}")
            fails += 1
        nav_compared += 1
    if doc.get("type") != "observation":
        checked += 1
        continue
    lines = plain_text(path)
    ref = text_epochs(lines)
    if ref is None:  # Hatanaka: the decoder is checked against the plain twins elsewhere
        if doc.get("crx_version") != float(lines[0][:9]):
            print(f"FAIL {name}: crx_version {doc.get('crx_version')}, first line says "
                  f"{lines[0][:9].strip()}")
            fails += 1
        checked += 1
        continue
    n, first, last, times = ref
    if doc["gaps"] != text_gaps(times):
        print(f"FAIL {name}: {doc['gaps']} gaps, the epoch lines give {text_gaps(times)}")
        fails += 1
    got = (doc["epochs"], (doc["first_epoch"] or "")[:19], (doc["last_epoch"] or "")[:19])
    want = (n, first or "", last or "")
    if time_system(lines) not in ("GPS", ""):
        got, want = got[:1], want[:1]  # epoch tags in another scale are converted to GPST
    if got != want:
        print(f"FAIL {name}: epochs/first/last {got}, text says {want}")
        fails += 1
    checked += 1
    compared += 1

# The data set is read from a folder: files that went missing must not turn into a pass.
for name in sorted(BROKEN - broken_seen):
    print(f"FAIL {name}: known-broken file not found in the data set, its check did not run")
    fails += 1
if compared == 0 or (HAVE_AWK and nav_compared == 0):
    print(f"FAIL {compared} observation and {nav_compared} navigation files compared with text")
    fails += 1

# A gap in the very first step (PDEL with its 2nd epoch removed): it used to set the interval
# it was measured against and go unreported.
pdel = os.path.join(DATA, "georust/OBS/V3/pdel0010.21o")
if not os.path.exists(pdel):
    print(f"FAIL {pdel} absent: the first-step gap check did not run")
    fails += 1
else:
    lines = plain_text(pdel)
    ep = [i for i, ln in enumerate(lines) if ln.startswith(">")]
    cut = lines[:ep[1]] + lines[ep[2]:]
    with tempfile.NamedTemporaryFile("w", suffix=".21o", delete=False) as t:
        t.write("\n".join(cut) + "\n")
    r = subprocess.run([BIN, "info", "--json", t.name], capture_output=True, text=True)
    os.unlink(t.name)
    want = text_gaps(text_epochs(cut)[3])
    got = json.loads(r.stdout)[0]["gaps"] if r.returncode == 0 else None
    if want != 1 or got != want:
        print(f"FAIL first-step gap: skyfix says {got}, the epoch lines give {want}")
        fails += 1

print(f"info over the data set: {checked} files read ({compared} observation files compared "
      f"with their text, {nav_compared} navigation files with awk), {len(broken_seen)} "
      f"broken files rejected clearly, {fails} failures")
sys.exit(1 if fails else 0)
