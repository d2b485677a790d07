/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: broadcast navigation data (format-free): ephemerides, ionosphere, time corrections.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3-20.3.3.5 (LNAV), §30.3.3 (CNAV)
 *  [2] IS-GPS-800J (2022-08-22) §3.5 (CNAV-2)
 *  [3] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.1-5.1.9 (I/NAV, F/NAV)
 *  [4] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4; BDS-SIS-ICD-B1C v1.0, B2a v1.0, B2b v1.0
 *  [5] GLONASS ICD Edition 5.1 (2008) §4.4
 *  [6] IS-QZSS-PNT-005 (2022) §4.1.2; [7] IRNSS SPS ICD v1.1 (2017) §6.2
 *  [8] RINEX 3.05 §6 and Appendix Tables A6-A17; RINEX 4.00 §5 and Tables A20-A37 */
#ifndef SKYFIX_NAV_H
#define SKYFIX_NAV_H

#include "skyfix/common.h"
#include "skyfix/ctx.h"
#include "skyfix/error.h"
#include "skyfix/sat.h"
#include "skyfix/time.h"

SKY_BEGIN_DECLS

/* Which broadcast message an ephemeris came from (RINEX 4 record type; RINEX 2/3 give
 * LNAV/INAV-or-FNAV/D1-or-D2/FDMA/SBAS). */
typedef enum {
    SKY_NAV_UNKNOWN = 0,
    SKY_NAV_LNAV,   /* GPS, QZSS, NavIC legacy */
    SKY_NAV_CNAV,   /* GPS/QZSS L2C/L5 CNAV */
    SKY_NAV_CNV2,   /* GPS/QZSS L1C CNAV-2 */
    SKY_NAV_INAV,   /* Galileo I/NAV (E1-B, E5b-I) */
    SKY_NAV_FNAV,   /* Galileo F/NAV (E5a-I) */
    SKY_NAV_D1,     /* BeiDou D1 (MEO/IGSO) */
    SKY_NAV_D2,     /* BeiDou D2 (GEO) */
    SKY_NAV_CNV1,   /* BeiDou B-CNAV1 (B1C) */
    SKY_NAV_CNV2_BDS, /* BeiDou B-CNAV2 (B2a) */
    SKY_NAV_CNV3,   /* BeiDou B-CNAV3 (B2b) */
    SKY_NAV_FDMA,   /* GLONASS */
    SKY_NAV_SBAS,
    SKY_NAV_TYPE_COUNT
} sky_nav_type_t;

/* Keplerian ephemeris: GPS, Galileo, BeiDou, QZSS, NavIC. Angles in rad, as broadcast
 * ([8] stores semicircles converted to rad). Times are GPST. */
typedef struct {
    sky_sat_t sat;
    uint8_t type;          /* sky_nav_type_t */
    sky_time_t toc;        /* clock reference time */
    sky_time_t toe;        /* ephemeris reference time */
    sky_time_t ttr;        /* transmission time of message */
    int week;              /* week as in the file (GPS/GAL/BDT week of toe) */
    double toe_s;          /* toe as seconds of that week (system's own week) */
    int iode, iodc;        /* GPS IODE/IODC; Galileo IODnav in iode; BDS AODE/AODC */
    double ura_m;          /* SV accuracy (GPS URA, Galileo SISA, BDS URA), m; NaN unknown */
    int health;            /* SV health word as broadcast; 0 = healthy */
    double af0_s, af1_sps, af2_sps2;
    double sqrt_a, e, i0_rad, omega0_rad, omega_rad, m0_rad;
    double delta_n_radps, idot_radps, omega_dot_radps;
    double cuc_rad, cus_rad, crc_m, crs_m, cic_rad, cis_rad;
    double tgd_s[2];       /* GPS TGD, ISC -; Galileo BGD E5a/E1, BGD E5b/E1; BDS TGD1, TGD2 */
    double a_dot_mps;      /* CNAV/CNV1-3: rate of semi-major axis; 0 otherwise */
    double delta_n_dot_radps2; /* CNAV/CNV1-3 */
    double fit_h;          /* fit interval, hours (GPS); 0 if not given */
    int data_sources;      /* Galileo data sources bit field; GPS codes on L2 */
    int sat_type;          /* BDS CNAV: 1 GEO, 2 IGSO, 3 MEO; 0 unknown */
} sky_keph_t;

/* GLONASS FDMA ephemeris, PZ-90 ECEF ([5] §4.4). */
typedef struct {
    sky_sat_t sat;
    sky_time_t toe;        /* GPST of tb */
    sky_time_t tof;        /* message frame time, GPST */
    double pos_m[3], vel_mps[3], acc_mps2[3];
    double taun_s;         /* -TauN as RINEX gives the clock bias: clock = taun_s + gamman*(t-toe) */
    double gamman;         /* relative frequency bias */
    double dtaun_s;        /* delta tau_n (L1/L2 group delay), RINEX 3.05+/4; NaN if absent */
    int fcn;               /* frequency channel number k */
    int health;            /* 0 = healthy (MSB of Bn) */
    int age_d;             /* age of operation information E_n, days */
    int iode;              /* tb in 15-min units, as issue of data */
} sky_geph_t;

/* SBAS GEO navigation message (type 9). */
typedef struct {
    sky_sat_t sat;
    sky_time_t t0;         /* GPST */
    sky_time_t tof;
    double pos_m[3], vel_mps[3], acc_mps2[3];
    double af0_s, af1_sps;
    int health;
    double ura_m;
    int iodn;
} sky_seph_t;

/* Ionosphere model parameters. */
typedef struct {
    bool has_gps_klobuchar, has_qzs_klobuchar, has_bds_klobuchar, has_gal_nequick, has_irn_klobuchar;
    double gps_alpha[4], gps_beta[4]; /* IS-GPS-200N §20.3.3.5.1.7: s, s/sc, s/sc2, s/sc3 */
    double qzs_alpha[4], qzs_beta[4];
    double bds_alpha[4], bds_beta[4];
    double irn_alpha[4], irn_beta[4];
    double gal_ai[3];                 /* ai0 sfu, ai1 sfu/deg, ai2 sfu/deg2 */
    int gal_storm_flags;
} sky_iono_t;

/* One time system correction (RINEX 3 TIME SYSTEM CORR, RINEX 4 STO):
 * corr_s(t) = a0_s + a1_sps * (t - tref) between the named pair, e.g. "GPUT", "GAGP". */
typedef struct {
    char type[5];          /* "GPUT","GAUT","GAGP","BDUT","GLUT","GLGP","QZGP","QZUT","IRUT"... */
    double a0_s, a1_sps;
    double a2_sps2;        /* quadratic term (RINEX 4 STO, t - tref squared); 0 if not given */
    sky_time_t tref;       /* GPST */
    int tref_tow_s, tref_week;
    char source[6];        /* satellite or "EGNOS" etc, "" if none */
} sky_timecorr_t;

/* Earth orientation parameters (RINEX 4 EOP record). */
typedef struct {
    sky_sat_t sat;
    sky_time_t tref;
    double xp_rad, dxp_radps, dxxp_radps2;
    double yp_rad, dyp_radps, dyyp_radps2;
    double dut1_s, ddut1_sps, dddut1_sps2;
} sky_eop_t;

/* All navigation data read so far. Filled by sky_nav_read_*(), freed by sky_nav_free().
 * After loading, sky_nav_sort() orders each array by satellite then toe (readers call it). */
typedef struct {
    const sky_ctx_t *ctx;
    sky_keph_t *keph; size_t nkeph, cap_keph;
    sky_geph_t *geph; size_t ngeph, cap_geph;
    sky_seph_t *seph; size_t nseph, cap_seph;
    sky_timecorr_t *tcorr; size_t ntcorr, cap_tcorr;
    sky_eop_t *eop; size_t neop, cap_eop;
    sky_iono_t iono;
    int leap_s;            /* GPST-UTC from the file, INT32_MIN if absent */
    int leap_future_s, leap_week, leap_day; /* leap second announcement; INT32_MIN if absent */
    int8_t glo_fcn[SKY_PRN_MAX + 1]; /* from GLONASS ephemerides; SKY_GLO_FCN_UNKNOWN if none */
    double version;        /* of the last file read */
    size_t nskipped;       /* records dropped for a bad value (the rest of the file is read) */
    sky_error_t first_skip; /* why the first of them was dropped (file, line, field) */
} sky_nav_t;

SKY_API void sky_nav_init(sky_nav_t *nav, const sky_ctx_t *ctx);
SKY_API void sky_nav_free(sky_nav_t *nav);
SKY_API sky_status_t sky_nav_add_keph(sky_nav_t *nav, const sky_keph_t *e);
SKY_API sky_status_t sky_nav_add_geph(sky_nav_t *nav, const sky_geph_t *e);
SKY_API sky_status_t sky_nav_add_seph(sky_nav_t *nav, const sky_seph_t *e);
SKY_API sky_status_t sky_nav_add_timecorr(sky_nav_t *nav, const sky_timecorr_t *c);
SKY_API sky_status_t sky_nav_add_eop(sky_nav_t *nav, const sky_eop_t *e);
/* Sort by (satellite, toe, type) and drop exact duplicates (same sat, type, toe, iode). */
SKY_API void sky_nav_sort(sky_nav_t *nav);
/* Index range [*first, *end) of keph (or geph) entries of one satellite after sorting. */
SKY_API void sky_nav_keph_range(const sky_nav_t *nav, sky_sat_t sat, size_t *first, size_t *end);
SKY_API void sky_nav_geph_range(const sky_nav_t *nav, sky_sat_t sat, size_t *first, size_t *end);

SKY_END_DECLS
#endif
