/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix solve: internal pieces of the single point solver (signals, linear algebra, velocity).
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.2 (group delay), §20.3.3.3.3.3 (iono-free)
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.5 (BGD)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.10 (TGD1/TGD2)
 *  [4] Kaplan & Hegarty, Understanding GPS/GNSS, 3rd ed. (2017) §7.3.1 (DOP), §11.2 (least
 *      squares)
 *  [5] Hatch, R., "The synergism of GPS code and carrier measurements", 3rd Int. Geodetic
 *      Symposium on Satellite Doppler Positioning (1982) 1213-1231 (carrier smoothing) */
#ifndef SKY_SOLVE_SPP_INT_H
#define SKY_SOLVE_SPP_INT_H

#include "skyfix/obs.h"
#include "skyfix/orbit.h"
#include "skyfix/spp.h"

/* Unknowns: x, y, z and one receiver clock per system present (QZSS shares GPS's), kept apart
 * for single-frequency and iono-free ranges of a system (their receiver code biases differ):
 * clock key = system, + SKY__SPP_IFKEY for iono-free. */
#define SKY__SPP_IFKEY SKY_SYS_COUNT
#define SKY__SPP_NCLKKEY (2 * SKY_SYS_COUNT)
#define SKY__SPP_MAXX (3 + SKY__SPP_NCLKKEY)
#define SKY__SPP_MAXMEAS SKY_SOL_MAXSAT

#define SKY__SPP_MAXCAND 6

/* One candidate code signal: column index into the satellite's values, band and attribute. */
typedef struct {
    int index;
    char band, attr;
} sky__sigcand_t;

/* The code signals a system may use, in order of preference: the first candidate with a value
 * wins, per satellite and epoch. Doppler and C/N0 columns belong to each primary candidate. */
typedef struct {
    sky__sigcand_t code[2][SKY__SPP_MAXCAND]; /* primary band, secondary bands */
    int ncode[2];
    int doppler[SKY__SPP_MAXCAND], snr[SKY__SPP_MAXCAND]; /* of each primary candidate, -1 none */
    int phase[2][SKY__SPP_MAXCAND]; /* carrier phase of each code candidate's band, -1 none */
    sky__sigcand_t phase2[SKY__SPP_MAXCAND]; /* secondary-band phases (for single frequency) */
    int nphase2;
} sky__sigsel_t;

/* Per-satellite working record of one epoch. */
typedef struct {
    sky_sat_t sat;
    sky_satstate_t st;
    double code_m[2];   /* pseudoranges on the two bands (NaN if absent) */
    char band[2], attr[2]; /* their signals (band 0 if none) */
    double freq_hz[2];
    double doppler_hz;  /* on the primary band, NaN if absent */
    double snr_dbhz;
    double c1w_m;       /* GPS C1W beside a C1C primary code, NaN if absent */
    double phase_cyc[2]; /* carrier phases of the two bands (NaN if absent) */
    char pband[2], pattr[2]; /* their signals */
    uint8_t lli[2];     /* their loss-of-lock indicators */
    int nsmooth;        /* epochs in the carrier smoothing filter of obs_m (0: raw code) */
    double obs_m;       /* the range used (single or iono-free), group delay corrected */
    bool iflc;          /* obs_m is the iono-free combination */
    int clk_key;        /* receiver clock key: system (QZSS mapped to GPS) + IFKEY if iflc */
    double az_rad, el_rad;
    double resid_m, var_m2;
    bool atm_ok;        /* iono_m/trop_m below hold for the receiver at atm_pos_m */
    double atm_pos_m[3];
    double iono_m, var_iono_m2, trop_m, var_trop_m2;
    bool valid;         /* has orbit and a usable range */
    bool excluded;      /* by RAIM */
    bool used;          /* in the final solution */
} sky__sppsat_t;

/* Carrier smoothing filter of one satellite ([5] Hatch; divergence-free / iono-free), and its
 * P1-C1 code bias estimate. */
typedef struct {
    sky_time_t time;    /* last update */
    double code_m;      /* smoothed code */
    double phase_m;     /* last smoothing phase combination */
    double gf_m;        /* last geometry-free phase L1 - L2 (NaN with one phase) */
    double doppler_hz;  /* last Doppler when smoothing with integrated Doppler (no phase) */
    double p1c1_sum_m;  /* sum of C1W - C1C (GPS P1-C1 code bias, opts.p1c1_from_c1w) */
    double p1c1_sum2_m2; /* sum of its squares */
    int p1c1_n;         /* its count */
    uint32_t sig;       /* signals and combination the filter belongs to */
    int n;              /* epochs in the filter, 0 = empty */
} sky__smooth_t;

/* The solver handle: options, navigation store and the workspace allocated once. */
struct sky_spp {
    const sky_ctx_t *ctx;
    const sky_nav_t *nav;
    sky_spp_opts_t opts;
    sky__sppsat_t *sats;  /* [SKY__SPP_MAXMEAS] */
    int nsat;
    double *h;            /* design matrix [SKY__SPP_MAXMEAS][SKY__SPP_MAXX] */
    double *v, *var;      /* residuals and variances per row */
    int rowsat[SKY__SPP_MAXMEAS]; /* satellite of each row */
    double pos_m[3];            /* estimate: ECEF position */
    double clk_m[SKY__SPP_NCLKKEY]; /* estimate: receiver clock per clock key, m */
    double cov[SKY__SPP_MAXX * SKY__SPP_MAXX]; /* of the last fit, columns as clk_col */
    double b[SKY__SPP_MAXX];                   /* right-hand side of the last normal equations */
    int clk_col[SKY__SPP_NCLKKEY]; /* column of each clock key, -1 if absent */
    int nx, nv;                 /* unknowns, measurement rows of the last fit */
    double ssr;                 /* weighted sum of squared residuals of the last fit */
    sky__smooth_t *smooth;      /* [SKY_NSAT] carrier smoothing state per satellite */
    double interval_s;          /* observation interval: smallest epoch step seen (or header) */
    bool have_epoch, reset_smooth;
    sky_time_t last_epoch;
    bool have_prev;
    sky_time_t prev_time;
    double prev_pos_m[3];
};

/* Least squares with RAIM fault detection and exclusion over spp->sats, starting at
 * x0 (ECEF, m); fills pos_m, clk_m, cov, clk_col, nx, nv, ssr. reason gets a short text on
 * failure. */
sky_status_t sky__spp_fit(sky_spp_t *spp, sky_time_t t, const double x0[3], char *reason,
                          size_t reason_len);
/* DOPs in local ENU from the used satellites' az/el ([4] §7.3.1). */
void sky__spp_dops(const sky__sppsat_t *sats, int nsat, sky_solution_t *sol);

/* Choose the signals of system sys from the header's type list. mode: sky_freq_mode_t. */
void sky__spp_select_signals(const sky_obs_header_t *hdr, sky_sys_t sys, int mode,
                             sky__sigsel_t *sel);

/* Solve the symmetric positive definite n x n system N x = b in place by Cholesky
 * (N overwritten by its factor, x in b). SKY_E_RANGE if not positive definite. */
sky_status_t sky__chol_solve(double *n_mat, double *b, int n);
/* Inverse of a symmetric positive definite n x n matrix (n <= SKY__SPP_MAXX) in place. */
sky_status_t sky__chol_inverse(double *n_mat, int n);
/* Upper alpha-quantile of the chi-square distribution with dof degrees of freedom. */
double sky__chi2_quantile(int dof, double alpha);

/* Carrier smoothing of s->obs_m with the phase combination of the same ionosphere (Hatch
 * filter; divergence-free or iono-free); resets on slips, gaps and signal changes. */
void sky__spp_smooth(sky_spp_t *spp, sky_time_t t, sky__sppsat_t *s);
/* Learn the observation interval and reset the filters on a power failure flag. */
void sky__spp_smooth_epoch(sky_spp_t *spp, const sky_obs_header_t *hdr,
                           const sky_obs_epoch_t *ep);

/* Velocity and clock drift from Doppler over the used satellites ([4] §11.2). */
sky_status_t sky__spp_velocity(sky__sppsat_t *sats, int nsat, sky_solution_t *sol);

#endif
