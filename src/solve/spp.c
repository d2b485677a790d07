/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix solve: single point positioning from pseudoranges, one epoch at a time.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.1 (transmission time and satellite clock),
 *      §20.3.3.3.3.3 (ionosphere-free combination of two frequencies)
 *  [2] IS-QZSS-PNT-005 (2022) §4.1.2 (QZSST aligned to GPST: QZSS shares the GPS clock)
 *  [3] RINEX 3.05 (2020-12-01) §5.2 Table A3 (epoch flags)
 *  [4] GLONASS ICD Edition 5.1 (2008) §3.3.1.4 (FDMA frequency channels) */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/model.h"
#include "skyfix/signal.h"
#include "solve/spp_int.h"

#define SPP_PREV_MAX_AGE_S 3600.0 /* previous solution used as the starting point */
#define SPP_MIN_RANGE_M 1.0e7     /* plausible pseudorange, incl. a ms receiver clock offset */
#define SPP_MAX_RANGE_M 6.0e7
#define SPP_P1C1_MIN_N 10          /* C1W - C1C pairs before the P1-C1 mean is used */
#define SPP_P1C1_MAX_SE_M 0.05     /* standard error of that mean needed to use it, m */
#define SPP_MAX_SAT_CLOCK_S 1.0e-2  /* |satellite clock| beyond 10 ms is not a real clock */
#define SPP_MIN_SNR_DBHZ 10.0     /* S values below are not in dB-Hz (RINEX 2 1-9 scale) */
#define SPP_MIN_HEIGHT_M (-1.0e4) /* a solution outside is rejected as implausible */
#define SPP_MAX_HEIGHT_M 1.0e7
#define SPP_MAX_P1C1_M 10.0       /* a larger C1W - C1C is not a code bias */

void sky_spp_opts_default(sky_spp_opts_t *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->sys_mask = (1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL) |
                     (1u << SKY_SYS_BDS) | (1u << SKY_SYS_QZS);
    opts->elmask_rad = 10.0 * SKY_DEG2RAD;
    opts->freq_mode = SKY_FREQ_AUTO;
    opts->iono_model = true;
    opts->trop_model = true;
    opts->raim_fde = true;
    opts->velocity = true;
    opts->use_snr_weight = true;
    opts->max_gdop = 30.0;
    opts->max_sd_m = 30.0;
    opts->raim_chi2_alpha = 1e-3;
    opts->err_code_m = 0.3;
    opts->err_code_el_m = 0.3;
    opts->min_redundancy = 1;
    opts->smooth_s = SKY_SPP_SMOOTH_DEFAULT_S;
    opts->p1c1_from_c1w = true;
    sky_orbit_opts_default(&opts->orbit);
}

static sky_status_t check_opts(const sky_spp_opts_t *o, sky_error_t *err)
{
    if (!(o->elmask_rad >= -SKY_PI / 2 && o->elmask_rad < SKY_PI / 2))
        return sky_error_set(err, SKY_E_ARG, "", 0, "elmask_rad",
                             "found %g, expected -pi/2 .. pi/2", o->elmask_rad);
    if (o->freq_mode > SKY_FREQ_AUTO)
        return sky_error_set(err, SKY_E_ARG, "", 0, "freq_mode", "found %d, expected 0..2",
                             (int)o->freq_mode);
    if (!(o->max_sd_m > 0.0))
        return sky_error_set(err, SKY_E_ARG, "", 0, "max_sd_m", "found %g, expected > 0 m",
                             o->max_sd_m);
    if (!(o->max_gdop > 0.0) || !(o->raim_chi2_alpha > 0.0 && o->raim_chi2_alpha < 0.5))
        return sky_error_set(err, SKY_E_ARG, "", 0, "max_gdop/raim_chi2_alpha",
                             "found %g/%g, expected > 0 and 0 < alpha < 0.5", o->max_gdop,
                             o->raim_chi2_alpha);
    if (!(o->err_code_m >= 0.0) || !(o->err_code_el_m >= 0.0) ||
        o->err_code_m + o->err_code_el_m <= 0.0 || o->nexclude < 0 || o->nexclude > 64)
        return sky_error_set(err, SKY_E_ARG, "", 0, "err_code_m/nexclude",
                             "found %g/%g/%d, expected non-negative errors (not both 0) and "
                             "0..64 exclusions", o->err_code_m, o->err_code_el_m, o->nexclude);
    if (!(o->smooth_s >= 0.0 && o->smooth_s <= 86400.0))
        return sky_error_set(err, SKY_E_ARG, "", 0, "smooth_s", "found %g, expected 0..86400 s",
                             o->smooth_s);
    if (o->min_redundancy < 0 || o->min_redundancy > SKY__SPP_MAXMEAS)
        return sky_error_set(err, SKY_E_ARG, "", 0, "min_redundancy", "found %d, expected 0..%d",
                             o->min_redundancy, SKY__SPP_MAXMEAS);
    return SKY_OK;
}

sky_status_t sky_spp_new(const sky_ctx_t *ctx, const sky_nav_t *nav, const sky_spp_opts_t *opts,
                         sky_spp_t **out, sky_error_t *err)
{
    if (!out)
        return sky_error_set(err, SKY_E_ARG, "", 0, "out", "found NULL, expected a pointer");
    *out = NULL;
    if (!nav || !opts)
        return sky_error_set(err, SKY_E_ARG, "", 0, "nav/opts", "found NULL, expected a pointer");
    sky_status_t st = check_opts(opts, err);
    if (st != SKY_OK)
        return st;
    sky_spp_t *spp = sky_calloc(ctx, 1, sizeof *spp);
    if (!spp)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory for the solver");
    spp->ctx = ctx;
    spp->nav = nav;
    spp->opts = *opts;
    spp->sats = sky_calloc(ctx, SKY__SPP_MAXMEAS, sizeof *spp->sats);
    spp->h = sky_calloc(ctx, (size_t)SKY__SPP_MAXMEAS * SKY__SPP_MAXX, sizeof(double));
    spp->v = sky_calloc(ctx, SKY__SPP_MAXMEAS, sizeof(double));
    spp->var = sky_calloc(ctx, SKY__SPP_MAXMEAS, sizeof(double));
    spp->smooth = sky_calloc(ctx, SKY_NSAT, sizeof *spp->smooth);
    spp->interval_s = NAN;
    if (!spp->sats || !spp->h || !spp->v || !spp->var || !spp->smooth) {
        sky_spp_delete(spp);
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory for the workspace");
    }
    *out = spp;
    return SKY_OK;
}

void sky_spp_delete(sky_spp_t *spp)
{
    if (!spp)
        return;
    const sky_ctx_t *ctx = spp->ctx;
    sky_free(ctx, spp->sats);
    sky_free(ctx, spp->h);
    sky_free(ctx, spp->v);
    sky_free(ctx, spp->var);
    sky_free(ctx, spp->smooth);
    sky_free(ctx, spp);
}

static bool sat_wanted(const sky_spp_opts_t *o, sky_sat_t sat)
{
    if (sat.sys <= SKY_SYS_NONE || sat.sys >= SKY_SYS_COUNT || !(o->sys_mask & (1u << sat.sys)))
        return false;
    for (int i = 0; i < o->nexclude; i++)
        if (sky_sat_eq(o->exclude[i], sat))
            return false;
    return true;
}

/* Value k of satellite s in the epoch, NaN if absent. */
static double epoch_value(const sky_obs_epoch_t *ep, const sky_obs_sat_t *s, int k)
{
    if (k < 0 || k >= (int)s->nval)
        return NAN;
    return ep->val[s->off + (uint32_t)k];
}

static int glonass_channel(const sky_spp_t *spp, const sky_obs_header_t *hdr,
                           const sky__sppsat_t *s)
{
    int prn = s->sat.prn;
    if (prn >= 1 && prn <= SKY_PRN_MAX && spp->nav->glo_fcn[prn] != SKY_GLO_FCN_UNKNOWN)
        return spp->nav->glo_fcn[prn];
    if (prn >= 1 && prn <= SKY_PRN_MAX && hdr->glo_fcn[prn] != SKY_GLO_FCN_UNKNOWN)
        return hdr->glo_fcn[prn];
    return s->st.glo_fcn; /* [4] channel k of the ephemeris */
}

static bool range_plausible(double p_m)
{
    return isfinite(p_m) && p_m > SPP_MIN_RANGE_M && p_m < SPP_MAX_RANGE_M;
}

/* Satellite state at signal transmission ([1] §20.3.3.3.3.1: t_sv = t_rx - P/c, then
 * t = t_sv - dt_sv). The state is computed once, at t_sv, and carried to t by its velocity and
 * clock drift: over |dt_sv| < 1 ms the neglected acceleration term is below 1e-6 m. */
static bool sat_state(const sky_spp_t *spp, sky_time_t t_rx, double p_m, sky__sppsat_t *s)
{
    sky_time_t t_sv = sky_time_add(t_rx, -p_m / SKY_C_MPS);
    if (sky_orbit_broadcast(spp->nav, s->sat, t_sv, &spp->opts.orbit, &s->st, NULL) != SKY_OK)
        return false;
    double dts = s->st.clk_s;
    if (!isfinite(dts) || fabs(dts) > SPP_MAX_SAT_CLOCK_S)
        return false;
    for (int k = 0; k < 3; k++)
        s->st.pos_ecef_m[k] -= s->st.vel_ecef_mps[k] * dts;
    s->st.clk_s -= s->st.clk_drift_sps * dts;
    if (s->st.health != 0 && !spp->opts.orbit.allow_unhealthy)
        return false;
    return isfinite(s->st.pos_ecef_m[0]) && isfinite(s->st.clk_s);
}

/* GPS P1-C1 code bias of satellite s (m): the running mean of C1W - C1C over the session. The
 * broadcast clock and TGD refer to P(Y) ([1] §20.3.3.3.3.2-3); the receiver's own part of the
 * difference is common to all satellites and goes into its clock. 0 when off or unknown. */
static double p1c1_bias_m(sky_spp_t *spp, const sky__sppsat_t *s)
{
    int idx = sky_sat_index(s->sat);
    if (!spp->opts.p1c1_from_c1w || s->sat.sys != SKY_SYS_GPS || s->attr[0] != 'C' ||
        idx < 0 || idx >= SKY_NSAT)
        return 0.0;
    sky__smooth_t *f = &spp->smooth[idx];
    double d_m = s->c1w_m - s->code_m[0];
    if (range_plausible(s->c1w_m) && fabs(d_m) < SPP_MAX_P1C1_M && f->p1c1_n < INT32_MAX) {
        f->p1c1_sum_m += d_m;
        f->p1c1_sum2_m2 += d_m * d_m;
        f->p1c1_n++;
    }
    if (f->p1c1_n < SPP_P1C1_MIN_N)
        return 0.0;
    /* Applied once the mean is known to SPP_P1C1_MAX_SE_M (its standard error): a noisy
     * estimate from a few epochs would add more error (x2.5 in the iono-free range) than the
     * bias it removes (typically 0.1-1 m). */
    double n = (double)f->p1c1_n, mean_m = f->p1c1_sum_m / n;
    double var_m2 = (f->p1c1_sum2_m2 - n * mean_m * mean_m) / (n - 1.0);
    return var_m2 / n <= SPP_P1C1_MAX_SE_M * SPP_P1C1_MAX_SE_M ? mean_m : 0.0;
}

/* The range the solver uses: group delay removed per signal, iono-free when two bands. */
static bool form_range(sky_spp_t *spp, const sky_obs_header_t *hdr, sky__sppsat_t *s)
{
    sky_sys_t sys = (sky_sys_t)s->sat.sys;
    int fcn = sys == SKY_SYS_GLO ? glonass_channel(spp, hdr, s) : 0;
    double pc[2];
    for (int i = 0; i < 2; i++) {
        char band = s->band[i] ? s->band[i] : s->pband[i]; /* a phase without its code */
        s->freq_hz[i] = band ? sky_freq_hz(sys, band, fcn) : 0.0;
        pc[i] = s->code_m[i] - SKY_C_MPS * sky_group_delay_s(sys, s->st.nav_type, s->band[i],
                                                             s->attr[i], s->st.tgd_s);
    }
    pc[0] += p1c1_bias_m(spp, s);
    bool dual = range_plausible(s->code_m[1]) && s->freq_hz[0] > 0.0 && s->freq_hz[1] > 0.0 &&
                s->freq_hz[0] != s->freq_hz[1];
    if (spp->opts.freq_mode == SKY_FREQ_DUAL && !dual)
        return false;
    s->iflc = dual && spp->opts.freq_mode != SKY_FREQ_SINGLE;
    /* [2] QZSS on the GPS clock; iono-free ranges on their own clock */
    s->clk_key = (sys == SKY_SYS_QZS ? SKY_SYS_GPS : sys) + (s->iflc ? SKY__SPP_IFKEY : 0);
    if (s->iflc) { /* [1] §20.3.3.3.3.3: (f1^2 P1 - f2^2 P2) / (f1^2 - f2^2) */
        double a = s->freq_hz[0] * s->freq_hz[0], b = s->freq_hz[1] * s->freq_hz[1];
        s->obs_m = (a * pc[0] - b * pc[1]) / (a - b);
    } else {
        s->obs_m = pc[0];
    }
    return isfinite(s->obs_m);
}

/* The first candidate code with a plausible value; its position in the list, -1 if none. */
static int pick_code(const sky_obs_epoch_t *ep, const sky_obs_sat_t *os,
                     const sky__sigcand_t *cand, int n, double *code_m, char *band, char *attr)
{
    for (int i = 0; i < n; i++) {
        double v = epoch_value(ep, os, cand[i].index);
        if (range_plausible(v)) {
            *code_m = v;
            *band = cand[i].band;
            *attr = cand[i].attr;
            return i;
        }
    }
    *code_m = NAN;
    return -1;
}

/* Phase k of satellite os with its LLI; NaN when absent. */
static double epoch_phase(const sky_obs_epoch_t *ep, const sky_obs_sat_t *os, int k,
                          uint8_t *lli)
{
    double v = epoch_value(ep, os, k);
    *lli = isfinite(v) && ep->lli ? ep->lli[os->off + (uint32_t)k] : 0;
    return isfinite(v) && v != 0.0 ? v : NAN;
}

/* Carrier phases for smoothing: the primary code's band, and the secondary code's band, or
 * (single frequency) the first secondary-band phase present. */
static void pick_phases(const sky_obs_epoch_t *ep, const sky_obs_sat_t *os,
                        const sky__sigsel_t *sel, int k, int k2, sky__sppsat_t *s)
{
    s->phase_cyc[1] = NAN;
    s->phase_cyc[0] = epoch_phase(ep, os, sel->phase[0][k], &s->lli[0]);
    s->pband[0] = s->band[0];
    s->pattr[0] = s->attr[0];
    if (k2 >= 0) {
        s->phase_cyc[1] = epoch_phase(ep, os, sel->phase[1][k2], &s->lli[1]);
        s->pband[1] = s->band[1];
        s->pattr[1] = s->attr[1];
        return;
    }
    for (int i = 0; i < sel->nphase2 && !isfinite(s->phase_cyc[1]); i++) {
        s->phase_cyc[1] = epoch_phase(ep, os, sel->phase2[i].index, &s->lli[1]);
        s->pband[1] = sel->phase2[i].band;
        s->pattr[1] = sel->phase2[i].attr;
    }
    if (!isfinite(s->phase_cyc[1]))
        s->pband[1] = s->pattr[1] = 0;
}

/* Fill the working record of epoch satellite j; false if it cannot be used. */
static bool prepare_sat(sky_spp_t *spp, const sky_obs_header_t *hdr, const sky_obs_epoch_t *ep,
                        const sky__sigsel_t *sel, int j, sky__sppsat_t *s)
{
    const sky_obs_sat_t *os = &ep->sat[j];
    memset(s, 0, sizeof *s);
    s->sat = os->sat;
    s->resid_m = s->doppler_hz = s->snr_dbhz = NAN;
    s->st.pos_ecef_m[0] = NAN;
    int k = pick_code(ep, os, sel->code[0], sel->ncode[0], &s->code_m[0], &s->band[0],
                      &s->attr[0]);
    int k2 = pick_code(ep, os, sel->code[1], sel->ncode[1], &s->code_m[1], &s->band[1],
                       &s->attr[1]);
    if (k < 0)
        return false;
    pick_phases(ep, os, sel, k, k2, s);
    s->c1w_m = NAN;
    for (int i = 0; s->sat.sys == SKY_SYS_GPS && s->attr[0] == 'C' && i < sel->ncode[0]; i++)
        if (sel->code[0][i].attr == 'W')
            s->c1w_m = epoch_value(ep, os, sel->code[0][i].index);
    s->doppler_hz = epoch_value(ep, os, sel->doppler[k]);
    double snr = epoch_value(ep, os, sel->snr[k]);
    s->snr_dbhz = snr >= SPP_MIN_SNR_DBHZ ? snr : NAN;
    if (!sat_state(spp, ep->time, s->code_m[0], s) || !form_range(spp, hdr, s))
        return false;
    sky__spp_smooth(spp, ep->time, s);
    return isfinite(s->obs_m);
}

/* Working records of all wanted satellites of the epoch. */
static void prepare_epoch(sky_spp_t *spp, const sky_obs_header_t *hdr, const sky_obs_epoch_t *ep)
{
    sky__sigsel_t sel[SKY_SYS_COUNT];
    for (int sys = 0; sys < SKY_SYS_COUNT; sys++)
        sky__spp_select_signals(hdr, (sky_sys_t)sys, spp->opts.freq_mode, &sel[sys]);
    spp->nsat = 0;
    for (int j = 0; j < ep->nsat && spp->nsat < SKY__SPP_MAXMEAS; j++) {
        if (!sat_wanted(&spp->opts, ep->sat[j].sat))
            continue;
        sky__sppsat_t *s = &spp->sats[spp->nsat];
        bool ok = prepare_sat(spp, hdr, ep, &sel[ep->sat[j].sat.sys], j, s);
        s->valid = ok;
        if (ok || isfinite(s->st.pos_ecef_m[0]))
            spp->nsat++;
    }
}

static void solution_clear(sky_solution_t *sol, sky_time_t t)
{
    memset(sol, 0, sizeof *sol);
    sol->time = t;
    sol->quality = SKY_SOLQ_NONE;
    for (int k = 0; k < 3; k++)
        sol->pos_ecef_m[k] = sol->vel_ecef_mps[k] = NAN;
    for (int k = 0; k < 6; k++)
        sol->cov_pos_m2[k] = sol->cov_vel_m2ps2[k] = NAN;
    for (int k = 0; k < SKY_SYS_COUNT; k++)
        sol->clk_bias_m[k] = NAN;
    sol->clk_drift_mps = NAN;
    sol->gdop = sol->pdop = sol->hdop = sol->vdop = sol->tdop = NAN;
}

/* Starting point: the previous solution if recent, else the header position, else the
 * geocentre. */
static void start_point(const sky_spp_t *spp, const sky_obs_header_t *hdr, sky_time_t t,
                        double x0[3])
{
    x0[0] = x0[1] = x0[2] = 0.0;
    if (spp->have_prev && fabs(sky_time_diff_s(t, spp->prev_time)) < SPP_PREV_MAX_AGE_S) {
        memcpy(x0, spp->prev_pos_m, sizeof spp->prev_pos_m);
        return;
    }
    const double *a = hdr->approx_pos_ecef_m;
    double r2 = a[0] * a[0] + a[1] * a[1] + a[2] * a[2];
    if (isfinite(r2) && r2 > SKY_WGS84_A_M * SKY_WGS84_A_M * 0.25)
        memcpy(x0, a, sizeof(double) * 3);
}

/* Per-satellite detail (for GSV/GSA): the satellites above the horizon or used, in entries
 * [0, nsat_view) (the writers read that many; a satellite below the horizon listed among them
 * pushed a used one out of the NMEA GSA/GSV sentences). */
static void fill_sats(const sky_spp_t *spp, sky_solution_t *sol)
{
    int n = 0, nused = 0;
    for (int i = 0; i < spp->nsat && n < SKY_SOL_MAXSAT; i++) {
        const sky__sppsat_t *s = &spp->sats[i];
        if (!s->used && !(s->el_rad > 0.0))
            continue;
        sky_solsat_t *o = &sol->sats[n++];
        o->sat = s->sat;
        o->az_rad = s->az_rad;
        o->el_rad = s->el_rad;
        o->snr_dbhz = s->snr_dbhz;
        o->resid_m = s->used ? s->resid_m : NAN;
        o->used = s->used;
        nused += s->used;
    }
    sol->nsat = nused;
    sol->nsat_view = n;
}

/* Compute az/el of satellites not in the fit (for the sky view), at the solution. */
static void sky_view(sky_spp_t *spp, const double pos_m[3])
{
    double llh[3], los[3];
    sky_ecef_to_geod(pos_m, llh);
    for (int i = 0; i < spp->nsat; i++) {
        sky__sppsat_t *s = &spp->sats[i];
        if (s->used || !isfinite(s->st.pos_ecef_m[0]))
            continue;
        double omega_radps = sky_omega_e_radps((sky_sys_t)s->sat.sys);
        sky_geo_range_m(s->st.pos_ecef_m, pos_m, omega_radps, los);
        sky_azel(llh, los, &s->az_rad, &s->el_rad);
    }
}

static void fill_position(const sky_spp_t *spp, const sky_obs_epoch_t *ep, sky_solution_t *sol)
{
    const double *c = spp->cov;
    int nx = spp->nx;
    memcpy(sol->pos_ecef_m, spp->pos_m, sizeof spp->pos_m);
    sol->cov_pos_m2[0] = c[0];
    sol->cov_pos_m2[1] = c[nx + 1];
    sol->cov_pos_m2[2] = c[2 * nx + 2];
    sol->cov_pos_m2[3] = c[1];
    sol->cov_pos_m2[4] = c[nx + 2];
    sol->cov_pos_m2[5] = c[2];
    int ref = -1;
    for (int sys = SKY_SYS_COUNT - 1; sys > SKY_SYS_NONE; sys--) {
        int key = spp->clk_col[sys + SKY__SPP_IFKEY] >= 0 ? sys + SKY__SPP_IFKEY : sys;
        if (spp->clk_col[key] >= 0) {
            sol->clk_bias_m[sys] = spp->clk_m[key];
            ref = key;
        }
    }
    if (isfinite(sol->clk_bias_m[SKY_SYS_GPS]))
        sol->clk_bias_m[SKY_SYS_QZS] = sol->clk_bias_m[SKY_SYS_GPS]; /* [2] shared clock */
    if (ref > 0) /* receiver time corrected by the reference (first present) system's clock */
        sol->time = sky_time_add(ep->time, -spp->clk_m[ref] / SKY_C_MPS);
}

/* Reject a fitted solution that is implausible; reason set. */
static sky_status_t check_solution(const sky_spp_t *spp, sky_solution_t *sol)
{
    double llh[3];
    sky_ecef_to_geod(spp->pos_m, llh);
    if (!(llh[2] > SPP_MIN_HEIGHT_M && llh[2] < SPP_MAX_HEIGHT_M)) {
        snprintf(sol->reason, sizeof sol->reason, "implausible height (%.0f m)", llh[2]);
        return SKY_E_RANGE;
    }
    if (!(sol->gdop <= spp->opts.max_gdop)) {
        snprintf(sol->reason, sizeof sol->reason, "GDOP %.1f above %.1f", sol->gdop,
                 spp->opts.max_gdop);
        return SKY_E_RANGE;
    }
    /* Formal precision from the weighted fit: few satellites with noisy iono-free ranges can
     * pass RAIM (one spare) and still be tens of metres off; such a fix is not given. */
    int nx = spp->nx;
    double sd3_m = sqrt(spp->cov[0] + spp->cov[nx + 1] + spp->cov[2 * nx + 2]);
    if (!(sd3_m <= spp->opts.max_sd_m)) {
        snprintf(sol->reason, sizeof sol->reason, "position sigma %.0f m above %.0f m", sd3_m,
                 spp->opts.max_sd_m);
        return SKY_E_RANGE;
    }
    return SKY_OK;
}

/* "RAIM excluded G05 R12" in the solution's reason when satellites were excluded. */
static void note_exclusions(const sky_spp_t *spp, sky_solution_t *sol)
{
    size_t n = 0;
    for (int i = 0; i < spp->nsat; i++) {
        if (!spp->sats[i].excluded)
            continue;
        char id[4];
        sky_sat_format(spp->sats[i].sat, id);
        if (n == 0)
            n = (size_t)snprintf(sol->reason, sizeof sol->reason, "RAIM excluded");
        if (n + 5 >= sizeof sol->reason)
            break;
        n += (size_t)snprintf(sol->reason + n, sizeof sol->reason - n, " %s", id);
    }
}

static sky_status_t epoch_usable(const sky_obs_epoch_t *ep, sky_solution_t *sol)
{
    if (ep->flag >= SKY_EPOCH_MOVING_ANTENNA && ep->flag <= SKY_EPOCH_EXTERNAL_EVENT) {
        snprintf(sol->reason, sizeof sol->reason, "event record (flag %d)", ep->flag);
        return SKY_E_NODATA;
    }
    if (ep->flag == SKY_EPOCH_CYCLE_SLIP || ep->flag < 0 || ep->flag > SKY_EPOCH_CYCLE_SLIP) {
        snprintf(sol->reason, sizeof sol->reason, "epoch flag %d not an observation", ep->flag);
        return SKY_E_NODATA;
    }
    if (ep->nsat <= 0) {
        snprintf(sol->reason, sizeof sol->reason, "no satellites");
        return SKY_E_NODATA;
    }
    return SKY_OK;
}

sky_status_t sky_spp_solve(sky_spp_t *spp, const sky_obs_header_t *hdr,
                           const sky_obs_epoch_t *epoch, sky_solution_t *sol, sky_error_t *err)
{
    if (!spp || !hdr || !epoch || !sol)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found NULL, expected solver, header, "
                             "epoch and solution");
    solution_clear(sol, epoch->time);
    sky_status_t st = epoch_usable(epoch, sol);
    if (st != SKY_OK)
        return st;
    sky__spp_smooth_epoch(spp, hdr, epoch);
    prepare_epoch(spp, hdr, epoch);
    double x0[3];
    start_point(spp, hdr, epoch->time, x0);
    st = sky__spp_fit(spp, epoch->time, x0, sol->reason, sizeof sol->reason);
    if (st == SKY_OK) {
        sky__spp_dops(spp->sats, spp->nsat, sol);
        st = check_solution(spp, sol);
    }
    if (st == SKY_OK)
        sky_view(spp, spp->pos_m);
    for (int i = 0; st != SKY_OK && i < spp->nsat; i++)
        spp->sats[i].used = false;
    fill_sats(spp, sol);
    if (st != SKY_OK)
        return st;
    fill_position(spp, epoch, sol);
    note_exclusions(spp, sol);
    sol->quality = SKY_SOLQ_SINGLE;
    spp->have_prev = true;
    spp->prev_time = epoch->time;
    memcpy(spp->prev_pos_m, spp->pos_m, sizeof spp->pos_m);
    if (spp->opts.velocity && sky__spp_velocity(spp->sats, spp->nsat, sol) != SKY_OK) {
        size_t n = strlen(sol->reason);
        snprintf(sol->reason + n, sizeof sol->reason - n, "%sno Doppler velocity",
                 n ? "; " : "");
    }
    return SKY_OK;
}
