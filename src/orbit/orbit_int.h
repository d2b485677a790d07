/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: helpers shared by the broadcast orbit files of src/orbit.
 * References: [1] IS-GPS-200N (2022-08-22) §20.3.3.4.3 (t_k week crossover) */
#ifndef SKY_ORBIT_INT_H
#define SKY_ORBIT_INT_H

#include "skyfix/nav.h"
#include "skyfix/orbit.h"

#define SKY__DEFAULT_EPH_STD_M 10.0 /* accuracy assumed when an ephemeris gives none */

/* dt wrapped into [-302400, 302400] s ([1]). */
double sky__wrap_half_week_s(double dt_s);
/* mu and Earth rotation rate of the ephemeris' system. */
void sky__keph_constants(const sky_keph_t *eph, double *mu_m3ps2, double *omega_e_radps);
/* BeiDou D1/D2 GEO (C01-C05, C59-C63) that needs the extra rotation. */
bool sky__bds_is_geo(const sky_keph_t *eph);
/* Satellite clock (incl. relativistic term) only. */
sky_status_t sky__keph_clock_only(const sky_keph_t *eph, sky_time_t t, double *clk_s);
/* Variance from URA/SISA in metres (NaN or 0: default, negative: no prediction). */
double sky__ura_var_m2(double ura_m);
/* Best usable ephemeris of sat at t under opts (src/orbit/select.c), NULL if none. */
const sky_keph_t *sky__select_keph(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                   const sky_orbit_opts_t *opts);
const sky_geph_t *sky__select_geph(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                   const sky_orbit_opts_t *opts);
const sky_seph_t *sky__select_seph(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                   const sky_orbit_opts_t *opts);

#endif
