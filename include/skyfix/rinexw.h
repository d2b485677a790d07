/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX 3.05 observation writer (header and epoch records from the format-free values).
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §5.2-5.4, Table A2 (header records), Table A3 (epoch records) */
#ifndef SKYFIX_RINEXW_H
#define SKYFIX_RINEXW_H

#include <stdio.h>

#include "skyfix/common.h"
#include "skyfix/error.h"
#include "skyfix/obs.h"

SKY_BEGIN_DECLS

/* Where the text goes: called with one or more whole lines (each ending in '\n').
 * Return SKY_OK, or an error status that the writer passes back. */
typedef sky_status_t (*sky_write_fn)(void *user, const char *buf, size_t len);

/* A writer is a plain value: the sink and its user pointer. Nothing to free. */
typedef struct {
    sky_write_fn write;
    void *user;
    const char *name; /* for error messages ("<memory>", a path); NULL = "" */
} sky_rinexw_t;

SKY_API void sky_rinexw_init(sky_rinexw_t *w, sky_write_fn fn, void *user, const char *name);
/* Write to a stdio stream (not closed by the writer). */
SKY_API void sky_rinexw_init_file(sky_rinexw_t *w, FILE *fp, const char *name);

/* Header of a RINEX 3.05 observation file from hdr (types per system, GLONASS slots,
 * approximate position, interval, first observation ...). Fields that are NaN or empty are
 * left out where [1] allows it. SKY_E_ARG if hdr has no observation types. */
SKY_API sky_status_t sky_rinexw_header(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                       sky_error_t *err);
/* One epoch record: "> yyyy mm dd hh mm ss.sssssss  f nnn" and one line per satellite with
 * F14.3 values plus LLI and signal strength digits (NaN values blank). Time tags are written in
 * hdr->time_sys (converted from GPST). Values that do not fit F14.3 give SKY_E_RANGE.
 * Epochs with flag 2..5 are written with no special records (nspecial is not reproduced). */
SKY_API sky_status_t sky_rinexw_epoch(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                      const sky_obs_epoch_t *epoch, sky_error_t *err);
/* Adapter with the shape of an epoch callback: user is a const sky_rinexw_t *. */
SKY_API sky_status_t sky_rinexw_epoch_cb(void *user, const sky_obs_header_t *hdr,
                                         const sky_obs_epoch_t *epoch, sky_error_t *err);

SKY_END_DECLS
#endif
