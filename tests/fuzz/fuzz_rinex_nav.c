/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target: the RINEX navigation reader over arbitrary bytes, with the invariants every
 * stored record must keep (no made-up or non-finite numbers).
 * References: [1] RINEX 2.11 (2007-12-10); [2] RINEX 3.05 (2020-12-01); [3] RINEX 4.00. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "skyfix/rinex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int time_ok(sky_time_t t)
{
    return isfinite(t.frac_s) && t.frac_s >= 0.0 && t.frac_s < 1.0;
}

static void check_keph(const sky_keph_t *e)
{
    if (!(e->sqrt_a > 0.0 && e->e >= 0.0 && e->e < 1.0) || !isfinite(e->m0_rad) ||
        !time_ok(e->toe) || !time_ok(e->toc) || !time_ok(e->ttr) || e->sat.prn < 1 ||
        e->sat.prn > SKY_PRN_MAX || e->type >= SKY_NAV_TYPE_COUNT)
        __builtin_trap();
}

static void check_geph(const sky_geph_t *g)
{
    if (g->fcn < -7 || g->fcn > 13 || !time_ok(g->toe) || !time_ok(g->tof) ||
        !isfinite(g->pos_m[0]) || !isfinite(g->taun_s) || g->sat.prn < 1 ||
        g->sat.prn > SKY_PRN_MAX)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_nav_t nav;
    sky_nav_init(&nav, &ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_status_t st = sky_nav_read_memory(&nav, data, size, "fuzz", &err);
    if (st != SKY_OK && (err.code == SKY_OK || err.msg[0] == '\0'))
        __builtin_trap(); /* every failure must say what and where */
    for (size_t i = 0; i < nav.nkeph; i++)
        check_keph(&nav.keph[i]);
    for (size_t i = 0; i < nav.ngeph; i++)
        check_geph(&nav.geph[i]);
    for (size_t i = 0; i < nav.nseph; i++)
        if (!time_ok(nav.seph[i].t0) || !time_ok(nav.seph[i].tof))
            __builtin_trap();
    sky_nav_free(&nav);
    return 0;
}
