/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix solve: which code signals the single point solver uses, per system and band.
 * References:
 *  [1] IS-GPS-200N (2022-08-22) §20.3.3.3.3.3 (L1/L2 pair of the broadcast clock)
 *  [2] Galileo OS-SIS-ICD Issue 2.1 (2023-11) §5.1.5 (E1/E5a and E1/E5b pairs)
 *  [3] BDS-SIS-ICD-B1I v3.0 (2019-02) §5.2.4.10 (B1I, B3I)
 *  [4] IRNSS SPS ICD v1.1 (2017) §6.2.1.4 (L5, S)
 *  [5] RINEX 3.05 (2020-12-01) §5.1 Tables 4-10 (observation codes per system and band) */
#include <math.h>
#include <string.h>

#include "skyfix/signal.h"
#include "solve/spp_int.h"

/* Bands of one system in order of preference, and tracking attributes per band ([5]). */
typedef struct {
    char primary;
    char secondary[2];       /* tried in order, 0 = none */
    const char *attrs[10];   /* indexed by band digit: preferred attributes, ' ' = RINEX 3.00 */
} sys_signals_t;

static const sys_signals_t *signals_of(sky_sys_t sys)
{
    static const sys_signals_t gps = {'1', {'2', '5'},
                                      {[1] = "CWPYSLX ", [2] = "WPYLSXD ", [5] = "QXI "}};
    static const sys_signals_t glo = {'1', {'2', 0}, {[1] = "CP ", [2] = "CP "}};
    static const sys_signals_t gal = {'1', {'5', '7'},
                                      {[1] = "CXBAZ ", [5] = "QXI ", [7] = "QXI "}};
    static const sys_signals_t bds = {'2', {'6', '7'},
                                      {[2] = "IXQ ", [6] = "IXQ ", [7] = "IXQ "}};
    static const sys_signals_t qzs = {'1', {'2', '5'},
                                      {[1] = "CSLXZ ", [2] = "LXS ", [5] = "QXI "}};
    static const sys_signals_t irn = {'5', {'9', 0}, {[5] = "ABCX ", [9] = "ABCX "}};
    switch (sys) {
    case SKY_SYS_GPS: return &gps;
    case SKY_SYS_GLO: return &glo;
    case SKY_SYS_GAL: return &gal;
    case SKY_SYS_BDS: return &bds;
    case SKY_SYS_QZS: return &qzs;
    case SKY_SYS_IRN: return &irn;
    default: return NULL;
    }
}

static int find_type(const sky_obs_header_t *hdr, sky_sys_t sys, int kind, char band, char attr)
{
    for (int i = 0; i < hdr->ntypes[sys] && i < SKY_OBS_MAXTYPES; i++) {
        const sky_obs_code_t *c = &hdr->types[sys][i];
        if (c->kind == kind && c->band == band && c->attr == attr)
            return i;
    }
    return -1;
}

/* Append every code of band present in the header, in the preference order. */
static void add_candidates(const sky_obs_header_t *hdr, sky_sys_t sys, const sys_signals_t *s,
                           char band, sky__sigcand_t *cand, int *n)
{
    for (const char *a = s->attrs[band - '0']; a && *a && *n < SKY__SPP_MAXCAND; a++) {
        int k = find_type(hdr, sys, SKY_OBS_CODE, band, *a);
        if (k >= 0)
            cand[(*n)++] = (sky__sigcand_t){k, band, *a};
    }
}

/* Doppler or C/N0 of the same tracking mode as the code, else any of the same band. */
static int find_companion(const sky_obs_header_t *hdr, sky_sys_t sys, const sys_signals_t *s,
                          int kind, char band, char attr)
{
    int k = find_type(hdr, sys, kind, band, attr);
    const char *pref = s->attrs[band - '0'];
    for (const char *a = pref; k < 0 && a && *a; a++)
        k = find_type(hdr, sys, kind, band, *a);
    return k;
}

/* Phases of the secondary bands in preference order: the second phase of a single-frequency
 * divergence-free smoothing. */
static void add_phase_candidates(const sky_obs_header_t *hdr, sky_sys_t sys,
                                 const sys_signals_t *s, sky__sigsel_t *sel)
{
    for (int b = 0; b < 2 && s->secondary[b]; b++) {
        char band = s->secondary[b];
        for (const char *a = s->attrs[band - '0']; *a && sel->nphase2 < SKY__SPP_MAXCAND; a++) {
            int k = find_type(hdr, sys, SKY_OBS_PHASE, band, *a);
            if (k >= 0)
                sel->phase2[sel->nphase2++] = (sky__sigcand_t){k, band, *a};
        }
    }
}

void sky__spp_select_signals(const sky_obs_header_t *hdr, sky_sys_t sys, int mode,
                             sky__sigsel_t *sel)
{
    memset(sel, 0, sizeof *sel);
    const sys_signals_t *s = signals_of(sys);
    if (!s || sys <= SKY_SYS_NONE || sys >= SKY_SYS_COUNT)
        return;
    add_candidates(hdr, sys, s, s->primary, sel->code[0], &sel->ncode[0]);
    for (int i = 0; i < sel->ncode[0]; i++) {
        const sky__sigcand_t *c = &sel->code[0][i];
        sel->doppler[i] = find_companion(hdr, sys, s, SKY_OBS_DOPPLER, c->band, c->attr);
        sel->snr[i] = find_companion(hdr, sys, s, SKY_OBS_SNR, c->band, c->attr);
    }
    for (int i = 0; i < sel->ncode[0]; i++)
        sel->phase[0][i] = find_companion(hdr, sys, s, SKY_OBS_PHASE, sel->code[0][i].band,
                                          sel->code[0][i].attr);
    add_phase_candidates(hdr, sys, s, sel);
    if (mode == SKY_FREQ_SINGLE)
        return;
    for (int i = 0; i < 2 && s->secondary[i]; i++)
        add_candidates(hdr, sys, s, s->secondary[i], sel->code[1], &sel->ncode[1]);
    for (int i = 0; i < sel->ncode[1]; i++)
        sel->phase[1][i] = find_companion(hdr, sys, s, SKY_OBS_PHASE, sel->code[1][i].band,
                                          sel->code[1][i].attr);
}
