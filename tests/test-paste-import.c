/* test-paste-import.c: penalty records from text copied off Credit China
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The companies, people and numbers below are fictional; the USCCs are the
 * synthetic ones of credit-repair-rules.md §6.
 */

#include <string.h>

#include "cr-paste-import.h"
#include "cr-problem.h"

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *text)
{
  return g_ptr_array_find_with_equal_func (array, text, g_str_equal, NULL);
}

static JsonObject *
record_at (CrPasteResult *result,
           guint          index)
{
  g_assert_cmpuint (index, <, json_array_get_length (result->records));
  return json_array_get_object_element (result->records, index);
}

static CrPasteRecord *
item_at (CrPasteResult *result,
         guint          index)
{
  g_assert_cmpuint (index, <, result->items->len);
  return g_ptr_array_index (result->items, index);
}

static void
assert_string_member (JsonObject *object,
                      const char *key,
                      const char *expected)
{
  if (expected == NULL)
    {
      g_assert_false (json_object_has_member (object, key) &&
                      !json_object_get_null_member (object, key));
      return;
    }

  g_assert_true (json_object_has_member (object, key));
  g_assert_cmpstr (json_object_get_string_member (object, key), ==, expected);
}

/* Checks the penalties against "type[=amount]" items. */
static void
assert_penalties (JsonObject         *record,
                  const char * const *expected)
{
  JsonArray *penalties;
  guint n = g_strv_length ((char **) expected);

  g_assert_true (json_object_has_member (record, "penalties"));
  penalties = json_object_get_array_member (record, "penalties");
  g_assert_cmpuint (json_array_get_length (penalties), ==, n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *penalty = json_array_get_object_element (penalties, i);
      g_auto(GStrv) parts = g_strsplit (expected[i], "=", 2);

      g_assert_cmpstr (json_object_get_string_member (penalty, "type"), ==, parts[0]);
      if (parts[1] != NULL)
        g_assert_cmpstr (json_object_get_string_member (penalty, "amount"), ==, parts[1]);
      else
        g_assert_false (json_object_has_member (penalty, "amount"));
    }
}

static guint
count_problems (CrPasteResult *result,
                const char    *code,
                const char    *pointer)
{
  guint n = 0;

  for (guint i = 0; i < result->problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (result->problems, i);

      if (g_str_equal (problem->code, code) &&
          (pointer == NULL || g_strcmp0 (problem->pointer, pointer) == 0))
        n++;
    }

  return n;
}

/* The whole result as text, to check that something is nowhere in it. */
static char *
dump_result (CrPasteResult *result)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  GString *out = g_string_new (NULL);
  g_autofree char *json = NULL;

  json_node_set_array (node, result->records);
  json = json_to_string (node, FALSE);
  g_string_append (out, json);

  for (guint i = 0; i < result->unrecognised->len; i++)
    g_string_append_printf (out, "\n%s", (char *) g_ptr_array_index (result->unrecognised, i));

  for (guint i = 0; i < result->problems->len; i++)
    g_string_append_printf (out, "\n%s",
                            ((CrProblem *) g_ptr_array_index (result->problems, i))->message);

  for (guint i = 0; i < result->items->len; i++)
    {
      CrPasteRecord *item = g_ptr_array_index (result->items, i);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, item->details);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_string_append_printf (out, "\n%s=%s", (char *) key, (char *) value);
      for (guint j = 0; j < item->labels->len; j++)
        g_string_append_printf (out, "\n%s", (char *) g_ptr_array_index (item->labels, j));
    }

  return g_string_free (out, FALSE);
}

/* 1. One record as the current Credit China page shows it: full-width
 *    colons, value on the label's line, amounts in 万元. */
static void
test_credit_china_page (void)
{
  static const char text[] =
    "信用中国\n"
    "行政处罚信息\n"
    "行政相对人名称：无锡示例精密机械有限公司\n"
    "行政相对人类别：法人及非法人组织\n"
    "统一社会信用代码：91320206MA1N2P3Q0J\n"
    "法定代表人：张伟\n"
    "法定代表人证件类型：身份证\n"
    "法定代表人证件号码：110101199003071234\n"
    "行政处罚决定书文号：锡惠市监处罚〔2025〕123号\n"
    "违法行为类型：违反《中华人民共和国产品质量法》\n"
    "违法事实：当事人生产的机械零部件经抽检不合格\n"
    "处罚依据：《中华人民共和国产品质量法》第四十九条\n"
    "处罚类别：警告;罚款\n"
    "处罚内容：警告，罚款人民币5000元\n"
    "罚款金额(万元)：0.5\n"
    "没收违法所得、没收非法财物的金额(万元)：0\n"
    "暂扣或吊销证照名称及编号：-\n"
    "处罚决定日期：2025年3月10日\n"
    "处罚有效期：2026年3月10日\n"
    "公示截止期：2026年3月10日\n"
    "处罚机关：无锡市惠山区市场监督管理局\n"
    "处罚机关统一社会信用代码：11320206MB0A123423\n"
    "数据来源：无锡市惠山区市场监督管理局\n"
    "数据来源单位统一社会信用代码：11320206MB0A123423\n";
  g_autoptr(CrPasteResult) result = cr_paste_import_parse (text);
  g_autofree char *dump = NULL;
  JsonObject *record;
  CrPasteRecord *item;

  g_assert_cmpuint (json_array_get_length (result->records), ==, 1);
  record = record_at (result, 0);
  item = item_at (result, 0);
  g_assert_true (item->record == record);

  assert_string_member (record, "id", "r1");
  assert_string_member (record, "kind", "administrative_penalty");
  assert_string_member (record, "decision_number", "锡惠市监处罚〔2025〕123号");
  assert_string_member (record, "authority", "无锡市惠山区市场监督管理局");
  assert_string_member (record, "decision_date", "2025-03-10");
  assert_string_member (record, "domain", "market_regulation");
  assert_penalties (record, (const char *[]) { "warning", "fine=5000", NULL });
  g_assert_true (json_object_get_null_member (record, "severity"));
  g_assert_true (json_object_get_null_member (record, "publication_date"));
  g_assert_false (json_object_has_member (record, "rectification_ordered"));

  g_assert_cmpstr (result->company_name, ==, "无锡示例精密机械有限公司");
  g_assert_cmpstr (result->uscc, ==, "91320206MA1N2P3Q0J");
  g_assert_cmpstr (item->company_name, ==, "无锡示例精密机械有限公司");
  g_assert_cmpstr (item->uscc, ==, "91320206MA1N2P3Q0J");

  /* The domain is a guess; the rest came from the text. */
  g_assert_cmpuint (item->guessed->len, ==, 1);
  g_assert_true (str_array_contains (item->guessed, "domain"));
  g_assert_true (str_array_contains (item->fields, "decision_number"));
  g_assert_true (str_array_contains (item->fields, "authority"));
  g_assert_true (str_array_contains (item->fields, "decision_date"));
  g_assert_true (str_array_contains (item->fields, "penalties"));
  g_assert_false (str_array_contains (item->fields, "domain"));
  g_assert_false (str_array_contains (item->fields, "severity"));

  g_assert_true (str_array_contains (item->labels, "行政处罚决定书文号"));
  g_assert_true (str_array_contains (item->labels, "罚款金额(万元)"));
  g_assert_true (str_array_contains (item->labels, "公示截止期"));
  g_assert_cmpstr (g_hash_table_lookup (item->details, "公示截止期"), ==, "2026年3月10日");
  g_assert_cmpstr (g_hash_table_lookup (item->details, "处罚依据"), ==,
                   "《中华人民共和国产品质量法》第四十九条");
  g_assert_cmpstr (g_hash_table_lookup (item->details, "数据来源"), ==,
                   "无锡市惠山区市场监督管理局");
  g_assert_null (g_hash_table_lookup (item->details, "暂扣或吊销证照名称及编号"));

  /* The page header is not understood, and says so. */
  g_assert_cmpuint (result->unrecognised->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->unrecognised, 0), ==, "信用中国");
  g_assert_cmpstr (g_ptr_array_index (result->unrecognised, 1), ==, "行政处罚信息");
  g_assert_false (cr_problem_list_has_errors (result->problems));
  g_assert_cmpuint (result->problems->len, ==, 0);

  /* The legal representative's ID number is recognised and dropped. */
  g_assert_true (str_array_contains (item->labels, "法定代表人证件号码"));
  dump = dump_result (result);
  g_assert_null (strstr (dump, "110101199003071234"));
}

/* 2. A table copied from the page: each label on its own line, the value
 *    on the next, blank lines, full-width parentheses, no colons. */
static void
test_table_copy (void)
{
  static const char text[] =
    "  行政相对人名称  \n"
    "无锡示例新材料科技有限公司\n"
    "\n"
    "统一社会信用代码\n"
    "\n"
    "９１３２０２１１ｍａ１ｒ７ｔ８ｕ７３\n"
    "行政处罚决定书文号\n"
    "锡滨应急罚〔2024〕56号\n"
    "处罚类别\n"
    "罚款、没收违法所得\n"
    "罚款金额（万元）\n"
    "1.2\n"
    "没收违法所得、没收非法财物的金额（万元）\n"
    "0.035\n"
    "处罚内容\n"
    "罚款人民币壹万贰仟元整，没收违法所得三百五十元，\n"
    "并责令限期改正。\n"
    "\n"
    "处罚决定日期\n"
    "2024/11/05\n"
    "处罚机关\n"
    "无锡市滨湖区应急管理局\n";
  g_autoptr(CrPasteResult) result = cr_paste_import_parse (text);
  JsonObject *record;
  CrPasteRecord *item;

  g_assert_cmpuint (json_array_get_length (result->records), ==, 1);
  record = record_at (result, 0);
  item = item_at (result, 0);

  assert_string_member (record, "decision_number", "锡滨应急罚〔2024〕56号");
  assert_string_member (record, "authority", "无锡市滨湖区应急管理局");
  assert_string_member (record, "decision_date", "2024-11-05");
  assert_string_member (record, "domain", "work_safety");
  /* 1.2 万元 = 12000 yuan; 0.035 万元 = 350 yuan, exactly. */
  assert_penalties (record, (const char *[]) { "fine=12000",
                                               "confiscation_of_illegal_gains=350", NULL });
  /* 责令限期改正 in the content: the rectification order is guessed. */
  g_assert_true (json_object_get_boolean_member (record, "rectification_ordered"));
  g_assert_true (str_array_contains (item->guessed, "rectification_ordered"));
  g_assert_true (str_array_contains (item->guessed, "domain"));
  g_assert_false (str_array_contains (item->guessed, "penalties"));

  g_assert_cmpstr (result->company_name, ==, "无锡示例新材料科技有限公司");
  g_assert_cmpstr (result->uscc, ==, "91320211MA1R7T8U73");
  g_assert_cmpuint (result->unrecognised->len, ==, 0);
  g_assert_cmpuint (result->problems->len, ==, 0);
}

/* 3. Several records one after the other, tab-separated as a spreadsheet
 *    copy gives them; a repeated label starts the next record. */
static void
test_several_records (void)
{
  static const char text[] =
    "行政相对人名称\t无锡示例物流有限公司\r\n"
    "统一社会信用代码\t913202147628301B7E\r\n"
    "行政处罚决定书文号\t锡消行罚决字〔2025〕第0012号\r\n"
    "处罚类别\t罚款\r\n"
    "罚款金额(万元)\t0.3\r\n"
    "处罚决定日期\t2025-01-20\r\n"
    "处罚机关\t无锡市消防救援支队\r\n"
    "行政相对人名称\t无锡示例物流有限公司\r\n"
    "统一社会信用代码\t913202147628301B7E\r\n"
    "行政处罚决定书文号\t锡惠税简罚〔2025〕301号\r\n"
    "处罚类别\t罚款\r\n"
    "罚款金额\t200\r\n"
    "处罚决定日期\t2025-02-14\r\n"
    "处罚机关\t国家税务总局无锡市惠山区税务局\r\n"
    "处罚机关\t重复的处罚机关\r\n";
  g_autoptr(CrPasteResult) result = cr_paste_import_parse (text);
  JsonObject *record;

  /* The third 处罚机关 repeats within the second record: a third record
   * that holds only the authority. */
  g_assert_cmpuint (json_array_get_length (result->records), ==, 3);
  g_assert_cmpuint (result->items->len, ==, 3);

  record = record_at (result, 0);
  assert_string_member (record, "id", "r1");
  assert_string_member (record, "decision_number", "锡消行罚决字〔2025〕第0012号");
  assert_string_member (record, "domain", "fire");
  assert_string_member (record, "decision_date", "2025-01-20");
  assert_penalties (record, (const char *[]) { "fine=3000", NULL });
  /* 第 and the leading zeros are warned about, with the record's pointer. */
  g_assert_cmpuint (count_problems (result, "decision-number-di", "/records/0/decision_number"),
                    ==, 1);
  g_assert_cmpuint (count_problems (result, "decision-number-leading-zero",
                                    "/records/0/decision_number"), ==, 1);

  record = record_at (result, 1);
  assert_string_member (record, "id", "r2");
  assert_string_member (record, "decision_number", "锡惠税简罚〔2025〕301号");
  assert_string_member (record, "domain", "tax");
  /* 罚款金额 without (万元) is in yuan. */
  assert_penalties (record, (const char *[]) { "fine=200", NULL });

  record = record_at (result, 2);
  assert_string_member (record, "id", "r3");
  assert_string_member (record, "authority", "重复的处罚机关");
  g_assert_false (json_object_has_member (record, "decision_number"));
  g_assert_cmpuint (count_problems (result, "import-missing-field",
                                    "/records/2/decision_number"), ==, 1);
  g_assert_cmpuint (count_problems (result, "import-missing-field", "/records/2/decision_date"),
                    ==, 1);
  g_assert_cmpuint (count_problems (result, "import-missing-field", "/records/2/penalties"),
                    ==, 1);

  /* Missing fields in a paste are warnings: the user completes them. */
  g_assert_false (cr_problem_list_has_errors (result->problems));
  g_assert_cmpuint (count_problems (result, "paste-several-companies", NULL), ==, 0);
  g_assert_cmpstr (result->uscc, ==, "913202147628301B7E");
}

/* 4. The older page (决定文书号, 处罚名称, 处罚事由, 处罚结果) with half-width
 *    colons, no 处罚类别, a wrong USCC and a 罚款金额 in yuan. */
static void
test_older_format (void)
{
  static const char text[] =
    "决定文书号: 锡环罚字〔2023〕第00078号\n"
    "处罚名称: 关于无锡示例印染有限公司的行政处罚\n"
    "处罚事由: 超标排放水污染物，\n"
    "违反《中华人民共和国水污染防治法》第十条\n"
    "处罚结果: 罚款人民币叁万元整，并给予警告\n"
    "罚款金额: 30,000.00\n"
    "行政相对人名称: 无锡示例印染有限公司\n"
    "统一社会信用代码: 91350100M000100Y4Z\n"
    "处罚决定日期: 2023-7-4\n"
    "处罚机关: 无锡市生态环境局\n"
    "地方编码: 320200\n"
    "当前状态: 正常\n";
  g_autoptr(CrPasteResult) result = cr_paste_import_parse (text);
  JsonObject *record;
  CrPasteRecord *item;

  g_assert_cmpuint (json_array_get_length (result->records), ==, 1);
  record = record_at (result, 0);
  item = item_at (result, 0);

  assert_string_member (record, "decision_number", "锡环罚字〔2023〕第00078号");
  assert_string_member (record, "decision_date", "2023-07-04");
  assert_string_member (record, "domain", "environment");
  /* Penalties read from 处罚结果, in the order written, and marked as a
   * guess since there was no 处罚类别. */
  assert_penalties (record, (const char *[]) { "fine=30000", "warning", NULL });
  g_assert_true (str_array_contains (item->guessed, "penalties"));
  g_assert_false (str_array_contains (item->fields, "penalties"));

  /* The multi-line 处罚事由 is one detail. */
  g_assert_cmpstr (g_hash_table_lookup (item->details, "处罚事由"), ==,
                   "超标排放水污染物，\n违反《中华人民共和国水污染防治法》第十条");
  g_assert_cmpstr (g_hash_table_lookup (item->details, "当前状态"), ==, "正常");

  /* The USCC is kept as written, with a warning naming the right check
   * character. */
  g_assert_cmpstr (item->uscc, ==, "91350100M000100Y4Z");
  g_assert_cmpuint (count_problems (result, "paste-invalid-uscc", "/company/uscc"), ==, 1);
  for (guint i = 0; i < result->problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (result->problems, i);

      if (g_str_equal (problem->code, "paste-invalid-uscc"))
        g_assert_nonnull (strstr (problem->message, "“3”"));
    }
  g_assert_cmpuint (count_problems (result, "decision-number-leading-zero", NULL), ==, 1);
  g_assert_cmpuint (result->unrecognised->len, ==, 0);
}

/* 5. A messy paste: stray and ideographic spaces, labels and values
 *    separated by spaces, an unknown penalty, a date that does not exist,
 *    empty markers, a line that belongs to nothing. */
static void
test_messy_text (void)
{
  static const char text[] =
    "\u3000\u3000行政相对人名称 ： 无锡示例贸易有限公司   \n"
    "统一社会信用代码 92320206MA20KL4W41\n"
    "请核对以下信息\n"
    "行政处罚决定书文号　 （锡）关罚字［２０２５］８号 \n"
    "处罚类别：责令停产停业；取缔\n"
    "罚款金额(万元)：-\n"
    "处罚决定日期：2025-02-30\n"
    "处罚机关 ：中华人民共和国无锡海关\n"
    "\n"
    "\n"
    "以上信息仅供参考\n";
  g_autoptr(CrPasteResult) result = cr_paste_import_parse (text);
  JsonObject *record;
  CrPasteRecord *item;

  g_assert_cmpuint (json_array_get_length (result->records), ==, 1);
  record = record_at (result, 0);
  item = item_at (result, 0);

  g_assert_cmpstr (result->company_name, ==, "无锡示例贸易有限公司");
  g_assert_cmpstr (result->uscc, ==, "92320206MA20KL4W41");
  assert_string_member (record, "decision_number", "（锡）关罚字［２０２５］８号");
  assert_string_member (record, "authority", "中华人民共和国无锡海关");
  assert_string_member (record, "domain", "customs");
  /* 取缔 is not a penalty type the format knows: kept as “other”. */
  assert_penalties (record, (const char *[]) { "production_suspension", "other", NULL });
  g_assert_cmpuint (count_problems (result, "import-unknown-penalty", "/records/0/penalties"),
                    ==, 1);
  /* 2025-02-30 is not a date: left out, with a warning. */
  g_assert_false (json_object_has_member (record, "decision_date"));
  g_assert_cmpuint (count_problems (result, "import-invalid-date", "/records/0/decision_date"),
                    ==, 1);
  g_assert_false (str_array_contains (item->fields, "decision_date"));
  g_assert_false (cr_problem_list_has_errors (result->problems));

  /* Lines not understood are kept, in order. */
  g_assert_cmpuint (result->unrecognised->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->unrecognised, 0), ==, "请核对以下信息");
  g_assert_cmpstr (g_ptr_array_index (result->unrecognised, 1), ==, "以上信息仅供参考");
}

/* 6. Two companies in one paste; amounts to the fen; bad amounts. */
static void
test_companies_and_amounts (void)
{
  static const char text[] =
    "行政相对人名称：无锡示例机电有限公司\n"
    "行政处罚决定书文号：锡新市监处罚〔2025〕7号\n"
    "处罚类别：罚款\n"
    "罚款金额(万元)：12.345678\n"
    "处罚决定日期：2025.6.1\n"
    "处罚机关：无锡市新吴区市场监督管理局\n"
    "行政相对人名称：无锡示例电子有限公司\n"
    "行政处罚决定书文号：锡住建罚〔2025〕9号\n"
    "处罚类别：罚款\n"
    "罚款金额(万元)：0.0000001\n"
    "处罚决定日期：20250602\n"
    "处罚机关：无锡市住房和城乡建设局\n"
    "行政相对人名称：无锡示例人力资源有限公司\n"
    "行政处罚决定书文号：锡人社罚〔2025〕3号\n"
    "罚款金额(万元)：0.08\n"
    "处罚决定日期：2025-06-03\n"
    "处罚机关：无锡市人力资源和社会保障局\n";
  g_autoptr(CrPasteResult) result = cr_paste_import_parse (text);
  JsonObject *record;

  g_assert_cmpuint (json_array_get_length (result->records), ==, 3);

  record = record_at (result, 0);
  assert_string_member (record, "decision_date", "2025-06-01");
  assert_penalties (record, (const char *[]) { "fine=123456.78", NULL });

  /* 0.0000001 万元 is a tenth of a fen: not rounded, refused. */
  record = record_at (result, 1);
  assert_string_member (record, "decision_date", "2025-06-02");
  assert_string_member (record, "domain", "construction_quality");
  assert_penalties (record, (const char *[]) { "fine", NULL });
  g_assert_cmpuint (count_problems (result, "import-invalid-amount", "/records/1/penalties"),
                    ==, 1);

  /* No 处罚类别, but a fine amount: the fine is a guess. */
  record = record_at (result, 2);
  assert_string_member (record, "domain", "labour");
  assert_penalties (record, (const char *[]) { "fine=800", NULL });
  g_assert_true (str_array_contains (item_at (result, 2)->guessed, "penalties"));

  g_assert_cmpstr (result->company_name, ==, "无锡示例机电有限公司");
  g_assert_cmpuint (count_problems (result, "paste-several-companies", "/company/name"), ==, 2);
  g_assert_null (result->uscc);
}

static void
test_nothing_understood (void)
{
  g_autoptr(CrPasteResult) result = cr_paste_import_parse ("hello\n\nworld: 1\n");
  g_autoptr(CrPasteResult) empty = cr_paste_import_parse (NULL);
  g_autoptr(CrPasteResult) invalid = cr_paste_import_parse ("处罚机关：\xff无锡市海关\n");

  g_assert_cmpuint (json_array_get_length (result->records), ==, 0);
  g_assert_cmpuint (result->items->len, ==, 0);
  g_assert_cmpuint (result->unrecognised->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->unrecognised, 1), ==, "world: 1");
  g_assert_null (result->company_name);

  g_assert_cmpuint (json_array_get_length (empty->records), ==, 0);
  g_assert_cmpuint (empty->unrecognised->len, ==, 0);

  /* Invalid UTF-8 does not stop the import. */
  g_assert_cmpuint (json_array_get_length (invalid->records), ==, 1);
  assert_string_member (record_at (invalid, 0), "domain", "customs");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paste-import/credit-china-page", test_credit_china_page);
  g_test_add_func ("/paste-import/table-copy", test_table_copy);
  g_test_add_func ("/paste-import/several-records", test_several_records);
  g_test_add_func ("/paste-import/older-format", test_older_format);
  g_test_add_func ("/paste-import/messy-text", test_messy_text);
  g_test_add_func ("/paste-import/companies-and-amounts", test_companies_and_amounts);
  g_test_add_func ("/paste-import/nothing-understood", test_nothing_understood);

  return g_test_run ();
}
