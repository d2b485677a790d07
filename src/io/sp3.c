/* SPDX-License-Identifier: BSD-2-Clause */
/* SP3-a/c/d precise orbit and clock reader: header, epochs, P and V records of every system.
 * References:
 *  [1] Remondi, B. "NGS Second Generation ASCII and Binary Orbit Formats" (SP3-a), 1989
 *  [2] Hilla, S. "The Extended Standard Product 3 Orbit Format (SP3-c)", NGS, 2010-02-12
 *  [3] Hilla, S. "The Extended Standard Product 3 Orbit Format (SP3-d)", IGS, 2016-02-21 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "io/field.h"
#include "io/linesrc.h"
#include "skyfix/sp3.h"

#define KM_TO_M 1000.0
#define US_TO_S 1e-6
#define DM_TO_M 0.1
#define CLK_RATE_TO_SPS 1e-10    /* [2]: clock rate in 1e-4 microseconds/s */
#define BAD_CLK_US 999999.0      /* [2]: 999999.999999 = no clock */
#define MAX_COORD_KM 1.0e6       /* beyond any GNSS orbit: garbage */
#define MAX_CLK_US 1.0e7
#define SATS_PER_LINE 17         /* [2] "+" and "++" lines */
#define SAT_COL0 9
#define MAX_SATS 999             /* [3] I3 count */
#define MAX_RECORDS (1u << 23)   /* satellites x epochs kept in memory (~600 MB) */

typedef struct {
    sky_sp3_t *sp3;
    sky__linesrc_t *src;
    sky_error_t *err;
    const char *line;
    size_t len;
    size_t nsat_listed, nacc_listed;
    int plus_lines, pct_c_lines, pct_f_lines;
} reader_t;

static sky_status_t fail(reader_t *r, sky_status_t code, const char *field, const char *what,
                         const char *expected)
{
    sky_status_t st = sky_error_set(r->err, code, r->src->path, r->src->lineno, field,
                                    "found %s, expected %s", what, expected);
    if (r->line)
        sky_error_set_text(r->err, r->line, r->len);
    return st;
}

static sky_status_t next_line(reader_t *r)
{
    sky_status_t st = r->src->next(r->src, &r->line, &r->len, r->err);
    if (st != SKY_OK)
        r->line = NULL;
    return st;
}

SKY_API void sky_sp3_init(sky_sp3_t *sp3, const sky_ctx_t *ctx)
{
    memset(sp3, 0, sizeof *sp3);
    sp3->ctx = ctx;
    sp3->time_sys = SKY_TS_GPS;
    sp3->file_type = 'G';
}

SKY_API void sky_sp3_free(sky_sp3_t *sp3)
{
    if (!sp3)
        return;
    sky_free(sp3->ctx, sp3->sats);
    sky_free(sp3->ctx, sp3->acc_exp);
    sky_free(sp3->ctx, sp3->epochs);
    sky_free(sp3->ctx, sp3->recs);
    sky_sp3_init(sp3, sp3->ctx);
}

SKY_API int sky_sp3_sat_index(const sky_sp3_t *sp3, sky_sat_t sat)
{
    for (size_t i = 0; i < sp3->nsat; i++)
        if (sp3->sats[i].sys == sat.sys && sp3->sats[i].prn == sat.prn)
            return (int)i;
    return -1;
}

SKY_API const sky_sp3_rec_t *sky_sp3_rec(const sky_sp3_t *sp3, size_t iepoch, size_t isat)
{
    if (iepoch >= sp3->nepoch || isat >= sp3->nsat)
        return NULL;
    return &sp3->recs[iepoch * sp3->nsat + isat];
}

/* "G01", "R 2", "  1" (SP3-a: blank system = GPS [1]). Unknown systems (LEO 'L') give
 * sys NONE so their records are skipped. Returns false if not a satellite id. */
static bool parse_sat_id(const char *s, sky_sat_t *sat)
{
    long prn = 0;
    if (sky__field_int(s, 3, 1, 2, &prn) != SKY__FIELD_OK || prn < 1 || prn > SKY_PRN_MAX)
        return false;
    sat->sys = (uint8_t)(s[0] == ' ' ? SKY_SYS_GPS : sky_sys_from_char(s[0]));
    sat->prn = (uint8_t)prn;
    return true;
}

/* [2] line 1: "#cP2010  7  1  0  0  0.00000000      96 ORBIT IGS05 HLM  IGS" */
static sky_status_t parse_line1(reader_t *r)
{
    sky_sp3_t *sp3 = r->sp3;
    long n = 0;
    if (r->len < 3 || r->line[0] != '#' || !strchr("abcd", r->line[1]) || r->line[1] == '\0')
        return fail(r, SKY_E_FORMAT, "version", "a first line not starting with #a/#c/#d",
                    "an SP3 file (#a, #b, #c or #d)");
    sp3->version = r->line[1] == 'b' ? 'c' : r->line[1];
    if (r->line[2] != 'P' && r->line[2] != 'V')
        return fail(r, SKY_E_FORMAT, "P/V flag", "a flag other than P or V", "P or V");
    sp3->pv_flag = r->line[2];
    if (sky__field_int(r->line, r->len, 32, 7, &n) == SKY__FIELD_BAD || n < 0)
        return fail(r, SKY_E_FORMAT, "number of epochs", "a bad epoch count",
                    "an integer in columns 33-39");
    sp3->nepoch_header = (int)n;
    sky__field_str(r->line, r->len, 40, 5, sp3->data_used, sizeof sp3->data_used);
    sky__field_str(r->line, r->len, 46, 5, sp3->coord_sys, sizeof sp3->coord_sys);
    sky__field_str(r->line, r->len, 52, 3, sp3->orbit_type, sizeof sp3->orbit_type);
    sky__field_str(r->line, r->len, 56, 4, sp3->agency, sizeof sp3->agency);
    return SKY_OK;
}

/* [2] line 2: "## 1590 345600.00000000   900.00000000 55378 0.0000000000000" */
static sky_status_t parse_line2(reader_t *r)
{
    double dt = 0.0;
    if (sky__field_double(r->line, r->len, 24, 14, &dt) != SKY__FIELD_OK || !(dt > 0.0))
        return fail(r, SKY_E_FORMAT, "epoch interval", "a missing or non-positive interval",
                    "seconds > 0 in columns 25-38");
    r->sp3->interval_s = dt;
    return SKY_OK;
}

static sky_status_t alloc_sats(reader_t *r, long n)
{
    sky_sp3_t *sp3 = r->sp3;
    if (n < 1 || n > MAX_SATS)
        return fail(r, SKY_E_FORMAT, "number of satellites", "a bad satellite count",
                    "1..999 in columns 4-6");
    sp3->sats = sky_calloc(sp3->ctx, (size_t)n, sizeof *sp3->sats);
    sp3->acc_exp = sky_calloc(sp3->ctx, (size_t)n, sizeof *sp3->acc_exp);
    if (!sp3->sats || !sp3->acc_exp)
        return fail(r, SKY_E_NOMEM, "", "no memory", "memory for the satellite list");
    sp3->nsat = (size_t)n;
    return SKY_OK;
}

/* [2] "+" lines: count (first line) and up to 17 satellite ids per line. */
static sky_status_t parse_plus(reader_t *r)
{
    long n = 0;
    if (r->plus_lines++ == 0) {
        if (sky__field_int(r->line, r->len, 3, 3, &n) != SKY__FIELD_OK)
            return fail(r, SKY_E_FORMAT, "number of satellites", "no satellite count",
                        "an integer in columns 4-6");
        sky_status_t st = alloc_sats(r, n);
        if (st != SKY_OK)
            return st;
    }
    for (size_t k = 0; k < SATS_PER_LINE && r->nsat_listed < r->sp3->nsat; k++) {
        size_t col = SAT_COL0 + 3 * k;
        char id[4] = "   ";
        if (col + 3 > r->len)
            break;
        memcpy(id, r->line + col, 3);
        sky_sat_t sat;
        if (!parse_sat_id(id, &sat))
            return fail(r, SKY_E_FORMAT, "satellite id", "a bad satellite id in the list",
                        "ids like G01 (or '  1' in SP3-a) in columns 10-60");
        if (sat.sys != SKY_SYS_NONE && sky_sp3_sat_index(r->sp3, sat) >= 0)
            return fail(r, SKY_E_FORMAT, "satellite id", "a satellite listed twice",
                        "each satellite once");
        r->sp3->sats[r->nsat_listed++] = sat;
    }
    return SKY_OK;
}

/* [2] "++" lines: accuracy exponents, same columns as the ids. */
static void parse_plusplus(reader_t *r)
{
    for (size_t k = 0; k < SATS_PER_LINE && r->nacc_listed < r->sp3->nsat; k++) {
        long v = 0;
        if (sky__field_int(r->line, r->len, SAT_COL0 + 3 * k, 3, &v) != SKY__FIELD_OK)
            break;
        r->sp3->acc_exp[r->nacc_listed++] = (int)v;
    }
}

/* [2] first "%c" line: file type (column 4) and time system (columns 10-12). */
static void parse_pct_c(reader_t *r)
{
    char ts[4];
    sky_timesys_t sys;
    if (r->pct_c_lines++ != 0)
        return;
    if (r->len > 3 && r->line[3] != ' ')
        r->sp3->file_type = r->line[3];
    sky__field_str(r->line, r->len, 9, 3, ts, sizeof ts);
    if (sky_timesys_parse(ts, &sys) == SKY_OK)
        r->sp3->time_sys = sys;
}

static void parse_pct_f(reader_t *r)
{
    if (r->pct_f_lines++ != 0)
        return;
    if (sky__field_double(r->line, r->len, 3, 10, &r->sp3->base_pos) != SKY__FIELD_OK)
        r->sp3->base_pos = 0.0;
    if (sky__field_double(r->line, r->len, 14, 12, &r->sp3->base_clk) != SKY__FIELD_OK)
        r->sp3->base_clk = 0.0;
}

static sky_status_t parse_header_line(reader_t *r)
{
    const char *l = r->line;
    if (l[0] == '+' && l[1] == '+')
        parse_plusplus(r);
    else if (l[0] == '+')
        return parse_plus(r);
    else if (l[0] == '%' && l[1] == 'c')
        parse_pct_c(r);
    else if (l[0] == '%' && l[1] == 'f')
        parse_pct_f(r);
    else if (!(l[0] == '%' && l[1] == 'i') && !(l[0] == '/' && l[1] == '*'))
        return fail(r, SKY_E_FORMAT, "header", "an unknown header line",
                    "+, ++, %c, %f, %i or /* lines before the first epoch");
    return SKY_OK;
}

/* Skips blank lines; SKY_EOF at the end. */
static sky_status_t next_nonblank(reader_t *r)
{
    for (;;) {
        sky_status_t st = next_line(r);
        if (st != SKY_OK)
            return st;
        size_t i = 0;
        while (i < r->len && (r->line[i] == ' ' || r->line[i] == '\t' || r->line[i] == '\r'))
            i++;
        if (i < r->len)
            return SKY_OK;
    }
}

/* Reads the header up to (and leaving in r->line) the first epoch line. */
static sky_status_t read_header(reader_t *r)
{
    sky_status_t st = next_nonblank(r);
    if (st == SKY_EOF)
        return fail(r, SKY_E_TRUNCATED, "header", "an empty file", "an SP3 header");
    if (st == SKY_OK)
        st = parse_line1(r);
    if (st == SKY_OK)
        st = next_nonblank(r);
    if (st == SKY_OK && (r->len < 2 || r->line[0] != '#' || r->line[1] != '#'))
        return fail(r, SKY_E_FORMAT, "line 2", "a second line not starting with ##",
                    "the ## week/interval line");
    if (st == SKY_OK)
        st = parse_line2(r);
    while (st == SKY_OK && (st = next_nonblank(r)) == SKY_OK && r->line[0] != '*')
        st = parse_header_line(r);
    if (st == SKY_EOF)
        return fail(r, SKY_E_TRUNCATED, "header", "the end of the file",
                    "a complete header and epoch lines");
    if (st == SKY_OK && r->plus_lines == 0)
        return fail(r, SKY_E_FORMAT, "satellite list", "an epoch before any + line",
                    "the header's satellite list (+ lines)");
    if (st == SKY_OK && r->nsat_listed < r->sp3->nsat)
        return fail(r, SKY_E_FORMAT, "satellite list", "fewer satellite ids than announced",
                    "as many ids on + lines as the count says");
    return st;
}

static sky_status_t grow_epochs(reader_t *r)
{
    sky_sp3_t *sp3 = r->sp3;
    if (sp3->nepoch < sp3->cap_epoch)
        return SKY_OK;
    size_t max_epochs = MAX_RECORDS / sp3->nsat;
    size_t cap = sp3->cap_epoch ? 2 * sp3->cap_epoch : 128;
    if (cap > max_epochs)
        cap = max_epochs;
    if (sp3->nepoch >= cap)
        return fail(r, SKY_E_RANGE, "epoch", "more satellite-epochs than the reader accepts",
                    "at most 2^23 (e.g. 150 satellites x 55000 epochs)");
    sky_time_t *ep = sky_realloc(sp3->ctx, sp3->epochs, cap * sizeof *ep);
    if (!ep)
        return fail(r, SKY_E_NOMEM, "epoch", "no memory", "memory for the epochs");
    sp3->epochs = ep;
    sky_sp3_rec_t *rec = sky_realloc(sp3->ctx, sp3->recs, cap * sp3->nsat * sizeof *rec);
    if (!rec)
        return fail(r, SKY_E_NOMEM, "epoch", "no memory", "memory for the records");
    sp3->recs = rec;
    sp3->cap_epoch = cap;
    return SKY_OK;
}

/* [2] epoch line: "*  2010  7  1  0  0  0.00000000" (time in the %c time system). */
static sky_status_t parse_epoch_time(reader_t *r, sky_time_t *t)
{
    static const size_t col[5] = {3, 8, 11, 14, 17}, wid[5] = {4, 2, 2, 2, 2};
    long v[5];
    sky_civil_t c;
    for (int k = 0; k < 5; k++)
        if (sky__field_int(r->line, r->len, col[k], wid[k], &v[k]) != SKY__FIELD_OK)
            return fail(r, SKY_E_FORMAT, "epoch", "a bad date or time",
                        "'*  yyyy mm dd hh mm ss.ssssssss'");
    if (sky__field_double(r->line, r->len, 20, 11, &c.sec) != SKY__FIELD_OK)
        return fail(r, SKY_E_FORMAT, "epoch seconds", "bad seconds", "a number in columns 21-31");
    c.year = (int)v[0];
    c.month = (int)v[1];
    c.day = (int)v[2];
    c.hour = (int)v[3];
    c.min = (int)v[4];
    if (sky_time_from_civil(&c, t) != SKY_OK)
        return fail(r, SKY_E_RANGE, "epoch", "an impossible date or time",
                    "a calendar date from 1980 to 2199");
    const sky_leap_table_t *leaps = r->sp3->ctx ? r->sp3->ctx->leaps : NULL;
    *t = sky_time_to_gpst_from(*t, r->sp3->time_sys, leaps);
    return SKY_OK;
}

static void clear_recs(sky_sp3_rec_t *rec, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++) {
            rec[i].pos_m[k] = NAN;
            rec[i].vel_mps[k] = NAN;
        }
        rec[i].clk_s = NAN;
        rec[i].clk_rate_sps = NAN;
        rec[i].flags = 0;
    }
}

static sky_status_t parse_epoch(reader_t *r)
{
    sky_sp3_t *sp3 = r->sp3;
    sky_time_t t;
    sky_status_t st = parse_epoch_time(r, &t);
    if (st != SKY_OK)
        return st;
    if (sp3->nepoch > 0 && sky_time_cmp(t, sp3->epochs[sp3->nepoch - 1]) <= 0)
        return fail(r, SKY_E_FORMAT, "epoch", "an epoch not after the previous one",
                    "strictly increasing epochs");
    if ((st = grow_epochs(r)) != SKY_OK)
        return st;
    sp3->epochs[sp3->nepoch] = t;
    clear_recs(&sp3->recs[sp3->nepoch * sp3->nsat], sp3->nsat);
    sp3->nepoch++;
    return SKY_OK;
}

/* Four F14.6 values from column 4 ([2]); blank -> NaN. */
static sky_status_t parse_four(reader_t *r, const char *what, double v[4])
{
    for (int k = 0; k < 4; k++) {
        sky__field_rc_t rc = sky__field_double(r->line, r->len, 4 + 14 * (size_t)k, 14, &v[k]);
        if (rc == SKY__FIELD_BAD)
            return fail(r, SKY_E_FORMAT, what, "a value that is not a number",
                        "F14.6 numbers in columns 5-60");
        if (rc == SKY__FIELD_BLANK)
            v[k] = NAN;
        else if (fabs(v[k]) > (k < 3 ? MAX_COORD_KM : MAX_CLK_US))
            return fail(r, SKY_E_RANGE, what, "a value beyond any satellite orbit or clock",
                        "|x| < 1e6 km, |clock| < 1e7 us");
    }
    return SKY_OK;
}

/* Record of the satellite named in columns 2-4, or NULL (satellite of an unknown system). */
static sky_status_t find_rec(reader_t *r, sky_sp3_rec_t **rec)
{
    char id[4] = "   ";
    sky_sat_t sat;
    *rec = NULL;
    if (r->sp3->nepoch == 0)
        return fail(r, SKY_E_FORMAT, "record", "a record before the first epoch line",
                    "an epoch line (*) first");
    memcpy(id, r->line + 1, r->len >= 4 ? 3 : r->len - 1);
    if (!parse_sat_id(id, &sat))
        return fail(r, SKY_E_FORMAT, "satellite id", "a bad satellite id", "e.g. PG01");
    if (sat.sys == SKY_SYS_NONE)
        return SKY_OK;
    int idx = sky_sp3_sat_index(r->sp3, sat);
    if (idx < 0)
        return fail(r, SKY_E_FORMAT, "satellite id", "a satellite not listed in the header",
                    "one of the header's + lines");
    *rec = &r->sp3->recs[(r->sp3->nepoch - 1) * r->sp3->nsat + (size_t)idx];
    return SKY_OK;
}

static uint8_t parse_flags(reader_t *r)
{
    uint8_t f = 0;
    if (r->len > 74 && r->line[74] == 'E')
        f |= SKY_SP3_FLAG_CLK_EVENT;
    if (r->len > 75 && r->line[75] == 'P')
        f |= SKY_SP3_FLAG_CLK_PRED;
    if (r->len > 78 && r->line[78] == 'M')
        f |= SKY_SP3_FLAG_MANEUVER;
    if (r->len > 79 && r->line[79] == 'P')
        f |= SKY_SP3_FLAG_ORB_PRED;
    return f;
}

/* [2] P record: x, y, z in km (0.000000 = bad), clock in microseconds (999999.999999 = bad);
 * V record: dm/s and 1e-4 microseconds/s. */
static sky_status_t parse_pv(reader_t *r)
{
    sky_sp3_rec_t *rec;
    double v[4];
    bool is_pos = r->line[0] == 'P';
    sky_status_t st = find_rec(r, &rec);
    if (st == SKY_OK)
        st = parse_four(r, is_pos ? "position" : "velocity", v);
    if (st != SKY_OK || !rec)
        return st;
    bool zero = v[0] == 0.0 && v[1] == 0.0 && v[2] == 0.0;
    double clk = isnan(v[3]) || fabs(v[3]) >= BAD_CLK_US ? NAN : v[3];
    for (int k = 0; k < 3; k++) {
        if (is_pos)
            rec->pos_m[k] = zero ? NAN : v[k] * KM_TO_M;
        else
            rec->vel_mps[k] = v[k] * DM_TO_M;
    }
    if (is_pos) {
        rec->clk_s = clk * US_TO_S;
        rec->flags = parse_flags(r);
    } else {
        rec->clk_rate_sps = clk * CLK_RATE_TO_SPS;
    }
    return SKY_OK;
}

static sky_status_t read_body(reader_t *r)
{
    sky_status_t st = parse_epoch(r); /* the header left the first epoch line */
    while (st == SKY_OK && (st = next_nonblank(r)) == SKY_OK) {
        const char *l = r->line;
        if (l[0] == '*')
            st = parse_epoch(r);
        else if ((l[0] == 'P' || l[0] == 'V') && r->len >= 4)
            st = parse_pv(r);
        else if (l[0] == 'E' && (l[1] == 'P' || l[1] == 'V'))
            continue; /* [2] correlation records: not kept */
        else if (r->len >= 3 && memcmp(l, "EOF", 3) == 0) {
            r->sp3->complete = true;
            return SKY_OK;
        }
        else
            st = fail(r, SKY_E_FORMAT, "record", "an unknown record",
                      "*, P, V, EP, EV lines or EOF");
    }
    return st == SKY_EOF ? SKY_OK : st; /* a missing EOF line is tolerated */
}

static sky_status_t read_all(sky_sp3_t *sp3, sky__linesrc_t *src, sky_error_t *err)
{
    reader_t r;
    memset(&r, 0, sizeof r);
    r.sp3 = sp3;
    r.src = src;
    r.err = err;
    sky_status_t st = read_header(&r);
    if (st == SKY_OK)
        st = read_body(&r);
    sky__linesrc_close(src);
    if (st != SKY_OK)
        sky_sp3_free(sp3);
    return st;
}

SKY_API sky_status_t sky_sp3_read_file(sky_sp3_t *sp3, const char *path, sky_error_t *err)
{
    sky__linesrc_t *src = NULL;
    if (!sp3 || !path)
        return SKY_E_ARG;
    sky_status_t st = sky__linesrc_open_file(sp3->ctx, path, &src, err);
    return st != SKY_OK ? st : read_all(sp3, src, err);
}

SKY_API sky_status_t sky_sp3_read_memory(sky_sp3_t *sp3, const void *buf, size_t len,
                                         const char *name, sky_error_t *err)
{
    sky__linesrc_t *src = NULL;
    if (!sp3 || (!buf && len > 0))
        return SKY_E_ARG;
    sky_status_t st = sky__linesrc_open_memory(sp3->ctx, buf, len, name, &src, err);
    return st != SKY_OK ? st : read_all(sp3, src, err);
}
