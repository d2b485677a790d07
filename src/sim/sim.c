/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: observation simulator handle: options, satellite list, header, epoch loop.
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §5.1 Tables 4-10 (observation codes of each system), Table A2
 *  [2] GLONASS ICD Edition 5.1 (2008) §3.3.1.4 (frequency channel numbers) */
#include "sim_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/signal.h"

#define TYPES_PER_SIGNAL 4         /* C, L, D, S */
#define MAX_EPOCHS 10000000LL
#define MIN_RCV_RADIUS_M 1.0e5     /* below this the position is not on or near the Earth */
#define DEFAULT_INTERVAL_S 30.0
#define DEFAULT_ELMASK_DEG 5.0
#define DEFAULT_HUMIDITY 0.7
#define AMBIGUITY_SPAN_CYC 2000.0  /* integer ambiguities drawn in [-1000, 1000) */

static void set_sig(sky_sim_opts_t *o, sky_sys_t sys, const char *pairs)
{
    o->nsig[sys] = 0;
    for (size_t i = 0; pairs[i] && pairs[i + 1] && o->nsig[sys] < SKY_SIM_MAXSIG; i += 2) {
        o->sig[sys][o->nsig[sys]].band = pairs[i];
        o->sig[sys][o->nsig[sys]].attr = pairs[i + 1];
        o->nsig[sys]++;
    }
}

void sky_sim_opts_default(sky_sim_opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->rcv_pos_ecef_m[0] = o->rcv_pos_ecef_m[1] = o->rcv_pos_ecef_m[2] = NAN;
    o->start.sec = o->end.sec = INT64_MIN;
    o->interval_s = DEFAULT_INTERVAL_S;
    o->sys_mask = (1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL) |
                  (1u << SKY_SYS_BDS) | (1u << SKY_SYS_QZS);
    o->elmask_rad = DEFAULT_ELMASK_DEG * SKY_DEG2RAD;
    /* [1] Tables 4-10: GPS L1 C/A + L2 P(Y) semi-codeless, GLONASS C/A and P, Galileo E1 C
     * and E5a Q, BDS B1I and B2I, QZSS L1 C/A and L2C(L), NavIC L5 SPS. */
    set_sig(o, SKY_SYS_GPS, "1C2W");
    set_sig(o, SKY_SYS_GLO, "1C2P");
    set_sig(o, SKY_SYS_GAL, "1C5Q");
    set_sig(o, SKY_SYS_BDS, "2I7I");
    set_sig(o, SKY_SYS_QZS, "1C2L");
    set_sig(o, SKY_SYS_IRN, "5A");
    o->iono = true;
    o->trop = true;
    o->humidity = DEFAULT_HUMIDITY;
    o->ambiguity = true;
    sky_orbit_opts_default(&o->orbit);
}

static sky_status_t opts_error(sky_error_t *err, const char *field, const char *msg)
{
    return sky_error_set(err, SKY_E_ARG, "", 0, field, "%s", msg);
}

static sky_status_t check_opts(const sky_sim_opts_t *o, sky_error_t *err)
{
    const double *r = o->rcv_pos_ecef_m;
    double radius_m = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    if (!isfinite(radius_m) || radius_m < MIN_RCV_RADIUS_M)
        return opts_error(err, "rcv_pos_ecef_m", "found no usable position, expected ECEF m");
    if (!isfinite(o->rcv_clk_bias_s) || !isfinite(o->rcv_clk_drift_sps) ||
        fabs(o->rcv_clk_bias_s) > 1.0 || fabs(o->rcv_clk_drift_sps) > 1e-3)
        return opts_error(err, "rcv_clk_bias_s", "found a clock out of range, expected "
                          "|bias| <= 1 s and |drift| <= 1e-3");
    if (o->start.sec == INT64_MIN || o->end.sec == INT64_MIN ||
        sky_time_cmp(o->end, o->start) < 0)
        return opts_error(err, "start", "found no start/end or end before start");
    if (!(o->interval_s >= 1e-3) ||
        sky_time_diff_s(o->end, o->start) / o->interval_s > (double)MAX_EPOCHS)
        return opts_error(err, "interval_s", "found an interval < 1 ms or > 1e7 epochs");
    if (!(o->sigma_code_m >= 0.0) || !(o->sigma_phase_cyc >= 0.0) ||
        !(o->sigma_doppler_hz >= 0.0) || !(o->humidity >= 0.0 && o->humidity <= 1.0) ||
        !isfinite(o->elmask_rad))
        return opts_error(err, "sigma", "found a negative or NaN noise sigma, humidity or mask");
    for (int s = 0; s < SKY_SYS_COUNT; s++) {
        if (o->nsig[s] < 0 || o->nsig[s] > SKY_SIM_MAXSIG)
            return opts_error(err, "nsig", "found a signal count outside 0..SKY_SIM_MAXSIG");
        for (int j = 0; j < o->nsig[s]; j++)
            if (s != SKY_SYS_NONE && sky_freq_hz((sky_sys_t)s, o->sig[s][j].band, 0) <= 0.0)
                return opts_error(err, "sig", "found a band with no known frequency");
    }
    return SKY_OK;
}

static bool sys_wanted(const sky_sim_opts_t *o, int sys)
{
    return sys > SKY_SYS_NONE && sys < SKY_SYS_COUNT && sys != SKY_SYS_SBS &&
           (o->sys_mask & (1u << sys)) && o->nsig[sys] > 0;
}

/* GLONASS channel from the store (filled by the nav reader), else from an ephemeris [2]. */
static int glo_fcn_from_nav(const sky_nav_t *nav, int prn)
{
    if (nav->glo_fcn[prn] != SKY_GLO_FCN_UNKNOWN)
        return nav->glo_fcn[prn];
    for (size_t i = 0; i < nav->ngeph; i++)
        if (nav->geph[i].sat.prn == prn && nav->geph[i].fcn >= -7 && nav->geph[i].fcn <= 6)
            return nav->geph[i].fcn;
    return SKY_GLO_FCN_UNKNOWN;
}

static void mark_sat(sky_sim_t *sim, bool *seen, sky_sat_t sat)
{
    int idx = sky_sat_index(sat);
    if (idx < 0 || seen[idx] || !sys_wanted(&sim->opts, sat.sys))
        return;
    if (sat.sys == SKY_SYS_GLO) {
        int fcn = glo_fcn_from_nav(sim->nav, sat.prn);
        if (fcn == SKY_GLO_FCN_UNKNOWN)
            return;
        sim->hdr.glo_fcn[sat.prn] = (int8_t)fcn;
    }
    seen[idx] = true;
    sim->nsats++;
}

/* Satellites with at least one ephemeris of a wanted system, in index order. */
static sky_status_t collect_sats(sky_sim_t *sim, sky_error_t *err)
{
    bool seen[SKY_NSAT];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < sim->nav->nkeph; i++)
        mark_sat(sim, seen, sim->nav->keph[i].sat);
    for (size_t i = 0; i < sim->nav->ngeph; i++)
        mark_sat(sim, seen, sim->nav->geph[i].sat);
    if (sim->nsats == 0)
        return sky_error_set(err, SKY_E_NODATA, "", 0, "nav", "found no ephemeris of the "
                             "chosen systems, expected at least one");
    sim->sats = sky_calloc(sim->ctx, (size_t)sim->nsats, sizeof *sim->sats);
    if (!sim->sats)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory for %d satellites",
                             sim->nsats);
    int n = 0;
    for (int idx = 0; idx < SKY_NSAT; idx++)
        if (seen[idx])
            sim->sats[n++] = sky_sat_from_index(idx);
    return SKY_OK;
}

static void init_header(sky_sim_t *sim)
{
    sky_obs_header_t *h = &sim->hdr;
    const sky_sim_opts_t *o = &sim->opts;
    h->version = 3.05;
    snprintf(h->program, sizeof h->program, "skyfix sim");
    snprintf(h->run_by, sizeof h->run_by, "skyfix");
    sky_civil_t c;
    sky_time_to_civil(o->start, &c);
    snprintf(h->date, sizeof h->date, "%04d%02d%02d %02d%02d%02d GPS", c.year, c.month, c.day,
             c.hour, c.min, (int)c.sec);
    snprintf(h->marker_name, sizeof h->marker_name, "SIM");
    snprintf(h->marker_type, sizeof h->marker_type, "GEODETIC");
    snprintf(h->rec_type, sizeof h->rec_type, "SKYFIX SIMULATOR");
    snprintf(h->ant_type, sizeof h->ant_type, "NONE");
    snprintf(h->signal_strength_unit, sizeof h->signal_strength_unit, "DBHZ");
    memcpy(h->approx_pos_ecef_m, o->rcv_pos_ecef_m, sizeof h->approx_pos_ecef_m);
    h->interval_s = o->interval_s;
    h->first_obs = o->start;
    h->last_obs = sky_time_add(o->start, (double)(sim->nepoch - 1) * o->interval_s);
    h->time_sys = SKY_TS_GPS;
    h->leap_s = sim->nav->leap_s;
    h->nsat_header = -1;
    for (int i = 0; i < 4; i++)
        h->glo_cpb_m[i] = NAN;
    for (int prn = 0; prn <= SKY_PRN_MAX; prn++)
        h->glo_fcn[prn] = SKY_GLO_FCN_UNKNOWN;
}

static void set_types(sky_sim_t *sim)
{
    static const char kinds[TYPES_PER_SIGNAL] = {'C', 'L', 'D', 'S'};
    sky_obs_header_t *h = &sim->hdr;
    int nsys = 0;
    sky_sys_t last = SKY_SYS_NONE;
    for (int s = 1; s < SKY_SYS_COUNT; s++) {
        if (!sys_wanted(&sim->opts, s))
            continue;
        for (int j = 0; j < sim->opts.nsig[s]; j++) {
            for (int k = 0; k < TYPES_PER_SIGNAL; k++) {
                char text[4] = {kinds[k], sim->opts.sig[s][j].band, sim->opts.sig[s][j].attr, 0};
                sky_obs_code_parse(text, &h->types[s][h->ntypes[s]++]);
            }
        }
        nsys++;
        last = (sky_sys_t)s;
    }
    h->file_sys = nsys == 1 ? sky_sys_char(last) : 'M';
}

static bool has_iono_params(const sky_iono_t *io)
{
    return io->has_gps_klobuchar || io->has_qzs_klobuchar || io->has_bds_klobuchar;
}

static sky_status_t alloc_arrays(sky_sim_t *sim, sky_error_t *err)
{
    size_t n = (size_t)sim->nsats;
    sim->amb_cyc = sky_calloc(sim->ctx, n * SKY_SIM_MAXSIG, sizeof *sim->amb_cyc);
    sim->esat = sky_calloc(sim->ctx, n, sizeof *sim->esat);
    sim->val = sky_calloc(sim->ctx, n * SKY_OBS_MAXTYPES, sizeof *sim->val);
    sim->lli = sky_calloc(sim->ctx, n * SKY_OBS_MAXTYPES, 1);
    sim->ssi = sky_calloc(sim->ctx, n * SKY_OBS_MAXTYPES, 1);
    if (!sim->amb_cyc || !sim->esat || !sim->val || !sim->lli || !sim->ssi)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory for %d satellites",
                             sim->nsats);
    for (size_t i = 0; sim->opts.ambiguity && i < n * SKY_SIM_MAXSIG; i++)
        sim->amb_cyc[i] = floor(AMBIGUITY_SPAN_CYC * (sky__sim_uniform(sim) - 0.5));
    return SKY_OK;
}

sky_status_t sky_sim_new(const sky_ctx_t *ctx, const sky_nav_t *nav, const sky_sim_opts_t *opts,
                         sky_sim_t **out, sky_error_t *err)
{
    if (!out || !nav || !opts)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found a NULL argument");
    *out = NULL;
    sky_status_t st = check_opts(opts, err);
    if (st != SKY_OK)
        return st;
    if (opts->iono && !has_iono_params(&nav->iono))
        return sky_error_set(err, SKY_E_NODATA, "", 0, "iono", "found no broadcast ionosphere "
                             "parameters in the navigation data, expected some (or iono off)");
    sky_sim_t *sim = sky_calloc(ctx, 1, sizeof *sim);
    if (!sim)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory for the simulator");
    sim->ctx = ctx;
    sim->nav = nav;
    sim->opts = *opts;
    sim->rng = opts->seed;
    sky_ecef_to_geod(opts->rcv_pos_ecef_m, sim->llh_rcv);
    sim->nepoch = (int64_t)floor(sky_time_diff_s(opts->end, opts->start) / opts->interval_s +
                                 1e-9) + 1;
    init_header(sim);
    st = collect_sats(sim, err);
    if (st == SKY_OK)
        st = alloc_arrays(sim, err);
    if (st != SKY_OK) {
        sky_sim_delete(sim);
        return st;
    }
    set_types(sim);
    *out = sim;
    return SKY_OK;
}

const sky_obs_header_t *sky_sim_header(const sky_sim_t *sim)
{
    return &sim->hdr;
}

sky_status_t sky_sim_next(sky_sim_t *sim, sky_obs_epoch_t *epoch, sky_error_t *err)
{
    if (!sim || !epoch)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found a NULL argument");
    if (sim->k >= sim->nepoch)
        return SKY_EOF;
    sky_time_t tag = sky_time_add(sim->opts.start, (double)sim->k * sim->opts.interval_s);
    sim->k++;
    int n = 0;
    uint32_t off = 0;
    for (int i = 0; i < sim->nsats; i++) {
        sky_sat_t sat = sim->sats[i];
        int nval = sim->hdr.ntypes[sat.sys];
        if (sky__sim_satellite(sim, i, tag, sim->val + off, sim->ssi + off) != SKY_OK)
            continue;
        memset(sim->lli + off, 0, (size_t)nval);
        sim->esat[n].sat = sat;
        sim->esat[n].nval = (uint16_t)nval;
        sim->esat[n].off = off;
        off += (uint32_t)nval;
        n++;
    }
    memset(epoch, 0, sizeof *epoch);
    epoch->time = tag;
    epoch->flag = SKY_EPOCH_OK;
    epoch->rcv_clock_offset_s = NAN;
    epoch->nsat = n;
    epoch->sat = sim->esat;
    epoch->val = sim->val;
    epoch->lli = sim->lli;
    epoch->ssi = sim->ssi;
    return SKY_OK;
}

sky_status_t sky_sim_run(sky_sim_t *sim, sky_sim_epoch_fn fn, void *user, sky_error_t *err)
{
    if (!sim || !fn)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found a NULL argument");
    for (;;) {
        sky_obs_epoch_t ep;
        sky_status_t st = sky_sim_next(sim, &ep, err);
        if (st == SKY_EOF)
            return SKY_OK;
        if (st != SKY_OK)
            return st;
        st = fn(user, &sim->hdr, &ep, err);
        if (st != SKY_OK)
            return st;
    }
}

void sky_sim_delete(sky_sim_t *sim)
{
    if (!sim)
        return;
    sky_free(sim->ctx, sim->sats);
    sky_free(sim->ctx, sim->amb_cyc);
    sky_free(sim->ctx, sim->esat);
    sky_free(sim->ctx, sim->val);
    sky_free(sim->ctx, sim->lli);
    sky_free(sim->ctx, sim->ssi);
    sky_free(sim->ctx, sim);
}
