/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: single point positioning (weighted least squares, RAIM FDE, DOP, Doppler velocity).
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3 (user algorithms)
 *  [2] Kaplan & Hegarty, Understanding GPS/GNSS, 3rd ed. (2017) §11.2 (least squares, DOP)
 *  [3] Brown, R. G., "A baseline GPS RAIM scheme...", Navigation 39(3) (1992)
 *  [4] RTKLIB 2.4.3 manual, Appendix E.6 (error model used for weighting, for comparison) */
#ifndef SKYFIX_SPP_H
#define SKYFIX_SPP_H

#include "skyfix/common.h"
#include "skyfix/ctx.h"
#include "skyfix/error.h"
#include "skyfix/nav.h"
#include "skyfix/obs.h"
#include "skyfix/orbit.h"
#include "skyfix/solution.h"

SKY_BEGIN_DECLS

typedef enum { SKY_FREQ_SINGLE = 0, SKY_FREQ_DUAL = 1, SKY_FREQ_AUTO = 2 } sky_freq_mode_t;

typedef struct {
    unsigned sys_mask;        /* bit (1u << sky_sys_t); default G,R,E,C,J */
    double elmask_rad;        /* default 10 deg */
    uint8_t freq_mode;        /* sky_freq_mode_t; default AUTO (dual when available) */
    bool iono_model;          /* broadcast ionosphere model for single frequency; default on */
    bool trop_model;          /* Saastamoinen + Niell; default on */
    bool raim_fde;            /* default on */
    bool velocity;            /* Doppler velocity; default on */
    bool use_snr_weight;      /* C/N0 weighting where present; default on */
    double max_gdop;          /* reject above; default 30 */
    double max_sd_m;          /* reject a fix whose formal 3-D standard deviation is above; 30 m */
    double raim_chi2_alpha;   /* false alarm probability for the chi-square test; default 1e-3 */
    double err_code_m;        /* code error a+b/sin(el) model: a, b in m; default 0.3, 0.3 */
    double err_code_el_m;
    sky_sat_t exclude[64]; int nexclude;
    sky_orbit_opts_t orbit;
    int min_redundancy;       /* reject when satellites - unknowns is below; default 1 (an
                               * unverifiable 4-satellite fix is no fix); 0 = RTKLIB's rule */
    double smooth_s;          /* carrier smoothing (Hatch) window of the code in s, 0 = off;
                               * default SKY_SPP_SMOOTH_DEFAULT_S (see docs/spp.md) */
    bool p1c1_from_c1w;       /* GPS C1C aligned to P1 by each satellite's running mean of
                               * C1W - C1C where both are tracked, once that mean is known to
                               * 5 cm; default on */
} sky_spp_opts_t;

#define SKY_SPP_SMOOTH_DEFAULT_S 300.0

SKY_API void sky_spp_opts_default(sky_spp_opts_t *opts);

typedef struct sky_spp sky_spp_t;

/* A solver over a navigation store (not copied: it must outlive the solver). */
SKY_API sky_status_t sky_spp_new(const sky_ctx_t *ctx, const sky_nav_t *nav,
                                 const sky_spp_opts_t *opts, sky_spp_t **out, sky_error_t *err);
/* Solve one epoch. SKY_OK with sol->quality SINGLE, or SKY_E_NODATA / SKY_E_NOCONV /
 * SKY_E_RANGE with sol->quality NONE and sol->reason saying why. The previous solution is used
 * as the starting point when it is recent. */
SKY_API sky_status_t sky_spp_solve(sky_spp_t *spp, const sky_obs_header_t *hdr,
                                   const sky_obs_epoch_t *epoch, sky_solution_t *sol,
                                   sky_error_t *err);
SKY_API void sky_spp_delete(sky_spp_t *spp);

SKY_END_DECLS
#endif
