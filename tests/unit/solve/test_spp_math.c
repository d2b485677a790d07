/* SPDX-License-Identifier: BSD-2-Clause */
/* SPP building blocks against independent references: chi-square critical values (NIST table),
 * a Cholesky textbook example, DOP of a hand-solved geometry, and signal choice per RINEX
 * header.
 * References:
 *  [1] NIST/SEMATECH e-Handbook of Statistical Methods §1.3.6.7.4, "Critical values of the
 *      chi-square distribution" (upper-tail 0.001 and 0.01 columns)
 *  [2] Golub & Van Loan, Matrix Computations, 4th ed. §4.2 (a 3x3 SPD example with integer L)
 *  [3] Kaplan & Hegarty, Understanding GPS/GNSS, 3rd ed. §7.3.1 (DOP definition) */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "skyfix/skyfix.h"
#include "solve/spp_int.h"

static void test_chi2_quantile_vs_nist(void **state)
{
    (void)state;
    static const struct { int dof; double alpha, value; } table[] = { /* [1] */
        {1, 0.001, 10.828}, {2, 0.001, 13.816}, {3, 0.001, 16.266}, {4, 0.001, 18.467},
        {5, 0.001, 20.515}, {8, 0.001, 26.124}, {10, 0.001, 29.588}, {20, 0.001, 45.315},
        {30, 0.001, 59.703}, {1, 0.01, 6.635}, {5, 0.01, 15.086}, {10, 0.01, 23.209}};
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        double q = sky__chi2_quantile(table[i].dof, table[i].alpha);
        SKY_ASSERT_NEAR(q, table[i].value, 0.0006); /* the table has 3 decimals */
    }
    assert_true(isnan(sky__chi2_quantile(0, 0.001)));
    assert_true(isnan(sky__chi2_quantile(3, 0.0)));
}

static void test_cholesky_textbook(void **state)
{
    (void)state;
    /* N = L L^T with L = [2 0 0; 6 1 0; -8 5 3] [2]; x = (1, 2, 3) gives b = N x. */
    const double n0[9] = {4, 12, -16, 12, 37, -43, -16, -43, 98};
    double n[9], b[3] = {-20, -43, 192};
    memcpy(n, n0, sizeof n);
    assert_int_equal(sky__chol_solve(n, b, 3), SKY_OK);
    SKY_ASSERT_NEAR(n[0], 2.0, 1e-12);
    SKY_ASSERT_NEAR(n[3], 6.0, 1e-12);
    SKY_ASSERT_NEAR(n[6], -8.0, 1e-12);
    SKY_ASSERT_NEAR(n[7], 5.0, 1e-12);
    SKY_ASSERT_NEAR(n[8], 3.0, 1e-12);
    for (int i = 0; i < 3; i++)
        SKY_ASSERT_NEAR(b[i], i + 1.0, 1e-9);
    memcpy(n, n0, sizeof n);
    assert_int_equal(sky__chol_inverse(n, 3), SKY_OK);
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
            double s = 0;
            for (int k = 0; k < 3; k++)
                s += n0[r * 3 + k] * n[k * 3 + c];
            SKY_ASSERT_NEAR(s, r == c ? 1.0 : 0.0, 1e-10);
        }
    double singular[4] = {1, 2, 2, 4}, rhs[2] = {1, 1};
    assert_int_equal(sky__chol_solve(singular, rhs, 2), SKY_E_RANGE);
}

static void test_dops_hand_geometry(void **state)
{
    (void)state;
    /* One satellite at zenith, three on the horizon 120 deg apart. By hand ([3]): G^T G =
     * diag(1.5, 1.5) for E,N and [[1, 1], [1, 4]] for U,T, so HDOP^2 = 4/3, VDOP^2 = 4/3,
     * TDOP^2 = 1/3, GDOP^2 = 3. */
    sky__sppsat_t sats[5];
    memset(sats, 0, sizeof sats);
    const double az_deg[4] = {0, 0, 120, 240}, el_deg[4] = {90, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        sats[i].az_rad = az_deg[i] * SKY_DEG2RAD;
        sats[i].el_rad = el_deg[i] * SKY_DEG2RAD + (i ? 1e-9 : 0.0);
        sats[i].used = true;
    }
    sats[4].el_rad = 0.5; /* not used: ignored */
    sky_solution_t sol;
    sky__spp_dops(sats, 5, &sol);
    SKY_ASSERT_NEAR(sol.hdop, sqrt(4.0 / 3.0), 1e-6);
    SKY_ASSERT_NEAR(sol.vdop, sqrt(4.0 / 3.0), 1e-6);
    SKY_ASSERT_NEAR(sol.pdop, sqrt(8.0 / 3.0), 1e-6);
    SKY_ASSERT_NEAR(sol.tdop, sqrt(1.0 / 3.0), 1e-6);
    SKY_ASSERT_NEAR(sol.gdop, sqrt(3.0), 1e-6);
    sats[3].used = false; /* three satellites: no DOP */
    sky__spp_dops(sats, 5, &sol);
    assert_true(isnan(sol.gdop));
}

static void add_types(sky_obs_header_t *h, sky_sys_t sys, const char *const *codes, int n)
{
    for (int i = 0; i < n; i++)
        assert_int_equal(sky_obs_code_parse(codes[i], &h->types[sys][h->ntypes[sys]++]), SKY_OK);
}

static void test_signal_choice(void **state)
{
    (void)state;
    static sky_obs_header_t h;
    memset(&h, 0, sizeof h);
    static const char *const gps[] = {"C1C", "L1C", "D1C", "S1C", "C2L", "C2W", "C5Q", "S2W"};
    static const char *const gal[] = {"C1X", "C7X", "C5X", "D1X", "S1X"};
    static const char *const glo[] = {"C1P", "C2C", "C2P"};
    static const char *const bds[] = {"C2I", "C7I", "C6I"};
    add_types(&h, SKY_SYS_GPS, gps, 8);
    add_types(&h, SKY_SYS_GAL, gal, 5);
    add_types(&h, SKY_SYS_GLO, glo, 3);
    add_types(&h, SKY_SYS_BDS, bds, 3);
    sky__sigsel_t s;
    sky__spp_select_signals(&h, SKY_SYS_GPS, SKY_FREQ_AUTO, &s);
    assert_int_equal(s.ncode[0], 1);
    assert_int_equal(s.code[0][0].index, 0);  /* C1C */
    assert_int_equal(s.ncode[1], 3);
    assert_int_equal(s.code[1][0].index, 5);  /* C2W before C2L, then L5 */
    assert_int_equal(s.code[1][1].index, 4);
    assert_int_equal(s.code[1][2].index, 6);
    assert_int_equal(s.doppler[0], 2);
    assert_int_equal(s.snr[0], 3);
    sky__spp_select_signals(&h, SKY_SYS_GPS, SKY_FREQ_SINGLE, &s);
    assert_int_equal(s.ncode[1], 0);
    sky__spp_select_signals(&h, SKY_SYS_GAL, SKY_FREQ_DUAL, &s);
    assert_int_equal(s.code[0][0].index, 0);  /* E1 C1X */
    assert_int_equal(s.code[1][0].index, 2);  /* E5a before E5b */
    assert_int_equal(s.code[1][1].index, 1);
    sky__spp_select_signals(&h, SKY_SYS_GLO, SKY_FREQ_AUTO, &s);
    assert_int_equal(s.code[0][0].index, 0);  /* C1P when there is no C1C */
    assert_int_equal(s.code[1][0].index, 1);  /* C2C before C2P */
    assert_int_equal(s.doppler[0], -1);
    sky__spp_select_signals(&h, SKY_SYS_BDS, SKY_FREQ_AUTO, &s);
    assert_int_equal(s.code[0][0].index, 0);  /* B1I */
    assert_int_equal(s.code[1][0].index, 2);  /* B3I before B2I */
    assert_int_equal(s.code[1][1].index, 1);
    sky__spp_select_signals(&h, SKY_SYS_QZS, SKY_FREQ_AUTO, &s);
    assert_int_equal(s.ncode[0], 0); /* no QZSS types */
}

static void test_bad_options_and_empty_epoch(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_nav_init(&nav, NULL);
    sky_spp_opts_t o;
    sky_spp_opts_default(&o);
    sky_spp_t *spp = NULL;
    sky_error_t err;
    sky_error_clear(&err);
    o.elmask_rad = 2.0;
    assert_int_equal(sky_spp_new(NULL, &nav, &o, &spp, &err), SKY_E_ARG);
    assert_null(spp);
    assert_string_equal(err.field, "elmask_rad");
    sky_spp_opts_default(&o);
    assert_int_equal(sky_spp_new(NULL, &nav, &o, &spp, NULL), SKY_OK);
    static sky_obs_header_t h;
    memset(&h, 0, sizeof h);
    sky_obs_epoch_t ep;
    memset(&ep, 0, sizeof ep);
    static sky_solution_t sol;
    assert_int_equal(sky_spp_solve(spp, &h, &ep, &sol, NULL), SKY_E_NODATA);
    assert_int_equal(sol.quality, SKY_SOLQ_NONE);
    assert_true(sol.reason[0] != '\0');
    ep.flag = SKY_EPOCH_EXTERNAL_EVENT;
    assert_int_equal(sky_spp_solve(spp, &h, &ep, &sol, NULL), SKY_E_NODATA);
    sky_spp_delete(spp);
    sky_spp_delete(NULL);
    sky_nav_free(&nav);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chi2_quantile_vs_nist),
        cmocka_unit_test(test_cholesky_textbook),
        cmocka_unit_test(test_dops_hand_geometry),
        cmocka_unit_test(test_signal_choice),
        cmocka_unit_test(test_bad_options_and_empty_epoch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
