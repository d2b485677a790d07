/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: the context every handle takes: allocator, log callback, leap-second table. */
#ifndef SKYFIX_CTX_H
#define SKYFIX_CTX_H

#include "skyfix/common.h"

SKY_BEGIN_DECLS

struct sky_leap_table;

typedef enum { SKY_LOG_ERROR = 0, SKY_LOG_WARN = 1, SKY_LOG_INFO = 2, SKY_LOG_DEBUG = 3 } sky_log_level_t;

typedef void (*sky_log_fn)(void *user, sky_log_level_t level, const char *path, long line,
                           const char *msg);

typedef struct {
    /* Allocator: realloc semantics (ptr NULL = malloc, size 0 = free). NULL = libc. */
    void *(*realloc_fn)(void *user, void *ptr, size_t size);
    void *alloc_user;
    sky_log_fn log_fn; /* NULL = silent */
    void *log_user;
    sky_log_level_t log_level;
    const struct sky_leap_table *leaps; /* NULL = sky_leap_table_builtin() */
} sky_ctx_t;

/* Fill ctx with defaults (libc allocator, no logging, built-in leap table). */
SKY_API void sky_ctx_init(sky_ctx_t *ctx);

/* Allocation through the context (NULL ctx = libc). sky_free accepts NULL. */
SKY_API void *sky_malloc(const sky_ctx_t *ctx, size_t size);
SKY_API void *sky_calloc(const sky_ctx_t *ctx, size_t n, size_t size);
SKY_API void *sky_realloc(const sky_ctx_t *ctx, void *ptr, size_t size);
SKY_API void sky_free(const sky_ctx_t *ctx, void *ptr);
SKY_API void sky_log(const sky_ctx_t *ctx, sky_log_level_t level, const char *path, long line,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

SKY_END_DECLS
#endif
