/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: NMEA 0183 output of solutions: GGA, RMC, GSA (per system) and GSV (per system).
 * References:
 *  [1] NMEA 0183 Interface Standard v4.11 (2018-11): §5.3 (sentence layout, CR LF),
 *      §6.3 (checksum: XOR of the characters between '$' and '*', two hex digits), sentences
 *      GGA, RMC, GSA (system ID field, v4.10+), GSV; talkers GP GL GA GB GQ GI GN
 *  [2] NMEA 0183 v4.11 Table 20 (satellite ID numbering: GPS 1-32, SBAS 33-64 = PRN-87,
 *      GLONASS 65-96 = 64+slot, Galileo 1-36, BeiDou 1-63, QZSS 1-10, NavIC 1-14)
 *  [3] RTKLIB 2.4.3 solution.c conventions: GGA quality 3 used for PPP solutions */
#include <math.h>
#include <string.h>

#include "out/solw_int.h"
#include "skyfix/coord.h"
#include "skyfix/sat.h"

#define KNOT_MPS (1852.0 / 3600.0) /* 1 international knot, m/s */
#define GSA_SLOTS 12               /* [1] GSA: 12 satellite ID fields */
#define GSV_PER_MSG 4              /* [1] GSV: 4 satellites per sentence */
#define GSV_MAX_MSGS 9             /* [1] GSV: message count is one digit */

/* Talker groups in output order; GPS and SBAS share "GP" [1]. */
typedef enum { TK_GP = 0, TK_GL, TK_GA, TK_GB, TK_GQ, TK_GI, TK_COUNT } talker_t;

static const char *const talker_id[TK_COUNT] = {"GP", "GL", "GA", "GB", "GQ", "GI"};
static const int gsa_system_id[TK_COUNT] = {1, 2, 3, 4, 5, 6}; /* [1] GSA system ID */

static int sys_talker(int sys)
{
    switch (sys) {
    case SKY_SYS_GPS:
    case SKY_SYS_SBS:
        return TK_GP;
    case SKY_SYS_GLO:
        return TK_GL;
    case SKY_SYS_GAL:
        return TK_GA;
    case SKY_SYS_BDS:
        return TK_GB;
    case SKY_SYS_QZS:
        return TK_GQ;
    case SKY_SYS_IRN:
        return TK_GI;
    default:
        return -1;
    }
}

/* NMEA satellite ID [2]; 0 when the satellite has none. */
static int nmea_sat_id(sky_sat_t s)
{
    switch (s.sys) {
    case SKY_SYS_GLO:
        return 64 + s.prn;
    case SKY_SYS_SBS:
        return s.prn + 100 - 87; /* RINEX S20 = PRN 120 -> 33 */
    default:
        return sys_talker(s.sys) >= 0 ? s.prn : 0;
    }
}

unsigned sky__nmea_checksum(const char *body, size_t len)
{
    unsigned x = 0;
    for (size_t i = 0; i < len; i++)
        x ^= (unsigned char)body[i];
    return x & 0xffu;
}

/* Close the sentence in b started at offset start ('$'): "*hh\r\n" [1] §6.3. */
static void end_sentence(sky__sbuf_t *b, size_t start)
{
    if (b->overflow)
        return;
    unsigned cs = sky__nmea_checksum(b->buf + start + 1, b->len - start - 1);
    sky__sbuf_printf(b, "*%02X\r\n", cs);
}

/* ddmm.mmmmm / dddmm.mmmmm with hemisphere letter; empty fields when !ok. */
static void put_angle(sky__sbuf_t *b, double deg, int deg_digits, int dec, char pos, char neg)
{
    double a = fabs(deg);
    double whole = floor(a);
    long long scale = 1;
    for (int i = 0; i < dec; i++)
        scale *= 10;
    long long units = llround((a - whole) * 60.0 * (double)scale);
    if (units >= 60 * scale) { /* minutes rounded up to 60 */
        units -= 60 * scale;
        whole += 1.0;
    }
    sky__sbuf_printf(b, ",%0*d%02lld.%0*lld,%c", deg_digits, (int)whole, units / scale, dec,
                     units % scale, deg < 0.0 ? neg : pos);
}

static void put_utc_time(sky__sbuf_t *b, const sky__tstamp_t *ts)
{
    sky__sbuf_printf(b, ",%02d%02d%02d.%02lld", ts->civil.hour, ts->civil.min,
                     (int)floor(ts->civil.sec + 0.5), ts->frac_units);
}

static int nmea_quality(int q)
{
    static const int map[] = {0, 4, 5, 2, 2, 1, 3}; /* [1] GGA; PPP as 3 per [3] */
    return (q >= 0 && q <= SKY_SOLQ_PPP) ? map[q] : 0;
}

typedef struct {
    sky__tstamp_t utc;
    bool fix;
    double llh_deg[3];
    unsigned used_talkers; /* bit per talker_t of used satellites */
    const char *talker;    /* "GN" when several groups are used */
    bool mixed;
} nmea_epoch_t;

static void put_gga(sky__sbuf_t *b, const sky_solw_t *w, const nmea_epoch_t *e,
                    const sky_solution_t *sol)
{
    size_t start = b->len;
    sky__sbuf_printf(b, "$%sGGA", e->talker);
    put_utc_time(b, &e->utc);
    if (!e->fix) {
        sky__sbuf_printf(b, ",,,,,0,%02d,,,,,,,", sol->nsat > 0 ? sol->nsat : 0);
        end_sentence(b, start);
        return;
    }
    int dec = w->opts.nmea_min_decimals;
    put_angle(b, e->llh_deg[0], 2, dec, 'N', 'S');
    put_angle(b, e->llh_deg[1], 3, dec, 'E', 'W');
    sky__sbuf_printf(b, ",%d,%02d,", nmea_quality(sol->quality), sol->nsat);
    sky__sbuf_num(b, sol->hdop, 1, "");
    /* No geoid model: altitude is the ellipsoidal height, geoid separation 0 [1] GGA. */
    sky__sbuf_printf(b, ",%.3f,M,0.000,M,", e->llh_deg[2]);
    if (sol->quality != SKY_SOLQ_SINGLE && isfinite(sol->age_s) && sol->age_s > 0.0)
        sky__sbuf_printf(b, "%.1f", fmin(sol->age_s, 9999.9));
    sky__sbuf_printf(b, ",");
    end_sentence(b, start);
}

static char rmc_mode(int q)
{
    static const char map[] = {'N', 'R', 'F', 'D', 'D', 'A', 'P'}; /* [1] RMC mode */
    return (q >= 0 && q <= SKY_SOLQ_PPP) ? map[q] : 'N';
}

static void put_rmc_velocity(sky__sbuf_t *b, const nmea_epoch_t *e, const sky_solution_t *sol)
{
    const double llh_rad[3] = {e->llh_deg[0] * SKY_DEG2RAD, e->llh_deg[1] * SKY_DEG2RAD, 0.0};
    double enu[3];
    if (!isfinite(sol->vel_ecef_mps[0]) || !isfinite(sol->vel_ecef_mps[1]) ||
        !isfinite(sol->vel_ecef_mps[2])) {
        sky__sbuf_printf(b, ",,");
        return;
    }
    sky_ecef_to_enu(sol->vel_ecef_mps, llh_rad, enu);
    double speed_kn = hypot(enu[0], enu[1]) / KNOT_MPS;
    double course_deg = atan2(enu[0], enu[1]) * SKY_RAD2DEG;
    if (course_deg < 0.0)
        course_deg += 360.0;
    if (course_deg >= 359.95)
        course_deg = 0.0;
    sky__sbuf_printf(b, ",%.2f,%.1f", fmin(speed_kn, 99999.0), course_deg);
}

static void put_rmc(sky__sbuf_t *b, const sky_solw_t *w, const nmea_epoch_t *e,
                    const sky_solution_t *sol)
{
    size_t start = b->len;
    sky__sbuf_printf(b, "$%sRMC", e->talker);
    put_utc_time(b, &e->utc);
    if (e->fix) {
        sky__sbuf_printf(b, ",A");
        put_angle(b, e->llh_deg[0], 2, w->opts.nmea_min_decimals, 'N', 'S');
        put_angle(b, e->llh_deg[1], 3, w->opts.nmea_min_decimals, 'E', 'W');
        put_rmc_velocity(b, e, sol);
    } else {
        sky__sbuf_printf(b, ",V,,,,,,");
    }
    const sky_civil_t *c = &e->utc.civil;
    sky__sbuf_printf(b, ",%02d%02d%02d,,,%c", c->day, c->month, c->year % 100,
                     e->fix ? rmc_mode(sol->quality) : 'N');
    end_sentence(b, start);
}

static int solution_nsats(const sky_solution_t *sol)
{
    int n = sol->nsat_view;
    if (n < 0)
        return 0;
    return n > SKY_SOL_MAXSAT ? SKY_SOL_MAXSAT : n;
}

/* One GSA sentence with up to 12 used satellites of talker group tk starting at *from. */
static void put_gsa_one(sky__sbuf_t *b, const nmea_epoch_t *e, const sky_solution_t *sol,
                        int tk, int *from)
{
    size_t start = b->len;
    int nslot = 0;
    sky__sbuf_printf(b, "$%sGSA,A,%d", e->talker, e->fix ? 3 : 1);
    int n = solution_nsats(sol);
    for (; *from < n && nslot < GSA_SLOTS; (*from)++) {
        const sky_solsat_t *s = &sol->sats[*from];
        if (!s->used || sys_talker(s->sat.sys) != tk || nmea_sat_id(s->sat) <= 0)
            continue;
        sky__sbuf_printf(b, ",%02d", nmea_sat_id(s->sat));
        nslot++;
    }
    for (; nslot < GSA_SLOTS; nslot++)
        sky__sbuf_printf(b, ",");
    const double dop[3] = {sol->pdop, sol->hdop, sol->vdop};
    for (int i = 0; i < 3; i++) {
        sky__sbuf_printf(b, ",");
        if (e->fix)
            sky__sbuf_num(b, fmin(dop[i], 99.9), 1, "");
    }
    if (e->mixed)
        sky__sbuf_printf(b, ",%d", gsa_system_id[tk]);
    end_sentence(b, start);
}

static bool more_used(const sky_solution_t *sol, int tk, int from)
{
    int n = solution_nsats(sol);
    for (int i = from; i < n; i++)
        if (sol->sats[i].used && sys_talker(sol->sats[i].sat.sys) == tk &&
            nmea_sat_id(sol->sats[i].sat) > 0)
            return true;
    return false;
}

static void put_gsa(sky__sbuf_t *b, const nmea_epoch_t *e, const sky_solution_t *sol)
{
    if (!e->used_talkers) { /* no satellite used: one empty GSA */
        int from = solution_nsats(sol);
        put_gsa_one(b, e, sol, TK_GP, &from);
        return;
    }
    for (int tk = 0; tk < TK_COUNT; tk++) {
        int from = 0;
        while (more_used(sol, tk, from))
            put_gsa_one(b, e, sol, tk, &from);
    }
}

static void put_gsv_sat(sky__sbuf_t *b, const sky_solsat_t *s)
{
    sky__sbuf_printf(b, ",%02d,", nmea_sat_id(s->sat));
    if (isfinite(s->el_rad))
        sky__sbuf_printf(b, "%02d", (int)lround(fmin(fmax(s->el_rad * SKY_RAD2DEG, 0.0), 90.0)));
    sky__sbuf_printf(b, ",");
    if (isfinite(s->az_rad)) {
        double az = fmod(s->az_rad * SKY_RAD2DEG, 360.0);
        long a = lround(az < 0.0 ? az + 360.0 : az);
        sky__sbuf_printf(b, "%03ld", a >= 360 ? 0 : a);
    }
    sky__sbuf_printf(b, ",");
    if (isfinite(s->snr_dbhz))
        sky__sbuf_printf(b, "%02d", (int)lround(fmin(fmax(s->snr_dbhz, 0.0), 99.0)));
}

static void put_gsv_group(sky__sbuf_t *b, const sky_solution_t *sol, int tk)
{
    int idx[GSV_PER_MSG * GSV_MAX_MSGS];
    int nv = 0;
    int n = solution_nsats(sol);
    for (int i = 0; i < n && nv < GSV_PER_MSG * GSV_MAX_MSGS; i++)
        if (sys_talker(sol->sats[i].sat.sys) == tk && nmea_sat_id(sol->sats[i].sat) > 0)
            idx[nv++] = i;
    int nmsg = (nv + GSV_PER_MSG - 1) / GSV_PER_MSG;
    for (int m = 0; m < nmsg; m++) {
        size_t start = b->len;
        sky__sbuf_printf(b, "$%sGSV,%d,%d,%02d", talker_id[tk], nmsg, m + 1, nv);
        for (int k = m * GSV_PER_MSG; k < nv && k < (m + 1) * GSV_PER_MSG; k++)
            put_gsv_sat(b, &sol->sats[idx[k]]);
        end_sentence(b, start);
    }
}

static void epoch_setup(const sky_solw_t *w, const sky_solution_t *sol, nmea_epoch_t *e)
{
    memset(e, 0, sizeof *e);
    sky__tstamp(w, sol->time, SKY_TS_UTC, 2, &e->utc);
    e->fix = sol->quality != SKY_SOLQ_NONE && sky__sol_llh_deg(sol, e->llh_deg);
    int n = solution_nsats(sol);
    for (int i = 0; i < n; i++) {
        int tk = sys_talker(sol->sats[i].sat.sys);
        if (sol->sats[i].used && tk >= 0)
            e->used_talkers |= 1u << tk;
    }
    unsigned u = e->used_talkers;
    e->mixed = u != 0 && (u & (u - 1)) != 0;
    e->talker = e->mixed ? "GN" : "GP";
    for (int tk = 0; tk < TK_COUNT && !e->mixed; tk++)
        if (u == (1u << tk))
            e->talker = talker_id[tk];
}

sky_status_t sky__nmea_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err)
{
    nmea_epoch_t e;
    epoch_setup(w, sol, &e);
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    unsigned sel = w->opts.nmea_sentences;
    if (sel & SKY_NMEA_GGA)
        put_gga(&b, w, &e, sol);
    if (sel & SKY_NMEA_RMC)
        put_rmc(&b, w, &e, sol);
    if (sel & SKY_NMEA_GSA)
        put_gsa(&b, &e, sol);
    if (sel & SKY_NMEA_GSV)
        for (int tk = 0; tk < TK_COUNT; tk++)
            put_gsv_group(&b, sol, tk);
    sky_status_t rc = sky__solw_emit(w, &b, err);
    if (rc == SKY_OK)
        w->nwritten++;
    return rc;
}
