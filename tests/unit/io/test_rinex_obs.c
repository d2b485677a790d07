/* SPDX-License-Identifier: BSD-2-Clause */
/* RINEX observation reader: hand-made fixtures (every field against the values written into
 * them), real files against counts taken from their plain text with regular expressions,
 * compressed files against the system's gzip/unzip/bzip2 output, broken files. */
#include "testutil.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skyfix/rinex.h"

/* ---- The fixtures' values: tests/fixtures/obs/mixed*.rnx were written with these rules. ---- */
static double fx_val(int i, int k) { return (k + 1) * 1000000.0 + i * 1000.0 + k + 0.125; }
static bool fx_blank(int i, int k) { return (i + k) % 7 == 6; }
static int fx_lli(int i, int k) { return (i + k) % 3 == 0 ? 1 : 0; }
static int fx_ssi(int i, int k) { return k % 2 == 0 ? (i % 9) + 1 : 0; }

static void check_fixture_sat(const sky_obs_epoch_t *ep, int s, int i, int nval)
{
    const sky_obs_sat_t *os = &ep->sat[s];
    assert_int_equal(os->nval, nval);
    for (int k = 0; k < nval; k++) {
        uint32_t o = os->off + (uint32_t)k;
        if (fx_blank(i, k)) {
            assert_true(isnan(ep->val[o]));
            assert_int_equal(ep->lli[o], 0);
            assert_int_equal(ep->ssi[o], 0);
            continue;
        }
        assert_true(ep->val[o] == fx_val(i, k));
        assert_int_equal(ep->lli[o], fx_lli(i, k));
        assert_int_equal(ep->ssi[o], fx_ssi(i, k));
    }
}

static void assert_sat(sky_sat_t sat, char sys, int prn)
{
    assert_int_equal(sat.sys, sky_sys_from_char(sys));
    assert_int_equal(sat.prn, prn);
}

static void assert_civil(sky_time_t t, int y, int mo, int d, int h, int mi, double s)
{
    sky_civil_t c;
    sky_time_to_civil(t, &c);
    assert_int_equal(c.year, y);
    assert_int_equal(c.month, mo);
    assert_int_equal(c.day, d);
    assert_int_equal(c.hour, h);
    assert_int_equal(c.min, mi);
    SKY_ASSERT_NEAR(c.sec, s, 1e-9);
}

static sky_obs_reader_t *open_ok(const char *path)
{
    sky_error_t err;
    sky_error_clear(&err);
    sky_obs_reader_t *r = NULL;
    sky_status_t st = sky_obs_open(NULL, path, &r, &err);
    if (st != SKY_OK)
        fail_msg("%s:%ld: %s: %s", err.path, err.line, err.field, err.msg);
    return r;
}

static void next_ok(sky_obs_reader_t *r, sky_obs_epoch_t *ep)
{
    sky_error_t err;
    sky_error_clear(&err);
    sky_status_t st = sky_obs_next(r, ep, &err);
    if (st != SKY_OK)
        fail_msg("status %d %s:%ld: %s: %s", st, err.path, err.line, err.field, err.msg);
}

static void test_fixture_v2_header(void **state)
{
    (void)state;
    char *path = sky_test_fixture("obs/mixed211.rnx");
    sky_obs_reader_t *r = open_ok(path);
    const sky_obs_header_t *h = sky_obs_reader_header(r);
    SKY_ASSERT_NEAR(h->version, 2.11, 1e-12);
    assert_int_equal(h->file_sys, 'M');
    assert_false(h->crx);
    assert_string_equal(h->program, "skyfix-test");
    assert_string_equal(h->run_by, "skyfix team");
    assert_string_equal(h->date, "20260101 000000 UTC");
    assert_string_equal(h->marker_name, "TEST");
    assert_string_equal(h->marker_number, "12345M001");
    assert_string_equal(h->observer, "OBSNAME");
    assert_string_equal(h->agency, "AGENCY NAME");
    assert_string_equal(h->rec_number, "REC123");
    assert_string_equal(h->rec_type, "TESTREC");
    assert_string_equal(h->rec_version, "1.0");
    assert_string_equal(h->ant_number, "ANT456");
    assert_string_equal(h->ant_type, "TESTANT         NONE");
    assert_true(h->approx_pos_ecef_m[0] == 4027893.71 && h->approx_pos_ecef_m[1] == 307045.6 &&
                h->approx_pos_ecef_m[2] == 4919475.16);
    assert_true(h->ant_delta_hen_m[0] == 1.234 && h->ant_delta_hen_m[1] == 0.0);
    assert_int_equal(h->ntypes_v2, 10);
    static const char *v2[10] = {"C1", "L1", "L2", "P1", "P2", "D1", "D2", "S1", "S2", "C5"};
    for (int k = 0; k < 10; k++)
        assert_string_equal(h->types_v2[k], v2[k]);
    assert_int_equal(h->ntypes[SKY_SYS_GPS], 10);
    assert_int_equal(h->ntypes[SKY_SYS_GLO], 10);
    /* RINEX 3.05 §8.1 / sky_obs_code_from_v2: GPS P2 -> C2W, L1 -> L1C */
    assert_string_equal(h->types[SKY_SYS_GPS][4].text, "C2W");
    assert_string_equal(h->types[SKY_SYS_GPS][1].text, "L1C");
    SKY_ASSERT_NEAR(h->interval_s, 30.0, 0);
    assert_int_equal(h->time_sys, SKY_TS_GPS);
    assert_civil(h->first_obs, 2021, 1, 1, 0, 0, 0.0);
    assert_civil(h->last_obs, 2021, 1, 1, 0, 0, 30.0);
    assert_int_equal(h->leap_s, 18);
    assert_int_equal(h->nsat_header, 14);
    assert_int_equal(h->ncomment, 1);
    assert_true(isnan(h->glo_cpb_m[0]));
    assert_int_equal(h->glo_fcn[1], SKY_GLO_FCN_UNKNOWN);
    sky_obs_close(r);
    free(path);
}

static void test_fixture_v2_epochs(void **state)
{
    (void)state;
    char *path = sky_test_fixture("obs/mixed211.rnx");
    sky_obs_reader_t *r = open_ok(path);
    sky_obs_epoch_t ep;
    next_ok(r, &ep); /* 14 satellites over two epoch lines, clock offset */
    assert_int_equal(ep.flag, 0);
    assert_int_equal(ep.nsat, 14);
    assert_int_equal(ep.line, 20);
    assert_civil(ep.time, 2021, 1, 1, 0, 0, 0.0);
    assert_true(ep.rcv_clock_offset_s == 0.000123456);
    static const char sys[14] = "GGGGGGGGGGRRES";
    static const int prn[14] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 11, 20};
    for (int i = 0; i < 14; i++) {
        assert_sat(ep.sat[i].sat, sys[i], prn[i]);
        check_fixture_sat(&ep, i, i, 10);
    }
    next_ok(r, &ep); /* event flag 4 with two header records */
    assert_int_equal(ep.flag, 4);
    assert_int_equal(ep.nsat, 0);
    assert_int_equal(ep.nspecial, 2);
    assert_civil(ep.time, 2021, 1, 1, 0, 0, 15.0);
    assert_string_equal(sky_obs_reader_header(r)->marker_name, "NEWNAME");
    assert_int_equal(sky_obs_reader_header(r)->ncomment, 2);
    next_ok(r, &ep); /* blank system column " 01" = GPS */
    assert_int_equal(ep.nsat, 3);
    assert_true(isnan(ep.rcv_clock_offset_s));
    assert_sat(ep.sat[0].sat, 'G', 1);
    assert_sat(ep.sat[1].sat, 'R', 5);
    assert_sat(ep.sat[2].sat, 'E', 11);
    for (int j = 0; j < 3; j++)
        check_fixture_sat(&ep, j, 14 + j, 10);
    next_ok(r, &ep); /* cycle-slip records */
    assert_int_equal(ep.flag, 6);
    assert_int_equal(ep.nsat, 1);
    check_fixture_sat(&ep, 0, 20, 10);
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_obs_next(r, &ep, &err), SKY_EOF);
    sky_obs_close(r);
    free(path);
}

static void test_fixture_v3(void **state)
{
    (void)state;
    char *path = sky_test_fixture("obs/mixed305.rnx");
    sky_obs_reader_t *r = open_ok(path);
    const sky_obs_header_t *h = sky_obs_reader_header(r);
    SKY_ASSERT_NEAR(h->version, 3.05, 1e-12);
    assert_string_equal(h->marker_type, "GEODETIC");
    assert_string_equal(h->signal_strength_unit, "DBHZ");
    assert_int_equal(h->ntypes[SKY_SYS_GPS], 14);
    assert_string_equal(h->types[SKY_SYS_GPS][13].text, "L1W");
    assert_int_equal(h->ntypes[SKY_SYS_GAL], 4);
    assert_int_equal(h->ntypes[SKY_SYS_BDS], 2);
    assert_string_equal(h->types[SKY_SYS_BDS][1].text, "L2I");
    assert_int_equal(h->ntypes[SKY_SYS_QZS], 0);
    assert_int_equal(h->nshift, 2);
    assert_true(h->shift[0].sys == SKY_SYS_GPS && h->shift[0].shift_cyc == 0.25);
    assert_string_equal(h->shift[1].code.text, "L5Q");
    assert_true(h->shift[1].shift_cyc == -0.25);
    assert_int_equal(h->glo_fcn[1], 1);
    assert_int_equal(h->glo_fcn[5], -4);
    assert_int_equal(h->glo_fcn[2], SKY_GLO_FCN_UNKNOWN);
    assert_true(h->glo_cpb_m[0] == -10.0 && h->glo_cpb_m[1] == 10.5 && h->glo_cpb_m[3] == 10.5);
    assert_true(h->approx_pos_ecef_m[0] == -2694685.473);
    assert_true(h->ant_delta_hen_m[2] == 0.3);
    assert_civil(h->first_obs, 2022, 3, 4, 5, 6, 7.0);
    assert_true(h->last_obs.sec == INT64_MIN);
    sky_obs_epoch_t ep;
    next_ok(r, &ep);
    static const char sys[6] = "GGERRC";
    static const int prn[6] = {1, 12, 5, 1, 5, 10}, nval[6] = {14, 14, 4, 4, 4, 2};
    assert_int_equal(ep.nsat, 6);
    assert_true(ep.rcv_clock_offset_s == -0.000012345678);
    for (int i = 0; i < 6; i++) {
        assert_sat(ep.sat[i].sat, sys[i], prn[i]);
        check_fixture_sat(&ep, i, i, nval[i]); /* S1C written x10: SYS / SCALE FACTOR */
    }
    next_ok(r, &ep);
    assert_int_equal(ep.nsat, 2);
    check_fixture_sat(&ep, 0, 6, 14);
    check_fixture_sat(&ep, 1, 7, 4);
    next_ok(r, &ep);
    assert_int_equal(ep.flag, 4);
    assert_int_equal(ep.nspecial, 2);
    assert_civil(ep.time, 2022, 3, 4, 5, 6, 8.5);
    assert_string_equal(h->marker_name, "NEW3");
    next_ok(r, &ep);
    assert_int_equal(ep.flag, 6);
    assert_sat(ep.sat[0].sat, 'G', 12);
    check_fixture_sat(&ep, 0, 8, 14);
    next_ok(r, &ep);
    assert_int_equal(ep.flag, 1);
    assert_sat(ep.sat[0].sat, 'C', 10);
    check_fixture_sat(&ep, 0, 9, 2);
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_obs_next(r, &ep, &err), SKY_EOF);
    sky_obs_close(r);
    free(path);
}

/* ---- Real files against their text ---- */

typedef struct {
    long epochs, sats;
    sky_civil_t first, last;
} text_counts_t;

/* Count epoch records with regular expressions over the plain text: RINEX 3 "> yyyy ..."
 * lines, RINEX 2 " yy mm dd hh mm ss.sssssss  f nnn" lines (or blank-time event lines). */
static void count_text(const char *text, bool v3, text_counts_t *tc)
{
    regex_t re2, re2ev;
    assert_int_equal(regcomp(&re2, "^ [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9] [ 0-9][0-9]"
                                   " [ 0-9][0-9]\\.[0-9]{7}  [0-6][ 0-9]{2}[0-9]",
                             REG_EXTENDED | REG_NOSUB), 0);
    assert_int_equal(regcomp(&re2ev, "^ {28}[2-5][ 0-9]{2}[0-9]", REG_EXTENDED | REG_NOSUB), 0);
    memset(tc, 0, sizeof *tc);
    const char *body = strstr(text, "END OF HEADER");
    assert_non_null(body);
    char line[4096];
    for (const char *p = strchr(body, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
        size_t n = strcspn(p + 1, "\r\n");
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, p + 1, n);
        line[n] = '\0';
        int y, mo, d, h, mi, flag, ns;
        double s;
        bool timed = false;
        if (v3 && line[0] == '>') {
            timed = sscanf(line + 1, "%d %d %d %d %d %lf %1d%3d", &y, &mo, &d, &h, &mi, &s, &flag,
                           &ns) == 8;
            if (!timed && sscanf(line + 31, "%1d%3d", &flag, &ns) != 2)
                continue;
        } else if (!v3 && regexec(&re2, line, 0, NULL, 0) == 0) {
            timed = sscanf(line, "%d %d %d %d %d %lf %d %d", &y, &mo, &d, &h, &mi, &s, &flag,
                           &ns) == 8;
            y += y < 80 ? 2000 : 1900;
        } else if (!v3 && regexec(&re2ev, line, 0, NULL, 0) == 0) {
            flag = line[28] - '0';
            ns = 0;
        } else {
            continue;
        }
        tc->epochs++;
        if (flag < 2 || flag > 5)
            tc->sats += ns;
        if (timed && (flag < 2 || flag > 5)) {
            sky_civil_t c = {y, mo, d, h, mi, s};
            if (tc->first.year == 0)
                tc->first = c;
            tc->last = c;
        }
    }
    regfree(&re2);
    regfree(&re2ev);
}

static void civil_near(sky_time_t t, sky_timesys_t ts, const sky_civil_t *c)
{
    sky_time_t ref;
    assert_int_equal(sky_time_from_civil(c, &ref), SKY_OK);
    ref = sky_time_to_gpst_from(ref, ts, NULL);
    SKY_ASSERT_NEAR(sky_time_diff_s(t, ref), 0.0, 1e-9);
}

static void check_real_file(const char *rel, double first_value)
{
    char *path = sky_test_data(rel);
    size_t len;
    char *text = sky_test_slurp(path, &len);
    sky_obs_reader_t *r = open_ok(path);
    const sky_obs_header_t *h = sky_obs_reader_header(r);
    text_counts_t tc;
    count_text(text, h->version >= 3.0, &tc);
    sky_obs_epoch_t ep;
    sky_error_t err;
    sky_error_clear(&err);
    long epochs = 0, sats = 0;
    sky_time_t first = {0, 0}, last = {0, 0};
    sky_status_t st;
    while ((st = sky_obs_next(r, &ep, &err)) == SKY_OK) {
        if (epochs == 0 && ep.nsat > 0 && !isnan(first_value))
            assert_true(ep.val[0] == first_value);
        if (ep.flag < 2 || ep.flag > 5) {
            if (sats == 0 && ep.nsat > 0)
                first = ep.time;
            last = ep.time;
        }
        epochs++;
        sats += ep.nsat;
    }
    if (st != SKY_EOF)
        fail_msg("%s:%ld: %s: %s", err.path, err.line, err.field, err.msg);
    print_message("%s: %ld epochs, %ld satellite records\n", rel, epochs, sats);
    assert_int_equal(epochs, tc.epochs);
    assert_int_equal(sats, tc.sats);
    civil_near(first, h->time_sys, &tc.first);
    civil_near(last, h->time_sys, &tc.last);
    sky_obs_close(r);
    free(text);
    free(path);
}

static void test_real_files(void **state)
{
    (void)state;
    /* first values typed by hand from each file's first observation record */
    static const struct {
        const char *rel;
        double first;
    } files[] = {
        {"georust/OBS/V2/AJAC3550.21O", 131857102.133},
        {"georust/OBS/V2/KOSG0010.95O", 21700656.314},
        {"georust/OBS/V2/aopr0010.17o", -14746974.730},
        {"georust/OBS/V2/barq071q.19o", NAN},
        {"georust/OBS/V2/delf0010.21o", 126298057.858},
        {"georust/OBS/V2/npaz3550.21o", NAN},
        {"georust/OBS/V2/rovn0010.21o", NAN},
        {"georust/OBS/V2/wsra0010.21o", NAN},
        {"georust/OBS/V2/zegv0010.21o", NAN},
        {"georust/OBS/V3/ACOR00ESP_R_20213550000_01D_30S_MO.rnx", 24600158.420},
        {"georust/OBS/V3/ALAC00ESP_R_20220090000_01D_30S_MO.rnx", NAN},
        {"georust/OBS/V3/DUTH0630.22O", NAN},
        {"georust/OBS/V3/LARM0010.22O", NAN},
        {"georust/OBS/V3/LARM0630.22O", NAN},
        {"georust/OBS/V3/NOA10630.22O", NAN},
        {"georust/OBS/V3/VLNS0010.22O", NAN},
        {"georust/OBS/V3/VLNS0630.22O", NAN},
        {"georust/OBS/V3/flrs0010.12o", NAN},
        {"georust/OBS/V3/pdel0010.21o", 23304001.080},
        {"georinex/demo.10o", NAN},
        {"georinex/demo3.10o", NAN},
        {"georinex/rinex2onesat.10o", NAN},
        {"georinex/minimal2.10o", NAN},
        {"georinex/minimal3.10o", NAN},
        {"georinex/default_time_system2.10o", NAN},
        {"georinex/default_time_system3.10o", NAN},
        {"georinex/14601736.18o", NAN},
        {"rtklib/rinex/07590920.05o", 55923622.160},
        {"rtklib/rinex/30400920.05o", NAN},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        check_real_file(files[i].rel, files[i].first);
}

/* The file's lines, 1-based (lines[0] is NULL); text is cut at each newline. */
static const char **split_lines(char *text, size_t len, size_t *nlines)
{
    size_t n = 0, cap = 1024;
    const char **lines = malloc(cap * sizeof *lines);
    assert_non_null(lines);
    lines[n++] = NULL;
    for (char *p = text; p < text + len;) {
        if (n == cap) {
            lines = realloc(lines, (cap *= 2) * sizeof *lines);
            assert_non_null(lines);
        }
        lines[n++] = p;
        char *nl = memchr(p, '\n', (size_t)(text + len - p));
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    *nlines = n;
    return lines;
}

/* One F14.3 + LLI + SSI field at col of line l (length ll) against value o of the epoch,
 * with strtod as the reference. Returns 1 if a value was compared, 0 for a blank field. */
static int check_field(const char *l, size_t ll, size_t col, const sky_obs_epoch_t *ep,
                       uint32_t o, const char *where)
{
    char f[15] = "";
    if (col < ll)
        memcpy(f, l + col, ll - col < 14 ? ll - col : 14);
    char *end;
    double ref = strtod(f, &end);
    if (end == f) {
        assert_true(isnan(ep->val[o]));
        return 0;
    }
    if (ep->val[o] != ref)
        fail_msg("%s: %.17g, text says %.17g", where, ep->val[o], ref);
    int lli = col + 14 < ll && l[col + 14] != ' ' ? l[col + 14] - '0' : 0;
    int ssi = col + 15 < ll && l[col + 15] != ' ' ? l[col + 15] - '0' : 0;
    assert_int_equal(ep->lli[o], lli);
    assert_int_equal(ep->ssi[o], ssi);
    return 1;
}

/* Every value of a RINEX 3 file against strtod over its 14 columns, and LLI/SSI digits
 * against the two columns after it (the C library is the reference). */
static void check_all_values_v3(const char *rel)
{
    char *path = sky_test_data(rel);
    size_t len;
    char *text = sky_test_slurp(path, &len);
    size_t nlines;
    const char **lines = split_lines(text, len, &nlines);
    sky_obs_reader_t *r = open_ok(path);
    sky_obs_epoch_t ep;
    sky_error_t err;
    sky_error_clear(&err);
    long nval = 0;
    while (sky_obs_next(r, &ep, &err) == SKY_OK) {
        for (int i = 0; i < ep.nsat; i++) {
            const char *l = lines[ep.line + 1 + i];
            size_t ll = strlen(l);
            for (int k = 0; k < ep.sat[i].nval; k++)
                nval += check_field(l, ll, 3 + 16 * (size_t)k, &ep, ep.sat[i].off + (uint32_t)k,
                                    rel);
        }
    }
    assert_true(nval > 1000);
    sky_obs_close(r);
    free(lines);
    free(text);
    free(path);
}

/* The same for RINEX 2.11 (§5.1 Table A2): the epoch line takes 12 satellites per line, each
 * satellite ceil(ntypes / 5) lines of five F14.3 + LLI + SSI fields (80 columns). */
static void check_all_values_v2(const char *rel, long min_values)
{
    char *path = sky_test_data(rel);
    size_t len;
    char *text = sky_test_slurp(path, &len);
    size_t nlines;
    const char **lines = split_lines(text, len, &nlines);
    sky_obs_reader_t *r = open_ok(path);
    const sky_obs_header_t *h = sky_obs_reader_header(r);
    sky_obs_epoch_t ep;
    sky_error_t err;
    sky_error_clear(&err);
    long nval = 0;
    sky_status_t st;
    while ((st = sky_obs_next(r, &ep, &err)) == SKY_OK) {
        long first = ep.line + 1 + (ep.nsat > 12 ? (ep.nsat - 1) / 12 : 0);
        for (int i = 0; i < ep.nsat; i++) {
            int nt = h->ntypes[ep.sat[i].sat.sys];
            assert_int_equal(ep.sat[i].nval, nt);
            long l0 = first + (long)i * ((nt + 4) / 5);
            for (int k = 0; k < nt; k++) {
                assert_true((size_t)(l0 + k / 5) < nlines);
                const char *l = lines[l0 + k / 5];
                char where[160];
                snprintf(where, sizeof where, "%s:%ld: value %d of %s", rel, l0 + k / 5, k,
                         h->types[ep.sat[i].sat.sys][k].text);
                nval += check_field(l, strcspn(l, "\r"), 16 * (size_t)(k % 5), &ep,
                                    ep.sat[i].off + (uint32_t)k, where);
            }
        }
    }
    assert_int_equal(st, SKY_EOF);
    print_message("%s: %ld values checked against the text\n", rel, nval);
    assert_true(nval >= min_values);
    sky_obs_close(r);
    free(lines);
    free(text);
    free(path);
}

static void test_all_values(void **state)
{
    (void)state;
    check_all_values_v3("georust/OBS/V3/pdel0010.21o");
    check_all_values_v3("georust/OBS/V3/ACOR00ESP_R_20213550000_01D_30S_MO.rnx");
    check_all_values_v2("georust/OBS/V2/AJAC3550.21O", 500);    /* 22 types: 5 lines each */
    check_all_values_v2("rtklib/rinex/07590920.05o", 1000);     /* 4 types: 1 line each */
    check_all_values_v2("georust/OBS/V2/delf0010.21o", 1000);   /* 7 types: 2 lines each */
}

/* Time systems by RINEX default: pure GLONASS file = GLO (UTC(SU)+3h), pure Galileo = GAL. */
static void test_default_time_system(void **state)
{
    (void)state;
    char *p2 = sky_test_data("georinex/default_time_system2.10o");
    char *p3 = sky_test_data("georinex/default_time_system3.10o");
    sky_obs_reader_t *r = open_ok(p2);
    assert_int_equal(sky_obs_reader_header(r)->time_sys, SKY_TS_GLO);
    sky_obs_epoch_t ep;
    next_ok(r, &ep);
    /* 2010-03-05 00:00:30 GLONASST = 2010-03-04 21:00:30 UTC = 21:00:45 GPST (15 s in 2010) */
    assert_civil(ep.time, 2010, 3, 4, 21, 0, 45.0);
    sky_obs_close(r);
    r = open_ok(p3);
    assert_int_equal(sky_obs_reader_header(r)->time_sys, SKY_TS_GAL);
    sky_obs_close(r);
    free(p2);
    free(p3);
}

/* ---- Broken inputs: a clear error naming file, line and field, or a correct partial read ---- */

static sky_status_t read_all(sky_obs_reader_t *r, long *epochs, sky_error_t *err)
{
    sky_obs_epoch_t ep;
    sky_status_t st;
    *epochs = 0;
    while ((st = sky_obs_next(r, &ep, err)) == SKY_OK)
        (*epochs)++;
    return st;
}

static void expect_error(const char *rel, sky_status_t code, long line, long epochs_before)
{
    char *path = sky_test_data(rel);
    sky_error_t err;
    sky_error_clear(&err);
    sky_obs_reader_t *r = NULL;
    long n = 0;
    sky_status_t st = sky_obs_open(NULL, path, &r, &err);
    if (st == SKY_OK)
        st = read_all(r, &n, &err);
    assert_int_equal(st, code);
    assert_int_equal(err.line, line);
    assert_int_equal(n, epochs_before);
    assert_true(err.field[0] != '\0' && err.msg[0] != '\0' && strstr(err.path, rel));
    sky_obs_close(r);
    free(path);
}

static void test_broken_files(void **state)
{
    (void)state;
    expect_error("georinex/badtime.10o", SKY_E_FORMAT, 3, 0);      /* "0 .0000000" */
    expect_error("georinex/junk_time_obs3.10o", SKY_E_FORMAT, 10, 1); /* "> 23 29" */
    expect_error("georinex/wrong_obs2_count.10o", SKY_E_FORMAT, 2, 0); /* 6 announced, 7 given */
    static const char *blank[] = {"georinex/blank.10o", "georinex/blank1st.10o",
                                  "georinex/blank3.10o", "georinex/blank3_1st.10o"};
    for (size_t i = 0; i < 4; i++) {
        char *path = sky_test_data(blank[i]);
        sky_error_t err;
        sky_error_clear(&err);
        sky_obs_reader_t *r = open_ok(path);
        long n;
        assert_int_equal(read_all(r, &n, &err), SKY_EOF);
        assert_int_equal(n, 0);
        sky_obs_close(r);
        free(path);
    }
}

/* Every line-prefix of the fixtures ends in EOF or an error with a line; never a crash. */
static void test_truncations(void **state)
{
    (void)state;
    static const char *fx[] = {"obs/mixed211.rnx", "obs/mixed305.rnx"};
    for (size_t f = 0; f < 2; f++) {
        char *path = sky_test_fixture(fx[f]);
        size_t len;
        char *text = sky_test_slurp(path, &len);
        int ntrunc = 0;
        for (size_t cut = 0; cut < len; cut++) {
            if (cut > 0 && text[cut - 1] != '\n')
                continue;
            sky_error_t err;
            sky_error_clear(&err);
            sky_obs_reader_t *r = NULL;
            long n = 0;
            sky_status_t st = sky_obs_open_memory(NULL, text, cut, fx[f], &r, &err);
            if (st == SKY_OK)
                st = read_all(r, &n, &err);
            assert_true(st == SKY_EOF || st < 0);
            if (st < 0)
                assert_true(err.line >= 0 && err.msg[0] != '\0');
            ntrunc += st == SKY_E_TRUNCATED;
            sky_obs_close(r);
        }
        assert_true(ntrunc > 5);
        free(text);
        free(path);
    }
}

/* A message-perfect truncation: the v3 fixture cut after the first 3 satellites of epoch 1. */
static void test_truncated_epoch(void **state)
{
    (void)state;
    char *path = sky_test_fixture("obs/mixed305.rnx");
    size_t len;
    char *text = sky_test_slurp(path, &len);
    const char *ep = strstr(text, "\n> 2022 03 04 05 06  7");
    assert_non_null(ep);
    const char *cut = ep + 1;
    for (int i = 0; i < 4; i++)
        cut = strchr(cut, '\n') + 1;
    sky_error_t err;
    sky_error_clear(&err);
    sky_obs_reader_t *r = NULL;
    assert_int_equal(sky_obs_open_memory(NULL, text, (size_t)(cut - text), "cut.rnx", &r, &err),
                     SKY_OK);
    long n;
    assert_int_equal(read_all(r, &n, &err), SKY_E_TRUNCATED);
    assert_int_equal(n, 0);
    assert_non_null(strstr(err.msg, "after 3 of the 6"));
    sky_obs_close(r);
    free(text);
    free(path);
}

/* ---- Compressed inputs read the same as the system tools' decompressed text ---- */

/* Skip the calling test, saying why, when a system tool the comparison needs is absent
 * (call before allocating anything). */
static void require_tool(const char *tool)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    if (system(cmd) != 0) {
        print_message("SKIP: %s not installed: compressed-input comparison not run\n", tool);
        skip();
    }
}

/* Output of a tool present (require_tool): a failure or empty output fails the test, it is
 * never a silent pass. */
static char *run_capture(const char *cmd, size_t *len)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, p)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    int rc = pclose(p);
    if (rc != 0 || n == 0)
        fail_msg("'%s' failed (exit status %d, %zu bytes)", cmd, rc, n);
    *len = n;
    return buf;
}

static void same_epochs(sky_obs_reader_t *a, sky_obs_reader_t *b)
{
    sky_obs_epoch_t ea, eb;
    sky_error_t err;
    sky_error_clear(&err);
    long n = 0;
    for (;;) {
        sky_status_t sa = sky_obs_next(a, &ea, &err);
        sky_status_t sb = sky_obs_next(b, &eb, &err);
        assert_int_equal(sa, sb);
        if (sa != SKY_OK)
            break;
        n++;
        assert_int_equal(ea.nsat, eb.nsat);
        assert_true(sky_time_cmp(ea.time, eb.time) == 0);
        size_t nv = ea.nsat ? ea.sat[ea.nsat - 1].off + ea.sat[ea.nsat - 1].nval : 0;
        for (size_t k = 0; k < nv; k++)
            assert_true(ea.val[k] == eb.val[k] || (isnan(ea.val[k]) && isnan(eb.val[k])));
        assert_memory_equal(ea.lli, eb.lli, nv ? nv : 1);
    }
    assert_true(n > 0);
}

static void compare_compressed(const char *path, const char *tool_cmd)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, tool_cmd, path);
    size_t len;
    char *plain = run_capture(cmd, &len);
    sky_error_t err;
    sky_error_clear(&err);
    sky_obs_reader_t *a = open_ok(path), *b = NULL;
    assert_int_equal(sky_obs_open_memory(NULL, plain, len, "plain", &b, &err), SKY_OK);
    same_epochs(a, b);
    sky_obs_close(a);
    sky_obs_close(b);
    free(plain);
}

static void test_compressed(void **state)
{
    (void)state;
    require_tool("gzip");
    require_tool("unzip");
    char *z = sky_test_data("georinex/ac660270.18o.Z");
    char *zip = sky_test_data("georinex/ab430140.18o.zip");
    char *gz = sky_test_data("georust/OBS/V3/gps.23O.gz");
    compare_compressed(z, "gzip -dc '%s'");
    compare_compressed(zip, "unzip -p '%s'");
    compare_compressed(gz, "gzip -dc '%s'");
    free(z);
    free(zip);
    free(gz);
}

/* The fixture compressed here with bzip2 and gzip reads the same as the plain file. */
static void test_compressed_fixture(void **state)
{
    (void)state;
    require_tool("bzip2");
    require_tool("gzip");
    char *path = sky_test_fixture("obs/mixed305.rnx");
    static const char *tools[] = {"bzip2 -c '%s'", "gzip -c '%s'"};
    for (size_t i = 0; i < 2; i++) {
        char cmd[1024];
        snprintf(cmd, sizeof cmd, tools[i], path);
        size_t len;
        char *packed = run_capture(cmd, &len);
        sky_error_t err;
        sky_error_clear(&err);
        sky_obs_reader_t *a = open_ok(path), *b = NULL;
        assert_int_equal(sky_obs_open_memory(NULL, packed, len, "packed", &b, &err), SKY_OK);
        same_epochs(a, b);
        sky_obs_close(a);
        sky_obs_close(b);
        free(packed);
    }
    free(path);
}

/* Hatanaka-compressed files read the same as their plain twins (georust test resources). */
static void test_crx_twins(void **state)
{
    (void)state;
    static const char *twins[][2] = {
        {"georust/CRNX/V1/delf0010.21d", "georust/OBS/V2/delf0010.21o"},
        {"georust/CRNX/V3/ACOR00ESP_R_20213550000_01D_30S_MO.crx",
         "georust/OBS/V3/ACOR00ESP_R_20213550000_01D_30S_MO.rnx"},
    };
    for (size_t i = 0; i < 2; i++) {
        char *c = sky_test_data(twins[i][0]), *p = sky_test_data(twins[i][1]);
        sky_error_t err;
        sky_error_clear(&err);
        sky_obs_reader_t *a = NULL, *b = open_ok(p);
        sky_status_t st = sky_obs_open(NULL, c, &a, &err);
        if (st == SKY_E_UNSUPPORTED) {
            print_message("Hatanaka decoder not built: %s\n", err.msg);
        } else {
            assert_int_equal(st, SKY_OK);
            assert_true(sky_obs_reader_header(a)->crx);
            same_epochs(a, b);
        }
        sky_obs_close(a);
        sky_obs_close(b);
        free(c);
        free(p);
    }
}

/* Small inputs in memory: RINEX 3.00 two-character codes, limits, bad values, progress. */
#define HDR_V(v) "     " v "           OBSERVATION DATA    G                   RINEX VERSION / TYPE\n"
#define EOH "                                                            END OF HEADER\n"

static sky_status_t read_text(const char *text, long *epochs, sky_error_t *err)
{
    sky_obs_reader_t *r = NULL;
    sky_error_clear(err);
    *epochs = 0;
    sky_status_t st = sky_obs_open_memory(NULL, text, strlen(text), "mem", &r, err);
    if (st == SKY_OK)
        st = read_all(r, epochs, err);
    sky_obs_close(r);
    return st;
}

/* RINEX 3.02 names BeiDou B1I "C1I" (band 1); RINEX 3.03 renamed it "C2I" and gave band 1
 * to B1C (RINEX 3.03 §5.1 change list; B1I at 1561.098 MHz, BDS-SIS-ICD-B1I §4.2). A 3.02
 * file's C1I must come out as band 2 at 1561.098 MHz; a 3.04 file's C1X stays B1C. */
static void test_bds_b1_v302(void **state)
{
    (void)state;
    static const char v302[] =
        HDR_V("3.02") "C    2 C1I L1I                                              SYS / # / OBS TYPES\n" EOH
        "> 2018 07 29 00 00 30.0000000  0  1\n"
        "C11  21976391.016 6 114436744.04506\n";
    static const char v304[] =
        HDR_V("3.04") "C    1 C1X                                                  SYS / # / OBS TYPES\n" EOH;
    sky_obs_reader_t *r;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_obs_open_memory(NULL, v302, sizeof v302 - 1, "v302", &r, &err), SKY_OK);
    const sky_obs_header_t *h = sky_obs_reader_header(r);
    assert_int_equal(h->ntypes[SKY_SYS_BDS], 2);
    assert_string_equal(h->types[SKY_SYS_BDS][0].text, "C2I");
    assert_string_equal(h->types[SKY_SYS_BDS][1].text, "L2I");
    SKY_ASSERT_NEAR(sky_freq_hz(SKY_SYS_BDS, h->types[SKY_SYS_BDS][1].band, 0), 1561.098e6, 1.0);
    sky_obs_close(r);
    assert_int_equal(sky_obs_open_memory(NULL, v304, sizeof v304 - 1, "v304", &r, &err), SKY_OK);
    assert_string_equal(sky_obs_reader_header(r)->types[SKY_SYS_BDS][0].text, "C1X");
    sky_obs_close(r);
}

static void test_small_inputs(void **state)
{
    (void)state;
    static const char v300[] =
        HDR_V("3.00") "G    2 C1  L1                                               SYS / # / OBS TYPES\n" EOH
        "> 2010 03 05 00 00 30.0000000  0  1\n"
        "G13  24799319.672 9 130321269.80108\n";
    sky_obs_reader_t *r;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_obs_open_memory(NULL, v300, sizeof v300 - 1, "v300", &r, &err), SKY_OK);
    const sky_obs_header_t *h = sky_obs_reader_header(r);
    assert_int_equal(h->ntypes[SKY_SYS_GPS], 2);
    assert_int_equal(h->types[SKY_SYS_GPS][0].kind, SKY_OBS_CODE);
    assert_int_equal(h->types[SKY_SYS_GPS][1].band, '1');
    assert_int_equal(h->types[SKY_SYS_GPS][1].attr, ' ');
    sky_obs_epoch_t ep;
    next_ok(r, &ep);
    assert_true(ep.val[0] == 24799319.672 && ep.ssi[0] == 9 && ep.lli[0] == 0);
    assert_true(ep.val[1] == 130321269.801 && ep.lli[1] == 0 && ep.ssi[1] == 8);
    uint64_t done, total;
    assert_int_equal(sky_obs_next(r, &ep, &err), SKY_EOF);
    sky_obs_reader_progress(r, &done, &total);
    assert_int_equal(total, sizeof v300 - 1);
    assert_int_equal(done, total);
    sky_obs_close(r);

    long n;
    static const char too_many[] =
        HDR_V("3.05") "G   65 C1C                                                  SYS / # / OBS TYPES\n" EOH;
    assert_int_equal(read_text(too_many, &n, &err), SKY_E_RANGE);
    assert_string_equal(err.field, "SYS / # / OBS TYPES");
    static const char bad_value[] =
        HDR_V("3.05") "G    1 C1C                                                  SYS / # / OBS TYPES\n" EOH
        "> 2010 03 05 00 00 30.0000000  0  1\n"
        "G13  2479931O.672 9\n";
    assert_int_equal(read_text(bad_value, &n, &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "G13 C1C value");
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.text, "2479931O"));
    static const char big_count[] =
        HDR_V("3.05") "G    1 C1C                                                  SYS / # / OBS TYPES\n" EOH
        "> 2010 03 05 00 00 30.0000000  0999\n"
        "G13  24799319.672 9\n";
    assert_int_equal(read_text(big_count, &n, &err), SKY_E_TRUNCATED);
    static const char bad_flag[] =
        HDR_V("3.05") "G    1 C1C                                                  SYS / # / OBS TYPES\n" EOH
        "> 2010 03 05 00 00 30.0000000  9  1\n";
    assert_int_equal(read_text(bad_flag, &n, &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "epoch flag");
    static const char bad_date[] =
        HDR_V("3.05") "G    1 C1C                                                  SYS / # / OBS TYPES\n" EOH
        "> 2010 02 30 00 00 30.0000000  0  0\n";
    assert_int_equal(read_text(bad_date, &n, &err), SKY_E_RANGE);
    static const char no_types[] = HDR_V("3.05") EOH;
    assert_int_equal(read_text(no_types, &n, &err), SKY_E_FORMAT);
    static const char no_end[] =
        HDR_V("3.05") "G    1 C1C                                                  SYS / # / OBS TYPES\n";
    assert_int_equal(read_text(no_end, &n, &err), SKY_E_TRUNCATED);
}

/* Review findings: lines cut inside a right-aligned field, type lists shorter than announced. */
static void test_cut_fields_and_missing_types(void **state)
{
    (void)state;
    long n;
    sky_error_t err;
    /* file cut after "21998387." of a value (no newline): was read as 21998387.0 */
    static const char cut_value[] =
        HDR_V("3.05") "G    2 C1C L1C                                              SYS / # / OBS TYPES\n" EOH
        "> 2010 03 05 00 00 30.0000000  0  1\n"
        "G13  24799319.672 9  21998387.";
    assert_int_equal(read_text(cut_value, &n, &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "G13 L1C value");
    assert_int_equal(err.line, 5);
    /* RINEX 2 epoch line cut inside the seconds (F11.7, columns 16-26): was a 0-satellite epoch */
    static const char cut_epoch[] =
        "     2.11           OBSERVATION DATA    G                   RINEX VERSION / TYPE\n"
        "     1    C1                                                # / TYPES OF OBSERV\n" EOH
        " 05  4  2  0  2  0";
    assert_int_equal(read_text(cut_epoch, &n, &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "epoch time");
    /* 12 types announced, 9 listed, no continuation line: was read as 9 types */
    static const char short_v2[] =
        "     2.11           OBSERVATION DATA    G                   RINEX VERSION / TYPE\n"
        "    12    C1    L1    L2    P2    D1    D2    S1    S2    P1# / TYPES OF OBSERV\n" EOH;
    assert_int_equal(read_text(short_v2, &n, &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "# / TYPES OF OBSERV");
    static const char short_v3[] =
        HDR_V("3.05") "G   14 C1C L1C D1C S1C C2W L2W D2W S2W C5Q L5Q D5Q S5Q C1W  SYS / # / OBS TYPES\n"
        "R    1 C1C                                                  SYS / # / OBS TYPES\n" EOH;
    assert_int_equal(read_text(short_v3, &n, &err), SKY_E_FORMAT);
    assert_string_equal(err.field, "SYS / # / OBS TYPES");
    assert_int_equal(err.line, 3);
    /* a negative INTERVAL was kept and shown by skyfix info */
    static const char neg_interval[] =
        HDR_V("3.05") "G    1 C1C                                                  SYS / # / OBS TYPES\n"
        "   -30.000                                                  INTERVAL\n" EOH;
    assert_int_equal(read_text(neg_interval, &n, &err), SKY_E_RANGE);
    assert_string_equal(err.field, "INTERVAL");
    assert_int_equal(err.line, 3);
}

/* An error in an epoch decoded from Hatanaka names the epoch line of the .crx file (line 8
 * of the fixture), not the receiver clock line after it (line 9) as it did. */
static void test_crx_error_line(void **state)
{
    (void)state;
    char *path = sky_test_fixture("crx/tiny_v3.crx");
    size_t len;
    char *text = sky_test_slurp(path, &len);
    char *ep = strstr(text, "> 2026 11 25 12 00");
    assert_non_null(ep);
    memcpy(ep, "> 2026 02 30 12 00", 18); /* 30 February */
    long n;
    sky_error_t err;
    assert_int_equal(read_text(text, &n, &err), SKY_E_RANGE);
    assert_string_equal(err.field, "epoch time");
    assert_int_equal(err.line, 8);
    free(text);
    free(path);
}

static void test_not_observation(void **state)
{
    (void)state;
    static const char nav[] = "     3.04           N: GNSS NAV DATA    M: MIXED            "
                              "RINEX VERSION / TYPE\n";
    static const char v5[] = "     5.00           OBSERVATION DATA    M                   "
                             "RINEX VERSION / TYPE\n";
    sky_error_t err;
    sky_obs_reader_t *r;
    sky_error_clear(&err);
    assert_int_equal(sky_obs_open_memory(NULL, nav, sizeof nav - 1, "n", &r, &err), SKY_E_FORMAT);
    assert_null(r);
    assert_int_equal(err.line, 1);
    sky_error_clear(&err);
    assert_int_equal(sky_obs_open_memory(NULL, v5, sizeof v5 - 1, "v", &r, &err), SKY_E_VERSION);
    sky_error_clear(&err);
    assert_int_equal(sky_obs_open_memory(NULL, "", 0, "empty", &r, &err), SKY_E_FORMAT);
    sky_error_clear(&err);
    assert_int_equal(sky_obs_open_memory(NULL, "\x01\x02\xff\xfe junk", 9, "bin", &r, &err),
                     SKY_E_FORMAT);
}

static void test_detect(void **state)
{
    (void)state;
    char *o = sky_test_fixture("obs/mixed305.rnx");
    sky_file_kind_t kind;
    double v;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_file_detect(NULL, o, &kind, &v, &err), SKY_OK);
    assert_int_equal(kind, SKY_FILE_RINEX_OBS);
    SKY_ASSERT_NEAR(v, 3.05, 1e-12);
    free(o);
    char *n = sky_test_data("rtklib/rinex/07590920.05n");
    assert_int_equal(sky_file_detect(NULL, n, &kind, &v, &err), SKY_OK);
    assert_int_equal(kind, SKY_FILE_RINEX_NAV);
    free(n);
    char *sp3 = sky_test_data("rtklib/sp3/igs15904.sp3");
    assert_int_equal(sky_file_detect(NULL, sp3, &kind, &v, &err), SKY_OK);
    assert_int_equal(kind, SKY_FILE_SP3);
    free(sp3);
    char *crx = sky_test_data("georust/CRNX/V1/delf0010.21d");
    assert_int_equal(sky_file_detect(NULL, crx, &kind, &v, &err), SKY_OK);
    assert_int_equal(kind, SKY_FILE_RINEX_OBS);
    SKY_ASSERT_NEAR(v, 2.11, 1e-12);
    free(crx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_v2_header),  cmocka_unit_test(test_fixture_v2_epochs),
        cmocka_unit_test(test_fixture_v3),         cmocka_unit_test(test_real_files),
        cmocka_unit_test(test_default_time_system), cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_truncations),        cmocka_unit_test(test_truncated_epoch),
        cmocka_unit_test(test_compressed),         cmocka_unit_test(test_compressed_fixture),
        cmocka_unit_test(test_not_observation),    cmocka_unit_test(test_detect),
        cmocka_unit_test(test_all_values),         cmocka_unit_test(test_crx_twins),
        cmocka_unit_test(test_small_inputs),
        cmocka_unit_test(test_bds_b1_v302),
        cmocka_unit_test(test_cut_fields_and_missing_types),
        cmocka_unit_test(test_crx_error_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
