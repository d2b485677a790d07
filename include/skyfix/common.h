/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: export macro and C++ guards shared by every public header. */
#ifndef SKYFIX_COMMON_H
#define SKYFIX_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#if defined(SKY_BUILDING)
#define SKY_API __attribute__((visibility("default")))
#else
#define SKY_API
#endif

#ifdef __cplusplus
#define SKY_BEGIN_DECLS extern "C" {
#define SKY_END_DECLS }
#else
#define SKY_BEGIN_DECLS
#define SKY_END_DECLS
#endif

#endif
