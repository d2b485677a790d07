/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix solve: receiver velocity and clock drift from Doppler by least squares.
 * References:
 *  [1] Kaplan & Hegarty, Understanding GPS/GNSS, 3rd ed. (2017) §11.2.2 (velocity from Doppler;
 *      here with the light-time factor of the transmission time)
 *  [2] IS-GPS-200N (2022-08-22) §20.3.3.4.3.3.2 (Earth rotation correction; differentiated
 *      here with the light time)
 *  [3] RINEX 3.05 (2020-12-01) §5.6 (Doppler sign: positive for approaching satellites) */
#include <math.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/model.h"
#include "solve/spp_int.h"

#define VEL_NX 4
#define VEL_ITER 4
#define VEL_SIGMA_MPS 0.1    /* Doppler range-rate noise at zenith */
#define VEL_MAX_RESID_MPS 50 /* a post-fit residual beyond this means a bad Doppler */
#define VEL_MAX_EXCLUDE 3    /* bad Dopplers removed (one at a time) before giving up */

/* Range rate d rho / d t_rx (m/s) for receiver velocity vr, with rho = |R(theta) r_s(t_tx) - r_r|,
 * theta = omega_e rho / c [2] and t_tx = t_rx - rho / c, differentiated exactly:
 * rho' = los.(R v_s (1 - rho'/c) + omega_e R'(theta) r_s rho'/c - v_r). */
static double range_rate_mps(const sky__sppsat_t *s, const double pos_m[3], const double vr[3],
                             const double los[3], double omega_radps)
{
    const double *ps = s->st.pos_ecef_m, *vs = s->st.vel_ecef_mps;
    double d[3] = {ps[0] - pos_m[0], ps[1] - pos_m[1], ps[2] - pos_m[2]};
    double theta = omega_radps * sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) / SKY_C_MPS;
    double c = cos(theta), sn = sin(theta);
    double rv[3] = {c * vs[0] + sn * vs[1], -sn * vs[0] + c * vs[1], vs[2]};  /* R v_s */
    double dr[3] = {-sn * ps[0] + c * ps[1], -c * ps[0] - sn * ps[1], 0.0}; /* R' r_s */
    double a = 0.0, b = 0.0, rcv = 0.0;
    for (int k = 0; k < 3; k++) {
        a += los[k] * rv[k];
        b += los[k] * dr[k] * omega_radps;
        rcv += los[k] * vr[k];
    }
    return (a - rcv) / (1.0 + (a - b) / SKY_C_MPS);
}

/* Observed minus modelled range rate of one satellite at receiver velocity/drift x; H row. */
static double rate_residual(const sky__sppsat_t *s, const double pos_m[3], const double x[4],
                            double h[VEL_NX])
{
    double los[3];
    double omega_radps = sky_omega_e_radps((sky_sys_t)s->sat.sys);
    sky_geo_range_m(s->st.pos_ecef_m, pos_m, omega_radps, los);
    double model_mps = range_rate_mps(s, pos_m, x, los, omega_radps) + x[3] -
                       SKY_C_MPS * s->st.clk_drift_sps;
    double obs_mps = -SKY_C_MPS / s->freq_hz[0] * s->doppler_hz; /* [3] sign */
    h[0] = -los[0];
    h[1] = -los[1];
    h[2] = -los[2];
    h[3] = 1.0;
    return obs_mps - model_mps;
}

static bool usable(const sky__sppsat_t *s, bool skip)
{
    return !skip && s->used && isfinite(s->doppler_hz) && s->freq_hz[0] > 0.0 &&
           isfinite(s->st.vel_ecef_mps[0]) && isfinite(s->st.clk_drift_sps);
}

/* One Gauss-Newton step; returns rows used or -1 if singular. */
static int velocity_step(const sky__sppsat_t *sats, int nsat, const bool *skip,
                         const double pos_m[3], double x[4], double cov[VEL_NX * VEL_NX])
{
    double n[VEL_NX * VEL_NX] = {0}, b[VEL_NX] = {0};
    int nv = 0;
    for (int i = 0; i < nsat; i++) {
        if (!usable(&sats[i], skip[i]))
            continue;
        double h[VEL_NX], se = sin(sats[i].el_rad);
        double v = rate_residual(&sats[i], pos_m, x, h);
        double w = se * se / (VEL_SIGMA_MPS * VEL_SIGMA_MPS);
        for (int r = 0; r < VEL_NX; r++) {
            b[r] += h[r] * w * v;
            for (int c = 0; c < VEL_NX; c++)
                n[r * VEL_NX + c] += h[r] * w * h[c];
        }
        nv++;
    }
    if (nv < VEL_NX)
        return -1;
    memcpy(cov, n, sizeof n);
    if (sky__chol_solve(n, b, VEL_NX) != SKY_OK || sky__chol_inverse(cov, VEL_NX) != SKY_OK)
        return -1;
    for (int k = 0; k < VEL_NX; k++)
        x[k] += b[k];
    return nv;
}

/* The satellite with the largest implausible post-fit range-rate residual, -1 if none. */
static int worst_residual(const sky__sppsat_t *sats, int nsat, const bool *skip,
                          const double pos_m[3], const double x[4])
{
    int worst = -1;
    double worst_mps = VEL_MAX_RESID_MPS;
    for (int i = 0; i < nsat; i++) {
        double h[VEL_NX];
        if (!usable(&sats[i], skip[i]))
            continue;
        double r_mps = fabs(rate_residual(&sats[i], pos_m, x, h));
        if (!(r_mps <= worst_mps)) {
            worst = i;
            worst_mps = isfinite(r_mps) ? r_mps : INFINITY;
        }
    }
    return worst;
}

/* Fit; a bad Doppler (post-fit residual over VEL_MAX_RESID_MPS) is removed and the fit
 * repeated while a spare row remains to check the rest, instead of losing the velocity. */
static sky_status_t velocity_fit(const sky__sppsat_t *sats, int nsat, const double pos_m[3],
                                 double x[VEL_NX], double cov[VEL_NX * VEL_NX])
{
    bool skip[SKY__SPP_MAXMEAS] = {false};
    for (int round = 0; round <= VEL_MAX_EXCLUDE; round++) {
        int nv = 0;
        memset(x, 0, sizeof(double) * VEL_NX);
        for (int it = 0; it < VEL_ITER; it++)
            if ((nv = velocity_step(sats, nsat, skip, pos_m, x, cov)) < 0)
                return SKY_E_NODATA;
        int worst = worst_residual(sats, nsat, skip, pos_m, x);
        if (worst < 0)
            return SKY_OK;
        if (nv - 1 <= VEL_NX) /* no spare row would be left to check the others */
            return SKY_E_RANGE;
        skip[worst] = true;
    }
    return SKY_E_RANGE;
}

sky_status_t sky__spp_velocity(sky__sppsat_t *sats, int nsat, sky_solution_t *sol)
{
    double x[VEL_NX] = {0}, cov[VEL_NX * VEL_NX];
    if (nsat > SKY__SPP_MAXMEAS)
        nsat = SKY__SPP_MAXMEAS;
    sky_status_t st = velocity_fit(sats, nsat, sol->pos_ecef_m, x, cov);
    if (st != SKY_OK)
        return st;
    for (int k = 0; k < 3; k++)
        sol->vel_ecef_mps[k] = x[k];
    sol->clk_drift_mps = x[3];
    /* xx yy zz xy yz zx */
    sol->cov_vel_m2ps2[0] = cov[0];
    sol->cov_vel_m2ps2[1] = cov[5];
    sol->cov_vel_m2ps2[2] = cov[10];
    sol->cov_vel_m2ps2[3] = cov[1];
    sol->cov_vel_m2ps2[4] = cov[6];
    sol->cov_vel_m2ps2[5] = cov[2];
    return SKY_OK;
}
