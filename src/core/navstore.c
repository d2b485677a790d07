/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: the navigation data store: growable arrays of ephemerides, sorting, per-satellite ranges.
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §6 (navigation message files: one record per ephemeris)
 *  [2] IS-GPS-200N (2022-08-22) §20.3.4.4 (IODE identifies an ephemeris data set) */
#include "skyfix/nav.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/obs.h" /* SKY_GLO_FCN_UNKNOWN */

#define NAV_CAP_FIRST 16
#define GLO_FCN_MIN (-7) /* GLONASS ICD Edition 5.1 §3.3.1.4 */
#define GLO_FCN_MAX 6

void sky_nav_init(sky_nav_t *nav, const sky_ctx_t *ctx)
{
    if (!nav)
        return;
    memset(nav, 0, sizeof *nav);
    nav->ctx = ctx;
    nav->leap_s = INT32_MIN;
    nav->leap_future_s = INT32_MIN;
    nav->leap_week = INT32_MIN;
    nav->leap_day = INT32_MIN;
    for (int i = 0; i <= SKY_PRN_MAX; i++)
        nav->glo_fcn[i] = SKY_GLO_FCN_UNKNOWN;
}

void sky_nav_free(sky_nav_t *nav)
{
    if (!nav)
        return;
    const sky_ctx_t *ctx = nav->ctx;
    sky_free(ctx, nav->keph);
    sky_free(ctx, nav->geph);
    sky_free(ctx, nav->seph);
    sky_free(ctx, nav->tcorr);
    sky_free(ctx, nav->eop);
    sky_nav_init(nav, ctx);
}

/* Make room for one more element of size elem in *arr (count n, capacity *cap), doubling. */
static sky_status_t grow(const sky_ctx_t *ctx, void **arr, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return SKY_OK;
    size_t new_cap = *cap ? *cap * 2 : NAV_CAP_FIRST;
    if (new_cap < *cap || new_cap > SIZE_MAX / elem)
        return SKY_E_NOMEM;
    void *p = sky_realloc(ctx, *arr, new_cap * elem);
    if (!p)
        return SKY_E_NOMEM;
    *arr = p;
    *cap = new_cap;
    return SKY_OK;
}

#define NAV_APPEND(nav, arr, n, cap, item)                                                   \
    do {                                                                                     \
        if (!(nav) || !(item))                                                               \
            return SKY_E_ARG;                                                                \
        void *tmp_ = (nav)->arr;                                                             \
        sky_status_t st_ = grow((nav)->ctx, &tmp_, (nav)->n, &(nav)->cap, sizeof *(item));   \
        (nav)->arr = tmp_;                                                                   \
        if (st_ != SKY_OK)                                                                   \
            return st_;                                                                      \
        (nav)->arr[(nav)->n++] = *(item);                                                    \
    } while (0)

sky_status_t sky_nav_add_keph(sky_nav_t *nav, const sky_keph_t *e)
{
    NAV_APPEND(nav, keph, nkeph, cap_keph, e);
    return SKY_OK;
}

sky_status_t sky_nav_add_geph(sky_nav_t *nav, const sky_geph_t *e)
{
    NAV_APPEND(nav, geph, ngeph, cap_geph, e);
    if (e->sat.prn <= SKY_PRN_MAX && e->fcn >= GLO_FCN_MIN && e->fcn <= GLO_FCN_MAX)
        nav->glo_fcn[e->sat.prn] = (int8_t)e->fcn;
    return SKY_OK;
}

sky_status_t sky_nav_add_seph(sky_nav_t *nav, const sky_seph_t *e)
{
    NAV_APPEND(nav, seph, nseph, cap_seph, e);
    return SKY_OK;
}

sky_status_t sky_nav_add_timecorr(sky_nav_t *nav, const sky_timecorr_t *c)
{
    NAV_APPEND(nav, tcorr, ntcorr, cap_tcorr, c);
    return SKY_OK;
}

sky_status_t sky_nav_add_eop(sky_nav_t *nav, const sky_eop_t *e)
{
    NAV_APPEND(nav, eop, neop, cap_eop, e);
    return SKY_OK;
}

static int cmp_int(long long a, long long b)
{
    return (a > b) - (a < b);
}

static int cmp_key(sky_sat_t sat_a, sky_sat_t sat_b, sky_time_t ta, sky_time_t tb)
{
    int c = cmp_int(sky_sat_index(sat_a), sky_sat_index(sat_b));
    return c ? c : sky_time_cmp(ta, tb);
}

/* Order: satellite index, toe, type, iode, transmission time (the last only for a stable,
 * reproducible order among duplicates). */
static int cmp_keph(const void *pa, const void *pb)
{
    const sky_keph_t *a = pa;
    const sky_keph_t *b = pb;
    int c = cmp_key(a->sat, b->sat, a->toe, b->toe);
    if (!c)
        c = cmp_int(a->type, b->type);
    if (!c)
        c = cmp_int(a->iode, b->iode);
    return c ? c : sky_time_cmp(a->ttr, b->ttr);
}

static int cmp_geph(const void *pa, const void *pb)
{
    const sky_geph_t *a = pa;
    const sky_geph_t *b = pb;
    int c = cmp_key(a->sat, b->sat, a->toe, b->toe);
    if (!c)
        c = cmp_int(a->iode, b->iode);
    return c ? c : sky_time_cmp(a->tof, b->tof);
}

static int cmp_seph(const void *pa, const void *pb)
{
    const sky_seph_t *a = pa;
    const sky_seph_t *b = pb;
    int c = cmp_key(a->sat, b->sat, a->t0, b->t0);
    if (!c)
        c = cmp_int(a->iodn, b->iodn);
    return c ? c : sky_time_cmp(a->tof, b->tof);
}

static bool keph_dup(const sky_keph_t *a, const sky_keph_t *b)
{
    return sky_sat_eq(a->sat, b->sat) && a->type == b->type && sky_time_cmp(a->toe, b->toe) == 0 &&
           a->iode == b->iode;
}

static bool geph_dup(const sky_geph_t *a, const sky_geph_t *b)
{
    return sky_sat_eq(a->sat, b->sat) && sky_time_cmp(a->toe, b->toe) == 0 && a->iode == b->iode;
}

static bool seph_dup(const sky_seph_t *a, const sky_seph_t *b)
{
    return sky_sat_eq(a->sat, b->sat) && sky_time_cmp(a->t0, b->t0) == 0 && a->iodn == b->iodn;
}

/* After sorting, duplicates are adjacent: keep the first of each run. */
#define NAV_UNIQUE(arr, n, is_dup)                                                           \
    do {                                                                                     \
        size_t out_ = 0;                                                                     \
        for (size_t i_ = 0; i_ < (n); i_++) {                                                \
            if (out_ > 0 && is_dup(&(arr)[out_ - 1], &(arr)[i_]))                            \
                continue;                                                                    \
            if (out_ != i_)                                                                  \
                (arr)[out_] = (arr)[i_];                                                     \
            out_++;                                                                          \
        }                                                                                    \
        (n) = out_;                                                                          \
    } while (0)

void sky_nav_sort(sky_nav_t *nav)
{
    if (!nav)
        return;
    if (nav->nkeph > 1) {
        qsort(nav->keph, nav->nkeph, sizeof *nav->keph, cmp_keph);
        NAV_UNIQUE(nav->keph, nav->nkeph, keph_dup);
    }
    if (nav->ngeph > 1) {
        qsort(nav->geph, nav->ngeph, sizeof *nav->geph, cmp_geph);
        NAV_UNIQUE(nav->geph, nav->ngeph, geph_dup);
    }
    if (nav->nseph > 1) {
        qsort(nav->seph, nav->nseph, sizeof *nav->seph, cmp_seph);
        NAV_UNIQUE(nav->seph, nav->nseph, seph_dup);
    }
}

/* First position in [0, n) of a sorted array whose satellite index is >= index. */
#define NAV_LOWER_BOUND(arr, n, index, result)                                               \
    do {                                                                                     \
        size_t lo_ = 0, hi_ = (n);                                                           \
        while (lo_ < hi_) {                                                                  \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                                             \
            if (sky_sat_index((arr)[mid_].sat) < (index))                                    \
                lo_ = mid_ + 1;                                                              \
            else                                                                             \
                hi_ = mid_;                                                                  \
        }                                                                                    \
        (result) = lo_;                                                                      \
    } while (0)

void sky_nav_keph_range(const sky_nav_t *nav, sky_sat_t sat, size_t *first, size_t *end)
{
    size_t lo = 0;
    size_t hi = 0;
    int idx = sky_sat_index(sat);
    if (nav && nav->keph && idx >= 0) {
        NAV_LOWER_BOUND(nav->keph, nav->nkeph, idx, lo);
        NAV_LOWER_BOUND(nav->keph, nav->nkeph, idx + 1, hi);
    }
    if (first)
        *first = lo;
    if (end)
        *end = hi;
}

void sky_nav_geph_range(const sky_nav_t *nav, sky_sat_t sat, size_t *first, size_t *end)
{
    size_t lo = 0;
    size_t hi = 0;
    int idx = sky_sat_index(sat);
    if (nav && nav->geph && idx >= 0) {
        NAV_LOWER_BOUND(nav->geph, nav->ngeph, idx, lo);
        NAV_LOWER_BOUND(nav->geph, nav->ngeph, idx + 1, hi);
    }
    if (first)
        *first = lo;
    if (end)
        *end = hi;
}
