/* test-text.c: width folding, stripping and loose dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cr-date.h"
#include "cr-text.h"

static void
test_fold_width (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "９１３２ＡＢｃｄ", "9132ABcd" },
    { "罚款金额（万元）：０.５", "罚款金额(万元):0.5" },
    { "a\u3000b", "a b" },
    { "〔2025〕、；", "〔2025〕、;" },  /* 〔〕 and 、 are not full-width ASCII */
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cr_text_fold_width (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  {
    g_autofree char *null_out = cr_text_fold_width (NULL);
    g_autofree char *invalid = cr_text_fold_width ("a\xff" "b");

    g_assert_cmpstr (null_out, ==, "");
    g_assert_cmpstr (invalid, ==, "a\xef\xbf\xbd" "b");
  }
}

static void
test_strip (void)
{
  static const struct { const char *in; const char *stripped; const char *spaceless; } cases[] = {
    { "  a b  ", "a b", "ab" },
    { "\u3000\u3000无锡\u3000市\u3000", "无锡\u3000市", "无锡市" },
    { "\u200b\ufeff\u00a0x\t\r\n", "x", "x" },
    { " \t ", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stripped = cr_text_strip (cases[i].in);
      g_autofree char *spaceless = cr_text_remove_spaces (cases[i].in);

      g_assert_cmpstr (stripped, ==, cases[i].stripped);
      g_assert_cmpstr (spaceless, ==, cases[i].spaceless);
    }
}

static void
test_loose_dates (void)
{
  static const struct { const char *in; const char *out; } valid[] = {
    { "2025-03-10", "2025-03-10" },
    { "2025-3-1", "2025-03-01" },
    { "2025/03/10", "2025-03-10" },
    { "2025/3/10", "2025-03-10" },
    { "2025.3.10", "2025-03-10" },
    { "2025年3月10日", "2025-03-10" },
    { "2025 年 03 月 10 日", "2025-03-10" },
    { "2025年3月10", "2025-03-10" },
    { "２０２５年３月１０日", "2025-03-10" },
    { "20250310", "2025-03-10" },
    { " 2024-02-29 ", "2024-02-29" },
    { "2025-03-10 00:00:00", "2025-03-10" },
    { "2025/3/10 9:30", "2025-03-10" },
  };
  static const char * const invalid[] = {
    "", "2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "2025-3", "2025-03/10",
    "10/03/2025", "2025年", "March 10, 2025", "2025031", "202503100", "0000-01-01",
    "2025-03-10x", NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      GDate date;
      g_autofree char *out = NULL;

      if (!cr_text_parse_loose_date (valid[i].in, &date))
        g_error ("“%s” was refused", valid[i].in);
      out = cr_date_format (&date);
      g_assert_cmpstr (out, ==, valid[i].out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      GDate date;

      if (cr_text_parse_loose_date (invalid[i], &date))
        g_error ("“%s” was accepted", invalid[i]);
      g_assert_false (g_date_valid (&date));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold-width", test_fold_width);
  g_test_add_func ("/text/strip", test_strip);
  g_test_add_func ("/text/loose-dates", test_loose_dates);

  return g_test_run ();
}
