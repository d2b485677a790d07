/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: state shared by the RINEX navigation reader's header and record parts.
 * References:
 *  [1] RINEX 2.11 (2007-12-10) Tables A3-A4, A10-A12; RINEX 2.12 (2009-06-23)
 *  [2] RINEX 3.05 (2020-12-01) §6, Tables A6-A17
 *  [3] RINEX 4.00 (2021-12-01) §5, Tables A20-A37 */
#ifndef SKY_IO_RINEX_NAV_INT_H
#define SKY_IO_RINEX_NAV_INT_H

#include "io/linesrc.h"
#include "skyfix/nav.h"
#include "skyfix/time.h"

#define SKY__NAV_MAXLINES 10                               /* GPS CNV2, BDS CNV1/CNV2 [3] */
#define SKY__NAV_MAXVALS (3 + 4 * (SKY__NAV_MAXLINES - 1)) /* 3 on the first line, 4 after */
#define SKY__NAV_UNKNOWN_VALUE 0.9e9 /* RINEX writes 0.999999999999e+09 for "unknown" [2] §6.9 */

/* The reader: one per file. */
typedef struct {
    sky_nav_t *nav;
    sky__linesrc_t *src;
    sky_error_t *err;
    const sky_leap_table_t *leaps;
    double version;
    int major;             /* 2, 3 or 4 */
    sky_sys_t file_sys;    /* RINEX 2: system of every record; else SKY_SYS_NONE */
    const char *line;      /* current line */
    size_t len;
    unsigned iono_seen;    /* bit per header iono line (alpha/beta of each system) */
} sky__navrd_t;

/* One record's lines, parsed into numbers (NaN = blank field). */
typedef struct {
    sky_sat_t sat;
    sky_civil_t epoch;          /* as printed, in the record's own time scale */
    uint8_t type;               /* sky_nav_type_t */
    int nlines;                 /* lines read */
    double v[SKY__NAV_MAXVALS];
    long lineno[SKY__NAV_MAXLINES];
    char text[SKY__NAV_MAXLINES][SKY_ERROR_TEXT_MAX];
    const char *const *names;   /* field name of each value, for messages */
    bool bad_value;             /* a field held something that is not a number */
} sky__navrec_t;

/* Error at a record line: sets err (file, line, field, message) and the line text. */
sky_status_t sky__nav_fail(sky__navrd_t *r, sky_status_t code, const sky__navrec_t *rec,
                           int value_index, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Error at the current line. */
sky_status_t sky__nav_fail_line(sky__navrd_t *r, sky_status_t code, const char *field,
                                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Next line into r->line; SKY_EOF at the end. */
sky_status_t sky__nav_next_line(sky__navrd_t *r);
bool sky__nav_line_blank(const char *line, size_t len);

/* Record body (rinex_nav_rec.c): the current line is the first line of a record of
 * sys; read and store it. v4_msg is the RINEX 4 message type ("" for RINEX 2/3). */
sky_status_t sky__nav_read_eph(sky__navrd_t *r, sky_sys_t sys, const char *v4_msg);
/* Is there a layout for this system and RINEX 4 message type ("" = RINEX 2/3)? */
bool sky__nav_eph_known(sky_sys_t sys, const char *v4_msg);
/* RINEX 4 STO, EOP, ION records (rinex_nav_v4.c): current line is the "> " header. */
sky_status_t sky__nav_read_v4_record(sky__navrd_t *r);

/* Shared record helpers (rinex_nav_rec.c). */
sky_status_t sky__nav_parse_epoch_v3(sky__navrd_t *r, sky_civil_t *c);
sky_status_t sky__nav_read_lines(sky__navrd_t *r, sky__navrec_t *rec, int nlines,
                                 int first_col, int cont_col);
sky_status_t sky__nav_need(sky__navrd_t *r, const sky__navrec_t *rec, int idx, double *out);
sky_status_t sky__nav_need_int(sky__navrd_t *r, const sky__navrec_t *rec, int idx, long lo,
                               long hi, int *out);
double sky__nav_opt(const sky__navrec_t *rec, int idx, double dflt);
sky_status_t sky__nav_civil_time(sky__navrd_t *r, const sky__navrec_t *rec, sky_timesys_t ts,
                                 sky_time_t *gpst);
sky_timesys_t sky__nav_sys_timesys(sky_sys_t sys);

#endif
