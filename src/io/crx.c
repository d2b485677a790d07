/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: Hatanaka compact RINEX (CRX 1.0 and 3.0) decoder, a streaming line filter that
 * yields the plain RINEX 2 / 3 / 4 observation text exactly as crx2rnx (RNXCMP 4.x) writes it.
 * References:
 *  [1] Y. Hatanaka, "A Compression Format and Tools for GNSS Observation Data",
 *      Bulletin of the Geospatial Information Authority of Japan 55 (2008) 21-30
 *      (§2 compact RINEX 1.0, §3 compact RINEX 3.0, §2.2 differential operation).
 *  [2] Y. Hatanaka, RNXCMP 4.x documentation (RNXCMP.txt, 2021): CRINEX header lines.
 *  [3] RINEX 2.11 (2007-12-10) Table A2 / A7: observation record layout (F14.3,I1,I1; 5 obs
 *      per line, 12 satellites per epoch line, receiver clock offset F12.9 at column 69).
 *  [4] RINEX 3.05 (2020-12-01) Table A3: epoch record ('>' line, clock offset F15.12 at
 *      column 42), one line per satellite. RINEX 4.00 (2021-12-01) keeps that layout. */
#include "io/linesrc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/field.h"
#include "skyfix/obs.h"

#define CRX_MAX_ORDER 9        /* highest difference order accepted ("N&" with N one digit) */
#define CRX_MAX_SAT 999        /* I3 satellite count of the epoch line [3][4] */
/* Observation types per system: the readers' limit (the I6 / I3 fields [3][4] would allow 999,
 * which with 999 satellites makes ~180 MB of difference arcs from one header number). */
#define CRX_MAX_TYPES SKY_OBS_MAXTYPES
#define CRX_VALUE_LIMIT 100000000000000000LL /* |scaled value| bound: 1e17, no int64 overflow */
#define CRX_MAX_DIGITS 18
#define CRX_EPOCH_MAX 4096     /* 41 + 3 * 999 characters fit */
#define V2_SAT_COL 32          /* satellite list start in a RINEX 2 epoch line [3] */
#define V2_SATS_PER_LINE 12
#define V2_CLOCK_COL 68
#define V2_OBS_PER_LINE 5
#define V3_SAT_COL 41          /* satellite list start in a CRX 3 epoch line [1] §3 */
#define OBS_WIDTH 14           /* F14.3 [3][4] */
#define OBS_DECIMALS 3
#define CRX_DOS_EOF '\032'    /* Ctrl-Z: end of a DOS text file */

typedef enum { ST_HEADER, ST_EPOCH, ST_CLOCK, ST_SATS, ST_EVENT, ST_END } crx_state_t;

/* One difference arc [1] §2.2: d[0] the last value, d[j] the last j-th order difference. */
typedef struct {
    int64_t d[CRX_MAX_ORDER + 1];
    int8_t order; /* order of the arc ("N&"), 0 = values given as they are */
    int8_t level; /* differences accumulated so far, ramps up to order; -1: no arc */
} arc_t;

typedef struct {
    sky__linesrc_t base;
    sky__linesrc_t *inner;
    int version;           /* 1 (RINEX 2 body) or 3 (RINEX 3/4 body) */
    crx_state_t state;
    bool prog_line_seen;
    sky_status_t failed;   /* sticky error */
    /* epoch line, reconstructed */
    char epoch[CRX_EPOCH_MAX];
    size_t epoch_len;
    long epoch_lineno;     /* line of the epoch line: the emitted epoch is reported there */
    bool have_epoch;
    long nsat, isat, nevent;
    arc_t clock;
    bool clock_present;
    /* observation types */
    int ntype_v2;
    int ntype_sys[128];    /* -1: system without SYS / # / OBS TYPES */
    int type_cap;          /* arcs per slot */
    /* satellite slots: each satellite of the current/previous epoch owns one */
    arc_t *arcs;           /* slot_cap * type_cap */
    char *flags;           /* slot_cap * (2 * type_cap + 1) */
    uint8_t *slot_used;
    size_t slot_cap;
    char (*prev_id)[4];
    int *prev_slot;
    uint8_t *prev_taken;
    size_t nprev;
    char (*cur_id)[4];
    int *cur_slot;
    size_t list_cap;
    /* output lines, NUL-separated */
    char *out;
    size_t out_cap, out_len, out_pos;
} crx_t;

/* ---------------------------------------------------------------- errors and output */

static sky_status_t crx_fail(crx_t *s, sky_error_t *err, sky_status_t code, const char *field,
                             const char *line, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static sky_status_t crx_fail(crx_t *s, sky_error_t *err, sky_status_t code, const char *field,
                             const char *line, size_t len, const char *fmt, ...)
{
    char msg[SKY_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sky_error_set(err, code, s->base.path, s->inner->lineno, field, "%s", msg);
    if (line)
        sky_error_set_text(err, line, len);
    return code;
}

static sky_status_t out_reserve(crx_t *s, size_t extra, sky_error_t *err)
{
    if (s->out_len + extra <= s->out_cap)
        return SKY_OK;
    size_t ncap = s->out_cap ? s->out_cap : 4096;
    while (ncap < s->out_len + extra)
        ncap *= 2;
    char *nb = sky_realloc(s->base.ctx, s->out, ncap);
    if (!nb)
        return sky_error_set(err, SKY_E_NOMEM, s->base.path, s->inner->lineno, "",
                             "out of memory");
    s->out = nb;
    s->out_cap = ncap;
    return SKY_OK;
}

/* Close the line that starts at start: trailing blanks dropped, NUL-terminated. */
static void out_end_line(crx_t *s, size_t start)
{
    while (s->out_len > start && s->out[s->out_len - 1] == ' ')
        s->out_len--;
    s->out[s->out_len++] = '\0';
}

static void out_put(crx_t *s, const char *p, size_t n)
{
    memcpy(s->out + s->out_len, p, n);
    s->out_len += n;
}

static void out_blanks(crx_t *s, size_t n)
{
    memset(s->out + s->out_len, ' ', n);
    s->out_len += n;
}

/* Scaled integer v (v / 10^decimals) right-aligned in width, written as crx2rnx does:
 * the integer part is left out when it is zero (".250", "-.250", ".000") [1] §2.2.
 * Returns the characters written (more than width when the value does not fit). */
static size_t fmt_scaled(char *dst, int64_t v, int decimals, int width)
{
    char tmp[48];
    size_t n = sizeof tmp;
    uint64_t mag = v < 0 ? (uint64_t)(-v) : (uint64_t)v;
    for (int i = 0; i < decimals; i++) {
        tmp[--n] = (char)('0' + mag % 10);
        mag /= 10;
    }
    tmp[--n] = '.';
    while (mag > 0) {
        tmp[--n] = (char)('0' + mag % 10);
        mag /= 10;
    }
    if (v < 0)
        tmp[--n] = '-';
    size_t len = sizeof tmp - n, pad = len < (size_t)width ? (size_t)width - len : 0;
    memset(dst, ' ', pad);
    memcpy(dst + pad, tmp + n, len);
    return pad + len;
}

/* ---------------------------------------------------------------- differences */

/* Text difference [1] §2.1: ' ' keeps the old character, '&' makes a blank, others replace.
 * The result is as long as the longer of the two. */
static bool repair_text(char *old, size_t *old_len, size_t cap, const char *diff, size_t n)
{
    if (n > cap)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = diff[i];
        if (i >= *old_len)
            old[i] = ' ';
        if (c == '&')
            old[i] = ' ';
        else if (c != ' ')
            old[i] = c;
    }
    if (n > *old_len)
        *old_len = n;
    return true;
}

/* One numeric token "[-]digits" or "N&[-]digits" in [p, end); *order is -1 without "N&".
 * Returns false if malformed. */
static bool parse_token(const char *p, const char *end, int *order, int64_t *value)
{
    *order = -1;
    if (end - p >= 2 && p[1] == '&') {
        if (p[0] < '0' || p[0] > '0' + CRX_MAX_ORDER)
            return false;
        *order = p[0] - '0';
        p += 2;
    }
    bool neg = p < end && *p == '-';
    p += neg;
    if (p == end || end - p > CRX_MAX_DIGITS)
        return false;
    int64_t v = 0;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v > CRX_VALUE_LIMIT)
        return false;
    *value = neg ? -v : v;
    return true;
}

/* Apply an initialisation (order >= 0) or a difference (order -1) to an open arc [1] §2.2:
 * d[level] = new difference, then d[j] += d[j+1] down to the value d[0]. The first value
 * after the initialisation is a first difference, the next a second, up to the arc's order. */
static bool arc_apply(arc_t *a, int order, int64_t value)
{
    if (order >= 0) {
        a->order = (int8_t)order;
        a->level = 0;
        a->d[0] = value;
        return true;
    }
    if (a->level < 0)
        return false;
    if (a->level < a->order)
        a->level++;
    a->d[a->level] = value;
    for (int j = a->level - 1; j >= 0; j--) {
        int64_t sum = a->d[j] + a->d[j + 1];
        if (sum > CRX_VALUE_LIMIT || sum < -CRX_VALUE_LIMIT)
            return false;
        a->d[j] = sum;
    }
    return true;
}

/* ---------------------------------------------------------------- header */

/* Observation type counts from "# / TYPES OF OBSERV" (RINEX 2, I6) or "SYS / # / OBS TYPES"
 * (RINEX 3/4, A1,2X,I3) [3] Table A1, [4] Table A1; continuation lines have a blank count. */
static sky_status_t parse_obs_types(crx_t *s, const char *line, size_t len, sky_error_t *err)
{
    long n;
    bool v2 = sky__rinex_label_is(line, len, "# / TYPES OF OBSERV");
    if (!v2 && !sky__rinex_label_is(line, len, "SYS / # / OBS TYPES"))
        return SKY_OK;
    if (!v2 && line[0] == ' ')
        return SKY_OK; /* continuation line */
    sky__field_rc_t rc = v2 ? sky__field_int(line, len, 0, 6, &n)
                            : sky__field_int(line, len, 3, 3, &n);
    if (rc == SKY__FIELD_BLANK)
        return SKY_OK;
    if (rc != SKY__FIELD_OK || n < 0 || n > CRX_MAX_TYPES)
        return crx_fail(s, err, SKY_E_FORMAT, v2 ? "# / TYPES OF OBSERV" : "SYS / # / OBS TYPES",
                        line, len, "found a bad number of observation types, expected 0..%d",
                        CRX_MAX_TYPES);
    if (v2)
        s->ntype_v2 = (int)n;
    else
        s->ntype_sys[(unsigned char)line[0] & 127] = (int)n;
    return SKY_OK;
}

/* Largest observation type count of any system. */
static int max_types(const crx_t *s)
{
    int m = s->ntype_v2;
    for (int i = 0; i < 128; i++)
        if (s->ntype_sys[i] > m)
            m = s->ntype_sys[i];
    return m;
}

/* Size the satellite slots for the current type counts; forgets all arcs if they grow. */
static sky_status_t size_slots(crx_t *s, size_t nsat, sky_error_t *err)
{
    int types = max_types(s);
    size_t slots = 2 * nsat;
    if (types <= s->type_cap && slots <= s->slot_cap)
        return SKY_OK;
    const sky_ctx_t *ctx = s->base.ctx;
    int tcap = types > s->type_cap ? types : s->type_cap;
    size_t scap = slots > s->slot_cap ? slots : s->slot_cap;
    if (tcap < 1)
        tcap = 1;
    size_t fstride = 2 * (size_t)tcap + 1;
    arc_t *arcs = sky_realloc(ctx, s->arcs, scap * (size_t)tcap * sizeof *arcs);
    if (arcs)
        s->arcs = arcs;
    char *flags = arcs ? sky_realloc(ctx, s->flags, scap * fstride) : NULL;
    if (flags)
        s->flags = flags;
    uint8_t *used = flags ? sky_realloc(ctx, s->slot_used, scap) : NULL;
    if (used)
        s->slot_used = used;
    if (!arcs || !flags || !used)
        return sky_error_set(err, SKY_E_NOMEM, s->base.path, s->inner->lineno, "",
                             "out of memory");
    if (tcap != s->type_cap) {
        memset(used, 0, scap); /* new layout: every satellite starts a new arc */
        s->nprev = 0;
    } else {
        memset(used + s->slot_cap, 0, scap - s->slot_cap);
    }
    s->type_cap = tcap;
    s->slot_cap = scap;
    return SKY_OK;
}

/* Satellite lists of the previous and current epochs (nsat entries each). */
static sky_status_t size_lists(crx_t *s, size_t nsat, sky_error_t *err)
{
    if (nsat <= s->list_cap)
        return SKY_OK;
    const sky_ctx_t *ctx = s->base.ctx;
    void *a = sky_realloc(ctx, s->prev_id, nsat * sizeof *s->prev_id);
    if (a)
        s->prev_id = a;
    void *b = a ? sky_realloc(ctx, s->cur_id, nsat * sizeof *s->cur_id) : NULL;
    if (b)
        s->cur_id = b;
    void *c = b ? sky_realloc(ctx, s->prev_slot, nsat * sizeof *s->prev_slot) : NULL;
    if (c)
        s->prev_slot = c;
    void *d = c ? sky_realloc(ctx, s->cur_slot, nsat * sizeof *s->cur_slot) : NULL;
    if (d)
        s->cur_slot = d;
    void *e = d ? sky_realloc(ctx, s->prev_taken, nsat) : NULL;
    if (e)
        s->prev_taken = e;
    if (!e)
        return sky_error_set(err, SKY_E_NOMEM, s->base.path, s->inner->lineno, "",
                             "out of memory");
    s->list_cap = nsat;
    return SKY_OK;
}

static sky_status_t step_header(crx_t *s, const char *line, size_t len, sky_error_t *err)
{
    if (!s->prog_line_seen) {
        s->prog_line_seen = true;
        if (sky__rinex_label_is(line, len, "CRINEX PROG / DATE"))
            return SKY_OK; /* dropped, as crx2rnx does [2] */
    }
    if (sky__rinex_label_is(line, len, "RINEX VERSION / TYPE")) {
        double ver;
        if (sky__field_double(line, len, 0, 9, &ver) != SKY__FIELD_OK ||
            (s->version == 1) != (ver < 3.0) || ver < 1.0 || ver >= 5.0)
            return crx_fail(s, err, SKY_E_VERSION, "RINEX VERSION", line, len,
                            "found RINEX version \"%.9s\", expected %s", line,
                            s->version == 1 ? "2.xx in compact RINEX 1.0"
                                            : "3.xx or 4.xx in compact RINEX 3.0");
    }
    sky_status_t rc = parse_obs_types(s, line, len, err);
    if (rc != SKY_OK)
        return rc;
    if (sky__rinex_label_is(line, len, "END OF HEADER"))
        s->state = ST_EPOCH;
    rc = out_reserve(s, len + 1, err);
    if (rc != SKY_OK)
        return rc;
    size_t start = s->out_len;
    out_put(s, line, len);
    out_end_line(s, start);
    return SKY_OK;
}

/* ---------------------------------------------------------------- epoch line */

/* Columns of the epoch flag, satellite count and satellite list in the reconstructed line:
 * RINEX 2 " YY MM DD HH MM SS.SSSSSSS  F NNN" [3]; CRX 3 "> YYYY ... F NNN" + 6 blanks [1]. */
static size_t flag_col(const crx_t *s) { return s->version == 1 ? 28 : 31; }
static size_t sat_col(const crx_t *s) { return s->version == 1 ? V2_SAT_COL : V3_SAT_COL; }

static void forget_satellites(crx_t *s)
{
    s->nprev = 0;
    if (s->slot_used)
        memset(s->slot_used, 0, s->slot_cap);
}

/* Rebuild the epoch line from an initialisation ('&' in CRX 1, '>' in CRX 3) or a text
 * difference against the previous one [1] §2.1, §3. */
static sky_status_t rebuild_epoch(crx_t *s, const char *line, size_t len, sky_error_t *err)
{
    if (len >= CRX_EPOCH_MAX)
        return crx_fail(s, err, SKY_E_FORMAT, "epoch", line, len,
                        "found an epoch line too long, expected at most 999 satellites");
    char init = s->version == 1 ? '&' : '>';
    if (line[0] == init) {
        for (size_t i = 0; i < len; i++)
            s->epoch[i] = line[i] == '&' ? ' ' : line[i];
        s->epoch_len = len;
        s->epoch[len] = '\0';
        s->have_epoch = true;
        forget_satellites(s); /* every arc starts again at an initialised epoch */
        return SKY_OK;
    }
    if (!s->have_epoch)
        return crx_fail(s, err, SKY_E_FORMAT, "epoch", line, len,
                        s->version == 1 ? "found a differenced epoch line, expected an "
                                          "initialised one starting with '&'"
                                        : "found a differenced epoch line, expected an "
                                          "initialised one starting with '>'");
    repair_text(s->epoch, &s->epoch_len, CRX_EPOCH_MAX - 1, line, len);
    s->epoch[s->epoch_len] = '\0';
    return SKY_OK;
}

static sky_status_t step_epoch(crx_t *s, const char *line, size_t len, sky_error_t *err)
{
    if (len == 0)
        return SKY_OK; /* blank line between epochs (end of file): nothing to rebuild */
    if (s->version == 3 && line[0] == '&')
        return SKY_OK; /* escape line of CRX 3.0, skipped as crx2rnx does [2] */
    if (line[0] == CRX_DOS_EOF) {
        s->state = ST_END;
        return SKY_OK;
    }
    sky_status_t rc = rebuild_epoch(s, line, len, err);
    if (rc != SKY_OK)
        return rc;
    s->epoch_lineno = s->inner->lineno;
    if (s->epoch[0] != (s->version == 1 ? ' ' : '>'))
        return crx_fail(s, err, SKY_E_FORMAT, "epoch", line, len,
                        "found an epoch line starting with '%c', expected '%c'", s->epoch[0],
                        s->version == 1 ? ' ' : '>');
    long n = 0; /* a blank count is 0, as crx2rnx reads it */
    size_t fc = flag_col(s);
    char flag = fc < s->epoch_len ? s->epoch[fc] : ' ';
    if (flag == ' ')
        flag = '0';
    if (flag < '0' || flag > '6' ||
        sky__field_int(s->epoch, s->epoch_len, fc + 1, 3, &n) == SKY__FIELD_BAD || n < 0)
        return crx_fail(s, err, SKY_E_FORMAT, "epoch flag / number of satellites", line, len,
                        "found \"%.4s\", expected an epoch flag 0-6 and a count 0-999",
                        fc < s->epoch_len ? s->epoch + fc : "");
    s->nsat = n;
    if (flag >= '2' && flag <= '5') {
        /* event: the epoch line and n header lines, verbatim [3] §5.4 */
        rc = out_reserve(s, s->epoch_len + 1, err);
        if (rc != SKY_OK)
            return rc;
        size_t start = s->out_len;
        out_put(s, s->epoch, s->epoch_len);
        out_end_line(s, start);
        s->have_epoch = false; /* compact RINEX initialises the epoch after an event */
        s->nevent = n;
        s->state = n > 0 ? ST_EVENT : ST_EPOCH;
        return SKY_OK;
    }
    if (s->epoch_len < sat_col(s) + 3 * (size_t)n)
        return crx_fail(s, err, SKY_E_FORMAT, "satellite list", line, len,
                        "found %zu satellites listed, expected %ld (the epoch's count)",
                        s->epoch_len > sat_col(s) ? (s->epoch_len - sat_col(s)) / 3 : 0, n);
    s->state = ST_CLOCK;
    return SKY_OK;
}

static sky_status_t step_event(crx_t *s, const char *line, size_t len, sky_error_t *err)
{
    sky_status_t rc = parse_obs_types(s, line, len, err);
    if (rc != SKY_OK)
        return rc;
    if (sky__rinex_label_is(line, len, "# / TYPES OF OBSERV") ||
        sky__rinex_label_is(line, len, "SYS / # / OBS TYPES"))
        forget_satellites(s);
    rc = out_reserve(s, len + 1, err);
    if (rc != SKY_OK)
        return rc;
    size_t start = s->out_len;
    out_put(s, line, len);
    out_end_line(s, start);
    if (--s->nevent <= 0)
        s->state = ST_EPOCH;
    return SKY_OK;
}

/* Epoch line(s) as RINEX 2 (12 satellites a line, clock F12.9 at column 69) [3] or
 * RINEX 3/4 ('>' line, clock F15.12 at column 42) [4]. */
static sky_status_t emit_epoch(crx_t *s, sky_error_t *err)
{
    size_t nsat = (size_t)s->nsat, head = sat_col(s);
    sky_status_t rc = out_reserve(s, head + 40 + nsat * 3 + (nsat / 12 + 1) * (head + 1), err);
    if (rc != SKY_OK)
        return rc;
    size_t start = s->out_len;
    size_t n = s->epoch_len < head ? s->epoch_len : head;
    out_put(s, s->epoch, n);
    out_blanks(s, head - n);
    if (s->version == 3) {
        if (s->clock_present)
            s->out_len += fmt_scaled(s->out + s->out_len, s->clock.d[0], 12, 15);
        out_end_line(s, start);
        return SKY_OK;
    }
    for (size_t i = 0; i < nsat; i++) {
        if (i > 0 && i % V2_SATS_PER_LINE == 0) {
            out_end_line(s, start);
            start = s->out_len;
            out_blanks(s, V2_SAT_COL);
        }
        out_put(s, s->epoch + V2_SAT_COL + 3 * i, 3);
        if (i + 1 == V2_SATS_PER_LINE || (i + 1 == nsat && nsat < V2_SATS_PER_LINE)) {
            if (s->clock_present) {
                out_blanks(s, V2_CLOCK_COL - (s->out_len - start));
                s->out_len += fmt_scaled(s->out + s->out_len, s->clock.d[0], 9, 12);
            }
        }
    }
    if (nsat == 0 && s->clock_present) {
        out_blanks(s, V2_CLOCK_COL - (s->out_len - start));
        s->out_len += fmt_scaled(s->out + s->out_len, s->clock.d[0], 9, 12);
    }
    out_end_line(s, start);
    return SKY_OK;
}

/* ---------------------------------------------------------------- clock and satellites */

static arc_t *slot_arcs(crx_t *s, int slot) { return s->arcs + (size_t)slot * (size_t)s->type_cap; }
static char *slot_flags(crx_t *s, int slot)
{
    return s->flags + (size_t)slot * (2 * (size_t)s->type_cap + 1);
}

static int new_slot(crx_t *s)
{
    for (size_t k = 0; k < s->slot_cap; k++) {
        if (!s->slot_used[k]) {
            s->slot_used[k] = 1;
            arc_t *a = slot_arcs(s, (int)k);
            for (int j = 0; j < s->type_cap; j++)
                a[j].level = -1;
            char *f = slot_flags(s, (int)k);
            memset(f, ' ', 2 * (size_t)s->type_cap);
            f[2 * (size_t)s->type_cap] = '\0';
            return (int)k;
        }
    }
    return -1; /* cannot happen: slot_cap >= 2 * nsat */
}

/* Give each satellite of the epoch the slot it had in the previous epoch (its arcs and
 * flags continue) or a fresh one (a new satellite must initialise every value [1] §2.2). */
static sky_status_t assign_slots(crx_t *s, sky_error_t *err)
{
    size_t nsat = (size_t)s->nsat;
    size_t room = 64; /* grow geometrically: a handful of allocations per file */
    while (room < nsat)
        room *= 2;
    sky_status_t rc = size_lists(s, room, err);
    if (rc == SKY_OK)
        rc = size_slots(s, room, err);
    if (rc != SKY_OK)
        return rc;
    memset(s->prev_taken, 0, s->nprev);
    for (size_t i = 0; i < nsat; i++) {
        const char *id = s->epoch + sat_col(s) + 3 * i;
        memcpy(s->cur_id[i], id, 3);
        s->cur_id[i][3] = '\0';
        s->cur_slot[i] = -1;
        for (size_t k = 0; k < s->nprev; k++) {
            size_t m = (i + k) % s->nprev; /* usually the same position */
            if (!s->prev_taken[m] && memcmp(s->prev_id[m], id, 3) == 0) {
                s->prev_taken[m] = 1;
                s->cur_slot[i] = s->prev_slot[m];
                break;
            }
        }
    }
    for (size_t k = 0; k < s->nprev; k++)
        if (!s->prev_taken[k])
            s->slot_used[s->prev_slot[k]] = 0;
    for (size_t i = 0; i < nsat; i++) {
        if (s->cur_slot[i] < 0)
            s->cur_slot[i] = new_slot(s);
        if (s->cur_slot[i] < 0)
            return sky_error_set(err, SKY_E_RANGE, s->base.path, s->inner->lineno, "satellite",
                                 "found no free satellite slot, expected one (internal)");
    }
    memcpy(s->prev_id, s->cur_id, nsat * sizeof *s->cur_id);
    memcpy(s->prev_slot, s->cur_slot, nsat * sizeof *s->cur_slot);
    s->nprev = nsat;
    return SKY_OK;
}

/* Receiver clock offset line [1] §2.2: blank (no clock at this epoch), "N&value" (a new arc)
 * or an integer; after a blank line the arc starts again from that integer taken as the value,
 * with the order it had (as crx2rnx reads it). */
static sky_status_t step_clock(crx_t *s, const char *line, size_t len, sky_error_t *err)
{
    int order;
    int64_t v;
    if (len == 0) {
        s->clock_present = false;
        s->clock.level = -1;
    } else if (!parse_token(line, line + len, &order, &v)) {
        return crx_fail(s, err, SKY_E_FORMAT, "receiver clock offset", line, len,
                        "found \"%.32s\", expected \"N&value\" or an integer (N 0-9, at most "
                        "18 digits)", line);
    } else {
        if (order < 0 && s->clock.level < 0)
            order = s->clock.order; /* restart of the arc after a blank line */
        if (!arc_apply(&s->clock, order, v))
            return crx_fail(s, err, SKY_E_RANGE, "receiver clock offset", line, len,
                            "found \"%.32s\", which takes the clock offset out of range", line);
        s->clock_present = true;
    }
    sky_status_t rc = emit_epoch(s, err);
    if (rc == SKY_OK)
        rc = assign_slots(s, err);
    if (rc != SKY_OK)
        return rc;
    s->isat = 0;
    s->state = s->nsat > 0 ? ST_SATS : ST_EPOCH;
    s->base.lineno = s->epoch_lineno; /* the epoch line(s) just emitted come from there */
    return SKY_OK;
}

/* The ntype values of one satellite line: "value value  N&value ..." with one blank after
 * each field (an empty field is a missing value), then the LLI/SSI flag differences. */
static sky_status_t decode_values(crx_t *s, const char *id, arc_t *arcs, int ntype,
                                  const char **pp, const char *line, size_t len,
                                  sky_error_t *err)
{
    const char *p = *pp, *end = line + len;
    for (int j = 0; j < ntype; j++) {
        if (p >= end || *p == ' ') {
            arcs[j].level = -1; /* missing: the arc ends */
            p += p < end;
            continue;
        }
        const char *q = memchr(p, ' ', (size_t)(end - p));
        if (!q)
            q = end;
        int order;
        int64_t v;
        int w = (int)(q - p < 32 ? q - p : 32);
        if (!parse_token(p, q, &order, &v))
            return crx_fail(s, err, SKY_E_FORMAT, "observation", line, len,
                            "found \"%.*s\" for type %d of %s, expected an integer difference "
                            "or \"N&value\" (N 0-9, at most 18 digits)", w, p, j + 1, id);
        if (!arc_apply(&arcs[j], order, v))
            return crx_fail(s, err, SKY_E_FORMAT, "observation", line, len,
                            order < 0 && arcs[j].level < 0
                                ? "found the difference \"%.*s\" for type %d of %s where no "
                                  "arc is open, expected \"N&value\""
                                : "found \"%.*s\" for type %d of %s, which takes the value "
                                  "out of range", w, p, j + 1, id);
        p = q + (q < end);
    }
    *pp = p;
    return SKY_OK;
}

/* One observation value F14.3 with its LLI and SSI characters. A missing value is blank; in
 * CRX 1.0 its flags are blank too and cleared for the next difference, in CRX 3.0 its flags
 * are written and kept (crx2rnx 4.x behaviour). */
static void put_obs(crx_t *s, const arc_t *a, char *flags)
{
    if (a->level >= 0) {
        s->out_len += fmt_scaled(s->out + s->out_len, a->d[0], OBS_DECIMALS, OBS_WIDTH);
    } else {
        out_blanks(s, OBS_WIDTH);
        if (s->version == 1)
            flags[0] = flags[1] = ' ';
    }
    out_put(s, flags, 2);
}

static void emit_sat(crx_t *s, const char *id, const arc_t *arcs, char *flags, int ntype)
{
    size_t start = s->out_len;
    if (s->version == 3)
        out_put(s, id, 3);
    for (int j = 0; j < ntype; j++) {
        if (s->version == 1 && j > 0 && j % V2_OBS_PER_LINE == 0) {
            out_end_line(s, start);
            start = s->out_len;
        }
        put_obs(s, &arcs[j], flags + 2 * j);
    }
    out_end_line(s, start);
}

static sky_status_t step_sat(crx_t *s, const char *line, size_t len, sky_error_t *err)
{
    const char *id = s->prev_id[s->isat];
    int slot = s->prev_slot[s->isat];
    int ntype = s->version == 1 ? s->ntype_v2 : s->ntype_sys[(unsigned char)id[0] & 127];
    if (ntype < 0)
        return crx_fail(s, err, SKY_E_FORMAT, "satellite", line, len,
                        "found satellite %s, expected one of a system with a SYS / # / OBS "
                        "TYPES record", id);
    arc_t *arcs = slot_arcs(s, slot);
    char *flags = slot_flags(s, slot);
    const char *p = line;
    sky_status_t rc = decode_values(s, id, arcs, ntype, &p, line, len, err);
    if (rc != SKY_OK)
        return rc;
    size_t flen = 2 * (size_t)ntype;
    if (!repair_text(flags, &flen, 2 * (size_t)ntype, p, (size_t)(line + len - p)))
        return crx_fail(s, err, SKY_E_FORMAT, "LLI/SSI flags", line, len,
                        "found %zu flag characters for %s, expected at most %d (two per "
                        "observation type)", (size_t)(line + len - p), id, 2 * ntype);
    rc = out_reserve(s, 8 + (size_t)ntype * (OBS_WIDTH + 2 + 8) + (size_t)ntype / 5, err);
    if (rc != SKY_OK)
        return rc;
    emit_sat(s, id, arcs, flags, ntype);
    if (++s->isat >= s->nsat)
        s->state = ST_EPOCH;
    return SKY_OK;
}

/* ---------------------------------------------------------------- the filter */

static sky_status_t step(crx_t *s, sky_error_t *err)
{
    const char *line;
    size_t len;
    if (s->state == ST_END)
        return SKY_EOF;
    sky_status_t rc = s->inner->next(s->inner, &line, &len, err);
    if (rc == SKY_EOF) {
        if (s->state == ST_EPOCH)
            return SKY_EOF;
        return crx_fail(s, err, SKY_E_TRUNCATED, "", NULL, 0,
                        s->state == ST_HEADER ? "found the end of the file in the header, "
                                                "expected END OF HEADER"
                                              : "found the end of the file inside an epoch, "
                                                "expected its remaining lines");
    }
    if (rc != SKY_OK)
        return rc;
    s->base.lineno = s->inner->lineno;
    if (memchr(line, '\0', len))
        return crx_fail(s, err, SKY_E_FORMAT, "", line, len,
                        "found a NUL byte (binary data?), expected a text line");
    switch (s->state) {
    case ST_HEADER: return step_header(s, line, len, err);
    case ST_EPOCH: return step_epoch(s, line, len, err);
    case ST_CLOCK: return step_clock(s, line, len, err);
    case ST_SATS: return step_sat(s, line, len, err);
    case ST_EVENT: return step_event(s, line, len, err);
    case ST_END: return SKY_EOF;
    }
    return SKY_E_ARG;
}

static sky_status_t crx_next(sky__linesrc_t *self, const char **line, size_t *len,
                             sky_error_t *err)
{
    crx_t *s = (crx_t *)self;
    if (s->failed != SKY_OK)
        return s->failed;
    while (s->out_pos >= s->out_len) {
        s->out_pos = s->out_len = 0;
        sky_status_t rc = step(s, err);
        if (rc != SKY_OK) {
            s->failed = rc;
            return rc;
        }
    }
    *line = s->out + s->out_pos;
    *len = strlen(*line);
    s->out_pos += *len + 1;
    return SKY_OK;
}

static void crx_progress(const sky__linesrc_t *self, uint64_t *done, uint64_t *total)
{
    const crx_t *s = (const crx_t *)self;
    s->inner->progress(s->inner, done, total);
}

static void crx_close(sky__linesrc_t *self)
{
    crx_t *s = (crx_t *)self;
    const sky_ctx_t *ctx = self->ctx;
    sky__linesrc_close(s->inner);
    sky_free(ctx, s->arcs);
    sky_free(ctx, s->flags);
    sky_free(ctx, s->slot_used);
    sky_free(ctx, s->prev_id);
    sky_free(ctx, s->cur_id);
    sky_free(ctx, s->prev_slot);
    sky_free(ctx, s->cur_slot);
    sky_free(ctx, s->prev_taken);
    sky_free(ctx, s->out);
    sky_free(ctx, s);
}

/* CRINEX VERS / TYPE: "1.0" or "3.0" in columns 1-3 [2]. CRX 3.1 (RNXCMP 4.2, RINEX 4.02
 * pico-second records) is another format and refused. */
static int crx_version(const char *first_line)
{
    if (strncmp(first_line, "1.0 ", 4) == 0)
        return 1;
    if (strncmp(first_line, "3.0 ", 4) == 0)
        return 3;
    return 0;
}

sky_status_t sky__crx_open(sky__linesrc_t *inner, const char *first_line, sky__linesrc_t **out,
                           sky_error_t *err)
{
    *out = NULL;
    int version = crx_version(first_line);
    if (version == 0) {
        sky_status_t rc = sky_error_set(err, SKY_E_VERSION, inner->path, inner->lineno,
                                        "CRINEX VERS", "found compact RINEX version \"%.20s\", "
                                        "expected 1.0 or 3.0", first_line);
        sky_error_set_text(err, first_line, strlen(first_line));
        inner->close(inner);
        return rc;
    }
    crx_t *s = sky_calloc(inner->ctx, 1, sizeof *s);
    if (!s) {
        sky_status_t rc = sky_error_set(err, SKY_E_NOMEM, inner->path, 0, "", "out of memory");
        inner->close(inner);
        return rc;
    }
    s->base.next = crx_next;
    s->base.close = crx_close;
    s->base.progress = crx_progress;
    s->base.ctx = inner->ctx;
    memcpy(s->base.path, inner->path, sizeof s->base.path);
    s->base.lineno = inner->lineno;
    s->inner = inner;
    s->version = version;
    s->state = ST_HEADER;
    s->clock.level = -1;
    for (size_t i = 0; i < sizeof s->ntype_sys / sizeof *s->ntype_sys; i++)
        s->ntype_sys[i] = -1;
    *out = &s->base;
    return SKY_OK;
}
