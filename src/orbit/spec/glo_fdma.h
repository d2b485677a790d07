/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: GLONASS FDMA ephemeris integration constants.
 * References:
 *  [1] GLONASS ICD Edition 5.1 (2008) Appendix J / A.3.1.2 (equations of motion in PZ-90,
 *      4th-order Runge-Kutta), Table 3.2 (PZ-90 constants), §4.4 (tb every 30 min)
 *  [2] RTKLIB 2.4.3 ephemeris.c (TSTEP 60 s, MAXDTOE_GLO 1800 s), for comparison only */
#ifndef SKY_ORBIT_SPEC_GLO_FDMA_H
#define SKY_ORBIT_SPEC_GLO_FDMA_H

#define SKY__GLO_RK4_MAX_STEP_S 60.0 /* RK4 step limit (the value of RTKLIB TSTEP [2]) */
#define SKY__GLO_MAX_AGE_S 1800.0    /* tb is updated every 30 min ([1] §4.4) */
#define SKY__GLO_MAX_SPAN_S 86400.0  /* refuse to integrate further than a day (bad input) */
#define SKY__GLO_DEFAULT_STD_M 5.0   /* no accuracy in RINEX 2/3 GLONASS records */
#define SKY__SBS_MAX_AGE_S 360.0     /* SBAS GEO message 9 age limit, as RTKLIB 2.4.3 MAXDTOE_SBS [2] */
#define SKY__SBS_DEFAULT_STD_M 10.0

#endif
