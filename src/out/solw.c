/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: the solution writer handle, format dispatch and the helpers all formats share.
 * References:
 *  [1] RTKLIB 2.4.3 manual (2020), Appendix B.2 (.pos layout, Q numbering)
 *  [2] NIMA TR8350.2 3rd ed. (2000-01-03) §4 (local geodetic frame for covariances) */
#include "out/solw_int.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "skyfix/coord.h"

typedef struct {
    const char *name;
    sky_solfmt_t fmt;
} solfmt_name_t;

static const solfmt_name_t solfmt_names[] = {
    {"pos", SKY_SOLFMT_POS_LLH},  {"llh", SKY_SOLFMT_POS_LLH}, {"xyz", SKY_SOLFMT_POS_XYZ},
    {"nmea", SKY_SOLFMT_NMEA},    {"csv", SKY_SOLFMT_CSV},     {"geojson", SKY_SOLFMT_GEOJSON},
    {"kml", SKY_SOLFMT_KML},
};

sky_status_t sky_solfmt_parse(const char *name, sky_solfmt_t *fmt)
{
    if (!name || !fmt)
        return SKY_E_ARG;
    for (size_t i = 0; i < sizeof solfmt_names / sizeof *solfmt_names; i++) {
        if (strcmp(name, solfmt_names[i].name) == 0) {
            *fmt = solfmt_names[i].fmt;
            return SKY_OK;
        }
    }
    return SKY_E_ARG;
}

const char *sky_solfmt_name(sky_solfmt_t fmt)
{
    static const char *const names[SKY_SOLFMT_COUNT] = {"llh", "xyz", "nmea", "csv", "geojson",
                                                        "kml"};
    if ((int)fmt < 0 || fmt >= SKY_SOLFMT_COUNT)
        return "unknown";
    return names[fmt];
}

void sky_solw_opts_default(sky_solw_opts_t *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->time_sys = SKY_TS_GPS;
    opts->time_decimals = 3;
    opts->nmea_min_decimals = 5;
    opts->nmea_sentences = SKY_NMEA_GGA | SKY_NMEA_RMC | SKY_NMEA_GSA | SKY_NMEA_GSV;
    opts->sink_name = "";
}

static sky_status_t check_opts(const sky_solw_opts_t *o, sky_error_t *err)
{
    if (o->time_sys != SKY_TS_GPS && o->time_sys != SKY_TS_UTC)
        return sky_error_set(err, SKY_E_ARG, "", 0, "time_sys",
                             "found time system %d, expected GPS or UTC", (int)o->time_sys);
    if (o->time_decimals < 0 || o->time_decimals > 9)
        return sky_error_set(err, SKY_E_ARG, "", 0, "time_decimals",
                             "found %d, expected 0..9", o->time_decimals);
    if (o->nmea_min_decimals < 4 || o->nmea_min_decimals > 8)
        return sky_error_set(err, SKY_E_ARG, "", 0, "nmea_min_decimals",
                             "found %d, expected 4..8", o->nmea_min_decimals);
    return SKY_OK;
}

sky_status_t sky_solw_new(const sky_ctx_t *ctx, sky_solfmt_t fmt, const sky_solw_opts_t *opts,
                          FILE *sink, sky_solw_t **out, sky_error_t *err)
{
    if (!out)
        return sky_error_set(err, SKY_E_ARG, "", 0, "out", "found NULL, expected a pointer");
    *out = NULL;
    if ((int)fmt < 0 || fmt >= SKY_SOLFMT_COUNT || !sink)
        return sky_error_set(err, SKY_E_ARG, "", 0, "format",
                             "found format %d / sink %s, expected a format and a sink",
                             (int)fmt, sink ? "set" : "NULL");
    sky_solw_opts_t def;
    sky_solw_opts_default(&def);
    if (!opts)
        opts = &def;
    sky_status_t rc = check_opts(opts, err);
    if (rc != SKY_OK)
        return rc;
    sky_solw_t *w = sky_calloc(ctx, 1, sizeof *w);
    if (!w)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory for the writer, "
                             "expected %zu bytes", sizeof *w);
    w->ctx = ctx;
    w->fmt = fmt;
    w->opts = *opts;
    w->sink = sink;
    const char *nm = (opts->sink_name && *opts->sink_name) ? opts->sink_name : "<output>";
    snprintf(w->name, sizeof w->name, "%s", nm);
    w->opts.sink_name = w->name;
    *out = w;
    return SKY_OK;
}

static sky_status_t open_document(sky_solw_t *w, const sky_solw_info_t *info, sky_error_t *err)
{
    w->started = true;
    switch (w->fmt) {
    case SKY_SOLFMT_POS_LLH:
    case SKY_SOLFMT_POS_XYZ:
        return sky__pos_header(w, info, err);
    case SKY_SOLFMT_CSV:
        return sky__csv_header(w, err);
    case SKY_SOLFMT_GEOJSON:
        return sky__geojson_begin(w, err);
    case SKY_SOLFMT_KML:
        return sky__kml_begin(w, err);
    default:
        return SKY_OK; /* NMEA has no header */
    }
}

sky_status_t sky_solw_header(sky_solw_t *w, const sky_solw_info_t *info, sky_error_t *err)
{
    if (!w)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found NULL writer, expected one");
    if (w->started || w->finished)
        return sky_error_set(err, SKY_E_ARG, w->name, 0, "header",
                             "found the header requested after output began, expected it first");
    return open_document(w, info, err);
}

sky_status_t sky_solw_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err)
{
    if (!w || !sol)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found NULL writer or solution");
    if (w->finished)
        return sky_error_set(err, SKY_E_ARG, w->name, 0, "write",
                             "found a solution after finish, expected none");
    if (!w->started) {
        sky_status_t rc = open_document(w, NULL, err);
        if (rc != SKY_OK)
            return rc;
    }
    switch (w->fmt) {
    case SKY_SOLFMT_POS_LLH:
    case SKY_SOLFMT_POS_XYZ:
        return sky__pos_write(w, sol, err);
    case SKY_SOLFMT_NMEA:
        return sky__nmea_write(w, sol, err);
    case SKY_SOLFMT_CSV:
        return sky__csv_write(w, sol, err);
    case SKY_SOLFMT_GEOJSON:
        return sky__geojson_write(w, sol, err);
    case SKY_SOLFMT_KML:
        return sky__kml_write(w, sol, err);
    default:
        return SKY_E_ARG;
    }
}

sky_status_t sky_solw_finish(sky_solw_t *w, sky_error_t *err)
{
    if (!w)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found NULL writer, expected one");
    if (w->finished)
        return SKY_OK;
    sky_status_t rc = SKY_OK;
    if (!w->started)
        rc = open_document(w, NULL, err);
    if (rc == SKY_OK && w->fmt == SKY_SOLFMT_GEOJSON)
        rc = sky__geojson_end(w, err);
    if (rc == SKY_OK && w->fmt == SKY_SOLFMT_KML)
        rc = sky__kml_end(w, err);
    w->finished = true;
    if (rc == SKY_OK && (fflush(w->sink) != 0 || ferror(w->sink)))
        rc = sky_error_set(err, SKY_E_IO, w->name, 0, "", "found a write error on flush, "
                           "expected the output to be written");
    return rc;
}

void sky_solw_delete(sky_solw_t *w)
{
    if (!w)
        return;
    sky_free(w->ctx, w->track);
    sky_free(w->ctx, w);
}

/* ---- shared helpers ---- */

void sky__sbuf_reset(sky__sbuf_t *b)
{
    b->len = 0;
    b->overflow = false;
    b->buf[0] = '\0';
}

void sky__sbuf_printf(sky__sbuf_t *b, const char *fmt, ...)
{
    if (b->overflow)
        return;
    size_t room = sizeof b->buf - b->len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->buf + b->len, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        b->overflow = true;
        b->buf[b->len] = '\0';
        return;
    }
    b->len += (size_t)n;
}

void sky__sbuf_num(sky__sbuf_t *b, double v, int decimals, const char *nan_text)
{
    if (isfinite(v))
        sky__sbuf_printf(b, "%.*f", decimals, v);
    else
        sky__sbuf_printf(b, "%s", nan_text);
}

sky_status_t sky__solw_emit(sky_solw_t *w, sky__sbuf_t *b, sky_error_t *err)
{
    if (b->overflow)
        return sky_error_set(err, SKY_E_RANGE, w->name, 0, "", "found a record longer than %d "
                             "bytes, expected a shorter one", SKY__SOLW_LINE_MAX);
    if (b->len && fwrite(b->buf, 1, b->len, w->sink) != b->len)
        return sky_error_set(err, SKY_E_IO, w->name, 0, "", "found a write error after %ld "
                             "records, expected %zu bytes written", w->nwritten, b->len);
    return SKY_OK;
}

void sky__tstamp(const sky_solw_t *w, sky_time_t t_gpst, sky_timesys_t ts, int decimals,
                 sky__tstamp_t *out)
{
    const sky_leap_table_t *leaps = w && w->ctx ? w->ctx->leaps : NULL;
    sky_time_t t = ts == SKY_TS_UTC ? sky_time_from_gpst_to(t_gpst, SKY_TS_UTC, leaps) : t_gpst;
    long long scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    long long units = llround(t.frac_s * (double)scale);
    if (units >= scale) { /* the fraction rounded up to the next whole second */
        units -= scale;
        t.sec += 1;
    }
    t.frac_s = 0.0;
    sky_time_to_civil(t, &out->civil);
    out->frac_units = units;
    out->decimals = decimals;
}

void sky__sbuf_tstamp(sky__sbuf_t *b, const sky__tstamp_t *ts, char dsep, char tsep)
{
    const sky_civil_t *c = &ts->civil;
    sky__sbuf_printf(b, "%04d%c%02d%c%02d%c%02d:%02d:%02d", c->year, dsep, c->month, dsep,
                     c->day, tsep, c->hour, c->min, (int)floor(c->sec + 0.5));
    if (ts->decimals > 0)
        sky__sbuf_printf(b, ".%0*lld", ts->decimals, ts->frac_units);
}

bool sky__sol_llh_deg(const sky_solution_t *sol, double llh_deg[3])
{
    const double *r = sol->pos_ecef_m;
    if (!isfinite(r[0]) || !isfinite(r[1]) || !isfinite(r[2]))
        return false;
    if (r[0] * r[0] + r[1] * r[1] + r[2] * r[2] < 1.0)
        return false;
    double llh[3];
    sky_ecef_to_geod(r, llh);
    llh_deg[0] = llh[0] * SKY_RAD2DEG;
    llh_deg[1] = llh[1] * SKY_RAD2DEG;
    llh_deg[2] = llh[2];
    return isfinite(llh_deg[0]) && isfinite(llh_deg[1]) && isfinite(llh_deg[2]);
}

/* Q_enu = R Q_ecef R^T with R the ECEF->ENU rotation [2]. */
void sky__cov_enu(const double cov_ecef_m2[6], const double llh_rad[3], double cov_enu_m2[6])
{
    const double *c = cov_ecef_m2;
    const double q[9] = {c[0], c[3], c[5], c[3], c[1], c[4], c[5], c[4], c[2]};
    double r[9], rq[9], out[9];
    sky_enu_matrix(llh_rad, r);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            rq[i * 3 + j] = r[i * 3] * q[j] + r[i * 3 + 1] * q[3 + j] + r[i * 3 + 2] * q[6 + j];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i * 3 + j] = rq[i * 3] * r[j * 3] + rq[i * 3 + 1] * r[j * 3 + 1] +
                             rq[i * 3 + 2] * r[j * 3 + 2];
    cov_enu_m2[0] = out[0];
    cov_enu_m2[1] = out[4];
    cov_enu_m2[2] = out[8];
    cov_enu_m2[3] = out[1];
    cov_enu_m2[4] = out[2];
    cov_enu_m2[5] = out[5];
}

double sky__sd(double var)
{
    return (isfinite(var) && var > 0.0) ? sqrt(var) : 0.0;
}

double sky__sd_signed(double cov)
{
    if (!isfinite(cov))
        return 0.0;
    return cov < 0.0 ? -sqrt(-cov) : sqrt(cov);
}

const char *sky__solq_name(int q)
{
    static const char *const names[] = {"none", "fix", "float", "sbas", "dgps", "single", "ppp"};
    if (q < 0 || q > SKY_SOLQ_PPP)
        return "unknown";
    return names[q];
}

bool sky__sol_vel_enu(const sky_solution_t *sol, const double llh_deg[3], double vel_enu_mps[3])
{
    const double *v = sol->vel_ecef_mps;
    if (!isfinite(v[0]) || !isfinite(v[1]) || !isfinite(v[2]))
        return false;
    const double llh_rad[3] = {llh_deg[0] * SKY_DEG2RAD, llh_deg[1] * SKY_DEG2RAD, llh_deg[2]};
    sky_ecef_to_enu(v, llh_rad, vel_enu_mps);
    return true;
}
