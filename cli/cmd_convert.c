/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix convert: any RINEX input (Hatanaka CRX 1.0/3.0, gzip/.Z/bzip2/xz/zip, plain) to plain
 * RINEX text, written atomically.
 * References:
 *  [1] Y. Hatanaka, "A Compression Format and Tools for GNSS Observation Data",
 *      Bulletin of the Geospatial Information Authority of Japan 55 (2008) 21-30 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "skyfix/skyfix.h"

static const char usage_text[] =
    "usage: skyfix convert [-o OUT] FILE\n"
    "\n"
    "Writes the plain RINEX text of FILE: Hatanaka-compressed observation files (compact\n"
    "RINEX 1.0 and 3.0, as .??d / .crx) are decoded exactly as crx2rnx does, and gzip, .Z,\n"
    "bzip2, xz and zip compression is removed (recognised by content, not by name). Plain\n"
    "RINEX passes through unchanged apart from line ends.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT  write to OUT (atomically: a temporary file renamed when complete);\n"
    "                    without it, or with '-', the text goes to standard output\n"
    "  -h, --help        this text\n"
    "\n"
    "A progress bar is shown on standard error when it is a terminal.\n"
    "Exit status: 0 when the whole file was converted, 1 on an error in the input (the\n"
    "message names file, line and field; no partial OUT is left), 2 on a usage error.\n";

/* Copy every line of r to f, updating the progress bar every few thousand lines. */
static sky_status_t copy_lines(sky_text_reader_t *r, FILE *f, sky_cli_progress_t *bar,
                               sky_error_t *err)
{
    const char *line;
    size_t len;
    unsigned long count = 0;
    sky_status_t rc;
    while ((rc = sky_text_next(r, &line, &len, err)) == SKY_OK) {
        fwrite(line, 1, len, f);
        fputc('\n', f);
        if (++count % 4096 == 0) {
            uint64_t done, total;
            sky_text_progress(r, &done, &total);
            sky_cli_progress_update(bar, done, total);
        }
    }
    return rc == SKY_EOF ? SKY_OK : rc;
}

static int convert_file(const char *in, const char *out_path)
{
    sky_ctx_t ctx;
    sky_ctx_init(&ctx);
    sky_error_t err;
    sky_error_clear(&err);
    sky_text_reader_t *r = NULL;
    if (sky_text_open(&ctx, in, &r, &err) != SKY_OK) {
        sky_cli_print_error("convert", &err);
        return 1;
    }
    sky_cli_out_t out;
    if (sky_cli_out_open(&out, out_path) != 0) {
        sky_text_close(r);
        return 1;
    }
    sky_cli_progress_t bar;
    sky_cli_progress_begin(&bar, in);
    sky_status_t rc = copy_lines(r, out.f, &bar, &err);
    sky_cli_progress_end(&bar);
    sky_text_close(r);
    if (rc != SKY_OK) {
        sky_cli_out_abort(&out);
        sky_cli_print_error("convert", &err);
        return 1;
    }
    return sky_cli_out_commit(&out) == 0 ? 0 : 1;
}

int sky_cmd_convert(int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *out_path = "-";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        if (c == 'o') {
            out_path = optarg;
        } else if (c == 'h') {
            fputs(usage_text, stdout);
            return 0;
        } else {
            fputs(usage_text, stderr);
            return 2;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "skyfix convert: %s\n\n",
                optind >= argc ? "no input file given" : "exactly one input file expected");
        fputs(usage_text, stderr);
        return 2;
    }
    return convert_file(argv[optind], out_path);
}
