/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RTKLIB-compatible .pos solution files (lat/lon/height or ECEF), readable by
 * RTKLIB's rtkplot and pos2kml.
 * References:
 *  [1] RTKLIB 2.4.3 manual (2020), Appendix B.2 "Solution file" (header lines, columns:
 *      time, lat(deg) %14.9f, lon(deg) %14.9f, height(m) %10.4f, Q %3d, ns %3d, six
 *      standard deviations %8.4f in m (signed square roots for covariances), age %6.2f,
 *      ratio %6.1f; ECEF variant with x/y/z %14.4f)
 *  [2] NIMA TR8350.2 3rd ed. (2000-01-03) (WGS 84 ellipsoid for lat/lon/height) */
#include <math.h>
#include <string.h>

#include "out/solw_int.h"
#include "skyfix/coord.h"
#include "skyfix/sat.h"

/* Width of the time column: "YYYY/MM/DD hh:mm:ss.fff" or "wwww ssssss.fff" [1]. */
static int time_width(const sky_solw_t *w)
{
    int d = w->opts.time_decimals;
    int frac = d > 0 ? d + 1 : 0;
    return w->opts.time_week_tow ? 4 + 1 + 6 + frac : 19 + frac;
}

static void put_time(sky__sbuf_t *b, const sky_solw_t *w, sky_time_t t)
{
    sky__tstamp_t ts;
    sky_timesys_t sys = (sky_timesys_t)w->opts.time_sys;
    if (!w->opts.time_week_tow) {
        sky__tstamp(w, t, sys, w->opts.time_decimals, &ts);
        sky__sbuf_tstamp(b, &ts, '/', ' ');
        return;
    }
    /* week / seconds of week of the rounded time */
    const sky_leap_table_t *leaps = w->ctx ? w->ctx->leaps : NULL;
    sky_time_t tt = sys == SKY_TS_UTC ? sky_time_from_gpst_to(t, SKY_TS_UTC, leaps) : t;
    double scale = pow(10.0, w->opts.time_decimals);
    tt = sky_time_make(tt.sec, round(tt.frac_s * scale) / scale);
    int week;
    double tow_s;
    sky_time_to_gpst(tt, &week, &tow_s);
    int d = w->opts.time_decimals;
    sky__sbuf_printf(b, "%4d %*.*f", week, 6 + (d > 0 ? d + 1 : 0), d, tow_s);
}

/* "% <label>: <text>\n" with control characters in text shown as '?' (one line stays one),
 * text cut at TEXT_MAX characters so that 16 long paths still fit the buffer. */
#define TEXT_MAX 900

static void put_text_line(sky__sbuf_t *b, const char *label, const char *text)
{
    sky__sbuf_printf(b, "%% %s: ", label);
    for (size_t i = 0; text[i] && i < TEXT_MAX && !b->overflow; i++) {
        const char *p = text + i;
        unsigned char c = (unsigned char)*p;
        sky__sbuf_printf(b, "%c", (c < 0x20 || c == 0x7f) ? '?' : (char)c);
    }
    sky__sbuf_printf(b, "\n");
}

static void put_info_lines(sky__sbuf_t *b, const sky_solw_t *w, const sky_solw_info_t *in)
{
    static const char *const sysname[SKY_SYS_COUNT] = {"", "GPS", "GLONASS", "Galileo", "BeiDou",
                                                       "QZSS", "NavIC", "SBAS"};
    if (in->pos_mode)
        put_text_line(b, "pos mode  ", in->pos_mode);
    if (in->pos_mode && isfinite(in->elev_mask_rad) && in->elev_mask_rad >= 0.0)
        sky__sbuf_printf(b, "%% elev mask : %.1f deg\n", in->elev_mask_rad * SKY_RAD2DEG);
    if (in->iono_opt)
        put_text_line(b, "ionos opt ", in->iono_opt);
    if (in->tropo_opt)
        put_text_line(b, "tropo opt ", in->tropo_opt);
    if (in->ephemeris)
        put_text_line(b, "ephemeris ", in->ephemeris);
    if (in->sys_mask) {
        sky__sbuf_printf(b, "%% navi sys  :");
        for (int s = 1; s < SKY_SYS_COUNT; s++)
            if (in->sys_mask & (1u << s))
                sky__sbuf_printf(b, " %s", sysname[s]);
        sky__sbuf_printf(b, "\n");
    }
    (void)w;
}

/* "% obs start : 2005/04/02 00:00:00.0 GPST (week1316 518400.0s)" [1] */
static void put_span_line(sky__sbuf_t *b, const sky_solw_t *w, const char *label, sky_time_t t)
{
    sky__tstamp_t ts;
    sky__tstamp(w, t, SKY_TS_GPS, 1, &ts);
    sky_time_t tr = sky_time_make(t.sec, round(t.frac_s * 10.0) / 10.0);
    int week;
    double tow_s;
    sky_time_to_gpst(tr, &week, &tow_s);
    sky__sbuf_printf(b, "%% %s : ", label);
    sky__sbuf_tstamp(b, &ts, '/', ' ');
    sky__sbuf_printf(b, " GPST (week%04d %8.1fs)\n", week, tow_s);
}

static void put_column_header(sky__sbuf_t *b, const sky_solw_t *w)
{
    const char *tsys = w->opts.time_sys == SKY_TS_UTC ? "UTC" : "GPST";
    char lead[32];
    snprintf(lead, sizeof lead, "%%  %s", tsys);
    sky__sbuf_printf(b, "%-*s", time_width(w), lead);
    if (w->fmt == SKY_SOLFMT_POS_LLH) {
        sky__sbuf_printf(b, "%s\n", "  latitude(deg) longitude(deg)  height(m)   Q  ns   sdn(m)"
                                    "   sde(m)   sdu(m)  sdne(m)  sdeu(m)  sdun(m) age(s)  ratio");
    } else {
        sky__sbuf_printf(b, "%s\n", "      x-ecef(m)      y-ecef(m)      z-ecef(m)   Q  ns   sdx(m)"
                                    "   sdy(m)   sdz(m)  sdxy(m)  sdyz(m)  sdzx(m) age(s)  ratio");
    }
}

sky_status_t sky__pos_header(sky_solw_t *w, const sky_solw_info_t *info, sky_error_t *err)
{
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    if (info) {
        if (info->program)
            put_text_line(&b, "program   ", info->program);
        for (int i = 0; i < info->ninputs && i < SKY_SOLW_MAX_INPUTS; i++)
            if (info->inputs[i])
                put_text_line(&b, "inp file  ", info->inputs[i]);
        if (info->has_span) {
            put_span_line(&b, w, "obs start", info->obs_start);
            put_span_line(&b, w, "obs end  ", info->obs_end);
        }
        put_info_lines(&b, w, info);
        sky__sbuf_printf(&b, "%%\n");
    }
    if (w->fmt == SKY_SOLFMT_POS_LLH)
        sky__sbuf_printf(&b, "%% (lat/lon/height=WGS84/ellipsoidal,Q=1:fix,2:float,3:sbas,"
                             "4:dgps,5:single,6:ppp,ns=# of satellites)\n");
    else
        sky__sbuf_printf(&b, "%% (x/y/z-ecef=WGS84,Q=1:fix,2:float,3:sbas,4:dgps,5:single,"
                             "6:ppp,ns=# of satellites)\n");
    put_column_header(&b, w);
    return sky__solw_emit(w, &b, err);
}

static void put_llh_row(sky__sbuf_t *b, const sky_solution_t *sol, const double llh_deg[3])
{
    const double llh_rad[3] = {llh_deg[0] * SKY_DEG2RAD, llh_deg[1] * SKY_DEG2RAD, llh_deg[2]};
    double q[6]; /* ee nn uu en eu nu */
    sky__cov_enu(sol->cov_pos_m2, llh_rad, q);
    sky__sbuf_printf(b, " %14.9f %14.9f %10.4f", llh_deg[0], llh_deg[1], llh_deg[2]);
    sky__sbuf_printf(b, " %3d %3d", (int)sol->quality, sol->nsat);
    sky__sbuf_printf(b, " %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f", sky__sd(q[1]), sky__sd(q[0]),
                     sky__sd(q[2]), sky__sd_signed(q[3]), sky__sd_signed(q[4]),
                     sky__sd_signed(q[5]));
}

static void put_xyz_row(sky__sbuf_t *b, const sky_solution_t *sol)
{
    const double *r = sol->pos_ecef_m;
    const double *c = sol->cov_pos_m2;
    sky__sbuf_printf(b, " %14.4f %14.4f %14.4f", r[0], r[1], r[2]);
    sky__sbuf_printf(b, " %3d %3d", (int)sol->quality, sol->nsat);
    sky__sbuf_printf(b, " %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f", sky__sd(c[0]), sky__sd(c[1]),
                     sky__sd(c[2]), sky__sd_signed(c[3]), sky__sd_signed(c[4]),
                     sky__sd_signed(c[5]));
}

static double finite_or_zero(double v)
{
    return isfinite(v) ? v : 0.0;
}

sky_status_t sky__pos_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err)
{
    double llh_deg[3] = {0.0, 0.0, 0.0};
    bool have_pos = sky__sol_llh_deg(sol, llh_deg);
    if ((sol->quality == SKY_SOLQ_NONE || !have_pos) && !w->opts.write_none)
        return SKY_OK;
    sky_solution_t zero;
    if (!have_pos) { /* an epoch without solution, written on request: zeros, Q 0 */
        memset(&zero, 0, sizeof zero);
        zero.time = sol->time;
        zero.nsat = sol->nsat;
        sol = &zero;
    }
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    put_time(&b, w, sol->time);
    if (w->fmt == SKY_SOLFMT_POS_LLH)
        put_llh_row(&b, sol, llh_deg);
    else
        put_xyz_row(&b, sol);
    /* age and ratio are bounded to the column width so a wild value cannot shift columns */
    double age_s = fmin(fmax(finite_or_zero(sol->age_s), -999.99), 999.99);
    double ratio = fmin(fmax(finite_or_zero(sol->ratio), 0.0), 9999.9);
    sky__sbuf_printf(&b, " %6.2f %6.1f\n", age_s, ratio);
    sky_status_t rc = sky__solw_emit(w, &b, err);
    if (rc == SKY_OK)
        w->nwritten++;
    return rc;
}
