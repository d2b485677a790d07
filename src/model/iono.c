/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: broadcast ionosphere models: GPS/QZSS Klobuchar, BeiDou Klobuchar, frequency scaling.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.5.2.5 and Figure 20-4 (single-frequency ionospheric
 *      model), §20.3.3.5.1.7 (alpha, beta units)
 *  [2] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.7 (ionospheric delay correction model)
 *  [3] IS-QZSS-PNT-005 (2022) §5.6.1 (QZSS uses the GPS algorithm with its own parameters)
 *  [4] Hofmann-Wellenhof et al., GNSS (Springer 2008) §5.3.2 (delay scales as 1/f^2)
 *  Galileo NeQuick-G (European GNSS ICA Issue 1.2) is NOT implemented: Galileo users get the
 *  GPS (else QZSS, else BDS) broadcast Klobuchar scaled to their frequency. */
#include "skyfix/model.h"

#include <math.h>

#include "skyfix/coord.h"

#define SEC_PER_DAY 86400.0
#define GPS_L1_HZ 1575.42e6          /* IS-GPS-200N §3.3.1.1 */
#define BDS_B1I_HZ 1561.098e6        /* BDS-SIS-ICD-B1I §4.2.1 */
#define KLOB_NIGHT_DELAY_S 5.0e-9    /* [1] Figure 20-4 and [2] §5.2.4.7: constant term */
#define KLOB_PEAK_LT_S 50400.0       /* local time of the daily maximum, 14:00 */
#define KLOB_MIN_PERIOD_S 72000.0    /* [1], [2] */
#define BDS_MAX_PERIOD_S 172800.0    /* [2] */
#define KLOB_MAX_IPP_LAT_SC 0.416    /* [1] */
#define BDS_EARTH_R_M 6378000.0      /* [2] R = 6378 km */
#define BDS_IONO_H_M 375000.0        /* [2] h = 375 km */

/* Polynomial sum_{n=0..3} c[n] x^n. */
static double poly3(const double c[4], double x)
{
    return c[0] + x * (c[1] + x * (c[2] + x * c[3]));
}

/* GPS time of day (GPST seconds are counted from a midnight), s. */
static double gpst_time_of_day_s(sky_time_t t)
{
    int64_t day_s = (int64_t)SEC_PER_DAY;
    int64_t sod = t.sec % day_s;
    if (sod < 0)
        sod += day_s;
    return (double)sod + t.frac_s;
}

static double wrap_day_s(double t_s)
{
    t_s = fmod(t_s, SEC_PER_DAY);
    return t_s < 0.0 ? t_s + SEC_PER_DAY : t_s;
}

/* [1] §20.3.3.5.2.5, Figure 20-4. Angles in semicircles (sc) as the ICD writes them. */
double sky_iono_klobuchar_m(const double alpha[4], const double beta[4], sky_time_t t,
                            const double llh_rcv[3], double az_rad, double el_rad)
{
    if (!(el_rad >= 0.0) || !isfinite(az_rad) || !isfinite(llh_rcv[0]) || !isfinite(llh_rcv[1]))
        return NAN;
    double el_sc = el_rad / SKY_PI;
    double psi_sc = 0.0137 / (el_sc + 0.11) - 0.022;       /* earth's central angle */
    double lat_i_sc = llh_rcv[0] / SKY_PI + psi_sc * cos(az_rad); /* IPP latitude */
    if (lat_i_sc > KLOB_MAX_IPP_LAT_SC)
        lat_i_sc = KLOB_MAX_IPP_LAT_SC;
    if (lat_i_sc < -KLOB_MAX_IPP_LAT_SC)
        lat_i_sc = -KLOB_MAX_IPP_LAT_SC;
    double lon_i_sc = llh_rcv[1] / SKY_PI + psi_sc * sin(az_rad) / cos(lat_i_sc * SKY_PI);
    double lat_m_sc = lat_i_sc + 0.064 * cos((lon_i_sc - 1.617) * SKY_PI); /* geomagnetic */
    double t_local_s = wrap_day_s(4.32e4 * lon_i_sc + gpst_time_of_day_s(t));
    double slant = 1.0 + 16.0 * pow(0.53 - el_sc, 3.0);    /* obliquity factor F */
    double per_s = poly3(beta, lat_m_sc);
    if (per_s < KLOB_MIN_PERIOD_S)
        per_s = KLOB_MIN_PERIOD_S;
    double amp_s = poly3(alpha, lat_m_sc);
    if (amp_s < 0.0)
        amp_s = 0.0;
    double x_rad = 2.0 * SKY_PI * (t_local_s - KLOB_PEAK_LT_S) / per_s;
    double delay_s = slant * KLOB_NIGHT_DELAY_S;
    if (fabs(x_rad) < 1.57)
        delay_s = slant * (KLOB_NIGHT_DELAY_S +
                           amp_s * (1.0 - x_rad * x_rad / 2.0 + pow(x_rad, 4.0) / 24.0));
    return SKY_C_MPS * delay_s;
}

/* [2] §5.2.4.7: thin shell at 375 km, geographic latitude of the pierce point, cosine day. */
double sky_iono_bds_klobuchar_m(const double alpha[4], const double beta[4], sky_time_t t,
                                const double llh_rcv[3], double az_rad, double el_rad)
{
    if (!(el_rad >= 0.0) || !isfinite(az_rad) || !isfinite(llh_rcv[0]) || !isfinite(llh_rcv[1]))
        return NAN;
    double ratio_cos_el = BDS_EARTH_R_M / (BDS_EARTH_R_M + BDS_IONO_H_M) * cos(el_rad);
    double psi_rad = SKY_PI / 2.0 - el_rad - asin(ratio_cos_el);
    double lat_m_rad = asin(sin(llh_rcv[0]) * cos(psi_rad) +
                            cos(llh_rcv[0]) * sin(psi_rad) * cos(az_rad));
    double lon_m_rad = llh_rcv[1] + asin(sin(psi_rad) * sin(az_rad) / cos(lat_m_rad));
    double lat_m_sc = fabs(lat_m_rad / SKY_PI);
    /* BDT = GPST - 14 s (BDS-SIS-ICD-B1I §5.1.2.2); local time at the pierce point. */
    double t_bdt_s = gpst_time_of_day_s(t) + SKY_BDT_MINUS_GPST_S;
    double t_local_s = wrap_day_s(t_bdt_s + lon_m_rad * 43200.0 / SKY_PI);
    double a2_s = poly3(alpha, lat_m_sc);
    if (a2_s < 0.0)
        a2_s = 0.0;
    double a4_s = poly3(beta, lat_m_sc);
    if (a4_s >= BDS_MAX_PERIOD_S)
        a4_s = BDS_MAX_PERIOD_S;
    if (a4_s < KLOB_MIN_PERIOD_S)
        a4_s = KLOB_MIN_PERIOD_S;
    double zenith_s = KLOB_NIGHT_DELAY_S;
    if (fabs(t_local_s - KLOB_PEAK_LT_S) < a4_s / 4.0)
        zenith_s += a2_s * cos(2.0 * SKY_PI * (t_local_s - KLOB_PEAK_LT_S) / a4_s);
    double slant = 1.0 / sqrt(1.0 - ratio_cos_el * ratio_cos_el);
    return SKY_C_MPS * slant * zenith_s;
}

/* First-order delay scales as 1/f^2 [4] §5.3.2. */
static double scale_to_freq(double delay_ref_m, double f_ref_hz, double freq_hz)
{
    return delay_ref_m * (f_ref_hz / freq_hz) * (f_ref_hz / freq_hz);
}

double sky_iono_delay_m(const sky_iono_t *iono, sky_sys_t sys, double freq_hz, sky_time_t t,
                        const double llh_rcv[3], double az_rad, double el_rad)
{
    if (!iono || !(freq_hz > 0.0))
        return NAN;
    if (sys == SKY_SYS_BDS && iono->has_bds_klobuchar)
        return scale_to_freq(sky_iono_bds_klobuchar_m(iono->bds_alpha, iono->bds_beta, t,
                                                      llh_rcv, az_rad, el_rad),
                             BDS_B1I_HZ, freq_hz);
    if (sys == SKY_SYS_QZS && iono->has_qzs_klobuchar)
        return scale_to_freq(sky_iono_klobuchar_m(iono->qzs_alpha, iono->qzs_beta, t, llh_rcv,
                                                  az_rad, el_rad),
                             GPS_L1_HZ, freq_hz);
    if (iono->has_gps_klobuchar)
        return scale_to_freq(sky_iono_klobuchar_m(iono->gps_alpha, iono->gps_beta, t, llh_rcv,
                                                  az_rad, el_rad),
                             GPS_L1_HZ, freq_hz);
    if (iono->has_qzs_klobuchar)
        return scale_to_freq(sky_iono_klobuchar_m(iono->qzs_alpha, iono->qzs_beta, t, llh_rcv,
                                                  az_rad, el_rad),
                             GPS_L1_HZ, freq_hz);
    if (iono->has_bds_klobuchar)
        return scale_to_freq(sky_iono_bds_klobuchar_m(iono->bds_alpha, iono->bds_beta, t,
                                                      llh_rcv, az_rad, el_rad),
                             BDS_B1I_HZ, freq_hz);
    return NAN;
}
