/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: a source of text lines. The raw source reads a file or memory through
 * libarchive (gzip, .Z, bzip2, xz, zstd, zip recognised by content) and splits it into lines;
 * filters (the Hatanaka decoder) wrap another source behind the same interface. */
#ifndef SKY_IO_LINESRC_H
#define SKY_IO_LINESRC_H

#include "skyfix/ctx.h"
#include "skyfix/error.h"

typedef struct sky__linesrc sky__linesrc_t;

struct sky__linesrc {
    /* Next line: NUL-terminated, end-of-line characters removed, valid until the next call.
     * SKY_EOF at the end of input. */
    sky_status_t (*next)(sky__linesrc_t *self, const char **line, size_t *len, sky_error_t *err);
    void (*close)(sky__linesrc_t *self);
    /* Bytes of the underlying file consumed and its size (0 if unknown). */
    void (*progress)(const sky__linesrc_t *self, uint64_t *done, uint64_t *total);
    const sky_ctx_t *ctx;
    char path[SKY_ERROR_PATH_MAX]; /* for messages */
    long lineno;                   /* line number (in the file as stored) of the last line */
};

#define SKY__LINE_MAX (1u << 20) /* longer lines are rejected as binary junk */

/* Raw source over a file (path) or memory. */
sky_status_t sky__linesrc_open_file(const sky_ctx_t *ctx, const char *path, sky__linesrc_t **out,
                                    sky_error_t *err);
sky_status_t sky__linesrc_open_memory(const sky_ctx_t *ctx, const void *buf, size_t len,
                                      const char *name, sky__linesrc_t **out, sky_error_t *err);
/* Raw sources only: make the next call return the last line again (one level). */
void sky__linesrc_unread(sky__linesrc_t *src);

/* Hatanaka filter (src/io/crx.c): takes ownership of inner, whose first line (the
 * "CRINEX VERS / TYPE" line) has already been read and is passed in first_line. */
sky_status_t sky__crx_open(sky__linesrc_t *inner, const char *first_line, sky__linesrc_t **out,
                           sky_error_t *err);

/* Where a reader's input comes from: a file (path) or bytes in memory (buf, len, name). */
typedef struct {
    const char *path;  /* non-NULL: read this file */
    const void *buf;   /* else these bytes (not copied) */
    size_t len;
    const char *name;  /* for messages when reading memory; NULL = "<memory>" */
} sky__input_t;

/* Open the input (checking the arguments), and put the Hatanaka decoder in front when the
 * content is CRX. *crx_version (may be NULL) is the CRINEX version (1.0, 3.0), 0 if plain. */
sky_status_t sky__rinex_lines_open(const sky_ctx_t *ctx, const sky__input_t *in,
                                   sky__linesrc_t **out, double *crx_version, sky_error_t *err);

static inline void sky__linesrc_close(sky__linesrc_t *src)
{
    if (src)
        src->close(src);
}

#endif
