/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: plain text of any RINEX input (decompressed, Hatanaka-decoded), line by line.
 * References:
 *  [1] Y. Hatanaka, "A Compression Format and Tools for GNSS Observation Data",
 *      Bulletin of the Geospatial Information Authority of Japan 55 (2008) 21-30
 *  [2] RINEX 3.05 (2020-12-01) §4: file naming and compression conventions */
#include "skyfix/rinex.h"

#include "io/linesrc.h"

struct sky_text_reader {
    const sky_ctx_t *ctx;
    sky__linesrc_t *src;
    bool is_crx;
    sky_status_t failed; /* sticky error */
};

#define DOS_EOF '\032' /* Ctrl-Z: end of a DOS text file, tolerated */

/* RINEX is text [2] §4 (ASCII; UTF-8 comments pass): a control byte other than TAB or
 * Ctrl-Z means binary data, which must not pass as "plain RINEX". */
static sky_status_t check_text(const sky_text_reader_t *r, const char *line, size_t len,
                               sky_error_t *err)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t' && c != DOS_EOF) || c == 0x7f) {
            sky_status_t st = sky_error_set(err, SKY_E_FORMAT, r->src->path, r->src->lineno,
                                            "text", "found the control byte 0x%02x in column "
                                            "%zu (binary data?), expected a text line", c, i + 1);
            sky_error_set_text(err, line, len);
            return st;
        }
    }
    return SKY_OK;
}

static sky_status_t text_open(const sky_ctx_t *ctx, const sky__input_t *in,
                             sky_text_reader_t **out, sky_error_t *err)
{
    sky__linesrc_t *src;
    double crx_version = 0;
    sky_status_t rc = sky__rinex_lines_open(ctx, in, &src, &crx_version, err);
    if (rc != SKY_OK)
        return rc;
    sky_text_reader_t *r = sky_calloc(ctx, 1, sizeof *r);
    if (!r) {
        rc = sky_error_set(err, SKY_E_NOMEM, src->path, 0, "", "out of memory");
        sky__linesrc_close(src);
        return rc;
    }
    r->ctx = ctx;
    r->src = src;
    r->is_crx = crx_version > 0;
    *out = r;
    return SKY_OK;
}

sky_status_t sky_text_open(const sky_ctx_t *ctx, const char *path, sky_text_reader_t **out,
                           sky_error_t *err)
{
    *out = NULL;
    if (!path)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found no path, expected a file name");
    const sky__input_t in = {path, NULL, 0, NULL};
    return text_open(ctx, &in, out, err);
}

sky_status_t sky_text_open_memory(const sky_ctx_t *ctx, const void *buf, size_t len,
                                  const char *name, sky_text_reader_t **out, sky_error_t *err)
{
    *out = NULL;
    const sky__input_t in = {NULL, buf, len, name};
    return text_open(ctx, &in, out, err);
}

sky_status_t sky_text_next(sky_text_reader_t *r, const char **line, size_t *len,
                           sky_error_t *err)
{
    if (!r)
        return sky_error_set(err, SKY_E_ARG, "", 0, "", "found no reader, expected one");
    if (r->failed != SKY_OK)
        return r->failed;
    sky_status_t st = r->src->next(r->src, line, len, err);
    if (st == SKY_OK)
        st = check_text(r, *line, *len, err);
    if (st < 0)
        r->failed = st;
    return st;
}

bool sky_text_is_crx(const sky_text_reader_t *r)
{
    return r && r->is_crx;
}

void sky_text_progress(const sky_text_reader_t *r, uint64_t *done, uint64_t *total)
{
    *done = 0;
    *total = 0;
    if (r)
        r->src->progress(r->src, done, total);
}

void sky_text_close(sky_text_reader_t *r)
{
    if (!r)
        return;
    sky__linesrc_close(r->src);
    sky_free(r->ctx, r);
}
