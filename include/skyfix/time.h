/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: GNSS time. One internal scale, GPST; other scales only through named conversions.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §3.3.4, §20.3.3.5.2.4 (GPS time, UTC parameters)
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.2 (GST, week 0 = 1999-08-22)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.1.2 (BDT, week 0 = 2006-01-01, 14 s behind GPST)
 *  [4] GLONASS ICD Edition 5.1 (2008) §3.3.3 (GLONASST = UTC(SU) + 3 h)
 *  [5] IERS Bulletin C (leap seconds) */
#ifndef SKYFIX_TIME_H
#define SKYFIX_TIME_H

#include "skyfix/common.h"
#include "skyfix/error.h"

SKY_BEGIN_DECLS

/* GPST seconds since 1980-01-06T00:00:00; every operation keeps 0 <= frac_s < 1. */
typedef struct {
    int64_t sec;
    double frac_s;
} sky_time_t;

/* Time systems named in RINEX (TIME OF FIRST OBS, TIME SYSTEM CORR). */
typedef enum {
    SKY_TS_GPS = 0,
    SKY_TS_GLO, /* UTC(SU) + 3 h */
    SKY_TS_GAL, /* GST, steered to GPST (offset ~ns, in GGTO) */
    SKY_TS_BDT, /* GPST - 14 s */
    SKY_TS_QZS, /* = GPST */
    SKY_TS_IRN, /* = GPST nominally */
    SKY_TS_UTC,
    SKY_TS_TAI, /* GPST + 19 s */
    SKY_TS_COUNT
} sky_timesys_t;

/* Calendar date and time in whatever scale the caller says. sec may carry a fraction. */
typedef struct {
    int year, month, day, hour, min;
    double sec;
} sky_civil_t;

/* Leap seconds: entries sorted by time; each gives TAI-UTC-19 (= GPST-UTC) from utc_since on. */
typedef struct sky_leap_entry {
    int year, month, day; /* UTC date the value takes effect (00:00 UTC) */
    int gpst_minus_utc_s;
} sky_leap_entry_t;

typedef struct sky_leap_table {
    const sky_leap_entry_t *entries;
    int n;
} sky_leap_table_t;

#define SKY_GPS_WEEK_S 604800
#define SKY_BDT_MINUS_GPST_S (-14) /* [3] §5.1.2.2 */
#define SKY_GST_WEEK0_GPS_WEEK 1024 /* [2] §5.1.2 */
#define SKY_BDT_WEEK0_GPS_WEEK 1356 /* 2006-01-01 is GPS week 1356 day 0; BDT starts at 14 s */

/* Normalise any (sec, frac) pair so that 0 <= frac_s < 1. Invalid input (non-finite frac, an
 * int64 overflow, |dt| > 9e15 s in sky_time_add) gives frac_s = NaN, so every later difference
 * is NaN rather than a silently wrong number. sky_time_add adds the whole and fractional parts
 * of dt apart: 864000 additions of 0.1 s land on 86400 s with no error at 1 ns. */
SKY_API sky_time_t sky_time_make(int64_t sec, double frac_s);
SKY_API sky_time_t sky_time_add(sky_time_t t, double dt_s);
/* a - b in seconds. */
SKY_API double sky_time_diff_s(sky_time_t a, sky_time_t b);
/* -1, 0, +1. */
SKY_API int sky_time_cmp(sky_time_t a, sky_time_t b);

/* Calendar <-> time without any scale change (a GPST date gives GPST, a UTC date gives the
 * same count of seconds as if it were GPST: use the scale conversions below for that).
 * Returns SKY_E_RANGE for dates outside 1980-01-06 .. 2199 or impossible fields. */
SKY_API sky_status_t sky_time_from_civil(const sky_civil_t *c, sky_time_t *t);
SKY_API void sky_time_to_civil(sky_time_t t, sky_civil_t *c);

/* GPS week / seconds of week (full week number since 1980-01-06). */
SKY_API sky_time_t sky_time_from_gpst(int week, double tow_s);
SKY_API void sky_time_to_gpst(sky_time_t t, int *week, double *tow_s);
/* Galileo system time: week counted from 1999-08-22 [2]. */
SKY_API sky_time_t sky_time_from_gst(int week, double tow_s);
SKY_API void sky_time_to_gst(sky_time_t t, int *week, double *tow_s);
/* BeiDou time: week counted from 2006-01-01, BDT = GPST - 14 s [3]. */
SKY_API sky_time_t sky_time_from_bdt(int week, double tow_s);
SKY_API void sky_time_to_bdt(sky_time_t t, int *week, double *tow_s);
/* Resolve a truncated broadcast week (modulus 1024 or 8192) to the full GPS week that is
 * nearest to the GPS week of `near` (GPST). For a GST/BDT week, add the week offset first.
 * Returns -1 for week_raw outside [0, modulus) or modulus <= 0. */
SKY_API int sky_week_resolve(int week_raw, int modulus, sky_time_t near);

/* Built-in table from IERS Bulletin C (valid through 2026-12-31; 18 s since 2017-01-01). */
SKY_API const sky_leap_table_t *sky_leap_table_builtin(void);
/* GPST-UTC in seconds at the GPST instant t (table NULL = built-in). A new value is in force
 * from the GPST instant of 00:00:00 UTC of its date (inside the inserted second 23:59:60 the
 * old value still applies, as in RTKLIB gpst2utc). */
SKY_API int sky_leap_gpst_minus_utc_s(const sky_leap_table_t *tbl, sky_time_t gpst);

/* Convert a time read in scale `ts` (its seconds counted like GPST from 1980-01-06, e.g. a
 * calendar date read in that scale) to GPST, and back. GAL/QZS/IRN are taken as GPST.
 * UTC (and GLO = UTC + 3 h) -> GPST uses the table entry whose UTC date has begun: 2016-12-31
 * 23:59:59 UTC -> +17 s, 2017-01-01 00:00:00 -> +18 s. A leap second written 23:59:60 reads
 * as the next 00:00:00. An unknown ts gives frac_s = NaN. */
SKY_API sky_time_t sky_time_to_gpst_from(sky_time_t t_in_ts, sky_timesys_t ts,
                                         const sky_leap_table_t *tbl);
SKY_API sky_time_t sky_time_from_gpst_to(sky_time_t gpst, sky_timesys_t ts,
                                         const sky_leap_table_t *tbl);

/* 3-letter RINEX name ("GPS","GLO","GAL","BDT","QZS","IRN","UTC","TAI") <-> enum.
 * Returns SKY_E_FORMAT for unknown names. */
SKY_API sky_status_t sky_timesys_parse(const char *s, sky_timesys_t *ts);
SKY_API const char *sky_timesys_name(sky_timesys_t ts);

/* ISO-8601-like text "2021-01-01T00:00:30.000Z"-style without zone: "2021-01-01 00:00:30.000".
 * decimals 0..9. Returns chars written (excluding NUL). */
SKY_API size_t sky_time_format(sky_time_t t, int decimals, char *buf, size_t n);

SKY_END_DECLS
#endif
