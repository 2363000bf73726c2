/* test-case.c: the case model and the interchange format v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "cr-case.h"
#include "cr-date.h"
#include "cr-uscc.h"

/* The example of spec/case-format.md, verbatim. */
static const char spec_example[] =
  "{\n"
  "  \"format\": \"org.example.CreditRepair.case\",\n"
  "  \"format_version\": 1,\n"
  "  \"company\": {\n"
  "    \"name\": \"无锡示例精密机械有限公司\",\n"
  "    \"uscc\": \"91320206MA1N2P3Q0J\",\n"
  "    \"legal_representative\": \"张伟\",\n"
  "    \"address\": \"无锡市惠山区示例路 1 号\",\n"
  "    \"phone\": \"0510-00000000\"\n"
  "  },\n"
  "  \"applicant\": {\n"
  "    \"role\": \"agent\",\n"
  "    \"name\": \"李娜\",\n"
  "    \"id_number\": \"\",\n"
  "    \"phone\": \"13800000000\",\n"
  "    \"email\": \"lina@example.com\"\n"
  "  },\n"
  "  \"records\": [\n"
  "    {\n"
  "      \"id\": \"r1\",\n"
  "      \"kind\": \"administrative_penalty\",\n"
  "      \"decision_number\": \"锡惠市监处罚〔2025〕123号\",\n"
  "      \"authority\": \"无锡市惠山区市场监督管理局\",\n"
  "      \"decision_date\": \"2025-03-10\",\n"
  "      \"publication_date\": null,\n"
  "      \"domain\": \"market_regulation\",\n"
  "      \"penalties\": [\n"
  "        { \"type\": \"fine\", \"amount\": \"5000\" },\n"
  "        { \"type\": \"warning\" }\n"
  "      ],\n"
  "      \"severity\": \"general\",\n"
  "      \"simple_procedure\": false,\n"
  "      \"rectification_ordered\": false,\n"
  "      \"performance\": {\n"
  "        \"fine_paid_amount\": \"5000\",\n"
  "        \"fine_paid_date\": \"2025-03-18\",\n"
  "        \"rectification_completed\": null\n"
  "      }\n"
  "    }\n"
  "  ],\n"
  "  \"materials\": [\n"
  "    { \"slot\": \"payment_proof\", \"record\": \"r1\", \"path\": \"attachments/receipt.pdf\" },\n"
  "    { \"slot\": \"commitment\", \"record\": \"r1\", \"path\": \"attachments/commitment-r1.pdf\" }\n"
  "  ]\n"
  "}\n";

static void
set_date (GDate *date,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = NULL;

  if (expected == NULL)
    {
      g_assert_null (date);
      return;
    }

  g_assert_nonnull (date);
  text = cr_date_format (date);
  g_assert_cmpstr (text, ==, expected);
}

static CrCase *
load_string (const char *data,
             GPtrArray  *warnings,
             GError    **error)
{
  return cr_case_load_from_data (data, -1, "/nonexistent-base", warnings, error);
}

/* load → write → load → write: the two loads are equal, the two writes
 * byte-identical. Returns the second load. */
static CrCase *
assert_round_trip (CrCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(CrCase) reloaded = NULL;
  gsize first_length;

  first = cr_case_to_data (kase, &first_length);
  g_assert_cmpuint (strlen (first), ==, first_length);
  g_assert_true (g_str_has_suffix (first, "}\n"));
  g_assert_true (g_utf8_validate (first, -1, NULL));

  reloaded = cr_case_load_from_data (first, first_length, cr_case_get_base_dir (kase), NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
  g_assert_true (cr_case_equal (kase, reloaded));

  second = cr_case_to_data (reloaded, NULL);
  g_assert_cmpstr (first, ==, second);

  return g_steal_pointer (&reloaded);
}

static void
test_spec_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autoptr(CrCase) kase = load_string (spec_example, warnings, &error);
  g_autoptr(CrCase) reloaded = NULL;
  CrCaseRecord *record;
  CrCaseMaterial *material;
  const CrPenalty *penalty;

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_false (cr_case_get_modified (kase));
  g_assert_cmpstr (cr_case_get_base_dir (kase), ==, "/nonexistent-base");

  g_assert_cmpstr (cr_case_get_company_name (kase), ==, "无锡示例精密机械有限公司");
  g_assert_cmpstr (cr_case_get_company_uscc (kase), ==, "91320206MA1N2P3Q0J");
  g_assert_cmpstr (cr_case_get_company_legal_representative (kase), ==, "张伟");
  g_assert_cmpstr (cr_case_get_company_address (kase), ==, "无锡市惠山区示例路 1 号");
  g_assert_cmpstr (cr_case_get_company_phone (kase), ==, "0510-00000000");
  g_assert_cmpint (cr_case_get_applicant_role (kase), ==, CR_APPLICANT_ROLE_AGENT);
  g_assert_cmpstr (cr_case_get_applicant_name (kase), ==, "李娜");
  g_assert_cmpstr (cr_case_get_applicant_id_number (kase), ==, "");
  g_assert_cmpstr (cr_case_get_applicant_phone (kase), ==, "13800000000");
  g_assert_cmpstr (cr_case_get_applicant_email (kase), ==, "lina@example.com");

  g_assert_cmpuint (cr_case_get_n_records (kase), ==, 1);
  record = cr_case_get_record (kase, 0);
  g_assert_true (cr_case_find_record (kase, "r1") == record);
  g_assert_null (cr_case_find_record (kase, "r2"));
  g_assert_cmpstr (cr_case_record_get_id (record), ==, "r1");
  g_assert_cmpint (cr_case_record_get_kind (record), ==, CR_RECORD_KIND_ADMINISTRATIVE_PENALTY);
  g_assert_cmpstr (cr_case_record_get_decision_number (record), ==, "锡惠市监处罚〔2025〕123号");
  g_assert_cmpstr (cr_case_record_get_authority (record), ==, "无锡市惠山区市场监督管理局");
  assert_date (cr_case_record_get_decision_date (record), "2025-03-10");
  assert_date (cr_case_record_get_publication_date (record), NULL);
  g_assert_cmpstr (cr_case_record_get_domain (record), ==, "market_regulation");
  g_assert_cmpint (cr_case_record_get_severity (record), ==, CR_SEVERITY_CLASS_GENERAL);
  g_assert_false (cr_case_record_get_simple_procedure (record));
  g_assert_false (cr_case_record_get_rectification_ordered (record));
  g_assert_cmpint (cr_case_record_get_fine_paid_amount (record), ==, 500000);
  assert_date (cr_case_record_get_fine_paid_date (record), "2025-03-18");
  g_assert_cmpint (cr_case_record_get_rectification_completed (record), ==, CR_TRISTATE_UNKNOWN);

  g_assert_cmpuint (cr_case_record_get_n_penalties (record), ==, 2);
  penalty = cr_case_record_get_penalty (record, 0);
  g_assert_cmpstr (cr_penalty_get_penalty_type (penalty), ==, "fine");
  g_assert_cmpint (cr_penalty_get_amount (penalty), ==, 500000);
  penalty = cr_case_record_get_penalty (record, 1);
  g_assert_cmpstr (cr_penalty_get_penalty_type (penalty), ==, "warning");
  g_assert_cmpint (cr_penalty_get_amount (penalty), ==, -1);
  g_assert_cmpint (cr_case_record_get_fines_total (record, FALSE), ==, 500000);

  g_assert_cmpuint (cr_case_get_n_materials (kase), ==, 2);
  material = cr_case_get_material (kase, 1);
  g_assert_cmpstr (cr_case_material_get_slot (material), ==, "commitment");
  g_assert_cmpstr (cr_case_material_get_record (material), ==, "r1");
  g_assert_cmpstr (cr_case_material_get_path (material), ==, "attachments/commitment-r1.pdf");

  reloaded = assert_round_trip (kase);
  g_assert_cmpuint (cr_case_get_n_records (reloaded), ==, 1);
}

/* Every field set, with awkward values, survives the round trip. */
static void
test_round_trip_all_fields (void)
{
  g_autoptr(CrCase) kase = cr_case_new ();
  g_autoptr(CrCase) reloaded = NULL;
  g_autoptr(CrCaseRecord) r1 = cr_case_record_new ("r1");
  g_autoptr(CrCaseRecord) r2 = cr_case_record_new ("r 2/\"quoted\"");
  g_autoptr(CrCaseMaterial) m1 = cr_case_material_new ("identity_proof", NULL, "attachments/身份 证明.pdf");
  g_autoptr(CrCaseMaterial) m2 = cr_case_material_new ("rule_set_slot_2", "r1", "/abs/path\\x.jpg");
  CrCaseRecord *record;
  CrCaseMaterial *material;
  GDate date;

  cr_case_set_base_dir (kase, "/tmp/base");
  cr_case_set_company_name (kase, "名称 \"with quotes\"\n and a newline\ttab \\ backslash");
  cr_case_set_company_uscc (kase, "91320211MA1R7T8U73");
  cr_case_set_company_legal_representative (kase, "");
  cr_case_set_company_address (kase, "地址 🏭 emoji");
  cr_case_set_company_phone (kase, NULL);
  cr_case_set_applicant_role (kase, CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE);
  cr_case_set_applicant_name (kase, "王五");
  cr_case_set_applicant_id_number (kase, "11010519491231002X");
  cr_case_set_applicant_phone (kase, "+86 138 0000 0000");
  cr_case_set_applicant_email (kase, "a@b.example");

  cr_case_record_set_kind (r1, CR_RECORD_KIND_OTHER);
  cr_case_record_set_decision_number (r1, "（杭临）市监处罚〔2024〕131号");
  cr_case_record_set_authority (r1, "杭州市临平区市场监督管理局");
  set_date (&date, 2024, 2, 29);
  cr_case_record_set_decision_date (r1, &date);
  set_date (&date, 2024, 3, 1);
  cr_case_record_set_publication_date (r1, &date);
  cr_case_record_set_domain (r1, "special_equipment");
  cr_case_record_set_severity (r1, CR_SEVERITY_CLASS_SPECIFIC_SERIOUS);
  cr_case_record_set_simple_procedure (r1, TRUE);
  cr_case_record_set_rectification_ordered (r1, TRUE);
  cr_case_record_set_fine_paid_amount (r1, 123401);
  set_date (&date, 2024, 12, 31);
  cr_case_record_set_fine_paid_date (r1, &date);
  cr_case_record_set_rectification_completed (r1, CR_TRISTATE_NO);
  cr_case_record_add_penalty (r1, "fine", 123401);
  cr_case_record_add_penalty (r1, "confiscation_of_illegal_property", 0);
  cr_case_record_add_penalty (r1, "license_revocation", -1);
  cr_case_add_record (kase, r1);

  cr_case_record_set_kind (r2, CR_RECORD_KIND_SERIOUS_DISHONESTY_LIST);
  cr_case_record_set_decision_number (r2, "x");
  cr_case_record_set_authority (r2, "y");
  set_date (&date, 2019, 7, 1);
  cr_case_record_set_decision_date (r2, &date);
  cr_case_record_set_domain (r2, "other");
  cr_case_record_set_rectification_completed (r2, CR_TRISTATE_YES);
  cr_case_record_add_penalty (r2, "other", -1);
  cr_case_add_record (kase, r2);

  cr_case_add_material (kase, m1);
  cr_case_add_material (kase, m2);

  reloaded = assert_round_trip (kase);

  g_assert_cmpstr (cr_case_get_company_name (reloaded), ==,
                   "名称 \"with quotes\"\n and a newline\ttab \\ backslash");
  g_assert_cmpstr (cr_case_get_company_legal_representative (reloaded), ==, "");
  g_assert_cmpstr (cr_case_get_company_address (reloaded), ==, "地址 🏭 emoji");
  g_assert_null (cr_case_get_company_phone (reloaded));
  g_assert_cmpint (cr_case_get_applicant_role (reloaded), ==,
                   CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE);
  g_assert_cmpstr (cr_case_get_applicant_id_number (reloaded), ==, "11010519491231002X");
  g_assert_cmpstr (cr_case_get_applicant_phone (reloaded), ==, "+86 138 0000 0000");

  record = cr_case_get_record (reloaded, 0);
  g_assert_cmpint (cr_case_record_get_kind (record), ==, CR_RECORD_KIND_OTHER);
  g_assert_cmpstr (cr_case_record_get_decision_number (record), ==, "（杭临）市监处罚〔2024〕131号");
  assert_date (cr_case_record_get_decision_date (record), "2024-02-29");
  assert_date (cr_case_record_get_publication_date (record), "2024-03-01");
  g_assert_cmpstr (cr_case_record_get_domain (record), ==, "special_equipment");
  g_assert_cmpint (cr_case_record_get_severity (record), ==, CR_SEVERITY_CLASS_SPECIFIC_SERIOUS);
  g_assert_true (cr_case_record_get_simple_procedure (record));
  g_assert_true (cr_case_record_get_rectification_ordered (record));
  g_assert_cmpint (cr_case_record_get_fine_paid_amount (record), ==, 123401);
  assert_date (cr_case_record_get_fine_paid_date (record), "2024-12-31");
  g_assert_cmpint (cr_case_record_get_rectification_completed (record), ==, CR_TRISTATE_NO);
  g_assert_cmpuint (cr_case_record_get_n_penalties (record), ==, 3);
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 0)), ==, 123401);
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 1)), ==, 0);
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 2)), ==, -1);
  g_assert_cmpint (cr_case_record_get_fines_total (record, TRUE), ==, 123401);

  record = cr_case_get_record (reloaded, 1);
  g_assert_cmpstr (cr_case_record_get_id (record), ==, "r 2/\"quoted\"");
  g_assert_cmpint (cr_case_record_get_kind (record), ==, CR_RECORD_KIND_SERIOUS_DISHONESTY_LIST);
  g_assert_cmpint (cr_case_record_get_severity (record), ==, CR_SEVERITY_CLASS_UNKNOWN);
  assert_date (cr_case_record_get_publication_date (record), NULL);
  g_assert_cmpint (cr_case_record_get_fine_paid_amount (record), ==, -1);
  assert_date (cr_case_record_get_fine_paid_date (record), NULL);
  g_assert_cmpint (cr_case_record_get_rectification_completed (record), ==, CR_TRISTATE_YES);

  material = cr_case_get_material (reloaded, 0);
  g_assert_null (cr_case_material_get_record (material));
  g_assert_cmpstr (cr_case_material_get_path (material), ==, "attachments/身份 证明.pdf");
  material = cr_case_get_material (reloaded, 1);
  g_assert_cmpstr (cr_case_material_get_slot (material), ==, "rule_set_slot_2");
  g_assert_cmpstr (cr_case_material_get_path (material), ==, "/abs/path\\x.jpg");
}

static const char unknown_keys_doc[] =
  "{\"format\": \"org.example.CreditRepair.case\", \"format_version\": 1,"
  " \"x-root\": {\"nested\": [1, 2.5, \"three\", null, true]},"
  " \"company\": {\"name\": \"A\", \"uscc\": \"91320206MA1N2P3Q0J\", \"x-company\": 42,"
  "               \"a/b~c\": \"escaped\"},"
  " \"applicant\": {\"role\": \"agent\", \"x-applicant\": false},"
  " \"records\": [{\"id\": \"r1\", \"kind\": \"other\", \"decision_number\": \"n\","
  "   \"authority\": \"a\", \"decision_date\": \"2024-01-01\", \"domain\": \"tax\","
  "   \"penalties\": [{\"type\": \"fine\", \"amount\": \"1\", \"x-penalty\": \"p\"}],"
  "   \"severity\": null, \"x-record\": [],"
  "   \"performance\": {\"x-performance\": {}}}],"
  " \"materials\": [{\"slot\": \"other\", \"path\": \"f\", \"x-material\": \"m\"}],"
  " \"x-last\": \"end\"}";

static gboolean
has_problem (GPtrArray  *problems,
             const char *code,
             const char *pointer)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->code, code) == 0 && g_strcmp0 (problem->pointer, pointer) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_unknown_keys (void)
{
  static const char * const pointers[] = {
    "/x-root", "/x-last", "/company/x-company", "/company/a~1b~0c", "/applicant/x-applicant",
    "/records/0/x-record", "/records/0/penalties/0/x-penalty",
    "/records/0/performance/x-performance", "/materials/0/x-material",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autoptr(GPtrArray) warnings2 = cr_problem_list_new ();
  g_autoptr(CrCase) kase = load_string (unknown_keys_doc, warnings, &error);
  g_autoptr(CrCase) reloaded = NULL;
  g_autoptr(CrCase) stripped = NULL;
  g_autofree char *data = NULL;
  g_autofree char *strict = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, G_N_ELEMENTS (pointers));
  for (guint i = 0; i < G_N_ELEMENTS (pointers); i++)
    {
      g_assert_true (has_problem (warnings, "case-unknown-key", pointers[i]));
    }
  for (guint i = 0; i < warnings->len; i++)
    g_assert_cmpint (((CrProblem *) g_ptr_array_index (warnings, i))->severity, ==,
                     CR_SEVERITY_WARNING);

  data = cr_case_to_data (kase, NULL);
  g_assert_nonnull (strstr (data, "\"x-root\""));
  g_assert_nonnull (strstr (data, "2.5"));
  g_assert_nonnull (strstr (data, "\"x-penalty\" : \"p\""));
  g_assert_nonnull (strstr (data, "\"a/b~c\" : \"escaped\""));
  /* Unknown keys come after the known ones, in their original order. */
  g_assert_true (strstr (data, "\"x-root\"") > strstr (data, "\"materials\""));
  g_assert_true (strstr (data, "\"x-last\"") > strstr (data, "\"x-root\""));
  g_assert_true (strstr (data, "\"x-record\"") > strstr (data, "\"performance\""));

  reloaded = cr_case_load_from_data (data, -1, NULL, warnings2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings2->len, ==, warnings->len);
  g_clear_pointer (&data, g_free);
  g_clear_object (&reloaded);
  reloaded = assert_round_trip (kase);

  /* Interchange v1 exactly: no unknown keys, and nothing else lost. */
  strict = cr_case_to_data_full (kase, CR_CASE_WRITE_DROP_UNKNOWN, NULL);
  g_assert_null (strstr (strict, "x-"));
  g_assert_null (strstr (strict, "escaped"));
  g_ptr_array_set_size (warnings2, 0);
  stripped = cr_case_load_from_data (strict, -1, NULL, warnings2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings2->len, ==, 0);
  g_assert_cmpstr (cr_case_get_company_uscc (stripped), ==, "91320206MA1N2P3Q0J");
}

typedef struct
{
  const char *name;
  const char *from;      /* replaced in spec_example, or NULL to use @data */
  const char *to;
  const char *data;      /* the whole file, when @from is NULL */
  gssize      length;
  int         code;
  const char *expected;  /* the JSON pointer or other text the message must contain */
  const char *expected2; /* more text it must contain, or NULL */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "wrong-type-date", "\"2025-03-10\"", "20250310", NULL, 0, CR_CASE_ERROR_INVALID,
    "/records/0/decision_date: ", "number" },
  { "wrong-type-name", "\"name\": \"无锡示例精密机械有限公司\"", "\"name\": [\"x\"]", NULL, 0,
    CR_CASE_ERROR_INVALID, "/company/name: ", "array" },
  { "wrong-type-bool", "\"simple_procedure\": false", "\"simple_procedure\": \"no\"", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/simple_procedure: ", NULL },
  { "wrong-type-completed", "\"rectification_completed\": null", "\"rectification_completed\": 1",
    NULL, 0, CR_CASE_ERROR_INVALID, "/records/0/performance/rectification_completed: ", NULL },
  { "wrong-type-penalties", "\"penalties\": [", "\"penalties\": \"none\", \"x\": [", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/penalties: ", "string" },
  { "wrong-type-penalty", "{ \"type\": \"warning\" }", "\"warning\"", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/penalties/1: ", NULL },
  { "wrong-type-record", "\"records\": [", "\"records\": [ 7, ", NULL, 0, CR_CASE_ERROR_INVALID,
    "/records/0: ", NULL },
  { "wrong-type-materials", "\"materials\": [", "\"materials\": 3, \"x\": [", NULL, 0,
    CR_CASE_ERROR_INVALID, "/materials: ", NULL },
  { "wrong-type-money", "\"amount\": \"5000\"", "\"amount\": 5000", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/penalties/0/amount: ", "\"5000\"" },
  { "null-required", "\"authority\": \"无锡市惠山区市场监督管理局\"", "\"authority\": null", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/authority: ", "null" },
  { "missing-uscc", "\"uscc\": \"91320206MA1N2P3Q0J\",", "", NULL, 0, CR_CASE_ERROR_INVALID,
    "/company/uscc: ", "uscc" },
  { "missing-decision-date", "\"decision_date\": \"2025-03-10\",", "", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/decision_date: ", "missing" },
  { "missing-penalty-type", "{ \"type\": \"warning\" }", "{ }", NULL, 0, CR_CASE_ERROR_INVALID,
    "/records/0/penalties/1/type: ", NULL },
  { "missing-company", "\"company\": {", "\"x-company\": {", NULL, 0, CR_CASE_ERROR_INVALID,
    "/company: ", NULL },
  { "missing-material-path", ", \"path\": \"attachments/receipt.pdf\"", "", NULL, 0,
    CR_CASE_ERROR_INVALID, "/materials/0/path: ", NULL },
  { "bad-enum-domain", "\"market_regulation\"", "\"finance\"", NULL, 0, CR_CASE_ERROR_INVALID,
    "/records/0/domain: ", "“finance”" },
  { "bad-enum-kind", "\"administrative_penalty\"", "\"penalty\"", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/kind: ", "serious_dishonesty_list" },
  { "bad-enum-severity", "\"general\"", "\"medium\"", NULL, 0, CR_CASE_ERROR_INVALID,
    "/records/0/severity: ", "specific_serious" },
  { "bad-enum-role", "\"agent\"", "\"boss\"", NULL, 0, CR_CASE_ERROR_INVALID,
    "/applicant/role: ", "legal_representative" },
  { "bad-enum-penalty", "\"type\": \"warning\"", "\"type\": \"caning\"", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/penalties/1/type: ", "confiscation_of_illegal_gains" },
  { "bad-slot", "\"payment_proof\"", "\"Payment Proof\"", NULL, 0, CR_CASE_ERROR_INVALID,
    "/materials/0/slot: ", NULL },
  { "bad-date", "\"2025-03-10\"", "\"2025-02-30\"", NULL, 0, CR_CASE_ERROR_INVALID,
    "/records/0/decision_date: ", "2025-02-30" },
  { "bad-date-format", "\"2025-03-18\"", "\"18.03.2025\"", NULL, 0, CR_CASE_ERROR_INVALID,
    "/records/0/performance/fine_paid_date: ", "18.03.2025" },
  { "bad-money", "\"amount\": \"5000\"", "\"amount\": \"5,000\"", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/penalties/0/amount: ", "5,000" },
  { "bad-money-paid", "\"fine_paid_amount\": \"5000\"", "\"fine_paid_amount\": \"-5\"", NULL, 0,
    CR_CASE_ERROR_INVALID, "/records/0/performance/fine_paid_amount: ", NULL },
  { "bad-json", "\"applicant\": {", "\"applicant\": {,", NULL, 0, CR_CASE_ERROR_PARSE,
    "case.json:11:", NULL },
  { "truncated-json", NULL, NULL, "{\"format\": \"org.example.CreditRepair.case\", ", -1,
    CR_CASE_ERROR_PARSE, "case.json:", NULL },
  { "empty-file", NULL, NULL, "", 0, CR_CASE_ERROR_PARSE, "case.json: ", "empty" },
  { "blank-file", NULL, NULL, " \n\t\r\n ", -1, CR_CASE_ERROR_PARSE, "case.json: ", "empty" },
  { "binary-garbage", NULL, NULL, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20,
    CR_CASE_ERROR_PARSE, "case.json: ", "binary" },
  { "latin1", NULL, NULL, "{\"format\": \"caf\xe9\"}", -1, CR_CASE_ERROR_PARSE, "case.json: ",
    "UTF-8" },
  { "not-an-object", NULL, NULL, "[1, 2, 3]", -1, CR_CASE_ERROR_FORMAT, "case.json: ",
    "array" },
  { "no-format", "\"format\": \"org.example.CreditRepair.case\",", "", NULL, 0,
    CR_CASE_ERROR_FORMAT, "case.json: ", "format" },
  { "wrong-format", "\"org.example.CreditRepair.case\"", "\"org.example.Other\"", NULL, 0,
    CR_CASE_ERROR_FORMAT, "/format: ", "org.example.Other" },
  { "future-format-version", "\"format_version\": 1", "\"format_version\": 2", NULL, 0,
    CR_CASE_ERROR_FORMAT, "/format_version: ", "2" },
  { "zero-format-version", "\"format_version\": 1", "\"format_version\": 0", NULL, 0,
    CR_CASE_ERROR_FORMAT, "/format_version: ", NULL },
  { "string-format-version", "\"format_version\": 1", "\"format_version\": \"1\"", NULL, 0,
    CR_CASE_ERROR_FORMAT, "/format_version: ", "string" },
  { "float-format-version", "\"format_version\": 1", "\"format_version\": 1.0", NULL, 0,
    CR_CASE_ERROR_FORMAT, "/format_version: ", NULL },
};

static void
test_errors (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) data_error = NULL;
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-case-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "case.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CrCase) kase = NULL;
  gsize length;

  if (c->from != NULL)
    {
      g_autoptr(GString) text = g_string_new (spec_example);

      g_assert_nonnull (strstr (spec_example, c->from));
      g_string_replace (text, c->from, c->to, 1);
      length = text->len;
      contents = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else
    {
      length = c->length >= 0 ? (gsize) c->length : strlen (c->data);
      contents = g_memdup2 (c->data, length + 1);
    }

  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  kase = cr_case_load_from_file (path, warnings, &error);
  g_assert_null (kase);
  g_assert_error (error, CR_CASE_ERROR, c->code);
  g_test_message ("%s: %s", c->name, error->message);
  /* The message names the file, and the pointer or position. */
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, c->expected));
  if (c->expected2 != NULL)
    g_assert_nonnull (strstr (error->message, c->expected2));
  g_assert_cmpuint (warnings->len, ==, 0);

  /* From memory: the same error, without a file name. */
  kase = cr_case_load_from_data (contents, length, NULL, NULL, &data_error);
  g_assert_null (kase);
  g_assert_error (data_error, CR_CASE_ERROR, c->code);
  g_assert_null (strstr (data_error->message, path));
  if (!g_str_has_prefix (c->expected, "case.json"))
    g_assert_nonnull (strstr (data_error->message, c->expected));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_io_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-case-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  CrCase *kase;

  kase = cr_case_load_from_file (missing, NULL, &error);
  g_assert_null (kase);
  g_assert_error (error, CR_CASE_ERROR, CR_CASE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_clear_error (&error);

  kase = cr_case_load_from_file (dir, NULL, &error);
  g_assert_null (kase);
  g_assert_error (error, CR_CASE_ERROR, CR_CASE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, dir));

  g_rmdir (dir);
}

/* json-glib quotes the token it stopped at, cut at a byte count that can
 * fall inside a character: the message stays valid UTF-8 all the same. */
static void
test_parse_error_utf8 (void)
{
  static const char * const documents[] = {
    "{\"format_vers无锡示例化工有限公司\", 1}",
    "{\"company\": {\"name\": \"无锡示例精密机械有限公司\" \"uscc\": 1}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCase) kase = cr_case_load_from_data (documents[i], -1, NULL, NULL, &error);

      g_assert_null (kase);
      g_assert_error (error, CR_CASE_ERROR, CR_CASE_ERROR_PARSE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_load_from_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-case-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *path = g_build_filename (sub, "case.json", NULL);
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", spec_example, NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *resolved = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrCase) relative = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  /* A byte-order mark, as Windows tools write it, is accepted. */
  g_assert_true (g_file_set_contents (path, bom, -1, NULL));

  kase = cr_case_load_from_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_base_dir (kase), ==, sub);
  resolved = cr_case_resolve_path (kase, "attachments/receipt.pdf");
  expected = g_build_filename (sub, "attachments", "receipt.pdf", NULL);
  g_assert_cmpstr (resolved, ==, expected);
  g_clear_pointer (&resolved, g_free);
  resolved = cr_case_resolve_path (kase, "/abs/../x.pdf");
  g_assert_cmpstr (resolved, ==, "/x.pdf");
  g_assert_null (cr_case_resolve_path (kase, ""));

  /* A relative path gives an absolute base directory. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  relative = cr_case_load_from_file ("sub/case.json", NULL, &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_base_dir (relative), ==, sub);

  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_incomplete (void)
{
  g_autoptr(CrCase) kase = cr_case_new ();
  g_autoptr(CrCase) lenient = NULL;
  g_autoptr(CrCase) empty = NULL;
  g_autoptr(CrCaseRecord) record = cr_case_record_new ("r1");
  g_autoptr(CrCaseMaterial) material = cr_case_material_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *data = NULL;
  g_autofree char *empty_data = NULL;

  /* A new case is written and read back as it is. */
  empty_data = cr_case_to_data (kase, NULL);
  empty = cr_case_load_from_data (empty_data, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_case_equal (kase, empty));

  /* A record still being typed in is not valid interchange v1 … */
  cr_case_add_record (kase, record);
  cr_case_add_material (kase, material);
  data = cr_case_to_data (kase, NULL);
  g_assert_null (cr_case_load_from_data (data, -1, NULL, NULL, &error));
  g_assert_error (error, CR_CASE_ERROR, CR_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/records/0/decision_date"));
  g_clear_error (&error);

  /* … but the app reads its own saves back, and validation names what is missing. */
  lenient = cr_case_load_from_data_full (data, -1, NULL, NULL, CR_CASE_LOAD_ALLOW_INCOMPLETE,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_case_equal (kase, lenient));
  g_assert_null (cr_case_record_get_domain (cr_case_get_record (lenient, 0)));

  problems = cr_case_validate (lenient, NULL);
  g_assert_true (has_problem (problems, "company-name-missing", "/company/name"));
  g_assert_true (has_problem (problems, "company-uscc-missing", "/company/uscc"));
  g_assert_true (has_problem (problems, "record-decision-number-missing",
                              "/records/0/decision_number"));
  g_assert_true (has_problem (problems, "record-authority-missing", "/records/0/authority"));
  g_assert_true (has_problem (problems, "record-decision-date-missing",
                              "/records/0/decision_date"));
  g_assert_true (has_problem (problems, "record-domain-missing", "/records/0/domain"));
  g_assert_true (has_problem (problems, "record-no-penalties", "/records/0/penalties"));
  g_assert_true (has_problem (problems, "material-slot-missing", "/materials/0/slot"));
  g_assert_true (has_problem (problems, "material-path-missing", "/materials/0/path"));
  g_assert_true (cr_problem_list_has_errors (problems));
}

static void
test_validate (void)
{
  static const char *id_number = "110105194912310021";  /* wrong check digit */
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) kase = load_string (spec_example, NULL, &error);
  g_autoptr(CrCaseRecord) r2 = cr_case_record_new ("r1");
  g_autoptr(CrCaseMaterial) stray = cr_case_material_new ("other", "r9", "../elsewhere.pdf");
  g_autoptr(GPtrArray) problems = NULL;
  CrCaseRecord *r1;
  GDate today, date;

  g_assert_no_error (error);
  set_date (&today, 2025, 6, 1);

  /* The example as it is: only its attachments are missing. */
  problems = cr_case_validate (kase, &today);
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);
      g_assert_cmpstr (problem->code, ==, "material-file-missing");
    }
  g_assert_cmpuint (problems->len, ==, 2);
  g_clear_pointer (&problems, g_ptr_array_unref);

  cr_case_set_company_uscc (kase, "91320206MA1N2P3Q0K");
  cr_case_set_applicant_id_number (kase, id_number);
  cr_case_set_applicant_email (kase, "not an address");
  r1 = cr_case_get_record (kase, 0);
  cr_case_record_set_decision_number (r1, "锡惠市监处罚〔2026〕123号");
  set_date (&date, 2025, 3, 1);
  cr_case_record_set_fine_paid_date (r1, &date);
  set_date (&date, 2025, 2, 1);
  cr_case_record_set_publication_date (r1, &date);
  cr_case_record_add_penalty (r1, "warning", 100);
  cr_case_record_add_penalty (r1, "fine", -1);
  cr_case_add_record (kase, r2);
  set_date (&date, 2025, 6, 2);
  cr_case_record_set_decision_date (r2, &date);
  cr_case_record_set_decision_number (r2, "锡惠市监处罚〔2025〕7号");
  cr_case_record_set_authority (r2, "某局");
  cr_case_record_set_domain (r2, "tax");
  cr_case_record_set_fine_paid_amount (r2, 100);
  cr_case_add_material (kase, stray);

  problems = cr_case_validate (kase, &today);
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s %s %s: %s", cr_severity_to_string (problem->severity), problem->code,
                      problem->pointer, problem->message);
      /* Personal data never appears in a message. */
      g_assert_null (strstr (problem->message, id_number));
      g_assert_nonnull (problem->pointer);
      g_assert_true (problem->pointer[0] == '/');
    }

  g_assert_true (has_problem (problems, "company-uscc-invalid", "/company/uscc"));
  g_assert_true (has_problem (problems, "applicant-id-number-invalid", "/applicant/id_number"));
  g_assert_true (has_problem (problems, "applicant-email-invalid", "/applicant/email"));
  g_assert_true (has_problem (problems, "decision-number-year-after-decision",
                              "/records/0/decision_number"));
  g_assert_true (has_problem (problems, "record-fine-paid-before-decision",
                              "/records/0/performance/fine_paid_date"));
  g_assert_true (has_problem (problems, "record-publication-before-decision",
                              "/records/0/publication_date"));
  g_assert_true (has_problem (problems, "penalty-amount-unexpected",
                              "/records/0/penalties/2/amount"));
  g_assert_true (has_problem (problems, "penalty-amount-missing",
                              "/records/0/penalties/3/amount"));
  g_assert_true (has_problem (problems, "record-id-duplicate", "/records/1/id"));
  g_assert_true (has_problem (problems, "record-decision-date-future",
                              "/records/1/decision_date"));
  g_assert_true (has_problem (problems, "record-no-penalties", "/records/1/penalties"));
  g_assert_true (has_problem (problems, "record-fine-paid-date-missing",
                              "/records/1/performance/fine_paid_date"));
  g_assert_true (has_problem (problems, "record-fine-paid-without-fine",
                              "/records/1/performance/fine_paid_amount"));
  g_assert_true (has_problem (problems, "material-record-unknown", "/materials/2/record"));
  g_assert_true (has_problem (problems, "material-outside-case", "/materials/2/path"));
  g_assert_true (has_problem (problems, "material-file-missing", "/materials/2/path"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A valid ID number, a lower-case code: a warning with the normal spelling. */
  cr_case_set_applicant_id_number (kase, "11010519491231002X");
  cr_case_set_company_uscc (kase, " 91320206ma1n2p3q0j ");
  problems = cr_case_validate (kase, &today);
  g_assert_false (has_problem (problems, "applicant-id-number-invalid", "/applicant/id_number"));
  g_assert_false (has_problem (problems, "company-uscc-invalid", "/company/uscc"));
  g_assert_true (has_problem (problems, "company-uscc-not-normalized", "/company/uscc"));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autoptr(CrCase) kase = cr_case_new ();
  g_autoptr(CrCaseRecord) record = cr_case_record_new (NULL);
  g_autoptr(CrCaseMaterial) material = cr_case_material_new ("commitment", NULL, "a.pdf");
  guint changed = 0, modified = 0, name = 0, record_notify = 0;
  guint64 generation;
  GDate date;

  g_signal_connect (kase, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (kase, "notify::modified", G_CALLBACK (notify_count_cb), &modified);
  g_signal_connect (kase, "notify::company-name", G_CALLBACK (notify_count_cb), &name);
  g_signal_connect (record, "notify::decision-date", G_CALLBACK (notify_count_cb),
                    &record_notify);

  g_assert_false (cr_case_get_modified (kase));
  cr_case_set_company_name (kase, "A");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (name, ==, 1);
  g_assert_cmpuint (modified, ==, 1);
  g_assert_true (cr_case_get_modified (kase));

  /* The same value again changes nothing. */
  g_object_set (kase, "company-name", "A", NULL);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (name, ==, 1);

  cr_case_add_record (kase, record);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpstr (cr_case_record_get_id (record), ==, "");
  cr_case_record_set_id (record, "r1");
  g_assert_cmpuint (changed, ==, 3);
  set_date (&date, 2025, 1, 1);
  cr_case_record_set_decision_date (record, &date);
  cr_case_record_set_decision_date (record, &date);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (record_notify, ==, 1);
  cr_case_record_add_penalty (record, "fine", 100);
  cr_case_record_set_penalty (record, 0, "fine", 200);
  cr_case_record_set_penalty (record, 0, "fine", 200);
  g_assert_cmpuint (changed, ==, 6);
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 0)), ==, 200);
  cr_case_record_remove_penalty (record, 0);
  g_assert_cmpuint (changed, ==, 7);

  cr_case_add_material (kase, material);
  cr_case_material_set_record (material, "r1");
  g_assert_cmpuint (changed, ==, 9);

  /* Saving clears "modified"; the next change sets it again. */
  generation = cr_case_get_generation (kase);
  cr_case_set_saved_generation (kase, generation);
  g_assert_false (cr_case_get_modified (kase));
  g_assert_cmpuint (modified, ==, 2);
  cr_case_set_applicant_role (kase, CR_APPLICANT_ROLE_AGENT);
  g_assert_true (cr_case_get_modified (kase));
  g_assert_cmpuint (modified, ==, 3);
  g_assert_cmpuint (cr_case_get_generation (kase), ==, generation + 1);

  /* Removed children no longer count. */
  cr_case_remove_record (kase, 0);
  cr_case_remove_material (kase, 0);
  g_assert_cmpuint (changed, ==, 12);
  cr_case_record_set_authority (record, "x");
  cr_case_material_set_path (material, "b.pdf");
  g_assert_cmpuint (changed, ==, 12);

  /* The case does not keep its children alive, nor they the case. */
  g_assert_finalize_object (g_steal_pointer (&kase));
  g_assert_finalize_object (g_steal_pointer (&record));
  g_assert_finalize_object (g_steal_pointer (&material));
}

static void
test_copy_and_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) kase = load_string (unknown_keys_doc, NULL, &error);
  g_autoptr(CrCase) copy = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  copy = cr_case_copy (kase);
  g_assert_true (cr_case_equal (kase, copy));
  g_assert_false (cr_case_get_modified (copy));
  g_assert_cmpstr (cr_case_get_base_dir (copy), ==, cr_case_get_base_dir (kase));

  cr_case_set_company_name (copy, "B");
  g_assert_false (cr_case_equal (kase, copy));
  g_assert_cmpstr (cr_case_get_company_name (kase), ==, "A");

  id = cr_case_make_record_id (kase);
  g_assert_cmpstr (id, ==, "r2");
}

static void
test_enums (void)
{
  CrSeverityClass severity;
  CrRecordKind kind;
  CrApplicantRole role;

  g_assert_true (cr_severity_class_from_string ("specific_serious", &severity));
  g_assert_cmpint (severity, ==, CR_SEVERITY_CLASS_SPECIFIC_SERIOUS);
  g_assert_false (cr_severity_class_from_string ("unknown", &severity));
  g_assert_false (cr_severity_class_from_string (NULL, &severity));
  g_assert_null (cr_severity_class_to_string (CR_SEVERITY_CLASS_UNKNOWN));
  g_assert_true (cr_record_kind_from_string ("serious_dishonesty_list", &kind));
  g_assert_cmpstr (cr_record_kind_to_string (kind), ==, "serious_dishonesty_list");
  g_assert_true (cr_applicant_role_from_string ("legal_representative", &role));
  g_assert_false (cr_applicant_role_from_string ("Agent", &role));

  g_assert_cmpuint (g_strv_length ((char **) cr_domain_get_all ()), ==, 14);
  g_assert_cmpuint (g_strv_length ((char **) cr_penalty_type_get_all ()), ==, 14);
  g_assert_cmpuint (g_strv_length ((char **) cr_slot_get_standard ()), ==, 9);
  g_assert_true (cr_domain_is_valid ("construction_quality"));
  g_assert_false (cr_domain_is_valid ("Food"));
  g_assert_true (cr_penalty_type_has_amount ("confiscation_of_illegal_gains"));
  g_assert_false (cr_penalty_type_has_amount ("warning"));
  g_assert_true (cr_slot_id_is_valid ("training_certificate"));
  g_assert_true (cr_slot_id_is_valid ("local_form_2"));
  g_assert_false (cr_slot_id_is_valid ("2form"));
  g_assert_false (cr_slot_id_is_valid (""));
  g_assert_false (cr_slot_id_is_valid ("a-b"));
  g_assert_true (cr_slot_is_standard ("credit_report"));
  g_assert_false (cr_slot_is_standard ("local_form_2"));

  g_assert_cmpstr (cr_domain_get_label ("fire"), ==, "Fire safety");
  g_assert_cmpstr (cr_slot_get_label ("local_form_2"), ==, "local_form_2");
  g_assert_cmpstr (cr_penalty_type_get_label ("closure"), ==, "Order to close");
  g_assert_cmpstr (cr_severity_class_get_label (CR_SEVERITY_CLASS_GENERAL), ==, "General");
  for (const char * const *id = cr_domain_get_all (); *id != NULL; id++)
    g_assert_true (cr_domain_get_label (*id) != *id);
  for (const char * const *id = cr_penalty_type_get_all (); *id != NULL; id++)
    g_assert_true (cr_penalty_type_get_label (*id) != *id);
  for (const char * const *id = cr_slot_get_standard (); *id != NULL; id++)
    g_assert_true (cr_slot_get_label (*id) != *id);
}

static void
test_extensions (void)
{
  g_autoptr(CrCase) kase = cr_case_new ();
  g_autoptr(CrCase) reloaded = NULL;
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string ("{\"status\": \"submitted\"}", NULL);
  g_autoptr(JsonNode) other = json_from_string ("[1, 2]", NULL);
  g_autofree char *data = NULL;
  g_autofree char *strict = NULL;
  guint changed = 0;

  g_signal_connect (kase, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_null (cr_case_get_extension (kase, "app_tracking"));

  cr_case_set_extension (kase, "app_tracking", value);
  cr_case_set_extension (kase, "app_tracking", value);
  cr_case_set_extension (kase, "app_notes", other);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (json_node_equal (cr_case_get_extension (kase, "app_tracking"), value));

  /* Kept, read back without warnings, left out of interchange exports. */
  data = cr_case_to_data (kase, NULL);
  g_assert_true (strstr (data, "\"app_tracking\"") < strstr (data, "\"app_notes\""));
  reloaded = cr_case_load_from_data (data, -1, NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_true (json_node_equal (cr_case_get_extension (reloaded, "app_tracking"), value));
  strict = cr_case_to_data_full (kase, CR_CASE_WRITE_DROP_UNKNOWN, NULL);
  g_assert_null (strstr (strict, "app_"));

  /* Replacing keeps the place, removing removes. */
  cr_case_set_extension (kase, "app_tracking", other);
  g_clear_pointer (&data, g_free);
  data = cr_case_to_data (kase, NULL);
  g_assert_true (strstr (data, "\"app_tracking\"") < strstr (data, "\"app_notes\""));
  cr_case_set_extension (kase, "app_tracking", NULL);
  cr_case_set_extension (kase, "app_notes", NULL);
  cr_case_set_extension (kase, "app_notes", NULL);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_null (cr_case_get_extension (kase, "app_notes"));
  g_clear_pointer (&data, g_free);
  data = cr_case_to_data (kase, NULL);
  g_assert_null (strstr (data, "app_"));

  /* Only top-level keys are extensions. */
  g_ptr_array_set_size (warnings, 0);
  g_clear_object (&reloaded);
  reloaded = load_string ("{\"format\": \"org.example.CreditRepair.case\", \"format_version\": 1,"
                          " \"company\": {\"name\": \"A\", \"uscc\": \"\", \"app_x\": 1},"
                          " \"applicant\": {\"role\": \"agent\"}, \"records\": [],"
                          " \"app_y\": true}", warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_problem (warnings, "case-unknown-key", "/company/app_x"));
}

static void
test_json_pointer_escape (void)
{
  g_autofree char *a = cr_case_json_pointer_escape ("a/b~c");
  g_autofree char *b = cr_case_json_pointer_escape ("~/");

  g_assert_cmpstr (a, ==, "a~1b~0c");
  g_assert_cmpstr (b, ==, "~0~1");
}

/* The shipped samples load strictly, without warnings, validate without
 * errors and round-trip. */
static void
test_samples (void)
{
  const char *samples_dir = g_getenv ("CREDIT_REPAIR_SAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;
  GDate today;

  if (samples_dir == NULL)
    {
      g_test_skip ("CREDIT_REPAIR_SAMPLES_DIR is not set");
      return;
    }

  dir = g_dir_open (samples_dir, 0, &error);
  g_assert_no_error (error);
  set_date (&today, 2026, 11, 27);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (samples_dir, name, "case.json", NULL);
      g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(CrCase) kase = NULL;
      g_autoptr(CrCase) reloaded = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      g_test_message ("sample %s", name);
      kase = cr_case_load_from_file (path, warnings, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (warnings->len, ==, 0);

      problems = cr_case_validate (kase, &today);
      for (guint i = 0; i < problems->len; i++)
        {
          const CrProblem *problem = g_ptr_array_index (problems, i);

          g_test_message ("%s: %s %s %s", name, problem->code, problem->pointer, problem->message);
        }
      g_assert_cmpuint (problems->len, ==, 0);

      g_assert_true (cr_uscc_is_valid (cr_case_get_company_uscc (kase)));
      reloaded = assert_round_trip (kase);
      n++;
    }

  g_assert_cmpuint (n, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case/spec-example", test_spec_example);
  g_test_add_func ("/case/round-trip/all-fields", test_round_trip_all_fields);
  g_test_add_func ("/case/unknown-keys", test_unknown_keys);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/case/errors/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_errors);
    }
  g_test_add_func ("/case/errors/io", test_io_errors);
  g_test_add_func ("/case/errors/parse-utf8", test_parse_error_utf8);
  g_test_add_func ("/case/load-from-file", test_load_from_file);
  g_test_add_func ("/case/incomplete", test_incomplete);
  g_test_add_func ("/case/validate", test_validate);
  g_test_add_func ("/case/changed-signal", test_changed_signal);
  g_test_add_func ("/case/copy-and-ids", test_copy_and_ids);
  g_test_add_func ("/case/enums", test_enums);
  g_test_add_func ("/case/extensions", test_extensions);
  g_test_add_func ("/case/json-pointer-escape", test_json_pointer_escape);
  g_test_add_func ("/case/samples", test_samples);

  return g_test_run ();
}
