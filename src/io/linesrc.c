/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: raw line source through libarchive (compression recognised by content). */
#include "io/linesrc.h"

#include "io/field.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK_BYTES (1u << 20)

typedef struct {
    sky__linesrc_t base;
    struct archive *ar;
    char *buf;         /* data window: [pos, end) not yet returned */
    size_t cap, pos, end;
    bool eof;          /* libarchive has no more data */
    bool unread;       /* return the last line again */
    const char *last;
    size_t last_len;
    uint64_t total;
} raw_src_t;

static void raw_progress(const sky__linesrc_t *self, uint64_t *done, uint64_t *total)
{
    const raw_src_t *s = (const raw_src_t *)self;
    int64_t n = s->ar ? archive_filter_bytes(s->ar, -1) : 0;
    *done = n > 0 ? (uint64_t)n : 0;
    *total = s->total;
}

static void raw_close(sky__linesrc_t *self)
{
    raw_src_t *s = (raw_src_t *)self;
    if (s->ar)
        archive_read_free(s->ar);
    sky_free(self->ctx, s->buf);
    sky_free(self->ctx, s);
}

/* Move the unread tail to the front and append more decompressed bytes. */
static sky_status_t raw_fill(raw_src_t *s, sky_error_t *err)
{
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->end - s->pos);
        s->end -= s->pos;
        s->pos = 0;
    }
    if (s->cap - s->end < CHUNK_BYTES / 4) {
        if (s->cap >= SKY__LINE_MAX + CHUNK_BYTES)
            return sky_error_set(err, SKY_E_FORMAT, s->base.path, s->base.lineno + 1, "",
                                 "found a line longer than %u bytes, expected text (binary "
                                 "data?)", SKY__LINE_MAX);
        size_t ncap = s->cap * 2;
        char *nb = sky_realloc(s->base.ctx, s->buf, ncap + 1);
        if (!nb)
            return sky_error_set(err, SKY_E_NOMEM, s->base.path, 0, "", "out of memory");
        s->buf = nb;
        s->cap = ncap;
    }
    la_ssize_t n = archive_read_data(s->ar, s->buf + s->end, s->cap - s->end);
    if (n < 0)
        return sky_error_set(err, SKY_E_IO, s->base.path, s->base.lineno + 1, "",
                             "decompression failed: %s", archive_error_string(s->ar));
    if (n == 0)
        s->eof = true;
    s->end += (size_t)n;
    return SKY_OK;
}

static sky_status_t raw_next(sky__linesrc_t *self, const char **line, size_t *len,
                             sky_error_t *err)
{
    raw_src_t *s = (raw_src_t *)self;
    if (s->unread) {
        s->unread = false;
        self->lineno++;
        *line = s->last;
        *len = s->last_len;
        return SKY_OK;
    }
    for (;;) {
        char *start = s->buf + s->pos;
        char *nl = memchr(start, '\n', s->end - s->pos);
        if (nl || (s->eof && s->end > s->pos)) {
            size_t n = nl ? (size_t)(nl - start) : s->end - s->pos;
            s->pos += nl ? n + 1 : n;
            while (n > 0 && start[n - 1] == '\r')
                n--;
            start[n] = '\0';
            self->lineno++;
            s->last = start;
            s->last_len = n;
            *line = start;
            *len = n;
            return SKY_OK;
        }
        if (s->eof)
            return SKY_EOF;
        sky_status_t st = raw_fill(s, err);
        if (st != SKY_OK)
            return st;
    }
}

void sky__linesrc_unread(sky__linesrc_t *src)
{
    raw_src_t *s = (raw_src_t *)src;
    if (s->last) {
        s->unread = true;
        src->lineno--;
    }
}

static sky_status_t raw_new(const sky_ctx_t *ctx, const char *name, raw_src_t **out,
                            sky_error_t *err)
{
    raw_src_t *s = sky_calloc(ctx, 1, sizeof *s);
    if (!s)
        return sky_error_set(err, SKY_E_NOMEM, name, 0, "", "out of memory");
    s->base.next = raw_next;
    s->base.close = raw_close;
    s->base.progress = raw_progress;
    s->base.ctx = ctx;
    size_t n = strlen(name);
    if (n >= sizeof s->base.path)
        n = sizeof s->base.path - 1;
    memcpy(s->base.path, name, n);
    s->cap = CHUNK_BYTES;
    s->buf = sky_malloc(ctx, s->cap + 1);
    s->ar = archive_read_new();
    if (!s->buf || !s->ar) {
        raw_close(&s->base);
        return sky_error_set(err, SKY_E_NOMEM, name, 0, "", "out of memory");
    }
    archive_read_support_filter_all(s->ar);
    archive_read_support_format_zip(s->ar);
    archive_read_support_format_empty(s->ar);
    archive_read_support_format_raw(s->ar);
    *out = s;
    return SKY_OK;
}

/* Position on the first regular entry (the file itself for raw/compressed input). */
static sky_status_t raw_first_entry(raw_src_t *s, sky_error_t *err)
{
    struct archive_entry *entry;
    for (;;) {
        int r = archive_read_next_header(s->ar, &entry);
        if (r == ARCHIVE_EOF) {
            s->eof = true; /* empty file or archive without files */
            return SKY_OK;
        }
        if (r < ARCHIVE_WARN)
            return sky_error_set(err, SKY_E_IO, s->base.path, 0, "", "cannot read: %s",
                                 archive_error_string(s->ar));
        mode_t type = archive_entry_filetype(entry);
        if (type == 0 || type == AE_IFREG)
            return SKY_OK;
    }
}

sky_status_t sky__linesrc_open_file(const sky_ctx_t *ctx, const char *path, sky__linesrc_t **out,
                                    sky_error_t *err)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        return sky_error_set(err, SKY_E_IO, path, 0, "", "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return sky_error_set(err, SKY_E_IO, path, 0, "", "is a directory, expected a file");
    raw_src_t *s;
    sky_status_t rc = raw_new(ctx, path, &s, err);
    if (rc != SKY_OK)
        return rc;
    s->total = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
    if (archive_read_open_filename(s->ar, path, 256 * 1024) != ARCHIVE_OK) {
        rc = sky_error_set(err, SKY_E_IO, path, 0, "", "cannot open: %s",
                           archive_error_string(s->ar));
        raw_close(&s->base);
        return rc;
    }
    rc = raw_first_entry(s, err);
    if (rc != SKY_OK) {
        raw_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return SKY_OK;
}

sky_status_t sky__linesrc_open_memory(const sky_ctx_t *ctx, const void *buf, size_t len,
                                      const char *name, sky__linesrc_t **out, sky_error_t *err)
{
    *out = NULL;
    raw_src_t *s;
    sky_status_t rc = raw_new(ctx, name ? name : "<memory>", &s, err);
    if (rc != SKY_OK)
        return rc;
    s->total = len;
    static const char empty[1] = "";
    if (archive_read_open_memory(s->ar, len ? buf : empty, len) != ARCHIVE_OK) {
        rc = sky_error_set(err, SKY_E_IO, s->base.path, 0, "", "cannot read: %s",
                           archive_error_string(s->ar));
        raw_close(&s->base);
        return rc;
    }
    rc = raw_first_entry(s, err);
    if (rc != SKY_OK) {
        raw_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return SKY_OK;
}

/* Put the Hatanaka decoder in front of src when its first line says CRINEX [Hatanaka 2008]. */
static sky_status_t wrap_crx(sky__linesrc_t *src, sky__linesrc_t **out, double *crx_version,
                             sky_error_t *err)
{
    const char *line;
    size_t len;
    sky_status_t rc = src->next(src, &line, &len, err);
    if (rc == SKY_EOF) {
        *out = src; /* empty input: the parser reports it */
        return SKY_OK;
    }
    if (rc != SKY_OK) {
        src->close(src);
        return rc;
    }
    if (len >= 80 && strncmp(line + 60, "CRINEX VERS", 11) == 0) {
        double v = 0;
        if (sky__field_double(line, len, 0, 9, &v) != SKY__FIELD_OK)
            v = 0;
        if (crx_version)
            *crx_version = v;
        return sky__crx_open(src, line, out, err);
    }
    sky__linesrc_unread(src);
    *out = src;
    return SKY_OK;
}

sky_status_t sky__rinex_lines_open(const sky_ctx_t *ctx, const sky__input_t *in,
                                   sky__linesrc_t **out, double *crx_version, sky_error_t *err)
{
    sky__linesrc_t *src;
    *out = NULL;
    if (crx_version)
        *crx_version = 0;
    const char *name = in->name ? in->name : "<memory>";
    sky_status_t st;
    if (in->path)
        st = sky__linesrc_open_file(ctx, in->path, &src, err);
    else if (!in->buf && in->len > 0)
        st = sky_error_set(err, SKY_E_ARG, name, 0, "", "found no buffer, expected %zu bytes",
                           in->len);
    else
        st = sky__linesrc_open_memory(ctx, in->buf, in->len, name, &src, err);
    if (st != SKY_OK)
        return st;
    return wrap_crx(src, out, crx_version, err);
}
