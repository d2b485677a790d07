/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix info: SP3 precise orbit files: version, agency, span, interval, satellites. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "info.h"

static void count_sys(const sky_sp3_t *sp3, int nsys[SKY_SYS_COUNT])
{
    memset(nsys, 0, sizeof(int) * SKY_SYS_COUNT);
    for (size_t i = 0; i < sp3->nsat; i++)
        if (sp3->sats[i].sys < SKY_SYS_COUNT)
            nsys[sp3->sats[i].sys]++;
}

/* Satellites with a position in the last epoch (a cut file leaves it short or empty). */
static size_t last_epoch_positions(const sky_sp3_t *sp3)
{
    size_t n = 0;
    for (size_t i = 0; sp3->nepoch > 0 && i < sp3->nsat; i++)
        n += isfinite(sky_sp3_rec(sp3, sp3->nepoch - 1, i)->pos_m[0]);
    return n;
}

static void print_text(const char *path, const sky_sp3_t *sp3)
{
    char a[48] = "-", b[48] = "-", d[48] = "-";
    if (sp3->nepoch) {
        sky_info_time_text(sp3->epochs[0], a, sizeof a);
        sky_info_time_text(sp3->epochs[sp3->nepoch - 1], b, sizeof b);
        sky_info_duration_text(sky_time_diff_s(sp3->epochs[sp3->nepoch - 1], sp3->epochs[0]), d,
                               sizeof d);
    }
    printf("file        %s\n", path);
    printf("type        SP3-%c precise orbit (%s), %s, frame %s, agency %s\n", sp3->version,
           sp3->pv_flag == 'V' ? "positions and velocities" : "positions", sp3->orbit_type,
           sp3->coord_sys, sp3->agency);
    printf("span        %s -> %s GPST (%s)\n", a, b, d);
    printf("interval    %g s\n", sp3->interval_s);
    printf("epochs      %zu (header announces %d)\n", sp3->nepoch, sp3->nepoch_header);
    int nsys[SKY_SYS_COUNT];
    count_sys(sp3, nsys);
    printf("satellites ");
    for (int s = 1; s < SKY_SYS_COUNT; s++)
        if (nsys[s])
            printf(" %c %d,", sky_sys_char((sky_sys_t)s), nsys[s]);
    printf(" %zu in all\n", sp3->nsat);
    if (!sp3->complete)
        printf("warning     no EOF line: the file may be cut; the last epoch has %zu of %zu "
               "positions\n", last_epoch_positions(sp3), sp3->nsat);
    printf("\n");
}

static void print_json(const char *path, const sky_sp3_t *sp3, const char *msg)
{
    printf("  {\"file\": ");
    sky_json_str(stdout, path);
    printf(", \"type\": \"sp3\", \"version\": \"%c\", \"agency\": ", sp3->version ? sp3->version : '?');
    sky_json_str(stdout, sp3->agency);
    printf(", \"coord_sys\": ");
    sky_json_str(stdout, sp3->coord_sys);
    printf(", \"epochs\": %zu, \"complete\": %s, \"last_epoch_positions\": %zu, \"interval_s\": ",
           sp3->nepoch, sp3->complete ? "true" : "false", last_epoch_positions(sp3));
    sky_json_num(stdout, sp3->interval_s);
    printf(", \"first_epoch\": ");
    if (sp3->nepoch)
        sky_json_time(stdout, sp3->epochs[0]);
    else
        printf("null");
    printf(", \"last_epoch\": ");
    if (sp3->nepoch)
        sky_json_time(stdout, sp3->epochs[sp3->nepoch - 1]);
    else
        printf("null");
    printf(", \"satellites\": [");
    for (size_t i = 0; i < sp3->nsat; i++) {
        char id[4];
        sky_sat_format(sp3->sats[i], id);
        printf("%s\"%s\"", i ? ", " : "", id);
    }
    printf("]");
    if (msg[0]) {
        printf(", \"error\": ");
        sky_json_str(stdout, msg);
    }
    printf("}");
}

int sky_info_sp3(const sky_ctx_t *ctx, const char *path, bool json)
{
    sky_sp3_t sp3;
    sky_sp3_init(&sp3, ctx);
    sky_error_t err;
    sky_error_clear(&err);
    char msg[1024] = "";
    int rc = 0;
    if (sky_sp3_read_file(&sp3, path, &err) != SKY_OK) {
        sky_cli_print_error("info", &err);
        sky_error_format(&err, msg, sizeof msg);
        rc = 1;
    }
    if (json)
        print_json(path, &sp3, msg);
    else if (rc == 0)
        print_text(path, &sp3);
    sky_sp3_free(&sp3);
    return rc;
}
