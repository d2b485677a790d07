/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target: the plain-text reader over any bytes (Hatanaka CRX 1.0/3.0 decoding included):
 * read every line until the end or an error; never crash, hang or leak.
 * References:
 *  [1] Y. Hatanaka, "A Compression Format and Tools for GNSS Observation Data",
 *      Bulletin of the Geospatial Information Authority of Japan 55 (2008) 21-30 */
#include <stdint.h>
#include <string.h>

#include "skyfix/rinex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_text_reader_t *r = NULL;
    sky_status_t rc = sky_text_open_memory(&ctx, data, size, "fuzz.crx", &r, &err);
    const char *line;
    size_t len;
    size_t total = 0;
    while (rc == SKY_OK) {
        rc = sky_text_next(r, &line, &len, &err);
        if (rc == SKY_OK && strlen(line) != len && memchr(line, '\0', len) == NULL)
            __builtin_trap(); /* length must match the text */
        total += rc == SKY_OK ? len : 0;
    }
    if (rc < 0 && err.code == SKY_OK)
        __builtin_trap(); /* every error is described */
    sky_text_close(r);
    (void)total;
    return 0;
}
