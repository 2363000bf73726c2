/* cr-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money never passes through floating point: "1234.50" is 123450 fen.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-money.h"

G_DEFINE_QUARK (cr-money-error-quark, cr_money_error)

/**
 * cr_money_parse:
 * @text: a decimal amount in yuan, such as "5000" or "1234.50"
 * @fen: (out): the amount in fen
 *
 * Parses the interchange format's money: ASCII digits, optionally a point
 * and one or two decimals; no sign, no exponent, no separators.
 */
gboolean
cr_money_parse (const char  *text,
                gint64      *fen,
                GError     **error)
{
  const char *p = text;
  gint64 yuan = 0;
  gint64 cents = 0;
  guint int_digits = 0;
  guint frac_digits = 0;

  g_return_val_if_fail (fen != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_INVALID, _("The amount is empty"));
      return FALSE;
    }

  for (; g_ascii_isdigit (*p); p++, int_digits++)
    {
      yuan = yuan * 10 + (*p - '0');
      if (yuan * 100 > CR_MONEY_MAX_FEN)
        {
          g_set_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_TOO_LARGE,
                       _("The amount “%s” is too large"), text);
          return FALSE;
        }
    }

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, frac_digits++)
        {
          if (frac_digits < 2)
            cents = cents * 10 + (*p - '0');
        }
      if (frac_digits == 1)
        cents *= 10;
    }

  if (*p != '\0' || int_digits == 0 || (p[-1] == '.') || frac_digits > 2)
    {
      g_set_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_INVALID,
                   _("“%s” is not an amount in yuan (write it like 5000 or 1234.50)"), text);
      return FALSE;
    }

  *fen = yuan * 100 + cents;
  if (*fen > CR_MONEY_MAX_FEN)
    {
      g_set_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_TOO_LARGE,
                   _("The amount “%s” is too large"), text);
      return FALSE;
    }

  return TRUE;
}

/**
 * cr_money_format:
 *
 * Returns: (transfer full): @fen as the interchange format writes it:
 * whole yuan without decimals ("5000"), otherwise two decimals ("1234.50").
 */
char *
cr_money_format (gint64 fen)
{
  g_return_val_if_fail (fen >= 0, NULL);

  if (fen % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, fen / 100);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}
