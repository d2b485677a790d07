/* SPDX-License-Identifier: BSD-2-Clause */
/* GLONASS and SBAS broadcast states on hand-filled ephemerides. References: the Jacobi
 * integral of motion in the rotating frame (conserved by the PZ-90 equations of GLONASS ICD
 * Ed. 5.1 A.3.1.2 when the luni-solar term is zero), the IGS GLONASS final orbit igl15253.sp3
 * (R02 at 2009-04-01 00:30 GPST), and the DO-229E type-9 polynomial evaluated by hand. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/orbit.h"

/* brdc0910.09g, R02 2009-04-01 00:15:00 UTC (= 00:15:15 GPST, 15 leap seconds):
 * -TauN 0.206762924790E-04, GammaN -0.272848410532E-11; x y z in km, km/s, km/s^2 */
static void fill_r02(sky_geph_t *g)
{
    memset(g, 0, sizeof *g);
    g->sat.sys = SKY_SYS_GLO;
    g->sat.prn = 2;
    g->toe = sky_time_add(sky_time_from_gpst(1525, 259200.0), 15 * 60 + 15);
    g->taun_s = 0.206762924790e-04;
    g->gamman = -0.272848410532e-11;
    g->pos_m[0] = 0.936473925781e+04 * 1e3;
    g->pos_m[1] = -0.159087973633e+05 * 1e3;
    g->pos_m[2] = -0.176143896484e+05 * 1e3;
    g->vel_mps[0] = -0.267867088318e+00 * 1e3;
    g->vel_mps[1] = 0.239853191376e+01 * 1e3;
    g->vel_mps[2] = -0.230765628815e+01 * 1e3;
    g->acc_mps2[0] = 0.0;
    g->acc_mps2[1] = 0.186264514923e-08 * 1e3;
    g->acc_mps2[2] = 0.186264514923e-08 * 1e3;
    g->fcn = 1;
    g->dtaun_s = NAN;
}

/* Jacobi integral C = v^2/2 - w^2 (x^2+y^2)/2 - U, U = mu/r (1 - J2 (a/r)^2 (3 sin^2 phi - 1)/2) */
static double jacobi(const sky_satstate_t *s)
{
    const double *p = s->pos_ecef_m, *v = s->vel_ecef_mps, w = SKY_GLO_OMEGA_E_RADPS;
    double r = sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), sphi = p[2] / r;
    double ar = SKY_GLO_A_M / r;
    double u = SKY_GLO_MU_M3PS2 / r * (1.0 - SKY_GLO_J2 * ar * ar * (3.0 * sphi * sphi - 1.0) / 2.0);
    return 0.5 * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) - 0.5 * w * w * (p[0] * p[0] + p[1] * p[1]) - u;
}

static void test_jacobi_integral(void **state)
{
    (void)state;
    sky_geph_t g;
    sky_satstate_t s0, s;
    fill_r02(&g);
    g.acc_mps2[0] = g.acc_mps2[1] = g.acc_mps2[2] = 0.0;
    assert_int_equal(sky_orbit_geph(&g, g.toe, &s0), SKY_OK);
    for (double dt = -1800.0; dt <= 1800.0; dt += 450.0) {
        assert_int_equal(sky_orbit_geph(&g, sky_time_add(g.toe, dt), &s), SKY_OK);
        SKY_ASSERT_NEAR(jacobi(&s) / jacobi(&s0), 1.0, 1e-10);
    }
}

/* R02 at 00:30:00 GPST (15 min after tb) against IGS PR02 of that epoch; clock -tau_n +
 * gamma_n dt against hand arithmetic. */
static void test_r02_vs_igl(void **state)
{
    (void)state;
    sky_geph_t g;
    sky_satstate_t s;
    fill_r02(&g);
    sky_time_t t = sky_time_add(sky_time_from_gpst(1525, 259200.0), 1800.0);
    assert_int_equal(sky_orbit_geph(&g, t, &s), SKY_OK);
    assert_int_equal(s.glo_fcn, 1);
    assert_int_equal(s.nav_type, SKY_NAV_FDMA);
    SKY_ASSERT_NEAR(s.clk_s, 0.206762924790e-04 - 0.272848410532e-11 * 885.0, 1e-15);
    SKY_ASSERT_NEAR(s.clk_drift_sps, -0.272848410532e-11, 0.0);
    /* igl15253.sp3, epoch 2009  4  1  0 30: PR02 */
    const double igl[3] = {9202.065639e3, -13662.928005e3, -19485.006754e3};
    double d2 = 0.0;
    for (int k = 0; k < 3; k++)
        d2 += (s.pos_ecef_m[k] - igl[k]) * (s.pos_ecef_m[k] - igl[k]);
    assert_true(sqrt(d2) < 15.0);
}

static void test_bad_input(void **state)
{
    (void)state;
    sky_geph_t g;
    sky_satstate_t s;
    fill_r02(&g);
    g.pos_m[1] = NAN;
    assert_int_equal(sky_orbit_geph(&g, g.toe, &s), SKY_E_RANGE);
    fill_r02(&g);
    g.pos_m[0] = g.pos_m[1] = g.pos_m[2] = 0.0;
    assert_int_equal(sky_orbit_geph(&g, g.toe, &s), SKY_E_RANGE);
    fill_r02(&g);
    assert_int_equal(sky_orbit_geph(&g, sky_time_add(g.toe, 1e9), &s), SKY_E_RANGE);
}

/* DO-229E A.4.4.11: X = X0 + V dt + A dt^2 / 2, clock a_Gf0 + a_Gf1 dt (by hand: dt = 100 s). */
static void test_sbas_polynomial(void **state)
{
    (void)state;
    sky_seph_t e;
    sky_satstate_t s;
    memset(&e, 0, sizeof e);
    e.sat.sys = SKY_SYS_SBS;
    e.sat.prn = 20;
    e.t0 = sky_time_from_gpst(2000, 1000.0);
    e.pos_m[0] = 42164000.0;
    e.vel_mps[1] = 2.0;
    e.acc_mps2[2] = 0.01;
    e.af0_s = 1e-6;
    e.af1_sps = 1e-11;
    e.ura_m = 4.0;
    assert_int_equal(sky_orbit_seph(&e, sky_time_add(e.t0, 100.0), &s), SKY_OK);
    SKY_ASSERT_NEAR(s.pos_ecef_m[0], 42164000.0, 0.0);
    SKY_ASSERT_NEAR(s.pos_ecef_m[1], 200.0, 1e-9);
    SKY_ASSERT_NEAR(s.pos_ecef_m[2], 50.0, 1e-9);
    SKY_ASSERT_NEAR(s.vel_ecef_mps[2], 1.0, 1e-12);
    SKY_ASSERT_NEAR(s.clk_s, 1e-6 + 1e-9, 1e-18);
    SKY_ASSERT_NEAR(s.var_m2, 16.0, 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jacobi_integral),
        cmocka_unit_test(test_r02_vs_igl),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_sbas_polynomial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
