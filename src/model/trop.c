/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: tropospheric delay: Saastamoinen zenith delays in a standard atmosphere, Niell mapping.
 * References:
 *  [1] Saastamoinen, J., "Atmospheric correction for the troposphere and stratosphere in radio
 *      ranging of satellites", Geophys. Monogr. 15 (1972) 247-251
 *  [2] Davis, J. L. et al., "Geodesy by radio interferometry: effects of atmospheric modeling
 *      errors on estimates of baseline length", Radio Sci. 20(6) (1985) 1593-1607, eq. (A11)
 *      (Saastamoinen hydrostatic zenith delay with gravity term)
 *  [3] ISO 2533:1975 Standard Atmosphere (troposphere layer: 1013.25 hPa, 288.15 K at sea
 *      level, lapse -6.5 K/km); Berg, H., Allgemeine Meteorologie (1948) for the pressure law
 *  [4] Murray, F. W., "On the computation of saturation vapor pressure", J. Appl. Meteor. 6
 *      (1967) 203-204 (Tetens/Magnus formula over water)
 *  [5] Niell, A. E., "Global mapping functions for the atmosphere delay at radio wavelengths",
 *      JGR 101 (B2) (1996) 3227-3246, eq. (4), Table 3 (coefficients), eq. (6) (height) */
#include "skyfix/model.h"

#include <math.h>

#include "skyfix/coord.h"

#define ATM_P0_HPA 1013.25        /* [3] */
#define ATM_T0_K 288.15           /* [3] 15 C */
#define ATM_LAPSE_KPM 0.0065      /* [3] */
#define ATM_TROPOPAUSE_M 11000.0  /* [3] top of the layer; no water vapour above */
#define ATM_STRAT_SCALE_PM 1.576885e-4 /* [3] g0 M / (R T11) = 0.0341632 K/m / 216.65 K */
#define RCV_MIN_HEIGHT_M (-1000.0) /* below this the position is not physical */
#define NIELL_NLAT 5
#define DAYS_PER_YEAR 365.25      /* [5] eq. (5) */
#define NIELL_DOY0 28.0           /* [5] eq. (5): phase, day of year 28 */

/* Pressure (hPa), temperature (K), water vapour pressure (hPa) at ellipsoidal height h_m
 * (the geoid separation is neglected). */
static void std_atmosphere(double h_m, double humidity, double *p_hpa, double *t_k,
                           double *e_hpa)
{
    double h_t_m = h_m < ATM_TROPOPAUSE_M ? h_m : ATM_TROPOPAUSE_M;
    double base = 1.0 - 2.2557e-5 * h_t_m; /* [3] Berg: P = P0 (1 - 2.2557e-5 h)^5.2568 */
    *p_hpa = ATM_P0_HPA * pow(base, 5.2568);
    /* [3] isothermal layer above the tropopause (216.65 K): P = P11 exp(-g0 M (h - h11) /
     * (R T11)); the tropospheric law continued upwards was 21 % low at 20 km and 0 at 44 km */
    if (h_m > ATM_TROPOPAUSE_M)
        *p_hpa *= exp(-ATM_STRAT_SCALE_PM * (h_m - ATM_TROPOPAUSE_M));
    *t_k = ATM_T0_K - ATM_LAPSE_KPM * h_t_m;
    double t_c = *t_k - 273.15;
    /* [4] e_s = 6.1078 exp(17.27 T / (T + 237.3)), T in C. */
    double es_hpa = 6.1078 * exp(17.27 * t_c / (t_c + 237.3));
    *e_hpa = h_m < ATM_TROPOPAUSE_M ? humidity * es_hpa : 0.0;
}

void sky_trop_zenith_m(const double llh_rcv[3], double humidity, double *zhd_m, double *zwd_m)
{
    double h_m = llh_rcv[2];
    double zhd = NAN, zwd = NAN;
    if (isfinite(h_m) && isfinite(llh_rcv[0]) && h_m >= RCV_MIN_HEIGHT_M && humidity >= 0.0 &&
        humidity <= 1.0) {
        double p_hpa, t_k, e_hpa;
        std_atmosphere(h_m, humidity, &p_hpa, &t_k, &e_hpa);
        /* [2] eq. (A11): ZHD = 0.0022768 P / (1 - 0.00266 cos 2phi - 0.00028 H_km). */
        zhd = 0.0022768 * p_hpa / (1.0 - 0.00266 * cos(2.0 * llh_rcv[0]) - 0.00028e-3 * h_m);
        /* [1]: ZWD = 0.002277 (1255 / T + 0.05) e. */
        zwd = 0.002277 * (1255.0 / t_k + 0.05) * e_hpa;
    }
    if (zhd_m)
        *zhd_m = zhd;
    if (zwd_m)
        *zwd_m = zwd;
}

/* [5] eq. (4): Marini continued fraction normalised to 1 at zenith. */
static double marini(double el_rad, double a, double b, double c)
{
    double s = sin(el_rad);
    return (1.0 + a / (1.0 + b / (1.0 + c))) / (s + a / (s + b / (s + c)));
}

static const double niell_lat_deg[NIELL_NLAT] = {15.0, 30.0, 45.0, 60.0, 75.0};
/* [5] Table 3: hydrostatic average a, b, c; amplitude a, b, c; wet a, b, c. */
static const double niell_hyd_avg[3][NIELL_NLAT] = {
    {1.2769934e-3, 1.2683230e-3, 1.2465397e-3, 1.2196049e-3, 1.2045996e-3},
    {2.9153695e-3, 2.9152299e-3, 2.9288445e-3, 2.9022565e-3, 2.9024912e-3},
    {62.610505e-3, 62.837393e-3, 63.721774e-3, 63.824265e-3, 64.258455e-3}};
static const double niell_hyd_amp[3][NIELL_NLAT] = {
    {0.0, 1.2709626e-5, 2.6523662e-5, 3.4000452e-5, 4.1202191e-5},
    {0.0, 2.1414979e-5, 3.0160779e-5, 7.2562722e-5, 11.723375e-5},
    {0.0, 9.0128400e-5, 4.3497037e-5, 84.795348e-5, 170.37206e-5}};
static const double niell_wet[3][NIELL_NLAT] = {
    {5.8021897e-4, 5.6794847e-4, 5.8118019e-4, 5.9727542e-4, 6.1641693e-4},
    {1.4275268e-3, 1.5138625e-3, 1.4572752e-3, 1.5007428e-3, 1.7599082e-3},
    {4.3472961e-2, 4.6729510e-2, 4.3908931e-2, 4.4626982e-2, 5.4736038e-2}};
/* [5] eq. (6) height correction coefficients. */
static const double niell_ht[3] = {2.53e-5, 5.49e-3, 1.14e-3};

/* Linear interpolation in |latitude|, constant beyond 15 and 75 deg [5] §4. */
static double interp_lat(const double tab[NIELL_NLAT], double abs_lat_deg)
{
    if (abs_lat_deg <= niell_lat_deg[0])
        return tab[0];
    if (abs_lat_deg >= niell_lat_deg[NIELL_NLAT - 1])
        return tab[NIELL_NLAT - 1];
    int i = 0;
    while (abs_lat_deg >= niell_lat_deg[i + 1])
        i++;
    double w = (abs_lat_deg - niell_lat_deg[i]) / (niell_lat_deg[i + 1] - niell_lat_deg[i]);
    return tab[i] * (1.0 - w) + tab[i + 1] * w;
}

/* Day of year (1 = Jan 1, fractional) of GPST t. */
static double day_of_year(sky_time_t t)
{
    static const int cum_days[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    sky_civil_t c;
    sky_time_to_civil(t, &c);
    int leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
    int month_i = (c.month >= 1 && c.month <= 12) ? c.month - 1 : 0;
    int doy = cum_days[month_i] + c.day + (leap && c.month > 2 ? 1 : 0);
    return doy + (c.hour * 3600.0 + c.min * 60.0 + c.sec) / 86400.0;
}

void sky_trop_site(sky_time_t t, const double llh_rcv[3], double humidity,
                   sky_trop_site_t *site)
{
    sky_trop_zenith_m(llh_rcv, humidity, &site->zhd_m, &site->zwd_m);
    site->height_m = llh_rcv[2];
    double abs_lat_deg = fabs(llh_rcv[0]) * SKY_RAD2DEG;
    /* [5] eq. (5): seasonal term, half a year shifted in the southern hemisphere. */
    double doy = day_of_year(t) + (llh_rcv[0] < 0.0 ? DAYS_PER_YEAR / 2.0 : 0.0);
    double season = cos(2.0 * SKY_PI * (doy - NIELL_DOY0) / DAYS_PER_YEAR);
    for (int k = 0; k < 3; k++) {
        site->coef_h[k] = interp_lat(niell_hyd_avg[k], abs_lat_deg) -
                          interp_lat(niell_hyd_amp[k], abs_lat_deg) * season;
        site->coef_w[k] = interp_lat(niell_wet[k], abs_lat_deg);
    }
}

static void site_mapping(const sky_trop_site_t *site, double el_rad, double *map_hydro,
                         double *map_wet)
{
    /* [5] eq. (6): dm/dh = 1/sin(el) - f(el, a_ht, b_ht, c_ht), per km of height. */
    double dm_dh = 1.0 / sin(el_rad) - marini(el_rad, niell_ht[0], niell_ht[1], niell_ht[2]);
    if (map_hydro)
        *map_hydro = marini(el_rad, site->coef_h[0], site->coef_h[1], site->coef_h[2]) +
                     dm_dh * site->height_m / 1e3;
    if (map_wet)
        *map_wet = marini(el_rad, site->coef_w[0], site->coef_w[1], site->coef_w[2]);
}

void sky_trop_niell(sky_time_t t, const double llh_rcv[3], double el_rad, double *map_hydro,
                    double *map_wet)
{
    sky_trop_site_t site;
    sky_trop_site(t, llh_rcv, 0.0, &site);
    site_mapping(&site, el_rad, map_hydro, map_wet);
}

double sky_trop_slant_m(const sky_trop_site_t *site, double el_rad)
{
    if (!(el_rad > 0.0) || el_rad > SKY_PI / 2.0 + 1e-9 || !isfinite(site->zhd_m))
        return NAN;
    double map_h, map_w;
    site_mapping(site, el_rad, &map_h, &map_w);
    return site->zhd_m * map_h + site->zwd_m * map_w;
}

double sky_trop_delay_m(sky_time_t t, const double llh_rcv[3], double el_rad, double humidity)
{
    sky_trop_site_t site;
    sky_trop_site(t, llh_rcv, humidity, &site);
    return sky_trop_slant_m(&site, el_rad);
}
