/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX observation header records (2.10-2.12, 3.00-3.05, 4.00-4.02).
 * References:
 *  [1] RINEX 2.11 (2007-12-10) Table A1 (observation header); RINEX 2.12 (2009)
 *  [2] RINEX 3.05 (2020-12-01) §5.2 and Table A2 (observation header)
 *  [3] RINEX 4.00 (2021-12-01) Table A2 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "io/field.h"
#include "io/rinex_obs_int.h"

#define LABEL_COL 60

sky_status_t sky__obs_fail(const sky__obs_reader_t *r, sky_error_t *err, sky_status_t code,
                           const char *field, const char *line, size_t len, const char *fmt,
                           ...)
{
    char msg[SKY_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long lineno = r->src ? r->src->lineno : 0;
    const char *path = r->src ? r->src->path : "";
    sky_error_set(err, code, path, lineno, field, "%s", msg);
    if (line)
        sky_error_set_text(err, line, len);
    return code;
}

/* Quote a field of the line for messages (at most 20 characters). */
static const char *quote_field(const char *line, size_t len, size_t col, size_t width,
                               char *buf, size_t cap)
{
    size_t n = col < len ? (col + width <= len ? width : len - col) : 0;
    if (n > 20)
        n = 20;
    snprintf(buf, cap, "\"%.*s\"", (int)n, col < len ? line + col : "");
    return buf;
}

static sky_status_t bad_number(sky__obs_reader_t *r, sky_error_t *err, const char *field,
                               const char *line, size_t len, size_t col, size_t width)
{
    char q[32];
    return sky__obs_fail(r, err, SKY_E_FORMAT, field, line, len,
                         "found %s in columns %zu-%zu, expected a number",
                         quote_field(line, len, col, width, q, sizeof q), col + 1, col + width);
}

/* Optional number: NaN when blank, error when not a number. */
static sky_status_t opt_double(sky__obs_reader_t *r, sky_error_t *err, const char *field,
                               const char *line, size_t len, size_t col, size_t width,
                               double *out)
{
    sky__field_rc_t rc = sky__field_double(line, len, col, width, out);
    if (rc == SKY__FIELD_BLANK)
        *out = NAN;
    if (rc == SKY__FIELD_BAD)
        return bad_number(r, err, field, line, len, col, width);
    return SKY_OK;
}

/* Integer within [lo, hi]; blank gives *out = blank_value. */
static sky_status_t get_int(sky__obs_reader_t *r, sky_error_t *err, const char *field,
                            const char *line, size_t len, size_t col, size_t width, long lo,
                            long hi, long blank_value, long *out)
{
    sky__field_rc_t rc = sky__field_int(line, len, col, width, out);
    if (rc == SKY__FIELD_BLANK) {
        *out = blank_value;
        return SKY_OK;
    }
    if (rc == SKY__FIELD_BAD)
        return bad_number(r, err, field, line, len, col, width);
    if (*out < lo || *out > hi)
        return sky__obs_fail(r, err, SKY_E_RANGE, field, line, len,
                             "found %ld, expected %ld..%ld", *out, lo, hi);
    return SKY_OK;
}

/* ---- RINEX VERSION / TYPE: F9.2,11X,A1,19X,A1 [1][2] Table A1/A2 ---- */
static sky_status_t hdr_version(sky__obs_reader_t *r, const char *line, size_t len,
                                sky_error_t *err)
{
    static const char *F = "RINEX VERSION / TYPE";
    double v;
    if (sky__field_double(line, len, 0, 9, &v) != SKY__FIELD_OK)
        return bad_number(r, err, F, line, len, 0, 9);
    v = round(v * 100.0) / 100.0;
    bool ok = (v >= 2.0 && v <= 2.12 + 1e-9) || (v >= 3.0 && v <= 3.05 + 1e-9) ||
              (v >= 4.0 && v <= 4.02 + 1e-9);
    if (!ok)
        return sky__obs_fail(r, err, SKY_E_VERSION, F, line, len,
                             "found version %.2f, expected 2.00-2.12, 3.00-3.05 or 4.00-4.02", v);
    char type = len > 20 ? line[20] : ' ';
    if (type != 'O')
        return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                             "found file type '%c' in column 21, expected 'O' (observation data)",
                             type);
    char sys = len > 40 ? line[40] : ' ';
    if (sys == ' ')
        sys = 'G'; /* [1] Table A1: blank = GPS */
    if (sys != 'M' && sky_sys_from_char(sys) == SKY_SYS_NONE)
        return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                             "found satellite system '%c' in column 41, expected G R E C J I S M",
                             sys);
    r->hdr.version = v;
    r->hdr.file_sys = sys;
    r->hs.have_version = true;
    return SKY_OK;
}

/* ---- Plain text records: one table ---- */
typedef struct {
    const char *label;
    size_t offset, cap; /* destination in sky_obs_header_t */
    size_t col, width;
} str_field_t;

#define STRF(label, member, col, width)                                                      \
    {label, offsetof(sky_obs_header_t, member), sizeof(((sky_obs_header_t *)0)->member), col, \
     width}

static const str_field_t str_fields[] = {
    STRF("PGM / RUN BY / DATE", program, 0, 20),
    STRF("PGM / RUN BY / DATE", run_by, 20, 20),
    STRF("PGM / RUN BY / DATE", date, 40, 20),
    STRF("MARKER NAME", marker_name, 0, 60),
    STRF("MARKER NUMBER", marker_number, 0, 20),
    STRF("MARKER TYPE", marker_type, 0, 20),
    STRF("OBSERVER / AGENCY", observer, 0, 20),
    STRF("OBSERVER / AGENCY", agency, 20, 40),
    STRF("REC # / TYPE / VERS", rec_number, 0, 20),
    STRF("REC # / TYPE / VERS", rec_type, 20, 20),
    STRF("REC # / TYPE / VERS", rec_version, 40, 20),
    STRF("ANT # / TYPE", ant_number, 0, 20),
    STRF("ANT # / TYPE", ant_type, 20, 20),
    STRF("SIGNAL STRENGTH UNIT", signal_strength_unit, 0, 20),
};

static bool hdr_strings(sky__obs_reader_t *r, const char *line, size_t len)
{
    bool any = false;
    for (size_t i = 0; i < sizeof str_fields / sizeof *str_fields; i++) {
        const str_field_t *f = &str_fields[i];
        if (!sky__rinex_label_is(line, len, f->label))
            continue;
        char *dst = (char *)&r->hdr + f->offset;
        sky__field_str(line, len < LABEL_COL ? len : LABEL_COL, f->col, f->width, dst, f->cap);
        any = true;
    }
    return any;
}

/* Next blank-separated token of columns [*i, end): false when none is left. */
static bool next_token(const char *line, size_t end, size_t *i, size_t *start, size_t *n)
{
    while (*i < end && line[*i] == ' ')
        (*i)++;
    *start = *i;
    while (*i < end && line[*i] != ' ')
        (*i)++;
    *n = *i - *start;
    return *n > 0;
}

/* APPROX POSITION XYZ, ANTENNA: DELTA H/E/N: 3F14.4 [2] Table A2. Some writers shift the
 * columns, so the three numbers are taken as blank-separated tokens of columns 1-60. */
static sky_status_t hdr_triplet(sky__obs_reader_t *r, const char *line, size_t len,
                                const char *field, double out[3], sky_error_t *err)
{
    size_t end = len < LABEL_COL ? len : LABEL_COL, i = 0, start, n;
    for (size_t k = 0; k < 3; k++) {
        out[k] = NAN;
        if (next_token(line, end, &i, &start, &n) &&
            sky__parse_double(line + start, n, &out[k]) != SKY__FIELD_OK)
            return bad_number(r, err, field, line, len, start, n);
    }
    return SKY_OK;
}

/* TIME OF FIRST / LAST OBS: 5I6,F13.7,5X,A3 [2] Table A2, read as tokens because writers
 * shift these columns (georinex test files do). */
static sky_status_t hdr_time(sky__obs_reader_t *r, const char *line, size_t len,
                             const char *field, sky__obs_hdr_time_t *t, sky_error_t *err)
{
    static const long lo[5] = {1980, 1, 1, 0, 0}, hi[5] = {2199, 12, 31, 23, 59};
    size_t end = len < LABEL_COL ? len : LABEL_COL, i = 0, start = 0, n = 0;
    long v[5];
    double sec = -1;
    for (size_t k = 0; k < 6; k++) {
        bool ok = next_token(line, end, &i, &start, &n);
        if (ok && k < 5)
            ok = sky__field_int(line, end, start, n, &v[k]) == SKY__FIELD_OK && v[k] >= lo[k] &&
                 v[k] <= hi[k];
        else if (ok)
            ok = sky__parse_double(line + start, n, &sec) == SKY__FIELD_OK && sec >= 0 &&
                 sec < 61;
        if (!ok)
            return sky__obs_fail(r, err, SKY_E_FORMAT, field, line, len,
                                 "found \"%.*s\" in columns %zu-%zu, expected %s", (int)n,
                                 line + start, start + 1, start + n,
                                 k < 5 ? "year month day hour minute" : "seconds 0..60.9999999");
    }
    char sys[4] = "";
    if (next_token(line, end, &i, &start, &n))
        sky__field_str(line, end, start, n < 3 ? n : 3, sys, sizeof sys);
    t->has_sys = sys[0] != '\0';
    if (t->has_sys && (n != 3 || sky_timesys_parse(sys, &t->sys) != SKY_OK))
        return sky__obs_fail(r, err, SKY_E_FORMAT, field, line, len,
                             "found time system \"%.*s\", expected GPS GLO GAL BDT QZS IRN",
                             (int)n, line + start);
    t->civil = (sky_civil_t){(int)v[0], (int)v[1], (int)v[2], (int)v[3], (int)v[4], sec};
    t->present = true;
    t->line = r->src ? r->src->lineno : 0;
    return SKY_OK;
}

/* An observation code of 3 characters, or 2 with a blank attribute (RINEX 3.00/3.01). */
sky_status_t sky__obs_code_make(const char *s3, sky_obs_code_t *code)
{
    char t[4] = {s3[0], s3[1], s3[2], '\0'};
    if (t[2] != ' ' && sky_obs_code_parse(t, code) == SKY_OK)
        return SKY_OK;
    static const char kinds[] = "CLDSX";
    const char *k = memchr(kinds, t[0], 5);
    if (!k || t[0] == '\0' || t[1] < '1' || t[1] > '9')
        return SKY_E_FORMAT;
    if (t[2] != ' ' && !((t[2] >= 'A' && t[2] <= 'Z') || (t[2] >= '0' && t[2] <= '9')))
        return SKY_E_FORMAT;
    code->kind = (uint8_t)(k - kinds);
    code->band = t[1];
    code->attr = t[2];
    code->text[0] = t[0];
    code->text[1] = t[1];
    code->text[2] = t[2] == ' ' ? '\0' : t[2];
    code->text[3] = '\0';
    return SKY_OK;
}

static bool line_blank_between(const char *line, size_t len, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < len; i++)
        if (line[i] != ' ')
            return false;
    return true;
}

/* # / TYPES OF OBSERV: I6,9(4X,A2), continuation 6X,9(4X,A2) [1] Table A1. */
static sky_status_t hdr_types_v2(sky__obs_reader_t *r, const char *line, size_t len,
                                 sky_error_t *err)
{
    static const char *F = "# / TYPES OF OBSERV";
    long n;
    sky_status_t st = get_int(r, err, F, line, len, 0, 6, 0, SKY_OBS_MAXTYPES, -1, &n);
    if (st != SKY_OK)
        return st;
    if (n >= 0 && r->hs.v2_types_left > 0)
        return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                             "found a new count with %d types of the last one missing, "
                             "expected a continuation line (blank columns 1-6)",
                             r->hs.v2_types_left);
    if (n >= 0) {
        r->hdr.ntypes_v2 = 0;
        r->hs.v2_types_left = (int)n;
    }
    for (size_t k = 0; k < 9 && r->hs.v2_types_left > 0; k++) {
        size_t col = 10 + 6 * k;
        char t[3] = {col < len ? line[col] : ' ', col + 1 < len ? line[col + 1] : ' ', '\0'};
        if (t[0] == ' ')
            return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                                 "found a blank type in columns %zu-%zu, expected %d more types",
                                 col + 1, col + 2, r->hs.v2_types_left);
        if (t[1] == ' ')
            t[1] = '\0';
        memcpy(r->hdr.types_v2[r->hdr.ntypes_v2++], t, 3);
        r->hs.v2_types_left--;
    }
    size_t used = 10 + 6 * (size_t)(r->hdr.ntypes_v2 % 9 ? r->hdr.ntypes_v2 % 9 : 9);
    if (r->hs.v2_types_left == 0 && !line_blank_between(line, len, used, LABEL_COL))
        return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                             "found more types than the %d announced in columns 1-6",
                             r->hdr.ntypes_v2);
    return SKY_OK;
}

/* SYS / # / OBS TYPES: A1,2X,I3,13(1X,A3), continuation 6X,13(1X,A3) [2] Table A2. */
static sky_status_t hdr_types_v3(sky__obs_reader_t *r, const char *line, size_t len,
                                 sky_error_t *err)
{
    static const char *F = "SYS / # / OBS TYPES";
    if (line[0] != ' ' && r->hs.v3_types_left > 0)
        return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                             "found system '%c' with %d types of the last one missing, "
                             "expected a continuation line (blank column 1)",
                             line[0], r->hs.v3_types_left);
    if (line[0] != ' ') {
        sky_sys_t sys = sky_sys_from_char(line[0]);
        if (sys == SKY_SYS_NONE)
            return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                                 "found system '%c', expected G R E C J I S", line[0]);
        long n;
        sky_status_t st = get_int(r, err, F, line, len, 3, 3, 0, SKY_OBS_MAXTYPES, -1, &n);
        if (st != SKY_OK)
            return st;
        if (n < 0)
            return bad_number(r, err, F, line, len, 3, 3);
        r->hs.v3_types_sys = sys;
        r->hs.v3_types_left = (int)n;
        r->hdr.ntypes[sys] = 0;
    }
    int sys = r->hs.v3_types_sys;
    for (size_t k = 0; k < 13 && r->hs.v3_types_left > 0; k++) {
        size_t col = 7 + 4 * k;
        char t[3] = {' ', ' ', ' '};
        for (size_t i = 0; i < 3 && col + i < len; i++)
            t[i] = line[col + i];
        sky_obs_code_t *c = sys == SKY_SYS_NONE ? NULL : &r->hdr.types[sys][r->hdr.ntypes[sys]];
        if (!c || sky__obs_code_make(t, c))
            return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                                 "found \"%.3s\" in columns %zu-%zu, expected an observation "
                                 "code like C1C", t, col + 1, col + 3);
        /* RINEX 3.00-3.02 name BeiDou B1I band 1 (C1I); 3.03 on call it band 2 and give band
         * 1 to B1C ([2] §5.1, Table 10 note; RINEX 3.03 change list). */
        if (sys == SKY_SYS_BDS && r->hdr.version < 3.025 && c->band == '1') {
            c->band = '2';
            c->text[1] = '2';
        }
        r->hdr.ntypes[sys]++;
        r->hs.v3_types_left--;
    }
    return SKY_OK;
}

/* SYS / SCALE FACTOR: A1,1X,I4,2X,I2,12(1X,A3), continuation 10X,12(1X,A3) [2] Table A2. */
static sky_status_t hdr_scale(sky__obs_reader_t *r, const char *line, size_t len,
                              sky_error_t *err)
{
    static const char *F = "SYS / SCALE FACTOR";
    sky__obs_hdr_state_t *hs = &r->hs;
    if (line[0] != ' ') {
        long factor, n;
        sky_sys_t sys = sky_sys_from_char(line[0]);
        sky_status_t st = get_int(r, err, F, line, len, 2, 4, 1, 10000, 1, &factor);
        if (st == SKY_OK)
            st = get_int(r, err, F, line, len, 8, 2, 0, SKY_OBS_MAXTYPES, 0, &n);
        if (st != SKY_OK)
            return st;
        if (sys == SKY_SYS_NONE || (factor != 1 && factor != 10 && factor != 100 &&
                                    factor != 1000))
            return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                                 "found system '%c' factor %ld, expected a system and 1, 10, "
                                 "100 or 1000", line[0], factor);
        hs->scale_sys = sys;
        hs->scale_factor = (int)factor;
        hs->scale_left = (int)n;
        if (n == 0 && hs->nscale < SKY__OBS_MAX_SCALE_REC)
            hs->scale_rec[hs->nscale++] = (sky__obs_scale_rec_t){(uint8_t)sys, "", (int)factor};
    }
    for (size_t k = 0; k < 12 && hs->scale_left > 0; k++) {
        size_t col = 11 + 4 * k;
        if (hs->nscale >= SKY__OBS_MAX_SCALE_REC || col + 3 > len)
            return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                                 "found too few or too many codes, expected %d more",
                                 hs->scale_left);
        sky_obs_code_t code;
        if (sky__obs_code_make(line + col, &code) != SKY_OK)
            return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                                 "found \"%.3s\" in columns %zu-%zu, expected an observation "
                                 "code", line + col, col + 1, col + 3);
        sky__obs_scale_rec_t *rec = &hs->scale_rec[hs->nscale++];
        *rec = (sky__obs_scale_rec_t){(uint8_t)hs->scale_sys, "", hs->scale_factor};
        memcpy(rec->code, line + col, 3);
        hs->scale_left--;
    }
    return SKY_OK;
}

/* SYS / PHASE SHIFT: A1,1X,A3,1X,F8.5,2X,I2.2,10(1X,A3) [2] Table A2 (satellite lists on
 * continuation lines are not kept). */
static sky_status_t hdr_phase_shift(sky__obs_reader_t *r, const char *line, size_t len,
                                    sky_error_t *err)
{
    static const char *F = "SYS / PHASE SHIFT";
    if (line[0] == ' ' || len < 5 || line[2] == ' ')
        return SKY_OK; /* continuation or "no correction applied" record */
    sky_phase_shift_t ps = {.sys = sky_sys_from_char(line[0])};
    if (ps.sys == SKY_SYS_NONE)
        return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                             "found system '%c', expected G R E C J I S", line[0]);
    if (sky__obs_code_make(line + 2, &ps.code) != SKY_OK) {
        /* informational record with a malformed code (seen as "G 1C"): skipped, logged */
        sky_log(r->ctx, SKY_LOG_WARN, r->src->path, r->src->lineno,
                "%s: code \"%.3s\" is not an observation code; record ignored", F, line + 2);
        return SKY_OK;
    }
    sky_status_t st = opt_double(r, err, F, line, len, 6, 8, &ps.shift_cyc);
    if (st != SKY_OK)
        return st;
    if (r->hdr.nshift >= SKY_OBS_MAXSHIFT)
        return sky__obs_fail(r, err, SKY_E_RANGE, F, line, len,
                             "found more than %d records, expected at most %d", SKY_OBS_MAXSHIFT,
                             SKY_OBS_MAXSHIFT);
    r->hdr.shift[r->hdr.nshift++] = ps;
    return SKY_OK;
}

/* GLONASS SLOT / FRQ #: I3,1X,8(A3,1X,I2,1X) with continuations [2] Table A2. Writers drop
 * the blank after I2 ("R11 -5R19 +3"), so entries are scanned rather than columned. */
static sky_status_t hdr_glo_slots(sky__obs_reader_t *r, const char *line, size_t len,
                                  sky_error_t *err)
{
    static const char *F = "GLONASS SLOT / FRQ #";
    size_t end = len < LABEL_COL ? len : LABEL_COL, i = 4;
    for (int k = 0; k < 8; k++) {
        while (i < end && line[i] == ' ')
            i++;
        if (i >= end)
            break;
        sky_sat_t sat;
        size_t col = i, j = i + 3;
        if (i + 3 > end || sky_sat_parse(line + i, SKY_SYS_GLO, &sat) != SKY_OK ||
            sat.sys != SKY_SYS_GLO)
            return sky__obs_fail(r, err, SKY_E_FORMAT, F, line, len,
                                 "found \"%.3s\" in columns %zu-%zu, expected a GLONASS slot Rnn",
                                 line + i, i + 1, i + 3);
        while (j < end && line[j] == ' ')
            j++;
        size_t s = j;
        if (j < end && (line[j] == '-' || line[j] == '+'))
            j++;
        while (j < end && line[j] >= '0' && line[j] <= '9')
            j++;
        long fcn;
        sky_status_t st = get_int(r, err, F, line, len, s, j - s, -7, 13, SKY_GLO_FCN_UNKNOWN,
                                  &fcn);
        if (st == SKY_OK && j == s)
            st = bad_number(r, err, F, line, len, col + 4, 2);
        if (st != SKY_OK)
            return st;
        r->hdr.glo_fcn[sat.prn] = (int8_t)fcn;
        i = j;
    }
    return SKY_OK;
}

/* GLONASS COD/PHS/BIS: 4(1X,A3,1X,F8.3) [2] Table A2. */
static sky_status_t hdr_glo_cpb(sky__obs_reader_t *r, const char *line, size_t len,
                                sky_error_t *err)
{
    static const char *codes[4] = {"C1C", "C1P", "C2C", "C2P"};
    for (size_t k = 0; k < 4; k++) {
        size_t col = 1 + 13 * k;
        if (col + 3 > len)
            break;
        for (size_t i = 0; i < 4; i++) {
            if (memcmp(line + col, codes[i], 3) != 0)
                continue;
            sky_status_t st = opt_double(r, err, "GLONASS COD/PHS/BIS", line, len, col + 4, 8,
                                         &r->hdr.glo_cpb_m[i]);
            if (st != SKY_OK)
                return st;
        }
    }
    return SKY_OK;
}

static sky_status_t hdr_numbers(sky__obs_reader_t *r, const char *line, size_t len,
                                sky_error_t *err, bool *done)
{
    sky_obs_header_t *h = &r->hdr;
    long v = 0;
    sky_status_t st = SKY_OK;
    *done = true;
    if (sky__rinex_label_is(line, len, "APPROX POSITION XYZ"))
        st = hdr_triplet(r, line, len, "APPROX POSITION XYZ", h->approx_pos_ecef_m, err);
    else if (sky__rinex_label_is(line, len, "ANTENNA: DELTA H/E/N"))
        st = hdr_triplet(r, line, len, "ANTENNA: DELTA H/E/N", h->ant_delta_hen_m, err);
    else if (sky__rinex_label_is(line, len, "INTERVAL")) {
        st = opt_double(r, err, "INTERVAL", line, len, 0, 10, &h->interval_s);
        if (st == SKY_OK && h->interval_s < 0) /* F10.3 seconds [2] Table A2 */
            st = sky__obs_fail(r, err, SKY_E_RANGE, "INTERVAL", line, len,
                               "found %g s, expected a positive interval or blanks",
                               h->interval_s);
    } else if (sky__rinex_label_is(line, len, "LEAP SECONDS")) {
        st = get_int(r, err, "LEAP SECONDS", line, len, 0, 6, -100, 100, INT32_MIN, &v);
        h->leap_s = (int)v;
    } else if (sky__rinex_label_is(line, len, "# OF SATELLITES")) {
        st = get_int(r, err, "# OF SATELLITES", line, len, 0, 6, 0, SKY_NSAT, -1, &v);
        h->nsat_header = (int)v;
    } else if (sky__rinex_label_is(line, len, "TIME OF FIRST OBS"))
        st = hdr_time(r, line, len, "TIME OF FIRST OBS", &r->hs.first, err);
    else if (sky__rinex_label_is(line, len, "TIME OF LAST OBS"))
        st = hdr_time(r, line, len, "TIME OF LAST OBS", &r->hs.last, err);
    else
        *done = false;
    return st;
}

sky_status_t sky__obs_header_line(sky__obs_reader_t *r, const char *line, size_t len,
                                  sky_error_t *err)
{
    if (len <= LABEL_COL)
        return SKY_OK; /* no label: tolerated and ignored */
    if (sky__rinex_label_is(line, len, "COMMENT")) {
        r->hdr.ncomment++;
        return SKY_OK;
    }
    if (sky__rinex_label_is(line, len, "RINEX VERSION / TYPE"))
        return hdr_version(r, line, len, err);
    if (hdr_strings(r, line, len))
        return SKY_OK;
    bool done;
    sky_status_t st = hdr_numbers(r, line, len, err, &done);
    if (done)
        return st;
    if (sky__rinex_label_is(line, len, "# / TYPES OF OBSERV"))
        return hdr_types_v2(r, line, len, err);
    if (sky__rinex_label_is(line, len, "SYS / # / OBS TYPES"))
        return hdr_types_v3(r, line, len, err);
    if (sky__rinex_label_is(line, len, "SYS / SCALE FACTOR"))
        return hdr_scale(r, line, len, err);
    if (sky__rinex_label_is(line, len, "SYS / PHASE SHIFT"))
        return hdr_phase_shift(r, line, len, err);
    if (sky__rinex_label_is(line, len, "GLONASS SLOT / FRQ #"))
        return hdr_glo_slots(r, line, len, err);
    if (sky__rinex_label_is(line, len, "GLONASS COD/PHS/BIS"))
        return hdr_glo_cpb(r, line, len, err);
    return SKY_OK; /* other labels (PRN / # OF OBS, WAVELENGTH FACT L1/2, ...) are ignored */
}

/* ---- End of header ---- */

/* Default time system of the epochs: [2] §5.2.2 / Table A2 TIME OF FIRST OBS (GPS for GPS or
 * mixed files, GLO for pure GLONASS, GAL for pure Galileo, BDT for pure BeiDou, ...). */
static sky_timesys_t default_time_sys(char file_sys)
{
    switch (file_sys) {
    case 'R': return SKY_TS_GLO;
    case 'E': return SKY_TS_GAL;
    case 'C': return SKY_TS_BDT;
    case 'J': return SKY_TS_QZS;
    case 'I': return SKY_TS_IRN;
    default: return SKY_TS_GPS;
    }
}

static sky_status_t civil_to_gpst(sky__obs_reader_t *r, const sky__obs_hdr_time_t *t,
                                  sky_time_t *out, sky_error_t *err, const char *field)
{
    sky_time_t tt;
    if (sky_time_from_civil(&t->civil, &tt) != SKY_OK)
        return sky_error_set(err, SKY_E_RANGE, r->src->path, t->line, field,
                             "found %04d-%02d-%02d %02d:%02d, expected a valid date and time",
                             t->civil.year, t->civil.month, t->civil.day, t->civil.hour,
                             t->civil.min);
    *out = sky_time_to_gpst_from(tt, r->hdr.time_sys, r->leaps);
    return SKY_OK;
}

/* RINEX 2 types apply to every system: convert them once per system [1] §5.1, [2] §8.1. */
static void types_from_v2(sky_obs_header_t *h)
{
    for (int sys = SKY_SYS_GPS; sys < SKY_SYS_COUNT; sys++) {
        for (int k = 0; k < h->ntypes_v2; k++) {
            sky_obs_code_t *c = &h->types[sys][k];
            if (sky_obs_code_from_v2(h->types_v2[k], (sky_sys_t)sys, c) == SKY_OK)
                continue;
            char t3[3] = {h->types_v2[k][0], h->types_v2[k][1], ' '};
            if (t3[0] == 'P')
                t3[0] = 'C';
            if (sky__obs_code_make(t3, c) != SKY_OK)
                *c = (sky_obs_code_t){.kind = SKY_OBS_CODE, .band = '0', .attr = ' '};
            memcpy(c->text, h->types_v2[k], 3);
        }
        h->ntypes[sys] = h->ntypes_v2;
    }
}

static void resolve_scales(sky__obs_reader_t *r)
{
    for (int s = 0; s < SKY_SYS_COUNT; s++)
        for (int k = 0; k < SKY_OBS_MAXTYPES; k++)
            r->scale[s][k] = 1.0;
    for (int i = 0; i < r->hs.nscale; i++) {
        const sky__obs_scale_rec_t *rec = &r->hs.scale_rec[i];
        for (int k = 0; k < r->hdr.ntypes[rec->sys]; k++) {
            const char *t = r->hdr.types[rec->sys][k].text;
            if (rec->code[0] == '\0' || strncmp(t, rec->code, 3) == 0)
                r->scale[rec->sys][k] = rec->factor;
        }
    }
}

sky_status_t sky__obs_header_finish(sky__obs_reader_t *r, sky_error_t *err)
{
    sky_obs_header_t *h = &r->hdr;
    int left = r->hs.v2_types_left + r->hs.v3_types_left;
    if (left > 0) /* [1] Table A1, [2] Table A2: the count announces the continuation lines */
        return sky__obs_fail(r, err, SKY_E_FORMAT,
                             r->hs.v2_types_left ? "# / TYPES OF OBSERV" : "SYS / # / OBS TYPES",
                             NULL, 0, "found the end of the records with %d observation types "
                             "still missing, expected all the types announced", left);
    if (h->version < 3.0)
        types_from_v2(h);
    int max_types = 0;
    for (int s = 0; s < SKY_SYS_COUNT; s++)
        max_types = h->ntypes[s] > max_types ? h->ntypes[s] : max_types;
    if (max_types == 0)
        return sky__obs_fail(r, err, SKY_E_FORMAT,
                             h->version < 3.0 ? "# / TYPES OF OBSERV" : "SYS / # / OBS TYPES",
                             NULL, 0, "found no observation types, expected at least one");
    r->max_types = max_types;
    resolve_scales(r);
    h->time_sys = r->hs.first.present && r->hs.first.has_sys ? r->hs.first.sys
                                                              : default_time_sys(h->file_sys);
    sky_status_t st = SKY_OK;
    if (r->hs.first.present)
        st = civil_to_gpst(r, &r->hs.first, &h->first_obs, err, "TIME OF FIRST OBS");
    if (st == SKY_OK && r->hs.last.present)
        st = civil_to_gpst(r, &r->hs.last, &h->last_obs, err, "TIME OF LAST OBS");
    return st;
}
