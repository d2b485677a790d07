/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix command: error printing, progress bar, atomic output files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

void sky_cli_print_error(const char *cmd, const sky_error_t *err)
{
    char buf[1024];
    sky_error_format(err, buf, sizeof buf);
    fprintf(stderr, "skyfix %s: %s\n", cmd, buf);
    if (err->text[0])
        fprintf(stderr, "    >>> %s\n", err->text);
}

void sky_cli_progress_begin(sky_cli_progress_t *p, const char *label)
{
    p->active = isatty(STDERR_FILENO) != 0;
    const char *slash = label ? strrchr(label, '/') : NULL;
    p->label = slash ? slash + 1 : label; /* the file name, not its folders */
    p->last_permille = -1;
}

void sky_cli_progress_update(sky_cli_progress_t *p, uint64_t done, uint64_t total)
{
    if (!p->active || total == 0)
        return;
    int permille = (int)(done >= total ? 1000 : done * 1000 / total);
    if (permille / 5 == p->last_permille / 5)
        return;
    p->last_permille = permille;
    const int width = 40;
    int fill = permille * width / 1000;
    fprintf(stderr, "\r%-24.24s [", p->label);
    for (int i = 0; i < width; i++)
        fputc(i < fill ? '#' : ' ', stderr);
    fprintf(stderr, "] %3d%%", permille / 10);
    fflush(stderr);
}

void sky_cli_progress_end(sky_cli_progress_t *p)
{
    if (p->active && p->last_permille >= 0)
        fprintf(stderr, "\r%*s\r", 80, "");
    p->active = false;
}

int sky_cli_out_open(sky_cli_out_t *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        return 0;
    }
    size_t n = strlen(path) + 16;
    o->path = strdup(path);
    o->tmp = malloc(n);
    if (!o->path || !o->tmp) {
        sky_cli_out_abort(o);
        return -1;
    }
    snprintf(o->tmp, n, "%s.tmp%ld", path, (long)getpid());
    o->f = fopen(o->tmp, "wb");
    if (!o->f) {
        fprintf(stderr, "skyfix: cannot write %s: %s\n", o->tmp, strerror(errno));
        sky_cli_out_abort(o);
        return -1;
    }
    return 0;
}

int sky_cli_out_commit(sky_cli_out_t *o)
{
    if (o->f == stdout) {
        int rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
        o->f = NULL;
        return rc;
    }
    int bad = ferror(o->f);
    bad |= fclose(o->f) != 0;
    o->f = NULL;
    if (!bad && rename(o->tmp, o->path) == 0) {
        free(o->tmp);
        free(o->path);
        o->tmp = o->path = NULL;
        return 0;
    }
    fprintf(stderr, "skyfix: cannot write %s: %s\n", o->path, strerror(errno));
    sky_cli_out_abort(o);
    return -1;
}

void sky_cli_out_abort(sky_cli_out_t *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}
