/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: simulator state shared by the handle code and the observation code. */
#ifndef SKY_SIM_INT_H
#define SKY_SIM_INT_H

#include "skyfix/sim.h"

struct sky_sim {
    const sky_ctx_t *ctx;
    const sky_nav_t *nav;
    sky_sim_opts_t opts;
    sky_obs_header_t hdr;
    double llh_rcv[3];          /* geodetic position of the receiver (rad, rad, m) */
    sky_sat_t *sats;            /* candidate satellites (have an ephemeris, system wanted) */
    int nsats;
    double *amb_cyc;            /* integer ambiguity per satellite and signal */
    sky_obs_sat_t *esat;        /* epoch arrays, sized for every candidate */
    double *val;
    uint8_t *lli, *ssi;
    int64_t k, nepoch;          /* next epoch index, number of epochs */
    uint64_t rng;               /* splitmix64 state */
};

/* Gaussian N(0, 1) from the simulator's own generator. */
double sky__sim_gauss(sky_sim_t *sim);
/* Uniform [0, 1). */
double sky__sim_uniform(sky_sim_t *sim);
/* Simulate one satellite at time tag: writes ntypes values at val/lli/ssi. Returns SKY_OK,
 * or SKY_E_NOTFOUND when the satellite is not usable (no ephemeris, below the mask). */
sky_status_t sky__sim_satellite(sky_sim_t *sim, int isat, sky_time_t tag, double *val,
                                uint8_t *ssi);

#endif
