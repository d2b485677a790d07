/* SPDX-License-Identifier: BSD-2-Clause */
/* Fixed-column number parsing against strtod (the C library is the independent reference). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "io/field.h"

static void test_matches_strtod(void **state)
{
    (void)state;
    static const char *cases[] = {"  23619095.450", "-353.8830", "0.1234D+05", "-.5E-3",
                                  "1.0d0", "   -1.490116119385D-08", "4.656612873077D-10",
                                  "123456789012.123", "0", "-0.000", "7.0", "1e300",
                                  /* 17-digit mantissas (> 2^53): rounded twice before */
                                  "87656451117732830e-2", "35012156366746601D-9",
                                  "76688353656889.383"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char tmp[64];
        strcpy(tmp, cases[i]);
        for (char *p = tmp; *p; p++)
            if (*p == 'D' || *p == 'd')
                *p = 'E';
        double ref = strtod(tmp, NULL), v = -999;
        assert_int_equal(sky__parse_double(cases[i], strlen(cases[i]), &v), SKY__FIELD_OK);
        assert_true(v == ref);
    }
}

static void test_blank_and_bad(void **state)
{
    (void)state;
    double v;
    long k;
    assert_int_equal(sky__parse_double("      ", 6, &v), SKY__FIELD_BLANK);
    assert_int_equal(sky__parse_double(" 12.3x", 6, &v), SKY__FIELD_BAD);
    assert_int_equal(sky__parse_double("  -   ", 6, &v), SKY__FIELD_BAD);
    assert_int_equal(sky__parse_double("1.0D+", 5, &v), SKY__FIELD_BAD);
    assert_int_equal(sky__field_double("abc", 3, 10, 14, &v), SKY__FIELD_BLANK);
    assert_int_equal(sky__field_int(" 2021 01", 8, 0, 5, &k), SKY__FIELD_OK);
    assert_int_equal(k, 2021);
    assert_int_equal(sky__field_int(" 20x1", 5, 0, 5, &k), SKY__FIELD_BAD);
    char s[8];
    sky__field_str("  AB C   ", 9, 0, 9, s, sizeof s);
    assert_string_equal(s, "AB C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_strtod),
        cmocka_unit_test(test_blank_and_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
