/* SPDX-License-Identifier: BSD-2-Clause */
/* Solution writers against independent references: published NMEA sentences (checksums
 * computed here by hand), rows of RTKLIB rnx2rtkp 2.4.3 b34 output (Debian package, run on
 * rtklib/rinex/07590920.05o+.05n), the brief's published .pos column header, leap seconds
 * from IERS Bulletin C, and text parsed back with strtod.
 * Run with "--emit DIR" it writes sample files for tests/cli/pos2kml_reads.sh. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/solw_int.h"
#include "skyfix/coord.h"
#include "skyfix/out.h"

/* ---- helpers ---- */

#define ASSERT_PREFIX(text, lit) assert_memory_equal((text), (lit), strlen(lit))

static sky_solution_t make_sol(double lat_deg, double lon_deg, double h_m, sky_time_t t)
{
    sky_solution_t s;
    memset(&s, 0, sizeof s);
    const double llh[3] = {lat_deg * SKY_DEG2RAD, lon_deg * SKY_DEG2RAD, h_m};
    sky_geod_to_ecef(llh, s.pos_ecef_m);
    s.time = t;
    s.quality = SKY_SOLQ_SINGLE;
    s.nsat = 7;
    for (int i = 0; i < 3; i++)
        s.vel_ecef_mps[i] = NAN;
    s.gdop = 2.5;
    s.pdop = 2.1;
    s.hdop = 1.2;
    s.vdop = 1.7;
    s.tdop = 1.0;
    return s;
}

/* Write n solutions in format fmt to memory; returns the text (free it). */
static char *write_all(sky_solfmt_t fmt, const sky_solw_opts_t *o, const sky_solw_info_t *info,
                       const sky_solution_t *sols, int n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    sky_solw_t *w = NULL;
    sky_error_t err;
    sky_error_clear(&err);
    assert_int_equal(sky_solw_new(NULL, fmt, o, f, &w, &err), SKY_OK);
    if (info)
        assert_int_equal(sky_solw_header(w, info, &err), SKY_OK);
    for (int i = 0; i < n; i++)
        assert_int_equal(sky_solw_write(w, &sols[i], &err), SKY_OK);
    assert_int_equal(sky_solw_finish(w, &err), SKY_OK);
    sky_solw_delete(w);
    fclose(f);
    return buf;
}

/* Line number k (0-based) of text into dst, without CR/LF; false if absent. */
static bool get_line(const char *text, int k, char *dst, size_t cap)
{
    const char *p = text;
    for (int i = 0; i < k; i++) {
        p = strchr(p, '\n');
        if (!p)
            return false;
        p++;
    }
    if (!*p)
        return false;
    size_t n = strcspn(p, "\r\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, p, n);
    dst[n] = '\0';
    return true;
}

/* Split s (modified) at commas into at most max fields. */
static int split(char *s, char **fields, int max)
{
    int n = 0;
    fields[n++] = s;
    for (char *p = s; *p && n < max; p++) {
        if (*p == ',') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    }
    return n;
}

/* ENU covariance from RTKLIB's printed standard deviations (signed roots for covariances),
 * rotated to ECEF: Q_ecef = R^T Q_enu R (R rows E, N, U). Order out: xx yy zz xy yz zx. */
static void cov_from_enu_sd(const double llh[3], double sdn, double sde, double sdu, double sdne,
                            double sdeu, double sdun, double cov[6])
{
    double sq[3];
    const double c[3] = {sdne, sdeu, sdun};
    for (int i = 0; i < 3; i++)
        sq[i] = c[i] < 0 ? -c[i] * c[i] : c[i] * c[i];
    const double q[9] = {sde * sde, sq[0], sq[1], sq[0], sdn * sdn, sq[2], sq[1], sq[2], sdu * sdu};
    double r[9], m[9], x[9];
    sky_enu_matrix(llh, r);
    for (int i = 0; i < 3; i++) /* m = Q R */
        for (int j = 0; j < 3; j++)
            m[i * 3 + j] = q[i * 3] * r[j] + q[i * 3 + 1] * r[3 + j] + q[i * 3 + 2] * r[6 + j];
    for (int i = 0; i < 3; i++) /* x = R^T m */
        for (int j = 0; j < 3; j++)
            x[i * 3 + j] = r[i] * m[j] + r[3 + i] * m[3 + j] + r[6 + i] * m[6 + j];
    cov[0] = x[0];
    cov[1] = x[4];
    cov[2] = x[8];
    cov[3] = x[1];
    cov[4] = x[5];
    cov[5] = x[2];
}

/* ---- NMEA ---- */

/* Published examples (the well-known GGA/RMC examples of the NMEA 0183 tutorials): the XOR is
 * computed here character by character, and compared with the published "*47" / "*6A". */
static void test_nmea_checksum_published(void **state)
{
    (void)state;
    static const struct {
        const char *sentence;
        unsigned published;
    } cases[] = {
        {"$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", 0x47},
        {"$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A", 0x6A},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *s = cases[i].sentence;
        const char *star = strchr(s, '*');
        unsigned x = 0;
        for (const char *p = s + 1; p < star; p++)
            x ^= (unsigned char)*p;
        assert_int_equal(x, cases[i].published);
        assert_int_equal(sky__nmea_checksum(s + 1, (size_t)(star - s - 1)), cases[i].published);
    }
}

/* Every sentence: "$...*hh\r\n" with the XOR computed here. Returns the number of sentences. */
static int check_all_checksums(const char *text)
{
    int n = 0;
    const char *p = text;
    while (*p) {
        assert_int_equal(*p, '$');
        const char *eol = strstr(p, "\r\n");
        assert_non_null(eol);
        const char *star = eol - 3;
        assert_int_equal(*star, '*');
        unsigned x = 0;
        for (const char *q = p + 1; q < star; q++)
            x ^= (unsigned char)*q;
        unsigned got = (unsigned)strtoul(star + 1, NULL, 16);
        assert_int_equal(got, x);
        assert_true(eol - p + 2 <= 82); /* NMEA 0183 §5.3: at most 82 characters */
        n++;
        p = eol + 2;
    }
    return n;
}

static double nmea_angle_deg(const char *f, const char *hemi)
{
    double v = strtod(f, NULL);
    double deg = floor(v / 100.0);
    double out = deg + (v - deg * 100.0) / 60.0;
    return (hemi[0] == 'S' || hemi[0] == 'W') ? -out : out;
}

static sky_solution_t mixed_solution(void)
{
    /* 2021-01-01 00:00:30 GPST = GPS week 2138, 432030 s; UTC = GPST - 18 s (IERS C). */
    sky_solution_t s = make_sol(45.123456789, -122.987654321, 123.4567,
                                sky_time_from_gpst(2138, 432030.0));
    static const struct { uint8_t sys, prn; double el, az, snr; bool used; } sats[] = {
        {SKY_SYS_GPS, 5, 45, 120, 44, true},  {SKY_SYS_GPS, 12, 30, 250, 40, true},
        {SKY_SYS_GPS, 25, 60, 10, 47, true},  {SKY_SYS_GPS, 29, 15, 300, 33, true},
        {SKY_SYS_GPS, 31, 5, 200, NAN, false}, {SKY_SYS_GLO, 3, 50, 90, 41, true},
        {SKY_SYS_GLO, 14, 20, 180, 38, true},
    };
    s.nsat_view = (int)(sizeof sats / sizeof *sats);
    s.nsat = 6;
    for (int i = 0; i < s.nsat_view; i++) {
        s.sats[i].sat.sys = sats[i].sys;
        s.sats[i].sat.prn = sats[i].prn;
        s.sats[i].el_rad = sats[i].el * SKY_DEG2RAD;
        s.sats[i].az_rad = sats[i].az * SKY_DEG2RAD;
        s.sats[i].snr_dbhz = sats[i].snr;
        s.sats[i].used = sats[i].used;
    }
    return s;
}

static void test_nmea_fields(void **state)
{
    (void)state;
    sky_solution_t s = mixed_solution();
    char *text = write_all(SKY_SOLFMT_NMEA, NULL, NULL, &s, 1);
    /* GGA, RMC, GSA x2 (GPS, GLONASS), GSV: GPS 5 sats = 2 msgs, GLONASS 2 sats = 1 msg */
    assert_int_equal(check_all_checksums(text), 7);
    char line[128];
    char *f[32];
    assert_true(get_line(text, 0, line, sizeof line));
    *strchr(line, '*') = '\0';
    assert_int_equal(split(line, f, 32), 15);
    assert_string_equal(f[0], "$GNGGA");
    assert_string_equal(f[1], "000012.00"); /* 00:00:30 GPST - 18 s */
    SKY_ASSERT_NEAR(nmea_angle_deg(f[2], f[3]), 45.123456789, 0.5e-5 / 60.0 + 1e-12);
    SKY_ASSERT_NEAR(nmea_angle_deg(f[4], f[5]), -122.987654321, 0.5e-5 / 60.0 + 1e-12);
    assert_int_equal(strlen(f[2]), 10); /* ddmm.mmmmm */
    assert_int_equal(strlen(f[4]), 11); /* dddmm.mmmmm */
    assert_string_equal(f[6], "1");
    assert_string_equal(f[7], "06");
    assert_string_equal(f[8], "1.2");
    SKY_ASSERT_NEAR(strtod(f[9], NULL), 123.4567, 0.0005);
    assert_true(get_line(text, 1, line, sizeof line));
    *strchr(line, '*') = '\0';
    assert_int_equal(split(line, f, 32), 13);
    assert_string_equal(f[0], "$GNRMC");
    assert_string_equal(f[2], "A");
    assert_string_equal(f[9], "010121");
    assert_string_equal(f[12], "A");
    assert_true(get_line(text, 2, line, sizeof line));
    *strchr(line, '*') = '\0';
    assert_int_equal(split(line, f, 32), 19);
    assert_string_equal(f[0], "$GNGSA");
    assert_string_equal(f[2], "3");
    assert_string_equal(f[3], "05");
    assert_string_equal(f[6], "29");
    assert_string_equal(f[7], "");
    assert_string_equal(f[15], "2.1");
    assert_string_equal(f[18], "1"); /* system ID GPS */
    assert_true(get_line(text, 3, line, sizeof line));
    *strchr(line, '*') = '\0';
    split(line, f, 32);
    assert_string_equal(f[3], "67"); /* GLONASS slot 3 = 64 + 3 */
    assert_string_equal(f[4], "78");
    assert_string_equal(f[18], "2");
    assert_true(get_line(text, 4, line, sizeof line));
    ASSERT_PREFIX(line, "$GPGSV,2,1,05,05,45,120,44,12,30,250,40,");
    assert_true(get_line(text, 5, line, sizeof line));
    ASSERT_PREFIX(line, "$GPGSV,2,2,05,31,05,200,*");
    assert_true(get_line(text, 6, line, sizeof line));
    ASSERT_PREFIX(line, "$GLGSV,1,1,02,67,50,090,41,78,20,180,38*");
    free(text);
}

static void test_nmea_no_fix_and_gps_only(void **state)
{
    (void)state;
    sky_solution_t s = mixed_solution();
    s.quality = SKY_SOLQ_NONE;
    for (int i = 0; i < s.nsat_view; i++)
        s.sats[i].used = false;
    char *text = write_all(SKY_SOLFMT_NMEA, NULL, NULL, &s, 1);
    check_all_checksums(text);
    char line[128];
    char *f[32];
    assert_true(get_line(text, 0, line, sizeof line));
    *strchr(line, '*') = '\0';
    split(line, f, 32);
    assert_string_equal(f[0], "$GPGGA");
    assert_string_equal(f[2], "");
    assert_string_equal(f[6], "0");
    assert_true(get_line(text, 1, line, sizeof line));
    *strchr(line, '*') = '\0';
    split(line, f, 32);
    assert_string_equal(f[2], "V");
    assert_true(get_line(text, 2, line, sizeof line));
    ASSERT_PREFIX(line, "$GPGSA,A,1,");
    free(text);
    /* GPS only: GP talker, GSA without system ID (18 fields) */
    s = mixed_solution();
    s.sats[5].used = s.sats[6].used = false;
    text = write_all(SKY_SOLFMT_NMEA, NULL, NULL, &s, 1);
    assert_true(get_line(text, 2, line, sizeof line));
    *strchr(line, '*') = '\0';
    assert_int_equal(split(line, f, 32), 18);
    assert_string_equal(f[0], "$GPGSA");
    free(text);
}

/* ---- RTKLIB .pos ---- */

static const char *const rtklib_llh_header =
    "%  GPST                  latitude(deg) longitude(deg)  height(m)   Q  ns   sdn(m)   sde(m)"
    "   sdu(m)  sdne(m)  sdeu(m)  sdun(m) age(s)  ratio";

/* rnx2rtkp -k opt.conf -t (single, brdc iono, saas tropo, GPS) first row. */
static const char *const rtklib_llh_row =
    "2005/04/02 00:00:00.000   35.160874723  139.613828338    70.5181   5   7   2.9983   2.4321"
    "   6.6568   1.1028  -2.8037  -2.1170   0.00    0.0";

static sky_solution_t rtklib_row_solution(void)
{
    sky_solution_t s = make_sol(35.160874723, 139.613828338, 70.5181,
                                sky_time_from_gpst(1316, 518400.0));
    const double llh[3] = {35.160874723 * SKY_DEG2RAD, 139.613828338 * SKY_DEG2RAD, 70.5181};
    cov_from_enu_sd(llh, 2.9983, 2.4321, 6.6568, 1.1028, -2.8037, -2.1170, s.cov_pos_m2);
    return s;
}

static void test_pos_llh_matches_rtklib(void **state)
{
    (void)state;
    sky_solution_t s = rtklib_row_solution();
    sky_solw_info_t info;
    memset(&info, 0, sizeof info);
    info.program = "skyfix test";
    info.elev_mask_rad = 15.0 * SKY_DEG2RAD;
    info.pos_mode = "Single";
    info.sys_mask = 1u << SKY_SYS_GPS;
    info.inputs[0] = "obs\n.05o"; /* a control character must not break the header */
    info.ninputs = 1;
    info.has_span = true;
    info.obs_start = sky_time_from_gpst(1316, 518400.0);
    info.obs_end = sky_time_from_gpst(1316, 521970.0);
    char *text = write_all(SKY_SOLFMT_POS_LLH, NULL, &info, &s, 1);
    char line[512];
    assert_true(get_line(text, 0, line, sizeof line));
    assert_string_equal(line, "% program   : skyfix test");
    assert_non_null(strstr(text, "% elev mask : 15.0 deg\n"));
    assert_non_null(strstr(text, "% navi sys  : GPS\n"));
    assert_non_null(strstr(text, "% inp file  : obs?.05o\n"));
    /* the span lines exactly as rnx2rtkp printed them for 07590920.05o */
    assert_non_null(strstr(text, "% obs start : 2005/04/02 00:00:00.0 GPST (week1316 518400.0s)\n"));
    assert_non_null(strstr(text, "% obs end   : 2005/04/02 00:59:30.0 GPST (week1316 521970.0s)\n"));
    int k = 0;
    while (get_line(text, k, line, sizeof line) && line[0] == '%')
        k++;
    assert_true(get_line(text, k - 1, line, sizeof line));
    assert_string_equal(line, rtklib_llh_header);
    assert_true(get_line(text, k, line, sizeof line));
    assert_string_equal(line, rtklib_llh_row);
    free(text);
}

/* rnx2rtkp -k opt.conf -t -u: the same epoch in UTC (GPST - 13 s in 2005, IERS C). */
static void test_pos_utc_and_week(void **state)
{
    (void)state;
    sky_solution_t s = rtklib_row_solution();
    sky_solw_opts_t o;
    sky_solw_opts_default(&o);
    o.time_sys = SKY_TS_UTC;
    char *text = write_all(SKY_SOLFMT_POS_LLH, &o, NULL, &s, 1);
    char line[512];
    assert_true(get_line(text, 1, line, sizeof line));
    assert_string_equal(line, "%  UTC                   latitude(deg) longitude(deg)  height(m)"
                              "   Q  ns   sdn(m)   sde(m)   sdu(m)  sdne(m)  sdeu(m)  sdun(m)"
                              " age(s)  ratio");
    assert_true(get_line(text, 2, line, sizeof line));
    ASSERT_PREFIX(line, "2005/04/01 23:59:47.000   35.160874723");
    free(text);
    /* rnx2rtkp -e (week/tow time, ECEF) first row and header */
    sky_solution_t x;
    memset(&x, 0, sizeof x);
    x.time = sky_time_from_gpst(1316, 518400.0);
    x.quality = SKY_SOLQ_SINGLE;
    x.nsat = 7;
    x.pos_ecef_m[0] = -3976227.6692;
    x.pos_ecef_m[1] = 3382380.8829;
    x.pos_ecef_m[2] = 3652520.2507;
    const double sd[6] = {7.7685, 9.4243, 8.2052, -7.6112, 6.8570, -5.9526};
    for (int i = 0; i < 6; i++)
        x.cov_pos_m2[i] = sd[i] < 0 ? -sd[i] * sd[i] : sd[i] * sd[i];
    sky_solw_opts_default(&o);
    o.time_week_tow = true;
    text = write_all(SKY_SOLFMT_POS_XYZ, &o, NULL, &x, 1);
    assert_true(get_line(text, 1, line, sizeof line));
    assert_string_equal(line, "%  GPST              x-ecef(m)      y-ecef(m)      z-ecef(m)   Q"
                              "  ns   sdx(m)   sdy(m)   sdz(m)  sdxy(m)  sdyz(m)  sdzx(m) age(s)"
                              "  ratio");
    assert_true(get_line(text, 2, line, sizeof line));
    assert_string_equal(line, "1316 518400.000  -3976227.6692   3382380.8829   3652520.2507   5"
                              "   7   7.7685   9.4243   8.2052  -7.6112   6.8570  -5.9526   0.00"
                              "    0.0");
    free(text);
}

/* Latitude/longitude written and read back with strtod: |error| <= half the last digit. */
static void test_latlon_round_trip(void **state)
{
    (void)state;
    enum { N = 200 };
    static sky_solution_t sols[N];
    double lat[N], lon[N];
    uint32_t seed = 12345u;
    for (int i = 0; i < N; i++) {
        seed = seed * 1664525u + 1013904223u; /* Numerical Recipes LCG */
        lat[i] = (seed / 4294967296.0) * 179.99 - 89.995;
        seed = seed * 1664525u + 1013904223u;
        lon[i] = (seed / 4294967296.0) * 359.99 - 179.995;
    }
    lat[0] = 89.99999999996; /* minutes round up to 60 in NMEA */
    lon[0] = -179.99999999996;
    lat[1] = -0.00000000004;
    lon[1] = 0.0;
    for (int i = 0; i < N; i++)
        sols[i] = make_sol(lat[i], lon[i], 100.0, sky_time_from_gpst(2138, 432030.0 + i));
    char *text = write_all(SKY_SOLFMT_POS_LLH, NULL, NULL, sols, N);
    char line[512];
    for (int i = 0; i < N; i++) {
        assert_true(get_line(text, 2 + i, line, sizeof line));
        char *end;
        double la = strtod(line + 23, &end);
        double lo = strtod(end, NULL);
        SKY_ASSERT_NEAR(la, lat[i], 0.5e-9 + 1e-11);
        SKY_ASSERT_NEAR(lo, lon[i], 0.5e-9 + 1e-11);
    }
    free(text);
    sky_solw_opts_t o;
    sky_solw_opts_default(&o);
    o.nmea_min_decimals = 8;
    o.nmea_sentences = SKY_NMEA_GGA;
    text = write_all(SKY_SOLFMT_NMEA, &o, NULL, sols, N);
    for (int i = 0; i < N; i++) {
        char *f[32];
        assert_true(get_line(text, i, line, sizeof line));
        split(line, f, 32);
        SKY_ASSERT_NEAR(nmea_angle_deg(f[2], f[3]), lat[i], 1e-9);
        SKY_ASSERT_NEAR(nmea_angle_deg(f[4], f[5]), lon[i], 1e-9);
    }
    free(text);
}

/* ---- CSV, GeoJSON, KML structure ---- */

static int count_of(const char *text, const char *needle)
{
    int n = 0;
    size_t len = strlen(text), m = strlen(needle);
    for (size_t i = 0; i + m <= len; i++)
        n += memcmp(text + i, needle, m) == 0;
    return n;
}

static void test_csv_columns(void **state)
{
    (void)state;
    sky_solution_t s[2] = {mixed_solution(), mixed_solution()};
    s[1].time = sky_time_add(s[1].time, 1.0);
    s[1].quality = SKY_SOLQ_NONE;
    char *text = write_all(SKY_SOLFMT_CSV, NULL, NULL, s, 2);
    assert_int_equal(count_of(text, "\n"), 2); /* header + 1 row: NONE skipped by default */
    char hdr[512], row[512];
    char *fh[40], *fr[40];
    assert_true(get_line(text, 0, hdr, sizeof hdr));
    assert_true(get_line(text, 1, row, sizeof row));
    int nh = split(hdr, fh, 40);
    assert_int_equal(split(row, fr, 40), nh);
    int found = 0; /* every column below must exist: a renamed column is not a silent pass */
    for (int i = 0; i < nh; i++) {
        int was = found++;
        if (strcmp(fh[i], "time_gpst") == 0)
            assert_string_equal(fr[i], "2021-01-01T00:00:30.000");
        else if (strcmp(fh[i], "time_utc") == 0)
            assert_string_equal(fr[i], "2021-01-01T00:00:12.000Z");
        else if (strcmp(fh[i], "lat_deg") == 0) /* the geodetic input of make_sol */
            SKY_ASSERT_NEAR(strtod(fr[i], NULL), 45.123456789, 0.6e-9);
        else if (strcmp(fh[i], "lon_deg") == 0)
            SKY_ASSERT_NEAR(strtod(fr[i], NULL), -122.987654321, 0.6e-9);
        else if (strcmp(fh[i], "height_m") == 0)
            SKY_ASSERT_NEAR(strtod(fr[i], NULL), 123.4567, 0.6e-4);
        else if (strcmp(fh[i], "x_ecef_m") == 0)
            SKY_ASSERT_NEAR(strtod(fr[i], NULL), s[0].pos_ecef_m[0], 0.6e-4);
        else if (strcmp(fh[i], "z_ecef_m") == 0)
            SKY_ASSERT_NEAR(strtod(fr[i], NULL), s[0].pos_ecef_m[2], 0.6e-4);
        else if (strcmp(fh[i], "vel_e_mps") == 0)
            assert_string_equal(fr[i], "");
        else if (strcmp(fh[i], "q") == 0)
            assert_string_equal(fr[i], "5");
        else if (strcmp(fh[i], "ns") == 0)
            assert_string_equal(fr[i], "6");
        else
            found = was;
    }
    assert_int_equal(found, 10);
    free(text);
}

static void test_geojson_kml_structure(void **state)
{
    (void)state;
    char *text = write_all(SKY_SOLFMT_GEOJSON, NULL, NULL, NULL, 0);
    assert_string_equal(text, "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n");
    free(text);
    sky_solution_t s[3] = {mixed_solution(), mixed_solution(), mixed_solution()};
    s[1].quality = SKY_SOLQ_NONE;
    s[2].quality = SKY_SOLQ_FIX;
    text = write_all(SKY_SOLFMT_GEOJSON, NULL, NULL, s, 3);
    assert_int_equal(count_of(text, "\"type\":\"Feature\""), 2);
    assert_int_equal(count_of(text, "{"), count_of(text, "}"));
    assert_int_equal(count_of(text, "["), count_of(text, "]"));
    assert_null(strstr(text, "nan"));
    free(text);
    text = write_all(SKY_SOLFMT_KML, NULL, NULL, s, 3);
    assert_int_equal(count_of(text, "<Point>"), 2);
    assert_int_equal(count_of(text, "<LineString>"), 1);
    assert_non_null(strstr(text, "<styleUrl>#q1</styleUrl>"));
    assert_non_null(strstr(text, "<styleUrl>#q5</styleUrl>"));
    assert_int_equal(count_of(text, "<Placemark>"), count_of(text, "</Placemark>"));
    free(text);
}

static void test_errors(void **state)
{
    (void)state;
    sky_solfmt_t f = SKY_SOLFMT_COUNT;
    assert_int_equal(sky_solfmt_parse("geojson", &f), SKY_OK);
    assert_int_equal(f, SKY_SOLFMT_GEOJSON);
    assert_int_equal(sky_solfmt_parse("pos", &f), SKY_OK);
    assert_int_equal(f, SKY_SOLFMT_POS_LLH);
    assert_int_equal(sky_solfmt_parse("gpx", &f), SKY_E_ARG);
    /* a read-only sink: the write must fail with SKY_E_IO, not silently */
    FILE *ro = fopen("/dev/null", "r");
    assert_non_null(ro);
    sky_solw_t *w = NULL;
    sky_error_t err;
    sky_error_clear(&err);
    sky_solw_opts_t o;
    sky_solw_opts_default(&o);
    o.sink_name = "ro.pos";
    assert_int_equal(sky_solw_new(NULL, SKY_SOLFMT_POS_LLH, &o, ro, &w, &err), SKY_OK);
    sky_solution_t s = mixed_solution();
    sky_status_t rc = sky_solw_write(w, &s, &err);
    if (rc == SKY_OK) /* stdio may buffer: then the flush must report it */
        rc = sky_solw_finish(w, &err);
    assert_int_equal(rc, SKY_E_IO);
    assert_string_equal(err.path, "ro.pos");
    sky_solw_delete(w);
    fclose(ro);
    /* bad options */
    o.time_decimals = 12;
    sky_error_clear(&err);
    assert_int_equal(sky_solw_new(NULL, SKY_SOLFMT_CSV, &o, stdout, &w, &err), SKY_E_ARG);
    assert_null(w);
    assert_string_equal(err.field, "time_decimals");
    /* wild values: finite but huge position, NaN everything else: no crash, valid output */
    sky_solution_t wild = mixed_solution();
    wild.pos_ecef_m[0] = 1e300;
    wild.hdop = wild.pdop = wild.age_s = NAN;
    wild.cov_pos_m2[0] = INFINITY;
    wild.nsat_view = 100000;
    for (int fmt = 0; fmt < SKY_SOLFMT_COUNT; fmt++) {
        char *text = write_all((sky_solfmt_t)fmt, NULL, NULL, &wild, 1);
        free(text);
    }
}

/* ---- sample files for tests/cli/pos2kml_reads.sh ---- */

static int emit_samples(const char *dir)
{
    enum { N = 12 };
    sky_solution_t sols[N];
    char path[1024];
    snprintf(path, sizeof path, "%s/truth.txt", dir);
    FILE *truth = fopen(path, "w");
    if (!truth)
        return 1;
    for (int i = 0; i < N; i++) {
        double lat = 35.160874723 + i * 1.234567e-5, lon = 139.613828338 - i * 2.345678e-5;
        double h = 70.5181 + i * 0.25;
        sols[i] = make_sol(lat, lon, h, sky_time_from_gpst(1316, 518400.0 + 30.0 * i));
        sols[i].quality = (uint8_t)(i % 3 == 0 ? SKY_SOLQ_FIX : SKY_SOLQ_SINGLE);
        fprintf(truth, "%.12f %.12f %.6f %d\n", lat, lon, h, (int)sols[i].quality);
    }
    fclose(truth);
    static const struct { const char *name; sky_solfmt_t fmt; int n; } out[] = {
        {"sol.pos", SKY_SOLFMT_POS_LLH, N}, {"solxyz.pos", SKY_SOLFMT_POS_XYZ, N},
        {"sol.geojson", SKY_SOLFMT_GEOJSON, N}, {"sol.kml", SKY_SOLFMT_KML, N},
        {"empty.geojson", SKY_SOLFMT_GEOJSON, 0}, {"empty.kml", SKY_SOLFMT_KML, 0},
        {"sol.nmea", SKY_SOLFMT_NMEA, N}, {"sol.csv", SKY_SOLFMT_CSV, N},
    };
    sky_solw_info_t info;
    memset(&info, 0, sizeof info);
    info.program = "skyfix test_solw";
    for (size_t k = 0; k < sizeof out / sizeof *out; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, out[k].name);
        FILE *f = fopen(path, "w");
        sky_solw_t *w = NULL;
        if (!f || sky_solw_new(NULL, out[k].fmt, NULL, f, &w, NULL) != SKY_OK)
            return 1;
        int rc = sky_solw_header(w, &info, NULL);
        for (int i = 0; i < out[k].n && rc == SKY_OK; i++)
            rc = sky_solw_write(w, &sols[i], NULL);
        if (rc == SKY_OK)
            rc = sky_solw_finish(w, NULL);
        sky_solw_delete(w);
        if (fclose(f) != 0 || rc != SKY_OK)
            return 1;
    }
    return 0;
}

/* Parse one RTKLIB .pos LLH row (calendar GPST time) into a solution; false if not a row. */
static bool parse_rtklib_row(const char *line, sky_solution_t *s)
{
    sky_civil_t c;
    char *p;
    c.year = (int)strtol(line, &p, 10);
    if (*p != '/')
        return false;
    c.month = (int)strtol(p + 1, &p, 10);
    c.day = (int)strtol(p + 1, &p, 10);
    c.hour = (int)strtol(p, &p, 10);
    c.min = (int)strtol(p + 1, &p, 10);
    c.sec = strtod(p + 1, &p);
    double v[13];
    for (int i = 0; i < 13; i++)
        v[i] = strtod(p, &p);
    sky_time_t t;
    if (sky_time_from_civil(&c, &t) != SKY_OK)
        return false;
    *s = make_sol(v[0], v[1], v[2], t);
    s->quality = (uint8_t)v[3];
    s->nsat = (int)v[4];
    const double llh[3] = {v[0] * SKY_DEG2RAD, v[1] * SKY_DEG2RAD, v[2]};
    cov_from_enu_sd(llh, v[5], v[6], v[7], v[8], v[9], v[10], s->cov_pos_m2);
    s->age_s = v[11];
    s->ratio = v[12];
    return true;
}

/* Rewrite every row of an RTKLIB LLH .pos through our writer (for the shell test, which
 * compares the two files row by row). */
static int rewrite_rtklib_pos(const char *in_path, const char *out_path)
{
    FILE *in = fopen(in_path, "r");
    FILE *out = fopen(out_path, "w");
    sky_solw_t *w = NULL;
    int rc = (in && out && sky_solw_new(NULL, SKY_SOLFMT_POS_LLH, NULL, out, &w, NULL) == SKY_OK)
                 ? 0 : 1;
    char line[1024];
    while (rc == 0 && fgets(line, sizeof line, in)) {
        sky_solution_t s;
        if (line[0] != '%' && parse_rtklib_row(line, &s))
            rc = sky_solw_write(w, &s, NULL) == SKY_OK ? 0 : 1;
    }
    if (w && sky_solw_finish(w, NULL) != SKY_OK)
        rc = 1;
    sky_solw_delete(w);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = 1;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--emit") == 0)
        return emit_samples(argv[2]);
    if (argc == 4 && strcmp(argv[1], "--rewrite-pos") == 0)
        return rewrite_rtklib_pos(argv[2], argv[3]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nmea_checksum_published),
        cmocka_unit_test(test_nmea_fields),
        cmocka_unit_test(test_nmea_no_fix_and_gps_only),
        cmocka_unit_test(test_pos_llh_matches_rtklib),
        cmocka_unit_test(test_pos_utc_and_week),
        cmocka_unit_test(test_latlon_round_trip),
        cmocka_unit_test(test_csv_columns),
        cmocka_unit_test(test_geojson_kml_structure),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
