/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix solve: pseudorange model, iterated weighted least squares, RAIM FDE and DOP.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.1 (satellite clock), §20.3.3.4.3.3.2 (Sagnac)
 *  [2] Kaplan & Hegarty, Understanding GPS/GNSS, 3rd ed. (2017) §11.2.1 (linearised least
 *      squares), §7.3.1 (dilution of precision)
 *  [3] Brown, R. G., "A baseline GPS RAIM scheme and a note on the equivalence of three RAIM
 *      methods", Navigation 39(3) (1992) 301-316 (chi-square test of the residuals)
 *  [4] RTKLIB 2.4.3 manual (2020) Appendix E.6 (code error model, for comparison)
 *  [5] Hartinger & Brunner, "Variances of GPS phase observations: the SIGMA-epsilon model",
 *      GPS Solutions 2(4) (1999) 35-43 (C/N0 dependent variance) */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/model.h"
#include "solve/spp_int.h"

#define SPP_MAX_ITER 10
#define SPP_CONV_M 1e-4           /* position+clock update that ends the iteration */
#define SPP_NEAR_CENTER_M 1.0e6   /* closer to the geocentre: not yet a place on Earth */
#define SPP_ATM_REUSE_M 0.1         /* estimate moves below which iono/trop are reused */
#define SPP_REL_HUMIDITY 0.7      /* standard atmosphere humidity for the troposphere model */
#define SPP_IONO_MODEL_FRAC 0.5   /* broadcast iono model error, fraction of the delay [4] */
#define SPP_IONO_NONE_M 5.0       /* sigma when no iono model applies [4] */
#define SPP_TROP_ERR_M 0.3        /* sigma of the zenith troposphere model error [4] */
#define SPP_GLO_ERR_FACTOR 1.5    /* GLONASS code error factor [4] */
#define SPP_SNR_REF_DBHZ 45.0     /* C/N0 with weight factor 1 [5] */
#define SPP_SNR_MAX_FACTOR 100.0  /* C/N0 factor at most (25 dB-Hz and below) */
#define SPP_EPH_VAR_DEFAULT_M2 9.0 /* when the ephemeris gives no accuracy */
#define SPP_MIN_SIN_EL 0.1

/* Variance of the iono-free combination relative to one code: (f1^4 + f2^4) / (f1^2-f2^2)^2. */
static double iflc_noise_factor(const double f_hz[2])
{
    double a = f_hz[0] * f_hz[0], b = f_hz[1] * f_hz[1];
    return (a * a + b * b) / ((a - b) * (a - b));
}

/* Code error variance. Without C/N0: a^2 + b^2 / sin^2(el) [4]. With C/N0 (S observations in
 * dB-Hz): (a^2 + b^2 / sin(el)) times the C/N0 factor 10^((ref - C/N0)/10) clamped to 1..100
 * [5]: C/N0 itself falls with elevation, so the elevation term is softened to 1/sin(el) (the
 * form of [4] 2.4.3) beside it. Iono-free: times (f1^4 + f2^4) / (f1^2 - f2^2)^2. GLONASS:
 * times 1.5^2 [4]. Measured alternatives (bench/README.md): 1/sin^2 times C/N0 counted low
 * elevations twice (ESBC GPS L1 H RMS 1.36 m against 1.34); C/N0 alone (SIGMA-epsilon) lost
 * multi-GNSS (ESBC 1.14 m against 1.12); no C/N0 on iono-free ranges won 4 cm on ESBC but cost
 * the phone file GEOP a fifth of its dual-frequency epochs (RAIM); an added GLONASS
 * inter-frequency bias variance of 0.5-2 m changed ESBC G,R and R-only by under 1 cm. */
static double code_var_m2(const sky_spp_opts_t *o, const sky__sppsat_t *s)
{
    double se = fmax(sin(s->el_rad), SPP_MIN_SIN_EL);
    double a2 = o->err_code_m * o->err_code_m, b2 = o->err_code_el_m * o->err_code_el_m;
    double var = a2 + b2 / (se * se);
    if (o->use_snr_weight && isfinite(s->snr_dbhz)) { /* [5] */
        double f = pow(10.0, 0.1 * (SPP_SNR_REF_DBHZ - s->snr_dbhz));
        var = (a2 + b2 / se) * fmin(fmax(f, 1.0), SPP_SNR_MAX_FACTOR);
    }
    if (s->iflc)
        var *= iflc_noise_factor(s->freq_hz);
    if (s->sat.sys == SKY_SYS_GLO)
        var *= SPP_GLO_ERR_FACTOR * SPP_GLO_ERR_FACTOR;
    double eph = s->st.var_m2;
    return var + (isfinite(eph) && eph > 0.0 ? eph : SPP_EPH_VAR_DEFAULT_M2);
}

/* Ionospheric delay (m) and its variance for a single-frequency range. */
static double iono_m(const sky_spp_t *spp, const sky__sppsat_t *s, sky_time_t t,
                     const double llh[3], double *var_m2)
{
    *var_m2 = 0.0;
    if (s->iflc)
        return 0.0;
    double d = spp->opts.iono_model ? sky_iono_delay_m(&spp->nav->iono, (sky_sys_t)s->sat.sys,
                                                       s->freq_hz[0], t, llh, s->az_rad,
                                                       s->el_rad)
                                    : NAN;
    if (!isfinite(d)) {
        *var_m2 = SPP_IONO_NONE_M * SPP_IONO_NONE_M;
        return 0.0;
    }
    *var_m2 = (SPP_IONO_MODEL_FRAC * d) * (SPP_IONO_MODEL_FRAC * d);
    return d;
}

static double trop_m(const sky_spp_t *spp, const sky__sppsat_t *s, const sky_trop_site_t *site,
                     double *var_m2)
{
    double m = SPP_TROP_ERR_M / (sin(s->el_rad) + SPP_MIN_SIN_EL);
    *var_m2 = m * m;
    if (!spp->opts.trop_model)
        return 0.0;
    double d = sky_trop_slant_m(site, s->el_rad);
    return isfinite(d) ? d : 0.0;
}

/* What every satellite's model shares at the current estimate: the receiver's latitude,
 * longitude and height, the ENU rotation and the troposphere site (computed once). */
typedef struct {
    double llh[3];
    double r_enu[9];
    sky_trop_site_t trop;
    bool near_center;
} site_t;

/* Ionospheric and tropospheric delays of a satellite, computed again only when the estimate
 * has moved more than SPP_ATM_REUSE_M since they were: the slant troposphere changes by about
 * 3 mm per metre of height at 5 deg elevation, so the reuse costs < 0.3 mm. */
static void atmosphere(const sky_spp_t *spp, sky__sppsat_t *s, sky_time_t t, const site_t *site)
{
    double d2 = 0.0;
    for (int k = 0; k < 3; k++)
        d2 += (spp->pos_m[k] - s->atm_pos_m[k]) * (spp->pos_m[k] - s->atm_pos_m[k]);
    if (s->atm_ok && d2 <= SPP_ATM_REUSE_M * SPP_ATM_REUSE_M)
        return;
    s->iono_m = iono_m(spp, s, t, site->llh, &s->var_iono_m2);
    s->trop_m = trop_m(spp, s, &site->trop, &s->var_trop_m2);
    memcpy(s->atm_pos_m, spp->pos_m, sizeof s->atm_pos_m);
    s->atm_ok = true;
}

/* Residual (observed - modelled) of one satellite at the current estimate; false if below the
 * elevation mask. los gets the unit vector receiver -> satellite. */
static bool model_sat(sky_spp_t *spp, sky__sppsat_t *s, sky_time_t t, const site_t *site,
                      double los[3])
{
    double omega_radps = sky_omega_e_radps((sky_sys_t)s->sat.sys); /* [1] Sagnac */
    double r_m = sky_geo_range_m(s->st.pos_ecef_m, spp->pos_m, omega_radps, los);
    if (site->near_center) {
        s->az_rad = 0.0;
        s->el_rad = SKY_PI / 2.0;
    } else {
        sky_azel_enu(site->r_enu, los, &s->az_rad, &s->el_rad);
        if (s->el_rad < spp->opts.elmask_rad)
            return false;
    }
    double var_iono = 0.0, var_trop = 0.0, iono = 0.0, trop = 0.0;
    if (!site->near_center) {
        atmosphere(spp, s, t, site);
        iono = s->iono_m;
        trop = s->trop_m;
        var_iono = s->var_iono_m2;
        var_trop = s->var_trop_m2;
    }
    /* [1] §20.3.3.3.3.1: P = r + c(dtr - dts) + I + T; obs_m has the group delay removed */
    double model = r_m + spp->clk_m[s->clk_key] - SKY_C_MPS * s->st.clk_s + iono + trop;
    s->resid_m = s->obs_m - model;
    s->var_m2 = code_var_m2(&spp->opts, s) + var_iono + var_trop;
    return isfinite(s->resid_m) && isfinite(s->var_m2);
}

/* Rows of the design matrix for every usable satellite; clock columns assigned to the systems
 * present. Returns the number of rows. */
static int build_rows(sky_spp_t *spp, sky_time_t t)
{
    site_t site;
    memset(&site, 0, sizeof site);
    double radius = sqrt(spp->pos_m[0] * spp->pos_m[0] + spp->pos_m[1] * spp->pos_m[1] +
                         spp->pos_m[2] * spp->pos_m[2]);
    site.near_center = radius < SPP_NEAR_CENTER_M;
    if (!site.near_center) {
        sky_ecef_to_geod(spp->pos_m, site.llh);
        sky_enu_matrix(site.llh, site.r_enu);
        sky_trop_site(t, site.llh, SPP_REL_HUMIDITY, &site.trop);
    }
    int nv = 0;
    for (int i = 0; i < SKY__SPP_NCLKKEY; i++)
        spp->clk_col[i] = -1;
    spp->nx = 3;
    for (int i = 0; i < spp->nsat && nv < SKY__SPP_MAXMEAS; i++) {
        sky__sppsat_t *s = &spp->sats[i];
        s->used = false;
        double los[3];
        if (!s->valid || s->excluded || !model_sat(spp, s, t, &site, los))
            continue;
        if (spp->clk_col[s->clk_key] < 0)
            spp->clk_col[s->clk_key] = spp->nx++;
        double *h = &spp->h[nv * SKY__SPP_MAXX];
        memset(h, 0, sizeof(double) * SKY__SPP_MAXX);
        for (int k = 0; k < 3; k++)
            h[k] = -los[k];
        h[spp->clk_col[s->clk_key]] = 1.0;
        spp->v[nv] = s->resid_m;
        spp->var[nv] = s->var_m2;
        spp->rowsat[nv++] = i;
        s->used = true;
    }
    spp->nv = nv;
    return nv;
}

/* Normal equations of the current rows into n (nx*nx) and b; weighted SSR into spp->ssr. */
static void normal_equations(sky_spp_t *spp, double *n, double *b)
{
    int nx = spp->nx;
    memset(n, 0, sizeof(double) * (size_t)(nx * nx));
    memset(b, 0, sizeof(double) * (size_t)nx);
    spp->ssr = 0.0;
    for (int r = 0; r < spp->nv; r++) {
        const double *h = &spp->h[r * SKY__SPP_MAXX];
        double w = 1.0 / spp->var[r];
        spp->ssr += spp->v[r] * spp->v[r] * w;
        for (int i = 0; i < nx; i++) {
            if (h[i] == 0.0)
                continue;
            b[i] += h[i] * w * spp->v[r];
            for (int j = 0; j < nx; j++)
                n[i * nx + j] += h[i] * w * h[j];
        }
    }
}

/* One Gauss-Newton step at the current estimate. *dx_norm gets |dx|. */
static sky_status_t lsq_step(sky_spp_t *spp, sky_time_t t, double *dx_norm, char *reason,
                             size_t reason_len)
{
    int nv = build_rows(spp, t);
    if (nv < spp->nx) {
        snprintf(reason, reason_len, "too few satellites: %d for %d unknowns", nv, spp->nx);
        return SKY_E_NODATA;
    }
    double n[SKY__SPP_MAXX * SKY__SPP_MAXX], dx[SKY__SPP_MAXX];
    normal_equations(spp, n, dx);
    if (sky__chol_solve(n, dx, spp->nx) != SKY_OK) {
        snprintf(reason, reason_len, "singular geometry (%d satellites)", nv);
        return SKY_E_RANGE;
    }
    double norm2 = 0.0;
    for (int k = 0; k < 3; k++)
        spp->pos_m[k] += dx[k];
    for (int key = 0; key < SKY__SPP_NCLKKEY; key++)
        if (spp->clk_col[key] >= 0)
            spp->clk_m[key] += dx[spp->clk_col[key]];
    for (int k = 0; k < spp->nx; k++)
        norm2 += dx[k] * dx[k];
    *dx_norm = sqrt(norm2);
    return SKY_OK;
}

/* Iterate to convergence from x0 ([2] §11.2.1); final residuals at the solution. */
static sky_status_t lsq_iterate(sky_spp_t *spp, sky_time_t t, const double x0[3], char *reason,
                                size_t reason_len)
{
    memcpy(spp->pos_m, x0, sizeof spp->pos_m);
    for (int i = 0; i < SKY__SPP_NCLKKEY; i++)
        spp->clk_m[i] = 0.0;
    for (int it = 0; it < SPP_MAX_ITER; it++) {
        double dx_norm = 0.0;
        sky_status_t st = lsq_step(spp, t, &dx_norm, reason, reason_len);
        if (st != SKY_OK)
            return st;
        if (!isfinite(dx_norm))
            break;
        if (dx_norm < SPP_CONV_M) {
            /* residuals and covariance at the solution; dx was below 0.1 mm */
            build_rows(spp, t);
            normal_equations(spp, spp->cov, spp->b);
            if (spp->nv < spp->nx || sky__chol_inverse(spp->cov, spp->nx) != SKY_OK) {
                snprintf(reason, reason_len, "singular geometry (%d satellites)", spp->nv);
                return SKY_E_RANGE;
            }
            return SKY_OK;
        }
    }
    snprintf(reason, reason_len, "no convergence (%d iterations)", SPP_MAX_ITER);
    return SKY_E_NOCONV;
}

/* Which satellite to exclude: the one whose removal leaves the smallest weighted residual sum
 * relative to its chi-square limit (a leave-one-out search over the candidates, [3]); a gross
 * blunder pulls the fit so that its own residual need not be the largest. -1 if none fits. */
static int best_exclusion(sky_spp_t *spp, sky_time_t t, const double x0[3])
{
    int best = -1;
    double best_score = INFINITY;
    char scratch[8];
    for (int i = 0; i < spp->nsat; i++) {
        sky__sppsat_t *s = &spp->sats[i];
        if (!s->valid || s->excluded)
            continue;
        s->excluded = true;
        sky_status_t st = lsq_iterate(spp, t, x0, scratch, sizeof scratch);
        s->excluded = false;
        int dof = spp->nv - spp->nx;
        if (st != SKY_OK || dof < 1)
            continue;
        double score = spp->ssr / sky__chi2_quantile(dof, spp->opts.raim_chi2_alpha);
        if (score < best_score) {
            best_score = score;
            best = i;
        }
    }
    return best;
}

/* Fit; on a failed residual test or no convergence exclude one satellite and fit again, while
 * at least two degrees of freedom remain ([3] FDE). */
sky_status_t sky__spp_fit(sky_spp_t *spp, sky_time_t t, const double x0[3], char *reason,
                          size_t reason_len)
{
    for (int round = 0; round <= spp->nsat; round++) {
        sky_status_t st = lsq_iterate(spp, t, x0, reason, reason_len);
        int dof = spp->nv - spp->nx;
        bool raim = spp->opts.raim_fde;
        if (st == SKY_OK && dof < spp->opts.min_redundancy) {
            snprintf(reason, reason_len, "too few satellites: %d for %d unknowns + %d", spp->nv,
                     spp->nx, spp->opts.min_redundancy);
            return SKY_E_NODATA;
        }
        if (st == SKY_OK && (!raim || dof < 1))
            return SKY_OK;
        if (st != SKY_OK && (st != SKY_E_NOCONV || !raim || dof < 2))
            return st;
        double limit = st == SKY_OK ? sky__chi2_quantile(dof, spp->opts.raim_chi2_alpha) : 0;
        if (st == SKY_OK && !(spp->ssr > limit)) /* [3] chi-square test of the residuals */
            return SKY_OK;
        int worst = dof >= 2 ? best_exclusion(spp, t, x0) : -1;
        if (worst < 0) {
            if (st == SKY_OK)
                snprintf(reason, reason_len, "RAIM: residual test failed (%.1f > %.1f, dof %d)",
                         spp->ssr, limit, dof);
            return st == SKY_OK ? SKY_E_RANGE : st;
        }
        spp->sats[worst].excluded = true;
    }
    snprintf(reason, reason_len, "RAIM: too many exclusions");
    return SKY_E_RANGE;
}

void sky__spp_dops(const sky__sppsat_t *sats, int nsat, sky_solution_t *sol)
{
    double q[16] = {0};
    int n = 0;
    for (int i = 0; i < nsat; i++) {
        if (!sats[i].used || sats[i].el_rad <= 0.0)
            continue;
        double ce = cos(sats[i].el_rad);
        double g[4] = {ce * sin(sats[i].az_rad), ce * cos(sats[i].az_rad), sin(sats[i].el_rad),
                       1.0}; /* [2] §7.3.1, ENU rows */
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                q[r * 4 + c] += g[r] * g[c];
        n++;
    }
    sol->gdop = sol->pdop = sol->hdop = sol->vdop = sol->tdop = NAN;
    if (n < 4 || sky__chol_inverse(q, 4) != SKY_OK)
        return;
    sol->gdop = sqrt(q[0] + q[5] + q[10] + q[15]);
    sol->pdop = sqrt(q[0] + q[5] + q[10]);
    sol->hdop = sqrt(q[0] + q[5]);
    sol->vdop = sqrt(q[10]);
    sol->tdop = sqrt(q[15]);
}
