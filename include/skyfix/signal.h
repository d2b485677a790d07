/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: observation codes (RINEX 3/4 "C1C" style) and carrier frequencies.
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §5.1, Tables 4-10 (observation codes, frequency bands)
 *  [2] RINEX 4.00 (2021-12-01) Appendix Tables A2-A10
 *  [3] GLONASS ICD Edition 5.1 (2008) §3.3.1.4 (FDMA: L1 1602 + k*0.5625 MHz, L2 1246 + k*0.4375 MHz)
 *  [4] RINEX 2.11 (2007-12-10) §5.1 (version 2 observation types) */
#ifndef SKYFIX_SIGNAL_H
#define SKYFIX_SIGNAL_H

#include "skyfix/common.h"
#include "skyfix/error.h"
#include "skyfix/sat.h"

SKY_BEGIN_DECLS

typedef enum {
    SKY_OBS_CODE = 0,  /* 'C' pseudorange, m */
    SKY_OBS_PHASE,     /* 'L' carrier phase, cycles */
    SKY_OBS_DOPPLER,   /* 'D' Doppler, Hz */
    SKY_OBS_SNR,       /* 'S' signal strength, dB-Hz (raw RINEX value) */
    SKY_OBS_CHANNEL,   /* 'X' receiver channel number (RINEX 3.02+) */
    SKY_OBS_KIND_COUNT
} sky_obs_kind_t;

/* One observation code: kind, band digit ('1'..'9') and attribute ('C','P','W','X',...).
 * text is the RINEX 3 code as written ("C1C"). */
typedef struct {
    uint8_t kind;  /* sky_obs_kind_t */
    char band;     /* '1'..'9' */
    char attr;     /* tracking mode / channel attribute; ' ' if none (RINEX 3.00 "C1") */
    char text[4];  /* NUL-terminated RINEX 3 code */
} sky_obs_code_t;

/* Parse a RINEX 3/4 code ("C1C", "L5Q", "S2W"). SKY_E_FORMAT if not a valid code. */
SKY_API sky_status_t sky_obs_code_parse(const char *s3, sky_obs_code_t *code);
/* Map a RINEX 2 observation type ("C1","P2","L1","D5","S7",...) for system sys to the
 * RINEX 3 code, as RTKLIB convbin does (checked against its output):
 *  GPS  C1->C1C P1->C1W C2->C2X (L2C) P2->C2W C5->C5X; L/D/S: 1->1C 2->2W 5->5X
 *  GLO  C1->C1C P1->C1P C2->C2C P2->C2P;               L/D/S: 1->1C 2->2P
 *  GAL  band 1,5,6,7,8 -> X;  SBS 1->1C 5->5X;  QZS 1->1C, 2/5/6->X
 *  BDS  band 2,6,7 -> I (B1I, B3I, B2I);  IRN 5,9 -> A
 * SKY_E_FORMAT if unknown (P1/P2 outside GPS/GLONASS, a band the system lacks). */
SKY_API sky_status_t sky_obs_code_from_v2(const char *s2, sky_sys_t sys, sky_obs_code_t *code);

/* Carrier frequency in Hz of band (as '1'..'9') of system sys. glo_fcn is the GLONASS
 * frequency channel number k (-7..+6), ignored elsewhere. Returns 0 for an unknown band. */
SKY_API double sky_freq_hz(sky_sys_t sys, char band, int glo_fcn);
/* RINEX band name for messages, e.g. GPS '1' -> "L1", Galileo '7' -> "E5b", BDS '2' -> "B1I". */
SKY_API const char *sky_band_name(sky_sys_t sys, char band);

SKY_END_DECLS
#endif
