#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Write a synthetic RINEX 3.04 broadcast navigation file (nominal GPS and Galileo constellations).

No real data goes in: the elements are a nominal GPS constellation (24 satellites, 6 planes
60 deg apart at 55 deg, a = 26559.7 km, e about 0.01, slots 90 deg apart in a plane and 15 deg
between planes, i.e. Walker 24/6/1) and a nominal Galileo Walker 24/3/1 (29600 km, 56 deg),
all healthy, clocks with small offsets and drifts, Klobuchar parameters of typical size in the
header. Ephemerides every 2 h from GPS week 2304, Sunday 2024-03-03 00:00 GPST: 4 per satellite
by default (toe 00:00 .. 06:00, usable 00:00-08:00 with the 4 h fit interval; about 115 KB),
--records 12 gives the whole day (about 350 KB, too big for the repository). Each satellite's
records describe one and the same Keplerian orbit and linear clock (no harmonic terms), so
consecutive records agree exactly and any of them may be used.

References:
 [1] IS-GPS-200N (2022-08-22) §20.3.3.4.3 Table 20-IV (orbit from elements), §20.3.3.3.3.1
 [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.1 (orbit), §5.1.9.2 (nominal constellation)
 [3] RINEX 3.04 (2018-11-23) §5.3 and Tables A6, A8, A10 (navigation header and records)

Usage: tools/make_synthetic_nav.py [--records N] [OUT]
       (default 4 records per satellite, OUT tests/fixtures/nav/synthetic_gps_galileo.rnx)
The output is deterministic: running it again gives the same bytes.
"""
import math
import os
import sys

GPS_WEEK = 2304                     # 2024-03-03 00:00:00 GPST (a Sunday)
DATE = (2024, 3, 3)
STEP_S = 7200                       # toe spacing
NREC = 4                            # default records per satellite: toe 00:00 .. 06:00
GPS_MU = 3.986005e14                # [1] Table 20-IV
GAL_MU = 3.986004418e14             # [2] §5.1.1
# Typical Klobuchar parameters (size of those broadcast in 2024), [1] §20.3.3.5.1.7
ALPHA = (1.1176e-08, 7.4506e-09, -5.9605e-08, -5.9605e-08)
BETA = (9.0112e+04, 1.6384e+04, -1.9661e+05, -6.5536e+04)
GAL_AI = (6.6250e+01, -1.6406e-01, 2.4719e-03)


def frac(k, seed):
    """Deterministic value in [0, 1) for satellite k (no random module, no platform state)."""
    return ((k * 7919 + seed * 104729) % 1000) / 1000.0


def gps_sats():
    sats = []
    for plane in range(6):
        for slot in range(4):
            k = plane * 4 + slot
            u0 = math.radians(90.0 * slot + 15.0 * plane)       # argument of latitude at toe 0
            omega = math.radians(360.0 * frac(k, 1))           # argument of perigee
            e = 0.005 + 0.01 * frac(k, 2)                      # 0.005 .. 0.015
            sats.append(dict(
                prn=k + 1, a=26559.7e3, e=e, i=math.radians(55.0),
                raan=math.radians(60.0 * plane + 20.0), omega=omega,
                m0=wrap(u0 - omega), omega_dot=-8.0e-9, mu=GPS_MU,
                af0=(frac(k, 3) - 0.5) * 4e-4, af1=(frac(k, 4) - 0.5) * 2e-11))
    return sats


def gal_sats():
    sats = []
    for plane in range(3):
        for slot in range(8):
            k = plane * 8 + slot
            u0 = math.radians(45.0 * slot + 15.0 * plane)       # Walker 24/3/1 phasing
            omega = math.radians(360.0 * frac(k, 5))
            sats.append(dict(
                prn=k + 1, a=29600.0e3, e=0.0002 + 0.0004 * frac(k, 6), i=math.radians(56.0),
                raan=math.radians(120.0 * plane + 50.0), omega=omega,
                m0=wrap(u0 - omega), omega_dot=-5.5e-9, mu=GAL_MU,
                af0=(frac(k, 7) - 0.5) * 2e-3, af1=(frac(k, 8) - 0.5) * 2e-11))
    return sats


def wrap(x):
    """Angle to (-pi, pi]."""
    x = math.fmod(x, 2.0 * math.pi)
    if x > math.pi:
        x -= 2.0 * math.pi
    elif x <= -math.pi:
        x += 2.0 * math.pi
    return x


def d19(v):
    """RINEX D19.12 number (written with 'E')."""
    s = "%19.12E" % v
    return s if len(s) == 19 else s[:19]


def orbit_line(vals):
    return "    " + "".join(d19(v) if v is not None else " " * 19 for v in vals) + "\n"


def propagate(s, dt_s):
    """Elements at toe + dt of the same orbit: mean anomaly advances by n dt ([1] Table 20-IV:
    M_k = M0 + n t_k) and Omega0, the node at the week start, by OmegaDot dt (from
    Omega_k = Omega0 + (OmegaDot - Omega_e) t_k - Omega_e toe, equal for both toes)."""
    n = math.sqrt(s["mu"] / s["a"] ** 3)
    return wrap(s["m0"] + n * dt_s), wrap(s["raan"] + s["omega_dot"] * dt_s), \
        s["af0"] + s["af1"] * dt_s


def record(sys_char, s, r):
    """RINEX 3.04 record r (toe = r * STEP_S) of satellite s ([3] Tables A6 and A8)."""
    toe = r * STEP_S
    m0, raan, af0 = propagate(s, toe)
    hh = toe // 3600
    head = "%s%02d %04d %02d %02d %02d %02d %02d" % (sys_char, s["prn"], DATE[0], DATE[1],
                                                      DATE[2], hh, 0, 0)
    lines = [head + d19(af0) + d19(s["af1"]) + d19(0.0) + "\n"]
    iod = r + 1 if sys_char == "G" else 40 + r
    lines.append(orbit_line([iod, 0.0, 0.0, m0]))
    lines.append(orbit_line([0.0, s["e"], 0.0, math.sqrt(s["a"])]))
    lines.append(orbit_line([float(toe), 0.0, raan, 0.0]))
    lines.append(orbit_line([s["i"], 0.0, s["omega"], s["omega_dot"]]))
    ttr = float(max(toe - 1800, 0))
    if sys_char == "G":
        lines.append(orbit_line([0.0, 1.0, float(GPS_WEEK), 0.0]))
        lines.append(orbit_line([2.0, 0.0, 0.0, float(iod)]))
        lines.append(orbit_line([ttr, 4.0]))
    else:
        # data sources 517: I/NAV E1-B and E5b, clock for E5b/E1 ([3] Table A8)
        lines.append(orbit_line([0.0, 517.0, float(GPS_WEEK), None]))
        lines.append(orbit_line([3.12, 0.0, 0.0, 0.0]))
        lines.append(orbit_line([ttr]))
    return lines


def header():
    def rec(text, label):
        return "%-60s%-20s\n" % (text, label)
    h = [rec("     3.04           N: GNSS NAV DATA    M: MIXED", "RINEX VERSION / TYPE"),
         rec("make_synthetic_nav  skyfix              20240303 000000 GPS", "PGM / RUN BY / DATE"),
         rec("SYNTHETIC: nominal GPS 24/6/1 and Galileo 24/3/1 elements,", "COMMENT"),
         rec("not real broadcast data (tools/make_synthetic_nav.py)", "COMMENT"),
         rec("GAL  " + "".join("%12.4E" % v for v in GAL_AI) + "%12.4E" % 0.0, "IONOSPHERIC CORR"),
         rec("GPSA " + "".join("%12.4E" % v for v in ALPHA), "IONOSPHERIC CORR"),
         rec("GPSB " + "".join("%12.4E" % v for v in BETA), "IONOSPHERIC CORR"),
         rec("    18", "LEAP SECONDS"),
         rec("", "END OF HEADER")]
    return h


def main():
    args = sys.argv[1:]
    nrec = NREC
    if len(args) >= 2 and args[0] == "--records":
        nrec = int(args[1])
        args = args[2:]
        if not 1 <= nrec <= 12:
            sys.exit("make_synthetic_nav: --records: expected 1..12 (one day)")
    here = os.path.dirname(os.path.abspath(__file__))
    out = args[0] if args else os.path.join(
        here, "..", "tests", "fixtures", "nav", "synthetic_gps_galileo.rnx")
    lines = header()
    for sys_char, sats in (("G", gps_sats()), ("E", gal_sats())):
        for s in sats:
            for r in range(nrec):
                lines.extend(record(sys_char, s, r))
    with open(out, "w", newline="\n") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()
