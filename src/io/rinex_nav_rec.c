/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX navigation ephemeris records (2.x, 3.x, and the EPH records of 4.x) to the
 * format-free ephemeris types, with every time converted to GPST.
 * References:
 *  [1] RINEX 2.11 (2007-12-10) Tables A4 (GPS), A11 (GLONASS), A16 (GEO); RINEX 2.12 (Galileo)
 *  [2] RINEX 3.05 (2020-12-01) Tables A6-A17 (GPS, Galileo, GLONASS, QZSS, BDS, SBAS, NavIC)
 *  [3] RINEX 4.00 (2021-12-01) Tables A20-A33 (EPH LNAV/CNAV/CNV2/INAV/FNAV/D1/D2/CNV1-3/
 *      FDMA/SBAS)
 *  [4] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.1.2 (BDT), §5.3 (D2 on GEO satellites)
 *  [5] GLONASS ICD Edition 5.1 (2008) §3.3.3 (GLONASST = UTC(SU) + 3 h), §4.4 (tb, tk)
 *  [6] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.2; RINEX 3.05 Table A8 (data sources) */
#include "io/rinex_nav_int.h"

#include <math.h>
#include <string.h>

#include "io/field.h"

#define KM_TO_M 1000.0
#define DAY_S 86400.0
#define HALF_DAY_S 43200.0
#define HALF_WEEK_S 302400.0
#define GLO_MINUS_UTC_S 10800.0 /* [5] §3.3.3 */
#define GLO_TB_UNIT_S 900.0     /* tb counts 15-min intervals [5] §4.4 */
#define WEEK_MAX 9999           /* beyond year 2170: a wrong number, not a week */

/* Field names by value index (line 0: 3 values, then 4 per line) [2] Tables A6-A17. */
static const char *const lnav_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "IODE", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOE",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "L2_CODES", "WEEK",
    "L2P_FLAG", "SV_ACCURACY", "SV_HEALTH", "TGD", "IODC", "TTR", "FIT_INTERVAL"};
static const char *const gal_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "IODNAV", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOE",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "DATA_SOURCES", "WEEK",
    "SPARE", "SISA", "SV_HEALTH", "BGD_E5A_E1", "BGD_E5B_E1", "TTR"};
static const char *const bds_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "AODE", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOE",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "SPARE", "BDT_WEEK",
    "SPARE", "SV_ACCURACY", "SATH1", "TGD1", "TGD2", "TTR", "AODC"};
static const char *const irn_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "IODEC", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOE",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "SPARE", "WEEK",
    "SPARE", "URA", "HEALTH", "TGD", "SPARE", "TTR"};
static const char *const cnav_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "A_DOT", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOP",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "DELTA_N_DOT",
    "URAI_NED0", "URAI_NED1", "URAI_ED", "SV_HEALTH", "TGD", "URAI_NED2", "ISC_L1CA",
    "ISC_L2C", "ISC_L5I5", "ISC_L5Q5", "TTR", "WEEK"};
static const char *const cnv2_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "A_DOT", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOP",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "DELTA_N_DOT",
    "URAI_NED0", "URAI_NED1", "URAI_ED", "SV_HEALTH", "TGD", "URAI_NED2", "ISC_L1CA",
    "ISC_L2C", "ISC_L5I5", "ISC_L5Q5", "ISC_L1CD", "ISC_L1CP", "SPARE", "SPARE", "TTR", "WEEK"};
static const char *const bcnav_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "A_DOT", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOP",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "DELTA_N_DOT",
    "SAT_TYPE", "TOP", "SISAI_OE", "SISAI_OCB", "SISAI_OC1", "SISAI_OC2", "ISC", "ISC",
    "TGD_B1CP", "TGD_B2AP", "SISMAI", "HEALTH", "INTEGRITY_FLAGS", "IODC", "TTR", "SPARE",
    "SPARE", "IODE"};
static const char *const bcnv3_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "AF2", "A_DOT", "CRS", "DELTA_N", "M0", "CUC", "E", "CUS", "SQRTA", "TOP",
    "CIC", "OMEGA0", "CIS", "I0", "CRC", "OMEGA", "OMEGA_DOT", "IDOT", "DELTA_N_DOT",
    "SAT_TYPE", "TOP", "SISAI_OE", "SISAI_OCB", "SISAI_OC1", "SISAI_OC2", "SISMAI", "HEALTH",
    "INTEGRITY_FLAGS", "TGD_B2BI", "TTR"};
static const char *const glo_names[SKY__NAV_MAXVALS] = {
    "TAUN", "GAMMAN", "TK", "X", "X_DOT", "X_ACC", "HEALTH", "Y", "Y_DOT", "Y_ACC",
    "FREQ_NUM", "Z", "Z_DOT", "Z_ACC", "AGE", "STATUS_FLAGS", "DELTA_TAUN", "URAI",
    "HEALTH_FLAGS"};
static const char *const sbas_names[SKY__NAV_MAXVALS] = {
    "AF0", "AF1", "TTR", "X", "X_DOT", "X_ACC", "HEALTH", "Y", "Y_DOT", "Y_ACC", "URA", "Z",
    "Z_DOT", "Z_ACC", "IODN"};

/* ---- generic record lines ---- */

static void keep_line(sky__navrd_t *r, sky__navrec_t *rec, int k)
{
    size_t n = r->len < SKY_ERROR_TEXT_MAX - 1 ? r->len : SKY_ERROR_TEXT_MAX - 1;
    memcpy(rec->text[k], r->line, n);
    rec->text[k][n] = '\0';
    rec->lineno[k] = r->src->lineno;
    rec->nlines = k + 1;
}

static sky_status_t parse_values(sky__navrd_t *r, sky__navrec_t *rec, int first, int n,
                                 size_t col)
{
    for (int i = 0; i < n; i++) {
        size_t c = col + (size_t)i * 19;
        double *v = &rec->v[first + i];
        sky__field_rc_t rc = sky__field_double(r->line, r->len, c, 19, v);
        if (rc != SKY__FIELD_BLANK && c + 19 > r->len) {
            /* D19.12 is right-aligned: a line ending inside a non-blank field was cut (the
             * file truncated: "5.688" of 5.688000000000D+05); not a record to skip */
            *v = NAN;
            return sky__nav_fail(r, SKY_E_TRUNCATED, rec, first + i,
                                 "found \"%.*s\" at the end of the line, expected a number "
                                 "filling all of columns %zu-%zu (the line was cut?)",
                                 (int)(r->len - c), r->line + c, c + 1, c + 19);
        }
        if (rc == SKY__FIELD_BLANK) {
            *v = NAN;
        } else if (rc != SKY__FIELD_OK) {
            size_t w = c + 19 <= r->len ? 19 : r->len - c;
            rec->bad_value = true;
            *v = NAN;
            return sky__nav_fail(r, SKY_E_FORMAT, rec, first + i,
                                 "found \"%.*s\", expected a number", (int)w, r->line + c);
        }
    }
    return SKY_OK;
}

/* Read a record: the current line is line 0 (3 values from first_col, or none if first_col is
 * negative), then nlines-1 more lines of 4 values from cont_col, each 19 wide ([1] 3X,4D19.12;
 * [2] 4X,4D19.12). */
sky_status_t sky__nav_read_lines(sky__navrd_t *r, sky__navrec_t *rec, int nlines,
                                 int first_col, int cont_col)
{
    for (int i = 0; i < SKY__NAV_MAXVALS; i++)
        rec->v[i] = NAN;
    rec->bad_value = false;
    keep_line(r, rec, 0);
    /* A bad value does not stop the reading of the record's lines, so that the caller can
     * drop just this record; its error (the first) is returned once all lines are read. */
    sky_status_t bad = first_col >= 0 ? parse_values(r, rec, 0, 3, (size_t)first_col) : SKY_OK;
    sky_status_t st = SKY_OK;
    for (int k = 1; k < nlines && st == SKY_OK; k++) {
        st = sky__nav_next_line(r);
        if (st == SKY_EOF) {
            char id[4];
            sky_sat_format(rec->sat, id);
            return sky__nav_fail(r, SKY_E_TRUNCATED, rec, 3 + 4 * (k - 1),
                                 "found end of file after line %d of the record of %s, "
                                 "expected %d lines",
                                 k, id, nlines);
        }
        if (st != SKY_OK)
            return st;
        keep_line(r, rec, k);
        if (r->major == 4 && r->len > 0 && r->line[0] == '>')
            return sky__nav_fail(r, SKY_E_FORMAT, rec, 3 + 4 * (k - 1),
                                 "found the next record header after %d lines, expected %d "
                                 "lines in this record",
                                 k, nlines);
        sky_status_t vst = parse_values(r, rec, 3 + 4 * (k - 1), 4, (size_t)cont_col);
        if (bad == SKY_OK)
            bad = vst;
    }
    return st != SKY_OK ? st : bad;
}

sky_status_t sky__nav_need(sky__navrd_t *r, const sky__navrec_t *rec, int idx, double *out)
{
    if (isnan(rec->v[idx]))
        return sky__nav_fail(r, SKY_E_FORMAT, rec, idx, "found a blank field, expected a number");
    *out = rec->v[idx];
    return SKY_OK;
}

sky_status_t sky__nav_need_int(sky__navrd_t *r, const sky__navrec_t *rec, int idx, long lo,
                               long hi, int *out)
{
    double v = 0;
    sky_status_t st = sky__nav_need(r, rec, idx, &v);
    if (st != SKY_OK)
        return st;
    if (!(v >= (double)lo && v <= (double)hi && v == floor(v)))
        return sky__nav_fail(r, SKY_E_RANGE, rec, idx, "found %.12g, expected an integer %ld..%ld",
                             v, lo, hi);
    *out = (int)v;
    return SKY_OK;
}

/* Optional integer-valued field: dflt when blank, out of range or not whole. */
static int opt_int(const sky__navrec_t *rec, int idx, long lo, long hi, int dflt)
{
    double v = rec->v[idx];
    return v >= (double)lo && v <= (double)hi && v == floor(v) ? (int)v : dflt;
}

double sky__nav_opt(const sky__navrec_t *rec, int idx, double dflt)
{
    return isnan(rec->v[idx]) ? dflt : rec->v[idx];
}

sky_timesys_t sky__nav_sys_timesys(sky_sys_t sys)
{
    switch (sys) {
    case SKY_SYS_GLO: return SKY_TS_UTC; /* GLONASS epochs are UTC [2] Table A10 */
    case SKY_SYS_GAL: return SKY_TS_GAL;
    case SKY_SYS_BDS: return SKY_TS_BDT;
    case SKY_SYS_QZS: return SKY_TS_QZS;
    case SKY_SYS_IRN: return SKY_TS_IRN;
    default: return SKY_TS_GPS;
    }
}

/* The record epoch (calendar in scale ts) as GPST. */
sky_status_t sky__nav_civil_time(sky__navrd_t *r, const sky__navrec_t *rec, sky_timesys_t ts,
                                 sky_time_t *gpst)
{
    sky_time_t t;
    if (sky_time_from_civil(&rec->epoch, &t) != SKY_OK)
        return sky__nav_fail(r, SKY_E_RANGE, rec, 0,
                             "found epoch %04d-%02d-%02d %02d:%02d:%04.1f, expected a valid date "
                             "from 1980 on",
                             rec->epoch.year, rec->epoch.month, rec->epoch.day, rec->epoch.hour,
                             rec->epoch.min, rec->epoch.sec);
    *gpst = sky_time_to_gpst_from(t, ts, r->leaps);
    return SKY_OK;
}

/* ---- record first lines ---- */

static sky_status_t epoch_fields(sky__navrd_t *r, const size_t col[6], const size_t width[6],
                                 sky_civil_t *c)
{
    long v[5];
    double sec = 0;
    static const char *const names[6] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
    for (int i = 0; i < 6; i++) {
        sky__field_rc_t rc = i < 5 ? sky__field_int(r->line, r->len, col[i], width[i], &v[i])
                                   : sky__field_double(r->line, r->len, col[i], width[i], &sec);
        if (rc != SKY__FIELD_OK)
            return sky__nav_fail_line(r, SKY_E_FORMAT, names[i],
                                      "found \"%.*s\", expected a number", (int)width[i],
                                      r->len > col[i] ? r->line + col[i] : "");
    }
    if (v[0] < 0 || v[0] > 9999)
        return sky__nav_fail_line(r, SKY_E_RANGE, "YEAR", "found %ld, expected a year", v[0]);
    *c = (sky_civil_t){(int)v[0], (int)(v[1] < 0 || v[1] > 99 ? 99 : v[1]),
                       (int)(v[2] < 0 || v[2] > 99 ? 99 : v[2]),
                       (int)(v[3] < 0 || v[3] > 99 ? 99 : v[3]),
                       (int)(v[4] < 0 || v[4] > 99 ? 99 : v[4]), sec};
    return SKY_OK;
}

/* RINEX 3/4: A1,I2.2,1X,I4,5(1X,I2.2) [2] Table A6; also the epoch of RINEX 4 STO/EOP/ION. */
sky_status_t sky__nav_parse_epoch_v3(sky__navrd_t *r, sky_civil_t *c)
{
    static const size_t col[6] = {3, 8, 11, 14, 17, 20};
    static const size_t width[6] = {5, 3, 3, 3, 3, 3};
    return epoch_fields(r, col, width, c);
}

/* RINEX 2: I2,1X,I2.2,4(1X,I2),F5.1 [1] Table A4; years 80-99 are 19xx [1] §6.5. */
static sky_status_t parse_epoch_v2(sky__navrd_t *r, sky_civil_t *c)
{
    static const size_t col[6] = {2, 5, 8, 11, 14, 17};
    static const size_t width[6] = {3, 3, 3, 3, 3, 5};
    sky_status_t st = epoch_fields(r, col, width, c);
    if (st == SKY_OK && c->year < 100)
        c->year += c->year >= 80 ? 1900 : 2000;
    return st;
}

static sky_status_t parse_first_line(sky__navrd_t *r, sky_sys_t sys, sky__navrec_t *rec)
{
    char id[4] = {0, 0, 0, 0};
    sky_status_t st;
    if (r->major == 2) {
        id[0] = ' ';
        memcpy(id + 1, r->line, r->len < 2 ? r->len : 2);
        st = sky_sat_parse(id, sys, &rec->sat);
    } else {
        memcpy(id, r->line, r->len < 3 ? r->len : 3);
        st = sky_sat_parse(id, SKY_SYS_NONE, &rec->sat);
    }
    if (st != SKY_OK || rec->sat.sys != sys)
        return sky__nav_fail_line(r, SKY_E_FORMAT, "SAT",
                                  "found \"%s\", expected a %s satellite number", id,
                                  sky_sys_name(sys));
    st = r->major == 2 ? parse_epoch_v2(r, &rec->epoch) : sky__nav_parse_epoch_v3(r, &rec->epoch);
    return st;
}

/* ---- Keplerian (GPS, Galileo, BDS, QZSS, NavIC) ---- */

static bool bds_is_geo(int prn)
{
    return prn <= 5 || (prn >= 59 && prn <= 63); /* [4] §5.3; RINEX 3.05 §3.5 */
}

static sky_status_t kepler_orbit(sky__navrd_t *r, const sky__navrec_t *rec, sky_keph_t *e)
{
    static const int idx[] = {4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19};
    double *dst[] = {&e->crs_m, &e->delta_n_radps, &e->m0_rad, &e->cuc_rad, &e->e,
                     &e->cus_rad, &e->sqrt_a, &e->cic_rad, &e->omega0_rad, &e->cis_rad,
                     &e->i0_rad, &e->crc_m, &e->omega_rad, &e->omega_dot_radps,
                     &e->idot_radps};
    sky_status_t st = SKY_OK;
    for (unsigned i = 0; i < sizeof idx / sizeof *idx && st == SKY_OK; i++)
        st = sky__nav_need(r, rec, idx[i], dst[i]);
    for (int i = 0; i < 3 && st == SKY_OK; i++)
        st = sky__nav_need(r, rec, i, i == 0 ? &e->af0_s : i == 1 ? &e->af1_sps : &e->af2_sps2);
    if (st == SKY_OK && !(e->sqrt_a > 0.0 && e->e >= 0.0 && e->e < 1.0))
        return sky__nav_fail(r, SKY_E_RANGE, rec, e->sqrt_a > 0.0 ? 8 : 10,
                             "found sqrtA=%.12g e=%.12g, expected sqrtA > 0 and 0 <= e < 1",
                             e->sqrt_a, e->e);
    return st;
}

/* toe from the week and seconds of week in the system's own time, as GPST. A week that puts
 * toe more than half a week from toc is corrected by one (writers that give the week of toc,
 * RINEX 3.05 §6.9 note on week handover); a week below 1024 far from toc is taken as a 10-bit
 * GPS week or a Galileo week counted from 1999 (IS-GPS-200N §20.3.3.3.1.1) and resolved
 * near toc. */
static sky_time_t week_time(sky_sys_t sys, int week, double tow_s)
{
    return sys == SKY_SYS_BDS ? sky_time_from_bdt(week, tow_s) : sky_time_from_gpst(week, tow_s);
}

static sky_time_t toe_from_week(sky_sys_t sys, int *week, double toe_s, sky_time_t toc)
{
    sky_time_t t = week_time(sys, *week, toe_s);
    double d = sky_time_diff_s(t, toc);
    if (fabs(d) > 3 * HALF_WEEK_S && sys != SKY_SYS_BDS && *week < 1024) {
        int w = sky_week_resolve(*week, 1024, toc);
        if (w >= 0) {
            *week = w;
            t = week_time(sys, w, toe_s);
            d = sky_time_diff_s(t, toc);
        }
    }
    if (fabs(d) > HALF_WEEK_S && fabs(d) <= 3 * HALF_WEEK_S) {
        *week += d > 0 ? -1 : 1;
        t = week_time(sys, *week, toe_s);
    }
    return t;
}

static sky_time_t ttr_from(sky_sys_t sys, int week, double ttr_s, sky_time_t toc)
{
    if (isnan(ttr_s) || fabs(ttr_s) >= SKY__NAV_UNKNOWN_VALUE)
        return toc;
    return week_time(sys, week, ttr_s);
}

static uint8_t gal_type(int data_sources)
{
    if (data_sources & 2) /* bit 1: F/NAV E5a-I [6] Table A8 */
        return SKY_NAV_FNAV;
    if (data_sources & 5) /* bits 0, 2: I/NAV E1-B, E5b-I */
        return SKY_NAV_INAV;
    return SKY_NAV_UNKNOWN;
}

/* System-specific fields of the legacy layouts [2] Tables A6 (GPS), A8 (Galileo), A12 (QZSS),
 * A14 (BDS), A17 (NavIC). */
static sky_status_t kepler_sys_fields(sky__navrd_t *r, const sky__navrec_t *rec, sky_keph_t *e)
{
    sky_sys_t sys = (sky_sys_t)rec->sat.sys;
    e->iode = opt_int(rec, 3, 0, 1023, 0);
    e->ura_m = sky__nav_opt(rec, 23, NAN);
    e->tgd_s[0] = sky__nav_opt(rec, 25, 0.0);
    sky_status_t st = sky__nav_need_int(r, rec, 24, 0, 0xFFFFFF, &e->health);
    if (st != SKY_OK)
        return st;
    if (sys == SKY_SYS_GAL) {
        st = sky__nav_need_int(r, rec, 20, 0, 0xFFFF, &e->data_sources);
        e->tgd_s[1] = sky__nav_opt(rec, 26, 0.0);
        e->type = rec->type ? rec->type : gal_type(e->data_sources);
    } else if (sys == SKY_SYS_BDS) {
        e->tgd_s[1] = sky__nav_opt(rec, 26, 0.0);
        e->iodc = opt_int(rec, 28, 0, 1023, 0);
        e->type = rec->type ? rec->type : bds_is_geo(rec->sat.prn) ? SKY_NAV_D2 : SKY_NAV_D1;
    } else {
        e->iodc = sys == SKY_SYS_IRN ? e->iode : opt_int(rec, 26, 0, 1023, 0);
        e->data_sources = opt_int(rec, 20, 0, 3, 0);
        double fit = sky__nav_opt(rec, 28, 0.0);
        if (sys == SKY_SYS_QZS) /* QZSS gives a flag: 0 = 2 h, 1 = more [2] Table A12 */
            fit = fit == 0.0 ? 2.0 : 4.0;
        e->fit_h = fit >= 0.0 && fit < 1000.0 ? fit : 0.0;
        e->type = SKY_NAV_LNAV;
    }
    return st;
}

static sky_status_t kepler_legacy(sky__navrd_t *r, const sky__navrec_t *rec, sky_keph_t *e)
{
    sky_sys_t sys = (sky_sys_t)rec->sat.sys;
    sky_status_t st = kepler_orbit(r, rec, e);
    if (st == SKY_OK)
        st = kepler_sys_fields(r, rec, e);
    if (st == SKY_OK)
        st = sky__nav_need(r, rec, 11, &e->toe_s);
    if (st == SKY_OK)
        st = sky__nav_need_int(r, rec, 21, 0, WEEK_MAX, &e->week);
    if (st != SKY_OK)
        return st;
    if (!(e->toe_s >= 0.0 && e->toe_s <= SKY_GPS_WEEK_S))
        return sky__nav_fail(r, SKY_E_RANGE, rec, 11, "found %.12g, expected 0..604800 s",
                             e->toe_s);
    st = sky__nav_civil_time(r, rec, sky__nav_sys_timesys(sys), &e->toc);
    if (st != SKY_OK)
        return st;
    /* RINEX 3: GAL week aligned to GPS week, BDS week is BDT week, others GPS week [2] A8. */
    e->toe = toe_from_week(sys, &e->week, e->toe_s, e->toc);
    e->ttr = ttr_from(sys, e->week, rec->v[27], e->toc);
    return SKY_OK;
}

/* RINEX 4 GPS/QZSS CNAV, CNV2 and BDS CNV1, CNV2, CNV3 [3] Tables A21-A22, A28-A30. In these
 * messages toe = toc (the record epoch); the week is that of toc. */
static sky_status_t kepler_cnav(sky__navrd_t *r, const sky__navrec_t *rec, sky_keph_t *e)
{
    sky_sys_t sys = (sky_sys_t)rec->sat.sys;
    sky_status_t st = kepler_orbit(r, rec, e);
    if (st == SKY_OK)
        st = sky__nav_civil_time(r, rec, sky__nav_sys_timesys(sys), &e->toc);
    if (st != SKY_OK)
        return st;
    e->a_dot_mps = sky__nav_opt(rec, 3, 0.0);
    e->delta_n_dot_radps2 = sky__nav_opt(rec, 20, 0.0);
    e->toe = e->toc;
    if (sys == SKY_SYS_BDS)
        sky_time_to_bdt(e->toc, &e->week, &e->toe_s);
    else
        sky_time_to_gpst(e->toc, &e->week, &e->toe_s);
    e->ura_m = NAN; /* CNAV gives accuracy indices (URAI, SISAI), not metres */
    int ttr_idx;
    if (sys == SKY_SYS_BDS) {
        e->sat_type = opt_int(rec, 21, 0, 3, 0);
        bool cnv3 = e->type == SKY_NAV_CNV3;
        st = sky__nav_need_int(r, rec, cnv3 ? 28 : 32, 0, 0xFFFF, &e->health);
        e->tgd_s[0] = sky__nav_opt(rec, cnv3 ? 30 : 29, 0.0);
        e->tgd_s[1] = cnv3 ? 0.0 : sky__nav_opt(rec, 30, 0.0);
        e->iodc = cnv3 ? 0 : opt_int(rec, 34, 0, 1023, 0);
        e->iode = cnv3 ? 0 : opt_int(rec, 38, 0, 255, 0);
        ttr_idx = cnv3 ? 31 : 35;
    } else {
        st = sky__nav_need_int(r, rec, 24, 0, 0xFFFF, &e->health);
        e->tgd_s[0] = sky__nav_opt(rec, 25, 0.0);
        e->tgd_s[1] = sky__nav_opt(rec, 27, 0.0); /* ISC L1C/A */
        ttr_idx = e->type == SKY_NAV_CNV2 ? 35 : 31;
    }
    e->ttr = ttr_from(sys, e->week, rec->v[ttr_idx], e->toc);
    return st;
}

/* ---- GLONASS and SBAS ---- */

/* tk (RINEX 2: seconds of the UTC day; RINEX 3: of the UTC week [2] Table A10): the instant
 * of that time of day nearest the epoch (within 12 h), as GPST. */
static sky_time_t glo_tof(double tk_s, sky_time_t toc_utc, const sky_leap_table_t *leaps)
{
    if (isnan(tk_s) || fabs(tk_s) >= SKY__NAV_UNKNOWN_VALUE)
        return sky_time_to_gpst_from(toc_utc, SKY_TS_UTC, leaps);
    double tod = fmod(tk_s, DAY_S);
    int64_t day0 = toc_utc.sec - (((toc_utc.sec % 86400) + 86400) % 86400);
    sky_time_t t = sky_time_add(sky_time_make(day0, 0.0), tod);
    double d = sky_time_diff_s(t, toc_utc);
    if (d < -HALF_DAY_S)
        t = sky_time_add(t, DAY_S);
    else if (d > HALF_DAY_S)
        t = sky_time_add(t, -DAY_S);
    return sky_time_to_gpst_from(t, SKY_TS_UTC, leaps);
}

static sky_status_t state_vector(sky__navrd_t *r, const sky__navrec_t *rec, double pos[3],
                                 double vel[3], double acc[3])
{
    sky_status_t st = SKY_OK;
    for (int k = 0; k < 3 && st == SKY_OK; k++) {
        int base = 3 + 4 * k; /* X, Xdot, Xacc on line 1; Y on 2; Z on 3 [2] Tables A10, A16 */
        st = sky__nav_need(r, rec, base, &pos[k]);
        if (st == SKY_OK)
            st = sky__nav_need(r, rec, base + 1, &vel[k]);
        if (st == SKY_OK)
            st = sky__nav_need(r, rec, base + 2, &acc[k]);
        pos[k] *= KM_TO_M; /* RINEX gives km, km/s, km/s2 */
        vel[k] *= KM_TO_M;
        acc[k] *= KM_TO_M;
    }
    return st;
}

/* Frequency channel k = -7..+13 [5] §3.3.1.1. Some RINEX 2 writers (CCRINEXG, brdc0910.09g)
 * print negative channels as an unsigned byte: 249..255 are read as -7..-1. */
static sky_status_t glo_fcn(sky__navrd_t *r, const sky__navrec_t *rec, int *fcn)
{
    sky_status_t st = sky__nav_need_int(r, rec, 10, -7, 255, fcn);
    if (st == SKY_OK && *fcn >= 249)
        *fcn -= 256;
    else if (st == SKY_OK && *fcn > 13)
        return sky__nav_fail(r, SKY_E_RANGE, rec, 10,
                             "found %d, expected a channel -7..13 (or 249..255 for -7..-1)", *fcn);
    return st;
}

static sky_status_t read_glo(sky__navrd_t *r, const sky__navrec_t *rec)
{
    sky_geph_t g;
    memset(&g, 0, sizeof g);
    g.sat = rec->sat;
    sky_status_t st = state_vector(r, rec, g.pos_m, g.vel_mps, g.acc_mps2);
    if (st == SKY_OK)
        st = sky__nav_need(r, rec, 0, &g.taun_s);
    if (st == SKY_OK)
        st = sky__nav_need(r, rec, 1, &g.gamman);
    if (st == SKY_OK)
        st = sky__nav_need_int(r, rec, 6, 0, 0xFFFF, &g.health);
    if (st == SKY_OK)
        st = glo_fcn(r, rec, &g.fcn);
    sky_time_t toc_utc; /* the epoch is UTC [2] Table A10 */
    if (st == SKY_OK && sky_time_from_civil(&rec->epoch, &toc_utc) != SKY_OK)
        st = sky__nav_civil_time(r, rec, SKY_TS_UTC, &g.toe); /* reports the bad date */
    if (st != SKY_OK)
        return st;
    g.age_d = opt_int(rec, 14, 0, 99, 0);
    double dtau = sky__nav_opt(rec, 16, NAN);
    g.dtaun_s = fabs(dtau) >= SKY__NAV_UNKNOWN_VALUE ? NAN : dtau;
    g.toe = sky_time_to_gpst_from(toc_utc, SKY_TS_UTC, r->leaps);
    g.tof = glo_tof(rec->v[2], toc_utc, r->leaps);
    int64_t sod_msk = ((toc_utc.sec + (int64_t)GLO_MINUS_UTC_S) % 86400 + 86400) % 86400;
    g.iode = (int)((double)sod_msk / GLO_TB_UNIT_S); /* tb [5] §4.4 */
    r->nav->glo_fcn[g.sat.prn] = (int8_t)g.fcn;
    return sky_nav_add_geph(r->nav, &g);
}

static sky_status_t read_sbas(sky__navrd_t *r, const sky__navrec_t *rec)
{
    sky_seph_t s;
    memset(&s, 0, sizeof s);
    s.sat = rec->sat;
    sky_status_t st = state_vector(r, rec, s.pos_m, s.vel_mps, s.acc_mps2);
    if (st == SKY_OK)
        st = sky__nav_need(r, rec, 0, &s.af0_s);
    if (st == SKY_OK)
        st = sky__nav_need(r, rec, 1, &s.af1_sps);
    if (st == SKY_OK)
        st = sky__nav_need_int(r, rec, 6, 0, 0xFFFF, &s.health);
    if (st == SKY_OK)
        st = sky__nav_civil_time(r, rec, SKY_TS_GPS, &s.t0);
    if (st != SKY_OK)
        return st;
    s.ura_m = sky__nav_opt(rec, 10, NAN);
    s.iodn = opt_int(rec, 14, 0, 255, 0);
    double ttr = rec->v[2]; /* transmission time, GPS seconds of week [2] Table A16 */
    s.tof = s.t0;
    if (!isnan(ttr) && fabs(ttr) < SKY__NAV_UNKNOWN_VALUE) {
        int week = 0;
        double tow = 0;
        sky_time_to_gpst(s.t0, &week, &tow);
        s.tof = sky_time_from_gpst(week, ttr);
        double d = sky_time_diff_s(s.tof, s.t0);
        if (fabs(d) > HALF_WEEK_S)
            s.tof = sky_time_from_gpst(week + (d > 0 ? -1 : 1), ttr);
    }
    return sky_nav_add_seph(r->nav, &s);
}

/* ---- dispatch ---- */

typedef struct {
    sky_sys_t sys;
    const char *msg;    /* RINEX 4 message type; NULL = RINEX 2/3 */
    uint8_t type;
    int nlines;
    const char *const *names;
} eph_layout_t;

/* Lines per record: [1] Tables A4/A11/A16, [2] Tables A6-A17, [3] Tables A20-A33. */
static const eph_layout_t layouts[] = {
    {SKY_SYS_GPS, "LNAV", SKY_NAV_LNAV, 8, lnav_names},
    {SKY_SYS_GPS, "CNAV", SKY_NAV_CNAV, 9, cnav_names},
    {SKY_SYS_GPS, "CNV2", SKY_NAV_CNV2, 10, cnv2_names},
    {SKY_SYS_QZS, "LNAV", SKY_NAV_LNAV, 8, lnav_names},
    {SKY_SYS_QZS, "CNAV", SKY_NAV_CNAV, 9, cnav_names},
    {SKY_SYS_QZS, "CNV2", SKY_NAV_CNV2, 10, cnv2_names},
    {SKY_SYS_GAL, "INAV", SKY_NAV_INAV, 8, gal_names},
    {SKY_SYS_GAL, "FNAV", SKY_NAV_FNAV, 8, gal_names},
    {SKY_SYS_BDS, "D1", SKY_NAV_D1, 8, bds_names},
    {SKY_SYS_BDS, "D2", SKY_NAV_D2, 8, bds_names},
    {SKY_SYS_BDS, "CNV1", SKY_NAV_CNV1, 10, bcnav_names},
    {SKY_SYS_BDS, "CNV2", SKY_NAV_CNV2_BDS, 10, bcnav_names},
    {SKY_SYS_BDS, "CNV3", SKY_NAV_CNV3, 9, bcnv3_names},
    {SKY_SYS_GLO, "FDMA", SKY_NAV_FDMA, 5, glo_names},
    {SKY_SYS_SBS, "SBAS", SKY_NAV_SBAS, 4, sbas_names},
    {SKY_SYS_IRN, "LNAV", SKY_NAV_LNAV, 8, irn_names},
    {SKY_SYS_GPS, NULL, 0, 8, lnav_names},
    {SKY_SYS_QZS, NULL, 0, 8, lnav_names},
    {SKY_SYS_GAL, NULL, 0, 8, gal_names},
    {SKY_SYS_BDS, NULL, 0, 8, bds_names},
    {SKY_SYS_IRN, NULL, 0, 8, irn_names},
    {SKY_SYS_GLO, NULL, SKY_NAV_FDMA, 4, glo_names},
    {SKY_SYS_SBS, NULL, SKY_NAV_SBAS, 4, sbas_names},
};

static const eph_layout_t *find_layout(sky_sys_t sys, const char *msg)
{
    for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++) {
        const eph_layout_t *l = &layouts[i];
        if (l->sys == sys && (msg[0] ? l->msg && strcmp(l->msg, msg) == 0 : !l->msg))
            return l;
    }
    return NULL;
}

bool sky__nav_eph_known(sky_sys_t sys, const char *v4_msg)
{
    return find_layout(sys, v4_msg) != NULL;
}

/* RINEX 3.05 added an optional 4th broadcast-orbit line to GLONASS records (status flags,
 * dTauN, URAI, health flags) [2] Table A10: read it when the next line is a continuation. */
static sky_status_t glo_optional_line(sky__navrd_t *r, sky__navrec_t *rec)
{
    sky_status_t st = sky__nav_next_line(r);
    if (st == SKY_EOF)
        return SKY_OK;
    if (st != SKY_OK)
        return st;
    if (r->len < 5 || memcmp(r->line, "    ", 4) != 0 || sky__nav_line_blank(r->line, r->len)) {
        sky__linesrc_unread(r->src);
        return SKY_OK;
    }
    keep_line(r, rec, 4);
    return parse_values(r, rec, 15, 4, 4);
}

/* Values of a record whose lines are read -> the store. */
static sky_status_t convert_record(sky__navrd_t *r, sky_sys_t sys, const eph_layout_t *l,
                                   sky__navrec_t *rec)
{
    if (sys == SKY_SYS_GLO)
        return read_glo(r, rec);
    if (sys == SKY_SYS_SBS)
        return read_sbas(r, rec);
    sky_keph_t e;
    memset(&e, 0, sizeof e);
    e.sat = rec->sat;
    e.type = rec->type;
    bool cnav = l->nlines > 8;
    sky_status_t st = cnav ? kepler_cnav(r, rec, &e) : kepler_legacy(r, rec, &e);
    return st == SKY_OK ? sky_nav_add_keph(r->nav, &e) : st;
}

sky_status_t sky__nav_read_eph(sky__navrd_t *r, sky_sys_t sys, const char *v4_msg)
{
    const eph_layout_t *l = find_layout(sys, v4_msg);
    if (!l) /* the caller checked the system; RINEX 4 unknown types are skipped before */
        return sky__nav_fail_line(r, SKY_E_UNSUPPORTED, "SAT",
                                  "found a %s record, expected a known system",
                                  sky_sys_name(sys));
    sky__navrec_t rec;
    rec.nlines = 0;
    rec.names = l->names;
    rec.type = l->type;
    rec.bad_value = false;
    /* Once the record's lines are all read, a bad value in them drops this record only
     * (counted in nav->nskipped, the first kept in nav->first_skip) and reading goes on with
     * the next record, as a receiver ignores one corrupted message. Truncation and layout
     * errors stay fatal. */
    sky_error_t *outer = r->err, local;
    sky_error_clear(&local);
    r->err = &local;
    sky_status_t st = parse_first_line(r, sys, &rec);
    int c2 = r->major == 2;
    if (st == SKY_OK)
        st = sky__nav_read_lines(r, &rec, l->nlines, c2 ? 22 : 23, c2 ? 3 : 4);
    bool lines_complete = st == SKY_OK || (st == SKY_E_FORMAT && rec.bad_value);
    if (st == SKY_OK && sys == SKY_SYS_GLO && r->major == 3)
        st = glo_optional_line(r, &rec);
    if (st == SKY_OK)
        st = convert_record(r, sys, l, &rec);
    r->err = outer;
    if (lines_complete && (st == SKY_E_FORMAT || st == SKY_E_RANGE)) {
        if (r->nav->nskipped++ == 0)
            r->nav->first_skip = local;
        sky_log(r->nav->ctx, SKY_LOG_WARN, local.path, local.line, "record skipped: %s",
                local.msg);
        return SKY_OK;
    }
    if (st != SKY_OK && outer && outer->code == SKY_OK)
        *outer = local;
    return st;
}
