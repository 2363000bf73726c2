/* cr-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cr-problem.h"

static const char * const severity_names[] = { "info", "warning", "error" };

const char *
cr_severity_to_string (CrSeverity severity)
{
  g_return_val_if_fail (severity <= CR_SEVERITY_ERROR, NULL);

  return severity_names[severity];
}

gboolean
cr_severity_from_string (const char *text,
                         CrSeverity *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    {
      if (g_strcmp0 (text, severity_names[i]) == 0)
        {
          *out = (CrSeverity) i;
          return TRUE;
        }
    }

  return FALSE;
}

static CrProblem *problem_new_valist (CrSeverity  severity,
                                      const char *code,
                                      const char *pointer,
                                      const char *format,
                                      va_list     args) G_GNUC_PRINTF (4, 0);

static CrProblem *
problem_new_valist (CrSeverity  severity,
                    const char *code,
                    const char *pointer,
                    const char *format,
                    va_list     args)
{
  CrProblem *problem = g_new0 (CrProblem, 1);

  problem->severity = severity;
  problem->code = g_strdup (code);
  problem->pointer = g_strdup (pointer);
  problem->message = g_strdup_vprintf (format, args);

  return problem;
}

/**
 * cr_problem_new:
 * @pointer: (nullable): JSON pointer of the field concerned
 * @format: printf-style message, already translated
 */
CrProblem *
cr_problem_new (CrSeverity  severity,
                const char *code,
                const char *pointer,
                const char *format,
                ...)
{
  CrProblem *problem;
  va_list args;

  va_start (args, format);
  problem = problem_new_valist (severity, code, pointer, format, args);
  va_end (args);

  return problem;
}

CrProblem *
cr_problem_copy (const CrProblem *problem)
{
  CrProblem *copy = g_new0 (CrProblem, 1);

  copy->severity = problem->severity;
  copy->code = g_strdup (problem->code);
  copy->pointer = g_strdup (problem->pointer);
  copy->message = g_strdup (problem->message);

  return copy;
}

void
cr_problem_free (CrProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->code);
  g_free (problem->pointer);
  g_free (problem->message);
  g_free (problem);
}

/**
 * cr_problem_list_new:
 *
 * Returns: (transfer full) (element-type CrProblem): an empty list that
 * frees its problems.
 */
GPtrArray *
cr_problem_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cr_problem_free);
}

void
cr_problem_list_add (GPtrArray  *list,
                     CrSeverity  severity,
                     const char *code,
                     const char *pointer,
                     const char *format,
                     ...)
{
  va_list args;

  g_return_if_fail (list != NULL);

  va_start (args, format);
  g_ptr_array_add (list, problem_new_valist (severity, code, pointer, format, args));
  va_end (args);
}

gboolean
cr_problem_list_has_errors (GPtrArray *list)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (list, i);

      if (problem->severity == CR_SEVERITY_ERROR)
        return TRUE;
    }

  return FALSE;
}
