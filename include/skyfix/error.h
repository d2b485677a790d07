/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: status codes and the caller-owned error record (file, line, field, message). */
#ifndef SKYFIX_ERROR_H
#define SKYFIX_ERROR_H

#include "skyfix/common.h"

SKY_BEGIN_DECLS

/* One table makes the enum, sky_strerror() and sky_status_name().
 * 0 is success, SKY_EOF (positive) is the normal end of a stream, negatives are errors. */
#define SKY_STATUS_MAP(XX)                                                   \
    XX(OK, 0, "success")                                                     \
    XX(EOF, 1, "end of data")                                                \
    XX(E_NOMEM, -1, "out of memory")                                         \
    XX(E_IO, -2, "input/output error")                                       \
    XX(E_FORMAT, -3, "malformed input")                                      \
    XX(E_VERSION, -4, "unsupported format version")                          \
    XX(E_TRUNCATED, -5, "unexpected end of input")                           \
    XX(E_RANGE, -6, "value out of range")                                    \
    XX(E_ARG, -7, "invalid argument")                                        \
    XX(E_NOTFOUND, -8, "not found")                                          \
    XX(E_UNSUPPORTED, -9, "unsupported feature")                             \
    XX(E_NOCONV, -10, "no convergence")                                      \
    XX(E_NODATA, -11, "not enough data")

typedef enum {
#define SKY__STATUS_ENUM(name, value, msg) SKY_##name = value,
    SKY_STATUS_MAP(SKY__STATUS_ENUM)
#undef SKY__STATUS_ENUM
} sky_status_t;

#define SKY_ERROR_PATH_MAX 256
#define SKY_ERROR_FIELD_MAX 48
#define SKY_ERROR_MSG_MAX 256
#define SKY_ERROR_TEXT_MAX 96

/* Detail of the first error that happened. The first error wins: later sets are ignored
 * until sky_error_clear(). line and byte_offset are 0 when unknown. */
typedef struct {
    sky_status_t code;
    char path[SKY_ERROR_PATH_MAX];   /* file the error is in, "" if none */
    long line;                       /* 1-based line for text formats, 0 if none */
    long byte_offset;                /* for binary streams, -1 if none */
    char field[SKY_ERROR_FIELD_MAX]; /* field name, e.g. "TOE", "" if none */
    char msg[SKY_ERROR_MSG_MAX];     /* "found ..., expected ..." */
    char text[SKY_ERROR_TEXT_MAX];   /* the offending input line (truncated), "" if none */
} sky_error_t;

SKY_API const char *sky_strerror(sky_status_t code);
SKY_API const char *sky_status_name(sky_status_t code);
SKY_API void sky_error_clear(sky_error_t *err);
/* Record an error (if err is not NULL and holds none yet). Returns code, so callers can write
 * `return sky_error_set(err, SKY_E_FORMAT, path, line, "TOE", "found %s, expected ...", x);` */
SKY_API sky_status_t sky_error_set(sky_error_t *err, sky_status_t code, const char *path,
                                   long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Attach the offending input text to an error already set (no-op if it already has one). */
SKY_API void sky_error_set_text(sky_error_t *err, const char *text, size_t len);
/* Compiler-style one-line rendering: "path:line: field F: msg (status name)". */
SKY_API size_t sky_error_format(const sky_error_t *err, char *buf, size_t n);

SKY_END_DECLS
#endif
