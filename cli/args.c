/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix command: option value parsers shared by the subcommands. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "skyfix/time.h"

int sky_cli_usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "skyfix %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(skyfix %s --help describes the options)\n", cmd);
    return 2;
}

bool sky_cli_parse_long(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!end || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool sky_cli_parse_real(const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (!end || end == s || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool sky_cli_parse_triple(const char *s, double v[3])
{
    char buf[128];
    size_t n = strlen(s);
    if (n >= sizeof buf)
        return false;
    memcpy(buf, s, n + 1);
    char *p = buf;
    for (int i = 0; i < 3; i++) {
        char *comma = strchr(p, ',');
        if ((i < 2) != (comma != NULL))
            return false;
        if (comma)
            *comma = '\0';
        if (!sky_cli_parse_real(p, &v[i]))
            return false;
        p = comma ? comma + 1 : p;
    }
    return true;
}

bool sky_cli_parse_time(const char *s, sky_time_t *t)
{
    long f[5];
    const char seps[5] = {'-', '-', ' ', ':', ':'};
    const char *p = s;
    for (int i = 0; i < 5; i++) {
        char *end = NULL;
        f[i] = strtol(p, &end, 10);
        if (!end || end == p || (*end != seps[i] && !(i == 2 && *end == 'T')))
            return false;
        if (f[i] < 0 || f[i] > 9999)
            return false;
        p = end + 1;
    }
    double sec;
    if (!sky_cli_parse_real(p, &sec) || sec < 0.0 || sec >= 60.0 || f[1] < 1 || f[1] > 12 ||
        f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[0] < 1980)
        return false;
    sky_civil_t c = {(int)f[0], (int)f[1], (int)f[2], (int)f[3], (int)f[4], sec};
    return sky_time_from_civil(&c, t) == SKY_OK;
}
