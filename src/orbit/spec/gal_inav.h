/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: Galileo I/NAV and F/NAV ephemeris constants.
 * References:
 *  [1] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.1 (mu, Omega_e), §5.1.4 (clock,
 *      relativistic F), §5.1.9.3 (SISA), §5.1.2 (GST)
 *  [2] RTKLIB 2.4.3 rtklib.h MAXDTOE_GAL (14400 s), taken as the nominal 4-h validity of a
 *      Galileo data set (section of the Galileo documents not checked) */
#ifndef SKY_ORBIT_SPEC_GAL_INAV_H
#define SKY_ORBIT_SPEC_GAL_INAV_H

#define SKY__GAL_MAX_AGE_S 14400.0 /* [2] */
/* RINEX 3.05 Galileo navigation record, "data sources" bits: 0 I/NAV E1-B, 1 F/NAV E5a-I, 2 I/NAV E5b-I */
#define SKY__GAL_SRC_INAV_E1B 0x1
#define SKY__GAL_SRC_FNAV_E5A 0x2
#define SKY__GAL_SRC_INAV_E5B 0x4
#define SKY__GAL_NAPA_STD_M 6144.0 /* [1] §5.1.11: SISA 255 "no accuracy prediction" */

#endif
