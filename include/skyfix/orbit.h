/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: satellite position, velocity and clock from broadcast ephemerides.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.1 (clock), §20.3.3.4.3 Table 20-IV (orbit),
 *      §30.3.3.1.3 Table 30-II (CNAV)
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.1 (orbit), §5.1.4 (clock), §5.1.5 (BGD)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.12 (orbit, GEO rotation), §5.2.4.10 (clock)
 *  [4] GLONASS ICD Edition 5.1 (2008) Appendix J (Runge-Kutta integration of PZ-90 motion)
 *  [5] IS-QZSS-PNT-005 (2022) §4.1.2 */
#ifndef SKYFIX_ORBIT_H
#define SKYFIX_ORBIT_H

#include "skyfix/common.h"
#include "skyfix/error.h"
#include "skyfix/nav.h"
#include "skyfix/sat.h"
#include "skyfix/time.h"

SKY_BEGIN_DECLS

/* Satellite state at one instant (signal transmission time), ECEF of the system's frame at
 * that instant (no Earth-rotation correction for signal flight: the solver applies Sagnac). */
typedef struct {
    sky_sat_t sat;
    double pos_ecef_m[3];
    double vel_ecef_mps[3];
    double clk_s;          /* satellite clock offset incl. relativistic term, excl. group delay */
    double clk_drift_sps;
    double var_m2;         /* variance of orbit+clock error from URA/SISA, m^2 */
    int health;            /* 0 healthy */
    int iode;              /* issue of data of the ephemeris used */
    uint8_t nav_type;      /* sky_nav_type_t of the ephemeris used */
    int glo_fcn;           /* GLONASS frequency channel, 0 elsewhere */
    double tgd_s[2];       /* group delays of the ephemeris used (see sky_keph_t) */
} sky_satstate_t;

/* Which ephemerides may be used. */
typedef struct {
    double max_age_s[SKY_SYS_COUNT]; /* |t - toe| limit per system; 0 = system default */
    bool allow_unhealthy;
    unsigned gal_prefer;   /* Galileo: prefer SKY_NAV_INAV (default) or SKY_NAV_FNAV */
} sky_orbit_opts_t;

SKY_API void sky_orbit_opts_default(sky_orbit_opts_t *opts);

/* Satellite state at GPST t from the best broadcast ephemeris in nav (selected by health, age
 * and issue of data). SKY_E_NOTFOUND if none fits; SKY_E_NOCONV if Kepler's equation fails. */
SKY_API sky_status_t sky_orbit_broadcast(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                         const sky_orbit_opts_t *opts, sky_satstate_t *out,
                                         sky_error_t *err);
/* The same from one given ephemeris. */
SKY_API sky_status_t sky_orbit_keph(const sky_keph_t *eph, sky_time_t t, sky_satstate_t *out);
SKY_API sky_status_t sky_orbit_geph(const sky_geph_t *eph, sky_time_t t, sky_satstate_t *out);
/* SBAS GEO state from one message type 9 ephemeris (RTCA DO-229E A.4.4.11). */
SKY_API sky_status_t sky_orbit_seph(const sky_seph_t *eph, sky_time_t t, sky_satstate_t *out);
/* Satellite clock only (fast path for the transmission-time iteration), s. */
SKY_API sky_status_t sky_orbit_clock(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                     const sky_orbit_opts_t *opts, double *clk_s);

SKY_END_DECLS
#endif
