/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: GPS/QZSS/NavIC Keplerian ephemeris constants (LNAV, CNAV, CNAV-2).
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.1 (clock, relativistic F), §20.3.3.4.3 Table 20-IV,
 *      §30.3.3.1.3 Table 30-II (CNAV: A_ref, A_dot, delta_n_dot)
 *  [2] IS-QZSS-PNT-005 (2022) §4.1.2; [3] IRNSS SPS ICD v1.1 (2017) §6.2 (GPS algorithm, own mu)
 *  [4] RTKLIB 2.4.3 rtklib.h MAXDTOE (7200 s), used only as a comparison for the age limits */
#ifndef SKY_ORBIT_SPEC_GPS_LNAV_H
#define SKY_ORBIT_SPEC_GPS_LNAV_H

#include "skyfix/coord.h"

#define SKY__GPS_HALF_WEEK_S 302400.0   /* [1] §20.3.3.4.3: t_k wrapped to +-302400 s */
#define SKY__GPS_CNAV_A_REF_M 26559710.0 /* [1] Table 30-II: A_ref */
/* Ephemeris age limit |t - toe|: the LNAV curve fit covers 4 h centred on toe ([1]
 * §20.3.4.4, fit interval flag 0), so 2 h, widened to half the fit interval when longer. */
#define SKY__GPS_MAX_AGE_S 7200.0
#define SKY__IRN_MAX_AGE_S 7200.0        /* [3]: ephemeris refreshed every 2 h */
#define SKY__KEPLER_MAX_ITER 30          /* Newton steps before SKY_E_NOCONV */
#define SKY__KEPLER_TOL_RAD 1e-13

#endif
