/* SPDX-License-Identifier: BSD-2-Clause */
/* Error statistics against a hand computation: 20 ENU errors placed around the IGS position
 * of PDEL (igs-stations-2020w2131.csv), plus epochs without solution; every expected value
 * below is worked out by hand in the comments. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/out.h"

/* PDEL, IGS SINEX week 2131 (ECEF m) */
static const double ref_ecef_m[3] = {4551595.8776, -2186892.8650, 3883411.0240};

/* E, N, U errors (m). The first ten; the last ten are the same halved. */
static const double errs[10][3] = {
    {3, 4, 0}, {0, 0, 2}, {-6, 8, 0}, {1, 0, 0}, {0, -2, 0},
    {0, 0, -4}, {2, 0, 0}, {0, 3, 0}, {0, 0, 1}, {12, 5, 0},
};

static sky_solution_t sol_at_enu(const double enu[3], int nsat, double pdop, double hdop)
{
    sky_solution_t s;
    memset(&s, 0, sizeof s);
    double llh[3], d[3];
    sky_ecef_to_geod(ref_ecef_m, llh);
    sky_enu_to_ecef(enu, llh, d);
    for (int i = 0; i < 3; i++)
        s.pos_ecef_m[i] = ref_ecef_m[i] + d[i];
    s.quality = SKY_SOLQ_SINGLE;
    s.nsat = nsat;
    s.pdop = pdop;
    s.hdop = hdop;
    return s;
}

static void test_hand_computed(void **state)
{
    (void)state;
    sky_solstats_t *st = NULL;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_solstats_new(NULL, ref_ecef_m, &st, &err), SKY_OK);
    for (int k = 0; k < 20; k++) {
        double scale = k < 10 ? 1.0 : 0.5;
        const double e[3] = {errs[k % 10][0] * scale, errs[k % 10][1] * scale,
                             errs[k % 10][2] * scale};
        /* nsat alternates 6, 10 (mean 8); pdop 1.5 for the first ten, 2.5 after (mean 2);
         * hdop 1.0 except one NaN (mean of the finite ones 1.0) */
        sky_solution_t s = sol_at_enu(e, k % 2 ? 10 : 6, k < 10 ? 1.5 : 2.5, k == 7 ? NAN : 1.0);
        assert_int_equal(sky_solstats_add(st, &s, &err), SKY_OK);
    }
    sky_solution_t none;
    memset(&none, 0, sizeof none);
    assert_int_equal(sky_solstats_add(st, &none, &err), SKY_OK); /* quality NONE */
    assert_int_equal(sky_solstats_add(st, &none, &err), SKY_OK);
    none.quality = SKY_SOLQ_SINGLE;
    none.pos_ecef_m[0] = NAN; /* not a position: counts as no solution */
    assert_int_equal(sky_solstats_add(st, &none, &err), SKY_OK);

    sky_solstats_result_t r;
    assert_int_equal(sky_solstats_get(st, &r, &err), SKY_OK);
    const double tol = 1e-6; /* the ENU -> ECEF -> ENU trip costs ~1e-9 m */
    assert_int_equal(r.epochs, 23);
    assert_int_equal(r.solutions, 20);
    assert_int_equal(r.count_by_quality[SKY_SOLQ_SINGLE], 20);
    assert_int_equal(r.count_by_quality[SKY_SOLQ_NONE], 3);
    SKY_ASSERT_NEAR(r.availability, 20.0 / 23.0, 1e-12);
    /* sums E: 12 + 6 = 18; N: 18 + 9 = 27; U: -1 - 0.5 = -1.5 (over 20) */
    SKY_ASSERT_NEAR(r.mean_enu_m[0], 0.9, tol);
    SKY_ASSERT_NEAR(r.mean_enu_m[1], 1.35, tol);
    SKY_ASSERT_NEAR(r.mean_enu_m[2], -0.075, tol);
    /* squares E: 194 + 48.5 = 242.5; N: 118 + 29.5 = 147.5; U: 21 + 5.25 = 26.25 */
    SKY_ASSERT_NEAR(r.rms_enu_m[0], sqrt(242.5 / 20), tol);
    SKY_ASSERT_NEAR(r.rms_enu_m[1], sqrt(147.5 / 20), tol);
    SKY_ASSERT_NEAR(r.rms_enu_m[2], sqrt(26.25 / 20), tol);
    SKY_ASSERT_NEAR(r.rms_v_m, sqrt(26.25 / 20), tol);
    SKY_ASSERT_NEAR(r.rms_h_m, sqrt(390.0 / 20), tol);
    SKY_ASSERT_NEAR(r.rms_3d_m, sqrt(416.25 / 20), tol);
    /* horizontal: 5,0,10,1,2,0,2,3,0,13 and halves: sum 36 + 18 = 54, mean 2.7; sorted
     * 0 0 0 0 0 0 .5 1 1 1 1.5 2 2 2.5 3 5 5 6.5 10 13: p50 = 10th = 1, p95 = 19th = 10 */
    SKY_ASSERT_NEAR(r.mean_h_m, 2.7, tol);
    SKY_ASSERT_NEAR(r.p50_h_m, 1.0, tol);
    SKY_ASSERT_NEAR(r.p95_h_m, 10.0, tol);
    SKY_ASSERT_NEAR(r.max_h_m, 13.0, tol);
    /* vertical |u|: fourteen 0, then .5 1 1 2 2 4: p95 = 19th = 2, max 4 */
    SKY_ASSERT_NEAR(r.p95_v_m, 2.0, tol);
    SKY_ASSERT_NEAR(r.max_v_m, 4.0, tol);
    /* 3-D: 5,2,10,1,2,4,2,3,1,13 (sum 43) and halves (21.5): mean 3.225; sorted
     * .5 .5 1 1 1 1 1 1.5 2 2 2 2 2.5 3 4 5 5 6.5 10 13: p95 = 19th = 10 */
    SKY_ASSERT_NEAR(r.mean_3d_m, 3.225, tol);
    SKY_ASSERT_NEAR(r.p95_3d_m, 10.0, tol);
    SKY_ASSERT_NEAR(r.max_3d_m, 13.0, tol);
    SKY_ASSERT_NEAR(r.mean_nsat, 8.0, 1e-12);
    SKY_ASSERT_NEAR(r.mean_pdop, 2.0, 1e-12);
    SKY_ASSERT_NEAR(r.mean_hdop, 1.0, 1e-12);
    sky_solstats_delete(st);
}

static void test_zero_solutions(void **state)
{
    (void)state;
    sky_solstats_t *st = NULL;
    assert_int_equal(sky_solstats_new(NULL, ref_ecef_m, &st, NULL), SKY_OK);
    sky_solstats_result_t r;
    assert_int_equal(sky_solstats_get(st, &r, NULL), SKY_OK);
    assert_int_equal(r.epochs, 0);
    assert_true(isnan(r.availability));
    assert_true(isnan(r.rms_h_m) && isnan(r.p95_3d_m) && isnan(r.mean_pdop));
    sky_solution_t none;
    memset(&none, 0, sizeof none);
    assert_int_equal(sky_solstats_add(st, &none, NULL), SKY_OK);
    assert_int_equal(sky_solstats_get(st, &r, NULL), SKY_OK);
    assert_int_equal(r.epochs, 1);
    assert_int_equal(r.solutions, 0);
    SKY_ASSERT_NEAR(r.availability, 0.0, 0.0);
    assert_true(isnan(r.max_3d_m) && isnan(r.mean_nsat));
    sky_solstats_delete(st);
    /* a single solution: every percentile is that value (nearest rank k = 1) */
    assert_int_equal(sky_solstats_new(NULL, ref_ecef_m, &st, NULL), SKY_OK);
    const double e[3] = {3, 4, 12};
    sky_solution_t s = sol_at_enu(e, 5, NAN, NAN);
    assert_int_equal(sky_solstats_add(st, &s, NULL), SKY_OK);
    assert_int_equal(sky_solstats_get(st, &r, NULL), SKY_OK);
    SKY_ASSERT_NEAR(r.p50_h_m, 5.0, 1e-6);
    SKY_ASSERT_NEAR(r.p95_3d_m, 13.0, 1e-6);
    assert_true(isnan(r.mean_pdop));
    sky_solstats_delete(st);
}

static void test_bad_reference(void **state)
{
    (void)state;
    sky_solstats_t *st = NULL;
    sky_error_t err;
    sky_error_clear(&err);
    const double zero[3] = {0, 0, 0};
    assert_int_equal(sky_solstats_new(NULL, zero, &st, &err), SKY_E_ARG);
    assert_null(st);
    assert_string_equal(err.field, "reference");
    const double bad[3] = {NAN, 0, 6.4e6};
    assert_int_equal(sky_solstats_new(NULL, bad, &st, NULL), SKY_E_ARG);
    sky_solstats_delete(NULL);
}

/* Allocator that fails once `left` allocations have been served (frees always work). */
static void *failing_realloc(void *user, void *ptr, size_t size)
{
    int *left = user;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (*left <= 0)
        return NULL;
    (*left)--;
    return realloc(ptr, size);
}

/* Every allocation failure gives SKY_E_NOMEM with a message, never a crash or a leak. */
static void test_out_of_memory(void **state)
{
    (void)state;
    const double e[3] = {1, 2, 3};
    sky_solution_t s = sol_at_enu(e, 5, 1.0, 1.0);
    /* allocations: 0 the accumulator, 1 the first 256 errors, 2 growth to 512, 3 the sort copy */
    for (int budget = 0; budget <= 4; budget++) {
        int left = budget;
        sky_ctx_t ctx;
        sky_ctx_init(&ctx);
        ctx.realloc_fn = failing_realloc;
        ctx.alloc_user = &left;
        sky_error_t err;
        sky_error_clear(&err);
        sky_solstats_t *st = NULL;
        sky_status_t rc = sky_solstats_new(&ctx, ref_ecef_m, &st, &err);
        for (int k = 0; k < 300 && rc == SKY_OK; k++) /* 300 > the first array of 256 */
            rc = sky_solstats_add(st, &s, &err);
        sky_solstats_result_t r;
        if (rc == SKY_OK)
            rc = sky_solstats_get(st, &r, &err);
        assert_int_equal(rc, budget < 4 ? SKY_E_NOMEM : SKY_OK);
        assert_int_equal(err.code, budget < 4 ? SKY_E_NOMEM : SKY_OK);
        sky_solstats_delete(st);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed),
        cmocka_unit_test(test_zero_solutions),
        cmocka_unit_test(test_bad_reference),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
