/* SPDX-License-Identifier: BSD-2-Clause */
/* Satellite position, velocity and clock at any instant from SP3 precise orbits.
 * References:
 *  [1] Schenewerk, M. "A brief review of basic GPS orbit interpolation strategies",
 *      GPS Solutions 6 (2003) 265-267 (Lagrange interpolation, 9th order, 15-min SP3)
 *  [2] Hilla, S. "The Extended Standard Product 3 Orbit Format (SP3-c)", NGS, 2010-02-12
 *      (accuracy exponents: sigma = base^exp mm)
 *  [3] IS-GPS-200N (2022-08-22) §20.3.3.4.3 Table 20-IV (Earth rotation rate) */
#include <math.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/sp3.h"

#define MM_TO_M 1e-3
#define DEFAULT_SP3_STD_M 0.1

/* The orbit stage reads the sp3 struct directly (no call into src/io). */
static const sky_sp3_rec_t *rec_at(const sky_sp3_t *sp3, size_t iepoch, size_t isat)
{
    return &sp3->recs[iepoch * sp3->nsat + isat];
}

static int sat_column(const sky_sp3_t *sp3, sky_sat_t sat)
{
    for (size_t i = 0; i < sp3->nsat; i++)
        if (sp3->sats[i].sys == sat.sys && sp3->sats[i].prn == sat.prn)
            return (int)i;
    return -1;
}

/* Last epoch index i with epochs[i] <= t (caller ensures epochs[0] <= t). */
static size_t epoch_floor(const sky_sp3_t *sp3, sky_time_t t)
{
    size_t lo = 0, hi = sp3->nepoch;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (sky_time_cmp(sp3->epochs[mid], t) <= 0)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Lagrange basis value and derivative at x = 0 for nodes x[0..n) ([1]). */
static void lagrange_basis(const double *x, size_t n, size_t j, double *l, double *dl)
{
    double val = 1.0, der = 0.0;
    for (size_t m = 0; m < n; m++) {
        if (m == j)
            continue;
        double term = 1.0 / (x[j] - x[m]);
        for (size_t k = 0; k < n; k++)
            if (k != j && k != m)
                term *= (0.0 - x[k]) / (x[j] - x[k]);
        der += term;
        val *= (0.0 - x[m]) / (x[j] - x[m]);
    }
    *l = val;
    *dl = der;
}

/* Position and velocity at the window's time origin; samples rotated into the Earth-fixed
 * frame of that instant so the polynomial follows quasi-inertial motion. */
static sky_status_t interp_window(const sky_sp3_t *sp3, size_t isat, size_t first, size_t n,
                                  sky_time_t t, sky_satstate_t *out)
{
    double x[SKY_SP3_INTERP_POINTS], p[SKY_SP3_INTERP_POINTS][3];
    const double we = SKY_GPS_OMEGA_E_RADPS; /* [3] */
    for (size_t j = 0; j < n; j++) {
        const sky_sp3_rec_t *rec = rec_at(sp3, first + j, isat);
        if (!isfinite(rec->pos_m[0]) || !isfinite(rec->pos_m[1]) || !isfinite(rec->pos_m[2]))
            return SKY_E_NODATA;
        x[j] = sky_time_diff_s(sp3->epochs[first + j], t);
        double c = cos(we * x[j]), s = sin(we * x[j]);
        p[j][0] = c * rec->pos_m[0] - s * rec->pos_m[1];
        p[j][1] = s * rec->pos_m[0] + c * rec->pos_m[1];
        p[j][2] = rec->pos_m[2];
    }
    double pos[3] = {0, 0, 0}, vel[3] = {0, 0, 0};
    for (size_t j = 0; j < n; j++) {
        double l, dl;
        lagrange_basis(x, n, j, &l, &dl);
        for (int k = 0; k < 3; k++) {
            pos[k] += l * p[j][k];
            vel[k] += dl * p[j][k];
        }
    }
    memcpy(out->pos_ecef_m, pos, sizeof pos);
    out->vel_ecef_mps[0] = vel[0] + we * pos[1]; /* v_ecef = v_inertial - omega x r */
    out->vel_ecef_mps[1] = vel[1] - we * pos[0];
    out->vel_ecef_mps[2] = vel[2];
    return SKY_OK;
}

/* Linear clock interpolation between the bracketing epochs i and i+1 (NaN if missing). */
static void interp_clock(const sky_sp3_t *sp3, size_t isat, size_t i, sky_time_t t,
                         sky_satstate_t *out)
{
    const sky_sp3_rec_t *a = rec_at(sp3, i, isat);
    const sky_sp3_rec_t *b = i + 1 < sp3->nepoch ? rec_at(sp3, i + 1, isat) : NULL;
    double dt_s = sky_time_diff_s(t, sp3->epochs[i]);
    if (!b || dt_s == 0.0) {
        out->clk_s = dt_s == 0.0 ? a->clk_s : NAN;
        out->clk_drift_sps = isfinite(a->clk_rate_sps) ? a->clk_rate_sps : NAN;
        return;
    }
    double span_s = sky_time_diff_s(sp3->epochs[i + 1], sp3->epochs[i]);
    out->clk_drift_sps = (b->clk_s - a->clk_s) / span_s;
    out->clk_s = a->clk_s + out->clk_drift_sps * dt_s;
}

static double sp3_var_m2(const sky_sp3_t *sp3, size_t isat)
{
    int e = sp3->acc_exp ? sp3->acc_exp[isat] : 0;
    double std_m = DEFAULT_SP3_STD_M;
    if (sp3->base_pos > 1.0 && e > 0 && e < 99)
        std_m = pow(sp3->base_pos, e) * MM_TO_M; /* [2] */
    return std_m * std_m;
}

SKY_API sky_status_t sky_sp3_interp(const sky_sp3_t *sp3, sky_sat_t sat, sky_time_t t,
                                    sky_satstate_t *out)
{
    if (!sp3 || !out)
        return SKY_E_ARG;
    int isat = sat_column(sp3, sat);
    if (isat < 0)
        return SKY_E_NOTFOUND;
    if (sp3->nepoch < 2 || sky_time_cmp(t, sp3->epochs[0]) < 0 ||
        sky_time_cmp(t, sp3->epochs[sp3->nepoch - 1]) > 0)
        return SKY_E_NODATA;
    size_t i = epoch_floor(sp3, t);
    size_t n = sp3->nepoch < SKY_SP3_INTERP_POINTS ? sp3->nepoch : SKY_SP3_INTERP_POINTS;
    size_t first = i + 1 >= n / 2 ? i + 1 - n / 2 : 0;
    if (first + n > sp3->nepoch)
        first = sp3->nepoch - n;
    memset(out, 0, sizeof *out);
    sky_status_t st = interp_window(sp3, (size_t)isat, first, n, t, out);
    if (st != SKY_OK)
        return st;
    interp_clock(sp3, (size_t)isat, i, t, out);
    out->sat = sat;
    out->var_m2 = sp3_var_m2(sp3, (size_t)isat);
    out->nav_type = SKY_NAV_UNKNOWN;
    return SKY_OK;
}
