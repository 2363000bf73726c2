/* cr-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cr-text.h"

/* Spaces as they come out of web pages and office documents: Unicode
 * white space (which includes the ideographic space U+3000 and the
 * no-break space), plus the invisible zero-width space and byte-order
 * mark that copying from browsers leaves behind. */
static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

/* Returns a copy of @text that is valid UTF-8: invalid bytes become U+FFFD,
 * so that a stray byte is reported as a bad character rather than crashing
 * or truncating the input. */
static char *
valid_copy (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  return g_utf8_make_valid (text, -1);
}

/**
 * cr_text_fold_width:
 * @text: (nullable): UTF-8 text
 *
 * Folds full-width ASCII variants (U+FF01–U+FF5E: “Ａ”, “１”, “：”, “（”)
 * to ASCII and the ideographic space to a plain space. Everything else,
 * including CJK punctuation such as 〔〕 and 、, is kept.
 *
 * Returns: (transfer full): the folded text
 */
char *
cr_text_fold_width (const char *text)
{
  g_autofree char *valid = valid_copy (text);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      else if (c == 0x3000)
        c = ' ';

      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * cr_text_strip:
 * @text: (nullable): UTF-8 text
 *
 * Removes leading and trailing white space, including ideographic spaces,
 * no-break spaces, zero-width spaces and byte-order marks.
 *
 * Returns: (transfer full): the stripped text
 */
char *
cr_text_strip (const char *text)
{
  g_autofree char *valid = valid_copy (text);
  const char *start = valid;
  const char *end = valid + strlen (valid);

  while (*start != '\0' && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/**
 * cr_text_remove_spaces:
 * @text: (nullable): UTF-8 text
 *
 * Removes every space, as cr_text_strip() understands spaces.
 *
 * Returns: (transfer full): the text without spaces
 */
char *
cr_text_remove_spaces (const char *text)
{
  g_autofree char *valid = valid_copy (text);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_space (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static GRegex *
loose_date_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* 2025-03-10, 2025/3/10, 2025.3.10 (one separator used twice),
       * 2025年3月10日 and 20250310; a time of day after the date, as some
       * exports add, is ignored. */
      GRegex *r = g_regex_new ("^(?:(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})"
                               "|(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?"
                               "|(\\d{4})(\\d{2})(\\d{2}))"
                               "(?:[\\sT]+\\d{1,2}:\\d{2}(?::\\d{2})?)?$",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

static int
match_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  if (text == NULL || *text == '\0')
    return -1;

  return (int) g_ascii_strtoll (text, NULL, 10);
}

/**
 * cr_text_parse_loose_date:
 * @text: (nullable): a date as people and spreadsheets write it
 * @date: (out caller-allocates): the date
 *
 * Understands 2025-03-10, 2025-3-10, 2025/03/10, 2025.3.10, 2025年3月10日,
 * 20250310 (with full-width digits too) and refuses days that are not in
 * the calendar, such as 2025-02-30.
 *
 * Returns: whether @text is a real calendar date
 */
gboolean
cr_text_parse_loose_date (const char *text,
                          GDate      *date)
{
  g_autofree char *folded = cr_text_fold_width (text);
  g_autofree char *stripped = cr_text_strip (folded);
  g_autoptr(GMatchInfo) match = NULL;
  int year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (!g_regex_match (loose_date_regex (), stripped, 0, &match))
    return FALSE;

  /* Exactly one of the three alternatives matched. */
  if ((year = match_int (match, 1)) > 0)
    {
      month = match_int (match, 3);
      day = match_int (match, 4);
    }
  else if ((year = match_int (match, 5)) > 0)
    {
      month = match_int (match, 6);
      day = match_int (match, 7);
    }
  else
    {
      year = match_int (match, 8);
      month = match_int (match, 9);
      day = match_int (match, 10);
    }

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}
