/* SPDX-License-Identifier: BSD-2-Clause */
/* RINEX navigation reader against independent references: record counts from awk over the
 * plain text (tests/fixtures/nav/count_records.awk), field values as printed in the files,
 * calendar times worked by hand, and a hand-made RINEX 4 fixture.
 * References:
 *  [1] RINEX 2.11 Tables A3-A4, A10-A11; [2] RINEX 3.05 Tables A5-A17; [3] RINEX 4.00 A20-A37 */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "skyfix/rinex.h"

typedef struct {
    const char *rel;
    int expect_ok;
    int n[SKY_SYS_COUNT]; /* unique records per system: -, G, R, E, C, J, I, S */
} count_case_t;

/* Unique records per system (the store drops exact duplicates: same sat, type, toe, IODE)
 * from: zcat -f FILE | tr -d '\r' | awk -f tests/fixtures/nav/count_records.awk */
static const count_case_t count_cases[] = {
    {"georinex/14601736.18n", 1, {0, 7, 0, 0, 0, 0, 0, 0}},
    {"georinex/ab422100.18n", 1, {0, 206, 0, 0, 0, 0, 0, 0}},
    {"georinex/blank.10n", 1, {0}},
    {"georinex/blank1st.10n", 1, {0}},
    {"georinex/blank3.10n", 1, {0}},
    {"georinex/blank3_1st.10n", 1, {0}},
    {"georinex/brdc2800.15n", 1, {0, 420, 0, 0, 0, 0, 0, 0}},
    {"georinex/demo.10n", 1, {0, 2, 0, 0, 0, 0, 0, 0}},
    {"georinex/demo_nav3.10n", 1, {0, 0, 0, 0, 0, 0, 0, 2}},
    {"georinex/demo_nav3.17n", 1, {0, 4, 0, 0, 0, 0, 0, 0}},
    {"georinex/minimal2.10n", 1, {0, 1, 0, 0, 0, 0, 0, 0}},
    {"georinex/minimal3.10n", 1, {0, 0, 0, 0, 0, 0, 0, 1}},
    {"georinex/qzss_nav3.14n", 1, {0, 0, 0, 0, 0, 1, 0, 0}},
    {"georinex/p1462100.18g", 1, {0, 0, 154, 0, 0, 0, 0, 0}},
    {"georinex/ceda2100.18e", 1, {0, 0, 0, 29, 0, 0, 0, 0}},
    {"georinex/BRDC00IGS_R_20201360000_01D_MN.rnx", 1, {0, 0, 0, 2, 0, 0, 0, 0}},
    {"georinex/BRDM00DLR_R_20130010000_01D_MN.rnx", 1, {0, 4, 4, 0, 0, 2, 0, 0}},
    {"georinex/spare_filled_nav3.rnx", 1, {0, 4, 1, 2, 0, 0, 0, 0}},
    {"georinex/CEDA00USA_R_20182100000_01D_MN.rnx.gz", 1, {0, 0, 0, 35, 0, 0, 0, 0}},
    {"georinex/ELKO00USA_R_20182100000_01D_MN.rnx.gz", 1, {0, 225, 494, 1293, 106, 0, 0, 0}},
    {"georinex/VILL00ESP_R_20181700000_01D_MN.rnx.gz", 1, {0, 263, 476, 961, 160, 0, 0, 1631}},
    {"georinex/brdc0320.16l.txt", 1, {0, 0, 0, 10, 0, 0, 0, 0}},
    {"georinex/brdc2420.18n.gz", 1, {0, 44, 0, 0, 0, 0, 0, 0}},
    {"georust/NAV/V2/amel0010.21g", 1, {0, 0, 6, 0, 0, 0, 0, 0}},
    {"georust/NAV/V2/cbw10010.21n.gz", 1, {0, 187, 0, 0, 0, 0, 0, 0}},
    {"georust/NAV/V2/dlf10010.21g", 1, {0, 0, 7, 0, 0, 0, 0, 0}},
    {"georust/NAV/V2/ijmu3650.21n.gz", 1, {0, 244, 0, 0, 0, 0, 0, 0}},
    {"georust/NAV/V3/AMEL00NLD_R_20210010000_01D_MN.rnx", 1, {0, 0, 2, 2, 2, 0, 0, 0}},
    {"georust/NAV/V3/BRDC00GOP_R_20210010000_01D_MN.rnx.gz", 1, {0, 0, 1, 1, 1, 0, 0, 1}},
    {"georust/NAV/V3/BRUX00BEL_R_20240920000_01D_EN.rnx.gz", 1, {0, 0, 0, 1947, 0, 0, 0, 0}},
    {"georust/NAV/V3/CBW100NLD_R_20210010000_01D_MN.rnx", 1, {0, 2, 0, 2, 2, 0, 0, 0}},
    {"georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz", 1,
     {0, 257, 510, 1602, 357, 15, 0, 2130}},
    {"georust/NAV/V3/HERT00GBR_R_20240920000_01D_GN.rnx.gz", 1, {0, 231, 0, 0, 0, 0, 0, 0}},
    {"georust/NAV/V3/MOJN00DNK_R_20201770000_01D_MN.rnx.gz", 1,
     {0, 240, 464, 1662, 344, 20, 0, 2168}},
    {"georust/NAV/V4/BRD400DLR_S_20230710000_01D_MN.rnx.gz", 1,
     {0, 762, 1240, 5796, 2318, 288, 283, 9060}},
    {"georust/NAV/V4/KMS300DNK_R_20221591000_01H_MN.rnx.gz", 1, {0, 30, 24, 108, 36, 1, 0, 158}},
    {"rtklib/rinex/07590920.05n", 1, {0, 162, 0, 0, 0, 0, 0, 0}},
    {"rtklib/rinex/30400920.05n", 1, {0, 164, 0, 0, 0, 0, 0, 0}},
    {"rtklib/rinex/brdc0910.09g", 1, {0, 0, 912, 0, 0, 0, 0, 0}},
    {"rtklib/rinex/brdc1820.10n", 1, {0, 421, 0, 0, 0, 0, 0, 0}},
    {"rtklib/rinex/brdc1830.10n", 1, {0, 422, 0, 0, 0, 0, 0, 0}},
};

static sky_ctx_t g_ctx;

static sky_status_t read_data(const char *rel, sky_nav_t *nav, sky_error_t *err)
{
    char *path = sky_test_data(rel);
    sky_ctx_init(&g_ctx);
    sky_nav_init(nav, &g_ctx);
    sky_error_clear(err);
    sky_status_t st = sky_nav_read_file(nav, path, err);
    free(path);
    return st;
}

static void print_sky_error(const sky_error_t *err)
{
    char buf[640];
    sky_error_format(err, buf, sizeof buf);
    print_message("  %s\n  > %s\n", buf, err->text);
}

static void test_counts_all_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof count_cases / sizeof *count_cases; i++) {
        const count_case_t *c = &count_cases[i];
        sky_nav_t nav;
        sky_error_t err;
        sky_status_t st = read_data(c->rel, &nav, &err);
        if (st != SKY_OK) {
            print_message("%s:\n", c->rel);
            print_sky_error(&err);
        }
        assert_int_equal(st, SKY_OK);
        int n[SKY_SYS_COUNT] = {0};
        for (size_t k = 0; k < nav.nkeph; k++)
            n[nav.keph[k].sat.sys]++;
        n[SKY_SYS_GLO] += (int)nav.ngeph;
        n[SKY_SYS_SBS] += (int)nav.nseph;
        for (int s = 1; s < SKY_SYS_COUNT; s++) {
            if (n[s] != c->n[s])
                print_message("%s: system %c: %d records, expected %d\n", c->rel,
                              sky_sys_char((sky_sys_t)s), n[s], c->n[s]);
            assert_int_equal(n[s], c->n[s]);
        }
        sky_nav_free(&nav);
    }
}

static sky_time_t civil(int y, int mo, int d, int h, int mi, double s)
{
    sky_civil_t c = {y, mo, d, h, mi, s};
    sky_time_t t;
    assert_int_equal(sky_time_from_civil(&c, &t), SKY_OK);
    return t;
}

static const sky_keph_t *find_keph(const sky_nav_t *nav, char sys, int prn, double toe_s)
{
    for (size_t k = 0; k < nav->nkeph; k++) {
        const sky_keph_t *e = &nav->keph[k];
        if (e->sat.sys == sky_sys_from_char(sys) && e->sat.prn == prn && e->toe_s == toe_s)
            return e;
    }
    return NULL;
}

/* First record of rtklib/rinex/07590920.05n, values as printed (RINEX 2.10, D exponents). */
static void test_v2_gps_fields(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_error_t err;
    assert_int_equal(read_data("rtklib/rinex/07590920.05n", &nav, &err), SKY_OK);
    const sky_keph_t *e = find_keph(&nav, 'G', 1, 525600.0);
    assert_non_null(e);
    assert_true(e->sqrt_a == 5.153636478420e+03);
    assert_true(e->e == 5.957618006510e-03);
    assert_true(e->af0_s == 3.966595977540e-04);
    assert_true(e->m0_rad == 2.871534990340e+00);
    assert_true(e->tgd_s[0] == -3.259629011150e-09);
    assert_int_equal(e->iode, 140);
    assert_int_equal(e->iodc, 396);
    assert_int_equal(e->week, 1316);
    assert_int_equal(e->type, SKY_NAV_LNAV);
    /* toc 05 4 2 2 0 0.0 GPST; toe = week 1316 + 525600 s = Saturday 2005-04-02 02:00 */
    assert_int_equal(sky_time_cmp(e->toc, civil(2005, 4, 2, 2, 0, 0)), 0);
    assert_int_equal(sky_time_cmp(e->toe, civil(2005, 4, 2, 2, 0, 0)), 0);
    assert_int_equal(sky_time_cmp(e->ttr, sky_time_from_gpst(1316, 519576.0)), 0);
    assert_true(nav.iono.has_gps_klobuchar);
    assert_true(nav.iono.gps_alpha[0] == 1.1180e-08 && nav.iono.gps_alpha[3] == -5.9600e-08);
    assert_true(nav.iono.gps_beta[0] == 8.8060e+04 && nav.iono.gps_beta[2] == -1.9660e+05);
    assert_int_equal(nav.leap_s, 13);
    assert_int_equal(nav.ntcorr, 1);
    assert_string_equal(nav.tcorr[0].type, "GPUT");
    assert_true(nav.tcorr[0].a0_s == -2.793967723850e-09);
    assert_true(nav.tcorr[0].a1_sps == -5.329070518200e-15);
    assert_int_equal(nav.tcorr[0].tref_tow_s, 61440);
    assert_int_equal(nav.tcorr[0].tref_week, 1061);
    sky_nav_free(&nav);
}

/* demo.10n writes DELTA-UTC off the standard columns; 2-digit year 99 is 1999 [1] §6.5. */
static void test_v2_shifted_header_and_year(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_error_t err;
    assert_int_equal(read_data("georinex/demo.10n", &nav, &err), SKY_OK);
    assert_int_equal(nav.ntcorr, 1);
    assert_true(nav.tcorr[0].a0_s == 0.133179128170e-06);
    assert_true(nav.tcorr[0].a1_sps == 0.107469588780e-12);
    assert_int_equal(nav.tcorr[0].tref_tow_s, 552960);
    assert_int_equal(nav.tcorr[0].tref_week, 1025);
    const sky_keph_t *e = find_keph(&nav, 'G', 6, 409904.0);
    assert_non_null(e);
    assert_int_equal(sky_time_cmp(e->toc, civil(1999, 9, 2, 19, 0, 0)), 0);
    sky_nav_free(&nav);
}

/* georinex/p1462100.18g first record (R22 2018-07-28 23:45 UTC): km -> m; UTC -> GPST +18 s. */
static void test_v2_glonass(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_error_t err;
    assert_int_equal(read_data("georinex/p1462100.18g", &nav, &err), SKY_OK);
    const sky_geph_t *g = NULL;
    sky_time_t toe = civil(2018, 7, 28, 23, 45, 18);
    for (size_t k = 0; k < nav.ngeph; k++)
        if (nav.geph[k].sat.prn == 22 && sky_time_cmp(nav.geph[k].toe, toe) == 0)
            g = &nav.geph[k];
    assert_non_null(g);
    SKY_ASSERT_NEAR(g->pos_m[0], 2253991.210938, 1e-6);
    SKY_ASSERT_NEAR(g->vel_mps[0], 274.4255065918, 1e-9);
    SKY_ASSERT_NEAR(g->acc_mps2[0], -1.862645149231e-06, 1e-18);
    SKY_ASSERT_NEAR(g->pos_m[1], -22940267.08984, 1e-5);
    SKY_ASSERT_NEAR(g->pos_m[2], 11058101.5625, 1e-5);
    assert_true(g->taun_s == -5.727540701628e-05);
    assert_int_equal(g->fcn, -3);
    assert_int_equal(nav.glo_fcn[22], -3);
    assert_int_equal(g->health, 0);
    /* tb: 23:45 UTC = 02:45 Moscow time = interval 11 of 15 min */
    assert_int_equal(g->iode, 11);
    /* tk = 86370 s of the UTC day: 23:59:30 UTC the same day */
    assert_int_equal(sky_time_cmp(g->tof, civil(2018, 7, 28, 23, 59, 48)), 0);
    assert_int_equal(nav.ntcorr, 1);
    assert_string_equal(nav.tcorr[0].type, "GLUT");
    assert_true(nav.tcorr[0].a0_s == 9.313225746155e-10);
    sky_nav_free(&nav);
}

/* ESBC 2020-177 (RINEX 3.05): BDS D2 time in BDT, GLONASS optional 4th orbit line. */
static void test_v3_bds_glonass(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_error_t err;
    assert_int_equal(read_data("georust/NAV/V3/ESBC00DNK_R_20201770000_01D_MN.rnx.gz", &nav, &err),
                     SKY_OK);
    const sky_keph_t *e = find_keph(&nav, 'C', 5, 338400.0);
    assert_non_null(e);
    assert_int_equal(e->type, SKY_NAV_D2);
    assert_int_equal(e->week, 755);
    /* C05 2020 06 24 22 00 00 BDT = 22:00:14 GPST; BDT week 755 s 338400 is the same instant */
    assert_int_equal(sky_time_cmp(e->toc, civil(2020, 6, 24, 22, 0, 14)), 0);
    assert_int_equal(sky_time_cmp(e->toe, e->toc), 0);
    assert_true(e->sqrt_a == 6.493378950119e+03);
    assert_true(e->tgd_s[0] == 1.000000000000e-10 && e->tgd_s[1] == -9.300000000000e-09);
    /* R01 2020 06 24 23 15 00 UTC, 4th line: dTauN .999999999999e+09 = unknown */
    const sky_geph_t *g = NULL;
    for (size_t k = 0; k < nav.ngeph; k++)
        if (nav.geph[k].sat.prn == 1 &&
            sky_time_cmp(nav.geph[k].toe, civil(2020, 6, 24, 23, 15, 18)) == 0)
            g = &nav.geph[k];
    assert_non_null(g);
    SKY_ASSERT_NEAR(g->pos_m[0], 10908942.38281, 1e-5);
    assert_int_equal(g->fcn, 1);
    assert_true(isnan(g->dtaun_s));
    assert_true(nav.iono.has_gps_klobuchar && nav.iono.has_gal_nequick);
    assert_true(nav.iono.gal_ai[0] == 2.8250e+01);
    sky_nav_free(&nav);
}

/* Hand-made RINEX 4 fixture: STO, EOP, ION (KLOB, NEQG, BDGIM skipped), unknown record types
 * skipped, CNAV, FDMA (5 lines) and CNV3 ephemerides [3]. */
static void test_v4_fixture(void **state)
{
    (void)state;
    char *path = sky_test_fixture("nav/v4_sto_eop_ion.rnx");
    sky_ctx_init(&g_ctx);
    sky_nav_t nav;
    sky_nav_init(&nav, &g_ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_status_t st = sky_nav_read_file(&nav, path, &err);
    if (st != SKY_OK)
        print_sky_error(&err);
    assert_int_equal(st, SKY_OK);
    free(path);
    assert_int_equal(nav.ntcorr, 2);
    for (size_t i = 0; i < nav.ntcorr; i++) {
        const sky_timecorr_t *c = &nav.tcorr[i];
        if (strcmp(c->type, "GPUT") == 0) {
            assert_true(c->a0_s == -3.725290298462e-09);
            assert_true(c->a1_sps == -2.664535259100e-15 && c->a2_sps2 == 0.0);
            assert_int_equal(sky_time_cmp(c->tref, civil(2023, 3, 14, 16, 51, 12)), 0);
        } else {
            assert_string_equal(c->type, "BDUT");
            assert_true(c->a0_s == 1.862645149231e-09 && c->a2_sps2 == 1.0e-20);
            assert_int_equal(sky_time_cmp(c->tref, civil(2023, 3, 12, 0, 0, 28)), 0);
        }
    }
    assert_int_equal(nav.neop, 1);
    const double as = 3.14159265358979323846 / (180.0 * 3600.0);
    SKY_ASSERT_NEAR(nav.eop[0].xp_rad, -4.024982452393e-02 * as, 1e-20);
    SKY_ASSERT_NEAR(nav.eop[0].dxp_radps, 3.957748413086e-05 * as / 86400.0, 1e-25);
    SKY_ASSERT_NEAR(nav.eop[0].yp_rad, 3.562908172607e-01 * as, 1e-20);
    SKY_ASSERT_NEAR(nav.eop[0].dut1_s, -1.940387487411e-02, 1e-15);
    SKY_ASSERT_NEAR(nav.eop[0].ddut1_sps, -1.411736011505e-04 / 86400.0, 1e-20);
    assert_true(nav.iono.has_gps_klobuchar && !nav.iono.has_bds_klobuchar);
    assert_true(nav.iono.gps_alpha[0] == 3.259629011154e-08);
    assert_true(nav.iono.gps_beta[3] == 1.310720000000e+05);
    assert_true(nav.iono.has_gal_nequick && nav.iono.gal_ai[0] == 1.607500000000e+02);
    assert_int_equal(nav.nkeph, 2); /* G01 CNAV, C19 CNV3 */
    assert_int_equal(nav.ngeph, 1);
    for (size_t k = 0; k < nav.nkeph; k++) {
        const sky_keph_t *e = &nav.keph[k];
        assert_int_equal(sky_time_cmp(e->toe, e->toc), 0); /* CNAV: toe = toc */
        if (e->sat.sys == SKY_SYS_GPS) {
            assert_int_equal(e->type, SKY_NAV_CNAV);
            assert_true(e->a_dot_mps == 1.004886627197e-02);
            assert_true(e->delta_n_dot_radps2 == -1.056170179553e-13);
            assert_int_equal(e->health, 1);
        } else {
            assert_int_equal(e->type, SKY_NAV_CNV3);
            assert_int_equal(e->sat_type, 3);
            assert_true(e->tgd_s[0] == -5.820766091347e-09);
            /* C19 2023 03 12 00 00 00 BDT */
            assert_int_equal(sky_time_cmp(e->toc, civil(2023, 3, 12, 0, 0, 14)), 0);
        }
    }
    assert_int_equal(nav.geph[0].fcn, 1);
    assert_true(nav.geph[0].dtaun_s == 8.381903171539e-09);
    SKY_ASSERT_NEAR(nav.geph[0].pos_m[2], 5539755.371094, 1e-6);
    sky_nav_free(&nav);
}

/* RINEX 4 message types from the "> EPH" headers (unique records, count_records.awk):
 * BRD400DLR 2023-071: G LNAV 428, CNAV 334; J LNAV/CNAV/CNV2 96 each; E INAV 2899, FNAV 2897;
 * C D1 887, D2 168, CNV1 630, CNV2 633; I LNAV 283. */
static void test_v4_message_types(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_error_t err;
    assert_int_equal(read_data("georust/NAV/V4/BRD400DLR_S_20230710000_01D_MN.rnx.gz", &nav, &err),
                     SKY_OK);
    static const struct {
        sky_sys_t sys;
        sky_nav_type_t type;
        int n;
    } want[] = {{SKY_SYS_GPS, SKY_NAV_LNAV, 428}, {SKY_SYS_GPS, SKY_NAV_CNAV, 334},
                {SKY_SYS_QZS, SKY_NAV_LNAV, 96},  {SKY_SYS_QZS, SKY_NAV_CNAV, 96},
                {SKY_SYS_QZS, SKY_NAV_CNV2, 96},  {SKY_SYS_GAL, SKY_NAV_INAV, 2899},
                {SKY_SYS_GAL, SKY_NAV_FNAV, 2897}, {SKY_SYS_BDS, SKY_NAV_D1, 887},
                {SKY_SYS_BDS, SKY_NAV_D2, 168},   {SKY_SYS_BDS, SKY_NAV_CNV1, 630},
                {SKY_SYS_BDS, SKY_NAV_CNV2_BDS, 633}, {SKY_SYS_IRN, SKY_NAV_LNAV, 283}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int n = 0;
        for (size_t k = 0; k < nav.nkeph; k++)
            n += nav.keph[k].sat.sys == want[i].sys && nav.keph[k].type == want[i].type;
        if (n != want[i].n)
            print_message("%c type %d: %d, expected %d\n", sky_sys_char(want[i].sys),
                          (int)want[i].type, n, want[i].n);
        assert_int_equal(n, want[i].n);
    }
    assert_true(nav.neop == 32 && nav.iono.has_gps_klobuchar && nav.iono.has_bds_klobuchar &&
                nav.iono.has_qzs_klobuchar && nav.iono.has_irn_klobuchar &&
                nav.iono.has_gal_nequick);
    sky_nav_free(&nav);
}

static sky_status_t read_mem(const char *text, size_t len, sky_nav_t *nav, sky_error_t *err)
{
    sky_ctx_init(&g_ctx);
    sky_nav_init(nav, &g_ctx);
    sky_error_clear(err);
    return sky_nav_read_memory(nav, text, len, "mem.rnx", err);
}

static void test_errors(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_error_t err;
    /* galileo3.15n line 29 holds ". 000000000000D+00": that record is dropped and named,
     * the other two are read (grep -c '^E' galileo3.15n: 3 records); they are the same
     * ephemeris (same toe and IODnav, lines 7-22), which the store keeps once */
    assert_int_equal(read_data("georinex/galileo3.15n", &nav, &err), SKY_OK);
    assert_int_equal(nav.nskipped, 1);
    assert_int_equal(nav.first_skip.line, 29);
    assert_string_equal(nav.first_skip.field, "BGD_E5B_E1");
    assert_non_null(strstr(nav.first_skip.text, ". 000000000000D+00"));
    assert_int_equal(nav.nkeph, 1);
    sky_nav_free(&nav);

    /* truncated in the 2nd record: the 1st is kept, then a clear error */
    char *path = sky_test_data("rtklib/rinex/07590920.05n");
    size_t len = 0;
    char *text = sky_test_slurp(path, &len);
    free(path);
    size_t cut = 0; /* the 2nd record starts on line 21; cut three lines into it */
    for (int nl = 0; nl < 23 && cut < len; cut++)
        nl += text[cut] == '\n';
    assert_int_equal(read_mem(text, cut, &nav, &err), SKY_E_TRUNCATED);
    assert_int_equal(nav.nkeph, 1);
    assert_true(err.line > 0 && err.field[0] != '\0');
    sky_nav_free(&nav);

    /* cut inside the last value of the 1st record's last line ("    5.195" of TTR
     * 5.195760000000D+05 on line 20): was read as TTR = 5.195 s without a word */
    const char *ttr = strstr(text, "\n    5.195760000000D+05");
    assert_non_null(ttr);
    assert_int_equal(read_mem(text, (size_t)(ttr - text) + 10, &nav, &err), SKY_E_TRUNCATED);
    assert_int_equal(err.line, 20);
    assert_string_equal(err.field, "TTR");
    assert_int_equal(nav.nkeph, 0);
    sky_nav_free(&nav);

    /* a corrupted SQRTA */
    char *bad = malloc(len);
    assert_non_null(bad);
    memcpy(bad, text, len);
    char *p = strstr(bad, "5.153636478420D+03");
    assert_non_null(p);
    memcpy(p, "5.15363647842OD+03", 18);
    /* the clean file's record count is checked against awk in test_counts */
    assert_int_equal(read_mem(text, len, &nav, &err), SKY_OK);
    size_t nclean = nav.nkeph;
    sky_nav_free(&nav);
    assert_int_equal(read_mem(bad, len, &nav, &err), SKY_OK);
    assert_int_equal(nav.nskipped, 1);
    assert_string_equal(nav.first_skip.field, "SQRTA");
    assert_int_equal(nav.first_skip.line, 15);
    assert_int_equal(nav.nkeph, nclean - 1); /* only the corrupted record is dropped */
    sky_nav_free(&nav);
    free(bad);
    free(text);

    static const char v5[] = "     5.00           N: GNSS NAV DATA    M                   "
                             "RINEX VERSION / TYPE\n";
    assert_int_equal(read_mem(v5, sizeof v5 - 1, &nav, &err), SKY_E_VERSION);
    sky_nav_free(&nav);
    static const char obs[] = "     3.04           OBSERVATION DATA    M                   "
                              "RINEX VERSION / TYPE\n";
    assert_int_equal(read_mem(obs, sizeof obs - 1, &nav, &err), SKY_E_FORMAT);
    sky_nav_free(&nav);
    static const char junk[] = "\x01\x02\xff garbage\n\x7f\x80";
    assert_true(read_mem(junk, sizeof junk - 1, &nav, &err) < 0);
    sky_nav_free(&nav);
    static const char nohdr[] = "     3.04           N: GNSS NAV DATA    M                   "
                                "RINEX VERSION / TYPE\n";
    assert_int_equal(read_mem(nohdr, sizeof nohdr - 1, &nav, &err), SKY_E_TRUNCATED);
    assert_string_equal(err.field, "END OF HEADER");
    sky_nav_free(&nav);
}

/* Small hand-written cases: LEAP SECONDS given as BDT-UTC ("BDS", RINEX 3.04+: GPST-UTC =
 * BDT-UTC + 14 s), a RINEX 2 GEO ('H') record (PRN-100, km -> m, ttr in GPS seconds of week),
 * and a RINEX 4 record cut short by the next record header. */
static void test_small_inline_cases(void **state)
{
    (void)state;
    sky_nav_t nav;
    sky_error_t err;
    static const char leap_bds[] =
        "     3.04           N: GNSS NAV DATA    C: BDS              RINEX VERSION / TYPE\n"
        "     4     5  2300     3BDS                                 LEAP SECONDS\n"
        "                                                            END OF HEADER\n";
    assert_int_equal(read_mem(leap_bds, sizeof leap_bds - 1, &nav, &err), SKY_OK);
    assert_int_equal(nav.leap_s, 18);
    assert_int_equal(nav.leap_future_s, 19);
    assert_int_equal(nav.leap_week, 2300);
    sky_nav_free(&nav);

    static const char geo_v2[] =
        "     2.11           H: GEO NAV MSG DATA                     RINEX VERSION / TYPE\n"
        "                                                            END OF HEADER\n"
        "20 20  4 12  1 15  0.0 1.000000000000D-08 2.000000000000D-12 3.500000000000D+04\n"
        "    4.000000000000D+04 1.000000000000D-03 0.000000000000D+00 0.000000000000D+00\n"
        "   -1.100000000000D+04 2.000000000000D-03 0.000000000000D+00 4.000000000000D+00\n"
        "    1.250000000000D+01 3.000000000000D-03 1.000000000000D-07 7.000000000000D+00\n";
    assert_int_equal(read_mem(geo_v2, sizeof geo_v2 - 1, &nav, &err), SKY_OK);
    assert_int_equal(nav.nseph, 1);
    const sky_seph_t *g = &nav.seph[0];
    assert_int_equal(g->sat.sys, SKY_SYS_SBS);
    assert_int_equal(g->sat.prn, 20); /* PRN 120 */
    SKY_ASSERT_NEAR(g->pos_m[0], 40000000.0, 1e-6);
    SKY_ASSERT_NEAR(g->vel_mps[1], 2.0, 1e-12);
    SKY_ASSERT_NEAR(g->acc_mps2[2], 1.0e-4, 1e-16);
    assert_int_equal(g->iodn, 7);
    assert_int_equal(sky_time_cmp(g->t0, civil(2020, 4, 12, 1, 15, 0)), 0);
    /* 2020-04-12 is a Sunday: 35000 s of that GPS week is 09:43:20 */
    assert_int_equal(sky_time_cmp(g->tof, civil(2020, 4, 12, 9, 43, 20)), 0);
    sky_nav_free(&nav);

    static const char short_v4[] =
        "     4.00           N: GNSS NAV DATA    M: MIXED            RINEX VERSION / TYPE\n"
        "                                                            END OF HEADER\n"
        "> EPH S20 SBAS\n"
        "S20 2020 04 12 01 15 00 1.000000000000E-08 2.000000000000E-12 3.500000000000E+04\n"
        "     4.000000000000E+04 1.000000000000E-03 0.000000000000E+00 0.000000000000E+00\n"
        "> EPH S20 SBAS\n";
    assert_int_equal(read_mem(short_v4, sizeof short_v4 - 1, &nav, &err), SKY_E_FORMAT);
    assert_int_equal(err.line, 6);
    assert_string_equal(err.field, "Y");
    sky_nav_free(&nav);
}

/* A 10-bit week (1316 - 1024 = 292) in the first record of 07590920.05n is resolved near toc
 * (IS-GPS-200N §20.3.3.3.1.1): toe stays 2005-04-02 02:00 GPST. */
static void test_week_rollover(void **state)
{
    (void)state;
    char *path = sky_test_data("rtklib/rinex/07590920.05n");
    size_t len = 0;
    char *text = sky_test_slurp(path, &len);
    free(path);
    char *p = strstr(text, "1.316000000000D+03");
    assert_non_null(p);
    memcpy(p, "2.920000000000D+02", 18);
    sky_nav_t nav;
    sky_error_t err;
    assert_int_equal(read_mem(text, len, &nav, &err), SKY_OK);
    const sky_keph_t *e = find_keph(&nav, 'G', 1, 525600.0);
    assert_non_null(e);
    assert_int_equal(e->week, 1316);
    assert_int_equal(sky_time_cmp(e->toe, civil(2005, 4, 2, 2, 0, 0)), 0);
    sky_nav_free(&nav);
    free(text);
}

/* A 24 h merged RINEX 4 file (all systems, ~30 000 records) must read in well under 1 s. */
static void test_speed(void **state)
{
    (void)state;
    struct timespec a, b;
    sky_nav_t nav;
    sky_error_t err;
    char *path = sky_test_data("georust/NAV/V4/BRD400DLR_S_20230710000_01D_MN.rnx.gz");
    free(path);
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(read_data("georust/NAV/V4/BRD400DLR_S_20230710000_01D_MN.rnx.gz", &nav, &err),
                     SKY_OK);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double dt = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9;
    print_message("BRD400DLR 2023-071 (%zu keph, %zu geph, %zu seph): %.3f s\n", nav.nkeph,
                  nav.ngeph, nav.nseph, dt);
    assert_true(dt < 5.0); /* generous: sanitizer builds are ~10x slower */
    sky_nav_free(&nav);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_all_files),
        cmocka_unit_test(test_v2_gps_fields),
        cmocka_unit_test(test_v2_shifted_header_and_year),
        cmocka_unit_test(test_v2_glonass),
        cmocka_unit_test(test_v3_bds_glonass),
        cmocka_unit_test(test_v4_fixture),
        cmocka_unit_test(test_v4_message_types),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_small_inline_cases),
        cmocka_unit_test(test_week_rollover),
        cmocka_unit_test(test_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
