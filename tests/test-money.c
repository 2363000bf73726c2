/* test-money.c: exact yuan amounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cr-money.h"

static void
test_parse_valid (void)
{
  static const struct { const char *text; gint64 fen; } cases[] = {
    { "0", 0 },
    { "5000", 500000 },
    { "1234.50", 123450 },
    { "1234.5", 123450 },
    { "0.01", 1 },
    { "0.1", 10 },
    { "200.00", 20000 },
    { "007", 700 },
    { "10000000000000", G_GINT64_CONSTANT (1000000000000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      g_assert_true (cr_money_parse (cases[i].text, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, cases[i].fen);
    }
}

static void
test_parse_invalid (void)
{
  static const char *invalid[] = {
    "", "-5", "+5", "5.", ".5", "5.001", "1e3", "5,000", "５０００", " 5", "5 ", "5元",
    "0x10", "NaN", "1.2.3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      g_assert_false (cr_money_parse (invalid[i], &fen, &error));
      g_assert_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_INVALID);
      g_assert_cmpint (fen, ==, -1);
    }
}

static void
test_parse_too_large (void)
{
  g_autoptr(GError) error = NULL;
  gint64 fen = -1;

  g_assert_false (cr_money_parse ("10000000000000.01", &fen, &error));
  g_assert_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Would overflow a gint64 if accumulated naively. */
  g_assert_false (cr_money_parse ("99999999999999999999999", &fen, &error));
  g_assert_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_TOO_LARGE);
}

static void
test_format_round_trip (void)
{
  static const struct { gint64 fen; const char *text; } cases[] = {
    { 0, "0" },
    { 500000, "5000" },
    { 123450, "1234.50" },
    { 1, "0.01" },
    { 99, "0.99" },
    { 100, "1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cr_money_format (cases[i].fen);
      gint64 back = -1;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (cr_money_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, cases[i].fen);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/valid", test_parse_valid);
  g_test_add_func ("/money/parse/invalid", test_parse_invalid);
  g_test_add_func ("/money/parse/too-large", test_parse_too_large);
  g_test_add_func ("/money/format/round-trip", test_format_round_trip);

  return g_test_run ();
}
