/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include "cli.h"
int sky_cmd_convert(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "not yet\n"); return 2; }
