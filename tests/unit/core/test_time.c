/* SPDX-License-Identifier: BSD-2-Clause */
/* GPST arithmetic, calendar, week counts and leap seconds against published dates.
 * References for the expected values:
 *  [1] IS-GPS-200N §3.3.4: GPS week 0 starts 1980-01-06 00:00:00; 1999-08-22 = week 1024 day 0
 *      (first 10-bit rollover), 2019-04-07 = week 2048 day 0 (second rollover)
 *  [2] IGS weekly SINEX igs20P2131 (file name = GPS week 2131; solution epoch 20:316:43200,
 *      the middle of the week, tow 302400 s)
 *  [3] IERS Bulletin C 52 (2016-07-06): leap second at the end of 2016-12-31, TAI-UTC 37 s,
 *      so GPST-UTC = 37 - 19 = 18 s from 2017-01-01
 *  [4] Galileo OS-SIS-ICD Issue 2.1 §5.1.2: GST week 0 starts 1999-08-22 00:00:00 (GPST)
 *  [5] BDS-SIS-ICD-B1I v3.0 §5.1.2: BDT starts 2006-01-01 00:00:00 UTC, then GPST-UTC = 14 s
 *  [6] GLONASS ICD Edition 5.1 §3.3.3: GLONASST = UTC(SU) + 3 h
 *  [7] LEAP SECONDS header lines of real RINEX files in the shared data (value written by the
 *      IGS/GSI/DLR producers at the date of the file's first record) */
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/time.h"

static sky_time_t civil(int y, int mo, int d, int h, int mi, double s)
{
    sky_civil_t c = {y, mo, d, h, mi, s};
    sky_time_t t = {0, 0.0};
    assert_int_equal(sky_time_from_civil(&c, &t), SKY_OK);
    return t;
}

static void check_week(int y, int mo, int d, int week, double tow_s)
{
    int w = -1;
    double tow = -1;
    sky_time_to_gpst(civil(y, mo, d, 0, 0, 0.0), &w, &tow);
    assert_int_equal(w, week);
    SKY_ASSERT_NEAR(tow, tow_s, 0.0);
}

static void test_gps_week_published(void **state)
{
    (void)state;
    check_week(1980, 1, 6, 0, 0);             /* [1] */
    check_week(1999, 8, 22, 1024, 0);         /* [1] first rollover */
    check_week(2019, 4, 7, 2048, 0);          /* [1] second rollover */
    check_week(2020, 6, 25, 2111, 4 * 86400); /* IGS calendar: 2020-06-25 = 2111 day 4 */
    check_week(2020, 11, 8, 2131, 0);         /* [2] */
    check_week(2006, 1, 1, 1356, 0);          /* [5] Sunday 2006-01-01 */
    /* [2]: year 2020 day 316 (2020-11-11) 43200 s = week 2131, tow 302400 s */
    int w;
    double tow;
    sky_time_to_gpst(civil(2020, 11, 11, 12, 0, 0.0), &w, &tow);
    assert_int_equal(w, 2131);
    SKY_ASSERT_NEAR(tow, 302400.0, 0.0);
    sky_time_t t = sky_time_from_gpst(2131, 302400.25);
    sky_civil_t c;
    sky_time_to_civil(t, &c);
    assert_int_equal(c.year, 2020);
    assert_int_equal(c.month, 11);
    assert_int_equal(c.day, 11);
    assert_int_equal(c.hour, 12);
    SKY_ASSERT_NEAR(c.sec, 0.25, 0.0);
}

static void test_add_keeps_nanoseconds(void **state)
{
    (void)state;
    sky_time_t t0 = sky_time_from_gpst(2111, 0.123456789);
    sky_time_t t = t0;
    for (int i = 0; i < 864000; i++)
        t = sky_time_add(t, 0.1);
    /* exact: 864000 * 0.1 s = 86400 s */
    assert_true(t.frac_s >= 0.0 && t.frac_s < 1.0);
    SKY_ASSERT_NEAR(sky_time_diff_s(t, t0), 86400.0, 1e-9);
    assert_true(t.sec == t0.sec + 86400);
    SKY_ASSERT_NEAR(t.frac_s, t0.frac_s, 1e-9);
    for (int i = 0; i < 864000; i++)
        t = sky_time_add(t, -0.1);
    assert_true(t.sec == t0.sec);
    SKY_ASSERT_NEAR(t.frac_s, t0.frac_s, 1e-9);
    /* 30 s epochs over a week: 20160 steps, must land exactly on the next week */
    sky_time_t s = sky_time_from_gpst(2111, 1e-9);
    for (int i = 0; i < 20160; i++)
        s = sky_time_add(s, 30.0);
    sky_time_t expect = sky_time_from_gpst(2112, 1e-9);
    assert_true(s.sec == expect.sec && s.frac_s == expect.frac_s);
}

static void test_make_and_cmp(void **state)
{
    (void)state;
    sky_time_t t = sky_time_make(10, -0.25);
    assert_true(t.sec == 9 && t.frac_s == 0.75);
    t = sky_time_make(10, 3.5);
    assert_true(t.sec == 13 && t.frac_s == 0.5);
    t = sky_time_make(10, -1e-30);
    assert_true(t.sec <= 10 && t.frac_s >= 0.0 && t.frac_s < 1.0);
    assert_int_equal(sky_time_cmp(sky_time_make(5, 0.5), sky_time_make(5, 0.25)), 1);
    assert_int_equal(sky_time_cmp(sky_time_make(4, 0.5), sky_time_make(5, 0.25)), -1);
    assert_int_equal(sky_time_cmp(sky_time_make(5, 0.5), sky_time_make(5, 0.5)), 0);
    SKY_ASSERT_NEAR(sky_time_diff_s(sky_time_make(5, 0.25), sky_time_make(7, 0.75)), -2.5, 0);
    /* invalid input never gives a silently wrong time */
    assert_true(isnan(sky_time_add(t, NAN).frac_s));
    assert_true(isnan(sky_time_add(t, 1e300).frac_s));
    /* extreme values (an absent time is sec = INT64_MIN in obs.h): no overflow, NaN result */
    sky_time_t lo = {INT64_MIN, 0.0}, hi = {INT64_MAX, 0.5};
    assert_true(isnan(sky_time_add(lo, -1.0).frac_s));
    assert_true(isnan(sky_time_add(hi, 1.0).frac_s));
    assert_true(isnan(sky_time_from_gpst_to(lo, SKY_TS_BDT, NULL).frac_s));
    assert_true(isnan(sky_time_to_gpst_from(hi, SKY_TS_BDT, NULL).frac_s));
    assert_true(sky_time_diff_s(hi, lo) > 1e19);
    int w;
    double tow;
    sky_time_to_gpst(lo, &w, &tow);
    assert_true(tow >= 0.0 && tow < 604800.0);
    sky_civil_t c;
    sky_time_to_civil(lo, &c);
    char buf[64];
    sky_time_format(hi, 3, buf, sizeof buf);
}

static void test_civil_validation_and_round_trip(void **state)
{
    (void)state;
    sky_civil_t bad[] = {{2021, 2, 29, 0, 0, 0}, {2100, 2, 29, 0, 0, 0}, {1980, 1, 5, 0, 0, 0},
                         {2200, 1, 1, 0, 0, 0},  {2021, 13, 1, 0, 0, 0}, {2021, 1, 1, 24, 0, 0},
                         {2021, 1, 1, 0, 60, 0}, {2021, 1, 1, 0, 0, 61}, {2021, 1, 1, 0, 0, NAN},
                         {2021, 4, 31, 0, 0, 0}, {2021, 1, 1, 0, 0, -1}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sky_time_t t;
        assert_int_equal(sky_time_from_civil(&bad[i], &t), SKY_E_RANGE);
    }
    sky_civil_t leapday = {2000, 2, 29, 23, 59, 59.5};
    sky_time_t t;
    assert_int_equal(sky_time_from_civil(&leapday, &t), SKY_OK);
    /* every day 1980-01-06 .. 2199-12-31 round-trips, consecutive days are 86400 s apart */
    sky_time_t prev = civil(1980, 1, 6, 0, 0, 0);
    for (int64_t d = 1; d < 80000; d++) {
        sky_time_t td = sky_time_make(prev.sec + 86400, 0);
        sky_civil_t c;
        sky_time_to_civil(td, &c);
        if (c.year > 2199)
            break;
        sky_time_t back = civil(c.year, c.month, c.day, 0, 0, 0);
        assert_true(back.sec == td.sec);
        assert_true(c.day >= 1 && c.day <= 31 && c.hour == 0 && c.sec == 0);
        prev = td;
    }
}

static void test_gst_bdt(void **state)
{
    (void)state;
    /* [4] GST week 0 = 1999-08-22 00:00:00 GPST */
    sky_time_t t = sky_time_from_gst(0, 0.0);
    assert_true(t.sec == civil(1999, 8, 22, 0, 0, 0).sec);
    int w;
    double tow;
    sky_time_to_gst(civil(2020, 6, 25, 0, 0, 0), &w, &tow);
    assert_int_equal(w, 2111 - 1024);
    SKY_ASSERT_NEAR(tow, 4 * 86400.0, 0);
    /* [5] BDT week 0 tow 0 = 2006-01-01 00:00:00 UTC = 2006-01-01 00:00:14 GPST */
    t = sky_time_from_bdt(0, 0.0);
    assert_true(t.sec == civil(2006, 1, 1, 0, 0, 14).sec);
    sky_time_t utc0 = sky_time_to_gpst_from(civil(2006, 1, 1, 0, 0, 0), SKY_TS_UTC, NULL);
    assert_true(utc0.sec == t.sec);
    sky_time_to_bdt(civil(2006, 1, 1, 0, 0, 14), &w, &tow);
    assert_int_equal(w, 0);
    SKY_ASSERT_NEAR(tow, 0.0, 0);
    sky_time_to_bdt(civil(2006, 1, 1, 0, 0, 13.5), &w, &tow);
    assert_int_equal(w, -1);
    SKY_ASSERT_NEAR(tow, 604799.5, 0);
    /* a BDT week/tow maps back */
    sky_time_to_bdt(sky_time_from_bdt(777, 12345.5), &w, &tow);
    assert_int_equal(w, 777);
    SKY_ASSERT_NEAR(tow, 12345.5, 0);
    /* BDT scale: GPST - 14 s */
    sky_time_t g = civil(2020, 1, 1, 0, 0, 0);
    assert_true(sky_time_from_gpst_to(g, SKY_TS_BDT, NULL).sec == g.sec - 14);
    assert_true(sky_time_to_gpst_from(g, SKY_TS_BDT, NULL).sec == g.sec + 14);
    assert_true(sky_time_from_gpst_to(g, SKY_TS_TAI, NULL).sec == g.sec + 19);
    assert_true(sky_time_from_gpst_to(g, SKY_TS_GAL, NULL).sec == g.sec);
}

static void test_leap_seconds(void **state)
{
    (void)state;
    /* [3]: UTC 2016-12-31 23:59:59 -> GPST-UTC 17; UTC 2017-01-01 00:00:00 -> 18 */
    sky_time_t u1 = civil(2016, 12, 31, 23, 59, 59);
    sky_time_t u2 = civil(2017, 1, 1, 0, 0, 0);
    assert_true(sky_time_to_gpst_from(u1, SKY_TS_UTC, NULL).sec == u1.sec + 17);
    assert_true(sky_time_to_gpst_from(u2, SKY_TS_UTC, NULL).sec == u2.sec + 18);
    assert_int_equal(sky_leap_gpst_minus_utc_s(NULL, sky_time_make(u2.sec + 18, 0)), 18);
    assert_int_equal(sky_leap_gpst_minus_utc_s(NULL, sky_time_make(u1.sec + 17, 0)), 17);
    /* GPST 2017-01-01 00:00:18 is UTC 00:00:00; GPST 00:00:16.5 is UTC 2016-12-31 23:59:59.5 */
    sky_time_t back = sky_time_from_gpst_to(sky_time_make(u2.sec + 18, 0), SKY_TS_UTC, NULL);
    assert_true(back.sec == u2.sec && back.frac_s == 0);
    back = sky_time_from_gpst_to(sky_time_make(u1.sec + 17, 0.5), SKY_TS_UTC, NULL);
    assert_true(back.sec == u1.sec && back.frac_s == 0.5);
    /* values at other published steps (Bulletin C history) */
    struct { int y, m, d, before, after; } steps[] = {
        {1981, 7, 1, 0, 1}, {1988, 1, 1, 4, 5}, {1999, 1, 1, 12, 13}, {2006, 1, 1, 13, 14},
        {2009, 1, 1, 14, 15}, {2012, 7, 1, 15, 16}, {2015, 7, 1, 16, 17}};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        sky_time_t day = civil(steps[i].y, steps[i].m, steps[i].d, 0, 0, 0);
        sky_time_t before = sky_time_make(day.sec - 1, 0);
        assert_true(sky_time_to_gpst_from(before, SKY_TS_UTC, NULL).sec ==
                    before.sec + steps[i].before);
        assert_true(sky_time_to_gpst_from(day, SKY_TS_UTC, NULL).sec == day.sec + steps[i].after);
    }
    assert_int_equal(sky_leap_gpst_minus_utc_s(NULL, civil(1980, 1, 6, 0, 0, 0)), 0);
    assert_int_equal(sky_leap_gpst_minus_utc_s(NULL, civil(2026, 1, 1, 0, 0, 0)), 18);
    /* a caller's own table */
    static const sky_leap_entry_t mine[] = {{1980, 1, 6, 0}, {2030, 1, 1, 19}};
    sky_leap_table_t tbl = {mine, 2};
    assert_int_equal(sky_leap_gpst_minus_utc_s(&tbl, civil(2031, 1, 1, 0, 0, 0)), 19);
    assert_int_equal(sky_leap_gpst_minus_utc_s(&tbl, civil(2020, 1, 1, 0, 0, 0)), 0);
    assert_int_equal(sky_leap_table_builtin()->entries[sky_leap_table_builtin()->n - 1]
                         .gpst_minus_utc_s, 18);
}

typedef struct {
    const char *file;
    int y, m, d; /* date of the file's first record */
} leap_file_t;

/* First integer of the file's LEAP SECONDS header line, -1 if none. */
static long read_leap_header(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[256];
    long value = -1;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "LEAP SECONDS")) {
            value = strtol(line, NULL, 10);
            break;
        }
        if (strstr(line, "END OF HEADER"))
            break;
    }
    fclose(f);
    return value;
}

static void test_leap_against_rinex_headers(void **state)
{
    (void)state;
    static const leap_file_t files[] = {
        {"rtklib/rinex/07590920.05n", 2005, 4, 2},
        {"rtklib/rinex/brdc0910.09g", 2009, 4, 1},
        {"rtklib/rinex/brdc1820.10n", 2010, 7, 1},
        {"georinex/BRDM00DLR_R_20130010000_01D_MN.rnx", 2013, 1, 1},
        {"georinex/brdc2800.15n", 2015, 10, 7},
        {"georinex/14601736.18n", 2018, 6, 22},
        {"georust/OBS/V3/pdel0010.21o", 2021, 1, 1},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *path = sky_test_data(files[i].file);
        long leap = read_leap_header(path);
        free(path);
        sky_time_t t = civil(files[i].y, files[i].m, files[i].d, 12, 0, 0);
        if (sky_leap_gpst_minus_utc_s(NULL, t) != leap)
            fail_msg("%s: header says %ld, table gives %d", files[i].file, leap,
                     sky_leap_gpst_minus_utc_s(NULL, t));
    }
    /* pdel0010.21o also announces "18 18 1929 7": the step to 18 s at the end of GPS week
     * 1929 day 7 (IS-GPS-200N §20.3.3.5.2.4 WN_LSF, DN counted 1..7 from Sunday) */
    sky_time_t step = sky_time_from_gpst(1929, 7 * 86400.0);
    assert_int_equal(sky_leap_gpst_minus_utc_s(NULL, sky_time_add(step, 16.0)), 17);
    assert_int_equal(sky_leap_gpst_minus_utc_s(NULL, sky_time_add(step, 18.0)), 18);
}

static void test_glonass_time(void **state)
{
    (void)state;
    /* [6]: GPST 2020-06-25 12:00:00 = UTC 11:59:42 = GLONASST 14:59:42 */
    sky_time_t g = civil(2020, 6, 25, 12, 0, 0);
    sky_time_t glo = sky_time_from_gpst_to(g, SKY_TS_GLO, NULL);
    assert_true(glo.sec == civil(2020, 6, 25, 14, 59, 42).sec);
    sky_time_t back = sky_time_to_gpst_from(glo, SKY_TS_GLO, NULL);
    assert_true(back.sec == g.sec);
    /* GLONASST 2017-01-01 02:59:59 is still 2016 in UTC (17 s); 03:00:00 is 2017 (18 s) */
    sky_time_t a = sky_time_to_gpst_from(civil(2017, 1, 1, 2, 59, 59), SKY_TS_GLO, NULL);
    assert_true(a.sec == civil(2016, 12, 31, 23, 59, 59).sec + 17);
    sky_time_t b = sky_time_to_gpst_from(civil(2017, 1, 1, 3, 0, 0), SKY_TS_GLO, NULL);
    assert_true(b.sec == civil(2017, 1, 1, 0, 0, 0).sec + 18);
}

static void test_week_resolve(void **state)
{
    (void)state;
    sky_time_t near = civil(2020, 6, 25, 0, 0, 0);
    assert_int_equal(sky_week_resolve(2111 % 1024, 1024, near), 2111);
    /* across the 2019-04-07 rollover [1] */
    assert_int_equal(sky_week_resolve(1023, 1024, sky_time_from_gpst(2048, 10)), 2047);
    assert_int_equal(sky_week_resolve(0, 1024, sky_time_from_gpst(2047, 600000)), 2048);
    assert_int_equal(sky_week_resolve(2111, 8192, near), 2111);
    assert_int_equal(sky_week_resolve(500, 1024, civil(1990, 1, 1, 0, 0, 0)), 500);
    assert_int_equal(sky_week_resolve(1024, 1024, near), -1);
    assert_int_equal(sky_week_resolve(5, 0, near), -1);
}

static void test_names_and_format(void **state)
{
    (void)state;
    static const char *names[] = {"GPS", "GLO", "GAL", "BDT", "QZS", "IRN", "UTC", "TAI"};
    for (int i = 0; i < 8; i++) {
        sky_timesys_t ts;
        assert_int_equal(sky_timesys_parse(names[i], &ts), SKY_OK);
        assert_int_equal(ts, i);
        assert_string_equal(sky_timesys_name(ts), names[i]);
    }
    sky_timesys_t ts;
    assert_int_equal(sky_timesys_parse("   GPS", &ts), SKY_OK);
    assert_int_equal(sky_timesys_parse("XYZ", &ts), SKY_E_FORMAT);
    assert_int_equal(sky_timesys_parse("GP", &ts), SKY_E_FORMAT);
    char buf[64];
    sky_time_t t = civil(2020, 6, 25, 12, 34, 56.789);
    sky_time_format(t, 3, buf, sizeof buf);
    assert_string_equal(buf, "2020-06-25 12:34:56.789");
    sky_time_format(t, 0, buf, sizeof buf);
    assert_string_equal(buf, "2020-06-25 12:34:57");
    sky_time_format(civil(2020, 12, 31, 23, 59, 59.9996), 3, buf, sizeof buf);
    assert_string_equal(buf, "2021-01-01 00:00:00.000");
    size_t n = sky_time_format(t, 9, buf, 8);
    assert_int_equal(n, 7);
    assert_string_equal(buf, "2020-06");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gps_week_published),
        cmocka_unit_test(test_add_keeps_nanoseconds),
        cmocka_unit_test(test_make_and_cmp),
        cmocka_unit_test(test_civil_validation_and_round_trip),
        cmocka_unit_test(test_gst_bdt),
        cmocka_unit_test(test_leap_seconds),
        cmocka_unit_test(test_leap_against_rinex_headers),
        cmocka_unit_test(test_glonass_time),
        cmocka_unit_test(test_week_resolve),
        cmocka_unit_test(test_names_and_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
