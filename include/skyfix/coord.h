/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: Earth constants and coordinate frames (ECEF, geodetic, local ENU).
 * References:
 *  [1] NIMA TR8350.2 3rd ed. (2000-01-03) Table 3.1 (WGS 84 a, 1/f), Table 3.4 (GM, omega)
 *  [2] IS-GPS-200N Table 20-IV (mu, Omega_e dot, pi as used by GPS)
 *  [3] Galileo OS-SIS-ICD Issue 2.1 §5.1.1 (mu, Omega_e)
 *  [4] BDS-SIS-ICD-B1I v3.0 §3.2 (CGCS2000 mu, Omega_e)
 *  [5] GLONASS ICD Edition 5.1 Table 3.2 (PZ-90 a, mu, omega, C20) */
#ifndef SKYFIX_COORD_H
#define SKYFIX_COORD_H

#include "skyfix/common.h"

SKY_BEGIN_DECLS

#define SKY_C_MPS 299792458.0          /* speed of light, IS-GPS-200N §20.3.4.3 */
#define SKY_PI 3.1415926535898         /* IS-GPS-200N §20.3.3.4.3 (value used by GPS) */
#define SKY_WGS84_A_M 6378137.0        /* [1] */
#define SKY_WGS84_F (1.0 / 298.257223563) /* [1] */
#define SKY_GPS_MU_M3PS2 3.986005e14   /* [2] */
#define SKY_GPS_OMEGA_E_RADPS 7.2921151467e-5 /* [2] */
#define SKY_GAL_MU_M3PS2 3.986004418e14 /* [3] */
#define SKY_GAL_OMEGA_E_RADPS 7.2921151467e-5 /* [3] */
#define SKY_BDS_MU_M3PS2 3.986004418e14 /* [4] */
#define SKY_BDS_OMEGA_E_RADPS 7.2921150e-5 /* [4] */
#define SKY_GLO_MU_M3PS2 3.9860044e14   /* [5] */
#define SKY_GLO_OMEGA_E_RADPS 7.292115e-5 /* [5] */
#define SKY_GLO_A_M 6378136.0           /* [5] */
#define SKY_GLO_J2 1.0826257e-3         /* [5] (C20 = -J2) */

#define SKY_DEG2RAD (3.14159265358979323846 / 180.0)
#define SKY_RAD2DEG (180.0 / 3.14159265358979323846)

/* ECEF (m) -> geodetic latitude (rad), longitude (rad), ellipsoidal height (m), WGS 84. */
SKY_API void sky_ecef_to_geod(const double pos_ecef_m[3], double llh[3]);
SKY_API void sky_geod_to_ecef(const double llh[3], double pos_ecef_m[3]);
/* Rotation matrix ECEF -> ENU at (lat, lon) (row-major E, N, U rows). */
SKY_API void sky_enu_matrix(const double llh[3], double r_enu_from_ecef[9]);
/* Vector in ECEF (e.g. difference) -> local ENU at llh_ref; and back. */
SKY_API void sky_ecef_to_enu(const double d_ecef_m[3], const double llh_ref[3], double enu_m[3]);
SKY_API void sky_enu_to_ecef(const double enu_m[3], const double llh_ref[3], double d_ecef_m[3]);

SKY_END_DECLS
#endif
