/* cr-uscc.h: 统一社会信用代码 (unified social credit code) per GB 32100-2015
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * API contract (implementation: cr-uscc.c). The embedded organisation code
 * (positions 9–17) is checked per GB 11714-1997.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CR_USCC_ERROR (cr_uscc_error_quark ())

typedef enum
{
  CR_USCC_ERROR_EMPTY,
  CR_USCC_ERROR_LENGTH,            /* not 18 characters */
  CR_USCC_ERROR_CHARACTER,         /* a character outside 0-9 A-H J-N P-R T-U W-Y */
  CR_USCC_ERROR_REGION,            /* positions 3–8 are not digits */
  CR_USCC_ERROR_AUTHORITY,         /* position 1 is not a registration-authority code */
  CR_USCC_ERROR_CATEGORY,          /* position 2 is not a category of that authority */
  CR_USCC_ERROR_ORGANISATION_CODE, /* position 17 fails the GB 11714 check */
  CR_USCC_ERROR_CHECK_CHARACTER,   /* position 18 fails the GB 32100 check */
} CrUsccError;

GQuark   cr_uscc_error_quark            (void);

/* Trims and upper-cases @input (full-width letters and digits become ASCII)
 * and returns the normalised code, or NULL with @error saying what is wrong
 * (the message names the position and, for check characters, the expected
 * character). */
char    *cr_uscc_normalize_and_validate (const char  *input,
                                         GError     **error);
gboolean cr_uscc_is_valid               (const char  *input);

/* Only the normalisation of cr_uscc_normalize_and_validate(): trimmed,
 * full-width folded to ASCII, upper-cased. */
char    *cr_uscc_normalize              (const char  *input);

/* The GB 32100 check character for the first 17 characters, or 0 if they
 * contain a character outside the code's alphabet. */
char     cr_uscc_compute_check_character (const char *first17);

/* The GB 11714 check character (position 17 of the USCC) for the 8-character
 * organisation-code body at positions 9–16 (letters valued A=10 … Z=35), or 0
 * if they contain a character outside 0-9 A-Z. */
char     cr_uscc_compute_organisation_check_character (const char *body8);

G_END_DECLS
