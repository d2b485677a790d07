/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: GPST time arithmetic, calendar, week counts of GPS/Galileo/BeiDou and leap seconds.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §3.3.4 (GPS time epoch 1980-01-06 00:00:00 UTC), §20.3.3.5.2.4
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.2 (GST week 0 starts 1999-08-22 00:00:00 GPST)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.1.2 (BDT week 0 = 2006-01-01 00:00:00 UTC, 14 s behind GPST)
 *  [4] GLONASS ICD Edition 5.1 (2008) §3.3.3 (GLONASST = UTC(SU) + 3 h)
 *  [5] IERS Bulletin C 72 (2026-07) (TAI-UTC = 37 s since 2017-01-01; GPST = TAI - 19 s)
 *  [6] H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013), days_from_civil */
#include "skyfix/time.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DAY_S 86400
#define GLO_MINUS_UTC_S 10800 /* [4] §3.3.3: UTC(SU) + 3 h */
#define TAI_MINUS_GPST_S 19   /* [1] §3.3.4, [5] */
#define CIVIL_YEAR_MIN 1980
#define CIVIL_YEAR_MAX 2199
#define TIME_LIMIT_S 9.0e15 /* |dt| beyond 2^53 s cannot keep its fraction: rejected */

/* GPST-UTC from [5]: each entry starts at 00:00:00 UTC of its date. */
static const sky_leap_entry_t builtin_leaps[] = {
    {1980, 1, 6, 0},   {1981, 7, 1, 1},   {1982, 7, 1, 2},   {1983, 7, 1, 3},
    {1985, 7, 1, 4},   {1988, 1, 1, 5},   {1990, 1, 1, 6},   {1991, 1, 1, 7},
    {1992, 7, 1, 8},   {1993, 7, 1, 9},   {1994, 7, 1, 10},  {1996, 1, 1, 11},
    {1997, 7, 1, 12},  {1999, 1, 1, 13},  {2006, 1, 1, 14},  {2009, 1, 1, 15},
    {2012, 7, 1, 16},  {2015, 7, 1, 17},  {2017, 1, 1, 18},
};

static const sky_leap_table_t builtin_table = {
    builtin_leaps, (int)(sizeof builtin_leaps / sizeof builtin_leaps[0])};

static const char *const timesys_names[SKY_TS_COUNT] = {"GPS", "GLO", "GAL", "BDT",
                                                        "QZS", "IRN", "UTC", "TAI"};

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Remainder in [0, b) for b > 0, without overflow for any a. */
static int64_t floor_mod(int64_t a, int64_t b)
{
    int64_t r = a % b;
    return r < 0 ? r + b : r;
}

/* t + ds whole seconds; an invalid (NaN) time instead of an int64 overflow. */
static sky_time_t shift_s(sky_time_t t, int64_t ds)
{
    if ((ds > 0 && t.sec > INT64_MAX - ds) || (ds < 0 && t.sec < INT64_MIN - ds)) {
        t.frac_s = NAN;
        return t;
    }
    t.sec += ds;
    return t;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, integers only [6]. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Inverse of days_from_civil [6]. */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 1980-01-06 is the GPS epoch [1] §3.3.4. */
static int64_t gps_epoch_days(void)
{
    return days_from_civil(1980, 1, 6);
}

static int days_in_month(int y, int m)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : mdays[m - 1];
}

sky_time_t sky_time_make(int64_t sec, double frac_s)
{
    sky_time_t t = {sec, frac_s};
    if (!isfinite(frac_s)) {
        t.frac_s = NAN; /* propagate "invalid": every difference with it is NaN */
        return t;
    }
    if (frac_s >= 0.0 && frac_s < 1.0)
        return t;
    if (fabs(frac_s) > TIME_LIMIT_S) {
        t.frac_s = NAN;
        return t;
    }
    double whole = floor(frac_s);
    t = shift_s(t, (int64_t)whole);
    t.frac_s = frac_s - whole; /* exact: whole and frac_s have the same binade or less */
    if (t.frac_s >= 1.0) {     /* a tiny negative frac_s gives 1 - tiny = 1.0 */
        t = shift_s(t, 1);
        t.frac_s -= 1.0;
    }
    return t;
}

sky_time_t sky_time_add(sky_time_t t, double dt_s)
{
    if (!isfinite(dt_s) || fabs(dt_s) > TIME_LIMIT_S)
        return sky_time_make(t.sec, NAN);
    /* Split dt into whole and fractional seconds first, so that the fraction is added at the
     * resolution of a number below 1 (2^-53 s) whatever the size of dt. */
    double whole = floor(dt_s);
    double part = dt_s - whole;
    t = shift_s(t, (int64_t)whole);
    return sky_time_make(t.sec, t.frac_s + part);
}

double sky_time_diff_s(sky_time_t a, sky_time_t b)
{
    /* int64 -> double is exact below 2^53 s; no int64 overflow for absent (INT64_MIN) times */
    return ((double)a.sec - (double)b.sec) + (a.frac_s - b.frac_s);
}

int sky_time_cmp(sky_time_t a, sky_time_t b)
{
    if (a.sec != b.sec)
        return a.sec < b.sec ? -1 : 1;
    if (a.frac_s != b.frac_s)
        return a.frac_s < b.frac_s ? -1 : 1;
    return 0;
}

static bool civil_valid(const sky_civil_t *c)
{
    if (c->year < CIVIL_YEAR_MIN || c->year > CIVIL_YEAR_MAX || c->month < 1 || c->month > 12)
        return false;
    if (c->day < 1 || c->day > days_in_month(c->year, c->month))
        return false;
    if (c->hour < 0 || c->hour > 23 || c->min < 0 || c->min > 59)
        return false;
    /* 60.x allowed: a UTC leap second (it then reads as the next day's 00:00:00.x). */
    return isfinite(c->sec) && c->sec >= 0.0 && c->sec < 61.0;
}

sky_status_t sky_time_from_civil(const sky_civil_t *c, sky_time_t *t)
{
    if (!c || !t)
        return SKY_E_ARG;
    if (!civil_valid(c))
        return SKY_E_RANGE;
    int64_t days = days_from_civil(c->year, c->month, c->day) - gps_epoch_days();
    if (days < 0)
        return SKY_E_RANGE;
    double whole = floor(c->sec);
    int64_t sec = days * DAY_S + c->hour * 3600 + c->min * 60 + (int64_t)whole;
    *t = sky_time_make(sec, c->sec - whole);
    return SKY_OK;
}

void sky_time_to_civil(sky_time_t t, sky_civil_t *c)
{
    if (!c)
        return;
    int64_t days = floor_div(t.sec, DAY_S);
    int64_t sod = floor_mod(t.sec, DAY_S);
    civil_from_days(days + gps_epoch_days(), &c->year, &c->month, &c->day);
    c->hour = (int)(sod / 3600);
    c->min = (int)((sod % 3600) / 60);
    c->sec = (double)(sod % 60) + t.frac_s;
}

sky_time_t sky_time_from_gpst(int week, double tow_s)
{
    return sky_time_add(sky_time_make((int64_t)week * SKY_GPS_WEEK_S, 0.0), tow_s);
}

void sky_time_to_gpst(sky_time_t t, int *week, double *tow_s)
{
    int64_t w = floor_div(t.sec, SKY_GPS_WEEK_S);
    if (week)
        *week = w > INT32_MAX ? INT32_MAX : (w < INT32_MIN ? INT32_MIN : (int)w);
    if (tow_s)
        *tow_s = (double)floor_mod(t.sec, SKY_GPS_WEEK_S) + t.frac_s;
}

/* GST = GPST, week counted from GPS week 1024 [2] §5.1.2. */
sky_time_t sky_time_from_gst(int week, double tow_s)
{
    return sky_time_from_gpst(week + SKY_GST_WEEK0_GPS_WEEK, tow_s);
}

void sky_time_to_gst(sky_time_t t, int *week, double *tow_s)
{
    int w = 0;
    sky_time_to_gpst(t, &w, tow_s);
    if (week)
        *week = w - SKY_GST_WEEK0_GPS_WEEK;
}

/* BDT = GPST - 14 s, week 0 starting 2006-01-01 00:00:00 BDT [3] §5.1.2. */
sky_time_t sky_time_from_bdt(int week, double tow_s)
{
    sky_time_t bdt_as_count = sky_time_from_gpst(week + SKY_BDT_WEEK0_GPS_WEEK, tow_s);
    return shift_s(bdt_as_count, -SKY_BDT_MINUS_GPST_S);
}

void sky_time_to_bdt(sky_time_t t, int *week, double *tow_s)
{
    int w = 0;
    sky_time_to_gpst(shift_s(t, SKY_BDT_MINUS_GPST_S), &w, tow_s);
    if (week)
        *week = w - SKY_BDT_WEEK0_GPS_WEEK;
}

int sky_week_resolve(int week_raw, int modulus, sky_time_t near)
{
    if (modulus <= 0 || week_raw < 0 || week_raw >= modulus)
        return -1;
    int64_t near_week = floor_div(near.sec, SKY_GPS_WEEK_S);
    int64_t cycles = floor_div(near_week - week_raw + modulus / 2, modulus);
    int64_t week = week_raw + cycles * modulus;
    if (week < 0)
        week = week_raw;
    return week > INT32_MAX ? -1 : (int)week;
}

const sky_leap_table_t *sky_leap_table_builtin(void)
{
    return &builtin_table;
}

/* Seconds count (as if GPST) of 00:00:00 of an entry's UTC date. */
static int64_t leap_entry_utc_count(const sky_leap_entry_t *e)
{
    return (days_from_civil(e->year, e->month, e->day) - gps_epoch_days()) * DAY_S;
}

int sky_leap_gpst_minus_utc_s(const sky_leap_table_t *tbl, sky_time_t gpst)
{
    if (!tbl)
        tbl = &builtin_table;
    if (!tbl->entries || tbl->n <= 0)
        return 0;
    /* An entry is in force from the GPST instant of 00:00:00 UTC of its date, i.e. that
     * date read as GPST plus the new GPST-UTC [1] §20.3.3.5.2.4. */
    for (int i = tbl->n - 1; i >= 0; i--) {
        const sky_leap_entry_t *e = &tbl->entries[i];
        if (gpst.sec >= leap_entry_utc_count(e) + e->gpst_minus_utc_s)
            return e->gpst_minus_utc_s;
    }
    return tbl->n > 0 ? tbl->entries[0].gpst_minus_utc_s : 0;
}

/* GPST-UTC in force at a UTC instant (the table entry whose date has begun). */
static int leap_at_utc(const sky_leap_table_t *tbl, sky_time_t utc)
{
    if (!tbl)
        tbl = &builtin_table;
    if (!tbl->entries || tbl->n <= 0)
        return 0;
    for (int i = tbl->n - 1; i >= 0; i--) {
        if (utc.sec >= leap_entry_utc_count(&tbl->entries[i]))
            return tbl->entries[i].gpst_minus_utc_s;
    }
    return tbl->n > 0 ? tbl->entries[0].gpst_minus_utc_s : 0;
}

sky_time_t sky_time_to_gpst_from(sky_time_t t, sky_timesys_t ts, const sky_leap_table_t *tbl)
{
    switch (ts) {
    case SKY_TS_GPS:
    case SKY_TS_GAL:
    case SKY_TS_QZS:
    case SKY_TS_IRN:
        return t;
    case SKY_TS_BDT:
        return shift_s(t, -SKY_BDT_MINUS_GPST_S);
    case SKY_TS_TAI:
        return shift_s(t, -TAI_MINUS_GPST_S);
    case SKY_TS_GLO:
        t = shift_s(t, -GLO_MINUS_UTC_S);
        return shift_s(t, leap_at_utc(tbl, t));
    case SKY_TS_UTC:
        return shift_s(t, leap_at_utc(tbl, t));
    case SKY_TS_COUNT:
        break;
    }
    return sky_time_make(t.sec, NAN);
}

sky_time_t sky_time_from_gpst_to(sky_time_t gpst, sky_timesys_t ts, const sky_leap_table_t *tbl)
{
    switch (ts) {
    case SKY_TS_GPS:
    case SKY_TS_GAL:
    case SKY_TS_QZS:
    case SKY_TS_IRN:
        return gpst;
    case SKY_TS_BDT:
        return shift_s(gpst, SKY_BDT_MINUS_GPST_S);
    case SKY_TS_TAI:
        return shift_s(gpst, TAI_MINUS_GPST_S);
    case SKY_TS_GLO:
        return shift_s(gpst, GLO_MINUS_UTC_S - sky_leap_gpst_minus_utc_s(tbl, gpst));
    case SKY_TS_UTC:
        return shift_s(gpst, -sky_leap_gpst_minus_utc_s(tbl, gpst));
    case SKY_TS_COUNT:
        break;
    }
    return sky_time_make(gpst.sec, NAN);
}

sky_status_t sky_timesys_parse(const char *s, sky_timesys_t *ts)
{
    if (!s || !ts)
        return SKY_E_ARG;
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    for (int i = 0; i < SKY_TS_COUNT; i++) {
        if (n == 3 && memcmp(s, timesys_names[i], 3) == 0) {
            *ts = (sky_timesys_t)i;
            return SKY_OK;
        }
    }
    return SKY_E_FORMAT;
}

const char *sky_timesys_name(sky_timesys_t ts)
{
    return ((int)ts >= 0 && (int)ts < SKY_TS_COUNT) ? timesys_names[ts] : "???";
}

size_t sky_time_format(sky_time_t t, int decimals, char *buf, size_t n)
{
    static const int64_t pow10[10] = {1,      10,      100,      1000,      10000,
                                      100000, 1000000, 10000000, 100000000, 1000000000};
    if (!buf || n == 0)
        return 0;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (!isfinite(t.frac_s)) {
        int w = snprintf(buf, n, "invalid time");
        return w < 0 ? 0 : ((size_t)w < n ? (size_t)w : n - 1);
    }
    int64_t units = (int64_t)llround(t.frac_s * (double)pow10[decimals]);
    sky_time_t whole = {t.sec, 0.0};
    if (units >= pow10[decimals]) { /* 59.9996 at 3 decimals -> next second */
        units -= pow10[decimals];
        whole = shift_s(whole, 1);
    }
    sky_civil_t c;
    sky_time_to_civil(whole, &c);
    int w;
    if (decimals == 0)
        w = snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour,
                     c.min, (int)c.sec);
    else
        w = snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d.%0*lld", c.year, c.month, c.day,
                     c.hour, c.min, (int)c.sec, decimals, (long long)units);
    return w < 0 ? 0 : ((size_t)w < n ? (size_t)w : n - 1);
}
