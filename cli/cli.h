/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix command: subcommand table and shared helpers for printing errors and progress. */
#ifndef SKY_CLI_H
#define SKY_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "skyfix/error.h"
#include "skyfix/time.h"

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv); /* argv[0] is the subcommand name */
    const char *help;
} sky_cli_cmd_t;

int sky_cmd_info(int argc, char **argv);
int sky_cmd_convert(int argc, char **argv);
int sky_cmd_spp(int argc, char **argv);
int sky_cmd_simulate(int argc, char **argv);

/* Option values (cli/args.c). A usage error prints "skyfix CMD: " + fmt (with arg) and a
 * pointer to --help, and returns 2. */
int sky_cli_usage_error(const char *cmd, const char *fmt, const char *arg);
bool sky_cli_parse_long(const char *s, long lo, long hi, long *out);
bool sky_cli_parse_real(const char *s, double *out); /* finite, whole string */
bool sky_cli_parse_triple(const char *s, double v[3]); /* "A,B,C" */
/* "YYYY-MM-DD HH:MM:SS[.fff]" (or with 'T') in GPST. */
bool sky_cli_parse_time(const char *s, sky_time_t *t);

/* Print an error record compiler-style to stderr, with the offending line echoed. */
void sky_cli_print_error(const char *cmd, const sky_error_t *err);

/* Progress bar on stderr, shown only when stderr is a terminal. */
typedef struct {
    bool active;
    const char *label;
    int last_permille;
} sky_cli_progress_t;
void sky_cli_progress_begin(sky_cli_progress_t *p, const char *label);
void sky_cli_progress_update(sky_cli_progress_t *p, uint64_t done, uint64_t total);
void sky_cli_progress_end(sky_cli_progress_t *p);

/* Write to path atomically: open a temporary beside it, rename on commit. "-" = stdout. */
typedef struct {
    FILE *f;
    char *path;
    char *tmp;
} sky_cli_out_t;
int sky_cli_out_open(sky_cli_out_t *o, const char *path);
int sky_cli_out_commit(sky_cli_out_t *o); /* 0 on success; on failure removes the temp */
void sky_cli_out_abort(sky_cli_out_t *o);

#endif
