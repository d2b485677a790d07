/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX 4 navigation record frames ("> EPH G01 LNAV") and the STO, EOP and ION records.
 * References:
 *  [1] RINEX 4.00 (2021-12-01) §5.1 (record header line), Tables A20-A33 (EPH),
 *      A34 (STO), A35 (EOP), A36 (ION Klobuchar), A37 (ION NeQuick-G); BDGIM (BDS CNVX ION)
 *      is skipped
 *  [2] IERS Conventions (2010), TN 36, §5 (polar motion in arcsec, UT1-UTC in s) */
#include "io/rinex_nav_int.h"

#include <math.h>
#include <string.h>

#include "io/field.h"

#define ARCSEC_TO_RAD (3.14159265358979323846 / (180.0 * 3600.0))
#define DAY_S 86400.0

typedef struct {
    char kind[4];     /* EPH, STO, EOP, ION */
    char sat_id[4];   /* "G01", "E" (blank number allowed for STO/ION) */
    char msg[5];      /* LNAV, CNAV, ... */
    sky_sys_t sys;
    sky_sat_t sat;    /* prn 0 when the header gives only the system */
} v4_head_t;

/* "> EPH G01 LNAV": A1,1X,A3,1X,A3,1X,A4 [1] §5.1. */
static sky_status_t parse_head(sky__navrd_t *r, v4_head_t *h)
{
    memset(h, 0, sizeof *h);
    sky__field_str(r->line, r->len, 2, 3, h->kind, sizeof h->kind);
    sky__field_str(r->line, r->len, 6, 3, h->sat_id, sizeof h->sat_id);
    sky__field_str(r->line, r->len, 10, 4, h->msg, sizeof h->msg);
    h->sys = r->len > 6 ? sky_sys_from_char(r->line[6]) : SKY_SYS_NONE;
    if (h->sys == SKY_SYS_NONE)
        return sky__nav_fail_line(r, SKY_E_FORMAT, "SAT",
                                  "found \"%s\", expected a satellite or system letter",
                                  h->sat_id);
    h->sat.sys = (uint8_t)h->sys;
    if (h->sat_id[1] != '\0' && sky_sat_parse(h->sat_id, SKY_SYS_NONE, &h->sat) != SKY_OK)
        return sky__nav_fail_line(r, SKY_E_FORMAT, "SAT", "found \"%s\", expected a satellite",
                                  h->sat_id);
    return SKY_OK;
}

/* Skip lines up to (not including) the next "> " record header. */
static sky_status_t skip_to_next_record(sky__navrd_t *r, int *nskipped)
{
    *nskipped = 0;
    for (;;) {
        sky_status_t st = sky__nav_next_line(r);
        if (st == SKY_EOF)
            return SKY_OK;
        if (st != SKY_OK)
            return st;
        if (r->len > 0 && r->line[0] == '>') {
            sky__linesrc_unread(r->src);
            return SKY_OK;
        }
        if (!sky__nav_line_blank(r->line, r->len))
            (*nskipped)++;
    }
}

/* The first line after the record header; a truncated file is an error. */
static sky_status_t body_line(sky__navrd_t *r, const v4_head_t *h)
{
    sky_status_t st = sky__nav_next_line(r);
    if (st == SKY_EOF)
        return sky_error_set(r->err, SKY_E_TRUNCATED, r->src->path, r->src->lineno, h->kind,
                             "found end of file after \"> %s %s %s\", expected its record",
                             h->kind, h->sat_id, h->msg);
    if (st == SKY_OK && r->len > 0 && r->line[0] == '>')
        return sky__nav_fail_line(r, SKY_E_FORMAT, h->kind,
                                  "found the next record header, expected the lines of "
                                  "\"> %s %s %s\"", h->kind, h->sat_id, h->msg);
    return st;
}

static void init_rec(sky__navrec_t *rec, const v4_head_t *h, const char *const *names)
{
    rec->sat = h->sat;
    rec->type = 0;
    rec->nlines = 0;
    rec->names = names;
}

/* STO [1] Table A34: epoch, A18 offset type ("GPUT"), A18 SBAS id, A18 UTC id; then
 * t_tot, A0, A1, A2. */
static sky_status_t read_sto(sky__navrd_t *r, const v4_head_t *h)
{
    static const char *const names[SKY__NAV_MAXVALS] = {"EPOCH", "EPOCH", "EPOCH", "T_TOT", "A0",
                                                        "A1", "A2"};
    sky__navrec_t rec;
    init_rec(&rec, h, names);
    sky_timecorr_t c;
    memset(&c, 0, sizeof c);
    char sbas_id[19];
    sky__field_str(r->line, r->len, 24, 4, c.type, sizeof c.type);
    sky__field_str(r->line, r->len, 43, 18, sbas_id, sizeof sbas_id);
    sky_status_t st = sky__nav_parse_epoch_v3(r, &rec.epoch);
    if (st == SKY_OK)
        st = sky__nav_read_lines(r, &rec, 2, -1, 4);
    if (st == SKY_OK)
        st = sky__nav_need(r, &rec, 4, &c.a0_s);
    if (st == SKY_OK)
        st = sky__nav_need(r, &rec, 5, &c.a1_sps);
    if (st == SKY_OK)
        st = sky__nav_civil_time(r, &rec, sky__nav_sys_timesys(h->sys), &c.tref);
    if (st != SKY_OK)
        return st;
    c.a2_sps2 = sky__nav_opt(&rec, 6, 0.0);
    double tow = 0;
    if (h->sys == SKY_SYS_BDS)
        sky_time_to_bdt(c.tref, &c.tref_week, &tow);
    else
        sky_time_to_gpst(c.tref, &c.tref_week, &tow);
    c.tref_tow_s = (int)floor(tow);
    const char *src = sbas_id[0] ? sbas_id : h->sat_id;
    size_t n = strlen(src) < sizeof c.source - 1 ? strlen(src) : sizeof c.source - 1;
    memcpy(c.source, src, n);
    c.source[n] = '\0';
    return sky_nav_add_timecorr(r->nav, &c);
}

/* EOP [1] Table A35: epoch, xp ("), dxp ("/d), dxxp ("/d2); 23X yp, dyp, dyyp; t_tm, dUT1 (s),
 * dUT1 rate (s/d), its rate (s/d2). */
static sky_status_t read_eop(sky__navrd_t *r, const v4_head_t *h)
{
    static const char *const names[SKY__NAV_MAXVALS] = {
        "XP", "DXP", "DXXP", "SPARE", "YP", "DYP", "DYYP", "T_TM", "DUT1", "DDUT1", "DDDUT1"};
    sky__navrec_t rec;
    init_rec(&rec, h, names);
    sky_eop_t e;
    memset(&e, 0, sizeof e);
    e.sat = h->sat;
    sky_status_t st = sky__nav_parse_epoch_v3(r, &rec.epoch);
    if (st == SKY_OK)
        st = sky__nav_read_lines(r, &rec, 3, 23, 4);
    static const int idx[9] = {0, 1, 2, 4, 5, 6, 8, 9, 10};
    double v[9];
    for (int i = 0; i < 9 && st == SKY_OK; i++)
        st = sky__nav_need(r, &rec, idx[i], &v[i]);
    if (st == SKY_OK)
        st = sky__nav_civil_time(r, &rec, sky__nav_sys_timesys(h->sys), &e.tref);
    if (st != SKY_OK)
        return st;
    e.xp_rad = v[0] * ARCSEC_TO_RAD;
    e.dxp_radps = v[1] * ARCSEC_TO_RAD / DAY_S;
    e.dxxp_radps2 = v[2] * ARCSEC_TO_RAD / (DAY_S * DAY_S);
    e.yp_rad = v[3] * ARCSEC_TO_RAD;
    e.dyp_radps = v[4] * ARCSEC_TO_RAD / DAY_S;
    e.dyyp_radps2 = v[5] * ARCSEC_TO_RAD / (DAY_S * DAY_S);
    e.dut1_s = v[6];
    e.ddut1_sps = v[7] / DAY_S;
    e.dddut1_sps2 = v[8] / (DAY_S * DAY_S);
    return sky_nav_add_eop(r->nav, &e);
}

static sky_status_t store_klobuchar(sky__navrd_t *r, sky_sys_t sys, const double c[8])
{
    sky_iono_t *io = &r->nav->iono;
    double *a = NULL, *b = NULL;
    bool *has = NULL;
    switch (sys) {
    case SKY_SYS_GPS: a = io->gps_alpha; b = io->gps_beta; has = &io->has_gps_klobuchar; break;
    case SKY_SYS_QZS: a = io->qzs_alpha; b = io->qzs_beta; has = &io->has_qzs_klobuchar; break;
    case SKY_SYS_BDS: a = io->bds_alpha; b = io->bds_beta; has = &io->has_bds_klobuchar; break;
    case SKY_SYS_IRN: a = io->irn_alpha; b = io->irn_beta; has = &io->has_irn_klobuchar; break;
    default: return SKY_OK;
    }
    memcpy(a, c, 4 * sizeof *c);
    memcpy(b, c + 4, 4 * sizeof *c);
    *has = true;
    return SKY_OK;
}

/* ION [1] Table A36 (Klobuchar: epoch, alpha0-2; alpha3, beta0-2; beta3, region) and A37
 * (NeQuick-G: epoch, ai0-ai2; disturbance flags). BDS B-CNAV BDGIM (9 coefficients) is read
 * past but not kept. The latest record read wins. */
static sky_status_t read_ion(sky__navrd_t *r, const v4_head_t *h)
{
    static const char *const klob[SKY__NAV_MAXVALS] = {"ALPHA0", "ALPHA1", "ALPHA2", "ALPHA3",
                                                       "BETA0", "BETA1", "BETA2", "BETA3",
                                                       "REGION"};
    static const char *const neqg[SKY__NAV_MAXVALS] = {"AI0", "AI1", "AI2", "IONO_FLAGS"};
    bool nequick = h->sys == SKY_SYS_GAL;
    bool bdgim = h->sys == SKY_SYS_BDS && strncmp(h->msg, "CNV", 3) == 0;
    sky__navrec_t rec;
    init_rec(&rec, h, nequick ? neqg : klob);
    sky_status_t st = sky__nav_parse_epoch_v3(r, &rec.epoch);
    if (st == SKY_OK)
        st = sky__nav_read_lines(r, &rec, nequick ? 2 : 3, 23, 4);
    if (st != SKY_OK || bdgim)
        return st;
    int n = nequick ? 3 : 8;
    double c[8];
    for (int i = 0; i < n && st == SKY_OK; i++)
        st = sky__nav_need(r, &rec, i, &c[i]);
    if (st != SKY_OK)
        return st;
    if (!nequick)
        return store_klobuchar(r, h->sys, c);
    memcpy(r->nav->iono.gal_ai, c, sizeof r->nav->iono.gal_ai);
    r->nav->iono.gal_storm_flags = (int)(fabs(rec.v[3]) < 256 ? rec.v[3] : 0);
    r->nav->iono.has_gal_nequick = true;
    return SKY_OK;
}

static sky_status_t read_eph(sky__navrd_t *r, const v4_head_t *h)
{
    char id[4] = {0, 0, 0, 0};
    memcpy(id, r->line, r->len < 3 ? r->len : 3);
    sky_sat_t sat;
    if (h->sat.prn == 0 || sky_sat_parse(id, SKY_SYS_NONE, &sat) != SKY_OK ||
        !sky_sat_eq(sat, h->sat))
        return sky__nav_fail_line(r, SKY_E_FORMAT, "SAT",
                                  "found \"%s\", expected the satellite of the record header "
                                  "\"%s\"", id, h->sat_id);
    return sky__nav_read_eph(r, h->sys, h->msg);
}

sky_status_t sky__nav_read_v4_record(sky__navrd_t *r)
{
    v4_head_t h;
    sky_status_t st = parse_head(r, &h);
    if (st != SKY_OK)
        return st;
    bool eph = strcmp(h.kind, "EPH") == 0;
    bool known = (eph && sky__nav_eph_known(h.sys, h.msg)) || strcmp(h.kind, "STO") == 0 ||
                 strcmp(h.kind, "EOP") == 0 || strcmp(h.kind, "ION") == 0;
    long head_line = r->src->lineno;
    int extra = 0;
    if (!known) { /* every RINEX 4 record starts with '>': skip to the next one */
        st = skip_to_next_record(r, &extra);
        sky_log(r->nav->ctx, SKY_LOG_WARN, r->src->path, head_line,
                "skipped record \"> %s %s %s\" of unknown type (%d lines)", h.kind, h.sat_id,
                h.msg, extra);
        return st;
    }
    st = body_line(r, &h);
    if (st != SKY_OK)
        return st;
    if (eph)
        st = read_eph(r, &h);
    else if (h.kind[0] == 'S')
        st = read_sto(r, &h);
    else if (h.kind[0] == 'E')
        st = read_eop(r, &h);
    else
        st = read_ion(r, &h);
    if (st == SKY_OK)
        st = skip_to_next_record(r, &extra);
    if (st == SKY_OK && extra > 0)
        sky_log(r->nav->ctx, SKY_LOG_WARN, r->src->path, head_line,
                "record \"> %s %s %s\": %d lines beyond its layout ignored", h.kind, h.sat_id,
                h.msg, extra);
    return st;
}
