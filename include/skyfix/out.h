/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: solution writers (RTKLIB .pos, NMEA 0183, CSV, GeoJSON, KML) and error statistics.
 * References:
 *  [1] RTKLIB 2.4.3 manual (2020), Appendix B.2 "Solution file" (.pos layout)
 *  [2] NMEA 0183 Interface Standard v4.11 (2018): §6.3 (checksum), GGA, RMC, GSA, GSV
 *  [3] RFC 7946 (2016-08) The GeoJSON Format
 *  [4] OGC 07-147r2 KML 2.2 (2008-04-14)
 *  [5] ISO 8601-1:2019 (date and time representation) */
#ifndef SKYFIX_OUT_H
#define SKYFIX_OUT_H

#include <stdio.h>

#include "skyfix/common.h"
#include "skyfix/ctx.h"
#include "skyfix/error.h"
#include "skyfix/solution.h"
#include "skyfix/time.h"

SKY_BEGIN_DECLS

typedef enum {
    SKY_SOLFMT_POS_LLH = 0, /* RTKLIB .pos, latitude/longitude/height [1] */
    SKY_SOLFMT_POS_XYZ,     /* RTKLIB .pos, ECEF x/y/z [1] */
    SKY_SOLFMT_NMEA,        /* GGA, RMC, GSA, GSV [2] */
    SKY_SOLFMT_CSV,         /* one header row, one row per epoch */
    SKY_SOLFMT_GEOJSON,     /* FeatureCollection of Points [3] */
    SKY_SOLFMT_KML,         /* placemarks coloured by quality plus a track [4] */
    SKY_SOLFMT_COUNT
} sky_solfmt_t;

/* "pos" or "llh", "xyz", "nmea", "csv", "geojson", "kml" (case-sensitive).
 * Returns SKY_E_ARG for anything else (fmt untouched). */
SKY_API sky_status_t sky_solfmt_parse(const char *name, sky_solfmt_t *fmt);
SKY_API const char *sky_solfmt_name(sky_solfmt_t fmt);

/* NMEA sentence selection (bit mask). */
#define SKY_NMEA_GGA 0x1u
#define SKY_NMEA_RMC 0x2u
#define SKY_NMEA_GSA 0x4u
#define SKY_NMEA_GSV 0x8u

typedef struct {
    uint8_t time_sys;       /* POS time column: SKY_TS_GPS (default) or SKY_TS_UTC */
    bool time_week_tow;     /* POS: "wwww ssssss.sss" instead of a calendar date; default off */
    int time_decimals;      /* POS/CSV/GeoJSON/KML seconds decimals 0..9; default 3 */
    bool write_none;        /* POS/CSV: also write epochs without a solution (Q 0); default off
                             * (RTKLIB writes none); NMEA always writes them (GGA quality 0) */
    int nmea_min_decimals;  /* decimals of the minutes in NMEA ddmm.mmmmm, 4..8; default 5 */
    unsigned nmea_sentences; /* SKY_NMEA_* mask; default all four */
    const char *sink_name;  /* name of the sink for error messages ("" = "<output>"); copied */
} sky_solw_opts_t;

SKY_API void sky_solw_opts_default(sky_solw_opts_t *opts);

/* What the .pos header says about the run ([1] B.2). Every field may be left 0/NULL. */
#define SKY_SOLW_MAX_INPUTS 16
typedef struct {
    const char *program;                     /* "skyfix 0.1.0" */
    const char *inputs[SKY_SOLW_MAX_INPUTS]; /* input file names */
    int ninputs;
    bool has_span;                           /* obs_start/obs_end valid */
    sky_time_t obs_start, obs_end;           /* GPST */
    const char *pos_mode;                    /* "Single" */
    double elev_mask_rad;                    /* written with pos_mode; NaN or < 0 = not */
    const char *iono_opt;                    /* "Broadcast" */
    const char *tropo_opt;                   /* "Saastamoinen" */
    const char *ephemeris;                   /* "Broadcast" */
    unsigned sys_mask;                       /* bit (1u << sky_sys_t); 0 = not written */
} sky_solw_info_t;

typedef struct sky_solw sky_solw_t;

/* A writer of format fmt to sink (not owned, not closed; the caller opens and closes it).
 * opts NULL = defaults. Returns SKY_E_ARG (bad format/options), SKY_E_NOMEM. */
SKY_API sky_status_t sky_solw_new(const sky_ctx_t *ctx, sky_solfmt_t fmt,
                                  const sky_solw_opts_t *opts, FILE *sink, sky_solw_t **out,
                                  sky_error_t *err);
/* Header: .pos "%" lines and column header, CSV header row, GeoJSON/KML opening. Optional:
 * write and finish open the document themselves when it was not called. info may be NULL.
 * SKY_E_IO on write error; SKY_E_ARG if called after the first solution. */
SKY_API sky_status_t sky_solw_header(sky_solw_t *w, const sky_solw_info_t *info,
                                     sky_error_t *err);
/* One epoch. Solutions of quality NONE are skipped by POS/CSV (unless write_none), GeoJSON
 * and KML; NMEA writes them as "no fix". SKY_E_IO on write error, SKY_E_ARG after finish. */
SKY_API sky_status_t sky_solw_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err);
/* Close the document (GeoJSON brackets, KML track and tags) and flush the sink. Idempotent. */
SKY_API sky_status_t sky_solw_finish(sky_solw_t *w, sky_error_t *err);
/* Free the writer (does not finish or close the sink). NULL is fine. */
SKY_API void sky_solw_delete(sky_solw_t *w);

/* ---- error statistics against a known reference position ---- */

typedef struct sky_solstats sky_solstats_t;

typedef struct {
    long epochs;             /* calls to sky_solstats_add */
    long solutions;          /* of which quality != NONE */
    long count_by_quality[8]; /* index sky_solq_t */
    double availability;     /* solutions / epochs; NaN when no epochs */
    /* The rest is NaN when there is no solution. Errors are solution - reference in local
     * ENU at the reference, m. h = horizontal sqrt(e^2+n^2), v = |u|, 3d = |enu|. */
    double mean_enu_m[3];
    double rms_enu_m[3];
    double rms_h_m, rms_v_m, rms_3d_m;
    double mean_h_m, mean_3d_m;
    /* Percentiles by nearest rank: the k-th smallest value with k = ceil(p/100 * N). */
    double p50_h_m, p95_h_m, p95_v_m, p95_3d_m;
    double max_h_m, max_v_m, max_3d_m;
    double mean_nsat;        /* mean of nsat over solutions */
    double mean_pdop, mean_hdop; /* mean over solutions with a finite DOP (NaN if none) */
} sky_solstats_result_t;

/* Accumulator against ref_ecef_m (WGS 84 ECEF, m). SKY_E_ARG if the reference is not finite
 * or within 1 km of the Earth's centre, SKY_E_NOMEM. */
SKY_API sky_status_t sky_solstats_new(const sky_ctx_t *ctx, const double ref_ecef_m[3],
                                      sky_solstats_t **out, sky_error_t *err);
/* Count one epoch and, unless sol->quality is NONE, its error. A solution with a
 * non-finite position counts as an epoch without solution. SKY_E_NOMEM when growing fails. */
SKY_API sky_status_t sky_solstats_add(sky_solstats_t *st, const sky_solution_t *sol,
                                      sky_error_t *err);
/* Statistics so far (sorts a copy of the stored errors: O(N log N)). SKY_E_NOMEM possible. */
SKY_API sky_status_t sky_solstats_get(const sky_solstats_t *st, sky_solstats_result_t *res,
                                      sky_error_t *err);
SKY_API void sky_solstats_delete(sky_solstats_t *st);

SKY_END_DECLS
#endif
