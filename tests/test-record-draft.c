/* test-record-draft.c: the vocabulary shared by the importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cr-money.h"
#include "cr-record-draft.h"

static void
test_amounts (void)
{
  static const struct { const char *text; gboolean in_wan; gint64 fen; } valid[] = {
    { "5000", FALSE, 500000 },
    { "5,000.00", FALSE, 500000 },
    { "1,234,567.8", FALSE, 123456780 },
    { "0.5", TRUE, 500000 },
    { "0.035", TRUE, 35000 },
    { "12.345678", TRUE, 12345678 },
    { "0.000001", TRUE, 1 },
    { "0.50000000", TRUE, 500000 },
    { "3", TRUE, 3000000 },
    { "0.5万元", FALSE, 500000 },
    { "0.5万", FALSE, 500000 },
    { "5000元", TRUE, 500000 },
    { "¥1200", FALSE, 120000 },
    { "￥1200.50元", FALSE, 120050 },
    { "人民币 3000 元", FALSE, 300000 },
    { "ＲＭＢ３０００", FALSE, 300000 },
    { "０.５", TRUE, 500000 },
    { "0", TRUE, 0 },
  };
  static const struct { const char *text; gboolean in_wan; int code; } invalid[] = {
    { "", FALSE, CR_MONEY_ERROR_INVALID },
    { "-5", FALSE, CR_MONEY_ERROR_INVALID },
    { "5.001", FALSE, CR_MONEY_ERROR_INVALID },
    { "0.0000001", TRUE, CR_MONEY_ERROR_INVALID },
    { "1e3", FALSE, CR_MONEY_ERROR_INVALID },
    { "12,34", FALSE, CR_MONEY_ERROR_INVALID },
    { "五千元", FALSE, CR_MONEY_ERROR_INVALID },
    { "5.", FALSE, CR_MONEY_ERROR_INVALID },
    { "10000000000", TRUE, CR_MONEY_ERROR_TOO_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      if (!cr_record_parse_amount (valid[i].text, valid[i].in_wan, &fen, &error))
        g_error ("“%s”: %s", valid[i].text, error->message);
      g_assert_cmpint (fen, ==, valid[i].fen);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      if (cr_record_parse_amount (invalid[i].text, invalid[i].in_wan, &fen, &error))
        g_error ("“%s” was accepted", invalid[i].text);
      g_assert_error (error, CR_MONEY_ERROR, invalid[i].code);
    }
}

static void
test_penalty_types (void)
{
  static const struct { const char *text; const char *type; } cases[] = {
    { "警告", "warning" },
    { "通报批评", "circulated_criticism" },
    { "罚款", "fine" },
    { "没收违法所得", "confiscation_of_illegal_gains" },
    { "没收非法财物", "confiscation_of_illegal_property" },
    { "没收违法工具", "confiscation_of_illegal_property" },
    { "暂扣许可证件", "license_suspension" },
    { "降低资质等级", "qualification_downgrade" },
    { "吊销营业执照", "license_revocation" },
    { "吊销许可证件", "license_revocation" },
    { "限制开展生产经营活动", "business_restriction" },
    { "责令停产停业", "production_suspension" },
    { "责令关闭", "closure" },
    { "限制从业", "employment_restriction" },
    { "行政拘留", "detention" },
    { "其他", "other" },
    { "fine", "fine" },
    { "ＦＩＮＥ", "fine" },
    { "confiscation_of_illegal_gains", "confiscation_of_illegal_gains" },
    /* The first one named. */
    { "没收违法所得并处罚款", "confiscation_of_illegal_gains" },
    { "取缔", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (cr_record_penalty_type_from_text (cases[i].text), ==, cases[i].type);
}

static void
test_domains (void)
{
  static const struct { const char *authority; const char *domain; } guesses[] = {
    { "无锡市惠山区市场监督管理局", "market_regulation" },
    { "无锡市应急管理局", "work_safety" },
    { "无锡市惠山区消防救援大队", "fire" },
    { "无锡市生态环境局", "environment" },
    { "国家税务总局无锡市税务局", "tax" },
    { "中华人民共和国无锡海关", "customs" },
    { "无锡市交通运输局", "transport" },
    { "无锡市住房和城乡建设局", "construction_quality" },
    { "无锡市人力资源和社会保障局", "labour" },
    { "江苏省药品监督管理局", "drug" },
    { "无锡市公安局", "other" },
    { NULL, "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    g_assert_cmpstr (cr_record_domain_guess (guesses[i].authority), ==, guesses[i].domain);

  g_assert_cmpstr (cr_record_domain_from_text ("fire"), ==, "fire");
  g_assert_cmpstr (cr_record_domain_from_text ("消防"), ==, "fire");
  g_assert_cmpstr (cr_record_domain_from_text(" Market_Regulation "), ==, "market_regulation");
  g_assert_null (cr_record_domain_from_text ("space"));
}

static void
test_other_vocabulary (void)
{
  const char *severity = "unset";
  gboolean flag = FALSE;

  g_assert_cmpstr (cr_record_kind_from_text ("行政处罚"), ==, "administrative_penalty");
  g_assert_cmpstr (cr_record_kind_from_text ("严重失信主体名单"), ==, "serious_dishonesty_list");
  g_assert_null (cr_record_kind_from_text ("fish"));

  g_assert_true (cr_record_severity_from_text ("", &severity));
  g_assert_null (severity);
  g_assert_true (cr_record_severity_from_text ("特定严重失信", &severity));
  g_assert_cmpstr (severity, ==, "specific_serious");
  g_assert_true (cr_record_severity_from_text ("General", &severity));
  g_assert_cmpstr (severity, ==, "general");
  g_assert_false (cr_record_severity_from_text ("huge", &severity));

  g_assert_true (cr_record_boolean_from_text ("是", &flag));
  g_assert_true (flag);
  g_assert_true (cr_record_boolean_from_text ("NO", &flag));
  g_assert_false (flag);
  g_assert_false (cr_record_boolean_from_text ("maybe", &flag));
}

static void
collect_cb (gpointer       user_data,
            CrSeverity     severity,
            const char    *code,
            CrRecordField  field,
            const char    *message)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s %s %s", cr_severity_to_string (severity),
                                               code, cr_record_field_get_key (field)));
}

static void
test_build_modes (void)
{
  g_autoptr(CrRecordDraft) draft = cr_record_draft_new ();
  g_autoptr(GPtrArray) strict_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lenient_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) guessed = g_ptr_array_new ();
  g_autoptr(JsonObject) strict = NULL;
  g_autoptr(JsonObject) lenient = NULL;
  JsonArray *penalties;

  g_assert_true (cr_record_draft_is_empty (draft));
  cr_record_draft_set (draft, CR_RECORD_FIELD_AUTHORITY, "  无锡市消防救援支队 ");
  cr_record_draft_set (draft, CR_RECORD_FIELD_DECISION_NUMBER, "   ");
  cr_record_draft_set (draft, CR_RECORD_FIELD_FINE_AMOUNT, "800");
  cr_record_draft_set (draft, CR_RECORD_FIELD_CONTENT, "给予警告，责令改正");
  g_assert_false (cr_record_draft_is_empty (draft));
  g_assert_null (draft->values[CR_RECORD_FIELD_DECISION_NUMBER]);

  /* Strict: the missing fields and the fine without penalty are errors,
   * only the domain is guessed. */
  strict = cr_record_draft_build (draft, CR_RECORD_DRAFT_STRICT, collect_cb, strict_problems,
                                  guessed);
  g_assert_cmpstr (json_object_get_string_member (strict, "authority"), ==, "无锡市消防救援支队");
  g_assert_cmpstr (json_object_get_string_member (strict, "domain"), ==, "fire");
  g_assert_false (json_object_has_member (strict, "penalties"));
  g_assert_false (json_object_has_member (strict, "rectification_ordered"));
  g_assert_cmpuint (guessed->len, ==, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (strict_problems,
                                                   "error import-missing-field decision_number",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (strict_problems,
                                                   "error import-missing-field decision_date",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (strict_problems,
                                                   "error import-amount-without-penalty fine_amount",
                                                   g_str_equal, NULL));

  /* Lenient: warnings, and the penalties and rectification order read
   * from the content. */
  g_ptr_array_set_size (guessed, 0);
  lenient = cr_record_draft_build (draft, CR_RECORD_DRAFT_LENIENT, collect_cb, lenient_problems,
                                   guessed);
  penalties = json_object_get_array_member (lenient, "penalties");
  g_assert_cmpuint (json_array_get_length (penalties), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (penalties, 0),
                                                  "type"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (penalties, 1),
                                                  "amount"), ==, "800");
  g_assert_true (json_object_get_boolean_member (lenient, "rectification_ordered"));
  g_assert_cmpuint (guessed->len, ==, 3);
  for (guint i = 0; i < lenient_problems->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (lenient_problems, i), "warning "));
  g_assert_cmpuint (lenient_problems->len, ==, 2);  /* decision number, decision date */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-draft/amounts", test_amounts);
  g_test_add_func ("/record-draft/penalty-types", test_penalty_types);
  g_test_add_func ("/record-draft/domains", test_domains);
  g_test_add_func ("/record-draft/other-vocabulary", test_other_vocabulary);
  g_test_add_func ("/record-draft/build-modes", test_build_modes);

  return g_test_run ();
}
