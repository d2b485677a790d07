/* SPDX-License-Identifier: BSD-2-Clause */
/* Satellite position, velocity and clock from a Keplerian broadcast ephemeris (GPS, QZSS,
 * NavIC, Galileo, BeiDou; legacy and CNAV-type messages).
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.1 (clock), §20.3.3.4.3 Table 20-IV (orbit),
 *      §30.3.3.1.3 Table 30-II (CNAV: A_k = A_0 + A_dot t_k, delta_n_A)
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.1 (orbit), §5.1.4 (clock)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.12 (MEO/IGSO and GEO), §5.2.4.10
 *  [4] BDS-SIS-ICD-B1C v1.0 (2017-12) §7.8 (B-CNAV1 orbit)
 *  [5] IS-QZSS-PNT-005 (2022) §4.1.2; [6] IRNSS SPS ICD v1.1 (2017) §6.2 */
#include <math.h>
#include <string.h>

#include "orbit/orbit_int.h"
#include "orbit/spec/bds_d1.h"
#include "orbit/spec/gal_inav.h"
#include "orbit/spec/gps_lnav.h"
#include "skyfix/coord.h"
#include "skyfix/orbit.h"

#define SKY__GPS_URA0_NOMINAL_M 2.0 /* [1] §20.3.3.3.1.3 nominal URA of index 0 */

#define TWO_PI (2.0 * SKY_PI)

/* Mean/eccentric anomaly and orbit size at t_k. */
typedef struct {
    double tk_s, a_m, a_dot_mps, sin_e, cos_e, e_dot_radps;
} anomaly_t;

/* Orbital-plane position and inclination with their rates. */
typedef struct {
    double xp_m, yp_m, xp_dot_mps, yp_dot_mps, i_rad, i_dot_radps;
} plane_t;

double sky__wrap_half_week_s(double dt_s)
{
    /* [1] §20.3.3.4.3: t_k corrected for the end/beginning-of-week crossover */
    if (dt_s > SKY__GPS_HALF_WEEK_S)
        return dt_s - 2.0 * SKY__GPS_HALF_WEEK_S;
    if (dt_s < -SKY__GPS_HALF_WEEK_S)
        return dt_s + 2.0 * SKY__GPS_HALF_WEEK_S;
    return dt_s;
}

void sky__keph_constants(const sky_keph_t *eph, double *mu_m3ps2, double *omega_e_radps)
{
    switch (eph->sat.sys) {
    case SKY_SYS_GAL: /* [2] §5.1.1 */
        *mu_m3ps2 = SKY_GAL_MU_M3PS2;
        *omega_e_radps = SKY_GAL_OMEGA_E_RADPS;
        break;
    case SKY_SYS_BDS: /* [3] §3.2 CGCS2000 */
        *mu_m3ps2 = SKY_BDS_MU_M3PS2;
        *omega_e_radps = SKY_BDS_OMEGA_E_RADPS;
        break;
    default: /* GPS, QZSS [5], NavIC [6] use the WGS 84 values of [1] */
        *mu_m3ps2 = SKY_GPS_MU_M3PS2;
        *omega_e_radps = SKY_GPS_OMEGA_E_RADPS;
        break;
    }
}

bool sky__bds_is_geo(const sky_keph_t *eph)
{
    if (eph->sat.sys != SKY_SYS_BDS)
        return false;
    if (eph->type == SKY_NAV_CNV1 || eph->type == SKY_NAV_CNV2_BDS || eph->type == SKY_NAV_CNV3)
        return false; /* [4]: B-CNAV uses one algorithm for all orbit types */
    return eph->sat.prn <= SKY__BDS_GEO_PRN_LOW_MAX || eph->sat.prn >= SKY__BDS_GEO_PRN_HIGH_MIN;
}

static bool keph_is_sane(const sky_keph_t *eph)
{
    const double v[] = {eph->af0_s, eph->af1_sps, eph->af2_sps2, eph->sqrt_a, eph->e,
                        eph->i0_rad, eph->omega0_rad, eph->omega_rad, eph->m0_rad,
                        eph->delta_n_radps, eph->idot_radps, eph->omega_dot_radps, eph->cuc_rad,
                        eph->cus_rad, eph->crc_m, eph->crs_m, eph->cic_rad, eph->cis_rad,
                        eph->a_dot_mps, eph->delta_n_dot_radps2, eph->toe_s};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        if (!isfinite(v[k]))
            return false;
    /* an orbit must lie above the Earth's surface and be elliptic */
    return eph->sqrt_a * eph->sqrt_a > SKY_WGS84_A_M && eph->e >= 0.0 && eph->e < 1.0;
}

/* Kepler's equation M = E - e sin E by Newton's method ([1] Table 20-IV, E_k). */
static sky_status_t solve_kepler(double m_rad, double e, double *ek_rad)
{
    double m = fmod(m_rad, TWO_PI);
    double ek = m;
    for (int k = 0; k < SKY__KEPLER_MAX_ITER; k++) {
        double step = (ek - e * sin(ek) - m) / (1.0 - e * cos(ek));
        ek -= step;
        if (fabs(step) < SKY__KEPLER_TOL_RAD) {
            *ek_rad = ek;
            return SKY_OK;
        }
    }
    return SKY_E_NOCONV;
}

/* [1] Table 20-IV and Table 30-II: A_k, n_A, M_k, E_k and dE/dt. */
static sky_status_t compute_anomaly(const sky_keph_t *eph, double tk_s, double mu_m3ps2,
                                    anomaly_t *an)
{
    double a0_m = eph->sqrt_a * eph->sqrt_a;
    double n0_radps = sqrt(mu_m3ps2 / (a0_m * a0_m * a0_m));
    double n_radps = n0_radps + eph->delta_n_radps + 0.5 * eph->delta_n_dot_radps2 * tk_s;
    double ek_rad;
    sky_status_t st = solve_kepler(eph->m0_rad + n_radps * tk_s, eph->e, &ek_rad);
    if (st != SKY_OK)
        return st;
    an->tk_s = tk_s;
    an->a_m = a0_m + eph->a_dot_mps * tk_s;
    an->a_dot_mps = eph->a_dot_mps;
    an->sin_e = sin(ek_rad);
    an->cos_e = cos(ek_rad);
    /* dM/dt = n_0 + delta_n + delta_n_dot t_k (M_k = M_0 + n_A t_k, [1] Table 30-II) */
    double m_dot_radps = n_radps + 0.5 * eph->delta_n_dot_radps2 * tk_s;
    an->e_dot_radps = m_dot_radps / (1.0 - eph->e * an->cos_e);
    return SKY_OK;
}

/* [1] Table 20-IV: true anomaly, argument of latitude, radius, inclination with harmonic
 * corrections; rates by differentiating the same expressions. */
static void orbit_plane(const sky_keph_t *eph, const anomaly_t *an, plane_t *pl)
{
    double e = eph->e, one_minus_ecos = 1.0 - e * an->cos_e, sq = sqrt(1.0 - e * e);
    double nu_rad = atan2(sq * an->sin_e, an->cos_e - e);
    double nu_dot = an->e_dot_radps * sq / one_minus_ecos;
    double phi = nu_rad + eph->omega_rad;
    double s2 = sin(2.0 * phi), c2 = cos(2.0 * phi);
    double u = phi + eph->cus_rad * s2 + eph->cuc_rad * c2;
    double r = an->a_m * one_minus_ecos + eph->crs_m * s2 + eph->crc_m * c2;
    double u_dot = nu_dot * (1.0 + 2.0 * (eph->cus_rad * c2 - eph->cuc_rad * s2));
    double r_dot = an->a_m * e * an->sin_e * an->e_dot_radps + an->a_dot_mps * one_minus_ecos +
                   2.0 * nu_dot * (eph->crs_m * c2 - eph->crc_m * s2);
    double cu = cos(u), su = sin(u);
    pl->i_rad = eph->i0_rad + eph->idot_radps * an->tk_s + eph->cis_rad * s2 + eph->cic_rad * c2;
    pl->i_dot_radps = eph->idot_radps + 2.0 * nu_dot * (eph->cis_rad * c2 - eph->cic_rad * s2);
    pl->xp_m = r * cu;
    pl->yp_m = r * su;
    pl->xp_dot_mps = r_dot * cu - pl->yp_m * u_dot;
    pl->yp_dot_mps = r_dot * su + pl->xp_m * u_dot;
}

/* [1] Table 20-IV: rotate the orbital plane by i_k and Omega_k (rate omdot) into the frame. */
static void plane_to_frame(const plane_t *pl, double om_rad, double omdot_radps, double pos[3],
                           double vel[3])
{
    double co = cos(om_rad), so = sin(om_rad), ci = cos(pl->i_rad), si = sin(pl->i_rad);
    pos[0] = pl->xp_m * co - pl->yp_m * ci * so;
    pos[1] = pl->xp_m * so + pl->yp_m * ci * co;
    pos[2] = pl->yp_m * si;
    vel[0] = pl->xp_dot_mps * co - pl->yp_dot_mps * ci * so +
             pl->yp_m * si * so * pl->i_dot_radps - pos[1] * omdot_radps;
    vel[1] = pl->xp_dot_mps * so + pl->yp_dot_mps * ci * co -
             pl->yp_m * si * co * pl->i_dot_radps + pos[0] * omdot_radps;
    vel[2] = pl->yp_dot_mps * si + pl->yp_m * ci * pl->i_dot_radps;
}

/* [3] §5.2.4.12: GEO coordinates in the user-defined frame rotated by Rx(-5 deg), then by
 * Rz(omega_e t_k) into CGCS2000; velocity includes the derivative of Rz. */
static void bds_geo_rotate(double tk_s, double omega_e_radps, double pos[3], double vel[3])
{
    double cx = cos(SKY__BDS_GEO_TILT_RAD), sx = sin(SKY__BDS_GEO_TILT_RAD);
    double ang = omega_e_radps * tk_s, cz = cos(ang), sz = sin(ang);
    double p1[3] = {pos[0], cx * pos[1] + sx * pos[2], -sx * pos[1] + cx * pos[2]};
    double v1[3] = {vel[0], cx * vel[1] + sx * vel[2], -sx * vel[1] + cx * vel[2]};
    pos[0] = cz * p1[0] + sz * p1[1];
    pos[1] = -sz * p1[0] + cz * p1[1];
    pos[2] = p1[2];
    vel[0] = cz * v1[0] + sz * v1[1] + omega_e_radps * (-sz * p1[0] + cz * p1[1]);
    vel[1] = -sz * v1[0] + cz * v1[1] + omega_e_radps * (-cz * p1[0] - sz * p1[1]);
    vel[2] = v1[2];
}

/* [1] §20.3.3.3.3.1, [2] §5.1.4, [3] §5.2.4.10: polynomial plus relativistic term
 * dt_r = F e sqrt(A) sin E_k with F = -2 sqrt(mu) / c^2. */
static void keph_clock(const sky_keph_t *eph, sky_time_t t, const anomaly_t *an, double mu,
                       double *clk_s, double *drift_sps)
{
    double tc = sky__wrap_half_week_s(sky_time_diff_s(t, eph->toc));
    double f = -2.0 * sqrt(mu) / (SKY_C_MPS * SKY_C_MPS);
    double fe_sqrta = f * eph->e * sqrt(an->a_m);
    *clk_s = eph->af0_s + eph->af1_sps * tc + eph->af2_sps2 * tc * tc + fe_sqrta * an->sin_e;
    *drift_sps = eph->af1_sps + 2.0 * eph->af2_sps2 * tc +
                 fe_sqrta * an->cos_e * an->e_dot_radps;
}

double sky__ura_var_m2(double ura_m)
{
    if (isnan(ura_m) || ura_m == 0.0)
        return SKY__DEFAULT_EPH_STD_M * SKY__DEFAULT_EPH_STD_M;
    if (ura_m < 0.0) /* SISA "NAPA" / URA index 15: no accuracy prediction */
        return SKY__GAL_NAPA_STD_M * SKY__GAL_NAPA_STD_M;
    return ura_m * ura_m;
}

static void fill_keph_meta(const sky_keph_t *eph, sky_satstate_t *out)
{
    out->sat = eph->sat;
    out->var_m2 = sky__ura_var_m2(eph->ura_m);
    /* [1] §20.3.3.3.1.3: URA index 0 means 0 < URA <= 2.4 m, nominal 2.0 m; RINEX files that
     * write the index 0 as "0.0" (or an accuracy below the nominal value) get 2.0 m, not the
     * default for an ephemeris without accuracy (that flattened all weights on 0759) */
    bool gps_like = eph->sat.sys == SKY_SYS_GPS || eph->sat.sys == SKY_SYS_QZS;
    if (gps_like && eph->ura_m >= 0.0 && eph->ura_m < SKY__GPS_URA0_NOMINAL_M)
        out->var_m2 = SKY__GPS_URA0_NOMINAL_M * SKY__GPS_URA0_NOMINAL_M;
    out->health = eph->health;
    out->iode = eph->iode;
    out->nav_type = eph->type;
    out->glo_fcn = 0;
    out->tgd_s[0] = eph->tgd_s[0];
    out->tgd_s[1] = eph->tgd_s[1];
}

sky_status_t sky__keph_clock_only(const sky_keph_t *eph, sky_time_t t, double *clk_s)
{
    double mu, we, drift;
    anomaly_t an;
    if (!keph_is_sane(eph))
        return SKY_E_RANGE;
    sky__keph_constants(eph, &mu, &we);
    double tk = sky__wrap_half_week_s(sky_time_diff_s(t, eph->toe));
    sky_status_t st = compute_anomaly(eph, tk, mu, &an);
    if (st == SKY_OK)
        keph_clock(eph, t, &an, mu, clk_s, &drift);
    return st;
}

SKY_API sky_status_t sky_orbit_keph(const sky_keph_t *eph, sky_time_t t, sky_satstate_t *out)
{
    double mu, we;
    anomaly_t an;
    plane_t pl;
    if (!eph || !out)
        return SKY_E_ARG;
    if (!keph_is_sane(eph))
        return SKY_E_RANGE;
    sky__keph_constants(eph, &mu, &we);
    double tk = sky__wrap_half_week_s(sky_time_diff_s(t, eph->toe));
    sky_status_t st = compute_anomaly(eph, tk, mu, &an);
    if (st != SKY_OK)
        return st;
    memset(out, 0, sizeof *out);
    orbit_plane(eph, &an, &pl);
    if (sky__bds_is_geo(eph)) {
        /* [3] §5.2.4.12: Omega_k = Omega_0 + Omega_dot t_k - omega_e t_oe */
        double om = eph->omega0_rad + eph->omega_dot_radps * tk - we * eph->toe_s;
        plane_to_frame(&pl, om, eph->omega_dot_radps, out->pos_ecef_m, out->vel_ecef_mps);
        bds_geo_rotate(tk, we, out->pos_ecef_m, out->vel_ecef_mps);
    } else {
        /* [1] Table 20-IV: Omega_k = Omega_0 + (Omega_dot - omega_e) t_k - omega_e t_oe */
        double omdot = eph->omega_dot_radps - we;
        double om = eph->omega0_rad + omdot * tk - we * eph->toe_s;
        plane_to_frame(&pl, om, omdot, out->pos_ecef_m, out->vel_ecef_mps);
    }
    keph_clock(eph, t, &an, mu, &out->clk_s, &out->clk_drift_sps);
    fill_keph_meta(eph, out);
    return SKY_OK;
}
