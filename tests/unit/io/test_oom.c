/* SPDX-License-Identifier: BSD-2-Clause */
/* Out-of-memory torture (STYLE.md §8, after curl's runtests -t): every reader is run with a
 * context allocator that fails its N-th allocation, for N = 1, 2, ... until a run needs no
 * failure. Each failing run must end with SKY_E_NOMEM (or a clean result when the allocation
 * was optional), never a crash; leaks show up under the ASan build (LeakSanitizer). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "skyfix/skyfix.h"

typedef struct {
    long calls;   /* allocations (not frees) seen */
    long fail_at; /* the one that fails; 0 = none */
} oom_t;

static void *oom_realloc(void *user, void *ptr, size_t size)
{
    oom_t *o = user;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (++o->calls == o->fail_at)
        return NULL;
    return realloc(ptr, size);
}

typedef sky_status_t (*run_fn)(const sky_ctx_t *ctx, const char *buf, size_t len);

static sky_status_t run_obs(const sky_ctx_t *ctx, const char *buf, size_t len)
{
    sky_obs_reader_t *r;
    sky_error_t err;
    sky_error_clear(&err);
    sky_status_t st = sky_obs_open_memory(ctx, buf, len, "oom.rnx", &r, &err);
    if (st != SKY_OK)
        return st;
    sky_obs_epoch_t ep;
    while ((st = sky_obs_next(r, &ep, &err)) == SKY_OK)
        ;
    sky_obs_close(r);
    return st == SKY_EOF ? SKY_OK : st;
}

static sky_status_t run_text(const sky_ctx_t *ctx, const char *buf, size_t len)
{
    sky_text_reader_t *r;
    sky_status_t st = sky_text_open_memory(ctx, buf, len, "oom.crx", &r, NULL);
    if (st != SKY_OK)
        return st;
    const char *line;
    size_t n;
    while ((st = sky_text_next(r, &line, &n, NULL)) == SKY_OK)
        ;
    sky_text_close(r);
    return st == SKY_EOF ? SKY_OK : st;
}

static sky_status_t run_nav(const sky_ctx_t *ctx, const char *buf, size_t len)
{
    sky_nav_t nav;
    sky_nav_init(&nav, ctx);
    sky_status_t st = sky_nav_read_memory(&nav, buf, len, "oom.nav", NULL);
    sky_nav_free(&nav);
    return st;
}

static sky_status_t run_sp3(const sky_ctx_t *ctx, const char *buf, size_t len)
{
    sky_sp3_t sp3;
    sky_sp3_init(&sp3, ctx);
    sky_status_t st = sky_sp3_read_memory(&sp3, buf, len, "oom.sp3", NULL);
    sky_sp3_free(&sp3);
    return st;
}

static void torture(const char *fixture, run_fn run)
{
    char *path = sky_test_fixture(fixture);
    size_t len;
    char *buf = sky_test_slurp(path, &len);
    oom_t o = {0, 0};
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    ctx.realloc_fn = oom_realloc;
    ctx.alloc_user = &o;
    assert_int_equal(run(&ctx, buf, len), SKY_OK); /* count the allocations of a clean run */
    long total = o.calls;
    assert_true(total > 0);
    for (long n = 1; n <= total; n++) {
        o.calls = 0;
        o.fail_at = n;
        sky_status_t st = run(&ctx, buf, len);
        if (st != SKY_OK && st != SKY_E_NOMEM)
            fail_msg("%s: allocation %ld of %ld failed, got %s, expected SKY_E_NOMEM", fixture,
                     n, total, sky_status_name(st));
    }
    print_message("%s: %ld allocations, each failed once\n", fixture, total);
    free(buf);
    free(path);
}

static void test_obs_v2(void **state) { (void)state; torture("obs/mixed211.rnx", run_obs); }
static void test_obs_v3(void **state) { (void)state; torture("obs/mixed305.rnx", run_obs); }
static void test_crx_v1(void **state) { (void)state; torture("crx/tiny_v1.crx", run_text); }
static void test_crx_v3(void **state) { (void)state; torture("crx/tiny_v3.crx", run_obs); }
static void test_nav_v4(void **state) { (void)state; torture("nav/v4_sto_eop_ion.rnx", run_nav); }
static void test_nav_v3(void **state)
{
    (void)state;
    torture("nav/synthetic_gps_galileo.rnx", run_nav);
}
static void test_sp3(void **state) { (void)state; torture("sp3/tiny_a.sp3", run_sp3); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_obs_v2), cmocka_unit_test(test_obs_v3),
        cmocka_unit_test(test_crx_v1), cmocka_unit_test(test_crx_v3),
        cmocka_unit_test(test_nav_v4), cmocka_unit_test(test_nav_v3),
        cmocka_unit_test(test_sp3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
