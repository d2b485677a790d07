/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: the command. Dispatches to cmd_<name>.c; the only code that prints or exits. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "skyfix/skyfix.h"

static const sky_cli_cmd_t commands[] = {
    {"info", sky_cmd_info, "what a RINEX file holds, at a glance (--json for programs)"},
    {"convert", sky_cmd_convert, "Hatanaka or compressed RINEX to plain RINEX"},
    {"spp", sky_cmd_spp, "single point positioning from pseudoranges and broadcast orbits"},
    {"simulate", sky_cmd_simulate, "RINEX observations of a static receiver from broadcast orbits"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: skyfix <command> [options] FILE...\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n'skyfix <command> --help' describes each command. skyfix %s\n",
            SKYFIX_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("skyfix %s\n", SKYFIX_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "skyfix: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
