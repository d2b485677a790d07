/* SPDX-License-Identifier: BSD-2-Clause */
/* Observation codes and carrier frequencies.
 * References for the expected values:
 *  [1] RINEX 3.05 (2020-12-01) Table 4-10 (carrier frequencies per system and band)
 *  [2] GLONASS ICD Edition 5.1 (2008) Table 3.3.1.4 nominal values: k = -7: L1 1598.0625 MHz,
 *      L2 1242.9375 MHz; k = +6: L1 1605.3750 MHz, L2 1248.6250 MHz
 *  [3] RTKLIB 2.4.3 b34 (Debian) convbin -r rinex -v 3.03 run on georust AJAC3550.21O and
 *      rovn0010.21o (RINEX 2.11): the SYS / # / OBS TYPES it writes for their v2 types */
#include "testutil.h"

#include <string.h>

#include "skyfix/signal.h"

static void test_parse_codes(void **state)
{
    (void)state;
    static const char *good[] = {"C1C", "L1C", "D1C", "S1C", "C1W", "C2L", "L2W", "C5Q", "L5X",
                                 "C1P", "C4A", "L6B", "C3I", "C7Q", "L8X", "C6Z", "C2I", "L1D",
                                 "C5D", "C7Z", "C9A", "S9C", "C1Y", "C1M", "L1N", "C6E", "X1 "};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        sky_obs_code_t c;
        if (sky_obs_code_parse(good[i], &c) != SKY_OK)
            fail_msg("rejected %s", good[i]);
        assert_int_equal(c.band, good[i][1]);
        assert_int_equal(c.attr, good[i][2]);
    }
    sky_obs_code_t c;
    assert_int_equal(sky_obs_code_parse("L5Q", &c), SKY_OK);
    assert_int_equal(c.kind, SKY_OBS_PHASE);
    assert_string_equal(c.text, "L5Q");
    assert_int_equal(sky_obs_code_parse("S2W", &c), SKY_OK);
    assert_int_equal(c.kind, SKY_OBS_SNR);
    assert_int_equal(sky_obs_code_parse("D7I", &c), SKY_OK);
    assert_int_equal(c.kind, SKY_OBS_DOPPLER);
    assert_int_equal(sky_obs_code_parse("C1", &c), SKY_OK); /* RINEX 3.00 style */
    assert_int_equal(c.attr, ' ');
    assert_string_equal(c.text, "C1");
    static const char *bad[] = {"", "C", "C0C", "CAC", "P1C", "C1c", "c1C", "C1?", "Q1C", "\xff"
                                "1C", "C1F", "C1G"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (sky_obs_code_parse(bad[i], &c) != SKY_E_FORMAT)
            fail_msg("accepted %s", bad[i]);
    }
}

typedef struct {
    sky_sys_t sys;
    const char *v2, *v3;
} v2_case_t;

static void test_v2_mapping_like_convbin(void **state)
{
    (void)state;
    static const v2_case_t cases[] = {
        /* [3] AJAC3550.21O */
        {SKY_SYS_GPS, "C1", "C1C"}, {SKY_SYS_GPS, "L1", "L1C"}, {SKY_SYS_GPS, "D1", "D1C"},
        {SKY_SYS_GPS, "S1", "S1C"}, {SKY_SYS_GPS, "P2", "C2W"}, {SKY_SYS_GPS, "L2", "L2W"},
        {SKY_SYS_GPS, "D2", "D2W"}, {SKY_SYS_GPS, "S2", "S2W"}, {SKY_SYS_GPS, "C5", "C5X"},
        {SKY_SYS_GPS, "L5", "L5X"}, {SKY_SYS_GPS, "D5", "D5X"}, {SKY_SYS_GPS, "S5", "S5X"},
        {SKY_SYS_GLO, "C1", "C1C"}, {SKY_SYS_GLO, "L1", "L1C"}, {SKY_SYS_GLO, "D1", "D1C"},
        {SKY_SYS_GLO, "S1", "S1C"}, {SKY_SYS_GLO, "P2", "C2P"}, {SKY_SYS_GLO, "L2", "L2P"},
        {SKY_SYS_GLO, "D2", "D2P"}, {SKY_SYS_GLO, "S2", "S2P"}, {SKY_SYS_GLO, "C2", "C2C"},
        {SKY_SYS_GAL, "C1", "C1X"}, {SKY_SYS_GAL, "L1", "L1X"}, {SKY_SYS_GAL, "C7", "C7X"},
        {SKY_SYS_GAL, "L7", "L7X"}, {SKY_SYS_GAL, "D7", "D7X"}, {SKY_SYS_GAL, "S7", "S7X"},
        {SKY_SYS_GAL, "C5", "C5X"}, {SKY_SYS_GAL, "L5", "L5X"}, {SKY_SYS_GAL, "C8", "C8X"},
        {SKY_SYS_GAL, "L8", "L8X"}, {SKY_SYS_GAL, "S8", "S8X"}, {SKY_SYS_SBS, "C1", "C1C"},
        {SKY_SYS_SBS, "L1", "L1C"}, {SKY_SYS_SBS, "S1", "S1C"},
        /* [3] rovn0010.21o */
        {SKY_SYS_GPS, "P1", "C1W"}, {SKY_SYS_GPS, "C2", "C2X"},
        /* RINEX 3.05 §8.1 conventions (no peer output): GLONASS P1, SBAS L5, BDS B1I/B2I/B3I */
        {SKY_SYS_GLO, "P1", "C1P"}, {SKY_SYS_SBS, "C5", "C5X"}, {SKY_SYS_BDS, "C2", "C2I"},
        {SKY_SYS_BDS, "C7", "C7I"}, {SKY_SYS_BDS, "C6", "C6I"}, {SKY_SYS_BDS, "L2", "L2I"},
        {SKY_SYS_GAL, "C6", "C6X"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sky_obs_code_t c;
        sky_status_t st = sky_obs_code_from_v2(cases[i].v2, cases[i].sys, &c);
        if (st != SKY_OK || strcmp(c.text, cases[i].v3) != 0)
            fail_msg("%c %s: got %s (status %d), expected %s", sky_sys_char(cases[i].sys),
                     cases[i].v2, st == SKY_OK ? c.text : "-", st, cases[i].v3);
        sky_obs_code_t p;
        assert_int_equal(sky_obs_code_parse(c.text, &p), SKY_OK);
        assert_int_equal(p.kind, c.kind);
    }
    sky_obs_code_t c;
    assert_int_equal(sky_obs_code_from_v2("P1", SKY_SYS_GAL, &c), SKY_E_FORMAT);
    assert_int_equal(sky_obs_code_from_v2("C2", SKY_SYS_GAL, &c), SKY_E_FORMAT);
    assert_int_equal(sky_obs_code_from_v2("L3", SKY_SYS_GPS, &c), SKY_E_FORMAT);
    assert_int_equal(sky_obs_code_from_v2("Z1", SKY_SYS_GPS, &c), SKY_E_FORMAT);
    assert_int_equal(sky_obs_code_from_v2("C", SKY_SYS_GPS, &c), SKY_E_FORMAT);
    assert_int_equal(sky_obs_code_from_v2("", SKY_SYS_GPS, &c), SKY_E_FORMAT);
    assert_int_equal(sky_obs_code_from_v2("C1X", SKY_SYS_GPS, &c), SKY_E_FORMAT);
    assert_int_equal(sky_obs_code_from_v2("C1", SKY_SYS_NONE, &c), SKY_E_FORMAT);
}

typedef struct {
    sky_sys_t sys;
    char band;
    double mhz;
    const char *name;
} freq_case_t;

static void test_frequencies_table_4_10(void **state)
{
    (void)state;
    static const freq_case_t cases[] = {
        {SKY_SYS_GPS, '1', 1575.42, "L1"},   {SKY_SYS_GPS, '2', 1227.60, "L2"},
        {SKY_SYS_GPS, '5', 1176.45, "L5"},   {SKY_SYS_GLO, '4', 1600.995, "G1a"},
        {SKY_SYS_GLO, '6', 1248.06, "G2a"},  {SKY_SYS_GLO, '3', 1202.025, "G3"},
        {SKY_SYS_GAL, '1', 1575.42, "E1"},   {SKY_SYS_GAL, '5', 1176.45, "E5a"},
        {SKY_SYS_GAL, '7', 1207.140, "E5b"}, {SKY_SYS_GAL, '8', 1191.795, "E5"},
        {SKY_SYS_GAL, '6', 1278.75, "E6"},   {SKY_SYS_SBS, '1', 1575.42, "L1"},
        {SKY_SYS_SBS, '5', 1176.45, "L5"},   {SKY_SYS_QZS, '1', 1575.42, "L1"},
        {SKY_SYS_QZS, '2', 1227.60, "L2"},   {SKY_SYS_QZS, '5', 1176.45, "L5"},
        {SKY_SYS_QZS, '6', 1278.75, "L6"},   {SKY_SYS_BDS, '1', 1575.42, "B1C"},
        {SKY_SYS_BDS, '2', 1561.098, "B1I"}, {SKY_SYS_BDS, '5', 1176.45, "B2a"},
        {SKY_SYS_BDS, '7', 1207.14, "B2b"},  {SKY_SYS_BDS, '8', 1191.795, "B2"},
        {SKY_SYS_BDS, '6', 1268.52, "B3"},   {SKY_SYS_IRN, '5', 1176.45, "L5"},
        {SKY_SYS_IRN, '9', 2492.028, "S"},   {SKY_SYS_IRN, '1', 1575.42, "L1"}, /* RINEX 4.01 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        SKY_ASSERT_NEAR(sky_freq_hz(cases[i].sys, cases[i].band, 0), cases[i].mhz * 1e6, 1e-3);
        assert_string_equal(sky_band_name(cases[i].sys, cases[i].band), cases[i].name);
    }
    /* bands a system does not have */
    assert_true(sky_freq_hz(SKY_SYS_GPS, '6', 0) == 0.0);
    assert_true(sky_freq_hz(SKY_SYS_GAL, '2', 0) == 0.0);
    assert_true(sky_freq_hz(SKY_SYS_NONE, '1', 0) == 0.0);
    assert_true(sky_freq_hz(SKY_SYS_GPS, '\0', 0) == 0.0);
    assert_string_equal(sky_band_name(SKY_SYS_SBS, '2'), "?");
}

static void test_glonass_fdma(void **state)
{
    (void)state;
    /* [2] */
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_GLO, '1', -7), 1598.0625e6, 1e-3);
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_GLO, '2', -7), 1242.9375e6, 1e-3);
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_GLO, '1', 6), 1605.375e6, 1e-3);
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_GLO, '2', 6), 1248.625e6, 1e-3);
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_GLO, '1', 0), 1602.0e6, 1e-3);
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_GLO, '2', 0), 1246.0e6, 1e-3);
    assert_string_equal(sky_band_name(SKY_SYS_GLO, '1'), "G1");
    /* unknown channel: no frequency rather than a wrong one */
    assert_true(sky_freq_hz(SKY_SYS_GLO, '1', -128) == 0.0);
    assert_true(sky_freq_hz(SKY_SYS_GLO, '2', 7) == 0.0);
    /* CDMA bands do not depend on k */
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_GLO, '3', -128), 1202.025e6, 1e-3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_codes),
        cmocka_unit_test(test_v2_mapping_like_convbin),
        cmocka_unit_test(test_frequencies_table_4_10),
        cmocka_unit_test(test_glonass_fdma),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
