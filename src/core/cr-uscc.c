/* cr-uscc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 统一社会信用代码 per GB 32100-2015, with the embedded organisation code
 * per GB 11714-1997. See credit-repair-rules.md §6 for the sources.
 *
 * The registration-authority/category table covers the authorities for
 * which the reference lists the categories (1 编制, 5 民政, 9 工商, Y 其他).
 * For the other authorities (2, 3, 4, 6, 7, 8, A, N) the reference gives no
 * list, so any category 1–9 is accepted: refusing a real code would be worse
 * than letting a rare wrong category through, and both check characters are
 * still verified.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-text.h"
#include "cr-uscc.h"

G_DEFINE_QUARK (cr-uscc-error-quark, cr_uscc_error)

#define USCC_LENGTH 18

/* The GB 32100 alphabet in value order: 0–9, then the letters without
 * I, O, S, V and Z. A character's value is its index. */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* 3^(i−1) mod 31 for i = 1..17. */
static const int weights_32100[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
};

static const int weights_11714[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

static const struct
{
  char        authority;
  const char *categories;
} category_table[] = {
  { '1', "1239" },  /* 机关, 事业单位, 群团, other */
  { '5', "1239" },  /* 社会团体, 民办非企业, 基金会, other */
  { '9', "123" },   /* enterprise, 个体工商户, 农民专业合作社 */
  { 'Y', "1" },
};

static const char authorities[] = "123456789ANY";

static int
value_32100 (char c)
{
  const char *p;

  if (c == '\0')
    return -1;

  p = strchr (alphabet, c);
  return p != NULL ? (int) (p - alphabet) : -1;
}

static int
value_11714 (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return -1;
}

/**
 * cr_uscc_compute_check_character:
 * @first17: the first 17 characters of a code (more are ignored)
 *
 * Returns: the GB 32100 check character, or 0 if @first17 is shorter than
 * 17 characters or contains a character outside the alphabet
 */
char
cr_uscc_compute_check_character (const char *first17)
{
  int sum = 0;
  int check;

  g_return_val_if_fail (first17 != NULL, 0);

  for (guint i = 0; i < 17; i++)
    {
      int value = value_32100 (first17[i]);

      if (value < 0)
        return 0;
      sum += value * weights_32100[i];
    }

  check = 31 - sum % 31;
  if (check == 31)
    check = 0;

  return alphabet[check];
}

/**
 * cr_uscc_compute_organisation_check_character:
 * @body8: the 8 body characters of an organisation code (more are ignored)
 *
 * Returns: the GB 11714 check character ('0'–'9' or 'X'), or 0 if @body8 is
 * shorter than 8 characters or contains a character outside 0-9 A-Z
 */
char
cr_uscc_compute_organisation_check_character (const char *body8)
{
  int sum = 0;
  int check;

  g_return_val_if_fail (body8 != NULL, 0);

  for (guint i = 0; i < 8; i++)
    {
      int value = value_11714 (body8[i]);

      if (value < 0)
        return 0;
      sum += value * weights_11714[i];
    }

  check = 11 - sum % 11;
  if (check == 10)
    return 'X';
  if (check == 11)
    return '0';

  return (char) ('0' + check);
}

/**
 * cr_uscc_normalize:
 * @input: (nullable): a code as the user typed or pasted it
 *
 * Returns: (transfer full): @input trimmed, with full-width letters and
 * digits folded to ASCII and ASCII letters upper-cased
 */
char *
cr_uscc_normalize (const char *input)
{
  g_autofree char *folded = cr_text_fold_width (input);
  g_autofree char *stripped = cr_text_strip (folded);

  return g_ascii_strup (stripped, -1);
}

static const char *
allowed_categories (char authority)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_table); i++)
    {
      if (category_table[i].authority == authority)
        return category_table[i].categories;
    }

  return "123456789";
}

/* "1, 2, 3" for the message about position 2. */
static char *
list_characters (const char *chars)
{
  GString *out = g_string_new (NULL);

  for (const char *p = chars; *p != '\0'; p++)
    {
      if (p != chars)
        g_string_append (out, ", ");
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * cr_uscc_normalize_and_validate:
 * @input: (nullable): a code as the user typed or pasted it
 * @error: return location for a #CR_USCC_ERROR
 *
 * Normalises @input as cr_uscc_normalize() does and checks, in this order:
 * length, alphabet, registration-authority code (position 1), category
 * (position 2), region code (positions 3–8), the GB 11714 check character
 * (position 17) and the GB 32100 check character (position 18). Whatever
 * stands at position 18, even a character outside the alphabet, is reported
 * as %CR_USCC_ERROR_CHECK_CHARACTER with the character that belongs there.
 *
 * Returns: (transfer full) (nullable): the normalised code, or NULL
 */
char *
cr_uscc_normalize_and_validate (const char  *input,
                                GError     **error)
{
  g_autofree char *code = cr_uscc_normalize (input);
  glong length;
  const char *categories;
  char expected;

  if (*code == '\0')
    {
      g_set_error_literal (error, CR_USCC_ERROR, CR_USCC_ERROR_EMPTY,
                           _("The unified social credit code is empty"));
      return NULL;
    }

  length = g_utf8_strlen (code, -1);
  if (length != USCC_LENGTH)
    {
      g_set_error (error, CR_USCC_ERROR, CR_USCC_ERROR_LENGTH,
                   _("The code has %ld characters; a unified social credit code has 18"),
                   length);
      return NULL;
    }

  /* Now that the length is right, any non-ASCII character also shows up as
   * a byte outside the alphabet; report it by character position. Position
   * 18 is left to the check-character test below: whatever is there, the
   * useful message is which character belongs there. */
  {
    const char *p = code;

    for (int position = 1; position < USCC_LENGTH; position++, p = g_utf8_next_char (p))
      {
        if (value_32100 (*p) < 0)
          {
            g_autofree char *bad = g_strndup (p, g_utf8_next_char (p) - p);

            g_set_error (error, CR_USCC_ERROR, CR_USCC_ERROR_CHARACTER,
                         _("Position %d is “%s”: only digits and the capital letters "
                           "A–Y without I, O, S, V and Z may appear"),
                         position, bad);
            return NULL;
          }
      }
  }

  if (strchr (authorities, code[0]) == NULL)
    {
      g_set_error (error, CR_USCC_ERROR, CR_USCC_ERROR_AUTHORITY,
                   _("Position 1 is “%c”, which is not a registration-authority code "
                     "(1–9, A, N or Y)"),
                   code[0]);
      return NULL;
    }

  categories = allowed_categories (code[0]);
  if (strchr (categories, code[1]) == NULL)
    {
      g_autofree char *list = list_characters (categories);

      g_set_error (error, CR_USCC_ERROR, CR_USCC_ERROR_CATEGORY,
                   _("Position 2 is “%c”, which is not an entity category of registration "
                     "authority “%c” (allowed: %s)"),
                   code[1], code[0], list);
      return NULL;
    }

  for (int i = 2; i < 8; i++)
    {
      if (!g_ascii_isdigit (code[i]))
        {
          g_set_error (error, CR_USCC_ERROR, CR_USCC_ERROR_REGION,
                       _("Position %d is “%c”, but positions 3–8 (the region code) must be "
                         "digits"),
                       i + 1, code[i]);
          return NULL;
        }
    }

  expected = cr_uscc_compute_organisation_check_character (code + 8);
  g_assert (expected != 0);
  if (code[16] != expected)
    {
      g_set_error (error, CR_USCC_ERROR, CR_USCC_ERROR_ORGANISATION_CODE,
                   _("Position 17 is “%c”, but the check character of the organisation "
                     "code (positions 9–17) should be “%c”"),
                   code[16], expected);
      return NULL;
    }

  expected = cr_uscc_compute_check_character (code);
  g_assert (expected != 0);
  if (code[17] != expected || code[18] != '\0')
    {
      /* Positions 1–17 are ASCII, so the 18th character starts at byte 17
       * and may be a multi-byte one. */
      g_set_error (error, CR_USCC_ERROR, CR_USCC_ERROR_CHECK_CHARACTER,
                   _("Position 18 is “%s”, but the check character should be “%c”"),
                   code + 17, expected);
      return NULL;
    }

  return g_steal_pointer (&code);
}

/**
 * cr_uscc_is_valid:
 * @input: (nullable): a code
 *
 * Returns: whether cr_uscc_normalize_and_validate() accepts @input
 */
gboolean
cr_uscc_is_valid (const char *input)
{
  g_autofree char *code = cr_uscc_normalize_and_validate (input, NULL);

  return code != NULL;
}
