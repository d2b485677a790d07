/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: fixed-column number parsing. The fast path builds an exact integer mantissa and
 * scales it by one exact power of ten, which IEEE 754 rounds correctly (same result as strtod)
 * while mantissa < 2^53 and |exponent| <= 22; anything else falls back to strtod. */
#include "io/field.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_tab[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static sky__field_rc_t parse_slow(const char *s, size_t n, double *out)
{
    char tmp[64];
    if (n >= sizeof tmp)
        return SKY__FIELD_BAD;
    for (size_t i = 0; i < n; i++)
        tmp[i] = (s[i] == 'D' || s[i] == 'd') ? 'E' : s[i];
    tmp[n] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (end == tmp || *end != '\0' || !isfinite(v))
        return SKY__FIELD_BAD;
    *out = v;
    return SKY__FIELD_OK;
}

static int read_exponent(const char *s, size_t n, size_t *i, int *exp10)
{
    size_t k = *i + 1;
    int sign = 1;
    if (k < n && (s[k] == '+' || s[k] == '-')) {
        sign = s[k] == '-' ? -1 : 1;
        k++;
    }
    if (k >= n)
        return -1;
    int e = 0;
    for (; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
        if (e < 10000)
            e = e * 10 + (s[k] - '0');
    }
    *exp10 = sign * e;
    *i = k;
    return 0;
}

sky__field_rc_t sky__parse_double(const char *s, size_t n, double *out)
{
    while (n > 0 && s[0] == ' ') {
        s++;
        n--;
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return SKY__FIELD_BLANK;
    size_t i = 0;
    int neg = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i++;
    }
    uint64_t mant = 0;
    int ndig = 0, frac_dig = 0, seen_dot = 0, exp10 = 0, any_digit = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (ndig >= 18)
                return parse_slow(s, n, out);
            mant = mant * 10 + (uint64_t)(c - '0');
            any_digit = 1;
            if (mant)
                ndig++;
            frac_dig += seen_dot;
        } else if (c == '.' && !seen_dot) {
            seen_dot = 1;
        } else if (c == 'D' || c == 'd' || c == 'E' || c == 'e') {
            if (read_exponent(s, n, &i, &exp10) != 0 || i != n)
                return SKY__FIELD_BAD;
            break;
        } else {
            return SKY__FIELD_BAD;
        }
    }
    if (!any_digit)
        return SKY__FIELD_BAD; /* "-", ".", "+." */
    int e = exp10 - frac_dig;
    double v = (double)mant;
    if (e < -22 || e > 22 || mant > (UINT64_C(1) << 53))
        return parse_slow(s, n, out); /* one rounding only while the mantissa is exact */
    v = e < 0 ? v / pow10_tab[-e] : v * pow10_tab[e];
    *out = neg ? -v : v;
    return SKY__FIELD_OK;
}

sky__field_rc_t sky__field_double(const char *line, size_t len, size_t col, size_t width,
                                  double *out)
{
    if (col >= len)
        return SKY__FIELD_BLANK;
    if (col + width > len)
        width = len - col;
    return sky__parse_double(line + col, width, out);
}

sky__field_rc_t sky__field_int(const char *line, size_t len, size_t col, size_t width,
                               long *out)
{
    if (col >= len)
        return SKY__FIELD_BLANK;
    if (col + width > len)
        width = len - col;
    const char *s = line + col;
    size_t i = 0, n = width;
    while (i < n && s[i] == ' ')
        i++;
    while (n > i && s[n - 1] == ' ')
        n--;
    if (i == n)
        return SKY__FIELD_BLANK;
    int neg = 0;
    if (s[i] == '-' || s[i] == '+') {
        neg = s[i] == '-';
        i++;
    }
    if (i == n)
        return SKY__FIELD_BAD;
    long v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return SKY__FIELD_BAD;
        if (v > 100000000000L)
            return SKY__FIELD_BAD;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return SKY__FIELD_OK;
}

void sky__field_str(const char *line, size_t len, size_t col, size_t width, char *dst,
                    size_t cap)
{
    dst[0] = '\0';
    if (col >= len || cap == 0)
        return;
    if (col + width > len)
        width = len - col;
    const char *s = line + col;
    size_t i = 0, n = width;
    while (i < n && s[i] == ' ')
        i++;
    while (n > i && s[n - 1] == ' ')
        n--;
    size_t m = n - i < cap - 1 ? n - i : cap - 1;
    memcpy(dst, s + i, m);
    dst[m] = '\0';
}

int sky__rinex_label_is(const char *line, size_t len, const char *label)
{
    size_t n = strlen(label);
    return len >= 60 + n && memcmp(line + 60, label, n) == 0;
}
