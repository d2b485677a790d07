/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix info: what a RINEX observation or navigation file holds, at a glance (text or JSON). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "info.h"
#include "skyfix/skyfix.h"

static const char usage_text[] =
    "usage: skyfix info [--json] FILE...\n"
    "\n"
    "Reads each RINEX observation (2.10-4.02, Hatanaka CRX 1.0/3.0), navigation (2.x-4.02)\n"
    "or SP3 precise orbit file, plain or compressed (gzip, .Z, bzip2, xz, zip; recognised by\n"
    "content), and prints what it holds:\n"
    "  observation files: version, station, receiver, antenna, approximate position (ECEF and\n"
    "    latitude/longitude/height), time span, interval, epoch count, event epochs, gaps,\n"
    "    satellites per system, and each signal with how often it is present;\n"
    "  navigation files: ephemerides per system and satellite with their time coverage,\n"
    "    ionosphere parameters, time-system corrections and leap seconds;\n"
    "  SP3 files: agency, frame, span, interval, epochs, satellites per system, and a\n"
    "    warning when the closing EOF line is missing (a cut file).\n"
    "\n"
    "options:\n"
    "  --json      one JSON document (an array with one object per file) on stdout\n"
    "  -h, --help  this text\n"
    "\n"
    "Exit status: 0 when every file was read completely, 1 when any file had an error\n"
    "(the error names file, line and field), 2 on a usage error.\n";

int sky_cmd_info(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        if (c == 'j') {
            json = true;
        } else if (c == 'h') {
            fputs(usage_text, stdout);
            return 0;
        } else {
            fputs(usage_text, stderr);
            return 2;
        }
    }
    if (optind >= argc) {
        fputs(usage_text, stderr);
        return 2;
    }
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    int status = 0;
    if (json)
        fputs("[\n", stdout);
    for (int i = optind; i < argc; i++) {
        if (json && i > optind)
            fputs(",\n", stdout);
        if (sky_info_file(&ctx, argv[i], json) != 0)
            status = 1;
    }
    if (json)
        fputs("\n]\n", stdout);
    return status;
}
