/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: simulated code, phase, Doppler and C/N0 of one satellite at one epoch.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.1-2 (satellite clock, TGD), §20.3.3.4.3.3.2
 *      (Earth rotation during signal flight)
 *  [2] Kaplan & Hegarty, Understanding GPS/GNSS, 3rd ed. (2017) §8.2 (pseudorange, carrier
 *      phase and Doppler observation equations; iono advances the phase)
 *  [3] RINEX 3.05 (2020-12-01) §5.7 (signal strength indicator 1..9 from C/N0, 6 dB steps);
 *      §5.1 (Doppler positive for approaching satellites)
 *  [4] Steele, G. L., "Fast splittable pseudorandom number generators" (SplitMix64),
 *      OOPSLA 2014; Box, G. E. P. and Muller, M. E., Ann. Math. Stat. 29 (1958) 610-611 */
#include "sim_int.h"

#include <math.h>

#include "skyfix/coord.h"
#include "skyfix/model.h"
#include "skyfix/orbit.h"
#include "skyfix/signal.h"

#define LIGHT_TIME_ITER_MAX 10
#define LIGHT_TIME_TOL_S 1e-14
#define LIGHT_TIME_GUESS_S 0.075
#define DOPPLER_STEP_S 0.5      /* central difference half step for the range rate */
#define CN0_ZENITH_DBHZ 50.0    /* simple C/N0 model: 35 dB-Hz at the horizon, 50 at zenith */
#define CN0_HORIZON_DBHZ 35.0
#define SSI_STEP_DBHZ 6.0       /* [3] §5.7 */

/* SplitMix64 [4]. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double sky__sim_uniform(sky_sim_t *sim)
{
    return (double)(splitmix64(&sim->rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Box-Muller [4]: u1 in (0, 1]. */
double sky__sim_gauss(sky_sim_t *sim)
{
    double u1 = 1.0 - sky__sim_uniform(sim);
    double u2 = sky__sim_uniform(sim);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * SKY_PI * u2);
}

typedef struct {
    sky_satstate_t st;
    double rho_m, los[3], az_rad, el_rad;
    double dtr_s;
    double clock_range_m;       /* rho + c (dt_r - dt_s) */
    sky_time_t t_rx;            /* true reception time */
} geom_t;

/* The one ephemeris an epoch uses (so that the Doppler difference never straddles a switch). */
typedef struct {
    const sky_keph_t *keph;
    const sky_geph_t *geph;
} eph_ref_t;

static sky_status_t eval_orbit(const sky_sim_t *sim, sky_sat_t sat, const eph_ref_t *ref,
                               sky_time_t t, sky_satstate_t *st)
{
    if (ref && ref->keph)
        return sky_orbit_keph(ref->keph, t, st);
    if (ref && ref->geph)
        return sky_orbit_geph(ref->geph, t, st);
    return sky_orbit_broadcast(sim->nav, sat, t, &sim->opts.orbit, st, NULL);
}

/* The ephemeris sky_orbit_broadcast chose: same issue of data and message type, nearest toe. */
static eph_ref_t find_eph(const sky_nav_t *nav, sky_sat_t sat, const sky_satstate_t *st,
                          sky_time_t t)
{
    eph_ref_t ref = {NULL, NULL};
    size_t first, end;
    double best_s = INFINITY;
    if (sat.sys == SKY_SYS_GLO) {
        sky_nav_geph_range(nav, sat, &first, &end);
        for (size_t i = first; i < end; i++) {
            double dt_s = fabs(sky_time_diff_s(t, nav->geph[i].toe));
            if (nav->geph[i].iode == st->iode && dt_s < best_s) {
                best_s = dt_s;
                ref.geph = &nav->geph[i];
            }
        }
        return ref;
    }
    sky_nav_keph_range(nav, sat, &first, &end);
    for (size_t i = first; i < end; i++) {
        const sky_keph_t *e = &nav->keph[i];
        double dt_s = fabs(sky_time_diff_s(t, e->toe));
        if (e->iode == st->iode && e->type == st->nav_type && dt_s < best_s) {
            best_s = dt_s;
            ref.keph = e;
        }
    }
    return ref;
}

/* Light-time iteration: the satellite at t_rx - tau, range with Earth rotation [1]. */
static sky_status_t sat_geometry(const sky_sim_t *sim, sky_sat_t sat, const eph_ref_t *ref,
                                 sky_time_t tag, geom_t *g)
{
    const sky_sim_opts_t *o = &sim->opts;
    g->dtr_s = o->rcv_clk_bias_s + o->rcv_clk_drift_sps * sky_time_diff_s(tag, o->start);
    g->t_rx = sky_time_add(tag, -g->dtr_s);
    double omega_radps = sky_omega_e_radps((sky_sys_t)sat.sys);
    double tau_s = LIGHT_TIME_GUESS_S;
    for (int it = 0; it < LIGHT_TIME_ITER_MAX; it++) {
        sky_status_t st = eval_orbit(sim, sat, ref, sky_time_add(g->t_rx, -tau_s), &g->st);
        if (st != SKY_OK)
            return st;
        g->rho_m = sky_geo_range_m(g->st.pos_ecef_m, o->rcv_pos_ecef_m, omega_radps, g->los);
        double tau_new_s = g->rho_m / SKY_C_MPS;
        double change_s = fabs(tau_new_s - tau_s);
        tau_s = tau_new_s;
        if (change_s < LIGHT_TIME_TOL_S)
            break;
    }
    if (!isfinite(g->rho_m) || !isfinite(g->st.clk_s))
        return SKY_E_NOCONV;
    sky_azel(sim->llh_rcv, g->los, &g->az_rad, &g->el_rad);
    g->clock_range_m = g->rho_m + SKY_C_MPS * (g->dtr_s - g->st.clk_s);
    return SKY_OK;
}

/* d(rho + c (dt_r - dt_s))/d(tag), central difference over the epoch's ephemeris, m/s. */
static sky_status_t clock_range_rate_mps(const sky_sim_t *sim, sky_sat_t sat, const geom_t *g,
                                         sky_time_t tag, double *rate_mps)
{
    eph_ref_t ref = find_eph(sim->nav, sat, &g->st, tag);
    if (!ref.keph && !ref.geph)
        return SKY_E_NOTFOUND;
    geom_t before, after;
    sky_status_t st = sat_geometry(sim, sat, &ref, sky_time_add(tag, -DOPPLER_STEP_S),
                                   &before);
    if (st == SKY_OK)
        st = sat_geometry(sim, sat, &ref, sky_time_add(tag, DOPPLER_STEP_S), &after);
    if (st != SKY_OK)
        return st;
    *rate_mps = (after.clock_range_m - before.clock_range_m) / (2.0 * DOPPLER_STEP_S);
    return SKY_OK;
}

static int glo_fcn_of(const sky_sim_t *sim, sky_sat_t sat)
{
    return sat.sys == SKY_SYS_GLO ? sim->hdr.glo_fcn[sat.prn] : 0;
}

/* Code, phase, Doppler, C/N0 of one signal into out[0..3] (observation equations [2] §8.2). */
static void signal_observables(sky_sim_t *sim, const geom_t *g, double rate_mps, int isat,
                               int isig, double out[4])
{
    const sky_sim_opts_t *o = &sim->opts;
    sky_sat_t sat = sim->sats[isat];
    sky_sys_t sys = (sky_sys_t)sat.sys;
    sky_sim_signal_t sig = o->sig[sys][isig];
    double f_hz = sky_freq_hz(sys, sig.band, glo_fcn_of(sim, sat));
    double lambda_m = SKY_C_MPS / f_hz;
    double iono_m = 0.0, trop_m = 0.0;
    if (o->iono) {
        iono_m = sky_iono_delay_m(&sim->nav->iono, sys, f_hz, g->t_rx, sim->llh_rcv, g->az_rad,
                                  g->el_rad);
        if (!isfinite(iono_m))
            iono_m = 0.0;
    }
    if (o->trop) {
        trop_m = sky_trop_delay_m(g->t_rx, sim->llh_rcv, g->el_rad, o->humidity);
        if (!isfinite(trop_m))
            trop_m = 0.0;
    }
    double tgd_m = SKY_C_MPS * sky_group_delay_s(sys, g->st.nav_type, sig.band, sig.attr,
                                                 g->st.tgd_s);
    double amb_cyc = sim->amb_cyc[isat * SKY_SIM_MAXSIG + isig];
    out[0] = g->clock_range_m + tgd_m + iono_m + trop_m + o->sigma_code_m * sky__sim_gauss(sim);
    out[1] = (g->clock_range_m - iono_m + trop_m) / lambda_m + amb_cyc +
             o->sigma_phase_cyc * sky__sim_gauss(sim);
    out[2] = -rate_mps / lambda_m + o->sigma_doppler_hz * sky__sim_gauss(sim);
    out[3] = CN0_HORIZON_DBHZ + (CN0_ZENITH_DBHZ - CN0_HORIZON_DBHZ) * sin(g->el_rad);
}

static uint8_t ssi_of(double cn0_dbhz)
{
    int s = (int)floor(cn0_dbhz / SSI_STEP_DBHZ);
    return (uint8_t)(s < 1 ? 1 : s > 9 ? 9 : s);
}

sky_status_t sky__sim_satellite(sky_sim_t *sim, int isat, sky_time_t tag, double *val,
                                uint8_t *ssi)
{
    sky_sat_t sat = sim->sats[isat];
    geom_t g;
    sky_status_t st = sat_geometry(sim, sat, NULL, tag, &g);
    if (st != SKY_OK)
        return SKY_E_NOTFOUND;
    if (g.el_rad < sim->opts.elmask_rad)
        return SKY_E_NOTFOUND;
    double rate_mps;
    if (clock_range_rate_mps(sim, sat, &g, tag, &rate_mps) != SKY_OK)
        return SKY_E_NOTFOUND;
    int nsig = sim->opts.nsig[sat.sys];
    for (int j = 0; j < nsig; j++) {
        double out[4];
        signal_observables(sim, &g, rate_mps, isat, j, out);
        for (int k = 0; k < 4; k++) {
            val[4 * j + k] = out[k];
            ssi[4 * j + k] = k == 3 ? 0 : ssi_of(out[3]);
        }
    }
    return SKY_OK;
}
