/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix info: dispatch by content, and the small text/JSON helpers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "info.h"

int sky_info_file(const sky_ctx_t *ctx, const char *path, bool json)
{
    sky_error_t err;
    sky_error_clear(&err);
    sky_file_kind_t kind;
    double version;
    sky_status_t rc = sky_file_detect(ctx, path, &kind, &version, &err);
    if (rc != SKY_OK) {
        sky_cli_print_error("info", &err);
        if (json) {
            char buf[1024];
            sky_error_format(&err, buf, sizeof buf);
            fputs("  {\"file\": ", stdout);
            sky_json_str(stdout, path);
            fputs(", \"error\": ", stdout);
            sky_json_str(stdout, buf);
            fputs("}", stdout);
        }
        return 1;
    }
    if (kind == SKY_FILE_RINEX_OBS)
        return sky_info_obs(ctx, path, json);
    if (kind == SKY_FILE_RINEX_NAV)
        return sky_info_nav(ctx, path, json);
    if (kind == SKY_FILE_SP3)
        return sky_info_sp3(ctx, path, json);
    fprintf(stderr, "skyfix info: %s: not a RINEX observation/navigation or SP3 file (%s)\n", path,
            kind == SKY_FILE_SP3 ? "SP3" : kind == SKY_FILE_RINEX_CLK ? "RINEX clock"
            : kind == SKY_FILE_IONEX ? "IONEX" : kind == SKY_FILE_ANTEX ? "ANTEX"
            : kind == SKY_FILE_RINEX_MET ? "RINEX meteo" : "unknown content");
    if (json) {
        fputs("  {\"file\": ", stdout);
        sky_json_str(stdout, path);
        fputs(", \"error\": \"unsupported file type\"}", stdout);
    }
    return 1;
}

void sky_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void sky_json_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.10g", v);
    else
        fputs("null", f);
}

void sky_info_time_text(sky_time_t t, char *buf, size_t n)
{
    sky_civil_t c;
    sky_time_to_civil(t, &c);
    double whole = floor(c.sec + 1e-9);
    double frac = c.sec - whole;
    if (frac > 1e-6)
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%010.7f", c.year, c.month, c.day, c.hour,
                 c.min, c.sec);
    else
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02.0f", c.year, c.month, c.day, c.hour,
                 c.min, whole);
}

void sky_json_time(FILE *f, sky_time_t t)
{
    char buf[48];
    sky_info_time_text(t, buf, sizeof buf);
    sky_json_str(f, buf);
}

void sky_info_duration_text(double s, char *buf, size_t n)
{
    long total = (long)floor(s + 0.5);
    long d = total / 86400, h = total % 86400 / 3600, m = total % 3600 / 60, sec = total % 60;
    if (d > 0)
        snprintf(buf, n, "%ld d %ld h %ld min %ld s", d, h, m, sec);
    else if (h > 0)
        snprintf(buf, n, "%ld h %ld min %ld s", h, m, sec);
    else
        snprintf(buf, n, "%ld min %ld s", m, sec);
}
