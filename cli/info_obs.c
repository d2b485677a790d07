/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix info: observation files, streamed epoch by epoch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "info.h"

static double nominal_interval_s(const sky_info_obs_t *s)
{
    double best = NAN;
    long best_n = 0;
    for (int i = 0; i < SKY_INFO_MAXDT; i++)
        if (s->dt_n[i] > best_n) {
            best_n = s->dt_n[i];
            best = s->dt_s[i];
        }
    return best;
}

static void note_step(sky_info_obs_t *s, double dt)
{
    for (int i = 0; i < SKY_INFO_MAXDT; i++) {
        if (s->dt_n[i] && fabs(s->dt_s[i] - dt) < 1e-3) {
            s->dt_n[i]++;
            return;
        }
        if (!s->dt_n[i]) {
            s->dt_s[i] = dt;
            s->dt_n[i] = 1;
            return;
        }
    }
}

/* A gap is a step longer than 1.5 nominal intervals (the most frequent step, docs/info.md). */
static void note_gap(sky_info_obs_t *s, sky_time_t prev, sky_time_t now, double dt)
{
    double step = nominal_interval_s(s);
    if (!(isfinite(step) && step > 0) || dt <= 1.5 * step)
        return;
    if (s->ngaps < SKY_INFO_MAXGAPS) {
        s->gaps[s->ngaps].start = prev;
        s->gaps[s->ngaps].end = now;
    }
    s->ngaps++;
}

/* The first SKY_INFO_WARMUP steps are held until the interval is known (a gap in the first
 * step would otherwise set the interval it is measured against). */
static void flush_held(sky_info_obs_t *s)
{
    long n = s->nsteps < SKY_INFO_WARMUP ? s->nsteps : SKY_INFO_WARMUP;
    for (long i = 0; i < n; i++)
        note_gap(s, s->held[i].start, s->held[i].end,
                 sky_time_diff_s(s->held[i].end, s->held[i].start));
}

static void note_interval(sky_info_obs_t *s, sky_time_t prev, sky_time_t now, double dt)
{
    note_step(s, dt);
    if (s->nsteps < SKY_INFO_WARMUP)
        s->held[s->nsteps] = (sky_info_gap_t){prev, now};
    else
        note_gap(s, prev, now, dt);
    if (++s->nsteps == SKY_INFO_WARMUP)
        flush_held(s);
}

static void note_epoch(sky_info_obs_t *s, const sky_obs_header_t *hdr, const sky_obs_epoch_t *e)
{
    if (e->flag >= 0 && e->flag <= 6)
        s->flag_count[e->flag]++;
    if (e->flag != SKY_EPOCH_OK && e->flag != SKY_EPOCH_POWER_FAILURE &&
        e->flag != SKY_EPOCH_CYCLE_SLIP)
        return;
    if (e->flag == SKY_EPOCH_CYCLE_SLIP)
        return; /* slip records repeat an epoch already counted */
    if (s->have_time) {
        double dt = sky_time_diff_s(e->time, s->last);
        if (dt > 0)
            note_interval(s, s->last, e->time, dt);
    } else {
        s->first = e->time;
        s->have_time = true;
    }
    if (sky_time_cmp(e->time, s->last) > 0 || s->epochs == 0)
        s->last = e->time;
    s->epochs++;
    for (int k = 0; k < e->nsat; k++) {
        const sky_obs_sat_t *os = &e->sat[k];
        int idx = sky_sat_index(os->sat);
        if (idx < 0)
            continue;
        s->sat_epochs[idx]++;
        s->sys_sat_epochs[os->sat.sys]++;
        int nt = hdr->ntypes[os->sat.sys];
        for (int j = 0; j < os->nval && j < nt; j++)
            if (!isnan(e->val[os->off + j])) {
                s->sig_count[os->sat.sys][j]++;
                s->obs_values++;
            }
    }
}

static int gather(const sky_ctx_t *ctx, const char *path, sky_info_obs_t *s, char *msg,
                  size_t msg_cap)
{
    sky_error_t err;
    sky_error_clear(&err);
    sky_obs_reader_t *r;
    if (sky_obs_open(ctx, path, &r, &err) != SKY_OK) {
        sky_cli_print_error("info", &err);
        sky_error_format(&err, msg, msg_cap);
        return -1; /* no header: nothing to summarise */
    }
    sky_cli_progress_t bar;
    sky_cli_progress_begin(&bar, path);
    sky_obs_epoch_t e;
    sky_status_t rc;
    while ((rc = sky_obs_next(r, &e, &err)) == SKY_OK) {
        note_epoch(s, sky_obs_reader_header(r), &e);
        if (bar.active && (s->epochs & 255) == 0) {
            uint64_t done, total;
            sky_obs_reader_progress(r, &done, &total);
            sky_cli_progress_update(&bar, done, total);
        }
    }
    sky_cli_progress_end(&bar);
    if (s->nsteps < SKY_INFO_WARMUP)
        flush_held(s);
    s->hdr = *sky_obs_reader_header(r);
    sky_obs_close(r);
    if (rc != SKY_EOF) {
        sky_cli_print_error("info", &err);
        sky_error_format(&err, msg, msg_cap);
        return 1;
    }
    return 0;
}

static void print_position(const sky_obs_header_t *h)
{
    if (!isfinite(h->approx_pos_ecef_m[0]))
        return;
    double llh[3];
    sky_ecef_to_geod(h->approx_pos_ecef_m, llh);
    printf("position    %.4f %.4f %.4f m (ECEF, header)\n", h->approx_pos_ecef_m[0],
           h->approx_pos_ecef_m[1], h->approx_pos_ecef_m[2]);
    printf("            %.8f %c  %.8f %c  %.4f m (WGS-84 latitude, longitude, height)\n",
           fabs(llh[0] * SKY_RAD2DEG), llh[0] >= 0 ? 'N' : 'S', fabs(llh[1] * SKY_RAD2DEG),
           llh[1] >= 0 ? 'E' : 'W', llh[2]);
    if (isfinite(h->ant_delta_hen_m[0]))
        printf("ant. delta  H %.4f E %.4f N %.4f m\n", h->ant_delta_hen_m[0],
               h->ant_delta_hen_m[1], h->ant_delta_hen_m[2]);
}

static void print_span(const sky_info_obs_t *s)
{
    char a[48], b[48], d[48];
    if (!s->have_time) {
        printf("span        no epochs\n");
        return;
    }
    sky_info_time_text(s->first, a, sizeof a);
    sky_info_time_text(s->last, b, sizeof b);
    sky_info_duration_text(sky_time_diff_s(s->last, s->first), d, sizeof d);
    printf("span        %s -> %s GPST (%s)\n", a, b, d);
    double nominal = nominal_interval_s(s);
    printf("interval    ");
    if (isfinite(nominal))
        printf("%g s", nominal);
    else
        printf("-");
    if (isfinite(s->hdr.interval_s))
        printf(" (header %g s)", s->hdr.interval_s);
    printf("\n");
}

static void print_epochs(const sky_info_obs_t *s)
{
    printf("epochs      %ld", s->epochs);
    static const char *names[7] = {"ok", "power failure", "moving antenna", "new site",
                                   "header info", "external event", "cycle slip"};
    int any = 0;
    for (int f = 1; f <= 6; f++)
        if (s->flag_count[f]) {
            printf("%s%ld %s", any ? ", " : " (events: ", s->flag_count[f], names[f]);
            any = 1;
        }
    printf("%s\n", any ? ")" : "");
    printf("gaps        %ld", s->ngaps);
    for (long g = 0; g < s->ngaps && g < SKY_INFO_MAXGAPS; g++) {
        char a[48], d[48];
        sky_info_time_text(s->gaps[g].start, a, sizeof a);
        sky_info_duration_text(sky_time_diff_s(s->gaps[g].end, s->gaps[g].start), d, sizeof d);
        printf("%s%s (+%s)", g ? ", " : ": after ", a, d);
    }
    printf("%s\n", s->ngaps > SKY_INFO_MAXGAPS ? ", ..." : "");
}

static int sats_of(const sky_info_obs_t *s, int sys)
{
    int n = 0;
    for (int prn = 1; prn <= SKY_PRN_MAX; prn++) {
        sky_sat_t sat = {(uint8_t)sys, (uint8_t)prn};
        n += s->sat_epochs[sky_sat_index(sat)] > 0;
    }
    return n;
}

static void print_sats_and_signals(const sky_info_obs_t *s)
{
    int total = 0;
    printf("satellites ");
    for (int sys = 1; sys < SKY_SYS_COUNT; sys++) {
        int n = sats_of(s, sys);
        if (n)
            printf(" %c %d,", sky_sys_char((sky_sys_t)sys), n);
        total += n;
    }
    printf(" %d in all\n", total);
    for (int sys = 1; sys < SKY_SYS_COUNT; sys++) {
        if (!s->hdr.ntypes[sys] || !s->sys_sat_epochs[sys])
            continue;
        printf("signals %c  ", sky_sys_char((sky_sys_t)sys));
        for (int j = 0; j < s->hdr.ntypes[sys]; j++) {
            double pct = 100.0 * (double)s->sig_count[sys][j] / (double)s->sys_sat_epochs[sys];
            printf("%s%s %.1f%%", j ? ", " : "", s->hdr.types[sys][j].text, pct);
        }
        printf("\n");
    }
}

static void print_text(const char *path, const sky_info_obs_t *s)
{
    const sky_obs_header_t *h = &s->hdr;
    printf("file        %s\n", path);
    printf("type        RINEX %.2f observation (%c)", h->version, h->file_sys);
    if (h->crx)
        printf(", Hatanaka-compressed (CRX %.1f)", h->crx_version);
    printf("\n");
    printf("station     %s%s%s\n", h->marker_name[0] ? h->marker_name : "-",
           h->marker_number[0] ? "  #" : "", h->marker_number);
    printf("receiver    %s %s (#%s)\n", h->rec_type, h->rec_version, h->rec_number);
    printf("antenna     %s (#%s)\n", h->ant_type, h->ant_number);
    print_position(h);
    print_span(s);
    print_epochs(s);
    print_sats_and_signals(s);
    printf("\n");
}

static void json_header(const char *path, const sky_info_obs_t *s)
{
    const sky_obs_header_t *h = &s->hdr;
    printf("  {\"file\": ");
    sky_json_str(stdout, path);
    printf(", \"type\": \"observation\", \"version\": %.2f, \"crx\": %s, \"crx_version\": ",
           h->version, h->crx ? "true" : "false");
    sky_json_num(stdout, h->crx ? h->crx_version : NAN);
    printf(", \"system\": \"%c\",\n", h->file_sys);
    printf("   \"marker\": ");
    sky_json_str(stdout, h->marker_name);
    printf(", \"marker_number\": ");
    sky_json_str(stdout, h->marker_number);
    printf(", \"receiver\": {\"type\": ");
    sky_json_str(stdout, h->rec_type);
    printf(", \"version\": ");
    sky_json_str(stdout, h->rec_version);
    printf(", \"number\": ");
    sky_json_str(stdout, h->rec_number);
    printf("}, \"antenna\": {\"type\": ");
    sky_json_str(stdout, h->ant_type);
    printf(", \"number\": ");
    sky_json_str(stdout, h->ant_number);
    printf("},\n   \"approx_position_ecef_m\": ");
    if (isfinite(h->approx_pos_ecef_m[0])) {
        double llh[3];
        sky_ecef_to_geod(h->approx_pos_ecef_m, llh);
        printf("[%.4f, %.4f, %.4f], \"approx_position_llh\": [%.9f, %.9f, %.4f]",
               h->approx_pos_ecef_m[0], h->approx_pos_ecef_m[1], h->approx_pos_ecef_m[2],
               llh[0] * SKY_RAD2DEG, llh[1] * SKY_RAD2DEG, llh[2]);
    } else {
        printf("null, \"approx_position_llh\": null");
    }
    printf(",\n");
}

static void json_span(const sky_info_obs_t *s)
{
    printf("   \"first_epoch\": ");
    if (s->have_time)
        sky_json_time(stdout, s->first);
    else
        printf("null");
    printf(", \"last_epoch\": ");
    if (s->have_time)
        sky_json_time(stdout, s->last);
    else
        printf("null");
    printf(", \"time_system\": \"GPST\", \"duration_s\": ");
    sky_json_num(stdout, s->have_time ? sky_time_diff_s(s->last, s->first) : 0);
    printf(", \"interval_s\": ");
    sky_json_num(stdout, nominal_interval_s(s));
    printf(", \"header_interval_s\": ");
    sky_json_num(stdout, s->hdr.interval_s);
    printf(",\n   \"epochs\": %ld, \"event_epochs\": {\"power_failure\": %ld, "
           "\"moving_antenna\": %ld, \"new_site\": %ld, \"header_info\": %ld, "
           "\"external_event\": %ld, \"cycle_slip\": %ld},\n",
           s->epochs, s->flag_count[1], s->flag_count[2], s->flag_count[3], s->flag_count[4],
           s->flag_count[5], s->flag_count[6]);
    printf("   \"gaps\": %ld, \"gap_list\": [", s->ngaps);
    for (long g = 0; g < s->ngaps && g < SKY_INFO_MAXGAPS; g++) {
        printf("%s{\"after\": ", g ? ", " : "");
        sky_json_time(stdout, s->gaps[g].start);
        printf(", \"resumes\": ");
        sky_json_time(stdout, s->gaps[g].end);
        printf("}");
    }
    printf("],\n");
}

static void json_sats(const sky_info_obs_t *s)
{
    printf("   \"satellites\": {");
    int first = 1;
    for (int sys = 1; sys < SKY_SYS_COUNT; sys++) {
        if (!sats_of(s, sys))
            continue;
        printf("%s\"%c\": {", first ? "" : ", ", sky_sys_char((sky_sys_t)sys));
        first = 0;
        int firstsat = 1;
        for (int prn = 1; prn <= SKY_PRN_MAX; prn++) {
            sky_sat_t sat = {(uint8_t)sys, (uint8_t)prn};
            long n = s->sat_epochs[sky_sat_index(sat)];
            if (!n)
                continue;
            char id[4];
            sky_sat_format(sat, id);
            printf("%s\"%s\": %ld", firstsat ? "" : ", ", id, n);
            firstsat = 0;
        }
        printf("}");
    }
    printf("},\n   \"signals\": {");
    first = 1;
    for (int sys = 1; sys < SKY_SYS_COUNT; sys++) {
        if (!s->hdr.ntypes[sys])
            continue;
        printf("%s\"%c\": {", first ? "" : ", ", sky_sys_char((sky_sys_t)sys));
        first = 0;
        for (int j = 0; j < s->hdr.ntypes[sys]; j++)
            printf("%s\"%s\": {\"count\": %ld, \"fraction\": %.6f}", j ? ", " : "",
                   s->hdr.types[sys][j].text, s->sig_count[sys][j],
                   s->sys_sat_epochs[sys]
                       ? (double)s->sig_count[sys][j] / (double)s->sys_sat_epochs[sys]
                       : 0.0);
        printf("}");
    }
    printf("}");
}

int sky_info_obs(const sky_ctx_t *ctx, const char *path, bool json)
{
    sky_info_obs_t *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "skyfix info: out of memory\n");
        return 1;
    }
    char msg[1024] = "";
    int rc = gather(ctx, path, s, msg, sizeof msg);
    if (rc < 0) {
        if (json) {
            printf("  {\"file\": ");
            sky_json_str(stdout, path);
            printf(", \"type\": \"observation\", \"error\": ");
            sky_json_str(stdout, msg);
            printf("}");
        }
        free(s);
        return 1;
    }
    if (json) {
        json_header(path, s);
        json_span(s);
        json_sats(s);
        if (rc) {
            printf(", \"error\": ");
            sky_json_str(stdout, msg);
        }
        printf("}");
    } else {
        print_text(path, s);
    }
    free(s);
    return rc;
}
