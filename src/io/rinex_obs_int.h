/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: RINEX observation reader state shared by the header and epoch parsers.
 * References:
 *  [1] RINEX 2.11 (2007-12-10) §5, Table A1-A3; RINEX 2.12 (2009)
 *  [2] RINEX 3.05 (2020-12-01) §5, Tables A1-A3
 *  [3] RINEX 4.00 (2021-12-01) Tables A1-A3 */
#ifndef SKY_IO_RINEX_OBS_INT_H
#define SKY_IO_RINEX_OBS_INT_H

#include "io/linesrc.h"
#include "skyfix/rinex.h"

#define SKY__OBS_MAX_SAT_EPOCH 999   /* I3 field of the epoch record [1] Table A3, [2] Table A3 */
#define SKY__OBS_V2_PER_LINE 5       /* RINEX 2 observations per 80-column line [1] Table A3 */
#define SKY__OBS_V2_SAT_PER_LINE 12  /* RINEX 2 satellites per epoch line [1] Table A3 */
#define SKY__OBS_FIELD_W 16          /* F14.3 + LLI + SSI [1], [2] Table A3 */

/* Civil time as read from TIME OF FIRST/LAST OBS before the file time system is known. */
typedef struct {
    bool present;
    bool has_sys;
    sky_timesys_t sys;
    sky_civil_t civil;
    long line;
} sky__obs_hdr_time_t;

/* SYS / SCALE FACTOR record, resolved against the type lists at the end of the header. */
typedef struct {
    uint8_t sys;    /* sky_sys_t */
    char code[4];   /* "" = every type of the system */
    int factor;     /* 1, 10, 100, 1000 */
} sky__obs_scale_rec_t;

#define SKY__OBS_MAX_SCALE_REC (SKY_SYS_COUNT * SKY_OBS_MAXTYPES)

typedef struct {
    /* continuation state of multi-line header records */
    int v2_types_left;           /* types still to come for # / TYPES OF OBSERV */
    int v3_types_sys;            /* system of the SYS / # / OBS TYPES being continued */
    int v3_types_left;
    int scale_sys, scale_left, scale_factor;
    int nscale;
    sky__obs_scale_rec_t scale_rec[SKY__OBS_MAX_SCALE_REC];
    int glo_slots_left;
    sky__obs_hdr_time_t first, last;
    bool have_version;
} sky__obs_hdr_state_t;

struct sky_obs_reader {
    const sky_ctx_t *ctx;
    sky__linesrc_t *src;
    sky_obs_header_t hdr;
    sky__obs_hdr_state_t hs;
    const sky_leap_table_t *leaps;
    double scale[SKY_SYS_COUNT][SKY_OBS_MAXTYPES]; /* divide values by this [2] SYS / SCALE FACTOR */
    int max_types;                                 /* largest ntypes over systems */
    /* epoch buffers, grown as needed and reused */
    sky_obs_sat_t *sat;
    double *val;
    uint8_t *lli, *ssi;
    size_t sat_cap, val_cap;
    sky_time_t last_time;
    bool have_last_time;
    sky_status_t failed; /* first error returned by sky_obs_next; repeated after that */
};

typedef struct sky_obs_reader sky__obs_reader_t;

/* Apply one header line (label in columns 61-80) to r->hdr. Used for the header and for
 * the special records of epoch flags 2..5. Returns SKY_OK, or an error naming the field. */
sky_status_t sky__obs_header_line(sky__obs_reader_t *r, const char *line, size_t len,
                                  sky_error_t *err);
/* After END OF HEADER (and after special records): defaults, time system, first/last obs. */
sky_status_t sky__obs_header_finish(sky__obs_reader_t *r, sky_error_t *err);
/* Observation code from 3 characters ("C1C"), or 2 and a blank (RINEX 3.00/3.01 "C1 "). */
sky_status_t sky__obs_code_make(const char *s3, sky_obs_code_t *code);
/* Record an error at the current line ("found ..., expected ...") with the line text attached.
 * line may be NULL. Returns code. */
sky_status_t sky__obs_fail(const sky__obs_reader_t *r, sky_error_t *err, sky_status_t code,
                           const char *field, const char *line, size_t len, const char *fmt,
                           ...) __attribute__((format(printf, 7, 8)));

#endif
