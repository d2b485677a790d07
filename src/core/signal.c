/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX observation codes (version 3/4 and the version 2 mapping), carrier frequencies.
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §5.1 and Table 4-10 (observation codes, frequency bands)
 *  [2] RINEX 4.00 (2021-12-01) Appendix Tables A2-A10 (observation codes per system)
 *  [3] GLONASS ICD Edition 5.1 (2008) §3.3.1.4 (FDMA L1 1602 + k*9/16 MHz, L2 1246 + k*7/16 MHz)
 *  [4] RINEX 2.11 (2007-12-10) §5.1 and RINEX 2.12 draft (version 2 observation types)
 *  [5] RTKLIB 2.4.3 rinex.c convcode() (conventional v2 -> v3 mapping, followed here)
 *  [6] RINEX 4.01 (2023-07-01) Table A8 (NavIC L1 SPS, band 1) */
#include "skyfix/signal.h"

#include <string.h>

/* Attribute letters of [1] §5.1 and [2] Tables A2-A10 (union over all systems). */
static const char valid_attrs[] = "ABCDEILMNPQSWXYZ";
static const char kind_chars[SKY_OBS_KIND_COUNT] = {'C', 'L', 'D', 'S', 'X'};

#define MHZ 1.0e6
#define GLO_FCN_MIN (-7) /* [3] §3.3.1.4 */
#define GLO_FCN_MAX 6

static int kind_from_char(char c)
{
    for (int i = 0; i < SKY_OBS_KIND_COUNT; i++) {
        if (kind_chars[i] == c)
            return i;
    }
    return -1;
}

static void fill_code(sky_obs_code_t *code, int kind, char band, char attr)
{
    code->kind = (uint8_t)kind;
    code->band = band;
    code->attr = attr;
    code->text[0] = kind_chars[kind];
    code->text[1] = band;
    code->text[2] = attr == ' ' ? '\0' : attr;
    code->text[3] = '\0';
}

sky_status_t sky_obs_code_parse(const char *s3, sky_obs_code_t *code)
{
    if (!s3 || !code)
        return SKY_E_ARG;
    int kind = kind_from_char(s3[0]);
    if (kind < 0 || s3[1] < '1' || s3[1] > '9')
        return SKY_E_FORMAT;
    char attr = s3[2];
    if (attr == '\0')
        attr = ' '; /* RINEX 3.00-style "C1" without attribute */
    else if (attr != ' ' && !strchr(valid_attrs, attr))
        return SKY_E_FORMAT;
    fill_code(code, kind, s3[1], attr);
    return SKY_OK;
}

/* Attribute of a RINEX 2 code or phase type (C1, L1, P2 ...) for sys and band, per [5]:
 * GPS L1 C/A 'C', L2 P(Y) 'W', L5 'X'; GLONASS L1 C/A 'C', L2 'P'; Galileo 'X';
 * SBAS 'C' on L1, 'X' on L5; QZSS 'C' on L1, 'X' else; BDS 'I'; NavIC 'A'. 0 if none. */
static char v2_attr(sky_sys_t sys, char band, bool p_code)
{
    switch (sys) {
    case SKY_SYS_GPS:
        if (band == '1')
            return p_code ? 'W' : 'C';
        if (band == '2')
            return 'W';
        return band == '5' ? 'X' : 0;
    case SKY_SYS_GLO:
        if (band == '1' || band == '2')
            return p_code ? 'P' : (band == '1' ? 'C' : 'P');
        return band == '3' ? 'X' : 0;
    case SKY_SYS_GAL:
        return strchr("15678", band) && !p_code ? 'X' : 0;
    case SKY_SYS_SBS:
        return band == '1' ? 'C' : (band == '5' ? 'X' : 0);
    case SKY_SYS_QZS:
        if (band == '1')
            return 'C';
        return strchr("256", band) ? 'X' : 0;
    case SKY_SYS_BDS:
        return strchr("267", band) && !p_code ? 'I' : 0;
    case SKY_SYS_IRN:
        return strchr("59", band) && !p_code ? 'A' : 0;
    default:
        return 0;
    }
}

sky_status_t sky_obs_code_from_v2(const char *s2, sky_sys_t sys, sky_obs_code_t *code)
{
    if (!s2 || !code)
        return SKY_E_ARG;
    char t = s2[0];
    char band = t ? s2[1] : '\0';
    if (band < '1' || band > '9' || (s2[2] != '\0' && s2[2] != ' '))
        return SKY_E_FORMAT;
    bool p_code = t == 'P';
    if (p_code && sys != SKY_SYS_GPS && sys != SKY_SYS_GLO)
        return SKY_E_FORMAT;
    if (p_code && band != '1' && band != '2')
        return SKY_E_FORMAT;
    int kind = kind_from_char(p_code ? 'C' : t);
    if (kind < 0 || kind == SKY_OBS_CHANNEL)
        return SKY_E_FORMAT;
    char attr = v2_attr(sys, band, p_code);
    /* GPS and GLONASS C2 is the civil code on L2 [4] §5.1: GPS L2C ('X', as [5] does for
     * version < 2.12), GLONASS C/A on L2 ('C'). */
    if (kind == SKY_OBS_CODE && !p_code && band == '2' && sys == SKY_SYS_GPS)
        attr = 'X';
    if (kind == SKY_OBS_CODE && !p_code && band == '2' && sys == SKY_SYS_GLO)
        attr = 'C';
    if (!attr)
        return SKY_E_FORMAT;
    fill_code(code, kind, band, attr);
    return SKY_OK;
}

/* Carrier frequencies of [1] Table 4-10 (and [2] for GLONASS CDMA bands 4 and 6). */
typedef struct {
    uint8_t sys;
    char band;
    double freq_mhz;
    const char *name;
} band_info_t;

static const band_info_t band_table[] = {
    {SKY_SYS_GPS, '1', 1575.42, "L1"},    {SKY_SYS_GPS, '2', 1227.60, "L2"},
    {SKY_SYS_GPS, '5', 1176.45, "L5"},    {SKY_SYS_GLO, '1', 1602.0, "G1"},
    {SKY_SYS_GLO, '2', 1246.0, "G2"},     {SKY_SYS_GLO, '4', 1600.995, "G1a"},
    {SKY_SYS_GLO, '6', 1248.06, "G2a"},   {SKY_SYS_GLO, '3', 1202.025, "G3"},
    {SKY_SYS_GAL, '1', 1575.42, "E1"},    {SKY_SYS_GAL, '5', 1176.45, "E5a"},
    {SKY_SYS_GAL, '7', 1207.140, "E5b"},  {SKY_SYS_GAL, '8', 1191.795, "E5"},
    {SKY_SYS_GAL, '6', 1278.75, "E6"},    {SKY_SYS_SBS, '1', 1575.42, "L1"},
    {SKY_SYS_SBS, '5', 1176.45, "L5"},    {SKY_SYS_QZS, '1', 1575.42, "L1"},
    {SKY_SYS_QZS, '2', 1227.60, "L2"},    {SKY_SYS_QZS, '5', 1176.45, "L5"},
    {SKY_SYS_QZS, '6', 1278.75, "L6"},    {SKY_SYS_BDS, '1', 1575.42, "B1C"},
    {SKY_SYS_BDS, '2', 1561.098, "B1I"},  {SKY_SYS_BDS, '5', 1176.45, "B2a"},
    {SKY_SYS_BDS, '7', 1207.140, "B2b"},  {SKY_SYS_BDS, '8', 1191.795, "B2"},
    {SKY_SYS_BDS, '6', 1268.52, "B3"},    {SKY_SYS_IRN, '5', 1176.45, "L5"},
    {SKY_SYS_IRN, '9', 2492.028, "S"},    {SKY_SYS_IRN, '1', 1575.42, "L1"}, /* [6] */
};

static const band_info_t *find_band(sky_sys_t sys, char band)
{
    for (size_t i = 0; i < sizeof band_table / sizeof band_table[0]; i++) {
        if (band_table[i].sys == sys && band_table[i].band == band)
            return &band_table[i];
    }
    return NULL;
}

double sky_freq_hz(sky_sys_t sys, char band, int glo_fcn)
{
    const band_info_t *b = find_band(sys, band);
    if (!b)
        return 0.0;
    if (sys == SKY_SYS_GLO && (band == '1' || band == '2')) {
        if (glo_fcn < GLO_FCN_MIN || glo_fcn > GLO_FCN_MAX)
            return 0.0;
        /* [3] §3.3.1.4: f = f0 + k * df, df = 9/16 MHz on L1, 7/16 MHz on L2 */
        double step_mhz = band == '1' ? 9.0 / 16.0 : 7.0 / 16.0;
        return (b->freq_mhz + glo_fcn * step_mhz) * MHZ;
    }
    return b->freq_mhz * MHZ;
}

const char *sky_band_name(sky_sys_t sys, char band)
{
    const band_info_t *b = find_band(sys, band);
    return b ? b->name : "?";
}
