/* cr-record-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money stays in integer fen throughout: 0.35 万元 is shifted to 3500 yuan
 * as a decimal string, never multiplied as a float.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-date.h"
#include "cr-decision-number.h"
#include "cr-money.h"
#include "cr-record-draft.h"
#include "cr-text.h"

static const char * const field_keys[CR_RECORD_N_FIELDS] = {
  [CR_RECORD_FIELD_ID] = "id",
  [CR_RECORD_FIELD_KIND] = "kind",
  [CR_RECORD_FIELD_DECISION_NUMBER] = "decision_number",
  [CR_RECORD_FIELD_AUTHORITY] = "authority",
  [CR_RECORD_FIELD_DECISION_DATE] = "decision_date",
  [CR_RECORD_FIELD_PUBLICATION_DATE] = "publication_date",
  [CR_RECORD_FIELD_DOMAIN] = "domain",
  [CR_RECORD_FIELD_PENALTIES] = "penalties",
  [CR_RECORD_FIELD_FINE_AMOUNT] = "fine_amount",
  [CR_RECORD_FIELD_CONFISCATION_AMOUNT] = "confiscation_amount",
  [CR_RECORD_FIELD_CONTENT] = "content",
  [CR_RECORD_FIELD_SEVERITY] = "severity",
  [CR_RECORD_FIELD_SIMPLE_PROCEDURE] = "simple_procedure",
  [CR_RECORD_FIELD_RECTIFICATION_ORDERED] = "rectification_ordered",
  [CR_RECORD_FIELD_FINE_PAID_AMOUNT] = "fine_paid_amount",
  [CR_RECORD_FIELD_FINE_PAID_DATE] = "fine_paid_date",
  [CR_RECORD_FIELD_RECTIFICATION_COMPLETED] = "rectification_completed",
};

/**
 * cr_record_field_get_key:
 *
 * Returns: the field's name: the interchange key where there is one
 * ("decision_date"), otherwise the CSV template's column name
 * ("fine_amount", "content")
 */
const char *
cr_record_field_get_key (CrRecordField field)
{
  g_return_val_if_fail (field < CR_RECORD_N_FIELDS, NULL);

  return field_keys[field];
}

CrRecordDraft *
cr_record_draft_new (void)
{
  return g_new0 (CrRecordDraft, 1);
}

void
cr_record_draft_free (CrRecordDraft *draft)
{
  if (draft == NULL)
    return;

  for (guint i = 0; i < CR_RECORD_N_FIELDS; i++)
    g_free (draft->values[i]);
  g_free (draft);
}

/**
 * cr_record_draft_set:
 * @value: (nullable): the text; stripped, and NULL when empty
 */
void
cr_record_draft_set (CrRecordDraft *draft,
                     CrRecordField  field,
                     const char    *value)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (draft != NULL);
  g_return_if_fail (field < CR_RECORD_N_FIELDS);

  stripped = cr_text_strip (value);
  g_clear_pointer (&draft->values[field], g_free);
  if (*stripped != '\0')
    draft->values[field] = g_steal_pointer (&stripped);
}

gboolean
cr_record_draft_is_empty (const CrRecordDraft *draft)
{
  for (guint i = 0; i < CR_RECORD_N_FIELDS; i++)
    {
      if (draft->values[i] != NULL)
        return FALSE;
    }

  return TRUE;
}

/* --- Vocabulary ---------------------------------------------------------- */

/* Matched as substrings, the more specific spellings first: a match marks
 * its bytes as used, so 没收违法所得 does not also count as 没收. */
static const struct
{
  const char *word;
  const char *type;
} penalty_words[] = {
  { "通报批评", "circulated_criticism" },
  { "警告", "warning" },
  { "没收违法所得", "confiscation_of_illegal_gains" },
  { "没收非法财物", "confiscation_of_illegal_property" },
  { "没收", "confiscation_of_illegal_property" },
  { "罚款", "fine" },
  { "暂扣", "license_suspension" },
  { "降低资质等级", "qualification_downgrade" },
  { "降低资质", "qualification_downgrade" },
  { "吊销", "license_revocation" },
  { "限制开展生产经营活动", "business_restriction" },
  { "限制生产经营", "business_restriction" },
  { "责令停产停业", "production_suspension" },
  { "停产停业", "production_suspension" },
  { "停业整顿", "production_suspension" },
  { "责令关闭", "closure" },
  { "限制从业", "employment_restriction" },
  { "禁止从业", "employment_restriction" },
  { "行政拘留", "detention" },
  { "拘留", "detention" },
  { "其他", "other" },
  { "其它", "other" },
};

static const char * const penalty_ids[] = {
  "warning", "circulated_criticism", "fine", "confiscation_of_illegal_gains",
  "confiscation_of_illegal_property", "license_suspension", "qualification_downgrade",
  "license_revocation", "business_restriction", "production_suspension", "closure",
  "employment_restriction", "detention", "other",
};

static const char * const rectification_words[] = {
  "责令改正", "责令限期改正", "限期改正", "限期整改", "责令整改", "停止违法行为", "责令停止",
};

static const struct
{
  const char *word;
  const char *domain;
} domain_guesses[] = {
  /* 药品监督管理局 before 市场监督管理局, which it does not contain but
   * whose 监督管理 the reader would otherwise think of. */
  { "药品监督管理", "drug" },
  { "市场监督管理", "market_regulation" },
  { "市场监管", "market_regulation" },
  { "工商行政管理", "market_regulation" },
  { "应急管理", "work_safety" },
  { "安全生产监督管理", "work_safety" },
  { "消防", "fire" },
  { "生态环境", "environment" },
  { "环境保护", "environment" },
  { "税务", "tax" },
  { "海关", "customs" },
  { "交通运输", "transport" },
  { "住房和城乡建设", "construction_quality" },
  { "住房城乡建设", "construction_quality" },
  { "人力资源和社会保障", "labour" },
  { "人力资源社会保障", "labour" },
};

static const struct
{
  const char *text;
  const char *domain;
} domain_names[] = {
  { "market_regulation", "market_regulation" }, { "市场监管", "market_regulation" },
  { "市场监督管理", "market_regulation" },
  { "food", "food" }, { "食品", "food" }, { "食品安全", "food" },
  { "drug", "drug" }, { "药品", "drug" },
  { "special_equipment", "special_equipment" }, { "特种设备", "special_equipment" },
  { "work_safety", "work_safety" }, { "安全生产", "work_safety" },
  { "fire", "fire" }, { "消防", "fire" },
  { "environment", "environment" }, { "生态环境", "environment" }, { "环境", "environment" },
  { "construction_quality", "construction_quality" },
  { "建设工程质量", "construction_quality" }, { "工程质量", "construction_quality" },
  { "product_certification", "product_certification" },
  { "产品认证", "product_certification" }, { "认证", "product_certification" },
  { "transport", "transport" }, { "交通运输", "transport" },
  { "tax", "tax" }, { "税务", "tax" },
  { "customs", "customs" }, { "海关", "customs" },
  { "labour", "labour" }, { "劳动", "labour" }, { "劳动保障", "labour" },
  { "other", "other" }, { "其他", "other" }, { "其它", "other" },
};

static const struct
{
  const char *text;
  const char *kind;
} kind_names[] = {
  { "administrative_penalty", "administrative_penalty" },
  { "行政处罚", "administrative_penalty" },
  { "serious_dishonesty_list", "serious_dishonesty_list" },
  { "严重失信主体名单", "serious_dishonesty_list" },
  { "严重失信名单", "serious_dishonesty_list" },
  { "other", "other" }, { "其他", "other" }, { "其它", "other" },
};

static const struct
{
  const char *text;
  const char *severity;
} severity_names[] = {
  { "minor", "minor" }, { "轻微", "minor" }, { "轻微失信", "minor" },
  { "general", "general" }, { "一般", "general" }, { "一般失信", "general" },
  { "serious", "serious" }, { "严重", "serious" }, { "严重失信", "serious" },
  { "specific_serious", "specific_serious" }, { "特定严重", "specific_serious" },
  { "特定严重失信", "specific_serious" }, { "特别严重", "specific_serious" },
};

/* Folded, without spaces, ASCII lower-cased: the form vocabulary lookups
 * compare. */
static char *
fold_for_lookup (const char *text)
{
  g_autofree char *folded = cr_text_fold_width (text);
  g_autofree char *spaceless = cr_text_remove_spaces (folded);

  return g_ascii_strdown (spaceless, -1);
}

typedef struct
{
  gsize       offset;
  const char *type;
} PenaltyMatch;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const PenaltyMatch *ma = a;
  const PenaltyMatch *mb = b;

  return ma->offset < mb->offset ? -1 : ma->offset > mb->offset ? 1 : 0;
}

/* Adds to @types (no duplicates) the penalty types named in @token, in the
 * order they are written. Returns whether any was found. */
static gboolean
scan_penalties (const char *token,
                gboolean    include_other,
                GPtrArray  *types)
{
  gsize length = strlen (token);
  g_autofree gboolean *used = g_new0 (gboolean, length + 1);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (PenaltyMatch));

  for (guint i = 0; i < G_N_ELEMENTS (penalty_ids); i++)
    {
      if (g_str_equal (token, penalty_ids[i]))
        {
          if (!g_ptr_array_find_with_equal_func (types, penalty_ids[i], g_str_equal, NULL))
            g_ptr_array_add (types, (gpointer) penalty_ids[i]);
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (penalty_words); i++)
    {
      gsize word_length = strlen (penalty_words[i].word);
      const char *p = token;

      if (!include_other && g_str_equal (penalty_words[i].type, "other"))
        continue;

      while ((p = strstr (p, penalty_words[i].word)) != NULL)
        {
          gsize offset = p - token;
          gboolean free_range = TRUE;

          for (gsize j = offset; j < offset + word_length; j++)
            free_range = free_range && !used[j];

          if (free_range)
            {
              PenaltyMatch match = { offset, penalty_words[i].type };

              for (gsize j = offset; j < offset + word_length; j++)
                used[j] = TRUE;
              g_array_append_val (matches, match);
            }
          p += word_length;
        }
    }

  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len; i++)
    {
      const char *type = g_array_index (matches, PenaltyMatch, i).type;

      if (!g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL))
        g_ptr_array_add (types, (gpointer) type);
    }

  return matches->len > 0;
}

/**
 * cr_record_penalty_type_from_text:
 * @text: one penalty: an interchange id ("fine") or its Chinese name
 *   (罚款, 吊销营业执照, 责令停产停业 …)
 *
 * Returns: (nullable): the penalty-type id of the first penalty named
 */
const char *
cr_record_penalty_type_from_text (const char *text)
{
  g_autofree char *token = fold_for_lookup (text);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();

  if (!scan_penalties (token, TRUE, types))
    return NULL;

  return g_ptr_array_index (types, 0);
}

static GRegex *
list_separator_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("[;,、/|+\\s]+", G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

/* Splits a list such as “警告、罚款；没收违法所得” into penalty types;
 * items that name none are added to @unknown as written. */
static void
penalties_from_list (const char *text,
                     GPtrArray  *types,
                     GPtrArray  *unknown)
{
  g_autofree char *folded = cr_text_fold_width (text);
  g_auto(GStrv) items = g_regex_split (list_separator_regex (), folded, 0);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *token = NULL;

      if (*items[i] == '\0')
        continue;

      token = g_ascii_strdown (items[i], -1);
      if (!scan_penalties (token, TRUE, types))
        g_ptr_array_add (unknown, g_strdup (items[i]));
    }
}

static gboolean
mentions_rectification (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rectification_words); i++)
    {
      if (strstr (text, rectification_words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * cr_record_domain_from_text:
 * @text: an interchange domain id or its Chinese name (市场监管, 消防 …)
 *
 * Returns: (nullable): the domain id
 */
const char *
cr_record_domain_from_text (const char *text)
{
  g_autofree char *key = fold_for_lookup (text);

  for (guint i = 0; i < G_N_ELEMENTS (domain_names); i++)
    {
      if (g_str_equal (key, domain_names[i].text))
        return domain_names[i].domain;
    }

  return NULL;
}

/**
 * cr_record_domain_guess:
 * @authority: (nullable): the deciding authority's name
 *
 * Guesses the domain from words in the authority's name: 市场监督管理 →
 * market_regulation, 应急管理 → work_safety, 消防 → fire, 生态环境 →
 * environment, 税务 → tax, 海关 → customs, 交通运输 → transport, 住房和城乡
 * 建设 → construction_quality, 人力资源和社会保障 → labour.
 *
 * Returns: the domain id, "other" when no word matches
 */
const char *
cr_record_domain_guess (const char *authority)
{
  g_autofree char *key = fold_for_lookup (authority);

  for (guint i = 0; i < G_N_ELEMENTS (domain_guesses); i++)
    {
      if (strstr (key, domain_guesses[i].word) != NULL)
        return domain_guesses[i].domain;
    }

  return "other";
}

/**
 * cr_record_kind_from_text:
 * @text: a record-kind id or its Chinese name (行政处罚, 严重失信主体名单)
 *
 * Returns: (nullable): the kind id
 */
const char *
cr_record_kind_from_text (const char *text)
{
  g_autofree char *key = fold_for_lookup (text);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (key, kind_names[i].text))
        return kind_names[i].kind;
    }

  return NULL;
}

/**
 * cr_record_severity_from_text:
 * @text: (nullable): a severity id or its Chinese name (一般, 严重失信 …)
 * @severity: (out): the severity id, NULL (JSON null) for empty @text
 *
 * Returns: whether @text was understood
 */
gboolean
cr_record_severity_from_text (const char  *text,
                              const char **severity)
{
  g_autofree char *key = fold_for_lookup (text);

  *severity = NULL;
  if (*key == '\0' || g_str_equal (key, "null") || g_str_equal (key, "未知"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    {
      if (g_str_equal (key, severity_names[i].text))
        {
          *severity = severity_names[i].severity;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cr_record_boolean_from_text:
 * @text: true/false, yes/no, y/n, 1/0, 是/否, 有/无
 *
 * Returns: whether @text was understood
 */
gboolean
cr_record_boolean_from_text (const char *text,
                             gboolean   *value)
{
  static const char * const yes[] = { "true", "yes", "y", "1", "是", "有" };
  static const char * const no[] = { "false", "no", "n", "0", "否", "无" };
  g_autofree char *key = fold_for_lookup (text);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_str_equal (key, yes[i]))
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_str_equal (key, no[i]))
        {
          *value = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static GRegex *
amount_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* Optional currency sign, digits with optional thousands separators,
       * optional decimals, optional unit. */
      GRegex *r = g_regex_new ("^(?:¥|￥|人民币|rmb)?"
                               "([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.([0-9]+))?"
                               "(万元|万|元)?$",
                               G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

/**
 * cr_record_parse_amount:
 * @text: an amount: 5000, 5,000.00, 0.5万元, ¥1200元, with full-width
 *   digits too
 * @in_wan: whether a number without a unit is in 万元 (as in Credit
 *   China's 罚款金额(万元)); a unit in @text wins
 * @fen: (out): the amount in fen
 *
 * Converts exactly: 0.000001 万元 is 1 fen, and an amount that is not a
 * whole number of fen is refused rather than rounded.
 */
gboolean
cr_record_parse_amount (const char  *text,
                        gboolean     in_wan,
                        gint64      *fen,
                        GError     **error)
{
  g_autofree char *key = fold_for_lookup (text);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *fraction = NULL;
  g_autofree char *unit = NULL;
  g_autoptr(GString) yuan = NULL;
  g_autofree char *shown = cr_text_strip (text);
  gsize shift;
  gsize decimals;

  g_return_val_if_fail (fen != NULL, FALSE);

  if (!g_regex_match (amount_regex (), key, 0, &match))
    {
      g_set_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_INVALID,
                   _("“%s” is not an amount of money"), shown);
      return FALSE;
    }

  whole = g_match_info_fetch (match, 1);
  fraction = g_match_info_fetch (match, 2);
  unit = g_match_info_fetch (match, 3);
  if (*unit != '\0')
    in_wan = g_str_has_prefix (unit, "万");

  /* Move the decimal point four places right for 万元. */
  yuan = g_string_new (NULL);
  for (const char *p = whole; *p != '\0'; p++)
    {
      if (*p != ',')
        g_string_append_c (yuan, *p);
    }
  shift = in_wan ? 4 : 0;
  for (gsize i = 0; i < shift; i++)
    g_string_append_c (yuan, i < strlen (fraction) ? fraction[i] : '0');

  /* What is left after the point must fit in fen; trailing zeros are
   * harmless (0.50000 万元). */
  decimals = strlen (fraction) > shift ? strlen (fraction) - shift : 0;
  while (decimals > 0 && fraction[shift + decimals - 1] == '0')
    decimals--;
  if (decimals > 2)
    {
      g_set_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_INVALID,
                   _("“%s” is not a whole number of fen"), shown);
      return FALSE;
    }
  if (decimals > 0)
    {
      g_string_append_c (yuan, '.');
      g_string_append_len (yuan, fraction + shift, decimals);
    }

  if (!cr_money_parse (yuan->str, fen, NULL))
    {
      g_set_error (error, CR_MONEY_ERROR, CR_MONEY_ERROR_TOO_LARGE,
                   _("The amount “%s” is too large"), shown);
      return FALSE;
    }

  return TRUE;
}

/**
 * cr_record_parse_date:
 * @text: a date as cr_text_parse_loose_date() understands it
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD, or NULL
 */
char *
cr_record_parse_date (const char *text)
{
  GDate date;

  if (!cr_text_parse_loose_date (text, &date))
    return NULL;

  return cr_date_format (&date);
}

/* --- Building ------------------------------------------------------------ */

typedef struct
{
  const CrRecordDraft     *draft;
  CrRecordDraftMode        mode;
  CrRecordDraftReportFunc  report;
  gpointer                 user_data;
  GPtrArray               *guessed;
} Builder;

static void report (Builder       *builder,
                    CrSeverity     severity,
                    const char    *code,
                    CrRecordField  field,
                    const char    *format,
                    ...) G_GNUC_PRINTF (5, 6);

static void
report (Builder       *builder,
        CrSeverity     severity,
        const char    *code,
        CrRecordField  field,
        const char    *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (builder->report == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  builder->report (builder->user_data, severity, code, field, message);
}

/* A value that cannot be read: an error for CSV, a warning for a paste. */
static CrSeverity
problem_severity (Builder *builder)
{
  return builder->mode == CR_RECORD_DRAFT_STRICT ? CR_SEVERITY_ERROR : CR_SEVERITY_WARNING;
}

static void
guessed (Builder    *builder,
         const char *key)
{
  if (builder->guessed != NULL &&
      !g_ptr_array_find_with_equal_func (builder->guessed, key, g_str_equal, NULL))
    g_ptr_array_add (builder->guessed, (gpointer) key);
}

static const char *
value (Builder       *builder,
       CrRecordField  field)
{
  return builder->draft->values[field];
}

static void
report_missing (Builder       *builder,
                CrRecordField  field)
{
  const char *message = NULL;

  switch (field)
    {
    case CR_RECORD_FIELD_DECISION_NUMBER:
      message = _("The decision number (行政处罚决定书文号) is missing");
      break;
    case CR_RECORD_FIELD_AUTHORITY:
      message = _("The deciding authority (处罚机关) is missing");
      break;
    case CR_RECORD_FIELD_DECISION_DATE:
      message = _("The decision date (处罚决定日期) is missing");
      break;
    case CR_RECORD_FIELD_PENALTIES:
      message = _("The penalties (处罚类别) are missing");
      break;
    case CR_RECORD_FIELD_ID:
    case CR_RECORD_FIELD_KIND:
    case CR_RECORD_FIELD_PUBLICATION_DATE:
    case CR_RECORD_FIELD_DOMAIN:
    case CR_RECORD_FIELD_FINE_AMOUNT:
    case CR_RECORD_FIELD_CONFISCATION_AMOUNT:
    case CR_RECORD_FIELD_CONTENT:
    case CR_RECORD_FIELD_SEVERITY:
    case CR_RECORD_FIELD_SIMPLE_PROCEDURE:
    case CR_RECORD_FIELD_RECTIFICATION_ORDERED:
    case CR_RECORD_FIELD_FINE_PAID_AMOUNT:
    case CR_RECORD_FIELD_FINE_PAID_DATE:
    case CR_RECORD_FIELD_RECTIFICATION_COMPLETED:
    case CR_RECORD_N_FIELDS:
    default:
      g_assert_not_reached ();
    }

  report (builder, problem_severity (builder), "import-missing-field", field, "%s", message);
}

/* Copies a required text field; reports it when missing. */
static void
build_text (Builder       *builder,
            JsonObject    *object,
            CrRecordField  field)
{
  if (value (builder, field) != NULL)
    json_object_set_string_member (object, field_keys[field], value (builder, field));
  else
    report_missing (builder, field);
}

/* Returns the ISO date, or NULL (reported) when @field is set but not a
 * date. */
static char *
parse_date_field (Builder       *builder,
                  CrRecordField  field)
{
  char *iso;

  if (value (builder, field) == NULL)
    return NULL;

  iso = cr_record_parse_date (value (builder, field));
  if (iso == NULL)
    report (builder, problem_severity (builder), "import-invalid-date", field,
            _("“%s” is not a date (write it like 2025-03-10 or 2025年3月10日)"),
            value (builder, field));

  return iso;
}

/* Returns the amount in fen, 0 if absent, -1 (reported) if unreadable. */
static gint64
parse_amount_field (Builder       *builder,
                    CrRecordField  field,
                    gboolean       in_wan)
{
  g_autoptr(GError) error = NULL;
  gint64 fen = 0;

  if (value (builder, field) == NULL)
    return 0;

  if (!cr_record_parse_amount (value (builder, field), in_wan, &fen, &error))
    {
      report (builder, problem_severity (builder), "import-invalid-amount", field,
              "%s", error->message);
      return -1;
    }

  return fen;
}

static void
build_decision_number (Builder    *builder,
                       JsonObject *object,
                       int         decision_year)
{
  g_autoptr(GPtrArray) problems = cr_problem_list_new ();
  g_autoptr(CrDecisionNumber) number = NULL;

  build_text (builder, object, CR_RECORD_FIELD_DECISION_NUMBER);
  if (value (builder, CR_RECORD_FIELD_DECISION_NUMBER) == NULL)
    return;

  /* Kept as written (Credit China's spelling is what must match); the
   * parser only contributes its warnings. */
  number = cr_decision_number_parse (value (builder, CR_RECORD_FIELD_DECISION_NUMBER),
                                     decision_year, NULL, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      report (builder, problem->severity, problem->code, CR_RECORD_FIELD_DECISION_NUMBER,
              "%s", problem->message);
    }
}

static void
build_kind (Builder    *builder,
            JsonObject *object)
{
  const char *text = value (builder, CR_RECORD_FIELD_KIND);
  const char *kind = "administrative_penalty";

  if (text != NULL)
    {
      kind = cr_record_kind_from_text (text);
      if (kind == NULL)
        {
          report (builder, problem_severity (builder), "import-invalid-kind",
                  CR_RECORD_FIELD_KIND,
                  _("“%s” is not a kind of record (administrative_penalty, "
                    "serious_dishonesty_list or other)"),
                  text);
          kind = "administrative_penalty";
        }
    }

  json_object_set_string_member (object, "kind", kind);
}

static void
build_domain (Builder    *builder,
              JsonObject *object)
{
  const char *text = value (builder, CR_RECORD_FIELD_DOMAIN);
  const char *domain = NULL;

  if (text != NULL)
    {
      domain = cr_record_domain_from_text (text);
      if (domain == NULL)
        report (builder, problem_severity (builder), "import-invalid-domain",
                CR_RECORD_FIELD_DOMAIN,
                _("“%s” is not a domain such as market_regulation, fire or tax"), text);
    }

  if (domain == NULL && (text == NULL || builder->mode == CR_RECORD_DRAFT_LENIENT))
    {
      domain = cr_record_domain_guess (value (builder, CR_RECORD_FIELD_AUTHORITY));
      guessed (builder, "domain");
    }

  if (domain != NULL)
    json_object_set_string_member (object, "domain", domain);
}

static gboolean
has_type (GPtrArray  *types,
          const char *type)
{
  return g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL);
}

static void
build_penalties (Builder    *builder,
                 JsonObject *object)
{
  const CrRecordDraft *draft = builder->draft;
  const char *text = value (builder, CR_RECORD_FIELD_PENALTIES);
  const char *content = value (builder, CR_RECORD_FIELD_CONTENT);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  gint64 fine, confiscation;
  const char *confiscation_type = NULL;
  JsonArray *array;

  fine = parse_amount_field (builder, CR_RECORD_FIELD_FINE_AMOUNT, draft->fine_amount_in_wan);
  confiscation = parse_amount_field (builder, CR_RECORD_FIELD_CONFISCATION_AMOUNT,
                                     draft->confiscation_amount_in_wan);

  if (text != NULL)
    {
      penalties_from_list (text, types, unknown);
      for (guint i = 0; i < unknown->len; i++)
        {
          const char *item = g_ptr_array_index (unknown, i);

          if (builder->mode == CR_RECORD_DRAFT_STRICT)
            {
              report (builder, CR_SEVERITY_ERROR, "import-invalid-penalty",
                      CR_RECORD_FIELD_PENALTIES,
                      _("“%s” is not a penalty type such as warning, fine or 罚款"), item);
            }
          else
            {
              report (builder, CR_SEVERITY_WARNING, "import-unknown-penalty",
                      CR_RECORD_FIELD_PENALTIES,
                      _("“%s” is not a known penalty type; it was recorded as “other”"),
                      item);
              if (!has_type (types, "other"))
                g_ptr_array_add (types, (gpointer) "other");
            }
        }
    }
  else if (builder->mode == CR_RECORD_DRAFT_LENIENT && content != NULL)
    {
      /* 处罚内容 such as “给予警告，并处罚款人民币5000元”. */
      g_autofree char *folded = fold_for_lookup (content);

      if (scan_penalties (folded, FALSE, types))
        guessed (builder, "penalties");
    }

  if (fine > 0 && !has_type (types, "fine"))
    {
      if (builder->mode == CR_RECORD_DRAFT_STRICT)
        {
          report (builder, CR_SEVERITY_ERROR, "import-amount-without-penalty",
                  CR_RECORD_FIELD_FINE_AMOUNT,
                  _("A fine amount is given, but the penalties do not include a fine"));
        }
      else
        {
          g_ptr_array_add (types, (gpointer) "fine");
          guessed (builder, "penalties");
        }
    }

  for (guint i = 0; i < types->len && confiscation_type == NULL; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (types, i), "confiscation_"))
        confiscation_type = g_ptr_array_index (types, i);
    }
  if (confiscation > 0 && confiscation_type == NULL)
    {
      if (builder->mode == CR_RECORD_DRAFT_STRICT)
        {
          report (builder, CR_SEVERITY_ERROR, "import-amount-without-penalty",
                  CR_RECORD_FIELD_CONFISCATION_AMOUNT,
                  _("A confiscation amount is given, but the penalties do not include a "
                    "confiscation"));
        }
      else
        {
          confiscation_type = "confiscation_of_illegal_gains";
          g_ptr_array_add (types, (gpointer) confiscation_type);
          guessed (builder, "penalties");
        }
    }

  if (types->len == 0)
    {
      if (text == NULL)
        report_missing (builder, CR_RECORD_FIELD_PENALTIES);
      return;
    }

  array = json_array_new ();
  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);
      JsonObject *penalty = json_object_new ();
      gint64 amount = 0;

      json_object_set_string_member (penalty, "type", type);
      if (g_str_equal (type, "fine"))
        amount = fine;
      else if (type == confiscation_type)
        amount = confiscation;

      if (amount > 0)
        {
          g_autofree char *formatted = cr_money_format (amount);

          json_object_set_string_member (penalty, "amount", formatted);
        }

      json_array_add_object_element (array, penalty);
    }

  json_object_set_array_member (object, "penalties", array);
}

static void
build_boolean (Builder       *builder,
               JsonObject    *object,
               CrRecordField  field,
               const char    *key)
{
  const char *text = value (builder, field);
  gboolean flag;

  if (text == NULL)
    return;

  if (cr_record_boolean_from_text (text, &flag))
    json_object_set_boolean_member (object, key, flag);
  else
    report (builder, problem_severity (builder), "import-invalid-boolean", field,
            _("“%s” is neither yes nor no"), text);
}

static void
build_performance (Builder    *builder,
                   JsonObject *object)
{
  g_autoptr(JsonObject) performance = json_object_new ();
  g_autofree char *paid_date = NULL;
  gint64 paid;

  paid = parse_amount_field (builder, CR_RECORD_FIELD_FINE_PAID_AMOUNT, FALSE);
  if (paid >= 0 && value (builder, CR_RECORD_FIELD_FINE_PAID_AMOUNT) != NULL)
    {
      g_autofree char *formatted = cr_money_format (paid);

      json_object_set_string_member (performance, "fine_paid_amount", formatted);
    }

  paid_date = parse_date_field (builder, CR_RECORD_FIELD_FINE_PAID_DATE);
  if (paid_date != NULL)
    json_object_set_string_member (performance, "fine_paid_date", paid_date);

  build_boolean (builder, performance, CR_RECORD_FIELD_RECTIFICATION_COMPLETED,
                 "rectification_completed");

  if (json_object_get_size (performance) > 0)
    json_object_set_object_member (object, "performance", g_steal_pointer (&performance));
}

/**
 * cr_record_draft_build:
 * @report: (nullable) (scope call): called for each problem
 * @guessed: (nullable) (element-type utf8): receives the guessed keys
 *
 * Returns: (transfer full): the record object, with the keys in the order
 * of spec/case-format.md. Fields that are missing or cannot be read are
 * left out (and reported); `severity` is null unless given.
 */
JsonObject *
cr_record_draft_build (const CrRecordDraft     *draft,
                       CrRecordDraftMode        mode,
                       CrRecordDraftReportFunc  report_func,
                       gpointer                 user_data,
                       GPtrArray               *guessed_keys)
{
  Builder builder = { draft, mode, report_func, user_data, guessed_keys };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *decision_date = NULL;
  g_autofree char *publication_date = NULL;
  const char *severity = NULL;
  int decision_year = 0;

  g_return_val_if_fail (draft != NULL, NULL);

  if (value (&builder, CR_RECORD_FIELD_ID) != NULL)
    json_object_set_string_member (object, "id", value (&builder, CR_RECORD_FIELD_ID));

  build_kind (&builder, object);

  decision_date = parse_date_field (&builder, CR_RECORD_FIELD_DECISION_DATE);
  if (decision_date != NULL)
    decision_year = (int) g_ascii_strtoll (decision_date, NULL, 10);

  build_decision_number (&builder, object, decision_year);
  build_text (&builder, object, CR_RECORD_FIELD_AUTHORITY);

  if (decision_date != NULL)
    json_object_set_string_member (object, "decision_date", decision_date);
  else if (value (&builder, CR_RECORD_FIELD_DECISION_DATE) == NULL)
    report_missing (&builder, CR_RECORD_FIELD_DECISION_DATE);

  publication_date = parse_date_field (&builder, CR_RECORD_FIELD_PUBLICATION_DATE);
  if (publication_date != NULL)
    json_object_set_string_member (object, "publication_date", publication_date);
  else
    json_object_set_null_member (object, "publication_date");

  build_domain (&builder, object);
  build_penalties (&builder, object);

  if (!cr_record_severity_from_text (value (&builder, CR_RECORD_FIELD_SEVERITY), &severity))
    report (&builder, problem_severity (&builder), "import-invalid-severity",
            CR_RECORD_FIELD_SEVERITY,
            _("“%s” is not a severity class (minor, general, serious or specific_serious)"),
            value (&builder, CR_RECORD_FIELD_SEVERITY));
  if (severity != NULL)
    json_object_set_string_member (object, "severity", severity);
  else
    json_object_set_null_member (object, "severity");

  build_boolean (&builder, object, CR_RECORD_FIELD_SIMPLE_PROCEDURE, "simple_procedure");

  if (value (&builder, CR_RECORD_FIELD_RECTIFICATION_ORDERED) != NULL)
    {
      build_boolean (&builder, object, CR_RECORD_FIELD_RECTIFICATION_ORDERED,
                     "rectification_ordered");
    }
  else if (mode == CR_RECORD_DRAFT_LENIENT &&
           (mentions_rectification (value (&builder, CR_RECORD_FIELD_CONTENT)) ||
            mentions_rectification (value (&builder, CR_RECORD_FIELD_PENALTIES))))
    {
      json_object_set_boolean_member (object, "rectification_ordered", TRUE);
      guessed (&builder, "rectification_ordered");
    }

  build_performance (&builder, object);

  return g_steal_pointer (&object);
}
