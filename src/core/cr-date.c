/* cr-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thin helpers over GDate: strict YYYY-MM-DD in and out, and the "same day
 * N months later, clamped to the month's last day" rule the regulations use.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-date.h"

G_DEFINE_QUARK (cr-date-error-quark, cr_date_error)

static int
digits (const char *p,
        guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

/**
 * cr_date_parse:
 * @text: a date written YYYY-MM-DD
 * @date: (out caller-allocates): the parsed date
 *
 * Accepts only real calendar dates: 2025-02-30 is refused.
 */
gboolean
cr_date_parse (const char  *text,
               GDate       *date,
               GError     **error)
{
  int year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      (year = digits (text, 4)) < 0 || (month = digits (text + 5, 2)) < 0 ||
      (day = digits (text + 8, 2)) < 0)
    {
      g_set_error (error, CR_DATE_ERROR, CR_DATE_ERROR_INVALID,
                   _("“%s” is not a date written as YYYY-MM-DD"), text ? text : "");
      return FALSE;
    }

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, CR_DATE_ERROR, CR_DATE_ERROR_INVALID,
                   _("%s is not a date in the calendar"), text);
      return FALSE;
    }

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * cr_date_format:
 *
 * Returns: (transfer full): @date as YYYY-MM-DD.
 */
char *
cr_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * cr_date_add_months:
 *
 * Moves @date @months months later, to the same day of the month, clamped
 * to the last day of the target month (2023-11-30 + 3 = 2024-02-29).
 * GDate already clamps this way.
 */
void
cr_date_add_months (GDate *date,
                    guint  months)
{
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_date_add_months (date, months);
}

/**
 * cr_date_set_today:
 *
 * Sets @date to today's date in the local time zone.
 */
void
cr_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}
