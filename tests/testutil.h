/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix tests: shared helpers (data paths, tolerant comparisons). Include after cmocka. */
#ifndef SKY_TESTUTIL_H
#define SKY_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* Absolute path of a file under $SKYFIX_DATA (default ../shared/data beside the checkout).
 * If it is absent, the calling test is skipped with a message naming the file.
 * The returned pointer is to a static-per-call buffer owned by the caller (free it). */
char *sky_test_data(const char *rel);
/* Same for small hand-made fixtures in tests/fixtures. Fails the test if absent. */
char *sky_test_fixture(const char *rel);
/* Read a whole (uncompressed) file into memory; fails the test on error. */
char *sky_test_slurp(const char *path, size_t *len);

/* Fail with expected, actual and tolerance when |actual - expected| > tol. */
#define SKY_ASSERT_NEAR(actual, expected, tol)                                              \
    sky_test_assert_near((double)(actual), (double)(expected), (double)(tol), #actual,       \
                         __FILE__, __LINE__)
void sky_test_assert_near(double actual, double expected, double tol, const char *what,
                          const char *file, int line);

#endif
