/* SPDX-License-Identifier: BSD-2-Clause */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *join(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

char *sky_test_data(const char *rel)
{
    const char *dir = getenv("SKYFIX_DATA");
    if (!dir || !*dir)
        dir = "../shared/data";
    char *p = join(dir, rel);
    if (access(p, R_OK) != 0) {
        print_message("SKIP: test data %s not found (set SKYFIX_DATA to the shared data folder)\n", p);
        free(p);
        skip();
    }
    return p;
}

char *sky_test_fixture(const char *rel)
{
    const char *dir = getenv("SKYFIX_FIXTURES");
    if (!dir || !*dir)
        dir = "tests/fixtures";
    char *p = join(dir, rel);
    if (access(p, R_OK) != 0)
        fail_msg("fixture %s not found", p);
    return p;
}

char *sky_test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        fail_msg("cannot read %s", path);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

void sky_test_assert_near(double actual, double expected, double tol, const char *what,
                          const char *file, int line)
{
    if (!(fabs(actual - expected) <= tol)) {
        print_error("%s:%d: %s = %.12g, expected %.12g within %.3g (diff %.3g)\n", file, line,
                    what, actual, expected, tol, actual - expected);
        _fail(file, line);
    }
}
