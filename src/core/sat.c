/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: satellite system letters, satellite ids "G01" and the fixed satellite index table.
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §3.5 (satellite numbers, system identifiers G R E C J I S)
 *  [2] RINEX 2.11 (2007-12-10) §5.1 (blank system identifier = GPS) */
#include "skyfix/sat.h"

#include <string.h>

/* Index = sys: [1] §3.5 system identifiers. */
static const char sys_chars[SKY_SYS_COUNT] = {'?', 'G', 'R', 'E', 'C', 'J', 'I', 'S'};
static const char *const sys_names[SKY_SYS_COUNT] = {"none",   "GPS",  "GLONASS", "Galileo",
                                                     "BeiDou", "QZSS", "NavIC",   "SBAS"};

static bool sys_valid(int sys)
{
    return sys > SKY_SYS_NONE && sys < SKY_SYS_COUNT;
}

char sky_sys_char(sky_sys_t sys)
{
    return sys_valid((int)sys) ? sys_chars[sys] : '?';
}

sky_sys_t sky_sys_from_char(char c)
{
    for (int i = 1; i < SKY_SYS_COUNT; i++) {
        if (sys_chars[i] == c)
            return (sky_sys_t)i;
    }
    return SKY_SYS_NONE;
}

const char *sky_sys_name(sky_sys_t sys)
{
    return sys_valid((int)sys) ? sys_names[sys] : sys_names[0];
}

/* Number of at most 2 digits with optional blanks before and after ("01", " 1", "1 ",
 * "  1" ...); everything else is a format error. */
static sky_status_t parse_prn(const char *s, size_t n, int *prn)
{
    size_t i = 0;
    int value = 0;
    int ndigit = 0;
    while (i < n && s[i] == ' ')
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        value = value * 10 + (s[i] - '0');
        ndigit++;
        i++;
    }
    while (i < n && s[i] == ' ')
        i++;
    if (i != n || ndigit == 0 || ndigit > 2)
        return SKY_E_FORMAT;
    *prn = value;
    return SKY_OK;
}

sky_status_t sky_sat_parse(const char *s3, sky_sys_t default_sys, sky_sat_t *sat)
{
    if (!s3 || !sat)
        return SKY_E_ARG;
    size_t n = 0;
    while (n < 3 && s3[n] != '\0') /* at most the 3 columns of the id [1] §3.5 */
        n++;
    sky_sys_t sys = default_sys == SKY_SYS_NONE ? SKY_SYS_GPS : default_sys; /* [2] §5.1 */
    const char *num = s3;
    if (n > 0 && s3[0] != ' ' && (s3[0] < '0' || s3[0] > '9')) {
        sys = sky_sys_from_char(s3[0]);
        if (sys == SKY_SYS_NONE)
            return SKY_E_FORMAT;
        num = s3 + 1;
        n--;
    } else if (n > 0 && s3[0] == ' ' && n == 3) {
        num = s3 + 1; /* " 01" / "  1": blank system column */
        n--;
    }
    if (!sys_valid((int)sys))
        return SKY_E_ARG;
    int prn = 0;
    if (parse_prn(num, n, &prn) != SKY_OK || prn < 1 || prn > SKY_PRN_MAX)
        return SKY_E_FORMAT;
    sat->sys = (uint8_t)sys;
    sat->prn = (uint8_t)prn;
    return SKY_OK;
}

void sky_sat_format(sky_sat_t sat, char buf[4])
{
    if (!buf)
        return;
    if (!sys_valid(sat.sys) || sat.prn < 1 || sat.prn > SKY_PRN_MAX) {
        memcpy(buf, "???", 4);
        return;
    }
    buf[0] = sys_chars[sat.sys];
    buf[1] = (char)('0' + sat.prn / 10);
    buf[2] = (char)('0' + sat.prn % 10);
    buf[3] = '\0';
}

int sky_sat_index(sky_sat_t sat)
{
    if (!sys_valid(sat.sys) || sat.prn < 1 || sat.prn > SKY_PRN_MAX)
        return -1;
    return (sat.sys - 1) * SKY_PRN_MAX + (sat.prn - 1);
}

sky_sat_t sky_sat_from_index(int index)
{
    sky_sat_t sat = {SKY_SYS_NONE, 0};
    if (index < 0 || index >= SKY_NSAT)
        return sat;
    sat.sys = (uint8_t)(index / SKY_PRN_MAX + 1);
    sat.prn = (uint8_t)(index % SKY_PRN_MAX + 1);
    return sat;
}

bool sky_sat_eq(sky_sat_t a, sky_sat_t b)
{
    return a.sys == b.sys && a.prn == b.prn;
}

/* Accepts "G,R,E", "GRE", "G R E" (case-insensitive letters; commas and blanks separate). */
sky_status_t sky_sys_mask_parse(const char *list, unsigned *mask)
{
    if (!list || !mask)
        return SKY_E_ARG;
    unsigned m = 0;
    for (const char *p = list; *p; p++) {
        char c = *p;
        if (c == ',' || c == ' ')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        sky_sys_t sys = sky_sys_from_char(c);
        if (sys == SKY_SYS_NONE)
            return SKY_E_FORMAT;
        m |= 1u << sys;
    }
    if (m == 0)
        return SKY_E_FORMAT;
    *mask = m;
    return SKY_OK;
}
