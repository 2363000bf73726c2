/* cr-decision-number.h: 行政处罚决定书文号, parsed tolerantly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * API contract (implementation: cr-decision-number.c). See
 * ../shared/reference/credit-repair-rules.md §7 for the conventions.
 */

#pragma once

#include <glib.h>

#include "cr-problem.h"

G_BEGIN_DECLS

typedef struct
{
  char   *normalized;   /* brackets as 〔〕, digits ASCII, whitespace removed */
  char   *prefix;       /* parenthesised region prefix such as "杭临", or NULL */
  char   *organ;        /* organ abbreviation (机关代字), e.g. "锡惠市监处罚" */
  int     year;         /* the 〔year〕 */
  char   *sequence;     /* "123", or a range such as "104-116", as written */
  guint   has_di : 1;   /* written with 第 */
  guint   leading_zero : 1;
} CrDecisionNumber;

/* Parses @text. Returns NULL when it cannot be understood at all; problems
 * (warnings for 第 and leading zeros, an error for a year after
 * @decision_year when that is > 0, a warning when unparseable) are appended
 * to @problems with JSON pointer @pointer when @problems is not NULL. */
CrDecisionNumber *cr_decision_number_parse (const char       *text,
                                            int               decision_year,
                                            const char       *pointer,
                                            GPtrArray        *problems);
void              cr_decision_number_free  (CrDecisionNumber *number);

/* Normalises brackets, digits and whitespace only, so that two spellings of
 * the same number compare equal. */
char             *cr_decision_number_normalize (const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrDecisionNumber, cr_decision_number_free)

G_END_DECLS
