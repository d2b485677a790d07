/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target: the RINEX observation reader over arbitrary bytes (open, every epoch, close).
 * References: [1] RINEX 2.11 (2007-12-10); [2] RINEX 3.05 (2020-12-01). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "skyfix/rinex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sky_error_t err;
    sky_error_clear(&err);
    sky_obs_reader_t *r = NULL;
    sky_status_t rc = sky_obs_open_memory(NULL, data, size, "fuzz", &r, &err);
    if (rc != SKY_OK) {
        if (err.code == SKY_OK || err.msg[0] == '\0')
            __builtin_trap(); /* every failure must say what and where (STYLE.md §4) */
        return 0;
    }
    const sky_obs_header_t *h = sky_obs_reader_header(r);
    sky_obs_epoch_t ep;
    volatile double sink = 0;
    long n = 0;
    while (n < 100000 && (rc = sky_obs_next(r, &ep, &err)) == SKY_OK) {
        for (int i = 0; i < ep.nsat; i++) {
            const sky_obs_sat_t *s = &ep.sat[i];
            /* every value index must lie inside the arrays and match the header's type count */
            if (s->nval != h->ntypes[s->sat.sys])
                __builtin_trap();
            for (uint32_t k = 0; k < s->nval; k++)
                sink += isnan(ep.val[s->off + k]) ? 0 : ep.lli[s->off + k] + ep.ssi[s->off + k];
        }
        n++;
    }
    (void)sink;
    if (rc < 0 && rc != SKY_EOF && (err.code == SKY_OK || err.msg[0] == '\0'))
        __builtin_trap(); /* a read error is described too */
    sky_obs_close(r);
    return 0;
}
