/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: tell what a GNSS text file is (RINEX obs/nav/met/clock, SP3, IONEX, ANTEX) from
 * its first line(s), through any compression, without decoding Hatanaka.
 * References:
 *  [1] RINEX 2.11 (2007-12-10) Tables A1, A3, A5 (RINEX VERSION / TYPE: F9.2,11X,A1,19X,A1)
 *  [2] RINEX 3.05 (2020-12-01) Table A1; RINEX 4.00 (2021-12-01) Table A1
 *  [3] RINEX Clock 3.04 (2017) Table A1; [4] IONEX 1.0 (1998) §A; [5] ANTEX 1.4 (2010)
 *  [6] SP3-d (2016-02-21) §3.1 (first line "#d"); [7] Hatanaka, CRX "CRINEX VERS / TYPE" */
#include <math.h>
#include <string.h>

#include "io/field.h"
#include "io/linesrc.h"
#include "skyfix/rinex.h"

#define DETECT_MAX_LINES 8 /* blank lines, CRINEX VERS, CRINEX PROG / DATE, RINEX VERSION / TYPE */

/* The file type character of RINEX VERSION / TYPE (column 21, or 22 in clock 3.04 [3]). */
static sky_file_kind_t rinex_kind(const char *line, size_t len)
{
    char t = len > 20 ? line[20] : ' ';
    if (t == ' ' && len > 21)
        t = line[21];
    switch (t) {
    case 'O': return SKY_FILE_RINEX_OBS;
    case 'N': case 'G': case 'H': case 'L': case 'E': case 'B': return SKY_FILE_RINEX_NAV;
    case 'M': return SKY_FILE_RINEX_MET;
    case 'C': return SKY_FILE_RINEX_CLK;
    default: return SKY_FILE_UNKNOWN;
    }
}

static double version_field(const char *line, size_t len, size_t width)
{
    double v;
    return sky__field_double(line, len, 0, width, &v) == SKY__FIELD_OK ? v : NAN;
}

/* One line: SKY_OK with *kind set, or SKY_EOF to ask for the next line (CRX preamble). */
static sky_status_t classify(const char *line, size_t len, sky_file_kind_t *kind,
                             double *version)
{
    size_t nonblank = 0;
    while (nonblank < len && (line[nonblank] == ' ' || line[nonblank] == '\t'))
        nonblank++;
    if (nonblank == len)
        return SKY_EOF; /* blank lines before the first record are tolerated by the readers */
    if (sky__rinex_label_is(line, len, "CRINEX VERS") ||
        sky__rinex_label_is(line, len, "CRINEX PROG"))
        return SKY_EOF; /* the RINEX VERSION / TYPE line follows [7] */
    if (sky__rinex_label_is(line, len, "RINEX VERSION / TYPE")) {
        *kind = rinex_kind(line, len);
        *version = version_field(line, len, 9);
    } else if (sky__rinex_label_is(line, len, "IONEX VERSION / TYPE")) {
        *kind = SKY_FILE_IONEX;
        *version = version_field(line, len, 8);
    } else if (sky__rinex_label_is(line, len, "ANTEX VERSION / SYST")) {
        *kind = SKY_FILE_ANTEX;
        *version = version_field(line, len, 8);
    } else if (len >= 3 && line[0] == '#' && line[1] >= 'a' && line[1] <= 'd' &&
               (line[2] == 'P' || line[2] == 'V')) {
        *kind = SKY_FILE_SP3; /* [6]: "#dP" or "#dV"; version a=1 .. d=4 */
        *version = line[1] - 'a' + 1;
    }
    return SKY_OK;
}

sky_status_t sky_file_detect(const sky_ctx_t *ctx, const char *path, sky_file_kind_t *kind,
                             double *version, sky_error_t *err)
{
    sky_file_kind_t k = SKY_FILE_UNKNOWN;
    double v = NAN;
    sky__linesrc_t *src = NULL;
    sky_status_t st = path ? sky__linesrc_open_file(ctx, path, &src, err)
                           : sky_error_set(err, SKY_E_ARG, "", 0, "", "found no path");
    for (int i = 0; st == SKY_OK && i < DETECT_MAX_LINES; i++) {
        const char *line;
        size_t len;
        st = src->next(src, &line, &len, err);
        if (st == SKY_OK && classify(line, len, &k, &v) == SKY_OK)
            break;
    }
    sky__linesrc_close(src);
    if (st == SKY_EOF)
        st = SKY_OK; /* empty or short input: unknown */
    if (kind)
        *kind = st == SKY_OK ? k : SKY_FILE_UNKNOWN;
    if (version)
        *version = st == SKY_OK ? v : NAN;
    return st;
}
