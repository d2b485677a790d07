/* SPDX-License-Identifier: BSD-2-Clause */
/* Navigation store: growth through the context allocator, sorting, duplicate removal, ranges.
 * The truth is built by construction: a known set of ephemerides is shuffled, partly repeated,
 * added, and the sorted store must list each distinct one exactly once in (sat, toe) order. */
#include "testutil.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/nav.h"
#include "skyfix/obs.h"

typedef struct {
    int calls;
    int fail_at; /* fail the allocation with this 1-based number; 0 = never */
    long live;
} alloc_stats_t;

static void *counting_realloc(void *user, void *ptr, size_t size)
{
    alloc_stats_t *st = user;
    if (size == 0) {
        if (ptr)
            st->live--;
        free(ptr);
        return NULL;
    }
    st->calls++;
    if (st->fail_at && st->calls == st->fail_at)
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        st->live++;
    return p;
}

static sky_keph_t make_keph(sky_sys_t sys, int prn, int week, double toe_s, int iode, int type)
{
    sky_keph_t e;
    memset(&e, 0, sizeof e);
    e.sat.sys = (uint8_t)sys;
    e.sat.prn = (uint8_t)prn;
    e.toe = sky_time_from_gpst(week, toe_s);
    e.toc = e.toe;
    e.week = week;
    e.toe_s = toe_s;
    e.iode = iode;
    e.type = (uint8_t)type;
    return e;
}

static void test_init_free(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_nav_init(&nav, NULL);
    assert_int_equal(nav.leap_s, INT32_MIN);
    assert_int_equal(nav.leap_future_s, INT32_MIN);
    assert_int_equal(nav.leap_week, INT32_MIN);
    assert_int_equal(nav.leap_day, INT32_MIN);
    for (int i = 0; i <= SKY_PRN_MAX; i++)
        assert_int_equal(nav.glo_fcn[i], SKY_GLO_FCN_UNKNOWN);
    assert_int_equal(nav.nkeph, 0);
    size_t a = 9, b = 9;
    sky_nav_keph_range(&nav, (sky_sat_t){SKY_SYS_GPS, 1}, &a, &b);
    assert_true(a == 0 && b == 0);
    sky_nav_sort(&nav);
    sky_nav_free(&nav);
    sky_nav_free(NULL);
    sky_nav_init(NULL, NULL);
    assert_int_equal(sky_nav_add_keph(NULL, NULL), SKY_E_ARG);
    assert_int_equal(sky_nav_add_keph(&nav, NULL), SKY_E_ARG);
}

static void test_sort_dedupe_ranges(void **state)
{
    (void)state;
    alloc_stats_t st = {0, 0, 0};
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    ctx.realloc_fn = counting_realloc;
    ctx.alloc_user = &st;
    sky_nav_t nav;
    sky_nav_init(&nav, &ctx);
    /* truth: GPS 1..32, Galileo 1..36 (INAV and FNAV), BDS 1..60; 12 toes two hours apart */
    enum { NTOE = 12 };
    size_t ndistinct = 0;
    static const sky_sys_t systems[] = {SKY_SYS_GPS, SKY_SYS_GAL, SKY_SYS_BDS};
    static const int nprn[] = {32, 36, 60};
    srand(12345);
    for (int rep = 0; rep < 3; rep++) { /* every record three times (several nav files) */
        for (int k = NTOE - 1; k >= 0; k--) {
            for (int s = 2; s >= 0; s--) {
                for (int prn = nprn[s]; prn >= 1; prn--) {
                    int ntype = systems[s] == SKY_SYS_GAL ? 2 : 1;
                    for (int ty = 0; ty < ntype; ty++) {
                        int type = systems[s] == SKY_SYS_GAL ? (ty ? SKY_NAV_FNAV : SKY_NAV_INAV)
                                                             : SKY_NAV_LNAV;
                        sky_keph_t e = make_keph(systems[s], prn, 2111, 7200.0 * k, k + 1, type);
                        assert_int_equal(sky_nav_add_keph(&nav, &e), SKY_OK);
                        if (rep == 0)
                            ndistinct++;
                    }
                }
            }
        }
    }
    /* same sat and toe, a new IODE (an upload): a distinct ephemeris, kept */
    sky_keph_t upload = make_keph(SKY_SYS_GPS, 7, 2111, 7200.0 * 3, 99, SKY_NAV_LNAV);
    assert_int_equal(sky_nav_add_keph(&nav, &upload), SKY_OK);
    ndistinct++;
    /* shuffle so that the input order carries no information */
    for (size_t i = nav.nkeph - 1; i > 0; i--) {
        size_t j = (size_t)rand() % (i + 1);
        sky_keph_t tmp = nav.keph[i];
        nav.keph[i] = nav.keph[j];
        nav.keph[j] = tmp;
    }
    assert_int_equal(nav.nkeph, 3 * (ndistinct - 1) + 1);
    sky_nav_sort(&nav);
    assert_int_equal(nav.nkeph, ndistinct);
    for (size_t i = 1; i < nav.nkeph; i++) {
        int ia = sky_sat_index(nav.keph[i - 1].sat), ib = sky_sat_index(nav.keph[i].sat);
        assert_true(ia < ib || (ia == ib && sky_time_cmp(nav.keph[i - 1].toe, nav.keph[i].toe) <= 0));
    }
    for (int s = 0; s < 3; s++) {
        for (int prn = 1; prn <= nprn[s]; prn++) {
            sky_sat_t sat = {(uint8_t)systems[s], (uint8_t)prn};
            size_t first, end;
            sky_nav_keph_range(&nav, sat, &first, &end);
            size_t expect = (size_t)NTOE * (systems[s] == SKY_SYS_GAL ? 2 : 1) +
                            (systems[s] == SKY_SYS_GPS && prn == 7);
            assert_int_equal(end - first, expect);
            for (size_t i = first; i < end; i++)
                assert_true(sky_sat_eq(nav.keph[i].sat, sat));
            SKY_ASSERT_NEAR(nav.keph[first].toe_s, 0.0, 0);
            SKY_ASSERT_NEAR(nav.keph[end - 1].toe_s, 7200.0 * (NTOE - 1), 0);
        }
    }
    size_t first = 1, end = 1;
    sky_nav_keph_range(&nav, (sky_sat_t){SKY_SYS_GLO, 1}, &first, &end);
    assert_int_equal(end - first, 0);
    sky_nav_keph_range(&nav, (sky_sat_t){SKY_SYS_GPS, 0}, &first, &end);
    assert_int_equal(end - first, 0);
    /* geometric growth: few reallocations for ~1400 records */
    assert_true(st.calls <= 12);
    sky_nav_free(&nav);
    assert_int_equal(st.live, 0);
}

static void test_geph_and_fcn(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_nav_init(&nav, NULL);
    for (int rep = 0; rep < 2; rep++) {
        for (int prn = 24; prn >= 1; prn--) {
            for (int k = 0; k < 4; k++) {
                sky_geph_t g;
                memset(&g, 0, sizeof g);
                g.sat.sys = SKY_SYS_GLO;
                g.sat.prn = (uint8_t)prn;
                g.toe = sky_time_from_gpst(2111, 1800.0 * (3 - k));
                g.iode = 3 - k;
                g.fcn = prn % 14 - 7;
                assert_int_equal(sky_nav_add_geph(&nav, &g), SKY_OK);
            }
        }
    }
    sky_nav_sort(&nav);
    assert_int_equal(nav.ngeph, 24 * 4);
    for (int prn = 1; prn <= 24; prn++) {
        size_t first, end;
        sky_nav_geph_range(&nav, (sky_sat_t){SKY_SYS_GLO, (uint8_t)prn}, &first, &end);
        assert_int_equal(end - first, 4);
        for (size_t i = first + 1; i < end; i++)
            assert_true(sky_time_cmp(nav.geph[i - 1].toe, nav.geph[i].toe) < 0);
        assert_int_equal(nav.glo_fcn[prn], prn % 14 - 7);
    }
    assert_int_equal(nav.glo_fcn[25], SKY_GLO_FCN_UNKNOWN);
    sky_timecorr_t tc;
    memset(&tc, 0, sizeof tc);
    memcpy(tc.type, "GPUT", 5);
    assert_int_equal(sky_nav_add_timecorr(&nav, &tc), SKY_OK);
    sky_eop_t eop;
    memset(&eop, 0, sizeof eop);
    assert_int_equal(sky_nav_add_eop(&nav, &eop), SKY_OK);
    sky_seph_t se;
    memset(&se, 0, sizeof se);
    se.sat.sys = SKY_SYS_SBS;
    se.sat.prn = 20;
    assert_int_equal(sky_nav_add_seph(&nav, &se), SKY_OK);
    assert_int_equal(sky_nav_add_seph(&nav, &se), SKY_OK);
    sky_nav_sort(&nav);
    assert_int_equal(nav.nseph, 1);
    assert_int_equal(nav.ntcorr, 1);
    assert_int_equal(nav.neop, 1);
    sky_nav_free(&nav);
    assert_null(nav.keph);
    assert_int_equal(nav.ngeph, 0);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    /* fail each allocation in turn: the add reports SKY_E_NOMEM, what was stored stays valid
     * and nothing leaks */
    for (int fail_at = 1; fail_at <= 6; fail_at++) {
        alloc_stats_t st = {0, fail_at, 0};
        sky_ctx_t ctx;
        sky_ctx_init(&ctx);
        ctx.realloc_fn = counting_realloc;
        ctx.alloc_user = &st;
        sky_nav_t nav;
        sky_nav_init(&nav, &ctx);
        size_t added = 0;
        bool failed = false;
        for (int i = 0; i < 1000; i++) {
            sky_keph_t e = make_keph(SKY_SYS_GPS, 1 + i % 32, 2111, 7200.0 * (i / 32), i, 1);
            sky_status_t rc = sky_nav_add_keph(&nav, &e);
            if (rc == SKY_E_NOMEM) {
                failed = true;
                break;
            }
            assert_int_equal(rc, SKY_OK);
            added++;
        }
        assert_true(failed);
        assert_int_equal(nav.nkeph, added);
        for (size_t i = 0; i < nav.nkeph; i++)
            assert_int_equal(nav.keph[i].iode, (int)i);
        sky_nav_free(&nav);
        assert_int_equal(st.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_free),
        cmocka_unit_test(test_sort_dedupe_ranges),
        cmocka_unit_test(test_geph_and_fcn),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
