/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX 2.x/3.x/4.x navigation files: the header and the record loop.
 * References:
 *  [1] RINEX 2.11 (2007-12-10) §5.3, Tables A3 (GPS nav header), A10 (GLONASS), A15 (GEO);
 *      RINEX 2.12 (2009-06-23) (Galileo 'E'/'L' nav files)
 *  [2] RINEX 3.05 (2020-12-01) §6.10, Table A5 (nav header)
 *  [3] RINEX 4.00 (2021-12-01) §5, Table A19 (nav header), Tables A20-A37 (records)
 * On an error (malformed field, truncated record) reading stops: the records before the bad
 * one stay in the store (sorted), and err names the file, line and field. */
#include "io/rinex_nav_int.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/field.h"
#include "skyfix/rinex.h"

/* ---- messages and lines ---- */

static sky_status_t vfail(sky__navrd_t *r, sky_status_t code, long lineno, const char *field,
                          const char *text, const char *fmt, va_list ap)
{
    char msg[SKY_ERROR_MSG_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (r->err && r->err->code == SKY_OK) {
        sky_error_set(r->err, code, r->src->path, lineno, field, "%s", msg);
        if (text)
            sky_error_set_text(r->err, text, strlen(text));
    }
    return code;
}

sky_status_t sky__nav_fail(sky__navrd_t *r, sky_status_t code, const sky__navrec_t *rec,
                           int value_index, const char *fmt, ...)
{
    int ln = value_index < 3 ? 0 : 1 + (value_index - 3) / 4;
    if (ln >= rec->nlines)
        ln = rec->nlines > 0 ? rec->nlines - 1 : 0;
    const char *name = rec->names && rec->names[value_index] ? rec->names[value_index] : "SPARE";
    va_list ap;
    va_start(ap, fmt);
    sky_status_t st = vfail(r, code, rec->lineno[ln], name, rec->text[ln], fmt, ap);
    va_end(ap);
    return st;
}

sky_status_t sky__nav_fail_line(sky__navrd_t *r, sky_status_t code, const char *field,
                                const char *fmt, ...)
{
    char text[SKY_ERROR_TEXT_MAX];
    size_t n = r->line ? (r->len < sizeof text - 1 ? r->len : sizeof text - 1) : 0;
    if (n)
        memcpy(text, r->line, n);
    text[n] = '\0';
    va_list ap;
    va_start(ap, fmt);
    sky_status_t st = vfail(r, code, r->src->lineno, field, n ? text : NULL, fmt, ap);
    va_end(ap);
    return st;
}

sky_status_t sky__nav_next_line(sky__navrd_t *r)
{
    return r->src->next(r->src, &r->line, &r->len, r->err);
}

bool sky__nav_line_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

/* ---- header ---- */

/* Up to n numbers in columns [0, 60) split at blanks; returns how many were read, or -1 if a
 * token is not a number. Used where writers do not keep the fixed columns (see demo.10n). */
static int split_numbers(const char *line, size_t len, double *out, int n)
{
    size_t end = len < 60 ? len : 60, i = 0;
    int k = 0;
    while (i < end) {
        while (i < end && line[i] == ' ')
            i++;
        if (i >= end)
            break;
        size_t j = i;
        while (j < end && line[j] != ' ')
            j++;
        if (k >= n || sky__parse_double(line + i, j - i, &out[k]) != SKY__FIELD_OK)
            return -1;
        k++;
        i = j;
    }
    return k;
}

/* n numbers at fixed columns col0 + k*width; blank gives 0. */
static sky_status_t fixed_numbers(sky__navrd_t *r, const char *label, size_t col0, size_t width,
                                  double *out, int n)
{
    for (int k = 0; k < n; k++) {
        sky__field_rc_t rc = sky__field_double(r->line, r->len, col0 + (size_t)k * width, width,
                                               &out[k]);
        if (rc == SKY__FIELD_BLANK)
            out[k] = 0.0;
        else if (rc != SKY__FIELD_OK)
            return sky__nav_fail_line(r, SKY_E_FORMAT, label,
                                      "found \"%.*s\" in value %d, expected a number",
                                      (int)(r->len > col0 + k * width ? width : 0),
                                      r->line + col0 + k * width, k + 1);
    }
    return SKY_OK;
}

/* RINEX 2 ION ALPHA / ION BETA, 2X,4D12.4 [1] Table A3; in Galileo 'E' files ION ALPHA holds
 * ai0..ai2 [1] 2.12. */
static sky_status_t header_ion_v2(sky__navrd_t *r, bool alpha)
{
    double c[4] = {0, 0, 0, 0};
    int k = split_numbers(r->line, r->len, c, 4);
    if (k < 3) {
        sky_status_t st = fixed_numbers(r, alpha ? "ION ALPHA" : "ION BETA", 2, 12, c, 4);
        if (st != SKY_OK)
            return st;
    }
    sky_iono_t *io = &r->nav->iono;
    if (r->file_sys == SKY_SYS_GAL) {
        if (alpha) {
            memcpy(io->gal_ai, c, sizeof io->gal_ai);
            io->has_gal_nequick = true;
        }
        return SKY_OK;
    }
    memcpy(alpha ? io->gps_alpha : io->gps_beta, c, sizeof c);
    r->iono_seen |= alpha ? 1u : 2u;
    return SKY_OK;
}

/* RINEX 3 IONOSPHERIC CORR: A4,1X,4D12.4 [2] Table A5. */
static sky_status_t header_ion_v3(sky__navrd_t *r)
{
    static const char *const names[] = {"GPSA", "GPSB", "QZSA", "QZSB", "BDSA",
                                        "BDSB", "IRNA", "IRNB", "GAL "};
    double c[4];
    sky_status_t st = fixed_numbers(r, "IONOSPHERIC CORR", 5, 12, c, 4);
    if (st != SKY_OK)
        return st;
    sky_iono_t *io = &r->nav->iono;
    double *dst[] = {io->gps_alpha, io->gps_beta, io->qzs_alpha, io->qzs_beta, io->bds_alpha,
                     io->bds_beta,  io->irn_alpha, io->irn_beta};
    for (unsigned i = 0; i < 9; i++) {
        if (r->len < 4 || memcmp(r->line, names[i], 4) != 0)
            continue;
        if (i == 8) {
            memcpy(io->gal_ai, c, sizeof io->gal_ai);
            io->has_gal_nequick = true;
        } else {
            memcpy(dst[i], c, sizeof c);
            r->iono_seen |= 1u << i;
        }
        return SKY_OK;
    }
    return SKY_OK; /* other corrections (e.g. BDGIM in later versions) are not kept */
}

static void set_iono_flags(sky__navrd_t *r)
{
    sky_iono_t *io = &r->nav->iono;
    unsigned s = r->iono_seen;
    io->has_gps_klobuchar |= (s & 3u) == 3u;
    io->has_qzs_klobuchar |= (s & 12u) == 12u;
    io->has_bds_klobuchar |= (s & 48u) == 48u;
    io->has_irn_klobuchar |= (s & 192u) == 192u;
}

static sky_time_t corr_ref_time(const char *type, long week, long tow_s)
{
    if (week <= 0)
        return sky_time_make(0, 0.0);
    if (type[0] == 'B' && type[1] == 'D') /* BDUT: BDT week and seconds [2] Table A5 */
        return sky_time_from_bdt((int)week, (double)tow_s);
    return sky_time_from_gpst((int)week, (double)tow_s); /* GPS-aligned, continuous */
}

/* RINEX 3 TIME SYSTEM CORR: A4,1X,D17.10,D16.9,1X,I6,1X,I4,1X,A5,1X,I2 [2] Table A5. */
static sky_status_t header_time_corr_v3(sky__navrd_t *r)
{
    sky_timecorr_t c;
    memset(&c, 0, sizeof c);
    sky__field_str(r->line, r->len, 0, 4, c.type, sizeof c.type);
    double a[2];
    sky_status_t st = fixed_numbers(r, "TIME SYSTEM CORR", 5, 17, a, 1);
    if (st == SKY_OK)
        st = fixed_numbers(r, "TIME SYSTEM CORR", 22, 16, a + 1, 1);
    long t = 0, w = 0;
    if (st == SKY_OK && (sky__field_int(r->line, r->len, 38, 7, &t) == SKY__FIELD_BAD ||
                         sky__field_int(r->line, r->len, 45, 5, &w) == SKY__FIELD_BAD ||
                         t < 0 || t > SKY_GPS_WEEK_S || w < 0 || w > 99999))
        st = sky__nav_fail_line(r, SKY_E_FORMAT, "TIME SYSTEM CORR",
                                "found \"%.12s\" for T and W, expected seconds of week and week",
                                r->len > 38 ? r->line + 38 : "");
    if (st != SKY_OK)
        return st;
    c.a0_s = a[0];
    c.a1_sps = a[1];
    c.tref_tow_s = (int)t;
    c.tref_week = (int)w;
    c.tref = corr_ref_time(c.type, w, t);
    sky__field_str(r->line, r->len, 51, 5, c.source, sizeof c.source);
    return sky_nav_add_timecorr(r->nav, &c);
}

/* RINEX 2 DELTA-UTC: A0,A1,T,W, 3X,2D19.12,2I9 [1] Table A3 (GPS "GPUT", Galileo "GAUT";
 * GEO "D-UTC A0,A1,T,W,S,U" [1] Table A15, "SBUT"). Some writers shift the columns, so blank-
 * separated numbers are taken first. */
static sky_status_t header_delta_utc_v2(sky__navrd_t *r)
{
    double c[4] = {0, 0, 0, 0};
    if (split_numbers(r->line, r->len, c, 4) != 4) {
        sky_status_t st = fixed_numbers(r, "DELTA-UTC: A0,A1,T,W", 3, 19, c, 2);
        if (st == SKY_OK)
            st = fixed_numbers(r, "DELTA-UTC: A0,A1,T,W", 41, 9, c + 2, 2);
        if (st != SKY_OK)
            return st;
    }
    if (!(c[2] >= 0 && c[2] <= SKY_GPS_WEEK_S && c[3] >= 0 && c[3] <= 99999))
        return sky__nav_fail_line(r, SKY_E_RANGE, "DELTA-UTC: A0,A1,T,W",
                                  "found T=%g W=%g, expected seconds of week and a week", c[2],
                                  c[3]);
    sky_timecorr_t tc;
    memset(&tc, 0, sizeof tc);
    const char *type = r->file_sys == SKY_SYS_GAL ? "GAUT"
                       : r->file_sys == SKY_SYS_SBS ? "SBUT" : "GPUT";
    memcpy(tc.type, type, 5);
    tc.a0_s = c[0];
    tc.a1_sps = c[1];
    tc.tref_tow_s = (int)c[2];
    tc.tref_week = (int)c[3];
    tc.tref = corr_ref_time(tc.type, tc.tref_week, tc.tref_tow_s);
    return sky_nav_add_timecorr(r->nav, &tc);
}

/* RINEX 2 GLONASS CORR TO SYSTEM TIME: 3I6,3X,D19.12 (year, month, day, -TauC) [1] Table A10.
 * Kept as "GLUT" with a0 = -TauC, as RINEX 3 writes it. */
static sky_status_t header_glo_corr_v2(sky__navrd_t *r)
{
    long y = 0, m = 0, d = 0;
    double tauc = 0.0;
    sky__field_rc_t rc = sky__field_double(r->line, r->len, 21, 19, &tauc);
    if (sky__field_int(r->line, r->len, 0, 6, &y) != SKY__FIELD_OK ||
        sky__field_int(r->line, r->len, 6, 6, &m) != SKY__FIELD_OK ||
        sky__field_int(r->line, r->len, 12, 6, &d) != SKY__FIELD_OK || rc == SKY__FIELD_BAD)
        return sky__nav_fail_line(r, SKY_E_FORMAT, "CORR TO SYSTEM TIME",
                                  "found \"%.40s\", expected year, month, day and -TauC",
                                  r->line);
    sky_timecorr_t tc;
    memset(&tc, 0, sizeof tc);
    memcpy(tc.type, "GLUT", 5);
    tc.a0_s = rc == SKY__FIELD_OK ? tauc : 0.0;
    sky_civil_t civ = {(int)y, (int)m, (int)d, 0, 0, 0.0};
    if (sky_time_from_civil(&civ, &tc.tref) != SKY_OK)
        tc.tref = sky_time_make(0, 0.0);
    else
        tc.tref = sky_time_to_gpst_from(tc.tref, SKY_TS_UTC, r->leaps);
    return sky_nav_add_timecorr(r->nav, &tc);
}

/* LEAP SECONDS: I6 (2.x), I6,I6,I6,I6,A3 (3.x/4.x) [2] Table A5. With "BDS" the numbers are
 * BDT-UTC; they are stored as GPST-UTC (BDT = GPST - 14 s). */
static sky_status_t header_leap(sky__navrd_t *r)
{
    long v[4];
    int have[4];
    for (int k = 0; k < 4; k++) {
        sky__field_rc_t rc = sky__field_int(r->line, r->len, (size_t)k * 6, 6, &v[k]);
        if (rc == SKY__FIELD_BAD || (rc == SKY__FIELD_OK && (v[k] < -99999 || v[k] > 99999)))
            return sky__nav_fail_line(r, SKY_E_FORMAT, "LEAP SECONDS",
                                      "found \"%.6s\" in value %d, expected an integer",
                                      r->line + (r->len > (size_t)k * 6 ? k * 6 : 0), k + 1);
        have[k] = rc == SKY__FIELD_OK;
    }
    if (!have[0])
        return sky__nav_fail_line(r, SKY_E_FORMAT, "LEAP SECONDS",
                                  "found blank, expected the current number of leap seconds");
    char ts[4];
    sky__field_str(r->line, r->len, 24, 3, ts, sizeof ts);
    int bdt_shift = strcmp(ts, "BDS") == 0 ? -SKY_BDT_MINUS_GPST_S : 0;
    r->nav->leap_s = (int)v[0] + bdt_shift;
    if (have[1])
        r->nav->leap_future_s = (int)v[1] + bdt_shift;
    if (have[2])
        r->nav->leap_week = (int)v[2];
    if (have[3])
        r->nav->leap_day = (int)v[3];
    return SKY_OK;
}

/* RINEX VERSION / TYPE: F9.2,11X,A1 (type),19X,A1 (system) [1] Table A3, [2] Table A5. */
static sky_status_t header_version(sky__navrd_t *r)
{
    double ver = 0;
    if (!sky__rinex_label_is(r->line, r->len, "RINEX VERSION / TYPE") ||
        sky__field_double(r->line, r->len, 0, 9, &ver) != SKY__FIELD_OK)
        return sky__nav_fail_line(r, SKY_E_FORMAT, "RINEX VERSION / TYPE",
                                  "found \"%.20s\", expected a RINEX VERSION / TYPE line",
                                  r->line);
    r->version = ver;
    r->major = ver >= 2.0 && ver < 2.2 ? 2 : ver >= 3.0 && ver < 3.1 ? 3
                                        : ver >= 4.0 && ver < 4.1 ? 4 : 0;
    if (r->major == 0)
        return sky__nav_fail_line(r, SKY_E_VERSION, "RINEX VERSION / TYPE",
                                  "found version %.2f, expected 2.00-2.12, 3.00-3.05 or 4.00-4.02",
                                  ver);
    char type = r->len > 20 ? r->line[20] : ' ';
    static const char v2types[] = "NGHEL";
    static const sky_sys_t v2sys[] = {SKY_SYS_GPS, SKY_SYS_GLO, SKY_SYS_SBS, SKY_SYS_GAL,
                                      SKY_SYS_GAL};
    const char *p = type != '\0' ? strchr(v2types, type) : NULL;
    if (!p || (r->major == 4 && type != 'N'))
        return sky__nav_fail_line(r, SKY_E_FORMAT, "RINEX VERSION / TYPE",
                                  "found file type '%c', expected a navigation file (N%s)", type,
                                  r->major == 2 ? ", G, H, E or L" : "");
    r->file_sys = r->major == 2 ? v2sys[p - v2types] : SKY_SYS_NONE;
    r->nav->version = ver;
    return SKY_OK;
}

static sky_status_t header_line(sky__navrd_t *r, bool *end)
{
    const char *l = r->line;
    size_t n = r->len;
    if (sky__rinex_label_is(l, n, "END OF HEADER")) {
        *end = true;
        return SKY_OK;
    }
    if (sky__rinex_label_is(l, n, "ION ALPHA"))
        return header_ion_v2(r, true);
    if (sky__rinex_label_is(l, n, "ION BETA"))
        return header_ion_v2(r, false);
    if (sky__rinex_label_is(l, n, "IONOSPHERIC CORR"))
        return header_ion_v3(r);
    if (sky__rinex_label_is(l, n, "TIME SYSTEM CORR"))
        return header_time_corr_v3(r);
    if (sky__rinex_label_is(l, n, "DELTA-UTC: A0,A1,T,W") ||
        sky__rinex_label_is(l, n, "D-UTC A0,A1,T,W,S,U"))
        return header_delta_utc_v2(r);
    if (sky__rinex_label_is(l, n, "CORR TO SYSTEM TIME") && r->file_sys == SKY_SYS_GLO)
        return header_glo_corr_v2(r);
    if (sky__rinex_label_is(l, n, "LEAP SECONDS"))
        return header_leap(r);
    return SKY_OK; /* COMMENT, PGM / RUN BY / DATE, MERGED FILE, DOI, ...: not needed */
}

static sky_status_t read_header(sky__navrd_t *r)
{
    sky_status_t st;
    do { /* blank lines before the first header line are tolerated (georinex blank1st.10n) */
        st = sky__nav_next_line(r);
    } while (st == SKY_OK && sky__nav_line_blank(r->line, r->len));
    if (st == SKY_EOF)
        return sky_error_set(r->err, SKY_E_TRUNCATED, r->src->path, r->src->lineno,
                             "RINEX VERSION / TYPE", "found end of file, expected a header");
    if (st == SKY_OK)
        st = header_version(r);
    bool end = false;
    while (st == SKY_OK && !end) {
        st = sky__nav_next_line(r);
        if (st == SKY_EOF)
            return sky_error_set(r->err, SKY_E_TRUNCATED, r->src->path, r->src->lineno,
                                 "END OF HEADER", "found end of file, expected END OF HEADER");
        if (st == SKY_OK)
            st = header_line(r, &end);
    }
    set_iono_flags(r);
    return st;
}

/* ---- body ---- */

static sky_status_t read_body_record(sky__navrd_t *r)
{
    if (r->major == 4) {
        if (r->line[0] != '>')
            return sky__nav_fail_line(r, SKY_E_FORMAT, "RECORD",
                                      "found \"%.12s\", expected a record header \"> EPH ...\"",
                                      r->line);
        return sky__nav_read_v4_record(r);
    }
    if (r->major == 2)
        return sky__nav_read_eph(r, r->file_sys, "");
    sky_sys_t sys = sky_sys_from_char(r->line[0]);
    if (sys == SKY_SYS_NONE)
        return sky__nav_fail_line(r, SKY_E_FORMAT, "SAT",
                                  "found \"%.3s\", expected a satellite (G, R, E, C, J, I or S "
                                  "and a number)",
                                  r->line);
    return sky__nav_read_eph(r, sys, "");
}

static sky_status_t read_nav(sky__navrd_t *r)
{
    sky_status_t st = read_header(r);
    while (st == SKY_OK) {
        st = sky__nav_next_line(r);
        if (st != SKY_OK)
            break;
        if (sky__nav_line_blank(r->line, r->len))
            continue; /* blank lines between records (georinex blank.10n, galileo3.15n) */
        st = read_body_record(r);
    }
    sky_nav_sort(r->nav);
    return st == SKY_EOF ? SKY_OK : st;
}

static sky_status_t read_from(sky_nav_t *nav, sky__linesrc_t *src, sky_error_t *err)
{
    sky__navrd_t r;
    memset(&r, 0, sizeof r);
    r.nav = nav;
    r.src = src;
    r.err = err;
    r.leaps = nav->ctx ? nav->ctx->leaps : NULL;
    sky_status_t st = read_nav(&r);
    sky__linesrc_close(src);
    return st;
}

sky_status_t sky_nav_read_file(sky_nav_t *nav, const char *path, sky_error_t *err)
{
    if (!nav || !path)
        return sky_error_set(err, SKY_E_ARG, path ? path : "", 0, "", "found NULL argument");
    sky__linesrc_t *src = NULL;
    sky_status_t st = sky__linesrc_open_file(nav->ctx, path, &src, err);
    if (st != SKY_OK)
        return st;
    return read_from(nav, src, err);
}

sky_status_t sky_nav_read_memory(sky_nav_t *nav, const void *buf, size_t len, const char *name,
                                 sky_error_t *err)
{
    if (!nav || (!buf && len > 0))
        return sky_error_set(err, SKY_E_ARG, name ? name : "", 0, "", "found NULL argument");
    sky__linesrc_t *src = NULL;
    sky_status_t st = sky__linesrc_open_memory(nav->ctx, buf, len, name ? name : "(memory)",
                                               &src, err);
    if (st != SKY_OK)
        return st;
    return read_from(nav, src, err);
}
