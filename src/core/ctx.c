/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: the context: allocator and log callback, no global state. */
#include "skyfix/ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sky_ctx_init(sky_ctx_t *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->log_level = SKY_LOG_WARN;
}

void *sky_realloc(const sky_ctx_t *ctx, void *ptr, size_t size)
{
    if (ctx && ctx->realloc_fn)
        return ctx->realloc_fn(ctx->alloc_user, ptr, size);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

void *sky_malloc(const sky_ctx_t *ctx, size_t size)
{
    return sky_realloc(ctx, NULL, size ? size : 1);
}

void *sky_calloc(const sky_ctx_t *ctx, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = sky_malloc(ctx, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void sky_free(const sky_ctx_t *ctx, void *ptr)
{
    if (ptr)
        sky_realloc(ctx, ptr, 0);
}

void sky_log(const sky_ctx_t *ctx, sky_log_level_t level, const char *path, long line,
             const char *fmt, ...)
{
    if (!ctx || !ctx->log_fn || level > ctx->log_level)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ctx->log_fn(ctx->log_user, level, path, line, msg);
}
