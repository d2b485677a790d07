/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix solve: small dense linear algebra (Cholesky) and the chi-square quantile for RAIM.
 * References:
 *  [1] Golub & Van Loan, Matrix Computations, 4th ed. (2013) §4.2.5 (Cholesky algorithm)
 *  [2] Abramowitz & Stegun, Handbook of Mathematical Functions (1964) 26.4.4-26.4.5
 *      (chi-square upper tail probability for odd and even degrees of freedom) */
#include <math.h>

#include "solve/spp_int.h"

/* Lower Cholesky factor L (N = L L^T) in the lower triangle of n_mat, row-major ([1] §4.2.5). */
static sky_status_t chol_factor(double *a, int n)
{
    for (int j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (int k = 0; k < j; k++)
            d -= a[j * n + k] * a[j * n + k];
        if (!(d > 0.0) || !isfinite(d))
            return SKY_E_RANGE;
        double ljj = sqrt(d);
        a[j * n + j] = ljj;
        for (int i = j + 1; i < n; i++) {
            double s = a[i * n + j];
            for (int k = 0; k < j; k++)
                s -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = s / ljj;
        }
    }
    return SKY_OK;
}

/* Solve L L^T x = b with the factor in the lower triangle; x overwrites b. */
static void chol_substitute(const double *a, double *b, int n)
{
    for (int i = 0; i < n; i++) {
        double s = b[i];
        for (int k = 0; k < i; k++)
            s -= a[i * n + k] * b[k];
        b[i] = s / a[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
        double s = b[i];
        for (int k = i + 1; k < n; k++)
            s -= a[k * n + i] * b[k];
        b[i] = s / a[i * n + i];
    }
}

sky_status_t sky__chol_solve(double *n_mat, double *b, int n)
{
    sky_status_t st = chol_factor(n_mat, n);
    if (st != SKY_OK)
        return st;
    chol_substitute(n_mat, b, n);
    return SKY_OK;
}

sky_status_t sky__chol_inverse(double *n_mat, int n)
{
    if (n <= 0 || n > SKY__SPP_MAXX)
        return SKY_E_ARG;
    double fac[SKY__SPP_MAXX * SKY__SPP_MAXX];
    for (int i = 0; i < n * n; i++)
        fac[i] = n_mat[i];
    sky_status_t st = chol_factor(fac, n);
    if (st != SKY_OK)
        return st;
    for (int c = 0; c < n; c++) {
        double col[SKY__SPP_MAXX];
        for (int i = 0; i < n; i++)
            col[i] = i == c ? 1.0 : 0.0;
        chol_substitute(fac, col, n);
        for (int i = 0; i < n; i++)
            n_mat[i * n + c] = col[i];
    }
    return SKY_OK;
}

/* Upper tail probability Q(x | dof) of the chi-square distribution, closed forms of [2]
 * 26.4.4 (odd dof: erfc plus a finite series) and 26.4.5 (even dof: Poisson sum). */
static double chi2_upper_tail(double x, int dof)
{
    if (x <= 0.0)
        return 1.0;
    double chi = sqrt(x), sum = 0.0, term;
    if (dof % 2 == 0) {
        term = 1.0;
        for (int r = 0; r < dof / 2; r++) {
            sum += term;
            term *= x / 2.0 / (r + 1);
        }
        return exp(-x / 2.0) * sum;
    }
    const double sqrt_2pi = 2.5066282746310002;
    double pdf = exp(-x / 2.0) / sqrt_2pi; /* Z(chi) */
    term = chi;                            /* chi^(2r-1) / (1*3*...*(2r-1)), r = 1 */
    for (int r = 1; r <= (dof - 1) / 2; r++) {
        sum += term;
        term *= x / (2.0 * r + 1.0);
    }
    return erfc(chi / sqrt(2.0)) + 2.0 * pdf * sum;
}

double sky__chi2_quantile(int dof, double alpha)
{
    if (dof <= 0 || dof > 1000 || !(alpha > 0.0) || alpha >= 0.5)
        return NAN;
    double lo = 0.0, hi = 10.0 * dof + 100.0; /* Q(hi) < 1e-20 for alpha well above */
    for (int it = 0; it < 200 && hi - lo > 1e-9 * hi; it++) {
        double mid = 0.5 * (lo + hi);
        if (chi2_upper_tail(mid, dof) > alpha)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}
