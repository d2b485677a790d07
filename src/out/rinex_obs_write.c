/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: RINEX 3.05 observation file writer: header records and epoch records.
 * References:
 *  [1] RINEX 3.05 (2020-12-01) §5.2-5.4; Table A2 (header: formats of each record), Table A3
 *      (epoch record "A1,1X,I4,4(1X,I2.2),F11.7,2X,I1,I3,6X,F15.12", observations
 *      "A1,I2.2,m(F14.3,I1,I1)") */
#include "skyfix/rinexw.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "skyfix/sat.h"
#include "skyfix/time.h"

#define LABEL_COL 60
#define LINE_MAX_CH 1200          /* 3 + 64 types * 16 + end */
#define TYPES_PER_LINE 13         /* [1] SYS / # / OBS TYPES */
#define SLOTS_PER_LINE 8          /* [1] GLONASS SLOT / FRQ # */
#define OBS_MAX_VALUE 9999999999.999 /* F14.3 */
#define OBS_MIN_VALUE (-999999999.999)

typedef struct {
    char buf[LINE_MAX_CH];
    size_t len;
} line_t;

static void line_clear(line_t *l)
{
    l->len = 0;
    l->buf[0] = '\0';
}

/* Append formatted text (bounded; the caller sizes lines well below LINE_MAX_CH). */
static void line_add(line_t *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line_add(line_t *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(l->buf + l->len, sizeof l->buf - l->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        l->len += (size_t)n < sizeof l->buf - l->len ? (size_t)n : sizeof l->buf - l->len - 1;
}

static sky_status_t line_emit(const sky_rinexw_t *w, line_t *l, sky_error_t *err)
{
    while (l->len > 0 && l->buf[l->len - 1] == ' ')
        l->len--;
    l->buf[l->len++] = '\n';
    sky_status_t st = w->write(w->user, l->buf, l->len);
    line_clear(l);
    if (st != SKY_OK)
        return sky_error_set(err, st, w->name ? w->name : "", 0, "", "found a write failure, "
                             "expected the sink to take the line");
    return SKY_OK;
}

/* Header record: content padded to column 60, then the label [1] Table A2. */
static sky_status_t emit_labelled(const sky_rinexw_t *w, line_t *l, const char *label,
                                  sky_error_t *err)
{
    if (l->len < LABEL_COL)
        line_add(l, "%*s", (int)(LABEL_COL - l->len), "");
    l->len = LABEL_COL;
    line_add(l, "%-20s", label);
    return line_emit(w, l, err);
}

static sky_status_t file_sink(void *user, const char *buf, size_t len)
{
    FILE *fp = user;
    return fwrite(buf, 1, len, fp) == len ? SKY_OK : SKY_E_IO;
}

void sky_rinexw_init(sky_rinexw_t *w, sky_write_fn fn, void *user, const char *name)
{
    w->write = fn;
    w->user = user;
    w->name = name;
}

void sky_rinexw_init_file(sky_rinexw_t *w, FILE *fp, const char *name)
{
    sky_rinexw_init(w, file_sink, fp, name);
}

/* Systems with observation types, in RINEX letter order G R E J C I S. */
static const sky_sys_t sys_order[] = {SKY_SYS_GPS, SKY_SYS_GLO, SKY_SYS_GAL, SKY_SYS_QZS,
                                      SKY_SYS_BDS, SKY_SYS_IRN, SKY_SYS_SBS};
#define NSYS_ORDER (sizeof sys_order / sizeof *sys_order)

static sky_status_t write_obs_types(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                    sky_error_t *err)
{
    line_t l;
    line_clear(&l);
    for (size_t k = 0; k < NSYS_ORDER; k++) {
        sky_sys_t sys = sys_order[k];
        int n = hdr->ntypes[sys];
        if (n <= 0)
            continue;
        line_add(&l, "%c  %3d", sky_sys_char(sys), n);
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % TYPES_PER_LINE == 0) {
                sky_status_t st = emit_labelled(w, &l, "SYS / # / OBS TYPES", err);
                if (st != SKY_OK)
                    return st;
                line_add(&l, "      ");
            }
            line_add(&l, " %-3.3s", hdr->types[sys][i].text);
        }
        sky_status_t st = emit_labelled(w, &l, "SYS / # / OBS TYPES", err);
        if (st != SKY_OK)
            return st;
    }
    return SKY_OK;
}

static sky_status_t write_glo_slots(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                    sky_error_t *err)
{
    int n = 0;
    for (int prn = 1; prn <= SKY_PRN_MAX; prn++)
        n += hdr->glo_fcn[prn] != SKY_GLO_FCN_UNKNOWN;
    if (hdr->ntypes[SKY_SYS_GLO] <= 0)
        return SKY_OK;
    line_t l;
    line_clear(&l);
    line_add(&l, "%3d ", n);
    int k = 0;
    for (int prn = 1; prn <= SKY_PRN_MAX; prn++) {
        if (hdr->glo_fcn[prn] == SKY_GLO_FCN_UNKNOWN)
            continue;
        if (k > 0 && k % SLOTS_PER_LINE == 0) {
            sky_status_t st = emit_labelled(w, &l, "GLONASS SLOT / FRQ #", err);
            if (st != SKY_OK)
                return st;
            line_add(&l, "    ");
        }
        line_add(&l, "R%02d %2d ", prn, hdr->glo_fcn[prn]);
        k++;
    }
    sky_status_t st = emit_labelled(w, &l, "GLONASS SLOT / FRQ #", err);
    if (st != SKY_OK)
        return st;
    static const char *cpb_codes[4] = {"C1C", "C1P", "C2C", "C2P"};
    for (int i = 0; i < 4; i++) {
        if (isfinite(hdr->glo_cpb_m[i]))
            line_add(&l, " %s %8.3f", cpb_codes[i], hdr->glo_cpb_m[i]);
        else
            line_add(&l, " %s %8s", cpb_codes[i], "");
    }
    return emit_labelled(w, &l, "GLONASS COD/PHS/BIS", err);
}

/* SYS / PHASE SHIFT [1] Table A2: the recorded shifts, else one line per system with phase
 * observations and a zero correction (nothing was applied). */
static sky_status_t write_phase_shifts(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                       sky_error_t *err)
{
    line_t l;
    line_clear(&l);
    for (int i = 0; i < hdr->nshift && i < SKY_OBS_MAXSHIFT; i++) {
        line_add(&l, "%c %-3.3s %8.5f", sky_sys_char(hdr->shift[i].sys),
                 hdr->shift[i].code.text, hdr->shift[i].shift_cyc);
        sky_status_t st = emit_labelled(w, &l, "SYS / PHASE SHIFT", err);
        if (st != SKY_OK)
            return st;
    }
    if (hdr->nshift > 0)
        return SKY_OK;
    for (size_t k = 0; k < NSYS_ORDER; k++) {
        sky_sys_t sys = sys_order[k];
        for (int i = 0; i < hdr->ntypes[sys]; i++) {
            if (hdr->types[sys][i].kind != SKY_OBS_PHASE)
                continue;
            line_add(&l, "%c %-3.3s %8.5f", sky_sys_char(sys), hdr->types[sys][i].text, 0.0);
            sky_status_t st = emit_labelled(w, &l, "SYS / PHASE SHIFT", err);
            if (st != SKY_OK)
                return st;
        }
    }
    return SKY_OK;
}

/* Round to the 1e-7 s the epoch record keeps, so that 59.99999999 s carries into the minute. */
static sky_time_t round_to_100ns(sky_time_t t)
{
    double f = floor(t.frac_s * 1e7 + 0.5) / 1e7;
    return sky_time_make(t.sec, f);
}

static sky_status_t write_time_record(const sky_rinexw_t *w, sky_time_t gpst, sky_timesys_t ts,
                                      const char *label, sky_error_t *err)
{
    sky_civil_t c;
    sky_time_to_civil(round_to_100ns(sky_time_from_gpst_to(gpst, ts, NULL)), &c);
    line_t l;
    line_clear(&l);
    line_add(&l, "%6d%6d%6d%6d%6d%13.7f     %-3s", c.year, c.month, c.day, c.hour, c.min,
             c.sec, sky_timesys_name(ts));
    return emit_labelled(w, &l, label, err);
}

static sky_status_t write_ident(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                sky_error_t *err)
{
    line_t l;
    line_clear(&l);
    sky_status_t st;
    char sys = hdr->file_sys ? hdr->file_sys : 'M';
    line_add(&l, "%9.2f%11s%-20s%c", 3.05, "", "OBSERVATION DATA", sys);
    if ((st = emit_labelled(w, &l, "RINEX VERSION / TYPE", err)) != SKY_OK)
        return st;
    line_add(&l, "%-20.20s%-20.20s%-20.20s", hdr->program, hdr->run_by, hdr->date);
    if ((st = emit_labelled(w, &l, "PGM / RUN BY / DATE", err)) != SKY_OK)
        return st;
    line_add(&l, "%-60.60s", hdr->marker_name);
    if ((st = emit_labelled(w, &l, "MARKER NAME", err)) != SKY_OK)
        return st;
    if (hdr->marker_number[0]) {
        line_add(&l, "%-20.20s", hdr->marker_number);
        if ((st = emit_labelled(w, &l, "MARKER NUMBER", err)) != SKY_OK)
            return st;
    }
    line_add(&l, "%-20.20s", hdr->marker_type[0] ? hdr->marker_type : "GEODETIC");
    if ((st = emit_labelled(w, &l, "MARKER TYPE", err)) != SKY_OK)
        return st;
    line_add(&l, "%-20.20s%-40.40s", hdr->observer, hdr->agency);
    if ((st = emit_labelled(w, &l, "OBSERVER / AGENCY", err)) != SKY_OK)
        return st;
    line_add(&l, "%-20.20s%-20.20s%-20.20s", hdr->rec_number, hdr->rec_type, hdr->rec_version);
    if ((st = emit_labelled(w, &l, "REC # / TYPE / VERS", err)) != SKY_OK)
        return st;
    line_add(&l, "%-20.20s%-20.20s", hdr->ant_number, hdr->ant_type);
    return emit_labelled(w, &l, "ANT # / TYPE", err);
}

static bool finite3(const double v[3])
{
    return isfinite(v[0]) && isfinite(v[1]) && isfinite(v[2]);
}

static sky_status_t write_position(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                   sky_error_t *err)
{
    line_t l;
    line_clear(&l);
    sky_status_t st;
    if (finite3(hdr->approx_pos_ecef_m) && fabs(hdr->approx_pos_ecef_m[0]) < 1e9 &&
        fabs(hdr->approx_pos_ecef_m[1]) < 1e9 && fabs(hdr->approx_pos_ecef_m[2]) < 1e9) {
        line_add(&l, "%14.4f%14.4f%14.4f", hdr->approx_pos_ecef_m[0], hdr->approx_pos_ecef_m[1],
                 hdr->approx_pos_ecef_m[2]);
        if ((st = emit_labelled(w, &l, "APPROX POSITION XYZ", err)) != SKY_OK)
            return st;
    }
    const double *d = hdr->ant_delta_hen_m;
    bool ok = finite3(d) && fabs(d[0]) < 1e6 && fabs(d[1]) < 1e6 && fabs(d[2]) < 1e6;
    line_add(&l, "%14.4f%14.4f%14.4f", ok ? d[0] : 0.0, ok ? d[1] : 0.0, ok ? d[2] : 0.0);
    return emit_labelled(w, &l, "ANTENNA: DELTA H/E/N", err);
}

static sky_status_t write_times(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                sky_error_t *err)
{
    line_t l;
    line_clear(&l);
    sky_status_t st;
    if (hdr->signal_strength_unit[0]) {
        line_add(&l, "%-20.20s", hdr->signal_strength_unit);
        if ((st = emit_labelled(w, &l, "SIGNAL STRENGTH UNIT", err)) != SKY_OK)
            return st;
    }
    if (isfinite(hdr->interval_s) && hdr->interval_s > 0.0 && hdr->interval_s < 1e6) {
        line_add(&l, "%10.3f", hdr->interval_s);
        if ((st = emit_labelled(w, &l, "INTERVAL", err)) != SKY_OK)
            return st;
    }
    sky_timesys_t ts = hdr->time_sys < SKY_TS_COUNT ? hdr->time_sys : SKY_TS_GPS;
    if (hdr->first_obs.sec == INT64_MIN)
        return sky_error_set(err, SKY_E_ARG, w->name ? w->name : "", 0, "TIME OF FIRST OBS",
                             "found no first observation time, expected one (mandatory)");
    if ((st = write_time_record(w, hdr->first_obs, ts, "TIME OF FIRST OBS", err)) != SKY_OK)
        return st;
    if (hdr->last_obs.sec != INT64_MIN &&
        (st = write_time_record(w, hdr->last_obs, ts, "TIME OF LAST OBS", err)) != SKY_OK)
        return st;
    return SKY_OK;
}

sky_status_t sky_rinexw_header(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                               sky_error_t *err)
{
    int ntot = 0;
    for (int s = 0; s < SKY_SYS_COUNT; s++) {
        if (hdr->ntypes[s] < 0 || hdr->ntypes[s] > SKY_OBS_MAXTYPES)
            return sky_error_set(err, SKY_E_ARG, w->name ? w->name : "", 0, "SYS / # / OBS TYPES",
                                 "found %d types for a system, expected 0..%d", hdr->ntypes[s],
                                 SKY_OBS_MAXTYPES);
        ntot += hdr->ntypes[s];
    }
    if (ntot == 0)
        return sky_error_set(err, SKY_E_ARG, w->name ? w->name : "", 0, "SYS / # / OBS TYPES",
                             "found no observation types, expected at least one");
    sky_status_t st;
    if ((st = write_ident(w, hdr, err)) != SKY_OK || (st = write_position(w, hdr, err)) != SKY_OK ||
        (st = write_obs_types(w, hdr, err)) != SKY_OK || (st = write_times(w, hdr, err)) != SKY_OK ||
        (st = write_phase_shifts(w, hdr, err)) != SKY_OK ||
        (st = write_glo_slots(w, hdr, err)) != SKY_OK)
        return st;
    line_t l;
    line_clear(&l);
    if (hdr->leap_s != INT32_MIN && hdr->leap_s > -1000 && hdr->leap_s < 1000) {
        line_add(&l, "%6d", hdr->leap_s);
        if ((st = emit_labelled(w, &l, "LEAP SECONDS", err)) != SKY_OK)
            return st;
    }
    return emit_labelled(w, &l, "END OF HEADER", err);
}

static sky_status_t write_epoch_line(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                     const sky_obs_epoch_t *ep, int nsat, sky_error_t *err)
{
    sky_timesys_t ts = hdr->time_sys < SKY_TS_COUNT ? hdr->time_sys : SKY_TS_GPS;
    sky_civil_t c;
    sky_time_to_civil(round_to_100ns(sky_time_from_gpst_to(ep->time, ts, NULL)), &c);
    int flag = ep->flag >= 0 && ep->flag <= 6 ? ep->flag : 0;
    line_t l;
    line_clear(&l);
    line_add(&l, "> %4d %02d %02d %02d %02d%11.7f  %d%3d", c.year, c.month, c.day, c.hour, c.min,
             c.sec, flag, nsat);
    if (isfinite(ep->rcv_clock_offset_s) && fabs(ep->rcv_clock_offset_s) < 1.0)
        line_add(&l, "%6s%15.12f", "", ep->rcv_clock_offset_s);
    return line_emit(w, &l, err);
}

static sky_status_t write_sat_line(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                                   const sky_obs_epoch_t *ep, const sky_obs_sat_t *os,
                                   sky_error_t *err)
{
    char id[4];
    sky_sat_format(os->sat, id);
    int ntypes = hdr->ntypes[os->sat.sys];
    line_t l;
    line_clear(&l);
    line_add(&l, "%s", id);
    for (int i = 0; i < ntypes; i++) {
        double v = i < os->nval ? ep->val[os->off + i] : NAN;
        if (!isfinite(v)) {
            line_add(&l, "%16s", "");
            continue;
        }
        if (v > OBS_MAX_VALUE || v < OBS_MIN_VALUE)
            return sky_error_set(err, SKY_E_RANGE, w->name ? w->name : "", ep->line,
                                 hdr->types[os->sat.sys][i].text,
                                 "found %s value %.3f, expected one that fits F14.3", id, v);
        uint8_t lli = ep->lli ? ep->lli[os->off + i] : 0;
        uint8_t ssi = ep->ssi ? ep->ssi[os->off + i] : 0;
        line_add(&l, "%14.3f", v);
        line_add(&l, "%c%c", lli > 0 && lli <= 9 ? '0' + lli : ' ',
                 ssi > 0 && ssi <= 9 ? '0' + ssi : ' ');
    }
    return line_emit(w, &l, err);
}

sky_status_t sky_rinexw_epoch(const sky_rinexw_t *w, const sky_obs_header_t *hdr,
                              const sky_obs_epoch_t *ep, sky_error_t *err)
{
    bool special = ep->flag >= SKY_EPOCH_MOVING_ANTENNA && ep->flag <= SKY_EPOCH_EXTERNAL_EVENT;
    int nsat = 0;
    for (int i = 0; !special && i < ep->nsat; i++) {
        int sys = ep->sat[i].sat.sys;
        if (sys > SKY_SYS_NONE && sys < SKY_SYS_COUNT && hdr->ntypes[sys] > 0 &&
            sky_sat_index(ep->sat[i].sat) >= 0)
            nsat++;
    }
    if (nsat > 999)
        return sky_error_set(err, SKY_E_RANGE, w->name ? w->name : "", ep->line, "EPOCH",
                             "found %d satellites, expected at most 999", nsat);
    sky_status_t st = write_epoch_line(w, hdr, ep, nsat, err);
    for (int i = 0; st == SKY_OK && !special && i < ep->nsat; i++) {
        int sys = ep->sat[i].sat.sys;
        if (sys > SKY_SYS_NONE && sys < SKY_SYS_COUNT && hdr->ntypes[sys] > 0 &&
            sky_sat_index(ep->sat[i].sat) >= 0)
            st = write_sat_line(w, hdr, ep, &ep->sat[i], err);
    }
    return st;
}

sky_status_t sky_rinexw_epoch_cb(void *user, const sky_obs_header_t *hdr,
                                 const sky_obs_epoch_t *epoch, sky_error_t *err)
{
    return sky_rinexw_epoch((const sky_rinexw_t *)user, hdr, epoch, err);
}
