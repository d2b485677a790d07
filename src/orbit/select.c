/* SPDX-License-Identifier: BSD-2-Clause */
/* Choice of the broadcast ephemeris to use for a satellite at a time, and the state from it.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.4.4 (LNAV curve fit interval), §20.3.3.3.1.4 (health)
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.9.3 (SISA), §5.1.11 (health, DVS)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.6 (SatH1), §5.2.4.11 (AODE, hourly updates)
 *  [4] GLONASS ICD Edition 5.1 (2008) §4.4 (t_b every 30 min, B_n health)
 *  [5] RTKLIB 2.4.3 rtklib.h MAXDTOE_* (comparison values for the age limits) */
#include <math.h>
#include <string.h>

#include "orbit/orbit_int.h"
#include "orbit/spec/bds_d1.h"
#include "orbit/spec/gal_inav.h"
#include "orbit/spec/glo_fdma.h"
#include "orbit/spec/gps_lnav.h"
#include "skyfix/orbit.h"

/* Ranking penalties (s): a not-yet-transmitted or non-preferred message loses to any other. */
#define PENALTY_TYPE_S 1e7
#define PENALTY_FUTURE_S 1e8
#define GPS_SCAN_MAX_S 43200.0 /* scan window for GPS/QZSS (fit intervals up to 24 h) */
#define SECONDS_PER_HOUR 3600.0

SKY_API void sky_orbit_opts_default(sky_orbit_opts_t *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->allow_unhealthy = false;
    opts->gal_prefer = SKY_NAV_INAV;
}

static double default_max_age_s(sky_sys_t sys)
{
    switch (sys) {
    case SKY_SYS_GAL: return SKY__GAL_MAX_AGE_S;
    case SKY_SYS_BDS: return SKY__BDS_MAX_AGE_S;
    case SKY_SYS_GLO: return SKY__GLO_MAX_AGE_S;
    case SKY_SYS_IRN: return SKY__IRN_MAX_AGE_S;
    case SKY_SYS_SBS: return SKY__SBS_MAX_AGE_S;
    default: return SKY__GPS_MAX_AGE_S;
    }
}

/* Age limit for one Keplerian ephemeris: the user's, or the system default; GPS/QZSS widen
 * the default to half the broadcast fit interval ([1] §20.3.4.4). */
static double keph_max_age_s(const sky_keph_t *eph, const sky_orbit_opts_t *opts)
{
    sky_sys_t sys = (sky_sys_t)eph->sat.sys;
    if (opts->max_age_s[sys] > 0.0)
        return opts->max_age_s[sys];
    double age = default_max_age_s(sys);
    if ((sys == SKY_SYS_GPS || sys == SKY_SYS_QZS) && isfinite(eph->fit_h) &&
        0.5 * eph->fit_h * SECONDS_PER_HOUR > age)
        age = 0.5 * eph->fit_h * SECONDS_PER_HOUR;
    return age;
}

static double scan_bound_s(sky_sys_t sys, const sky_orbit_opts_t *opts)
{
    if (opts->max_age_s[sys] > 0.0)
        return opts->max_age_s[sys];
    if (sys == SKY_SYS_GPS || sys == SKY_SYS_QZS)
        return GPS_SCAN_MAX_S;
    return default_max_age_s(sys);
}

/* Message type of a Galileo record: its own, else from the RINEX 3 data-source bits. */
static unsigned gal_type(const sky_keph_t *eph)
{
    if (eph->type != SKY_NAV_UNKNOWN)
        return eph->type;
    if (eph->data_sources & SKY__GAL_SRC_FNAV_E5A)
        return SKY_NAV_FNAV;
    return SKY_NAV_INAV;
}

/* Legacy messages first (LNAV, D1/D2), Galileo as the options say. */
static bool keph_type_preferred(const sky_keph_t *eph, const sky_orbit_opts_t *opts)
{
    switch (eph->sat.sys) {
    case SKY_SYS_GAL:
        return gal_type(eph) == (opts->gal_prefer ? opts->gal_prefer : SKY_NAV_INAV);
    case SKY_SYS_BDS:
        return eph->type == SKY_NAV_UNKNOWN || eph->type == SKY_NAV_D1 || eph->type == SKY_NAV_D2;
    default:
        return eph->type == SKY_NAV_UNKNOWN || eph->type == SKY_NAV_LNAV;
    }
}

static bool time_is_set(sky_time_t t)
{
    return t.sec != 0 || t.frac_s != 0.0;
}

/* Ranking cost of one ephemeris at t (smaller is better), or -1 if it must not be used. */
static double keph_cost(const sky_keph_t *eph, sky_time_t t, const sky_orbit_opts_t *opts)
{
    if (eph->health != 0 && !opts->allow_unhealthy)
        return -1.0;
    double age_s = fabs(sky_time_diff_s(t, eph->toe));
    if (!(age_s <= keph_max_age_s(eph, opts)))
        return -1.0;
    double cost = age_s;
    if (!keph_type_preferred(eph, opts))
        cost += PENALTY_TYPE_S;
    if (time_is_set(eph->ttr) && sky_time_diff_s(eph->ttr, t) > 0.0)
        cost += PENALTY_FUTURE_S; /* not transmitted yet at t */
    return cost;
}

/* First index in [lo, hi) whose toe is >= t (array sorted by toe within the satellite). */
static size_t keph_lower_bound(const sky_keph_t *k, size_t lo, size_t hi, sky_time_t t)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sky_time_cmp(k[mid].toe, t) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void keph_consider(const sky_keph_t *eph, sky_time_t t, const sky_orbit_opts_t *opts,
                          const sky_keph_t **best, double *best_cost)
{
    double cost = keph_cost(eph, t, opts);
    if (cost < 0.0)
        return;
    /* equal rank: the later transmission (newer upload of the same toe) wins */
    if (cost < *best_cost ||
        (cost == *best_cost && sky_time_cmp(eph->ttr, (*best)->ttr) > 0)) {
        *best = eph;
        *best_cost = cost;
    }
}

const sky_keph_t *sky__select_keph(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                   const sky_orbit_opts_t *opts)
{
    size_t first = 0, end = 0;
    sky_nav_keph_range(nav, sat, &first, &end);
    if (first >= end)
        return NULL;
    double bound_s = scan_bound_s((sky_sys_t)sat.sys, opts), best_cost = INFINITY;
    const sky_keph_t *best = NULL;
    size_t mid = keph_lower_bound(nav->keph, first, end, t);
    for (size_t i = mid; i > first; i--) {
        if (sky_time_diff_s(t, nav->keph[i - 1].toe) > bound_s)
            break;
        keph_consider(&nav->keph[i - 1], t, opts, &best, &best_cost);
    }
    for (size_t i = mid; i < end; i++) {
        if (sky_time_diff_s(nav->keph[i].toe, t) > bound_s)
            break;
        keph_consider(&nav->keph[i], t, opts, &best, &best_cost);
    }
    return best;
}

const sky_geph_t *sky__select_geph(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                   const sky_orbit_opts_t *opts)
{
    size_t first = 0, end = 0;
    sky_nav_geph_range(nav, sat, &first, &end);
    double limit_s = opts->max_age_s[SKY_SYS_GLO] > 0.0 ? opts->max_age_s[SKY_SYS_GLO]
                                                        : SKY__GLO_MAX_AGE_S;
    const sky_geph_t *best = NULL;
    double best_age = INFINITY;
    for (size_t i = first; i < end; i++) {
        const sky_geph_t *g = &nav->geph[i];
        double age_s = fabs(sky_time_diff_s(t, g->toe));
        if ((g->health != 0 && !opts->allow_unhealthy) || !(age_s <= limit_s))
            continue;
        if (age_s < best_age) {
            best = g;
            best_age = age_s;
        }
    }
    return best;
}

const sky_seph_t *sky__select_seph(const sky_nav_t *nav, sky_sat_t sat, sky_time_t t,
                                   const sky_orbit_opts_t *opts)
{
    double limit_s = opts->max_age_s[SKY_SYS_SBS] > 0.0 ? opts->max_age_s[SKY_SYS_SBS]
                                                        : SKY__SBS_MAX_AGE_S;
    const sky_seph_t *best = NULL;
    double best_age = INFINITY;
    for (size_t i = 0; i < nav->nseph; i++) {
        const sky_seph_t *s = &nav->seph[i];
        double age_s = fabs(sky_time_diff_s(t, s->t0));
        if (!sky_sat_eq(s->sat, sat) || (s->health != 0 && !opts->allow_unhealthy) ||
            !(age_s <= limit_s))
            continue;
        if (age_s < best_age) {
            best = s;
            best_age = age_s;
        }
    }
    return best;
}
