/* SPDX-License-Identifier: BSD-2-Clause */
/* Satellite state and clock at a time from the navigation store: selection plus evaluation.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.1, §20.3.3.4.3; [2] Galileo OS-SIS-ICD Issue 2.1
 *      (2023-11) §5.1.1, §5.1.4; [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4; [4] GLONASS ICD
 *      Edition 5.1 (2008) Appendix J; [5] RTCA DO-229E (2016) A.4.4.11 */
#include <math.h>

#include "orbit/orbit_int.h"
#include "skyfix/orbit.h"

static sky_status_t report_not_found(sky_sat_t sat, sky_time_t t, sky_error_t *err)
{
    char id[4], when[40];
    sky_sat_format(sat, id);
    sky_time_format(t, 0, when, sizeof when);
    return sky_error_set(err, SKY_E_NOTFOUND, "", 0, "ephemeris",
                         "found no usable ephemeris for %s at %s GPST, expected a healthy "
                         "one within the age limit",
                         id, when);
}

static sky_status_t report_eval_failure(sky_status_t st, sky_sat_t sat, sky_time_t t,
                                        sky_error_t *err)
{
    char id[4], when[40];
    sky_sat_format(sat, id);
    sky_time_format(t, 0, when, sizeof when);
    return sky_error_set(err, st, "", 0, "ephemeris",
                         "found an ephemeris of %s at %s GPST that gives no state (%s), "
                         "expected valid orbital elements",
                         id, when, sky_strerror(st));
}

SKY_API sky_status_t sky_orbit_broadcast(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                         const sky_orbit_opts_t *opts, sky_satstate_t *out,
                                         sky_error_t *err)
{
    sky_orbit_opts_t defaults;
    sky_status_t st = SKY_E_NOTFOUND;
    if (!nav || !out || sky_sat_index(sat) < 0)
        return SKY_E_ARG;
    if (!opts) {
        sky_orbit_opts_default(&defaults);
        opts = &defaults;
    }
    if (sat.sys == SKY_SYS_GLO) {
        const sky_geph_t *g = sky__select_geph(nav, sat, t, opts);
        if (g)
            st = sky_orbit_geph(g, t, out);
    } else if (sat.sys == SKY_SYS_SBS) {
        const sky_seph_t *s = sky__select_seph(nav, sat, t, opts);
        if (s)
            st = sky_orbit_seph(s, t, out);
    } else {
        const sky_keph_t *k = sky__select_keph(nav, sat, t, opts);
        if (k)
            st = sky_orbit_keph(k, t, out);
    }
    if (st == SKY_E_NOTFOUND)
        return report_not_found(sat, t, err);
    if (st != SKY_OK)
        return report_eval_failure(st, sat, t, err);
    return SKY_OK;
}

SKY_API sky_status_t sky_orbit_clock(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                     const sky_orbit_opts_t *opts, double *clk_s)
{
    sky_orbit_opts_t defaults;
    if (!nav || !clk_s || sky_sat_index(sat) < 0)
        return SKY_E_ARG;
    if (!opts) {
        sky_orbit_opts_default(&defaults);
        opts = &defaults;
    }
    if (sat.sys == SKY_SYS_GLO) {
        const sky_geph_t *g = sky__select_geph(nav, sat, t, opts);
        if (!g)
            return SKY_E_NOTFOUND;
        /* [4] §3.3.3: -tau_n + gamma_n (t - t_b) */
        *clk_s = g->taun_s + g->gamman * sky_time_diff_s(t, g->toe);
        return isfinite(*clk_s) ? SKY_OK : SKY_E_RANGE;
    }
    if (sat.sys == SKY_SYS_SBS) {
        const sky_seph_t *s = sky__select_seph(nav, sat, t, opts);
        if (!s)
            return SKY_E_NOTFOUND;
        *clk_s = s->af0_s + s->af1_sps * sky_time_diff_s(t, s->t0); /* [5] */
        return isfinite(*clk_s) ? SKY_OK : SKY_E_RANGE;
    }
    const sky_keph_t *k = sky__select_keph(nav, sat, t, opts);
    if (!k)
        return SKY_E_NOTFOUND;
    return sky__keph_clock_only(k, t, clk_s);
}
