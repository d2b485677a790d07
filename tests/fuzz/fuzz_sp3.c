/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target: the SP3 reader and interpolator over arbitrary bytes. Invariants: every error
 * is described; a file that reads has strictly increasing epochs, finite-or-NaN values within
 * the reader's bounds, and interpolation gives finite states or a status.
 * References: [1] SP3-c (Hilla, 2010-02-12); [2] SP3-d (Hilla, 2016-02-21) */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "skyfix/sp3.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_records(const sky_sp3_t *sp3)
{
    for (size_t e = 0; e < sp3->nepoch; e++) {
        if (e > 0 && sky_time_cmp(sp3->epochs[e - 1], sp3->epochs[e]) >= 0)
            __builtin_trap();
        for (size_t s = 0; s < sp3->nsat; s++) {
            const sky_sp3_rec_t *r = sky_sp3_rec(sp3, e, s);
            for (int k = 0; k < 3; k++)
                if (isinf(r->pos_m[k]) || fabs(r->pos_m[k]) > 1e10)
                    __builtin_trap();
        }
    }
}

static void check_interp(const sky_sp3_t *sp3)
{
    if (sp3->nepoch < 2)
        return;
    sky_time_t t0 = sp3->epochs[0];
    double span = sky_time_diff_s(sp3->epochs[sp3->nepoch - 1], t0);
    for (size_t s = 0; s < sp3->nsat && s < 8; s++) {
        sky_satstate_t st;
        if (sky_sp3_interp(sp3, sp3->sats[s], sky_time_add(t0, 0.37 * span), &st) == SKY_OK &&
            !isfinite(st.pos_ecef_m[0] + st.pos_ecef_m[1] + st.pos_ecef_m[2]))
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_sp3_t sp3;
    sky_sp3_init(&sp3, &ctx);
    sky_status_t rc = sky_sp3_read_memory(&sp3, data, size, "fuzz.sp3", &err);
    if (rc < 0 && err.code == SKY_OK)
        __builtin_trap(); /* every error is described */
    if (rc == SKY_OK) {
        check_records(&sp3);
        check_interp(&sp3);
    }
    sky_sp3_free(&sp3);
    return 0;
}
