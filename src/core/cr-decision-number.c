/* cr-decision-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 行政处罚决定书文号 per GB/T 9704-2012 §7.2.5 and the variants seen in
 * practice (credit-repair-rules.md §7): organ abbreviation, the year in
 * 〔〕, the sequence number, 号. The text is first normalised (widths,
 * bracket spellings, spaces), then matched with one tolerant regular
 * expression.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-decision-number.h"
#include "cr-text.h"

typedef enum
{
  REGEX_YEAR_BRACKETS,
  REGEX_DASHES,
  REGEX_NUMBER,
  N_REGEXES,
} RegexId;

static const char * const regex_patterns[N_REGEXES] = {
  /* Any opening and closing bracket around a year becomes 〔〕: people type
   * [], (), （）, 【】, ［］, ﹝﹞, 〖〗 and 「」 for the hexagonal brackets.
   * (Full-width forms are already folded to ASCII here.) */
  [REGEX_YEAR_BRACKETS] =
    "[\\[(【〔﹝〖「]\\s*((?:19|20)[0-9]{2})\\s*[\\])】〕﹞〗」]",
  /* Dashes in a number range (104–116, 104—116, 104~116). */
  [REGEX_DASHES] = "(?<=[0-9])\\s*[‐‑‒–—―~〜～]\\s*(?=[0-9])",
  /* The tolerant pattern of the reference, after normalisation: an
   * optional parenthesised region prefix, the organ abbreviation (which
   * may contain parentheses itself, as in 顺（一）消行罚决字), the year, an
   * optional 第, a number or range, 号. */
  [REGEX_NUMBER] =
    "^(?:（([^（）]{1,8})）)?"
    "((?:[\\x{4e00}-\\x{9fa5}A-Za-z]|（[^（）〔〕]{1,8}）){1,20})"
    "〔((?:19|20)[0-9]{2})〕"
    "(第)?"
    "([0-9]{1,8}(?:-[0-9]{1,8})?)"
    "号$",
};

static GRegex *
get_regex (RegexId id)
{
  static GRegex *regexes[N_REGEXES];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < N_REGEXES; i++)
        {
          g_autoptr(GError) error = NULL;

          regexes[i] = g_regex_new (regex_patterns[i], G_REGEX_OPTIMIZE, 0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&initialised, 1);
    }

  return regexes[id];
}

/**
 * cr_decision_number_normalize:
 * @text: (nullable): a decision number as written
 *
 * Folds full-width digits and letters to ASCII, writes the brackets around
 * the year as 〔〕 and other parentheses as full-width （）, writes range
 * dashes as "-" and removes all white space, so that two spellings of the
 * same number compare equal.
 *
 * Returns: (transfer full): the normalised text
 */
char *
cr_decision_number_normalize (const char *text)
{
  g_autofree char *folded = cr_text_fold_width (text);
  g_autofree char *years = NULL;
  g_autofree char *dashes = NULL;
  g_autofree char *spaceless = NULL;
  GString *out;

  years = g_regex_replace (get_regex (REGEX_YEAR_BRACKETS), folded, -1, 0, "〔\\1〕", 0, NULL);
  dashes = g_regex_replace_literal (get_regex (REGEX_DASHES), years, -1, 0, "-", 0, NULL);
  spaceless = cr_text_remove_spaces (dashes);

  /* The remaining parentheses (region prefixes, 顺(一)) in one spelling. */
  out = g_string_sized_new (strlen (spaceless));
  for (const char *p = spaceless; *p != '\0'; p++)
    {
      if (*p == '(')
        g_string_append (out, "（");
      else if (*p == ')')
        g_string_append (out, "）");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_leading_zero (const char *sequence)
{
  const char *dash = strchr (sequence, '-');

  return (sequence[0] == '0' && g_ascii_isdigit (sequence[1])) ||
         (dash != NULL && dash[1] == '0' && g_ascii_isdigit (dash[2]));
}

/**
 * cr_decision_number_parse:
 * @text: (nullable): the decision number as written
 * @decision_year: the year of the decision date, or 0 if unknown
 * @pointer: (nullable): JSON pointer for the problems
 * @problems: (nullable) (element-type CrProblem): where problems are added
 *
 * Parses @text tolerantly. 第 and leading zeros are accepted with a
 * warning, since they appear in real decisions although GB/T 9704 does not
 * use them; a year after @decision_year is an error, since a decision
 * cannot be numbered in a later year than it was made.
 *
 * Returns: (transfer full) (nullable): the parts of the number, or NULL
 * (with a warning) if @text does not look like a decision number
 */
CrDecisionNumber *
cr_decision_number_parse (const char *text,
                          int         decision_year,
                          const char *pointer,
                          GPtrArray  *problems)
{
  g_autofree char *normalized = cr_decision_number_normalize (text);
  g_autoptr(GMatchInfo) match = NULL;
  CrDecisionNumber *number;
  g_autofree char *year = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *di = NULL;

  if (!g_regex_match (get_regex (REGEX_NUMBER), normalized, 0, &match))
    {
      if (problems != NULL)
        {
          g_autofree char *shown = cr_text_strip (text);

          cr_problem_list_add (problems, CR_SEVERITY_WARNING, "decision-number-unrecognised",
                               pointer,
                               _("“%s” is not a recognised decision number (expected "
                                 "something like 锡惠市监处罚〔2025〕123号)"),
                               shown);
        }
      return NULL;
    }

  number = g_new0 (CrDecisionNumber, 1);
  prefix = g_match_info_fetch (match, 1);
  number->prefix = *prefix != '\0' ? g_steal_pointer (&prefix) : NULL;
  number->organ = g_match_info_fetch (match, 2);
  year = g_match_info_fetch (match, 3);
  number->year = (int) g_ascii_strtoll (year, NULL, 10);
  di = g_match_info_fetch (match, 4);
  number->has_di = *di != '\0';
  number->sequence = g_match_info_fetch (match, 5);
  number->leading_zero = has_leading_zero (number->sequence);
  number->normalized = g_steal_pointer (&normalized);

  if (problems != NULL)
    {
      if (number->has_di)
        cr_problem_list_add (problems, CR_SEVERITY_WARNING, "decision-number-di", pointer,
                             _("The decision number %s is written with “第” before the "
                               "sequence number; make sure every document spells it the "
                               "same way"),
                             number->normalized);
      if (number->leading_zero)
        cr_problem_list_add (problems, CR_SEVERITY_WARNING, "decision-number-leading-zero",
                             pointer,
                             _("The sequence number %s of the decision number %s has "
                               "leading zeros; make sure every document spells it the same "
                               "way"),
                             number->sequence, number->normalized);
      if (decision_year > 0 && number->year > decision_year)
        cr_problem_list_add (problems, CR_SEVERITY_ERROR, "decision-number-year-after-decision",
                             pointer,
                             _("The decision number %s carries the year %d, after the "
                               "decision date's year %d"),
                             number->normalized, number->year, decision_year);
    }

  return number;
}

void
cr_decision_number_free (CrDecisionNumber *number)
{
  if (number == NULL)
    return;

  g_free (number->normalized);
  g_free (number->prefix);
  g_free (number->organ);
  g_free (number->sequence);
  g_free (number);
}
