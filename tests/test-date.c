/* test-date.c: strict calendar dates and month arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cr-date.h"

static void
test_parse_valid (void)
{
  static const char *valid[] = { "2025-03-10", "2024-02-29", "2000-02-29", "1999-12-31" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      GDate date;

      g_assert_true (cr_date_parse (valid[i], &date, &error));
      g_assert_no_error (error);
      back = cr_date_format (&date);
      g_assert_cmpstr (back, ==, valid[i]);
    }
}

static void
test_parse_invalid (void)
{
  static const char *invalid[] = {
    "2025-02-30", "2023-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31",
    "0000-01-01", "2025-3-10", "2025/03/10", "20250310", "2025-03-10T00:00", " 2025-03-10",
    "２０２５-03-10", "", "yyyy-mm-dd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_false (cr_date_parse (invalid[i], &date, &error));
      g_assert_error (error, CR_DATE_ERROR, CR_DATE_ERROR_INVALID);
      g_assert_false (g_date_valid (&date));
    }
}

static void
test_add_months_clamped (void)
{
  static const struct { const char *from; guint months; const char *to; } cases[] = {
    { "2023-11-30", 3, "2024-02-29" },
    { "2024-08-31", 6, "2025-02-28" },
    { "2025-03-10", 3, "2025-06-10" },
    { "2025-03-31", 1, "2025-04-30" },
    { "2025-01-31", 12, "2026-01-31" },
    { "2024-02-29", 12, "2025-02-28" },
    { "2024-02-29", 36, "2027-02-28" },
    { "2025-12-15", 3, "2026-03-15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = NULL;
      GDate date;

      g_assert_true (cr_date_parse (cases[i].from, &date, NULL));
      cr_date_add_months (&date, cases[i].months);
      result = cr_date_format (&date);
      g_assert_cmpstr (result, ==, cases[i].to);
    }
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  cr_date_set_today (&today);
  g_assert_true (g_date_valid (&today));
  g_assert_cmpint (g_date_get_year (&today), ==, g_date_time_get_year (now));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/add-months-clamped", test_add_months_clamped);
  g_test_add_func ("/date/today", test_today);

  return g_test_run ();
}
