/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: satellite systems and satellite ids.
 * References: [1] RINEX 3.05 (2020-12-01) §3.5 (satellite numbers); [2] RINEX 4.00 (2021-12-01). */
#ifndef SKYFIX_SAT_H
#define SKYFIX_SAT_H

#include "skyfix/common.h"
#include "skyfix/error.h"

SKY_BEGIN_DECLS

typedef enum {
    SKY_SYS_NONE = 0,
    SKY_SYS_GPS, /* G */
    SKY_SYS_GLO, /* R */
    SKY_SYS_GAL, /* E */
    SKY_SYS_BDS, /* C */
    SKY_SYS_QZS, /* J */
    SKY_SYS_IRN, /* I (NavIC) */
    SKY_SYS_SBS, /* S */
    SKY_SYS_COUNT
} sky_sys_t;

/* A satellite: system and the two-digit number RINEX gives it (QZSS J01 = PRN 193,
 * SBAS S20 = PRN 120, exactly as in RINEX 3 [1] §3.5). prn is 1..SKY_PRN_MAX. */
typedef struct {
    uint8_t sys; /* sky_sys_t */
    uint8_t prn;
} sky_sat_t;

#define SKY_PRN_MAX 99
/* Fixed index table, independent of any build flag: index = (sys-1)*SKY_PRN_MAX + prn-1. */
#define SKY_NSAT ((SKY_SYS_COUNT - 1) * SKY_PRN_MAX)

SKY_API char sky_sys_char(sky_sys_t sys);              /* 'G' ... ; '?' for NONE */
SKY_API sky_sys_t sky_sys_from_char(char c);           /* SKY_SYS_NONE if unknown */
SKY_API const char *sky_sys_name(sky_sys_t sys);       /* "GPS","GLONASS","Galileo",... */
/* Parse "G01", "G 1", " 1" (blank system = default_sys, as in RINEX 2; default SKY_SYS_NONE
 * means GPS). Reads at most 3 characters (ids chained on a RINEX 2 epoch line are fine).
 * SKY_E_FORMAT for an unknown letter, junk or a number outside 1..SKY_PRN_MAX. */
SKY_API sky_status_t sky_sat_parse(const char *s3, sky_sys_t default_sys, sky_sat_t *sat);
/* "G01". buf must hold 4 bytes. */
SKY_API void sky_sat_format(sky_sat_t sat, char buf[4]);
/* 0..SKY_NSAT-1, or -1 for an invalid sat. */
SKY_API int sky_sat_index(sky_sat_t sat);
SKY_API sky_sat_t sky_sat_from_index(int index);
SKY_API bool sky_sat_eq(sky_sat_t a, sky_sat_t b);
/* Parse a list of system letters "G,R,E", "GRE" or "g r e" into a mask of (1u << sys).
 * SKY_E_FORMAT (mask untouched) for an unknown letter or an empty list. */
SKY_API sky_status_t sky_sys_mask_parse(const char *list, unsigned *mask);

SKY_END_DECLS
#endif
