/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: status names and messages, and the first-error-wins error record. */
#include "skyfix/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *sky_strerror(sky_status_t code)
{
    switch (code) {
#define SKY__STATUS_MSG(name, value, msg) case SKY_##name: return msg;
        SKY_STATUS_MAP(SKY__STATUS_MSG)
#undef SKY__STATUS_MSG
    }
    return "unknown status";
}

const char *sky_status_name(sky_status_t code)
{
    switch (code) {
#define SKY__STATUS_STR(name, value, msg) case SKY_##name: return "SKY_" #name;
        SKY_STATUS_MAP(SKY__STATUS_STR)
#undef SKY__STATUS_STR
    }
    return "SKY_UNKNOWN";
}

void sky_error_clear(sky_error_t *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->byte_offset = -1;
}

static void copy_bounded(char *dst, size_t cap, const char *src)
{
    if (!src) {
        dst[0] = '\0';
        return;
    }
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

sky_status_t sky_error_set(sky_error_t *err, sky_status_t code, const char *path, long line,
                           const char *field, const char *fmt, ...)
{
    if (!err || err->code != SKY_OK)
        return code;
    err->code = code;
    copy_bounded(err->path, sizeof err->path, path);
    err->line = line;
    copy_bounded(err->field, sizeof err->field, field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->text[0] = '\0';
    return code;
}

void sky_error_set_text(sky_error_t *err, const char *text, size_t len)
{
    if (!err || err->text[0] || !text)
        return;
    size_t n = len < sizeof err->text - 1 ? len : sizeof err->text - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        err->text[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    err->text[n] = '\0';
}

size_t sky_error_format(const sky_error_t *err, char *buf, size_t n)
{
    if (!buf || n == 0)
        return 0;
    if (!err) {
        buf[0] = '\0';
        return 0;
    }
    char where[SKY_ERROR_PATH_MAX + 32] = "";
    if (err->path[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%ld: ", err->path, err->line);
    else if (err->path[0] && err->byte_offset >= 0)
        snprintf(where, sizeof where, "%s: byte %ld: ", err->path, err->byte_offset);
    else if (err->path[0])
        snprintf(where, sizeof where, "%s: ", err->path);
    char field[SKY_ERROR_FIELD_MAX + 16] = "";
    if (err->field[0])
        snprintf(field, sizeof field, "field %s: ", err->field);
    int w = snprintf(buf, n, "%s%s%s", where, field,
                     err->msg[0] ? err->msg : sky_strerror(err->code));
    return w < 0 ? 0 : ((size_t)w < n ? (size_t)w : n - 1);
}
