/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix simulate: RINEX 3.05 observations of a static receiver from broadcast ephemerides.
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §5.2-5.4 (observation file written)
 *  [2] NIMA TR8350.2 3rd ed. (2000) §3 (WGS 84 ellipsoid, for --llh)
 *  [3] docs/simulate.md (observation equations of the simulator) */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "skyfix/rinexw.h"
#include "skyfix/sim.h"
#include "skyfix/skyfix.h"

static const char usage_text[] =
    "usage: skyfix simulate [options] NAV... -o OUT.rnx\n"
    "\n"
    "Simulate the observations of a static receiver at a known position: code, phase,\n"
    "Doppler and C/N0 computed from the broadcast ephemerides of the navigation files NAV\n"
    "(several may be given), with the broadcast (Klobuchar) ionosphere, Saastamoinen+Niell\n"
    "troposphere, a receiver clock and optional white noise, written as a RINEX 3.05\n"
    "observation file. The header's APPROX POSITION XYZ is the true position, so\n"
    "'skyfix spp OUT.rnx NAV' reports its error against the truth. Signals: GPS C1C+C2W,\n"
    "GLONASS C1C+C2P, Galileo C1C+C5Q, BeiDou C2I+C7I, QZSS C1C+C2L (with L, D, S).\n"
    "See docs/simulate.md.\n"
    "\n"
    "options:\n"
    "  --pos X,Y,Z         true antenna position, WGS 84 ECEF in m\n"
    "  --llh LAT,LON,H     the same as latitude, longitude (deg) and ellipsoidal height (m);\n"
    "                      one of --pos and --llh is required\n"
    "  --start TIME        first epoch, \"YYYY-MM-DD HH:MM:SS\" (GPST; default: the earliest\n"
    "                      ephemeris toe of the chosen systems, rounded up to the interval)\n"
    "  --duration S        seconds simulated: epochs start, start+interval, ... before\n"
    "                      start+S (default 3600: 120 epochs at 30 s)\n"
    "  --interval S        epoch interval in seconds, 0.001..86400 (default 30)\n"
    "  --systems LIST      systems, letters G,R,E,C,J (default G,R,E,C,J; those without\n"
    "                      ephemerides in NAV are left out)\n"
    "  --elmask DEG        elevation mask in degrees, -90..90 (default 5)\n"
    "  --clock-bias S      receiver clock offset at the first epoch, |S| <= 0.03 (default 0;\n"
    "                      receivers keep theirs within about 1 ms)\n"
    "  --clock-drift S/S   receiver clock drift, |drift| <= 1e-3 (default 0)\n"
    "  --noise-code M      white noise of the code, standard deviation in m (default 0)\n"
    "  --noise-phase CYC   white noise of the phase, cycles (default 0)\n"
    "  --noise-doppler HZ  white noise of the Doppler, Hz (default 0)\n"
    "  --seed N            seed of the noise and phase ambiguity generator (default 1):\n"
    "                      the same seed gives the same file\n"
    "  --no-iono           no ionospheric delay (needed when NAV has no Klobuchar parameters)\n"
    "  --no-trop           no tropospheric delay\n"
    "  --marker NAME       MARKER NAME in the header, up to 60 characters (default SIM)\n"
    "  -o, --output F      write to F (atomically: a temporary renamed when complete);\n"
    "                      '-' writes to standard output. Required.\n"
    "  -q, --quiet         no summary on standard error\n"
    "  -h, --help          this text\n"
    "\n"
    "A summary (epochs, satellites, observations, the true position) goes to standard error.\n"
    "Not modelled: multipath, cycle slips, antenna offsets, tides, NeQuick (Galileo gets the\n"
    "GPS Klobuchar delay scaled to its frequency).\n"
    "\n"
    "Exit status: 0 on success, 1 when a navigation file has an error (named with file, line\n"
    "and field; files with dropped records are refused too: the truth would be unclear), it\n"
    "has no ephemeris for the chosen systems and time, or the output cannot be written,\n"
    "2 on a usage error.\n";

#define DEFAULT_DURATION_S 3600.0
#define DEFAULT_INTERVAL_S 30.0
#define DEFAULT_ELMASK_DEG 5.0
#define MAX_DURATION_S (366.0 * 86400.0)
#define MAX_EPOCHS 1e7 /* the simulator's own limit */

typedef struct {
    double pos_ecef_m[3];
    bool has_pos, has_llh, has_start, quiet, no_iono, no_trop;
    double llh[3];
    sky_time_t start;
    double duration_s, interval_s, elmask_deg, clk_bias_s, clk_drift_sps;
    double noise_code_m, noise_phase_cyc, noise_doppler_hz;
    unsigned long long seed;
    unsigned sys_mask;
    const char *marker;
    const char *output;
    char **nav;
    int nnav;
} sim_args_t;

/* ---- option parsing ---- */

static bool parse_real_in(const char *s, double lo, double hi, double *out)
{
    double v;
    if (!sky_cli_parse_real(s, &v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_seed(const char *s, unsigned long long *out)
{
    char *end = NULL;
    if (!*s || *s == '-')
        return false;
    unsigned long long v = strtoull(s, &end, 10);
    if (!end || end == s || *end)
        return false;
    *out = v;
    return true;
}

static int parse_systems(const char *arg, sim_args_t *a)
{
    const unsigned allowed = (1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL) |
                             (1u << SKY_SYS_BDS) | (1u << SKY_SYS_QZS);
    if (sky_sys_mask_parse(arg, &a->sys_mask) != SKY_OK || !a->sys_mask ||
        (a->sys_mask & ~allowed))
        return sky_cli_usage_error("simulate", "--systems: found '%s', expected letters among G,R,E,C,J", arg);
    return 0;
}

/* Options with a number; 0 ok, 2 usage error. */
static int parse_number_option(int c, const char *arg, sim_args_t *a)
{
    switch (c) {
    case 'D':
        return parse_real_in(arg, 1e-3, MAX_DURATION_S, &a->duration_s)
                   ? 0 : sky_cli_usage_error("simulate", "--duration: found '%s', expected seconds 0.001..3.2e7", arg);
    case 'I':
        return parse_real_in(arg, 1e-3, 86400.0, &a->interval_s)
                   ? 0 : sky_cli_usage_error("simulate", "--interval: found '%s', expected seconds 0.001..86400", arg);
    case 'e':
        return parse_real_in(arg, -90.0, 90.0, &a->elmask_deg)
                   ? 0 : sky_cli_usage_error("simulate", "--elmask: found '%s', expected degrees -90..90", arg);
    case 'b':
        return parse_real_in(arg, -0.03, 0.03, &a->clk_bias_s)
                   ? 0 : sky_cli_usage_error("simulate", "--clock-bias: found '%s', expected seconds -0.03..0.03", arg);
    case 'd':
        return parse_real_in(arg, -1e-3, 1e-3, &a->clk_drift_sps)
                   ? 0 : sky_cli_usage_error("simulate", "--clock-drift: found '%s', expected s/s -1e-3..1e-3", arg);
    case 'n':
        return parse_real_in(arg, 0.0, 1e4, &a->noise_code_m)
                   ? 0 : sky_cli_usage_error("simulate", "--noise-code: found '%s', expected metres 0..10000", arg);
    case 'p':
        return parse_real_in(arg, 0.0, 1e3, &a->noise_phase_cyc)
                   ? 0 : sky_cli_usage_error("simulate", "--noise-phase: found '%s', expected cycles 0..1000", arg);
    case 'N':
        return parse_real_in(arg, 0.0, 1e5, &a->noise_doppler_hz)
                   ? 0 : sky_cli_usage_error("simulate", "--noise-doppler: found '%s', expected Hz 0..100000", arg);
    case 'z':
        return parse_seed(arg, &a->seed)
                   ? 0 : sky_cli_usage_error("simulate", "--seed: found '%s', expected an integer >= 0", arg);
    default: return -2;
    }
}

static int parse_llh(const char *arg, sim_args_t *a)
{
    a->has_llh = sky_cli_parse_triple(arg, a->llh) && fabs(a->llh[0]) <= 90.0 &&
                 fabs(a->llh[1]) <= 360.0 && fabs(a->llh[2]) <= 1e7;
    return a->has_llh ? 0 : sky_cli_usage_error("simulate", "--llh: found '%s', expected LAT,LON,H in deg, deg, m "
                                        "(|LAT| <= 90)", arg);
}

/* One option; 0 ok, 2 usage error, -1 help printed. */
static int parse_option(int c, const char *arg, sim_args_t *a)
{
    int rc = parse_number_option(c, arg, a);
    if (rc != -2)
        return rc;
    switch (c) {
    case 'P':
        a->has_pos = sky_cli_parse_triple(arg, a->pos_ecef_m);
        return a->has_pos ? 0 : sky_cli_usage_error("simulate", "--pos: found '%s', expected X,Y,Z in m", arg);
    case 'L': return parse_llh(arg, a);
    case 'S':
        a->has_start = sky_cli_parse_time(arg, &a->start);
        return a->has_start ? 0 : sky_cli_usage_error("simulate", "--start: found '%s', expected "
                                              "\"YYYY-MM-DD HH:MM:SS\"", arg);
    case 's': return parse_systems(arg, a);
    case 'i': a->no_iono = true; return 0;
    case 't': a->no_trop = true; return 0;
    case 'm':
        if (strlen(arg) > 60 || !*arg)
            return sky_cli_usage_error("simulate", "--marker: found '%s', expected 1 to 60 characters", arg);
        a->marker = arg;
        return 0;
    case 'o': a->output = arg; return 0;
    case 'q': a->quiet = true; return 0;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs("(skyfix simulate --help describes the options)\n", stderr); return 2;
    }
}

static void args_default(sim_args_t *a)
{
    memset(a, 0, sizeof *a);
    a->duration_s = DEFAULT_DURATION_S;
    a->interval_s = DEFAULT_INTERVAL_S;
    a->elmask_deg = DEFAULT_ELMASK_DEG;
    a->seed = 1;
    a->sys_mask = (1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL) |
                  (1u << SKY_SYS_BDS) | (1u << SKY_SYS_QZS);
}

static int check_args(int argc, char **argv, sim_args_t *a)
{
    if (a->has_pos == a->has_llh)
        return sky_cli_usage_error("simulate", "%s", a->has_pos ? "expected one of --pos and --llh, found both"
                                            : "expected the true position: --pos or --llh");
    if (a->duration_s / a->interval_s > MAX_EPOCHS)
        return sky_cli_usage_error("simulate", "%s", "found more than 1e7 epochs (--duration / --interval), "
                           "expected fewer");
    if (!a->output)
        return sky_cli_usage_error("simulate", "%s", "expected -o OUT.rnx (or -o - for standard output)");
    if (argc - optind < 1)
        return sky_cli_usage_error("simulate", "%s", "expected at least one navigation file");
    a->nav = argv + optind;
    a->nnav = argc - optind;
    return 0;
}

static int parse_args(int argc, char **argv, sim_args_t *a)
{
    static const struct option longopts[] = {
        {"pos", required_argument, NULL, 'P'},
        {"llh", required_argument, NULL, 'L'},
        {"start", required_argument, NULL, 'S'},
        {"duration", required_argument, NULL, 'D'},
        {"interval", required_argument, NULL, 'I'},
        {"systems", required_argument, NULL, 's'},
        {"elmask", required_argument, NULL, 'e'},
        {"clock-bias", required_argument, NULL, 'b'},
        {"clock-drift", required_argument, NULL, 'd'},
        {"noise-code", required_argument, NULL, 'n'},
        {"noise-phase", required_argument, NULL, 'p'},
        {"noise-doppler", required_argument, NULL, 'N'},
        {"seed", required_argument, NULL, 'z'},
        {"no-iono", no_argument, NULL, 'i'},
        {"no-trop", no_argument, NULL, 't'},
        {"marker", required_argument, NULL, 'm'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    args_default(a);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
        int rc = parse_option(c, optarg, a);
        if (rc != 0)
            return rc;
    }
    return check_args(argc, argv, a);
}

/* ---- running ---- */

typedef struct {
    const sim_args_t *args;
    sky_ctx_t ctx;
    sky_nav_t nav;
    bool nav_ok;
    sky_sim_t *sim;
    sky_obs_header_t hdr;
    sky_rinexw_t w;
    sky_cli_out_t out;
    sky_cli_progress_t prog;
    sky_error_t err;
    long epochs, total_epochs, nobs;
    int maxsat;
} sim_run_t;

/* An error about a whole file (no line or byte to name). */
static sky_status_t file_error(sim_run_t *r, sky_status_t code, const char *path, const char *msg)
{
    sky_status_t st = sky_error_set(&r->err, code, path, 0, "", "%s", msg);
    r->err.byte_offset = -1;
    return st;
}

static sky_status_t read_nav(sim_run_t *r)
{
    const sim_args_t *a = r->args;
    sky_nav_init(&r->nav, &r->ctx);
    r->nav_ok = true;
    for (int i = 0; i < a->nnav; i++) {
        size_t skipped = r->nav.nskipped;
        sky_status_t st = sky_nav_read_file(&r->nav, a->nav[i], &r->err);
        if (st != SKY_OK)
            return st;
        if (r->nav.nskipped > skipped) {
            r->err = r->nav.first_skip; /* a dropped record: the truth would be unclear */
            return r->err.code != SKY_OK ? r->err.code
                   : file_error(r, SKY_E_FORMAT, a->nav[i], "found a dropped record, expected "
                                "none");
        }
    }
    return SKY_OK;
}

/* The chosen systems that have ephemerides in the files (others would only add header types). */
static unsigned systems_present(const sim_run_t *r)
{
    unsigned mask = 0;
    for (size_t i = 0; i < r->nav.nkeph; i++)
        mask |= 1u << r->nav.keph[i].sat.sys;
    for (size_t i = 0; i < r->nav.ngeph; i++)
        mask |= 1u << r->nav.geph[i].sat.sys;
    return mask & r->args->sys_mask;
}

/* Earliest toe of a chosen system, rounded up to a multiple of the interval (GPST). */
static sky_status_t default_start(sim_run_t *r, sky_time_t *start)
{
    sky_time_t first = {INT64_MAX, 0.0};
    for (size_t i = 0; i < r->nav.nkeph; i++)
        if ((r->args->sys_mask >> r->nav.keph[i].sat.sys) & 1u &&
            sky_time_cmp(r->nav.keph[i].toe, first) < 0)
            first = r->nav.keph[i].toe;
    for (size_t i = 0; i < r->nav.ngeph; i++)
        if ((r->args->sys_mask >> r->nav.geph[i].sat.sys) & 1u &&
            sky_time_cmp(r->nav.geph[i].toe, first) < 0)
            first = r->nav.geph[i].toe;
    if (first.sec == INT64_MAX)
        return file_error(r, SKY_E_NODATA, r->args->nav[0], "found no ephemeris of the "
                          "chosen systems, expected at least one");
    double t_s = (double)first.sec + first.frac_s;
    double k = ceil(t_s / r->args->interval_s - 1e-9);
    *start = sky_time_add(sky_time_make(0, 0.0), k * r->args->interval_s);
    return SKY_OK;
}

static void true_position(const sim_args_t *a, double pos_ecef_m[3])
{
    if (a->has_pos) {
        memcpy(pos_ecef_m, a->pos_ecef_m, 3 * sizeof *pos_ecef_m);
        return;
    }
    double llh[3] = {a->llh[0] * SKY_DEG2RAD, a->llh[1] * SKY_DEG2RAD, a->llh[2]};
    sky_geod_to_ecef(llh, pos_ecef_m); /* [2] */
}

static sky_status_t fill_opts(sim_run_t *r, sky_sim_opts_t *o)
{
    const sim_args_t *a = r->args;
    sky_sim_opts_default(o);
    true_position(a, o->rcv_pos_ecef_m);
    o->start = a->start;
    if (!a->has_start) {
        sky_status_t st = default_start(r, &o->start);
        if (st != SKY_OK)
            return st;
    }
    long n = (long)ceil(a->duration_s / a->interval_s - 1e-9);
    r->total_epochs = n > 0 ? n : 1;
    o->end = sky_time_add(o->start, (double)(r->total_epochs - 1) * a->interval_s);
    o->interval_s = a->interval_s;
    o->sys_mask = systems_present(r);
    if (!o->sys_mask)
        return file_error(r, SKY_E_NODATA, a->nav[0], "found no ephemeris of the chosen "
                          "systems, expected at least one");
    o->elmask_rad = a->elmask_deg * SKY_DEG2RAD;
    o->rcv_clk_bias_s = a->clk_bias_s;
    o->rcv_clk_drift_sps = a->clk_drift_sps;
    o->sigma_code_m = a->noise_code_m;
    o->sigma_phase_cyc = a->noise_phase_cyc;
    o->sigma_doppler_hz = a->noise_doppler_hz;
    o->seed = (uint64_t)a->seed;
    o->iono = !a->no_iono;
    o->trop = !a->no_trop;
    return SKY_OK;
}

static sky_status_t write_epoch(void *user, const sky_obs_header_t *hdr,
                                const sky_obs_epoch_t *epoch, sky_error_t *err)
{
    sim_run_t *r = user;
    (void)hdr; /* the simulator's header, of which r->hdr is the edited copy */
    r->epochs++;
    r->nobs += epoch->nsat;
    if (epoch->nsat > r->maxsat)
        r->maxsat = epoch->nsat;
    sky_cli_progress_update(&r->prog, (uint64_t)r->epochs, (uint64_t)r->total_epochs);
    return sky_rinexw_epoch(&r->w, &r->hdr, epoch, err);
}

static sky_status_t open_sim(sim_run_t *r)
{
    sky_sim_opts_t o;
    sky_status_t st = read_nav(r);
    if (st == SKY_OK)
        st = fill_opts(r, &o);
    if (st == SKY_OK)
        st = sky_sim_new(&r->ctx, &r->nav, &o, &r->sim, &r->err);
    if (st != SKY_OK)
        return st;
    r->hdr = *sky_sim_header(r->sim);
    if (r->args->marker)
        snprintf(r->hdr.marker_name, sizeof r->hdr.marker_name, "%s", r->args->marker);
    return SKY_OK;
}

static sky_status_t simulate_all(sim_run_t *r)
{
    const char *name = strcmp(r->args->output, "-") ? r->args->output : "<stdout>";
    if (sky_cli_out_open(&r->out, r->args->output) != 0)
        return file_error(r, SKY_E_IO, r->args->output, "found an unwritable path, expected a "
                          "writable file");
    sky_rinexw_init_file(&r->w, r->out.f, name);
    sky_status_t st = sky_rinexw_header(&r->w, &r->hdr, &r->err);
    if (st != SKY_OK)
        return st;
    sky_cli_progress_begin(&r->prog, "simulate");
    st = sky_sim_run(r->sim, write_epoch, r, &r->err);
    sky_cli_progress_end(&r->prog);
    return st;
}

static void print_summary(const sim_run_t *r)
{
    const double *p = r->hdr.approx_pos_ecef_m;
    double llh[3];
    sky_ecef_to_geod(p, llh);
    char t0[40];
    sky_time_format(r->hdr.first_obs, 0, t0, sizeof t0);
    fprintf(stderr, "skyfix simulate: %ld epochs from %s GPST every %g s, %ld satellite "
            "observations (up to %d satellites in view)\n", r->epochs, t0, r->args->interval_s,
            r->nobs, r->maxsat);
    fprintf(stderr, "skyfix simulate: true position ECEF %.4f %.4f %.4f m (lat %.9f lon %.9f "
            "deg, h %.4f m)\n", p[0], p[1], p[2], llh[0] * SKY_RAD2DEG, llh[1] * SKY_RAD2DEG,
            llh[2]);
}

int sky_cmd_simulate(int argc, char **argv)
{
    sim_args_t args;
    int rc = parse_args(argc, argv, &args);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    sim_run_t *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(stderr, "skyfix simulate: out of memory\n");
        return 1;
    }
    r->args = &args;
    sky_ctx_init(&r->ctx);
    sky_status_t st = open_sim(r);
    if (st == SKY_OK)
        st = simulate_all(r);
    if (st == SKY_OK && r->nobs == 0)
        st = file_error(r, SKY_E_NODATA, args.nav[0], "found no usable ephemeris (age, health) "
                        "at the simulated epochs, expected ephemerides covering --start");
    if (st != SKY_OK)
        sky_cli_print_error("simulate", &r->err);
    if (st == SKY_E_NODATA && !strcmp(r->err.field, "iono"))
        fprintf(stderr, "skyfix simulate: (--no-iono simulates without the ionosphere)\n");
    bool ok = st == SKY_OK;
    if (ok && (r->out.f || r->out.tmp))
        ok = sky_cli_out_commit(&r->out) == 0;
    else if (r->out.f || r->out.tmp)
        sky_cli_out_abort(&r->out);
    if (ok && !args.quiet)
        print_summary(r);
    sky_sim_delete(r->sim);
    if (r->nav_ok)
        sky_nav_free(&r->nav);
    free(r);
    return ok ? 0 : 1;
}
