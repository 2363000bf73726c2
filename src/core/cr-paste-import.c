/* cr-paste-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is read line by line. A line is a label with its value
 * (“处罚机关：无锡市…”, “处罚机关<TAB>无锡市…”, “处罚机关 无锡市…”), a
 * label alone (its value is on the next non-blank line, as when a table
 * is copied), the value of such a label, or the continuation of a
 * free-text value (处罚内容, 违法事实, 处罚依据 …) up to the next blank
 * line. Anything else is kept in the list of lines not understood. A label
 * that the current record already has starts the next record.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-paste-import.h"
#include "cr-problem.h"
#include "cr-record-draft.h"
#include "cr-text.h"
#include "cr-uscc.h"

typedef enum
{
  LABEL_RECORD,   /* a field of the record */
  LABEL_COMPANY,  /* 行政相对人名称 */
  LABEL_USCC,     /* 统一社会信用代码 */
  LABEL_DETAIL,   /* shown on the page, no record key: kept in details */
  LABEL_PRIVATE,  /* personal data: recognised, the value is dropped */
} LabelKind;

typedef struct
{
  const char    *label;      /* full-width folded, no spaces */
  const char    *canonical;  /* the same for all spellings of one field */
  LabelKind      kind;
  CrRecordField  field;      /* for LABEL_RECORD */
  gboolean       in_wan;     /* amounts in 万元 */
  gboolean       multiline;  /* free text that may go on over several lines */
} Label;

#define RECORD(l, c, f)  { l, c, LABEL_RECORD, f, FALSE, FALSE }
#define DETAIL(l, c)     { l, c, LABEL_DETAIL, 0, FALSE, FALSE }
#define FREE_TEXT(l, c)  { l, c, LABEL_DETAIL, 0, FALSE, TRUE }

static const Label labels[] = {
  /* The Credit China (双公示) names first, then older and local ones. */
  RECORD ("行政处罚决定书文号", "行政处罚决定书文号", CR_RECORD_FIELD_DECISION_NUMBER),
  RECORD ("决定文书号", "行政处罚决定书文号", CR_RECORD_FIELD_DECISION_NUMBER),
  RECORD ("处罚决定书文号", "行政处罚决定书文号", CR_RECORD_FIELD_DECISION_NUMBER),
  RECORD ("决定书文号", "行政处罚决定书文号", CR_RECORD_FIELD_DECISION_NUMBER),
  RECORD ("行政处罚决定文书号", "行政处罚决定书文号", CR_RECORD_FIELD_DECISION_NUMBER),
  RECORD ("处罚类别", "处罚类别", CR_RECORD_FIELD_PENALTIES),
  RECORD ("处罚种类", "处罚类别", CR_RECORD_FIELD_PENALTIES),
  RECORD ("处罚类型", "处罚类别", CR_RECORD_FIELD_PENALTIES),
  RECORD ("处罚决定日期", "处罚决定日期", CR_RECORD_FIELD_DECISION_DATE),
  RECORD ("决定日期", "处罚决定日期", CR_RECORD_FIELD_DECISION_DATE),
  RECORD ("处罚日期", "处罚决定日期", CR_RECORD_FIELD_DECISION_DATE),
  RECORD ("作出处罚决定日期", "处罚决定日期", CR_RECORD_FIELD_DECISION_DATE),
  RECORD ("处罚机关", "处罚机关", CR_RECORD_FIELD_AUTHORITY),
  RECORD ("决定机关", "处罚机关", CR_RECORD_FIELD_AUTHORITY),
  RECORD ("处罚决定机关", "处罚机关", CR_RECORD_FIELD_AUTHORITY),
  RECORD ("实施机关", "处罚机关", CR_RECORD_FIELD_AUTHORITY),
  RECORD ("公示日期", "公示日期", CR_RECORD_FIELD_PUBLICATION_DATE),
  { "处罚内容", "处罚内容", LABEL_RECORD, CR_RECORD_FIELD_CONTENT, FALSE, TRUE },
  { "处罚结果", "处罚内容", LABEL_RECORD, CR_RECORD_FIELD_CONTENT, FALSE, TRUE },
  { "罚款金额(万元)", "罚款金额", LABEL_RECORD, CR_RECORD_FIELD_FINE_AMOUNT, TRUE, FALSE },
  { "罚款金额(元)", "罚款金额", LABEL_RECORD, CR_RECORD_FIELD_FINE_AMOUNT, FALSE, FALSE },
  { "罚款金额", "罚款金额", LABEL_RECORD, CR_RECORD_FIELD_FINE_AMOUNT, FALSE, FALSE },
  { "没收违法所得、没收非法财物的金额(万元)", "没收违法所得、没收非法财物的金额",
    LABEL_RECORD, CR_RECORD_FIELD_CONFISCATION_AMOUNT, TRUE, FALSE },
  { "没收违法所得、没收非法财物的金额(元)", "没收违法所得、没收非法财物的金额",
    LABEL_RECORD, CR_RECORD_FIELD_CONFISCATION_AMOUNT, FALSE, FALSE },
  { "没收违法所得、没收非法财物的金额", "没收违法所得、没收非法财物的金额",
    LABEL_RECORD, CR_RECORD_FIELD_CONFISCATION_AMOUNT, FALSE, FALSE },
  { "没收违法所得没收非法财物的金额(万元)", "没收违法所得、没收非法财物的金额",
    LABEL_RECORD, CR_RECORD_FIELD_CONFISCATION_AMOUNT, TRUE, FALSE },

  { "行政相对人名称", "行政相对人名称", LABEL_COMPANY, 0, FALSE, FALSE },
  { "当事人名称", "行政相对人名称", LABEL_COMPANY, 0, FALSE, FALSE },
  { "企业名称", "行政相对人名称", LABEL_COMPANY, 0, FALSE, FALSE },
  { "统一社会信用代码", "统一社会信用代码", LABEL_USCC, 0, FALSE, FALSE },
  { "行政相对人统一社会信用代码", "统一社会信用代码", LABEL_USCC, 0, FALSE, FALSE },
  { "行政相对人代码_1(统一社会信用代码)", "统一社会信用代码", LABEL_USCC, 0, FALSE, FALSE },

  DETAIL ("违法行为类型", "违法行为类型"),
  FREE_TEXT ("违法事实", "违法事实"),
  FREE_TEXT ("主要违法事实", "违法事实"),
  FREE_TEXT ("处罚依据", "处罚依据"),
  FREE_TEXT ("处罚事由", "处罚事由"),
  FREE_TEXT ("备注", "备注"),
  DETAIL ("处罚名称", "处罚名称"),
  DETAIL ("数据来源", "数据来源"),
  DETAIL ("数据来源单位", "数据来源单位"),
  DETAIL ("数据来源单位统一社会信用代码", "数据来源单位统一社会信用代码"),
  DETAIL ("处罚机关统一社会信用代码", "处罚机关统一社会信用代码"),
  DETAIL ("公示截止期", "公示截止期"),
  DETAIL ("公示截止日期", "公示截止期"),
  DETAIL ("处罚有效期", "处罚有效期"),
  DETAIL ("暂扣或吊销证照名称及编号", "暂扣或吊销证照名称及编号"),
  DETAIL ("行政相对人类别", "行政相对人类别"),
  DETAIL ("法定代表人", "法定代表人"),
  DETAIL ("法定代表人(负责人)", "法定代表人"),
  DETAIL ("工商注册号", "工商注册号"),
  DETAIL ("组织机构代码", "组织机构代码"),
  DETAIL ("税务登记号", "税务登记号"),
  DETAIL ("事业单位证书号", "事业单位证书号"),
  DETAIL ("社会组织登记证号", "社会组织登记证号"),
  DETAIL ("地方编码", "地方编码"),
  DETAIL ("当前状态", "当前状态"),
  DETAIL ("数据更新时间", "数据更新时间"),
  DETAIL ("信息使用范围", "信息使用范围"),
  DETAIL ("法定代表人证件类型", "法定代表人证件类型"),
  DETAIL ("证件类型", "法定代表人证件类型"),

  { "法定代表人证件号码", "法定代表人证件号码", LABEL_PRIVATE, 0, FALSE, FALSE },
  { "证件号码", "法定代表人证件号码", LABEL_PRIVATE, 0, FALSE, FALSE },
  { "法定代表人身份证号码", "法定代表人证件号码", LABEL_PRIVATE, 0, FALSE, FALSE },
  { "身份证号码", "法定代表人证件号码", LABEL_PRIVATE, 0, FALSE, FALSE },
  { "身份证号", "法定代表人证件号码", LABEL_PRIVATE, 0, FALSE, FALSE },
};

#undef RECORD
#undef DETAIL
#undef FREE_TEXT

/* What the page shows for an empty field. */
static const char * const empty_values[] = { "-", "--", "—", "——", "/", "无", "暂无" };

typedef struct
{
  CrRecordDraft *draft;
  GHashTable    *seen;      /* canonical labels of this record */
  GPtrArray     *labels;
  GHashTable    *details;
  char          *company_name;
  char          *uscc;
} Pending;

typedef struct
{
  CrPasteResult *result;
  Pending       *current;
  const Label   *awaiting;        /* a label whose value is on a later line */
  const Label   *continuing;      /* a free-text label that may go on */
} Parser;

static void
paste_record_free (CrPasteRecord *item)
{
  g_clear_pointer (&item->record, json_object_unref);
  g_free (item->company_name);
  g_free (item->uscc);
  g_clear_pointer (&item->labels, g_ptr_array_unref);
  g_clear_pointer (&item->fields, g_ptr_array_unref);
  g_clear_pointer (&item->guessed, g_ptr_array_unref);
  g_clear_pointer (&item->details, g_hash_table_unref);
  g_free (item);
}

void
cr_paste_result_free (CrPasteResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->records, json_array_unref);
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_free (result->company_name);
  g_free (result->uscc);
  g_clear_pointer (&result->unrecognised, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

static const Label *
find_label (const char *text)
{
  g_autofree char *folded = cr_text_fold_width (text);
  g_autofree char *key = cr_text_remove_spaces (folded);

  if (*key == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (key, labels[i].label))
        return &labels[i];
    }

  return NULL;
}

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0;
}

/* Splits @line into a known label and its value (NULL when the line holds
 * only the label). */
static const Label *
split_label (const char  *line,
             char       **label_text,
             char       **value)
{
  const char *colon = NULL;
  const char *tab;
  const Label *label;

  *label_text = NULL;
  *value = NULL;

  /* “label：value” or “label:value”, whichever colon comes first. */
  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ':' || c == 0xFF1A)
        {
          g_autofree char *head = g_strndup (line, p - line);

          colon = p;
          if ((label = find_label (head)) != NULL)
            {
              *label_text = cr_text_strip (head);
              *value = cr_text_strip (g_utf8_next_char (colon));
              return label;
            }
          break;
        }
    }

  /* A row copied from a table: “label<TAB>value”. */
  if ((tab = strchr (line, '\t')) != NULL)
    {
      g_autofree char *head = g_strndup (line, tab - line);

      if ((label = find_label (head)) != NULL)
        {
          *label_text = cr_text_strip (head);
          *value = cr_text_strip (tab + 1);
          return label;
        }
    }

  /* The label alone. */
  if ((label = find_label (line)) != NULL)
    {
      *label_text = cr_text_strip (line);
      return label;
    }

  /* “label value”, separated by spaces. */
  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_space_char (g_utf8_get_char (p)))
        {
          g_autofree char *head = g_strndup (line, p - line);

          if ((label = find_label (head)) != NULL)
            {
              *label_text = cr_text_strip (head);
              *value = cr_text_strip (p);
              return label;
            }
          break;
        }
    }

  return NULL;
}

static void
pending_free (Pending *pending)
{
  if (pending == NULL)
    return;

  cr_record_draft_free (pending->draft);
  g_hash_table_unref (pending->seen);
  g_clear_pointer (&pending->labels, g_ptr_array_unref);
  g_clear_pointer (&pending->details, g_hash_table_unref);
  g_free (pending->company_name);
  g_free (pending->uscc);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static Pending *
pending_new (void)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->draft = cr_record_draft_new ();
  pending->seen = g_hash_table_new (g_str_hash, g_str_equal);
  pending->labels = g_ptr_array_new_with_free_func (g_free);
  pending->details = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  return pending;
}

/* The JSON pointer, below the record, of a draft field. */
static const char *
field_pointer (CrRecordField field)
{
  switch (field)
    {
    case CR_RECORD_FIELD_FINE_AMOUNT:
    case CR_RECORD_FIELD_CONFISCATION_AMOUNT:
    case CR_RECORD_FIELD_CONTENT:
      return "penalties";
    case CR_RECORD_FIELD_FINE_PAID_AMOUNT:
      return "performance/fine_paid_amount";
    case CR_RECORD_FIELD_FINE_PAID_DATE:
      return "performance/fine_paid_date";
    case CR_RECORD_FIELD_RECTIFICATION_COMPLETED:
      return "performance/rectification_completed";
    case CR_RECORD_FIELD_ID:
    case CR_RECORD_FIELD_KIND:
    case CR_RECORD_FIELD_DECISION_NUMBER:
    case CR_RECORD_FIELD_AUTHORITY:
    case CR_RECORD_FIELD_DECISION_DATE:
    case CR_RECORD_FIELD_PUBLICATION_DATE:
    case CR_RECORD_FIELD_DOMAIN:
    case CR_RECORD_FIELD_PENALTIES:
    case CR_RECORD_FIELD_SEVERITY:
    case CR_RECORD_FIELD_SIMPLE_PROCEDURE:
    case CR_RECORD_FIELD_RECTIFICATION_ORDERED:
    case CR_RECORD_N_FIELDS:
    default:
      return cr_record_field_get_key (field);
    }
}

typedef struct
{
  GPtrArray *problems;
  guint      index;
} ReportData;

static void
report_cb (gpointer       user_data,
           CrSeverity     severity,
           const char    *code,
           CrRecordField  field,
           const char    *message)
{
  ReportData *data = user_data;
  g_autofree char *pointer = g_strdup_printf ("/records/%u/%s", data->index,
                                              field_pointer (field));

  cr_problem_list_add (data->problems, severity, code, pointer, "%s", message);
}

/* Turns the current record into a CrPasteRecord. */
static void
finish_record (Parser *parser)
{
  g_autoptr(Pending) pending = g_steal_pointer (&parser->current);
  CrPasteResult *result = parser->result;
  CrPasteRecord *item;
  ReportData data = { result->problems, result->items->len };
  g_autofree char *id = NULL;
  GList *members;

  parser->awaiting = NULL;
  parser->continuing = NULL;

  if (pending == NULL)
    return;

  id = g_strdup_printf ("r%u", result->items->len + 1);
  cr_record_draft_set (pending->draft, CR_RECORD_FIELD_ID, id);

  item = g_new0 (CrPasteRecord, 1);
  item->guessed = g_ptr_array_new ();
  item->record = cr_record_draft_build (pending->draft, CR_RECORD_DRAFT_LENIENT,
                                        report_cb, &data, item->guessed);
  item->labels = g_steal_pointer (&pending->labels);
  item->details = g_steal_pointer (&pending->details);
  item->company_name = g_steal_pointer (&pending->company_name);

  /* What came from the text: every key with a value, except the ones this
   * importer fills itself (id, kind) and the guesses. */
  item->fields = g_ptr_array_new_with_free_func (g_free);
  members = json_object_get_members (item->record);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (g_str_equal (key, "id") || g_str_equal (key, "kind") ||
          json_object_get_null_member (item->record, key) ||
          g_ptr_array_find_with_equal_func (item->guessed, key, g_str_equal, NULL))
        continue;
      g_ptr_array_add (item->fields, g_strdup (key));
    }
  g_list_free (members);

  if (pending->uscc != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *valid = cr_uscc_normalize_and_validate (pending->uscc, &error);

      item->uscc = cr_uscc_normalize (pending->uscc);
      if (valid == NULL)
        cr_problem_list_add (result->problems, CR_SEVERITY_WARNING, "paste-invalid-uscc",
                             "/company/uscc",
                             _("The unified social credit code %s of record %u is not valid: %s"),
                             item->uscc, data.index + 1, error->message);
    }

  if (item->company_name != NULL)
    {
      if (result->company_name == NULL)
        result->company_name = g_strdup (item->company_name);
      else if (!g_str_equal (result->company_name, item->company_name))
        cr_problem_list_add (result->problems, CR_SEVERITY_WARNING, "paste-several-companies",
                             "/company/name",
                             _("The records name different companies: %s and %s"),
                             result->company_name, item->company_name);
    }
  if (item->uscc != NULL)
    {
      if (result->uscc == NULL)
        result->uscc = g_strdup (item->uscc);
      else if (!g_str_equal (result->uscc, item->uscc))
        cr_problem_list_add (result->problems, CR_SEVERITY_WARNING, "paste-several-companies",
                             "/company/uscc",
                             _("The records carry different unified social credit codes: "
                               "%s and %s"),
                             result->uscc, item->uscc);
    }

  json_array_add_object_element (result->records, json_object_ref (item->record));
  g_ptr_array_add (result->items, item);
}

static gboolean
is_empty_value (const char *value)
{
  if (value == NULL || *value == '\0')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (empty_values); i++)
    {
      if (g_str_equal (value, empty_values[i]))
        return TRUE;
    }

  return FALSE;
}

static void
set_value (Parser      *parser,
           const Label *label,
           const char  *value)
{
  Pending *current = parser->current;

  if (is_empty_value (value))
    return;

  switch (label->kind)
    {
    case LABEL_RECORD:
      if (label->field == CR_RECORD_FIELD_FINE_AMOUNT)
        current->draft->fine_amount_in_wan = label->in_wan;
      else if (label->field == CR_RECORD_FIELD_CONFISCATION_AMOUNT)
        current->draft->confiscation_amount_in_wan = label->in_wan;
      cr_record_draft_set (current->draft, label->field, value);
      break;

    case LABEL_COMPANY:
      g_free (current->company_name);
      current->company_name = cr_text_strip (value);
      break;

    case LABEL_USCC:
      g_free (current->uscc);
      current->uscc = cr_text_strip (value);
      break;

    case LABEL_DETAIL:
      g_hash_table_replace (current->details, (gpointer) label->canonical, g_strdup (value));
      break;

    case LABEL_PRIVATE:
    default:
      /* Personal ID numbers are never kept, shown or logged. */
      break;
    }
}

/* Appends a continuation line to a free-text value. */
static void
append_value (Parser      *parser,
              const Label *label,
              const char  *line)
{
  Pending *current = parser->current;
  const char *old;
  g_autofree char *joined = NULL;

  if (label->kind == LABEL_RECORD)
    old = current->draft->values[label->field];
  else
    old = g_hash_table_lookup (current->details, label->canonical);

  joined = old != NULL ? g_strconcat (old, "\n", line, NULL) : g_strdup (line);
  set_value (parser, label, joined);
}

/**
 * cr_paste_import_parse:
 * @text: (nullable): text copied from the Credit China website
 *
 * Reads one or more administrative-penalty records written as label–value
 * pairs: full- or half-width colons, the value on the label's line or on
 * the next one, the labels in any order, with blank lines and stray spaces.
 * A label that the current record already has starts the next record.
 *
 * The records are interchange v1 objects with ids "r1", "r2" …, kind
 * administrative_penalty and severity null (the page does not say);
 * dates become YYYY-MM-DD, penalties come from 处罚类别 with the amounts of
 * 罚款金额 and 没收…金额 (万元 converted exactly), and the domain is guessed
 * from the authority's name. Every guess is listed in the record's
 * `guessed`; every line that was not understood is in `unrecognised`.
 *
 * Returns: (transfer full): the result, never NULL
 */
CrPasteResult *
cr_paste_import_parse (const char *text)
{
  CrPasteResult *result = g_new0 (CrPasteResult, 1);
  Parser parser = { result, NULL, NULL, NULL };
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_auto(GStrv) lines = NULL;

  result->records = json_array_new ();
  result->items = g_ptr_array_new_with_free_func ((GDestroyNotify) paste_record_free);
  result->unrecognised = g_ptr_array_new_with_free_func (g_free);
  result->problems = cr_problem_list_new ();

  /* \r\n and lone \r become \n, then every line is stripped. */
  g_strdelimit (valid, "\r", '\n');
  lines = g_strsplit (valid, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = cr_text_strip (lines[i]);
      g_autofree char *label_text = NULL;
      g_autofree char *value = NULL;
      const Label *label;

      if (*line == '\0')
        {
          /* A blank line ends free text, but a label may still wait for
           * its value below it. */
          parser.continuing = NULL;
          continue;
        }

      label = split_label (line, &label_text, &value);
      if (label != NULL)
        {
          if (parser.current != NULL &&
              g_hash_table_contains (parser.current->seen, label->canonical))
            finish_record (&parser);
          if (parser.current == NULL)
            parser.current = pending_new ();

          g_hash_table_add (parser.current->seen, (gpointer) label->canonical);
          g_ptr_array_add (parser.current->labels, g_steal_pointer (&label_text));
          parser.continuing = NULL;
          parser.awaiting = NULL;

          if (value != NULL && *value != '\0')
            {
              set_value (&parser, label, value);
              if (label->multiline)
                parser.continuing = label;
            }
          else
            {
              parser.awaiting = label;
            }
          continue;
        }

      if (parser.awaiting != NULL)
        {
          set_value (&parser, parser.awaiting, line);
          if (parser.awaiting->multiline)
            parser.continuing = parser.awaiting;
          parser.awaiting = NULL;
          continue;
        }

      if (parser.continuing != NULL)
        {
          append_value (&parser, parser.continuing, line);
          continue;
        }

      g_ptr_array_add (result->unrecognised, g_steal_pointer (&line));
    }

  finish_record (&parser);

  return result;
}
