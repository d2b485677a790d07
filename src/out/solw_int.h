/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: the solution writer's state, a bounded text buffer, and the per-format
 * entry points shared by src/out/solw*.c.
 * References:
 *  [1] RTKLIB 2.4.3 manual (2020), Appendix B.2 (.pos layout)
 *  [2] NMEA 0183 v4.11 (2018) */
#ifndef SKY_OUT_SOLW_INT_H
#define SKY_OUT_SOLW_INT_H

#include <stdio.h>

#include "skyfix/out.h"

#define SKY__SOLW_LINE_MAX 16384

/* A fixed buffer that snprintf appends to; overflow is remembered, never written past. */
typedef struct {
    char buf[SKY__SOLW_LINE_MAX];
    size_t len;
    bool overflow;
} sky__sbuf_t;

struct sky_solw {
    const sky_ctx_t *ctx;
    sky_solfmt_t fmt;
    sky_solw_opts_t opts;
    char name[SKY_ERROR_PATH_MAX];
    FILE *sink;
    bool started;   /* header/opening written */
    bool finished;
    long nwritten;  /* records written */
    /* KML: track points kept until finish (lon deg, lat deg, h m triples) */
    double *track;
    size_t ntrack, captrack;
};

void sky__sbuf_reset(sky__sbuf_t *b);
void sky__sbuf_printf(sky__sbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a number with %.*f, or `nan_text` when it is not finite. */
void sky__sbuf_num(sky__sbuf_t *b, double v, int decimals, const char *nan_text);
/* Write the buffer to the sink; SKY_E_IO (naming the sink) when it overflowed or fwrite fails. */
sky_status_t sky__solw_emit(sky_solw_t *w, sky__sbuf_t *b, sky_error_t *err);

/* Time rounded to 10^-decimals s, as a civil date in scale ts (GPS or UTC); the seconds
 * field is whole (sec_whole) and the fraction is given in units of 10^-decimals (frac_units),
 * so that 59.9996 s never prints as "60.000". */
typedef struct {
    sky_civil_t civil;
    long long frac_units;
    int decimals;
} sky__tstamp_t;
void sky__tstamp(const sky_solw_t *w, sky_time_t t_gpst, sky_timesys_t ts, int decimals,
                 sky__tstamp_t *out);
/* "YYYY<dsep>MM<dsep>DD<tsep>hh:mm:ss[.fff]" into b. */
void sky__sbuf_tstamp(sky__sbuf_t *b, const sky__tstamp_t *ts, char dsep, char tsep);

/* Geodetic lat (deg), lon (deg), h (m) of the solution; false if the position is unusable. */
bool sky__sol_llh_deg(const sky_solution_t *sol, double llh_deg[3]);
/* Velocity in local ENU at llh_deg (deg, deg, m), m/s; false when the solution has none. */
bool sky__sol_vel_enu(const sky_solution_t *sol, const double llh_deg[3], double vel_enu_mps[3]);
/* ENU covariance (ee nn uu en eu nu) of the ECEF covariance at llh (rad), m^2. */
void sky__cov_enu(const double cov_ecef_m2[6], const double llh_rad[3], double cov_enu_m2[6]);
/* Standard deviation sqrt(v), 0 for v <= 0 or NaN; signed sqrt for covariances (RTKLIB). */
double sky__sd(double var);
double sky__sd_signed(double cov);
/* "single", "fix", ... for a quality number; "none" for 0, "unknown" beyond. */
const char *sky__solq_name(int q);

/* Per-format writers (solw_pos.c, solw_nmea.c, solw_csv.c, solw_geojson.c, solw_kml.c). */
sky_status_t sky__pos_header(sky_solw_t *w, const sky_solw_info_t *info, sky_error_t *err);
sky_status_t sky__pos_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err);
sky_status_t sky__nmea_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err);
sky_status_t sky__csv_header(sky_solw_t *w, sky_error_t *err);
sky_status_t sky__csv_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err);
sky_status_t sky__geojson_begin(sky_solw_t *w, sky_error_t *err);
sky_status_t sky__geojson_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err);
sky_status_t sky__geojson_end(sky_solw_t *w, sky_error_t *err);
sky_status_t sky__kml_begin(sky_solw_t *w, sky_error_t *err);
sky_status_t sky__kml_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err);
sky_status_t sky__kml_end(sky_solw_t *w, sky_error_t *err);

/* NMEA 0183 checksum [2] §6.3: XOR of every byte between '$' (excluded) and '*'. */
unsigned sky__nmea_checksum(const char *body, size_t len);

#endif
