/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: WGS 84 ECEF <-> geodetic conversion and the local east-north-up frame.
 * References:
 *  [1] NIMA TR8350.2 3rd ed. (2000-01-03) Table 3.1 (a, 1/f), §4.1 (geodetic -> ECEF)
 *  [2] B. Hofmann-Wellenhof, H. Lichtenegger, E. Wasle, "GNSS" (Springer 2008) §10.2.1
 *      (iterative ECEF -> geodetic), §10.2.3 (local level frame, ENU rotation) */
#include "skyfix/coord.h"

#include <math.h>

#define GEOD_ITER_MAX 20
#define HALF_PI_RAD 1.57079632679489661923
#define GEOD_TOL_M 1.0e-9 /* iteration stops when the z term moves less than this */

static double wgs84_e2(void)
{
    return SKY_WGS84_F * (2.0 - SKY_WGS84_F); /* [1] Table 3.1: e^2 = f(2 - f) */
}

void sky_ecef_to_geod(const double pos_ecef_m[3], double llh[3])
{
    const double e2 = wgs84_e2();
    double x = pos_ecef_m[0];
    double y = pos_ecef_m[1];
    double z0 = pos_ecef_m[2];
    double r2 = x * x + y * y;
    if (!isfinite(r2) || !isfinite(z0)) {
        llh[0] = llh[1] = llh[2] = NAN;
        return;
    }
    if (r2 + z0 * z0 == 0.0) { /* Earth's centre: any direction; report the equator */
        llh[0] = llh[1] = 0.0;
        llh[2] = -SKY_WGS84_A_M;
        return;
    }
    /* [2] §10.2.1: iterate z' = z + N e^2 sin(phi) with sin(phi) = z' / |(p, z')|. */
    double z = z0;
    double n_m = SKY_WGS84_A_M;
    for (int i = 0; i < GEOD_ITER_MAX; i++) {
        double sinp = z / sqrt(r2 + z * z);
        n_m = SKY_WGS84_A_M / sqrt(1.0 - e2 * sinp * sinp);
        double z_next = z0 + n_m * e2 * sinp;
        bool done = fabs(z_next - z) < GEOD_TOL_M;
        z = z_next;
        if (done)
            break;
    }
    llh[0] = r2 > 0.0 ? atan(z / sqrt(r2)) : (z0 > 0.0 ? HALF_PI_RAD : -HALF_PI_RAD);
    llh[1] = r2 > 0.0 ? atan2(y, x) : 0.0;
    llh[2] = sqrt(r2 + z * z) - n_m;
}

void sky_geod_to_ecef(const double llh[3], double pos_ecef_m[3])
{
    const double e2 = wgs84_e2();
    double sinp = sin(llh[0]);
    double cosp = cos(llh[0]);
    double sinl = sin(llh[1]);
    double cosl = cos(llh[1]);
    double n_m = SKY_WGS84_A_M / sqrt(1.0 - e2 * sinp * sinp); /* prime vertical radius [1] §4.1 */
    pos_ecef_m[0] = (n_m + llh[2]) * cosp * cosl;
    pos_ecef_m[1] = (n_m + llh[2]) * cosp * sinl;
    pos_ecef_m[2] = (n_m * (1.0 - e2) + llh[2]) * sinp;
}

void sky_enu_matrix(const double llh[3], double r[9])
{
    double sinp = sin(llh[0]);
    double cosp = cos(llh[0]);
    double sinl = sin(llh[1]);
    double cosl = cos(llh[1]);
    /* [2] §10.2.3: rows are the east, north and up unit vectors in ECEF. */
    r[0] = -sinl;
    r[1] = cosl;
    r[2] = 0.0;
    r[3] = -sinp * cosl;
    r[4] = -sinp * sinl;
    r[5] = cosp;
    r[6] = cosp * cosl;
    r[7] = cosp * sinl;
    r[8] = sinp;
}

void sky_ecef_to_enu(const double d_ecef_m[3], const double llh_ref[3], double enu_m[3])
{
    double r[9];
    sky_enu_matrix(llh_ref, r);
    double d[3] = {d_ecef_m[0], d_ecef_m[1], d_ecef_m[2]}; /* allow enu_m == d_ecef_m */
    for (int i = 0; i < 3; i++)
        enu_m[i] = r[3 * i] * d[0] + r[3 * i + 1] * d[1] + r[3 * i + 2] * d[2];
}

void sky_enu_to_ecef(const double enu_m[3], const double llh_ref[3], double d_ecef_m[3])
{
    double r[9];
    sky_enu_matrix(llh_ref, r);
    double v[3] = {enu_m[0], enu_m[1], enu_m[2]};
    /* The rotation is orthonormal: its inverse is the transpose. */
    for (int i = 0; i < 3; i++)
        d_ecef_m[i] = r[i] * v[0] + r[3 + i] * v[1] + r[6 + i] * v[2];
}
