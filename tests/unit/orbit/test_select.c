/* SPDX-License-Identifier: BSD-2-Clause */
/* Ephemeris selection rules on a hand-built store: closest toe, not-yet-transmitted records
 * ranked last, health, age limits (IS-GPS-200N §20.3.4.4 fit interval), Galileo I/NAV
 * preference (option), and the clock fast path agreeing with the full state. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "skyfix/orbit.h"

static sky_time_t at_h(double h)
{
    return sky_time_add(sky_time_from_gpst(1590, 345600.0), h * 3600.0);
}

/* A GPS-like ephemeris (elements of G02, brdc1820.10n) with toe at hour toe_h; iode tags it. */
static sky_keph_t make(sky_sys_t sys, double toe_h, int iode)
{
    sky_keph_t e;
    memset(&e, 0, sizeof e);
    e.sat.sys = (uint8_t)sys;
    e.sat.prn = 2;
    e.type = sys == SKY_SYS_GAL ? SKY_NAV_INAV : SKY_NAV_LNAV;
    e.toe = at_h(toe_h);
    e.toc = e.toe;
    e.toe_s = 345600.0 + toe_h * 3600.0;
    e.iode = iode;
    e.ura_m = 2.0;
    e.af0_s = 1e-4;
    e.sqrt_a = 5153.59739113;
    e.e = 0.0096;
    e.i0_rad = 0.94;
    e.m0_rad = 1.66;
    e.omega_rad = 3.1;
    e.omega0_rad = -1.27;
    e.fit_h = 4.0;
    return e;
}

/* iode of the ephemeris chosen at hour t_h, -1 if none; checks the clock fast path. */
static int chosen(const sky_nav_t *nav, sky_sys_t sys, double t_h, const sky_orbit_opts_t *o)
{
    sky_sat_t sat = {(uint8_t)sys, 2};
    sky_satstate_t s;
    double c = NAN;
    sky_status_t st = sky_orbit_broadcast(nav, sat, at_h(t_h), o, &s, NULL);
    sky_status_t sc = sky_orbit_clock(nav, sat, at_h(t_h), o, &c);
    assert_int_equal(st, sc);
    if (st != SKY_OK)
        return -1;
    SKY_ASSERT_NEAR(c, s.clk_s, 1e-18);
    return s.iode;
}

static void add(sky_nav_t *nav, const sky_keph_t *e)
{
    assert_int_equal(sky_nav_add_keph(nav, e), SKY_OK);
}

static void test_gps_rules(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_orbit_opts_t o;
    sky_orbit_opts_default(&o);
    sky_nav_init(&nav, NULL);
    sky_keph_t a = make(SKY_SYS_GPS, 0.0, 10), b = make(SKY_SYS_GPS, 2.0, 20);
    sky_keph_t c = make(SKY_SYS_GPS, 4.0, 30);
    b.ttr = at_h(1.5); /* transmitted from 01:30 on */
    c.health = 1;      /* unhealthy */
    add(&nav, &c);
    add(&nav, &b);
    add(&nav, &a);
    sky_nav_sort(&nav);
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 0.9, &o), 10);
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 1.2, &o), 10); /* b closer but not sent yet */
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 1.6, &o), 20);
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 3.9, &o), 20); /* c unhealthy */
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 4.5, &o), -1); /* b older than 2 h */
    o.allow_unhealthy = true;
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 3.9, &o), 30);
    o.allow_unhealthy = false;
    o.max_age_s[SKY_SYS_GPS] = 3.0 * 3600.0;
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 4.5, &o), 20);
    sky_orbit_opts_default(&o);
    nav.keph[1].fit_h = 6.0; /* longer fit interval: valid 3 h around toe */
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, 4.5, &o), 20);
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, -1.5, &o), 10);
    assert_int_equal(chosen(&nav, SKY_SYS_GPS, -2.5, &o), -1);
    sky_nav_free(&nav);
}

static void test_galileo_preference(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_orbit_opts_t o;
    sky_orbit_opts_default(&o);
    sky_nav_init(&nav, NULL);
    sky_keph_t i = make(SKY_SYS_GAL, 1.0, 11), f = make(SKY_SYS_GAL, 1.0, 12);
    sky_keph_t f2 = make(SKY_SYS_GAL, 3.0, 13);
    f.type = f2.type = SKY_NAV_FNAV;
    add(&nav, &i);
    add(&nav, &f);
    add(&nav, &f2);
    sky_nav_sort(&nav);
    assert_int_equal(chosen(&nav, SKY_SYS_GAL, 1.2, &o), 11);
    assert_int_equal(chosen(&nav, SKY_SYS_GAL, 2.9, &o), 11); /* I/NAV older but preferred */
    assert_int_equal(chosen(&nav, SKY_SYS_GAL, 5.5, &o), 13); /* only F/NAV within 4 h */
    o.gal_prefer = SKY_NAV_FNAV;
    assert_int_equal(chosen(&nav, SKY_SYS_GAL, 1.2, &o), 12);
    sky_nav_free(&nav);
}

static void test_arguments(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_satstate_t s;
    sky_error_t err;
    sky_nav_init(&nav, NULL);
    sky_sat_t bad = {SKY_SYS_NONE, 0}, g05 = {SKY_SYS_GPS, 5};
    assert_int_equal(sky_orbit_broadcast(&nav, bad, at_h(0), NULL, &s, NULL), SKY_E_ARG);
    sky_error_clear(&err);
    assert_int_equal(sky_orbit_broadcast(&nav, g05, at_h(0), NULL, &s, &err), SKY_E_NOTFOUND);
    assert_int_equal(err.code, SKY_E_NOTFOUND);
    assert_string_equal(err.field, "ephemeris");
    sky_nav_free(&nav);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gps_rules),
        cmocka_unit_test(test_galileo_preference),
        cmocka_unit_test(test_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
