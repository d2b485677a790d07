/* SPDX-License-Identifier: BSD-2-Clause */
/* SP3 interpolation. References: the IGS final orbit itself at epochs left out of a decimated
 * copy (30-min nodes, truth at the 15-min epochs between), and the broadcast velocity
 * (brdc1820.10n) for the derivative of the interpolating polynomial. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/orbit.h"
#include "skyfix/rinex.h"
#include "skyfix/sp3.h"

static void load(sky_sp3_t *sp3)
{
    char *path = sky_test_data("rtklib/sp3/igs15904.sp3");
    sky_sp3_init(sp3, NULL);
    assert_int_equal(sky_sp3_read_file(sp3, path, NULL), SKY_OK);
    free(path);
}

/* Every other epoch of src (libc allocations, freed by sky_sp3_free with a NULL context). */
static void decimate(const sky_sp3_t *src, sky_sp3_t *dst)
{
    *dst = *src;
    dst->nepoch = (src->nepoch + 1) / 2;
    dst->cap_epoch = dst->nepoch;
    dst->sats = malloc(src->nsat * sizeof *dst->sats);
    dst->acc_exp = NULL;
    dst->epochs = malloc(dst->nepoch * sizeof *dst->epochs);
    dst->recs = malloc(dst->nepoch * src->nsat * sizeof *dst->recs);
    assert_non_null(dst->sats);
    assert_non_null(dst->epochs);
    assert_non_null(dst->recs);
    memcpy(dst->sats, src->sats, src->nsat * sizeof *dst->sats);
    for (size_t e = 0; e < dst->nepoch; e++) {
        dst->epochs[e] = src->epochs[2 * e];
        memcpy(&dst->recs[e * src->nsat], &src->recs[2 * e * src->nsat],
               src->nsat * sizeof *dst->recs);
    }
}

/* 10-point Lagrange over 30-min nodes (twice the SP3 spacing): dm level; at the 15-min
 * spacing of the files the error is 2^10 times smaller by the interpolation error term. */
static void test_decimated_orbit(void **state)
{
    (void)state;
    sky_sp3_t full, half;
    load(&full);
    decimate(&full, &half);
    double sum2 = 0.0, maxd = 0.0, csum2 = 0.0;
    size_t n = 0, nc = 0;
    /* interior: the 10 nodes (4.5 h) centred on t; near the ends the window is lopsided and
     * errors grow to metres at 30-min spacing */
    for (size_t e = 9; e + 9 < full.nepoch; e += 2) {
        for (size_t s = 0; s < full.nsat; s++) {
            const sky_sp3_rec_t *truth = sky_sp3_rec(&full, e, s);
            sky_satstate_t st;
            if (sky_sp3_interp(&half, full.sats[s], full.epochs[e], &st) != SKY_OK)
                continue;
            double d2 = 0.0;
            for (int k = 0; k < 3; k++)
                d2 += (st.pos_ecef_m[k] - truth->pos_m[k]) * (st.pos_ecef_m[k] - truth->pos_m[k]);
            sum2 += d2;
            maxd = sqrt(d2) > maxd ? sqrt(d2) : maxd;
            n++;
            if (isfinite(st.clk_s) && isfinite(truth->clk_s)) {
                csum2 += (st.clk_s - truth->clk_s) * (st.clk_s - truth->clk_s);
                nc++;
            }
        }
    }
    printf("30-min nodes: %zu positions RMS %.4f m max %.4f m; %zu clocks RMS %.3f ns\n", n,
           sqrt(sum2 / n), maxd, nc, sqrt(csum2 / nc) * 1e9);
    assert_int_equal(n, 39 * 32);
    assert_true(sqrt(sum2 / n) < 0.1);
    assert_true(maxd < 0.3);
    assert_true(sqrt(csum2 / nc) < 1e-9);
    /* at a node: the record itself */
    sky_satstate_t st;
    assert_int_equal(sky_sp3_interp(&half, full.sats[3], half.epochs[20], &st), SKY_OK);
    SKY_ASSERT_NEAR(st.pos_ecef_m[0], sky_sp3_rec(&half, 20, 3)->pos_m[0], 1e-6);
    SKY_ASSERT_NEAR(st.clk_s, sky_sp3_rec(&half, 20, 3)->clk_s, 1e-18);
    sky_sp3_free(&half);
    sky_sp3_free(&full);
}

/* Interpolated velocity against the broadcast (analytic) velocity of the same satellites. */
static void test_velocity_vs_broadcast(void **state)
{
    (void)state;
    sky_sp3_t sp3;
    sky_nav_t nav;
    load(&sp3);
    char *path = sky_test_data("rtklib/rinex/brdc1820.10n");
    sky_nav_init(&nav, NULL);
    assert_int_equal(sky_nav_read_file(&nav, path, NULL), SKY_OK);
    free(path);
    double sum2 = 0.0;
    size_t n = 0;
    for (int k = 0; k < 40; k++) {
        sky_time_t t = sky_time_add(sp3.epochs[0], 3600.0 + 1977.5 * k);
        for (size_t s = 1; s < sp3.nsat; s++) {
            sky_satstate_t a, b;
            if (sky_sp3_interp(&sp3, sp3.sats[s], t, &a) != SKY_OK ||
                sky_orbit_broadcast(&nav, sp3.sats[s], t, NULL, &b, NULL) != SKY_OK)
                continue;
            for (int i = 0; i < 3; i++)
                sum2 += (a.vel_ecef_mps[i] - b.vel_ecef_mps[i]) *
                        (a.vel_ecef_mps[i] - b.vel_ecef_mps[i]);
            n++;
        }
    }
    printf("velocity: %zu states, SP3 - broadcast RMS %.5f m/s\n", n, sqrt(sum2 / n));
    assert_true(n > 1000);
    assert_true(sqrt(sum2 / n) < 0.01);
    sky_nav_free(&nav);
    sky_sp3_free(&sp3);
}

static void test_out_of_range(void **state)
{
    (void)state;
    sky_sp3_t sp3;
    sky_satstate_t st;
    load(&sp3);
    sky_sat_t g05 = {SKY_SYS_GPS, 5}, e05 = {SKY_SYS_GAL, 5};
    assert_int_equal(sky_sp3_interp(&sp3, g05, sky_time_add(sp3.epochs[0], -1.0), &st),
                     SKY_E_NODATA);
    assert_int_equal(sky_sp3_interp(&sp3, g05, sky_time_add(sp3.epochs[95], 1.0), &st),
                     SKY_E_NODATA);
    assert_int_equal(sky_sp3_interp(&sp3, g05, sp3.epochs[95], &st), SKY_OK);
    assert_int_equal(sky_sp3_interp(&sp3, e05, sp3.epochs[5], &st), SKY_E_NOTFOUND);
    sky_sp3_free(&sp3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimated_orbit),
        cmocka_unit_test(test_velocity_vs_broadcast),
        cmocka_unit_test(test_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
