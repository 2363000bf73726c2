/* test-csv-import.c: penalty records from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cr-csv-import.h"
#include "cr-problem.h"

#define HEADER "id,decision_number,authority,decision_date,penalties,fine_amount\n"

static CrCsvResult *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CrCsvResult *result = cr_csv_import_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static JsonObject *
record_at (CrCsvResult *result,
           guint        index)
{
  g_assert_cmpuint (index, <, json_array_get_length (result->records));
  return json_array_get_object_element (result->records, index);
}

static const char *
string_member (JsonObject *object,
               const char *key)
{
  g_assert_true (json_object_has_member (object, key));
  return json_object_get_string_member (object, key);
}

static char *
penalties_string (JsonObject *record)
{
  JsonArray *penalties = json_object_get_array_member (record, "penalties");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (penalties); i++)
    {
      JsonObject *penalty = json_array_get_object_element (penalties, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_object_get_string_member (penalty, "type"));
      if (json_object_has_member (penalty, "amount"))
        g_string_append_printf (out, "=%s", json_object_get_string_member (penalty, "amount"));
    }

  return g_string_free (out, FALSE);
}

/* Asserts there is exactly one problem with @code, and that its message
 * contains @fragment. */
static void
assert_problem (CrCsvResult *result,
                const char  *code,
                CrSeverity   severity,
                const char  *fragment)
{
  const CrProblem *found = NULL;

  for (guint i = 0; i < result->problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (result->problems, i);

      if (g_str_equal (problem->code, code))
        {
          g_assert_null (found);
          found = problem;
        }
    }

  if (found == NULL)
    g_error ("no problem %s", code);
  g_assert_cmpint (found->severity, ==, severity);
  if (strstr (found->message, fragment) == NULL)
    g_error ("message “%s” lacks “%s”", found->message, fragment);
}

static char *
read_template (void)
{
  const char *root = g_getenv ("CREDIT_REPAIR_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "samples", "records-template.csv", NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* The two rows of the shipped template, whatever the encoding. */
static void
check_template_records (CrCsvResult *result)
{
  JsonObject *record, *performance;
  g_autofree char *penalties1 = NULL;
  g_autofree char *penalties2 = NULL;
  CrCsvRecord *item;

  g_assert_cmpuint (json_array_get_length (result->records), ==, 2);
  g_assert_cmpuint (result->problems->len, ==, 0);

  record = record_at (result, 0);
  g_assert_cmpstr (string_member (record, "id"), ==, "r1");
  g_assert_cmpstr (string_member (record, "kind"), ==, "administrative_penalty");
  g_assert_cmpstr (string_member (record, "decision_number"), ==, "锡惠市监处罚〔2025〕123号");
  g_assert_cmpstr (string_member (record, "authority"), ==, "无锡市惠山区市场监督管理局");
  g_assert_cmpstr (string_member (record, "decision_date"), ==, "2025-03-10");
  g_assert_true (json_object_get_null_member (record, "publication_date"));
  g_assert_cmpstr (string_member (record, "domain"), ==, "market_regulation");
  g_assert_cmpstr (string_member (record, "severity"), ==, "general");
  g_assert_false (json_object_get_boolean_member (record, "simple_procedure"));
  g_assert_false (json_object_get_boolean_member (record, "rectification_ordered"));
  penalties1 = penalties_string (record);
  g_assert_cmpstr (penalties1, ==, "warning fine=5000");
  performance = json_object_get_object_member (record, "performance");
  g_assert_cmpstr (string_member (performance, "fine_paid_amount"), ==, "5000");
  g_assert_cmpstr (string_member (performance, "fine_paid_date"), ==, "2025-03-18");
  g_assert_false (json_object_has_member (performance, "rectification_completed"));
  item = g_ptr_array_index (result->items, 0);
  g_assert_true (item->record == record);
  g_assert_cmpuint (item->line, ==, 2);
  g_assert_cmpuint (item->guessed->len, ==, 0);

  record = record_at (result, 1);
  g_assert_cmpstr (string_member (record, "id"), ==, "r2");
  g_assert_cmpstr (string_member (record, "decision_date"), ==, "2024-11-05");
  g_assert_cmpstr (string_member (record, "domain"), ==, "work_safety");
  g_assert_true (json_object_get_null_member (record, "severity"));
  g_assert_true (json_object_get_boolean_member (record, "rectification_ordered"));
  penalties2 = penalties_string (record);
  g_assert_cmpstr (penalties2, ==, "fine=12000 confiscation_of_illegal_gains=350");
  performance = json_object_get_object_member (record, "performance");
  g_assert_cmpstr (string_member (performance, "fine_paid_amount"), ==, "12350");
  g_assert_true (json_object_get_boolean_member (performance, "rectification_completed"));
  item = g_ptr_array_index (result->items, 1);
  g_assert_cmpuint (item->line, ==, 3);
  g_assert_cmpuint (item->guessed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (item->guessed, 0), ==, "domain");
}

static void
test_template_utf8 (void)
{
  g_autofree char *text = read_template ();
  g_autoptr(CrCsvResult) result = parse_ok (text);

  g_assert_cmpstr (result->encoding, ==, "UTF-8");
  check_template_records (result);
}

static void
test_template_utf8_bom (void)
{
  g_autofree char *plain = read_template ();
  g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", plain, NULL);
  g_autoptr(CrCsvResult) result = parse_ok (text);

  g_assert_cmpstr (result->encoding, ==, "UTF-8");
  check_template_records (result);
}

static void
test_template_gb18030 (void)
{
  g_autofree char *plain = read_template ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCsvResult) result = NULL;
  g_autofree char *gb = NULL;
  gsize length = 0;

  /* What a Chinese Excel writes for “CSV”. */
  gb = g_convert (plain, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gb, length, NULL));

  result = cr_csv_import_parse (gb, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->encoding, ==, "GB18030");
  check_template_records (result);
}

static void
test_quoting (void)
{
  static const char text[] =
    /* Header with spaces, Chinese aliases and a full-width parenthesis. */
    "id, 行政处罚决定书文号 ,处罚机关,处罚决定日期,处罚类别,罚款金额（万元）\r\n"
    /* A comma inside quotes; spaces around a quoted field. */
    "a,\"锡惠市监处罚〔2025〕1号\" ,  \"无锡市惠山区市场监督管理局, 钱桥分局\",2025-01-02,fine,0.5\r\n"
    /* Doubled quotes and a quote inside an unquoted field. */
    "b,锡惠市监处罚〔2025〕2号,\"无锡市\"\"示例\"\"局\",2025-01-03,warning,\r\n"
    "c,锡惠市监处罚〔2025〕3号,无锡市示\"例局,2025-01-04,warning,\n"
    /* A line break inside a quoted field (CRLF, kept as LF). */
    "d,锡惠市监处罚〔2025〕4号,\"无锡市惠山区\r\n市场监督管理局\",2025-01-05,warning,\n"
    /* An empty quoted field, a lone CR line end. */
    "\"\",锡惠市监处罚〔2025〕5号,无锡市惠山区市场监督管理局,2025-01-06,\"warning\",\"\"\r"
    /* A row of empty fields and a blank line are skipped. */
    ",,,,,\n"
    "\n"
    /* The last line without a line end, with trailing empty fields. */
    "f,锡惠市监处罚〔2025〕6号,无锡市惠山区市场监督管理局,2025-01-07,\"罚款\",\"1,234.5\",,";
  g_autoptr(CrCsvResult) result = parse_ok (text);
  g_autofree char *penalties_a = NULL;
  g_autofree char *penalties_f = NULL;
  const guint expected_lines[] = { 2, 3, 4, 5, 7, 10 };

  if (result->problems->len > 0)
    g_error ("%s", ((CrProblem *) g_ptr_array_index (result->problems, 0))->message);
  g_assert_cmpuint (json_array_get_length (result->records), ==, 6);

  g_assert_cmpstr (string_member (record_at (result, 0), "decision_number"), ==,
                   "锡惠市监处罚〔2025〕1号");
  g_assert_cmpstr (string_member (record_at (result, 0), "authority"), ==,
                   "无锡市惠山区市场监督管理局, 钱桥分局");
  /* The header said 万元. */
  penalties_a = penalties_string (record_at (result, 0));
  g_assert_cmpstr (penalties_a, ==, "fine=5000");

  g_assert_cmpstr (string_member (record_at (result, 1), "authority"), ==, "无锡市\"示例\"局");
  g_assert_cmpstr (string_member (record_at (result, 2), "authority"), ==, "无锡市示\"例局");
  g_assert_cmpstr (string_member (record_at (result, 3), "authority"), ==,
                   "无锡市惠山区\n市场监督管理局");

  /* An empty id gets one from the row's place among the data rows. */
  g_assert_cmpstr (string_member (record_at (result, 4), "id"), ==, "r5");
  g_assert_cmpstr (string_member (record_at (result, 4), "decision_date"), ==, "2025-01-06");

  /* “1,234.5” under the 万元 header is 12,345,000 yuan. */
  penalties_f = penalties_string (record_at (result, 5));
  g_assert_cmpstr (penalties_f, ==, "fine=12345000");

  /* The line numbers count the line break inside the field of row d and
   * the blank lines. */
  for (guint i = 0; i < G_N_ELEMENTS (expected_lines); i++)
    {
      CrCsvRecord *item = g_ptr_array_index (result->items, i);

      g_assert_cmpuint (item->line, ==, expected_lines[i]);
    }
}

static void
test_bad_date_line (void)
{
  static const char text[] =
    HEADER
    "r1,锡惠市监处罚〔2025〕1号,\"无锡市惠山区\n市场监督管理局\n(第二行)\",2025-01-02,fine,100\n"
    "r2,锡惠市监处罚〔2025〕2号,无锡市惠山区市场监督管理局,2025-02-30,fine,100\n"
    "r3,锡惠市监处罚〔2025〕3号,无锡市惠山区市场监督管理局,2025年2月3日,fine,100\n";
  g_autoptr(CrCsvResult) result = parse_ok (text);

  /* Row r2 starts on line 5 (row r1 spans lines 2–4) and is left out. */
  g_assert_cmpuint (json_array_get_length (result->records), ==, 2);
  g_assert_cmpstr (string_member (record_at (result, 0), "id"), ==, "r1");
  g_assert_cmpstr (string_member (record_at (result, 1), "id"), ==, "r3");
  g_assert_cmpstr (string_member (record_at (result, 1), "decision_date"), ==, "2025-02-03");
  g_assert_cmpuint (result->problems->len, ==, 1);
  assert_problem (result, "import-invalid-date", CR_SEVERITY_ERROR,
                  "Line 5, column “decision_date”: “2025-02-30” is not a date");
  g_assert_true (cr_problem_list_has_errors (result->problems));
}

static void
test_value_errors (void)
{
  static const char text[] =
    "id,decision_number,authority,decision_date,penalties,fine_amount,confiscation_amount,"
    "domain,severity,simple_procedure,kind,notes\n"
    /* line 2: fine amount without a fine */
    "r1,锡惠市监处罚〔2025〕1号,无锡市惠山区市场监督管理局,2025-01-02,warning,100,,,,,,\n"
    /* line 3: an unknown penalty */
    "r2,锡惠市监处罚〔2025〕2号,无锡市惠山区市场监督管理局,2025-01-02,罚款;取缔,100,,,,,,\n"
    /* line 4: the id of line 2 again */
    "r1,锡惠市监处罚〔2025〕3号,无锡市惠山区市场监督管理局,2025-01-02,fine,100,,,,,,\n"
    /* line 5: an amount that is not a whole number of fen */
    "r4,锡惠市监处罚〔2025〕4号,无锡市惠山区市场监督管理局,2025-01-02,fine,100.001,,,,,,\n"
    /* line 6: a domain, severity, yes/no and kind that do not exist */
    "r5,锡惠市监处罚〔2025〕5号,无锡市惠山区市场监督管理局,2025-01-02,fine,100,,space,huge,maybe,fish,\n"
    /* line 7: empty required fields */
    "r6,,,2025-01-02,fine,100,,,,,,\n"
    /* line 8: a year after the decision date */
    "r7,锡惠市监处罚〔2026〕7号,无锡市惠山区市场监督管理局,2025-01-02,fine,100,,,,,,\n"
    /* line 9: a confiscation amount without a confiscation */
    "r8,锡惠市监处罚〔2025〕8号,无锡市惠山区市场监督管理局,2025-01-02,fine,100,50,,,,,\n"
    /* line 10: fields missing */
    "r9,锡惠市监处罚〔2025〕9号\n"
    /* line 11: fine, with a warning for 第 and Chinese values */
    "r10,锡惠市监处罚〔2025〕第10号,无锡市惠山区市场监督管理局,2025-01-02,罚款,100,,消防,严重失信,是,行政处罚,some note\n";
  g_autoptr(CrCsvResult) result = parse_ok (text);
  JsonObject *record;

  g_assert_cmpuint (json_array_get_length (result->records), ==, 1);
  record = record_at (result, 0);
  g_assert_cmpstr (string_member (record, "id"), ==, "r10");
  g_assert_cmpstr (string_member (record, "domain"), ==, "fire");
  g_assert_cmpstr (string_member (record, "severity"), ==, "serious");
  g_assert_true (json_object_get_boolean_member (record, "simple_procedure"));

  assert_problem (result, "csv-unknown-column", CR_SEVERITY_WARNING,
                  "Line 1: the column “notes” is not known");
  assert_problem (result, "import-invalid-penalty", CR_SEVERITY_ERROR,
                  "Line 3, column “penalties”: “取缔”");
  assert_problem (result, "csv-duplicate-id", CR_SEVERITY_ERROR,
                  "Line 4, column “id”: The id “r1” is already used on line 2");
  assert_problem (result, "import-invalid-amount", CR_SEVERITY_ERROR,
                  "Line 5, column “fine_amount”: “100.001” is not a whole number of fen");
  assert_problem (result, "import-invalid-domain", CR_SEVERITY_ERROR,
                  "Line 6, column “domain”: “space”");
  assert_problem (result, "import-invalid-severity", CR_SEVERITY_ERROR,
                  "Line 6, column “severity”: “huge”");
  assert_problem (result, "import-invalid-boolean", CR_SEVERITY_ERROR,
                  "Line 6, column “simple_procedure”: “maybe”");
  assert_problem (result, "import-invalid-kind", CR_SEVERITY_ERROR,
                  "Line 6, column “kind”: “fish”");
  assert_problem (result, "decision-number-year-after-decision", CR_SEVERITY_ERROR,
                  "Line 8, column “decision_number”");
  assert_problem (result, "csv-field-count", CR_SEVERITY_ERROR,
                  "Line 10: the row has 2 fields but the header has 12 columns");
  assert_problem (result, "decision-number-di", CR_SEVERITY_WARNING,
                  "Line 11, column “decision_number”");

  /* Two problems share a code: checked by hand. */
  {
    guint missing = 0, without = 0;

    for (guint i = 0; i < result->problems->len; i++)
      {
        const CrProblem *problem = g_ptr_array_index (result->problems, i);

        if (g_str_equal (problem->code, "import-missing-field"))
          {
            g_assert_true (g_str_has_prefix (problem->message, "Line 7, column “"));
            g_assert_cmpint (problem->severity, ==, CR_SEVERITY_ERROR);
            missing++;
          }
        if (g_str_equal (problem->code, "import-amount-without-penalty"))
          {
            g_assert_true (g_str_has_prefix (problem->message, "Line 2, column “fine_amount”") ||
                           g_str_has_prefix (problem->message,
                                             "Line 9, column “confiscation_amount”"));
            without++;
          }
      }
    g_assert_cmpuint (missing, ==, 2);
    g_assert_cmpuint (without, ==, 2);
  }
}

static void
assert_fails (const char       *data,
              gsize             length,
              CrCsvImportError  code,
              const char       *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCsvResult) result = cr_csv_import_parse (data, length, &error);

  g_assert_null (result);
  g_assert_error (error, CR_CSV_IMPORT_ERROR, (int) code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, fragment);
}

static void
test_structural_errors (void)
{
  static const char unclosed[] =
    HEADER
    "r1,锡惠市监处罚〔2025〕1号,无锡市,2025-01-02,fine,100\n"
    "r2,锡惠市监处罚〔2025〕2号,\"无锡市\n惠山区,2025-01-02,fine,100\n";
  static const char missing_column[] = "id,decision_number,authority,penalties\n";
  static const char repeated_column[] =
    "decision_number,authority,decision_date,penalties,决定书文号\n";
  static const char after_quote[] =
    HEADER
    "r1,锡惠市监处罚〔2025〕1号,\"无锡市\"惠山区,2025-01-02,fine,100\n";

  assert_fails (unclosed, strlen (unclosed), CR_CSV_IMPORT_ERROR_SYNTAX,
                "Line 3, column “authority”: the quoted field is not closed");
  assert_fails (after_quote, strlen (after_quote), CR_CSV_IMPORT_ERROR_SYNTAX,
                "Line 2, column “authority”: text after the closing quote");

  assert_fails ("", 0, CR_CSV_IMPORT_ERROR_HEADER, "empty");
  assert_fails ("\n\n,,\n", 5, CR_CSV_IMPORT_ERROR_HEADER, "empty");
  assert_fails (missing_column, strlen (missing_column), CR_CSV_IMPORT_ERROR_HEADER,
                "the required column “decision_date” is missing");
  assert_fails (repeated_column, strlen (repeated_column), CR_CSV_IMPORT_ERROR_HEADER,
                "the column “决定书文号” repeats the column “decision_number”");

  assert_fails ("\xFF\xFE" "i\0d\0", 6, CR_CSV_IMPORT_ERROR_ENCODING, "UTF-16");
  assert_fails ("\xEF\xBB\xBF" "id\xFF\n", 7, CR_CSV_IMPORT_ERROR_ENCODING, "byte-order mark");
  assert_fails ("id,\xFF\xFF\n", 6, CR_CSV_IMPORT_ERROR_ENCODING, "GB18030");
  assert_fails ("id\0,x\n", 6, CR_CSV_IMPORT_ERROR_ENCODING, "GB18030");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-import/template/utf-8", test_template_utf8);
  g_test_add_func ("/csv-import/template/utf-8-bom", test_template_utf8_bom);
  g_test_add_func ("/csv-import/template/gb18030", test_template_gb18030);
  g_test_add_func ("/csv-import/quoting", test_quoting);
  g_test_add_func ("/csv-import/bad-date-line", test_bad_date_line);
  g_test_add_func ("/csv-import/value-errors", test_value_errors);
  g_test_add_func ("/csv-import/structural-errors", test_structural_errors);

  return g_test_run ();
}
