/* cr-condition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A condition is JSON: `true`, `false`, or an object with exactly one
 * operator key. Everything is checked when the rule set is loaded (operator
 * names, arity, variables, the scope and phase they are available in, the
 * types on both sides of a comparison, enumeration values, slot ids), so
 * evaluation cannot fail: a wrong rule set is refused, never half-applied.
 *
 * Null semantics: `eq`/`ne` treat null as a value (null equals only null);
 * the ordered comparisons (`lt`, `le`, `gt`, `ge`) are false when either side
 * is null. Guard with `is_null` where that matters.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-condition.h"
#include "cr-date.h"
#include "cr-money.h"

G_DEFINE_QUARK (cr-condition-error-quark, cr_condition_error)

typedef enum
{
  OP_CONST,
  OP_ALL,
  OP_ANY,
  OP_NOT,
  OP_REF,
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
  OP_IS_NULL,
  OP_HAS_PENALTY,
  OP_ONLY_PENALTIES,
  OP_HAS_MATERIAL,
  OP_MISSING_SLOT,
} Op;

typedef enum
{
  VT_NULL,
  VT_BOOL,
  VT_STRING,
  VT_DATE,
  VT_MONEY,
  VT_INT,
} ValueType;

typedef struct
{
  ValueType   type;
  gboolean    b;
  const char *s;      /* borrowed from the facts, or owned by the condition */
  guint32     julian;
  gint64      n;
} Value;

typedef enum
{
  VAR_ON,
  VAR_CASE_RECORD_COUNT,
  VAR_APPLICANT_ROLE,
  VAR_RECORD_ID,
  VAR_RECORD_KIND,
  VAR_RECORD_DOMAIN,
  VAR_RECORD_SEVERITY,
  VAR_RECORD_DECISION_DATE,
  VAR_RECORD_PUBLICATION_DATE,
  VAR_RECORD_SIMPLE_PROCEDURE,
  VAR_RECORD_RECTIFICATION_ORDERED,
  VAR_RECORD_FINE_TOTAL,
  VAR_RECORD_PENALTY_COUNT,
  VAR_RECORD_FINE_PAID_AMOUNT,
  VAR_RECORD_FINE_PAID_DATE,
  VAR_RECORD_RECTIFICATION_COMPLETED,
  VAR_PERIOD_ID,
  VAR_PERIOD_EARLIEST_KIND,
  VAR_RECORD_EARLIEST_APPLICATION_DATE,
  VAR_RECORD_DISPLAY_END_DATE,
  VAR_RECORD_STATUS,
  VAR_RECORD_SUGGESTED_SEVERITY,
} VarId;

static const char * const kinds[] = {
  "administrative_penalty", "serious_dishonesty_list", "other", NULL
};
static const char * const domains[] = {
  "market_regulation", "food", "drug", "special_equipment", "work_safety", "fire",
  "environment", "construction_quality", "product_certification", "transport", "tax",
  "customs", "labour", "other", NULL
};
static const char * const classes[] = {
  "minor", "general", "serious", "specific_serious", NULL
};
static const char * const penalty_types[] = {
  "warning", "circulated_criticism", "fine", "confiscation_of_illegal_gains",
  "confiscation_of_illegal_property", "license_suspension", "qualification_downgrade",
  "license_revocation", "business_restriction", "production_suspension", "closure",
  "employment_restriction", "detention", "other", NULL
};
static const char * const statuses[] = {
  "wrong_channel", "not_published", "expired", "not_repairable", "not_yet_eligible",
  "eligible", NULL
};
static const char * const roles[] = { "legal_representative", "agent", NULL };
static const char * const earliest_kinds[] = { "months", "never", "not_published", NULL };

typedef struct
{
  const char         *name;
  VarId               id;
  ValueType           type;
  gboolean            nullable;
  CrScope             scope;
  CrPhase             phase;
  const char * const *values; /* enumeration, or NULL */
} VarInfo;

static const VarInfo variables[] = {
  { "$on", VAR_ON, VT_DATE, FALSE, CR_SCOPE_CASE, CR_PHASE_FACTS, NULL },
  { "$case.record_count", VAR_CASE_RECORD_COUNT, VT_INT, FALSE, CR_SCOPE_CASE, CR_PHASE_FACTS, NULL },
  { "$applicant.role", VAR_APPLICANT_ROLE, VT_STRING, TRUE, CR_SCOPE_CASE, CR_PHASE_FACTS, roles },
  { "$record.id", VAR_RECORD_ID, VT_STRING, FALSE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.kind", VAR_RECORD_KIND, VT_STRING, FALSE, CR_SCOPE_RECORD, CR_PHASE_FACTS, kinds },
  { "$record.domain", VAR_RECORD_DOMAIN, VT_STRING, FALSE, CR_SCOPE_RECORD, CR_PHASE_FACTS, domains },
  { "$record.severity", VAR_RECORD_SEVERITY, VT_STRING, TRUE, CR_SCOPE_RECORD, CR_PHASE_FACTS, classes },
  { "$record.decision_date", VAR_RECORD_DECISION_DATE, VT_DATE, FALSE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.publication_date", VAR_RECORD_PUBLICATION_DATE, VT_DATE, TRUE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.simple_procedure", VAR_RECORD_SIMPLE_PROCEDURE, VT_BOOL, FALSE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.rectification_ordered", VAR_RECORD_RECTIFICATION_ORDERED, VT_BOOL, FALSE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.fine_total", VAR_RECORD_FINE_TOTAL, VT_MONEY, TRUE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.penalty_count", VAR_RECORD_PENALTY_COUNT, VT_INT, FALSE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.performance.fine_paid_amount", VAR_RECORD_FINE_PAID_AMOUNT, VT_MONEY, TRUE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.performance.fine_paid_date", VAR_RECORD_FINE_PAID_DATE, VT_DATE, TRUE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$record.performance.rectification_completed", VAR_RECORD_RECTIFICATION_COMPLETED, VT_BOOL, TRUE, CR_SCOPE_RECORD, CR_PHASE_FACTS, NULL },
  { "$period.id", VAR_PERIOD_ID, VT_STRING, TRUE, CR_SCOPE_RECORD, CR_PHASE_PERIOD, NULL },
  { "$period.earliest_kind", VAR_PERIOD_EARLIEST_KIND, VT_STRING, TRUE, CR_SCOPE_RECORD, CR_PHASE_PERIOD, earliest_kinds },
  { "$record.earliest_application_date", VAR_RECORD_EARLIEST_APPLICATION_DATE, VT_DATE, TRUE, CR_SCOPE_RECORD, CR_PHASE_PERIOD, NULL },
  { "$record.display_end_date", VAR_RECORD_DISPLAY_END_DATE, VT_DATE, TRUE, CR_SCOPE_RECORD, CR_PHASE_PERIOD, NULL },
  { "$record.status", VAR_RECORD_STATUS, VT_STRING, TRUE, CR_SCOPE_RECORD, CR_PHASE_STATUS, statuses },
  { "$record.suggested_severity", VAR_RECORD_SUGGESTED_SEVERITY, VT_STRING, TRUE, CR_SCOPE_RECORD, CR_PHASE_STATUS, classes },
};

typedef struct
{
  gboolean        is_var;
  const VarInfo  *var;
  Value           literal;
} Operand;

struct _CrCondition
{
  gatomicrefcount  ref_count;
  Op               op;
  CrScope          scope;    /* the widest scope a variable needs */
  CrPhase          phase;    /* the latest phase a variable needs */
  gboolean         constant;
  GPtrArray       *children; /* all, any, not */
  CrCondition     *ref;
  Operand          a;
  Operand          b;
  Value           *list;     /* in */
  guint            n_list;
  GStrv            strv;     /* has_penalty, only_penalties */
  char            *slot;
};

static const char *
type_name (ValueType type)
{
  switch (type)
    {
    case VT_NULL: return "null";
    case VT_BOOL: return "boolean";
    case VT_STRING: return "string";
    case VT_DATE: return "date";
    case VT_MONEY: return "money";
    case VT_INT: return "integer";
    default: g_assert_not_reached ();
    }
}

const char * const *
cr_condition_get_kinds (void)
{
  return kinds;
}

const char * const *
cr_condition_get_domains (void)
{
  return domains;
}

const char * const *
cr_condition_get_classes (void)
{
  return classes;
}

const char * const *
cr_condition_get_penalty_types (void)
{
  return penalty_types;
}

const char * const *
cr_condition_get_statuses (void)
{
  return statuses;
}

gboolean
cr_condition_enum_contains (const char * const *values,
                            const char         *value)
{
  return value != NULL && g_strv_contains (values, value);
}

char *
cr_json_pointer_append (const char *pointer,
                        const char *token)
{
  GString *s = g_string_new (pointer);

  g_string_append_c (s, '/');
  for (const char *p = token; *p; p++)
    {
      if (*p == '~')
        g_string_append (s, "~0");
      else if (*p == '/')
        g_string_append (s, "~1");
      else
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

char *
cr_json_pointer_append_index (const char *pointer,
                              guint       index)
{
  return g_strdup_printf ("%s/%u", pointer, index);
}

static CrCondition *
condition_new (Op op)
{
  CrCondition *self = g_new0 (CrCondition, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->op = op;
  self->scope = CR_SCOPE_CASE;
  self->phase = CR_PHASE_FACTS;

  return self;
}

CrCondition *
cr_condition_ref (CrCondition *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cr_condition_unref (CrCondition *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->ref, cr_condition_unref);
  g_free (self->list);
  g_strfreev (self->strv);
  g_free (self->slot);
  g_free (self);
}

CrScope
cr_condition_get_scope (const CrCondition *self)
{
  return self->scope;
}

CrPhase
cr_condition_get_phase (const CrCondition *self)
{
  return self->phase;
}

static void
need (CrCondition *self,
      CrScope      scope,
      CrPhase      phase)
{
  self->scope = MAX (self->scope, scope);
  self->phase = MAX (self->phase, phase);
}

static gboolean set_invalid (GError    **error,
                             const char *pointer,
                             const char *format,
                             ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_invalid (GError    **error,
             const char *pointer,
             const char *format,
             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CR_CONDITION_ERROR, CR_CONDITION_ERROR_INVALID,
               "%s: %s", pointer, detail);
  return FALSE;
}

static gboolean
check_availability (const CrConditionEnv *env,
                    const char           *name,
                    CrScope               scope,
                    CrPhase               phase,
                    const char           *pointer,
                    GError              **error)
{
  if (scope > env->scope)
    return set_invalid (error, pointer,
                        _("“%s” describes a record and cannot be used in a case-wide condition"),
                        name);

  if (phase > env->phase)
    {
      if (phase == CR_PHASE_PERIOD)
        return set_invalid (error, pointer,
                            _("“%s” depends on the period and cannot be used before it is known "
                              "(in a period row)"), name);
      return set_invalid (error, pointer,
                          _("“%s” depends on the status and can only be used in rules"), name);
    }

  return TRUE;
}

/* Resolves @node as an operand. A string starting with "$" names a variable;
 * anything else is kept as a literal (@literal_node) to be typed later. */
static gboolean
resolve_operand (JsonNode              *node,
                 const CrConditionEnv  *env,
                 CrCondition           *self,
                 const char            *pointer,
                 Operand               *out,
                 JsonNode             **literal_node,
                 GError               **error)
{
  const char *name;

  *literal_node = NULL;
  memset (out, 0, sizeof *out);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      (name = json_node_get_string (node))[0] == '$')
    {
      for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
        {
          if (g_str_equal (variables[i].name, name))
            {
              if (!check_availability (env, name, variables[i].scope, variables[i].phase,
                                       pointer, error))
                return FALSE;
              out->is_var = TRUE;
              out->var = &variables[i];
              need (self, variables[i].scope, variables[i].phase);
              return TRUE;
            }
        }
      return set_invalid (error, pointer, _("unknown variable “%s”"), name);
    }

  if (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node))
    return set_invalid (error, pointer, _("expected a variable or a single value"));

  *literal_node = node;
  return TRUE;
}

/* Converts a literal JSON value to the type of @var. The strings it keeps
 * point into the rule set's JSON document, which outlives the condition. */
static gboolean
type_literal (JsonNode       *node,
              const VarInfo  *var,
              gboolean        allow_null,
              const char     *pointer,
              Value          *out,
              GError        **error)
{
  GType gtype = JSON_NODE_HOLDS_NULL (node) ? G_TYPE_NONE : json_node_get_value_type (node);
  g_autoptr(GError) local_error = NULL;

  memset (out, 0, sizeof *out);

  if (gtype == G_TYPE_NONE)
    {
      if (!allow_null)
        return set_invalid (error, pointer, _("null cannot be compared in this way"));
      if (!var->nullable)
        return set_invalid (error, pointer, _("“%s” is never null"), var->name);
      out->type = VT_NULL;
      return TRUE;
    }

  switch (var->type)
    {
    case VT_BOOL:
      if (gtype != G_TYPE_BOOLEAN)
        return set_invalid (error, pointer, _("“%s” is a %s; expected true or false"),
                            var->name, type_name (var->type));
      out->type = VT_BOOL;
      out->b = json_node_get_boolean (node);
      return TRUE;

    case VT_INT:
      if (gtype != G_TYPE_INT64)
        return set_invalid (error, pointer, _("“%s” is an integer; expected a whole number"),
                            var->name);
      out->type = VT_INT;
      out->n = json_node_get_int (node);
      return TRUE;

    case VT_STRING:
      if (gtype != G_TYPE_STRING)
        return set_invalid (error, pointer, _("“%s” is a string; expected a string value"),
                            var->name);
      out->type = VT_STRING;
      out->s = json_node_get_string (node);
      if (var->values != NULL && !g_strv_contains (var->values, out->s))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) var->values);
          return set_invalid (error, pointer, _("“%s” is not a value of %s (one of: %s)"),
                              out->s, var->name, allowed);
        }
      return TRUE;

    case VT_DATE:
      {
        GDate date;

        if (gtype != G_TYPE_STRING || !cr_date_parse (json_node_get_string (node), &date, &local_error))
          return set_invalid (error, pointer, _("“%s” is a date; expected a date written YYYY-MM-DD"),
                              var->name);
        out->type = VT_DATE;
        out->julian = g_date_get_julian (&date);
        return TRUE;
      }

    case VT_MONEY:
      if (gtype != G_TYPE_STRING ||
          !cr_money_parse (json_node_get_string (node), &out->n, &local_error))
        return set_invalid (error, pointer,
                            _("“%s” is an amount of money; expected a decimal string such as "
                              "\"5000\" or \"1234.50\""), var->name);
      out->type = VT_MONEY;
      return TRUE;

    case VT_NULL:
    default:
      g_assert_not_reached ();
    }
}

static JsonArray *
expect_array (JsonNode   *node,
              guint       min_length,
              guint       max_length,
              const char *pointer,
              GError    **error)
{
  JsonArray *array;
  guint len;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, pointer, _("expected an array"));
      return NULL;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len < min_length || len > max_length)
    {
      if (min_length == max_length)
        set_invalid (error, pointer, _("expected an array of %u elements"), min_length);
      else
        set_invalid (error, pointer, _("expected a non-empty array"));
      return NULL;
    }

  return array;
}

static gboolean
compile_comparison (CrCondition           *self,
                    JsonNode              *arg,
                    const CrConditionEnv  *env,
                    const char            *pointer,
                    GError               **error)
{
  gboolean ordered = self->op != OP_EQ && self->op != OP_NE;
  g_autofree char *p0 = cr_json_pointer_append_index (pointer, 0);
  g_autofree char *p1 = cr_json_pointer_append_index (pointer, 1);
  JsonNode *lit_a, *lit_b;
  JsonArray *array;

  if ((array = expect_array (arg, 2, 2, pointer, error)) == NULL)
    return FALSE;

  if (!resolve_operand (json_array_get_element (array, 0), env, self, p0, &self->a, &lit_a, error) ||
      !resolve_operand (json_array_get_element (array, 1), env, self, p1, &self->b, &lit_b, error))
    return FALSE;

  if (!self->a.is_var && !self->b.is_var)
    return set_invalid (error, pointer, _("at least one side of a comparison must be a variable"));

  if (self->a.is_var && self->b.is_var)
    {
      if (self->a.var->type != self->b.var->type)
        return set_invalid (error, pointer, _("cannot compare “%s” (%s) with “%s” (%s)"),
                            self->a.var->name, type_name (self->a.var->type),
                            self->b.var->name, type_name (self->b.var->type));
    }
  else if (self->a.is_var)
    {
      if (!type_literal (lit_b, self->a.var, !ordered, p1, &self->b.literal, error))
        return FALSE;
    }
  else
    {
      if (!type_literal (lit_a, self->b.var, !ordered, p0, &self->a.literal, error))
        return FALSE;
    }

  if (ordered)
    {
      const VarInfo *var = self->a.is_var ? self->a.var : self->b.var;

      if (var->type != VT_DATE && var->type != VT_MONEY && var->type != VT_INT)
        return set_invalid (error, pointer,
                            _("“%s” is a %s and has no order; use eq, ne or in"),
                            var->name, type_name (var->type));
    }

  return TRUE;
}

static gboolean
compile_in (CrCondition           *self,
            JsonNode              *arg,
            const CrConditionEnv  *env,
            const char            *pointer,
            GError               **error)
{
  g_autofree char *p0 = cr_json_pointer_append_index (pointer, 0);
  g_autofree char *p1 = cr_json_pointer_append_index (pointer, 1);
  JsonArray *array, *values;
  JsonNode *lit;

  if ((array = expect_array (arg, 2, 2, pointer, error)) == NULL)
    return FALSE;

  if (!resolve_operand (json_array_get_element (array, 0), env, self, p0, &self->a, &lit, error))
    return FALSE;
  if (!self->a.is_var)
    return set_invalid (error, p0, _("expected a variable"));
  if (self->a.var->type != VT_STRING && self->a.var->type != VT_INT)
    return set_invalid (error, p0, _("“%s” is a %s; “in” takes strings or integers"),
                        self->a.var->name, type_name (self->a.var->type));

  if ((values = expect_array (json_array_get_element (array, 1), 1, G_MAXUINT, p1, error)) == NULL)
    return FALSE;

  self->n_list = json_array_get_length (values);
  self->list = g_new0 (Value, self->n_list);
  for (guint i = 0; i < self->n_list; i++)
    {
      g_autofree char *pi = cr_json_pointer_append_index (p1, i);

      if (!type_literal (json_array_get_element (values, i), self->a.var, TRUE, pi,
                         &self->list[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
compile_penalties (CrCondition           *self,
                   JsonNode              *arg,
                   const CrConditionEnv  *env,
                   const char            *pointer,
                   const char            *op_name,
                   GError               **error)
{
  JsonArray *array;
  guint len;

  if (!check_availability (env, op_name, CR_SCOPE_RECORD, CR_PHASE_FACTS, pointer, error))
    return FALSE;
  need (self, CR_SCOPE_RECORD, CR_PHASE_FACTS);

  if ((array = expect_array (arg, 1, G_MAXUINT, pointer, error)) == NULL)
    return FALSE;

  len = json_array_get_length (array);
  self->strv = g_new0 (char *, len + 1);
  for (guint i = 0; i < len; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *pi = cr_json_pointer_append_index (pointer, i);
      const char *type;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return set_invalid (error, pi, _("expected a penalty type"));
      type = json_node_get_string (element);
      if (!g_strv_contains (penalty_types, type))
        return set_invalid (error, pi, _("“%s” is not a penalty type"), type);
      self->strv[i] = g_strdup (type);
    }

  return TRUE;
}

static gboolean
compile_slot (CrCondition           *self,
              JsonNode              *arg,
              const CrConditionEnv  *env,
              const char            *pointer,
              GError               **error)
{
  const char *slot;

  if (!JSON_NODE_HOLDS_VALUE (arg) || json_node_get_value_type (arg) != G_TYPE_STRING)
    return set_invalid (error, pointer, _("expected a slot id"));

  slot = json_node_get_string (arg);
  if (env->slots != NULL && !g_hash_table_contains (env->slots, slot))
    return set_invalid (error, pointer, _("“%s” is not a slot defined by this rule set"), slot);

  self->slot = g_strdup (slot);
  /* In a record's condition the slot is looked up for that record; in a
   * case-wide one, for any record. Both are fine. */
  need (self, env->scope, CR_PHASE_FACTS);
  return TRUE;
}

static const struct
{
  const char *name;
  Op          op;
} operators[] = {
  { "all", OP_ALL },
  { "any", OP_ANY },
  { "not", OP_NOT },
  { "ref", OP_REF },
  { "eq", OP_EQ },
  { "ne", OP_NE },
  { "lt", OP_LT },
  { "le", OP_LE },
  { "gt", OP_GT },
  { "ge", OP_GE },
  { "in", OP_IN },
  { "is_null", OP_IS_NULL },
  { "has_penalty", OP_HAS_PENALTY },
  { "only_penalties", OP_ONLY_PENALTIES },
  { "has_material", OP_HAS_MATERIAL },
  { "missing_slot", OP_MISSING_SLOT },
};

/**
 * cr_condition_compile:
 * @node: the JSON condition
 * @env: the scope and phase it is evaluated in, and what it may refer to
 * @pointer: the JSON pointer of @node in its document, for messages
 *
 * Returns: (transfer full): the compiled condition, or %NULL with @error
 * (%CR_CONDITION_ERROR_INVALID) whose message starts with the JSON pointer of
 * the offending part.
 */
CrCondition *
cr_condition_compile (JsonNode              *node,
                      const CrConditionEnv  *env,
                      const char            *pointer,
                      GError               **error)
{
  g_autoptr(CrCondition) self = NULL;
  g_autofree char *arg_pointer = NULL;
  JsonObject *object;
  const char *name = NULL;
  JsonNode *arg;
  guint i;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (pointer != NULL, NULL);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      self = condition_new (OP_CONST);
      self->constant = json_node_get_boolean (node);
      return g_steal_pointer (&self);
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, pointer, _("expected a condition: true, false or an object with one operator"));
      return NULL;
    }

  object = json_node_get_object (node);
  if (json_object_get_size (object) != 1)
    {
      set_invalid (error, pointer, _("a condition object must have exactly one operator"));
      return NULL;
    }

  {
    g_autoptr(GList) members = json_object_get_members (object);
    name = members->data;
  }

  for (i = 0; i < G_N_ELEMENTS (operators); i++)
    {
      if (g_str_equal (operators[i].name, name))
        break;
    }
  if (i == G_N_ELEMENTS (operators))
    {
      set_invalid (error, pointer, _("unknown operator “%s”"), name);
      return NULL;
    }

  self = condition_new (operators[i].op);
  arg = json_object_get_member (object, name);
  arg_pointer = cr_json_pointer_append (pointer, name);

  switch (self->op)
    {
    case OP_ALL:
    case OP_ANY:
      {
        JsonArray *array = expect_array (arg, 1, G_MAXUINT, arg_pointer, error);

        if (array == NULL)
          return NULL;
        self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_condition_unref);
        for (guint j = 0; j < json_array_get_length (array); j++)
          {
            g_autofree char *pj = cr_json_pointer_append_index (arg_pointer, j);
            CrCondition *child = cr_condition_compile (json_array_get_element (array, j), env,
                                                       pj, error);
            if (child == NULL)
              return NULL;
            need (self, child->scope, child->phase);
            g_ptr_array_add (self->children, child);
          }
      }
      break;

    case OP_NOT:
      {
        CrCondition *child = cr_condition_compile (arg, env, arg_pointer, error);

        if (child == NULL)
          return NULL;
        need (self, child->scope, child->phase);
        self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_condition_unref);
        g_ptr_array_add (self->children, child);
      }
      break;

    case OP_REF:
      {
        const char *def_name;
        CrCondition *def;

        if (!JSON_NODE_HOLDS_VALUE (arg) || json_node_get_value_type (arg) != G_TYPE_STRING)
          {
            set_invalid (error, arg_pointer, _("expected the name of a definition"));
            return NULL;
          }
        def_name = json_node_get_string (arg);
        def = env->definitions ? g_hash_table_lookup (env->definitions, def_name) : NULL;
        if (def == NULL)
          {
            set_invalid (error, arg_pointer,
                         _("unknown definition “%s” (a definition can only use the ones written "
                           "before it)"), def_name);
            return NULL;
          }
        if (!check_availability (env, def_name, def->scope, def->phase, arg_pointer, error))
          return NULL;
        need (self, def->scope, def->phase);
        self->ref = cr_condition_ref (def);
      }
      break;

    case OP_EQ:
    case OP_NE:
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      if (!compile_comparison (self, arg, env, arg_pointer, error))
        return NULL;
      break;

    case OP_IN:
      if (!compile_in (self, arg, env, arg_pointer, error))
        return NULL;
      break;

    case OP_IS_NULL:
      {
        JsonNode *lit;

        if (!resolve_operand (arg, env, self, arg_pointer, &self->a, &lit, error))
          return NULL;
        if (!self->a.is_var)
          {
            set_invalid (error, arg_pointer, _("expected a variable"));
            return NULL;
          }
        if (!self->a.var->nullable)
          {
            set_invalid (error, arg_pointer, _("“%s” is never null"), self->a.var->name);
            return NULL;
          }
      }
      break;

    case OP_HAS_PENALTY:
    case OP_ONLY_PENALTIES:
      if (!compile_penalties (self, arg, env, arg_pointer, name, error))
        return NULL;
      break;

    case OP_HAS_MATERIAL:
    case OP_MISSING_SLOT:
      if (!compile_slot (self, arg, env, arg_pointer, error))
        return NULL;
      break;

    case OP_CONST:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&self);
}

static void
date_value (const GDate *date,
            Value       *out)
{
  if (g_date_valid (date))
    {
      out->type = VT_DATE;
      out->julian = g_date_get_julian (date);
    }
  else
    out->type = VT_NULL;
}

static void
string_value (const char *s,
              Value      *out)
{
  out->type = s != NULL ? VT_STRING : VT_NULL;
  out->s = s;
}

static void
get_variable (const VarInfo       *var,
              const CrCaseFacts   *facts,
              const CrRecordFacts *r,
              Value               *out)
{
  memset (out, 0, sizeof *out);

  /* The compiler guarantees that record variables only appear where a
   * record is given. */
  g_assert (var->scope == CR_SCOPE_CASE || r != NULL);

  switch (var->id)
    {
    case VAR_ON:
      date_value (&facts->on, out);
      break;
    case VAR_CASE_RECORD_COUNT:
      out->type = VT_INT;
      out->n = facts->n_records;
      break;
    case VAR_APPLICANT_ROLE:
      string_value (facts->applicant_role, out);
      break;
    case VAR_RECORD_ID:
      string_value (r->id, out);
      break;
    case VAR_RECORD_KIND:
      string_value (r->kind, out);
      break;
    case VAR_RECORD_DOMAIN:
      string_value (r->domain, out);
      break;
    case VAR_RECORD_SEVERITY:
      string_value (r->severity, out);
      break;
    case VAR_RECORD_DECISION_DATE:
      date_value (&r->decision_date, out);
      break;
    case VAR_RECORD_PUBLICATION_DATE:
      date_value (&r->publication_date, out);
      break;
    case VAR_RECORD_SIMPLE_PROCEDURE:
      out->type = VT_BOOL;
      out->b = r->simple_procedure;
      break;
    case VAR_RECORD_RECTIFICATION_ORDERED:
      out->type = VT_BOOL;
      out->b = r->rectification_ordered;
      break;
    case VAR_RECORD_FINE_TOTAL:
      out->type = r->fine_total_known ? VT_MONEY : VT_NULL;
      out->n = r->fine_total;
      break;
    case VAR_RECORD_PENALTY_COUNT:
      out->type = VT_INT;
      out->n = r->n_penalties;
      break;
    case VAR_RECORD_FINE_PAID_AMOUNT:
      out->type = r->fine_paid_amount_known ? VT_MONEY : VT_NULL;
      out->n = r->fine_paid_amount;
      break;
    case VAR_RECORD_FINE_PAID_DATE:
      date_value (&r->fine_paid_date, out);
      break;
    case VAR_RECORD_RECTIFICATION_COMPLETED:
      out->type = r->rectification_completed < 0 ? VT_NULL : VT_BOOL;
      out->b = r->rectification_completed > 0;
      break;
    case VAR_PERIOD_ID:
      string_value (r->period_id, out);
      break;
    case VAR_PERIOD_EARLIEST_KIND:
      string_value (r->period_earliest_kind, out);
      break;
    case VAR_RECORD_EARLIEST_APPLICATION_DATE:
      date_value (&r->earliest_application_date, out);
      break;
    case VAR_RECORD_DISPLAY_END_DATE:
      date_value (&r->display_end_date, out);
      break;
    case VAR_RECORD_STATUS:
      string_value (r->status, out);
      break;
    case VAR_RECORD_SUGGESTED_SEVERITY:
      string_value (r->suggested_severity, out);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
operand_value (const Operand       *operand,
               const CrCaseFacts   *facts,
               const CrRecordFacts *record,
               Value               *out)
{
  if (operand->is_var)
    get_variable (operand->var, facts, record, out);
  else
    *out = operand->literal;
}

/* Returns <0, 0, >0; both values have the same non-null type. */
static int
compare_values (const Value *a,
                const Value *b)
{
  switch (a->type)
    {
    case VT_BOOL:
      return (int) a->b - (int) b->b;
    case VT_STRING:
      return strcmp (a->s, b->s);
    case VT_DATE:
      return a->julian < b->julian ? -1 : a->julian > b->julian;
    case VT_MONEY:
    case VT_INT:
      return a->n < b->n ? -1 : a->n > b->n;
    case VT_NULL:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
values_equal (const Value *a,
              const Value *b)
{
  if (a->type == VT_NULL || b->type == VT_NULL)
    return a->type == b->type;

  return compare_values (a, b) == 0;
}

static gboolean
material_present (const char          *slot,
                  const CrCaseFacts   *facts,
                  const CrRecordFacts *record)
{
  gboolean case_wide = facts->case_wide_slots != NULL &&
                       g_hash_table_contains (facts->case_wide_slots, slot);

  for (guint i = 0; i < facts->n_materials; i++)
    {
      const CrMaterialFacts *m = &facts->materials[i];

      if (g_strcmp0 (m->slot, slot) != 0)
        continue;
      if (record == NULL)
        return TRUE;
      if (g_strcmp0 (m->record, record->id) == 0)
        return TRUE;
      if (case_wide && m->record == NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * cr_condition_evaluate:
 * @record: (nullable): the record, for a record-scope condition
 *
 * Evaluates a compiled condition. Cannot fail.
 */
gboolean
cr_condition_evaluate (const CrCondition   *self,
                       const CrCaseFacts   *facts,
                       const CrRecordFacts *record)
{
  Value a, b;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (self->scope == CR_SCOPE_CASE || record != NULL, FALSE);

  switch (self->op)
    {
    case OP_CONST:
      return self->constant;

    case OP_ALL:
      for (guint i = 0; i < self->children->len; i++)
        {
          if (!cr_condition_evaluate (g_ptr_array_index (self->children, i), facts, record))
            return FALSE;
        }
      return TRUE;

    case OP_ANY:
      for (guint i = 0; i < self->children->len; i++)
        {
          if (cr_condition_evaluate (g_ptr_array_index (self->children, i), facts, record))
            return TRUE;
        }
      return FALSE;

    case OP_NOT:
      return !cr_condition_evaluate (g_ptr_array_index (self->children, 0), facts, record);

    case OP_REF:
      return cr_condition_evaluate (self->ref, facts, record);

    case OP_EQ:
    case OP_NE:
      operand_value (&self->a, facts, record, &a);
      operand_value (&self->b, facts, record, &b);
      return values_equal (&a, &b) == (self->op == OP_EQ);

    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      {
        int cmp;

        operand_value (&self->a, facts, record, &a);
        operand_value (&self->b, facts, record, &b);
        if (a.type == VT_NULL || b.type == VT_NULL)
          return FALSE;
        cmp = compare_values (&a, &b);
        if (self->op == OP_LT)
          return cmp < 0;
        if (self->op == OP_LE)
          return cmp <= 0;
        if (self->op == OP_GT)
          return cmp > 0;
        return cmp >= 0;
      }

    case OP_IN:
      operand_value (&self->a, facts, record, &a);
      for (guint i = 0; i < self->n_list; i++)
        {
          if (values_equal (&a, &self->list[i]))
            return TRUE;
        }
      return FALSE;

    case OP_IS_NULL:
      operand_value (&self->a, facts, record, &a);
      return a.type == VT_NULL;

    case OP_HAS_PENALTY:
      for (guint i = 0; i < record->n_penalties; i++)
        {
          if (g_strv_contains ((const char * const *) self->strv, record->penalty_types[i]))
            return TRUE;
        }
      return FALSE;

    case OP_ONLY_PENALTIES:
      if (record->n_penalties == 0)
        return FALSE;
      for (guint i = 0; i < record->n_penalties; i++)
        {
          if (!g_strv_contains ((const char * const *) self->strv, record->penalty_types[i]))
            return FALSE;
        }
      return TRUE;

    case OP_HAS_MATERIAL:
      return material_present (self->slot, facts, self->scope == CR_SCOPE_RECORD ? record : NULL);

    case OP_MISSING_SLOT:
      return !material_present (self->slot, facts, self->scope == CR_SCOPE_RECORD ? record : NULL);

    default:
      g_assert_not_reached ();
    }
}
