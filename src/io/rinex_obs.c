/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: streaming RINEX observation reader (2.10-2.12, 3.00-3.05, 4.00-4.02), epoch by epoch.
 * References:
 *  [1] RINEX 2.11 (2007-12-10) §5, Table A3 (observation data record); RINEX 2.12 (2009)
 *  [2] RINEX 3.05 (2020-12-01) §5.2, Table A3 (observation data record), §8.1
 *  [3] RINEX 4.00 (2021-12-01) Table A3 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/field.h"
#include "io/rinex_obs_int.h"

/* ---- Opening and the header ---- */

static void header_defaults(sky_obs_header_t *h)
{
    memset(h, 0, sizeof *h);
    for (int k = 0; k < 3; k++) {
        h->approx_pos_ecef_m[k] = NAN;
        h->ant_delta_hen_m[k] = NAN;
    }
    for (int k = 0; k < 4; k++)
        h->glo_cpb_m[k] = NAN;
    h->crx_version = NAN;
    h->interval_s = NAN;
    h->first_obs.sec = INT64_MIN;
    h->last_obs.sec = INT64_MIN;
    h->leap_s = INT32_MIN;
    h->nsat_header = -1;
    for (int k = 0; k <= SKY_PRN_MAX; k++)
        h->glo_fcn[k] = SKY_GLO_FCN_UNKNOWN;
}

static bool line_is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

/* Header lines up to END OF HEADER; the first must be RINEX VERSION / TYPE [2] Table A2. */
static sky_status_t read_header(sky__obs_reader_t *r, sky_error_t *err)
{
    const char *line;
    size_t len;
    for (;;) {
        sky_status_t st = r->src->next(r->src, &line, &len, err);
        if (st == SKY_EOF)
            return sky__obs_fail(r, err, r->hs.have_version ? SKY_E_TRUNCATED : SKY_E_FORMAT,
                                 r->hs.have_version ? "END OF HEADER" : "RINEX VERSION / TYPE",
                                 NULL, 0, "found end of file, expected %s",
                                 r->hs.have_version ? "END OF HEADER" : "a RINEX header");
        if (st != SKY_OK)
            return st;
        if (!r->hs.have_version && line_is_blank(line, len))
            continue; /* blank lines before the first header line are tolerated */
        if (!r->hs.have_version && !sky__rinex_label_is(line, len, "RINEX VERSION / TYPE"))
            return sky__obs_fail(r, err, SKY_E_FORMAT, "RINEX VERSION / TYPE", line, len,
                                 "found a line without this label, expected the first line of "
                                 "a RINEX observation file");
        if (sky__rinex_label_is(line, len, "END OF HEADER"))
            return sky__obs_header_finish(r, err);
        st = sky__obs_header_line(r, line, len, err);
        if (st != SKY_OK)
            return st;
    }
}

static sky_status_t open_input(const sky_ctx_t *ctx, const sky__input_t *in,
                               sky_obs_reader_t **out, sky_error_t *err)
{
    sky__linesrc_t *src;
    double crx_version = 0;
    sky_status_t st = sky__rinex_lines_open(ctx, in, &src, &crx_version, err);
    if (st != SKY_OK)
        return st;
    sky__obs_reader_t *r = sky_calloc(ctx, 1, sizeof *r);
    if (!r) {
        st = sky_error_set(err, SKY_E_NOMEM, src->path, 0, "", "out of memory");
        sky__linesrc_close(src);
        return st;
    }
    r->ctx = ctx;
    r->src = src;
    r->leaps = ctx && ctx->leaps ? ctx->leaps : sky_leap_table_builtin();
    header_defaults(&r->hdr);
    r->hdr.crx = crx_version > 0;
    r->hdr.crx_version = crx_version;
    st = read_header(r, err);
    if (st != SKY_OK) {
        sky_obs_close(r);
        return st;
    }
    *out = r;
    return SKY_OK;
}

sky_status_t sky_obs_open(const sky_ctx_t *ctx, const char *path, sky_obs_reader_t **out,
                          sky_error_t *err)
{
    *out = NULL;
    if (!path)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found no path, expected a file name");
    const sky__input_t in = {path, NULL, 0, NULL};
    return open_input(ctx, &in, out, err);
}

sky_status_t sky_obs_open_memory(const sky_ctx_t *ctx, const void *buf, size_t len,
                                 const char *name, sky_obs_reader_t **out, sky_error_t *err)
{
    *out = NULL;
    const sky__input_t in = {NULL, buf, len, name};
    return open_input(ctx, &in, out, err);
}

const sky_obs_header_t *sky_obs_reader_header(const sky_obs_reader_t *r)
{
    return r ? &r->hdr : NULL;
}

void sky_obs_reader_progress(const sky_obs_reader_t *r, uint64_t *done, uint64_t *total)
{
    *done = 0;
    *total = 0;
    if (r && r->src)
        r->src->progress(r->src, done, total);
}

void sky_obs_close(sky_obs_reader_t *r)
{
    if (!r)
        return;
    sky__linesrc_close(r->src);
    sky_free(r->ctx, r->sat);
    sky_free(r->ctx, r->val);
    sky_free(r->ctx, r->lli);
    sky_free(r->ctx, r->ssi);
    sky_free(r->ctx, r);
}

/* ---- Epoch buffers ---- */

static sky_status_t reserve(sky__obs_reader_t *r, size_t nsat, sky_error_t *err)
{
    size_t nval = nsat * (size_t)r->max_types;
    if (nsat > r->sat_cap) {
        size_t cap = r->sat_cap ? r->sat_cap : 64;
        while (cap < nsat)
            cap *= 2;
        sky_obs_sat_t *s = sky_realloc(r->ctx, r->sat, cap * sizeof *s);
        if (!s)
            return sky__obs_fail(r, err, SKY_E_NOMEM, "", NULL, 0, "out of memory");
        r->sat = s;
        r->sat_cap = cap;
    }
    if (nval > r->val_cap) {
        size_t cap = r->val_cap ? r->val_cap : 1024;
        while (cap < nval)
            cap *= 2;
        double *v = sky_realloc(r->ctx, r->val, cap * sizeof *v);
        if (v)
            r->val = v;
        uint8_t *l = v ? sky_realloc(r->ctx, r->lli, cap) : NULL;
        if (l)
            r->lli = l;
        uint8_t *s = l ? sky_realloc(r->ctx, r->ssi, cap) : NULL;
        if (!s)
            return sky__obs_fail(r, err, SKY_E_NOMEM, "", NULL, 0, "out of memory");
        r->ssi = s;
        r->val_cap = cap;
    }
    return SKY_OK;
}

/* ---- Observation values: F14.3, LLI I1, SSI I1 per 16 columns [1][2] Table A3 ---- */

static sky_status_t bad_value(sky__obs_reader_t *r, sky_sat_t sat, int k, const char *what,
                              const char *line, size_t len, size_t col, sky_error_t *err)
{
    char field[SKY_ERROR_FIELD_MAX], satname[4];
    sky_sat_format(sat, satname);
    const char *code = k < r->hdr.ntypes[sat.sys] ? r->hdr.types[sat.sys][k].text : "?";
    snprintf(field, sizeof field, "%s %s %s", satname, code, what);
    size_t w = strcmp(what, "value") == 0 ? 14 : 1;
    size_t n = col < len ? (col + w <= len ? w : len - col) : 0;
    return sky__obs_fail(r, err, SKY_E_FORMAT, field, line, len,
                         "found \"%.*s\" in columns %zu-%zu, expected %s", (int)n, line + col,
                         col + 1, col + w,
                         w != 14 ? "a digit or a blank"
                         : n < w ? "a number filling all of F14.3 (the line ends inside it: cut?)"
                                 : "a number (F14.3) or blanks");
}

/* F14.3 in its usual shape ("   23619095.450", blanks then [-]digits.ddd): the same exact
 * result as sky__parse_double (integer mantissa / 1000, correctly rounded by IEEE 754);
 * anything else goes through sky__field_double. */
static inline sky__field_rc_t field_f14_3(const char *line, size_t len, size_t col, double *out)
{
    if (col + 14 > len) {
        /* the number is right-aligned: a line that ends inside a non-blank field was cut */
        sky__field_rc_t rc = sky__field_double(line, len, col, 14, out);
        return rc == SKY__FIELD_BLANK ? rc : SKY__FIELD_BAD;
    }
    const char *s = line + col;
    size_t i = 0;
    while (i < 10 && s[i] == ' ')
        i++;
    if (i == 10 && s[10] == ' ' && s[11] == ' ' && s[12] == ' ' && s[13] == ' ')
        return SKY__FIELD_BLANK;
    bool neg = s[i] == '-';
    i += neg;
    int64_t mant = 0;
    for (; i < 10; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (d > 9)
            return sky__field_double(line, len, col, 14, out);
        mant = mant * 10 + d;
    }
    unsigned d1 = (unsigned)(s[11] - '0'), d2 = (unsigned)(s[12] - '0'),
             d3 = (unsigned)(s[13] - '0');
    if (s[10] != '.' || d1 > 9 || d2 > 9 || d3 > 9 || (neg && s[i - 1] == '-'))
        return sky__field_double(line, len, col, 14, out);
    mant = mant * 1000 + d1 * 100 + d2 * 10 + d3;
    double v = (double)mant / 1000.0;
    *out = neg ? -v : v;
    return SKY__FIELD_OK;
}

static inline int flag_digit(char c)
{
    return c == ' ' ? 0 : (c >= '0' && c <= '9' ? c - '0' : -1);
}

/* Values k0 .. k0+n-1 of satellite sat from one line, starting at column col0. */
static sky_status_t parse_values(sky__obs_reader_t *r, const char *line, size_t len,
                                 size_t col0, sky_sat_t sat, uint32_t off, int k0, int n,
                                 sky_error_t *err)
{
    const double *scale = r->scale[sat.sys];
    for (int k = k0; k < k0 + n; k++) {
        size_t col = col0 + (size_t)(k - k0) * SKY__OBS_FIELD_W;
        double v = NAN;
        int lli = 0, ssi = 0;
        sky__field_rc_t rc = field_f14_3(line, len, col, &v);
        if (rc == SKY__FIELD_BAD)
            return bad_value(r, sat, k, "value", line, len, col, err);
        if (rc == SKY__FIELD_OK) {
            lli = col + 14 < len ? flag_digit(line[col + 14]) : 0;
            ssi = col + 15 < len ? flag_digit(line[col + 15]) : 0;
            if (lli < 0)
                return bad_value(r, sat, k, "LLI", line, len, col + 14, err);
            if (ssi < 0)
                return bad_value(r, sat, k, "SSI", line, len, col + 15, err);
            v /= scale[k]; /* [2] SYS / SCALE FACTOR: file value = observation * factor */
        } else {
            v = NAN;
        }
        r->val[off + (uint32_t)k] = v;
        r->lli[off + (uint32_t)k] = (uint8_t)lli;
        r->ssi[off + (uint32_t)k] = (uint8_t)ssi;
    }
    return SKY_OK;
}

static sky_status_t truncated(const sky__obs_reader_t *r, long ep_line, int got, int want,
                              sky_error_t *err)
{
    return sky__obs_fail(r, err, SKY_E_TRUNCATED, "epoch record", NULL, 0,
                         "found end of file after %d of the %d records announced by the "
                         "epoch on line %ld, expected the rest",
                         got, want, ep_line);
}

/* Next line of an epoch; end of file here means a truncated epoch. */
static sky_status_t epoch_line(sky__obs_reader_t *r, const char **line, size_t *len, long ep_line,
                               int got, int want, sky_error_t *err)
{
    sky_status_t st = r->src->next(r->src, line, len, err);
    return st == SKY_EOF ? truncated(r, ep_line, got, want, err) : st;
}

/* ---- Epoch time tag ---- */

typedef struct {
    size_t col, width;
    long lo, hi;
    const char *name;
} time_field_t;

/* Year, month, day, hour, minute: [1] Table A3 (1X,I2.2,4(1X,I2)), [2] Table A3
 * (A1,1X,I4,4(1X,I2.2)); seconds F11.7 follow. */
static const time_field_t v2_time[5] = {{0, 3, 0, 99, "year"}, {3, 3, 1, 12, "month"},
                                        {6, 3, 1, 31, "day"},  {9, 3, 0, 23, "hour"},
                                        {12, 3, 0, 59, "minute"}};
static const time_field_t v3_time[5] = {{1, 5, 1980, 2199, "year"}, {6, 3, 1, 12, "month"},
                                        {9, 3, 1, 31, "day"},       {12, 3, 0, 23, "hour"},
                                        {15, 3, 0, 59, "minute"}};

/* Parse the date; *blank is set when every field is blank (allowed for flags 2..5). */
static sky_status_t epoch_time(sky__obs_reader_t *r, const char *line, size_t len, bool v3,
                               sky_time_t *t, bool *blank, sky_error_t *err)
{
    const time_field_t *tf = v3 ? v3_time : v2_time;
    size_t sec_col = v3 ? 18 : 15;
    long v[5];
    int nblank = 0;
    for (int k = 0; k < 5; k++) {
        sky__field_rc_t rc = sky__field_int(line, len, tf[k].col, tf[k].width, &v[k]);
        nblank += rc == SKY__FIELD_BLANK;
        if (rc == SKY__FIELD_BAD || (rc == SKY__FIELD_OK && (v[k] < tf[k].lo || v[k] > tf[k].hi)))
            return sky__obs_fail(r, err, SKY_E_FORMAT, tf[k].name, line, len,
                                 "found \"%.*s\" in columns %zu-%zu, expected %ld..%ld",
                                 (int)(tf[k].col < len ? (tf[k].col + tf[k].width <= len
                                                              ? tf[k].width
                                                              : len - tf[k].col)
                                                       : 0),
                                 tf[k].col < len ? line + tf[k].col : "", tf[k].col + 1,
                                 tf[k].col + tf[k].width, tf[k].lo, tf[k].hi);
    }
    double sec = 0;
    sky__field_rc_t rs = sky__field_double(line, len, sec_col, 11, &sec);
    *blank = nblank == 5 && rs == SKY__FIELD_BLANK;
    if (*blank)
        return SKY_OK;
    bool sec_cut = len < sec_col + 11; /* F11.7 right-aligned: a shorter line was cut */
    if (nblank > 0 || rs != SKY__FIELD_OK || sec_cut || !(sec >= 0 && sec < 61))
        return sky__obs_fail(r, err, SKY_E_FORMAT, "epoch time", line, len,
                             "found \"%.*s\", expected yy mm dd hh mm ss.sssssss",
                             (int)(len < sec_col + 11 ? len : sec_col + 11), line);
    if (!v3)
        v[0] += v[0] < 80 ? 2000 : 1900; /* [1] §6.5: two-digit years 80-99 = 19xx */
    sky_civil_t c = {(int)v[0], (int)v[1], (int)v[2], (int)v[3], (int)v[4], sec};
    sky_time_t tt;
    if (sky_time_from_civil(&c, &tt) != SKY_OK)
        return sky__obs_fail(r, err, SKY_E_RANGE, "epoch time", line, len,
                             "found %04ld-%02ld-%02ld, expected a valid date", v[0], v[1], v[2]);
    *t = sky_time_to_gpst_from(tt, r->hdr.time_sys, r->leaps);
    return SKY_OK;
}

/* Flag (I1 after 2X) and count (I3), and the optional receiver clock offset. */
static sky_status_t epoch_flag_count(sky__obs_reader_t *r, const char *line, size_t len, bool v3,
                                     sky_obs_epoch_t *ep, sky_error_t *err)
{
    size_t fcol = v3 ? 31 : 28, ccol = v3 ? 41 : 68, cw = v3 ? 15 : 12;
    long flag, n;
    sky__field_rc_t rf = sky__field_int(line, len, fcol, 1, &flag);
    if (rf == SKY__FIELD_BLANK)
        flag = 0;
    if (rf == SKY__FIELD_BAD || flag < 0 || flag > 6)
        return sky__obs_fail(r, err, SKY_E_FORMAT, "epoch flag", line, len,
                             "found '%c' in column %zu, expected 0..6",
                             fcol < len ? line[fcol] : ' ', fcol + 1);
    sky__field_rc_t rn = sky__field_int(line, len, fcol + 1, 3, &n);
    if (rn == SKY__FIELD_BLANK)
        n = 0;
    if (rn == SKY__FIELD_BAD || n < 0 || n > SKY__OBS_MAX_SAT_EPOCH)
        return sky__obs_fail(r, err, SKY_E_FORMAT, "number of satellites", line, len,
                             "found \"%.3s\" in columns %zu-%zu, expected 0..%d",
                             fcol + 1 < len ? line + fcol + 1 : "", fcol + 2, fcol + 4,
                             SKY__OBS_MAX_SAT_EPOCH);
    ep->rcv_clock_offset_s = NAN;
    if (sky__field_double(line, len, ccol, cw, &ep->rcv_clock_offset_s) == SKY__FIELD_BAD)
        return sky__obs_fail(r, err, SKY_E_FORMAT, "receiver clock offset", line, len,
                             "found \"%.*s\", expected a number (F%zu.%d) or blanks",
                             (int)(len > ccol ? (len - ccol < cw ? len - ccol : cw) : 0),
                             len > ccol ? line + ccol : "", cw, v3 ? 12 : 9);
    ep->flag = (int)flag;
    ep->nsat = (int)n;
    return SKY_OK;
}

/* Flags 2..5: n special records follow, header lines applied in place [1][2] Table A3. */
static sky_status_t read_special(sky__obs_reader_t *r, sky_obs_epoch_t *ep, sky_error_t *err)
{
    int n = ep->nsat;
    for (int i = 0; i < n; i++) {
        const char *line;
        size_t len;
        sky_status_t st = epoch_line(r, &line, &len, ep->line, i, n, err);
        if (st == SKY_OK)
            st = sky__obs_header_line(r, line, len, err);
        if (st != SKY_OK)
            return st;
    }
    ep->nspecial = n;
    ep->nsat = 0;
    return n > 0 ? sky__obs_header_finish(r, err) : SKY_OK;
}

static void fill_epoch_arrays(const sky__obs_reader_t *r, sky_obs_epoch_t *ep)
{
    ep->sat = r->sat;
    ep->val = r->val;
    ep->lli = r->lli;
    ep->ssi = r->ssi;
}

/* ---- RINEX 3/4 epochs: "> yyyy mm dd ..." then one line per satellite [2] Table A3 ---- */

static sky_status_t read_sats_v3(sky__obs_reader_t *r, sky_obs_epoch_t *ep, sky_error_t *err)
{
    uint32_t off = 0;
    sky_status_t st = reserve(r, (size_t)ep->nsat, err);
    for (int i = 0; i < ep->nsat && st == SKY_OK; i++) {
        const char *line;
        size_t len;
        st = epoch_line(r, &line, &len, ep->line, i, ep->nsat, err);
        if (st != SKY_OK)
            break;
        sky_sat_t sat;
        if (len > 0 && line[0] == '>')
            return sky__obs_fail(r, err, SKY_E_FORMAT, "number of satellites", line, len,
                                 "found a new epoch after %d satellites, expected the %d "
                                 "announced on line %ld", i, ep->nsat, ep->line);
        if (len < 3 || sky_sat_parse(line, SKY_SYS_GPS, &sat) != SKY_OK ||
            r->hdr.ntypes[sat.sys] == 0)
            return sky__obs_fail(r, err, SKY_E_FORMAT, "satellite", line, len,
                                 "found \"%.3s\" in columns 1-3, expected a satellite of a "
                                 "system listed in SYS / # / OBS TYPES", len ? line : "");
        int nt = r->hdr.ntypes[sat.sys];
        r->sat[i] = (sky_obs_sat_t){sat, (uint16_t)nt, off};
        st = parse_values(r, line, len, 3, sat, off, 0, nt, err);
        off += (uint32_t)nt;
    }
    return st;
}

/* Flag, satellite count and time of an epoch line (v3: after '>'); for flags 2-5 the special
 * records that follow are read too and *done is set ([1] Table A3, [2] §5.2). */
static sky_status_t epoch_head(sky__obs_reader_t *r, const char *line, size_t len, bool v3,
                               sky_obs_epoch_t *ep, bool *done, sky_error_t *err)
{
    bool blank = false;
    *done = false;
    sky_status_t st = epoch_flag_count(r, line, len, v3, ep, err);
    if (st == SKY_OK)
        st = epoch_time(r, line, len, v3, &ep->time, &blank, err);
    if (st != SKY_OK)
        return st;
    if (blank && (ep->flag < 2 || ep->flag > 5))
        return sky__obs_fail(r, err, SKY_E_FORMAT, "epoch time", line, len,
                             "found a blank time tag with flag %d, expected a time", ep->flag);
    if (blank)
        ep->time = r->have_last_time ? r->last_time : r->hdr.first_obs;
    if (ep->flag < 2 || ep->flag > 5)
        return SKY_OK;
    *done = true;
    return read_special(r, ep, err);
}

static sky_status_t next_v3(sky__obs_reader_t *r, const char *line, size_t len,
                            sky_obs_epoch_t *ep, sky_error_t *err)
{
    if (line[0] != '>')
        return sky__obs_fail(r, err, SKY_E_FORMAT, "epoch record", line, len,
                             "found \"%.10s\", expected an epoch line starting with '>'", line);
    bool done;
    sky_status_t st = epoch_head(r, line, len, true, ep, &done, err);
    if (st != SKY_OK || done)
        return st;
    return read_sats_v3(r, ep, err);
}

/* ---- RINEX 2 epochs: satellite list in columns 33-68 (12 a line), then ceil(ntypes/5)
 * lines of observations per satellite [1] Table A3 ---- */

static sky_status_t read_sat_list_v2(sky__obs_reader_t *r, const char *line, size_t len,
                                     sky_obs_epoch_t *ep, sky_error_t *err)
{
    sky_sys_t def = r->hdr.file_sys == 'M' ? SKY_SYS_GPS : sky_sys_from_char(r->hdr.file_sys);
    for (int i = 0; i < ep->nsat; i++) {
        int k = i % SKY__OBS_V2_SAT_PER_LINE;
        if (i > 0 && k == 0) {
            sky_status_t st = epoch_line(r, &line, &len, ep->line, 0, ep->nsat, err);
            if (st != SKY_OK)
                return st;
        }
        size_t col = 32 + 3 * (size_t)k;
        sky_sat_t sat;
        if (col + 3 > len || sky_sat_parse(line + col, def, &sat) != SKY_OK)
            return sky__obs_fail(r, err, SKY_E_FORMAT, "satellite list", line, len,
                                 "found \"%.3s\" in columns %zu-%zu, expected satellite %d of "
                                 "the %d announced",
                                 col < len ? line + col : "", col + 1, col + 3, i + 1, ep->nsat);
        r->sat[i].sat = sat;
    }
    return SKY_OK;
}

static sky_status_t read_values_v2(sky__obs_reader_t *r, sky_obs_epoch_t *ep, sky_error_t *err)
{
    int nt = r->hdr.ntypes_v2;
    uint32_t off = 0;
    for (int i = 0; i < ep->nsat; i++) {
        r->sat[i].nval = (uint16_t)nt;
        r->sat[i].off = off;
        for (int k0 = 0; k0 < nt; k0 += SKY__OBS_V2_PER_LINE) {
            const char *line;
            size_t len;
            sky_status_t st = r->src->next(r->src, &line, &len, err);
            if (st == SKY_EOF && i == ep->nsat - 1 && k0 > 0) {
                /* the file ends in the continuation lines of its last satellite: writers
                 * drop trailing empty lines, so the missing values are blank */
                line = "";
                len = 0;
                st = SKY_OK;
            }
            if (st == SKY_EOF)
                return truncated(r, ep->line, i, ep->nsat, err);
            if (st != SKY_OK)
                return st;
            int n = nt - k0 < SKY__OBS_V2_PER_LINE ? nt - k0 : SKY__OBS_V2_PER_LINE;
            st = parse_values(r, line, len, 0, r->sat[i].sat, off, k0, n, err);
            if (st != SKY_OK)
                return st;
        }
        off += (uint32_t)nt;
    }
    return SKY_OK;
}

static sky_status_t next_v2(sky__obs_reader_t *r, const char *line, size_t len,
                            sky_obs_epoch_t *ep, sky_error_t *err)
{
    bool done;
    sky_status_t st = epoch_head(r, line, len, false, ep, &done, err);
    if (st != SKY_OK || done)
        return st;
    st = reserve(r, (size_t)ep->nsat, err);
    if (st == SKY_OK)
        st = read_sat_list_v2(r, line, len, ep, err);
    if (st == SKY_OK)
        st = read_values_v2(r, ep, err);
    return st;
}

sky_status_t sky_obs_next(sky_obs_reader_t *r, sky_obs_epoch_t *ep, sky_error_t *err)
{
    if (!r || !ep)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found a NULL reader or epoch");
    if (r->failed != SKY_OK)
        return sky_error_set(err, r->failed, r->src->path, r->src->lineno, "",
                             "found a reader that already failed, expected it to be closed");
    const char *line;
    size_t len;
    sky_status_t st;
    do {
        st = r->src->next(r->src, &line, &len, err);
    } while (st == SKY_OK && line_is_blank(line, len));
    if (st != SKY_OK) {
        r->failed = st == SKY_EOF ? SKY_OK : st;
        return st;
    }
    memset(ep, 0, sizeof *ep);
    ep->line = r->src->lineno;
    st = r->hdr.version >= 3.0 ? next_v3(r, line, len, ep, err) : next_v2(r, line, len, ep, err);
    if (st != SKY_OK) {
        r->failed = st;
        return st;
    }
    fill_epoch_arrays(r, ep);
    if (ep->flag < 2 || ep->flag > 5) {
        r->last_time = ep->time;
        r->have_last_time = true;
    }
    return SKY_OK;
}
