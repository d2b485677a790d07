/* SPDX-License-Identifier: BSD-2-Clause */
/* Simulator: observables recomputed independently from the configured truth (receiver position
 * and clock) and the broadcast orbit (the orbit module is the input, not the reference).
 * The test does its own light-time iteration with an explicit Earth-rotation matrix
 * (IS-GPS-200N §20.3.3.4.3.3.2), its own carrier frequencies (IS-GPS-200N §3.3.1.1,
 * Galileo OS-SIS-ICD §2.3, BDS-SIS-ICD-B1I §4.2.1, GLONASS ICD 5.1 §3.3.1.4) and its own
 * group delays (IS-GPS-200N §20.3.3.3.3.2, OS-SIS-ICD §5.1.5, BDS ICD §5.2.4.10).
 * Navigation data: ESBC00DNK 2020-177 broadcast (GPS, GLONASS, Galileo, BeiDou, QZSS). */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/model.h"
#include "skyfix/orbit.h"
#include "skyfix/rinex.h"
#include "skyfix/sim.h"

#define C_MPS 299792458.0
static const double rcv_esbc[3] = {3582105.2910, 532589.7313, 5232754.8054};

static sky_nav_t *load_nav(void)
{
    char *path = sky_test_data("georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz");
    sky_nav_t *nav = calloc(1, sizeof *nav);
    sky_nav_init(nav, NULL);
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_nav_read_file(nav, path, &err), SKY_OK);
    free(path);
    return nav;
}

static void free_nav(sky_nav_t *nav)
{
    sky_nav_free(nav);
    free(nav);
}

static void base_opts(sky_sim_opts_t *o)
{
    sky_sim_opts_default(o);
    memcpy(o->rcv_pos_ecef_m, rcv_esbc, sizeof rcv_esbc);
    sky_civil_t c0 = {2020, 6, 25, 1, 0, 0.0}, c1 = {2020, 6, 25, 1, 10, 0.0};
    assert_int_equal(sky_time_from_civil(&c0, &o->start), SKY_OK);
    assert_int_equal(sky_time_from_civil(&c1, &o->end), SKY_OK);
    o->interval_s = 60.0;
    o->rcv_clk_bias_s = 1.5e-4;
    o->rcv_clk_drift_sps = 2e-9;
    o->seed = 42;
}

static double test_freq_hz(sky_sys_t sys, char band, int fcn)
{
    switch (sys) {
    case SKY_SYS_GLO:
        return band == '1' ? 1602e6 + fcn * 0.5625e6 : 1246e6 + fcn * 0.4375e6;
    case SKY_SYS_BDS:
        return band == '2' ? 1561.098e6 : 1207.14e6;
    case SKY_SYS_GAL:
        return band == '1' ? 1575.42e6 : 1176.45e6;
    default:
        return band == '1' ? 1575.42e6 : 1227.60e6;
    }
}

static double test_tgd_s(sky_sys_t sys, char band, const sky_satstate_t *st)
{
    double g = (1575.42 / 1227.60) * (1575.42 / 1227.60);
    switch (sys) {
    case SKY_SYS_GPS:
    case SKY_SYS_QZS:
        return band == '1' ? st->tgd_s[0] : g * st->tgd_s[0];
    case SKY_SYS_GAL:
        if (band == '1')
            return st->nav_type == SKY_NAV_FNAV ? st->tgd_s[0] : st->tgd_s[1];
        /* OS-SIS-ICD §5.1.5: E5a (gamma BGD(E1,E5a)) with an F/NAV clock; with an I/NAV
         * clock dt_F/NAV = dt_I/NAV - BGD(E1,E5b) + BGD(E1,E5a) adds BGD(E1,E5b) - BGD(E1,E5a) */
        if (st->nav_type == SKY_NAV_FNAV)
            return (154.0 / 115.0) * (154.0 / 115.0) * st->tgd_s[0];
        return st->tgd_s[1] + ((154.0 / 115.0) * (154.0 / 115.0) - 1.0) * st->tgd_s[0];
    case SKY_SYS_BDS:
        return band == '2' ? st->tgd_s[0] : st->tgd_s[1];
    case SKY_SYS_GLO:
        return band == '2' && isfinite(st->tgd_s[0]) ? st->tgd_s[0] : 0.0;
    default:
        return 0.0;
    }
}

/* Orbit from the given ephemeris (keph or geph), else the broadcast selection. */
static sky_status_t orbit_at(const sky_nav_t *nav, sky_sat_t sat, const void *eph,
                             sky_time_t t, sky_satstate_t *st)
{
    if (!eph)
        return sky_orbit_broadcast(nav, sat, t, NULL, st, NULL);
    if (sat.sys == SKY_SYS_GLO)
        return sky_orbit_geph(eph, t, st);
    return sky_orbit_keph(eph, t, st);
}

/* rho + c (dt_r - dt_s) at receiver tag: own light-time loop with the rotation matrix. */
static double truth_clock_range_m(const sky_nav_t *nav, const sky_sim_opts_t *o, sky_sat_t sat,
                                  const void *eph, sky_time_t tag, sky_satstate_t *st)
{
    double omega = sat.sys == SKY_SYS_BDS ? 7.2921150e-5
                   : sat.sys == SKY_SYS_GLO ? 7.292115e-5 : 7.2921151467e-5;
    double dtr = o->rcv_clk_bias_s + o->rcv_clk_drift_sps * sky_time_diff_s(tag, o->start);
    sky_time_t t_rx = sky_time_add(tag, -dtr);
    double tau = 0.07, rho = 0.0;
    for (int it = 0; it < 8; it++) {
        assert_int_equal(orbit_at(nav, sat, eph, sky_time_add(t_rx, -tau), st), SKY_OK);
        double a = omega * tau;
        double x = cos(a) * st->pos_ecef_m[0] + sin(a) * st->pos_ecef_m[1] - o->rcv_pos_ecef_m[0];
        double y = -sin(a) * st->pos_ecef_m[0] + cos(a) * st->pos_ecef_m[1] - o->rcv_pos_ecef_m[1];
        double z = st->pos_ecef_m[2] - o->rcv_pos_ecef_m[2];
        rho = sqrt(x * x + y * y + z * z);
        tau = rho / C_MPS;
    }
    return rho + C_MPS * (dtr - st->clk_s);
}

/* The ephemeris of the epoch: the broadcast choice (same IODE and message type). */
static const void *epoch_eph(const sky_nav_t *nav, sky_sat_t sat, const sky_satstate_t *st,
                             sky_time_t t)
{
    const void *best = NULL;
    double best_s = 1e300;
    if (sat.sys == SKY_SYS_GLO) {
        for (size_t i = 0; i < nav->ngeph; i++)
            if (sky_sat_eq(nav->geph[i].sat, sat) && nav->geph[i].iode == st->iode &&
                fabs(sky_time_diff_s(t, nav->geph[i].toe)) < best_s) {
                best_s = fabs(sky_time_diff_s(t, nav->geph[i].toe));
                best = &nav->geph[i];
            }
        return best;
    }
    for (size_t i = 0; i < nav->nkeph; i++)
        if (sky_sat_eq(nav->keph[i].sat, sat) && nav->keph[i].iode == st->iode &&
            nav->keph[i].type == st->nav_type &&
            fabs(sky_time_diff_s(t, nav->keph[i].toe)) < best_s) {
            best_s = fabs(sky_time_diff_s(t, nav->keph[i].toe));
            best = &nav->keph[i];
        }
    return best;
}

static int type_index(const sky_obs_header_t *h, sky_sys_t sys, const char *code)
{
    for (int i = 0; i < h->ntypes[sys]; i++)
        if (strcmp(h->types[sys][i].text, code) == 0)
            return i;
    return -1;
}

/* Check one satellite's C/L/D of every simulated signal. */
static void check_sat(const sky_nav_t *nav, const sky_sim_opts_t *o, const sky_obs_header_t *h,
                      const sky_obs_epoch_t *ep, const sky_obs_sat_t *os)
{
    sky_sys_t sys = (sky_sys_t)os->sat.sys;
    sky_satstate_t st, st0, st1;
    double cr = truth_clock_range_m(nav, o, os->sat, NULL, ep->time, &st);
    const void *eph = epoch_eph(nav, os->sat, &st, ep->time);
    assert_non_null(eph);
    double rate = (truth_clock_range_m(nav, o, os->sat, eph, sky_time_add(ep->time, 1.0), &st1) -
                   truth_clock_range_m(nav, o, os->sat, eph, sky_time_add(ep->time, -1.0), &st0)) /
                  2.0;
    for (int j = 0; j < o->nsig[sys]; j++) {
        char band = o->sig[sys][j].band, attr = o->sig[sys][j].attr;
        char cc[4] = {'C', band, attr, 0}, lc[4] = {'L', band, attr, 0}, dc[4] = {'D', band, attr, 0};
        int ic = type_index(h, sys, cc), il = type_index(h, sys, lc), id = type_index(h, sys, dc);
        assert_true(ic >= 0 && il >= 0 && id >= 0);
        double lambda = C_MPS / test_freq_hz(sys, band, h->glo_fcn[os->sat.prn]);
        SKY_ASSERT_NEAR(ep->val[os->off + ic], cr + C_MPS * test_tgd_s(sys, band, &st), 1e-4);
        double frac = ep->val[os->off + il] - cr / lambda;
        SKY_ASSERT_NEAR(frac, round(frac), 1e-4);
        SKY_ASSERT_NEAR(ep->val[os->off + id], -rate / lambda, 1e-4);
    }
}

static void test_code_phase_doppler_truth(void **state)
{
    (void)state;
    sky_nav_t *nav = load_nav();
    sky_sim_opts_t o;
    base_opts(&o);
    o.iono = o.trop = false;
    sky_sim_t *sim = NULL;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_sim_new(NULL, nav, &o, &sim, &err), SKY_OK);
    const sky_obs_header_t *h = sky_sim_header(sim);
    int nepoch = 0, nsys_seen[SKY_SYS_COUNT] = {0};
    sky_obs_epoch_t ep;
    while (sky_sim_next(sim, &ep, &err) == SKY_OK) {
        assert_true(ep.nsat >= 20);
        for (int i = 0; i < ep.nsat; i++) {
            check_sat(nav, &o, h, &ep, &ep.sat[i]);
            nsys_seen[ep.sat[i].sat.sys]++;
        }
        nepoch++;
    }
    assert_int_equal(nepoch, 11);
    assert_true(nsys_seen[SKY_SYS_GPS] > 0 && nsys_seen[SKY_SYS_GLO] > 0 &&
                nsys_seen[SKY_SYS_GAL] > 0 && nsys_seen[SKY_SYS_BDS] > 0);
    sky_sim_delete(sim);
    free_nav(nav);
}

/* Run one epoch with and without iono/trop: the difference is +I+T on code, -I+T on phase. */
static void test_atmosphere_terms(void **state)
{
    (void)state;
    sky_nav_t *nav = load_nav();
    sky_sim_opts_t o_on, o_off;
    base_opts(&o_on);
    o_on.end = o_on.start;
    o_off = o_on;
    o_off.iono = o_off.trop = false;
    sky_sim_t *s_on = NULL, *s_off = NULL;
    assert_int_equal(sky_sim_new(NULL, nav, &o_on, &s_on, NULL), SKY_OK);
    assert_int_equal(sky_sim_new(NULL, nav, &o_off, &s_off, NULL), SKY_OK);
    sky_obs_epoch_t e_on, e_off;
    assert_int_equal(sky_sim_next(s_on, &e_on, NULL), SKY_OK);
    assert_int_equal(sky_sim_next(s_off, &e_off, NULL), SKY_OK);
    assert_int_equal(e_on.nsat, e_off.nsat);
    const sky_obs_header_t *h = sky_sim_header(s_on);
    double llh[3];
    sky_ecef_to_geod(rcv_esbc, llh);
    double dtr = o_on.rcv_clk_bias_s;
    sky_time_t t_rx = sky_time_add(o_on.start, -dtr);
    for (int i = 0; i < e_on.nsat; i++) {
        const sky_obs_sat_t *os = &e_on.sat[i];
        sky_sys_t sys = (sky_sys_t)os->sat.sys;
        sky_satstate_t st;
        double cr = truth_clock_range_m(nav, &o_on, os->sat, NULL, o_on.start, &st);
        (void)cr;
        double los[3], az, el;
        sky_geo_range_m(st.pos_ecef_m, rcv_esbc, sky_omega_e_radps(sys), los);
        sky_azel(llh, los, &az, &el);
        double trop = sky_trop_delay_m(t_rx, llh, el, o_on.humidity);
        for (int j = 0; j < o_on.nsig[sys]; j++) {
            double f = test_freq_hz(sys, o_on.sig[sys][j].band, h->glo_fcn[os->sat.prn]);
            double iono = sky_iono_delay_m(&nav->iono, sys, f, t_rx, llh, az, el);
            int ic = 4 * j, il = 4 * j + 1;
            SKY_ASSERT_NEAR(e_on.val[os->off + ic] - e_off.val[e_off.sat[i].off + ic], iono + trop,
                            1e-4);
            SKY_ASSERT_NEAR((e_on.val[os->off + il] - e_off.val[e_off.sat[i].off + il]) * C_MPS / f,
                            -iono + trop, 1e-4);
            assert_true(iono > 0.3 && iono < 60.0);
            assert_true(trop > 2.0 && trop < 30.0);
        }
    }
    sky_sim_delete(s_on);
    sky_sim_delete(s_off);
    free_nav(nav);
}

static void test_noise_statistics(void **state)
{
    (void)state;
    sky_nav_t *nav = load_nav();
    sky_sim_opts_t o_clean, o_noisy;
    base_opts(&o_clean);
    o_clean.interval_s = 30.0;
    o_noisy = o_clean;
    o_noisy.sigma_code_m = 2.0;
    o_noisy.sigma_phase_cyc = 0.01;
    o_noisy.sigma_doppler_hz = 0.1;
    sky_sim_t *a = NULL, *b = NULL;
    assert_int_equal(sky_sim_new(NULL, nav, &o_clean, &a, NULL), SKY_OK);
    assert_int_equal(sky_sim_new(NULL, nav, &o_noisy, &b, NULL), SKY_OK);
    /* One C, L, D triple (first signal) per satellite and epoch. */
    double sum[3] = {0}, sum2[3] = {0};
    long count = 0;
    sky_obs_epoch_t ea, eb;
    while (sky_sim_next(a, &ea, NULL) == SKY_OK && sky_sim_next(b, &eb, NULL) == SKY_OK) {
        assert_int_equal(ea.nsat, eb.nsat);
        for (int i = 0; i < ea.nsat; i++) {
            for (int k = 0; k < 3; k++) {
                double d = eb.val[eb.sat[i].off + k] - ea.val[ea.sat[i].off + k];
                sum[k] += d;
                sum2[k] += d * d;
            }
            count++;
        }
    }
    sky_sim_delete(a);
    sky_sim_delete(b);
    const double sigma[3] = {2.0, 0.01, 0.1};
    for (int k = 0; k < 3; k++) {
        double mean = sum[k] / count, sd = sqrt(sum2[k] / count - mean * mean);
        SKY_ASSERT_NEAR(sd, sigma[k], 0.1 * sigma[k]);
        SKY_ASSERT_NEAR(mean, 0.0, 4.0 * sigma[k] / sqrt((double)count));
    }
    assert_true(count > 400);
    free_nav(nav);
}

static void test_bad_options(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_nav_init(&nav, NULL);
    sky_sim_opts_t o;
    base_opts(&o);
    sky_sim_t *sim = (sky_sim_t *)&o;
    sky_error_t err;
    sky_error_clear(&err);
    o.iono = false;
    assert_int_equal(sky_sim_new(NULL, &nav, &o, &sim, &err), SKY_E_NODATA);
    assert_null(sim);
    o.iono = true;
    sky_error_clear(&err);
    assert_int_equal(sky_sim_new(NULL, &nav, &o, &sim, &err), SKY_E_NODATA);
    sky_sim_opts_t bad = o;
    bad.interval_s = 0.0;
    assert_int_equal(sky_sim_new(NULL, &nav, &bad, &sim, NULL), SKY_E_ARG);
    bad = o;
    bad.rcv_pos_ecef_m[0] = NAN;
    assert_int_equal(sky_sim_new(NULL, &nav, &bad, &sim, NULL), SKY_E_ARG);
    bad = o;
    bad.end = sky_time_add(bad.start, -1.0);
    assert_int_equal(sky_sim_new(NULL, &nav, &bad, &sim, NULL), SKY_E_ARG);
    bad = o;
    bad.sigma_code_m = -1.0;
    assert_int_equal(sky_sim_new(NULL, &nav, &bad, &sim, NULL), SKY_E_ARG);
    bad = o;
    bad.sig[SKY_SYS_GPS][0].band = '4';
    assert_int_equal(sky_sim_new(NULL, &nav, &bad, &sim, NULL), SKY_E_ARG);
    sky_nav_free(&nav);
    sky_sim_delete(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_phase_doppler_truth),
        cmocka_unit_test(test_atmosphere_terms),
        cmocka_unit_test(test_noise_statistics),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
