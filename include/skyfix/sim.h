/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: observation simulator: code, phase, Doppler and C/N0 of a static receiver from
 * broadcast ephemerides and the same propagation models the solvers use.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3 (user clock correction, TGD), §20.3.3.4.3.3.2
 *  [2] Kaplan & Hegarty, Understanding GPS/GNSS, 3rd ed. (2017) §8.2 (observation equations)
 *  [3] RINEX 3.05 (2020-12-01) §5.1 (observation codes, phase sign, Doppler sign) */
#ifndef SKYFIX_SIM_H
#define SKYFIX_SIM_H

#include "skyfix/common.h"
#include "skyfix/ctx.h"
#include "skyfix/error.h"
#include "skyfix/nav.h"
#include "skyfix/obs.h"
#include "skyfix/orbit.h"
#include "skyfix/time.h"

SKY_BEGIN_DECLS

#define SKY_SIM_MAXSIG 4 /* signals per system */

/* One simulated signal: RINEX band digit and attribute, e.g. {'1','C'} for C1C/L1C/D1C/S1C. */
typedef struct {
    char band, attr;
} sky_sim_signal_t;

typedef struct {
    double rcv_pos_ecef_m[3];   /* true antenna position, WGS 84 ECEF */
    double rcv_clk_bias_s;      /* receiver clock offset at start (tag - true time), s */
    double rcv_clk_drift_sps;   /* receiver clock drift, s/s */
    sky_time_t start, end;      /* first and last epoch time tags (receiver clock, GPST) */
    double interval_s;          /* default 30 */
    unsigned sys_mask;          /* bit (1u << sky_sys_t); default G,R,E,C,J */
    double elmask_rad;          /* default 5 deg */
    int nsig[SKY_SYS_COUNT];    /* signals per system (0 = none) */
    sky_sim_signal_t sig[SKY_SYS_COUNT][SKY_SIM_MAXSIG];
    double sigma_code_m;        /* white noise, default 0 */
    double sigma_phase_cyc;     /* default 0 */
    double sigma_doppler_hz;    /* default 0 */
    uint64_t seed;              /* noise and ambiguity generator seed (local state) */
    bool iono;                  /* broadcast ionosphere (sky_iono_delay_m); default on */
    bool trop;                  /* Saastamoinen + Niell (sky_trop_delay_m); default on */
    double humidity;            /* relative humidity for the troposphere; default 0.7 */
    bool ambiguity;             /* random integer phase ambiguities; default on */
    sky_orbit_opts_t orbit;     /* ephemeris selection (sky_orbit_broadcast) */
} sky_sim_opts_t;

/* Defaults: G C1C+C2W, R C1C+C2P, E C1C+C5Q, C C2I+C7I, J C1C+C2L, I C5A (each with L, D, S);
 * 30 s, 5 deg mask, no noise, iono and trop on. start/end and the position must be set. */
SKY_API void sky_sim_opts_default(sky_sim_opts_t *opts);

/* Epoch callback (sky_rinexw_epoch_cb from skyfix/rinexw.h has this shape). */
typedef sky_status_t (*sky_sim_epoch_fn)(void *user, const sky_obs_header_t *hdr,
                                         const sky_obs_epoch_t *epoch, sky_error_t *err);

typedef struct sky_sim sky_sim_t;

/* A simulator over nav (not copied: it must outlive the simulator). SKY_E_ARG for bad options,
 * SKY_E_NODATA if nav has no ephemeris of the chosen systems, or iono is on and nav holds no
 * broadcast ionosphere parameters. */
SKY_API sky_status_t sky_sim_new(const sky_ctx_t *ctx, const sky_nav_t *nav,
                                 const sky_sim_opts_t *opts, sky_sim_t **out, sky_error_t *err);
/* Observation header of the simulated file (types per system, GLONASS slots, position ...). */
SKY_API const sky_obs_header_t *sky_sim_header(const sky_sim_t *sim);
/* Next epoch (arrays owned by the simulator, valid until the next call); SKY_EOF after end.
 * Satellites without a usable ephemeris or below the mask are left out.
 *  P = rho + c (dt_r - dt_s) + c TGD(signal) + I(f) + T + noise
 *  L = (rho + c (dt_r - dt_s) - I(f) + T) / lambda + N + noise
 *  D = -d(rho + c (dt_r - dt_s))/dt / lambda + noise   (iono and trop rates not included)
 * rho: light-time iterated, Earth rotation by sky_geo_range_m; dt_r = bias + drift (tag - start);
 * dt_s from sky_orbit_broadcast at the transmission time (incl. relativity). */
SKY_API sky_status_t sky_sim_next(sky_sim_t *sim, sky_obs_epoch_t *epoch, sky_error_t *err);
/* Run all epochs through fn; stops at the first error (fn's or the simulator's). */
SKY_API sky_status_t sky_sim_run(sky_sim_t *sim, sky_sim_epoch_fn fn, void *user,
                                 sky_error_t *err);
SKY_API void sky_sim_delete(sky_sim_t *sim);

SKY_END_DECLS
#endif
