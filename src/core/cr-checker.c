/* cr-checker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checker applies a rule set in four passes, each using only what the
 * passes before it established:
 *   1. period: the first period row that matches gives the earliest
 *      application date and the end of publication (start + N months,
 *      clamped to the month's end, cr_date_add_months());
 *   2. suggestion: the first severity-suggestion row that matches;
 *   3. status: the first status row that matches (none: status unknown);
 *   4. rules, in the rule set's order: case-wide rules once, then each
 *      record's rules. A rule with `requires_slot` makes that slot required
 *      (error rules only) and reports it when no material serves it.
 * Nothing about any regulation is written here: it all comes from the rule
 * set. The checker reads the case's interchange JSON; types are checked
 * strictly, but a record that lacks a value the evaluation needs is not an
 * error of the whole check: it gets status unknown and a CASE-INCOMPLETE
 * finding, so that a case being typed in can still be checked.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-case-types.h"
#include "cr-checker.h"
#include "cr-date.h"
#include "cr-json-kinds.h"
#include "cr-money.h"
#include "cr-rule-set-private.h"

G_DEFINE_QUARK (cr-checker-error-quark, cr_checker_error)

struct _CrCheckResult
{
  GObject     parent_instance;
  CrRuleSet  *rule_set;
  GDate       on;
  CrLanguage  language;
  gboolean    ready;
  GPtrArray  *records;   /* CrCheckRecord* */
  GPtrArray  *findings;  /* CrFinding* */
};

G_DEFINE_FINAL_TYPE (CrCheckResult, cr_check_result, G_TYPE_OBJECT)

static const char * const status_ids[] = {
  NULL, "wrong_channel", "not_published", "expired", "not_repairable", "not_yet_eligible",
  "eligible",
};

/**
 * cr_record_status_to_string:
 *
 * Returns: (nullable): the id of @status as the JSON writes it; %NULL for
 * %CR_RECORD_STATUS_UNKNOWN (JSON null).
 */
const char *
cr_record_status_to_string (CrRecordStatus status)
{
  g_return_val_if_fail (status <= CR_RECORD_STATUS_ELIGIBLE, NULL);
  return status_ids[status];
}

gboolean
cr_record_status_from_string (const char     *text,
                              CrRecordStatus *out)
{
  for (guint i = 1; i < G_N_ELEMENTS (status_ids); i++)
    {
      if (g_strcmp0 (text, status_ids[i]) == 0)
        {
          *out = (CrRecordStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cr_record_status_get_label:
 *
 * Returns: @status in plain words, in the user's language.
 */
const char *
cr_record_status_get_label (CrRecordStatus status)
{
  switch (status)
    {
    case CR_RECORD_STATUS_UNKNOWN:
      return _("Cannot be evaluated yet");
    case CR_RECORD_STATUS_WRONG_CHANNEL:
      return _("Repaired through the listing authority, not Credit China");
    case CR_RECORD_STATUS_NOT_PUBLISHED:
      return _("Not published");
    case CR_RECORD_STATUS_EXPIRED:
      return _("Publication period over");
    case CR_RECORD_STATUS_NOT_REPAIRABLE:
      return _("Not repairable");
    case CR_RECORD_STATUS_NOT_YET_ELIGIBLE:
      return _("Not yet eligible");
    case CR_RECORD_STATUS_ELIGIBLE:
      return _("Eligible for repair");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
check_record_free (CrCheckRecord *record)
{
  g_free (record->id);
  g_free (record->decision_number);
  g_free (record->severity);
  g_free (record->suggested_severity);
  g_free (record->period);
  g_strfreev (record->required_slots);
  g_strfreev (record->missing_slots);
  g_free (record);
}

static void
finding_free (CrFinding *finding)
{
  g_free (finding->rule);
  g_free (finding->record);
  g_free (finding->slot);
  g_free (finding->field);
  g_free (finding->message);
  g_free (finding->fix);
  g_free (finding->basis.title);
  g_free (finding->basis.article);
  g_free (finding->basis.url);
  g_free (finding);
}

static void
cr_check_result_finalize (GObject *object)
{
  CrCheckResult *self = CR_CHECK_RESULT (object);

  g_clear_object (&self->rule_set);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_check_result_parent_class)->finalize (object);
}

static void
cr_check_result_class_init (CrCheckResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cr_check_result_finalize;
}

static void
cr_check_result_init (CrCheckResult *self)
{
  g_date_clear (&self->on, 1);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) check_record_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
}

/* ------------------------------------------------------------------------ */
/* Reading the case                                                         */

static gboolean invalid_case (GError    **error,
                              const char *pointer,
                              const char *format,
                              ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid_case (GError    **error,
              const char *pointer,
              const char *format,
              ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CR_CHECKER_ERROR, CR_CHECKER_ERROR_INVALID_CASE, "%s: %s", pointer, detail);
  return FALSE;
}






/* Each reader returns FALSE only for a value of the wrong type or outside
 * the format; a missing or null value leaves the output unset. This one
 * finds the member @key and checks its kind (@expected is the message
 * otherwise); *@out is NULL when it is missing or null. */
static gboolean
read_member (JsonObject    *object,
             const char    *pointer,
             const char    *key,
             CrJsonIsKind   is_kind,
             const char    *expected,
             JsonNode     **out,
             GError       **error)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!is_kind (node))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return invalid_case (error, p, "%s", expected);
    }

  *out = node;
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *pointer,
             const char  *key,
             const char **out,
             GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!read_member (object, pointer, key, cr_json_is_string, _("expected a string"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_enum (JsonObject          *object,
           const char          *pointer,
           const char          *key,
           const char * const  *values,
           const char         **out,
           GError             **error)
{
  if (!read_string (object, pointer, key, out, error))
    return FALSE;

  if (*out != NULL && !g_strv_contains (values, *out))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return invalid_case (error, p, _("“%s” is not one of the values the case format allows"),
                           *out);
    }

  return TRUE;
}


/* A string that @parse turns into *@out; FALSE for one it refuses.
 * *@known says whether there was a value. */
static gboolean
read_parsed (JsonObject       *object,
             const char       *pointer,
             const char       *key,
             CrJsonParseText   parse,
             gpointer          out,
             gboolean         *known,
             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;

  *known = FALSE;
  if (!read_string (object, pointer, key, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!parse (text, out, &local_error))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return invalid_case (error, p, "%s", local_error->message);
    }

  *known = TRUE;
  return TRUE;
}



static gboolean
read_date (JsonObject  *object,
           const char  *pointer,
           const char  *key,
           GDate       *out,
           GError     **error)
{
  gboolean known;

  g_date_clear (out, 1);
  return read_parsed (object, pointer, key, cr_json_parse_date, out, &known, error);
}

static gboolean
read_money (JsonObject  *object,
            const char  *pointer,
            const char  *key,
            gboolean    *known,
            gint64      *out,
            GError     **error)
{
  *out = 0;
  return read_parsed (object, pointer, key, cr_json_parse_money, out, known, error);
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *pointer,
              const char  *key,
              int         *out,
              GError     **error)
{
  JsonNode *node;

  *out = -1;
  if (!read_member (object, pointer, key, cr_json_is_boolean, _("expected true or false"), &node,
                    error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node) ? 1 : 0;
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *pointer,
             const char  *key,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!read_member (object, pointer, key, cr_json_is_object, _("expected an object"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *pointer,
            const char  *key,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!read_member (object, pointer, key, cr_json_is_array, _("expected an array"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

typedef struct
{
  CrRuleSet     *rule_set;
  CrLanguage     language;
  CrCaseFacts    facts;
  gboolean      *complete;     /* per record */
  GPtrArray     *missing;      /* per record: GPtrArray of missing pointers */
  CrCheckResult *result;
} Check;

static void
check_clear (Check *c)
{
  for (guint i = 0; i < c->facts.n_records; i++)
    g_free (c->facts.records[i].penalty_types);
  g_free (c->facts.records);
  g_free (c->facts.materials);
  g_free (c->complete);
  g_clear_pointer (&c->missing, g_ptr_array_unref);
}

static gboolean
read_record (Check       *c,
             JsonNode    *node,
             guint        index,
             GError     **error)
{
  CrRecordFacts *r = &c->facts.records[index];
  GPtrArray *missing = g_ptr_array_index (c->missing, index);
  g_autofree char *pointer = cr_json_pointer_append_index ("/records", index);
  g_autofree char *penalties_pointer = cr_json_pointer_append (pointer, "penalties");
  g_autofree char *performance_pointer = cr_json_pointer_append (pointer, "performance");
  static const char * const kinds[] = {
    "administrative_penalty", "serious_dishonesty_list", "other", NULL
  };
  static const char * const classes[] = {
    "minor", "general", "serious", "specific_serious", NULL
  };
  JsonObject *object, *performance;
  JsonArray *penalties;
  int flag;

  r->index = index;
  g_date_clear (&r->decision_date, 1);
  g_date_clear (&r->publication_date, 1);
  g_date_clear (&r->fine_paid_date, 1);
  g_date_clear (&r->earliest_application_date, 1);
  g_date_clear (&r->display_end_date, 1);
  r->rectification_completed = -1;
  r->fine_total_known = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid_case (error, pointer, _("expected an object"));
  object = json_node_get_object (node);

  if (!read_string (object, pointer, "id", &r->id, error) ||
      !read_enum (object, pointer, "kind", kinds, &r->kind, error) ||
      !read_string (object, pointer, "decision_number", &r->decision_number, error) ||
      !read_enum (object, pointer, "domain", cr_domain_get_all (), &r->domain, error) ||
      !read_enum (object, pointer, "severity", classes, &r->severity, error) ||
      !read_date (object, pointer, "decision_date", &r->decision_date, error) ||
      !read_date (object, pointer, "publication_date", &r->publication_date, error) ||
      !read_array (object, pointer, "penalties", &penalties, error) ||
      !read_object (object, pointer, "performance", &performance, error))
    return FALSE;

  if (!read_boolean (object, pointer, "simple_procedure", &flag, error))
    return FALSE;
  r->simple_procedure = flag > 0;
  if (!read_boolean (object, pointer, "rectification_ordered", &flag, error))
    return FALSE;
  r->rectification_ordered = flag > 0;

  if (!read_money (performance, performance_pointer, "fine_paid_amount",
                   &r->fine_paid_amount_known, &r->fine_paid_amount, error) ||
      !read_date (performance, performance_pointer, "fine_paid_date", &r->fine_paid_date, error) ||
      !read_boolean (performance, performance_pointer, "rectification_completed",
                     &r->rectification_completed, error))
    return FALSE;

  r->n_penalties = penalties ? json_array_get_length (penalties) : 0;
  r->penalty_types = g_new0 (const char *, r->n_penalties + 1);
  for (guint i = 0; i < r->n_penalties; i++)
    {
      g_autofree char *pp = cr_json_pointer_append_index (penalties_pointer, i);
      JsonNode *pnode = json_array_get_element (penalties, i);
      JsonObject *penalty;
      const char *type;
      gboolean known;
      gint64 amount;

      if (!JSON_NODE_HOLDS_OBJECT (pnode))
        return invalid_case (error, pp, _("expected an object"));
      penalty = json_node_get_object (pnode);
      if (!read_enum (penalty, pp, "type", cr_penalty_type_get_all (), &type, error) ||
          !read_money (penalty, pp, "amount", &known, &amount, error))
        return FALSE;
      if (type == NULL)
        {
          g_ptr_array_add (missing, cr_json_pointer_append (pp, "type"));
          type = "other";
        }
      r->penalty_types[i] = type;

      if (g_str_equal (type, "fine"))
        {
          if (!known)
            r->fine_total_known = FALSE;
          else if (r->fine_total > CR_MONEY_MAX_FEN - amount)
            return invalid_case (error, pp, _("the fines add up to too large an amount"));
          else
            r->fine_total += amount;
        }
    }
  if (!r->fine_total_known)
    r->fine_total = 0;

  /* What the evaluation cannot do without. */
  if (r->id == NULL)
    g_ptr_array_add (missing, cr_json_pointer_append (pointer, "id"));
  if (r->kind == NULL)
    g_ptr_array_add (missing, cr_json_pointer_append (pointer, "kind"));
  if (r->domain == NULL)
    g_ptr_array_add (missing, cr_json_pointer_append (pointer, "domain"));
  if (!g_date_valid (&r->decision_date))
    g_ptr_array_add (missing, cr_json_pointer_append (pointer, "decision_date"));

  c->complete[index] = missing->len == 0;
  return TRUE;
}

static gboolean
read_case (Check       *c,
           JsonObject  *root,
           GError     **error)
{
  static const char * const roles[] = { "legal_representative", "agent", NULL };
  JsonObject *applicant;
  JsonArray *records, *materials;
  guint n_materials = 0;

  if (!read_object (root, "", "applicant", &applicant, error) ||
      !read_enum (applicant, "/applicant", "role", roles, &c->facts.applicant_role, error) ||
      !read_array (root, "", "records", &records, error) ||
      !read_array (root, "", "materials", &materials, error))
    return FALSE;

  if (records == NULL)
    return invalid_case (error, "/records", _("the case has no records"));

  c->facts.n_records = json_array_get_length (records);
  c->facts.records = g_new0 (CrRecordFacts, c->facts.n_records);
  c->complete = g_new0 (gboolean, c->facts.n_records);
  c->missing = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < c->facts.n_records; i++)
    g_ptr_array_add (c->missing, g_ptr_array_new_with_free_func (g_free));

  for (guint i = 0; i < c->facts.n_records; i++)
    {
      if (!read_record (c, json_array_get_element (records, i), i, error))
        return FALSE;
    }

  c->facts.materials = g_new0 (CrMaterialFacts, materials ? json_array_get_length (materials) : 0);
  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      g_autofree char *pointer = cr_json_pointer_append_index ("/materials", i);
      JsonNode *node = json_array_get_element (materials, i);
      CrMaterialFacts *m = &c->facts.materials[n_materials];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_case (error, pointer, _("expected an object"));
      if (!read_string (json_node_get_object (node), pointer, "slot", &m->slot, error) ||
          !read_string (json_node_get_object (node), pointer, "record", &m->record, error))
        return FALSE;
      /* A material without a slot serves nothing yet. */
      if (m->slot != NULL)
        n_materials++;
    }
  c->facts.n_materials = n_materials;
  c->facts.case_wide_slots = cr_rule_set_get_case_wide_slots (c->rule_set);

  return TRUE;
}

/* The same facts from the case model, without going through JSON: the
 * window checks after every edit, and the command line after loading. */
static gboolean
read_case_model (Check    *c,
                 CrCase   *case_,
                 GError  **error)
{
  guint n_materials = cr_case_get_n_materials (case_);

  c->facts.applicant_role = cr_applicant_role_to_string (cr_case_get_applicant_role (case_));
  c->facts.n_records = cr_case_get_n_records (case_);
  c->facts.records = g_new0 (CrRecordFacts, c->facts.n_records);
  c->complete = g_new0 (gboolean, c->facts.n_records);
  c->missing = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < c->facts.n_records; i++)
    {
      CrCaseRecord *record = cr_case_get_record (case_, i);
      CrRecordFacts *r = &c->facts.records[i];
      GPtrArray *missing = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *pointer = cr_json_pointer_append_index ("/records", i);
      const GDate *date;
      gint64 paid;

      g_ptr_array_add (c->missing, missing);
      r->index = i;
      g_date_clear (&r->decision_date, 1);
      g_date_clear (&r->publication_date, 1);
      g_date_clear (&r->fine_paid_date, 1);
      g_date_clear (&r->earliest_application_date, 1);
      g_date_clear (&r->display_end_date, 1);

      r->id = cr_case_record_get_id (record);
      if (r->id != NULL && r->id[0] == '\0')
        r->id = NULL;
      r->kind = cr_record_kind_to_string (cr_case_record_get_kind (record));
      r->decision_number = cr_case_record_get_decision_number (record);
      r->domain = cr_case_record_get_domain (record);
      r->severity = cr_severity_class_to_string (cr_case_record_get_severity (record));
      if ((date = cr_case_record_get_decision_date (record)) != NULL)
        r->decision_date = *date;
      if ((date = cr_case_record_get_publication_date (record)) != NULL)
        r->publication_date = *date;
      if ((date = cr_case_record_get_fine_paid_date (record)) != NULL)
        r->fine_paid_date = *date;
      r->simple_procedure = cr_case_record_get_simple_procedure (record);
      r->rectification_ordered = cr_case_record_get_rectification_ordered (record);
      paid = cr_case_record_get_fine_paid_amount (record);
      r->fine_paid_amount_known = paid >= 0;
      r->fine_paid_amount = MAX (paid, 0);
      switch (cr_case_record_get_rectification_completed (record))
        {
        case CR_TRISTATE_YES:
          r->rectification_completed = 1;
          break;
        case CR_TRISTATE_NO:
          r->rectification_completed = 0;
          break;
        case CR_TRISTATE_UNKNOWN:
        default:
          r->rectification_completed = -1;
          break;
        }

      r->fine_total_known = TRUE;
      r->n_penalties = cr_case_record_get_n_penalties (record);
      r->penalty_types = g_new0 (const char *, r->n_penalties + 1);
      for (guint j = 0; j < r->n_penalties; j++)
        {
          const CrPenalty *penalty = cr_case_record_get_penalty (record, j);
          const char *type = cr_penalty_get_penalty_type (penalty);
          gint64 amount = cr_penalty_get_amount (penalty);

          if (type == NULL)
            {
              g_ptr_array_add (missing, g_strdup_printf ("%s/penalties/%u/type", pointer, j));
              type = "other";
            }
          r->penalty_types[j] = type;
          if (!g_str_equal (type, "fine"))
            continue;
          if (amount < 0)
            r->fine_total_known = FALSE;
          else if (r->fine_total > CR_MONEY_MAX_FEN - amount)
            return invalid_case (error, pointer, _("the fines add up to too large an amount"));
          else
            r->fine_total += amount;
        }
      if (!r->fine_total_known)
        r->fine_total = 0;

      if (r->id == NULL)
        g_ptr_array_add (missing, cr_json_pointer_append (pointer, "id"));
      if (r->domain == NULL)
        g_ptr_array_add (missing, cr_json_pointer_append (pointer, "domain"));
      if (!g_date_valid (&r->decision_date))
        g_ptr_array_add (missing, cr_json_pointer_append (pointer, "decision_date"));
      c->complete[i] = missing->len == 0;
    }

  c->facts.materials = g_new0 (CrMaterialFacts, n_materials);
  for (guint i = 0; i < n_materials; i++)
    {
      CrCaseMaterial *material = cr_case_get_material (case_, i);
      CrMaterialFacts *m = &c->facts.materials[c->facts.n_materials];

      m->slot = cr_case_material_get_slot (material);
      m->record = cr_case_material_get_record (material);
      if (m->record != NULL && m->record[0] == '\0')
        m->record = NULL;
      if (m->slot != NULL)
        c->facts.n_materials++;
    }
  c->facts.case_wide_slots = cr_rule_set_get_case_wide_slots (c->rule_set);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Findings                                                                 */

typedef struct
{
  Check               *c;
  const CrRecordFacts *record;
  const char          *slot;
  GPtrArray           *strings; /* keeps the formatted values alive */
} Placeholders;

static const char *
keep (Placeholders *ph,
      char         *text)
{
  g_ptr_array_add (ph->strings, text);
  return text;
}

static const char *
format_date_or_dash (Placeholders *ph,
                     const GDate  *date)
{
  return g_date_valid (date) ? keep (ph, cr_date_format (date)) : "—";
}

static const char *
placeholder_value (const char *name,
                   gpointer    user_data)
{
  Placeholders *ph = user_data;
  CrRuleSet *rule_set = ph->c->rule_set;
  CrLanguage language = ph->c->language;
  const CrRecordFacts *r = ph->record;
  const char *text;

  if (g_str_equal (name, "on"))
    return format_date_or_dash (ph, &ph->c->facts.on);
  if (g_str_equal (name, "regime"))
    return cr_rule_set_get_regime (rule_set);
  if (g_str_equal (name, "valid_from"))
    return format_date_or_dash (ph, cr_rule_set_get_valid_from (rule_set));

  if (ph->slot != NULL && g_str_equal (name, "slot"))
    {
      const CrSlotDef *slot = cr_rule_set_lookup_slot (rule_set, ph->slot);
      return slot ? slot->name[language] : ph->slot;
    }
  if (ph->slot != NULL && g_str_equal (name, "slot_id"))
    return ph->slot;

  if (r == NULL)
    return NULL;

  if (g_str_equal (name, "record"))
    return r->id ? r->id : "—";
  if (g_str_equal (name, "decision_number"))
    return r->decision_number ? r->decision_number : "—";
  if (g_str_equal (name, "decision_date"))
    return format_date_or_dash (ph, &r->decision_date);
  if (g_str_equal (name, "publication_date"))
    return format_date_or_dash (ph, &r->publication_date);
  if (g_str_equal (name, "earliest_application_date"))
    return format_date_or_dash (ph, &r->earliest_application_date);
  if (g_str_equal (name, "display_end_date"))
    return format_date_or_dash (ph, &r->display_end_date);
  if (g_str_equal (name, "fine_paid_date"))
    return format_date_or_dash (ph, &r->fine_paid_date);
  if (g_str_equal (name, "severity"))
    return (text = cr_rule_set_get_class_name (rule_set, r->severity, language)) ? text : "—";
  if (g_str_equal (name, "suggested_severity"))
    return (text = cr_rule_set_get_class_name (rule_set, r->suggested_severity, language)) ? text : "—";
  if (g_str_equal (name, "fine_total"))
    return r->fine_total_known ? keep (ph, cr_money_format (r->fine_total)) : "—";
  if (g_str_equal (name, "fine_paid_amount"))
    return r->fine_paid_amount_known ? keep (ph, cr_money_format (r->fine_paid_amount)) : "—";

  return NULL;
}

static char *
expand (Check               *c,
        const char          *template_text,
        const CrRecordFacts *record,
        const char          *slot)
{
  Placeholders ph = { c, record, slot, g_ptr_array_new_with_free_func (g_free) };
  GString *out = g_string_new (NULL);

  /* The loader checked every placeholder, so this cannot fail; should it,
   * the template is shown as written rather than half-expanded. */
  if (!cr_template_expand (template_text, placeholder_value, &ph, out, NULL))
    g_string_assign (out, template_text);

  g_ptr_array_unref (ph.strings);
  return g_string_free (out, FALSE);
}

/* "/records/ * /decision_date" with the record's index for "*". */
static char *
expand_field (const char          *field,
              const CrRecordFacts *record)
{
  g_auto(GStrv) parts = NULL;

  if (field == NULL)
    return NULL;
  if (record == NULL)
    return g_strdup (field);

  parts = g_strsplit (field, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], "*"))
        {
          g_free (parts[i]);
          parts[i] = g_strdup_printf ("%u", record->index);
        }
    }

  return g_strjoinv ("/", parts);
}

static void
add_finding (Check               *c,
             const CrRule        *rule,
             const CrRecordFacts *record,
             const char          *slot)
{
  CrFinding *finding = g_new0 (CrFinding, 1);
  g_autofree char *message = expand (c, rule->message[c->language], record, slot);

  finding->rule = g_strdup (rule->id);
  finding->severity = rule->severity;
  finding->record = record ? g_strdup (record->id) : NULL;
  finding->record_index = record ? (int) record->index : -1;
  finding->slot = g_strdup (slot ? slot : rule->slot);
  finding->field = expand_field (rule->field, record);
  finding->verified = rule->verified;
  if (rule->verified)
    finding->message = g_steal_pointer (&message);
  else
    finding->message = g_strconcat (cr_rule_set_get_unverified_label (c->rule_set, c->language),
                                    " ", message, NULL);
  finding->fix = expand (c, rule->fix[c->language], record, slot);
  finding->basis.title = g_strdup (rule->basis.title);
  finding->basis.article = g_strdup (rule->basis.article);
  finding->basis.url = g_strdup (rule->basis.url);

  g_ptr_array_add (c->result->findings, finding);
}

static void
add_incomplete_finding (Check               *c,
                        const CrRecordFacts *record,
                        const char          *pointer)
{
  CrFinding *finding = g_new0 (CrFinding, 1);

  finding->rule = g_strdup (CR_CHECKER_RULE_INCOMPLETE);
  finding->severity = CR_SEVERITY_ERROR;
  finding->record = g_strdup (record->id);
  finding->record_index = (int) record->index;
  finding->field = g_strdup (pointer);
  finding->verified = TRUE;
  finding->message = g_strdup_printf (_("The record cannot be checked until %s is filled in."),
                                      pointer);
  finding->fix = g_strdup (_("Fill in the value from the penalty decision or the Credit China "
                             "record."));

  g_ptr_array_add (c->result->findings, finding);
}

/* ------------------------------------------------------------------------ */
/* Evaluation                                                               */

static void
evaluate_period (Check         *c,
                 CrRecordFacts *r)
{
  GPtrArray *periods = cr_rule_set_get_periods (c->rule_set);

  for (guint i = 0; i < periods->len; i++)
    {
      const CrPeriod *period = g_ptr_array_index (periods, i);
      const GDate *start;

      if (!cr_condition_evaluate (period->when, &c->facts, r))
        continue;

      r->period_id = period->id;
      r->period_earliest_kind = cr_earliest_kind_to_string (period->earliest_kind);
      start = period->from_publication ? &r->publication_date : &r->decision_date;
      if (!g_date_valid (start))
        return;

      if (period->earliest_kind == CR_EARLIEST_MONTHS)
        {
          r->earliest_application_date = *start;
          cr_date_add_months (&r->earliest_application_date, period->earliest_months);
        }
      r->display_end_date = *start;
      cr_date_add_months (&r->display_end_date, period->display_end_months);
      return;
    }
}

static void
evaluate_suggestion (Check         *c,
                     CrRecordFacts *r)
{
  GPtrArray *suggestions = cr_rule_set_get_suggestions (c->rule_set);

  for (guint i = 0; i < suggestions->len; i++)
    {
      const CrSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (cr_condition_evaluate (suggestion->when, &c->facts, r))
        {
          r->suggested_severity = suggestion->severity;
          return;
        }
    }
}

static void
evaluate_status (Check         *c,
                 CrRecordFacts *r)
{
  GPtrArray *statuses = cr_rule_set_get_statuses (c->rule_set);

  for (guint i = 0; i < statuses->len; i++)
    {
      const CrStatusRow *row = g_ptr_array_index (statuses, i);

      if (cr_condition_evaluate (row->when, &c->facts, r))
        {
          r->status = row->status;
          return;
        }
    }
}

static void
evaluate_record_rules (Check         *c,
                       CrRecordFacts *r,
                       CrCheckRecord *out)
{
  g_autoptr(GPtrArray) required = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  guint n_rules = cr_rule_set_get_n_rules (c->rule_set);

  for (guint i = 0; i < n_rules; i++)
    {
      const CrRule *rule = cr_rule_set_get_rule (c->rule_set, i);

      if (rule->disabled || rule->scope != CR_SCOPE_RECORD)
        continue;
      if (!cr_condition_evaluate (rule->when, &c->facts, r))
        continue;

      if (rule->requires_slot == NULL)
        {
          add_finding (c, rule, r, NULL);
          continue;
        }

      if (rule->severity == CR_SEVERITY_ERROR &&
          !g_ptr_array_find_with_equal_func (required, rule->requires_slot, g_str_equal, NULL))
        g_ptr_array_add (required, rule->requires_slot);

      /* One finding per missing slot and record, from the first rule. */
      if (!g_ptr_array_find_with_equal_func (missing, rule->requires_slot, g_str_equal, NULL))
        {
          CrCaseFacts *facts = &c->facts;
          gboolean present = FALSE;
          gboolean case_wide = g_hash_table_contains (facts->case_wide_slots, rule->requires_slot);

          for (guint m = 0; m < facts->n_materials && !present; m++)
            {
              const CrMaterialFacts *material = &facts->materials[m];

              present = g_str_equal (material->slot, rule->requires_slot) &&
                        (g_strcmp0 (material->record, r->id) == 0 ||
                         (case_wide && material->record == NULL));
            }

          if (!present)
            {
              g_ptr_array_add (missing, rule->requires_slot);
              add_finding (c, rule, r, rule->requires_slot);
            }
        }
    }

  g_ptr_array_add (required, NULL);
  out->required_slots = g_strdupv ((char **) required->pdata);
  g_ptr_array_add (missing, NULL);
  out->missing_slots = g_strdupv ((char **) missing->pdata);
}

static CrCheckResult *
check (CrRuleSet    *rule_set,
       JsonObject   *case_root,
       CrCase       *case_,
       const GDate  *on,
       CrLanguage    language,
       GError      **error)
{
  g_autoptr(CrCheckResult) result = g_object_new (CR_TYPE_CHECK_RESULT, NULL);
  Check c = { 0, };
  guint n_rules = cr_rule_set_get_n_rules (rule_set);

  result->rule_set = g_object_ref (rule_set);
  result->on = *on;
  result->language = language;

  c.rule_set = rule_set;
  c.language = language;
  c.result = result;
  c.facts.on = *on;

  if (case_root != NULL ? !read_case (&c, case_root, error) : !read_case_model (&c, case_, error))
    {
      check_clear (&c);
      return NULL;
    }

  for (guint i = 0; i < c.facts.n_records; i++)
    {
      CrRecordFacts *r = &c.facts.records[i];

      if (!c.complete[i])
        continue;
      evaluate_period (&c, r);
      evaluate_suggestion (&c, r);
      evaluate_status (&c, r);
    }

  /* Case-wide rules first, then each record's. */
  for (guint i = 0; i < n_rules; i++)
    {
      const CrRule *rule = cr_rule_set_get_rule (rule_set, i);

      if (!rule->disabled && rule->scope == CR_SCOPE_CASE &&
          cr_condition_evaluate (rule->when, &c.facts, NULL))
        add_finding (&c, rule, NULL, NULL);
    }

  for (guint i = 0; i < c.facts.n_records; i++)
    {
      CrRecordFacts *r = &c.facts.records[i];
      CrCheckRecord *out = g_new0 (CrCheckRecord, 1);
      GPtrArray *missing = g_ptr_array_index (c.missing, i);

      out->index = i;
      out->id = g_strdup (r->id);
      out->decision_number = g_strdup (r->decision_number);
      out->severity = g_strdup (r->severity);
      out->suggested_severity = g_strdup (r->suggested_severity);
      out->period = g_strdup (r->period_id);
      out->decision_date = r->decision_date;
      out->earliest_application_date = r->earliest_application_date;
      out->display_end_date = r->display_end_date;
      if (!cr_record_status_from_string (r->status, &out->status))
        out->status = CR_RECORD_STATUS_UNKNOWN;
      g_ptr_array_add (result->records, out);

      if (!c.complete[i])
        {
          for (guint j = 0; j < missing->len; j++)
            add_incomplete_finding (&c, r, g_ptr_array_index (missing, j));
          out->required_slots = g_new0 (char *, 1);
          out->missing_slots = g_new0 (char *, 1);
          continue;
        }

      evaluate_record_rules (&c, r, out);
    }

  result->ready = TRUE;
  for (guint i = 0; i < result->findings->len; i++)
    {
      const CrFinding *finding = g_ptr_array_index (result->findings, i);

      if (finding->severity == CR_SEVERITY_ERROR)
        result->ready = FALSE;
    }

  check_clear (&c);
  return g_steal_pointer (&result);
}

/* Whether @rule_set governs applications made on @on; an error otherwise. */
static gboolean
check_covers (CrRuleSet    *rule_set,
              const GDate  *on,
              GError      **error)
{
  g_autofree char *on_text = NULL;

  if (cr_rule_set_covers (rule_set, on))
    return TRUE;

  on_text = cr_date_format (on);
  g_set_error (error, CR_CHECKER_ERROR, CR_CHECKER_ERROR_NO_RULE_SET,
               _("The rule set “%s” does not cover applications made on %s"),
               cr_rule_set_get_id (rule_set), on_text);
  return FALSE;
}

/* The rule set of @rules in force on @on, or NULL with an error of the
 * checker's domain. */
static CrRuleSet *
select_rule_set (CrRuleSetCollection  *rules,
                 const GDate          *on,
                 GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  CrRuleSet *rule_set = cr_rule_set_collection_select (rules, on, &local_error);

  if (rule_set == NULL)
    g_set_error_literal (error, CR_CHECKER_ERROR, CR_CHECKER_ERROR_NO_RULE_SET,
                         local_error->message);

  return rule_set;
}

/**
 * cr_checker_check_json_with_rule_set:
 * @case_root: the case as interchange JSON (spec/case-format.md)
 * @base_dir: (nullable): the directory relative material paths start from;
 *   not used by the checks themselves (materials are matched by slot)
 * @on: the application date
 * @language: the language of the messages
 *
 * Checks the case under @rule_set, which must cover @on.
 *
 * Returns: (transfer full): the result, or %NULL with @error
 * (%CR_CHECKER_ERROR_NO_RULE_SET, or %CR_CHECKER_ERROR_INVALID_CASE whose
 * message starts with the JSON pointer of the bad value).
 */
CrCheckResult *
cr_checker_check_json_with_rule_set (CrRuleSet    *rule_set,
                                     JsonObject   *case_root,
                                     const char   *base_dir,
                                     const GDate  *on,
                                     CrLanguage    language,
                                     GError      **error)
{
  g_return_val_if_fail (CR_IS_RULE_SET (rule_set), NULL);
  g_return_val_if_fail (case_root != NULL, NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);
  g_return_val_if_fail (language < CR_N_LANGUAGES, NULL);

  if (!check_covers (rule_set, on, error))
    return NULL;

  return check (rule_set, case_root, NULL, on, language, error);
}

/**
 * cr_checker_check_json:
 * @rules: the rule sets to choose from
 *
 * Selects the rule set of @rules in force on @on and checks the case.
 *
 * Returns: (transfer full): the result, or %NULL with @error.
 */
CrCheckResult *
cr_checker_check_json (CrRuleSetCollection  *rules,
                       JsonObject           *case_root,
                       const char           *base_dir,
                       const GDate          *on,
                       CrLanguage            language,
                       GError              **error)
{
  g_autoptr(CrRuleSet) rule_set = NULL;

  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (rules), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  rule_set = select_rule_set (rules, on, error);
  if (rule_set == NULL)
    return NULL;

  return cr_checker_check_json_with_rule_set (rule_set, case_root, base_dir, on, language, error);
}

/**
 * cr_checker_check_case_with_rule_set:
 *
 * Like cr_checker_check_json_with_rule_set(), for a #CrCase: the facts are
 * read from the model directly, with the same result as from the case's
 * interchange JSON.
 *
 * Returns: (transfer full): the result, or %NULL with @error.
 */
CrCheckResult *
cr_checker_check_case_with_rule_set (CrRuleSet    *rule_set,
                                     CrCase       *case_,
                                     const GDate  *on,
                                     CrLanguage    language,
                                     GError      **error)
{
  g_return_val_if_fail (CR_IS_RULE_SET (rule_set), NULL);
  g_return_val_if_fail (CR_IS_CASE (case_), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);
  g_return_val_if_fail (language < CR_N_LANGUAGES, NULL);

  if (!check_covers (rule_set, on, error))
    return NULL;

  return check (rule_set, NULL, case_, on, language, error);
}

/**
 * cr_checker_check_case:
 *
 * Selects the rule set of @rules in force on @on and checks a #CrCase.
 *
 * Returns: (transfer full): the result, or %NULL with @error.
 */
CrCheckResult *
cr_checker_check_case (CrRuleSetCollection  *rules,
                       CrCase               *case_,
                       const GDate          *on,
                       CrLanguage            language,
                       GError              **error)
{
  g_autoptr(CrRuleSet) rule_set = NULL;

  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (rules), NULL);
  g_return_val_if_fail (CR_IS_CASE (case_), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  rule_set = select_rule_set (rules, on, error);
  if (rule_set == NULL)
    return NULL;

  return cr_checker_check_case_with_rule_set (rule_set, case_, on, language, error);
}

/* ------------------------------------------------------------------------ */
/* The result                                                               */

/**
 * cr_check_result_get_rule_set:
 *
 * Returns: (transfer none): the rule set that was applied.
 */
CrRuleSet *
cr_check_result_get_rule_set (CrCheckResult *self)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);
  return self->rule_set;
}

const char *
cr_check_result_get_regime (CrCheckResult *self)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);
  return cr_rule_set_get_regime (self->rule_set);
}

const GDate *
cr_check_result_get_on (CrCheckResult *self)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);
  return &self->on;
}

CrLanguage
cr_check_result_get_language (CrCheckResult *self)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), CR_LANGUAGE_EN);
  return self->language;
}

/**
 * cr_check_result_get_ready:
 *
 * Returns: %TRUE if the case has no error finding on the date.
 */
gboolean
cr_check_result_get_ready (CrCheckResult *self)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), FALSE);
  return self->ready;
}

guint
cr_check_result_get_n_records (CrCheckResult *self)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), 0);
  return self->records->len;
}

const CrCheckRecord *
cr_check_result_get_record (CrCheckResult *self,
                            guint          index)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);
  g_return_val_if_fail (index < self->records->len, NULL);
  return g_ptr_array_index (self->records, index);
}

const CrCheckRecord *
cr_check_result_lookup_record (CrCheckResult *self,
                               const char    *record_id)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);

  for (guint i = 0; record_id != NULL && i < self->records->len; i++)
    {
      const CrCheckRecord *record = g_ptr_array_index (self->records, i);

      if (g_strcmp0 (record->id, record_id) == 0)
        return record;
    }

  return NULL;
}

guint
cr_check_result_get_n_findings (CrCheckResult *self)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), 0);
  return self->findings->len;
}

/**
 * cr_check_result_get_finding:
 *
 * Findings come case-wide first, then record by record, each in the rule
 * set's order.
 */
const CrFinding *
cr_check_result_get_finding (CrCheckResult *self,
                             guint          index)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return g_ptr_array_index (self->findings, index);
}

guint
cr_check_result_count_findings (CrCheckResult *self,
                                CrSeverity     severity)
{
  guint count = 0;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), 0);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const CrFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->severity == severity)
        count++;
    }

  return count;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date_or_null (JsonBuilder *builder,
                  const char  *key,
                  const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? cr_date_format (date) : NULL;

  add_string_or_null (builder, key, text);
}

/**
 * cr_check_result_to_json_node:
 * @case_name: (nullable): what the "case" member says (the path given)
 *
 * Returns: (transfer full): the result as spec/cli.md writes it: case, on,
 * regime, ruleset {id, version, sha256}, ready, records [{id,
 * decision_number, severity, status, earliest_application_date,
 * display_end_date, required_slots, suggested_severity}] and findings [{rule,
 * severity, record, slot, field, message, basis, basis_url, fix, verified}].
 */
JsonNode *
cr_check_result_to_json_node (CrCheckResult *self,
                              const char    *case_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *on = NULL;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);

  on = cr_date_format (&self->on);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "case", case_name);
  add_string_or_null (builder, "on", on);
  add_string_or_null (builder, "regime", cr_rule_set_get_regime (self->rule_set));

  json_builder_set_member_name (builder, "ruleset");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", cr_rule_set_get_id (self->rule_set));
  add_string_or_null (builder, "version", cr_rule_set_get_version (self->rule_set));
  add_string_or_null (builder, "sha256", cr_rule_set_get_sha256 (self->rule_set));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "ready");
  json_builder_add_boolean_value (builder, self->ready);

  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->records->len; i++)
    {
      const CrCheckRecord *record = g_ptr_array_index (self->records, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", record->id);
      add_string_or_null (builder, "decision_number", record->decision_number);
      add_string_or_null (builder, "severity", record->severity);
      add_string_or_null (builder, "status", cr_record_status_to_string (record->status));
      add_date_or_null (builder, "earliest_application_date", &record->earliest_application_date);
      add_date_or_null (builder, "display_end_date", &record->display_end_date);
      json_builder_set_member_name (builder, "required_slots");
      json_builder_begin_array (builder);
      for (guint j = 0; record->required_slots[j] != NULL; j++)
        json_builder_add_string_value (builder, record->required_slots[j]);
      json_builder_end_array (builder);
      add_string_or_null (builder, "suggested_severity", record->suggested_severity);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const CrFinding *finding = g_ptr_array_index (self->findings, i);
      g_autofree char *basis = NULL;

      if (finding->basis.title != NULL)
        basis = finding->basis.article != NULL
                ? g_strconcat (finding->basis.title, " ", finding->basis.article, NULL)
                : g_strdup (finding->basis.title);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "rule", finding->rule);
      add_string_or_null (builder, "severity", cr_severity_to_string (finding->severity));
      add_string_or_null (builder, "record", finding->record);
      add_string_or_null (builder, "slot", finding->slot);
      add_string_or_null (builder, "field", finding->field);
      add_string_or_null (builder, "message", finding->message);
      add_string_or_null (builder, "basis", basis);
      add_string_or_null (builder, "basis_url", finding->basis.url);
      add_string_or_null (builder, "fix", finding->fix);
      json_builder_set_member_name (builder, "verified");
      json_builder_add_boolean_value (builder, finding->verified);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* JSON text of a string, escaped as RFC 8259 asks (and as json-glib's
 * generator writes it): quotes, backslashes and control characters. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      const char *run = p;
      guchar c;

      /* Most text needs no escaping: copy it in runs. */
      while (*p != '\0' && *p != '"' && *p != '\\' && (guchar) *p >= 0x20 && (guchar) *p != 0x7f)
        p++;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;
      c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *key,
               const char *value,
               gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  append_json_string (out, key);
  g_string_append_c (out, ':');
  append_json_string (out, value);
}

static void
append_date_member (GString     *out,
                    const char  *key,
                    const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? cr_date_format (date) : NULL;

  append_member (out, key, text, FALSE);
}

/**
 * cr_check_result_to_json:
 *
 * The same JSON as cr_check_result_to_json_node(), written on one line
 * without a line break. It is written directly rather than through a
 * #JsonNode tree: with a few kilobytes of findings per case, building and
 * freeing the tree cost the command line more than checking the case.
 *
 * Returns: (transfer full): the JSON text.
 */
char *
cr_check_result_to_json (CrCheckResult *self,
                         const char    *case_name)
{
  GString *out;
  g_autofree char *on = NULL;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (self), NULL);

  out = g_string_sized_new (1024);
  on = cr_date_format (&self->on);

  g_string_append_c (out, '{');
  append_member (out, "case", case_name, TRUE);
  append_member (out, "on", on, FALSE);
  append_member (out, "regime", cr_rule_set_get_regime (self->rule_set), FALSE);
  g_string_append (out, ",\"ruleset\":{");
  append_member (out, "id", cr_rule_set_get_id (self->rule_set), TRUE);
  append_member (out, "version", cr_rule_set_get_version (self->rule_set), FALSE);
  append_member (out, "sha256", cr_rule_set_get_sha256 (self->rule_set), FALSE);
  g_string_append (out, self->ready ? "},\"ready\":true" : "},\"ready\":false");

  g_string_append (out, ",\"records\":[");
  for (guint i = 0; i < self->records->len; i++)
    {
      const CrCheckRecord *record = g_ptr_array_index (self->records, i);

      g_string_append (out, i > 0 ? ",{" : "{");
      append_member (out, "id", record->id, TRUE);
      append_member (out, "decision_number", record->decision_number, FALSE);
      append_member (out, "severity", record->severity, FALSE);
      append_member (out, "status", cr_record_status_to_string (record->status), FALSE);
      append_date_member (out, "earliest_application_date", &record->earliest_application_date);
      append_date_member (out, "display_end_date", &record->display_end_date);
      g_string_append (out, ",\"required_slots\":[");
      for (guint j = 0; record->required_slots[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          append_json_string (out, record->required_slots[j]);
        }
      g_string_append_c (out, ']');
      append_member (out, "suggested_severity", record->suggested_severity, FALSE);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],\"findings\":[");
  for (guint i = 0; i < self->findings->len; i++)
    {
      const CrFinding *finding = g_ptr_array_index (self->findings, i);

      g_string_append (out, i > 0 ? ",{" : "{");
      append_member (out, "rule", finding->rule, TRUE);
      append_member (out, "severity", cr_severity_to_string (finding->severity), FALSE);
      append_member (out, "record", finding->record, FALSE);
      append_member (out, "slot", finding->slot, FALSE);
      append_member (out, "field", finding->field, FALSE);
      append_member (out, "message", finding->message, FALSE);
      g_string_append (out, ",\"basis\":");
      if (finding->basis.title == NULL)
        g_string_append (out, "null");
      else if (finding->basis.article == NULL)
        append_json_string (out, finding->basis.title);
      else
        {
          g_autofree char *basis = g_strconcat (finding->basis.title, " ",
                                                finding->basis.article, NULL);
          append_json_string (out, basis);
        }
      append_member (out, "basis_url", finding->basis.url, FALSE);
      append_member (out, "fix", finding->fix, FALSE);
      g_string_append (out, finding->verified ? ",\"verified\":true}" : ",\"verified\":false}");
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}
