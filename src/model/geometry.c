/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: receiver-satellite geometry: range with Earth rotation, azimuth/elevation, group delay.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.4.3.3.2 (Earth rotation during signal flight),
 *      §20.3.3.3.3.2 (L1/L2 group delay TGD), Table 20-IV (Omega_e dot)
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.5 (BGD), §5.1.1 (Omega_e)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.10 (TGD1, TGD2), §3.2 (CGCS2000 Omega_e)
 *  [4] GLONASS ICD Edition 5.1 (2008) §4.4 (delta tau_n), Table 3.2 (PZ-90 omega)
 *  [5] B. Hofmann-Wellenhof et al., GNSS (Springer 2008) §8.1 (topocentric ENU, azimuth) */
#include "skyfix/model.h"

#include <math.h>
#include <stdbool.h>

#include "skyfix/coord.h"
#include "skyfix/signal.h"

/* Sagnac iterations: the rotation angle changes by < 1e-11 rad after the second. */
#define SAGNAC_ITERATIONS 2

double sky_omega_e_radps(sky_sys_t sys)
{
    switch (sys) {
    case SKY_SYS_GAL: return SKY_GAL_OMEGA_E_RADPS;
    case SKY_SYS_BDS: return SKY_BDS_OMEGA_E_RADPS;
    case SKY_SYS_GLO: return SKY_GLO_OMEGA_E_RADPS;
    default: return SKY_GPS_OMEGA_E_RADPS;
    }
}

static double norm3_m(const double v[3])
{
    return sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

/* Rotate the satellite position (ECEF at transmission) into the ECEF frame at reception by the
 * angle Omega_e * tau, [1] §20.3.3.4.3.3.2; tau = range / c. */
double sky_geo_range_m(const double sat_ecef_m[3], const double rcv_ecef_m[3],
                       double omega_e_radps, double los[3])
{
    double d[3] = {sat_ecef_m[0] - rcv_ecef_m[0], sat_ecef_m[1] - rcv_ecef_m[1],
                   sat_ecef_m[2] - rcv_ecef_m[2]};
    double range_m = norm3_m(d);
    for (int it = 0; it < SAGNAC_ITERATIONS; it++) {
        double theta_rad = omega_e_radps * range_m / SKY_C_MPS;
        /* |theta| < 1e-4 rad for any receiver on or near the Earth: the series below equal
         * cos and sin to the last bit (next terms theta^4/24 < 5e-18, theta^5/120 < 1e-22);
         * far receivers (|theta| >= 1e-4) use the library functions. */
        double t2 = theta_rad * theta_rad;
        bool small = fabs(theta_rad) < 1e-4;
        double c = small ? 1.0 - 0.5 * t2 : cos(theta_rad);
        double s = small ? theta_rad * (1.0 - t2 / 6.0) : sin(theta_rad);
        double x_rot_m = c * sat_ecef_m[0] + s * sat_ecef_m[1];
        double y_rot_m = -s * sat_ecef_m[0] + c * sat_ecef_m[1];
        d[0] = x_rot_m - rcv_ecef_m[0];
        d[1] = y_rot_m - rcv_ecef_m[1];
        d[2] = sat_ecef_m[2] - rcv_ecef_m[2];
        range_m = norm3_m(d);
    }
    if (los) {
        for (int i = 0; i < 3; i++)
            los[i] = range_m > 0.0 ? d[i] / range_m : 0.0;
    }
    return range_m;
}

/* Line of sight in local East/North/Up, then az = atan2(E, N), el = atan2(U, horizontal)
 * [5] §8.1. */
void sky_azel_enu(const double r[9], const double los_ecef[3], double *az_rad, double *el_rad)
{
    double e = r[0] * los_ecef[0] + r[1] * los_ecef[1] + r[2] * los_ecef[2];
    double n = r[3] * los_ecef[0] + r[4] * los_ecef[1] + r[5] * los_ecef[2];
    double u = r[6] * los_ecef[0] + r[7] * los_ecef[1] + r[8] * los_ecef[2];
    double horiz = sqrt(e * e + n * n);
    double az = atan2(e, n);
    if (az < 0.0)
        az += 2.0 * SKY_PI;
    if (az_rad)
        *az_rad = horiz > 0.0 ? az : 0.0;
    if (el_rad)
        *el_rad = atan2(u, horiz);
}

void sky_azel(const double llh_rcv[3], const double los_ecef[3], double *az_rad, double *el_rad)
{
    double r[9];
    sky_enu_matrix(llh_rcv, r);
    sky_azel_enu(r, los_ecef, az_rad, el_rad);
}

static double finite_or_zero(double v)
{
    return isfinite(v) ? v : 0.0;
}

/* (f_a / f_b)^2 for two bands of one system. */
static double freq_ratio_sq(sky_sys_t sys, char band_a, char band_b)
{
    double fa = sky_freq_hz(sys, band_a, 0), fb = sky_freq_hz(sys, band_b, 0);
    if (fa <= 0.0 || fb <= 0.0)
        return 0.0;
    return (fa / fb) * (fa / fb);
}

/* GPS/QZSS LNAV: L1 P(Y) and C/A carry TGD, L2 carries gamma*TGD [1] §20.3.3.3.3.2; L5 uses
 * (f1/f5)^2 TGD (the LNAV-only approximation; the CNAV ISCs are not modelled). */
static double gps_group_delay_s(sky_sys_t sys, char band, double tgd_s)
{
    switch (band) {
    case '1': return tgd_s;
    case '2': return freq_ratio_sq(sys, '1', '2') * tgd_s;
    case '5': return freq_ratio_sq(sys, '1', '5') * tgd_s;
    default: return 0.0;
    }
}

/* Galileo: E1 carries BGD(E1,E5b) for I/NAV clocks, BGD(E1,E5a) for F/NAV; E5a/E5b carry
 * (f_E1/f)^2 BGD [2] §5.1.5. E5a with an I/NAV clock: [2] §5.1.5 gives dt(E1) = dt_F/NAV -
 * BGD(E1,E5a) = dt_I/NAV - BGD(E1,E5b), so dt_F/NAV = dt_I/NAV - BGD(E1,E5b) + BGD(E1,E5a) and
 * E5a carries BGD(E1,E5b) + ((f_E1/f_E5a)^2 - 1) BGD(E1,E5a) (I/NAV broadcasts both BGDs; the
 * E1/E5a iono-free range then gets the F/NAV clock exactly). */
static double gal_group_delay_s(uint8_t nav_type, char band, const double tgd_s[2])
{
    double bgd_e5a_s = finite_or_zero(tgd_s[0]), bgd_e5b_s = finite_or_zero(tgd_s[1]);
    double gamma_e5a = freq_ratio_sq(SKY_SYS_GAL, '1', '5');
    switch (band) {
    case '1': return nav_type == SKY_NAV_FNAV ? bgd_e5a_s : bgd_e5b_s;
    case '5':
        if (nav_type == SKY_NAV_FNAV)
            return gamma_e5a * bgd_e5a_s;
        return bgd_e5b_s + (gamma_e5a - 1.0) * bgd_e5a_s;
    case '7': return freq_ratio_sq(SKY_SYS_GAL, '1', '7') * bgd_e5b_s;
    default: return 0.0;
    }
}

/* BDS D1/D2 clock refers to B3I: B1I carries TGD1, B2I/B2b carries TGD2 [3] §5.2.4.10. */
static double bds_group_delay_s(char band, const double tgd_s[2])
{
    switch (band) {
    case '2': return finite_or_zero(tgd_s[0]);
    case '7': return finite_or_zero(tgd_s[1]);
    default: return 0.0;
    }
}

double sky_group_delay_s(sky_sys_t sys, uint8_t nav_type, char band, char attr,
                         const double tgd_s[2])
{
    (void)attr;
    if (!tgd_s)
        return 0.0;
    switch (sys) {
    case SKY_SYS_GPS:
    case SKY_SYS_QZS:
        return gps_group_delay_s(sys, band, finite_or_zero(tgd_s[0]));
    case SKY_SYS_GAL:
        return gal_group_delay_s(nav_type, band, tgd_s);
    case SKY_SYS_BDS:
        return bds_group_delay_s(band, tgd_s);
    case SKY_SYS_GLO:
        /* delta tau_n = t_f2 - t_f1, the L2 equipment delay relative to L1 [4] §4.4. */
        return band == '2' ? finite_or_zero(tgd_s[0]) : 0.0;
    case SKY_SYS_IRN:
        return band == '5' ? finite_or_zero(tgd_s[0]) : 0.0;
    default:
        return 0.0;
    }
}
