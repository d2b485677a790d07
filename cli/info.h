/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix info: summaries of observation and navigation files. */
#ifndef SKY_CLI_INFO_H
#define SKY_CLI_INFO_H

#include <stdbool.h>
#include <stdio.h>

#include "skyfix/skyfix.h"

#define SKY_INFO_MAXGAPS 20
#define SKY_INFO_MAXDT 8
#define SKY_INFO_WARMUP 32 /* steps held back until the nominal interval is known */

typedef struct {
    sky_time_t start, end; /* last epoch before the gap, first epoch after it */
} sky_info_gap_t;

/* What `skyfix info` gathers while streaming an observation file. */
typedef struct {
    sky_obs_header_t hdr;
    long epochs;                 /* epoch records with flag 0 or 1 */
    long flag_count[7];          /* records per epoch flag */
    bool have_time;
    sky_time_t first, last;
    double dt_s[SKY_INFO_MAXDT]; /* distinct epoch steps seen and how often */
    long dt_n[SKY_INFO_MAXDT];
    long nsteps;                 /* steps between epochs seen */
    sky_info_gap_t held[SKY_INFO_WARMUP]; /* the first steps, judged once the interval is known */
    long ngaps;
    sky_info_gap_t gaps[SKY_INFO_MAXGAPS];
    long sat_epochs[SKY_NSAT];
    long sys_sat_epochs[SKY_SYS_COUNT];
    long sig_count[SKY_SYS_COUNT][SKY_OBS_MAXTYPES];
    long obs_values;
} sky_info_obs_t;

/* Summarise one file and print it (text or one JSON object). Returns 0 or 1 (error printed). */
int sky_info_file(const sky_ctx_t *ctx, const char *path, bool json);

int sky_info_obs(const sky_ctx_t *ctx, const char *path, bool json);
int sky_info_nav(const sky_ctx_t *ctx, const char *path, bool json);
int sky_info_sp3(const sky_ctx_t *ctx, const char *path, bool json);

/* JSON helpers. */
void sky_json_str(FILE *f, const char *s);
void sky_json_num(FILE *f, double v); /* null for NaN */
void sky_json_time(FILE *f, sky_time_t t);

/* "2021-01-01 00:00:30" (GPST). */
void sky_info_time_text(sky_time_t t, char *buf, size_t n);
/* "1 d 2 h 3 min 4 s" */
void sky_info_duration_text(double s, char *buf, size_t n);

#endif
