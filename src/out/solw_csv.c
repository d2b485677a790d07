/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: solutions as CSV: one header row, one row per epoch, empty fields for unknowns.
 * References:
 *  [1] RFC 4180 (2005-10) Common Format for CSV Files
 *  [2] ISO 8601-1:2019 §5.4 (date and time, "T" separator, "Z" for UTC)
 *  [3] RTKLIB 2.4.3 manual (2020), Appendix B.2 (Q numbering, ENU standard deviations) */
#include <math.h>

#include "out/solw_int.h"
#include "skyfix/coord.h"

static const char csv_header[] =
    "time_gpst,time_utc,lat_deg,lon_deg,height_m,x_ecef_m,y_ecef_m,z_ecef_m,"
    "vel_e_mps,vel_n_mps,vel_u_mps,q,ns,gdop,pdop,hdop,vdop,sdn_m,sde_m,sdu_m\n";

sky_status_t sky__csv_header(sky_solw_t *w, sky_error_t *err)
{
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "%s", csv_header);
    return sky__solw_emit(w, &b, err);
}

static void put_times(sky__sbuf_t *b, const sky_solw_t *w, sky_time_t t)
{
    sky__tstamp_t ts;
    sky__tstamp(w, t, SKY_TS_GPS, w->opts.time_decimals, &ts);
    sky__sbuf_tstamp(b, &ts, '-', 'T');
    sky__sbuf_printf(b, ",");
    sky__tstamp(w, t, SKY_TS_UTC, w->opts.time_decimals, &ts);
    sky__sbuf_tstamp(b, &ts, '-', 'T');
    sky__sbuf_printf(b, "Z");
}

static void put_position(sky__sbuf_t *b, const sky_solution_t *sol, bool have_pos,
                         const double llh_deg[3])
{
    static const int dec_llh[3] = {9, 9, 4};
    for (int i = 0; i < 3; i++) {
        sky__sbuf_printf(b, ",");
        sky__sbuf_num(b, have_pos ? llh_deg[i] : NAN, dec_llh[i], "");
    }
    for (int i = 0; i < 3; i++) {
        sky__sbuf_printf(b, ",");
        sky__sbuf_num(b, have_pos ? sol->pos_ecef_m[i] : NAN, 4, "");
    }
    double venu[3] = {NAN, NAN, NAN};
    if (have_pos)
        sky__sol_vel_enu(sol, llh_deg, venu);
    for (int i = 0; i < 3; i++) {
        sky__sbuf_printf(b, ",");
        sky__sbuf_num(b, venu[i], 4, "");
    }
}

static void put_quality(sky__sbuf_t *b, const sky_solution_t *sol, bool have_pos,
                        const double llh_deg[3])
{
    sky__sbuf_printf(b, ",%d,%d", have_pos ? (int)sol->quality : 0, sol->nsat);
    const double dop[4] = {sol->gdop, sol->pdop, sol->hdop, sol->vdop};
    for (int i = 0; i < 4; i++) {
        sky__sbuf_printf(b, ",");
        sky__sbuf_num(b, have_pos ? dop[i] : NAN, 2, "");
    }
    double q[6] = {NAN, NAN, NAN, NAN, NAN, NAN}; /* ee nn uu en eu nu [3] */
    if (have_pos) {
        const double llh_rad[3] = {llh_deg[0] * SKY_DEG2RAD, llh_deg[1] * SKY_DEG2RAD,
                                   llh_deg[2]};
        sky__cov_enu(sol->cov_pos_m2, llh_rad, q);
    }
    const double var[3] = {q[1], q[0], q[2]}; /* n, e, u */
    for (int i = 0; i < 3; i++) {
        sky__sbuf_printf(b, ",");
        sky__sbuf_num(b, isfinite(var[i]) && var[i] >= 0.0 ? sqrt(var[i]) : NAN, 4, "");
    }
}

sky_status_t sky__csv_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err)
{
    double llh_deg[3] = {NAN, NAN, NAN};
    bool have_pos = sol->quality != SKY_SOLQ_NONE && sky__sol_llh_deg(sol, llh_deg);
    if (!have_pos && !w->opts.write_none)
        return SKY_OK;
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    put_times(&b, w, sol->time);
    put_position(&b, sol, have_pos, llh_deg);
    put_quality(&b, sol, have_pos, llh_deg);
    sky__sbuf_printf(&b, "\n");
    sky_status_t rc = sky__solw_emit(w, &b, err);
    if (rc == SKY_OK)
        w->nwritten++;
    return rc;
}
