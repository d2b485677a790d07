/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: solutions as KML: one placemark per epoch, coloured by quality, and a track.
 * References:
 *  [1] OGC 07-147r2 KML 2.2 (2008-04-14): §9.11 Placemark, §10.7 LineString (two or more
 *      coordinate tuples "lon,lat[,alt]"), §10.9 Point, §12.8 IconStyle, §16.9 kml:color
 *      (aabbggrr), §15.6 TimeStamp (xsd:dateTime, UTC)
 *  [2] W3C XML 1.0 5th ed. (2008-11-26) §2.8 (prolog)
 *  [3] RTKLIB 2.4.3 manual (2020), Appendix B.2 (Q numbering 1 fix .. 6 ppp) */
#include <math.h>

#include "out/solw_int.h"

/* Icon colour per quality 0..6, aabbggrr [1] §16.9: grey, green, orange, magenta, blue, red,
 * cyan. */
static const char *const quality_color[SKY_SOLQ_PPP + 1] = {
    "ff808080", "ff00ff00", "ff00a5ff", "ffff00ff", "ffff0000", "ff0000ff", "ffffff00"};

static int style_index(int q)
{
    return (q >= 0 && q <= SKY_SOLQ_PPP) ? q : 0;
}

sky_status_t sky__kml_begin(sky_solw_t *w, sky_error_t *err)
{
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
                         "<name>skyfix solutions</name>\n");
    for (int q = 0; q <= SKY_SOLQ_PPP; q++)
        sky__sbuf_printf(&b, "<Style id=\"q%d\"><IconStyle><color>%s</color><scale>0.4</scale>"
                             "<Icon><href>http://maps.google.com/mapfiles/kml/shapes/"
                             "placemark_circle.png</href></Icon></IconStyle></Style>\n",
                         q, quality_color[q]);
    sky__sbuf_printf(&b, "<Folder>\n<name>Positions</name>\n");
    return sky__solw_emit(w, &b, err);
}

static sky_status_t track_push(sky_solw_t *w, const double llh_deg[3], sky_error_t *err)
{
    if (w->ntrack == w->captrack) {
        size_t cap = w->captrack ? w->captrack * 2 : 1024;
        if (cap > SIZE_MAX / (3 * sizeof(double)))
            return sky_error_set(err, SKY_E_NOMEM, w->name, 0, "", "found %zu track points, "
                                 "expected fewer", w->ntrack);
        double *p = sky_realloc(w->ctx, w->track, cap * 3 * sizeof(double));
        if (!p)
            return sky_error_set(err, SKY_E_NOMEM, w->name, 0, "", "found no memory for %zu "
                                 "track points, expected some", cap);
        w->track = p;
        w->captrack = cap;
    }
    double *t = w->track + 3 * w->ntrack++;
    t[0] = llh_deg[1];
    t[1] = llh_deg[0];
    t[2] = llh_deg[2];
    return SKY_OK;
}

sky_status_t sky__kml_write(sky_solw_t *w, const sky_solution_t *sol, sky_error_t *err)
{
    double llh_deg[3];
    if (sol->quality == SKY_SOLQ_NONE || !sky__sol_llh_deg(sol, llh_deg))
        return SKY_OK;
    sky_status_t rc = track_push(w, llh_deg, err);
    if (rc != SKY_OK)
        return rc;
    sky__tstamp_t ts;
    sky__tstamp(w, sol->time, SKY_TS_UTC, w->opts.time_decimals, &ts);
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "<Placemark><TimeStamp><when>");
    sky__sbuf_tstamp(&b, &ts, '-', 'T');
    sky__sbuf_printf(&b, "Z</when></TimeStamp><styleUrl>#q%d</styleUrl>"
                         "<ExtendedData><Data name=\"quality\"><value>%s</value></Data>"
                         "<Data name=\"ns\"><value>%d</value></Data></ExtendedData>"
                         "<Point><coordinates>%.9f,%.9f,%.4f</coordinates></Point></Placemark>\n",
                     style_index(sol->quality), sky__solq_name(sol->quality), sol->nsat,
                     llh_deg[1], llh_deg[0], llh_deg[2]);
    rc = sky__solw_emit(w, &b, err);
    if (rc == SKY_OK)
        w->nwritten++;
    return rc;
}

/* The track, written in chunks that fit the line buffer [1] §10.7. */
static sky_status_t put_track(sky_solw_t *w, sky_error_t *err)
{
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "<Placemark>\n<name>Track</name>\n<Style><LineStyle><color>ff00ffff"
                         "</color><width>2</width></LineStyle></Style>\n<LineString>\n"
                         "<coordinates>\n");
    for (size_t i = 0; i < w->ntrack; i++) {
        if (b.len > sizeof b.buf - 1024) {
            sky_status_t rc = sky__solw_emit(w, &b, err);
            if (rc != SKY_OK)
                return rc;
            sky__sbuf_reset(&b);
        }
        const double *t = w->track + 3 * i;
        sky__sbuf_printf(&b, "%.9f,%.9f,%.4f\n", t[0], t[1], t[2]);
    }
    sky__sbuf_printf(&b, "</coordinates>\n</LineString>\n</Placemark>\n");
    return sky__solw_emit(w, &b, err);
}

sky_status_t sky__kml_end(sky_solw_t *w, sky_error_t *err)
{
    sky__sbuf_t b;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "</Folder>\n");
    sky_status_t rc = sky__solw_emit(w, &b, err);
    if (rc == SKY_OK && w->ntrack >= 2) /* a LineString needs two tuples [1] §10.7 */
        rc = put_track(w, err);
    if (rc != SKY_OK)
        return rc;
    sky__sbuf_reset(&b);
    sky__sbuf_printf(&b, "</Document>\n</kml>\n");
    return sky__solw_emit(w, &b, err);
}
