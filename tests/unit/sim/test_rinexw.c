/* SPDX-License-Identifier: BSD-2-Clause */
/* RINEX 3.05 observation writer: simulated epochs written to memory and read back by the
 * observation reader (independent code, src/io) must give the same values to the file's
 * precision (F14.3: 0.0005); record layouts checked against RINEX 3.05 Table A2/A3 by hand. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/rinex.h"
#include "skyfix/rinexw.h"
#include "skyfix/sim.h"

typedef struct {
    char *buf;
    size_t len, cap;
    int fail_after; /* fail the n-th write (0 = never) */
    int nwrites;
} membuf_t;

static sky_status_t mem_sink(void *user, const char *buf, size_t len)
{
    membuf_t *m = user;
    if (m->fail_after && ++m->nwrites >= m->fail_after)
        return SKY_E_IO;
    if (m->len + len + 1 > m->cap) {
        m->cap = (m->len + len + 1) * 2;
        m->buf = realloc(m->buf, m->cap);
        assert_non_null(m->buf);
    }
    memcpy(m->buf + m->len, buf, len);
    m->len += len;
    m->buf[m->len] = '\0';
    return SKY_OK;
}

static sky_nav_t *load_nav(void)
{
    char *path = sky_test_data("georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz");
    sky_nav_t *nav = calloc(1, sizeof *nav);
    sky_nav_init(nav, NULL);
    assert_int_equal(sky_nav_read_file(nav, path, NULL), SKY_OK);
    free(path);
    return nav;
}

static void sim_opts(sky_sim_opts_t *o)
{
    sky_sim_opts_default(o);
    o->rcv_pos_ecef_m[0] = 3582105.2910;
    o->rcv_pos_ecef_m[1] = 532589.7313;
    o->rcv_pos_ecef_m[2] = 5232754.8054;
    sky_civil_t c0 = {2020, 6, 25, 1, 0, 0.0}, c1 = {2020, 6, 25, 1, 5, 0.0};
    assert_int_equal(sky_time_from_civil(&c0, &o->start), SKY_OK);
    assert_int_equal(sky_time_from_civil(&c1, &o->end), SKY_OK);
    o->interval_s = 30.0;
    o->rcv_clk_bias_s = -2.5e-4;
    o->sigma_code_m = 0.5;
    o->sigma_phase_cyc = 0.01;
    o->sigma_doppler_hz = 0.05;
    o->seed = 7;
}

/* Simulate, write everything to m; returns the number of epochs. */
static int simulate_to(membuf_t *m, const sky_nav_t *nav, const sky_sim_opts_t *o)
{
    sky_sim_t *sim = NULL;
    assert_int_equal(sky_sim_new(NULL, nav, o, &sim, NULL), SKY_OK);
    sky_rinexw_t w;
    sky_rinexw_init(&w, mem_sink, m, "<memory>");
    assert_int_equal(sky_rinexw_header(&w, sky_sim_header(sim), NULL), SKY_OK);
    int n = 0;
    sky_obs_epoch_t ep;
    while (sky_sim_next(sim, &ep, NULL) == SKY_OK) {
        assert_int_equal(sky_rinexw_epoch(&w, sky_sim_header(sim), &ep, NULL), SKY_OK);
        n++;
    }
    sky_sim_delete(sim);
    return n;
}

static void compare_headers(const sky_obs_header_t *a, const sky_obs_header_t *b)
{
    SKY_ASSERT_NEAR(b->version, 3.05, 1e-9);
    for (int s = 0; s < SKY_SYS_COUNT; s++) {
        assert_int_equal(a->ntypes[s], b->ntypes[s]);
        for (int i = 0; i < a->ntypes[s]; i++)
            assert_string_equal(a->types[s][i].text, b->types[s][i].text);
    }
    for (int k = 0; k < 3; k++)
        SKY_ASSERT_NEAR(b->approx_pos_ecef_m[k], a->approx_pos_ecef_m[k], 5e-5);
    SKY_ASSERT_NEAR(b->interval_s, a->interval_s, 1e-9);
    assert_true(sky_time_cmp(a->first_obs, b->first_obs) == 0);
    for (int prn = 1; prn <= SKY_PRN_MAX; prn++)
        assert_int_equal(a->glo_fcn[prn], b->glo_fcn[prn]);
}

static void compare_epochs(const sky_obs_header_t *h, const sky_obs_epoch_t *a,
                           const sky_obs_epoch_t *b)
{
    assert_true(sky_time_cmp(a->time, b->time) == 0);
    assert_int_equal(a->nsat, b->nsat);
    for (int i = 0; i < a->nsat; i++) {
        assert_true(sky_sat_eq(a->sat[i].sat, b->sat[i].sat));
        for (int k = 0; k < h->ntypes[a->sat[i].sat.sys]; k++) {
            double va = a->val[a->sat[i].off + k], vb = b->val[b->sat[i].off + k];
            SKY_ASSERT_NEAR(vb, va, 0.0005 + 1e-9 * fabs(va));
            assert_int_equal(a->ssi[a->sat[i].off + k], b->ssi[b->sat[i].off + k]);
        }
    }
}

static void test_roundtrip_through_reader(void **state)
{
    (void)state;
    sky_nav_t *nav = load_nav();
    sky_sim_opts_t o;
    sim_opts(&o);
    membuf_t m = {0};
    int nepoch = simulate_to(&m, nav, &o);
    assert_int_equal(nepoch, 11);
    sky_obs_reader_t *r = NULL;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_obs_open_memory(NULL, m.buf, m.len, "sim.rnx", &r, &err), SKY_OK);
    sky_sim_t *sim = NULL;
    assert_int_equal(sky_sim_new(NULL, nav, &o, &sim, NULL), SKY_OK);
    compare_headers(sky_sim_header(sim), sky_obs_reader_header(r));
    sky_obs_epoch_t ea, eb;
    int n = 0;
    while (sky_sim_next(sim, &ea, NULL) == SKY_OK) {
        assert_int_equal(sky_obs_next(r, &eb, &err), SKY_OK);
        compare_epochs(sky_sim_header(sim), &ea, &eb);
        n++;
    }
    assert_int_equal(sky_obs_next(r, &eb, &err), SKY_EOF);
    assert_int_equal(n, nepoch);
    sky_obs_close(r);
    sky_sim_delete(sim);
    sky_nav_free(nav);
    free(nav);
    free(m.buf);
}

/* Hand-built header and epoch; expected lines typed from RINEX 3.05 Tables A2/A3. */
static void hand_header(sky_obs_header_t *h)
{
    memset(h, 0, sizeof *h);
    h->file_sys = 'G';
    for (int k = 0; k < 3; k++)
        h->ant_delta_hen_m[k] = 0.0;
    h->approx_pos_ecef_m[0] = 1.0e6;
    h->approx_pos_ecef_m[1] = -2.0e6;
    h->approx_pos_ecef_m[2] = 3.25e6;
    h->interval_s = NAN;
    h->ntypes[SKY_SYS_GPS] = 2;
    assert_int_equal(sky_obs_code_parse("C1C", &h->types[SKY_SYS_GPS][0]), SKY_OK);
    assert_int_equal(sky_obs_code_parse("L1C", &h->types[SKY_SYS_GPS][1]), SKY_OK);
    sky_civil_t c = {2021, 1, 1, 0, 0, 0.0};
    assert_int_equal(sky_time_from_civil(&c, &h->first_obs), SKY_OK);
    h->last_obs.sec = INT64_MIN;
    h->leap_s = INT32_MIN;
    for (int prn = 0; prn <= SKY_PRN_MAX; prn++)
        h->glo_fcn[prn] = SKY_GLO_FCN_UNKNOWN;
}

static void test_record_layout_and_errors(void **state)
{
    (void)state;
    sky_obs_header_t h;
    hand_header(&h);
    membuf_t m = {0};
    sky_rinexw_t w;
    sky_rinexw_init(&w, mem_sink, &m, "<memory>");
    assert_int_equal(sky_rinexw_header(&w, &h, NULL), SKY_OK);
    assert_non_null(strstr(m.buf, "     3.05           OBSERVATION DATA    G                   "
                                  "RINEX VERSION / TYPE\n"));
    assert_non_null(strstr(m.buf, "G    2 C1C L1C" "                                              "
                                  "SYS / # / OBS TYPES\n"));
    assert_non_null(strstr(m.buf, "  1000000.0000 -2000000.0000  3250000.0000                  "
                                  "APPROX POSITION XYZ\n"));
    assert_non_null(strstr(m.buf, "  2021     1     1     0     0    0.0000000     GPS         "
                                  "TIME OF FIRST OBS\n"));
    m.len = 0;
    sky_obs_sat_t os = {{SKY_SYS_GPS, 5}, 2, 0};
    double val[2] = {21000000.1234, NAN};
    uint8_t lli[2] = {1, 0}, ssi[2] = {7, 0};
    sky_obs_epoch_t ep = {0};
    ep.time = sky_time_add(h.first_obs, 59.99999999);
    ep.rcv_clock_offset_s = NAN;
    ep.nsat = 1;
    ep.sat = &os;
    ep.val = val;
    ep.lli = lli;
    ep.ssi = ssi;
    assert_int_equal(sky_rinexw_epoch(&w, &h, &ep, NULL), SKY_OK);
    assert_string_equal(m.buf, "> 2021 01 01 00 01  0.0000000  0  1\nG05  21000000.12317\n");
    val[0] = 1.0e11;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_rinexw_epoch(&w, &h, &ep, &err), SKY_E_RANGE);
    assert_string_equal(err.field, "C1C");
    m.fail_after = 1;
    m.nwrites = 0;
    assert_int_equal(sky_rinexw_header(&w, &h, NULL), SKY_E_IO);
    h.ntypes[SKY_SYS_GPS] = 0;
    assert_int_equal(sky_rinexw_header(&w, &h, NULL), SKY_E_ARG);
    free(m.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_through_reader),
        cmocka_unit_test(test_record_layout_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
