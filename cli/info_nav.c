/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix info: navigation files: ephemerides per system and satellite, coverage, parameters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "info.h"

typedef struct {
    long n;
    sky_time_t first, last;
} coverage_t;

typedef struct {
    coverage_t sys[SKY_SYS_COUNT];
    coverage_t sat[SKY_NSAT];
    long types[SKY_NAV_TYPE_COUNT];
} nav_summary_t;

static const char *const nav_type_names[SKY_NAV_TYPE_COUNT] = {
    "unknown", "LNAV", "CNAV", "CNV2", "INAV", "FNAV", "D1", "D2",
    "CNV1", "CNV2", "CNV3", "FDMA", "SBAS"};

static void cover(coverage_t *c, sky_time_t t)
{
    if (c->n == 0 || sky_time_cmp(t, c->first) < 0)
        c->first = t;
    if (c->n == 0 || sky_time_cmp(t, c->last) > 0)
        c->last = t;
    c->n++;
}

static void note(nav_summary_t *s, sky_sat_t sat, sky_time_t toe, int type)
{
    int idx = sky_sat_index(sat);
    if (idx < 0)
        return;
    cover(&s->sys[sat.sys], toe);
    cover(&s->sat[idx], toe);
    if (type >= 0 && type < SKY_NAV_TYPE_COUNT)
        s->types[type]++;
}

static void summarise(const sky_nav_t *nav, nav_summary_t *s)
{
    for (size_t i = 0; i < nav->nkeph; i++)
        note(s, nav->keph[i].sat, nav->keph[i].toe, nav->keph[i].type);
    for (size_t i = 0; i < nav->ngeph; i++)
        note(s, nav->geph[i].sat, nav->geph[i].toe, SKY_NAV_FDMA);
    for (size_t i = 0; i < nav->nseph; i++)
        note(s, nav->seph[i].sat, nav->seph[i].t0, SKY_NAV_SBAS);
}

static int sats_in(const nav_summary_t *s, int sys)
{
    int n = 0;
    for (int prn = 1; prn <= SKY_PRN_MAX; prn++) {
        sky_sat_t sat = {(uint8_t)sys, (uint8_t)prn};
        n += s->sat[sky_sat_index(sat)].n > 0;
    }
    return n;
}

static void print_sys_text(const nav_summary_t *s, int sys)
{
    char a[48], b[48];
    const coverage_t *c = &s->sys[sys];
    sky_info_time_text(c->first, a, sizeof a);
    sky_info_time_text(c->last, b, sizeof b);
    printf("%-8s    %ld ephemerides, %d satellites, toe %s -> %s GPST\n",
           sky_sys_name((sky_sys_t)sys), c->n, sats_in(s, sys), a, b);
    printf("           ");
    int col = 0;
    for (int prn = 1; prn <= SKY_PRN_MAX; prn++) {
        sky_sat_t sat = {(uint8_t)sys, (uint8_t)prn};
        const coverage_t *k = &s->sat[sky_sat_index(sat)];
        if (!k->n)
            continue;
        char id[4];
        sky_sat_format(sat, id);
        double span_h = sky_time_diff_s(k->last, k->first) / 3600.0;
        if (col && col % 6 == 0)
            printf("\n           ");
        printf(" %s %3ld (%4.1f h)", id, k->n, span_h);
        col++;
    }
    printf("\n");
}

static void print_params_text(const sky_nav_t *nav)
{
    const sky_iono_t *io = &nav->iono;
    if (io->has_gps_klobuchar)
        printf("iono GPS    alpha %.4e %.4e %.4e %.4e  beta %.4e %.4e %.4e %.4e\n",
               io->gps_alpha[0], io->gps_alpha[1], io->gps_alpha[2], io->gps_alpha[3],
               io->gps_beta[0], io->gps_beta[1], io->gps_beta[2], io->gps_beta[3]);
    if (io->has_bds_klobuchar)
        printf("iono BDS    alpha %.4e %.4e %.4e %.4e  beta %.4e %.4e %.4e %.4e\n",
               io->bds_alpha[0], io->bds_alpha[1], io->bds_alpha[2], io->bds_alpha[3],
               io->bds_beta[0], io->bds_beta[1], io->bds_beta[2], io->bds_beta[3]);
    if (io->has_qzs_klobuchar)
        printf("iono QZS    alpha %.4e %.4e %.4e %.4e  beta %.4e %.4e %.4e %.4e\n",
               io->qzs_alpha[0], io->qzs_alpha[1], io->qzs_alpha[2], io->qzs_alpha[3],
               io->qzs_beta[0], io->qzs_beta[1], io->qzs_beta[2], io->qzs_beta[3]);
    if (io->has_gal_nequick)
        printf("iono GAL    NeQuick ai0 %.4e ai1 %.4e ai2 %.4e\n", io->gal_ai[0], io->gal_ai[1],
               io->gal_ai[2]);
    for (size_t i = 0; i < nav->ntcorr; i++)
        printf("time corr   %s a0 %.10e s a1 %.10e s/s\n", nav->tcorr[i].type, nav->tcorr[i].a0_s,
               nav->tcorr[i].a1_sps);
    if (nav->leap_s != INT32_MIN)
        printf("leap sec.   %d s\n", nav->leap_s);
    if (nav->nskipped) {
        char buf[1024];
        sky_error_format(&nav->first_skip, buf, sizeof buf);
        printf("skipped     %zu record(s) with a bad value; first: %s\n", nav->nskipped, buf);
    }
}

static void print_text(const char *path, const sky_nav_t *nav, const nav_summary_t *s)
{
    printf("file        %s\n", path);
    printf("type        RINEX %.2f navigation\n", nav->version);
    long total = 0;
    for (int t = 0; t < SKY_NAV_TYPE_COUNT; t++)
        total += s->types[t];
    printf("records     %ld ephemerides (", total);
    int first = 1;
    for (int t = 0; t < SKY_NAV_TYPE_COUNT; t++)
        if (s->types[t]) {
            printf("%s%s %ld", first ? "" : ", ", nav_type_names[t], s->types[t]);
            first = 0;
        }
    printf(")\n");
    for (int sys = 1; sys < SKY_SYS_COUNT; sys++)
        if (s->sys[sys].n)
            print_sys_text(s, sys);
    print_params_text(nav);
    printf("\n");
}

static void json_sys(const nav_summary_t *s, int sys)
{
    const coverage_t *c = &s->sys[sys];
    printf("\"%c\": {\"ephemerides\": %ld, \"satellites\": %d, \"first_toe\": ",
           sky_sys_char((sky_sys_t)sys), c->n, sats_in(s, sys));
    sky_json_time(stdout, c->first);
    printf(", \"last_toe\": ");
    sky_json_time(stdout, c->last);
    printf(", \"per_satellite\": {");
    int first = 1;
    for (int prn = 1; prn <= SKY_PRN_MAX; prn++) {
        sky_sat_t sat = {(uint8_t)sys, (uint8_t)prn};
        const coverage_t *k = &s->sat[sky_sat_index(sat)];
        if (!k->n)
            continue;
        char id[4];
        sky_sat_format(sat, id);
        printf("%s\"%s\": {\"count\": %ld, \"first_toe\": ", first ? "" : ", ", id, k->n);
        sky_json_time(stdout, k->first);
        printf(", \"last_toe\": ");
        sky_json_time(stdout, k->last);
        printf("}");
        first = 0;
    }
    printf("}}");
}

static void json_params(const sky_nav_t *nav)
{
    const sky_iono_t *io = &nav->iono;
    printf(",\n   \"iono\": {");
    const char *sep = "";
    if (io->has_gps_klobuchar) {
        printf("\"gps_alpha\": [%.6e, %.6e, %.6e, %.6e], \"gps_beta\": [%.6e, %.6e, %.6e, %.6e]",
               io->gps_alpha[0], io->gps_alpha[1], io->gps_alpha[2], io->gps_alpha[3],
               io->gps_beta[0], io->gps_beta[1], io->gps_beta[2], io->gps_beta[3]);
        sep = ", ";
    }
    if (io->has_gal_nequick)
        printf("%s\"gal_ai\": [%.6e, %.6e, %.6e]", sep, io->gal_ai[0], io->gal_ai[1],
               io->gal_ai[2]);
    printf("}, \"time_corrections\": [");
    for (size_t i = 0; i < nav->ntcorr; i++) {
        printf("%s{\"type\": ", i ? ", " : "");
        sky_json_str(stdout, nav->tcorr[i].type);
        printf(", \"a0_s\": %.12e, \"a1_sps\": %.12e}", nav->tcorr[i].a0_s, nav->tcorr[i].a1_sps);
    }
    printf("], \"skipped_records\": %zu, \"leap_seconds\": ", nav->nskipped);
    if (nav->leap_s != INT32_MIN)
        printf("%d", nav->leap_s);
    else
        printf("null");
}

static void print_json(const char *path, const sky_nav_t *nav, const nav_summary_t *s, int rc)
{
    printf("  {\"file\": ");
    sky_json_str(stdout, path);
    printf(", \"type\": \"navigation\", \"version\": %.2f,\n   \"record_types\": {", nav->version);
    int first = 1;
    for (int t = 0; t < SKY_NAV_TYPE_COUNT; t++)
        if (s->types[t]) {
            printf("%s\"%s\": %ld", first ? "" : ", ", nav_type_names[t], s->types[t]);
            first = 0;
        }
    printf("},\n   \"systems\": {");
    first = 1;
    for (int sys = 1; sys < SKY_SYS_COUNT; sys++)
        if (s->sys[sys].n) {
            printf("%s", first ? "" : ",\n     ");
            json_sys(s, sys);
            first = 0;
        }
    printf("}");
    json_params(nav);
    if (rc)
        printf(", \"error\": \"read stopped at an error (see stderr)\"");
    printf("}");
}

int sky_info_nav(const sky_ctx_t *ctx, const char *path, bool json)
{
    sky_nav_t nav;
    sky_nav_init(&nav, ctx);
    sky_error_t err;
    sky_error_clear(&err);
    int rc = 0;
    if (sky_nav_read_file(&nav, path, &err) != SKY_OK) {
        sky_cli_print_error("info", &err);
        rc = 1;
    }
    if (nav.nskipped) {
        fprintf(stderr, "skyfix info: warning: %zu record(s) skipped, the first: ", nav.nskipped);
        sky_cli_print_error("info", &nav.first_skip);
    }
    nav_summary_t *s = calloc(1, sizeof *s);
    if (!s) {
        sky_nav_free(&nav);
        return 1;
    }
    summarise(&nav, s);
    if (json)
        print_json(path, &nav, s, rc);
    else
        print_text(path, &nav, s);
    free(s);
    sky_nav_free(&nav);
    return rc;
}
