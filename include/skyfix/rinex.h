/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX readers (observation 2.10-4.02, navigation 2.x-4.02, Hatanaka CRX 1.0/3.0),
 * any of them gzip/.Z/bzip2/xz/zip-compressed, recognised by content.
 * References:
 *  [1] RINEX 2.11 (2007-12-10); RINEX 2.12 (2009)
 *  [2] RINEX 3.05 (2020-12-01)
 *  [3] RINEX 4.00 (2021-12-01), 4.01 (2023-07), 4.02 (2024)
 *  [4] Y. Hatanaka, "A Compression Format and Tools for GNSS Observation Data",
 *      Bulletin of the GSI 55 (2008) 21-30; CRX 3.0 description in RNXCMP 4.x docs */
#ifndef SKYFIX_RINEX_H
#define SKYFIX_RINEX_H

#include "skyfix/common.h"
#include "skyfix/ctx.h"
#include "skyfix/error.h"
#include "skyfix/obs.h"
#include "skyfix/nav.h"

SKY_BEGIN_DECLS

/* ---- Observation files: streaming, memory flat in file length. ---- */
typedef struct sky_obs_reader sky_obs_reader_t;

/* Open an observation file (plain, Hatanaka or compressed) and read its header.
 * On error *out is NULL and err names file, line and field. */
SKY_API sky_status_t sky_obs_open(const sky_ctx_t *ctx, const char *path,
                                  sky_obs_reader_t **out, sky_error_t *err);
/* Same over bytes in memory (not copied: buf must outlive the reader). name is for messages. */
SKY_API sky_status_t sky_obs_open_memory(const sky_ctx_t *ctx, const void *buf, size_t len,
                                         const char *name, sky_obs_reader_t **out,
                                         sky_error_t *err);
/* The header; updated in place by header records that appear in the body (flag 2..5). */
SKY_API const sky_obs_header_t *sky_obs_reader_header(const sky_obs_reader_t *r);
/* Next epoch record. SKY_OK with *epoch filled, SKY_EOF at the end, negative on error
 * (after an error the reader must be closed). Epochs with flag 2..5 are returned too, with
 * nsat = 0 and nspecial = number of special records that followed (already applied). */
SKY_API sky_status_t sky_obs_next(sky_obs_reader_t *r, sky_obs_epoch_t *epoch,
                                  sky_error_t *err);
/* Bytes of the file consumed so far and its total size (0 if unknown), for progress bars. */
SKY_API void sky_obs_reader_progress(const sky_obs_reader_t *r, uint64_t *done, uint64_t *total);
SKY_API void sky_obs_close(sky_obs_reader_t *r);

/* ---- Navigation files: read whole into the store (appending; several files may be read). ---- */
SKY_API sky_status_t sky_nav_read_file(sky_nav_t *nav, const char *path, sky_error_t *err);
SKY_API sky_status_t sky_nav_read_memory(sky_nav_t *nav, const void *buf, size_t len,
                                         const char *name, sky_error_t *err);

/* ---- Plain text of any RINEX input: decompressed and Hatanaka-decoded, line by line. ---- */
typedef struct sky_text_reader sky_text_reader_t;
SKY_API sky_status_t sky_text_open(const sky_ctx_t *ctx, const char *path,
                                   sky_text_reader_t **out, sky_error_t *err);
SKY_API sky_status_t sky_text_open_memory(const sky_ctx_t *ctx, const void *buf, size_t len,
                                          const char *name, sky_text_reader_t **out,
                                          sky_error_t *err);
/* Next line without its end-of-line characters (NUL-terminated, valid until the next call).
 * SKY_EOF at the end. */
SKY_API sky_status_t sky_text_next(sky_text_reader_t *r, const char **line, size_t *len,
                                   sky_error_t *err);
/* True if the input was Hatanaka-compressed (decoded on the fly). */
SKY_API bool sky_text_is_crx(const sky_text_reader_t *r);
SKY_API void sky_text_progress(const sky_text_reader_t *r, uint64_t *done, uint64_t *total);
SKY_API void sky_text_close(sky_text_reader_t *r);

/* What a file is, from its first line(s): for `skyfix info` dispatch. */
typedef enum {
    SKY_FILE_UNKNOWN = 0,
    SKY_FILE_RINEX_OBS,
    SKY_FILE_RINEX_NAV,   /* also GLONASS 'G', GEO 'H', Galileo 'E'/'L' nav of RINEX 2 */
    SKY_FILE_RINEX_MET,
    SKY_FILE_RINEX_CLK,
    SKY_FILE_SP3,
    SKY_FILE_IONEX,
    SKY_FILE_ANTEX
} sky_file_kind_t;
SKY_API sky_status_t sky_file_detect(const sky_ctx_t *ctx, const char *path, sky_file_kind_t *kind,
                                     double *version, sky_error_t *err);

SKY_END_DECLS
#endif
