/* cr-problem.h: a structured validation problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validators, the case reader and the checker all report what is wrong as
 * CrProblem values: a severity, a stable machine-readable code, the JSON
 * pointer of the field concerned (or NULL) and a message in the UI language.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CR_SEVERITY_INFO,
  CR_SEVERITY_WARNING,
  CR_SEVERITY_ERROR,
} CrSeverity;

typedef struct
{
  CrSeverity  severity;
  char       *code;     /* stable id, e.g. "uscc-check-character" */
  char       *pointer;  /* JSON pointer such as "/records/0/decision_date", or NULL */
  char       *message;  /* in the user's language */
} CrProblem;

const char *cr_severity_to_string   (CrSeverity        severity);
gboolean    cr_severity_from_string (const char       *text,
                                     CrSeverity       *out);

CrProblem  *cr_problem_new          (CrSeverity        severity,
                                     const char       *code,
                                     const char       *pointer,
                                     const char       *format,
                                     ...) G_GNUC_PRINTF (4, 5);
CrProblem  *cr_problem_copy         (const CrProblem  *problem);
void        cr_problem_free         (CrProblem        *problem);

GPtrArray  *cr_problem_list_new     (void);
void        cr_problem_list_add     (GPtrArray        *list,
                                     CrSeverity        severity,
                                     const char       *code,
                                     const char       *pointer,
                                     const char       *format,
                                     ...) G_GNUC_PRINTF (5, 6);
gboolean    cr_problem_list_has_errors (GPtrArray     *list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrProblem, cr_problem_free)

G_END_DECLS
