/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: observation values that flow from the readers to the solvers (format-free).
 * References: [1] RINEX 3.05 (2020-12-01) §5.2, Table A2-A3; [2] RINEX 2.11 §5.1. */
#ifndef SKYFIX_OBS_H
#define SKYFIX_OBS_H

#include "skyfix/common.h"
#include "skyfix/time.h"
#include "skyfix/sat.h"
#include "skyfix/signal.h"

SKY_BEGIN_DECLS

#define SKY_OBS_MAXTYPES 64   /* observation types per system in one header */
#define SKY_OBS_MAXSHIFT 64   /* SYS / PHASE SHIFT records kept */

typedef struct {
    sky_sys_t sys;
    sky_obs_code_t code;
    double shift_cyc;
} sky_phase_shift_t;

/* Everything an observation file header says (RINEX 2/3/4 obs header, [1] Table A2). Strings
 * are NUL-terminated with trailing blanks removed. Numbers that the file does not give are NaN. */
typedef struct {
    double version;            /* 2.11, 3.05, 4.01 ... */
    char file_sys;             /* 'G','R','E','C','J','I','S' or 'M' (mixed) */
    bool crx;                  /* was Hatanaka-compressed */
    double crx_version;        /* 1.0 or 3.0 */
    char program[21], run_by[21], date[21];
    char marker_name[61], marker_number[21], marker_type[21];
    char observer[21], agency[41];
    char rec_number[21], rec_type[21], rec_version[21];
    char ant_number[21], ant_type[21];
    double approx_pos_ecef_m[3];  /* NaN if absent */
    double ant_delta_hen_m[3];    /* height, east, north; NaN if absent */
    char signal_strength_unit[21];
    /* Observation types per system, in file order. RINEX 2 files: types converted to
     * RINEX 3 codes per system (sky_obs_code_from_v2), v2 text kept in types_v2. */
    int ntypes[SKY_SYS_COUNT];
    sky_obs_code_t types[SKY_SYS_COUNT][SKY_OBS_MAXTYPES];
    char types_v2[SKY_OBS_MAXTYPES][3];  /* RINEX 2 only: "C1","L1" ... */
    int ntypes_v2;
    double interval_s;          /* NaN if absent */
    sky_time_t first_obs, last_obs; /* GPST; sec = INT64_MIN if absent */
    sky_timesys_t time_sys;     /* system of the epoch time tags in the file */
    int nshift;
    sky_phase_shift_t shift[SKY_OBS_MAXSHIFT];
    int8_t glo_fcn[SKY_PRN_MAX + 1]; /* GLONASS SLOT / FRQ #; SKY_GLO_FCN_UNKNOWN if absent */
    double glo_cpb_m[4];        /* GLONASS COD/PHS/BIS C1C C1P C2C C2P; NaN if absent */
    int leap_s;                 /* LEAP SECONDS; INT32_MIN if absent */
    int nsat_header;            /* # OF SATELLITES, -1 if absent */
    int ncomment;
} sky_obs_header_t;

#define SKY_GLO_FCN_UNKNOWN (-128)

/* Epoch flags, [1] §5.2 Table A3. */
typedef enum {
    SKY_EPOCH_OK = 0,
    SKY_EPOCH_POWER_FAILURE = 1,
    SKY_EPOCH_MOVING_ANTENNA = 2,
    SKY_EPOCH_NEW_SITE = 3,
    SKY_EPOCH_HEADER_INFO = 4,
    SKY_EPOCH_EXTERNAL_EVENT = 5,
    SKY_EPOCH_CYCLE_SLIP = 6
} sky_epoch_flag_t;

/* One satellite's observations in an epoch: nval values, in the order of
 * header->types[sat.sys], at val[off .. off+nval-1] of the epoch arrays. */
typedef struct {
    sky_sat_t sat;
    uint16_t nval;
    uint32_t off;
} sky_obs_sat_t;

/* One epoch record. Arrays belong to the reader and stay valid until the next call.
 * Missing values are NaN with lli = 0, ssi = 0. lli/ssi are the RINEX digits (0 if blank). */
typedef struct {
    sky_time_t time;            /* GPST */
    int flag;                   /* sky_epoch_flag_t */
    double rcv_clock_offset_s;  /* NaN if absent */
    int nsat;
    const sky_obs_sat_t *sat;
    const double *val;
    const uint8_t *lli;
    const uint8_t *ssi;
    int nspecial;               /* flag 2..5: number of special (header) records that followed */
    long line;                  /* line of the epoch record in the file (for messages) */
} sky_obs_epoch_t;

SKY_END_DECLS
#endif
