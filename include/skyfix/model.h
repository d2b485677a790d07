/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: signal propagation models: geometry, ionosphere, troposphere, Earth rotation.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.5.2.5 (Klobuchar single-frequency ionosphere model)
 *  [2] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.7 (BDS Klobuchar variant)
 *  [3] European GNSS (Galileo) Ionospheric Correction Algorithm for Galileo Single Frequency
 *      Users (NeQuick-G), Issue 1.2 (2016-09)
 *  [4] Saastamoinen, J., "Atmospheric correction for the troposphere and stratosphere in radio
 *      ranging of satellites", Geophys. Monogr. 15 (1972) 247-251
 *  [5] Niell, A. E., "Global mapping functions for the atmosphere delay at radio wavelengths",
 *      JGR 101 (B2) (1996) 3227-3246
 *  [6] IS-GPS-200N §20.3.3.4.3.3.2 (Earth rotation during signal flight) */
#ifndef SKYFIX_MODEL_H
#define SKYFIX_MODEL_H

#include "skyfix/common.h"
#include "skyfix/nav.h"
#include "skyfix/sat.h"
#include "skyfix/time.h"

SKY_BEGIN_DECLS

/* Geometric range receiver-satellite including the Sagnac (Earth rotation) correction [6], m.
 * Writes the unit line-of-sight vector receiver->satellite (ECEF) to los if not NULL. */
SKY_API double sky_geo_range_m(const double sat_ecef_m[3], const double rcv_ecef_m[3],
                               double omega_e_radps, double los[3]);
/* Azimuth and elevation from a unit line of sight and the ECEF->ENU rotation at the receiver
 * (sky_enu_matrix), for many satellites seen from one place. */
SKY_API void sky_azel_enu(const double r_enu_from_ecef[9], const double los_ecef[3],
                          double *az_rad, double *el_rad);
/* Azimuth and elevation of the satellite seen from the receiver at llh (rad, rad, m). */
SKY_API void sky_azel(const double llh_rcv[3], const double los_ecef[3], double *az_rad,
                      double *el_rad);

/* Klobuchar ionospheric delay on GPS L1 (m) [1]; alpha/beta as broadcast. */
SKY_API double sky_iono_klobuchar_m(const double alpha[4], const double beta[4], sky_time_t t,
                                    const double llh_rcv[3], double az_rad, double el_rad);
/* BeiDou Klobuchar variant, delay on B1I (m) [2]. */
SKY_API double sky_iono_bds_klobuchar_m(const double alpha[4], const double beta[4],
                                        sky_time_t t, const double llh_rcv[3], double az_rad,
                                        double el_rad);
/* Ionospheric delay (m) on frequency freq_hz for satellite system sys from whatever model the
 * broadcast parameters allow (GPS/QZS Klobuchar, BDS Klobuchar, Galileo NeQuick-G if built,
 * else GPS Klobuchar scaled by (f_L1/f)^2). Returns NaN when no parameters are available. */
SKY_API double sky_iono_delay_m(const sky_iono_t *iono, sky_sys_t sys, double freq_hz,
                                sky_time_t t, const double llh_rcv[3], double az_rad,
                                double el_rad);

/* Saastamoinen zenith delays with standard atmosphere (ISO 2533 / [4]) at the receiver,
 * hydrostatic and wet, m; humidity 0..1. */
SKY_API void sky_trop_zenith_m(const double llh_rcv[3], double humidity, double *zhd_m,
                               double *zwd_m);
/* What the troposphere model needs of a site and day, computed once for many satellites:
 * Saastamoinen zenith delays [4] and the Niell coefficients at the latitude and day [5]. */
typedef struct {
    double zhd_m, zwd_m;       /* NaN if the site is not physical */
    double coef_h[3], coef_w[3];
    double height_m;
} sky_trop_site_t;
SKY_API void sky_trop_site(sky_time_t t, const double llh_rcv[3], double humidity,
                           sky_trop_site_t *site);
/* Slant delay (m) at elevation el_rad for a prepared site; NaN below the horizon. */
SKY_API double sky_trop_slant_m(const sky_trop_site_t *site, double el_rad);
/* Slant tropospheric delay: Saastamoinen zenith delays with Niell mapping [5], m
 * (sky_trop_site + sky_trop_slant_m). */
SKY_API double sky_trop_delay_m(sky_time_t t, const double llh_rcv[3], double el_rad,
                                double humidity);

/* Niell (1996) mapping functions [5] Table 3, hydrostatic (with height correction) and wet,
 * at GPST t (day of year), receiver llh (rad, rad, m), elevation el_rad > 0. */
SKY_API void sky_trop_niell(sky_time_t t, const double llh_rcv[3], double el_rad,
                            double *map_hydro, double *map_wet);

/* Earth rotation rate of the frame of system sys (GPS/QZS/IRN/SBS WGS 84, Galileo GTRF,
 * BeiDou CGCS2000, GLONASS PZ-90), rad/s: the omega_e_radps to pass to sky_geo_range_m. */
SKY_API double sky_omega_e_radps(sky_sys_t sys);

/* Satellite group delay (s) that a pseudorange on signal band/attr ("1C" -> '1','C') contains
 * on top of the broadcast clock, from the group delays tgd_s[2] of the ephemeris used
 * (sky_keph_t.tgd_s; for GLONASS tgd_s[0] = delta tau_n, NaN/0 if unknown).
 * nav_type (sky_nav_type_t) picks the Galileo BGD (I/NAV: E1-E5b, F/NAV: E1-E5a).
 * P = rho + c*(dt_rcv - dt_sat) + c*sky_group_delay_s(...) + iono + trop.
 * Refs: IS-GPS-200N §20.3.3.3.3.2; Galileo OS-SIS-ICD §5.1.5; BDS-SIS-ICD-B1I §5.2.4.10;
 * GLONASS ICD 5.1 §4.4 (delta tau_n). Signals not modelled (BDS B1C/B2a, GPS L1C) give 0. */
SKY_API double sky_group_delay_s(sky_sys_t sys, uint8_t nav_type, char band, char attr,
                                 const double tgd_s[2]);

SKY_END_DECLS
#endif
