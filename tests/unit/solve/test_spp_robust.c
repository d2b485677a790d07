/* SPDX-License-Identifier: BSD-2-Clause */
/* The solver on junk: random epochs (NaN, infinities, huge, negative and plausible ranges,
 * invalid satellite ids, missing values, odd epoch flags and times) never crash, never hang
 * and never give a SINGLE solution with non-finite numbers; every rejection has a reason.
 * Reference: the contract of include/skyfix/spp.h (STYLE.md §4: bad input never yields a
 * silently wrong number). Deterministic: a fixed-seed linear congruential generator. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/skyfix.h"

#define NEPOCH 3000
#define MAXSAT_EP 48
#define NTYPES 5

static uint64_t lcg_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL; /* Knuth MMIX constants */
    return *s >> 33;
}

static double junk_value(uint64_t *rng)
{
    static const double specials[] = {0.0, -1.0, 1e300, -1e300, 1e12, 5e6, 7e7};
    uint64_t k = lcg_next(rng) % 12;
    if (k < 7)
        return specials[k];
    if (k == 7)
        return NAN;
    if (k == 8)
        return INFINITY;
    return 2.0e7 + (double)(lcg_next(rng) % 6000000); /* plausible but inconsistent range */
}

static void fill_header(sky_obs_header_t *h)
{
    memset(h, 0, sizeof *h);
    static const char *const codes[NTYPES] = {"C1C", "C2W", "D1C", "S1C", "C5Q"};
    for (int sys = SKY_SYS_GPS; sys < SKY_SYS_COUNT; sys++) {
        for (int i = 0; i < NTYPES; i++)
            assert_int_equal(sky_obs_code_parse(codes[i], &h->types[sys][i]), SKY_OK);
        h->ntypes[sys] = NTYPES;
    }
    for (int prn = 0; prn <= SKY_PRN_MAX; prn++)
        h->glo_fcn[prn] = (int8_t)(prn % 14 - 7);
    h->approx_pos_ecef_m[0] = h->approx_pos_ecef_m[1] = h->approx_pos_ecef_m[2] = NAN;
}

static void make_epoch(uint64_t *rng, sky_time_t t0, sky_obs_epoch_t *ep, sky_obs_sat_t *sats,
                       double *val, uint8_t *flags)
{
    memset(ep, 0, sizeof *ep);
    int nsat = (int)(lcg_next(rng) % MAXSAT_EP);
    uint32_t off = 0;
    for (int i = 0; i < nsat; i++) {
        sats[i].sat.sys = (uint8_t)(lcg_next(rng) % (SKY_SYS_COUNT + 2));
        sats[i].sat.prn = (uint8_t)(lcg_next(rng) % 40);
        sats[i].nval = (uint16_t)(lcg_next(rng) % (NTYPES + 1));
        sats[i].off = off;
        for (int k = 0; k < sats[i].nval; k++)
            val[off + (uint32_t)k] = junk_value(rng);
        off += sats[i].nval;
    }
    ep->nsat = nsat;
    ep->sat = sats;
    ep->val = val;
    ep->lli = ep->ssi = flags;
    ep->flag = (int)(lcg_next(rng) % 10) == 0 ? (int)(lcg_next(rng) % 8) : 0;
    ep->time = sky_time_add(t0, (double)(lcg_next(rng) % 86400) - 3600.0);
}

static void test_junk_epochs(void **state)
{
    (void)state;
    char *path = sky_test_data("rtklib/rinex/brdc1820.10n");
    sky_nav_t nav;
    sky_nav_init(&nav, NULL);
    assert_int_equal(sky_nav_read_file(&nav, path, NULL), SKY_OK);
    static sky_obs_header_t hdr;
    fill_header(&hdr);
    sky_spp_opts_t o;
    sky_spp_opts_default(&o);
    o.min_redundancy = 0; /* let as much as possible through to the checks */
    sky_spp_t *spp = NULL;
    assert_int_equal(sky_spp_new(NULL, &nav, &o, &spp, NULL), SKY_OK);
    sky_civil_t c = {2010, 7, 1, 0, 0, 0.0};
    sky_time_t t0;
    assert_int_equal(sky_time_from_civil(&c, &t0), SKY_OK);
    static sky_obs_sat_t sats[MAXSAT_EP];
    static double val[MAXSAT_EP * NTYPES];
    static uint8_t flags[MAXSAT_EP * NTYPES];
    static sky_solution_t sol;
    uint64_t rng = 20261125;
    int single = 0;
    for (int n = 0; n < NEPOCH; n++) {
        sky_obs_epoch_t ep;
        make_epoch(&rng, t0, &ep, sats, val, flags);
        sky_status_t st = sky_spp_solve(spp, &hdr, &ep, &sol, NULL);
        if (st == SKY_OK) {
            single++;
            assert_int_equal(sol.quality, SKY_SOLQ_SINGLE);
            for (int k = 0; k < 3; k++)
                assert_true(isfinite(sol.pos_ecef_m[k]));
            assert_true(sol.nsat >= 4 && isfinite(sol.gdop) && sol.gdop <= o.max_gdop);
        } else {
            assert_true(st == SKY_E_NODATA || st == SKY_E_NOCONV || st == SKY_E_RANGE);
            assert_int_equal(sol.quality, SKY_SOLQ_NONE);
            assert_true(sol.reason[0] != '\0');
        }
    }
    print_message("%d junk epochs, %d accepted as SINGLE\n", NEPOCH, single);
    sky_spp_delete(spp);
    sky_nav_free(&nav);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_junk_epochs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
