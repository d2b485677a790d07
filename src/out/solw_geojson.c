/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: solutions as a GeoJSON FeatureCollection of Point features with properties.
 * References:
 *  [1] RFC 7946 (2016-08) The GeoJSON Format: §3.1.1 (position = [lon, lat, height], WGS 84),
 *      §3.2 (Feature), §3.3 (FeatureCollection)
 *  [2] RFC 8259 (2017-12) JSON: §6 (numbers: no NaN or Infinity; unknowns written as null)
 *  [3] ISO 8601-1:2019 §5.4 (date and time) */
#include <math.h>

#include "out/solw_int.h"
#include "skyfix/coord.h"

sky_status_t sky__geojson_begin(sky_solw_t *w, sky_error_t *err)
{
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
    return sky__solw_emit(w, &b, err);
}

sky_status_t sky__geojson_end(sky_solw_t *w, sky_error_t *err)
{
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "\n]}\n");
    return sky__solw_emit(w, &b, err);
}

/* ,"name":value with null for non-finite numbers [2] §6 */
static void put_prop(sky__sbuf_t *b, const char *name, double v, int decimals)
{
    sky__sbuf_printf(b, ",\"%s\":", name);
    sky__sbuf_num(b, v, decimals, "null");
}

static void put_time_prop(sky__sbuf_t *b, const sky_solw_t *w, const char *name, sky_time_t t,
                          sky_timesys_t ts)
{
    sky__tstamp_t st;
    sky__tstamp(w, t, ts, w->opts.time_decimals, &st);
    sky__sbuf_printf(b, "\"%s\":\"", name);
    sky__sbuf_tstamp(b, &st, '-', 'T');
    sky__sbuf_printf(b, "%s\"", ts == SKY_TS_UTC ? "Z" : "");
}

static void put_properties(sky__sbuf_t *b, const sky_solw_t *w, const sky_solution_t *sol,
                           const double llh_deg[3])
{
    sky__sbuf_printf(b, ",\"properties\":{");
    put_time_prop(b, w, "time_gpst", sol->time, SKY_TS_GPS);
    sky__sbuf_printf(b, ",");
    put_time_prop(b, w, "time_utc", sol->time, SKY_TS_UTC);
    sky__sbuf_printf(b, ",\"quality\":%d,\"quality_name\":\"%s\",\"ns\":%d", (int)sol->quality,
                     sky__solq_name(sol->quality), sol->nsat);
    put_prop(b, "gdop", sol->gdop, 2);
    put_prop(b, "pdop", sol->pdop, 2);
    put_prop(b, "hdop", sol->hdop, 2);
    put_prop(b, "vdop", sol->vdop, 2);
    double q[6]; /* ee nn uu en eu nu */
    const double llh_rad[3] = {llh_deg[0] * SKY_DEG2RAD, llh_deg[1] * SKY_DEG2RAD,
                               llh_deg[2]};
    sky__cov_enu(sol->cov_pos_m2, llh_rad, q);
    put_prop(b, "sdn_m", q[1] >= 0.0 ? sqrt(q[1]) : NAN, 4);
    put_prop(b, "sde_m", q[0] >= 0.0 ? sqrt(q[0]) : NAN, 4);
    put_prop(b, "sdu_m", q[2] >= 0.0 ? sqrt(q[2]) : NAN, 4);
    double venu[3] = {NAN, NAN, NAN};
    sky__sol_vel_enu(sol, llh_deg, venu);
    put_prop(b, "vel_e_mps", venu[0], 4);
    put_prop(b, "vel_n_mps", venu[1], 4);
    put_prop(b, "vel_u_mps", venu[2], 4);
    sky__sbuf_printf(b, "}");
}

sky_status_t sky__geojson_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err)
{
    double llh_deg[3];
    if (sol->quality == SKY_SOLQ_NONE || !sky__sol_llh_deg(sol, llh_deg))
        return SKY_OK; /* a Point needs a position [1] §3.1.2 */
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "%s\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                         "\"coordinates\":[%.9f,%.9f,%.4f]}",
                     w->nwritten ? "," : "", llh_deg[1], llh_deg[0], llh_deg[2]);
    put_properties(&b, w, sol, llh_deg);
    sky__sbuf_printf(&b, "}");
    sky_status_t rc = sky__solw_emit(w, &b, err);
    if (rc == SKY_OK)
        w->nwritten++;
    return rc;
}
