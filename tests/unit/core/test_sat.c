/* SPDX-License-Identifier: BSD-2-Clause */
/* Satellite ids, system letters and the index table.
 * References: [1] RINEX 3.05 §3.5 (G R E C J I S, two-digit numbers; QZSS J01 = PRN 193,
 * SBAS S20 = PRN 120); [2] RINEX 2.11 §5.1 (blank system identifier means GPS). */
#include "testutil.h"

#include <string.h>

#include "skyfix/sat.h"

static void expect_sat(const char *s, sky_sys_t def, sky_sys_t sys, int prn)
{
    sky_sat_t sat = {0, 0};
    sky_status_t st = sky_sat_parse(s, def, &sat);
    if (st != SKY_OK)
        fail_msg("\"%s\": status %d", s, st);
    assert_int_equal(sat.sys, sys);
    assert_int_equal(sat.prn, prn);
}

static void test_parse_valid(void **state)
{
    (void)state;
    expect_sat("G01", SKY_SYS_NONE, SKY_SYS_GPS, 1);
    expect_sat("G 1", SKY_SYS_NONE, SKY_SYS_GPS, 1);
    expect_sat("R24", SKY_SYS_NONE, SKY_SYS_GLO, 24);
    expect_sat("E36", SKY_SYS_NONE, SKY_SYS_GAL, 36);
    expect_sat("C59", SKY_SYS_NONE, SKY_SYS_BDS, 59);
    expect_sat("J01", SKY_SYS_NONE, SKY_SYS_QZS, 1);
    expect_sat("I09", SKY_SYS_NONE, SKY_SYS_IRN, 9);
    expect_sat("S20", SKY_SYS_NONE, SKY_SYS_SBS, 20);
    expect_sat(" 1", SKY_SYS_NONE, SKY_SYS_GPS, 1);   /* [2] */
    expect_sat("  1", SKY_SYS_NONE, SKY_SYS_GPS, 1);
    expect_sat(" 12", SKY_SYS_NONE, SKY_SYS_GPS, 12);
    expect_sat(" 5", SKY_SYS_GLO, SKY_SYS_GLO, 5);    /* RINEX 2 GLONASS file */
    expect_sat("G1 ", SKY_SYS_NONE, SKY_SYS_GPS, 1);
    /* only the 3 columns of one id are read (RINEX 2 epoch lines chain ids) */
    expect_sat("G05G12R07", SKY_SYS_NONE, SKY_SYS_GPS, 5);
    expect_sat("R07", SKY_SYS_GPS, SKY_SYS_GLO, 7);
}

static void test_parse_junk(void **state)
{
    (void)state;
    static const char *junk[] = {"", "G", "G  ", "   ", "X01", "g01", "G00", "G-1", "G1x",
                                 "101", "\x01\x02\x03", "GG1", "G 0", "0", "M01"};
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
        sky_sat_t sat;
        if (sky_sat_parse(junk[i], SKY_SYS_NONE, &sat) != SKY_E_FORMAT)
            fail_msg("junk %zu \"%s\" accepted", i, junk[i]);
    }
    sky_sat_t sat;
    assert_int_equal(sky_sat_parse(NULL, SKY_SYS_NONE, &sat), SKY_E_ARG);
}

static void test_format_and_chars(void **state)
{
    (void)state;
    char buf[4];
    sky_sat_t s = {SKY_SYS_QZS, 3};
    sky_sat_format(s, buf);
    assert_string_equal(buf, "J03");
    s.sys = SKY_SYS_BDS;
    s.prn = 59;
    sky_sat_format(s, buf);
    assert_string_equal(buf, "C59");
    s.sys = 0;
    sky_sat_format(s, buf);
    assert_string_equal(buf, "???");
    const char *letters = "GRECJIS";
    for (int i = 0; letters[i]; i++) {
        assert_int_equal(sky_sys_from_char(letters[i]), i + 1);
        assert_int_equal(sky_sys_char((sky_sys_t)(i + 1)), letters[i]);
    }
    assert_int_equal(sky_sys_from_char('M'), SKY_SYS_NONE);
    assert_int_equal(sky_sys_char(SKY_SYS_NONE), '?');
    assert_string_equal(sky_sys_name(SKY_SYS_GAL), "Galileo");
    assert_string_equal(sky_sys_name(SKY_SYS_GLO), "GLONASS");
}

static void test_index(void **state)
{
    (void)state;
    /* index = (sys-1)*99 + prn-1 (sat.h); every id round-trips, indices are dense */
    assert_int_equal(SKY_NSAT, 7 * 99);
    sky_sat_t g1 = {SKY_SYS_GPS, 1};
    sky_sat_t r1 = {SKY_SYS_GLO, 1};
    sky_sat_t s99 = {SKY_SYS_SBS, 99};
    assert_int_equal(sky_sat_index(g1), 0);
    assert_int_equal(sky_sat_index(r1), 99);
    assert_int_equal(sky_sat_index(s99), SKY_NSAT - 1);
    for (int i = 0; i < SKY_NSAT; i++) {
        sky_sat_t s = sky_sat_from_index(i);
        assert_int_equal(sky_sat_index(s), i);
        char buf[4];
        sky_sat_format(s, buf);
        sky_sat_t back;
        assert_int_equal(sky_sat_parse(buf, SKY_SYS_NONE, &back), SKY_OK);
        assert_true(sky_sat_eq(back, s));
    }
    sky_sat_t bad = {SKY_SYS_GPS, 0};
    assert_int_equal(sky_sat_index(bad), -1);
    bad.sys = SKY_SYS_COUNT;
    bad.prn = 1;
    assert_int_equal(sky_sat_index(bad), -1);
    assert_int_equal(sky_sat_from_index(-1).sys, SKY_SYS_NONE);
    assert_int_equal(sky_sat_from_index(SKY_NSAT).sys, SKY_SYS_NONE);
}

static void test_mask(void **state)
{
    (void)state;
    unsigned m = 0;
    unsigned gre = (1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL);
    assert_int_equal(sky_sys_mask_parse("G,R,E", &m), SKY_OK);
    assert_int_equal(m, gre);
    assert_int_equal(sky_sys_mask_parse("GRE", &m), SKY_OK);
    assert_int_equal(m, gre);
    assert_int_equal(sky_sys_mask_parse("g, r ,e", &m), SKY_OK);
    assert_int_equal(m, gre);
    assert_int_equal(sky_sys_mask_parse("C", &m), SKY_OK);
    assert_int_equal(m, 1u << SKY_SYS_BDS);
    m = 12345;
    assert_int_equal(sky_sys_mask_parse("G,X", &m), SKY_E_FORMAT);
    assert_int_equal(sky_sys_mask_parse("", &m), SKY_E_FORMAT);
    assert_int_equal(sky_sys_mask_parse("G;R", &m), SKY_E_FORMAT);
    assert_int_equal(m, 12345);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),       cmocka_unit_test(test_parse_junk),
        cmocka_unit_test(test_format_and_chars),  cmocka_unit_test(test_index),
        cmocka_unit_test(test_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
