/* SPDX-License-Identifier: BSD-2-Clause */
/* SP3 reader against the text of the files: epoch counts (grep -c '^\*'), satellite lists,
 * values as printed (km -> m, microseconds -> s), bad-value markers, and error reports. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/sp3.h"

static sky_sat_t sat_of(char sys, int prn)
{
    sky_sat_t s = {(uint8_t)sky_sys_from_char(sys), (uint8_t)prn};
    return s;
}

static const sky_sp3_rec_t *rec_of(const sky_sp3_t *sp3, size_t ep, sky_sat_t sat)
{
    int i = sky_sp3_sat_index(sp3, sat);
    assert_true(i >= 0);
    return sky_sp3_rec(sp3, ep, (size_t)i);
}

/* IGS final orbit 2010-07-01: 96 epochs (grep -c '^\*'), 32 GPS satellites, 137 clocks
 * printed as 999999.999999 (grep | cut -c47-60 | grep -c 999999). */
static void test_igs_final(void **state)
{
    (void)state;
    char *path = sky_test_data("rtklib/sp3/igs15904.sp3");
    sky_sp3_t sp3;
    sky_error_t err;
    sky_error_clear(&err);
    sky_sp3_init(&sp3, NULL);
    assert_int_equal(sky_sp3_read_file(&sp3, path, &err), SKY_OK);
    assert_int_equal(sp3.version, 'c');
    assert_int_equal(sp3.pv_flag, 'P');
    assert_int_equal(sp3.nepoch, 96);
    assert_int_equal(sp3.nepoch_header, 96);
    assert_int_equal(sp3.nsat, 32);
    assert_int_equal(sp3.time_sys, SKY_TS_GPS);
    assert_string_equal(sp3.agency, "IGS");
    assert_string_equal(sp3.coord_sys, "IGS05");
    SKY_ASSERT_NEAR(sp3.interval_s, 900.0, 0.0);
    SKY_ASSERT_NEAR(sp3.base_pos, 1.25, 0.0);
    assert_int_equal(sp3.acc_exp[24], 6); /* G25: '++' line 2, 8th value */
    /* first epoch = 2010-07-01 00:00 GPST = week 1590, 345600 s (line 2 of the file) */
    sky_time_t t0 = sky_time_from_gpst(1590, 345600.0);
    assert_int_equal(sky_time_cmp(sp3.epochs[0], t0), 0);
    SKY_ASSERT_NEAR(sky_time_diff_s(sp3.epochs[49], t0), 12 * 3600 + 15 * 60, 0.0);
    const sky_sp3_rec_t *r = rec_of(&sp3, 0, sat_of('G', 13));
    SKY_ASSERT_NEAR(r->pos_m[0], 1798244.861, 1e-6);
    SKY_ASSERT_NEAR(r->pos_m[1], -17505825.083, 1e-6);
    SKY_ASSERT_NEAR(r->pos_m[2], -20021686.343, 1e-6);
    SKY_ASSERT_NEAR(r->clk_s, 302.494055e-6, 1e-15);
    assert_true(isnan(rec_of(&sp3, 0, sat_of('G', 1))->clk_s));
    r = rec_of(&sp3, 49, sat_of('G', 5)); /* "PG05  24138.056505 ..." of epoch 12:15 */
    SKY_ASSERT_NEAR(r->pos_m[0], 24138056.505, 1e-6);
    SKY_ASSERT_NEAR(r->clk_s, -10.798111e-6, 1e-15);
    size_t nan_clk = 0, nan_pos = 0;
    for (size_t e = 0; e < sp3.nepoch; e++)
        for (size_t s = 0; s < sp3.nsat; s++) {
            nan_clk += isnan(sky_sp3_rec(&sp3, e, s)->clk_s);
            nan_pos += isnan(sky_sp3_rec(&sp3, e, s)->pos_m[0]);
        }
    assert_int_equal(nan_clk, 137);
    assert_int_equal(nan_pos, 0); /* 3072 P lines = 96 x 32, none 0.000000 */
    sky_sp3_free(&sp3);
    free(path);
}

/* SP3-d multi-GNSS (GFZ 2020-01-24): 116 satellites in 7 '+' lines, 1 epoch, 116 P lines. */
static void test_sp3d_multi_gnss(void **state)
{
    (void)state;
    char *path = sky_test_data("georinex/minimal.sp3d");
    sky_sp3_t sp3;
    sky_sp3_init(&sp3, NULL);
    assert_int_equal(sky_sp3_read_file(&sp3, path, NULL), SKY_OK);
    assert_int_equal(sp3.version, 'd');
    assert_int_equal(sp3.file_type, 'M');
    assert_int_equal(sp3.nsat, 116);
    assert_int_equal(sp3.nepoch, 1);
    assert_true(sky_sp3_sat_index(&sp3, sat_of('E', 36)) >= 0);
    assert_true(sky_sp3_sat_index(&sp3, sat_of('J', 7)) >= 0);
    assert_int_equal(sky_sp3_sat_index(&sp3, sat_of('E', 6)), -1);
    const sky_sp3_rec_t *r = rec_of(&sp3, 0, sat_of('C', 1));
    SKY_ASSERT_NEAR(r->pos_m[0], -32326678.246, 1e-6);
    SKY_ASSERT_NEAR(r->pos_m[1], 27059067.017, 1e-6);
    SKY_ASSERT_NEAR(r->clk_s, 116.924578e-6, 1e-15);
    r = rec_of(&sp3, 0, sat_of('R', 23));
    SKY_ASSERT_NEAR(r->pos_m[2], -9872967.273, 1e-6);
    sky_sp3_free(&sp3);
    free(path);
}

/* Hand-made SP3-a with velocities: blank system column = GPS, 0.000000 = bad position,
 * 999999.999999 = bad clock, V in dm/s and 1e-4 us/s. */
static void test_sp3a_velocity_fixture(void **state)
{
    (void)state;
    char *path = sky_test_fixture("sp3/tiny_a.sp3");
    sky_sp3_t sp3;
    sky_sp3_init(&sp3, NULL);
    assert_int_equal(sky_sp3_read_file(&sp3, path, NULL), SKY_OK);
    assert_int_equal(sp3.version, 'a');
    assert_int_equal(sp3.pv_flag, 'V');
    assert_int_equal(sp3.nsat, 2);
    assert_int_equal(sp3.nepoch, 2);
    const sky_sp3_rec_t *r = rec_of(&sp3, 0, sat_of('G', 1));
    SKY_ASSERT_NEAR(r->pos_m[2], 15000500.0, 1e-6);
    SKY_ASSERT_NEAR(r->clk_s, 123.456789e-6, 1e-15);
    SKY_ASSERT_NEAR(r->vel_mps[2], 3000.0, 1e-9);
    SKY_ASSERT_NEAR(r->clk_rate_sps, -1.5e-10, 1e-20);
    r = rec_of(&sp3, 0, sat_of('G', 31));
    assert_true(isnan(r->pos_m[0]) && isnan(r->clk_s) && isnan(r->clk_rate_sps));
    r = rec_of(&sp3, 1, sat_of('G', 31));
    SKY_ASSERT_NEAR(r->pos_m[2], 7000250.0, 1e-6);
    SKY_ASSERT_NEAR(r->vel_mps[0], 50.0, 1e-9);
    sky_sp3_free(&sp3);
    free(path);
}

/* Same content through gzip (libarchive), and the 32 P lines of the last complete epoch of a
 * truncated file (the last epoch line has no records: all NaN). */
static void test_gzip_and_truncated(void **state)
{
    (void)state;
    char *gz = sky_test_data("georinex/example1.sp3a.gz");
    char *plain = sky_test_data("georinex/example1.sp3a");
    sky_sp3_t a, b;
    sky_error_t ea, eb;
    sky_error_clear(&ea);
    sky_error_clear(&eb);
    sky_sp3_init(&a, NULL);
    sky_sp3_init(&b, NULL);
    /* example1.sp3a is an excerpt with "   *" elision lines (line 28): not valid SP3 */
    assert_int_equal(sky_sp3_read_file(&a, gz, &ea), SKY_E_FORMAT);
    assert_int_equal(sky_sp3_read_file(&b, plain, &eb), SKY_E_FORMAT);
    assert_int_equal(ea.line, 28);
    assert_int_equal(eb.line, 28);
    assert_string_equal(ea.field, "record");
    free(gz);
    free(plain);
    char *tr = sky_test_data("georinex/truncated.sp3");
    sky_sp3_init(&a, NULL);
    assert_int_equal(sky_sp3_read_file(&a, tr, NULL), SKY_OK);
    assert_int_equal(a.nepoch, 2);
    assert_false(isnan(sky_sp3_rec(&a, 0, 31)->pos_m[0]));
    assert_true(isnan(sky_sp3_rec(&a, 1, 0)->pos_m[0]));
    assert_false(a.complete); /* tail -1 truncated.sp3: an epoch line, no "EOF" */
    sky_sp3_free(&a);
    free(tr);
    char *full = sky_test_data("georinex/igs19362.sp3c");
    sky_sp3_init(&a, NULL);
    assert_int_equal(sky_sp3_read_file(&a, full, NULL), SKY_OK);
    assert_true(a.complete); /* tail -1 igs19362.sp3c: "EOF" */
    sky_sp3_free(&a);
    free(full);
}

/* The IGS final orbit gzip'd by the system tool and read from memory (libarchive filter)
 * gives every record bit for bit as the plain file does. */
static void test_gzip_memory_same_records(void **state)
{
    (void)state;
    if (system("command -v gzip >/dev/null 2>&1") != 0) {
        print_message("SKIP: gzip not installed\n");
        skip();
    }
    char *path = sky_test_data("rtklib/sp3/igs15904.sp3");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "gzip -c '%s'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 20, n = 0, got;
    unsigned char *gz = malloc(cap);
    assert_non_null(gz);
    while ((got = fread(gz + n, 1, cap - n, p)) > 0)
        if ((n += got) == cap)
            assert_non_null(gz = realloc(gz, cap *= 2));
    assert_int_equal(pclose(p), 0);
    assert_true(n > 18 && gz[0] == 0x1f && gz[1] == 0x8b);
    sky_sp3_t a, b;
    sky_sp3_init(&a, NULL);
    sky_sp3_init(&b, NULL);
    assert_int_equal(sky_sp3_read_file(&a, path, NULL), SKY_OK);
    assert_int_equal(sky_sp3_read_memory(&b, gz, n, "igs15904.sp3.gz", NULL), SKY_OK);
    assert_int_equal(b.nepoch, 96); /* grep -c '^\*' */
    assert_int_equal(b.nsat, a.nsat);
    for (size_t e = 0; e < a.nepoch; e++) {
        assert_int_equal(sky_time_cmp(a.epochs[e], b.epochs[e]), 0);
        for (size_t k = 0; k < a.nsat; k++) {
            const sky_sp3_rec_t *ra = sky_sp3_rec(&a, e, k), *rb = sky_sp3_rec(&b, e, k);
            for (int i = 0; i < 3; i++)
                assert_true(ra->pos_m[i] == rb->pos_m[i]);
            assert_true(ra->clk_s == rb->clk_s || (isnan(ra->clk_s) && isnan(rb->clk_s)));
        }
    }
    sky_sp3_free(&a);
    sky_sp3_free(&b);
    free(gz);
    free(path);
}

static sky_status_t read_text(const char *text, sky_error_t *err)
{
    sky_sp3_t sp3;
    sky_sp3_init(&sp3, NULL);
    sky_error_clear(err);
    sky_status_t st = sky_sp3_read_memory(&sp3, text, strlen(text), "mem.sp3", err);
    sky_sp3_free(&sp3);
    return st;
}

#define HDR                                                                                  \
    "#cP2010  7  1  0  0  0.00000000       2 ORBIT IGS05 HLM  IGS\n"                         \
    "## 1590 345600.00000000   900.00000000 55378 0.0000000000000\n"                         \
    "+    2   G01G02  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0\n"                         \
    "%c G  cc GPS ccc cccc cccc cccc cccc ccccc ccccc ccccc ccccc\n"                         \
    "*  2010  7  1  0  0  0.00000000\n"

static void test_errors(void **state)
{
    (void)state;
    sky_error_t err;
    assert_int_equal(read_text("", &err), SKY_E_TRUNCATED);
    assert_int_equal(read_text("\x7f" "ELF\x01\x02\n\x00\x00", &err), SKY_E_FORMAT);
    assert_int_equal(read_text(HDR "PG01  18392.6191x7   7490.690408 -17846.346485 1.0\n", &err),
                     SKY_E_FORMAT);
    assert_int_equal(err.line, 6);
    assert_string_equal(err.field, "position");
    assert_true(strstr(err.text, "18392.6191x7") != NULL);
    assert_int_equal(read_text(HDR "PG03  18392.619117   7490.690408 -17846.346485 1.0\n", &err),
                     SKY_E_FORMAT);
    assert_string_equal(err.field, "satellite id");
    assert_int_equal(read_text(HDR "*  2010  7  1  0  0  0.00000000\n", &err), SKY_E_FORMAT);
    assert_int_equal(err.line, 6);
    assert_int_equal(read_text(HDR "PG01      1.0e+300           1.0           1.0           1.0\n", &err), SKY_E_RANGE);
    assert_int_equal(read_text(HDR "*  2010 13  1  0  0  0.00000000\n", &err), SKY_E_RANGE);
    assert_int_equal(read_text("#cP2010  7  1  0  0  0.00000000       2 ORBIT IGS05 HLM  IGS\n"
                               "## 1590 345600.00000000   900.00000000 55378 0.0\n"
                               "+    3   G01G02\n*  2010  7  1  0  0  0.0\n",
                               &err),
                     SKY_E_FORMAT);
    assert_string_equal(err.field, "satellite list");
    assert_int_equal(read_text("#cP2010  7  1  0  0  0.00000000       2 ORBIT IGS05 HLM  IGS\n"
                               "## 1590 345600.00000000   900.00000000 55378 0.0\n"
                               "*  2010  7  1  0  0  0.0\n",
                               &err),
                     SKY_E_FORMAT);
    assert_string_equal(err.field, "satellite list");
    char *hdr_only = sky_test_data("georinex/header.sp3");
    sky_sp3_t sp3;
    sky_sp3_init(&sp3, NULL);
    assert_int_equal(sky_sp3_read_file(&sp3, hdr_only, &err), SKY_E_TRUNCATED);
    free(hdr_only);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_igs_final),
        cmocka_unit_test(test_sp3d_multi_gnss),
        cmocka_unit_test(test_sp3a_velocity_fixture),
        cmocka_unit_test(test_gzip_and_truncated),
        cmocka_unit_test(test_gzip_memory_same_records),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
