/* test-damaged-input.c: the importers and validators on damaged input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text pasted from a web page and spreadsheets written by other programs
 * come in any shape. Known-good inputs (a Credit China record, the CSV
 * template, a case file) are damaged in thousands of ways (bytes cut,
 * changed, or separators and labels inserted), from fixed seeds so that a
 * failure can be replayed. Whatever the input, the parsers must return
 * (under the sanitizers in CI, without touching memory they should not),
 * and what they return must hold together: problems point into the
 * records, messages are UTF-8, a refused CSV or case says why.
 */

#include "config.h"

#include <string.h>

#include "cr-case.h"
#include "cr-csv-import.h"
#include "cr-date.h"
#include "cr-decision-number.h"
#include "cr-money.h"
#include "cr-paste-import.h"
#include "cr-problem.h"
#include "cr-uscc.h"

#define ROUNDS 1500

static const char paste_seed[] =
  "信用中国\n"
  "行政处罚信息\n"
  "行政相对人名称：无锡示例精密机械有限公司\n"
  "统一社会信用代码：91320206MA1N2P3Q0J\n"
  "法定代表人：张伟\n"
  "行政处罚决定书文号：锡惠市监处罚〔2025〕123号\n"
  "处罚类别：警告;罚款\n"
  "处罚内容：警告，罚款人民币5000元\n"
  "罚款金额(万元)：0.5\n"
  "处罚决定日期：2025年3月10日\n"
  "处罚机关：无锡市惠山区市场监督管理局\n"
  "\n"
  "行政处罚决定书文号: 苏园市监罚[2024]7号\n"
  "处罚决定日期:2024-01-05\n"
  "罚款金额（万元）:１.２\n";

static const char * const tokens[] = {
  "：", ":", "\n", "\r\n", "〔", "〕", "[", "万元", "年", "月", "日", "号", "\"", ",", ";",
  "　", "0", ".", "-", "\xe6", "\xff", "处罚决定日期：", "罚款金额(万元)：", "统一社会信用代码：",
  "行政处罚决定书文号：", "{", "}", "[]", "null", "\\u0000",
};

/* @seed damaged by one to seven random cuts, changes and insertions. */
static GBytes *
damage (GRand      *rand,
        const char *seed,
        gsize       length)
{
  GByteArray *bytes = g_byte_array_sized_new (length + 64);
  int operations = g_rand_int_range (rand, 1, 8);

  g_byte_array_append (bytes, (const guint8 *) seed, length);
  for (int i = 0; i < operations; i++)
    {
      guint position = bytes->len > 0 ? (guint) g_rand_int_range (rand, 0, bytes->len) : 0;

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          {
            guint count = (guint) g_rand_int_range (rand, 1, 16);

            if (bytes->len > 0)
              g_byte_array_remove_range (bytes, position, MIN (bytes->len - position, count));
          }
          break;
        case 1:
          {
            const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            GByteArray *spliced = g_byte_array_sized_new (bytes->len + strlen (token));

            g_byte_array_append (spliced, bytes->data, position);
            g_byte_array_append (spliced, (const guint8 *) token, strlen (token));
            g_byte_array_append (spliced, bytes->data + position, bytes->len - position);
            g_byte_array_unref (bytes);
            bytes = spliced;
          }
          break;
        case 2:
          if (bytes->len > 0)
            bytes->data[position] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        default:
          g_byte_array_set_size (bytes, position);
          break;
        }
    }

  return g_byte_array_free_to_bytes (bytes);
}

static void
assert_problems_hold (GPtrArray *problems,
                      guint      n_records)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (problem->message);
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      if (problem->pointer != NULL && g_str_has_prefix (problem->pointer, "/records/"))
        g_assert_cmpuint (g_ascii_strtoull (problem->pointer + strlen ("/records/"), NULL, 10),
                          <, MAX (n_records, 1));
    }
}

static void
test_paste (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GBytes) bytes = damage (rand, paste_seed, sizeof paste_seed - 1);
      g_autofree char *text = g_utf8_make_valid (g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes));
      g_autoptr(CrPasteResult) result = cr_paste_import_parse (text);

      g_assert_nonnull (result);
      g_assert_cmpuint (result->items->len, ==, json_array_get_length (result->records));
      for (guint i = 0; i < result->unrecognised->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (result->unrecognised, i), -1, NULL));
      assert_problems_hold (result->problems, result->items->len);
    }
}

static void
test_csv (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "records-template.csv", NULL);
  g_autofree char *seed = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &seed, &length, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GBytes) bytes = damage (rand, seed, length);
      g_autoptr(GError) csv_error = NULL;
      g_autoptr(CrCsvResult) result = cr_csv_import_parse (g_bytes_get_data (bytes, NULL),
                                                            g_bytes_get_size (bytes),
                                                            &csv_error);

      if (result == NULL)
        {
          g_assert_nonnull (csv_error);
          g_assert_true (csv_error->domain == CR_CSV_IMPORT_ERROR);
          g_assert_true (g_utf8_validate (csv_error->message, -1, NULL));
          continue;
        }

      g_assert_no_error (csv_error);
      g_assert_cmpuint (result->items->len, ==, json_array_get_length (result->records));
      for (guint i = 0; i < result->problems->len; i++)
        g_assert_true (g_utf8_validate (((CrProblem *) g_ptr_array_index (result->problems, i))->message,
                                        -1, NULL));
    }
}

static void
test_case_file (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "wuxi-machinery.case", "case.json", NULL);
  g_autofree char *seed = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &seed, &length, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GBytes) bytes = damage (rand, seed, length);
      g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
      g_autoptr(GError) case_error = NULL;
      g_autoptr(CrCase) kase = cr_case_load_from_data (g_bytes_get_data (bytes, NULL),
                                                       g_bytes_get_size (bytes), NULL,
                                                       warnings, &case_error);

      if (kase == NULL)
        {
          /* Refused, saying why, in text the window can show. */
          g_assert_nonnull (case_error);
          g_assert_true (case_error->domain == CR_CASE_ERROR);
          g_assert_true (g_utf8_validate (case_error->message, -1, NULL));
          continue;
        }

      g_assert_no_error (case_error);
      assert_problems_hold (warnings, cr_case_get_n_records (kase));
      {
        /* What was read can be written again. */
        g_autofree char *written = cr_case_to_data (kase, NULL);

        g_assert_nonnull (written);
        g_assert_true (g_utf8_validate (written, -1, NULL));
      }
    }
}

/* The small validators take whatever the user types. */
static void
test_validators (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  static const char seed[] = "91320206MA1N2P3Q0J 锡惠市监处罚〔2025〕123号 1234.50 2025-03-10";

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GBytes) bytes = damage (rand, seed, sizeof seed - 1);
      g_autofree char *text = g_utf8_make_valid (g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes));
      g_autofree char *normalized = cr_decision_number_normalize (text);
      gint64 fen = 0;
      GDate date;

      if (cr_money_parse (text, &fen, NULL))
        g_assert_cmpint (fen, >=, 0);
      if (cr_date_parse (text, &date, NULL))
        g_assert_true (g_date_valid (&date));
      if (normalized != NULL)
        g_assert_true (g_utf8_validate (normalized, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/damaged-input/paste", test_paste);
  g_test_add_func ("/damaged-input/csv", test_csv);
  g_test_add_func ("/damaged-input/case-file", test_case_file);
  g_test_add_func ("/damaged-input/validators", test_validators);

  return g_test_run ();
}
