/* SPDX-License-Identifier: BSD-2-Clause */
/* SPP round trip through the simulator: noise-free observations of a known static receiver
 * (position, clock bias and drift chosen here) from real broadcast ephemerides must give that
 * receiver back: position within 1 mm, clock within 1 mm, velocity within 1 mm/s, clock drift
 * to the simulated value. Single frequency (broadcast ionosphere model), dual frequency
 * (ionosphere-free), GPS only (brdc1820.10n) and GPS+GLONASS+Galileo+BeiDou (ESBC 2020-177).
 * Reference: the simulated truth (src/sim, IS-GPS-200N §20.3.3.3.3 observation equations). */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/skyfix.h"
#include "skyfix/sim.h"

#define TRUE_CLK_BIAS_S 2.5e-4   /* 75 km of receiver clock offset */
#define TRUE_CLK_DRIFT_SPS 1e-8  /* 3 m/s */

typedef struct {
    sky_spp_t *spp;
    double truth_m[3];
    sky_time_t start;
    int epochs, solutions, velocities;
    double max_pos_err_m, max_clk_err_m, max_vel_mps, max_drift_err_mps;
    double blunder_m;       /* added to every code of the epoch's first satellite */
    double doppler_blunder_hz; /* added to every Doppler of the epoch's first satellite */
    int blunder_used;       /* epochs where that satellite was used (must be none) */
    int blunder_named;      /* epochs whose reason names it as excluded by RAIM */
    int sats_listed_bad;    /* epochs whose sats[0, nsat_view) miss a used satellite or list
                             * one below the horizon (the NMEA GSA/GSV input) */
    sky_solution_t sol;
} roundtrip_t;

#define MAX_VALUES 8192

/* The epoch with blunder_m added to the pseudoranges of its first satellite. */
static const sky_obs_epoch_t *with_blunder(const roundtrip_t *rt, const sky_obs_header_t *hdr,
                                           const sky_obs_epoch_t *ep, sky_obs_epoch_t *copy)
{
    static double val[MAX_VALUES];
    *copy = *ep;
    if ((rt->blunder_m == 0.0 && rt->doppler_blunder_hz == 0.0) || ep->nsat == 0)
        return ep;
    const sky_obs_sat_t *s0 = &ep->sat[0];
    size_t nval = 0;
    for (int i = 0; i < ep->nsat; i++)
        if (ep->sat[i].off + ep->sat[i].nval > nval)
            nval = ep->sat[i].off + ep->sat[i].nval;
    assert_true(nval <= MAX_VALUES);
    memcpy(val, ep->val, sizeof(double) * nval);
    for (int k = 0; k < s0->nval; k++) {
        if (hdr->types[s0->sat.sys][k].kind == SKY_OBS_CODE)
            val[s0->off + k] += rt->blunder_m;
        if (hdr->types[s0->sat.sys][k].kind == SKY_OBS_DOPPLER)
            val[s0->off + k] += rt->doppler_blunder_hz;
    }
    copy->val = val;
    return copy;
}

static void note_blunder(roundtrip_t *rt, const sky_obs_epoch_t *ep)
{
    if (rt->blunder_m == 0.0 || ep->nsat == 0)
        return;
    char id[4];
    sky_sat_format(ep->sat[0].sat, id);
    for (int i = 0; i < SKY_SOL_MAXSAT; i++)
        if (sky_sat_eq(rt->sol.sats[i].sat, ep->sat[0].sat) && rt->sol.sats[i].used)
            rt->blunder_used++;
    if (strstr(rt->sol.reason, "RAIM excluded") && strstr(rt->sol.reason, id))
        rt->blunder_named++;
}

static sky_status_t on_epoch(void *user, const sky_obs_header_t *hdr, const sky_obs_epoch_t *ep,
                             sky_error_t *err)
{
    roundtrip_t *rt = user;
    rt->epochs++;
    sky_obs_epoch_t copy;
    if (sky_spp_solve(rt->spp, hdr, with_blunder(rt, hdr, ep, &copy), &rt->sol, err) != SKY_OK)
        return SKY_OK; /* counted as missing below */
    rt->solutions++;
    note_blunder(rt, ep);
    int used = 0, below = 0;
    for (int i = 0; i < rt->sol.nsat_view && i < SKY_SOL_MAXSAT; i++) {
        used += rt->sol.sats[i].used;
        below += !rt->sol.sats[i].used && !(rt->sol.sats[i].el_rad > 0.0);
    }
    rt->sats_listed_bad += used != rt->sol.nsat || below > 0;
    double d2 = 0.0, v2 = 0.0;
    for (int k = 0; k < 3; k++) {
        d2 += pow(rt->sol.pos_ecef_m[k] - rt->truth_m[k], 2);
        v2 += pow(rt->sol.vel_ecef_mps[k], 2);
    }
    double dt_s = sky_time_diff_s(ep->time, rt->start);
    double clk_true_m = SKY_C_MPS * (TRUE_CLK_BIAS_S + TRUE_CLK_DRIFT_SPS * dt_s);
    rt->max_pos_err_m = fmax(rt->max_pos_err_m, sqrt(d2));
    rt->max_clk_err_m = fmax(rt->max_clk_err_m, fabs(rt->sol.clk_bias_m[SKY_SYS_GPS] -
                                                     clk_true_m));
    if (isfinite(v2)) {
        rt->velocities++;
        rt->max_vel_mps = fmax(rt->max_vel_mps, sqrt(v2));
        rt->max_drift_err_mps = fmax(rt->max_drift_err_mps, fabs(rt->sol.clk_drift_mps -
                                                   SKY_C_MPS * TRUE_CLK_DRIFT_SPS));
    }
    return SKY_OK;
}

typedef struct {
    const char *nav;
    unsigned sys_mask;
    int freq_mode;
    int year, month, day, hour;
    double lat_deg, lon_deg, h_m;
    double blunder_m;
    bool named_every_epoch; /* the blundered satellite is in view and named at every epoch */
    bool below_horizon;     /* simulate down to -10 deg elevation (solver mask stays 10 deg) */
    double doppler_blunder_hz; /* on the first satellite's Dopplers */
} sim_case_t;

static void run_case(const sim_case_t *c)
{
    char *nav_path = sky_test_data(c->nav);
    sky_nav_t nav;
    sky_nav_init(&nav, NULL);
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_nav_read_file(&nav, nav_path, &err), SKY_OK);
    sky_sim_opts_t so;
    sky_sim_opts_default(&so);
    double llh[3] = {c->lat_deg * SKY_DEG2RAD, c->lon_deg * SKY_DEG2RAD, c->h_m};
    sky_geod_to_ecef(llh, so.rcv_pos_ecef_m);
    so.rcv_clk_bias_s = TRUE_CLK_BIAS_S;
    so.rcv_clk_drift_sps = TRUE_CLK_DRIFT_SPS;
    sky_civil_t civ = {c->year, c->month, c->day, c->hour, 0, 0.0};
    assert_int_equal(sky_time_from_civil(&civ, &so.start), SKY_OK);
    so.end = sky_time_add(so.start, 3600.0);
    so.sys_mask = c->sys_mask;
    so.ambiguity = false;
    if (c->below_horizon)
        so.elmask_rad = -10.0 * SKY_DEG2RAD;
    sky_sim_t *sim = NULL;
    assert_int_equal(sky_sim_new(NULL, &nav, &so, &sim, &err), SKY_OK);

    sky_spp_opts_t po;
    sky_spp_opts_default(&po);
    po.sys_mask = c->sys_mask;
    po.freq_mode = (uint8_t)c->freq_mode;
    static roundtrip_t rt;
    memset(&rt, 0, sizeof rt);
    memcpy(rt.truth_m, so.rcv_pos_ecef_m, sizeof rt.truth_m);
    rt.start = so.start;
    rt.blunder_m = c->blunder_m;
    rt.doppler_blunder_hz = c->doppler_blunder_hz;
    assert_int_equal(sky_spp_new(NULL, &nav, &po, &rt.spp, &err), SKY_OK);
    assert_int_equal(sky_sim_run(sim, on_epoch, &rt, &err), SKY_OK);
    print_message("%s mask %#x freq %d: %d epochs, %d solutions, max error %.2e m, clock %.2e m,"
                  " velocity %.2e m/s, blunder %.0f m named in %d\n", c->nav, c->sys_mask,
                  c->freq_mode, rt.epochs, rt.solutions, rt.max_pos_err_m, rt.max_clk_err_m,
                  rt.max_vel_mps, rt.blunder_m, rt.blunder_named);
    assert_int_equal(rt.epochs, 121);
    assert_int_equal(rt.solutions, rt.epochs);
    assert_true(rt.max_pos_err_m < 1e-3);
    assert_true(rt.max_clk_err_m < 1e-3);
    assert_int_equal(rt.velocities, rt.solutions);
    assert_true(rt.max_vel_mps < 1e-3);
    assert_true(rt.max_drift_err_mps < 1e-3);
    assert_int_equal(rt.sats_listed_bad, 0);
    if (c->blunder_m != 0.0) { /* FDE took the culprit out and said so */
        assert_int_equal(rt.blunder_used, 0);
        assert_true(rt.blunder_named > rt.solutions / 10);
        if (c->named_every_epoch) /* measured 121 of 121 */
            assert_int_equal(rt.blunder_named, rt.solutions);
    }
    sky_spp_delete(rt.spp);
    sky_sim_delete(sim);
    sky_nav_free(&nav);
    free(nav_path);
}

#define GPS (1u << SKY_SYS_GPS)
#define MULTI ((1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL) | \
               (1u << SKY_SYS_BDS))

static void test_gps_single(void **state)
{
    (void)state;
    const sim_case_t c = {"rtklib/rinex/brdc1820.10n", GPS, SKY_FREQ_SINGLE, 2010, 7, 1, 2,
                          35.7, 139.5, 50.0, 0.0, false, false, 0.0};
    run_case(&c);
}

static void test_gps_dual(void **state)
{
    (void)state;
    const sim_case_t c = {"rtklib/rinex/brdc1820.10n", GPS, SKY_FREQ_DUAL, 2010, 7, 1, 14,
                          -33.9, 18.4, 20.0, 0.0, false, false, 0.0};
    run_case(&c);
}

static void test_multi_single(void **state)
{
    (void)state;
    const sim_case_t c = {"georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz", MULTI,
                          SKY_FREQ_SINGLE, 2020, 6, 25, 10, 55.6, 12.2, 60.0, 0.0, false, false, 0.0};
    run_case(&c);
}

/* Satellites below the horizon in the file: the solution's satellite list (the NMEA GSA/GSV
 * input, entries [0, nsat_view)) still holds every used satellite and none below it. */
static void test_gps_below_horizon(void **state)
{
    (void)state;
    const sim_case_t c = {"rtklib/rinex/brdc1820.10n", GPS, SKY_FREQ_SINGLE, 2010, 7, 1, 2,
                          35.7, 139.5, 50.0, 0.0, false, true, 0.0};
    run_case(&c);
}

/* A bad Doppler (2000 Hz, ~380 m/s on L1) on one satellite: that satellite is left out of the
 * velocity fit, which keeps the truth (0 m/s) at every epoch, instead of losing the velocity. */
static void test_bad_doppler(void **state)
{
    (void)state;
    const sim_case_t c = {"rtklib/rinex/brdc1820.10n", GPS, SKY_FREQ_SINGLE, 2010, 7, 1, 6,
                          48.1, 11.6, 500.0, 0.0, false, false, 2000.0};
    run_case(&c);
}

static void test_multi_dual(void **state)
{
    (void)state;
    const sim_case_t c = {"georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz", MULTI,
                          SKY_FREQ_DUAL, 2020, 6, 25, 18, 55.6, 12.2, 60.0, 0.0, false, false, 0.0};
    run_case(&c);
}

/* RAIM FDE: a 150 m and a 3000 km blunder on one satellite (GPS only, 7-10 satellites) must
 * be detected, that satellite excluded and named, and the truth recovered. */
static void test_fde_moderate_blunder(void **state)
{
    (void)state;
    const sim_case_t c = {"rtklib/rinex/brdc1820.10n", GPS, SKY_FREQ_SINGLE, 2010, 7, 1, 6,
                          48.1, 11.6, 500.0, 150.0, true, false, 0.0};
    run_case(&c);
}

static void test_fde_gross_blunder(void **state)
{
    (void)state;
    const sim_case_t c = {"georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz", MULTI,
                          SKY_FREQ_AUTO, 2020, 6, 25, 4, 55.6, 12.2, 60.0, 3.0e6, false, false, 0.0};
    run_case(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gps_single),
        cmocka_unit_test(test_gps_dual),
        cmocka_unit_test(test_multi_single),
        cmocka_unit_test(test_multi_dual),
        cmocka_unit_test(test_gps_below_horizon),
        cmocka_unit_test(test_bad_doppler),
        cmocka_unit_test(test_fde_moderate_blunder),
        cmocka_unit_test(test_fde_gross_blunder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
