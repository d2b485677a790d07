/* SPDX-License-Identifier: BSD-2-Clause */
/* Keplerian broadcast orbits on hand-filled ephemerides (values copied from real RINEX
 * records). References: IGS final orbit igs15904.sp3 (G02 at 2010-07-01 00:00), the nominal
 * BDS GEO slot of C05 (58.75 deg E, BDS-OS-PS-2.0 Table 3-1), vis-viva energy for an
 * unperturbed orbit, and central differences of position for velocity. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/orbit.h"

/* RINEX 3.05 Table A4 order: af0 af1 af2 / IODE Crs dn M0 / Cuc e Cus sqrtA / toe Cic OMG0
 * Cis / i0 Crc omg OMGd / idot codes week L2P / URA health TGD IODC / ttr */
static void fill(sky_keph_t *e, sky_sys_t sys, int prn, const double v[28])
{
    memset(e, 0, sizeof *e);
    e->sat.sys = (uint8_t)sys;
    e->sat.prn = (uint8_t)prn;
    e->type = sys == SKY_SYS_GAL ? SKY_NAV_INAV : sys == SKY_SYS_BDS ? SKY_NAV_D1 : SKY_NAV_LNAV;
    e->af0_s = v[0], e->af1_sps = v[1], e->af2_sps2 = v[2];
    e->iode = (int)v[3], e->crs_m = v[4], e->delta_n_radps = v[5], e->m0_rad = v[6];
    e->cuc_rad = v[7], e->e = v[8], e->cus_rad = v[9], e->sqrt_a = v[10];
    e->toe_s = v[11], e->cic_rad = v[12], e->omega0_rad = v[13], e->cis_rad = v[14];
    e->i0_rad = v[15], e->crc_m = v[16], e->omega_rad = v[17], e->omega_dot_radps = v[18];
    e->idot_radps = v[19], e->week = (int)v[21];
    e->ura_m = v[23], e->health = (int)v[24], e->tgd_s[0] = v[25], e->iodc = (int)v[26];
    if (sys == SKY_SYS_BDS) {
        e->toe = sky_time_from_bdt(e->week, e->toe_s);
        e->ttr = sky_time_from_bdt(e->week, v[27]);
    } else {
        e->toe = sky_time_from_gpst(e->week, e->toe_s);
        e->ttr = sky_time_from_gpst(e->week, v[27]);
    }
    e->toc = e->toe;
}

/* brdc1820.10n, G02 2010-07-01 00:00:00 */
static const double G02[28] = {
    0.269108917564e-03, 0.318323145621e-11, 0.0, 85, 41.4375, 0.525557597442e-08,
    1.65772167412, 0.232271850109e-05, 0.960697804112e-02, 0.617466866970e-05, 5153.59739113,
    345600, -0.558793544769e-08, -1.27458719764, 0.167638063431e-06, 0.939349150611, 249.9375,
    3.09739903949, -0.838784952606e-08, -0.232152526369e-10, 1, 1590, 0, 2.0, 0,
    -0.172294676304e-07, 85, 338418};
/* ESBC00DNK_R_20201770000_01D_MN.rnx, C05 (GEO) 2020-06-25 00:00:00 BDT */
static const double C05[28] = {
    -5.159442080185e-04, -6.710987321412e-11, 0, 1, -5.662656250000e+02, -1.811504027843e-09,
    -5.810297336492e-01, -1.882389187813e-05, 3.793594660237e-04, 5.378387868404e-07,
    6.493369304657e+03, 3.456e+05, -3.911554813385e-08, 3.102197701912e+00, 6.286427378654e-08,
    1.114144101831e-01, -1.8625e+01, -1.428005199908e+00, 2.799759478363e-09,
    4.578762152394e-10, 0, 755, 0, 2.0, 0, 1.0e-10, -9.3e-09, 3.456276e+05};
/* same file, E01 2020-06-24 23:30:00 */
static const double E01[28] = {
    -8.846927667037e-04, -7.972289495228e-12, 0, 61, 1.865625e+01, 2.656539226950e-09,
    -1.832282909549e+00, 8.568167686462e-07, 9.650341235101e-05, 1.049041748047e-05,
    5.440602037430e+03, 3.438e+05, 1.862645149231e-09, 2.123282284601e-01, -1.452863216400e-07,
    9.828296477370e-01, 1.29875e+02, -2.778709093141e+00, -5.216288707934e-09,
    -6.996720012901e-10, 258, 2111, 0, 3.12, 0, -1.862645149231e-09, 0, 3.4454e+05};

static double norm3(const double v[3])
{
    return sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

/* G02 at toe against the IGS final orbit and clock (centre of mass vs antenna phase centre:
 * ~1 m; broadcast accuracy 2010: ~1-2 m, clock ~ few ns). */
static void test_gps_vs_igs_final(void **state)
{
    (void)state;
    sky_keph_t e;
    sky_satstate_t s;
    fill(&e, SKY_SYS_GPS, 2, G02);
    assert_int_equal(sky_orbit_keph(&e, e.toe, &s), SKY_OK);
    const double igs[3] = {-14889160.729, -5131952.946, -21416801.336}; /* PG02, km -> m */
    double d[3] = {s.pos_ecef_m[0] - igs[0], s.pos_ecef_m[1] - igs[1], s.pos_ecef_m[2] - igs[2]};
    assert_true(norm3(d) < 5.0);
    /* IGS clocks leave out the periodic relativistic term -2 r.v / c^2 (IERS Conventions
     * 2010 §10.3 / IGS SP3 convention): add it to the IGS value before comparing. */
    double rv = s.pos_ecef_m[0] * s.vel_ecef_mps[0] + s.pos_ecef_m[1] * s.vel_ecef_mps[1] +
                s.pos_ecef_m[2] * s.vel_ecef_mps[2];
    SKY_ASSERT_NEAR(s.clk_s, 269.108429e-6 - 2.0 * rv / (SKY_C_MPS * SKY_C_MPS), 5e-9);
    SKY_ASSERT_NEAR(s.var_m2, 4.0, 1e-12);
    SKY_ASSERT_NEAR(s.tgd_s[0], -0.172294676304e-07, 0.0);
    assert_int_equal(s.iode, 85);
}

static void state_at(const sky_keph_t *e, double dt_s, sky_satstate_t *s)
{
    assert_int_equal(sky_orbit_keph(e, sky_time_add(e->toe, dt_s), s), SKY_OK);
}

/* Velocity and clock drift equal the central difference of position and clock (h = 0.5 s). */
static void check_derivatives(const sky_keph_t *e, double dt_s)
{
    sky_satstate_t s, a, b;
    const double h = 0.5;
    state_at(e, dt_s, &s);
    state_at(e, dt_s - h, &a);
    state_at(e, dt_s + h, &b);
    for (int k = 0; k < 3; k++)
        SKY_ASSERT_NEAR(s.vel_ecef_mps[k], (b.pos_ecef_m[k] - a.pos_ecef_m[k]) / (2 * h), 1e-3);
    SKY_ASSERT_NEAR(s.clk_drift_sps, (b.clk_s - a.clk_s) / (2 * h), 1e-15);
}

static void test_velocity_matches_difference(void **state)
{
    (void)state;
    sky_keph_t e;
    const double times[] = {-7000.0, 0.0, 1234.5, 7200.0};
    for (size_t i = 0; i < 4; i++) {
        fill(&e, SKY_SYS_GPS, 2, G02);
        check_derivatives(&e, times[i]);
        e.type = SKY_NAV_CNAV; /* CNAV: A_dot and delta_n_dot terms */
        e.a_dot_mps = 0.02;
        e.delta_n_dot_radps2 = 3e-14;
        check_derivatives(&e, times[i]);
        fill(&e, SKY_SYS_BDS, 5, C05);
        check_derivatives(&e, times[i]);
        fill(&e, SKY_SYS_BDS, 6, C05); /* same elements as an IGSO/MEO: no GEO rotation */
        check_derivatives(&e, times[i]);
        fill(&e, SKY_SYS_GAL, 1, E01);
        check_derivatives(&e, times[i]);
    }
}

/* BDS-OS-PS-2.0 Table 3-1: C05 is the GEO at 58.75 E. The -5 deg tilt of the user frame
 * (BDS-SIS-ICD-B1I §5.2.4.12) brings the broadcast i0 = 6.4 deg down to ~1.4 deg. */
static void test_bds_geo_slot(void **state)
{
    (void)state;
    sky_keph_t e;
    sky_satstate_t s;
    fill(&e, SKY_SYS_BDS, 5, C05);
    for (double dt = -3600.0; dt <= 3600.0; dt += 1800.0) {
        state_at(&e, dt, &s);
        double r = norm3(s.pos_ecef_m);
        double lon_deg = atan2(s.pos_ecef_m[1], s.pos_ecef_m[0]) * SKY_RAD2DEG;
        double lat_deg = asin(s.pos_ecef_m[2] / r) * SKY_RAD2DEG;
        SKY_ASSERT_NEAR(r, 42164e3, 100e3);
        SKY_ASSERT_NEAR(lon_deg, 58.75, 0.5);
        assert_true(fabs(lat_deg) < 2.0);
        assert_true(norm3(s.vel_ecef_mps) < 150.0);
    }
}

/* Galileo: a = 5440.6^2 m = 29600 km; speed in ECEF ~ 3.6-3.9 km/s. */
static void test_galileo_physical(void **state)
{
    (void)state;
    sky_keph_t e;
    sky_satstate_t s;
    fill(&e, SKY_SYS_GAL, 1, E01);
    state_at(&e, 600.0, &s);
    SKY_ASSERT_NEAR(norm3(s.pos_ecef_m), 29600e3, 30e3);
    const double *p = s.pos_ecef_m, *v = s.vel_ecef_mps, w = SKY_GAL_OMEGA_E_RADPS;
    double vi[3] = {v[0] - w * p[1], v[1] + w * p[0], v[2]}; /* inertial: v + omega x r */
    SKY_ASSERT_NEAR(norm3(vi), sqrt(SKY_GAL_MU_M3PS2 / 29600e3), 20.0);
    SKY_ASSERT_NEAR(s.var_m2, 3.12 * 3.12, 1e-9);
}

/* Unperturbed orbit: inertial speed obeys vis-viva v^2 = mu (2/r - 1/a). */
static void test_vis_viva(void **state)
{
    (void)state;
    sky_keph_t e;
    sky_satstate_t s;
    fill(&e, SKY_SYS_GPS, 2, G02);
    e.e = 0.2;
    e.delta_n_radps = e.omega_dot_radps = e.idot_radps = 0.0;
    e.cuc_rad = e.cus_rad = e.crc_m = e.crs_m = e.cic_rad = e.cis_rad = 0.0;
    double a = e.sqrt_a * e.sqrt_a, w = SKY_GPS_OMEGA_E_RADPS;
    for (double dt = 0.0; dt < 43200.0; dt += 3000.0) {
        state_at(&e, dt, &s);
        const double *p = s.pos_ecef_m, *v = s.vel_ecef_mps;
        double vi[3] = {v[0] - w * p[1], v[1] + w * p[0], v[2]};
        double v2 = vi[0] * vi[0] + vi[1] * vi[1] + vi[2] * vi[2];
        double ref = SKY_GPS_MU_M3PS2 * (2.0 / norm3(p) - 1.0 / a);
        SKY_ASSERT_NEAR(v2 / ref, 1.0, 1e-9);
        /* F e sqrt(A) sin E (IS-GPS-200N §20.3.3.3.3.1) equals -2 r.v / c^2 on a Kepler orbit */
        double rv = p[0] * vi[0] + p[1] * vi[1] + p[2] * vi[2];
        double poly = e.af0_s + e.af1_sps * dt;
        SKY_ASSERT_NEAR(s.clk_s - poly, -2.0 * rv / (SKY_C_MPS * SKY_C_MPS), 1e-12);
    }
}

/* IS-GPS-200N §20.3.3.4.3: t_k is wrapped into +-302400 s, so a toe tagged in the wrong week
 * (only the seconds of week known) gives the same state. */
static void test_week_crossover(void **state)
{
    (void)state;
    sky_keph_t e, f;
    sky_satstate_t a, b;
    fill(&e, SKY_SYS_GPS, 2, G02);
    f = e;
    f.toe = sky_time_add(e.toe, -604800.0);
    f.toc = f.toe;
    sky_time_t t = sky_time_add(e.toe, 5000.0);
    assert_int_equal(sky_orbit_keph(&e, t, &a), SKY_OK);
    assert_int_equal(sky_orbit_keph(&f, t, &b), SKY_OK);
    for (int k = 0; k < 3; k++)
        SKY_ASSERT_NEAR(a.pos_ecef_m[k], b.pos_ecef_m[k], 1e-6);
    SKY_ASSERT_NEAR(a.clk_s, b.clk_s, 1e-15);
}

/* Bad elements are refused, never turned into numbers; near-parabolic orbits end (OK or
 * SKY_E_NOCONV) instead of looping. */
static void test_bad_elements(void **state)
{
    (void)state;
    sky_keph_t e;
    sky_satstate_t s;
    fill(&e, SKY_SYS_GPS, 2, G02);
    e.e = 1.5;
    assert_int_equal(sky_orbit_keph(&e, e.toe, &s), SKY_E_RANGE);
    fill(&e, SKY_SYS_GPS, 2, G02);
    e.sqrt_a = NAN;
    assert_int_equal(sky_orbit_keph(&e, e.toe, &s), SKY_E_RANGE);
    fill(&e, SKY_SYS_GPS, 2, G02);
    e.sqrt_a = 100.0; /* inside the Earth */
    assert_int_equal(sky_orbit_keph(&e, e.toe, &s), SKY_E_RANGE);
    fill(&e, SKY_SYS_GPS, 2, G02);
    e.crs_m = INFINITY;
    assert_int_equal(sky_orbit_keph(&e, e.toe, &s), SKY_E_RANGE);
    for (int k = 0; k < 200; k++) {
        fill(&e, SKY_SYS_GPS, 2, G02);
        e.e = 1.0 - 1e-12;
        e.m0_rad = 1e-9 * k;
        sky_status_t st = sky_orbit_keph(&e, e.toe, &s);
        assert_true(st == SKY_OK || st == SKY_E_NOCONV);
        if (st == SKY_OK)
            assert_true(isfinite(s.pos_ecef_m[0]) && isfinite(s.clk_s));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gps_vs_igs_final),
        cmocka_unit_test(test_velocity_matches_difference),
        cmocka_unit_test(test_bds_geo_slot),
        cmocka_unit_test(test_galileo_physical),
        cmocka_unit_test(test_vis_viva),
        cmocka_unit_test(test_week_crossover),
        cmocka_unit_test(test_bad_elements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
