/* SPDX-License-Identifier: BSD-2-Clause */
/* Satellite position, velocity and clock from GLONASS FDMA and SBAS GEO broadcast ephemerides.
 * References:
 *  [1] GLONASS ICD Edition 5.1 (2008) Appendix J / A.3.1.2 (PZ-90 equations of motion with
 *      C20 and luni-solar accelerations, 4th-order Runge-Kutta), §3.3.3 (clock: -tau_n +
 *      gamma_n (t - t_b)), Table 3.2 (PZ-90 constants)
 *  [2] RTCA DO-229E (2016) Appendix A.4.4.11 (SBAS message type 9: GEO position, velocity,
 *      acceleration, a_Gf0, a_Gf1) */
#include <math.h>
#include <string.h>

#include "orbit/orbit_int.h"
#include "orbit/spec/glo_fdma.h"
#include "skyfix/coord.h"
#include "skyfix/orbit.h"

/* [1] A.3.1.2: derivative of the state (x, y, z, vx, vy, vz) in the rotating PZ-90 frame,
 * with the broadcast luni-solar acceleration acc held constant over the interval. */
static void glo_derivative(const double s[6], const double acc[3], double ds[6])
{
    const double mu = SKY_GLO_MU_M3PS2, we = SKY_GLO_OMEGA_E_RADPS;
    double r2 = s[0] * s[0] + s[1] * s[1] + s[2] * s[2];
    double r = sqrt(r2), r3 = r2 * r;
    double j2_term = 1.5 * SKY_GLO_J2 * mu * SKY_GLO_A_M * SKY_GLO_A_M / (r2 * r3);
    double z2_r2 = s[2] * s[2] / r2;
    ds[0] = s[3];
    ds[1] = s[4];
    ds[2] = s[5];
    ds[3] = -mu / r3 * s[0] - j2_term * s[0] * (1.0 - 5.0 * z2_r2) + we * we * s[0] +
            2.0 * we * s[4] + acc[0];
    ds[4] = -mu / r3 * s[1] - j2_term * s[1] * (1.0 - 5.0 * z2_r2) + we * we * s[1] -
            2.0 * we * s[3] + acc[1];
    ds[5] = -mu / r3 * s[2] - j2_term * s[2] * (3.0 - 5.0 * z2_r2) + acc[2];
}

/* One classical 4th-order Runge-Kutta step of h seconds ([1] A.3.1.2). */
static void glo_rk4_step(double s[6], const double acc[3], double h_s)
{
    double k1[6], k2[6], k3[6], k4[6], w[6];
    glo_derivative(s, acc, k1);
    for (int i = 0; i < 6; i++)
        w[i] = s[i] + 0.5 * h_s * k1[i];
    glo_derivative(w, acc, k2);
    for (int i = 0; i < 6; i++)
        w[i] = s[i] + 0.5 * h_s * k2[i];
    glo_derivative(w, acc, k3);
    for (int i = 0; i < 6; i++)
        w[i] = s[i] + h_s * k3[i];
    glo_derivative(w, acc, k4);
    for (int i = 0; i < 6; i++)
        s[i] += h_s / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
}

static bool geph_is_sane(const sky_geph_t *eph)
{
    const double v[] = {eph->pos_m[0], eph->pos_m[1], eph->pos_m[2], eph->vel_mps[0],
                        eph->vel_mps[1], eph->vel_mps[2], eph->acc_mps2[0], eph->acc_mps2[1],
                        eph->acc_mps2[2], eph->taun_s, eph->gamman};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        if (!isfinite(v[k]))
            return false;
    double r2 = eph->pos_m[0] * eph->pos_m[0] + eph->pos_m[1] * eph->pos_m[1] +
                eph->pos_m[2] * eph->pos_m[2];
    return r2 > SKY_GLO_A_M * SKY_GLO_A_M; /* above the Earth's surface */
}

SKY_API sky_status_t sky_orbit_geph(const sky_geph_t *eph, sky_time_t t, sky_satstate_t *out)
{
    if (!eph || !out)
        return SKY_E_ARG;
    if (!geph_is_sane(eph))
        return SKY_E_RANGE;
    double dt_s = sky_time_diff_s(t, eph->toe);
    if (!(fabs(dt_s) <= SKY__GLO_MAX_SPAN_S))
        return SKY_E_RANGE;
    double s[6] = {eph->pos_m[0], eph->pos_m[1], eph->pos_m[2],
                   eph->vel_mps[0], eph->vel_mps[1], eph->vel_mps[2]};
    int nstep = (int)ceil(fabs(dt_s) / SKY__GLO_RK4_MAX_STEP_S);
    double h_s = nstep > 0 ? dt_s / nstep : 0.0;
    for (int k = 0; k < nstep; k++)
        glo_rk4_step(s, eph->acc_mps2, h_s);
    memset(out, 0, sizeof *out);
    out->sat = eph->sat;
    memcpy(out->pos_ecef_m, s, sizeof out->pos_ecef_m);
    memcpy(out->vel_ecef_mps, s + 3, sizeof out->vel_ecef_mps);
    /* [1] §3.3.3: t_sv offset = -tau_n + gamma_n (t - t_b); RINEX stores -tau_n */
    out->clk_s = eph->taun_s + eph->gamman * dt_s;
    out->clk_drift_sps = eph->gamman;
    out->var_m2 = SKY__GLO_DEFAULT_STD_M * SKY__GLO_DEFAULT_STD_M;
    out->health = eph->health;
    out->iode = eph->iode;
    out->nav_type = SKY_NAV_FDMA;
    out->glo_fcn = eph->fcn;
    out->tgd_s[0] = isfinite(eph->dtaun_s) ? eph->dtaun_s : 0.0;
    return SKY_OK;
}

SKY_API sky_status_t sky_orbit_seph(const sky_seph_t *eph, sky_time_t t, sky_satstate_t *out)
{
    if (!eph || !out)
        return SKY_E_ARG;
    double dt_s = sky_time_diff_s(t, eph->t0);
    if (!(fabs(dt_s) <= SKY__GLO_MAX_SPAN_S))
        return SKY_E_RANGE;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < 3; i++) {
        /* [2] A.4.4.11: X(t) = X_G + X_G' dt + X_G'' dt^2 / 2 */
        out->pos_ecef_m[i] =
            eph->pos_m[i] + eph->vel_mps[i] * dt_s + 0.5 * eph->acc_mps2[i] * dt_s * dt_s;
        out->vel_ecef_mps[i] = eph->vel_mps[i] + eph->acc_mps2[i] * dt_s;
    }
    out->sat = eph->sat;
    out->clk_s = eph->af0_s + eph->af1_sps * dt_s; /* [2]: a_Gf0 + a_Gf1 (t - t0) */
    out->clk_drift_sps = eph->af1_sps;
    out->var_m2 = isfinite(eph->ura_m) && eph->ura_m > 0.0
                      ? eph->ura_m * eph->ura_m
                      : SKY__SBS_DEFAULT_STD_M * SKY__SBS_DEFAULT_STD_M;
    out->health = eph->health;
    out->iode = eph->iodn;
    out->nav_type = SKY_NAV_SBAS;
    double chk = out->pos_ecef_m[0] + out->pos_ecef_m[1] + out->pos_ecef_m[2] + out->clk_s;
    return isfinite(chk) ? SKY_OK : SKY_E_RANGE;
}
