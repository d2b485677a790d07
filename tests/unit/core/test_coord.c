/* SPDX-License-Identifier: BSD-2-Clause */
/* WGS 84 ECEF <-> geodetic and ENU rotations.
 * References for the expected values:
 *  [1] IGS weekly SINEX igs20P2131_wocov.snx, SOLUTION/ESTIMATE via igs-stations-2020w2131.csv
 *      (ECEF X Y Z) and SITE/ID block (approximate longitude, latitude in deg min sec to 0.1",
 *      height to 0.1 m): PDEL, MCM4 (Antarctica), THU2 (Greenland), ALIC
 *  [2] NIMA TR8350.2 Table 3.1: a = 6378137 m, b = 6356752.3142 m (semi-minor axis) */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

#include "skyfix/coord.h"

#define ARCSEC_RAD (SKY_DEG2RAD / 3600.0)

typedef struct {
    const char *site;
    double x_m, y_m, z_m;    /* [1] csv */
    int lon_d, lon_m;        /* [1] SITE/ID, east longitude 0..360 */
    double lon_s;
    int lat_d, lat_m;        /* sign carried by lat_d */
    double lat_s;
    double h_m;
} site_case_t;

static double dms_rad(int d, int m, double s)
{
    double sign = d < 0 ? -1.0 : 1.0;
    return sign * (abs(d) + m / 60.0 + s / 3600.0) * SKY_DEG2RAD;
}

static double wrap_pi(double a)
{
    while (a > 3.14159265358979323846)
        a -= 2 * 3.14159265358979323846;
    while (a < -3.14159265358979323846)
        a += 2 * 3.14159265358979323846;
    return a;
}

static void test_igs_stations(void **state)
{
    (void)state;
    static const site_case_t sites[] = {
        {"PDEL", 4551595.8776, -2186892.8650, 3883411.0240, 334, 20, 14.1, 37, 44, 51.9, 110.6},
        {"MCM4", -1311703.0301, 310814.8135, -6213255.1392, 166, 40, 9.6, -77, 50, 18.1, 98.0},
        {"THU2", 538093.1935, -1389088.1330, 6180979.3683, 291, 10, 29.8, 76, 32, 13.4, 36.2},
        {"ALIC", -4052052.7745, 4212835.9797, -2545104.5405, 133, 53, 7.9, -23, 40, 12.4, 603.2},
    };
    for (size_t i = 0; i < sizeof sites / sizeof *sites; i++) {
        const site_case_t *s = &sites[i];
        double xyz[3] = {s->x_m, s->y_m, s->z_m};
        double llh[3];
        sky_ecef_to_geod(xyz, llh);
        /* SITE/ID rounds to 0.1": allow 0.06" (rounding plus cm of motion) */
        SKY_ASSERT_NEAR(llh[0], dms_rad(s->lat_d, s->lat_m, s->lat_s), 0.06 * ARCSEC_RAD);
        SKY_ASSERT_NEAR(wrap_pi(llh[1] - dms_rad(s->lon_d, s->lon_m, s->lon_s)), 0.0,
                        0.06 * ARCSEC_RAD);
        SKY_ASSERT_NEAR(llh[2], s->h_m, 0.06);
        double back[3];
        sky_geod_to_ecef(llh, back);
        for (int k = 0; k < 3; k++)
            SKY_ASSERT_NEAR(back[k], xyz[k], 1e-6);
    }
}

static void test_poles_and_axes(void **state)
{
    (void)state;
    const double b_m = 6356752.3142; /* [2] */
    double llh[3];
    double north[3] = {0, 0, b_m + 100.0};
    sky_ecef_to_geod(north, llh);
    SKY_ASSERT_NEAR(llh[0], 90 * SKY_DEG2RAD, 1e-12);
    SKY_ASSERT_NEAR(llh[2], 100.0, 1e-3);
    double south[3] = {0, 0, -b_m};
    sky_ecef_to_geod(south, llh);
    SKY_ASSERT_NEAR(llh[0], -90 * SKY_DEG2RAD, 1e-12);
    SKY_ASSERT_NEAR(llh[2], 0.0, 1e-3);
    double equator[3] = {0, -SKY_WGS84_A_M - 20200e3, 0};
    sky_ecef_to_geod(equator, llh);
    SKY_ASSERT_NEAR(llh[0], 0.0, 1e-15);
    SKY_ASSERT_NEAR(llh[1], -90 * SKY_DEG2RAD, 1e-15);
    SKY_ASSERT_NEAR(llh[2], 20200e3, 1e-6);
    double centre[3] = {0, 0, 0};
    sky_ecef_to_geod(centre, llh);
    assert_true(isfinite(llh[0]) && isfinite(llh[2]));
    double junk[3] = {NAN, 1, 2};
    sky_ecef_to_geod(junk, llh);
    assert_true(isnan(llh[0]) && isnan(llh[1]) && isnan(llh[2]));
}

static void test_round_trip_grid(void **state)
{
    (void)state;
    /* latitudes to within 1e-9 deg of the poles, heights from -1 km to GEO altitude */
    static const double heights_m[] = {-1000.0, 0.0, 8848.0, 400e3, 20200e3, 35786e3};
    double worst_m = 0.0;
    for (int ilat = -90; ilat <= 90; ilat += 5) {
        double lat_deg = ilat == 90 ? 90 - 1e-9 : (ilat == -90 ? -90 + 1e-9 : ilat + 0.123);
        for (int ilon = -180; ilon < 180; ilon += 30) {
            for (size_t ih = 0; ih < sizeof heights_m / sizeof *heights_m; ih++) {
                double llh[3] = {lat_deg * SKY_DEG2RAD, (ilon + 0.456) * SKY_DEG2RAD,
                                 heights_m[ih]};
                double xyz[3], llh2[3], xyz2[3];
                sky_geod_to_ecef(llh, xyz);
                sky_ecef_to_geod(xyz, llh2);
                SKY_ASSERT_NEAR(llh2[0], llh[0], 1e-12);
                SKY_ASSERT_NEAR(llh2[2], llh[2], 1e-4);
                sky_geod_to_ecef(llh2, xyz2);
                for (int k = 0; k < 3; k++) {
                    double d = fabs(xyz2[k] - xyz[k]);
                    worst_m = d > worst_m ? d : worst_m;
                }
            }
        }
    }
    SKY_ASSERT_NEAR(worst_m, 0.0, 1e-4);
}

static void test_enu(void **state)
{
    (void)state;
    /* At lat 0, lon 0: east = +Y, north = +Z, up = +X (definition of the local frame) */
    double llh0[3] = {0, 0, 0};
    double dx[3] = {1, 2, 3}, enu[3];
    sky_ecef_to_enu(dx, llh0, enu);
    SKY_ASSERT_NEAR(enu[0], 2, 1e-15);
    SKY_ASSERT_NEAR(enu[1], 3, 1e-15);
    SKY_ASSERT_NEAR(enu[2], 1, 1e-15);
    /* At the north pole, lon 0: east = +Y, north = -X, up = +Z */
    double pole[3] = {90 * SKY_DEG2RAD, 0, 0};
    sky_ecef_to_enu(dx, pole, enu);
    SKY_ASSERT_NEAR(enu[0], 2, 1e-12);
    SKY_ASSERT_NEAR(enu[1], -1, 1e-12);
    SKY_ASSERT_NEAR(enu[2], 3, 1e-12);
    /* a point 10 m above PDEL along the ellipsoid normal is (0, 0, 10) in ENU */
    double llh[3] = {37.748 * SKY_DEG2RAD, -25.66 * SKY_DEG2RAD, 110.0};
    double llh_up[3] = {llh[0], llh[1], 120.0};
    double a[3], b[3], d[3];
    sky_geod_to_ecef(llh, a);
    sky_geod_to_ecef(llh_up, b);
    for (int k = 0; k < 3; k++)
        d[k] = b[k] - a[k];
    sky_ecef_to_enu(d, llh, enu);
    SKY_ASSERT_NEAR(enu[0], 0, 1e-9);
    SKY_ASSERT_NEAR(enu[1], 0, 1e-9);
    SKY_ASSERT_NEAR(enu[2], 10, 1e-9);
    double back[3];
    sky_enu_to_ecef(enu, llh, back);
    for (int k = 0; k < 3; k++)
        SKY_ASSERT_NEAR(back[k], d[k], 1e-9);
    /* the matrix is orthonormal */
    double r[9];
    sky_enu_matrix(llh, r);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double dot = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2];
            SKY_ASSERT_NEAR(dot, i == j ? 1.0 : 0.0, 1e-15);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_igs_stations),
        cmocka_unit_test(test_poles_and_axes),
        cmocka_unit_test(test_round_trip_grid),
        cmocka_unit_test(test_enu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
