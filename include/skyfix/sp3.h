/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: SP3 precise orbit and clock files (versions a, c, d), read whole into memory, and
 * their interpolation to any instant.
 * References:
 *  [1] Remondi, B. "NGS Second Generation ASCII and Binary Orbit Formats" (SP3-a), 1989
 *  [2] Hilla, S. "The Extended Standard Product 3 Orbit Format (SP3-c)", NGS, 2010-02-12
 *  [3] Hilla, S. "The Extended Standard Product 3 Orbit Format (SP3-d)", IGS, 2016-02-21
 *  [4] Schenewerk, M. "A brief review of basic GPS orbit interpolation strategies",
 *      GPS Solutions 6 (2003) 265-267 (Lagrange interpolation of SP3 positions) */
#ifndef SKYFIX_SP3_H
#define SKYFIX_SP3_H

#include "skyfix/common.h"
#include "skyfix/ctx.h"
#include "skyfix/error.h"
#include "skyfix/orbit.h"
#include "skyfix/sat.h"
#include "skyfix/time.h"

SKY_BEGIN_DECLS

/* One satellite at one epoch. Missing values (blank, 0.000000 position or 999999.999999
 * clock, [2] §"Position and clock record") are NaN. */
typedef struct {
    double pos_m[3];        /* ECEF of the file's coordinate system, m (file: km) */
    double clk_s;           /* s (file: microseconds) */
    double vel_mps[3];      /* m/s (file: dm/s); NaN without V records */
    double clk_rate_sps;    /* s/s (file: 1e-4 microseconds/s); NaN without V records */
    uint8_t flags;          /* SKY_SP3_FLAG_* from columns 75-80 of the P record ([2]) */
} sky_sp3_rec_t;

#define SKY_SP3_FLAG_CLK_EVENT 0x1  /* 'E' column 75 */
#define SKY_SP3_FLAG_CLK_PRED 0x2   /* 'P' column 76 */
#define SKY_SP3_FLAG_MANEUVER 0x4   /* 'M' column 79 */
#define SKY_SP3_FLAG_ORB_PRED 0x8   /* 'P' column 80 */

typedef struct {
    const sky_ctx_t *ctx;
    char version;           /* 'a', 'c' or 'd' (SP3-b files read as 'c') */
    char pv_flag;           /* 'P' positions only, 'V' positions and velocities */
    char file_type;         /* 'G','R','E','C','J','I','L','M' from the %c line; 'G' in SP3-a */
    sky_timesys_t time_sys; /* of the epoch lines; GPS in SP3-a */
    char data_used[6], coord_sys[6], orbit_type[4], agency[5];
    int nepoch_header;      /* number of epochs the first line announces */
    double interval_s;      /* epoch interval from the second line */
    double base_pos, base_clk; /* %f line: bases of the accuracy exponents (0 if absent) */
    sky_sat_t *sats;        /* satellites listed in the header, in file order */
    int *acc_exp;           /* their accuracy exponents (++ lines), 0 = unknown */
    size_t nsat;
    sky_time_t *epochs;     /* GPST, in file order (strictly increasing) */
    size_t nepoch, cap_epoch;
    sky_sp3_rec_t *recs;    /* nepoch x nsat, epoch-major */
    bool complete;          /* the closing EOF line was read (else the file may be cut) */
} sky_sp3_t;

SKY_API void sky_sp3_init(sky_sp3_t *sp3, const sky_ctx_t *ctx);
SKY_API void sky_sp3_free(sky_sp3_t *sp3);
/* Read a whole SP3 file (plain or compressed). The struct must be freshly initialised.
 * Errors name the file, line and field; more than 2^23 satellite-epochs give SKY_E_RANGE.
 * A missing EOF line is accepted (records not read stay NaN). */
SKY_API sky_status_t sky_sp3_read_file(sky_sp3_t *sp3, const char *path, sky_error_t *err);
SKY_API sky_status_t sky_sp3_read_memory(sky_sp3_t *sp3, const void *buf, size_t len,
                                         const char *name, sky_error_t *err);
/* Column of a satellite in the header list, -1 if absent. */
SKY_API int sky_sp3_sat_index(const sky_sp3_t *sp3, sky_sat_t sat);
/* Record of header column isat at epoch iepoch. */
SKY_API const sky_sp3_rec_t *sky_sp3_rec(const sky_sp3_t *sp3, size_t iepoch, size_t isat);

/* Precise state at GPST t (src/orbit/precise.c): position by Lagrange interpolation over
 * SKY_SP3_INTERP_POINTS epochs around t in an Earth-fixed-at-t frame ([4]), velocity from
 * the derivative of the same polynomial, clock by linear interpolation between the two
 * epochs that bracket t. out->clk_s is NaN when a bracketing clock is missing.
 * SKY_E_NOTFOUND: satellite absent; SKY_E_NODATA: t outside the data or a gap. */
#define SKY_SP3_INTERP_POINTS 10
SKY_API sky_status_t sky_sp3_interp(const sky_sp3_t *sp3, sky_sat_t sat, sky_time_t t,
                                    sky_satstate_t *out);

SKY_END_DECLS
#endif
