/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: one position/velocity/time solution (the value the solvers give to the writers). */
#ifndef SKYFIX_SOLUTION_H
#define SKYFIX_SOLUTION_H

#include "skyfix/common.h"
#include "skyfix/sat.h"
#include "skyfix/time.h"

SKY_BEGIN_DECLS

/* Quality flag, numbered as in RTKLIB .pos files (Q column). */
typedef enum {
    SKY_SOLQ_NONE = 0,
    SKY_SOLQ_FIX = 1,
    SKY_SOLQ_FLOAT = 2,
    SKY_SOLQ_SBAS = 3,
    SKY_SOLQ_DGPS = 4,
    SKY_SOLQ_SINGLE = 5,
    SKY_SOLQ_PPP = 6
} sky_solq_t;

#define SKY_SOL_MAXSAT 128

/* Per-satellite detail of a solution (for NMEA GSV/GSA and reports). */
typedef struct {
    sky_sat_t sat;
    double az_rad, el_rad;
    double snr_dbhz;       /* NaN if unknown */
    double resid_m;        /* post-fit pseudorange residual */
    bool used;
} sky_solsat_t;

typedef struct {
    sky_time_t time;               /* GPST of the epoch (receiver time corrected) */
    uint8_t quality;               /* sky_solq_t */
    int nsat;                      /* satellites used */
    double pos_ecef_m[3];
    double vel_ecef_mps[3];        /* NaN if no velocity */
    double cov_pos_m2[6];          /* xx yy zz xy yz zx (ECEF) */
    double cov_vel_m2ps2[6];
    double clk_bias_m[SKY_SYS_COUNT]; /* receiver clock per system (GPS ref + ISB), m; NaN unused */
    double clk_drift_mps;
    double gdop, pdop, hdop, vdop, tdop;
    double age_s;                  /* differential age, 0 for SPP */
    double ratio;                  /* AR ratio, 0 for SPP */
    int nsat_view;
    sky_solsat_t sats[SKY_SOL_MAXSAT];
    char reason[64];               /* why a solution is NONE or flagged, "" if fine */
} sky_solution_t;

SKY_END_DECLS
#endif
