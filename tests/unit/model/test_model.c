/* SPDX-License-Identifier: BSD-2-Clause */
/* Propagation models against hand computations, ICD constants and geometric identities.
 *
 * Reference numbers (REF_*) come from a short independent python3 script (plain `math`, double
 * precision) written directly from the documents and run once on 2026-11-25:
 *  - GPS Klobuchar: IS-GPS-200N §20.3.3.5.2.5 Figure 20-4 step by step;
 *  - BDS Klobuchar: BDS-SIS-ICD-B1I v3.0 §5.2.4.7 (R 6378 km, h 375 km, |phi_M|, A4 clamps,
 *    BDT = GPST - 14 s);
 *  - Saastamoinen/Davis zenith hydrostatic 0.0022768 P / (1 - 0.00266 cos 2phi - 0.00028 H),
 *    wet 0.002277 (1255/T + 0.05) e, ISO 2533 P, T and Murray (1967) saturation pressure;
 *  - Niell (1996) Table 3 coefficients, eq. (4)-(6).
 * Broadcast parameters are those of AMEL00NLD_R_20210010000_01D_MN.rnx (GPSA/GPSB, BDSA/BDSB). */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/model.h"
#include "skyfix/signal.h"
#include "skyfix/time.h"

static const double gps_alpha[4] = {7.4510e-09, -1.4900e-08, -5.9600e-08, 1.1920e-07};
static const double gps_beta[4] = {9.0110e+04, -6.5540e+04, -1.3110e+05, 4.5880e+05};
static const double bds_alpha[4] = {1.1176e-08, 2.9802e-08, -4.1723e-07, 6.5565e-07};
static const double bds_beta[4] = {1.4131e+05, -5.2429e+05, 1.6384e+06, -4.5875e+05};

typedef struct {
    double tod_s, lat_deg, lon_deg, az_deg, el_deg, ref_gps_m, ref_bds_m;
} iono_case_t;

/* python3 reference output (see header): day time, mid-latitude noon, night at 5 deg
 * elevation in the southern hemisphere, high latitude (IPP latitude clamp at 0.416 sc). */
static const iono_case_t iono_cases[] = {
    {74700, 40.0, -100.0, 210.0, 20.0, 4.625461938, 7.481132728},
    {46800, 52.2, 5.1, 90.0, 45.0, 2.343530470, 2.314687166},
    {7200, -33.9, 151.2, 0.0, 5.0, 10.912556767, 12.847766723},
    {41400, 78.0, 15.0, 180.0, 60.0, 1.681395106, 1.700519944},
};

static void test_klobuchar_gps_bds(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof iono_cases / sizeof *iono_cases; i++) {
        const iono_case_t *c = &iono_cases[i];
        /* GPS week 2138, Friday 2021-01-01: time of day as in the case. */
        sky_time_t t = sky_time_from_gpst(2138, 5 * 86400.0 + c->tod_s);
        double llh[3] = {c->lat_deg * SKY_DEG2RAD, c->lon_deg * SKY_DEG2RAD, 0.0};
        double az = c->az_deg * SKY_DEG2RAD, el = c->el_deg * SKY_DEG2RAD;
        SKY_ASSERT_NEAR(sky_iono_klobuchar_m(gps_alpha, gps_beta, t, llh, az, el), c->ref_gps_m,
                        1e-6);
        SKY_ASSERT_NEAR(sky_iono_bds_klobuchar_m(bds_alpha, bds_beta, t, llh, az, el),
                        c->ref_bds_m, 1e-6);
    }
}

static void test_iono_delay_dispatch(void **state)
{
    (void)state;
    sky_iono_t iono;
    memset(&iono, 0, sizeof iono);
    sky_time_t t = sky_time_from_gpst(2138, 5 * 86400.0 + 74700);
    double llh[3] = {40.0 * SKY_DEG2RAD, -100.0 * SKY_DEG2RAD, 0.0};
    double az = 210.0 * SKY_DEG2RAD, el = 20.0 * SKY_DEG2RAD;
    assert_true(isnan(sky_iono_delay_m(&iono, SKY_SYS_GPS, 1575.42e6, t, llh, az, el)));
    iono.has_gps_klobuchar = true;
    memcpy(iono.gps_alpha, gps_alpha, sizeof gps_alpha);
    memcpy(iono.gps_beta, gps_beta, sizeof gps_beta);
    SKY_ASSERT_NEAR(sky_iono_delay_m(&iono, SKY_SYS_GPS, 1575.42e6, t, llh, az, el), 4.625461938,
                    1e-6);
    /* Galileo E5a (1176.45 MHz, OS-SIS-ICD §2.3): GPS model scaled by (f_L1/f)^2. */
    double s = (1575.42 / 1176.45) * (1575.42 / 1176.45);
    SKY_ASSERT_NEAR(sky_iono_delay_m(&iono, SKY_SYS_GAL, 1176.45e6, t, llh, az, el),
                    4.625461938 * s, 1e-6);
    /* BDS without BDS parameters falls back to GPS, scaled to B1I 1561.098 MHz
     * (BDS-SIS-ICD-B1I v3.0 §4.2.1) by the first-order 1/f^2 law (IS-GPS-200N §20.3.3.3.3.2). */
    double s_b1i = (1575.42 / 1561.098) * (1575.42 / 1561.098);
    SKY_ASSERT_NEAR(sky_iono_delay_m(&iono, SKY_SYS_BDS, 1561.098e6, t, llh, az, el),
                    4.625461938 * s_b1i, 1e-6);
    /* GLONASS G1 of channel k = +1 (GLONASS ICD 5.1 §3.3.1.4: 1602 + 0.5625 k MHz). */
    double s_g1 = (1575.42 / 1602.5625) * (1575.42 / 1602.5625);
    SKY_ASSERT_NEAR(sky_iono_delay_m(&iono, SKY_SYS_GLO, 1602.5625e6, t, llh, az, el),
                    4.625461938 * s_g1, 1e-6);
    /* With BDS parameters BDS uses its own model (B1I), and B3I 1268.52 MHz is that scaled. */
    iono.has_bds_klobuchar = true;
    memcpy(iono.bds_alpha, bds_alpha, sizeof bds_alpha);
    memcpy(iono.bds_beta, bds_beta, sizeof bds_beta);
    SKY_ASSERT_NEAR(sky_iono_delay_m(&iono, SKY_SYS_BDS, 1561.098e6, t, llh, az, el),
                    7.481132728, 1e-6);
    double s_b3i = (1561.098 / 1268.52) * (1561.098 / 1268.52);
    SKY_ASSERT_NEAR(sky_iono_delay_m(&iono, SKY_SYS_BDS, 1268.52e6, t, llh, az, el),
                    7.481132728 * s_b3i, 1e-6);
    /* ... while GPS keeps the GPS model. */
    SKY_ASSERT_NEAR(sky_iono_delay_m(&iono, SKY_SYS_GPS, 1575.42e6, t, llh, az, el), 4.625461938,
                    1e-6);
    assert_true(isnan(sky_iono_delay_m(&iono, SKY_SYS_GPS, 1575.42e6, t, llh, az, -0.1)));
    assert_true(isnan(sky_iono_delay_m(&iono, SKY_SYS_GPS, 0.0, t, llh, az, el)));
}

typedef struct {
    int year, month, day, hour;
    double lat_deg, h_m, el_deg, rh, zhd_m, zwd_m, map_h, map_w, slant_m;
} trop_case_t;

/* python3 reference output (see header); day of year 28.0 and 200.5. */
static const trop_case_t trop_cases[] = {
    {2021, 1, 28, 0, 45.0, 0.0, 5.0, 0.5, 2.306968, 0.085529, 10.15176174, 10.75088421, 24.339299},
    {2021, 7, 19, 12, -33.9, 500.0, 10.0, 0.7, 2.175925, 0.097962, 5.55349965, 5.65888033,
     12.638353},
    {2021, 7, 19, 12, 52.2, 1200.0, 30.0, 0.0, 1.996417, 0.0, 1.99273301, 1.99649856, 3.978326},
    {2021, 1, 28, 0, 10.0, 0.0, 90.0, 0.5, 2.312749, 0.085529, 1.0, 1.0, 2.398278},
};

static void test_troposphere(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof trop_cases / sizeof *trop_cases; i++) {
        const trop_case_t *c = &trop_cases[i];
        sky_civil_t cv = {c->year, c->month, c->day, c->hour, 0, 0.0};
        sky_time_t t;
        assert_int_equal(sky_time_from_civil(&cv, &t), SKY_OK);
        double llh[3] = {c->lat_deg * SKY_DEG2RAD, 12.0 * SKY_DEG2RAD, c->h_m};
        double el = c->el_deg * SKY_DEG2RAD, zhd, zwd, mh, mw;
        sky_trop_zenith_m(llh, c->rh, &zhd, &zwd);
        SKY_ASSERT_NEAR(zhd, c->zhd_m, 1e-6);
        SKY_ASSERT_NEAR(zwd, c->zwd_m, 1e-6);
        sky_trop_niell(t, llh, el, &mh, &mw);
        SKY_ASSERT_NEAR(mh, c->map_h, 1e-8);
        SKY_ASSERT_NEAR(mw, c->map_w, 1e-8);
        SKY_ASSERT_NEAR(sky_trop_delay_m(t, llh, el, c->rh), c->slant_m, 1e-5);
    }
}

static void test_troposphere_sanity_and_bad_input(void **state)
{
    (void)state;
    sky_time_t t = sky_time_from_gpst(2138, 0.0);
    double llh[3] = {45.0 * SKY_DEG2RAD, 0.0, 0.0}, zhd, zwd;
    sky_trop_zenith_m(llh, 0.5, &zhd, &zwd);
    /* Textbook magnitudes: ~2.3 m zenith hydrostatic at sea level, ~25 m slant at 5 deg. */
    SKY_ASSERT_NEAR(zhd, 2.3, 0.02);
    SKY_ASSERT_NEAR(sky_trop_delay_m(t, llh, 5.0 * SKY_DEG2RAD, 0.5), 25.0, 1.0);
    assert_true(isnan(sky_trop_delay_m(t, llh, 0.0, 0.5)));
    assert_true(isnan(sky_trop_delay_m(t, llh, NAN, 0.5)));
    assert_true(isnan(sky_trop_delay_m(t, llh, 0.3, 1.5)));
    double under[3] = {0.0, 0.0, -6.3e6};
    assert_true(isnan(sky_trop_delay_m(t, under, 0.3, 0.5)));
    /* ISO 2533 standard atmosphere: 120.45 hPa at 15 km, 54.75 hPa at 20 km (isothermal
     * layer above 11 km); ZHD = 0.0022768 P / (1 - 0.00028 H_km) at 45 deg (Davis 1985). */
    double h15[3] = {45.0 * SKY_DEG2RAD, 0.0, 15000.0}, h20[3] = {45.0 * SKY_DEG2RAD, 0.0, 2e4};
    sky_trop_zenith_m(h15, 0.5, &zhd, &zwd);
    SKY_ASSERT_NEAR(zhd, 0.0022768 * 120.45 / (1.0 - 0.00028 * 15.0), 0.002);
    assert_true(zwd == 0.0);
    sky_trop_zenith_m(h20, 0.5, &zhd, &zwd);
    SKY_ASSERT_NEAR(zhd, 0.0022768 * 54.75 / (1.0 - 0.00028 * 20.0), 0.001);
    double space[3] = {0.0, 0.0, 5.0e5};
    SKY_ASSERT_NEAR(sky_trop_delay_m(t, space, 0.3, 0.5), 0.0, 1e-12);
}

/* The range the ICD defines (§20.3.3.4.3.3.2): rho = |R3(omega rho / c) r_sat - r_rcv|. */
static double rotated_residual_m(const double sat[3], const double rcv[3], double omega,
                                 double rho)
{
    double th = omega * rho / SKY_C_MPS;
    double x = cos(th) * sat[0] + sin(th) * sat[1] - rcv[0];
    double y = -sin(th) * sat[0] + cos(th) * sat[1] - rcv[1];
    double z = sat[2] - rcv[2];
    return sqrt(x * x + y * y + z * z) - rho;
}

static void test_geo_range_sagnac(void **state)
{
    (void)state;
    const double rcv[3] = {4027893.0, 307045.0, 4919475.0};
    const double sat[3] = {15600e3, 7540e3, 20140e3};
    double los[3];
    double rho = sky_geo_range_m(sat, rcv, SKY_GPS_OMEGA_E_RADPS, los);
    SKY_ASSERT_NEAR(rotated_residual_m(sat, rcv, SKY_GPS_OMEGA_E_RADPS, rho), 0.0, 1e-6);
    /* The linear Sagnac term omega (x_s y_r - y_s x_r) / c (Ashby 2003, Living Rev. Rel. 6)
     * agrees to well under a millimetre. */
    double d[3] = {sat[0] - rcv[0], sat[1] - rcv[1], sat[2] - rcv[2]};
    double geo = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    double lin = geo + SKY_GPS_OMEGA_E_RADPS * (sat[0] * rcv[1] - sat[1] * rcv[0]) / SKY_C_MPS;
    SKY_ASSERT_NEAR(rho, lin, 1e-3);
    SKY_ASSERT_NEAR(sky_geo_range_m(sat, rcv, 0.0, NULL), geo, 1e-6);
    SKY_ASSERT_NEAR(los[0] * los[0] + los[1] * los[1] + los[2] * los[2], 1.0, 1e-12);
    SKY_ASSERT_NEAR(sky_omega_e_radps(SKY_SYS_BDS), 7.2921150e-5, 1e-15);
}

static void test_azel(void **state)
{
    (void)state;
    const double llh0[3] = {0.0, 0.0, 0.0};
    double az, el;
    const double up[3] = {1, 0, 0}, north[3] = {0, 0, 1}, east[3] = {0, 1, 0};
    sky_azel(llh0, up, &az, &el);
    SKY_ASSERT_NEAR(el, SKY_PI / 2, 1e-12);
    sky_azel(llh0, north, &az, &el);
    SKY_ASSERT_NEAR(az, 0.0, 1e-12);
    SKY_ASSERT_NEAR(el, 0.0, 1e-12);
    sky_azel(llh0, east, &az, &el);
    SKY_ASSERT_NEAR(az, SKY_PI / 2, 1e-12);
    /* At 45N 90E, a line of sight -x (west in ECEF there) at 0 elevation: azimuth 270 deg. */
    const double llh1[3] = {45.0 * SKY_DEG2RAD, 90.0 * SKY_DEG2RAD, 0.0};
    const double west[3] = {1, 0, 0};
    sky_azel(llh1, west, &az, &el);
    SKY_ASSERT_NEAR(az, 270.0 * SKY_DEG2RAD, 1e-12);
    SKY_ASSERT_NEAR(el, 0.0, 1e-12);
}

static void test_group_delay(void **state)
{
    (void)state;
    const double tgd[2] = {-1.1e-8, 2.0e-9};
    /* IS-GPS-200N §20.3.3.3.3.2: gamma = (77/60)^2. */
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_GPS, SKY_NAV_LNAV, '1', 'C', tgd), -1.1e-8, 1e-20);
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_GPS, SKY_NAV_LNAV, '2', 'W', tgd),
                    (77.0 / 60.0) * (77.0 / 60.0) * -1.1e-8, 1e-20);
    /* Galileo §5.1.5: I/NAV E1 uses BGD(E1,E5b), F/NAV BGD(E1,E5a); E5a (154/115)^2 BGD. */
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_GAL, SKY_NAV_INAV, '1', 'C', tgd), 2.0e-9, 1e-20);
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_GAL, SKY_NAV_FNAV, '1', 'C', tgd), -1.1e-8, 1e-20);
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_GAL, SKY_NAV_FNAV, '5', 'Q', tgd),
                    (154.0 / 115.0) * (154.0 / 115.0) * -1.1e-8, 1e-20);
    /* E5a with an I/NAV (E1,E5b) clock: dt_F/NAV = dt_I/NAV - BGD(E1,E5b) + BGD(E1,E5a), so
     * the E5a delay is BGD(E1,E5b) + (gamma - 1) BGD(E1,E5a), and the E1/E5a iono-free
     * combination of the corrected codes carries BGD(E1,E5b) - BGD(E1,E5a) (was 0). */
    const double g5 = (154.0 / 115.0) * (154.0 / 115.0);
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_GAL, SKY_NAV_INAV, '5', 'Q', tgd),
                    2.0e-9 + (g5 - 1.0) * -1.1e-8, 1e-20);
    double d1 = sky_group_delay_s(SKY_SYS_GAL, SKY_NAV_INAV, '1', 'C', tgd);
    double d5 = sky_group_delay_s(SKY_SYS_GAL, SKY_NAV_INAV, '5', 'Q', tgd);
    SKY_ASSERT_NEAR((g5 * d1 - d5) / (g5 - 1.0), 2.0e-9 - -1.1e-8, 1e-20);
    /* BDS B1I TGD1, B2I TGD2, B3I 0 (clock referenced to B3I). */
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_BDS, SKY_NAV_D1, '2', 'I', tgd), -1.1e-8, 1e-20);
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_BDS, SKY_NAV_D1, '7', 'I', tgd), 2.0e-9, 1e-20);
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_BDS, SKY_NAV_D1, '6', 'I', tgd), 0.0, 1e-20);
    const double nan_tgd[2] = {NAN, NAN};
    SKY_ASSERT_NEAR(sky_group_delay_s(SKY_SYS_GLO, SKY_NAV_FDMA, '2', 'P', nan_tgd), 0.0, 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_klobuchar_gps_bds),
        cmocka_unit_test(test_iono_delay_dispatch),
        cmocka_unit_test(test_troposphere),
        cmocka_unit_test(test_troposphere_sanity_and_bad_input),
        cmocka_unit_test(test_geo_range_sagnac),
        cmocka_unit_test(test_azel),
        cmocka_unit_test(test_group_delay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
