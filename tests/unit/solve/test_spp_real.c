/* SPDX-License-Identifier: BSD-2-Clause */
/* SPP on real stations against their known positions, and on a damaged file.
 * References (truth):
 *  [1] rtklib/rinex/07590920.05o header APPROX POSITION (GSI GEONET 0759, 2005-092)
 *  [2] ESBC00DNK 2020-177 header APPROX POSITION (MANIFEST: ~1 m north bias for every engine)
 *  [3] IGS weekly SINEX 2131 (igs-stations-2020w2131.csv), PDEL
 *  [4] RTKLIB 2.4.3 rnx2rtkp on the same files (bench/spp_vs_rtklib.sh, bench/README.md):
 *      0759 L1 H RMS 0.52 m V 1.09 m; ESBC GREC L1 H 1.22 m V 0.80 m; PDEL/FLRS 0 solutions.
 * The bounds below are the measured skyfix values (docs/spp.md) with about 50 % margin. ESBC is
 * decimated to every 10th epoch here (speed), which restarts the carrier smoothing at every
 * epoch; tests/cli/spp_vs_rtklib.sh runs the full day against rnx2rtkp. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/skyfix.h"

typedef struct {
    const char *obs, *nav[2];
    unsigned sys_mask;
    int freq_mode, decimate;
    const double *truth; /* NULL: header position */
} real_case_t;

typedef struct {
    int epochs, solutions, reasons;
    double h2, v2, max_3d_m;
    double speed2_m2ps2;   /* sum of squared speeds: the stations are static */
    int velocities;
    int far_1km; /* SINGLE solutions more than 1 km from the truth */
} real_result_t;

static void accumulate(real_result_t *r, const sky_solution_t *sol, const double truth[3])
{
    r->epochs++;
    if (sol->quality != SKY_SOLQ_SINGLE) {
        r->reasons += sol->reason[0] != '\0';
        return;
    }
    double llh[3], d[3], enu[3];
    sky_ecef_to_geod(truth, llh);
    for (int k = 0; k < 3; k++)
        d[k] = sol->pos_ecef_m[k] - truth[k];
    sky_ecef_to_enu(d, llh, enu);
    double h2 = enu[0] * enu[0] + enu[1] * enu[1], d3 = sqrt(h2 + enu[2] * enu[2]);
    r->solutions++;
    r->h2 += h2;
    r->v2 += enu[2] * enu[2];
    r->max_3d_m = fmax(r->max_3d_m, d3);
    r->far_1km += d3 > 1000.0;
    double sp2 = 0.0;
    for (int k = 0; k < 3; k++)
        sp2 += sol->vel_ecef_mps[k] * sol->vel_ecef_mps[k];
    if (isfinite(sp2)) {
        r->velocities++;
        r->speed2_m2ps2 += sp2;
    }
}

static void run_real(const real_case_t *c, real_result_t *r)
{
    memset(r, 0, sizeof *r);
    char *obs = sky_test_data(c->obs);
    sky_nav_t nav;
    sky_nav_init(&nav, NULL);
    sky_error_t err;
    sky_error_clear(&err);
    for (int i = 0; i < 2 && c->nav[i]; i++) {
        char *p = sky_test_data(c->nav[i]);
        assert_int_equal(sky_nav_read_file(&nav, p, &err), SKY_OK);
        free(p);
    }
    sky_obs_reader_t *rd = NULL;
    assert_int_equal(sky_obs_open(NULL, obs, &rd, &err), SKY_OK);
    const sky_obs_header_t *hdr = sky_obs_reader_header(rd);
    double truth[3];
    memcpy(truth, c->truth ? c->truth : hdr->approx_pos_ecef_m, sizeof truth);
    sky_spp_opts_t o;
    sky_spp_opts_default(&o);
    o.sys_mask = c->sys_mask;
    o.freq_mode = (uint8_t)c->freq_mode;
    sky_spp_t *spp = NULL;
    assert_int_equal(sky_spp_new(NULL, &nav, &o, &spp, &err), SKY_OK);
    static sky_solution_t sol;
    sky_obs_epoch_t ep;
    sky_status_t st;
    long n = 0;
    while ((st = sky_obs_next(rd, &ep, &err)) == SKY_OK) {
        if (ep.flag > SKY_EPOCH_POWER_FAILURE || n++ % c->decimate != 0)
            continue;
        sky_spp_solve(spp, hdr, &ep, &sol, NULL);
        accumulate(r, &sol, truth);
    }
    assert_int_equal(st, SKY_EOF);
    print_message("%s mask %#x freq %d: %d epochs, %d solutions, H RMS %.3f m, V RMS %.3f m, "
                  "max 3D %.3f m, %d velocities, RMS speed %.4f m/s\n", c->obs, c->sys_mask,
                  c->freq_mode, r->epochs, r->solutions, sqrt(r->h2 / fmax(r->solutions, 1)),
                  sqrt(r->v2 / fmax(r->solutions, 1)), r->max_3d_m, r->velocities,
                  sqrt(r->speed2_m2ps2 / fmax(r->velocities, 1)));
    sky_spp_delete(spp);
    sky_obs_close(rd);
    sky_nav_free(&nav);
    free(obs);
}

#define VEL_RMS_MAX_MPS 0.05
#define GPS (1u << SKY_SYS_GPS)
#define GREC ((1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL) | \
              (1u << SKY_SYS_BDS))

static void check_accuracy(const real_result_t *r, double min_avail, double h_rms_m,
                           double v_rms_m, double max_3d_m)
{
    assert_true(r->epochs > 0);
    assert_true(r->solutions >= min_avail * r->epochs);
    assert_int_equal(r->reasons, r->epochs - r->solutions); /* every rejection says why */
    assert_true(sqrt(r->h2 / r->solutions) < h_rms_m);
    assert_true(sqrt(r->v2 / r->solutions) < v_rms_m);
    assert_true(r->max_3d_m < max_3d_m);
}

static void test_0759_single(void **state)
{
    (void)state;
    real_case_t c = {"rtklib/rinex/07590920.05o", {"rtklib/rinex/07590920.05n", NULL}, GPS,
                     SKY_FREQ_SINGLE, 1, NULL};
    real_result_t r;
    run_real(&c, &r);
    assert_int_equal(r.epochs, 120); /* grep -c of the epoch lines */
    check_accuracy(&r, 1.0, 0.7, 1.2, 3.7);   /* measured 0.44, 0.77, 2.43 */
}

static void test_0759_dual(void **state)
{
    (void)state;
    real_case_t c = {"rtklib/rinex/07590920.05o", {"rtklib/rinex/07590920.05n", NULL}, GPS,
                     SKY_FREQ_DUAL, 1, NULL};
    real_result_t r;
    run_real(&c, &r);
    check_accuracy(&r, 1.0, 1.1, 4.0, 7.0);   /* measured 0.69, 2.63, 4.59 */
}

static void test_esbc_multi(void **state)
{
    (void)state;
    real_case_t c = {"georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz",
                     {"georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz", NULL}, GREC,
                     SKY_FREQ_SINGLE, 10, NULL};
    real_result_t r;
    run_real(&c, &r);
    assert_int_equal(r.epochs, 288);
    check_accuracy(&r, 0.99, 1.6, 1.1, 4.5);  /* measured 1.12, 0.75, 2.27 (no smoothing:
                                                * decimated) */
    /* a static antenna: Doppler velocity near zero */
    assert_true(r.velocities >= 0.99 * r.solutions);
    assert_true(sqrt(r.speed2_m2ps2 / r.velocities) < VEL_RMS_MAX_MPS);
    c.freq_mode = SKY_FREQ_AUTO;
    run_real(&c, &r);
    check_accuracy(&r, 0.99, 1.5, 1.9, 5.0);  /* measured 1.02, 1.29, 3.30 */
}

static void test_ceda_damaged(void **state)
{
    (void)state;
    /* MANIFEST "Known traps": no GPS, 0-5 Galileo satellites, time tags ~3 s off, ranges off by
     * thousands of km. Nothing wrong may come out as a SINGLE solution. */
    real_case_t c = {"georinex/CEDA00USA_R_20182100000_23H_15S_MO.rnx.gz",
                     {"georinex/CEDA00USA_R_20182100000_01D_MN.rnx.gz", NULL}, 0xFFFFu & ~1u,
                     SKY_FREQ_AUTO, 1, NULL};
    real_result_t r;
    run_real(&c, &r);
    assert_true(r.epochs > 4000);
    assert_int_equal(r.far_1km, 0);
    assert_int_equal(r.reasons, r.epochs - r.solutions);
}

static void test_pdel_without_ephemerides(void **state)
{
    (void)state;
    /* The case's navigation files cover only 3 GPS and 1 GLONASS satellite of the first
     * 35 min (ephemerides start at 02:00 or later): no solution is possible, and RTKLIB
     * gives none either [4]. Every epoch must say why. */
    static const double pdel[3] = {4551595.8776, -2186892.8650, 3883411.0240}; /* [3] */
    real_case_t c = {"georust/OBS/V3/pdel0010.21o",
                     {"georust/NAV/V2/cbw10010.21n.gz", "georust/NAV/V2/amel0010.21g"},
                     GPS | (1u << SKY_SYS_GLO), SKY_FREQ_AUTO, 1, pdel};
    real_result_t r;
    run_real(&c, &r);
    assert_int_equal(r.epochs, 67);
    assert_int_equal(r.solutions, 0);
    assert_int_equal(r.reasons, 67);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_0759_single),
        cmocka_unit_test(test_0759_dual),
        cmocka_unit_test(test_esbc_multi),
        cmocka_unit_test(test_ceda_damaged),
        cmocka_unit_test(test_pdel_without_ephemerides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
