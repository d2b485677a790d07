/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix spp: single point positioning of a RINEX observation file with broadcast navigation.
 * One thread reads and decodes epochs into a bounded queue of copies, the main thread solves
 * and writes them. */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "skyfix/out.h"
#include "skyfix/skyfix.h"

static const char usage_text[] =
    "usage: skyfix spp [options] OBS NAV...\n"
    "\n"
    "Single point positioning: a position, clock and (from Doppler) velocity for every epoch\n"
    "of the RINEX observation file OBS (2.10-4.02, Hatanaka, compressed), from pseudoranges and\n"
    "the broadcast ephemerides of the navigation files NAV (GPS, GLONASS, Galileo, BeiDou,\n"
    "QZSS, NavIC; several files may be given). Iterated weighted least squares with one\n"
    "receiver clock per system (QZSS shares GPS's), ionosphere-free combination where two\n"
    "frequencies are tracked (else the broadcast ionosphere model), Saastamoinen troposphere,\n"
    "RAIM fault detection and exclusion. See docs/spp.md.\n"
    "\n"
    "options:\n"
    "  --systems LIST  systems to use, letters G,R,E,C,J,I (default G,R,E,C,J)\n"
    "  --elmask DEG    elevation mask in degrees, 0..90 (default 10)\n"
    "  --freq MODE     single: first frequency with the broadcast ionosphere model;\n"
    "                  dual: ionosphere-free pair only (satellites with one frequency unused);\n"
    "                  auto: dual where available, else single (default)\n"
    "  --format FMT    pos (RTKLIB .pos, lat/lon/height; also llh), xyz, nmea, csv, geojson,\n"
    "                  kml (default pos)\n"
    "  --exclude LIST  satellites never to use, e.g. G05,R12\n"
    "  --start TIME    first epoch to solve, \"YYYY-MM-DD HH:MM:SS\" (GPST)\n"
    "  --end TIME      last epoch to solve, same form\n"
    "  --decimate N    solve every N-th observation epoch (default 1)\n"
    "  --ref X,Y,Z     reference ECEF position (m) for the error summary (default: the\n"
    "                  header's APPROX POSITION XYZ)\n"
    "  --no-raim       no RAIM fault detection and exclusion\n"
    "  --smooth S      carrier smoothing window of the code in seconds, 0 = off (default 300):\n"
    "                  iono-free code with iono-free phase, single-frequency code with the\n"
    "                  divergence-free phase (L1 phase or Doppler alone: window <= 100 s);\n"
    "                  restarts on loss of lock, gaps, phase jumps; --decimate breaks it\n"
    "  --no-p1c1       GPS: do not align C1C to P1 (by default each satellite's mean C1W - C1C\n"
    "                  is added where both are tracked, once known to 5 cm: the broadcast\n"
    "                  clock refers to P1/P2; see docs/spp.md). --p1c1 is the default\n"
    "  --max-sd M      no fix whose formal 3-D standard deviation is above M metres\n"
    "                  (default 30: few noisy satellites can pass RAIM and be far off)\n"
    "  --min-redundancy N  satellites beyond the unknowns an epoch needs for a solution,\n"
    "                  0..64 (default 1: a fix that RAIM cannot check is not given; 0 as RTKLIB)\n"
    "  -o, --output F  write to F (atomically: a temporary renamed when complete) instead of\n"
    "                  standard output\n"
    "  -q, --quiet     no summary on standard error\n"
    "  -h, --help      this text\n"
    "\n"
    "A summary goes to standard error: epochs, solutions, availability, mean satellites, mean\n"
    "PDOP/HDOP and, against the reference position, horizontal and vertical RMS, 95%\n"
    "horizontal and 3-D error and the maximum, in local east/north/up. A progress bar is shown\n"
    "when standard error is a terminal.\n"
    "\n"
    "Exit status: 0 on success (also when some epochs have no solution), 1 when an input file\n"
    "has an error (named with file, line and field) or the output cannot be written, 2 on a\n"
    "usage error.\n";

#define QUEUE_SLOTS 64
#define MAX_REASONS 8

typedef struct {
    sky_obs_epoch_t ep;
    sky_obs_sat_t *sat;
    double *val;
    uint8_t *lli, *ssi;
    size_t cap_sat, cap_val;
    sky_obs_header_t *hdr; /* header snapshot when the epoch changed it, else unused */
    bool hdr_changed;
    uint64_t done, total;
} slot_t;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    slot_t slots[QUEUE_SLOTS];
    int head, count;
    bool eof, stop;
    sky_status_t status;
    sky_error_t err;
    sky_obs_reader_t *rd;
    bool has_start, has_end;
    sky_time_t start, end;
    long decimate;
} queue_t;

typedef struct {
    unsigned sys_mask;
    double elmask_deg;
    double max_sd_m;
    int freq_mode;
    sky_solfmt_t fmt;
    sky_sat_t exclude[64];
    int nexclude;
    bool has_start, has_end, has_ref, quiet, no_raim, p1c1;
    int min_redundancy;
    double smooth_s;
    sky_time_t start, end;
    long decimate;
    double ref[3];
    const char *output;
    const char *obs;
    char **nav;
    int nnav;
} spp_args_t;

typedef struct {
    long epochs, solutions, nsat_sum, ndop;
    double pdop_sum, hdop_sum;
    char reason[MAX_REASONS][32];
    long reason_count[MAX_REASONS];
    long reason_other;
} spp_tally_t;

/* ---- option parsing ---- */

static bool parse_exclude(const char *list, spp_args_t *a)
{
    const char *p = list;
    while (*p) {
        char tok[4] = {0};
        size_t n = strcspn(p, ",");
        if (n != 3 || a->nexclude >= 64)
            return false;
        memcpy(tok, p, 3);
        sky_sat_t sat;
        if (sky_sat_parse(tok, SKY_SYS_GPS, &sat) != SKY_OK)
            return false;
        a->exclude[a->nexclude++] = sat;
        p += n;
        if (*p == ',')
            p++;
    }
    return a->nexclude > 0;
}

static int parse_freq(const char *s, int *mode)
{
    if (!strcmp(s, "single"))
        *mode = SKY_FREQ_SINGLE;
    else if (!strcmp(s, "dual"))
        *mode = SKY_FREQ_DUAL;
    else if (!strcmp(s, "auto"))
        *mode = SKY_FREQ_AUTO;
    else
        return sky_cli_usage_error("spp", "--freq: found '%s', expected single, dual or auto", s);
    return 0;
}

/* One option; 0 ok, 2 usage error, -1 help printed. */
static int parse_option(int c, const char *arg, spp_args_t *a)
{
    long v;
    switch (c) {
    case 's':
        if (sky_sys_mask_parse(arg, &a->sys_mask) != SKY_OK || !a->sys_mask)
            return sky_cli_usage_error("spp", "--systems: found '%s', expected letters like G,R,E,C,J", arg);
        return 0;
    case 'e':
        if (!sky_cli_parse_real(arg, &a->elmask_deg) || a->elmask_deg < 0.0 || a->elmask_deg > 90.0)
            return sky_cli_usage_error("spp", "--elmask: found '%s', expected degrees 0..90", arg);
        return 0;
    case 'f': return parse_freq(arg, &a->freq_mode);
    case 'F':
        if (sky_solfmt_parse(arg, &a->fmt) != SKY_OK)
            return sky_cli_usage_error("spp", "--format: found '%s', expected pos, llh, xyz, nmea, csv, "
                               "geojson or kml", arg);
        return 0;
    case 'x':
        if (!parse_exclude(arg, a))
            return sky_cli_usage_error("spp", "--exclude: found '%s', expected satellites like G05,R12", arg);
        return 0;
    case 'S':
        a->has_start = sky_cli_parse_time(arg, &a->start);
        return a->has_start ? 0 : sky_cli_usage_error("spp", "--start: found '%s', expected "
                                              "\"YYYY-MM-DD HH:MM:SS\"", arg);
    case 'E':
        a->has_end = sky_cli_parse_time(arg, &a->end);
        return a->has_end ? 0 : sky_cli_usage_error("spp", "--end: found '%s', expected "
                                            "\"YYYY-MM-DD HH:MM:SS\"", arg);
    case 'd':
        if (!sky_cli_parse_long(arg, 1, 1000000, &v))
            return sky_cli_usage_error("spp", "--decimate: found '%s', expected an integer 1..1000000", arg);
        a->decimate = v;
        return 0;
    case 'r':
        a->has_ref = sky_cli_parse_triple(arg, a->ref);
        return a->has_ref ? 0 : sky_cli_usage_error("spp", "--ref: found '%s', expected X,Y,Z in m", arg);
    case 'R': a->no_raim = true; return 0;
    case 'P': a->p1c1 = true; return 0;
    case 'N': a->p1c1 = false; return 0;
    case 'M':
        if (!sky_cli_parse_real(arg, &a->smooth_s) || a->smooth_s < 0.0 || a->smooth_s > 86400.0)
            return sky_cli_usage_error("spp", "--smooth: found '%s', expected seconds 0..86400", arg);
        return 0;
    case 'D':
        if (!sky_cli_parse_real(arg, &a->max_sd_m) || !(a->max_sd_m > 0.0))
            return sky_cli_usage_error("spp", "--max-sd: found '%s', expected metres > 0", arg);
        return 0;
    case 'm':
        if (!sky_cli_parse_long(arg, 0, 64, &v))
            return sky_cli_usage_error("spp", "--min-redundancy: found '%s', expected an integer 0..64", arg);
        a->min_redundancy = (int)v;
        return 0;
    case 'o': a->output = arg; return 0;
    case 'q': a->quiet = true; return 0;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs("(skyfix spp --help describes the options)\n", stderr); return 2;
    }
}

static int parse_args(int argc, char **argv, spp_args_t *a)
{
    static const struct option longopts[] = {
        {"systems", required_argument, NULL, 's'}, {"elmask", required_argument, NULL, 'e'},
        {"freq", required_argument, NULL, 'f'},    {"format", required_argument, NULL, 'F'},
        {"exclude", required_argument, NULL, 'x'}, {"start", required_argument, NULL, 'S'},
        {"end", required_argument, NULL, 'E'},     {"decimate", required_argument, NULL, 'd'},
        {"ref", required_argument, NULL, 'r'},     {"no-raim", no_argument, NULL, 'R'},
        {"min-redundancy", required_argument, NULL, 'm'}, {"max-sd", required_argument, NULL, 'D'},
        {"smooth", required_argument, NULL, 'M'}, {"p1c1", no_argument, NULL, 'P'},
        {"no-p1c1", no_argument, NULL, 'N'},
        {"output", required_argument, NULL, 'o'},  {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->sys_mask = (1u << SKY_SYS_GPS) | (1u << SKY_SYS_GLO) | (1u << SKY_SYS_GAL) |
                  (1u << SKY_SYS_BDS) | (1u << SKY_SYS_QZS);
    a->elmask_deg = 10.0;
    a->freq_mode = SKY_FREQ_AUTO;
    a->fmt = SKY_SOLFMT_POS_LLH;
    a->decimate = 1;
    a->min_redundancy = 1;
    a->max_sd_m = 30.0;
    a->p1c1 = true;
    a->smooth_s = SKY_SPP_SMOOTH_DEFAULT_S;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
        int rc = parse_option(c, optarg, a);
        if (rc != 0)
            return rc;
    }
    if (argc - optind < 2)
        return sky_cli_usage_error("spp", "%s", "expected an observation file and at least one navigation file");
    a->obs = argv[optind];
    a->nav = argv + optind + 1;
    a->nnav = argc - optind - 1;
    return 0;
}

/* ---- reader thread and the bounded queue ---- */

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = need * 2;
    void *q = realloc(*p, n * elem);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

/* Deep copy of the reader's epoch (its arrays live only until the next call). */
static bool slot_fill(slot_t *s, const sky_obs_epoch_t *ep, const sky_obs_reader_t *rd)
{
    size_t nsat = ep->nsat > 0 ? (size_t)ep->nsat : 0, nval = 0;
    for (size_t i = 0; i < nsat; i++)
        if (ep->sat[i].off + ep->sat[i].nval > nval)
            nval = ep->sat[i].off + ep->sat[i].nval;
    size_t cap_val = s->cap_val, cap_val2 = s->cap_val, cap_val3 = s->cap_val;
    if (!grow((void **)&s->sat, &s->cap_sat, nsat + 1, sizeof *s->sat) ||
        !grow((void **)&s->val, &cap_val, nval + 1, sizeof *s->val) ||
        !grow((void **)&s->lli, &cap_val2, nval + 1, 1) ||
        !grow((void **)&s->ssi, &cap_val3, nval + 1, 1))
        return false;
    s->cap_val = cap_val;
    if (nsat > 0) /* an event epoch has no arrays (NULL) */
        memcpy(s->sat, ep->sat, nsat * sizeof *s->sat);
    if (nval > 0) {
        memcpy(s->val, ep->val, nval * sizeof *s->val);
        memcpy(s->lli, ep->lli, nval);
        memcpy(s->ssi, ep->ssi, nval);
    }
    s->ep = *ep;
    s->ep.sat = s->sat;
    s->ep.val = s->val;
    s->ep.lli = s->lli;
    s->ep.ssi = s->ssi;
    s->hdr_changed = ep->nspecial > 0;
    if (s->hdr_changed) {
        if (!s->hdr && !(s->hdr = malloc(sizeof *s->hdr)))
            return false;
        *s->hdr = *sky_obs_reader_header(rd);
    }
    sky_obs_reader_progress(rd, &s->done, &s->total);
    return true;
}

/* Whether the reader should pass this epoch on (time window, decimation). */
static bool epoch_selected(queue_t *q, const sky_obs_epoch_t *ep, long *nobs)
{
    if (ep->nspecial > 0 || ep->nsat == 0)
        return true; /* header changes always travel */
    if (q->has_start && sky_time_cmp(ep->time, q->start) < 0)
        return false;
    if (q->has_end && sky_time_cmp(ep->time, q->end) > 0)
        return false;
    return (*nobs)++ % q->decimate == 0;
}

static void queue_finish(queue_t *q, sky_status_t st)
{
    pthread_mutex_lock(&q->mu);
    q->eof = true;
    q->status = st;
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

static void *reader_main(void *arg)
{
    queue_t *q = arg;
    long nobs = 0;
    for (;;) {
        sky_obs_epoch_t ep;
        sky_status_t st = sky_obs_next(q->rd, &ep, &q->err);
        if (st != SKY_OK) {
            queue_finish(q, st == SKY_EOF ? SKY_OK : st);
            return NULL;
        }
        if (q->has_end && ep.nsat > 0 && sky_time_cmp(ep.time, q->end) > 0) {
            queue_finish(q, SKY_OK); /* past --end: the rest of the file is not needed */
            return NULL;
        }
        if (!epoch_selected(q, &ep, &nobs))
            continue;
        pthread_mutex_lock(&q->mu);
        while (q->count == QUEUE_SLOTS && !q->stop)
            pthread_cond_wait(&q->not_full, &q->mu);
        bool stop = q->stop;
        slot_t *s = &q->slots[(q->head + q->count) % QUEUE_SLOTS]; /* free: only ours */
        pthread_mutex_unlock(&q->mu);
        if (stop)
            return NULL;
        if (!slot_fill(s, &ep, q->rd)) {
            sky_error_set(&q->err, SKY_E_NOMEM, "", 0, "", "found no memory for an epoch copy");
            queue_finish(q, SKY_E_NOMEM);
            return NULL;
        }
        pthread_mutex_lock(&q->mu);
        q->count++;
        pthread_cond_signal(&q->not_empty);
        pthread_mutex_unlock(&q->mu);
    }
}

/* Next filled slot, or NULL at the end. The slot stays ours until queue_release. */
static slot_t *queue_take(queue_t *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == 0 && !q->eof)
        pthread_cond_wait(&q->not_empty, &q->mu);
    slot_t *s = q->count > 0 ? &q->slots[q->head] : NULL;
    pthread_mutex_unlock(&q->mu);
    return s;
}

static void queue_release(queue_t *q)
{
    pthread_mutex_lock(&q->mu);
    q->head = (q->head + 1) % QUEUE_SLOTS;
    q->count--;
    /* Wake a reader waiting on a full queue only once half the queue is free: it then refills
     * in one go, instead of switching threads once per epoch. */
    if (q->count == QUEUE_SLOTS / 2)
        pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->mu);
}

static void queue_stop(queue_t *q)
{
    pthread_mutex_lock(&q->mu);
    q->stop = true;
    pthread_cond_broadcast(&q->not_full);
    pthread_mutex_unlock(&q->mu);
}

static void queue_free(queue_t *q)
{
    for (int i = 0; i < QUEUE_SLOTS; i++) {
        free(q->slots[i].sat);
        free(q->slots[i].val);
        free(q->slots[i].lli);
        free(q->slots[i].ssi);
        free(q->slots[i].hdr);
    }
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
}

/* ---- solving, writing, summary ---- */

typedef struct {
    const spp_args_t *args;
    sky_ctx_t ctx;
    sky_nav_t nav;
    sky_obs_reader_t *rd;
    sky_obs_header_t hdr;
    sky_spp_t *spp;
    sky_solw_t *w;
    sky_solstats_t *stats;
    sky_cli_out_t out;
    sky_error_t err;
    spp_tally_t tally;
    sky_solution_t sol;
    bool nav_ok;
} spp_run_t;

static void tally_reason(spp_tally_t *t, const char *reason)
{
    char key[32];
    size_t n = strcspn(reason, ":(0123456789");
    while (n > 0 && reason[n - 1] == ' ')
        n--;
    n = n < sizeof key - 1 ? n : sizeof key - 1;
    memcpy(key, reason, n);
    key[n] = '\0';
    for (int i = 0; i < MAX_REASONS; i++) {
        if (t->reason_count[i] == 0)
            memcpy(t->reason[i], key, n + 1);
        if (!strcmp(t->reason[i], key)) {
            t->reason_count[i]++;
            return;
        }
    }
    t->reason_other++;
}

static void tally_add(spp_tally_t *t, const sky_solution_t *sol)
{
    t->epochs++;
    if (sol->quality == SKY_SOLQ_NONE) {
        tally_reason(t, sol->reason[0] ? sol->reason : "no solution");
        return;
    }
    t->solutions++;
    t->nsat_sum += sol->nsat;
    if (isfinite(sol->pdop) && isfinite(sol->hdop)) {
        t->pdop_sum += sol->pdop;
        t->hdop_sum += sol->hdop;
        t->ndop++;
    }
}

static sky_status_t solve_slot(spp_run_t *r, slot_t *s)
{
    if (s->hdr_changed)
        r->hdr = *s->hdr;
    if (s->ep.flag >= SKY_EPOCH_MOVING_ANTENNA && s->ep.flag <= SKY_EPOCH_EXTERNAL_EVENT)
        return SKY_OK; /* event and header records: not an observation epoch */
    sky_status_t st = sky_spp_solve(r->spp, &r->hdr, &s->ep, &r->sol, &r->err);
    if (st == SKY_E_ARG || st == SKY_E_NOMEM)
        return st;
    tally_add(&r->tally, &r->sol);
    st = sky_solw_write(r->w, &r->sol, &r->err);
    if (st == SKY_OK && r->stats)
        st = sky_solstats_add(r->stats, &r->sol, &r->err);
    return st;
}

static sky_status_t solve_all(spp_run_t *r, queue_t *q)
{
    sky_cli_progress_t prog;
    sky_cli_progress_begin(&prog, "spp");
    sky_status_t st = SKY_OK;
    slot_t *s;
    while (st == SKY_OK && (s = queue_take(q)) != NULL) {
        st = solve_slot(r, s);
        sky_cli_progress_update(&prog, s->done, s->total);
        queue_release(q);
    }
    sky_cli_progress_end(&prog);
    return st;
}

static sky_status_t run_threads(spp_run_t *r)
{
    queue_t q;
    memset(&q, 0, sizeof q);
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.not_empty, NULL);
    pthread_cond_init(&q.not_full, NULL);
    q.rd = r->rd;
    q.has_start = r->args->has_start;
    q.start = r->args->start;
    q.has_end = r->args->has_end;
    q.end = r->args->end;
    q.decimate = r->args->decimate;
    pthread_t th;
    if (pthread_create(&th, NULL, reader_main, &q) != 0) {
        queue_free(&q);
        return sky_error_set(&r->err, SKY_E_NOMEM, "", 0, "", "found no thread, expected one");
    }
    sky_status_t st = solve_all(r, &q);
    queue_stop(&q);
    pthread_join(th, NULL);
    if (st == SKY_OK && q.status != SKY_OK) {
        r->err = q.err;
        st = q.status;
    }
    queue_free(&q);
    return st;
}

static void print_reasons(const spp_tally_t *t)
{
    if (t->epochs == t->solutions)
        return;
    fprintf(stderr, "skyfix spp: without solution:");
    for (int i = 0; i < MAX_REASONS && t->reason_count[i] > 0; i++)
        fprintf(stderr, "%s %ld %s", i ? "," : "", t->reason_count[i], t->reason[i]);
    if (t->reason_other)
        fprintf(stderr, ", %ld other", t->reason_other);
    fputc('\n', stderr);
}

static void print_summary(spp_run_t *r)
{
    const spp_tally_t *t = &r->tally;
    double avail = t->epochs ? 100.0 * (double)t->solutions / (double)t->epochs : 0.0;
    fprintf(stderr, "skyfix spp: %ld epochs, %ld solutions (availability %.1f %%)", t->epochs,
            t->solutions, avail);
    if (t->solutions)
        fprintf(stderr, ", mean %.1f satellites", (double)t->nsat_sum / (double)t->solutions);
    if (t->ndop)
        fprintf(stderr, ", mean PDOP %.2f HDOP %.2f", t->pdop_sum / (double)t->ndop,
                t->hdop_sum / (double)t->ndop);
    fputc('\n', stderr);
    print_reasons(t);
    sky_solstats_result_t res;
    if (!r->stats || t->solutions == 0 || sky_solstats_get(r->stats, &res, NULL) != SKY_OK)
        return;
    fprintf(stderr, "skyfix spp: error about the %s (ENU): H RMS %.3f m, V RMS %.3f m, "
            "95%% H %.3f m, 95%% 3D %.3f m, max H %.3f m, max 3D %.3f m, mean ENU %.3f %.3f "
            "%.3f m\n", r->args->has_ref ? "reference position" : "header position + antenna delta", res.rms_h_m, res.rms_v_m,
            res.p95_h_m, res.p95_3d_m, res.max_h_m, res.max_3d_m, res.mean_enu_m[0],
            res.mean_enu_m[1], res.mean_enu_m[2]);
}

/* ---- setup and teardown ---- */

static void fill_opts(const spp_args_t *a, sky_spp_opts_t *o)
{
    sky_spp_opts_default(o);
    o->sys_mask = a->sys_mask;
    o->elmask_rad = a->elmask_deg * SKY_DEG2RAD;
    o->freq_mode = (uint8_t)a->freq_mode;
    o->raim_fde = !a->no_raim;
    o->min_redundancy = a->min_redundancy;
    o->max_sd_m = a->max_sd_m;
    o->smooth_s = a->smooth_s;
    o->p1c1_from_c1w = a->p1c1;
    memcpy(o->exclude, a->exclude, sizeof o->exclude);
    o->nexclude = a->nexclude;
}

static sky_status_t open_inputs(spp_run_t *r)
{
    const spp_args_t *a = r->args;
    sky_nav_init(&r->nav, &r->ctx);
    r->nav_ok = true;
    for (int i = 0; i < a->nnav; i++) {
        sky_status_t st = sky_nav_read_file(&r->nav, a->nav[i], &r->err);
        if (st != SKY_OK)
            return st;
    }
    if (r->nav.nkeph == 0 && r->nav.ngeph == 0)
        return sky_error_set(&r->err, SKY_E_NODATA, a->nav[0], 0, "",
                             "found no ephemerides, expected a navigation file");
    sky_status_t st = sky_obs_open(&r->ctx, a->obs, &r->rd, &r->err);
    if (st != SKY_OK)
        return st;
    r->hdr = *sky_obs_reader_header(r->rd);
    sky_spp_opts_t opts;
    fill_opts(a, &opts);
    return sky_spp_new(&r->ctx, &r->nav, &opts, &r->spp, &r->err);
}

/* The reference of the error statistics: --ref, else the antenna reference point, i.e. the
 * header's marker position moved by ANTENNA: DELTA H/E/N (RINEX 3.05 Table A2), which is what
 * a code solution without antenna phase-centre model estimates. */
static sky_status_t open_stats(spp_run_t *r)
{
    double ref[3];
    memcpy(ref, r->args->has_ref ? r->args->ref : r->hdr.approx_pos_ecef_m, sizeof ref);
    double r2 = ref[0] * ref[0] + ref[1] * ref[1] + ref[2] * ref[2];
    if (!isfinite(r2) || r2 < 1e12)
        return SKY_OK; /* no reference: no error statistics */
    const double *hen = r->hdr.ant_delta_hen_m;
    if (!r->args->has_ref && isfinite(hen[0]) && isfinite(hen[1]) && isfinite(hen[2])) {
        double llh[3], d_ecef[3];
        const double enu[3] = {hen[1], hen[2], hen[0]};
        sky_ecef_to_geod(ref, llh);
        sky_enu_to_ecef(enu, llh, d_ecef);
        for (int k = 0; k < 3; k++)
            ref[k] += d_ecef[k];
    }
    return sky_solstats_new(&r->ctx, ref, &r->stats, &r->err);
}

static sky_status_t open_writer(spp_run_t *r)
{
    const spp_args_t *a = r->args;
    if (sky_cli_out_open(&r->out, a->output) != 0)
        return sky_error_set(&r->err, SKY_E_IO, a->output, 0, "", "found an unwritable path, "
                             "expected a writable file");
    sky_solw_opts_t wo;
    sky_solw_opts_default(&wo);
    wo.sink_name = a->output ? a->output : "<stdout>";
    sky_status_t st = sky_solw_new(&r->ctx, a->fmt, &wo, r->out.f, &r->w, &r->err);
    if (st != SKY_OK)
        return st;
    sky_solw_info_t info;
    memset(&info, 0, sizeof info);
    info.program = "skyfix " SKYFIX_VERSION;
    info.inputs[info.ninputs++] = a->obs;
    for (int i = 0; i < a->nnav && info.ninputs < SKY_SOLW_MAX_INPUTS; i++)
        info.inputs[info.ninputs++] = a->nav[i];
    info.pos_mode = "Single";
    info.elev_mask_rad = a->elmask_deg * SKY_DEG2RAD;
    info.iono_opt = a->freq_mode == SKY_FREQ_SINGLE ? "Broadcast"
                    : a->freq_mode == SKY_FREQ_DUAL ? "Iono-Free LC" : "Iono-Free LC/Broadcast";
    info.tropo_opt = "Saastamoinen";
    info.ephemeris = "Broadcast";
    info.sys_mask = a->sys_mask;
    return sky_solw_header(r->w, &info, &r->err);
}

/* Frees everything; commits the output when ok. Returns false if the commit failed. */
static bool close_all(spp_run_t *r, bool ok)
{
    sky_solw_delete(r->w);
    if (r->out.f || r->out.tmp) {
        if (ok)
            ok = sky_cli_out_commit(&r->out) == 0;
        else
            sky_cli_out_abort(&r->out);
    }
    sky_solstats_delete(r->stats);
    sky_spp_delete(r->spp);
    sky_obs_close(r->rd);
    if (r->nav_ok)
        sky_nav_free(&r->nav);
    return ok;
}

int sky_cmd_spp(int argc, char **argv)
{
    spp_args_t args;
    int rc = parse_args(argc, argv, &args);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    spp_run_t *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(stderr, "skyfix spp: out of memory\n");
        return 1;
    }
    r->args = &args;
    sky_ctx_init(&r->ctx);
    sky_status_t st = open_inputs(r);
    if (st == SKY_OK)
        st = open_stats(r);
    if (st == SKY_OK)
        st = open_writer(r);
    if (st == SKY_OK)
        st = run_threads(r);
    if (st == SKY_OK)
        st = sky_solw_finish(r->w, &r->err);
    if (st != SKY_OK)
        sky_cli_print_error("spp", &r->err);
    else if (!args.quiet)
        print_summary(r);
    bool ok = close_all(r, st == SKY_OK);
    free(r);
    return ok ? 0 : 1;
}
