/* SPDX-License-Identifier: BSD-2-Clause */
/* Hatanaka (compact RINEX 1.0 / 3.0) decoding and the plain-text reader.
 * References (independent of the code under test):
 *  - tests/fixtures/crx/tiny_v1.crx, tiny_v3.crx: written by hand from the format rules of
 *    Y. Hatanaka, Bull. GSI 55 (2008) §2-3, with the plain RINEX each must give (.rnx beside);
 *  - real twins of the georust test data: CRNX/V1/wsra0010.21d -> OBS/V2/wsra0010.21o and
 *    CRNX/V3/pdel0010.21d -> OBS/V3/pdel0010.21o (the plain RINEX of the same data);
 *  - crx2rnx 4.x behaviour read from its source (missing-value flags, escape lines);
 *  - ESBC 2020-177: 2880 epochs = 24 h at 30 s (header INTERVAL and file name). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "io/linesrc.h"
#include "skyfix/rinex.h"

/* Compare every line of the reader with the lines of a plain text buffer, trailing blanks
 * ignored; returns the number of lines compared. */
static long compare_with_text(sky_text_reader_t *r, const char *expect, size_t elen)
{
    sky_error_t err;
    sky_error_clear(&err);
    const char *p = expect, *end = expect + elen;
    long n = 0;
    const char *line;
    size_t len;
    sky_status_t rc;
    while ((rc = sky_text_next(r, &line, &len, &err)) == SKY_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            fail_msg("line %ld: decoder has more lines than expected: \"%s\"", n + 1, line);
        size_t elen1 = (size_t)(nl - p);
        while (elen1 > 0 && (p[elen1 - 1] == ' ' || p[elen1 - 1] == '\r'))
            elen1--;
        while (len > 0 && line[len - 1] == ' ')
            len--;
        if (len != elen1 || memcmp(line, p, len) != 0)
            fail_msg("line %ld differs:\n got    \"%.*s\"\n expect \"%.*s\"", n + 1, (int)len,
                     line, (int)elen1, p);
        p = nl + 1;
        n++;
    }
    if (rc != SKY_EOF)
        fail_msg("decoder error %s: %s:%ld: %s", sky_status_name(rc), err.path, err.line,
                 err.msg);
    assert_true(p == end);
    return n;
}

static void check_fixture(const char *crx_rel, const char *rnx_rel)
{
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    char *crx = sky_test_fixture(crx_rel), *rnx = sky_test_fixture(rnx_rel);
    size_t elen;
    char *expect = sky_test_slurp(rnx, &elen);
    sky_text_reader_t *r;
    assert_int_equal(sky_text_open(&ctx, crx, &r, &err), SKY_OK);
    assert_true(sky_text_is_crx(r));
    assert_true(compare_with_text(r, expect, elen) > 10);
    sky_text_close(r);
    free(expect);
    free(crx);
    free(rnx);
}

static void test_fixture_crx1(void **state)
{
    (void)state;
    check_fixture("crx/tiny_v1.crx", "crx/tiny_v1.rnx");
}

static void test_fixture_crx3(void **state)
{
    (void)state;
    check_fixture("crx/tiny_v3.crx", "crx/tiny_v3.rnx");
}

static void test_plain_passthrough(void **state)
{
    (void)state;
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    static const char text[] = "first line  \r\nsecond\n\nlast without newline";
    sky_text_reader_t *r;
    assert_int_equal(sky_text_open_memory(&ctx, text, sizeof text - 1, "mem", &r, &err), SKY_OK);
    assert_false(sky_text_is_crx(r));
    const char *line;
    size_t len;
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_OK);
    assert_string_equal(line, "first line  ");
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_OK);
    assert_string_equal(line, "second");
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_OK);
    assert_int_equal(len, 0);
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_OK);
    assert_string_equal(line, "last without newline");
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_EOF);
    uint64_t done, total;
    sky_text_progress(r, &done, &total);
    assert_int_equal(total, sizeof text - 1);
    sky_text_close(r);
    sky_text_close(NULL);
}

/* Decode a CRX text held in a string and compare with the expected plain body lines (after
 * the header, which is checked to pass through). */
static void check_string(const char *crx, const char *const *expect_body, size_t nexpect)
{
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_text_reader_t *r;
    assert_int_equal(sky_text_open_memory(&ctx, crx, strlen(crx), "str.crx", &r, &err), SKY_OK);
    const char *line;
    size_t len, n = 0;
    bool body = false;
    sky_status_t rc;
    while ((rc = sky_text_next(r, &line, &len, &err)) == SKY_OK) {
        if (!body) {
            body = strstr(line, "END OF HEADER") != NULL;
            continue;
        }
        assert_true(n < nexpect);
        assert_string_equal(line, expect_body[n]);
        n++;
    }
    if (rc != SKY_EOF)
        fail_msg("%s:%ld: %s", err.path, err.line, err.msg);
    assert_int_equal(n, nexpect);
    sky_text_close(r);
}

#define HDR(text, label) text label "\n"
/* A value that goes missing and comes back (C1 is an order-3 arc: 2000, +10, then the second
 * difference 10 gives 2030): crx2rnx 4.x blanks its flags in CRX 1.0 (and
 * forgets them), but writes and keeps them in CRX 3.0 (crx2rnx.c, data()). */
/* Binary bytes in a plain (not CRX) input: an error naming line and column, not "text"
 * (skyfix convert wrote random bytes through with exit 0). Tab and UTF-8 pass. */
static void test_plain_binary_refused(void **state)
{
    (void)state;
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    static const char text[] = "ok\tline \xc3\xbc\n" "bin\x01" "ary\nnever read\n";
    sky_text_reader_t *r;
    assert_int_equal(sky_text_open_memory(&ctx, text, sizeof text - 1, "bin", &r, &err), SKY_OK);
    const char *line;
    size_t len;
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_OK);
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_E_FORMAT);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.path, "bin");
    assert_non_null(strstr(err.msg, "0x01 in column 4"));
    assert_int_equal(sky_text_next(r, &line, &len, &err), SKY_E_FORMAT); /* sticky */
    sky_text_close(r);
}

static void test_missing_value_flags(void **state)
{
    (void)state;
    static const char v1[] =
        HDR("1.0                 COMPACT RINEX FORMAT                    ", "CRINEX VERS   / TYPE")
        HDR("RNX2CRX ver.4.1.0                       25-Nov-26 12:00     ", "CRINEX PROG / DATE")
        HDR("     2.11           OBSERVATION DATA    G (GPS)             ", "RINEX VERSION / TYPE")
        HDR("     2    L1    C1                                          ", "# / TYPES OF OBSERV")
        HDR("                                                            ", "END OF HEADER")
        "&26 11 25 12  0  0.0000000  0  1G01\n\n3&1000 3&2000 15 7\n"
        "                3\n\n 10\n"
        "              1 &\n\n3&3000 10\n";
    static const char *const v1_out[] = {
        " 26 11 25 12  0  0.0000000  0  1G01", "         1.00015         2.000 7",
        " 26 11 25 12  0 30.0000000  0  1G01", "                         2.010 7",
        " 26 11 25 12  1  0.0000000  0  1G01", "         3.000           2.030 7"};
    check_string(v1, v1_out, 6);
    static const char v3[] =
        HDR("3.0                 COMPACT RINEX FORMAT                    ", "CRINEX VERS   / TYPE")
        HDR("RNX2CRX ver.4.1.0                       25-Nov-26 12:00     ", "CRINEX PROG / DATE")
        HDR("     3.04           OBSERVATION DATA    G                   ", "RINEX VERSION / TYPE")
        HDR("G    2 L1C C1C                                              ", "SYS / # / OBS TYPES")
        HDR("                                                            ", "END OF HEADER")
        "> 2026 11 25 12 00  0.0000000  0  1      G01\n\n3&1000 3&2000 15 7\n"
        "&escape line, skipped\n"
        "                   3\n\n 10\n"
        "                 1 &\n\n3&3000 10\n";
    static const char *const v3_out[] = {
        "> 2026 11 25 12 00  0.0000000  0  1", "G01         1.00015         2.000 7",
        "> 2026 11 25 12 00 30.0000000  0  1", "G01              15         2.010 7",
        "> 2026 11 25 12 01  0.0000000  0  1", "G01         3.00015         2.030 7"};
    check_string(v3, v3_out, 6);
}

/* Decode a modified copy of the CRX 3 fixture: line lineno (1-based) replaced by repl
 * (NULL: the file is cut before that line). Returns the status and fills err. */
static sky_status_t decode_modified(long lineno, const char *repl, sky_error_t *err)
{
    char *path = sky_test_fixture("crx/tiny_v3.crx");
    size_t n;
    char *src = sky_test_slurp(path, &n);
    char *buf = malloc(n + strlen(repl ? repl : "") + 2);
    assert_non_null(buf);
    size_t o = 0;
    long ln = 1;
    for (const char *p = src; p < src + n; ln++) {
        const char *nl = memchr(p, '\n', (size_t)(src + n - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(src + n - p);
        if (ln == lineno && !repl)
            break;
        if (ln == lineno) {
            memcpy(buf + o, repl, strlen(repl));
            o += strlen(repl);
            buf[o++] = '\n';
        } else {
            memcpy(buf + o, p, len);
            o += len;
        }
        p += len;
    }
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_clear(err);
    sky_text_reader_t *r;
    sky_status_t rc = sky_text_open_memory(&ctx, buf, o, "bad.crx", &r, err);
    const char *line;
    size_t len;
    while (rc == SKY_OK)
        rc = sky_text_next(r, &line, &len, err);
    if (r)
        assert_int_equal(sky_text_next(r, &line, &len, err), rc); /* errors are sticky */
    sky_text_close(r);
    free(buf);
    free(src);
    free(path);
    return rc;
}

static void test_errors_name_line_and_field(void **state)
{
    (void)state;
    sky_error_t err;
    /* line 10 is G05's first data line: a difference where an arc must start */
    assert_int_equal(decode_modified(10, "23000000000", &err), SKY_E_FORMAT);
    assert_int_equal(err.line, 10);
    assert_string_equal(err.field, "observation");
    assert_string_equal(err.path, "bad.crx");
    assert_string_equal(err.text, "23000000000");
    assert_int_equal(decode_modified(10, "3&2300x000000", &err), SKY_E_FORMAT);
    assert_int_equal(decode_modified(10, "3&99999999999999999999999", &err), SKY_E_FORMAT);
    assert_int_equal(decode_modified(10, "a&5", &err), SKY_E_FORMAT);
    assert_int_equal(decode_modified(10, "3&1 3&2 3&3 &&&&&&&&", &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "LLI/SSI flags");
    /* epoch line differenced before any initialised one */
    assert_int_equal(decode_modified(8, "  2026 11 25 12 00  0.0000000  0  2      G05E11", &err),
                     SKY_E_FORMAT);
    assert_int_equal(err.line, 8);
    assert_string_equal(err.field, "epoch");
    /* satellite count larger than the list, bad flag, bad clock */
    assert_int_equal(decode_modified(8, "> 2026 11 25 12 00  0.0000000  0  3      G05E11", &err),
                     SKY_E_FORMAT);
    assert_int_equal(decode_modified(8, "> 2026 11 25 12 00  0.0000000  9  2      G05E11", &err),
                     SKY_E_FORMAT);
    assert_int_equal(decode_modified(9, "12.5", &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "receiver clock offset");
    /* truncated inside an epoch and inside the header */
    assert_int_equal(decode_modified(11, NULL, &err), SKY_E_TRUNCATED);
    assert_int_equal(err.line, 10);
    assert_int_equal(decode_modified(5, NULL, &err), SKY_E_TRUNCATED);
    /* unknown compact RINEX version; RINEX 2 inside CRX 3 */
    assert_int_equal(decode_modified(1, "2.0                 COMPACT RINEX FORMAT                "
                                        "    CRINEX VERS   / TYPE", &err), SKY_E_VERSION);
    assert_int_equal(decode_modified(3, "     2.11           OBSERVATION DATA    M              "
                                        "     RINEX VERSION / TYPE", &err), SKY_E_VERSION);
    /* a type count that would size the difference arcs beyond the readers' limit */
    assert_int_equal(decode_modified(5, "G  999 C1C L1C S1C                                      "
                                        "    SYS / # / OBS TYPES", &err), SKY_E_FORMAT);
    assert_int_equal(err.line, 5);
    assert_string_equal(err.field, "SYS / # / OBS TYPES");
    /* satellite of a system without observation types */
    assert_int_equal(decode_modified(8, "> 2026 11 25 12 00  0.0000000  0  2      G05C11", &err),
                     SKY_E_FORMAT);
}

static void test_binary_junk(void **state)
{
    (void)state;
    char *path = sky_test_fixture("crx/tiny_v1.crx");
    size_t n;
    char *src = sky_test_slurp(path, &n);
    /* overwrite the body with pseudo-random bytes (fixed LCG, reproducible) */
    uint32_t x = 12345;
    const char *body = strstr(src, "END OF HEADER");
    assert_non_null(body);
    for (size_t i = (size_t)(body - src) + 14; i < n; i++) {
        x = x * 1103515245u + 12345u;
        src[i] = (char)(x >> 24);
    }
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_text_reader_t *r;
    sky_status_t rc = sky_text_open_memory(&ctx, src, n, "junk.crx", &r, &err);
    const char *line;
    size_t len;
    while (rc == SKY_OK)
        rc = sky_text_next(r, &line, &len, &err);
    assert_true(rc < 0);
    assert_true(err.line > 0);
    sky_text_close(r);
    free(src);
    free(path);
}

/* Allocator that counts calls and fails the fail_at-th allocation (0: never). */
typedef struct {
    long calls, fail_at;
} alloc_count_t;

static void *counting_realloc(void *user, void *ptr, size_t size)
{
    alloc_count_t *a = user;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (++a->calls == a->fail_at)
        return NULL;
    return realloc(ptr, size);
}

static void test_out_of_memory_every_allocation(void **state)
{
    (void)state;
    char *path = sky_test_fixture("crx/tiny_v3.crx");
    for (long k = 1; k < 40; k++) {
        alloc_count_t a = {0, k};
        sky_ctx_t ctx;
        sky_ctx_init(&ctx);
        ctx.realloc_fn = counting_realloc;
        ctx.alloc_user = &a;
        sky_error_t err;
        sky_error_clear(&err);
        sky_text_reader_t *r;
        sky_status_t rc = sky_text_open(&ctx, path, &r, &err);
        const char *line;
        size_t len;
        while (rc == SKY_OK)
            rc = sky_text_next(r, &line, &len, &err);
        assert_true(rc == SKY_EOF || rc == SKY_E_NOMEM);
        sky_text_close(r);
    }
    free(path);
}

static void check_twin(const char *crx_rel, const char *rnx_rel)
{
    char *crx = sky_test_data(crx_rel), *rnx = sky_test_data(rnx_rel);
    size_t elen;
    char *expect = sky_test_slurp(rnx, &elen);
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_text_reader_t *r;
    assert_int_equal(sky_text_open(&ctx, crx, &r, &err), SKY_OK);
    assert_true(compare_with_text(r, expect, elen) > 500);
    sky_text_close(r);
    free(expect);
    free(crx);
    free(rnx);
}

static void test_real_twin_crx1(void **state)
{
    (void)state;
    check_twin("georust/CRNX/V1/wsra0010.21d", "georust/OBS/V2/wsra0010.21o");
}

static void test_real_twin_crx3(void **state)
{
    (void)state;
    check_twin("georust/CRNX/V3/pdel0010.21d", "georust/OBS/V3/pdel0010.21o");
}

/* 24 h of gzip'd CRX 3: 2880 epochs, and memory flat (a handful of allocations in all). */
static void test_day_file_flat_memory(void **state)
{
    (void)state;
    char *path = sky_test_data("georust/CRNX/V3/ESBC00DNK_R_20201770000_01D_30S_MO.crx.gz");
    alloc_count_t a = {0, 0};
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    ctx.realloc_fn = counting_realloc;
    ctx.alloc_user = &a;
    sky_error_t err;
    sky_error_clear(&err);
    sky_text_reader_t *r;
    assert_int_equal(sky_text_open(&ctx, path, &r, &err), SKY_OK);
    const char *line;
    size_t len;
    long epochs = 0, lines = 0;
    sky_status_t rc;
    while ((rc = sky_text_next(r, &line, &len, &err)) == SKY_OK) {
        epochs += line[0] == '>';
        lines++;
    }
    assert_int_equal(rc, SKY_EOF);
    assert_int_equal(epochs, 2880);
    assert_true(lines > 100000);
    print_message("allocations: %ld\n", a.calls);
    assert_true(a.calls < 64);
    uint64_t done, total;
    sky_text_progress(r, &done, &total);
    assert_true(total > 0 && done == total);
    sky_text_close(r);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_crx1),
        cmocka_unit_test(test_fixture_crx3),
        cmocka_unit_test(test_plain_passthrough),
        cmocka_unit_test(test_plain_binary_refused),
        cmocka_unit_test(test_missing_value_flags),
        cmocka_unit_test(test_errors_name_line_and_field),
        cmocka_unit_test(test_binary_junk),
        cmocka_unit_test(test_out_of_memory_every_allocation),
        cmocka_unit_test(test_real_twin_crx1),
        cmocka_unit_test(test_real_twin_crx3),
        cmocka_unit_test(test_day_file_flat_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
