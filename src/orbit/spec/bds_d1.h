/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: BeiDou D1/D2 and B-CNAV ephemeris constants.
 * References:
 *  [1] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.12 (user algorithm, GEO rotation of
 *      -5 deg about X), §5.2.4.10 (clock), §3.2 (CGCS2000)
 *  [2] BDS-SIS-ICD-B1C v1.0 (2017-12) §7.8 (CNAV: A_ref MEO 27906100 m,
 *      IGSO/GEO 42162200 m) */
#ifndef SKY_ORBIT_SPEC_BDS_D1_H
#define SKY_ORBIT_SPEC_BDS_D1_H

#define SKY__BDS_GEO_TILT_RAD (-5.0 * 3.14159265358979323846 / 180.0) /* [1] §5.2.4.12 */
/* BDS GEO PRNs: C01-C05 (BDS-2) and C59-C63 (BDS-3). */
#define SKY__BDS_GEO_PRN_LOW_MAX 5
#define SKY__BDS_GEO_PRN_HIGH_MIN 59
/* Ephemerides are refreshed every hour ([1] §5.2.4.11 AODE); 3 h allows two missed updates
 * (RTKLIB 2.4.3 uses 6 h). */
#define SKY__BDS_MAX_AGE_S 10800.0

#endif
