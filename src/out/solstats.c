/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: error statistics of solutions against a known reference position (ENU errors,
 * RMS, mean, nearest-rank percentiles, maxima, availability, mean satellites and DOP).
 * References:
 *  [1] NIMA TR8350.2 3rd ed. (2000-01-03) (WGS 84; local ENU frame at the reference)
 *  [2] Hyndman, R. J., Fan, Y., "Sample quantiles in statistical packages", The American
 *      Statistician 50(4) (1996) 361-365, Definition 1 (inverse of the empirical CDF:
 *      the k-th smallest with k = ceil(p N)), here called nearest rank
 *  [3] US DoD GPS SPS Performance Standard, 5th ed. (2020-04) §3.4 (95th percentile
 *      horizontal and vertical position error, availability) */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/coord.h"
#include "skyfix/out.h"

#define MIN_REF_RADIUS_M 1000.0 /* a reference closer to the geocentre is not a position */

struct sky_solstats {
    const sky_ctx_t *ctx;
    double ref_ecef_m[3];
    double ref_llh[3];   /* rad, rad, m */
    double *enu_m;       /* 3 per solution */
    size_t n, cap;
    long epochs;
    long by_quality[8];
    double sum_nsat;
    double sum_pdop, sum_hdop;
    long n_pdop, n_hdop;
};

sky_status_t sky_solstats_new(const sky_ctx_t *ctx, const double ref_ecef_m[3],
                              sky_solstats_t **out, sky_error_t *err)
{
    if (!out || !ref_ecef_m)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found NULL argument, expected one");
    *out = NULL;
    double r2 = 0.0;
    for (int i = 0; i < 3; i++) {
        if (!isfinite(ref_ecef_m[i]))
            return sky_error_set(err, SKY_E_ARG, "", 0, "reference",
                                 "found a non-finite coordinate, expected ECEF metres");
        r2 += ref_ecef_m[i] * ref_ecef_m[i];
    }
    if (sqrt(r2) < MIN_REF_RADIUS_M)
        return sky_error_set(err, SKY_E_ARG, "", 0, "reference",
                             "found %.1f m from the geocentre, expected a position on Earth",
                             sqrt(r2));
    sky_solstats_t *st = sky_calloc(ctx, 1, sizeof *st);
    if (!st)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory, expected %zu bytes",
                             sizeof *st);
    st->ctx = ctx;
    memcpy(st->ref_ecef_m, ref_ecef_m, sizeof st->ref_ecef_m);
    sky_ecef_to_geod(ref_ecef_m, st->ref_llh);
    *out = st;
    return SKY_OK;
}

void sky_solstats_delete(sky_solstats_t *st)
{
    if (!st)
        return;
    sky_free(st->ctx, st->enu_m);
    sky_free(st->ctx, st);
}

static sky_status_t grow(sky_solstats_t *st, sky_error_t *err)
{
    if (st->n < st->cap)
        return SKY_OK;
    size_t cap = st->cap ? st->cap * 2 : 256;
    if (cap > SIZE_MAX / (3 * sizeof(double)))
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found %zu solutions, expected fewer",
                             st->n);
    double *p = sky_realloc(st->ctx, st->enu_m, cap * 3 * sizeof(double));
    if (!p)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory for %zu errors, "
                             "expected some", cap);
    st->enu_m = p;
    st->cap = cap;
    return SKY_OK;
}

static bool finite3(const double v[3])
{
    return isfinite(v[0]) && isfinite(v[1]) && isfinite(v[2]);
}

sky_status_t sky_solstats_add(sky_solstats_t *st, const sky_solution_t *sol, sky_error_t *err)
{
    if (!st || !sol)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found NULL argument, expected one");
    st->epochs++;
    if (sol->quality == SKY_SOLQ_NONE || !finite3(sol->pos_ecef_m)) {
        st->by_quality[0]++;
        return SKY_OK;
    }
    sky_status_t rc = grow(st, err);
    if (rc != SKY_OK)
        return rc;
    double d[3];
    for (int i = 0; i < 3; i++)
        d[i] = sol->pos_ecef_m[i] - st->ref_ecef_m[i];
    sky_ecef_to_enu(d, st->ref_llh, st->enu_m + 3 * st->n); /* [1] */
    st->n++;
    st->by_quality[sol->quality < 8 ? sol->quality : 0]++;
    st->sum_nsat += sol->nsat;
    if (isfinite(sol->pdop)) {
        st->sum_pdop += sol->pdop;
        st->n_pdop++;
    }
    if (isfinite(sol->hdop)) {
        st->sum_hdop += sol->hdop;
        st->n_hdop++;
    }
    return SKY_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted[0..n) [2]: k = ceil(p n / 100), value sorted[k-1]. */
static double percentile_sorted(const double *sorted, size_t n, unsigned pct)
{
    size_t k = (pct * n + 99) / 100;
    if (k < 1)
        k = 1;
    return sorted[k - 1];
}

static void fill_sums(const sky_solstats_t *st, sky_solstats_result_t *r)
{
    double sum[3] = {0, 0, 0};
    double sq[3] = {0, 0, 0};
    double sum_h = 0.0;
    double sum_3d = 0.0;
    for (size_t i = 0; i < st->n; i++) {
        const double *e = st->enu_m + 3 * i;
        for (int k = 0; k < 3; k++) {
            sum[k] += e[k];
            sq[k] += e[k] * e[k];
        }
        sum_h += hypot(e[0], e[1]);
        sum_3d += sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
    }
    double n = (double)st->n;
    for (int k = 0; k < 3; k++) {
        r->mean_enu_m[k] = sum[k] / n;
        r->rms_enu_m[k] = sqrt(sq[k] / n);
    }
    r->rms_h_m = sqrt((sq[0] + sq[1]) / n);
    r->rms_v_m = r->rms_enu_m[2];
    r->rms_3d_m = sqrt((sq[0] + sq[1] + sq[2]) / n);
    r->mean_h_m = sum_h / n;
    r->mean_3d_m = sum_3d / n;
    r->mean_nsat = st->sum_nsat / n;
    r->mean_pdop = st->n_pdop ? st->sum_pdop / (double)st->n_pdop : NAN;
    r->mean_hdop = st->n_hdop ? st->sum_hdop / (double)st->n_hdop : NAN;
}

static sky_status_t fill_percentiles(const sky_solstats_t *st, sky_solstats_result_t *r,
                                     sky_error_t *err)
{
    size_t n = st->n;
    double *a = sky_malloc(st->ctx, 3 * n * sizeof(double));
    if (!a)
        return sky_error_set(err, SKY_E_NOMEM, "", 0, "", "found no memory to sort %zu errors, "
                             "expected some", n);
    double *h = a, *v = a + n, *d3 = a + 2 * n;
    for (size_t i = 0; i < n; i++) {
        const double *e = st->enu_m + 3 * i;
        h[i] = hypot(e[0], e[1]);
        v[i] = fabs(e[2]);
        d3[i] = sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
    }
    qsort(h, n, sizeof *h, cmp_double);
    qsort(v, n, sizeof *v, cmp_double);
    qsort(d3, n, sizeof *d3, cmp_double);
    r->p50_h_m = percentile_sorted(h, n, 50);
    r->p95_h_m = percentile_sorted(h, n, 95);
    r->p95_v_m = percentile_sorted(v, n, 95);
    r->p95_3d_m = percentile_sorted(d3, n, 95);
    r->max_h_m = h[n - 1];
    r->max_v_m = v[n - 1];
    r->max_3d_m = d3[n - 1];
    sky_free(st->ctx, a);
    return SKY_OK;
}

static void fill_nan(sky_solstats_result_t *r)
{
    double *const fields[] = {&r->mean_enu_m[0], &r->mean_enu_m[1], &r->mean_enu_m[2],
                              &r->rms_enu_m[0],  &r->rms_enu_m[1],  &r->rms_enu_m[2],
                              &r->rms_h_m,       &r->rms_v_m,       &r->rms_3d_m,
                              &r->mean_h_m,      &r->mean_3d_m,     &r->p50_h_m,
                              &r->p95_h_m,       &r->p95_v_m,       &r->p95_3d_m,
                              &r->max_h_m,       &r->max_v_m,       &r->max_3d_m,
                              &r->mean_nsat,     &r->mean_pdop,     &r->mean_hdop};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        *fields[i] = NAN;
}

sky_status_t sky_solstats_get(const sky_solstats_t *st, sky_solstats_result_t *res,
                              sky_error_t *err)
{
    if (!st || !res)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found NULL argument, expected one");
    memset(res, 0, sizeof *res);
    fill_nan(res);
    res->epochs = st->epochs;
    res->solutions = (long)st->n;
    memcpy(res->count_by_quality, st->by_quality, sizeof res->count_by_quality);
    res->availability = st->epochs ? (double)st->n / (double)st->epochs : NAN;
    if (st->n == 0)
        return SKY_OK;
    fill_sums(st, res);
    return fill_percentiles(st, res, err);
}
