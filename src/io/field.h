/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix internal: fixed-column field parsing for text formats (RINEX, SP3, ...).
 * Columns are 0-based; a field that runs past the end of the line is read as far as the
 * line goes (RINEX writers drop trailing blanks). */
#ifndef SKY_IO_FIELD_H
#define SKY_IO_FIELD_H

#include <stddef.h>
#include <stdint.h>

#include "skyfix/error.h"

typedef enum {
    SKY__FIELD_OK = 0,
    SKY__FIELD_BLANK = 1,   /* only blanks (or past the end of the line) */
    SKY__FIELD_BAD = -1     /* not a number */
} sky__field_rc_t;

/* Number in columns [col, col+width): "  -12.345", "0.1234D+05", "-.5E-3", "1.0d0". */
sky__field_rc_t sky__field_double(const char *line, size_t len, size_t col, size_t width,
                                  double *out);
/* Integer in columns [col, col+width). */
sky__field_rc_t sky__field_int(const char *line, size_t len, size_t col, size_t width,
                               long *out);
/* Copy columns [col, col+width) to dst (cap bytes), leading and trailing blanks removed. */
void sky__field_str(const char *line, size_t len, size_t col, size_t width, char *dst,
                    size_t cap);
/* Parse a number from a NUL-free span [s, s+n) (blanks around allowed). */
sky__field_rc_t sky__parse_double(const char *s, size_t n, double *out);
/* Does columns [60, 80) of the line start with label? (RINEX header label check) */
int sky__rinex_label_is(const char *line, size_t len, const char *label);

#endif
