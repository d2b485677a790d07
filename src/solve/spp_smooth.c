/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix solve: carrier smoothing of the pseudoranges (Hatch filter), per satellite.
 * References:
 *  [1] Hatch, R., "The synergism of GPS code and carrier measurements", 3rd Int. Geodetic
 *      Symposium on Satellite Doppler Positioning (1982) 1213-1231 (the recursive filter)
 *  [2] Hwang, P., McGraw, G., Bader, J., "Enhanced differential GPS carrier-smoothed code
 *      processing using dual-frequency measurements", Navigation 46(2) (1999) 127-137
 *      (divergence-free and ionosphere-free smoothing)
 *  [3] IS-GPS-200N (2022-08-22) §20.3.3.3.3.3 (ionosphere-free combination, gamma = f1^2/f2^2)
 *  [4] RINEX 3.05 (2020-12-01) §5.3 (loss of lock indicator bit 0), Table A3 (epoch flag 1)
 *  [5] Blewitt, G., "An automatic editing algorithm for GPS data", Geophys. Res. Lett. 17(3)
 *      (1990) 199-202 (geometry-free phase to detect cycle slips) */
#include <math.h>

#include "skyfix/coord.h"
#include "solve/spp_int.h"

#define SMOOTH_MAX_GAP_INTERVALS 2.5 /* a longer gap than this many intervals resets */
#define SMOOTH_GF_JUMP_M 0.05        /* geometry-free phase jump beyond: a cycle slip [5] ... */
#define SMOOTH_GF_RATE_MPS 0.001     /* ... plus this ionospheric rate over the step */
#define SMOOTH_MAX_INNOV_M 20.0      /* code minus predicted smoothed code beyond: reset */
#define SMOOTH_SINGLE_PHASE_MAX_S 100.0 /* window with one phase or Doppler (iono divergence) */
#define SMOOTH_MIN_INTERVAL_S 1e-3
#define SMOOTH_MAX_COUNT 1000000

/* Phase (m) of band i, NaN if absent. */
static double phase_m(const sky__sppsat_t *s, int i)
{
    if (!(s->freq_hz[i] > 0.0) || !isfinite(s->phase_cyc[i]))
        return NAN;
    return s->phase_cyc[i] * SKY_C_MPS / s->freq_hz[i];
}

/* The phase combination with the geometry and ionosphere of s->obs_m ([2]): iono-free for an
 * iono-free range, divergence-free L1 + 2 (L1 - L2) / (gamma - 1) for a single-frequency range
 * when a second phase exists, else L1 (its ionosphere has the opposite sign: divergence).
 * gf_m gets L1 - L2 (NaN with one phase). */
static double smoothing_phase_m(const sky__sppsat_t *s, double *gf_m)
{
    double l1 = phase_m(s, 0), l2 = phase_m(s, 1);
    *gf_m = l1 - l2;
    if (!isfinite(l2) || s->freq_hz[0] == s->freq_hz[1])
        return s->iflc ? NAN : l1;
    double a = s->freq_hz[0] * s->freq_hz[0], b = s->freq_hz[1] * s->freq_hz[1];
    if (s->iflc) /* [3] (f1^2 L1 - f2^2 L2) / (f1^2 - f2^2) */
        return (a * l1 - b * l2) / (a - b);
    return l1 + 2.0 * (l1 - l2) / (a / b - 1.0); /* [2] divergence-free */
}

/* Signals and combination of the filter: a change resets it. */
static uint32_t signal_key(const sky__sppsat_t *s, bool doppler)
{
    return (uint32_t)doppler << 30 | (uint32_t)(unsigned char)s->pband[0] | (uint32_t)(unsigned char)s->pattr[0] << 7 |
           (uint32_t)(unsigned char)s->pband[1] << 14 |
           (uint32_t)(unsigned char)s->pattr[1] << 21 | (uint32_t)s->iflc << 28 |
           (uint32_t)isfinite(s->phase_cyc[1]) << 29;
}

/* Whether the filter must restart: empty, other signals, a gap, a loss of lock ([4]) or a
 * geometry-free phase jump ([5]). */
static bool needs_reset(const sky_spp_t *spp, const sky__smooth_t *f, const sky__sppsat_t *s,
                        uint32_t sig, double dt_s, double gf_m)
{
    if (f->n <= 0 || spp->reset_smooth || f->sig != sig || !(dt_s > 0.0))
        return true;
    if (!isfinite(spp->interval_s) || dt_s > SMOOTH_MAX_GAP_INTERVALS * spp->interval_s)
        return true;
    if ((s->lli[0] & 1u) || (isfinite(s->phase_cyc[1]) && (s->lli[1] & 1u)))
        return true;
    return isfinite(gf_m) &&
           !(fabs(gf_m - f->gf_m) <= SMOOTH_GF_JUMP_M + SMOOTH_GF_RATE_MPS * dt_s);
}

void sky__spp_smooth(sky_spp_t *spp, sky_time_t t, sky__sppsat_t *s)
{
    s->nsmooth = 0;
    int idx = sky_sat_index(s->sat);
    if (!(spp->opts.smooth_s > 0.0) || idx < 0 || idx >= SKY_NSAT)
        return;
    sky__smooth_t *f = &spp->smooth[idx];
    double gf_m, ph_m = smoothing_phase_m(s, &gf_m);
    double dt_s = f->n > 0 ? sky_time_diff_s(t, f->time) : 0.0;
    bool doppler = !isfinite(ph_m) && isfinite(s->doppler_hz) && s->freq_hz[0] > 0.0;
    if (doppler) /* range change from the Doppler, trapezoid rule (range rate = -lambda D) */
        ph_m = f->n > 0 ? f->phase_m - 0.5 * (f->doppler_hz + s->doppler_hz) * dt_s *
                                           SKY_C_MPS / s->freq_hz[0]
                        : 0.0;
    if (!isfinite(ph_m) || !isfinite(s->obs_m)) {
        f->n = 0;
        return;
    }
    uint32_t sig = signal_key(s, doppler);
    double window_s = spp->opts.smooth_s;
    if (doppler || !isfinite(s->phase_cyc[1]))
        window_s = fmin(window_s, SMOOTH_SINGLE_PHASE_MAX_S);
    double pred_m = f->code_m + (ph_m - f->phase_m); /* [1] */
    if (needs_reset(spp, f, s, sig, dt_s, gf_m) ||
        !(fabs(s->obs_m - pred_m) <= SMOOTH_MAX_INNOV_M)) {
        f->n = 1;
        f->code_m = s->obs_m;
    } else { /* [1] P_s = P / n + (n - 1) / n (P_s,prev + dL), n capped by the window */
        f->n += f->n < SMOOTH_MAX_COUNT;
        double w = fmax(1.0 / f->n, fmin(1.0, dt_s / window_s));
        f->code_m = w * s->obs_m + (1.0 - w) * pred_m;
    }
    f->time = t;
    f->phase_m = ph_m;
    f->gf_m = gf_m;
    f->doppler_hz = s->doppler_hz;
    f->sig = sig;
    s->obs_m = f->code_m;
    s->nsmooth = f->n;
}

void sky__spp_smooth_epoch(sky_spp_t *spp, const sky_obs_header_t *hdr,
                           const sky_obs_epoch_t *ep)
{
    if (spp->have_epoch) {
        double dt_s = sky_time_diff_s(ep->time, spp->last_epoch);
        if (dt_s > SMOOTH_MIN_INTERVAL_S && !(dt_s >= spp->interval_s))
            spp->interval_s = dt_s;
    }
    if (hdr->interval_s > SMOOTH_MIN_INTERVAL_S && !(hdr->interval_s >= spp->interval_s))
        spp->interval_s = hdr->interval_s;
    spp->reset_smooth = ep->flag == SKY_EPOCH_POWER_FAILURE; /* [4] */
    spp->have_epoch = true;
    spp->last_epoch = ep->time;
}
