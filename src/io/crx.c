/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: Hatanaka decoder (placeholder until the decoder lands). */
#include "io/linesrc.h"

sky_status_t sky__crx_open(sky__linesrc_t *inner, const char *first_line, sky__linesrc_t **out,
                           sky_error_t *err)
{
    (void)first_line;
    *out = NULL;
    sky_status_t rc = sky_error_set(err, SKY_E_UNSUPPORTED, inner->path, inner->lineno,
                                    "CRINEX VERS", "Hatanaka decoding not built yet");
    inner->close(inner);
    return rc;
}
